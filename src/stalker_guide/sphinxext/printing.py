"""The guide's editions: what the reader's PDF and EPUB, the handout and the web site differ in.

One source, three kinds of build, chosen in ``conf.py`` with ``stalker_guide_edition``:

``"web"`` (the HTML site)
    Everything, the library's pages included. Each page ends with links to the other
    editions (:func:`downloads`) when they have been built next to it.
``"reader"`` (the reader's PDF and EPUB)
    The film only: blocks of a page between the comment lines ``% web only`` and
    ``% end web only`` are left out before the page is read (:func:`strip_web_only`), so a
    toctree or a link to the library's pages never reaches these builds.
``"handout"`` (the student handout)
    The same, for the pages under ``docs/handout/``.

In print and in the EPUB (:class:`AnswerKeys`), the answers of the quiz and the model answers
of the study questions leave their questions and are collected, numbered like the questions,
in a key at the end of their page. In the PDF (:class:`PrintStructure`), each page a toctree
includes is placed at the end of the chapter or section of the page that lists it, so the
outline and the printed contents follow the toctrees, and the sections of the pages named in
``stalker_guide_toc_deeper`` (the scenes of the plot) are listed in the printed contents too.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

__all__ = [
    "strip_web_only",
    "AnswerKeys",
    "PrintStructure",
    "KeyQuote",
    "human_size",
    "downloads",
    "setup",
]

_WEB_ONLY = re.compile(r"^% web only\s*$.*?^% end web only\s*$\n?", re.M | re.S)

#: Dropdown titles whose content is an answer, and the title of the key that collects them.
ANSWER_KEYS = {"Answer": "Answer key", "Model answer": "Model answers"}

_NUMBER = re.compile(r"\s*(\d+)\.")
_ADDRESS = re.compile(r"(https?://[^\s<>\"]{24,}[^\s<>\".,;:)])")


def strip_web_only(text: str) -> str:
    """``text`` without its blocks between ``% web only`` and ``% end web only`` lines.

    >>> strip_web_only("a\\n% web only\\nb\\n% end web only\\nc\\n")
    'a\\nc\\n'
    """
    return _WEB_ONLY.sub("", text)


def _source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    if app.config.stalker_guide_edition != "web":
        source[0] = strip_web_only(source[0])


def _top_section(node: nodes.Element) -> nodes.section | None:
    for child in node.children:
        if isinstance(child, nodes.section):
            return child
    return None


def _number(paragraph: nodes.Node | None) -> str | None:
    if not isinstance(paragraph, nodes.paragraph):
        return None
    found = _NUMBER.match(paragraph.astext())
    return found.group(1) if found else None


class AnswerKeys(SphinxPostTransform):
    """Move each answer dropdown to a numbered key at the end of its page (PDF and EPUB).

    A dropdown titled "Answer" or "Model answer" that follows a paragraph starting with
    its question's number ("**12.** ...") becomes item 12 of the page's key; the question
    keeps a link to it. The HTML edition keeps its fold-out answers.
    """

    # Before the EPUB's flattening of dropdowns (150) and sphinx-design's own (199).
    default_priority = 140
    builders = ("latex", "epub")

    def run(self, **kwargs: Any) -> None:
        # In the PDF every page is one file in one tree, marked by start_of_file nodes.
        files: list[nodes.Element] = list(self.document.findall(addnodes.start_of_file))
        if not files:
            files = [self.document]
        for file in reversed(files):  # innermost files first: a page's own answers
            self.collect(file)

    def collect(self, file: nodes.Element) -> None:
        keys: dict[str, list[tuple[str, nodes.Element]]] = {}
        for dropdown in list(file.findall(nodes.container)):
            if dropdown.get("design_component") != "dropdown" or not dropdown.get("has_title"):
                continue
            if dropdown.parent is None:  # already moved
                continue
            title = dropdown.children[0].astext().strip()
            if title not in ANSWER_KEYS:
                continue
            parent = dropdown.parent
            index = parent.index(dropdown)
            question = parent.children[index - 1] if index else None
            number = _number(question)
            if number is None or not isinstance(question, nodes.paragraph):
                continue
            ref_id = f"answer-{number}" if title == "Answer" else f"model-answer-{number}"
            question += nodes.Text(" ")
            question += nodes.reference(
                "", f"(answer {number})", refid=ref_id, internal=True, classes=["answer-link"]
            )
            parent.remove(dropdown)
            keys.setdefault(title, []).append((number, dropdown))
        section = _top_section(file)
        if section is None:
            return
        for title, answers in keys.items():
            key = nodes.section(ids=[_slug(ANSWER_KEYS[title])], classes=["answer-key"])
            key += nodes.title(ANSWER_KEYS[title], ANSWER_KEYS[title])
            for number, answer in answers:
                body = [c.deepcopy() for c in answer.children[1:]]
                label = nodes.strong(f"{number}.", f"{number}.")
                if body and isinstance(body[0], nodes.paragraph):
                    body[0].insert(0, nodes.Text(" "))
                    body[0].insert(0, label)
                else:
                    body.insert(0, nodes.paragraph("", "", label))
                ref_id = f"answer-{number}" if title == "Answer" else f"model-answer-{number}"
                item = nodes.container(ids=[ref_id], classes=["answer-key-item"])
                item.extend(body)
                key += item
            # In the handout the key starts a page of its own, out of sight of the questions.
            if self.config.stalker_guide_edition == "handout":
                section += nodes.raw("", "\\clearpage\n", format="latex")
            section += key


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _ancestors(node: nodes.Node) -> list[nodes.Element]:
    found = []
    parent = node.parent
    while parent is not None:
        found.append(parent)
        parent = parent.parent
    return found


def _tocdepth(value: str) -> nodes.raw:
    code = rf"\addtocontents{{toc}}{{\protect\setcounter{{tocdepth}}{{{value}}}}}" + "\n"
    return nodes.raw("", code, format="latex")


class PrintStructure(SphinxPostTransform):
    """Put every included page where its toctree puts it, and list the plot's scenes.

    Sphinx inlines a toctree's pages where the toctree stands, which can be inside one of
    the including page's sections (the scenes landed under "The scenes at a glance"). Here
    each included page moves to the end of the including page's own top section, in order,
    so the outline reads Plot, then Part One, then its scenes.
    """

    # After the answer keys: the key belongs to its own page, whose file is moved whole.
    default_priority = 145
    builders = ("latex",)

    def run(self, **kwargs: Any) -> None:
        # Listings of full entries (sources, claims), and every listing on the pages named in
        # stalker_guide_print_compact, are set compactly: see stalker-print.sty.
        compact_pages = set(self.config.stalker_guide_print_compact)
        for listing in self.document.findall(nodes.container):
            classes = listing["classes"]
            if "film-listing" not in classes:
                continue
            on_compact_page = self.page_of(listing) in compact_pages
            if on_compact_page or (
                {"film-sources", "film-claims"} & set(classes)
                and any(
                    "film-entry" in child.get("classes", ())
                    for child in listing.children
                    if isinstance(child, nodes.Element)
                )
            ):
                classes.append("film-print-compact")
        self.link_bare_addresses()
        # Field lists run in after their labels in print (stalker-print.sty, film-fields).
        for fields in list(self.document.findall(nodes.field_list)):
            box = nodes.container(classes=["film-fields"])
            fields.replace_self(box)
            box += fields
        deeper = set(self.config.stalker_guide_toc_deeper)
        for file in list(self.document.findall(addnodes.start_of_file)):
            home = self.home_of(file)
            if home is not None and file.parent is not home:
                file.parent.remove(file)
                home += file
            if file["docname"] in deeper:
                file.insert(0, _tocdepth("2"))
                file += _tocdepth(r"\arabic{tocdepth}")

    def page_of(self, node: nodes.Element) -> str | None:
        """The page ``node`` comes from. Sphinx moves a page's nodes into the book without
        updating their parents, so the chain ends at the page's own document."""
        for ancestor in _ancestors(node):
            if isinstance(ancestor, addnodes.start_of_file):
                return str(ancestor["docname"])
            if isinstance(ancestor, nodes.document) and ancestor is not self.document:
                return self.env.path2doc(ancestor["source"])
        return self.env.current_document.docname

    def link_bare_addresses(self) -> None:
        """Web addresses written as plain text (in a note) become links, which may break."""
        for text in list(self.document.findall(nodes.Text)):
            parent = text.parent
            if parent is None or isinstance(parent, nodes.reference | nodes.literal):
                continue
            parts = _ADDRESS.split(str(text))
            if len(parts) == 1:
                continue
            pieces: list[nodes.Node] = []
            for i, part in enumerate(parts):
                if i % 2:
                    pieces.append(nodes.reference(part, part, refuri=part))
                elif part:
                    pieces.append(nodes.Text(part))
            index = parent.index(text)
            parent.remove(text)
            for offset, piece in enumerate(pieces):
                parent.insert(index + offset, piece)

    @staticmethod
    def home_of(file: nodes.Element) -> nodes.section | None:
        """The top section of the page whose toctree includes ``file``."""
        node = file.parent
        home: nodes.section | None = None
        while node is not None and not isinstance(node, addnodes.start_of_file | nodes.document):
            if isinstance(node, nodes.section):
                home = node
            node = node.parent
        return home


