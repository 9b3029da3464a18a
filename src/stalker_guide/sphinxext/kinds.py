"""The kinds of entity the ``film`` domain knows, and how each is named on a page.

One :class:`Kind` per kind of record with an id (``person``, ``character``, ...): its
role and directive name, the label Sphinx shows for it, the title of its domain index,
and the data file its records come from.

>>> KINDS["character"].plural
'characters'
>>> KINDS["term"].label
'glossary term'
>>> display_name(Theme(id="faith", name="Faith", summary="...", citations=()))
'Faith'
"""

from __future__ import annotations

from typing import Final

from ..guide import KINDS as GUIDE_KINDS
from ..guide import Entity
from ..load import FILES
from ..model import (
    Award,
    Character,
    Claim,
    Essay,
    Film,
    Frozen,
    Motif,
    Person,
    Place,
    Quote,
    Scene,
    Source,
    Term,
    Theme,
)

__all__ = ["Kind", "KINDS", "display_name", "reference_name", "sort_key", "excerpt", "data_file"]


class Kind(Frozen):
    """One kind of entity: its role and directive name, labels, and data file."""

    name: str  # role, directive and object type: "character"
    label: str  # what Sphinx calls one of them: "character", "glossary term"
    plural: str  # the Guide attribute and the index title: "characters"
    file: str  # the data file its records live in: "characters.toml"


_LABELS: Final = {"quote": "quotation", "term": "glossary term"}
_PLURALS: Final = {"quote": "quotations", "term": "glossary terms"}
_FILES: Final = {spec.kind: spec.file for spec in FILES}

#: Every kind with a role, a directive and an index, in the order of the data files.
KINDS: Final[dict[str, Kind]] = {
    name: Kind(
        name=name,
        label=_LABELS.get(name, name),
        plural=_PLURALS.get(name, attribute),
        file=_FILES[name],
    )
    for name, attribute in GUIDE_KINDS.items()
}


def data_file(kind: str) -> str:
    """The data file that holds records of ``kind`` (``film`` and ``credit`` too).

    >>> data_file("credit")
    'credits.toml'
    """
    return _FILES[kind]


def excerpt(text: str, limit: int = 60) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis.

    >>> excerpt("Quiet. You'll wake up Monkey.", 15) == "Quiet. You\u2019ll\u2026"
    True
    """
    text = " ".join(text.split()).replace("'", "\u2019")
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.\u2026")
    return cut + "\u2026"


def display_name(entity: Entity) -> str:
    """The name a page shows for ``entity``: "the Writer", "The bar", "Faith", ...

    A quotation shows its short title (the start of its text if it has none); a claim,
    which has no name, the start of its statement.
    """
    match entity:
        case Person() | Character() | Place() | Theme() | Motif() | Award():
            return entity.name
        case Scene() | Essay() | Source() | Film():
            return entity.title
        case Term():
            return entity.term
        case Quote():
            if entity.title:  # a short title kept in the data, never a line cut short
                return entity.title
            # The text may carry its own quotation marks; show one pair.
            return "\u201c" + excerpt(entity.text.strip("\"'\u201c\u201d\u2018\u2019 ")) + "\u201d"
        case Claim():
            return excerpt(entity.statement)
    raise TypeError(f"not an entity: {entity!r}")  # pragma: no cover


def reference_name(entity: Entity) -> str:
    """The name running text uses for ``entity``: a source's short label, else its display name.

    Entries keep their full names as headings; a link in a sentence names a source by what it
    is ("a plot-summary site says ...").

    >>> src = Source(id="s", title="Stalker (1979) plot breakdown", label="a plot-summary site",
    ...              kind="web-page", tier="aggregator")
    >>> reference_name(src), display_name(src)
    ('a plot-summary site', 'Stalker (1979) plot breakdown')
    """
    if isinstance(entity, Source) and entity.label:
        return entity.label
    return display_name(entity)


def sort_key(entity: Entity) -> str:
    """How an index sorts ``entity``: people by surname, others without a leading "the".

    >>> sort_key(Person(id="x", name="Andrei Tarkovsky", citations=()))
    'tarkovsky andrei'
    """
    name = display_name(entity).casefold()
    # Quotation marks and other punctuation do not count: an essay title in quotes sorts
    # under its first letter.
    while name and not name[0].isalnum():
        name = name[1:]
    if isinstance(entity, Person):
        *given, surname = name.split()
        return " ".join([surname, *given])
    for article in ("the ", "a ", "an "):
        if name.startswith(article):
            return name[len(article) :]
    return name
