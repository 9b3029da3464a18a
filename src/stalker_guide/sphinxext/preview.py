"""Previews on hover and focus: a small card for every link to an entity.

Hovering or keyboard-focusing a link to a character, a place, a scene, a source, ... shows
the entity's name, its one-line identity and its first sentence. The domain knows every
entity, so instead of scraping pages (as sphinx-tippy does) the build writes **one** map,
``_static/film-previews.js`` (entity id -> card text, sorted, so builds are byte-identical),
and marks each link to an entry with the class ``film-preview``; the link's own anchor
(``#film-<kind>-<id>``) names the entity. A citation marker (``[1, 2]``) becomes links to
its sources, so hovering a number shows the source's name.

The script and stylesheet ship in this package (``static/``) and are copied into the build:
no network, no CDN. Previews are for the web only: not in the EPUB, not in print, and not
on the pages listed in ``stalker_guide_previews_off`` (the quiz, whose questions must not
give their answers away).

>>> card = card_text(__import__("stalker_guide").guide, "writer")
>>> card["n"], card["k"]
('the Writer', 'character')
"""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from docutils import nodes

from ..guide import Guide
from .identity import first_sentences, identity, lead
from .kinds import KINDS, display_name, excerpt
from .library import guide_for
from .pictures import _styles

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

__all__ = ["card_text", "previews_script", "theme_css", "mark_links", "register"]

#: The anchor of an entity's entry: ``film-<kind>-<id>`` (see entries.entry_nodes).
ANCHOR: Final = re.compile(r"#?film-(" + "|".join(KINDS) + r")-(.+)$")
SCRIPT: Final = "film-preview.js"
STYLES: Final = ("film-preview.css", "film-pictures.css")
MAP: Final = "film-previews.js"


def card_text(guide: Guide, id: str) -> dict[str, str]:
    """What the card of entity ``id`` shows: kind, name, identity and first sentence.

    >>> import stalker_guide
    >>> card = card_text(stalker_guide.guide, "faith")
    >>> card["n"], card["k"], card["l"] != card["i"]
    ('Faith', 'theme', True)
    """
    entity = guide.get(id)
    kind = guide.kind_of(id) or ""
    line = identity(guide, entity)
    text = lead(guide, entity)
    first = first_sentences(text, 1)
    if first.rstrip(". ") == line.rstrip(". "):  # the identity is the lead's first sentence
        first = first_sentences(text[len(first) :].strip(), 1)
    shown_name = display_name(entity)
    if first.rstrip(". ") == shown_name.strip("\u201c\u201d\u2026 ").rstrip(". "):
        first = ""
    card = {"k": KINDS[kind].label if kind in KINDS else kind, "n": shown_name, "i": line}
    if first:
        card["l"] = excerpt(first, 280)
    return card


def previews_script(guide: Guide, ids: list[str]) -> str:
    """The map of cards as a script (it loads from ``file:`` too, unlike a JSON fetch).

    ``</`` is escaped, so no text can close the script element.

    >>> import stalker_guide
    >>> previews_script(stalker_guide.guide, ["writer"])[:34]
    'window.filmPreviews = {"writer": {'
    """
    cards = {id: card_text(guide, id) for id in sorted(ids) if id in guide}
    text = json.dumps(cards, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))
    return "window.filmPreviews = " + text.replace("</", "<\\/") + ";\n"


def theme_css(guide: Guide) -> str:
    """Each theme's chip colours and its code, as CSS rules (the palette in one place).

    >>> import stalker_guide
    >>> theme_css(stalker_guide.guide).splitlines()[0]
    '.film-chip-faith { --film-chip: #a6cee3; --film-ink: #000000; }'
    """
    lines = []
    for id, style in _styles(guide).items():
        lines.append(f".film-chip-{id} {{ --film-chip: {style.colour}; --film-ink: {style.ink}; }}")
        lines.append(f'.film-chip.film-chip-{id}::before {{ content: "{style.code}" / ""; }}')
    return "\n".join(lines) + "\n"


def _previews_on(builder: Builder) -> bool:
    return builder.format == "html" and not builder.name.startswith("epub")


def _add_files(app: Sphinx) -> None:
    """``builder-inited``: the stylesheets for HTML and EPUB, the script for the web."""
    if app.builder.format != "html":
        return
    app.add_css_file("film-pictures.css")
    if _previews_on(app.builder):
        app.add_css_file("film-preview.css")
        app.add_js_file(SCRIPT, loading_method="defer")


_BLOCKS: Final = frozenset({"film-entry", "film-listing", "film-quote-item"})


