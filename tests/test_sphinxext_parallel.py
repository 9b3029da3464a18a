"""``-j 2`` gives the same site as a serial build, first time and incrementally.

The domain keeps what it reads per page and merges exactly the pages each worker read,
so the parallel build's HTML, search index and objects.inv match the serial build's
byte for byte.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

from .conftest import edit


def outputs(app: SphinxTestApp) -> dict[str, bytes]:
    """Every page, the search index and objects.inv, by path."""
    out = Path(app.outdir)
    return {
        path.relative_to(out).as_posix(): path.read_bytes()
        for path in sorted(out.rglob("*"))
        if path.is_file()
        and path.suffix in {".html", ".js", ".inv"}
        and "_static" not in path.parts
    }


def build(make_app: Any, srcdir: Path, overrides: dict[str, Any], parallel: int) -> SphinxTestApp:
    app: SphinxTestApp = make_app("html", srcdir=srcdir, confoverrides=overrides, parallel=parallel)
    app.build()
    app.cleanup()  # forget docutils' global registrations before the next app
    assert app.warning.getvalue() == ""
    return app


@pytest.fixture
def twins(make_app: Any, app_params: Any, tmp_path: Path) -> tuple[SphinxTestApp, SphinxTestApp]:
    """The test guide built serially and with two processes, from two copies."""
    source = Path(app_params.kwargs["srcdir"])
    overrides = app_params.kwargs["confoverrides"]
    parallel_copy = tmp_path / "parallel"
    shutil.copytree(source, parallel_copy)
    serial = build(make_app, source, overrides, parallel=0)
    parallel = build(make_app, parallel_copy, overrides, parallel=2)
    assert parallel.is_parallel_allowed("read") and parallel.is_parallel_allowed("write")
    return serial, parallel


@pytest.mark.sphinx("html", testroot="guide")
def test_parallel_build_equals_serial_build(twins: tuple[SphinxTestApp, SphinxTestApp]) -> None:
    serial, parallel = twins
    assert outputs(parallel) == outputs(serial)
    assert "objects.inv" in outputs(serial)


@pytest.mark.sphinx("html", testroot="guide")
def test_parallel_incremental_build_equals_serial_and_fresh_builds(
    make_app: Any, twins: tuple[SphinxTestApp, SphinxTestApp], tmp_path: Path
) -> None:
    serial, parallel = twins
    overrides = serial.config._overrides
    for app in (serial, parallel):
        srcdir = Path(app.srcdir)
        edit(srcdir / "notes.md", "{theme}`faith`, ", "")
        edit(srcdir / "characters.md", "see {scene}`the-bar`.", "see {motif}`nuts`.")
    serial_again = build(make_app, Path(serial.srcdir), overrides, parallel=0)
    parallel_again = build(make_app, Path(parallel.srcdir), overrides, parallel=2)
    assert outputs(parallel_again) == outputs(serial_again)
    # And both equal a build from scratch of the edited pages.
    fresh_copy = tmp_path / "fresh"
    shutil.copytree(serial.srcdir, fresh_copy, ignore=shutil.ignore_patterns("_build"))
    fresh = build(make_app, fresh_copy, overrides, parallel=0)
    assert without_index_entries(outputs(fresh)) == without_index_entries(outputs(serial_again))


def without_index_entries(files: dict[str, bytes]) -> dict[str, Any]:
    """``files`` with the search index parsed and its "indexentries" left out.

    Sphinx 9 keeps the index entries of pages it does not rewrite only until the next
    incremental build (they are gathered while writing, after the environment is saved),
    so an incremental build's list differs from a fresh build's whatever the extensions.
    """
    out: dict[str, Any] = dict(files)
    text = files["searchindex.js"].decode()
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    index.pop("indexentries")
    out["searchindex.js"] = index
    return out
