"""The two placeholder nodes the extension leaves in a doctree while reading.

Both are replaced by :func:`~.resolve.fill_placeholders` after every page was read,
because what they show depends on the whole guide: an :class:`entity_link` becomes a
link only if some page renders that entity's entry, and a :class:`mentioned_in` lists
the pages that name the entity. Neither ever reaches a writer; the visitors registered
for them are a fallback for builders that write unresolved doctrees.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["entity_link", "mentioned_in", "register"]


class entity_link(nodes.Inline, nodes.TextElement):  # noqa: N801 - docutils node naming
    """A link to an entity's entry, made by the data itself (a table row, a citation).

    Attributes: ``entity`` (the id) and ``kind``. Unlike a role, it never warns: an
    entity without an entry in the guide is shown as plain text.
    """


class mentioned_in(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """Where "Mentioned in: ..." goes in an entry; attribute ``entity`` (the id)."""


def _visit_children(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    pass


def _skip(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    raise nodes.SkipNode


def register(app: Sphinx) -> None:
    """Register both nodes with pass-through visitors for every standard writer."""
    inline = (_visit_children, _visit_children)
    app.add_node(entity_link, html=inline, latex=inline, text=inline, man=inline, texinfo=inline)
    skip = (_skip, None)
    app.add_node(mentioned_in, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
