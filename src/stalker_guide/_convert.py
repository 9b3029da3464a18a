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

import contextlib
import gc
import os
import re
import stat
import types
import typing
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Final, Union

from .guide import KINDS, Guide
from .load import FILES, SHOWN, DataError, FileSpec, Problem
from .model import Citation, PartialDate, QuoteKind, fields, is_record_class, type_hints

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = ["read_folder", "read_documents"]

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_YEARS = range(1800, 2101)

#: The largest data file read, in bytes: a file is read no further than this.
MAX_BYTES: Final = 100_000_000

# Characters no text in the data needs, and which would reach a terminal or a
# page invisibly or as commands: the C0 and C1 controls (tab and newline
# aside), the format characters (zero-width spaces and joiners, bidirectional
# embeddings, overrides and isolates, the soft hyphen, the byte-order mark, ...)
# and the line and paragraph separators: Unicode's Cc, Cf, Zl and Zp
# (tests/test_load.py checks this class against unicodedata).
_INVISIBLE: Final = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891"
    r"\u08e2\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    r"\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    r"\U000e0001\U000e0020-\U000e007f]"
)
# The C0 controls have no Unicode name: the usual ones, named.
_CONTROL_NAMES: Final = {
    0x00: "NULL",
    0x07: "BELL",
    0x08: "BACKSPACE",
    0x0B: "LINE TABULATION",
    0x0C: "FORM FEED",
    0x0D: "CARRIAGE RETURN",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
}
# Letters of other scripts that look like a Latin letter, and dashes that look
# like a hyphen-minus: an id written with one looks right and matches nothing.
_CONFUSABLE: Final = {
    # Cyrillic
    "\u0430": "a",
    "\u0441": "c",
    "\u0501": "d",
    "\u0435": "e",
    "\u04bb": "h",
    "\u0456": "i",
    "\u0458": "j",
    "\u043a": "k",
    "\u04cf": "l",
    "\u043e": "o",
    "\u0440": "p",
    "\u051b": "q",
    "\u0455": "s",
    "\u0443": "y",
    "\u051d": "w",
    "\u0445": "x",
    # Greek
    "\u03b1": "a",
    "\u03b9": "i",
    "\u03ba": "k",
    "\u03bd": "v",
    "\u03bf": "o",
    "\u03c1": "p",
    "\u03c5": "u",
    # Latin without its dot
    "\u0131": "i",
    # dashes and minus signs
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
}


def _suggest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    import difflib

    # A suggestion that looks just like the word would only confuse.
    close = [
        c
        for c in difflib.get_close_matches(word, list(choices), n=3, cutoff=cutoff)
        if _skeleton(c) != _skeleton(word)
    ]
    return f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""


def _char_name(char: str) -> str:
    return unicodedata.name(char, "") or _CONTROL_NAMES.get(ord(char), "CONTROL CHARACTER")


