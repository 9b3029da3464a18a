"""Make sphinx-design components valid and readable in the EPUB edition only.

sphinx-design renders tabs as ``<input>`` radio buttons and dropdowns with
inline SVG icons; EPUBCheck rejects both, and strict readers cut a chapter at
the first tab. For the ``epub`` builder alone, this post-transform runs before
sphinx-design's own HTML transforms and turns each tab set into stacked,
labelled sections and each dropdown into an open, titled block. The HTML
edition is untouched: the transform is registered for the epub builder only.

Enable it with ``extensions = [..., "stalker_guide.sphinxext.epub"]``.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.typing import ExtensionMetadata

__all__ = ["FlattenDesignForEpub", "setup"]


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


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_post_transform(FlattenDesignForEpub)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
