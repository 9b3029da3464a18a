"""The HTML edition, checked by tools nobody on this project wrote.

Nu Html Checker (validity), hyperlink (links and #fragments, offline), axe-core
in headless Chromium (accessibility, desktop and mobile), extruct plus the
schema.org vocabulary (JSON-LD), and a real browser using the site's search.
"""

from __future__ import annotations

import filecmp
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import extruct
import pytest

import stalker_guide

from ..schemaorg import schema_org_problems
from .conftest import QUALITY, make

VNU = QUALITY / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
HYPERLINK = str(QUALITY / "node_modules" / ".bin" / "hyperlink")

# Findings of the Nu Html Checker that come from the theme or from Sphinx itself and that a
# project cannot change without forking them, each with the reason. Matched on the message.
THEME_ISSUES: dict[str, str] = {}


def node(script: str, *args: str) -> Any:
    proc = subprocess.run(
        ["node", str(QUALITY / script), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    assert proc.returncode == 0, f"{script} failed:\n{proc.stderr[-4000:]}"
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def content_pages(html: Path) -> list[str]:
    skip = {"search.html", "genindex.html", "py-modindex.html"}
    return sorted(
        str(p.relative_to(html))
        for p in html.rglob("*.html")
        if p.name not in skip and "_static" not in p.parts and "_sources" not in p.parts
    )


def test_the_html_is_valid_by_the_nu_html_checker(html: Path) -> None:
    proc = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json", html],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(proc.stderr or "{}").get("messages", [])
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error" and not any(k in m["message"] for k in THEME_ISSUES)
    ]
    assert not errors


def test_no_link_or_anchor_is_broken(html: Path) -> None:
    """hyperlink (npm) loads every page once and checks each link and #fragment against it.

    Every HTML page is a starting point, so a page no other page links to is checked too.
    """
    pages = sorted(str(p) for p in html.rglob("*.html") if "_sources" not in p.parts)
    proc = subprocess.run(
        [HYPERLINK, "--internal", "--recursive", "--root", str(html), *pages],
        capture_output=True,
        text=True,
        check=False,
        timeout=1200,
    )
    results = re.findall(r"^(ok|not ok) \d+ (\S+) (.*)$", proc.stdout, flags=re.M)
    fragments = [r for r in results if r[1] == "fragment-check"]
    broken = [f"{kind} {what}" for verdict, kind, what in results if verdict == "not ok"]
    # The failures' details (file, line and the link's markup) follow each 'not ok' line.
    details = proc.stdout[proc.stdout.find("not ok") :][:3000] if broken else ""
    assert len(fragments) > 1000, f"only {len(fragments)} #fragments were checked\n{proc.stderr}"
    assert not broken, f"{broken[:10]}\n{details}"
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]


def test_no_serious_accessibility_violation_on_any_page(
    site: str, content_pages: list[str]
) -> None:
    found = node("axe.mjs", site, *content_pages)
    serious = [f for f in found if f["impact"] in {"serious", "critical"}]
    assert not serious


def test_the_front_page_json_ld_uses_only_schema_org_terms(html: Path) -> None:
    page = (html / "index.html").read_text(encoding="utf-8")
    data = extruct.extract(page, syntaxes=["json-ld"], uniform=True)["json-ld"]
    assert data, "the front page carries JSON-LD"
    assert schema_org_problems(data) == []
    movie = next(d for d in data if d.get("@type") == "Movie")
    assert movie["name"] == stalker_guide.guide.film.title


def test_json_ld_is_escaped_inside_its_script_tag(html: Path) -> None:
    page = (html / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(scripts) == 1
    assert "<" not in scripts[0]


def test_site_search_finds_a_person_by_an_alternative_spelling(site: str, html: Path) -> None:
    person = stalker_guide.guide.people["alexander-kaidanovsky"]
    surname = person.name.split()[-1]
    other = next(s.text.split()[-1] for s in person.spellings if s.text.split()[-1] != surname)
    home = next(
        str(p.relative_to(html))
        for p in html.rglob("*.html")
        if f'id="film-person-{person.id}"' in p.read_text(encoding="utf-8")
    )
    # Typed into the search box as a reader would; the page holding his entry is a result.
    results = node("search.mjs", site, other)
    assert any(r["href"].split("#")[0].split("?")[0].endswith(home) for r in results), results


def test_a_character_pages_scene_links_lead_to_those_scenes(site: str) -> None:
    guide = stalker_guide.guide
    followed = node("follow.mjs", site, "characters/writer.html", r"plot/part-(one|two)\.html#")
    assert followed, "the Writer's page links to scenes"
    titles = {scene.title for scene in guide.scenes_with("writer")}
    for link in followed:
        assert link["landed"], f"{link['href']} points at nothing"
        assert any(title in link["landed"] for title in titles | {link["text"]}), link


def test_two_clean_builds_are_byte_identical(html: Path, tmp_path: Path) -> None:
    make("html", tmp_path / "again")
    again = tmp_path / "again" / "html"
    differing: list[str] = []

    def compare(cmp: filecmp.dircmp[str], prefix: str) -> None:
        differing.extend(prefix + n for n in cmp.diff_files + cmp.left_only + cmp.right_only)
        for name, sub in cmp.subdirs.items():
            compare(sub, f"{prefix}{name}/")

    compare(filecmp.dircmp(html, again, ignore=[".buildinfo"]), "")
    # filecmp's shallow check trusts equal size and mtime; compare the bytes of every file.
    for path in html.rglob("*"):
        twin = again / path.relative_to(html)
        if path.is_file() and twin.is_file() and path.read_bytes() != twin.read_bytes():
            differing.append(str(path.relative_to(html)))
    assert not sorted(set(differing))


def test_site_search_finds_every_person_by_every_spelling_the_data_lists(html: Path) -> None:
    # What Sphinx's search does with a query: split it into words, stem them as the index
    # was stemmed, and keep the pages that hold every word (the JS runs the same stemmer).
    from sphinx.search.en import SearchEnglish

    raw = (html / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(raw[raw.index("(") + 1 : raw.rindex(")")])
    docnames: list[str] = index["docnames"]
    language = SearchEnglish({})

    def pages_with(word: str) -> set[str]:
        found: set[str] = set()
        for table in ("terms", "titleterms"):
            hits = index[table].get(word, [])
            found.update(docnames[i] for i in ([hits] if isinstance(hits, int) else hits))
        return found

    homes = {
        person: next(
            str(p.relative_to(html).with_suffix(""))
            for p in html.rglob("*.html")
            if f'id="film-person-{person}"' in p.read_text(encoding="utf-8")
        )
        for person in stalker_guide.guide.people
    }
    missed = []
    for person_id, person in stalker_guide.guide.people.items():
        for spelling in {person.name, *(s.text for s in person.spellings)}:
            words = [language.stem(w).lower() for w in language.split(spelling)]
            words = [w for w in words if language.word_filter(w)]
            pages = set.intersection(*(pages_with(w) for w in words)) if words else set()
            if homes[person_id] not in pages:
                missed.append(f"{spelling!r} does not find {person_id} ({homes[person_id]})")
    assert not missed
