"""Whole pages: the spoiler rule, and "Cite this page".

**Spoilers.** A page says in its front matter what it may reveal::

    ---
    film-spoilers: ending
    ---

``safe``
    safe before a first viewing: the build warns if it reveals an ending detail.
``ending``
    the page discusses how the film ends: the spoiler warning is inserted as the first
    block under its title.
``after-first-section``
    as ``ending``, but the page's first section is safe (and checked to be).

With ``stalker_guide_spoilers = True`` in ``conf.py``, a page without the field that
reveals an ending detail makes the build warn (``film.spoilers``), and so does a safe page
or section that reveals one. The ending details are kept here, once: :data:`ENDING`.

**Cite this page.** Every page of the reader's guide (not the library's pages) ends, in
HTML, with a folded citation in MLA, APA and Chicago style, dated by the last commit that
touched the page's source or a data file it renders (one ``git log`` per build).
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import weakref
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging

from .library import guide_for
from .nodes import entity_link

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..guide import Guide

__all__ = [
    "ENDING",
    "Ending",
    "SPOILER_FIELD",
    "spoiler_rule",
    "reveals",
    "quiet_previews",
    "last_commits",
    "citations",
    "setup",
]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class Ending:
    """What tells how the film ends: the scenes from the threshold of the Room on (and the
    quotations spoken in them), and words that give the end away."""

    scenes: tuple[str, ...]
    words: tuple[str, ...]

    def ids(self, guide: Guide) -> frozenset[str]:
        """The ids whose entries tell the end: the scenes and their quotations.

        >>> import stalker_guide
        >>> "wifes-monologue" in ENDING.ids(stalker_guide.guide)
        True
        """
        scenes = [s for s in self.scenes if s in guide]  # another data folder may lack some
        quotes = (q.id for q in guide.quotes.values() if q.scene in scenes)
        return frozenset((*scenes, *quotes))

    @property
    def pattern(self) -> re.Pattern[str]:
        """The words, as one case-insensitive pattern of whole words.

        >>> bool(ENDING.pattern.search("The last shot is in colour."))
        True
        """
        alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in self.words)
        return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


#: The ending details, kept in one place: the build and the tests both read them.
ENDING: Final = Ending(
    scenes=(
        "the-threshold",
        "nobody-enters",
        "back-at-the-bar",
        "home-again",
        "wifes-monologue",
        "final-scene",
    ),
    words=(
        "last shot",
        "final shot",
        "last scene",
        "final scene",
        "last image",
        "final image",
        "film ends",
        "telekinesis",
        "telekinetic",
        "Ode to Joy",
        "nobody enters",
        "no one enters",
        "never enter",
        "never enters",
        "refuses to go in",
        "dismantles",
        "wife's monologue",
    ),
)

#: The front-matter field, and its values.
SPOILER_FIELD: Final = "film-spoilers"
SAFE, ENDS, AFTER_FIRST = "safe", "ending", "after-first-section"

_WARNING_TITLE: Final = "Spoilers"
_WARNING: Final = "This page discusses the whole film, including how it ends."
_WARNING_AFTER: Final = (
    "This page tells the whole story, including how it ends, after its first section. "
    "Before a first viewing, read only “{section}”."
)
_SAFE_LIST: Final = "The pages safe to read before a first viewing are listed on "


def reveals(node: nodes.Node, guide: Guide) -> list[str]:
    """The ending details ``node`` gives away: ids of entries it links to, words it uses."""
    ids = ENDING.ids(guide)
    found: dict[str, None] = {}
    for ref in node.findall(addnodes.pending_xref):
        target = ref.get("reftarget", "")
        if target in ids and ref.get("refdomain") in {"film", None, ""}:
            found[target] = None
    for link in node.findall(entity_link):
        if link["entity"] in ids:
            found[link["entity"]] = None
    # Entries shown on the page itself tell their content too.
    anchors = {f"film-{guide.kind_of(id)}-{id}": id for id in ids}
    for element in node.findall(nodes.Element):
        anchor: str
        for anchor in element.get("ids", ()):
            if anchor in anchors:
                found[anchors[anchor]] = None
    for match in ENDING.pattern.finditer(_text(node)):
        found[" ".join(match.group(0).lower().split())] = None
    return list(found)


def _text(node: nodes.Node) -> str:
    # Skip what a reader never sees (comments, raw, index markers).
    parts: list[str] = []
    for text in node.findall(nodes.Text):
        if not any(
            isinstance(p, (nodes.comment, nodes.raw, addnodes.index, nodes.system_message))
            for p in _parents(text)
        ):
            parts.append(text.astext())
    return " ".join(parts)


def _parents(node: nodes.Node) -> Iterator[nodes.Node]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def spoiler_rule(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: insert the warning where the front matter asks; warn where a page
    reveals the end unannounced, or a safe page or section reveals it."""
    env = app.env
    docname = env.current_document.docname
    rule = _rule(app, docname)
    title_section = next(iter(doctree.findall(nodes.section)), None)
    guide = guide_for(env)

    def warn(message: str) -> None:
        logger.warning(message, location=docname, type="film", subtype="spoilers")

    if rule not in {"", SAFE, ENDS, AFTER_FIRST}:
        warn(f"{SPOILER_FIELD}: {rule!r} is not one of {SAFE}, {ENDS}, {AFTER_FIRST}")
        return
    if rule in {SAFE, ""}:
        if not app.config.stalker_guide_spoilers:
            return
        found = reveals(doctree, guide)
        if found and rule == SAFE:
            warn(f"a page marked safe before a first viewing gives away the ending: {found}")
        elif found:
            warn(
                f"the page gives away the ending ({', '.join(found)}) without a warning; "
                f"add '{SPOILER_FIELD}: {ENDS}' to its front matter"
            )
        return
    if title_section is None:
        warn("a page with spoilers needs a title to put the warning under")
        return
    message = _WARNING
    if rule == AFTER_FIRST:
        first = next((n for n in title_section.children if isinstance(n, nodes.section)), None)
        if first is None:
            warn(f"'{SPOILER_FIELD}: {AFTER_FIRST}' on a page without sections")
            return
        found = reveals(first, guide) if app.config.stalker_guide_spoilers else []
        if found:
            warn(f"the first section, safe before a first viewing, gives away the ending: {found}")
        message = _WARNING_AFTER.format(section=first[0].astext())
    # Only a guide that follows the rule has a list of safe pages to point to (not the handout).
    root = app.config.root_doc if app.config.stalker_guide_spoilers else None
    title_section.insert(1, _warning(message, root))


