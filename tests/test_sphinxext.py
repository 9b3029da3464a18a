"""The film domain's roles, directives, indices and inventory, on tests/roots/test_guide.

The test guide renders every entity of tests/fixtures/minimal exactly once, so it must
build without a single warning in each builder, and every link must resolve.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from docutils import nodes
from sphinx import addnodes
from sphinx.testing.util import SphinxTestApp
from sphinx.util.inventory import InventoryFile

from stalker_guide import load
from stalker_guide.sphinxext.domain import FilmDomain
from stalker_guide.sphinxext.kinds import KINDS


def page(app: SphinxTestApp, name: str) -> str:
    return (Path(app.outdir) / name).read_text(encoding="utf-8")


def text_of(markup: str) -> str:
    """The visible text of HTML, whitespace collapsed, typographic apostrophes plain."""
    body = markup[markup.find("<body") :] if "<body" in markup else markup
    body = re.sub(r"<script.*?</script>", " ", body, flags=re.S)
    body = re.sub(r'<span class="colon">:</span>', ":", body)
    body = re.sub(r"</?(a|span|em|strong|cite|sup)\b[^>]*>", "", body)  # inline: no space
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())
    return text.replace("\u2019", "'")


def from_(markup: str, needle: str) -> str:
    """``markup`` from the tag that holds ``needle`` on."""
    return markup[markup.rfind("<", 0, markup.find(needle)) :]


def link_to(markup: str, href: str) -> list[str]:
    """The text of every link in ``markup`` to ``href``."""
    found = re.findall(
        r'<a [^>]*href="' + re.escape(href) + r'"[^>]*>(.*?)</a>', markup, flags=re.S
    )
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", "", f)).split()) for f in found]


def domain(app: SphinxTestApp) -> FilmDomain:
    film = app.env.domains["film"]
    assert isinstance(film, FilmDomain)
    return film


# -- every builder --------------------------------------------------------------------


@pytest.mark.parametrize("builder", ["html", "latex", "epub"])
@pytest.mark.sphinx(testroot="guide")
def test_the_guide_builds_without_warnings_in_each_builder(
    make_app: Any, app_params: Any, builder: str
) -> None:
    app = make_app(builder, **app_params.kwargs)
    app.build()
    assert app.warning.getvalue() == ""


@pytest.mark.sphinx("latex", testroot="guide")
def test_latex_has_a_label_for_each_entry_and_links_to_it(app: SphinxTestApp) -> None:
    app.build()
    tex = page(app, "testguide.tex")
    for id, entry in domain(app).objects.items():
        label = rf"\label{{\detokenize{{{entry.docname}:{entry.node_id}}}}}"
        assert label in tex, id
    assert r"\hyperref[\detokenize{characters:film-character-writer}]" in tex
    assert "Андрей Тарковский" in tex  # Cyrillic reaches the print edition
    assert "Mentioned in:" in tex


@pytest.mark.sphinx("latex", testroot="guide")
def test_latex_gets_the_theme_tracker_as_a_list_not_a_wide_table(app: SphinxTestApp) -> None:
    app.build()
    tex = page(app, "testguide.tex")
    assert "Themes scene by scene" in tex
    assert "scene 1" in tex  # Faith: scene 1
    assert "film-matrix" not in tex


@pytest.mark.sphinx("epub", testroot="guide")
def test_epub_pages_link_to_entries(app: SphinxTestApp) -> None:
    app.build()
    notes = page(app, "notes.xhtml")
    assert link_to(notes, "characters.xhtml#film-character-writer")[0] == "the Writer"
    # The tracker is its list in words in the EPUB: no strip, which a reader would clip.
    themes = page(app, "themes.xhtml")
    assert "film-matrix-list" in themes and "film-grid" not in themes


# -- roles ----------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="guide")
def test_a_role_shows_the_entity_name_and_links_to_its_entry(app: SphinxTestApp) -> None:
    app.build()
    notes = page(app, "notes.html")
    texts = link_to(notes, "characters.html#film-character-writer")
    assert texts[0] == "the Writer"


@pytest.mark.sphinx("html", testroot="guide")
def test_an_explicit_title_replaces_the_name(app: SphinxTestApp) -> None:
    app.build()
    texts = link_to(page(app, "notes.html"), "characters.html#film-character-writer")
    assert "the Writer\u2019s" in texts  # with docutils' smart quotes


@pytest.mark.sphinx("html", testroot="guide")
def test_every_kind_has_a_role_that_links(app: SphinxTestApp) -> None:
    app.build()
    notes = page(app, "notes.html")
    expected = {
        "theme": ("faith", "Faith"),
        "motif": ("nuts", "Nuts on strips of cloth"),
        "place": ("the-room", "the Room"),
        "quote": ("quiet-monkey", "Waking Monkey"),
        "source": ("mos1", "Stalker, Part 1: English subtitles of Mosfilm\u2019s upload"),
        "claim": ("cannes-year", "1979: 32nd Cannes Film Festival"),
        "award": ("cannes-ecumenical-1980", "Prize of the Ecumenical Jury"),
        "term": ("komnata", "Room"),
        "scene": ("the-threshold", "At the threshold"),
    }
    objects = domain(app).objects
    for kind, (id, name) in expected.items():
        entry = objects[id]
        href = f"{entry.docname}.html#film-{kind}-{id}"
        assert name.replace("\u2019", "'") in [
            t.replace("\u2019", "'") for t in link_to(notes, href)
        ], kind


@pytest.mark.sphinx("html", testroot="guide")
def test_people_and_characters_link_from_the_front_page(app: SphinxTestApp) -> None:
    app.build()
    front = page(app, "index.html")
    assert link_to(front, "people.html#film-person-andrei-tarkovsky") == ["Andrei Tarkovsky"]
    # (The table of contents links to Solonitsyn's entry too: it has a heading.)
    assert link_to(front, "people.html#film-person-anatoly-solonitsyn")[0] == "Anatoly Solonitsyn"


@pytest.mark.sphinx("html", testroot="guide")
def test_term_role_reaches_the_film_glossary_unprefixed(app: SphinxTestApp) -> None:
    app.build()
    texts = link_to(page(app, "notes.html"), "glossary.html#film-term-komnata")
    assert texts == ["Room", "Room"]  # {term}`komnata` and {film:term}`komnata`


@pytest.mark.sphinx("html", testroot="guide")
def test_term_role_still_reaches_sphinx_glossary_for_other_terms(app: SphinxTestApp) -> None:
    app.build()
    assert "Sphinx term" in link_to(page(app, "glossary.html"), "#term-Sphinx-term")


@pytest.mark.sphinx("html", testroot="guide")
def test_fact_role_renders_values_from_the_data(app: SphinxTestApp) -> None:
    app.build()
    front = text_of(page(app, "index.html"))
    assert "Stalker (Сталкер, 1979) runs 161 minutes" in front
    assert "was born on 4 April 1932" in front


@pytest.mark.sphinx("html", testroot="guide")
def test_myst_links_resolve_through_resolve_any_xref(app: SphinxTestApp) -> None:
    app.build()
    texts = link_to(page(app, "notes.html"), "characters.html#film-character-stalker")
    assert texts[:2] == ["the Stalker", "our guide"]


# -- entries ---------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="guide")
def test_an_entry_shows_facts_spellings_cyrillic_and_sources_with_tier(
    app: SphinxTestApp,
) -> None:
    app.build()
    people = text_of(page(app, "people.html"))
    assert "Andrei Tarkovsky (Андрей Тарковский)" in people
    assert "Also written: Andrey Tarkovsky [2]" in people
    assert "Born: 4 April 1932" in people
    assert "On the film: director" in people
    assert "Stalker (festival programme page) (press)" in people


@pytest.mark.sphinx("html", testroot="guide")
def test_an_entry_lists_the_pages_that_mention_it(app: SphinxTestApp) -> None:
    app.build()
    characters = page(app, "characters.html")
    line = from_(characters, "Mentioned in:")
    line = line[: line.find("</p>")]
    # The notes name the Writer; its own page does not count, nor does the front page,
    # which names everything.
    assert link_to(line, "notes.html") == ["Notes"]
    assert "index.html" not in line
    assert "characters.html" not in line
    # The "about" page names him too, but its front matter says film-mentions: false.
    assert "about.html" not in line


@pytest.mark.sphinx("html", testroot="guide", confoverrides={"stalker_guide_mentions_skip": ["n*"]})
def test_mentions_skip_leaves_pages_out_of_mentioned_in(app: SphinxTestApp) -> None:
    app.build()
    characters = page(app, "characters.html")
    writer = characters[: characters.find('id="film-character-stalker"')]
    assert "notes.html" not in writer
    assert "Mentioned in:" not in writer  # no other page names him


def _layers(markup: str) -> list[str]:
    return re.findall(r'<details class="film-reference">.*?</details>', markup, flags=re.S)


@pytest.mark.sphinx("html", testroot="guide")
def test_an_entry_reads_first_then_refers(app: SphinxTestApp) -> None:
    app.build()
    people = page(app, "people.html")
    # Solonitsyn's entry: the identity line and the guide's own words come first, his
    # field values after them, folded behind one summary line.
    solonitsyn = from_(people, 'id="film-person-anatoly-solonitsyn"')
    assert '<p class="film-identity">Plays the Writer.</p>' in solonitsyn
    words = solonitsyn.index("The guide")
    (layer, *_) = _layers(solonitsyn)
    assert words < solonitsyn.index(layer)
    assert "Plays:" in text_of(layer)
    summary = re.search(r"<summary>(.*?)</summary>", layer)
    assert summary and summary.group(1).startswith("Facts (")
    # A heading entry that is the page's title: the analysis (the page's "## The guide",
    # which holds another entry) comes after the reference layer, not inside it.
    characters = page(app, "characters.html")
    writer = characters[: characters.find('id="the-guide"')]
    assert _layers(writer), "the Writer's reference layer ends his own section"
    assert characters.index("film-identity") < characters.index("<details")


@pytest.mark.sphinx("html", testroot="guide")
def test_the_page_entry_moves_its_reference_after_the_page_analysis(
    app: SphinxTestApp,
) -> None:
    (Path(app.srcdir) / "solo.md").write_text(
        "---\norphan: true\n---\n# The Stalker\n\n"
        "```{film:character} stalker\n:noindex:\n```\n\n"
        "## Who he is\n\nThe analysis of the guide.\n",
        encoding="utf-8",
    )
    app.build()
    solo = page(app, "solo.html")
    assert solo.index("The analysis of the guide.") < solo.index('<details class="film-reference">')
    # The page's title is not repeated in bold under it.
    assert "film-entry-title" not in solo


@pytest.mark.sphinx("html", testroot="guide")
def test_relationships_are_shown_once_from_the_pages_own_side(app: SphinxTestApp) -> None:
    app.build()
    characters = text_of(page(app, "characters.html"))
    # The data say "the Stalker is guide of the Writer", once.
    writer = characters[: characters.index("The guide")]
    stalker = characters[characters.index("The guide") :]
    assert "Relationships: guide: the Stalker [" in writer
    assert "Relationships: client: the Writer [" in stalker
    assert " is guide of " not in characters


@pytest.mark.parametrize("builder", ["html", "epub"])
@pytest.mark.sphinx(testroot="guide")
def test_citation_marks_link_to_their_source_and_name_it(
    make_app: Any, app_params: Any, builder: str
) -> None:
    app = make_app(builder, **app_params.kwargs)
    app.build()
    suffix = ".html" if builder == "html" else ".xhtml"
    people = page(app, f"people{suffix}")
    marks = re.findall(r'<span class="film-cite">\[(.*?)\]</span>', people, flags=re.S)
    assert marks, "the people's entries cite sources"
    names = {s.id: s.label or s.title for s in _fixture_sources()}
    for mark in marks:
        links = re.findall(r"<a ([^>]*)>(?:<span>)?(\d+)(?:</span>)?</a>", mark)
        assert links and len(links) == len(re.findall(r"\d+", re.sub("<[^>]+>", "", mark)))
        for attributes, _number in links:
            href = re.search(
                r'href="sources' + re.escape(suffix) + r'#film-source-([^"]+)"', attributes
            )
            assert href, attributes  # the number links to the source's entry
            if builder == "epub":  # (the web edition shows a preview card instead)
                title = re.search(r'title="([^"]+)"', attributes)
                assert title and html.unescape(title.group(1)).startswith(names[href.group(1)])


def _fixture_sources() -> list[Any]:
    import stalker_guide

    folder = Path(__file__).parent / "fixtures" / "minimal"
    return list(stalker_guide.load(folder).sources.values())


@pytest.mark.parametrize("builder", ["epub", "latex"])
@pytest.mark.sphinx(testroot="guide")
def test_the_reference_layer_is_open_in_epub_and_small_in_print(
    make_app: Any, app_params: Any, builder: str
) -> None:
    app = make_app(builder, **app_params.kwargs)
    app.build()
    if builder == "epub":
        people = page(app, "people.xhtml")
        assert "<details" not in people
        assert '<div class="film-reference film-reference-open">' in people
        assert '<p class="film-reference-summary">Facts (' in people
    else:
        tex = page(app, "testguide.tex")
        assert "\\begingroup\\small" in tex


@pytest.mark.sphinx("html", testroot="guide")
def test_heading_makes_the_entry_a_section_in_the_table_of_contents(
    app: SphinxTestApp,
) -> None:
    app.build()
    assert app.env.titles["characters"].astext() == "the Writer"
    characters = page(app, "characters.html")
    assert re.search(
        r'<section class="film-entry[^"]*" id="film-character-writer">\s*<h1>', characters
    )
    # The page's own "## The guide" nests under the entry, and the Stalker's entry under it.
    assert re.search(r'<section id="the-guide">\s*<h2>', characters)
    assert re.search(
        r'<section class="film-entry[^"]*" id="film-character-stalker">\s*<h3>', characters
    )
    toc = link_to(page(app, "index.html"), "characters.html#film-character-stalker")
    assert toc == ["the Stalker"]


@pytest.mark.sphinx("html", testroot="guide")
def test_consecutive_heading_entries_are_siblings(app: SphinxTestApp) -> None:
    # Each entry's body becomes the current node while it is parsed; the next entry must
    # still sit beside it, at the level of a "##" heading, not one level deeper each time.
    (Path(app.srcdir) / "run.md").write_text(
        "---\norphan: true\n---\n# Scenes\n\n"
        "```{film:scene} the-bar\n:heading:\n:noindex:\n\nThe guide on the bar.\n```\n\n"
        "```{film:scene} the-threshold\n:heading:\n:noindex:\n```\n",
        encoding="utf-8",
    )
    app.build()
    run = page(app, "run.html")
    assert len(re.findall(r'<section class="film-entry[^"]*"[^>]*>\s*<h2>', run)) == 2
    assert not re.search(r'<section class="film-entry[^"]*"[^>]*>\s*<h3>', run)


@pytest.mark.sphinx("html", testroot="guide")
def test_noindex_renders_the_entry_without_registering_it(app: SphinxTestApp) -> None:
    app.build()
    assert domain(app).objects["writer"].docname == "characters"
    notes = page(app, "notes.html")
    assert 'id="film-character-writer"' not in notes
    assert "Played by" in text_of(notes)


# -- collections -----------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="guide")
def test_facts_table(app: SphinxTestApp) -> None:
    app.build()
    markup = page(app, "lists.html")
    table = markup[markup.index("film-facts-table") : markup.index("</table>")]
    facts = text_of(table)
    assert "Title Stalker; in Russian Сталкер" in facts
    assert "Running time 161 minutes (the restored edition)" in facts
    assert "Based on Roadside Picnic (1972) by Arkady Strugatsky" in facts
    assert "the figure this guide states" not in facts
    assert 8 <= table.count("<tr") - 1 <= 12  # key facts: at most twelve rows


@pytest.mark.sphinx("html", testroot="guide")
def test_release_events_cast_crew_awards_and_claims(app: SphinxTestApp) -> None:
    app.build()
    lists = text_of(page(app, "lists.html"))
    assert "13 May 1980 festival [1] Cannes" in lists
    assert "Anatoly Solonitsyn Анатолий Солоницын the Writer Писатель" in lists
    assert "director Andrei Tarkovsky yes [1]" in lists
    assert "Awarded by: Cannes Film Festival" in lists
    assert "Verdict: contradicted" in lists
    assert "The guide holds: 1980, the 33rd festival" in lists


@pytest.mark.sphinx("html", testroot="guide")
def test_scenes_by_part_and_as_entries(app: SphinxTestApp) -> None:
    app.build()
    scenes = page(app, "scenes.html")
    assert 'id="film-scene-the-bar"' in scenes
    compact = text_of(from_(scenes, 'id="part-two-only"'))
    assert "Part Two" in compact and "At the threshold" in compact
    assert "The bar" not in compact


@pytest.mark.sphinx("html", testroot="guide")
def test_theme_tracker_and_presence_are_strips_in_html_with_their_lists(
    app: SphinxTestApp,
) -> None:
    app.build()
    themes = page(app, "themes.html")
    assert themes.count('class="film-grid film-tracker-grid"') == 1
    assert themes.count('class="film-grid film-glance-grid"') == 1
    assert 'href="scenes.html#film-scene-the-bar"' in from_(themes, "film-tracker-grid")
    assert "Faith: scene 1 " in text_of(from_(themes, "film-matrix-list"))


@pytest.mark.sphinx("html", testroot="guide")
def test_relationships_table(app: SphinxTestApp) -> None:
    app.build()
    assert "the Stalker guide [1] the Writer" in text_of(page(app, "characters.html"))


@pytest.mark.sphinx("html", testroot="guide")
def test_quotes_show_translation_variants_side_by_side_and_filter_by_speaker(
    app: SphinxTestApp,
) -> None:
    app.build()
    quotes = page(app, "quotes.html")
    # One layout: the line, then its other renderings, each with its source.
    assert (
        "Quiet. You'll wake up Monkey. [1] Also rendered: Not so loud, you'll wake up… [1]"
        in text_of(quotes)
    )
    assert "<table" not in quotes[quotes.find("<article") :]
    # The entry's heading is the short title kept in the data, not the line cut short.
    assert "<strong>Waking Monkey</strong>" in quotes
    by_stalker = text_of(from_(quotes, 'id="by-the-stalker"'))
    assert "Monkey" in by_stalker
    assert "faith, and the thing" not in by_stalker


@pytest.mark.sphinx("html", testroot="guide")
def test_sources_show_their_tier_and_what_cites_them(app: SphinxTestApp) -> None:
    app.build()
    sources = page(app, "sources.html")
    entry = text_of(from_(sources, 'id="film-source-gff"'))
    assert entry.startswith("1980, 13 May: Stalker premieres at Cannes")
    assert "Tier: primary" in entry
    # Its language as a word, never the code.
    assert "Language: Russian" in entry and "Language: ru" not in entry
    # The film itself (no entry: plain text), the award and the claim cite it.
    assert (
        "Cited by: Stalker, Prize of the Ecumenical Jury, 1979: 32nd Cannes Film Festival" in entry
    )
    primary = text_of(from_(sources, 'id="primary-sources"'))
    assert "IMDb" not in primary and "Gosfilmofond" not in primary


@pytest.mark.sphinx("html", testroot="guide")
def test_glossary_and_index_list(app: SphinxTestApp) -> None:
    app.build()
    assert "Russian: Комната (Komnata)" in text_of(page(app, "glossary.html"))
    lists = page(app, "lists.html")
    assert link_to(lists, "characters.html#film-character-stalker") == ["the Stalker"]


# -- indices, search, inventory --------------------------------------------------------


@pytest.mark.sphinx("html", testroot="guide")
def test_one_domain_index_per_kind(app: SphinxTestApp) -> None:
    app.build()
    characters = page(app, "film-character.html")
    assert "Index of characters" in characters
    assert link_to(characters, "characters.html#film-character-writer") == ["the Writer"]
    scenes = text_of(page(app, "film-scene.html"))
    assert "Part-1 1. The bar Part-2 2. At the threshold" in scenes
    for kind in KINDS:
        if any(e.kind == kind for e in domain(app).objects.values()):
            assert (Path(app.outdir) / f"film-{kind}.html").is_file(), kind
    assert link_to(page(app, "notes.html"), "film-character.html") == ["Index of characters"]


@pytest.mark.sphinx("html", testroot="guide")
def test_search_finds_entities_by_name_and_by_spelling(app: SphinxTestApp) -> None:
    app.build()
    index = page(app, "searchindex.js")
    data: dict[str, Any] = json.loads(index[index.find("(") + 1 : index.rfind(")")])
    names = [entry[4] for entries in data["objects"].values() for entry in entries]
    assert "Anatoly Solonitsyn" in names
    assert "Nuts on strips of cloth" in names
    # Spellings are in the entry's text, so full-text search finds them.
    assert "andrey" in data["terms"]


@pytest.mark.sphinx("html", testroot="guide")
def test_objects_inv_lists_every_entity_with_its_type(app: SphinxTestApp) -> None:
    app.build()
    content = (Path(app.outdir) / "objects.inv").read_bytes()
    inventory = InventoryFile.loads(content, uri="").data
    listed = {
        (name, kind.removeprefix("film:"))
        for kind, items in inventory.items()
        if kind.startswith("film:")
        for name in items
    }
    expected = {(id, e.kind) for id, e in domain(app).objects.items()}
    assert listed == expected
    assert len(expected) == 21  # every entity of the minimal data, each rendered once
    writer = inventory["film:character"]["writer"]
    assert writer.uri.endswith("characters.html#film-character-writer")
    assert writer.display_name == "the Writer"


ESSAY = """\
[[essay]]
id = "on-the-zone"
title = "On the Zone"
author = "andrei-tarkovsky"
source = "seed-fiff"
summary = "What the Zone is, in the director's words."
key_points = ["The Zone is a state of mind."]
themes = ["faith"]
citations = ["seed-fiff"]
"""

ESSAY_PAGE = """\
---
orphan: true
---
# Essays

