"""The command line, run for real in a subprocess: each command, its output and exit code."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from stalker_guide import load
from stalker_guide.export import from_json

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
SHARED = ROOT.parent / "shared"
SCRIPT = Path(sys.executable).with_name("stalker-guide")


@pytest.fixture(scope="module", autouse=True)
def environment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Each run gets its own cache folder, and no data folder from the environment."""
    saved = dict(os.environ)
    os.environ["STALKER_GUIDE_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    os.environ.pop("STALKER_GUIDE_DATA", None)
    os.environ.pop("NO_COLOR", None)
    yield
    os.environ.clear()
    os.environ.update(saved)


def cli(*args: str, data: Path | None = MINIMAL) -> subprocess.CompletedProcess[str]:
    """Run ``python -m stalker_guide [--data DATA] ARGS``."""
    prefix = ["--data", str(data)] if data is not None else []
    return subprocess.run(
        [sys.executable, "-m", "stalker_guide", *prefix, *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )


# Help, version, usage errors.


def test_help_lists_every_command() -> None:
    result = cli("--help", data=None)
    assert result.returncode == 0
    for command in ("show", "search", "export", "check", "build"):
        assert command in result.stdout
    assert "exit codes" in result.stdout


@pytest.mark.parametrize("command", ["show", "search", "export", "check", "build"])
def test_each_command_has_help(command: str) -> None:
    result = cli(command, "--help", data=None)
    assert result.returncode == 0
    assert result.stdout.startswith(f"usage: stalker-guide {command}")


def test_version() -> None:
    result = cli("--version", data=None)
    assert (result.returncode, result.stdout.strip()) == (0, "stalker-guide 0.1.0")


def test_no_command_is_a_usage_error() -> None:
    result = cli(data=None)
    assert result.returncode == 2
    assert "the following arguments are required: COMMAND" in result.stderr
    assert result.stdout == ""


def test_an_unknown_command_is_a_usage_error() -> None:
    assert cli("frobnicate").returncode == 2


@pytest.mark.skipif(not SCRIPT.exists(), reason="the console script is not installed")
def test_the_console_script_is_the_same_program() -> None:
    result = subprocess.run(
        [str(SCRIPT), "--data", str(MINIMAL), "show", "writer"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout == cli("show", "writer").stdout


# show


def test_show_by_id() -> None:
    result = cli("show", "writer")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "character writer: the Writer"
    assert "  native_name: Писатель" in lines
    assert "played by:" in lines
    assert "  anatoly-solonitsyn: Anatoly Solonitsyn" in lines


def test_show_by_a_spelling_the_data_does_not_list() -> None:
    result = cli("show", "Anatolij", "Solonicyn")
    assert result.returncode == 0
    assert result.stdout.startswith("person anatoly-solonitsyn: Anatoly Solonitsyn\n")


def test_show_by_cyrillic() -> None:
    assert cli("show", "Солоницын").stdout.startswith("person anatoly-solonitsyn:")


def test_show_unknown_exits_1_with_suggestions_on_stderr() -> None:
    result = cli("show", "Solonitsin", "Anatoli")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("stalker-guide show: nothing is called 'Solonitsin Anatoli'")
    assert "did you mean" in result.stderr


def test_show_ambiguous_exits_1_listing_candidates(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    with (data / "people.toml").open("a", encoding="utf-8") as people:
        people.write(
            '\n[[person]]\nid = "boris-strugatsky"\nname = "Boris Strugatsky"\n'
            'native_name = "Борис Стругацкий"\ncitations = ["mos1"]\n'
        )
    result = cli("show", "Strugatsky", data=data)
    assert result.returncode == 1
    assert "Arkady Strugatsky (person arkady-strugatsky)" in result.stderr
    assert "Boris Strugatsky (person boris-strugatsky)" in result.stderr


def test_show_json_prints_the_record() -> None:
    result = cli("show", "--json", "the-bar")
    assert result.returncode == 0
    record = json.loads(result.stdout)
    assert (record["id"], record["number"], record["palette"]) == ("the-bar", 1, "sepia")


def test_show_writes_no_colour_into_a_pipe() -> None:
    assert "\x1b" not in cli("show", "writer").stdout


# search


def test_search_prints_one_tab_separated_hit_per_line() -> None:
    result = cli("search", "room")
    assert result.returncode == 0
    first = result.stdout.splitlines()[0].split("\t")
    assert first == ["place", "the-room", "name", "the Room"]


def test_search_kind_and_limit() -> None:
    result = cli("search", "stalker", "--kind", "scene", "-n", "1")
    assert result.returncode == 0
    (line,) = result.stdout.splitlines()
    assert line.startswith("scene\t")


def test_search_json() -> None:
    hits = json.loads(cli("search", "--json", "writer").stdout)
    assert hits[0]["id"] == "writer"
    assert set(hits[0]) == {"id", "kind", "field", "score", "excerpt"}


def test_search_without_hits_exits_1() -> None:
    result = cli("search", "zyzzyva")
    assert (result.returncode, result.stdout) == (1, "")
    assert "nothing matches 'zyzzyva'" in result.stderr


def test_search_bad_limit_or_kind_is_a_usage_error() -> None:
    assert cli("search", "x", "-n", "-1").returncode == 2
    assert cli("search", "x", "--kind", "actor").returncode == 2


# export


def test_export_json_to_stdout_reads_back_equal() -> None:
    result = cli("export", "json")
    assert result.returncode == 0
    assert from_json(result.stdout) == load(MINIMAL)


def test_export_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "guide.json"
    result = cli("export", "json", "-o", str(target))
    assert (result.returncode, result.stdout) == (0, "")
    assert from_json(target.read_text(encoding="utf-8")) == load(MINIMAL)


def test_export_jsonld_and_schema() -> None:
    movie = json.loads(cli("export", "jsonld").stdout)
    assert movie["@type"] == "Movie"
    schema = json.loads(cli("export", "schema").stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_export_csv_needs_a_folder() -> None:
    result = cli("export", "csv")
    assert result.returncode == 2
    assert "give a folder with -o FOLDER" in result.stderr


def test_export_csv_to_a_folder(tmp_path: Path) -> None:
    result = cli("export", "csv", "-o", str(tmp_path / "tables"))
    assert result.returncode == 0
    assert (tmp_path / "tables" / "scene_characters.csv").is_file()
    assert "tables written to" in result.stderr


def test_export_unknown_format_is_a_usage_error() -> None:
    result = cli("export", "yaml")
    assert result.returncode == 2
    assert "invalid choice: 'yaml'" in result.stderr


def test_export_stops_quietly_when_the_reader_goes_away() -> None:
    for unbuffered in ("", "1"):
        env = {**os.environ, "PYTHONUNBUFFERED": unbuffered}
        if not unbuffered:
            env.pop("PYTHONUNBUFFERED")
        process = subprocess.Popen(
            [sys.executable, "-m", "stalker_guide", "export", "json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env=env,
        )
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.read(1) == b"{"
        process.stdout.close()
        error = process.stderr.read()
        process.stderr.close()
        assert process.wait() == 141
        assert error == b""


# Unwritable outputs, closed and full streams, non-UTF-8 terminals: one line on
# stderr and exit 1, never a traceback; JSON and CSV always in UTF-8.

FULL = Path("/dev/full")
needs_dev_full = pytest.mark.skipif(not FULL.exists(), reason="no /dev/full here")


def raw(
    *args: str, env: dict[str, str] | None = None, shell: str = ""
) -> subprocess.CompletedProcess[bytes]:
    """Run the program on the minimal data; ``shell`` is a redirection such as ``>&-``."""
    command = [sys.executable, "-m", "stalker_guide", "--data", str(MINIMAL), *args]
    if shell:
        command = ["sh", "-c", f'exec "$@" {shell}', "sh", *command]
    return (
        subprocess.run(
            command, capture_output=not shell, check=False, cwd=ROOT, env=env or dict(os.environ)
        )
        if not shell
        else subprocess.run(
            command, stderr=subprocess.PIPE, check=False, cwd=ROOT, env=env or dict(os.environ)
        )
    )


def one_line_error(result: subprocess.CompletedProcess[bytes], expected: str) -> None:
    """Exit 1, and the error is the last line of stderr, the only one unless
    the command reports findings there first (``check``)."""
    error = result.stderr.decode("utf-8")
    assert result.returncode == 1, error
    assert "Traceback" not in error
    *before, last, after = error.split("\n")
    assert after == "" and expected in last, error
    assert not before or expected.startswith("stalker-guide check:"), error


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["export", "json", "-o", "/nonexistent/dir/x.json"],
            "stalker-guide export: cannot write /nonexistent/dir/x.json: No such file or directory",
        ),
        (
            ["export", "jsonld", "-o", "/nonexistent/dir/x.json"],
            "cannot write /nonexistent/dir/x.json",
        ),
        (["export", "csv", "-o", "/proc/x"], "stalker-guide export: cannot write /proc/x: "),
    ],
)
def test_an_output_that_cannot_be_made_is_one_line(args: list[str], expected: str) -> None:
    if args[-1].startswith("/proc") and not Path("/proc/self").exists():
        pytest.skip("no /proc here")
    one_line_error(raw(*args), expected)


@needs_dev_full
@pytest.mark.parametrize("fmt", ["json", "jsonld", "schema"])
def test_export_to_a_full_disc_is_one_line(fmt: str) -> None:
    one_line_error(
        raw("export", fmt, "-o", str(FULL)), "cannot write /dev/full: No space left on device"
    )


@needs_dev_full
@pytest.mark.parametrize(
    "args",
    [["export", "json"], ["show", "writer"], ["show", "--json", "writer"], ["search", "zone"]],
)
def test_a_full_standard_output_is_one_line(args: list[str]) -> None:
    one_line_error(
        raw(*args, shell=f"> {FULL}"),
        f"stalker-guide {args[0]}: cannot write to standard output: No space left on device",
    )


@pytest.mark.parametrize(
    "args", [["show", "writer"], ["export", "json"], ["search", "--json", "zone"], ["check"]]
)
def test_a_closed_standard_output_is_one_line(args: list[str]) -> None:
    one_line_error(
        raw(*args, shell=">&-"),
        f"stalker-guide {args[0]}: cannot write to standard output: it is closed",
    )


def test_a_closed_standard_output_does_not_stop_an_export_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "guide.json"
    result = raw("export", "json", "-o", str(target), shell=">&-")
    assert (result.returncode, result.stderr) == (0, b"")
    assert from_json(target.read_bytes()) == load(MINIMAL)


def test_an_export_replaces_a_file_whole_and_leaves_nothing_beside_it(tmp_path: Path) -> None:
    target = tmp_path / "guide.json"
    target.write_text("old", encoding="utf-8")
    assert raw("export", "json", "-o", str(target)).returncode == 0
    assert from_json(target.read_bytes()) == load(MINIMAL)
    assert [p.name for p in tmp_path.iterdir()] == ["guide.json"]


def ascii_terminal() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONIO"))}
    return {**env, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}


@pytest.mark.parametrize("fmt", ["json", "jsonld"])
def test_exports_are_utf8_whatever_the_locale(fmt: str) -> None:
    result = raw("export", fmt, env=ascii_terminal())
    assert (result.returncode, result.stderr) == (0, b"")
    text = result.stdout.decode("utf-8")
    assert "Сталкер" in text and "?????" not in text
    if fmt == "json":
        assert from_json(result.stdout) == load(MINIMAL)


def test_exports_to_a_file_and_csv_are_utf8_whatever_the_locale(tmp_path: Path) -> None:
    env = ascii_terminal()
    assert raw("export", "json", "-o", str(tmp_path / "g.json"), env=env).returncode == 0
    assert from_json((tmp_path / "g.json").read_bytes()) == load(MINIMAL)
    assert raw("export", "csv", "-o", str(tmp_path / "csv"), env=env).returncode == 0
    assert "Сталкер" in (tmp_path / "csv" / "film.csv").read_text(encoding="utf-8")


def test_json_from_show_and_search_is_utf8_whatever_the_locale() -> None:
    env = ascii_terminal()
    shown = raw("show", "--json", "writer", env=env)
    assert json.loads(shown.stdout.decode("utf-8"))["native_name"] == "Писатель"
    found = raw("search", "--json", "Писатель", env=env)
    assert "Писатель" in {hit["excerpt"] for hit in json.loads(found.stdout.decode("utf-8"))}


def test_show_and_search_on_an_ascii_terminal_escape_what_it_cannot_show() -> None:
    env = ascii_terminal()
    shown = raw("show", "writer", env=env)
    assert (shown.returncode, shown.stderr) == (0, b"")
    assert "  native_name: \\u041f\\u0438\\u0441" in shown.stdout.decode("ascii")
    found = raw("search", "Писатель", env=env)
    assert (found.returncode, found.stderr) == (0, b"")
    assert "\\u041f\\u0438" in found.stdout.decode("ascii")


def test_arguments_typed_in_utf8_on_an_ascii_terminal_are_read_as_utf8() -> None:
    result = raw("show", "Писатель", env=ascii_terminal())
    assert result.returncode == 0
    assert result.stdout.startswith(b"character writer: the Writer\n")


HOSTILE = "Anatoly\x1b[2J\x00Solo\u202enitsyn\u200b"


def test_control_and_invisible_characters_are_never_written_raw(tmp_path: Path) -> None:
    """Whether the loader refuses such a name or not, neither stream carries it raw."""
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    people = data / "people.toml"
    text = people.read_text(encoding="utf-8")
    hostile = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in HOSTILE)
    people.write_text(
        text.replace('name = "Anatoly Solonitsyn"', f'name = "{hostile}"', 1), encoding="utf-8"
    )
    assert hostile in people.read_text(encoding="utf-8")
    for args in (["show", "anatoly-solonitsyn"], ["show", "writer"], ["search", "Anatoly"]):
        result = subprocess.run(
            [sys.executable, "-m", "stalker_guide", "--data", str(data), *args],
            capture_output=True,
            check=False,
            cwd=ROOT,
        )
        assert result.returncode in (0, 1)
        for stream in (result.stdout, result.stderr):
            shown = stream.decode("utf-8")
            assert not {"\x1b", "\x00", "\u202e", "\u200b"} & set(shown), shown
            assert "Traceback" not in shown
        if result.returncode == 0:
            assert "\\x1b[2J\\x00Solo\\u202enitsyn\\u200b" in result.stdout.decode("utf-8")


def test_an_unknown_name_with_control_characters_is_escaped_in_the_message() -> None:
    result = raw("show", "Writer\x1b[31m\u202e")
    assert result.returncode == 1
    assert b"\x1b" not in result.stderr and "\u202e".encode() not in result.stderr


# check


def test_check_data_with_problems_exits_1_listing_them(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    scenes = data / "scenes.toml"
    scenes.write_text(
        scenes.read_text(encoding="utf-8").replace('palette = "sepia"', 'palette = "green"'),
        encoding="utf-8",
    )
    result = cli("check", data=data)
    assert result.returncode == 1
    assert "1 problem in the data:" in result.stderr
    assert "palette: expected one of 'sepia', 'colour', 'mixed'" in result.stderr


def test_check_reports_two_scenes_with_one_number(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    scenes = data / "scenes.toml"
    scenes.write_text(
        scenes.read_text(encoding="utf-8").replace("number = 2", "number = 1"), encoding="utf-8"
    )
    result = cli("check", data=data)
    assert result.returncode == 1
    assert (
        "scenes.toml: scene 'the-threshold': number: duplicate scene number 1: "
        "already scene 'the-bar'"
    ) in result.stderr


def test_check_fails_on_a_dialogue_line_that_cannot_be_verified() -> None:
    result = cli("check")
    assert result.returncode == 1
    assert "quote 'quiet-monkey': text" in result.stderr
    assert result.stdout.startswith("check: 2 failed")


def test_check_a_missing_sources_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = cli("check", "--sources", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "is not a folder" in result.stderr


def test_check_the_real_data_against_the_shared_sources() -> None:
    folders = [SHARED / "seeds", SHARED / "reference"]
    if not all(f.is_dir() for f in folders):
        pytest.skip(f"the shared source texts are not in {SHARED}")
    result = cli("check", "--sources", *map(str, folders), data=None)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("check: ok;")


# build


def tiny_project(tmp_path: Path) -> Path:
    """A checkout-shaped folder with the smallest Sphinx project."""
    root = tmp_path / "project"
    (root / "docs").mkdir(parents=True)
    (root / "conf.py").write_text('project = "tiny"\n', encoding="utf-8")
    (root / "docs" / "index.rst").write_text("Tiny\n====\n\nHello.\n", encoding="utf-8")
    return root


def test_build_html_runs_sphinx_in_the_checkout(tmp_path: Path) -> None:
    pytest.importorskip("sphinx")
    root = tiny_project(tmp_path)
    result = cli("build", "html", "--root", str(root), data=None)
    assert result.returncode == 0, result.stderr
    assert (root / "_build" / "html" / "index.html").is_file()


def test_build_outside_a_checkout_exits_1(tmp_path: Path) -> None:
    result = cli("build", "html", "--root", str(tmp_path), data=None)
    assert result.returncode == 1
    assert "is not a stalker-guide checkout" in result.stderr


def test_build_without_sphinx_says_how_to_install_it(tmp_path: Path) -> None:
    # -S: no site-packages, so no Sphinx; the package itself comes from src/.
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); "
        "from stalker_guide.cli import main; sys.exit(main(sys.argv[2:]))"
    )
    result = subprocess.run(
        [sys.executable, "-S", "-c", code, str(ROOT / "src"), "build", "html"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tiny_project(tmp_path),
    )
    assert result.returncode == 1
    assert "Sphinx is not installed" in result.stderr
    assert "pip install 'stalker-guide[sphinx]'" in result.stderr


def test_build_unknown_edition_is_a_usage_error() -> None:
    assert cli("build", "mobi", data=None).returncode == 2


# The reference page, docs/library/cli.md, documents every command and option.


def test_the_cli_page_documents_every_command_and_option() -> None:
    import argparse

    from stalker_guide.cli import parser

    page = (ROOT / "docs" / "library" / "cli.md").read_text(encoding="utf-8")
    top = parser()
    (commands,) = [a for a in top._actions if isinstance(a, argparse._SubParsersAction)]
    for action in top._actions:
        for option in action.option_strings:
            assert option in page, option
    for name, sub in commands.choices.items():
        assert f"\n## {name}\n" in page, name
        for action in sub._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert option in page, f"{name} {option}"
