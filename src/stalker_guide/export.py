"""Exports: lossless JSON (and back), CSV tables, schema.org JSON-LD, and a JSON Schema.

The JSON export holds every record, field for field as the model declares it
(a field left out is an optional field with no value), so reading it back with
:func:`from_json` gives an equal :class:`~stalker_guide.guide.Guide`, checked by
the same loader as the TOML data. :func:`json_schema` describes that JSON; it is
derived from the model's fields and type hints, as the loader's checks are.

>>> import json, stalker_guide
>>> g = stalker_guide.guide
>>> from_json(to_json(g)) == g
True
>>> to_jsonld(g)["@type"]
'Movie'
"""

from __future__ import annotations

import csv
import json
import types
import typing
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any, Final, Union

from .guide import Guide
from .model import (
    Citation,
    Field,
    PartialDate,
    fields,
    is_record,
    is_record_class,
    type_hints,
)

__all__ = [
    "COLLECTIONS",
    "to_data",
    "to_json",
    "from_json",
    "json_schema",
    "to_csv",
    "to_jsonld",
]

#: The JSON export's top-level keys, in order, with the kind of record each holds.
COLLECTIONS: Final[Mapping[str, str]] = {
    "film": "film",
    "sources": "source",
    "people": "person",
    "credits": "credit",
    "characters": "character",
    "places": "place",
    "themes": "theme",
    "motifs": "motif",
    "scenes": "scene",
    "essays": "essay",
    "quotes": "quote",
    "awards": "award",
    "claims": "claim",
    "terms": "term",
}

_SCHEMA_ID: Final = "https://stalker-guide.example/schema/export-1.json"
_SLUG: Final = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_DATE: Final = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"


def _spec(kind: str) -> Any:
    from .load import FILES

    return next(spec for spec in FILES if spec.kind == kind)


# ---------------------------------------------------------------------- JSON


def _plain(value: Any) -> Any:
    """A record as JSON-ready values: dicts in field order, None fields left out."""
    if is_record(value):
        return {
            f.name: _plain(v) for f in fields(value) if (v := getattr(value, f.name)) is not None
        }
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, StrEnum):
        return value.value
    return value


def _records(guide: Guide, collection: str) -> list[Any]:
    if collection == "credits":
        return list(guide.credits)
    return list(getattr(guide, collection).values())


def to_data(guide: Guide) -> dict[str, Any]:
    """The whole guide as plain dicts and lists, ready for ``json.dumps``.

    >>> import stalker_guide
    >>> data = to_data(stalker_guide.guide)
    >>> list(data)[:3], data["film"]["year"]
    (['film', 'sources', 'people'], 1979)
    """
    out: dict[str, Any] = {"film": _plain(guide.film)}
    for collection in list(COLLECTIONS)[1:]:
        out[collection] = [_plain(record) for record in _records(guide, collection)]
    return out


def to_json(guide: Guide, *, indent: int | None = 2) -> str:
    """The whole guide as JSON text (UTF-8 friendly: Cyrillic is written as is)."""
    return json.dumps(to_data(guide), ensure_ascii=False, indent=indent) + "\n"


