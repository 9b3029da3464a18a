"""Mistakes in pages are reported where they are written, typed so they can be silenced.

Each warning names the page and line, and carries the type ``film`` and a subtype
(``film.ref``, ``film.fact``, ``film.duplicate``, ``film.option``), like Sphinx's own.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp


def warnings_of(app: SphinxTestApp) -> list[str]:
    """The build's warnings, without colour codes or the source folder."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line.replace(f"{app.srcdir}/", "") for line in text.splitlines() if line]


@pytest.fixture
def warned(app: SphinxTestApp) -> list[str]:
    app.build()
    return warnings_of(app)


@pytest.mark.sphinx("html", testroot="warnings")
def test_an_unknown_id_is_reported_on_its_own_line_with_a_suggestion(
    warned: list[str],
) -> None:
    assert (
        "index.md:8: WARNING: unknown character id 'writr' (did you mean 'writer'?) [film.ref]"
        in warned
    )


@pytest.mark.sphinx("html", testroot="warnings")
def test_an_id_of_another_kind_is_reported(warned: list[str]) -> None:
    assert "index.md:10: WARNING: 'writer' is a character, not a person [film.ref]" in warned


@pytest.mark.sphinx("html", testroot="warnings")
def test_bad_fact_paths_are_reported(warned: list[str]) -> None:
    facts = [w for w in warned if w.endswith("[film.fact]")]
    assert facts == [
        "index.md:12: WARNING: Film has no attribute 'yeer' (fact path 'film.yeer') "
        "(did you mean 'year'?) [film.fact]",
        "index.md:12: WARNING: unknown id 'nobody' in fact path 'nobody.born' [film.fact]",
        "index.md:12: WARNING: fact path 'film.genres' has no value to show [film.fact]",
    ]


@pytest.mark.sphinx("html", testroot="warnings")
def test_a_reference_to_an_entity_without_an_entry_is_reported(warned: list[str]) -> None:
    assert (
        "index.md:14: WARNING: no entry for character 'stalker' in this guide "
        "(render it once with the film:character directive) [ref.character]"
    ) in warned


@pytest.mark.sphinx("html", testroot="warnings")
def test_a_second_entry_for_the_same_entity_is_a_duplicate(warned: list[str]) -> None:
    assert (
        "entries.md:6: WARNING: duplicate entry for character 'writer', other instance in "
        "entries; use :noindex: for one of them [film.duplicate]"
    ) in warned


@pytest.mark.sphinx("html", testroot="warnings")
def test_directive_arguments_and_options_are_checked(warned: list[str]) -> None:
    assert "entries.md:9: WARNING: 'writer' is a character, not a person [film.ref]" in warned
    assert (
        "entries.md:12: WARNING: :speaker: 'nobody' is not the id of a character or person "
        "[film.option]"
    ) in warned
    assert any(
        w.startswith("entries.md:16: WARNING: unknown kind 'charactr' (did you mean 'character'?)")
        for w in warned
    )


@pytest.mark.sphinx("html", testroot="warnings")
def test_nothing_else_is_reported(warned: list[str]) -> None:
    assert len(warned) == 10, "\n".join(warned)


@pytest.mark.sphinx("html", testroot="warnings", warningiserror=True)
def test_warnings_fail_a_strict_build(app: SphinxTestApp) -> None:
    app.build()
    assert app.statuscode == 1


@pytest.mark.sphinx("html", testroot="warnings")
def test_warnings_can_be_silenced_by_type(make_app: Any, app_params: Any) -> None:
    kwargs = dict(app_params.kwargs)
    kwargs["confoverrides"] = {**kwargs["confoverrides"], "suppress_warnings": ["film.fact"]}
    app = make_app("html", **kwargs)
    app.build()
    assert not [w for w in warnings_of(app) if "[film.fact]" in w]
    assert [w for w in warnings_of(app) if "[film.ref]" in w]


@pytest.mark.sphinx("html", testroot="warnings")
def test_entities_without_an_entry_pass_unless_every_entry_is_required(
    warned: list[str],
) -> None:
    assert not [w for w in warned if w.endswith("[film.missing]")]


@pytest.mark.sphinx("html", testroot="warnings", confoverrides={"stalker_guide_every_entry": True})
def test_with_every_entry_required_each_entity_without_one_is_reported(
    warned: list[str],
) -> None:
    missing = [w for w in warned if w.endswith("[film.missing]")]
    assert (
        "WARNING: character 'stalker' (characters.toml) has no entry in this guide; "
        "render it once with the film:character directive [film.missing]"
    ) in missing
    assert not any("'writer'" in w for w in missing)  # entries.md has its entry
