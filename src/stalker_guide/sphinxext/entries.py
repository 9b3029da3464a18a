"""One entity's entry: what the data say about it, rendered, and the directive per kind.

``{film:character} writer`` renders the Writer's entry (names, Russian, aliases, actor,
relationships, scenes, sources with their tier) followed by a "Mentioned in" placeholder
and then the directive's body, the guide's own prose. Unless ``:noindex:`` is given it
registers the entry as the target of ``{character}`writer``` and in the indices.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, TypeAlias, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import OptionSpec

from ..guide import Entity
from ..model import (
    Award,
    Character,
    Claim,
    Essay,
    Motif,
    Person,
    Place,
    Quote,
    Scene,
    Source,
    Term,
    Theme,
)
from .domain import FilmDomain, ObjectEntry
from .kinds import KINDS, display_name, sort_key
from .library import Reading
from .nodes import mentioned_in
from .render import Cell, Citer, field_list, format_date, joined, link, paragraph, table
from .roles import suggest

__all__ = ["EntryDirective", "render_entry", "quote_block", "entry_nodes", "ENTRY_DIRECTIVES"]

logger = logging.getLogger(__name__)

Fields: TypeAlias = "list[tuple[str, Cell | nodes.Element]]"


def _cited(citer: Citer, value: Cell, citations: Any) -> list[Cell]:
    return [value, *citer.marks(citations)]


def _spellings(citer: Citer, spellings: Any) -> list[Cell]:
    # Every spelling goes into the text, so the search index finds the entry by it.
    parts: list[Cell] = []
    for i, spelling in enumerate(spellings):
        if i:
            parts.append("; ")
        parts.append(nodes.emphasis(spelling.text, spelling.text))
        notes = [n for n in (spelling.lang, spelling.note) if n]
        if notes:
            parts.append(f" ({', '.join(notes)})")
        parts.extend(citer.marks(spelling.citations))
    return parts


def _links(reading: Reading, ids: Any) -> list[nodes.Node]:
    return joined(link(reading, i) for i in ids)


def _person(reading: Reading, person: Person, citer: Citer) -> Fields:
    name = person.name + (f" ({person.native_name})" if person.native_name else "")
    fields: Fields = [("Name", _cited(citer, name, person.citations))]
    if person.spellings:
        fields.append(("Also written", _spellings(citer, person.spellings)))
    for label, date, place in (
        ("Born", person.born, person.born_in),
        ("Died", person.died, person.died_in),
    ):
        if date:
            fields.append((label, format_date(date) + (f", {place}" if place else "")))
    credits = reading.credits_of(person.id)
    if credits:
        jobs: list[Cell] = []
        for credit in credits:
            shown = credit.job + ("" if credit.credited else " (uncredited)")
            if credit.credited_as:
                shown += f", credited as {credit.credited_as}"
            jobs.append(_cited(citer, shown, credit.citations))
        fields.append(("On the film", joined(jobs, "; ")))
    roles = reading.roles_of(person.id)
    if roles:
        fields.append(("Plays", _links(reading, (c.id for c in roles))))
    if person.bio:
        fields.append(("About", person.bio))
    return fields


def _character(reading: Reading, character: Character, citer: Citer) -> Fields:
    fields: Fields = []
    if character.native_name:
        fields.append(("Russian", character.native_name))
    if character.aliases:
        fields.append(("Also called", _spellings(citer, character.aliases)))
    actors = reading.played_by(character.id)
    if actors:
        fields.append(("Played by", _links(reading, (p.id for p in actors))))
    if not character.on_screen:
        fields.append(("On screen", "no: only spoken of"))
    fields.append(("Who", _cited(citer, character.description, character.citations)))
    if character.motivation:
        fields.append(("Wants", character.motivation))
    ties = reading.relationships_of(character.id)
    if ties:
        lines: list[Cell] = []
        for tie in ties:
            if tie.outgoing:
                line: list[Cell] = [f"{tie.relationship.kind} of ", link(reading, tie.other.id)]
            else:
                line = [
                    link(reading, tie.other.id),
                    f" is {tie.relationship.kind} of {character.name}",
                ]
            lines.append([*line, *citer.marks(tie.relationship.citations)])
        fields.append(("Relationships", joined(lines, "; ")))
    scenes = reading.scenes_with(character.id)
    if scenes:
        fields.append(("Scenes", _links(reading, (s.id for s in scenes))))
    return fields


def _scene(reading: Reading, scene: Scene, citer: Citer) -> Fields:
    fields: Fields = [
        ("Scene", f"{scene.number}, in part {scene.part}"),
        ("Palette", scene.palette.value),
        ("What happens", _cited(citer, scene.summary, scene.citations)),
    ]
    for label, ids in (
        ("Characters", scene.characters),
        ("Places", scene.places),
        ("Themes", scene.themes),
        ("Motifs", scene.motifs),
    ):
        if ids:
            fields.append((label, _links(reading, ids)))
    if scene.note:
        fields.append(("Note", scene.note))
    before, after = reading.neighbours(scene.id)
    if before is not None:
        fields.append(("Before", link(reading, before.id)))
    if after is not None:
        fields.append(("After", link(reading, after.id)))
    return fields


def _theme(reading: Reading, theme: Theme, citer: Citer) -> Fields:
    fields: Fields = [("Summary", _cited(citer, theme.summary, theme.citations))]
    for label, records in (
        ("Scenes", reading.scenes_with(theme.id)),
        ("Motifs", reading.motifs_of(theme.id)),
        ("Essays", reading.essays_on(theme.id)),
    ):
        if records:
            fields.append((label, _links(reading, (r.id for r in records))))
    return fields


def _motif(reading: Reading, motif: Motif, citer: Citer) -> Fields:
    fields: Fields = []
    if motif.native_name:
        fields.append(("Russian", motif.native_name))
    fields.append(("Summary", _cited(citer, motif.summary, motif.citations)))
    if motif.readings:
        readings = nodes.bullet_list()
        for reading_ in motif.readings:
            by: Cell = link(reading, reading_.by) if reading_.by else "the guide's own reading"
            item = paragraph([reading_.text, " (", by, ")", *citer.marks(reading_.citations)])
            readings += nodes.list_item("", item)
        fields.append(("Readings", readings))
    if motif.themes:
        fields.append(("Themes", _links(reading, motif.themes)))
    scenes = reading.scenes_with(motif.id)
    if scenes:
        fields.append(("Scenes", _links(reading, (s.id for s in scenes))))
    return fields


def _place(reading: Reading, place: Place, citer: Citer) -> Fields:
    kinds = {"outside": "outside the Zone", "zone": "in the Zone"}
    fields: Fields = []
    if place.native_name:
        fields.append(("Russian", place.native_name))
    where = kinds.get(place.kind, place.kind.replace("-", " "))
    if place.journey is not None:
        where += f", stage {place.journey} of the journey"
    fields.append(("Where", where))
    if place.stands_for:
        fields.append(("Stands for", _links(reading, place.stands_for)))
    fields.append(("Description", _cited(citer, place.description, place.citations)))
    scenes = reading.scenes_with(place.id)
    if scenes:
        fields.append(("Scenes", _links(reading, (s.id for s in scenes))))
    return fields


def quote_block(reading: Reading, quote: Quote, citer: Citer) -> list[nodes.Node]:
    """The quotation, and every other rendering of it side by side, each with its source."""
    attribution: list[Cell] = []
    if quote.speaker:
        attribution.append(link(reading, quote.speaker))
    if quote.scene:
        attribution += [", in " if attribution else "In ", link(reading, quote.scene)]
    if quote.essay:
        attribution += [", in " if attribution else "In ", link(reading, quote.essay)]
    if not quote.variants and not quote.russian:
        block = nodes.block_quote(classes=["film-quote"])
        block += paragraph([quote.text, *citer.marks(quote.citations)])
        if attribution:
            block += nodes.attribution("", "", *joined([attribution], ""))
        return [block]
    # Renderings side by side: one column each, the Russian last.
    headers = ["As cited" if quote.variants else "English"]
    cells: list[Cell] = [[quote.text, *citer.marks(quote.citations)]]
    for i, variant in enumerate(quote.variants, start=1):
        label = "Variant" if len(quote.variants) == 1 else f"Variant {i}"
        headers.append(label + (f" ({variant.lang})" if variant.lang != quote.lang else ""))
        shown: list[Cell] = [variant.text, *citer.marks(variant.citations)]
        if variant.note:
            shown.append(f" ({variant.note})")
        cells.append(shown)
    if quote.russian:
        headers.append("Russian")
        original: list[Cell] = [quote.russian.text, *citer.marks(quote.russian.citations)]
        if quote.russian.note:
            original.append(f" ({quote.russian.note})")
        cells.append(original)
    out: list[nodes.Node] = [table(headers, [cells], "film-renderings")]
    if attribution:
        out.append(paragraph(["\u2014 ", *attribution], "film-attribution"))
    return out


def _quote(reading: Reading, quote: Quote, citer: Citer) -> Fields:
    fields: Fields = [("Kind", quote.kind.value)]
    if quote.themes:
        fields.append(("Themes", _links(reading, quote.themes)))
    if quote.context:
        fields.append(("Context", quote.context))
    return fields


def _essay(reading: Reading, essay: Essay, citer: Citer) -> Fields:
    fields: Fields = [("Author", link(reading, essay.author))]
    published = ", ".join(p for p in (essay.publisher, essay.date and format_date(essay.date)) if p)
    if published:
        fields.append(("Published", published))
    fields.append(("Source", link(reading, essay.source)))
    fields.append(("Summary", _cited(citer, essay.summary, essay.citations)))
    if essay.key_points:
        points = nodes.bullet_list()
        for point in essay.key_points:
            points += nodes.list_item("", paragraph(point))
        fields.append(("Key points", points))
    if essay.themes:
        fields.append(("Themes", _links(reading, essay.themes)))
    return fields


def cited_by(reading: Reading, source: Source) -> list[nodes.Node]:
    """Links to every record that cites ``source`` (credits by their person)."""
    ids: dict[str, None] = {}
    for record in reading.citing(source.id):
        key = getattr(record, "id", None) or getattr(record, "person", None)
        if isinstance(key, str) and key != source.id:
            ids[key] = None
    return _links(reading, ids)


def _source(reading: Reading, source: Source, citer: Citer) -> Fields:
    fields: Fields = []
    for label, value in (
        ("Author", source.author),
        ("Publisher", source.publisher),
        ("Date", source.date and format_date(source.date)),
    ):
        if value:
            fields.append((label, value))
    fields.append(("Kind", source.kind.replace("-", " ")))
    fields.append(("Tier", source.tier.value))
    fields.append(("Language", source.language))
    if source.url:
        fields.append(("Address", nodes.reference(source.url, source.url, refuri=source.url)))
    if source.note:
        fields.append(("Note", source.note))
    citing = cited_by(reading, source)
    if citing:
        fields.append(("Cited by", citing))
    return fields


def _claim(reading: Reading, claim: Claim, citer: Citer) -> Fields:
    fields: Fields = [
        ("About", [link(reading, claim.subject), f" ({claim.field.replace('_', ' ')})"]),
        ("Claim", _cited(citer, claim.statement, claim.stated_by)),
        ("Verdict", claim.verdict.value),
    ]
    if claim.holds:
        fields.append(("The guide holds", _cited(citer, claim.holds, claim.citations)))
    else:
        fields.append(("Evidence", citer.marks(claim.citations)))
    if claim.note:
        fields.append(("Note", claim.note))
    return fields


def _award(reading: Reading, award: Award, citer: Citer) -> Fields:
    fields: Fields = [("Awarded by", award.body), ("Year", str(award.year))]
    if award.edition:
        fields.append(("Edition", award.edition))
    result = award.result + (f", rank {award.rank}" if award.rank is not None else "")
    fields.append(("Result", _cited(citer, result, award.citations)))
    if award.note:
        fields.append(("Note", award.note))
    return fields


def see_links(reading: Reading, ids: Any, *, of: str = "") -> list[nodes.Node]:
    """The "See" links, none repeated: each id once, never the entry itself, and a name shared
    by two entries (a place and its scene) shown once, the other linked by its kind."""
    groups: dict[str, list[str]] = {}
    for id in dict.fromkeys(ids):
        if id != of and reading.kind_of(id) is not None:
            groups.setdefault(reading.name(id).casefold(), []).append(id)
    parts: list[Cell] = []
    for same in groups.values():
        first, *others = same
        part: list[Cell] = [link(reading, first)]
        for other in others:
            kind = reading.kind_of(other) or ""
            part += [" (", link(reading, other, f"the {KINDS[kind].label}"), ")"]
        parts.append(part)
    return joined(parts)


def _term(reading: Reading, term: Term, citer: Citer) -> Fields:
    fields: Fields = [
        ("Russian", f"{term.native} ({term.transliteration})"),
        ("Meaning", _cited(citer, term.definition, term.citations)),
    ]
    if term.see:
        fields.append(("See", see_links(reading, term.see, of=term.id)))
    return fields


_RENDERERS: dict[type[Any], Callable[[Reading, Any, Citer], Fields]] = {
    Person: _person,
    Character: _character,
    Scene: _scene,
    Theme: _theme,
    Motif: _motif,
    Place: _place,
    Quote: _quote,
    Essay: _essay,
    Source: _source,
    Claim: _claim,
    Award: _award,
    Term: _term,
}


def render_entry(reading: Reading, entity: Entity) -> list[nodes.Node]:
    """The data part of ``entity``'s entry: its facts, then its numbered sources."""
    citer = Citer(reading)
    out: list[nodes.Node] = []
    if isinstance(entity, Quote):
        out += quote_block(reading, entity, citer)
    fields = _RENDERERS[type(entity)](reading, entity, citer)
    fields = [(name, value) for name, value in fields if value]
    if fields:
        out.append(field_list(fields))
    out += citer.sources()
    return out