def _skeleton(text: str) -> str:
    """``text`` with letters that look Latin made Latin (and fullwidth forms plain)."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKC", "".join(_CONFUSABLE.get(c, c) for c in text))


def _lookalikes(text: str) -> str:
    """Name the characters of ``text`` that look like ASCII but are not: '' if none.

    >>> _lookalikes("writ\u0435r")
    "a Cyrillic '\u0435' (U+0435) that looks like a Latin 'e'"
    """
    found = []
    for char in dict.fromkeys(text):
        if char.isascii():
            continue
        plain = _skeleton(char)
        if plain == char or not plain.isascii():
            continue
        name = _char_name(char)
        script = name.split()[0].title() if name.split()[0] in ("CYRILLIC", "GREEK") else ""
        what = f"a {script} {char!r}" if script else f"{char!r}"
        latin = "a Latin" if plain.isalpha() else "an ASCII"
        found.append(f"{what} (U+{ord(char):04X}) that looks like {latin} {plain!r}")
    return ", and ".join(found)


def _invisible(text: str) -> str:
    """Describe the first invisible or control character in ``text``: '' if none.

    >>> _invisible("Stal\u200bker")
    'contains U+200B ZERO WIDTH SPACE at character 5, an invisible or control character; remove it'
    """
    match = _INVISIBLE.search(text)
    if match is None:
        return ""
    char = match.group()
    more = len(_INVISIBLE.findall(text)) - 1
    others = f" (and {more} more such)" if more else ""
    return (
        f"contains U+{ord(char):04X} {_char_name(char)} at character {match.start() + 1}"
        f"{others}, an invisible or control character; remove it"
    )


def _type_name(tp: Any) -> str:
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        return " or ".join(_type_name(a) for a in typing.get_args(tp) if a is not type(None))
    if origin is tuple:
        return f"a list of {_plural(_type_name(typing.get_args(tp)[0]))}"
    if tp is PartialDate:
        return 'a date ("YYYY", "YYYY-MM" or "YYYY-MM-DD")'
    if isinstance(tp, type) and issubclass(tp, StrEnum):
        return "one of " + ", ".join(repr(m.value) for m in tp)
    if is_record_class(tp):
        return "a table" if tp is not Citation else 'a source id or a table {source = "..."}'
    return {str: "a string", int: "an integer", bool: "true or false"}.get(tp, str(tp))


def _plural(name: str) -> str:
    """What a list of ``name`` holds: "a string" gives "strings"."""
    words = {"a string": "strings", "an integer": "integers", "a table": "tables"}
    if name in words:
        return words[name]
    if name.startswith("a source id or a table {"):
        return 'source ids or tables {source = "..."}'
    if name.startswith("a date ("):
        return "dates " + name.removeprefix("a date ")
    return f"values, each {name}"


def _given(value: Any) -> str:
    kind = {
        str: "string",
        int: "integer",
        bool: "boolean",
        float: "float",
        list: "list",
        dict: "table",
    }.get(type(value), type(value).__name__)
    if isinstance(value, list | dict):
        # Shown a few items and levels deep: a value can be huge, or nested
        # deeper than repr() can recurse.
        import reprlib

        shown = reprlib.Repr()
        shown.maxlevel, shown.maxlist, shown.maxdict, shown.maxstring = 3, 4, 4, 40
        text = shown.repr(value)
    else:
        text = repr(value)
    return f"{kind} {text if len(text) <= 40 else text[:37] + '...'}"


class _Converter:
    """Turns parsed TOML into records, noting problems and references as it goes."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        # (file, entity, field path, id, allowed kinds, and the kind and id of the
        # record that refers: a record may not refer to itself)
        self.references: list[tuple[str, str, str, str, tuple[str, ...], str, object]] = []
        # Kinds whose file could not be read, and ids of records that failed:
        # references to them are not reported again as dangling.
        self.broken_kinds: set[str] = set()
        self.failed_ids: set[str] = set()
        self.file = ""
        self.entity = ""
        # The kind and id of the record being converted.
        self.kind = ""
        self.ident: object = None
        # Suggestions ("did you mean ...?") cost a scan of every candidate: they are
        # made for this many problems, enough for every problem a message shows.
        self.suggestions = 4 * SHOWN
        self._specs: dict[type[Any], tuple[dict[str, Any], list[tuple[str, Any, Any, bool]]]] = {}
        self._shapes: dict[Any, tuple[str, Any]] = {}

    def problem(self, path: str, message: str) -> None:
        self.problems.append(
            Problem(file=self.file, entity=self.entity, field=path, message=message)
        )

    def suggest(self, word: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
        if self.suggestions <= 0:
            return ""
        self.suggestions -= 1
        return _suggest(word, choices, cutoff)

    def specs(self, cls: type[Any]) -> tuple[dict[str, Any], list[tuple[str, Any, Any, bool]]]:
        """A record class's fields by name, and (name, field, type, plain text?) for each.

        Computed once per class. A *plain text* field is a ``str`` that is not an id.
        """
        found = self._specs.get(cls)
        if found is None:
            hints = type_hints(cls)
            plan = [
                (f.name, f, hints[f.name], hints[f.name] in _TEXT and not f.metadata)
                for f in fields(cls)
            ]
            found = self._specs[cls] = ({f.name: f for f in fields(cls)}, plan)
        return found

    def record(self, cls: type[Any], table: Any, path: str) -> Any:
        """Build one record of ``cls`` from a TOML table, or return None on problems."""
        if not isinstance(table, dict):
            self.problem(path, f"expected {_type_name(cls)}, got {_given(table)}")
            return None
        specs, plan = self.specs(cls)
        before = len(self.problems)
        if not table.keys() <= specs.keys():
            for key in table:
                if key not in specs:
                    self.problem(
                        _join(path, _shown(key)),
                        (
                            f"unknown key: it contains {lookalikes}"
                            if (lookalikes := _lookalikes(key))
                            else f"unknown key{self.suggest(key, specs)}"
                        )
                        + f"; expected one of: {', '.join(specs)}",
                    )
        values: dict[str, Any] = {}
        for name, spec, tp, plain in plan:
            raw = table.get(name, _ABSENT)
            if raw is _ABSENT:
                if spec.required:
                    self.problem(
                        _join(path, name), f"missing required field; expected {_type_name(tp)}"
                    )
                continue
            # The common case, checked here without a call: good text in a text field.
            if plain and type(raw) is str and raw.strip() and _INVISIBLE.search(raw) is None:
                values[name] = raw
                continue
            value = self.value(tp, raw, _join(path, name), spec.metadata)
            if value is not None:
                values[name] = value
        if len(self.problems) > before:
            return None
        return cls(**values)

    def value(self, tp: Any, raw: Any, path: str, meta: Mapping[str, Any]) -> Any:
        shape = self._shapes.get(tp)
        if shape is None:
            shape = self._shapes[tp] = _shape(tp)
        if shape[0] == "optional":
            tp = shape[1]
            shape = self._shapes.get(tp) or _shape(tp)
        # The common cases first: good text in a text field or an id field, and
        # a citation written as a source id.
        if type(raw) is str and raw.strip() and _INVISIBLE.search(raw) is None:
            if tp is str:
                kinds = meta.get("ref")
                if kinds:
                    self.references.append(
                        (self.file, self.entity, path, raw, kinds, self.kind, self.ident)
                    )
                return raw
            if tp is Citation:
                self.references.append(
                    (self.file, self.entity, f"{path}.source", raw, _SOURCE, self.kind, self.ident)
                )
                return Citation(source=raw)
        if shape[0] == "tuple":
            if not isinstance(raw, list):
                self.problem(path, f"expected {_type_name(tp)}, got {_given(raw)}")
                return None
            item = shape[1]
            items: list[Any] = []
            kinds = meta.get("ref") if item is str else _SOURCE
            for i, x in enumerate(raw):
                # The common cases inline (a list of ids, of source ids): one call less each.
                if (
                    (item is str or item is Citation)
                    and type(x) is str
                    and x.strip()
                    and _INVISIBLE.search(x) is None
                ):
                    if kinds:
                        self.references.append(
                            (
                                self.file,
                                self.entity,
                                f"{path}[{i}]" if item is str else f"{path}[{i}].source",
                                x,
                                kinds,
                                self.kind,
                                self.ident,
                            )
                        )
                    items.append(x if item is str else Citation(source=x))
                    continue
                if item is Citation and type(x) is dict and _plain_citation(x):
                    source = x["source"]
                    self.references.append(
                        (
                            self.file,
                            self.entity,
                            f"{path}[{i}].source",
                            source,
                            _SOURCE,
                            self.kind,
                            self.ident,
                        )
                    )
                    items.append(Citation(source=source, locator=x.get("locator")))
                    continue
                items.append(self.value(item, x, f"{path}[{i}]", meta))
            if path.endswith("citations") and not items:
                self.problem(path, "needs at least one citation: every fact cites a source")
            return tuple(items)
        if tp is Citation and isinstance(raw, str):
            raw = {"source": raw}
        if shape[0] == "record":
            return self.record(tp, raw, path)
        if tp is bool:
            if not isinstance(raw, bool):
                self.problem(path, f"expected true or false, got {_given(raw)}")
            return raw
        if tp is int:
            if not isinstance(raw, int) or isinstance(raw, bool):
                self.problem(path, f"expected an integer, got {_given(raw)}")
                return None
            if meta.get("year"):
                if raw not in _YEARS:
                    self.problem(
                        path,
                        f"expected a year between {_YEARS.start} and {_YEARS.stop - 1}, got {raw}",
                    )
            elif raw < 1:
                # Every other number in the model is a count, a length or a
                # position: minutes, a part's or a scene's number, a rank.
                self.problem(path, f"expected a positive integer (1 or more), got {raw}")
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
        if invisible := _invisible(raw):
            self.problem(path, invisible)
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
                    path, f"expected {_type_name(tp)}, got {raw!r}{self.suggest(raw, choices)}"
                )
                return None
        kinds = meta.get("ref")
        if kinds:
            self.references.append(
                (self.file, self.entity, path, raw, kinds, self.kind, self.ident)
            )
        return raw


