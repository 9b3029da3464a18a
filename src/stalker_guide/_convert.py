"""Parse the TOML data, convert it into records and check all of it (the loader's slow path).

:func:`stalker_guide.load` calls :func:`read_folder` when the cache (see
:mod:`stalker_guide.cache`) cannot serve it, and
:func:`stalker_guide.load.from_documents` calls :func:`read_documents`. Every
problem is collected and raised together in one
:class:`~stalker_guide.load.DataError`.

>>> from stalker_guide.load import find_data
>>> read_folder(find_data()).film.title
'Stalker'
"""

from __future__ import annotations

import os
import re
import types
import typing
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Final, Union

from .guide import KINDS, Guide
from .load import FILES, DataError, FileSpec, Problem
from .model import Citation, PartialDate, QuoteKind, fields, is_record_class, type_hints

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = ["read_folder", "read_documents"]

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_YEARS = range(1800, 2101)


def _suggest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=cutoff)
    return f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""


def _type_name(tp: Any) -> str:
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        return " or ".join(_type_name(a) for a in typing.get_args(tp) if a is not type(None))
    if origin is tuple:
        return f"a list of {_type_name(typing.get_args(tp)[0])}"
    if tp is PartialDate:
        return 'a date ("YYYY", "YYYY-MM" or "YYYY-MM-DD")'
    if isinstance(tp, type) and issubclass(tp, StrEnum):
        return "one of " + ", ".join(repr(m.value) for m in tp)
    if is_record_class(tp):
        return "a table" if tp is not Citation else 'a source id or a table {source = "..."}'
    return {str: "a string", int: "an integer", bool: "true or false"}.get(tp, str(tp))


def _given(value: Any) -> str:
    kind = {
        str: "string",
        int: "integer",
        bool: "boolean",
        float: "float",
        list: "list",
        dict: "table",
    }.get(type(value), type(value).__name__)
    text = repr(value)
    return f"{kind} {text if len(text) <= 40 else text[:37] + '...'}"


