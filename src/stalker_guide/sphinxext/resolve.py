"""After every page is read: fill the placeholders, and say which pages to rewrite.

Reading collects (the domain), this module computes and renders:

* :func:`pages_to_rewrite` (``env-get-updated``) publishes the aggregate state once all
  pages are read and returns the pages whose output it changes, so an edit to one page
  rewrites the entries it mentions without re-reading them.
* :func:`fill_placeholders` (``doctree-resolved``), run for every page as it is written, turns
  :class:`~.nodes.entity_link` into links and :class:`~.nodes.mentioned_in` into the
  "Mentioned in" line, from that published state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.errors import NoUri
from sphinx.util.nodes import make_refnode

from .domain import FilmDomain
from .jsonld import film_jsonld

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__all__ = ["fill_placeholders", "pages_to_rewrite"]


def _domain(env: BuildEnvironment) -> FilmDomain:
    domain = env.domains["film"]
    assert isinstance(domain, FilmDomain)
    return domain


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: the pages whose back-references, links or JSON-LD changed."""
    jsonld = film_jsonld(env) if app.config.stalker_guide_jsonld else ""
    return sorted(_domain(env).publish(jsonld))


def fill_placeholders(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: turn the placeholders into links and "Mentioned in" lines."""
    from .nodes import entity_link, mentioned_in

    domain = _domain(app.env)
    builder = app.builder
    for link in list(doctree.findall(entity_link)):
        content: list[nodes.Node] = [child.deepcopy() for child in link.children]
        entry = domain.objects.get(link["entity"])
        replacement: list[nodes.Node] = content
        if entry is not None:
            inner = nodes.inline("", "", *content)
            try:
                ref = make_refnode(
                    builder, docname, entry.docname, entry.node_id, inner, entry.name
                )
            except NoUri:
                pass
            else:
                ref["classes"].append("film-link")
                replacement = [ref]
        link.replace_self(replacement)
    backrefs = domain.published()["backrefs"]
    for placeholder in list(doctree.findall(mentioned_in)):
        pages = backrefs.get(placeholder["entity"], ())
        if not pages:
            placeholder.parent.remove(placeholder)
            continue
        line = nodes.paragraph(classes=["film-mentioned-in"])
        line += nodes.strong("Mentioned in:", "Mentioned in:")
        line += nodes.Text(" ")
        for i, (page, title) in enumerate(pages):
            if i:
                line += nodes.Text(", ")
            shown = nodes.inline(title, title)
            try:
                line += make_refnode(builder, docname, page, "", shown, title)
            except NoUri:
                line += shown
        line += nodes.Text(".")
        placeholder.replace_self(line)