def _extra(entity: Entity) -> str:
    native = getattr(entity, "native_name", None) or getattr(entity, "native", None)
    return str(native) if native else ""


def object_entry(docname: str, node_id: str, kind: str, entity: Entity) -> ObjectEntry:
    """The domain's record of an entry: where it is, and how the index lists it."""
    # Index headings become URL fragments (#cap-...): letters, digits and hyphens only.
    if isinstance(entity, Scene):
        key, group = f"{entity.number:04d}", f"Part-{entity.part}"
    else:
        key = sort_key(entity)
        group = key[:1].upper() if key[:1].isalpha() else "0-9"
    return ObjectEntry(docname, node_id, kind, display_name(entity), key, group, _extra(entity))


# Kinds whose entries go into the general index (the printed index at the back of the PDF).
# Quotations, claims and sources have their own registries instead.
INDEXED_KINDS = frozenset(
    {"person", "character", "place", "scene", "theme", "motif", "term", "essay", "award"}
)


def _inverted(name: str, *, person: bool) -> str:
    """An index heading: "the Writer" -> "Writer, the"; a person's surname first."""
    for article in ("the ", "The "):
        if name.startswith(article) and len(name) > len(article):
            return f"{name[len(article) :]}, {article.strip().lower()}"
    words = name.split()
    if person and len(words) > 1:
        return f"{words[-1]}, {' '.join(words[:-1])}"
    return name


