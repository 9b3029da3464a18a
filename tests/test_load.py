"""The loader: every validation rule, each with a purpose-made bad data set.

Each test copies the small valid data set in tests/fixtures/minimal, breaks one
thing, and asserts the exact problem the loader reports.
"""

from __future__ import annotations

import os
import pwd
import shutil
import sys
import tempfile
import unicodedata
from pathlib import Path

import pytest

import stalker_guide
from stalker_guide import DataError, load
from stalker_guide._convert import MAX_BYTES
from stalker_guide.guide import KINDS
from stalker_guide.load import FILES, FileSpec
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


# ------------------------------------------------------- missing and unreadable files


OTHER_FILES = [spec for spec in FILES if spec.kind != "film"]


@pytest.mark.parametrize("spec", OTHER_FILES, ids=[spec.file for spec in OTHER_FILES])
def test_every_data_file_is_required(data: Path, spec: FileSpec) -> None:
    # One problem naming the file: no records vanish in silence, and no reference
    # to the missing records is reported again as dangling.
    (data / spec.file).unlink()
    assert problems(data) == [
        f"{spec.file}: missing file: every data file is required; "
        f"for no {KINDS.get(spec.kind, 'credits')}, keep the file with no [[{spec.key}]] tables"
    ]


def test_a_data_file_with_no_tables_is_an_empty_collection(data: Path) -> None:
    (data / "claims.toml").write_text("# No claims yet.\n", encoding="utf-8")
    assert load(data).claims == {}


def test_a_folder_in_place_of_a_data_file(data: Path) -> None:
    (data / "awards.toml").unlink()
    (data / "awards.toml").mkdir()
    assert problems(data) == ["awards.toml: is a folder, not a file; expected a TOML file"]


def test_a_named_pipe_in_place_of_a_data_file_is_not_waited_on(data: Path) -> None:
    (data / "awards.toml").unlink()
    os.mkfifo(data / "awards.toml")
    assert problems(data) == [
        "awards.toml: is a named pipe (FIFO), not a file; expected a TOML file"
    ]


def test_a_link_to_a_device_is_not_read(data: Path) -> None:
    (data / "awards.toml").unlink()
    (data / "awards.toml").symlink_to("/dev/zero")
    assert problems(data) == [
        "awards.toml: is a character device (a symbolic link to '/dev/zero'), not a file; "
        "expected a TOML file"
    ]


def test_a_link_to_nothing(data: Path) -> None:
    (data / "awards.toml").unlink()
    (data / "awards.toml").symlink_to(data / "gone.toml")
    assert problems(data) == ["awards.toml: a symbolic link to 'gone.toml', which does not exist"]


def test_a_file_too_large_is_read_no_further(data: Path) -> None:
    with (data / "awards.toml").open("r+b") as file:  # sparse: takes no room on disc
        file.truncate(MAX_BYTES + 1)
    assert problems(data) == [
        "awards.toml: larger than 100 MB, the most a data file may hold; read no further"
    ]


def _problems_as(uid: int, gid: int, folder: Path) -> list[str]:
    """The problems a load reports when it runs as another user: in a forked child that drops
    root's privileges first (everything the load needs is imported before the fork, since
    the interpreter's own files may not be readable by that user)."""
    import stalker_guide._convert  # noqa: F401 - imported here so the child need not read it

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 0
        try:
            os.close(read)
            os.setgroups([])
            os.setgid(gid)
            os.setuid(uid)
            try:
                load(folder)
                found = ["(loaded)"]
            except DataError as error:
                found = [str(p).replace(f"{folder}/", "") for p in error.problems]
            os.write(write, "\n".join(found).encode())
        except BaseException as error:  # reported to the parent, whatever it is
            os.write(write, f"child failed: {error!r}".encode())
            code = 1
        finally:
            os._exit(code)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        out = pipe.read().decode()
    os.waitpid(pid, 0)
    return out.splitlines()


