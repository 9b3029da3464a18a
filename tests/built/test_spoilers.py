"""The spoiler rule, checked on the built HTML against the ending details the extension keeps.

The pages safe before a first viewing say so in their front matter (``film-spoilers: safe``),
and the front page lists them. None of them may give away how the film ends, nor may the
first section of the plot overview; every other page that does must open with the warning.
The ending details are :data:`stalker_guide.sphinxext.pages.ENDING`, the list the build
itself checks: not a list of the tests' own.
"""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

import pytest

import stalker_guide
from stalker_guide.sphinxext.pages import ENDING, SPOILER_FIELD

DOCS = Path(__file__).resolve().parents[2] / "docs"

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_ARTICLE = re.compile(r'<article role="main"[^>]*>(.*?)</article>', re.DOTALL)
_CITE = re.compile(r'<details class="film-cite-page">.*?</details>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def _rule(source: Path) -> str:
    match = _FRONT_MATTER.match(source.read_text(encoding="utf-8"))
    if not match:
        return ""
    for line in match.group(1).splitlines():
        key, _, value = line.partition(":")
        if key.strip() == SPOILER_FIELD:
            return value.strip()
    return ""


def _pages(html: Path) -> dict[str, str]:
    """Page name -> the article of each page of the guide (generated pages left out)."""
    out: dict[str, str] = {}
    for source in DOCS.rglob("*.md"):
        name = source.relative_to(DOCS).with_suffix("").as_posix()
        page = html / f"{name}.html"
        if page.exists():
            match = _ARTICLE.search(page.read_text(encoding="utf-8"))
            assert match, name
            out[name] = _CITE.sub("", match.group(1))
    return out


def _text(fragment: str) -> str:
    return htmllib.unescape(_TAG.sub(" ", fragment))


def _details(fragment: str) -> list[str]:
    """The ending details in an HTML fragment: the entries of the ending's scenes and
    quotations, links to them that preview them on hover, and the words that give the
    end away. (A bare link, "24" in a chart, tells nothing; its preview card would.)"""
    guide = stalker_guide.guide
    found: list[str] = []
    for id in sorted(ENDING.ids(guide)):
        anchor = f"film-{guide.kind_of(id)}-{id}"
        preview = rf'<a [^>]*class="[^"]*\bfilm-preview\b[^"]*"[^>]*href="[^"]*#{anchor}"'
        if re.search(preview, fragment) or f'id="{anchor}"' in fragment:
            found.append(id)
    found += [m.group(0) for m in ENDING.pattern.finditer(_text(fragment))]
    return found


@pytest.fixture(scope="module")
def pages(html: Path) -> dict[str, str]:
    return _pages(html)


@pytest.fixture(scope="module")
def safe() -> list[str]:
    return sorted(
        source.relative_to(DOCS).with_suffix("").as_posix()
        for source in DOCS.rglob("*.md")
        if _rule(source) == "safe"
    )


def test_the_safe_pages_are_the_front_page_the_key_facts_production_and_versions(
    safe: list[str],
) -> None:
    assert safe == ["film/facts", "film/production", "film/versions", "index"]


def test_the_front_page_names_every_safe_page_in_its_note_on_spoilers(
    pages: dict[str, str], safe: list[str]
) -> None:
    front = pages["index"]
    start = front.index("A note on spoilers")
    note = front[start : front.index("</p>", front.index("<p>", start))]
    linked = {m.group(1) for m in re.finditer(r'href="([\w/-]+)\.html[#"]', note)}
    assert linked >= {p for p in safe if p != "index"} | {"plot/index"}, note


def test_no_safe_page_gives_away_the_ending(pages: dict[str, str], safe: list[str]) -> None:
    spoiled = {name: _details(pages[name]) for name in safe}
    assert not any(spoiled.values()), spoiled


def test_the_first_section_of_the_plot_overview_gives_nothing_away(
    pages: dict[str, str],
) -> None:
    plot = pages["plot/index"]
    start = plot.index('<section id="the-premise">')
    first = plot[start : plot.index("<section", start + 1)]
    assert "Somewhere" in first  # the premise itself, not an empty match
    assert _details(first) == []


def test_every_page_that_gives_away_the_ending_opens_with_the_warning(
    pages: dict[str, str],
) -> None:
    unwarned = []
    for name, article in sorted(pages.items()):
        if not _details(article):
            continue
        after_title = article[article.index("</h1>") + len("</h1>") :].lstrip()
        if not re.match(r'<div class="[^"]*\bfilm-spoilers\b', after_title):
            unwarned.append(name)
    print(f"{sum(1 for a in pages.values() if _details(a))} of {len(pages)} pages tell the end")
    assert unwarned == [], unwarned


def test_character_pages_carry_the_warning(pages: dict[str, str]) -> None:
    characters = [n for n in pages if n.startswith("characters/")]
    assert len(characters) >= 6
    assert all("film-spoilers" in pages[n] for n in characters)