```{film:essay} on-the-zone
```

The essay {essay}`on-the-zone` takes up {theme}`faith`.
"""


@pytest.mark.parametrize("builder", ["html", "latex", "epub"])
@pytest.mark.sphinx(testroot="guide")
def test_essay_role_and_entry(make_app: Any, app_params: Any, data_dir: Path, builder: str) -> None:
    # The minimal data have no essay: this test adds one to its own copy.
    (data_dir / "essays.toml").write_text(ESSAY, encoding="utf-8")
    Path(app_params.kwargs["srcdir"], "essays.md").write_text(ESSAY_PAGE, encoding="utf-8")
    app = make_app(builder, **app_params.kwargs)
    app.build()
    assert app.warning.getvalue() == ""
    if builder == "html":
        essays = text_of(page(app, "essays.html"))
        assert "Author: Andrei Tarkovsky" in essays
        assert "Key points: The Zone is a state of mind." in essays
        assert link_to(page(app, "essays.html"), "#film-essay-on-the-zone") == ["On the Zone"]
        assert "Essays: On the Zone" in text_of(page(app, "themes.html"))


# -- the claims listing as a table: its :verdict: filter and its columns -------------

MORE_CLAIMS = """
[[claim]]
id = "writer-is-a-novelist"
subject = "writer"
field = "description"
statement = "The Writer is a successful novelist"
stated_by = [{ source = "wp17" }]
verdict = "confirmed"
holds = "a successful writer"
citations = ["wp17"]