def test_an_unreadable_data_file(monkeypatch: pytest.MonkeyPatch) -> None:
    # Root reads any file whatever its mode, so as root the load runs as 'nobody', in a
    # folder that 'nobody' can reach (pytest's own temporary folders are private to root).
    monkeypatch.setenv("STALKER_GUIDE_CACHE", "off")
    folder = Path(tempfile.mkdtemp(prefix="unreadable-")) / "data"
    try:
        shutil.copytree(MINIMAL, folder)
        folder.parent.chmod(0o755)
        (folder / "awards.toml").chmod(0)
        if os.geteuid() != 0:
            assert problems(folder) == ["awards.toml: cannot be read: Permission denied"]
            return
        nobody = pwd.getpwnam("nobody")
        found = _problems_as(nobody.pw_uid, nobody.pw_gid, folder)
        assert found == ["awards.toml: cannot be read: Permission denied"]
    finally:
        shutil.rmtree(folder.parent, ignore_errors=True)


def test_a_byte_order_mark_is_accepted(data: Path) -> None:
    path = data / "people.toml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load(data).people["andrei-tarkovsky"].name == "Andrei Tarkovsky"


def test_text_that_is_not_utf8_names_the_line(data: Path) -> None:
    path = data / "themes.toml"
    path.write_bytes(path.read_bytes().replace(b'"Faith"', b'"Fa\xefth"'))
    (problem,) = problems(data)
    assert problem.startswith("themes.toml: not UTF-8 text: byte b'\\xef' at line 3 ")


# ------------------------------------------------------------------ values checked for meaning


def test_a_runtime_is_positive(data: Path) -> None:
    edit(data, "film.toml", "minutes = 161", "minutes = -161")
    assert problems(data) == [
        "film.toml: film 'film': runtimes[0].minutes: expected a positive integer (1 or more), "
        "got -161"
    ]


@pytest.mark.parametrize(
    ("file", "old", "new", "field"),
    [
        ("scenes.toml", "number = 1", "number = 0", "scene 'the-bar': number"),
        ("scenes.toml", "part = 1", "part = -1", "scene 'the-bar': part"),
        ("places.toml", "journey = 1", "journey = 0", "place 'the-room': journey"),
    ],
)
def test_counts_and_positions_are_positive(
    data: Path, file: str, old: str, new: str, field: str
) -> None:
    edit(data, file, old, new)
    got = new.split(" = ")[1]
    assert f"{file}: {field}: expected a positive integer (1 or more), got {got}" in problems(data)


def test_a_character_is_not_related_to_himself(data: Path) -> None:
    edit(
        data, "characters.toml", 'to = "writer", kind = "guide"', 'to = "stalker", kind = "spouse"'
    )
    assert problems(data) == [
        "characters.toml: character 'stalker': relationships[0].to: 'stalker' is this "
        "character itself; expected the id of another character"
    ]


def test_a_term_does_not_see_itself(data: Path) -> None:
    edit(data, "glossary.toml", 'see = ["the-room"]', 'see = ["komnata"]')
    (problem,) = problems(data)
    assert problem.startswith(
        "glossary.toml: term 'komnata': see[0]: 'komnata' is this term itself"
    )


@pytest.mark.parametrize(
    ("escape", "named"),
    [
        ("\\u0000", "U+0000 NULL at character 5"),
        ("\\u001b[31m", "U+001B ESCAPE at character 5"),
        ("\\u200b", "U+200B ZERO WIDTH SPACE at character 5"),
        ("\\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE at character 5"),
        ("\\u00ad", "U+00AD SOFT HYPHEN at character 5"),
    ],
)
def test_no_invisible_or_control_characters_in_text(data: Path, escape: str, named: str) -> None:
    edit(data, "characters.toml", 'name = "the Writer"', f'name = "the {escape}Writer"')
    assert problems(data) == [
        f"characters.toml: character 'writer': name: contains {named}, "
        "an invisible or control character; remove it"
    ]