def index_headings(kind: str, entity: Entity) -> list[str]:
    """What a reader may look the entity up under: its name, its Cyrillic, other spellings.

    >>> import stalker_guide
    >>> index_headings("person", stalker_guide.guide.people["andrei-tarkovsky"])[:2]
    ['Tarkovsky, Andrei', 'Тарковский, Андрей']
    """
    person = kind == "person"
    names = [display_name(entity)]
    native = getattr(entity, "native_name", None) or getattr(entity, "native", None)
    if native:
        names.append(native)
    if transliteration := getattr(entity, "transliteration", None):
        names.append(transliteration)
    for spelling in (*getattr(entity, "spellings", ()), *getattr(entity, "aliases", ())):
        names.append(spelling.text)
    headings: list[str] = []
    for name in names:
        heading = _inverted(name, person=person)
        if heading not in headings:
            headings.append(heading)
    return headings


def entry_nodes(
    directive: SphinxDirective,
    reading: Reading,
    kind: str,
    entity: Entity,
    *,
    index: bool,
    body: list[nodes.Node] | None = None,
    heading: bool = False,
) -> nodes.Element:
    """The whole entry as a block (or a section, with ``heading``), registered if ``index``."""
    id: str = entity.id
    name = display_name(entity)
    classes = ["film-entry", f"film-entry-{kind}"]
    content: list[nodes.Node] = [*render_entry(reading, entity)]
    content.append(mentioned_in("", entity=id, kind=kind))
    content += body or []
    # Not "<kind>-<id>": the search index would shorten that anchor and its script
    # would rebuild it from the display name, not the id.
    node_id = f"film-{kind}-{id}"
    if index:
        # Registered first: a duplicate is rendered like a :noindex: entry (no id clash).
        domain = directive.env.domains["film"]
        assert isinstance(domain, FilmDomain)
        docname = directive.env.current_document.docname
        entry = object_entry(docname, node_id, kind, entity)
        index = domain.note_object(id, entry, location=directive.get_location())
    container: nodes.Element
    if heading:
        container = nodes.section(classes=classes)
        container += nodes.title(name, name)
        container.extend(content)
    else:
        container = nodes.container(classes=classes)
        if index:
            # A target, not an id on the container: LaTeX labels targets, not containers.
            container += nodes.target("", "", ids=[node_id])
        container += nodes.paragraph("", "", nodes.strong(name, name), classes=["film-entry-title"])
        container.extend(content)
    if index and kind in INDEXED_KINDS:
        entries = [("single", h, node_id, "", None) for h in index_headings(kind, entity)]
        marker = addnodes.index(entries=entries, inline=False)
        directive.set_source_info(marker)
        container.insert(1 if heading else 0, marker)
    directive.set_source_info(container)
    document = directive.state.document
    if heading:
        if index:
            container["ids"].append(node_id)
        document.set_id(container)  # a section needs an id for the table of contents
    elif index:
        document.set_id(cast(nodes.Element, container[0]))
    return container