def from_json(text: str | bytes, *, source: str = "JSON") -> Guide:
    """Read a JSON export back into a Guide, checking it as the loader checks TOML.

    Raises :class:`~stalker_guide.load.DataError` listing every problem, each
    placed as ``SOURCE: KEY`` (``source`` is what to call the input: "JSON",
    or the name of the file it was read from).

    >>> import json, stalker_guide
    >>> from stalker_guide import DataError
    >>> data = to_data(stalker_guide.guide)
    >>> data["people"] = 3
    >>> try:
    ...     from_json(json.dumps(data), source="guide.json")
    ... except DataError as error:
    ...     print(error.problems[0])
    guide.json: people: person: expected a list of objects, got integer 3
    """
    from .load import FILES, DataError, Problem, from_documents

    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise DataError(
            [Problem(file=source, entity="", field="", message=f"not valid JSON: {error}")]
        ) from None
    except RecursionError:
        raise DataError(
            [Problem(file=source, entity="", field="", message="not valid JSON: nested too deep")]
        ) from None
    if not isinstance(data, dict):
        raise DataError(
            [
                Problem(
                    file=source,
                    entity="",
                    field="",
                    message="expected an object with one key per kind",
                )
            ]
        )
    unknown = [key for key in data if key not in COLLECTIONS]
    missing = [key for key in COLLECTIONS if key not in data]
    if unknown or missing:
        expected = f"expected one of: {', '.join(COLLECTIONS)}"
        raise DataError(
            [
                *(
                    Problem(file=source, entity="", field=k, message=f"unknown key; {expected}")
                    for k in unknown
                ),
                *(
                    Problem(
                        file=source,
                        entity="",
                        field=k,
                        message="missing key: an export has every kind (an empty list for none)",
                    )
                    for k in missing
                ),
            ]
        )
    documents = {
        COLLECTIONS[key]: {_spec(COLLECTIONS[key]).key: value} for key, value in data.items()
    }
    try:
        return from_documents(documents, origin=source)
    except DataError as error:
        # The loader names TOML files ("JSON/people.toml") and TOML's words:
        # name the JSON's own keys and types instead.
        files = {spec.kind: spec.file for spec in FILES}
        labels = {
            f"{source}/{files[kind]}": f"{source}: {key}" for key, kind in COLLECTIONS.items()
        }
        raise DataError(
            Problem(
                file=labels.get(p.file, p.file),
                entity=p.entity,
                field=p.field,
                message=_json_words(p.message),
            )
            for p in error.problems
        ) from None


def _json_words(message: str) -> str:
    """A loader's message in JSON's words: objects and lists, not tables and arrays."""
    import re

    message = re.sub(r"an array of tables \[\[\w+\]\]", "a list of objects", message)
    words = {"a table": "an object", "tables": "objects", "table": "object"}
    return re.sub(r"\ba table\b|\btables?\b", lambda m: words[m[0]], message)


# --------------------------------------------------------------- JSON Schema


