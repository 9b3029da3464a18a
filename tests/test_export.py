"""Exports: the JSON round trip, its JSON Schema, the CSV tables and the JSON-LD."""

from __future__ import annotations

import csv
import io
import json
import re
import types
import typing
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest

import stalker_guide
from stalker_guide import DataError, Guide, load, model
from stalker_guide.export import (
    COLLECTIONS,
    from_json,
    json_schema,
    to_csv,
    to_data,
    to_json,
    to_jsonld,
)

from .schemaorg import schema_org_problems

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"


@pytest.fixture(scope="module")
def minimal() -> Guide:
    return load(MINIMAL)


@pytest.fixture(scope="module")
def real() -> Guide:
    return stalker_guide.guide


# JSON


def test_json_round_trip_gives_an_equal_guide(minimal: Guide) -> None:
    assert from_json(to_json(minimal)) == minimal


def test_json_round_trip_of_the_real_data(real: Guide) -> None:
    again = from_json(to_json(real))
    assert again == real
    assert again.quotes.keys() == real.quotes.keys()


def test_json_export_is_stable(minimal: Guide) -> None:
    assert to_json(minimal) == to_json(from_json(to_json(minimal)))


def test_json_keeps_cyrillic_as_text(minimal: Guide) -> None:
    text = to_json(minimal)
    assert "Сталкер" in text
    assert "\\u0421" not in text


def test_json_has_one_key_per_kind_in_order(minimal: Guide) -> None:
    assert list(json.loads(to_json(minimal))) == list(COLLECTIONS)


def test_json_leaves_out_fields_without_a_value(minimal: Guide) -> None:
    person = json.loads(to_json(minimal))["people"][2]
    assert person["id"] == "anatoly-solonitsyn"
    assert "born" not in person
    assert person["spellings"] == []


def test_json_writes_citations_as_tables(minimal: Guide) -> None:
    film = to_data(minimal)["film"]
    assert film["citations"] == [{"source": "wp17"}]


def test_json_with_a_problem_is_refused_with_every_problem(minimal: Guide) -> None:
    data = to_data(minimal)
    data["characters"][0]["played_by"] = ["nobody"]
    data["scenes"][0]["palette"] = "green"
    with pytest.raises(DataError) as caught:
        from_json(json.dumps(data))
    messages = [str(p) for p in caught.value.problems]
    assert any("played_by[0]: unknown person id 'nobody'" in m for m in messages)
    assert any("palette: expected one of 'sepia', 'colour', 'mixed'" in m for m in messages)


def test_json_with_an_unknown_key_is_refused(minimal: Guide) -> None:
    data = to_data(minimal)
    data["actors"] = []
    with pytest.raises(DataError, match="actors: unknown key"):
        from_json(json.dumps(data))


def test_text_that_is_not_json_is_refused() -> None:
    with pytest.raises(DataError, match="not valid JSON"):
        from_json("{")


def test_json_problems_name_the_inputs_keys_not_toml_files(minimal: Guide) -> None:
    data = to_data(minimal)
    data["characters"][0]["name"] = 3
    data["people"][0]["spellings"] = "x"
    with pytest.raises(DataError) as caught:
        from_json(json.dumps(data))
    messages = [str(p) for p in caught.value.problems]
    assert "JSON: characters: character 'writer': name: expected a string, got integer 3" in (
        messages
    )
    assert any(m.startswith("JSON: people: person ") for m in messages), messages
    assert not any(".toml" in m or "JSON/" in m for m in messages), messages
    assert not any("table" in m for m in messages), messages


def test_json_problems_use_json_words(minimal: Guide) -> None:
    data = to_data(minimal)
    data["credits"][0]["credited"] = "yes"
    data["people"][0]["spellings"] = ["x"]
    with pytest.raises(DataError) as caught:
        from_json(json.dumps(data))
    assert [str(p) for p in caught.value.problems] == [
        "JSON: people: person 'andrei-tarkovsky': spellings[0]: expected an object, got string 'x'",
        "JSON: credits: credit #1: credited: expected true or false, got string 'yes'",
    ]


def test_json_problems_name_the_file_given(minimal: Guide) -> None:
    data = to_data(minimal)
    data["people"] = 3
    with pytest.raises(DataError) as caught:
        from_json(json.dumps(data), source="guide.json")
    assert str(caught.value.problems[0]) == (
        "guide.json: people: person: expected a list of objects, got integer 3"
    )
    with pytest.raises(DataError, match=r"^1 problem in the data:\n  guide.json: not valid JSON"):
        from_json("{", source="guide.json")


def test_json_without_a_key_is_refused_naming_it(minimal: Guide) -> None:
    data = to_data(minimal)
    del data["credits"], data["awards"]
    with pytest.raises(DataError) as caught:
        from_json(json.dumps(data))
    assert [str(p) for p in caught.value.problems] == [
        f"JSON: {key}: missing key: an export has every kind (an empty list for none)"
        for key in ("credits", "awards")
    ]