def _place_section(directive: SphinxDirective, section: nodes.section) -> bool:
    """In MyST, make ``section`` a heading of the page one level below the current one.

    MyST tracks section levels itself; a section it does not know about would leave the
    page's following ``##`` headings without a parent. This uses MyST's renderer, as its
    own directives do; for reStructuredText (no renderer) it returns False.
    """
    renderer = getattr(directive.state, "_renderer", None)
    levels = getattr(renderer, "_level_to_section", None)
    if renderer is None or not isinstance(levels, dict):
        return False
    current = renderer.current_node
    # An entry that follows another entry is its sibling, not its child: step out of entry
    # sections, but not out of one that is the page's title (its parent is the document).
    while (
        isinstance(current, nodes.section)
        and "film-entry" in current["classes"]
        and isinstance(current.parent, nodes.section)
    ):
        current = current.parent
    level = next((lvl for lvl, sect in levels.items() if sect is current), None)
    if level is None:
        return False
    renderer.update_section_level_state(section, level + 1)
    renderer.current_node = section
    return True


class EntryDirective(SphinxDirective):
    """``{film:<kind>} id``: the entity's entry, from the data, and its link target."""

    kind: ClassVar[str]
    required_arguments = 1
    optional_arguments = 0
    final_argument_whitespace = False
    has_content = True
    option_spec: ClassVar[OptionSpec] = {
        "noindex": directives.flag,
        "no-index": directives.flag,
        "heading": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        id = self.arguments[0].strip()
        reading = Reading(self.env)
        entity = reading.find(id)
        found = reading.kind_of(id)
        label = KINDS[self.kind].label
        if entity is None or found != self.kind:
            if found is None:
                problem = f"unknown {label} id {id!r}{suggest(id, list(reading.all(self.kind)))}"
            else:
                problem = f"{id!r} is a {found}, not a {label}"
            logger.warning("%s", problem, location=self.get_location(), type="film", subtype="ref")
            return []
        index = "noindex" not in self.options and "no-index" not in self.options
        body = self.parse_content_to_nodes() if self.content else []
        heading = "heading" in self.options
        node = entry_nodes(
            self, reading, self.kind, entity, index=index, body=body, heading=heading
        )
        if heading and _place_section(self, cast(nodes.section, node)):
            return []
        return [node]


def _directive_for(kind: str) -> type[EntryDirective]:
    return type(f"{kind.title()}Directive", (EntryDirective,), {"kind": kind})


#: directive name -> class, one per kind.
ENTRY_DIRECTIVES: dict[str, type[EntryDirective]] = {kind: _directive_for(kind) for kind in KINDS}