def test_every_invisible_character_is_counted(data: Path) -> None:
    edit(data, "themes.toml", 'name = "Faith"', 'name = "\\u200bFa\\u200bith\\u200b"')
    (problem,) = problems(data)
    assert "U+200B ZERO WIDTH SPACE at character 1 (and 2 more such)" in problem


def test_the_invisible_characters_are_unicodes_controls_and_formats() -> None:
    # Every Cc, Cf, Zl and Zp character is refused, tab and newline aside; nothing else
    # is, but characters that a later Unicode than this Python's made format characters.
    from stalker_guide._convert import _INVISIBLE

    for code in range(sys.maxunicode + 1):
        char = chr(code)
        category = unicodedata.category(char)
        if category in ("Cc", "Cf", "Zl", "Zp") and char not in "\t\n":
            assert _INVISIBLE.match(char), f"U+{code:04X} is let through"
        elif category != "Cn":
            assert not _INVISIBLE.match(char), f"U+{code:04X} is refused"


@pytest.mark.parametrize("depth", [300, 5000])
def test_values_nested_deeply_are_one_problem(data: Path, depth: int) -> None:
    path = data / "themes.toml"
    deep = "[" * depth + "]" * depth
    path.write_text(
        path.read_text(encoding="utf-8").replace('name = "Faith"', f"name = {deep}"),
        encoding="utf-8",
    )
    (problem,) = problems(data)
    if depth < 400:
        assert (
            problem == "themes.toml: theme 'faith': name: expected a string, got list [[[[...]]]]"
        )
    else:
        assert problem == (
            "themes.toml: arrays or inline tables nested too deeply to read "
            "(hundreds of levels); the data nests them a few levels at most"
        )


def test_the_message_shows_the_first_fifty_problems(data: Path) -> None:
    path = data / "themes.toml"
    extra = "".join(f'\n[[theme]]\nid = "theme-{n}"\nname = ""\n' for n in range(120))
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load(data)
    count = len(caught.value.problems)
    assert count == 120 * 3
    lines = str(caught.value).splitlines()
    assert lines[0] == f"{count} problems in the data:"
    assert len(lines) == 1 + 50 + 1
    assert lines[-1] == (
        f"  and {count - 50} more problems (the first are shown; fix them and load again)"
    )


def test_a_lookalike_letter_in_an_id_is_named(data: Path) -> None:
    # One problem, not one per reference to 'writer', and no suggestion that looks
    # the same as what was typed.
    edit(data, "characters.toml", 'id = "writer"', 'id = "writ\u0435r"')
    assert problems(data) == [
        "characters.toml: character 'writ\u0435r': id: contains a Cyrillic '\u0435' (U+0435) "
        "that looks like a Latin 'e'; ids are plain ASCII: retype it"
    ]


def test_a_lookalike_letter_in_a_reference_is_named(data: Path) -> None:
    edit(data, "scenes.toml", '"stalker", "writer"', '"stalker", "writ\u0435r"')
    assert problems(data) == [
        "scenes.toml: scene 'the-bar': characters[1]: unknown id 'writ\u0435r': it contains a "
        "Cyrillic '\u0435' (U+0435) that looks like a Latin 'e'; retype it in plain ASCII "
        "to name the character 'writer'"
    ]


def test_a_key_with_control_characters_is_shown_escaped(data: Path) -> None:
    edit(data, "themes.toml", 'name = "Faith"', 'name = "Faith"\n"\\u001b[2J" = 1')
    (problem,) = problems(data)
    assert problem.startswith("themes.toml: theme 'faith': '\\x1b[2J': unknown key")


def test_a_lookalike_letter_in_a_key_is_named(data: Path) -> None:
    edit(data, "themes.toml", 'name = "Faith"', '"n\u0430me" = "Faith"')
    problem = problems(data)[0]
    assert problem.startswith(
        "themes.toml: theme 'faith': n\u0430me: unknown key: it contains a Cyrillic '\u0430' "
        "(U+0430) that looks like a Latin 'a'; expected one of: id, name,"
    )
