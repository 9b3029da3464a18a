"""The ``film`` domain: where each entity's entry is, what each page names, and the indices.

Everything the domain stores is gathered while pages are read and kept per page, so
``clear_doc`` forgets one page and ``merge_domaindata`` copies exactly the pages a parallel
reader handed back:

``objects``
    id -> :class:`ObjectEntry`: the page and anchor of the entity's entry.
``mentions``
    page -> ids its prose names (roles and ``[](id)`` links): the "Mentioned in" lists.
``links``
    page -> ids it links to in any way: the pages to rewrite when an entry moves.
``entries``
    page -> ids whose entries (indexed or not) it shows, with their "Mentioned in".

Once every page is read, :meth:`FilmDomain.publish` computes the aggregate state (where
each entry is, which pages mention it, with their titles) and returns the pages whose
rendering that changes, for ``env-get-updated``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Set
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain, Index, IndexEntry, ObjType
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from ..guide import KINDS as GUIDE_KINDS
from .kinds import KINDS
from .library import guide_for
from .nodes import entity_link, mentioned_in

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

__all__ = ["FilmDomain", "ObjectEntry", "EntityIndex"]

logger = logging.getLogger(__name__)


class ObjectEntry(NamedTuple):
    """Where an entity's entry is, and what its index line shows."""

    docname: str
    node_id: str
    kind: str
    name: str  # the display name: "the Writer"
    sortkey: str  # "writer"; scenes: "0001"
    group: str  # the index heading: "W"; scenes: "Part 1"
    extra: str  # the Russian name, if any


#: Where search results list each kind (Sphinx: 0 first, 1 before full-text matches, 2
#: after them). Claims and sources are named by their statements and titles, which would
#: crowd out the people, places and scenes a reader is looking for.
SEARCH_PRIORITY: dict[str, int] = {"person": 0, "character": 0, "claim": 2, "source": 2}

#: An entry's "Mentioned in" list: (page, page title) pairs.
Backrefs = tuple[tuple[str, str], ...]


def counts_mentions(document: nodes.document) -> bool:
    """False if the page's front matter says ``film-mentions: false``.

    A page about the guide itself (such as the extension's reference, whose examples name
    the Writer) should not appear in the entries' "Mentioned in" lists.
    """
    for docinfo in document.findall(nodes.docinfo):
        for field in docinfo.findall(nodes.field):
            name = field[0].astext().strip().lower()
            if name == "film-mentions":
                return field[1].astext().strip().lower() not in {"false", "no", "off", "0"}
    return True


class EntityIndex(Index):
    """The index of one kind of entity (``film-character``, ``film-scene``, ...)."""

    kind: ClassVar[str]
    domain: FilmDomain

    def generate(
        self, docnames: Iterable[str] | None = None
    ) -> tuple[list[tuple[str, list[IndexEntry]]], bool]:
        wanted = frozenset(docnames) if docnames is not None else None
        groups: dict[str, list[tuple[str, IndexEntry]]] = {}
        for entry in self.domain.objects.values():
            if entry.kind != self.kind or (wanted is not None and entry.docname not in wanted):
                continue
            name = entry.name
            if entry.kind == "scene":
                name = f"{int(entry.sortkey)}. {name}"  # scenes are listed by number
            line = IndexEntry(name, 0, entry.docname, entry.node_id, entry.extra, "", "")
            groups.setdefault(entry.group, []).append((entry.sortkey, line))
        content = [
            (group, [line for _, line in sorted(lines, key=lambda t: (t[0], t[1].name))])
            for group, lines in sorted(groups.items())
        ]
        return content, False


def _index_class(kind: str) -> type[EntityIndex]:
    info = KINDS[kind]
    return type(
        f"{kind.title()}Index",
        (EntityIndex,),
        {"name": kind, "localname": f"Index of {info.plural}", "shortname": None, "kind": kind},
    )


