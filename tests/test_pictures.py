"""The pictures drawn from the data: the theme tracker, the film at a glance, the relationship
graph and the route, and the hover previews' cards; and the scene tags they show, checked
against the scene analyses on the plot pages.

Each picture is a function of the data (see stalker_guide.sphinxext.pictures), so these
tests read the real data and check that the picture says what the data says, that it is
the same text every time (reproducible builds), and that Graphviz draws the graphs.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import stalker_guide
from stalker_guide.guide import KINDS as GUIDE_KINDS
from stalker_guide.sphinxext.pictures import (
    PALETTE,
    contrast,
    glance_html,
    relationships_dot,
    route_dot,
    route_places,
    theme_styles,
    tracker_html,
)
from stalker_guide.sphinxext.preview import card_text, previews_script, theme_css

GUIDE = stalker_guide.guide
SCENES = list(GUIDE.scenes.values())
PLOT = Path(__file__).resolve().parent.parent / "docs" / "plot"
DOT = shutil.which("dot")


def href(id: str) -> str:
    return f"page.html#film-x-{id}"


def svg(dot: str) -> str:
    if DOT is None:
        pytest.skip("Graphviz (Debian package graphviz) is not installed")
    proc = subprocess.run([DOT, "-Tsvg"], input=dot, capture_output=True, text=True, check=True)
    assert proc.stderr == "", proc.stderr
    return proc.stdout


# -- the theme tracker ---------------------------------------------------------------------


def test_each_theme_has_its_own_colour_and_code() -> None:
    styles = theme_styles(list(GUIDE.themes), {i: t.name for i, t in GUIDE.themes.items()})
    assert len({s.colour for s in styles.values()}) == len(GUIDE.themes) <= len(PALETTE)
    assert len({s.code for s in styles.values()}) == len(GUIDE.themes)


def test_theme_colours_carry_text_at_wcag_aa_contrast() -> None:
    for theme, style in theme_styles(list(GUIDE.themes)).items():
        assert contrast(style.colour, style.ink) >= 4.5, theme


def test_the_tracker_marks_exactly_the_tagged_scenes_each_linked() -> None:
    out = tracker_html(GUIDE, SCENES, list(GUIDE.themes), href)
    tagged = sum(len(s.themes) for s in SCENES)
    assert out.count("film-grid-on") == tagged
    for scene in SCENES:
        for theme in scene.themes:
            name = GUIDE.themes[theme].name
            assert f"{name}: scene {scene.number}, " in out
    assert out.count('href="page.html#film-x-') == tagged + len(GUIDE.themes)


def test_the_tracker_has_alt_text_and_is_the_same_every_time() -> None:
    one = tracker_html(GUIDE, SCENES, list(GUIDE.themes), href)
    assert 'aria-label="Themes scene by scene"' in one
    assert one == tracker_html(GUIDE, SCENES, list(GUIDE.themes), href)
    assert re.search(r'id="', one) is None  # no generated ids to drift between builds


def test_theme_css_gives_each_theme_its_chip_rule() -> None:
    css = theme_css(GUIDE)
    for theme in GUIDE.themes:
        assert f".film-chip-{theme} {{" in css


# -- the film at a glance ------------------------------------------------------------------


def test_the_glance_strip_shows_every_scene_in_order_in_its_palette() -> None:
    out = glance_html(GUIDE, SCENES, ["stalker"], href)
    heads = re.findall(r'class="[^"]*film-glance-scene film-glance-(\w+)[^"]*" href="([^"]+)"', out)
    assert heads == [(s.palette.value, href(s.id)) for s in SCENES]
    for scene in SCENES:
        assert f'<span class="film-glance-title">{scene.title}' in html.unescape(out)
    for part in GUIDE.film.parts:
        assert {1: "Part One", 2: "Part Two"}[part.number] in out


def test_the_glance_strip_marks_who_is_in_each_scene() -> None:
    out = glance_html(GUIDE, SCENES, ["wife"], href)
    marked = re.findall(r"the Stalker's Wife in scene (\d+)", html.unescape(out))
    numbers = [int(n) for n in marked]
    assert numbers == [s.number for s in SCENES if "wife" in s.characters]


def test_without_titles_the_glance_strip_gives_no_title_away() -> None:
    out = glance_html(GUIDE, SCENES, ["stalker"], href, titles=False)
    assert "Nobody enters" not in out and 'class="film-glance-title"' not in out
    assert out.count("film-glance-scene") == len(SCENES)
    assert 'class="film-grid film-glance-grid film-glance-untitled"' in out


# -- the graphs ----------------------------------------------------------------------------


def test_the_relationship_graph_has_every_character_and_relationship() -> None:
    dot = relationships_dot(GUIDE, href)
    for character in GUIDE.characters.values():
        for tie in character.relationships:
            one_way = f'"{character.id}" -> "{tie.to}" [label="{tie.kind} of"'
            both_ways = (f'"{character.id}" -> "{tie.to}"', f'"{tie.to}" -> "{character.id}"')
            assert one_way in dot or any(
                f'{edge} [label="{tie.kind}", dir="both"]' in dot for edge in both_ways
            ), (character.id, tie.kind, tie.to)
    for person in GUIDE.played_by("stalker"):
        assert person.name in dot
    assert 'URL="page.html#film-x-stalker"' in dot


def test_the_route_follows_the_journey_and_sets_unplaced_places_apart() -> None:
    route = route_places(GUIDE)
    stages = [p for p in route if GUIDE.places[p].journey is not None]
    journey = [GUIDE.places[p].journey or 0 for p in stages]
    assert journey == sorted(journey) and len(set(journey)) == len(journey)
    assert route[-1] == "stalkers-home"  # the way back ends at home
    dot = route_dot(GUIDE, href)
    for place in GUIDE.places.values():
        if place.kind == "zone" and place.id != "zone" and place.journey is None:
            assert re.search(rf'"{place.id}" \[shape=box, style="rounded,filled,dashed"', dot)
    for scene in SCENES:
        if set(scene.places) - {"zone"}:
            assert f'HREF="page.html#film-x-{scene.id}"' in dot, scene.id


@pytest.mark.parametrize("draw", [relationships_dot, route_dot])
def test_graphviz_draws_each_graph_as_valid_svg_the_same_every_time(draw: object) -> None:
    assert callable(draw)
    dot = draw(GUIDE, href)
    first = svg(dot)
    assert first == svg(dot)
    root = ET.fromstring(first)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert 'target="_top"' in first  # a link in the SVG opens its page, not inside the picture


# -- hover previews -----------------------------------------------------------------------


def test_every_entity_has_a_card_with_a_name_and_an_identity() -> None:
    for kind in GUIDE_KINDS.values():  # the Guide's collection of each kind
        for id in getattr(GUIDE, kind):
            card = card_text(GUIDE, id)
            assert card["n"] and card["i"], id


def test_the_cards_script_cannot_close_its_script_element_and_is_sorted() -> None:
    ids = list(GUIDE.characters) + list(GUIDE.sources)
    script = previews_script(GUIDE, ids)
    assert "</" not in script
    assert script == previews_script(GUIDE, list(reversed(ids)))


# -- the tags behind the tracker, against the analyses ------------------------------------

_ENTRY = re.compile(r"^(`{3,})\{film:scene\} ([\w-]+)\n(.*?)^\1$", re.S | re.M)
_THEME = re.compile(r"\{(?:film:)?theme\}`(?:[^`<]*<)?([\w-]+)>?`")


def analyses() -> dict[str, set[str]]:
    """Each scene's analysis on the plot pages, as the set of themes it names by role."""
    found: dict[str, set[str]] = {}
    for page in sorted(PLOT.glob("*.md")):
        for match in _ENTRY.finditer(page.read_text(encoding="utf-8")):
            found[match.group(2)] = set(_THEME.findall(match.group(3)))
    return found


