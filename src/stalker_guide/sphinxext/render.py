"""Small builders of docutils nodes shared by entries and listings.

Only plain docutils structures are made here (paragraphs, field lists, tables,
enumerated lists): every Sphinx writer (HTML, LaTeX, EPUB, text) renders them well.
Links to entities are :class:`~.nodes.entity_link` placeholders, resolved once every page
is read. Citations are numbered per block, as in a printed book: a value carries ``[1]``
and the block ends with the numbered list of its sources, each with its tier. Each number
is a link to the source's entry in the guide's list of sources, titled with the source's
name and the place cited (shown on hover; the web edition's previews show it on focus too).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from typing import Final, TypeAlias

from docutils import nodes

from ..model import Citation
from .library import Reading
from .nodes import entity_link

__all__ = [
    "Citer",
    "Cell",
    "link",
    "text",
    "paragraph",
    "joined",
    "field_list",
    "table",
    "format_date",
    "LANGUAGES",
    "language_name",
]

#: What a cell, a field or a paragraph is made of: text, or inline nodes.
Cell: TypeAlias = "str | nodes.Node | Sequence[Cell]"

_DATE: Final = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")


def format_date(value: str) -> str:
    """A partial ISO date as a reader writes it.

    >>> format_date("1932-04-04"), format_date("1980-05"), format_date("1979")
    ('4 April 1932', 'May 1980', '1979')
    """
    match = _DATE.fullmatch(value)
    if not match:
        return value
    year, month, day = match.groups()
    name = calendar.month_name[int(month)]
    return f"{int(day)} {name} {year}" if day else f"{name} {year}"


#: The languages the data name by code (ISO 639-1), as a reader says them. A code the data
#: use must have its word here (a test checks every code in ``data/``).
LANGUAGES: Final[dict[str, str]] = {
    "cs": "Czech",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "es": "Spanish",
    "et": "Estonian",
    "fr": "French",
    "it": "Italian",
    "ru": "Russian",
    "uk": "Ukrainian",
}


def language_name(code: str) -> str:
    """The language of ``code`` as a word; a code not known falls back to itself.

    >>> language_name("ru"), language_name("uk"), language_name("xx")
    ('Russian', 'Ukrainian', 'xx')
    """
    return LANGUAGES.get(code, code)


def text(value: str, *classes: str) -> nodes.Node:
    """``value`` as an inline text node (with ``classes``, if any)."""
    if classes:
        return nodes.inline(value, value, classes=list(classes))
    return nodes.Text(value)


def _inline(cell: Cell) -> list[nodes.Node]:
    if isinstance(cell, str):
        return [nodes.Text(cell)] if cell else []
    if isinstance(cell, nodes.Node):
        return [cell]
    out: list[nodes.Node] = []
    for part in cell:
        out.extend(_inline(part))
    return out


def paragraph(cell: Cell, *classes: str) -> nodes.paragraph:
    """A paragraph of ``cell``."""
    return nodes.paragraph("", "", *_inline(cell), classes=list(classes))


def joined(parts: Iterable[Cell], separator: str = ", ") -> list[nodes.Node]:
    """``parts`` as inline nodes with ``separator`` between them."""
    out: list[nodes.Node] = []
    for i, part in enumerate(parts):
        if i:
            out.append(nodes.Text(separator))
        out.extend(_inline(part))
    return out


def link(reading: Reading, id: str, title: str | None = None) -> nodes.Node:
    """A link to ``id``'s entry, showing its name (or ``title``)."""
    kind = reading.kind_of(id)
    shown = title if title is not None else reading.name(id)
    if kind is None or kind == "film":
        return nodes.Text(shown)
    node = entity_link(shown, "", entity=id, kind=kind)
    node += nodes.inline(shown, shown, classes=["film", f"film-{kind}"])
    return node


