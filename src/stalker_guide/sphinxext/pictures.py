"""Pictures drawn from the data at build time: the theme tracker, the film at a glance,
the relationship graph and the route through the Zone.

Nothing here is a hand-made image: each picture is computed from the records, so a change
in the data changes the picture. Two techniques, each where it reads best:

* **Strips** (the theme tracker, the film at a glance) are HTML grids written here: cells
  are links and text, so they reflow from a desktop to a phone, stay legible in dark mode
  (the theme's own colours) and are read by a screen reader as lists of links. Print and
  the EPUB get the list that is their text equivalent instead.
* **Graphs** (the characters, the route) are Graphviz dot text, handed to Sphinx's own
  ``sphinx.ext.graphviz``: SVG with working links in HTML, an image in the EPUB, PDF in
  LaTeX, each file named by a hash of its input, so two builds are byte-identical.

The functions that draw (:func:`tracker_html`, :func:`glance_html`,
:func:`relationships_dot`, :func:`route_dot`) take the Guide and a function giving each
entity's URL (or None), and return text; the directives and :func:`resolve_pictures` put
them into pages once the URLs are known (after every page is read).

>>> import stalker_guide
>>> styles = theme_styles(list(stalker_guide.guide.themes))
>>> styles["faith"].code, styles["self-knowledge"].code
('Fa', 'Se')
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar, Final

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.errors import NoUri
from sphinx.ext.graphviz import graphviz, render_dot
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import OptionSpec

from ..guide import Guide
from ..model import Frozen, Scene
from .kinds import display_name
from .library import Reading
from .nodes import html_builders
from .render import link, paragraph

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator

__all__ = [
    "PALETTE",
    "ThemeStyle",
    "theme_styles",
    "contrast",
    "tracker_html",
    "glance_html",
    "relationships_dot",
    "route_dot",
    "route_places",
    "film_picture",
    "film_graph",
    "screen_only",
    "strip_picture",
    "strip_text",
    "figure",
    "resolve_pictures",
    "register",
]

#: ColorBrewer's "Paired" qualitative scheme (Cynthia Brewer, colorbrewer2.org): twelve
#: colours for twelve themes. Each theme also has a two-letter code, so colour is never
#: the only cue.
PALETTE: Final = (
    "#a6cee3",
    "#1f78b4",
    "#b2df8a",
    "#33a02c",
    "#fb9a99",
    "#e31a1c",
    "#fdbf6f",
    "#ff7f00",
    "#cab2d6",
    "#6a3d9a",
    "#ffff99",
    "#b15928",
)

#: The look of the two palettes of the film, as cell backgrounds with white text.
SEPIA: Final = "#6b4f2a"
COLOUR: Final = "#1d6b57"

Href = Callable[[str], "str | None"]


class ThemeStyle(Frozen):
    """How a theme is marked: its colour, the ink for text on it, and its code."""

    colour: str  # "#a6cee3"
    ink: str  # "#000000" or "#ffffff", whichever contrasts more with the colour
    code: str  # "Fa": two letters, unique among the themes


def _luminance(colour: str) -> float:
    """Relative luminance of an sRGB ``#rrggbb`` colour (WCAG 2 definition)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    """The WCAG 2 contrast ratio of two ``#rrggbb`` colours, from 1 to 21.

    >>> round(contrast("#000000", "#ffffff"), 1)
    21.0
    """
    a, b = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def _ink(colour: str) -> str:
    black, white = "#000000", "#ffffff"
    return black if contrast(colour, black) >= contrast(colour, white) else white


def _code(name: str, taken: set[str]) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w.lower() not in {"the", "and", "a"}]
    first = words[0] if words else name
    candidates = [first[:2], *(first[0] + ch for ch in first[2:]), *(w[:2] for w in words[1:])]
    for candidate in candidates:
        code = candidate[:1].upper() + candidate[1:].lower()
        if len(code) == 2 and code not in taken:
            return code
    return f"{len(taken) + 1:02d}"  # pragma: no cover - only with very many similar names


def theme_styles(
    themes: Sequence[str], names: Mapping[str, str] | None = None
) -> Mapping[str, ThemeStyle]:
    """Colour, ink and code for each theme id, in the order given (the data's order).

    ``names`` gives each theme's display name (the code is made from it); by default the
    id is used. Colours repeat after twelve themes; the codes stay unique.

    >>> s = theme_styles(["faith", "freedom"])
    >>> s["faith"].colour, s["faith"].ink, s["freedom"].code
    ('#a6cee3', '#000000', 'Fr')
    """
    out: dict[str, ThemeStyle] = {}
    taken: set[str] = set()
    for i, theme in enumerate(themes):
        colour = PALETTE[i % len(PALETTE)]
        code = _code((names or {}).get(theme, theme), taken)
        taken.add(code)
        out[theme] = ThemeStyle(colour=colour, ink=_ink(colour), code=code)
    return MappingProxyType(out)


def _styles(guide: Guide) -> Mapping[str, ThemeStyle]:
    return theme_styles(list(guide.themes), {i: t.name for i, t in guide.themes.items()})


# ------------------------------------------------------------------------------ strips


def _e(value: str) -> str:
    return html.escape(value, quote=True)


def _a(href: str | None, inner: str, classes: str, **attributes: str) -> str:
    """A link (with the classes the preview script looks for), or a span without a URL."""
    extra = "".join(f' {k.replace("_", "-")}="{_e(v)}"' for k, v in attributes.items())
    if href is None:
        return f'<span class="{classes}"{extra}>{inner}</span>'
    classes = f"reference internal film-link film-preview {classes}"
    return f'<a class="{classes}" href="{_e(href)}"{extra}>{inner}</a>'


def _parts_head(guide: Guide, scenes: Sequence[Scene], *, numbers: bool = True) -> str:
    """The row naming the parts above the scene columns (hidden from screen readers)."""
    cells: list[str] = []
    for part in guide.film.parts:
        span = sum(1 for s in scenes if s.part == part.number)
        if span:
            cells.append(
                f'<span class="film-grid-part" style="grid-column: span {span}">'
                f"{_e(_part_label(part.number))}</span>"
            )
    row = "".join(
        f'<span class="film-grid-number{_starts(scenes, i)}">{s.number}</span>'
        for i, s in enumerate(scenes)
    )
    if numbers:
        row = f'<span class="film-grid-label"></span><span class="film-grid-strip">{row}</span>'
    return (
        '<div class="film-grid-head" aria-hidden="true"><span class="film-grid-label"></span>'
        f'<span class="film-grid-strip">{"".join(cells)}</span>{row if numbers else ""}</div>'
    )


def _part_label(number: int) -> str:
    return {1: "Part One", 2: "Part Two"}.get(number, f"Part {number}")


def _starts(scenes: Sequence[Scene], i: int) -> str:
    """A class on the first cell of each part after the first (a divider is drawn)."""
    return " film-grid-part-start" if i and scenes[i].part != scenes[i - 1].part else ""


def _grid(kind: str, columns: int, label: str, body: str, extra: str = "") -> str:
    return (
        f'<div class="film-grid film-{kind}-grid{extra}" style="--film-columns: {columns}" '
        f'role="group" aria-label="{_e(label)}">{body}</div>'
    )


def tracker_html(guide: Guide, scenes: Sequence[Scene], themes: Sequence[str], href: Href) -> str:
    """The theme tracker: a row per theme, a cell per scene, filled where the scene is tagged.

    Each row starts with the theme's chip (colour and code) linked to its page and the
    number of its scenes; each filled cell links to the scene.

    >>> import stalker_guide
    >>> g = stalker_guide.guide
    >>> out = tracker_html(g, list(g.scenes.values()), ["faith"], lambda id: f"#{id}")
    >>> out.count("film-grid-on") == len(g.scenes_with("faith")), "#faith" in out
    (True, True)
    """
    styles = _styles(guide)
    rows: list[str] = []
    for theme_id in themes:
        theme = guide.themes[theme_id]
        style = styles[theme_id]
        colours = f"--film-chip: {style.colour}; --film-ink: {style.ink}"
        tagged = [s for s in scenes if theme_id in s.themes]
        chip = _a(
            href(theme_id),
            f'<span class="film-chip-code" aria-hidden="true">{style.code}</span> {_e(theme.name)}',
            "film-chip",
            style=colours,
        )
        count = f"{len(tagged)} scene" + ("" if len(tagged) == 1 else "s")
        cells: list[str] = []
        for i, scene in enumerate(scenes):
            start = _starts(scenes, i)
            if theme_id in scene.themes:
                hidden = f"{theme.name}: scene {scene.number}, {scene.title}"
                cells.append(
                    _a(
                        href(scene.id),
                        f'<span class="film-grid-code" aria-hidden="true">{style.code}</span>'
                        f'<span class="film-sr">{_e(hidden)}</span>',
                        f"film-grid-cell film-grid-on{start}",
                        style=colours,
                    )
                )
            else:
                cells.append(f'<span class="film-grid-cell{start}" aria-hidden="true"></span>')
        rows.append(
            '<li class="film-grid-row">'
            f'<span class="film-grid-label">{chip} <span class="film-grid-count">{count}'
            "</span></span>"
            f'<span class="film-grid-strip">{"".join(cells)}</span></li>'
        )
    body = _parts_head(guide, scenes) + f'<ul class="film-grid-rows">{"".join(rows)}</ul>'
    return _grid("tracker", len(scenes), "Themes scene by scene", body)


def glance_html(
    guide: Guide,
    scenes: Sequence[Scene],
    characters: Sequence[str],
    href: Href,
    *,
    titles: bool = True,
) -> str:
    """The film at a glance: the scenes in running order, in sepia or colour as each is,
    with their titles, and a row per character marking the scenes they are in.

    >>> import stalker_guide
    >>> g = stalker_guide.guide
    >>> out = glance_html(g, list(g.scenes.values()), ["stalker"], lambda id: f"#{id}")
    >>> out.count("film-glance-scene film-glance-sepia"), out.count("scene film-glance-colour")
    (10, 14)
    """
    heads: list[str] = []
    for i, scene in enumerate(scenes):
        palette = scene.palette.value
        start = _starts(scenes, i)
        described = {"sepia": "in sepia", "colour": "in colour"}.get(palette, palette)
        title = f'<span class="film-glance-title">{_e(scene.title)}</span>' if titles else ""
        inner = (
            f'<span class="film-glance-number">{scene.number}</span> {title}'
            f'<span class="film-sr">{"" if titles else " scene"}, {described}</span>'
        )
        heads.append(_a(href(scene.id), inner, f"film-glance-scene film-glance-{palette}{start}"))
    head = (
        '<div class="film-glance-titles"><span class="film-grid-label film-glance-key">'
        '<span class="film-glance-swatch film-glance-sepia"></span> sepia '
        '<span class="film-glance-swatch film-glance-colour"></span> colour</span>'
        f'<span class="film-grid-strip">{"".join(heads)}</span></div>'
    )
    rows: list[str] = []
    for character_id in characters:
        character = guide.characters[character_id]
        name = _a(href(character_id), _e(display_name(character)), "film-glance-name")
        cells: list[str] = []
        for i, scene in enumerate(scenes):
            start = _starts(scenes, i)
            if character_id in scene.characters:
                hidden = f"{display_name(character)} in scene {scene.number}"
                hidden += f", {scene.title}" if titles else ""
                cells.append(
                    _a(
                        href(scene.id),
                        f'<span class="film-sr">{_e(hidden)}</span>',
                        f"film-grid-cell film-grid-on film-glance-on{start}",
                        tabindex="-1",
                    )
                )
            else:
                cells.append(f'<span class="film-grid-cell{start}" aria-hidden="true"></span>')
        count = sum(1 for s in scenes if character_id in s.characters)
        rows.append(
            f'<li class="film-grid-row"><span class="film-grid-label">{name} '
            f'<span class="film-grid-count">{count}</span></span>'
            f'<span class="film-grid-strip">{"".join(cells)}</span></li>'
        )
    body = _parts_head(guide, scenes, numbers=False) + head
    body += f'<ul class="film-grid-rows">{"".join(rows)}</ul>'
    extra = "" if titles else " film-glance-untitled"
    return _grid("glance", len(scenes), "The film at a glance", body, extra)


# ------------------------------------------------------------------------------ graphs

_GRAPH: Final = (
    'graph [bgcolor="#ffffff", fontname="Helvetica", fontsize=11, pad=0.25, '
    "nodesep=0.35, ranksep=0.45];\n"
    '  node [fontname="Helvetica", fontsize=11, color="#333333", fontcolor="#111111", '
    'target="_top"];\n'
    '  edge [fontname="Helvetica", fontsize=9, color="#555555", fontcolor="#222222"];\n'
)


def _q(value: str) -> str:
    """A dot string literal."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _h(value: str) -> str:
    """Text inside a dot HTML-like label."""
    return html.escape(value, quote=True)


def _url(href: Href, id: str, title: str) -> str:
    url = href(id)
    return f", URL={_q(url)}, tooltip={_q(title)}" if url else ""


def relationships_dot(guide: Guide, href: Href) -> str:
    """The characters who have relationships, as nodes with their actors, and each recorded
    relationship as a labelled edge ("spouse of", "guide of"); one edge for a tie both
    ways that reads the same ("brother", "spouse").

    >>> import stalker_guide
    >>> dot = relationships_dot(stalker_guide.guide, lambda id: None)
    >>> dot.startswith("digraph relationships {"), '"stalker" -> "wife"' in dot
    (True, True)
    """
    ties: list[tuple[str, str, str]] = []
    for character in guide.characters.values():
        for tie in character.relationships:
            ties.append((character.id, tie.to, tie.kind))
    involved = list(dict.fromkeys(i for a, b, _ in ties for i in (a, b)))
    lines = ["digraph relationships {", "  " + _GRAPH.strip(), "  rankdir=LR;"]
    for id in involved:
        character = guide.characters[id]
        actors = ", ".join(p.name for p in guide.played_by(id))
        second = actors or ("only spoken of" if not character.on_screen else "")
        label = f"<<B>{_h(display_name(character))}</B>"
        label += f'<BR/><FONT POINT-SIZE="9">{_h(second)}</FONT>>' if second else ">"
        style = "rounded,filled" + (",dashed" if not character.on_screen else "")
        lines.append(
            f'  {_q(id)} [shape=box, style="{style}", fillcolor="#f2f2f2", label={label}'
            f"{_url(href, id, display_name(character))}];"
        )
    seen: set[tuple[str, str, str]] = set()
    for a, b, kind in ties:
        if (a, b, kind) in seen:
            continue
        both = (b, a, kind) in ties
        seen.update({(a, b, kind), (b, a, kind)} if both else {(a, b, kind)})
        label = kind if both else f"{kind} of"
        arrow = ', dir="both"' if both else ""
        lines.append(f"  {_q(a)} -> {_q(b)} [label={_q(label)}{arrow}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def route_places(guide: Guide) -> list[str]:
    """The route: the places of the Stalker's scenes in running order, each once, then the
    way back (a place reached again after the last place of the Zone).

    Scenes set only in "the Zone" as a whole do not count as a stage.

    >>> import stalker_guide
    >>> route = route_places(stalker_guide.guide)
    >>> route[0], route[-3:]
    ('stalkers-home', ['room', 'bar', 'stalkers-home'])
    """
    out: list[str] = []
    for scene in guide.scenes.values():
        if "stalker" not in scene.characters:
            continue
        for place in scene.places:
            if place == "zone" or (out and out[-1] == place):
                continue
            out.append(place)
    return out


def route_dot(guide: Guide, href: Href) -> str:
    """The route through the Zone, top to bottom: the places in the order of the journey,
    outside the Zone (sepia) and inside it (colour), each listing its scenes, with the way
    back and the places the data cannot put on the route drawn apart.

    >>> import stalker_guide
    >>> dot = route_dot(stalker_guide.guide, lambda id: None)
    >>> '"railway" -> "arrival-meadow"' in dot, '"the-well"' in dot
    (True, True)
    """
    route = route_places(guide)
    places = guide.places
    first_seen = list(dict.fromkeys(route))
    zone_places = [p for p in places.values() if p.kind == "zone" and p.id != "zone"]
    unplaced = [p.id for p in zone_places if p.id not in first_seen]

    def node(id: str, fill: str, dashed: bool = False) -> str:
        place = places[id]
        stage = f"stage {place.journey}: " if place.journey is not None else ""
        rows = [
            f'<TR><TD ALIGN="LEFT"{_href_attr(href, id, place.name)}>'
            f"<B>{_h(stage + place.name)}</B></TD></TR>"
        ]
        for scene in guide.scenes.values():
            if id in scene.places:
                rows.append(
                    f'<TR><TD ALIGN="LEFT"{_href_attr(href, scene.id, scene.title)}>'
                    f'<FONT POINT-SIZE="9">{scene.number}. {_h(scene.title)}</FONT></TD></TR>'
                )
        if dashed:
            rows.append(
                '<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9"><I>place on the route unknown'
                "</I></FONT></TD></TR>"
            )
        table = (
            '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">'
            + "".join(rows)
            + "</TABLE>>"
        )
        style = "rounded,filled" + (",dashed" if dashed else "")
        return f'    {_q(id)} [shape=box, style="{style}", fillcolor="{fill}", label={table}];'

    lines = ["digraph route {", "  " + _GRAPH.strip(), "  rankdir=TB;"]
    outside = [p for p in first_seen if places[p].kind != "zone"]
    inside = [p for p in first_seen if places[p].kind == "zone"]
    zone = places["zone"]
    general = [s for s in guide.scenes.values() if s.places == ("zone",)]
    zone_label = f"{zone.name[:1].upper()}{zone.name[1:]}, in colour"
    if general:
        zone_label += "\nalso set in the Zone, at no one place: scenes " + ", ".join(
            str(s.number) for s in general
        )
    lines += [
        "  subgraph cluster_outside {",
        '    label="Outside the Zone, in sepia"; style="rounded,filled"; '
        'fillcolor="#f3ece0"; color="#8a6d45"; fontcolor="#3b2a12";',
        *(node(p, "#ffffff") for p in outside),
        "  }",
        "  subgraph cluster_zone {",
        f'    label={_q(zone_label)}; style="rounded,filled"; fillcolor="#e3f1ea"; '
        f'color="#2f7d64"; fontcolor="#12372b"{_cluster_url(href, "zone")};',
        *(node(p, "#ffffff") for p in inside),
        *(node(p, "#ffffff", dashed=True) for p in unplaced),
        "  }",
    ]
    seen_edges: set[tuple[str, str]] = set()
    back = False
    for a, b in itertools.pairwise(route):
        if (a, b) in seen_edges:
            continue
        seen_edges.add((a, b))
        if places[a].kind == "zone" and places[b].kind != "zone":
            back = True
        if back:  # dashed, unlabelled (the caption says so): a label would widen the picture
            lines.append(f'  {_q(a)} -> {_q(b)} [style="dashed", constraint=false];')
        else:
            lines.append(f"  {_q(a)} -> {_q(b)};")
    # The places the data cannot put on the route go under the last stage, not beside the
    # first: the picture stays narrow enough for a phone.
    last = [p for p in inside if places[p].journey is not None][-1:]
    for place in unplaced:
        lines += [f'  {_q(last[0])} -> {_q(place)} [style="invis"];'] if last else []
    lines.append("}")
    return "\n".join(lines) + "\n"


def _href_attr(href: Href, id: str, title: str) -> str:
    url = href(id)
    return f' HREF="{_h(url)}" TARGET="_top" TITLE="{_h(title)}"' if url else ""


def _cluster_url(href: Href, id: str) -> str:
    url = href(id)
    return f"; URL={_q(url)}" if url else ""


# ------------------------------------------------------------------------ in the pages


class film_picture(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """A strip, drawn once every page is read (links need every entry's page).

    Attributes: ``picture`` ("tracker" or "glance"), ``scenes`` and ``rows`` (ids).
    """


class film_graph(graphviz):  # noqa: N801 - docutils node naming
    """A graph from the data: dot text whose ``URL="film-id:..."`` are filled per page."""


_PLACEHOLDER: Final = re.compile(r'(, URL|; URL| HREF)=("film-id:([^"]+)")')


def _placeholder_href(id: str) -> str:
    return f"film-id:{id}"


def _hrefs(app: Sphinx, docname: str) -> Href:
    domain = app.env.domains["film"]
    objects: Mapping[str, Any] = domain.data["objects"]

    def href(id: str) -> str | None:
        entry = objects.get(id)
        if entry is None:
            return None
        try:
            uri = app.builder.get_relative_uri(docname, entry.docname)
        except NoUri:
            return None
        return f"{uri}#{entry.node_id}"

    return href


def resolve_pictures(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: draw the strips and put each graph's links in, for this page."""
    from .library import guide_for

    guide = guide_for(app.env)
    href = _hrefs(app, docname)
    for picture in list(doctree.findall(film_picture)):
        scenes = [guide.scenes[i] for i in picture["scenes"]]
        if picture["picture"] == "tracker":
            markup = tracker_html(guide, scenes, picture["rows"], href)
        else:
            titles = picture.get("titles", True)
            markup = glance_html(guide, scenes, picture["rows"], href, titles=titles)
        picture.replace_self(nodes.raw("", markup, format="html"))
    # Links only on the web: the EPUB shows a graph as an image (its links would be dead)
    # and print includes it as a PDF picture.
    html = app.builder.format == "html" and app.builder.name != "epub"
    for graph in doctree.findall(film_graph):

        def fill(match: re.Match[str]) -> str:
            url = href(match.group(3)) if html else None
            if url is None:
                return ""
            value = _h(url) if match.group(1) == " HREF" else _q(url)[1:-1]
            return f'{match.group(1)}="{value}"'

        code = _PLACEHOLDER.sub(fill, graph["code"])
        if not html:  # no links: the targets and titles would be noise
            code = re.sub(r' (TARGET|TITLE)="[^"]*"', "", code)
        graph["code"] = code


def _visit_graph_html(self: HTML5Translator, node: film_graph) -> None:
    """An SVG: in an ``<object>`` on the web (its links work), an ``<img>`` in the EPUB."""
    fname, _ = render_dot(self, node["code"], node["options"], "svg", "film")
    alt = self.encode(node["alt"])
    if fname is None:  # pragma: no cover - dot missing: Sphinx has warned
        self.body.append(f'<p class="film-graph-missing">{alt}</p>')
        raise nodes.SkipNode
    src = fname.as_posix()
    if self.builder.name == "epub":
        self.body.append(f'<div class="film-graph"><img src="{src}" alt="{alt}" /></div>\n')
    else:
        self.body.append(
            # Focusable: on a phone a wide graph scrolls sideways, by keyboard too.
            f'<div class="film-graph" tabindex="0"><object data="{src}" type="image/svg+xml" '
            f'aria-label="{alt}"><p>{alt}</p></object></div>\n'
        )
    raise nodes.SkipNode


def _visit_graph_latex(self: LaTeXTranslator, node: film_graph) -> None:
    """A PDF picture that fits the page both ways, so its caption stays above the footer."""
    fname, _ = render_dot(self, node["code"], node["options"], "pdf", "graphviz")
    if fname is None:  # pragma: no cover - dot missing: Sphinx has warned
        raise nodes.SkipNode
    size = r"width=\linewidth,height=0.78\textheight,keepaspectratio"
    self.body.append(f"\n{{\\centering\\sphinxincludegraphics[{size}]{{{fname}}}\\par}}\n")
    raise nodes.SkipNode


def _skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


# ---------------------------------------------------------------------------- directives


def screen_only(picture: nodes.Node, text: list[nodes.Node]) -> list[nodes.Node]:
    """``picture`` on the web; ``text`` (its equivalent) everywhere, after it."""
    web = addnodes.only(expr="format_html and not builder_epub")
    web += picture
    return [web, *text]


def figure(picture: nodes.Node, caption: str) -> nodes.figure:
    """``picture`` in a figure whose caption describes it (its alt text, shown)."""
    out = nodes.figure(classes=["film-picture"])
    out += picture
    out += nodes.caption(caption, caption)
    return out


class GraphDirective(SphinxDirective):
    """A graph drawn from the data, with its alt text and caption."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = {"class": directives.class_option}
    picture: ClassVar[str]
    caption: ClassVar[str]
    alt: ClassVar[str]

    def dot(self, guide: Guide) -> str:
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        reading = Reading(self.env)
        reading.all("character")
        reading.all("place")
        reading.all("scene")
        node = film_graph()
        node["code"] = self.dot(reading.guide)
        node["options"] = {"docname": self.env.current_document.docname}
        node["alt"] = self.alt
        node["classes"] = [f"film-{self.picture}", *self.options.get("class", [])]
        self.set_source_info(node)
        block = figure(node, self.caption)
        block["classes"].append(f"film-{self.picture}")
        self.set_source_info(block)
        return [block]


class RelationshipGraph(GraphDirective):
    """``{film:relationship-graph}``: who is what to whom, as a graph."""

    picture = "relationship-graph"
    alt = (
        "A graph of the characters and their relationships: the Stalker at the centre, "
        "linked to his wife and daughter, to his two clients and to his mentor Porcupine."
    )
    caption = (
        "Who is who to whom. Each box is a character, with the actor who plays them; an "
        "arrow reads \u201cis \u2026 of\u201d (the Stalker is guide of the Writer), a "
        "double arrow a tie that reads the same both ways. Dashed: only spoken of. The "
        "same in words: the table below."
    )

    def dot(self, guide: Guide) -> str:
        return relationships_dot(guide, _placeholder_href)


class RouteGraph(GraphDirective):
    """``{film:route}``: the journey through the Zone, with the scenes at each place."""

    picture = "route"
    alt = (
        "A diagram of the route: from the Stalker's home and the bar through the cordon and "
        "along the railway into the Zone, through its stages in order to the Room, and back "
        "to the bar and home; each place lists the scenes set there."
    )
    caption = (
        "The route, top to bottom: the places of the Stalker's scenes in running order, "
        "each with its scenes; dashed arrows, the way back; a dashed box, a place the "
        "sources do not put on the route. The same in words: the list above and the "
        "entries below."
    )

    def dot(self, guide: Guide) -> str:
        return route_dot(guide, _placeholder_href)


def _scene_list(reading: Reading, numbers: Iterable[int]) -> str:
    shown = [str(n) for n in numbers]
    if not shown:
        return ": no scene"
    return (": scene " if len(shown) == 1 else ": scenes ") + ", ".join(shown)


def strip_text(
    reading: Reading,
    scenes: Sequence[Scene],
    rows: Sequence[str],
    has: Callable[[Scene, str], bool],
) -> nodes.bullet_list:
    """The strip in words: each row's name, linked, and the numbers of its scenes."""
    items = nodes.bullet_list(classes=["film-matrix-list"])
    for row in rows:
        numbers = [s.number for s in scenes if has(s, row)]
        items += nodes.list_item("", paragraph([link(reading, row), _scene_list(reading, numbers)]))
    return items


def strip_picture(
    kind: str, scenes: Sequence[Scene], rows: Sequence[str], caption: str, *, titles: bool = True
) -> nodes.figure:
    """A figure holding a strip placeholder, drawn at :func:`resolve_pictures`."""
    node = film_picture(picture=kind, scenes=[s.id for s in scenes], rows=list(rows), titles=titles)
    return figure(node, caption)


def register(app: Sphinx) -> None:
    """Register the nodes and the graph directives (called by the extension's setup)."""
    from sphinx.ext.graphviz import text_visit_graphviz

    app.setup_extension("sphinx.ext.graphviz")
    skip = (_skip, None)
    app.add_node(
        film_picture,
        **html_builders(skip),
        latex=skip,
        text=skip,
        man=skip,
        texinfo=skip,
    )
    app.add_node(
        film_graph,
        **html_builders((_visit_graph_html, None)),
        latex=(_visit_graph_latex, None),
        text=(text_visit_graphviz, None),
        man=skip,
        texinfo=skip,
    )
    for directive in (RelationshipGraph, RouteGraph):
        app.add_directive_to_domain("film", directive.picture, directive)
    app.connect("doctree-resolved", resolve_pictures)