class FilmDomain(Domain):
    """Entities of the film: a role, a directive and an index per kind."""

    name = "film"
    label = "Film"
    object_types: ClassVar[dict[str, ObjType]] = {
        kind: ObjType(info.label, kind) for kind, info in KINDS.items()
    }
    indices: ClassVar[list[type[Index]]] = [_index_class(kind) for kind in KINDS]
    dangling_warnings: ClassVar[dict[str, str]] = {
        kind: f"no entry for {info.label} %(target)r in this guide "
        f"(render it once with the film:{kind} directive)"
        for kind, info in KINDS.items()
    }
    initial_data: ClassVar[dict[str, Any]] = {
        "objects": {},  # id -> ObjectEntry
        "mentions": {},  # docname -> {id: None} (ordered set)
        "links": {},  # docname -> {id: None}
        "entries": {},  # docname -> {id: None}
        # Computed after reading (not per page): see publish().
        "published": {"objects": {}, "backrefs": {}, "jsonld": ""},
    }
    # Bump when the shape of the data above changes: old pickled environments are dropped.
    data_version = 1

    # -- per-page data ---------------------------------------------------------------

    @property
    def objects(self) -> dict[str, ObjectEntry]:
        objects: dict[str, ObjectEntry] = self.data["objects"]
        return objects

    def _per_doc(self, key: str) -> dict[str, dict[str, None]]:
        table: dict[str, dict[str, None]] = self.data[key]
        return table

    def note_object(self, id: str, entry: ObjectEntry, location: Any = None) -> bool:
        """Register ``id``'s entry; warn and return False if it has one already."""
        other = self.objects.get(id)
        if other is not None:
            logger.warning(
                "duplicate entry for %s %r, other instance in %s; use :noindex: for one of them",
                other.kind,
                id,
                other.docname,
                location=location,
                type="film",
                subtype="duplicate",
            )
            return False
        self.objects[id] = entry
        return True

    def clear_doc(self, docname: str) -> None:
        for id in [i for i, e in self.objects.items() if e.docname == docname]:
            del self.objects[id]
        for key in ("mentions", "links", "entries"):
            self._per_doc(key).pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for id, entry in otherdata["objects"].items():
            if entry.docname in docnames:
                self.note_object(id, entry, location=(entry.docname, None))
        for key in ("mentions", "links", "entries"):
            mine, theirs = self._per_doc(key), otherdata[key]
            for docname in docnames:
                if docname in theirs:
                    mine[docname] = theirs[docname]

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        """Collect what the page names, links to and shows entries of (todo-style)."""
        guide = guide_for(env)
        counted = counts_mentions(document)
        mentions: dict[str, None] = {}
        links: dict[str, None] = {}
        entries: dict[str, None] = {}
        for node in document.findall(addnodes.pending_xref):
            target = node.get("reftarget", "")
            if node.get("refdomain") == "film" and node.get("reftype") in KINDS:
                mentions[target] = links[target] = None
            elif node.get("reftype") == "myst" and target in guide:
                # [](writer) in MyST: resolved by resolve_any_xref, a mention all the same.
                mentions[target] = links[target] = None
        for link in document.findall(entity_link):
            links[link["entity"]] = None
        for placeholder in document.findall(mentioned_in):
            entries[placeholder["entity"]] = None
        if not counted:
            mentions = {}
        for key, ids in (("mentions", mentions), ("links", links), ("entries", entries)):
            if ids:
                self._per_doc(key)[docname] = ids
            else:
                self._per_doc(key).pop(docname, None)

    def check_consistency(self) -> None:
        """With ``stalker_guide_every_entry``, warn about each entity that has no entry.

        A missing entry is otherwise noticed only where a page links to it; an
        entity nobody names yet would be missing from the guide without a word.
        """
        if not self.env.config.stalker_guide_every_entry:
            return
        guide = guide_for(self.env)
        for kind, attribute in GUIDE_KINDS.items():
            info = KINDS[kind]
            for id in getattr(guide, attribute):
                if id not in self.objects:
                    logger.warning(
                        "%s %r (%s) has no entry in this guide; render it once with the "
                        "film:%s directive",
                        info.label,
                        id,
                        info.file,
                        kind,
                        type="film",
                        subtype="missing",
                    )

    # -- aggregate state, computed once every page is read -------------------------

    def backrefs(self) -> dict[str, Backrefs]:
        """id -> the pages that mention it (besides the page of its entry), with titles."""
        titles = self.env.titles
        found: dict[str, list[tuple[str, str]]] = {}
        for docname in sorted(self._per_doc("mentions")):
            title = titles[docname].astext() if docname in titles else docname
            for id in self._per_doc("mentions")[docname]:
                entry = self.objects.get(id)
                if entry is not None and entry.docname != docname:
                    found.setdefault(id, []).append((docname, title))
        return {id: tuple(pages) for id, pages in found.items()}

    def published(self) -> dict[str, Any]:
        """The aggregate state the pages were last written with (see :meth:`publish`)."""
        state: dict[str, Any] = self.data["published"]
        return state

    def publish(self, jsonld: str = "") -> set[str]:
        """Compute the aggregate state; return the pages whose rendering it changes.

        A page must be rewritten (not re-read) when an entry it shows gets a different
        "Mentioned in" list, when an entity it links to gains, loses or moves its entry,
        or, for the root page, when the film's JSON-LD changes.
        """
        before = self.published()
        objects = {id: (e.docname, e.node_id) for id, e in self.objects.items()}
        backrefs = self.backrefs()
        moved = {
            id
            for id in objects.keys() | before["objects"].keys()
            if objects.get(id) != before["objects"].get(id)
        }
        changed = {
            id
            for id in backrefs.keys() | before["backrefs"].keys()
            if backrefs.get(id) != before["backrefs"].get(id)
        }
        digest = hashlib.sha256(jsonld.encode()).hexdigest() if jsonld else ""
        pages = {doc for doc, ids in self._per_doc("links").items() if not moved.isdisjoint(ids)}
        pages |= {
            doc for doc, ids in self._per_doc("entries").items() if not changed.isdisjoint(ids)
        }
        if digest != before["jsonld"]:
            pages.add(self.env.config.root_doc)
        self.data["published"] = {"objects": objects, "backrefs": backrefs, "jsonld": digest}
        return pages & self.env.found_docs

    # -- references, search and objects.inv -------------------------------------------

    def _refnode(
        self, builder: Builder, fromdocname: str, entry: ObjectEntry, contnode: nodes.Element
    ) -> nodes.reference:
        return make_refnode(
            builder, fromdocname, entry.docname, entry.node_id, contnode, entry.name
        )

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: addnodes.pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        entry = self.objects.get(target)
        if entry is None or entry.kind != typ:
            return None
        return self._refnode(builder, fromdocname, entry, contnode)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: addnodes.pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        entry = self.objects.get(target)
        if entry is None:
            return []
        if not node.get("refexplicit") or not contnode.astext():
            # [](writer) in MyST: show the entity's name, as the role does.
            contnode = nodes.inline(entry.name, entry.name, classes=["xref", "film"])
        return [(f"film:{entry.kind}", self._refnode(builder, fromdocname, entry, contnode))]

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for id, entry in sorted(self.objects.items()):
            priority = SEARCH_PRIORITY.get(entry.kind, 1)
            yield id, entry.name, entry.kind, entry.docname, entry.node_id, priority

    def get_full_qualified_name(self, node: nodes.Element) -> str | None:
        target = node.get("reftarget")
        return str(target) if target else None
