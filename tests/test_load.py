"""The loader: every validation rule, each with a purpose-made bad data set.

Each test copies the small valid data set in tests/fixtures/minimal, breaks one
thing, and asserts the exact problem the loader reports.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import stalker_guide
from stalker_guide import DataError, load
from stalker_guide.model import FrozenInstanceError

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(MINIMAL, folder)
    return folder


def edit(folder: Path, file: str, old: str, new: str) -> None:
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture {file} has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(folder: Path) -> list[str]:
    """The problems a load reports, with the folder's path made relative."""
    with pytest.raises(DataError) as caught:
        load(folder)
    return [str(p).replace(f"{folder}/", "") for p in caught.value.problems]


def test_the_minimal_data_set_loads(data: Path) -> None:
    guide = load(data)
    assert guide.film.title == "Stalker"
    assert guide.characters["writer"].played_by == ("anatoly-solonitsyn",)


def test_toml_syntax_error_names_file_and_line(data: Path) -> None:
    edit(data, "people.toml", 'name = "Andrei Tarkovsky"', 'name = "Andrei Tarkovsky')
    assert problems(data) == [
        "people.toml: TOML syntax error: Illegal character '\\n' (at line 3, column 25)"
    ]


def test_unknown_key_is_reported_with_a_suggestion(data: Path) -> None:
    edit(data, "characters.toml", "played_by =", "playd_by =")
    (problem,) = problems(data)
    assert problem.startswith(
        "characters.toml: character 'writer': playd_by: unknown key (did you mean 'played_by'?)"
    )


def test_unknown_top_level_table_is_reported(data: Path) -> None:
    edit(data, "themes.toml", "[[theme]]", "[[themes]]")
    assert problems(data) == [
        "themes.toml: themes: unknown top-level key (did you mean 'theme'?); "
        "this file holds [[theme]] tables"
    ]


def test_unknown_data_file_is_reported(data: Path) -> None:
    (data / "charcters.toml").write_text("", encoding="utf-8")
    (problem,) = problems(data)
    assert problem.startswith("charcters.toml: unknown data file (did you mean 'characters.toml'?)")


def test_missing_required_field(data: Path) -> None:
    edit(
        data,
        "characters.toml",
        'description = "A famous writer who fears his inspiration is gone."\n',
        "",
    )
    assert problems(data) == [
        "characters.toml: character 'writer': description: missing required field; "
        "expected a string"
    ]


def test_wrong_type(data: Path) -> None:
    edit(data, "scenes.toml", "number = 1", 'number = "one"')
    assert problems(data) == [
        "scenes.toml: scene 'the-bar': number: expected an integer, got string 'one'"
    ]


def test_wrong_type_in_a_list(data: Path) -> None:
    edit(data, "scenes.toml", 'characters = ["stalker", "writer"]', 'characters = ["stalker", 2]')
    assert problems(data) == [
        "scenes.toml: scene 'the-bar': characters[1]: expected a string, got integer 2"
    ]


def test_wrong_enum_value_lists_choices(data: Path) -> None:
    edit(data, "scenes.toml", 'palette = "sepia"', 'palette = "sephia"')
    assert problems(data) == [
        "scenes.toml: scene 'the-bar': palette: expected one of 'sepia', 'colour', 'mixed', "
        "got 'sephia' (did you mean 'sepia'?)"
    ]


def test_empty_string(data: Path) -> None:
    edit(data, "themes.toml", 'name = "Faith"', 'name = "  "')
    assert problems(data) == [
        "themes.toml: theme 'faith': name: empty string; leave an optional field out instead"
    ]


def test_duplicate_id_within_a_file(data: Path) -> None:
    edit(data, "scenes.toml", 'id = "the-threshold"', 'id = "the-bar"')
    assert problems(data) == [
        "scenes.toml: scene 'the-bar': id: duplicate id 'the-bar' in the 2nd [[scene]] table: "
        "already used by the 1st [[scene]] table in this file; ids are unique across all kinds"
    ]


