"""Hostile input: mangled data files, and data that tries to become markup.

- Property-based: valid data files mutated at random (text edits and structural edits) either
  load or raise DataError, never anything else.
- Malicious strings in the data render as text in the HTML and inside the JSON-LD.
"""

from __future__ import annotations

import contextlib
import html
import io
import json
import os
import re
import shutil
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomlkit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from stalker_guide import DataError, Guide, load
from stalker_guide._convert import _INVISIBLE as INVISIBLE
from stalker_guide.export import to_jsonld

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"
FILES = sorted(p.name for p in MINIMAL.glob("*.toml"))


def load_mutated(edit: dict[str, str]) -> Guide | None:
    """Load the minimal data with some files replaced; None if it raised DataError."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "data"
        shutil.copytree(MINIMAL, folder)
        for name, text in edit.items():
            (folder / name).write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            return load(folder)
        except DataError as error:
            assert error.problems, "a DataError always lists its problems"
            assert all(str(p) for p in error.problems)
            return None


@st.composite
def text_edits(draw: st.DrawFn) -> dict[str, str]:
    """Random insertions, deletions and replacements in the text of one data file."""
    name = draw(st.sampled_from(FILES))
    text = (MINIMAL / name).read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 12))
        insert = draw(st.text(alphabet=st.sampled_from(list("\"[]{}=,.#\n \\'ab1-_Ж")), max_size=8))
        text = text[:at] + insert + text[at + cut :]
    return {name: text}


# Values of every TOML type, to put where the loader expects something else.
toml_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False)
    | st.text(max_size=12)
    | st.dates(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _paths(value, (*prefix, i))
    return out


def _strip_none(node: Any) -> Any:
    # TOML has no null: a None drawn as a value means "remove this key".
    if isinstance(node, dict):
        return {k: _strip_none(v) for k, v in node.items() if v is not None}
    if isinstance(node, list):
        return [_strip_none(v) for v in node if v is not None]
    return node


@st.composite
def structural_edits(draw: st.DrawFn) -> dict[str, str]:
    """Replace, delete or add one value anywhere in one data file, then write valid TOML."""
    name = draw(st.sampled_from(FILES))
    document: Any = tomllib.loads((MINIMAL / name).read_text(encoding="utf-8"))
    paths = _paths(document)
    if not paths:
        return {name: tomlkit.dumps(_strip_none({draw(st.text(max_size=6)): draw(toml_values)}))}
    path = draw(st.sampled_from(paths))
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    action = draw(st.sampled_from(["replace", "delete", "add"]))
    if action == "delete":
        del parent[last]
    elif action == "add" and isinstance(parent, dict):
        parent[draw(st.text(min_size=1, max_size=8))] = draw(toml_values)
    else:
        parent[last] = draw(toml_values)
    return {name: tomlkit.dumps(_strip_none(document))}


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(text_edits())
def test_mangled_text_loads_or_raises_data_error(edit: dict[str, str]) -> None:
    load_mutated(edit)


@FUZZ
@given(structural_edits())
def test_wrong_values_anywhere_load_or_raise_data_error(edit: dict[str, str]) -> None:
    load_mutated(edit)


def test_the_fuzzers_reach_both_outcomes() -> None:
    # The mutations are not all harmless and not all fatal: both branches are exercised.
    valid = load_mutated({"themes.toml": (MINIMAL / "themes.toml").read_text() + "\n# note\n"})
    broken = load_mutated({"themes.toml": "[[theme]]\nid = 3\n"})
    assert valid is not None and broken is None


# ------------------------------------------------------------------- data that tries to be markup

SCRIPT = "<script>alert('data')</script>"
CLOSE = "</script><script>alert('jsonld')</script>"
MYST = "{character}`stalker` **bold** [x](javascript:alert(1)) <b>raw</b>"
DIRECTIVE = "\n```{raw} html\n<i>injected</i>\n```\n"


def _set(data: Path, file: str, old: str, new: str) -> None:
    path = data / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def hostile(data_dir: Path) -> Path:
    """The minimal data with markup-shaped strings in a title, a quotation and a description."""
    _set(data_dir, "film.toml", 'title = "Stalker"', f"title = {json.dumps('Stalker ' + CLOSE)}")
    _set(
        data_dir,
        "quotes.toml",
        'text = "Quiet. You\'ll wake up Monkey."',
        f"text = {json.dumps('Quiet. ' + CLOSE + ' ' + SCRIPT)}",
    )
    _set(
        data_dir,
        "characters.toml",
        'description = "A famous writer who fears his inspiration is gone."',
        f"description = {json.dumps(MYST + DIRECTIVE)}",
    )
    return data_dir


def test_hostile_strings_survive_the_loader_as_plain_text(hostile: Path) -> None:
    guide = load(hostile)
    assert guide.quotes["quiet-monkey"].text.endswith(SCRIPT)
    assert guide.characters["writer"].description.startswith(MYST)


def test_json_ld_keeps_hostile_strings_as_data(hostile: Path) -> None:
    document = to_jsonld(load(hostile))
    assert document["name"] == "Stalker " + CLOSE


@pytest.mark.sphinx("html", testroot="guide")
def test_hostile_strings_render_as_text_in_html(app: SphinxTestApp, hostile: Path) -> None:
    app.build()
    pages = {p.name: p.read_text(encoding="utf-8") for p in Path(app.outdir).rglob("*.html")}
    everything = "\n".join(pages.values())
    # No markup from the data reaches the page as markup...
    assert "<script>alert(" not in everything
    assert "<b>raw</b>" not in everything
    assert "<i>injected</i>" not in everything
    assert 'href="javascript:' not in everything

    # ...and the reader sees it as the text it is (Sphinx's smart quotes curl the apostrophes).
    def shown(page: str) -> str:
        text = html.unescape(re.sub(r"<[^>]+>", "", pages[page]))
        return text.replace("\u2019", "'").replace("\u2018", "'")

    assert MYST in shown("characters.html")
    assert SCRIPT in shown("quotes.html")


@pytest.mark.sphinx("html", testroot="guide")
def test_json_ld_in_the_head_cannot_close_its_script_tag(app: SphinxTestApp, hostile: Path) -> None:
    app.build()
    index = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', index, re.S)
    assert "</" not in script and "<" not in script
    assert json.loads(script)["name"] == "Stalker " + CLOSE


# ---------------------------------------------- the real data, mutated, through load() and the CLI

REAL = Path(__file__).resolve().parents[1] / "data"
REAL_FILES = sorted(p.name for p in REAL.glob("*.toml"))
REAL_TEXT = {name: (REAL / name).read_text(encoding="utf-8") for name in REAL_FILES}
REAL_DOCUMENTS = {name: tomllib.loads(text) for name, text in REAL_TEXT.items()}
REAL_PATHS = {name: _paths(document) for name, document in REAL_DOCUMENTS.items()}

# Strings that have hurt before: controls, invisible and bidi characters, a lookalike id,
# markup, and a byte-order mark.
HOSTILE = [
    "\x00",
    "\x1b[31mred",
    "zero\u200bwidth",
    "\u202eright-to-left",
    "\ufeff",
    "\u2028",
    "writ\u0435r",
    "writer",
    "<script>",
    "",
    " ",
]


class Deep:
    """A value nested ``depth`` arrays deep, written as TOML text directly."""

    def __init__(self, depth: int) -> None:
        self.depth = depth

    def __repr__(self) -> str:
        return f"Deep({self.depth})"


hostile_values = (
    toml_values
    | st.sampled_from(HOSTILE)
    | st.integers(-200, 1)
    | st.integers(1, 2000).map(Deep)
    | st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=3)
)


def _toml(value: Any) -> str:
    """``value`` as an inline TOML value (every table inline: one line per document)."""
    if isinstance(value, Deep):
        return "[" * value.depth + "]" * value.depth
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # JSON's escapes are TOML's
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + "}"
    return str(value.isoformat())  # a date


def _dump(document: dict[str, Any]) -> str:
    return "".join(f"{json.dumps(key)} = {_toml(value)}\n" for key, value in document.items())


def _copy(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _copy(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_copy(v) for v in node]
    return node


@st.composite
def real_mutations(draw: st.DrawFn) -> tuple[str, str, Any]:
    """One file of the real data changed: (file, how, what)."""
    name = draw(st.sampled_from(REAL_FILES))
    how = draw(st.sampled_from(["text", "text", "value", "value", "value", "file"]))
    if how == "text":
        text = REAL_TEXT[name]
        alphabet = [*"\"[]{}=,.#\n \\'ab1-_Ж\x00\x1b\u200b\u202e\ufeff", "\\u0000", "-1"]
        for _ in range(draw(st.integers(1, 3))):
            at = draw(st.integers(0, len(text)))
            cut = draw(st.integers(0, 12))
            insert = "".join(draw(st.lists(st.sampled_from(alphabet), max_size=6)))
            text = text[:at] + insert + text[at + cut :]
        return name, "text", text
    if how == "value":
        document = _copy(REAL_DOCUMENTS[name])
        path = draw(st.sampled_from(REAL_PATHS[name]))
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "replace", "delete", "add"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["note", "id", "x", "to", "minutes"]))] = draw(
                hostile_values
            )
        else:
            parent[path[-1]] = draw(hostile_values)
        return name, "text", _dump(_strip_none(document))
    trouble = draw(
        st.sampled_from(["missing", "folder", "fifo", "device", "bom", "latin-1", "many"])
    )
    return name, trouble, None


def _data(folder: Path, mutation: tuple[str, str, Any]) -> None:
    """Make ``folder`` the real data with one file changed.

    The unchanged files are links to the real ones (the loader reads through a link
    to a file), so that an example writes only the file it changes.
    """
    name, how, what = mutation
    folder.mkdir()
    for other in REAL_FILES:
        if other != name:
            (folder / other).symlink_to(REAL / other)
    path = folder / name
    if how == "text":
        path.write_text(what, encoding="utf-8", errors="surrogatepass")
    elif how == "bom":
        path.write_bytes(b"\xef\xbb\xbf" + REAL_TEXT[name].encode("utf-8"))
    elif how == "latin-1":
        path.write_bytes(REAL_TEXT[name].encode("utf-8").replace("\u043e".encode(), b"\xf3", 3))
    elif how == "many":
        key = next(iter(REAL_DOCUMENTS[name]))
        path.write_text(REAL_TEXT[name] + f"\n[[{key}]]\nid = 3\n" * 300, encoding="utf-8")
    else:
        if how == "folder":
            path.mkdir()
        elif how == "fifo":
            os.mkfifo(path)
        elif how == "device":
            path.symlink_to("/dev/zero")


def _cli(*args: str) -> tuple[int, str, str]:
    """Run the command line in this process: (exit code, stdout, stderr)."""
    from stalker_guide.cli import main

    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    texts = []
    for stream in (out, err):
        stream.flush()
        buffer = stream.buffer
        assert isinstance(buffer, io.BytesIO)
        texts.append(buffer.getvalue().decode("utf-8", errors="replace"))
    return code, texts[0], texts[1]


@settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))
@given(real_mutations(), st.sampled_from([("show", "writer"), ("check", "-q"), ("check", "-q")]))
def test_the_real_data_mutated_never_ends_in_a_traceback(
    mutation: tuple[str, str, Any], command: tuple[str, ...]
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "data"
        _data(folder, mutation)
        # load() gives a Guide or one DataError, whose message shows at most 50 problems.
        try:
            load(folder)
            failed = False
        except DataError as error:
            assert error.problems and all(str(p) for p in error.problems)
            assert len(str(error).splitlines()) <= 1 + 50 + 1
            # No control or invisible character reaches the message raw.
            assert not INVISIBLE.search(str(error).replace("\n", " "))
            failed = True
        # The command line says so in a few lines on standard error, and exits 0 or 1.
        code, out, err = _cli("--data", str(folder), *command)
        assert "Traceback" not in err
        assert not INVISIBLE.search((out + err).replace("\n", " "))
        assert code in (0, 1), (code, err)
        if failed:
            assert code == 1 and "in the data" in err
            assert len(err.splitlines()) <= 1 + 50 + 1
