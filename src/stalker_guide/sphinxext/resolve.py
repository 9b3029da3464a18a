"""After every page is read: fill the placeholders, and say which pages to rewrite.

Reading collects (the domain), this module computes and renders:

* :func:`pages_to_rewrite` (``env-get-updated``) publishes the aggregate state once all
  pages are read and returns the pages whose output it changes, so an edit to one page
  rewrites the entries it mentions without re-reading them.
* :func:`fill_placeholders` (``doctree-resolved``), run for every page as it is written, turns
  :class:`~.nodes.entity_link` into links and :class:`~.nodes.mentioned_in` into the
  "Mentioned in" line, from that published state, and writes each reference layer's summary
  line.

"Mentioned in" lists only pages that discuss the entity: not the front page, nor the pages
matched by ``stalker_guide_mentions_skip`` (glob patterns of page names, such as the quiz
or the library's reference), grouped by the part of the guide they belong to (the first
folder of the page name, in the order of the front page's table of contents).
"""

from __future__ import annotations

from fnmatch import fnmatchcase
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


def discussed_in(
    env: BuildEnvironment, pages: tuple[tuple[str, str], ...] | list[tuple[str, str]]
) -> list[tuple[str, list[tuple[str, str]]]]:
    """``pages`` (name, title) without the front page and skipped ones, grouped by part.

    Each group is (the part's title, its pages); a page at the top of the guide is a group
    of its own, with no title of its own (an empty string).
    """
    skip = tuple(env.config.stalker_guide_mentions_skip)
    root = env.config.root_doc
    order = {
        (doc.split("/")[0] if "/" in doc else doc): i
        for i, doc in reversed(list(enumerate(env.toctree_includes.get(root, []))))
    }
    groups: dict[str, list[tuple[str, str]]] = {}
    for page, title in pages:
        if page == root or any(fnmatchcase(page, pattern) for pattern in skip):
            continue
        groups.setdefault(page.split("/")[0] if "/" in page else page, []).append((page, title))
    out: list[tuple[str, list[tuple[str, str]]]] = []
    for key in sorted(groups, key=lambda k: (order.get(k, len(order)), k)):
        members = groups[key]
        index = f"{key}/index"
        if key in env.titles and members == [(key, members[0][1])]:
            label = ""
        elif index in env.titles:
            label = env.titles[index].astext()
        else:
            label = ""
        out.append((label, members))
    return out


def _page_link(builder: object, docname: str, page: str, title: str) -> nodes.Node:
    shown = nodes.inline(title, title)
    try:
        return make_refnode(builder, docname, page, "", shown, title)  # type: ignore[arg-type]
    except NoUri:
        return shown


def fill_placeholders(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: turn the placeholders into links and "Mentioned in" lines."""
    from .nodes import entity_link, mentioned_in, reference_layer

    domain = _domain(app.env)
    builder = app.builder
    for link in list(doctree.findall(entity_link)):
        content: list[nodes.Node] = [child.deepcopy() for child in link.children]
        entry = domain.objects.get(link["entity"])
        replacement: list[nodes.Node] = content
        if link["classes"]:  # a citation mark: keep its class, linked or not
            replacement = [nodes.inline("", "", *content, classes=link["classes"])]
        if entry is not None:
            inner = nodes.inline("", "", *content)
            title = link.get("title") or entry.name  # a citation mark: the source cited
            try:
                ref = make_refnode(builder, docname, entry.docname, entry.node_id, inner, title)
            except NoUri:
                pass
            else:
                ref["classes"] += ["film-link", *link["classes"]]
                replacement = [ref]
        link.replace_self(replacement)
    backrefs = domain.published()["backrefs"]
    counts: dict[str, int] = {}
    for placeholder in list(doctree.findall(mentioned_in)):
        groups = discussed_in(app.env, backrefs.get(placeholder["entity"], ()))
        counts[placeholder["entity"]] = sum(len(pages) for _, pages in groups)
        if not groups:
            placeholder.parent.remove(placeholder)
            continue
        line = nodes.paragraph(classes=["film-mentioned-in"])
        line += nodes.strong("Mentioned in:", "Mentioned in:")
        line += nodes.Text(" ")
        for g, (label, pages) in enumerate(groups):
            if g:
                line += nodes.Text("; ")
            if label:
                line += nodes.emphasis(label, label)
                line += nodes.Text(": ")
            for i, (page, title) in enumerate(pages):
                if i:
                    line += nodes.Text(", ")
                line += _page_link(builder, docname, page, title)
        line += nodes.Text(".")
        placeholder.replace_self(line)
    for layer in doctree.findall(reference_layer):
        parts = list(layer.get("parts", ()))
        count = counts.get(layer.get("entity", ""), 0)
        if count:
            parts.append(f"Mentioned on {count} page{'s' if count != 1 else ''}")
        layer["summary"] = " \u00b7 ".join(parts) or "Details"