def test_duplicate_id_across_kinds(data: Path) -> None:
    edit(data, "glossary.toml", 'id = "komnata"', 'id = "the-room"')
    (problem,) = problems(data)
    assert problem.startswith(
        "glossary.toml: term 'the-room': id: duplicate id 'the-room' in the 1st [[term]] "
        f"table: already used by the 1st [[place]] table in {data}/places.toml".replace(
            f"{data}/", ""
        )
    )


def test_id_must_be_a_slug(data: Path) -> None:
    edit(data, "themes.toml", 'id = "faith"', 'id = "Faith"')
    edit(data, "motifs.toml", 'themes = ["faith"]', 'themes = ["Faith"]')
    edit(data, "quotes.toml", 'themes = ["faith"]', 'themes = ["Faith"]')
    edit(data, "scenes.toml", 'themes = ["faith"]', 'themes = ["Faith"]')
    assert problems(data) == [
        "themes.toml: theme 'Faith': id: expected a lowercase slug of letters, digits and "
        "single hyphens (like 'the-writer'), got 'Faith'"
    ]


def test_dangling_reference_suggests_near_ids(data: Path) -> None:
    edit(
        data,
        "characters.toml",
        'played_by = ["anatoly-solonitsyn"]',
        'played_by = ["anatoli-solonitsyn"]',
    )
    assert problems(data) == [
        "characters.toml: character 'writer': played_by[0]: unknown person id "
        "'anatoli-solonitsyn' (did you mean 'anatoly-solonitsyn'?)"
    ]


def test_reference_to_the_wrong_kind(data: Path) -> None:
    edit(
        data,
        "scenes.toml",
        'characters = ["stalker", "writer"]',
        'characters = ["stalker", "anatoly-solonitsyn"]',
    )
    assert problems(data) == [
        "scenes.toml: scene 'the-bar': characters[1]: 'anatoly-solonitsyn' is a person, "
        "expected the id of a character"
    ]


def test_quotation_speaker_must_suit_its_kind(data: Path) -> None:
    edit(data, "quotes.toml", 'speaker = "andrei-tarkovsky"', 'speaker = "writer"')
    assert problems(data) == [
        "quotes.toml: quote 'tarkovsky-on-stalker': speaker: a director quotation is spoken "
        "by a person, but 'writer' is a character"
    ]


def test_invalid_date(data: Path) -> None:
    edit(data, "people.toml", 'born = "1932-04-04"', 'born = "1932-13-04"')
    assert problems(data) == [
        'people.toml: person \'andrei-tarkovsky\': born: expected a date ("YYYY", "YYYY-MM" '
        "or \"YYYY-MM-DD\") that exists, got '1932-13-04'"
    ]


def test_toml_native_date_is_refused_with_a_hint(data: Path) -> None:
    edit(data, "people.toml", 'born = "1932-04-04"', "born = 1932-04-04")
    assert problems(data) == [
        'people.toml: person \'andrei-tarkovsky\': born: expected a date ("YYYY", "YYYY-MM" '
        'or "YYYY-MM-DD"), got date datetime.date(1932, 4, 4) (write dates as strings)'
    ]


def test_invalid_year(data: Path) -> None:
    edit(data, "awards.toml", "year = 1980", "year = 19800")
    assert problems(data) == [
        "awards.toml: award 'cannes-ecumenical-1980': year: expected a year between 1800 "
        "and 2100, got 19800"
    ]


def test_citation_of_an_unknown_source(data: Path) -> None:
    edit(data, "themes.toml", 'citations = ["seed-fiff"]', 'citations = ["seed-fif"]')
    assert problems(data) == [
        "themes.toml: theme 'faith': citations[0].source: unknown source id 'seed-fif' "
        "(did you mean 'seed-fiff'?)"
    ]


def test_citation_that_is_not_a_source(data: Path) -> None:
    edit(data, "themes.toml", 'citations = ["seed-fiff"]', 'citations = ["writer"]')
    assert problems(data) == [
        "themes.toml: theme 'faith': citations[0].source: 'writer' is a character, "
        "expected the id of a source"
    ]