_ABSENT: Final = object()
# The types of plain text fields (required or not).
_TEXT: Final = (str, str | None)
# The kinds a citation's source may be (the ref of Citation.source).
_SOURCE: Final = next(f for f in fields(Citation) if f.name == "source").metadata["ref"]


def _plain_citation(table: dict[str, Any]) -> bool:
    """Whether ``table`` is a citation table with nothing to report: a source and a locator."""
    if not table.keys() <= {"source", "locator"} or "source" not in table:
        return False
    return all(
        type(text) is str and text.strip() and _INVISIBLE.search(text) is None
        for text in table.values()
    )


def _shape(tp: Any) -> tuple[str, Any]:
    """What kind of type a field has: ("optional", inner), ("tuple", item), ("record", None)
    or ("other", None)."""
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        return ("optional", inner)
    if origin is tuple:
        return ("tuple", typing.get_args(tp)[0])
    if is_record_class(tp):
        return ("record", None)
    return ("other", None)


def _shown(key: str) -> str:
    """A key as a message shows it: quoted and escaped if it is not plain printable text.

    >>> print(_shown("note"), _shown("\x1b[31m"))
    note '\\x1b[31m'
    """
    return key if key.isprintable() and key.strip() == key and key else repr(key)


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


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector: records hold no cycles, and on a large
    data set its passes over every new object cost a third of the load."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@_no_cycle_collection()