@pytest.mark.parametrize("text", [b"\xff\xfe", "[" * 100_000])
def test_bytes_that_are_not_json_are_refused(text: str | bytes) -> None:
    with pytest.raises(DataError, match="not valid JSON"):
        from_json(text)


def test_messages_about_lists_are_grammatical() -> None:
    """No "expected a list of a string": every list type reads in the plural."""
    import typing

    from stalker_guide._convert import _type_name

    seen = set()
    for name in model.__all__:
        cls = getattr(model, name)
        if not model.is_record_class(cls):
            continue
        for hint in model.type_hints(cls).values():
            for tp in (hint, *typing.get_args(hint)):
                if typing.get_origin(tp) is tuple:
                    seen.add(_type_name(tp))
    assert "a list of strings" in seen
    assert 'a list of source ids or tables {source = "..."}' in seen
    for text in seen:
        assert not text.startswith(("a list of a ", "a list of an ")), text


# JSON Schema


def test_the_schema_is_valid_against_its_metaschema() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())


def test_the_export_validates_against_the_schema(minimal: Guide, real: Guide) -> None:
    validator = jsonschema.Draft202012Validator(json_schema())
    validator.validate(json.loads(to_json(minimal)))
    validator.validate(json.loads(to_json(real)))


def test_the_schema_has_every_record_type_and_field_of_the_model() -> None:
    definitions = json_schema()["$defs"]
    for name in model.__all__:
        record = getattr(model, name)
        if model.is_record_class(record) and record is not model.Frozen:
            assert name in definitions, name
            assert list(definitions[name]["properties"]) == [f.name for f in model.fields(record)]


def test_the_schema_requires_exactly_the_fields_without_default() -> None:
    person = json_schema()["$defs"]["Person"]
    assert person["required"] == ["id", "name", "citations"]
    assert person["additionalProperties"] is False


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("people", 0, "born"), "1932-13"),
        (("scenes", 0, "palette"), "green"),
        (("characters", 0, "played_by", 0), "Not A Slug"),
        (("people", 0, "citations"), []),
        (("people", 0, "nickname"), "Andryusha"),
        (("film", "year"), 1066),
        (("themes", 0, "name"), "   "),
    ],
)
def test_the_schema_refuses_what_the_loader_refuses(
    minimal: Guide, path: tuple[Any, ...], value: Any
) -> None:
    data = json.loads(to_json(minimal))
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    errors = list(jsonschema.Draft202012Validator(json_schema()).iter_errors(data))
    assert errors
    with pytest.raises(DataError):
        from_json(json.dumps(data))


# CSV


@pytest.fixture(scope="module")
def tables(
    minimal: Guide, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[dict[str, str]]]:
    folder = tmp_path_factory.mktemp("csv")
    written = to_csv(minimal, folder)
    assert sorted(p.name for p in written) == sorted(p.name for p in folder.iterdir())
    return {
        path.stem: list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
        for path in written
    }


def test_csv_has_a_table_per_kind(tables: dict[str, list[dict[str, str]]]) -> None:
    for collection in COLLECTIONS:
        assert collection in tables


def test_csv_kind_table_has_a_row_per_record(
    minimal: Guide, tables: dict[str, list[dict[str, str]]]
) -> None:
    assert [row["id"] for row in tables["people"]] == list(minimal.people)
    assert [row["id"] for row in tables["credits"]] == ["1"]
    assert tables["film"][0]["studio.name"] == "Mosfilm"


def test_csv_has_a_join_table_per_relation(
    minimal: Guide, tables: dict[str, list[dict[str, str]]]
) -> None:
    assert tables["character_played_by"] == [
        {"character": "writer", "position": "1", "person": "anatoly-solonitsyn"}
    ]
    pairs = {(row["scene"], row["character"]) for row in tables["scene_characters"]}
    expected = {(s.id, c) for s in minimal.scenes.values() for c in s.characters}
    assert pairs == expected
    assert {(r["motif"], r["theme"]) for r in tables["motif_themes"]} == {("nuts", "faith")}


def test_csv_nested_records_have_their_own_tables(tables: dict[str, list[dict[str, str]]]) -> None:
    (spelling,) = tables["person_spellings"]
    assert (spelling["person"], spelling["text"]) == ("andrei-tarkovsky", "Andrey Tarkovsky")
    assert tables["character_relationships"][0]["to"] == "writer"


def test_csv_citations_table_holds_every_citation(
    minimal: Guide, tables: dict[str, list[dict[str, str]]]
) -> None:
    def count(value: Any) -> int:
        if isinstance(value, model.Citation):
            return 1
        if isinstance(value, tuple):
            return sum(count(v) for v in value)
        if model.is_record(value):
            return sum(count(getattr(value, f.name)) for f in model.fields(value))
        return 0

    assert len(tables["citations"]) == sum(count(r) for r in minimal.records())
    claim = [r for r in tables["citations"] if r["kind"] == "claim" and r["field"] == "stated_by"]
    assert claim == [
        {
            "kind": "claim",
            "id": "cannes-year",
            "field": "stated_by",
            "position": "1",
            "source": "seed-fiff",
            "locator": "awards",
        }
    ]


