"""Another Sphinx project links to the guide's entries through its objects.inv."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

from .conftest import ROOTS


@pytest.fixture
def guide(make_app: Any, app_params: Any) -> SphinxTestApp:
    """The test guide, built to HTML (with its objects.inv)."""
    app: SphinxTestApp = make_app("html", **app_params.kwargs)
    app.build()
    app.cleanup()
    return app


@pytest.mark.sphinx("html", testroot="guide")
def test_another_project_links_to_entries_by_intersphinx(
    make_app: Any, guide: SphinxTestApp, tmp_path: Path
) -> None:
    srcdir = tmp_path / "elsewhere"
    shutil.copytree(ROOTS / "test_intersphinx", srcdir, ignore=shutil.ignore_patterns("__*"))
    outdir = Path(guide.outdir)
    overrides = {
        **guide.config._overrides,
        "intersphinx_mapping": {"guide": (str(outdir), None)},
    }
    other: SphinxTestApp = make_app("html", srcdir=srcdir, confoverrides=overrides)
    other.build()
    assert other.warning.getvalue() == ""
    html = (Path(other.outdir) / "index.html").read_text(encoding="utf-8")
    links = dict(
        (text, href)
        for href, text in re.findall(
            r'<a class="[^"]*" href="([^"]+)"[^>]*>(?:<[^>]+>)*([^<]+)', html
        )
    )
    assert links["the Writer"] == f"{outdir}/characters.html#film-character-writer"
    assert links["Andrei Tarkovsky"] == f"{outdir}/people.html#film-person-andrei-tarkovsky"
    assert links["Anatoly Solonitsyn"] == f"{outdir}/people.html#film-person-anatoly-solonitsyn"
    assert links["the Stalker"] == f"{outdir}/characters.html#film-character-stalker"
