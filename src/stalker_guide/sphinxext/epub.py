"""Make sphinx-design components valid and readable in the EPUB edition only.

sphinx-design renders tabs as ``<input>`` radio buttons and dropdowns with
inline SVG icons; EPUBCheck rejects both, and strict readers cut a chapter at
the first tab. For the ``epub`` builder alone, this post-transform runs before
sphinx-design's own HTML transforms and turns each tab set into stacked,
labelled sections and each dropdown into an open, titled block. The HTML
edition is untouched: the transform is registered for the epub builder only.

The same module replaces the ``epub`` builder with :class:`ReaderEpubBuilder`: its navigation
lists every page of the guide by the toctrees (and the scenes of the pages named in
``stalker_guide_toc_deeper``), field labels carry one colon, the cover is drawn at build time
from the film's data (:func:`draw_cover`), and the package lists the subjects of
``stalker_guide_epub_subjects``.

Enable it with ``extensions = [..., "stalker_guide.sphinxext.epub"]``.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders._epub_base import ssp
from sphinx.builders.epub3 import Epub3Builder
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.typing import ExtensionMetadata

__all__ = ["FlattenDesignForEpub", "ReaderEpubBuilder", "draw_cover", "setup"]

#: Field labels: the EPUB theme adds a colon after each, and the HTML writer already has one.
EPUB_CSS = """dl.field-list > dt:after { content: none; }
.answer-key-item { margin-bottom: 0.6em; }
"""
COVER = "_static/cover.png"
_FONTS = Path("/usr/share/fonts/opentype/freefont")


def _component(node: nodes.Node, name: str) -> bool:
    return isinstance(node, nodes.Element) and node.get("design_component") == name


def _components(document: nodes.document, name: str) -> list[nodes.Element]:
    return [n for n in document.findall(nodes.Element) if n.get("design_component") == name]


def _titled_block(title: list[nodes.Node], body: list[nodes.Node], kind: str) -> nodes.container:
    block = nodes.container(classes=[f"epub-{kind}"])
    if title:
        block += nodes.rubric("", "", *title, classes=[f"epub-{kind}-title"])
    block.extend(body)
    return block


class FlattenDesignForEpub(SphinxPostTransform):
    """Turn tab sets and dropdowns into plain blocks (epub builder only)."""

    # Before sphinx-design's DropdownHtmlTransform (199) and TabSetHtmlTransform (200).
    default_priority = 150
    builders = ("epub",)

    def run(self, **kwargs: Any) -> None:
        for tab_set in _components(self.document, "tab-set"):
            blocks: list[nodes.Node] = []
            for item in tab_set.children:
                if _component(item, "tab-item") and len(item.children) == 2:
                    label, content = item.children
                    blocks.append(
                        _titled_block(list(label.children), list(content.children), "tab")
                    )
                else:
                    blocks.append(item)
            tab_set.replace_self(nodes.container("", *blocks, classes=["epub-tab-set"]))
        for dropdown in _components(self.document, "dropdown"):
            children = list(dropdown.children)
            if dropdown.get("has_title") and children:
                title, body = list(children[0].children), children[1:]
            else:
                title, body = [], children
            dropdown.replace_self(_titled_block(title, body, "dropdown"))
        # Inline SVG icons (octicons and the like) are not valid in EPUB XHTML.
        for raw in list(self.document.findall(nodes.raw)):
            if "html" in raw.get("format", "").split() and "<svg" in raw.astext():
                raw.parent.remove(raw)


def draw_cover(path: Path, title: str, original: str, year: int, director: str) -> None:
    """Draw the EPUB's cover: the title, original title, year and director, and a door.

    Text and shapes only, in FreeSerif and FreeSans (Debian's fonts-freefont-otf), so the
    same data give the same bytes. Nothing from the film itself (no still) is used.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> for name in ("a.png", "b.png"):
    ...     draw_cover(folder / name, "Stalker", "Сталкер", 1979, "Andrei Tarkovsky")
    >>> a, b = ((folder / name).read_bytes() for name in ("a.png", "b.png"))
    >>> a[:4], a == b
    (b'\x89PNG', True)
    """
    from PIL import Image, ImageDraw, ImageFont

    width, height = 1200, 1800
    ink, paper, sepia, green = (236, 228, 206), (33, 30, 26), (150, 118, 74), (92, 124, 88)
    image = Image.new("RGB", (width, height), paper)
    draw = ImageDraw.Draw(image)

    def font(name: str, size: int) -> Any:
        return ImageFont.truetype(str(_FONTS / name), size)

    def centred(y: int, text: str, face: Any, fill: tuple[int, int, int]) -> None:
        box = draw.textbbox((0, 0), text, font=face)
        draw.text(((width - (box[2] - box[0])) // 2 - box[0], y), text, font=face, fill=fill)

    # A doorway standing open on a lit room: the film's destination, as plain shapes.
    draw.rectangle((0, 0, width, 40), fill=sepia)
    draw.rectangle((0, height - 40, width, height), fill=green)
    door = (430, 820, 770, 1400)
    draw.rectangle(door, outline=ink, width=10)
    draw.polygon([(440, 830), (600, 880), (600, 1440), (440, 1390)], fill=sepia)
    draw.rectangle((610, 830, 760, 1390), fill=(58, 78, 56))
    for x in range(200, 1000, 40):  # the floor's water, a few level strokes
        draw.line((x, 1470, x + 22, 1470), fill=green, width=4)
        draw.line((x + 20, 1500, x + 42, 1500), fill=green, width=4)
    centred(180, title.upper(), font("FreeSerifBold.otf", 190), ink)
    centred(420, original, font("FreeSerif.otf", 110), sepia)
    centred(580, f"{year} \u00b7 a film by {director}", font("FreeSans.otf", 54), ink)
    centred(1580, "A study guide", font("FreeSerifItalic.otf", 84), ink)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format="PNG", optimize=True)


class ReaderEpubBuilder(Epub3Builder):
    """The EPUB builder, with complete navigation, one colon per label and a drawn cover."""

    def init(self) -> None:
        super().init()
        self.add_css_file("epub-fixes.css")

    def get_toc(self) -> None:
        """Navigation and reading order: every page by the toctrees, from the root down."""
        env = self.env
        deeper = set(self.config.stalker_guide_toc_deeper)
        refnodes: list[dict[str, Any]] = []

        def entry(level: int, uri: str, text: str) -> None:
            refnodes.append(
                {"level": level, "refuri": html.escape(uri), "text": ssp(html.escape(text))}
            )

        def walk(doc: str, level: int) -> None:
            for child in env.toctree_includes.get(doc, []):
                uri = self.get_target_uri(child)
                entry(level, uri, env.titles[child].astext())
                if child in deeper:
                    toc = env.tocs[child]
                    for ref in list(toc.findall(nodes.reference))[1:]:
                        if ref.parent.parent.parent.parent is toc[0]:  # the page's own sections
                            entry(level + 1, uri + ref["anchorname"], ref.astext())
                walk(child, level + 1)

        walk(self.config.root_doc, 1)
        self.refnodes = refnodes
        self.toc_add_files(self.refnodes)

    def copy_static_files(self) -> None:
        super().copy_static_files()
        static = Path(self.outdir, "_static")
        static.mkdir(parents=True, exist_ok=True)
        (static / "epub-fixes.css").write_text(EPUB_CSS, encoding="utf-8")
        from .library import guide_for

        guide = guide_for(self.env)
        film = guide.film
        director = next(guide.people[c.person].name for c in guide.credits if c.job == "director")
        draw_cover(Path(self.outdir, COVER), film.title, film.original_title, film.year, director)

    def build_content(self) -> None:
        # A cover page left by an earlier build would enter the spine twice (EPUBCheck RSC-005).
        Path(self.outdir, self.coverpage_name).unlink(missing_ok=True)
        super().build_content()
        opf = Path(self.outdir, "content.opf")
        text = opf.read_text(encoding="utf-8")
        subjects = "".join(
            f"\n    <dc:subject>{html.escape(s)}</dc:subject>"
            for s in self.config.stalker_guide_epub_subjects
        )
        text = text.replace("</dc:description>", "</dc:description>" + subjects, 1)
        # EPUB 3 readers find the cover by this property.
        text = re.sub(
            rf'(<item id="[^"]*" href="{re.escape(COVER)}" media-type="image/png")',
            r'\1 properties="cover-image"',
            text,
        )
        opf.write_text(text, encoding="utf-8")


def setup(app: Sphinx) -> ExtensionMetadata:
    if "stalker_guide_toc_deeper" not in app.config:  # shared with .printing
        app.add_config_value("stalker_guide_toc_deeper", [], "env", types=frozenset({list}))
    app.add_config_value("stalker_guide_epub_subjects", [], "epub", types=frozenset({list}))
    app.add_builder(ReaderEpubBuilder, override=True)
    app.add_post_transform(FlattenDesignForEpub)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