def test_csv_of_the_real_data(real: Guide, tmp_path: Path) -> None:
    written = {p.stem for p in to_csv(real, tmp_path)}
    assert {"scene_characters", "character_played_by", "quote_variants", "citations"} <= written


# JSON-LD


def test_jsonld_uses_only_schema_org_types_and_properties(real: Guide) -> None:
    assert schema_org_problems(to_jsonld(real)) == []


def test_the_checker_notices_a_made_up_property() -> None:
    assert schema_org_problems({"@type": "Movie", "cinematographer": "x"}) == [
        "$.cinematographer: unknown property"
    ]
    assert schema_org_problems({"@type": "Person", "duration": "PT1H"}) == [
        "$.duration: not a property of Person"
    ]
    # The Role pattern allows only the property the role was reached by.
    role = {"@type": "PerformanceRole", "actor": {"@type": "Person", "name": "x"}}
    assert schema_org_problems({"@type": "Movie", "actor": [role]}) == []
    assert schema_org_problems({"@type": "Movie", "director": [role]}) == [
        "$.director[0].actor: not a property of PerformanceRole"
    ]


def test_jsonld_is_a_movie_with_its_core_facts(real: Guide) -> None:
    movie = to_jsonld(real)
    assert movie["@context"] == "https://schema.org"
    assert movie["@type"] == "Movie"
    assert movie["name"] == real.film.title
    assert re.fullmatch(r"PT(\d+H)?(\d+M)?", movie["duration"])
    hours, minutes = re.fullmatch(r"PT(\d+)H(?:(\d+)M)?", movie["duration"]).groups()  # type: ignore[union-attr]
    assert int(hours) * 60 + int(minutes or 0) == real.film.runtime.minutes
    assert [d["name"] for d in movie["director"]] == ["Andrei Tarkovsky"]
    assert movie["productionCompany"]["@type"] == "Organization"
    assert movie["isBasedOn"]["@type"] == "Book"
    assert movie["isBasedOn"]["name"] == "Roadside Picnic"


def test_jsonld_cast_is_performance_roles_matching_played_by(real: Guide) -> None:
    roles = {(r["actor"]["name"], r["characterName"]) for r in to_jsonld(real)["actor"]}
    expected = {
        (real.people[p].name, c.name) for c in real.characters.values() for p in c.played_by
    }
    assert roles == expected
    assert ("Anatoly Solonitsyn", "the Writer") in roles


def test_jsonld_has_a_critic_review_per_essay(real: Guide) -> None:
    reviews = to_jsonld(real)["review"]
    assert [r["@type"] for r in reviews] == ["CriticReview"] * len(real.essays)
    assert {r["name"] for r in reviews} == {e.title for e in real.essays.values()}


def test_jsonld_is_plain_json(minimal: Guide) -> None:
    movie = to_jsonld(minimal)
    assert json.loads(json.dumps(movie)) == movie


# The data-format reference (docs/library/data-format.md) agrees with the model.

DATA_FORMAT = Path(__file__).resolve().parents[1] / "docs" / "library" / "data-format.md"


def documented_fields() -> dict[str, list[tuple[str, str]]]:
    """Record type -> [(field, required column)] from the page's tables."""
    out: dict[str, list[tuple[str, str]]] = {}
    for section in DATA_FORMAT.read_text(encoding="utf-8").split("\n### ")[1:]:
        name = section.split("\n", 1)[0].strip()
        rows = re.findall(r"^\| `(\w+)` \| .* \| (.+?) \|$", section, re.M)
        out[name] = rows
    return out


def test_the_data_format_page_lists_every_record_type_and_field() -> None:
    documented = documented_fields()
    for name in model.__all__:
        record = getattr(model, name)
        if not model.is_record_class(record) or record is model.Frozen:
            continue
        fields = model.fields(record)
        assert [f for f, _ in documented.get(name, [])] == [f.name for f in fields], name
        for (field, required), spec in zip(documented[name], fields, strict=True):
            assert required.startswith("yes" if spec.required else "no"), (name, field)


def test_the_data_format_examples_parse_and_use_only_known_fields() -> None:
    import tomllib

    from stalker_guide.load import FILES

    records = {spec.key: spec.record for spec in FILES}

    def known(table: Any, record: type[Any]) -> None:
        hints = model.type_hints(record)
        fields = {f.name for f in model.fields(record)}
        for key, value in table.items():
            assert key in fields, f"{record.__name__} has no field {key!r}"
            inner = hints[key]
            while typing.get_origin(inner) in (tuple, types.UnionType, typing.Union):
                inner = next(a for a in typing.get_args(inner) if a is not type(None))
            if model.is_record_class(inner):
                for item in value if isinstance(value, list) else [value]:
                    if isinstance(item, dict):
                        known(item, typing.cast(type[Any], inner))

    text = DATA_FORMAT.read_text(encoding="utf-8")
    examples = re.findall(r"```toml\n(.*?)```", text, re.S)
    assert len(examples) == len(FILES)
    for example in examples:
        for key, value in tomllib.loads(example).items():
            for table in value if isinstance(value, list) else [value]:
                known(table, records[key])