class Citer:
    """Numbers the sources a block cites, in order of first citation.

    ``marks(citations)`` returns the ``[1, 2]`` to put after a value; ``sources()``
    returns the numbered list of sources, each with its locator and tier.
    """

    def __init__(self, reading: Reading) -> None:
        self.reading = reading
        self.numbers: dict[tuple[str, str | None], int] = {}

    def label(self, citation: Citation) -> str:
        """The source's name as a reader knows it, with the place cited in it."""
        source = self.reading.source(citation.source)
        name = source.label or source.title
        return f"{name}, {citation.locator}" if citation.locator else str(name)

    def number(self, citation: Citation) -> int:
        key = (citation.source, citation.locator)
        if key not in self.numbers:
            self.numbers[key] = len(self.numbers) + 1
        return self.numbers[key]

    def marks(self, citations: Iterable[Citation]) -> list[nodes.Node]:
        """``[1, 2]``: each number a link to its source's entry, titled with its name."""
        cited: dict[int, Citation] = {}
        for citation in citations:
            cited.setdefault(self.number(citation), citation)
        if not cited:
            return []
        # "[1, 2, 3]": a line can break after each comma, in print too.
        mark = nodes.inline("", "", classes=["film-cite"])
        mark += nodes.Text("[")
        for i, n in enumerate(sorted(cited)):
            if i:
                mark += nodes.Text(", ")
            citation = cited[n]
            ref = entity_link(
                str(n),
                "",
                entity=citation.source,
                kind="source",
                title=self.label(citation),
                classes=["film-cite-ref"],
            )
            ref += nodes.Text(str(n))
            mark += ref
        mark += nodes.Text("]")
        return [nodes.Text("\u00a0"), mark]

    def sources(self, heading: str = "Sources") -> list[nodes.Node]:
        """The numbered source list (nothing if nothing was cited)."""
        if not self.numbers:
            return []
        items = nodes.enumerated_list(enumtype="arabic", prefix="[", suffix="]")
        items["classes"].append("film-sources")
        for (source_id, locator), _ in sorted(self.numbers.items(), key=lambda kv: kv[1]):
            source = self.reading.source(source_id)
            parts: list[Cell] = [link(self.reading, source_id)]
            if locator:
                parts.append(f", {locator}")
            parts.append(f" ({source.tier.value})")
            items += nodes.list_item("", paragraph(parts))
        title = nodes.paragraph("", "", nodes.strong(heading, heading), classes=["film-label"])
        return [title, items]


def field_list(fields: Iterable[tuple[str, Cell | nodes.Element]]) -> nodes.field_list:
    """A field list of (name, value) pairs; a value may be inline content or a block."""
    out = nodes.field_list(classes=["film-facts"])
    for name, value in fields:
        body = nodes.field_body()
        if isinstance(value, nodes.Element) and not isinstance(value, nodes.Inline):
            body += value
        else:
            body += paragraph(value)
        out += nodes.field("", nodes.field_name(name, name), body)
    return out


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[Cell | nodes.Element]],
    *classes: str,
    title: str | None = None,
    stub: bool = False,
) -> nodes.Element:
    """A table with a header row; ``stub`` makes the first column a row header.

    A ``title`` goes in a line above the table, not in a caption: Sphinx gives a captioned
    table an id, and the furo theme repeats a table's id on its wrapper (invalid HTML).
    """
    out = nodes.table(classes=["film-table", *classes])
    body = nodes.tbody()
    # Column widths only matter to the text writer (HTML and LaTeX size columns
    # themselves): the longest cell, within reason.
    widths = [max(len(h), 4) for h in headers]
    for cells in rows:
        row = nodes.row()
        for i, cell in enumerate(cells):
            entry = nodes.entry()
            if isinstance(cell, nodes.Element) and not isinstance(cell, nodes.Inline):
                entry += cell
            elif _inline(cell):
                entry += paragraph(cell)
            widths[i] = min(max(widths[i], len(entry.astext())), 40)
            row += entry
        body += row
    group = nodes.tgroup(cols=len(headers))
    out += group
    for i, width in enumerate(widths):
        spec = nodes.colspec(colwidth=width)
        if stub and i == 0:
            spec["stub"] = 1
        group += spec
    head = nodes.thead()
    head += nodes.row("", *(nodes.entry("", paragraph(h)) for h in headers))
    group += head
    group += body
    if title:
        label = nodes.paragraph("", "", nodes.strong(title, title), classes=["film-table-title"])
        return nodes.container("", label, out, classes=["film-table-block"])
    return out
