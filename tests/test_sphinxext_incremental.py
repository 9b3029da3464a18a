"""Incremental builds are correct and minimal.

A rebuild re-reads exactly the pages whose sources or data changed, and rewrites (without
re-reading) exactly the pages whose "Mentioned in" lists or links the change affects.
Each test builds tests/roots/test_guide once, changes one thing, and asks the next build
which pages it reads (``builder.read()``) and which more it rewrites (``env-get-updated``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

from .conftest import edit, touch

ALL_PAGES = [
    "about",
    "characters",
    "glossary",
    "index",
    "lists",
    "notes",
    "people",
    "quotes",
    "scenes",
    "sources",
    "themes",
]


def next_app(make_app: Any, app: SphinxTestApp) -> SphinxTestApp:
    """A new application on ``app``'s project and build folder, as a second run would be."""
    app.cleanup()  # forget docutils' global registrations, as a new process would
    again: SphinxTestApp = make_app("html", srcdir=app.srcdir, confoverrides=app.config._overrides)
    return again


def rebuild(make_app: Any, app: SphinxTestApp) -> tuple[list[str], list[str]]:
    """(pages read, further pages rewritten) by the next build of ``app``'s project."""
    again = next_app(make_app, app)
    read = sorted(again.builder.read())
    rewritten = sorted(again.env.check_dependents(again, set(read)))
    return read, rewritten


@pytest.fixture
def built(app: SphinxTestApp) -> SphinxTestApp:
    app.build()
    assert app.warning.getvalue() == ""
    assert sorted(app.env.all_docs) == ALL_PAGES
    return app


@pytest.mark.sphinx("html", testroot="guide")
def test_nothing_changed_reads_and_rewrites_nothing(make_app: Any, built: SphinxTestApp) -> None:
    assert rebuild(make_app, built) == ([], [])


@pytest.mark.sphinx("html", testroot="guide")
def test_editing_prose_rereads_only_that_page(make_app: Any, built: SphinxTestApp) -> None:
    edit(Path(built.srcdir, "notes.md"), "# Notes\n", "# Notes\n\nA new sentence.\n")
    assert rebuild(make_app, built) == (["notes"], [])


@pytest.mark.sphinx("html", testroot="guide")
def test_dropping_a_mention_rewrites_the_entry_that_listed_it(
    make_app: Any, built: SphinxTestApp
) -> None:
    edit(Path(built.srcdir, "notes.md"), "{theme}`faith`, ", "")
    # Faith's entry (on the themes page) no longer lists the notes.
    assert rebuild(make_app, built) == (["notes"], ["themes"])


@pytest.mark.sphinx("html", testroot="guide")
def test_the_rewritten_entry_shows_the_new_mentions(make_app: Any, built: SphinxTestApp) -> None:
    def faith_entry() -> str:
        themes = Path(built.outdir, "themes.html").read_text(encoding="utf-8")
        start = themes.index('id="film-theme-faith"')
        return themes[start : themes.index("film-entry", start)]

    assert 'href="notes.html"' in faith_entry()
    edit(Path(built.srcdir, "notes.md"), "{theme}`faith`, ", "")
    again = next_app(make_app, built)
    again.build()
    assert 'href="notes.html"' not in faith_entry()


@pytest.mark.sphinx("html", testroot="guide")
def test_a_new_page_mentioning_an_entity_rewrites_its_entry(
    make_app: Any, built: SphinxTestApp
) -> None:
    new = Path(built.srcdir, "more.md")
    new.write_text("---\norphan: true\n---\n# More\n\nThe {character}`writer` again.\n")
    touch(new)
    # The Writer's entry, and its second (:noindex:) rendering in the notes.
    assert rebuild(make_app, built) == (["more"], ["characters", "notes"])


@pytest.mark.sphinx("html", testroot="guide")
def test_renaming_a_page_rewrites_the_entries_it_mentions(
    make_app: Any, built: SphinxTestApp
) -> None:
    edit(Path(built.srcdir, "notes.md"), "# Notes\n", "# Remarks\n")
    # Every entry the notes mention shows the notes' title in its "Mentioned in".
    read, rewritten = rebuild(make_app, built)
    assert read == ["notes"]
    assert rewritten == ["characters", "glossary", "lists", "quotes", "scenes", "sources", "themes"]


@pytest.mark.sphinx("html", testroot="guide")
def test_moving_an_entry_rewrites_the_pages_that_link_to_it(
    make_app: Any, built: SphinxTestApp
) -> None:
    edit(Path(built.srcdir, "themes.md"), "```{film:motif} nuts\n```\n", "")
    notes = Path(built.srcdir, "notes.md")
    notes.write_text(notes.read_text() + "\n```{film:motif} nuts\n```\n")
    touch(notes)
    # The scene that shows the nuts and the source that a reading of them cites link here.
    assert rebuild(make_app, built) == (["notes", "themes"], ["scenes", "sources"])


@pytest.mark.sphinx("html", testroot="guide")
def test_touching_a_data_file_rereads_exactly_the_pages_that_render_it(
    make_app: Any, built: SphinxTestApp
) -> None:
    data = Path(built.config.stalker_guide_data)
    touch(data / "glossary.toml")
    # The glossary, the page whose {term} names a term, and the sources page, whose
    # "cited by" lists may name any record of any file.
    assert rebuild(make_app, built) == (["glossary", "notes", "sources"], [])


@pytest.mark.sphinx("html", testroot="guide")
def test_editing_a_character_rereads_every_page_that_shows_one(
    make_app: Any, built: SphinxTestApp
) -> None:
    data = Path(built.config.stalker_guide_data)
    edit(data / "characters.toml", 'name = "the Writer"', 'name = "the Author"')
    read, rewritten = rebuild(make_app, built)
    assert read == [page for page in ALL_PAGES if page != "glossary"]
    assert rewritten == []


@pytest.mark.sphinx("html", testroot="guide")
def test_an_edited_name_reaches_every_page(make_app: Any, built: SphinxTestApp) -> None:
    data = Path(built.config.stalker_guide_data)
    edit(data / "characters.toml", 'name = "the Writer"', 'name = "the Author"')
    again = next_app(make_app, built)
    again.build()
    for page in ("index", "notes", "lists", "scenes", "characters"):
        text = Path(again.outdir, f"{page}.html").read_text(encoding="utf-8")
        assert "the Author" in text and "the Writer<" not in text, page


@pytest.mark.sphinx("html", testroot="guide")
def test_config_values_are_plain_so_the_config_is_unchanged(
    make_app: Any, built: SphinxTestApp
) -> None:
    again = next_app(make_app, built)
    again.build()
    status = again.status.getvalue()
    assert "stalker_guide" not in status
    assert "0 added, 0 changed, 0 removed" in status