class _Converter:
    """Turns parsed TOML into records, noting problems and references as it goes."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        # (file, entity, field path, id, allowed kinds)
        self.references: list[tuple[str, str, str, str, tuple[str, ...]]] = []
        # Kinds whose file could not be read, and ids of records that failed:
        # references to them are not reported again as dangling.
        self.broken_kinds: set[str] = set()
        self.failed_ids: set[str] = set()
        self.file = ""
        self.entity = ""

    def problem(self, path: str, message: str) -> None:
        self.problems.append(
            Problem(file=self.file, entity=self.entity, field=path, message=message)
        )

    def hints(self, cls: type[Any]) -> dict[str, Any]:
        return type_hints(cls)

    def record(self, cls: type[Any], table: Any, path: str) -> Any:
        """Build one record of ``cls`` from a TOML table, or return None on problems."""
        if not isinstance(table, dict):
            self.problem(path, f"expected {_type_name(cls)}, got {_given(table)}")
            return None
        specs = {f.name: f for f in fields(cls)}
        before = len(self.problems)
        for key in table:
            if key not in specs:
                self.problem(
                    _join(path, key),
                    f"unknown key{_suggest(key, specs)}; expected one of: {', '.join(specs)}",
                )
        values: dict[str, Any] = {}
        hints = self.hints(cls)
        for name, spec in specs.items():
            where = _join(path, name)
            if name not in table:
                if spec.required:
                    self.problem(
                        where, f"missing required field; expected {_type_name(hints[name])}"
                    )
                continue
            value = self.value(hints[name], table[name], where, spec.metadata)
            if value is not None:
                values[name] = value
        if len(self.problems) > before:
            return None
        return cls(**values)

    def value(self, tp: Any, raw: Any, path: str, meta: Mapping[str, Any]) -> Any:
        origin = typing.get_origin(tp)
        if origin in (Union, types.UnionType):
            (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
            return self.value(inner, raw, path, meta)
        if origin is tuple:
            if not isinstance(raw, list):
                self.problem(path, f"expected {_type_name(tp)}, got {_given(raw)}")
                return None
            item = typing.get_args(tp)[0]
            items = [self.value(item, x, f"{path}[{i}]", meta) for i, x in enumerate(raw)]
            if path.endswith("citations") and not items:
                self.problem(path, "needs at least one citation: every fact cites a source")
            return tuple(items)
        if tp is Citation and isinstance(raw, str):
            raw = {"source": raw}
        if is_record_class(tp):
            return self.record(tp, raw, path)
        if tp is bool:
            if not isinstance(raw, bool):
                self.problem(path, f"expected true or false, got {_given(raw)}")
            return raw
        if tp is int:
            if not isinstance(raw, int) or isinstance(raw, bool):
                self.problem(path, f"expected an integer, got {_given(raw)}")
                return None
            if meta.get("year") and raw not in _YEARS:
                self.problem(
                    path, f"expected a year between {_YEARS.start} and {_YEARS.stop - 1}, got {raw}"
                )
            return raw
        # Everything else is text: plain strings, dates, enums and ids.
        if not isinstance(raw, str):
            import datetime

            hint = " (write dates as strings)" if isinstance(raw, datetime.date) else ""
            self.problem(path, f"expected {_type_name(tp)}, got {_given(raw)}{hint}")
            return None
        if not raw.strip():
            self.problem(path, "empty string; leave an optional field out instead")
            return None
        if tp is PartialDate:
            if not _valid_date(raw):
                self.problem(path, f"expected {_type_name(tp)} that exists, got {raw!r}")
            return raw
        if isinstance(tp, type) and issubclass(tp, StrEnum):
            try:
                return tp(raw)
            except ValueError:
                choices = [m.value for m in tp]
                self.problem(
                    path, f"expected {_type_name(tp)}, got {raw!r}{_suggest(raw, choices)}"
                )
                return None
        kinds = meta.get("ref")
        if kinds:
            self.references.append((self.file, self.entity, path, raw, kinds))
        return raw


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _valid_date(text: str) -> bool:
    match = _DATE.fullmatch(text)
    if not match:
        return False
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if year not in _YEARS:
        return False
    try:
        import datetime

        datetime.date(year, month or 1, day or 1)
    except ValueError:
        return False
    return True


def _label(folder: str | Traversable, name: str) -> str:
    if isinstance(folder, str):
        return os.path.join(folder, name)
    return f"stalker_guide/data/{name}"


def _files(folder: str | Traversable) -> list[str]:
    if isinstance(folder, str):
        return sorted(os.listdir(folder))
    return sorted(entry.name for entry in folder.iterdir())


def read_folder(folder: str | Traversable) -> Guide:
    """Read, convert and check every data file in ``folder``; raise DataError on any problem."""
    conv = _Converter()
    known = {spec.file for spec in FILES}
    stems = [name.removesuffix(".toml") for name in sorted(known)]
    for name in _files(folder):
        if name.endswith(".toml") and name not in known:
            hint = _suggest(name.removesuffix(".toml"), stems, cutoff=0.75)
            hint = hint.replace("' ", ".toml' ").replace("'?", ".toml'?")
            conv.problems.append(
                Problem(
                    file=_label(folder, name),
                    entity="",
                    field="",
                    message=f"unknown data file{hint}; expected one of: {', '.join(sorted(known))}",
                )
            )
    labels = {spec.kind: _label(folder, spec.file) for spec in FILES}
    documents: dict[str, Any] = {}
    for spec in FILES:
        conv.file = labels[spec.kind]
        documents[spec.kind] = _read(conv, folder, spec)
    return _build(conv, documents, labels)


def read_documents(documents: Mapping[str, Any], origin: str) -> Guide:
    """Convert and check parsed documents (see :func:`stalker_guide.load.from_documents`)."""
    conv = _Converter()
    labels = {spec.kind: f"{origin}/{spec.file}" for spec in FILES}
    for kind in documents:
        if kind not in labels:
            conv.problems.append(
                Problem(
                    file=origin,
                    entity="",
                    field=kind,
                    message=f"unknown kind; expected one of: {', '.join(labels)}",
                )
            )
    docs: dict[str, Any] = {}
    for spec in FILES:
        conv.file = labels[spec.kind]
        conv.entity = ""
        document = documents.get(spec.kind)
        if document is None and spec.kind == "film":
            conv.problem("", "missing file: the film's own record is required")
        elif document is not None and not isinstance(document, dict):
            conv.problem("", f"expected a table, got {_given(document)}")
            conv.broken_kinds.add(spec.kind)
            document = None
        docs[spec.kind] = document
    return _build(conv, docs, labels)


def _build(conv: _Converter, documents: Mapping[str, Any], labels: Mapping[str, str]) -> Guide:
    """Convert parsed documents (None: missing or unreadable) into records, check, build."""
    parsed: dict[str, list[tuple[str, Any]]] = {}
    for spec in FILES:
        conv.file = labels[spec.kind]
        parsed[spec.kind] = _convert(conv, spec, documents.get(spec.kind))
    records, index = _index(conv, parsed, labels)
    _check_references(conv, index)
    _check_rules(conv, records, index, labels)
    if conv.problems:
        raise DataError(conv.problems)
    film = records["film"][0][1] if records["film"] else None
    if film is None:  # pragma: no cover - reported above as missing film.toml
        raise DataError([Problem(file="film.toml", entity="", field="", message="no film record")])
    collections = {KINDS[k]: dict(records[k]) for k in KINDS}
    return Guide(film=film, credits=tuple(r for _, r in records["credit"]), **collections)


def _read(conv: _Converter, folder: str | Traversable, spec: FileSpec) -> Any:
    """Parse one file; None if it is missing or unreadable (reported)."""
    import tomllib

    conv.entity = ""
    if isinstance(folder, str):
        path = os.path.join(folder, spec.file)
        exists = os.path.isfile(path)
    else:
        exists = folder.joinpath(spec.file).is_file()
    if not exists:
        if spec.kind == "film":
            conv.problem("", "missing file: the film's own record is required")
        return None
    try:
        if isinstance(folder, str):
            with open(path, encoding="utf-8") as file:
                text = file.read()
        else:
            text = folder.joinpath(spec.file).read_text(encoding="utf-8")
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        conv.problem("", f"TOML syntax error: {error}")
        conv.broken_kinds.add(spec.kind)
        return None
    except UnicodeDecodeError as error:
        conv.problem("", f"not UTF-8 text: {error}")
        conv.broken_kinds.add(spec.kind)
        return None


def _convert(conv: _Converter, spec: FileSpec, document: Any) -> list[tuple[str, Any]]:
    """Convert one parsed file's tables; returns (entity label, record) pairs."""
    conv.entity = ""
    if document is None:
        return []
    if any(key != spec.key for key in document):
        conv.broken_kinds.add(spec.kind)
    for key in document:
        if key != spec.key:
            conv.problem(
                key,
                f"unknown top-level key{_suggest(key, [spec.key])}; "
                f"this file holds {'[[' if spec.many else '['}{spec.key}"
                f"{']]' if spec.many else ']'} tables",
            )
    tables: Any = document.get(spec.key, [] if spec.many else None)
    if spec.many and not isinstance(tables, list):
        conv.problem(spec.key, f"expected an array of tables [[{spec.key}]], got {_given(tables)}")
        return []
    if not spec.many:
        if tables is None:
            conv.problem(spec.key, f"missing the [{spec.key}] table")
            return []
        tables = [tables]
    out: list[tuple[str, Any]] = []
    for number, table in enumerate(tables, start=1):
        ident = table.get("id") if isinstance(table, dict) else None
        conv.entity = (
            f"{spec.kind} {ident!r}"
            if isinstance(ident, str) and ident
            else f"{spec.kind} #{number}"
        )
        record = conv.record(spec.record, table, "")
        if record is not None:
            out.append((conv.entity, record))
        elif isinstance(ident, str):
            conv.failed_ids.add(ident)
    return out