[[claim]]
id = "room-grants-wishes"
subject = "the-room"
field = "description"
statement = "The Room grants every wish"
stated_by = [{ source = "mos1" }]
verdict = "disputed"
citations = ["wp17"]
"""

CLAIM_TABLES = """---
orphan: true
---
# Claims by verdict

## Contradicted

```{film:claims}
:verdict: contradicted
```

## Confirmed

```{film:claims}
:verdict: confirmed
```

## Unconfirmed

```{film:claims}
:verdict: unconfirmed
```

## Every claim

```{film:claims}
```

## About the Writer

```{film:claims}
:subject: writer
```

## Made or supported by the subtitles

```{film:claims}
:source: mos1
```
"""


def table_rows(markup: str) -> list[list[list[str]]]:
    """Each table of ``markup`` as its body rows, each a list of cell texts."""
    tables = []
    for table in re.findall(r"<table\b.*?</table>", markup, flags=re.S):
        body = table[table.find("<tbody") :]
        rows = re.findall(r"<tr\b.*?</tr>", body, flags=re.S)
        tables.append(
            [[text_of(c) for c in re.findall(r"<td\b.*?</td>", r, flags=re.S)] for r in rows]
        )
    return tables


@pytest.mark.sphinx("html", testroot="guide")
def test_the_claims_table_keeps_one_verdict_and_shows_each_column(
    make_app: Any, app_params: Any, data_dir: Path
) -> None:
    with (data_dir / "claims.toml").open("a", encoding="utf-8") as claims:
        claims.write(MORE_CLAIMS)
    Path(app_params.kwargs["srcdir"], "claimtables.md").write_text(CLAIM_TABLES, encoding="utf-8")
    app = make_app("html", **app_params.kwargs)
    app.build()
    markup = page(app, "claimtables.html")
    headers = re.findall(r"<th\b.*?</th>", markup[: markup.find("</thead>")], flags=re.S)
    assert [text_of(h) for h in headers] == [
        "Claim",
        "About",
        "Stated by",
        "Verdict",
        "The guide holds",
    ]
    contradicted, confirmed, every, about_writer, by_mos1 = table_rows(markup)  # none for none
    assert [row[3] for row in contradicted] == ["contradicted"]
    assert [row[3] for row in confirmed] == ["confirmed"]
    assert [row[3] for row in every] == ["contradicted", "confirmed", "disputed"]
    (cannes,) = contradicted
    assert cannes[1] == "Prize of the Ecumenical Jury"
    assert cannes[4].startswith("1980, the 33rd festival")
    (writer,) = confirmed
    assert writer[1] == "the Writer"
    assert writer[4].startswith("a successful writer")
    assert link_to(markup, "lists.html#film-claim-writer-is-a-novelist")
    # Stated by: the sources that make the claim, by name; no holding: only the marks.
    sources = load(data_dir).sources
    assert cannes[2] == (sources["seed-fiff"].label or sources["seed-fiff"].title)
    assert re.fullmatch(r"\[\d\]", every[2][4]), every[2]
    assert "<strong>Evidence</strong>" in markup
    # :subject: keeps the claims about one record, :source: those a source makes or backs.
    assert [row[0] for row in about_writer] == ["The Writer is a successful novelist"]
    assert [row[0] for row in by_mos1] == ["The Room grants every wish"]


@pytest.mark.sphinx("html", testroot="guide")
def test_a_reference_resolves_only_to_an_entry_of_its_kind(app: SphinxTestApp) -> None:
    # The roles check the kind as they read a page; the domain checks it again as it
    # resolves, for references made another way or read before the data changed.
    app.build()
    film = domain(app)

    def resolve(kind: str, target: str) -> Any:
        node = addnodes.pending_xref("", refdomain="film", reftype=kind, reftarget=target)
        contnode = nodes.inline(target, target)
        return film.resolve_xref(app.env, "index", app.builder, kind, target, node, contnode)

    found = resolve("character", "writer")
    assert found is not None and found["refuri"].endswith("#film-character-writer")
    assert resolve("person", "writer") is None
    assert resolve("scene", "writer") is None
    assert resolve("character", "nobody") is None


# -- the reading layer's words, over the real data ------------------------------------


def test_every_entity_has_a_one_line_identity_and_every_quotation_a_short_title() -> None:
    import stalker_guide
    from stalker_guide.sphinxext.identity import identity, lead

    guide = stalker_guide.guide
    for entity in guide:
        line = identity(guide, entity)
        kind = guide.kind_of(entity.id)
        if kind != "person":  # a person the data know only by name has none
            assert line, entity.id
        assert "\n" not in line and not line.endswith("."), (entity.id, line)
        assert lead(guide, entity, 1) in lead(guide, entity), entity.id
    for quote in guide.quotes.values():
        # A heading is a title kept in the data, never the line cut short.
        assert quote.title and not quote.title.endswith("\u2026"), quote.id
        assert len(quote.title) <= 60, quote.id


def test_every_language_code_in_the_data_has_a_word() -> None:
    import tomllib

    from stalker_guide.sphinxext.render import LANGUAGES

    def codes(value: Any) -> set[str]:
        """Every value of a ``lang`` or ``language`` key, at any depth."""
        found: set[str] = set()
        if isinstance(value, dict):
            for key, item in value.items():
                if key in ("lang", "language") and isinstance(item, str):
                    found.add(item)
                found |= codes(item)
        elif isinstance(value, list):
            for item in value:
                found |= codes(item)
        return found

    data = Path(__file__).parent.parent / "data"
    used: set[str] = set()
    for file in sorted(data.glob("*.toml")):
        used |= codes(tomllib.loads(file.read_text(encoding="utf-8")))
    assert {"en", "ru", "uk", "de", "fr"} <= used
    assert not used - LANGUAGES.keys(), sorted(used - LANGUAGES.keys())
