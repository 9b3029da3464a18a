"""Whole pages of the built guide: "Cite this page", the key facts, the ways in.

Every page of the reader's guide ends with a citation in three styles, dated by the last
commit that touched the page's source or a data file it renders; the library's pages have
none. The key facts fit in a dozen short rows; the indexes are in the navigation.
"""

from __future__ import annotations

import html as htmllib
import pickle
import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from .conftest import BASEURL

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
BASE = BASEURL  # the tests build with STALKER_GUIDE_BASEURL set to it

_ARTICLE = re.compile(r'<article role="main"[^>]*>(.*?)</article>', re.DOTALL)
_CITE = re.compile(r'<details class="film-cite-page">.*?</details>', re.DOTALL)


def _article(html: Path, name: str) -> str:
    match = _ARTICLE.search((html / f"{name}.html").read_text(encoding="utf-8"))
    assert match, name
    return match.group(1)


def _reader_pages(html: Path) -> list[str]:
    names = (p.relative_to(DOCS).with_suffix("").as_posix() for p in DOCS.rglob("*.md"))
    return sorted(
        n for n in names if not n.startswith("library/") and (html / f"{n}.html").exists()
    )


def _last_commit(paths: list[Path]) -> int:
    times = []
    for path in paths:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", str(path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        if out:
            times.append(int(out))
    return max(times)


def test_every_page_of_the_readers_guide_ends_with_a_citation_in_three_styles(
    html: Path,
) -> None:
    pages = _reader_pages(html)
    assert len(pages) > 40
    for name in pages:
        article = _article(html, name)
        assert article.rstrip().endswith("</details>"), name
        cite = _CITE.findall(article)[-1]
        for style in ("MLA", "APA", "Chicago"):
            assert f"<dt>{style}</dt>" in cite, name
        assert cite.count(f"{BASE}{name}.html") == 3, name
        assert "Stalker (1979): a study guide" in cite, name


def test_the_librarys_pages_have_no_citation(html: Path) -> None:
    library = [p for p in (html / "library").glob("*.html")]
    assert library
    assert not any("film-cite-page" in p.read_text(encoding="utf-8") for p in library)


@pytest.mark.parametrize("name", ["film/facts", "characters/stalker", "glossary", "index"])
def test_a_citation_is_dated_by_the_last_commit_to_the_page_or_its_data(
    html: Path, name: str
) -> None:
    with (html.parent / "doctrees" / "environment.pickle").open("rb") as f:
        env = pickle.load(f)
    depends = [DOCS / f"{name}.md", *(DOCS / d for d in env.dependencies[name])]
    assert any(p.parent.name == "data" for p in depends), depends  # it renders data
    day = datetime.fromtimestamp(_last_commit(depends), tz=UTC)
    cite = htmllib.unescape(_CITE.findall(_article(html, name))[-1])
    assert f"Last modified {day:%B} {day.day}, {day.year}." in cite
    assert f"({day.year}, {day:%B} {day.day})" in cite


def test_key_facts_fit_in_twelve_short_rows(html: Path) -> None:
    article = _article(html, "film/facts")
    table = article[article.index("film-facts-table") : article.index("</table>")]
    rows = re.findall(r"<tr.*?</tr>", table, re.DOTALL)[1:]
    assert len(rows) <= 12
    for row in rows:
        text = " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", row)).split())
        assert len(text) <= 160, text
    assert "the figure this guide states" not in table
    assert 'href="versions.html#running-time"' in table  # the dispute, one link away


def test_the_indexes_are_in_the_navigation_with_names_not_ids(html: Path) -> None:
    front = (html / "index.html").read_text(encoding="utf-8")
    for name in ("people", "characters", "places", "scenes", "themes", "motifs"):
        assert f'href="indexes/{name}.html"' in front, name
    people = _article(html, "indexes/people")
    assert "Andrei Tarkovsky" in people and "director" in people
    assert "<code" not in people


def test_the_glossary_has_an_a_to_z_bar_and_see_links_are_never_repeated(html: Path) -> None:
    glossary = _article(html, "glossary")
    bar = re.search(r'<p class="film-az">(.*?)</p>', glossary, re.DOTALL)
    assert bar
    for letter in re.findall(r'href="#glossary-([a-z])"', bar.group(1)):
        assert f'id="glossary-{letter}"' in glossary
    for see in re.findall(r"See<span.*?</dd>", glossary, re.DOTALL):
        shown = [
            " ".join(htmllib.unescape(re.sub(r"<[^>]+>", "", s)).split()).casefold()
            for s in re.findall(r"<a [^>]*>(.*?)</a>", see, re.DOTALL)
        ]
        assert len(shown) == len(set(shown)), shown
