"""Who or what an entity is, in one line, and the lead a reader reads first.

The reading layer of every entry starts with a title, a one-line *identity* ("The guide
who leads two clients through the cordon into the Zone; played by Alexander Kaidanovsky")
and a *lead* of a few sentences. Both are plain text drawn from the data, so the entries,
the hover previews and the indexes say the same thing:

* :func:`identity` — the one line: from a character's ``identity`` field, or composed
  from a record's fields (who says a quotation and where, (a scene's number and part, a person's
  jobs on the film, a source's kind and author).
* :func:`lead` — the record's main text (a description, summary, bio, definition or
  statement), whole or its first sentences.
* :func:`lead_field` — the name of that field, for a renderer that shows it with its
  citations.

Both functions take the :class:`~stalker_guide.guide.Guide` or a page's
:class:`~.library.Reading` (which then notes the data files read, for incremental
builds), and any entity. Their signatures are stable: other modules (hover previews,
indexes) rely on them.

>>> import stalker_guide
>>> guide = stalker_guide.guide
>>> identity(guide, guide.characters["stalker"]).split("; ")
['The guide who leads two clients through the cordon into the Zone, towards the Room', \
'played by Alexander Kaidanovsky']
>>> lead(guide, guide.characters["wife"], sentences=1)
"The Stalker's wife and the mother of their daughter."
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from ..guide import Entity, Guide
from ..model import (
    Award,
    Character,
    Claim,
    Essay,
    Film,
    Motif,
    Person,
    Place,
    Quote,
    Scene,
    Source,
    Term,
    Theme,
)
from .kinds import display_name

if TYPE_CHECKING:
    from .library import Reading

__all__ = ["identity", "lead", "lead_field", "first_sentences", "part_name"]

_PARTS: Final = {1: "Part One", 2: "Part Two"}

# A sentence ends at . ! ? or … (and any closing quote or bracket), before a space and a
# capital, an opening quote or a digit; not after a lone capital (an initial: "R. Rendi")
# nor after a few abbreviations.
_END: Final = re.compile(
    r"(?<=[.!?\u2026])[\"\u201d\u2019)\]]*\s+(?=[A-Z\u0410-\u042f\"\u201c\u00ab(0-9])"
)
_ABBREVIATIONS: Final = ("p.", "pp.", "cf.", "e.g.", "i.e.", "Mr.", "Dr.", "St.", "vs.", "no.")


def part_name(part: int) -> str:
    """The name of one of the film's parts.

    >>> part_name(2)
    'Part Two'
    """
    return _PARTS.get(part, f"Part {part}")


def first_sentences(text: str, sentences: int | None = 1) -> str:
    """The first ``sentences`` sentences of ``text`` (all of it with None), spaces folded.

    >>> first_sentences("He waits. R. Rendi plays him. Then he goes.", 2)
    'He waits. R. Rendi plays him.'
    """
    text = " ".join(text.split())
    if sentences is None:
        return text
    out: list[str] = []
    start = 0
    for match in _END.finditer(text):
        piece = text[start : match.start()].strip()
        words = piece.split()
        last = words[-1] if words else ""
        if re.fullmatch(r"[A-Z]\.", last) or last in _ABBREVIATIONS:
            continue  # an initial or an abbreviation, not the end of a sentence
        chunk = text[start : match.end()].strip()
        out.append(chunk)
        start = match.end()
        if len(out) == sentences:
            return " ".join(out)
    out.append(text[start:].strip())
    return " ".join(s for s in out if s)


def _guide(source: Guide | Reading) -> Guide:
    return source if isinstance(source, Guide) else source.guide


def _names(source: Guide | Reading, ids: tuple[str, ...] | list[str]) -> str:
    guide = _guide(source)
    if not isinstance(source, Guide):
        source.ids(ids)  # notes the data files of the names shown
    # Commas only: names may contain "and" ("Science and reason").
    return ", ".join(display_name(guide.get(i)) for i in ids if i in guide)


def _character(source: Guide | Reading, character: Character) -> str:
    line = character.identity or first_sentences(character.description).rstrip(".")
    actors = source.played_by(character.id)
    if actors:
        line += "; played by " + _names(source, [p.id for p in actors])
    elif not character.on_screen and "spoken of" not in line and "never seen" not in line:
        line += "; only spoken of, never seen"
    return line


def _person(source: Guide | Reading, person: Person) -> str:
    jobs: list[str] = []
    for credit in source.credits_of(person.id):
        if credit.job not in jobs:
            jobs.append(credit.job)
    parts: list[str] = []
    if jobs:
        parts.append(", ".join(jobs))
    roles = source.roles_of(person.id)
    if roles:
        parts.append("plays " + _names(source, [c.id for c in roles]))
    if parts:
        line = "; ".join(parts)
        return line[:1].upper() + line[1:]
    if person.bio:
        return first_sentences(person.bio).rstrip(".")
    return ""


def _scene(source: Guide | Reading, scene: Scene) -> str:
    total = len(source.all("scene")) if not isinstance(source, Guide) else len(source.scenes)
    palette = {"sepia": "in sepia", "colour": "in colour", "mixed": "in sepia and colour"}
    line = f"Scene {scene.number} of {total}, in {part_name(scene.part)}, "
    line += palette.get(scene.palette.value, scene.palette.value)
    if scene.characters:
        line += "; with " + _names(source, scene.characters)
    return line


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _theme(source: Guide | Reading, theme: Theme) -> str:
    scenes = len(source.scenes_with(theme.id))
    quotes = len(source.quotes_about(theme.id))
    line = "A theme of the film"
    counts = [
        c
        for n, c in (
            (scenes, _count(scenes, "scene", "scenes")),
            (quotes, _count(quotes, "quotation", "quotations")),
        )
        if n
    ]
    if counts:
        line += ", in " + " and ".join(counts)
    return line


def _motif(source: Guide | Reading, motif: Motif) -> str:
    line = "A recurring image or sound"
    scenes = len(source.scenes_with(motif.id))
    if scenes:
        line += ", in " + _count(scenes, "scene", "scenes")
    if motif.themes:
        line += "; tied to " + _names(source, motif.themes)
    return line


def _place(source: Guide | Reading, place: Place) -> str:
    if place.kind == "zone":
        line = "A place in the Zone"
        if place.journey is not None:
            line += f", stage {place.journey} of the journey"
    elif place.kind == "outside":
        line = "A place outside the Zone"
    elif place.kind == "filming-location":
        line = "A filming location"
        if place.stands_for:
            line += ", where the film shows " + _names(source, place.stands_for)
    else:
        line = place.kind.replace("-", " ").capitalize()
    scenes = len(source.scenes_with(place.id))
    if scenes:
        line += "; in " + _count(scenes, "scene", "scenes")
    return line


def _quote(source: Guide | Reading, quote: Quote) -> str:
    kinds = {
        "dialogue": "Said by",
        "director": "The director",
        "critic": "The critic",
        "epigraph": "The epigraph, attributed to",
        "poem": "A poem by",
    }
    speaker = _names(source, [quote.speaker]) if quote.speaker else ""
    if quote.kind.value in ("director", "critic") and speaker:
        who = speaker
    elif speaker:
        who = f"{kinds[quote.kind.value]} {speaker}"
    else:
        who = {"dialogue": "Dialogue", "epigraph": "The epigraph", "poem": "A poem"}.get(
            quote.kind.value, quote.kind.value
        )
    where = ""
    if quote.scene:
        where = ", in \u201c" + _names(source, [quote.scene]) + "\u201d"
    elif quote.essay:
        where = ", in " + _names(source, [quote.essay])
    return f"{who}{where}"


def _essay(source: Guide | Reading, essay: Essay) -> str:
    line = "An essay by " + _names(source, [essay.author])
    publisher = re.sub(r"\s*\([^)]*\)", "", essay.publisher or "")
    details = [d for d in (publisher, essay.date and essay.date[:4]) if d]
    if details:
        line += " (" + ", ".join(details) + ")"
    return line


def _source(source: Guide | Reading, record: Source) -> str:
    label = record.label
    kind = record.kind.replace("-", " ")
    line = f"A {kind}" if kind[:1] not in "aeiou" else f"An {kind}"
    if record.author:
        line += f" by {record.author}"
    if record.publisher and record.publisher != record.author:
        line += f", {record.publisher}"
    if record.date:
        line += f", {record.date[:4]}"
    if label and label != record.title:
        line = f"{label[:1].upper()}{label[1:]}: {line[:1].lower()}{line[1:]}"
    return line


def _claim(source: Guide | Reading, claim: Claim) -> str:
    subject = _names(source, [claim.subject]) or claim.subject
    verdicts = {
        "confirmed": "confirmed",
        "contradicted": "contradicted by the evidence",
        "disputed": "disputed between sources",
        "unconfirmed": "not confirmed by the sources checked",
    }
    about = claim.field.replace("_", " ")
    return f"A claim about {subject} ({about}): {verdicts.get(claim.verdict.value, '')}"


def _term(source: Guide | Reading, term: Term) -> str:
    return f"Russian {term.native}, {term.transliteration}"


def _award(source: Guide | Reading, award: Award) -> str:
    result = award.result + (f", rank {award.rank}" if award.rank is not None else "")
    return f"{award.body}, {award.year}: {result}"


def identity(source: Guide | Reading, entity: Entity) -> str:
    """One line saying who or what ``entity`` is, without a final full stop.

    Empty only when the data say nothing more than the name (a person with no credit,
    role or bio).

    ``source`` is the Guide, or a page's Reading (which notes the data files used).

    >>> import stalker_guide
    >>> g = stalker_guide.guide
    >>> identity(g, g.people["andrei-tarkovsky"]).split(";")[0].split(",")[0]
    'Director'
    >>> identity(g, g.scenes["home-at-dawn"])[:29]
    'Scene 3 of 24, in Part One, i'
    """
    match entity:
        case Character():
            return _character(source, entity)
        case Person():
            return _person(source, entity)
        case Scene():
            return _scene(source, entity)
        case Theme():
            return _theme(source, entity)
        case Motif():
            return _motif(source, entity)
        case Place():
            return _place(source, entity)
        case Quote():
            return _quote(source, entity)
        case Essay():
            return _essay(source, entity)
        case Source():
            return _source(source, entity)
        case Claim():
            return _claim(source, entity)
        case Term():
            return _term(source, entity)
        case Award():
            return _award(source, entity)
        case Film():
            return f"A film by Andrei Tarkovsky, {entity.year}"
    raise TypeError(f"not an entity: {entity!r}")  # pragma: no cover


#: The field holding each kind's lead (its main text), by record class.
_LEAD_FIELDS: Final[dict[type, str]] = {
    Character: "description",
    Person: "bio",
    Scene: "summary",
    Theme: "summary",
    Motif: "summary",
    Place: "description",
    Quote: "context",
    Essay: "summary",
    Source: "note",
    Claim: "statement",
    Term: "definition",
    Award: "note",
}


def lead_field(entity: Entity) -> str | None:
    """The name of the field that holds ``entity``'s lead, if its kind has one.

    >>> import stalker_guide
    >>> lead_field(stalker_guide.guide.scenes["home-at-dawn"])
    'summary'
    """
    return _LEAD_FIELDS.get(type(entity))


def lead(source: Guide | Reading, entity: Entity, sentences: int | None = None) -> str:
    """``entity``'s lead as plain text: its whole main text, or its first ``sentences``.

    Empty when the record has none (a person without a bio). A preview card shows
    ``identity`` and then ``lead(source, entity, 2)``.

    >>> import stalker_guide
    >>> lead(stalker_guide.guide, stalker_guide.guide.scenes["the-bar"], 1).endswith(".")
    True
    """
    name = lead_field(entity)
    value = getattr(entity, name, None) if name else None
    if not isinstance(value, str):
        return ""
    return first_sentences(value, sentences)