def read_folder(folder: str | Traversable) -> Guide:
    """Read, convert and check every data file in ``folder``; raise DataError on any problem."""
    conv = _Converter()
    known = {spec.file for spec in FILES}
    stems = [name.removesuffix(".toml") for name in sorted(known)]
    try:
        names = _files(folder)
    except OSError as error:
        what = error.strerror or str(error)
        raise DataError(
            [Problem(file=str(folder), entity="", field="", message=f"cannot be read: {what}")]
        ) from None
    for name in names:
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


@_no_cycle_collection()
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
                    field=_shown(kind),
                    message=f"unknown kind; expected one of: {', '.join(labels)}",
                )
            )
    docs: dict[str, Any] = {}
    for spec in FILES:
        conv.file = labels[spec.kind]
        conv.entity = ""
        document = documents.get(spec.kind)
        if document is None:
            conv.problem("", _missing(spec))
            conv.broken_kinds.add(spec.kind)
        elif not isinstance(document, dict):
            conv.problem("", f"expected a table, got {_given(document)}")
            conv.broken_kinds.add(spec.kind)
            document = None
        docs[spec.kind] = document
    return _build(conv, docs, labels)


def _build(conv: _Converter, documents: Mapping[str, Any], labels: Mapping[str, str]) -> Guide:
    """Convert parsed documents (None: missing or unreadable) into records, check, build."""
    parsed: dict[str, list[tuple[str, Any, int]]] = {}
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


def _missing(spec: FileSpec) -> str:
    if spec.kind == "film":
        return "missing file: the film's own record is required"
    return (
        f"missing file: every data file is required; for no {KINDS.get(spec.kind, 'credits')}, "
        f"keep the file with no [[{spec.key}]] tables"
    )