def test_record_without_citations(data: Path) -> None:
    edit(data, "themes.toml", 'citations = ["seed-fiff"]', "citations = []")
    assert problems(data) == [
        "themes.toml: theme 'faith': citations: needs at least one citation: "
        "every fact cites a source"
    ]


def test_record_missing_its_citations_field(data: Path) -> None:
    edit(data, "awards.toml", 'citations = ["gff"]\n', "")
    assert problems(data) == [
        "awards.toml: award 'cannes-ecumenical-1980': citations: missing required field; "
        'expected a list of source ids or tables {source = "..."}'
    ]


def test_nested_record_without_citations(data: Path) -> None:
    edit(
        data,
        "quotes.toml",
        'variants = [{ text = "Not so loud, you\'ll wake up…", citations = ["mos1"] }]',
        'variants = [{ text = "Not so loud, you\'ll wake up…" }]',
    )
    (problem,) = problems(data)
    assert problem.startswith(
        "quotes.toml: quote 'quiet-monkey': variants[0].citations: missing required field"
    )


def test_scenes_must_be_in_running_order(data: Path) -> None:
    edit(data, "scenes.toml", "number = 1", "number = 5")
    assert problems(data) == [
        "scenes.toml: scene 'the-threshold': number: scenes must be in running order: "
        "2 comes after 5"
    ]


def test_scene_part_must_be_one_of_the_films_parts(data: Path) -> None:
    edit(data, "scenes.toml", "part = 2", "part = 3")
    assert problems(data) == [
        "scenes.toml: scene 'the-threshold': part: expected one of the film's parts [1, 2], got 3"
    ]


def test_exactly_one_runtime_is_held(data: Path) -> None:
    edit(data, "film.toml", "held = true, ", "")
    assert problems(data) == [
        "film.toml: film: runtimes: expected exactly one runtime with held = true, found 0"
    ]


def test_missing_film_file(data: Path) -> None:
    (data / "film.toml").unlink()
    assert "film.toml: missing file: the film's own record is required" in problems(data)


def test_every_problem_is_reported_at_once(data: Path) -> None:
    edit(data, "themes.toml", 'name = "Faith"', 'name = ""')
    edit(data, "awards.toml", "year = 1980", "year = 1066")
    edit(data, "characters.toml", 'to = "writer"', 'to = "wrter"')
    reported = problems(data)
    assert len(reported) == 3
    assert str(DataError([])).startswith("0 problems")


def test_nothing_is_half_loaded(data: Path) -> None:
    edit(data, "themes.toml", 'name = "Faith"', 'name = ""')
    with pytest.raises(DataError):
        load(data)
    # A failed load raises; there is no partially built Guide to get hold of.
    assert load(MINIMAL).themes["faith"].name == "Faith"


def test_the_data_folder_comes_from_the_environment(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STALKER_GUIDE_DATA", str(data))
    assert len(load().scenes) == 2


def test_a_missing_data_folder_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="data folder does not exist"):
        load(tmp_path / "nowhere")


def test_records_and_collections_are_read_only() -> None:
    guide = load(MINIMAL)
    writer = guide.characters["writer"]
    with pytest.raises(FrozenInstanceError):
        writer.name = "someone else"  # type: ignore[misc]
    with pytest.raises(TypeError):
        guide.characters["x"] = writer  # type: ignore[index]
    with pytest.raises(AttributeError):
        guide.film = guide.film
    assert isinstance(writer.played_by, tuple)


def test_the_real_data_loads_without_problems() -> None:
    guide = load()
    assert guide.film.original_title == "Сталкер"
    assert len(guide.characters) >= 5


def test_the_default_guide_is_loaded_once() -> None:
    assert isinstance(stalker_guide.guide, stalker_guide.Guide)
    assert stalker_guide.guide is stalker_guide.guide