class KeyQuote(SphinxDirective):
    """``{film:key-quote} id``: one quotation as the guide prints it, then the body as a note.

    The handout's key quotations: the line, its speaker and scene and its sources come from
    the data; the note under it is the handout's own explanation.
    """

    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        from .entries import quote_block
        from .library import Reading
        from .render import Citer

        reading = Reading(self.env)
        quote = reading.all("quote").get(self.arguments[0].strip())
        if quote is None:
            logging.getLogger(__name__).warning(
                "unknown quotation id %r", self.arguments[0], location=self.get_location()
            )
            return []
        cite = Citer(reading)
        box = nodes.container(classes=["film-key-quote"])
        box.extend(quote_block(reading, quote, cite))
        note = nodes.container(classes=["film-key-quote-note"])
        self.state.nested_parse(self.content, self.content_offset, note)
        box += note
        sources = nodes.container(classes=["film-key-quote-sources"])
        sources.extend(cite.sources())
        box += sources
        return [box]


def human_size(size: int) -> str:
    """A file size as a reader reads it.

    >>> human_size(2_345_678), human_size(812_000), human_size(900)
    ('2.3 MB', '812 kB', '1 kB')
    """
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(1, round(size / 1000))} kB"


def downloads(app: Sphinx) -> list[tuple[str, str, int]]:
    """The built editions next to this HTML build: (label, file name, size in bytes).

    An edition is offered only if its file exists, so ``make html`` alone links none and
    ``make guide`` (which builds them first) links all.
    """
    top = Path(app.outdir).parent
    found = []
    for label, relative in app.config.stalker_guide_downloads:
        path = top / relative
        if path.is_file():
            found.append((label, path.name, path.stat().st_size))
    return found


