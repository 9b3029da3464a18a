"""The nodes the extension leaves in a doctree while reading.

Two are placeholders, replaced by :func:`~.resolve.fill_placeholders` after every page was read,
because what they show depends on the whole guide: an :class:`entity_link` becomes a
link only if some page renders that entity's entry, and a :class:`mentioned_in` lists
the pages that name the entity. Neither ever reaches a writer; the visitors registered
for them are a fallback for builders that write unresolved doctrees.

The third, :class:`reference_layer`, stays: it holds an entry's reference layer (field
values, sources, "Mentioned in") and each writer shows it its own way: folded behind a
one-line summary in HTML (``<details>``), open in EPUB, set small in LaTeX.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["entity_link", "mentioned_in", "reference_layer", "register"]


class entity_link(nodes.Inline, nodes.TextElement):  # noqa: N801 - docutils node naming
    """A link to an entity's entry, made by the data itself (a table row, a citation).

    Attributes: ``entity`` (the id), ``kind`` and, optionally, ``title`` (the link's
    tooltip, for a citation mark the source's name and the place cited; the entry's name
    otherwise). Unlike a role, it never warns: an entity without an entry in the guide is
    shown as plain text.
    """


class mentioned_in(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """Where "Mentioned in: ..." goes in an entry; attribute ``entity`` (the id)."""


class reference_layer(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """An entry's reference layer, after its reading text.

    Attributes: ``entity`` (the id), ``parts`` (what it holds, for the summary line:
    ``["Relationships (5)", "Sources (16)"]``) and, once resolved, ``summary`` (the line,
    with how many pages mention the entity).
    """


def summary_of(node: nodes.Element) -> str:
    """The one line that stands for a reference layer while it is folded."""
    summary = node.get("summary")
    if isinstance(summary, str) and summary:
        return summary
    return " \u00b7 ".join(node.get("parts", ())) or "Details"


def _visit_reference_html(self: Any, node: nodes.Element) -> None:
    if self.builder.name.startswith("epub"):
        _visit_reference_epub(self, node)
        return
    summary = self.encode(summary_of(node))
    self.body.append(
        f'<details class="film-reference"><summary>{summary}</summary>'
        '<div class="film-reference-body">\n'
    )


def _depart_reference_html(self: Any, node: nodes.Element) -> None:
    if self.builder.name.startswith("epub"):
        _depart_reference_epub(self, node)
        return
    self.body.append("</div></details>\n")


def _visit_reference_epub(self: Any, node: nodes.Element) -> None:
    # Open, as a plain block: e-readers differ in how (and whether) they fold details.
    # (Called by the HTML visitor, which the epub builder uses too.)
    summary = self.encode(summary_of(node))
    self.body.append(
        f'<div class="film-reference film-reference-open">'
        f'<p class="film-reference-summary">{summary}</p>\n'
    )


def _depart_reference_epub(self: Any, node: nodes.Element) -> None:
    self.body.append("</div>\n")


def _visit_reference_latex(self: Any, node: nodes.Element) -> None:
    self.body.append("\n\\begingroup\\small\n")


def _depart_reference_latex(self: Any, node: nodes.Element) -> None:
    self.body.append("\n\\par\\endgroup\n")


def _visit_children(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    pass


def _skip(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    raise nodes.SkipNode


def html_builders(handlers: tuple[Any, Any]) -> dict[str, Any]:
    """``handlers`` for every HTML builder, by name, as keyword arguments of ``add_node``.

    Once any extension registers handlers for a builder's name (the epub builder's), that
    builder no longer falls back to the "html" ones, so each is named.

    >>> sorted(html_builders((None, None)))
    ['dirhtml', 'epub', 'html', 'singlehtml']
    """
    return {name: handlers for name in ("html", "dirhtml", "singlehtml", "epub")}


def register(app: Sphinx) -> None:
    """Register the nodes with pass-through visitors for every standard writer."""
    inline = (_visit_children, _visit_children)
    app.add_node(entity_link, html=inline, latex=inline, text=inline, man=inline, texinfo=inline)
    skip = (_skip, None)
    app.add_node(mentioned_in, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
    app.add_node(
        reference_layer,
        **html_builders((_visit_reference_html, _depart_reference_html)),
        latex=(_visit_reference_latex, _depart_reference_latex),
        text=inline,
        man=inline,
        texinfo=inline,
    )
