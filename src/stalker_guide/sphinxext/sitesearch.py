"""The site search, entity first: what the film domain adds to Sphinx's own search page.

Sphinx's search (``searchtools.js``) finds pages by the stemmed words of a query; it
cannot know that ``Kaidanowski``, ``Кайдановский`` and ``Kaidonovsky`` name the same
man, nor who plays the Writer. The extension keeps Sphinx's search page and index and
adds two things:

* ``_static/film-search-data.js``, written when the HTML build finishes and loaded by
  the search page only: for each entity with an entry (people, characters, places,
  scenes, themes, motifs, essays, awards, words of the glossary), its display name,
  its one-line identity, where its entry is, the folded forms of its names (every
  spelling in the data, and for a Cyrillic name its transliteration by every scheme
  :func:`stalker_guide.names.transliterations` knows), the words of its credits and
  roles, and the pages that discuss it most (links to its entry, then mentions of its
  name); and the rules the library's search reads a query by
  (:data:`stalker_guide.search.STOPWORDS`, question words, credit words), so both
  read it alike.
* ``static/film-search.js`` as Sphinx's ``html_search_scorer`` (unless ``conf.py``
  sets another): it folds the query as :func:`stalker_guide.names.fold` does, matches
  it against those names (whole words, stems, the start of a word, or within two
  letters of a name), and puts the entity's own entry first, titled with its name and
  identity, then the pages that discuss it most, then Sphinx's results; each entity and
  page once, reader pages above the library's, and each page's snippet cut around the
  words that matched, highlighted.

Both are plain script files, so the search works from ``file://`` as well as over http.
"""

from __future__ import annotations

import collections
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from ..guide import Entity, Guide

__all__ = ["setup", "search_data", "DATA_FILE", "SCORER"]

#: The file the build writes into ``_static``.
DATA_FILE = "film-search-data.js"
#: The scorer script (``html_search_scorer``).
SCORER = Path(__file__).parent / "static" / "film-search.js"

# Kinds that get an entity result. Quotations, claims and sources are named by their
# words or statements: matched as names they would crowd out what a reader looks for.
_KINDS = ("person", "character", "place", "motif", "theme", "scene", "essay", "award", "term")

_MAIN = re.compile(r'role="main"(.*?)</article>', re.S)
_TAGS = re.compile(r"<[^>]+>")


def _default_scorer(app: Sphinx, config: Config) -> None:
    if not config.html_search_scorer:
        config.html_search_scorer = str(SCORER)


def _add_data_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if pagename == "search" and app.builder.name in ("html", "dirhtml"):
        app.add_js_file(DATA_FILE)


def _names(kind: str, entity: Entity) -> list[str]:
    names: list[str] = []
    for attribute in ("name", "title", "term", "native_name", "native", "original_title"):
        value = getattr(entity, attribute, None)
        if isinstance(value, str):
            names.append(value)
    if isinstance(transliteration := getattr(entity, "transliteration", None), str):
        names.append(transliteration)
    for attribute in ("spellings", "aliases", "titles"):
        names.extend(spelling.text for spelling in getattr(entity, attribute, ()))
    return names


def _forms(kind: str, entity: Entity, display: str) -> list[str]:
    """Folded forms of every name: the display name first."""
    from ..names import fold, transliterations

    forms: dict[str, None] = {fold(display): None}
    for name in _names(kind, entity):
        forms[fold(name)] = None
        if kind in ("person", "character"):
            forms.update(dict.fromkeys(sorted(transliterations(name))))
    return [form for form in forms if form]


def _credit_words(guide: Guide, kind: str, entity: Entity) -> list[str]:
    from ..names import fold

    texts: list[str] = []
    if kind == "person":
        texts += [credit.job for credit in guide.credits if credit.person == entity.id]
        texts += [
            f"{character.name} actor"
            for character in guide.characters.values()
            if entity.id in character.played_by
        ]
    elif kind == "character":
        texts += [guide.people[person].name for person in getattr(entity, "played_by", ())]
    elif kind == "place":
        texts.append(str(getattr(entity, "kind", "")))
    words: dict[str, None] = {}
    for text in texts:
        words.update(dict.fromkeys(fold(text).split()))
    return list(words)


_FRAGMENT: Final = re.compile(r'href="[^"#]*#([^"]*)"')


class _Page:
    """A built page's main text: its HTML (for links) and its words (for names)."""

    def __init__(self, html: str) -> None:
        #: How many links on the page lead to each #fragment: counted once per page.
        self.links = collections.Counter(_FRAGMENT.findall(html))
        #: The text in lower case: names are matched in it without re.IGNORECASE (faster).
        self.text = _TAGS.sub(" ", html).lower()
        self.size = len(self.text.split())