def _block(node: nodes.Node) -> nodes.Element | None:
    """The entry, listing or section a citation marker belongs to (its numbering's scope)."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section) or _BLOCKS & set(parent["classes"]):
            return parent
        parent = parent.parent
    return None


def _cites(markers: list[nodes.inline]) -> dict[int, list[nodes.reference]]:
    """For each citation marker (by ``id()``), the links of the source list its numbers
    refer to: the first list of sources after it in its own block. One pass per block."""
    blocks: dict[int, nodes.Element] = {}
    owner: dict[int, int] = {}
    for marker in markers:
        block = _block(marker)
        if block is not None:
            blocks[id(block)] = block
            owner[id(marker)] = id(block)
    found: dict[int, list[nodes.reference]] = {}
    for key, block in blocks.items():
        pending: list[nodes.Element] = []
        for element in block.findall(nodes.Element):
            if owner.get(id(element)) == key:
                pending.append(element)
            elif pending and "film-sources" in element["classes"]:
                links = [
                    next(iter(item.findall(nodes.reference)), nodes.reference())
                    for item in element.children
                ]
                found.update(dict.fromkeys(map(id, pending), links))
                pending = []
    return found


def mark_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved`` (after the links are made): mark every link to an entry for a
    preview, make chips of the theme links in scene entries, and link citation numbers."""
    for entry in list(doctree.findall(nodes.Element)):
        if "film-entry-scene" in entry["classes"]:
            _theme_chips(entry)
    if not _previews_on(app.builder) or docname in app.config.stalker_guide_previews_off:
        return
    for ref in doctree.findall(nodes.reference):
        target = ref.get("refuri", "") or ref.get("refid", "")
        if "film-" in target and ANCHOR.search(target.rsplit("#", 1)[-1]):
            ref["classes"].append("film-preview")
    markers = [m for m in doctree.findall(nodes.inline) if "film-cite" in m["classes"]]
    cited = _cites(markers)
    for marker in markers:
        sources = cited.get(id(marker))
        if not sources:
            continue
        numbers = re.findall(r"\d+", marker.astext())
        parts: list[nodes.Node] = [nodes.Text("[")]
        for i, number in enumerate(numbers):
            if i:
                parts.append(nodes.Text(", "))
            index = int(number) - 1
            source = sources[index] if index < len(sources) else None
            if source is None or not (source.get("refuri") or source.get("refid")):
                parts.append(nodes.Text(number))
                continue
            attributes = {k: source[k] for k in ("refuri", "refid", "internal") if k in source}
            parts.append(
                nodes.reference(
                    number, number, classes=["film-cite-link", "film-preview"], **attributes
                )
            )
        parts.append(nodes.Text("]"))
        marker.children = []
        marker.extend(parts)


def _theme_chips(entry: nodes.Element) -> None:
    """Put a scene's themes, as chips linked to the theme pages, under its one-line identity
    (the reading layer), as LitCharts does; the facts keep their own list."""
    chips: dict[str, nodes.reference] = {}
    for ref in entry.findall(nodes.reference):
        target = ref.get("refuri", "") or ref.get("refid", "")
        match = ANCHOR.search(target.rsplit("#", 1)[-1]) if "film-" in target else None
        if match and match.group(1) == "theme" and _in_fields(ref, entry):
            chips.setdefault(match.group(2), ref)
    if not chips:
        return
    line = nodes.paragraph(classes=["film-theme-chips"])
    line += nodes.inline("Themes:", "Themes:", classes=["film-label"])
    for id, ref in chips.items():
        chip = ref.deepcopy()
        chip["classes"] += ["film-chip", f"film-chip-{id}"]
        line += nodes.Text(" ")
        line += chip
    identity = next(
        (p for p in entry.findall(nodes.paragraph) if "film-identity" in p["classes"]), None
    )
    if identity is not None and identity.parent is not None:
        identity.parent.insert(identity.parent.index(identity) + 1, line)


def _in_fields(ref: nodes.Node, entry: nodes.Element) -> bool:
    node: nodes.Node | None = ref.parent
    while node is not None and node is not entry:
        if isinstance(node, nodes.field_list):
            return True
        node = node.parent
    return False


def _write_files(app: Sphinx) -> list[Any]:
    """``html-collect-pages``: copy the script and styles, and write the map of cards."""
    builder = app.builder
    static = Path(builder.outdir, "_static")
    static.mkdir(parents=True, exist_ok=True)
    guide = guide_for(app.env)
    source = files("stalker_guide.sphinxext") / "static"
    css = source.joinpath("film-pictures.css").read_text(encoding="utf-8") + theme_css(guide)
    (static / "film-pictures.css").write_text(css, encoding="utf-8")
    if _previews_on(builder):
        for name in (SCRIPT, "film-preview.css"):
            text = source.joinpath(name).read_text(encoding="utf-8")
            (static / name).write_text(text, encoding="utf-8")
        objects: dict[str, Any] = app.env.domains["film"].data["objects"]
        (static / MAP).write_text(previews_script(guide, list(objects)), encoding="utf-8")
    return []


def register(app: Sphinx) -> None:
    """Register the configuration value and the event handlers (from the extension's setup)."""
    app.add_config_value("stalker_guide_previews_off", [], "html", types=frozenset({list, tuple}))
    app.connect("builder-inited", _add_files)
    app.connect("doctree-resolved", mark_links, priority=600)
    app.connect("html-collect-pages", _write_files)