def _read(conv: _Converter, folder: str | Traversable, spec: FileSpec) -> Any:
    """Parse one file; None if it is missing or unreadable (reported, once).

    A file that cannot be read marks its kind as broken, so that references to
    its records are not reported again, one by one, as dangling.
    """
    conv.entity = ""
    data = _read_bytes(conv, folder, spec)
    document = None if data is None else _parse(conv, data)
    if document is None:
        conv.broken_kinds.add(spec.kind)
    return document


def _read_bytes(conv: _Converter, folder: str | Traversable, spec: FileSpec) -> bytes | None:
    """The bytes of one file, at most :data:`MAX_BYTES` of them; None if it cannot be read."""
    if not isinstance(folder, str):
        entry = folder.joinpath(spec.file)
        if entry.is_dir():
            conv.problem("", "is a folder; expected a TOML file")
            return None
        if not entry.is_file():
            conv.problem("", _missing(spec))
            return None
        data = entry.read_bytes()
    else:
        path = os.path.join(folder, spec.file)
        # Opened without waiting (a FIFO would block) and checked before reading:
        # only a regular file is read, and only so far (a device never ends).
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except FileNotFoundError:
            if os.path.islink(path):
                target = os.readlink(path)
                conv.problem("", f"a symbolic link to {target!r}, which does not exist")
            else:
                conv.problem("", _missing(spec))
            return None
        except OSError as error:
            conv.problem("", f"cannot be read: {error.strerror or error}")
            return None
        try:
            mode = os.fstat(fd).st_mode
            if not stat.S_ISREG(mode):
                link = (
                    f" (a symbolic link to {os.readlink(path)!r})" if os.path.islink(path) else ""
                )
                conv.problem("", f"is {_file_type(mode)}{link}, not a file; expected a TOML file")
                return None
            chunks = []
            left = MAX_BYTES + 1
            while left > 0 and (chunk := os.read(fd, min(left, 1 << 24))):
                chunks.append(chunk)
                left -= len(chunk)
            data = b"".join(chunks)
        except OSError as error:
            conv.problem("", f"cannot be read: {error.strerror or error}")
            return None
        finally:
            os.close(fd)
    if len(data) > MAX_BYTES:
        conv.problem(
            "",
            f"larger than {MAX_BYTES // 1_000_000} MB, the most a data file may hold; "
            "read no further",
        )
        return None
    return data