def _index(
    conv: _Converter, parsed: Mapping[str, list[tuple[str, Any]]], labels: Mapping[str, str]
) -> tuple[dict[str, list[tuple[str, Any]]], dict[str, tuple[str, str]]]:
    """Check ids (slug form, uniqueness across kinds) and index them: id -> (kind, file)."""
    index: dict[str, tuple[str, str]] = {}
    records: dict[str, list[tuple[str, Any]]] = {}
    for spec in FILES:
        conv.file = labels[spec.kind]
        keep: list[tuple[str, Any]] = []
        for entity, record in parsed[spec.kind]:
            ident = getattr(record, "id", None)
            if ident is None:
                keep.append((entity, record))
                continue
            conv.entity = entity
            if not _SLUG.fullmatch(ident):
                conv.problem(
                    "id",
                    "expected a lowercase slug of letters, digits and "
                    f"single hyphens (like 'the-writer'), got {ident!r}",
                )
            if ident in index:
                kind, where = index[ident]
                conv.problem(
                    "id",
                    f"duplicate id {ident!r}: already used by a {kind} "
                    f"in {where}; ids are unique across all kinds",
                )
                continue
            index[ident] = (spec.kind, labels[spec.kind])
            keep.append((ident, record))
        records[spec.kind] = keep
    return records, index