def json_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of the JSON export, derived from the model.

    Each record type is a definition whose properties are its fields, with the
    fields that have no default required and no other key allowed.

    >>> schema = json_schema()
    >>> schema["$defs"]["Person"]["required"]
    ['id', 'name', 'citations']
    >>> schema["$defs"]["Scene"]["properties"]["palette"]
    {'enum': ['sepia', 'colour', 'mixed']}
    """
    definitions: dict[str, Any] = {}
    properties: dict[str, Any] = {}
    for collection, kind in COLLECTIONS.items():
        reference = _definition(_spec(kind).record, definitions)
        properties[collection] = (
            reference if kind == "film" else {"type": "array", "items": reference}
        )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": _SCHEMA_ID,
        "title": "stalker-guide JSON export",
        "description": (
            "The whole stalker-guide dataset: one key per kind of record, "
            "as written by stalker_guide.export.to_json."
        ),
        "type": "object",
        "properties": properties,
        "required": list(COLLECTIONS),
        "additionalProperties": False,
        "$defs": definitions,
    }


def _definition(cls: type[Any], definitions: dict[str, Any]) -> dict[str, Any]:
    name = cls.__name__
    if name not in definitions:
        definitions[name] = {}  # placeholder: records may nest records
        hints = type_hints(cls)
        props: dict[str, Any] = {}
        required: list[str] = []
        for spec in fields(cls):
            props[spec.name] = _type_schema(hints[spec.name], spec, definitions)
            if spec.required:
                required.append(spec.name)
        definitions[name] = {
            "type": "object",
            "description": (cls.__doc__ or name).strip().splitlines()[0],
            "properties": props,
            "required": required,
            "additionalProperties": False,
        }
    return {"$ref": f"#/$defs/{name}"}


def _type_schema(tp: Any, spec: Field, definitions: dict[str, Any]) -> Any:
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        return _type_schema(inner, spec, definitions)
    if origin is tuple:
        items = _type_schema(typing.get_args(tp)[0], spec, definitions)
        array: dict[str, Any] = {"type": "array", "items": items}
        if spec.name == "citations":
            array["minItems"] = 1  # every fact cites a source
        return array
    if is_record_class(tp):
        return _definition(tp, definitions)
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        if spec.metadata.get("year"):
            return {"type": "integer", "minimum": 1800, "maximum": 2100}
        return {"type": "integer"}
    if isinstance(tp, type) and issubclass(tp, StrEnum):
        return {"enum": [member.value for member in tp]}
    if tp is PartialDate:
        return {"type": "string", "pattern": _DATE}
    if spec.metadata.get("ref") or (spec.name == "id" and tp is str):
        kinds = spec.metadata.get("ref")
        described = f"the id of a {' or '.join(kinds)}" if kinds else "a unique id"
        return {"type": "string", "pattern": _SLUG, "description": described}
    return {"type": "string", "pattern": r"\S"}


# ----------------------------------------------------------------------- CSV


def to_csv(guide: Guide, folder: str | Path) -> list[Path]:
    """Write one CSV table per kind, and one per list field, into ``folder``.

    Tables per kind (``people.csv``, ``scenes.csv``, ...) have one row per
    record and a column per single value; nested single records are flattened
    (``studio.name``). Every list becomes its own table named
    ``<kind>_<field>.csv`` keyed by the owner's id and the position: for the
    lists of ids these are the join tables of the relations
    (``scene_characters.csv``: scene, position, character); lists of nested
    records (``person_spellings.csv``) hold their fields. Every citation,
    wherever it sits, is a row of ``citations.csv`` (kind, id, field,
    position, source, locator). Credits have no id: they are numbered from 1.
    Returns the files written, in order.
    """
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    tables: dict[str, _Table] = {}
    citations = tables.setdefault(
        "citations", _Table(["kind", "id", "field", "position", "source", "locator"])
    )
    for collection, kind in COLLECTIONS.items():
        records = [guide.film] if kind == "film" else _records(guide, collection)
        main = tables.setdefault(collection, _Table(["id"] if kind == "credit" else []))
        for number, record in enumerate(records, start=1):
            ident = str(number) if kind == "credit" else record.id
            row = {"id": ident} if kind == "credit" else {}
            _flatten(kind, ident, record, "", row, tables, citations)
            main.add(row)
    written = []
    for name, table in tables.items():
        path = target / f"{name}.csv"
        table.write(path)
        written.append(path)
    return written


class _Table:
    def __init__(self, columns: list[str]) -> None:
        self.columns = list(columns)
        self.rows: list[dict[str, Any]] = []

    def add(self, row: dict[str, Any]) -> None:
        for column in row:
            if column not in self.columns:
                self.columns.append(column)
        self.rows.append(row)

    def write(self, path: Path) -> None:
        with path.open("w", encoding="utf-8", newline="") as file:
            writer = csv.DictWriter(file, fieldnames=self.columns, lineterminator="\n")
            writer.writeheader()
            for row in self.rows:
                writer.writerow({k: _cell(v) for k, v in row.items()})


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, StrEnum):
        return value.value
    return "" if value is None else value


def _flatten(
    kind: str,
    ident: str,
    record: Any,
    prefix: str,
    row: dict[str, Any],
    tables: dict[str, _Table],
    citations: _Table,
) -> None:
    """Fill ``row`` with the single values of ``record``; lists go to their tables."""
    hints = type_hints(type(record))
    for spec in fields(record):
        value = getattr(record, spec.name)
        field = f"{prefix}{spec.name}"
        tp = _unoptional(hints[spec.name])
        if typing.get_origin(tp) is tuple:
            item = typing.get_args(tp)[0]
            if item is Citation:
                for position, citation in enumerate(value, start=1):
                    citations.add(
                        {
                            "kind": kind,
                            "id": ident,
                            "field": field,
                            "position": position,
                            "source": citation.source,
                            "locator": citation.locator,
                        }
                    )
                continue
            name = f"{kind}_{field.replace('.', '_')}"
            if is_record_class(item):
                table = tables.setdefault(name, _Table([kind, "position"]))
                for position, nested in enumerate(value, start=1):
                    nested_row: dict[str, Any] = {kind: ident, "position": position}
                    _flatten(
                        kind, ident, nested, f"{field}[{position}].", nested_row, tables, citations
                    )
                    # Columns are named by the nested field alone.
                    table.add({k.rsplit(".", 1)[-1]: v for k, v in nested_row.items()})
            else:
                refs = spec.metadata.get("ref")
                column = refs[0] if refs and len(refs) == 1 else ("id" if refs else "value")
                table = tables.setdefault(name, _Table([kind, "position", column]))
                for position, single in enumerate(value, start=1):
                    table.add({kind: ident, "position": position, column: single})
        elif is_record_class(tp):
            if value is not None:
                _flatten(kind, ident, value, f"{field}.", row, tables, citations)
        else:
            row[field] = value


def _unoptional(tp: Any) -> Any:
    if typing.get_origin(tp) in (Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        return inner
    return tp


# ------------------------------------------------------------------- JSON-LD


def to_jsonld(guide: Guide) -> dict[str, Any]:
    """The film as a schema.org ``Movie``, as JSON-LD (a dict ready for ``json.dumps``).

    Cast as ``PerformanceRole`` (actor and character name), ``director``,
    ``author`` (the credited screenwriters), ``musicBy``, ``editor``,
    ``producer``, ``productionCompany``, ``isBasedOn`` (the novel, a
    ``Book``), ``duration`` in ISO 8601, awards, and a ``CriticReview`` per
    essay. Only schema.org types and properties are used.

    >>> import stalker_guide
    >>> movie = to_jsonld(stalker_guide.guide)
    >>> movie["name"], movie["duration"]
    ('Stalker', 'PT2H41M')
    >>> movie["director"][0]["name"]
    'Andrei Tarkovsky'
    """
    film = guide.film

    def person(ident: str) -> dict[str, Any]:
        found = guide.people[ident]
        node: dict[str, Any] = {"@type": "Person", "name": found.name}
        if found.native_name:
            node["alternateName"] = found.native_name
        return node

    def credited(*jobs: str) -> list[dict[str, Any]]:
        seen: list[str] = []
        for credit in guide.credits:
            if credit.credited and credit.job in jobs and credit.person not in seen:
                seen.append(credit.person)
        return [person(p) for p in seen]

    cast = [
        {
            "@type": "PerformanceRole",
            "actor": person(actor),
            "characterName": character.name,
        }
        for character in guide.characters.values()
        for actor in character.played_by
    ]
    minutes = film.runtime.minutes
    movie: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Movie",
        "name": film.title,
        "alternateName": [film.original_title]
        + [t.text for t in film.titles if t.text not in (film.title, film.original_title)],
        "dateCreated": str(film.year),
        "duration": f"PT{minutes // 60}H{minutes % 60}M" if minutes % 60 else f"PT{minutes // 60}H",
        "inLanguage": list(film.languages),
        "countryOfOrigin": [{"@type": "Country", "name": c} for c in film.countries],
        "genre": list(film.genres),
        "director": credited("director"),
        "author": credited("screenplay"),
        "musicBy": credited("music"),
        "editor": credited("editor"),
        "producer": credited("producer"),
        "productionCompany": _organisation(
            film.studio.name, film.studio.later_name, film.studio.native_name
        ),
        "isBasedOn": {
            "@type": "Book",
            "name": film.based_on.title,
            **({"alternateName": film.based_on.native_title} if film.based_on.native_title else {}),
            "author": [person(a) for a in film.based_on.authors],
            "datePublished": str(film.based_on.year),
        },
        "actor": cast,
        "award": [
            f"{a.name}, {a.body}, {a.year}"
            for a in guide.awards.values()
            if a.result in ("won", "ranked")
        ],
        "review": [_review(guide, essay_id) for essay_id in guide.essays],
    }
    return {key: value for key, value in movie.items() if value not in ([], "")}


def _organisation(name: str, *others: str | None) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "Organization", "name": name}
    alternates = [o for o in others if o]
    if alternates:
        node["alternateName"] = alternates
    return node


def _review(guide: Guide, essay_id: str) -> dict[str, Any]:
    essay = guide.essays[essay_id]
    source = guide.sources[essay.source]
    author = guide.people[essay.author]
    review: dict[str, Any] = {
        "@type": "CriticReview",
        "name": essay.title,
        "author": {"@type": "Person", "name": author.name},
        "abstract": essay.summary,
    }
    if essay.publisher or source.publisher:
        review["publisher"] = _organisation(str(essay.publisher or source.publisher))
    if essay.date or source.date:
        review["datePublished"] = essay.date or source.date
    if source.url:
        review["url"] = source.url
    return review