def _file_type(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "a special file"


def _parse(conv: _Converter, data: bytes) -> Any:
    """Decode and parse one file's bytes; None on problems (reported)."""
    try:
        # tomli is tomllib as a compiled module (the [fast] extra): the same
        # parser, with the same messages, about 2.5 times faster.
        import tomli as tomllib
    except ImportError:  # pragma: no cover - tomli is in the dev set
        import tomllib  # type: ignore[no-redef]

    # A UTF-8 byte-order mark (which some editors write) is not part of the text.
    bom = b"\xef\xbb\xbf"
    try:
        text = data.removeprefix(bom).decode("utf-8")
    except UnicodeDecodeError as error:
        start = error.start + (len(bom) if data.startswith(bom) else 0)
        line = data.count(b"\n", 0, start) + 1
        conv.problem(
            "",
            f"not UTF-8 text: byte {data[start : start + 1]!r} at line {line} "
            f"({error.reason}); save the file as UTF-8",
        )
        return None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        conv.problem("", f"TOML syntax error: {error}")
    except RecursionError:
        # tomli stops at 400 levels; tomllib when Python's stack runs out.
        conv.problem(
            "",
            "arrays or inline tables nested too deeply to read (hundreds of levels); "
            "the data nests them a few levels at most",
        )
    return None


def _convert(conv: _Converter, spec: FileSpec, document: Any) -> list[tuple[str, Any, int]]:
    """Convert one parsed file's tables; returns (entity label, record, table number) triples."""
    conv.entity = ""
    conv.kind = spec.kind
    if document is None:
        return []
    if any(key != spec.key for key in document):
        conv.broken_kinds.add(spec.kind)
    for key in document:
        if key != spec.key:
            conv.problem(
                _shown(key),
                f"unknown top-level key{conv.suggest(key, [spec.key])}; "
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
    out: list[tuple[str, Any, int]] = []
    for number, table in enumerate(tables, start=1):
        ident = table.get("id") if isinstance(table, dict) else None
        conv.ident = ident
        conv.entity = (
            f"{spec.kind} {ident!r}"
            if isinstance(ident, str) and ident
            else f"{spec.kind} #{number}"
        )
        record = conv.record(spec.record, table, "")
        if record is not None:
            out.append((conv.entity, record, number))
        elif isinstance(ident, str):
            conv.failed_ids.add(ident)
    conv.ident = None
    return out


def _ordinal(number: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th``...

    >>> [_ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 102)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '102nd']
    """
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def _index(
    conv: _Converter,
    parsed: Mapping[str, list[tuple[str, Any, int]]],
    labels: Mapping[str, str],
) -> tuple[dict[str, list[tuple[str, Any]]], dict[str, tuple[str, str]]]:
    """Check ids (slug form, uniqueness across kinds) and index them: id -> (kind, file)."""
    index: dict[str, tuple[str, str]] = {}
    numbers: dict[str, int] = {}
    records: dict[str, list[tuple[str, Any]]] = {}
    for spec in FILES:
        conv.file = labels[spec.kind]
        keep: list[tuple[str, Any]] = []
        for entity, record, number in parsed[spec.kind]:
            ident = getattr(record, "id", None)
            if ident is None:
                keep.append((entity, record))
                continue
            conv.entity = entity
            if not _SLUG.fullmatch(ident):
                plain = _skeleton(ident)
                if lookalikes := _lookalikes(ident):
                    conv.problem("id", f"contains {lookalikes}; ids are plain ASCII: retype it")
                    # References to the id it was meant to be are not reported again.
                    conv.failed_ids.add(plain)
                else:
                    conv.problem(
                        "id",
                        "expected a lowercase slug of letters, digits and "
                        f"single hyphens (like 'the-writer'), got {ident!r}",
                    )
            if ident in index:
                kind, where = index[ident]
                this = f"the {_ordinal(number)} [[{spec.key}]] table"
                first = f"the {_ordinal(numbers[ident])} [[{kind}]] table"
                place = "in this file" if kind == spec.kind else f"in {where}"
                conv.problem(
                    "id",
                    f"duplicate id {ident!r} in {this}: already used by {first} {place}; "
                    "ids are unique across all kinds",
                )
                continue
            index[ident] = (spec.kind, labels[spec.kind])
            numbers[ident] = number
            keep.append((ident, record))
        records[spec.kind] = keep
    return records, index


def _check_references(conv: _Converter, index: Mapping[str, tuple[str, str]]) -> None:
    # The ids each tuple of kinds may name, listed once (for suggestions).
    candidates: dict[tuple[str, ...], list[str]] = {}
    for file, entity, path, ident, kinds, kind, own in conv.references:
        found = index.get(ident)
        if found is not None and ident == own and found[0] == kind:
            conv.problems.append(
                Problem(
                    file=file,
                    entity=entity,
                    field=path,
                    message=f"{ident!r} is this {kind} itself; "
                    f"expected the id of another {' or '.join(kinds)}",
                )
            )
            continue
        if found is None and (ident in conv.failed_ids or conv.broken_kinds & set(kinds)):
            continue  # already reported where the target record or file went wrong
        if found is None:
            plain = _skeleton(ident)
            lookalikes = _lookalikes(ident)
            if lookalikes:
                hint = (
                    f"; retype it in plain ASCII to name the {index[plain][0]} {plain!r}"
                    if plain in index
                    else ""
                )
                message = f"unknown id {ident!r}: it contains {lookalikes}{hint}"
            else:
                if kinds not in candidates:
                    candidates[kinds] = [k for k, (kind, _) in index.items() if kind in kinds]
                message = (
                    f"unknown {' or '.join(kinds)} id {ident!r}"
                    f"{conv.suggest(ident, candidates[kinds])}"
                )
            conv.problems.append(Problem(file=file, entity=entity, field=path, message=message))
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