def _pages(outdir: Path, docnames: list[str], suffix: str) -> dict[str, _Page]:
    pages = {}
    for docname in docnames:
        path = outdir / f"{docname}{suffix}"
        if not path.is_file():
            continue
        html = path.read_text(encoding="utf-8")
        main = _MAIN.search(html)
        pages[docname] = _Page(main.group(1) if main else html)
    return pages


def _called(kind: str, display: str) -> str:
    """What running text calls an entity: a person by surname, the rest without "the".

    >>> _called("person", "Alexander Kaidanovsky"), _called("place", "the Room")
    ('Kaidanovsky', 'Room')
    """
    if kind == "person":
        return display.split()[-1]
    return display.removeprefix("the ").removeprefix("The ")


def _discussing(
    pages: dict[str, _Page],
    home: str,
    anchor: str,
    called: str,
    *,
    related: set[str],
    apparatus: set[str],
    most: int = 6,
) -> list[list[Any]]:
    """The pages that discuss an entity most, best first, with their scores.

    A link to its entry counts 3 and its name 1, per thousand words (by the square root
    of the page's length, so a long register does not win by size alone); a page that
    holds the entry of a related entity (a person's character, a character's actor)
    gains 10; the apparatus (the pages of sources and claims) counts a third.
    """
    lowered = called.lower()
    name = re.compile(rf"\b{re.escape(lowered)}\b")
    scores = []
    for docname, page in pages.items():
        if docname == home:
            continue
        # A plain substring test first: most pages never name most entities.
        named = len(name.findall(page.text)) if lowered in page.text else 0
        count = 3 * page.links[anchor] + named
        if not count:
            continue
        score = count / (page.size / 1000 + 1) ** 0.5 + (10 if docname in related else 0)
        if docname in apparatus:
            score /= 3
        scores.append((-round(score, 2), docname))
    scores.sort()
    return [[docname, -score] for score, docname in scores[:most]]


def search_data(app: Sphinx) -> dict[str, Any]:
    """What ``film-search-data.js`` holds (see the module's description)."""
    from ..search import _ALSO, _HINTS, _KIND_ORDER, STOPWORDS
    from .domain import FilmDomain
    from .identity import identity
    from .library import guide_for

    env = app.env
    guide = guide_for(env)
    domain = env.domains["film"]
    assert isinstance(domain, FilmDomain)
    builder = app.builder
    suffix = getattr(builder, "out_suffix", ".html")
    pages = _pages(Path(builder.outdir), sorted(env.found_docs), suffix)
    objects = domain.objects
    apparatus = {entry.docname for entry in objects.values() if entry.kind in ("source", "claim")}
    entities = []
    # In the data's order, which breaks ties in the library's search too.
    order = {record.id: n for n, record in enumerate(guide)}
    for id, entry in sorted(objects.items(), key=lambda item: (order.get(item[0], -1), item[0])):
        if entry.kind not in _KINDS or id not in guide:
            continue
        entity = guide.get(id)
        others: list[str] = list(getattr(entity, "played_by", ()))
        if entry.kind == "person":
            others += [c.id for c in guide.characters.values() if id in c.played_by]
        related = {objects[other].docname for other in others if other in objects}
        entities.append(
            [
                entry.kind,
                entry.name,
                identity(guide, entity),
                entry.docname,
                entry.node_id,
                _forms(entry.kind, entity, entry.name),
                _credit_words(guide, entry.kind, entity),
                _discussing(
                    pages,
                    entry.docname,
                    entry.node_id,
                    _called(entry.kind, entry.name),
                    related=related,
                    apparatus=apparatus,
                ),
            ]
        )
    return {
        "stopwords": sorted(STOPWORDS),
        "hints": {word: list(kinds) for word, kinds in sorted(_HINTS.items())},
        "also": {word: list(words) for word, words in sorted(_ALSO.items())},
        "order": list(_KIND_ORDER),
        "entities": entities,
    }


def _write_data(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in ("html", "dirhtml"):
        return
    data = json.dumps(search_data(app), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    static = Path(app.builder.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    (static / DATA_FILE).write_text(f"var FILM_SEARCH = {data};\n", encoding="utf-8")


def setup(app: Sphinx) -> None:
    """Connect the site search's parts (called by the extension's ``setup``)."""
    app.connect("config-inited", _default_scorer)
    # Before handlers that may return a template (Sphinx stops at the first result).
    app.connect("html-page-context", _add_data_script, priority=400)
    app.connect("build-finished", _write_data)
