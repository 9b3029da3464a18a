"""schema.org JSON-LD for the film: in the head of the front page only, safely escaped."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

from stalker_guide.export import to_jsonld
from stalker_guide.load import load

from .conftest import edit

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def scripts(app: SphinxTestApp, page: str) -> list[str]:
    html = (Path(app.outdir) / page).read_text(encoding="utf-8")
    head = html[: html.index("</head>")]
    assert len(SCRIPT.findall(html)) == len(SCRIPT.findall(head))  # never in the body
    return SCRIPT.findall(head)


@pytest.mark.sphinx("html", testroot="guide")
def test_the_front_page_carries_the_films_jsonld(app: SphinxTestApp, data_dir: Path) -> None:
    app.build()
    (found,) = scripts(app, "index.html")
    assert json.loads(found) == to_jsonld(load(data_dir))
    assert json.loads(found)["@type"] == "Movie"


@pytest.mark.sphinx("html", testroot="guide")
def test_no_other_page_carries_it(app: SphinxTestApp) -> None:
    app.build()
    for page in ("notes.html", "characters.html", "film-character.html", "genindex.html"):
        assert scripts(app, page) == [], page


@pytest.mark.sphinx("epub", testroot="guide")
def test_the_epub_edition_has_none(app: SphinxTestApp) -> None:
    app.build()
    assert "application/ld+json" not in (Path(app.outdir) / "index.xhtml").read_text()


@pytest.mark.sphinx("html", testroot="guide")
def test_text_in_the_data_cannot_close_the_script(app: SphinxTestApp, data_dir: Path) -> None:
    hostile = "Stalker</script><script>alert(1)</script><!--"
    edit(data_dir / "film.toml", 'title = "Stalker"', f'title = "{hostile}"')
    app.build()
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    (found,) = scripts(app, "index.html")
    assert "<" not in found and ">" not in found and "&" not in found
    assert json.loads(found)["name"] == hostile


@pytest.mark.sphinx("html", testroot="guide")
def test_a_data_change_seen_only_in_the_jsonld_rewrites_the_front_page(
    make_app: Any, app: SphinxTestApp, data_dir: Path
) -> None:
    # A front page that renders no data itself: only its JSON-LD depends on the data.
    index = Path(app.srcdir, "index.md")
    text = index.read_text(encoding="utf-8")
    index.write_text(text[: text.index("*Stalker*")], encoding="utf-8")
    app.build()
    edit(data_dir / "people.toml", 'name = "Andrei Tarkovsky"', 'name = "Andrey Tarkovsky"')
    app.cleanup()
    again: SphinxTestApp = make_app("html", srcdir=app.srcdir, confoverrides=app.config._overrides)
    read = set(again.builder.read())
    rewritten = set(again.env.check_dependents(again, read))
    assert "index" not in read
    assert "index" in rewritten
