"""The film's data as frozen, typed records.

Every record is a frozen, slotted record with keyword-only fields (a
:class:`Frozen`, which works like a frozen dataclass);
every collection is a tuple. The type hints and the field metadata are the data
format: the loader (:mod:`stalker_guide.load`) validates TOML against them and
the JSON Schema export is derived from them, so the format is written down
once, here. :func:`fields` lists a record's fields.

References to other records are stored as ids (stable lowercase slugs) and
resolved through the :class:`~stalker_guide.guide.Guide`, which checked every
one of them when it was loaded.

>>> c = Citation(source="seed-001", locator="Cast and Crew")
>>> c.source
'seed-001'
>>> c.source = "other"
Traceback (most recent call last):
...
stalker_guide.model.FrozenInstanceError: cannot assign to field 'source'
>>> [f.name for f in fields(c)]
['source', 'locator']
"""

from __future__ import annotations

from enum import StrEnum

from ._frozen import (
    MISSING,
    Field,
    Frozen,
    FrozenInstanceError,
    field,
    fields,
    is_record,
    is_record_class,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, NewType

    #: A date as precise as the sources give it: ``"1979"``, ``"1979-05"`` or
    #: ``"1979-05-25"``.
    PartialDate = NewType("PartialDate", str)
else:

    class PartialDate(str):
        """A date as precise as the sources give it: ``"1979"``, ``"1979-05"`` or ``"1979-05-25"``.

        For type checkers a ``NewType`` of :class:`str`; at run time the
        loader and the JSON Schema know a field's type by this name, and the
        values are plain strings.
        """

        __slots__ = ()


__all__ = [
    "Frozen",
    "Field",
    "FrozenInstanceError",
    "MISSING",
    "field",
    "fields",
    "is_record",
    "is_record_class",
    "PartialDate",
    "Verdict",
    "QuoteKind",
    "Tier",
    "Palette",
    "Citation",
    "Spelling",
    "Fact",
    "Title",
    "Runtime",
    "Studio",
    "BasedOn",
    "Part",
    "ReleaseEvent",
    "Film",
    "Source",
    "Person",
    "Credit",
    "Relationship",
    "Character",
    "Place",
    "Scene",
    "Theme",
    "Reading",
    "Motif",
    "Variant",
    "Original",
    "Quote",
    "Essay",
    "Award",
    "Claim",
    "Term",
    "ref",
    "type_hints",
]


def ref(*kinds: str, default: Any = MISSING, many: bool = False) -> Any:
    """Declare a field that holds the id (or ids) of records of ``kinds``.

    The loader checks that each id exists and is of one of those kinds. The
    field is required unless a ``default`` is given; ``many`` fields default
    to no ids.

    >>> ref("person").metadata["ref"]
    ('person',)
    """
    if many:
        return field(default=(), metadata={"ref": kinds})
    return field(default=default, metadata={"ref": kinds})


_HINTS: dict[type[Frozen], dict[str, Any]] = {}


def type_hints(cls: type[Frozen]) -> dict[str, Any]:
    """The resolved type of each field of a record class (cached).

    >>> type_hints(Citation)["locator"]
    str | None
    """
    hints = _HINTS.get(cls)
    if hints is None:
        import typing

        hints = _HINTS[cls] = typing.get_type_hints(cls, globals())
    return hints


def _year() -> Any:
    return field(metadata={"year": True})


def _opt_year() -> Any:
    return field(default=None, metadata={"year": True})


class Verdict(StrEnum):
    """What the guide concludes about a claim, after checking the sources."""

    CONFIRMED = "confirmed"
    CONTRADICTED = "contradicted"
    DISPUTED = "disputed"
    UNCONFIRMED = "unconfirmed"


class QuoteKind(StrEnum):
    """Who is speaking in a quotation, and in what capacity."""

    DIALOGUE = "dialogue"
    DIRECTOR = "director"
    CRITIC = "critic"
    EPIGRAPH = "epigraph"
    POEM = "poem"


class Tier(StrEnum):
    """How far a source can be trusted, from most to least."""

    PRIMARY = "primary"  # archive or primary: the film, its credits, archives
    SCHOLARLY = "scholarly"
    REFERENCE = "reference"
    PRESS = "press"
    AGGREGATOR = "aggregator"  # aggregators, databases and fan pages


class Palette(StrEnum):
    """The look of a scene: sepia monochrome outside the Zone, colour inside."""

    SEPIA = "sepia"
    COLOUR = "colour"
    MIXED = "mixed"


class Citation(Frozen):
    """A pointer to a source, with an optional place in it (page, section, timecode)."""

    source: str = ref("source")
    locator: str | None = None


Citations = tuple[Citation, ...]


class Spelling(Frozen):
    """One observed written form of a name, with where it was seen."""

    text: str
    lang: str | None = None
    note: str | None = None
    citations: Citations


class Fact(Frozen):
    """A single sourced value, such as an aspect ratio or a budget."""

    value: str
    note: str | None = None
    citations: Citations


class Title(Frozen):
    """A title of the film: original, English, working or translated."""

    text: str
    kind: str  # original | english | working | translation
    lang: str | None = None
    translation: str | None = None
    citations: Citations


class Runtime(Frozen):
    """A running time as one source gives it; ``held`` marks the one the guide states."""

    minutes: int
    edition: str | None = None
    held: bool = False
    note: str | None = None
    citations: Citations


class Studio(Frozen):
    """The studio as credited at the time, and by its later name."""

    name: str
    native_name: str | None = None
    credited_as: str | None = None
    later_name: str | None = None
    citations: Citations


class BasedOn(Frozen):
    """The literary work the film is based on."""

    title: str
    native_title: str | None = None
    authors: tuple[str, ...] = ref("person", many=True)
    year: int = _year()
    note: str | None = None
    citations: Citations


class Part(Frozen):
    """One of the film's two parts (серии)."""

    number: int
    title: str
    note: str | None = None
    citations: Citations


class ReleaseEvent(Frozen):
    """A screening, release or restoration, dated as precisely as sourced."""

    id: str
    kind: str  # closed-screening | festival | release | restoration | re-release | home-video
    date: PartialDate
    place: str | None = None
    note: str | None = None
    citations: Citations


class Film(Frozen):
    """The film itself: titles, year, runtimes, studio, source novel and releases."""

    id: str
    title: str
    original_title: str
    titles: tuple[Title, ...] = ()
    year: int = _year()
    runtimes: tuple[Runtime, ...]
    countries: tuple[str, ...]
    languages: tuple[str, ...]
    genres: tuple[str, ...] = ()
    studio: Studio
    based_on: BasedOn
    parts: tuple[Part, ...]
    palette: Fact
    aspect_ratio: Fact
    budget: tuple[Fact, ...] = ()
    shot_statistics: tuple[Fact, ...] = ()
    release_events: tuple[ReleaseEvent, ...] = ()
    citations: Citations

    @property
    def runtime(self) -> Runtime:
        """The running time the guide states (the one marked ``held``)."""
        for runtime in self.runtimes:
            if runtime.held:
                return runtime
        return self.runtimes[0]


class Source(Frozen):
    """A document the data cites: a seed document, a reference page, a book."""

    id: str
    title: str
    #: What readers call the source in running text ("James Rutherford's review on his
    #: blog", "a plot-summary site"); the guide's ``{source}`` role shows it. The title
    #: when absent.
    label: str | None = None
    author: str | None = None
    publisher: str | None = None
    url: str | None = None
    date: PartialDate | None = None
    language: str = "en"
    kind: (
        str  # web-page | book | article | subtitles | programme | review | database | disc | video
    )
    tier: Tier
    #: File name, in a folder of source texts, of a copy of this source or of
    #: the excerpts read from it; ``check --sources DIR`` verifies quotations
    #: citing this source against ``DIR/copy`` word for word.
    copy: str | None = None
    note: str | None = None


class Person(Frozen):
    """A real person: cast, crew, critic, or author."""

    id: str
    name: str
    native_name: str | None = None
    spellings: tuple[Spelling, ...] = ()
    born: PartialDate | None = None
    born_in: str | None = None
    died: PartialDate | None = None
    died_in: str | None = None
    bio: str | None = None
    note: str | None = None
    citations: Citations


class Credit(Frozen):
    """A person's job on the film, and whether the film's own credits name them."""

    person: str = ref("person")
    job: str
    credited: bool = True
    credited_as: str | None = None
    note: str | None = None
    citations: Citations


class Relationship(Frozen):
    """A tie from one character to another: this character is the ``kind`` of ``to``."""

    to: str = ref("character")
    kind: str
    note: str | None = None
    citations: Citations


class Character(Frozen):
    """A character of the film, seen on screen or only spoken of."""

    id: str
    name: str
    native_name: str | None = None
    aliases: tuple[Spelling, ...] = ()
    played_by: tuple[str, ...] = ref("person", many=True)
    on_screen: bool = True
    relationships: tuple[Relationship, ...] = ()
    #: Who the character is, in one line for a reader ("The guide who leads two clients
    #: into the Zone"): a summary of ``description``, resting on the same citations.
    identity: str | None = None
    description: str
    motivation: str | None = None
    citations: Citations


class Place(Frozen):
    """A place in the film (``journey`` orders the Zone) or a real filming location."""

    id: str
    name: str
    native_name: str | None = None
    kind: str  # outside | zone | filming-location
    journey: int | None = None
    stands_for: tuple[str, ...] = ref("place", many=True)
    description: str
    citations: Citations


class Scene(Frozen):
    """A stretch of the film, numbered in running order across both parts."""

    id: str
    number: int
    part: int
    title: str
    palette: Palette
    summary: str
    characters: tuple[str, ...] = ref("character", many=True)
    places: tuple[str, ...] = ref("place", many=True)
    themes: tuple[str, ...] = ref("theme", many=True)
    motifs: tuple[str, ...] = ref("motif", many=True)
    note: str | None = None
    citations: Citations


class Theme(Frozen):
    """A theme of the film; its scenes, quotations and essays point to it."""

    id: str
    name: str
    summary: str
    citations: Citations


class Reading(Frozen):
    """One interpretation of a motif, and who offers it.

    ``by`` is the person, or the source where no person is named, who offers
    the reading; None marks the guide's own reading.
    """

    text: str
    by: str | None = ref("person", "source", default=None)
    citations: Citations


class Motif(Frozen):
    """A recurring image or sound, with its readings."""

    id: str
    name: str
    native_name: str | None = None
    summary: str
    readings: tuple[Reading, ...] = ()
    themes: tuple[str, ...] = ref("theme", many=True)
    citations: Citations


class Variant(Frozen):
    """Another rendering of a quotation: a different translation or transcript."""

    text: str
    lang: str = "en"
    note: str | None = None
    citations: Citations


class Original(Frozen):
    """The Russian text of a quotation, with the source that gives it."""

    text: str
    note: str | None = None
    citations: Citations


class Quote(Frozen):
    """A quotation: dialogue, a director's or critic's words, the epigraph, a poem.

    ``text`` is given exactly as the cited source gives it; ``variants`` are
    other renderings, each with its own source; ``russian`` is the original
    Russian, with its own source, where one gives it.
    """

    id: str
    #: A short title for headings and lists ("A meteorite, or a visitation?"), in the
    #: guide's words, so that no heading is a line cut short.
    title: str | None = None
    kind: QuoteKind
    speaker: str | None = ref("character", "person", default=None)
    scene: str | None = ref("scene", default=None)
    essay: str | None = ref("essay", default=None)
    text: str
    lang: str = "en"
    russian: Original | None = None
    variants: tuple[Variant, ...] = ()
    themes: tuple[str, ...] = ref("theme", many=True)
    context: str | None = None
    citations: Citations


class Essay(Frozen):
    """A critic's piece about the film, summarised in the guide's own words."""

    id: str
    title: str
    author: str = ref("person")
    publisher: str | None = None
    date: PartialDate | None = None
    source: str = ref("source")
    summary: str
    key_points: tuple[str, ...] = ()
    themes: tuple[str, ...] = ref("theme", many=True)
    citations: Citations


class Award(Frozen):
    """A prize or ranking the film received."""

    id: str
    name: str
    body: str
    year: int = _year()
    edition: str | None = None
    result: str = "won"  # won | nominated | ranked
    rank: int | None = None
    note: str | None = None
    citations: Citations


class Claim(Frozen):
    """What sources state about a subject, and the guide's verdict on it.

    ``stated_by`` are the sources that make the claim; ``citations`` are the
    evidence for the verdict and for what the guide ``holds`` instead.
    """

    id: str
    subject: str = ref(
        "film",
        "person",
        "character",
        "place",
        "scene",
        "theme",
        "motif",
        "quote",
        "essay",
        "award",
        "source",
        "term",
    )
    field: str
    statement: str
    stated_by: Citations
    verdict: Verdict
    holds: str | None = None
    note: str | None = None
    citations: Citations


class Term(Frozen):
    """A glossary entry: a word of the film's vocabulary, with its Russian."""

    id: str
    term: str
    native: str
    transliteration: str
    definition: str
    see: tuple[str, ...] = ref("person", "character", "place", "scene", "theme", "motif", many=True)
    citations: Citations
