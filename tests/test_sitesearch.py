"""The site search's data and scorer, on the tiny guide (tests/roots/test_guide).

What a browser does with them is tested on the real built guide, in
tests/built/test_search_site.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

from stalker_guide.names import fold, transliterations
from stalker_guide.search import STOPWORDS
from stalker_guide.sphinxext.sitesearch import DATA_FILE, SCORER


def data(app: SphinxTestApp) -> dict[str, Any]:
    text = (Path(app.outdir) / "_static" / DATA_FILE).read_text(encoding="utf-8")
    prefix = "var FILM_SEARCH = "
    assert text.startswith(prefix)
    loaded: dict[str, Any] = json.loads(text.removeprefix(prefix).rstrip().removesuffix(";"))
    return loaded


@pytest.mark.sphinx("html", testroot="guide")
def test_the_search_page_alone_loads_the_data(app: SphinxTestApp) -> None:
    app.build()
    search = (Path(app.outdir) / "search.html").read_text(encoding="utf-8")
    assert f"_static/{DATA_FILE}" in search
    index = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert DATA_FILE not in index
    # The scorer is Sphinx's html_search_scorer, inlined in language_data.js.
    language = (Path(app.outdir) / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert "const FilmSearch" in language
    assert app.config.html_search_scorer == str(SCORER)


@pytest.mark.sphinx("html", testroot="guide")
def test_each_entity_has_its_names_spellings_and_entry(app: SphinxTestApp) -> None:
    app.build()
    found = data(app)
    assert found["stopwords"] == sorted(STOPWORDS)
    entities = {(e[0], e[4]): e for e in found["entities"]}
    _, name, identity, docname, _, forms, credits, pages = entities[
        ("person", "film-person-anatoly-solonitsyn")
    ]
    assert name == "Anatoly Solonitsyn"
    assert identity
    assert (Path(app.outdir) / f"{docname}.html").is_file()
    # The display name first, then every listed spelling and each transliteration.
    assert forms[0] == fold(name)
    assert transliterations("Анатолий Солоницын") <= set(forms)
    assert "writer" in credits and "actor" in credits
    assert all(isinstance(page, str) and score > 0 for page, score in pages)
    # Quotations, claims and sources are not matched as names.
    assert {e[0] for e in found["entities"]} & {"quote", "claim", "source"} == set()