def _check_references(conv: _Converter, index: Mapping[str, tuple[str, str]]) -> None:
    for file, entity, path, ident, kinds in conv.references:
        found = index.get(ident)
        if found is None and (ident in conv.failed_ids or conv.broken_kinds & set(kinds)):
            continue  # already reported where the target record or file went wrong
        if found is None:
            candidates = [k for k, (kind, _) in index.items() if kind in kinds]
            conv.problems.append(
                Problem(
                    file=file,
                    entity=entity,
                    field=path,
                    message=f"unknown {' or '.join(kinds)} id {ident!r}"
                    f"{_suggest(ident, candidates)}",
                )
            )
        elif found[0] not in kinds:
            conv.problems.append(
                Problem(
                    file=file,
                    entity=entity,
                    field=path,
                    message=f"{ident!r} is a {found[0]}, expected the id of a {' or '.join(kinds)}",
                )
            )


# Which kind of record may speak each kind of quotation.
_SPEAKERS: Final[Mapping[QuoteKind, tuple[str, ...]]] = {
    QuoteKind.DIALOGUE: ("character",),
    QuoteKind.EPIGRAPH: ("character",),
    QuoteKind.DIRECTOR: ("person",),
    QuoteKind.CRITIC: ("person",),
    QuoteKind.POEM: ("person", "character"),
}


def _check_rules(
    conv: _Converter,
    records: Mapping[str, list[tuple[str, Any]]],
    index: Mapping[str, tuple[str, str]],
    labels: Mapping[str, str],
) -> None:
    """Rules that span fields or records, beyond types and references."""

    def report(kind: str, entity: str, path: str, message: str) -> None:
        conv.problems.append(Problem(file=labels[kind], entity=entity, field=path, message=message))

    for _, film in records["film"]:
        held = [r for r in film.runtimes if r.held]
        if len(held) != 1 and film.runtimes:
            report(
                "film",
                "film",
                "runtimes",
                f"expected exactly one runtime with held = true, found {len(held)}",
            )
        parts = {p.number for p in film.parts}
        for ident, scene in records["scene"]:
            if parts and scene.part not in parts:
                report(
                    "scene",
                    f"scene {ident!r}",
                    "part",
                    f"expected one of the film's parts {sorted(parts)}, got {scene.part}",
                )
    numbers: dict[int, str] = {}
    last = 0
    for ident, scene in records["scene"]:
        if scene.number in numbers:
            report(
                "scene",
                f"scene {ident!r}",
                "number",
                f"duplicate scene number {scene.number}: already scene {numbers[scene.number]!r}",
            )
        elif scene.number < last:
            report(
                "scene",
                f"scene {ident!r}",
                "number",
                f"scenes must be in running order: {scene.number} comes after {last}",
            )
        numbers.setdefault(scene.number, ident)
        last = max(last, scene.number)
    for ident, quote in records["quote"]:
        speaker = quote.speaker
        allowed = _SPEAKERS[quote.kind]
        if speaker is not None and speaker in index and index[speaker][0] not in allowed:
            report(
                "quote",
                f"quote {ident!r}",
                "speaker",
                f"a {quote.kind.value} quotation is spoken by a {' or '.join(allowed)}, "
                f"but {speaker!r} is a {index[speaker][0]}",
            )