def quiet_previews(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: no hover preview on a safe page's links to the ending's entries.

    A safe page may link to a late scene by its number (the presence chart does); the
    link gives nothing away, but a preview card showing the scene's summary would.
    """
    rule = _rule(app, docname)
    scope: nodes.Element | None = doctree
    if rule == AFTER_FIRST:
        title_section = next(iter(doctree.findall(nodes.section)), None)
        scope = next(
            (n for n in (title_section or doctree).children if isinstance(n, nodes.section)),
            None,
        )
    elif rule != SAFE:
        return
    if scope is None:
        return
    guide = guide_for(app.env)
    anchors = {f"film-{guide.kind_of(id)}-{id}" for id in ENDING.ids(guide)}
    for ref in scope.findall(nodes.reference):
        target = str(ref.get("refuri", "") or ref.get("refid", ""))
        if target.rsplit("#", 1)[-1] in anchors and "film-preview" in ref["classes"]:
            ref["classes"].remove("film-preview")

    def quiet(link: re.Match[str]) -> str:
        if link.group(3) not in anchors:
            return link.group(0)
        classes = " ".join(c for c in link.group(1).split() if c != "film-preview")
        return f'<a class="{classes}" href="{link.group(2)}"'

    for raw in list(scope.findall(nodes.raw)):  # pictures drawn as HTML
        if "html" in str(raw.get("format", "")).split() and raw.children:
            raw[0] = nodes.Text(_RAW_LINK.sub(quiet, raw.astext()))


_RAW_LINK: Final = re.compile(r'<a class="([^"]*)" href="([^"]*#(film-[^"]+))"')


def _rule(app: Sphinx, docname: str) -> str:
    return str(app.env.metadata.get(docname, {}).get(SPOILER_FIELD, "")).strip().lower()


def _warning(message: str, root: str | None) -> nodes.admonition:
    box = nodes.admonition(classes=["warning", "film-spoilers"])
    box += nodes.title(_WARNING_TITLE, _WARNING_TITLE)
    if root is None:
        box += nodes.paragraph("", message)
        return box
    front = addnodes.pending_xref(
        "", refdomain="std", reftype="doc", reftarget=f"/{root}", refexplicit=True
    )
    front += nodes.inline("the front page", "the front page")
    box += nodes.paragraph("", "", nodes.Text(f"{message} {_SAFE_LIST}"), front, nodes.Text("."))
    return box


# -- Cite this page -------------------------------------------------------------------

#: Each build's map of file (absolute path) -> time of the last commit that touched it.
_commits: weakref.WeakKeyDictionary[Sphinx, Mapping[str, int]] = weakref.WeakKeyDictionary()


def last_commits(folder: str | os.PathLike[str]) -> dict[str, int]:
    """Absolute path -> Unix time of the last commit touching it, for every file under
    ``folder`` that git tracks: one ``git log`` call. Empty outside a git checkout.

    >>> last_commits("/no/such/folder")
    {}
    """
    root = Path(folder).resolve()
    try:
        proc = subprocess.run(
            ["git", "log", "--format=%x1e%ct", "--name-only", "--no-renames", "--relative"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return {}
    if proc.returncode != 0:
        return {}
    times: dict[str, int] = {}
    for block in proc.stdout.split("\x1e")[1:]:
        lines = block.strip().splitlines()
        if not lines:
            continue
        when = int(lines[0])
        for name in lines[1:]:
            if name:
                times.setdefault(str(root / name), when)  # newest first: keep the first
    return times


def _fallback_time() -> int | None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(epoch) if epoch.isdigit() else None


def _builder_inited(app: Sphinx) -> None:
    if app.builder.format == "html" and not app.builder.name.startswith("epub"):
        _commits[app] = last_commits(app.confdir)


def page_time(app: Sphinx, docname: str) -> int | None:
    """The time of the last commit touching ``docname``'s source or a file it depends on."""
    env = app.env
    times = _commits.get(app, {})
    files = [env.doc2path(docname), *(Path(env.srcdir, d) for d in env.dependencies[docname])]
    paths = (os.path.realpath(f) for f in files)
    found = [times[p] for p in paths if p in times]
    if found:
        return max(found)
    return _fallback_time()


def _date(when: int | None) -> tuple[str, str, str]:
    """(MLA, APA, Chicago) forms of the date; "n.d." without one."""
    if when is None:
        return "n.d.", "n.d.", "n.d."
    day = datetime.fromtimestamp(when, tz=UTC)
    month = day.strftime("%B")
    short = month if len(month) <= 4 else day.strftime("%b") + "."
    if month == "September":
        short = "Sept."
    return (
        f"{day.day} {short} {day.year}",
        f"{day.year}, {month} {day.day}",
        f"{month} {day.day}, {day.year}",
    )


def citations(title: str, site: str, author: str, url: str, when: int | None) -> dict[str, str]:
    """The page's citation in MLA, APA and Chicago style, as HTML.

    >>> cites = citations("Key facts", "Stalker: a guide", "The authors", "https://x/f.html", 0)
    >>> cites["APA"]
    'The authors. (1970, January 1). <em>Key facts</em>. Stalker: a guide. https://x/f.html'
    """
    mla, apa, chicago = _date(when)
    t, s, a, u = (html.escape(v) for v in (title, site, author, url))
    modified = "n.d" if when is None else f"Last modified {chicago}"
    return {
        "MLA": f"“{t}.” <em>{s}</em>, {a}, {mla}" + (f", {u}." if u else "."),
        "APA": f"{a}. ({apa}). <em>{t}</em>. {s}." + (f" {u}" if u else ""),
        "Chicago": f"{a}. “{t}.” <em>{s}</em>. {modified}." + (f" {u}." if u else ""),
    }


def _page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: end each reader's page with "Cite this page" (HTML only)."""
    env = app.env
    if (
        doctree is None
        or app.builder.name.startswith("epub")
        or pagename not in env.found_docs
        or any(pagename.startswith(p) for p in app.config.stalker_guide_cite_skip)
    ):
        return
    title = env.titles[pagename].astext() if pagename in env.titles else pagename
    base = app.config.stalker_guide_baseurl or app.config.html_baseurl
    url = base.rstrip("/") + "/" + app.builder.get_target_uri(pagename) if base else ""
    site = app.config.html_title or app.config.project
    cites = citations(title, site, app.config.author, url, page_time(app, pagename))
    context["body"] = context.get("body", "") + _cite_block(cites)


def _cite_block(cites: Mapping[str, str]) -> str:
    rows = "".join(f"<dt>{html.escape(k)}</dt><dd>{v}</dd>" for k, v in cites.items())
    return (
        '<details class="film-cite-page"><summary>Cite this page</summary>'
        f"<dl>{rows}</dl></details>\n"
    )


def setup(app: Sphinx) -> None:
    """Connect the spoiler rule and "Cite this page" (called by the extension's setup)."""
    # Check every page against ENDING (this film's ending): a guide to the film sets it.
    app.add_config_value("stalker_guide_spoilers", False, "env", types=frozenset({bool}))
    app.add_config_value("stalker_guide_baseurl", "", "html", types=frozenset({str}))
    app.add_config_value(
        "stalker_guide_cite_skip", ("library/",), "html", types=frozenset({tuple, list})
    )
    app.connect("doctree-read", spoiler_rule, priority=600)
    app.connect("doctree-resolved", quiet_previews, priority=700)  # after the previews
    app.connect("builder-inited", _builder_inited)
    app.connect("html-page-context", _page_context)