def _copy_downloads(app: Sphinx) -> None:
    if app.builder.format != "html" or app.builder.name != "html":
        return
    offered = downloads(app)
    target = Path(app.outdir) / "downloads"
    if offered:
        target.mkdir(parents=True, exist_ok=True)
    top = Path(app.outdir).parent
    for _label, relative in app.config.stalker_guide_downloads:
        source = top / relative
        if source.is_file():
            shutil.copyfile(source, target / source.name)


def _outdated(
    app: Sphinx, env: Any, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    # Every page shows the downloads: when they change, every page is written again.
    if app.builder.name != "html":
        return []
    signature = tuple(downloads(app))
    if getattr(env, "stalker_guide_downloads", None) == signature:
        return []
    env.stalker_guide_downloads = signature
    return sorted(env.found_docs)


_CAPTION = '<p class="caption" role="heading">'


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if app.builder.name != "html":
        return
    # A toctree's caption (the library's "For programmers") is a heading without a level.
    for key in ("body", "furo_navigation_tree"):
        if isinstance(context.get(key), str):
            context[key] = context[key].replace(_CAPTION, _CAPTION[:-1] + ' aria-level="2">')
    if "body" not in context:
        return
    offered = downloads(app)
    if not offered:
        return
    pathto = context["pathto"]
    links = ", ".join(
        f'<a href="{pathto("downloads/" + name, 1)}" download="">{label}</a>'
        f" ({Path(name).suffix[1:].upper()}, {human_size(size)})"
        for label, name, size in offered
    )
    context["body"] += (
        '<aside class="film-downloads" aria-label="Other editions">'
        f"<p>Read it offline: {links}.</p></aside>"
    )


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the edition settings, the answer keys and the print structure."""
    app.add_config_value(
        "stalker_guide_edition",
        "web",
        "env",
        types=frozenset({str}),
    )
    if "stalker_guide_toc_deeper" not in app.config:  # shared with .epub
        app.add_config_value("stalker_guide_toc_deeper", [], "env", types=frozenset({list}))
    app.add_config_value("stalker_guide_downloads", [], "html", types=frozenset({list}))
    app.add_config_value("stalker_guide_print_compact", [], "env", types=frozenset({list}))
    app.add_directive_to_domain("film", "key-quote", KeyQuote)
    app.connect("source-read", _source_read)
    app.add_post_transform(AnswerKeys)
    app.add_post_transform(PrintStructure)
    app.connect("env-get-outdated", _outdated)
    app.connect("builder-inited", _copy_downloads)
    app.connect("html-page-context", _page_context, priority=600)  # after furo's
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