def test_every_scene_has_an_analysis_on_the_plot_pages() -> None:
    assert set(analyses()) == set(GUIDE.scenes)


@pytest.mark.parametrize("scene", list(GUIDE.scenes))
def test_a_scenes_analysis_names_exactly_the_themes_it_is_tagged_with(scene: str) -> None:
    named = analyses()[scene]
    tagged = set(GUIDE.scenes[scene].themes)
    assert named == tagged, (
        f"{scene}: tagged but not discussed: {sorted(tagged - named)}; "
        f"discussed but not tagged: {sorted(named - tagged)}"
    )


# -- the tags against the theme pages' evidence scenes ------------------------------------

THEMES = PLOT.parent / "themes"
_EVIDENCE = re.compile(r"^## Evidence scenes\n(.*?)(?=^## |\Z)", re.S | re.M)
_SCENE = re.compile(r"\{(?:film:)?scene\}`(?:[^`<]*<)?([\w-]+)>?`")


def evidence_scenes(page: str) -> set[str]:
    """The scenes a theme page lists as its evidence: the scene roles in that section.

    >>> sorted(evidence_scenes("## Evidence scenes\\n\\n- {scene}`arrival`: home.\\n"
    ...     "- {scene}`the bar <the-bar>`: names.\\n\\n## Quotations\\n{scene}`epigraph`\\n"))
    ['arrival', 'the-bar']
    """
    section = _EVIDENCE.search(page)
    return set(_SCENE.findall(section.group(1))) if section else set()


@pytest.mark.parametrize("theme", list(GUIDE.themes))
def test_a_theme_pages_evidence_scenes_are_exactly_the_scenes_tagged_with_it(theme: str) -> None:
    listed = evidence_scenes((THEMES / f"{theme}.md").read_text(encoding="utf-8"))
    tagged = {s.id for s in GUIDE.scenes.values() if theme in s.themes}
    assert listed == tagged, (
        f"{theme}: tagged but not listed: {sorted(tagged - listed)}; "
        f"listed but not tagged: {sorted(listed - tagged)}"
    )
