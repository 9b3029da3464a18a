"""One entity's entry: what the data say about it, rendered, and the directive per kind.

An entry has two layers, rendered separately (see the house style, "Two layers on every
page"). The *reading layer* comes first: the title, a one-line identity and the lead
(:mod:`.identity`), a quotation's words, then the directive's body, the guide's own prose.
The *reference layer* follows the reading text: the remaining field values, one line each
(names, Russian, aliases, actor, relationships, scenes), the numbered sources with their
tier and a "Mentioned in" placeholder, in a :class:`~.nodes.reference_layer` that HTML
folds behind one summary line. :class:`ReferenceLast` moves it to the end of the entry's
reading text: after the page's sections when the entry is the page's own.

``{film:character} writer`` renders the Writer's entry; unless ``:noindex:`` is given it
registers the entry as the target of ``{character}`writer``` and in the indices.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, TypeAlias, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
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
from .identity import identity
from .kinds import KINDS, display_name, sort_key
from .library import Reading
from .nodes import entity_link, mentioned_in, reference_layer
from .render import Cell, Citer, field_list, format_date, joined, language_name, link, paragraph
from .roles import suggest

__all__ = [
    "EntryDirective",
    "ReferenceLast",
    "render_entry",
    "reading_layer",
    "reference_fields",
    "quote_block",
    "entry_nodes",
    "ENTRY_DIRECTIVES",
]

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
        notes = _spelling_notes(spelling.lang, spelling.note)
        if notes:
            parts.append(f" ({notes})")
        parts.extend(citer.marks(spelling.citations))
    return parts


def _spelling_notes(lang: str | None, note: str | None) -> str:
    """What a spelling's parenthesis says: its language as a word, unless the note already
    names it, and the note.

    >>> _spelling_notes("en", "the spelling of a plot-summary site")
    'English; the spelling of a plot-summary site'
    >>> _spelling_notes("fr", "French form."), _spelling_notes("de", None)
    ('French form.', 'German')
    >>> _spelling_notes(None, None)
    ''
    """
    language = language_name(lang) if lang else ""
    if language and note and language.lower() in note.lower():
        language = ""
    return "; ".join(n for n in (language, note) if n)


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
    if character.motivation:
        fields.append(("Wants", character.motivation))
    ties = relationships(reading, character, citer)
    if ties:
        fields.append(("Relationships", ties))
    scenes = reading.scenes_with(character.id)
    if scenes:
        fields.append(("Scenes", _links(reading, (s.id for s in scenes))))
    return fields


#: What the other character is to this one, when only this one declares the tie
#: ("<this> is guide of <other>": the other is its client).
_INVERSE: dict[str, str] = {
    "guide": "client",
    "client": "guide",
    "pupil": "mentor",
    "mentor": "pupil",
    "father": "child",
    "mother": "child",
    "daughter": "parent",
    "son": "parent",
    "spouse": "spouse",
    "wife": "husband",
    "husband": "wife",
    "brother": "sibling",
    "sister": "sibling",
    "companion": "companion",
}


def relationships(reading: Reading, character: Character, citer: Citer) -> list[nodes.Node]:
    """Each tie once, as what the other is to ``character``: "clients: the Writer, ...".

    A tie declared both ways is shown by the other side's word for it ("Monkey is daughter
    of the Stalker": "daughter: Monkey"), with the citations of both.
    """
    roles: dict[str, dict[str, list[Any]]] = {}  # role -> other id -> citations
    declared: dict[str, str] = {}  # other id -> the role the other declares
    for tie in reading.relationships_of(character.id):
        if not tie.outgoing:
            declared.setdefault(tie.other.id, tie.relationship.kind)
    for tie in reading.relationships_of(character.id):
        other = tie.other.id
        kind = tie.relationship.kind
        role = declared.get(other) or _INVERSE.get(kind, f"{kind} of")
        roles.setdefault(role, {}).setdefault(other, []).extend(tie.relationship.citations)
    lines: list[Cell] = []
    for role, others in roles.items():
        plural = role if len(others) == 1 or role.endswith(" of") else f"{role}s"
        names = joined(
            ([link(reading, other), *citer.marks(cites)] for other, cites in others.items())
        )
        lines.append([f"{plural}: ", *names])
    return joined(lines, "; ")


def _scene(reading: Reading, scene: Scene, citer: Citer) -> Fields:
    fields: Fields = [
        ("Scene", f"{scene.number} of {len(reading.all('scene'))}, in part {scene.part}"),
        ("Palette", scene.palette.value),
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
    fields: Fields = []
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
    scenes = reading.scenes_with(place.id)
    if scenes:
        fields.append(("Scenes", _links(reading, (s.id for s in scenes))))
    return fields


def quote_block(reading: Reading, quote: Quote, citer: Citer) -> list[nodes.Node]:
    """The quotation in one layout everywhere: the line, its variants and the Russian, each
    with its source, then who says it and where (the context is the entry's lead)."""
    block = nodes.block_quote(classes=["film-quote"])
    block += paragraph([quote.text, *citer.marks(quote.citations)], "film-quote-line")
    for variant in quote.variants:
        label = (
            "Also rendered" if variant.lang == quote.lang else f"In {language_name(variant.lang)}"
        )
        shown: list[Cell] = [nodes.emphasis(label, label), ": ", variant.text]
        shown += citer.marks(variant.citations)
        if variant.note:
            shown.append(f" ({variant.note})")
        block += paragraph(shown, "film-quote-variant")
    if quote.russian:
        original: list[Cell] = [nodes.emphasis("Russian", "Russian"), ": "]
        original += [nodes.inline(quote.russian.text, quote.russian.text, classes=["film-ru"])]
        original += citer.marks(quote.russian.citations)
        if quote.russian.note:
            original.append(f" ({quote.russian.note})")
        block += paragraph(original, "film-quote-russian")
    attribution: list[Cell] = []
    if quote.speaker:
        attribution.append(link(reading, quote.speaker))
    if quote.scene:
        attribution += [", in " if attribution else "In ", link(reading, quote.scene)]
    if quote.essay:
        attribution += [", in " if attribution else "In ", link(reading, quote.essay)]
    if attribution:
        block += nodes.attribution("", "", *joined([attribution], ""))
    return [block]


def _quote(reading: Reading, quote: Quote, citer: Citer) -> Fields:
    fields: Fields = [("Kind", quote.kind.value)]
    if quote.themes:
        fields.append(("Themes", _links(reading, quote.themes)))
    return fields


def _essay(reading: Reading, essay: Essay, citer: Citer) -> Fields:
    fields: Fields = [("Author", link(reading, essay.author))]
    published = ", ".join(p for p in (essay.publisher, essay.date and format_date(essay.date)) if p)
    if published:
        fields.append(("Published", published))
    fields.append(("Source", link(reading, essay.source)))
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
    fields.append(("Language", language_name(source.language)))
    if source.url:
        fields.append(("Address", nodes.reference(source.url, source.url, refuri=source.url)))
    citing = cited_by(reading, source)
    if citing:
        fields.append(("Cited by", citing))
    return fields


def _claim(reading: Reading, claim: Claim, citer: Citer) -> Fields:
    fields: Fields = [
        ("About", [link(reading, claim.subject), f" ({claim.field.replace('_', ' ')})"]),
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
    fields: Fields = [("Russian", f"{term.native} ({term.transliteration})")]
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


#: Fields whose value is a list of links: the summary line counts their items.
_COUNTED = ("Relationships", "Scenes", "Characters", "Places", "Essays", "Cited by", "Plays")


def _lead(reading: Reading, entity: Entity, citer: Citer) -> list[nodes.Node]:
    """The lead: the record's main text, with its citations."""
    match entity:
        case Character() | Place():
            return [paragraph(_cited(citer, entity.description, entity.citations), "film-lead")]
        case Scene() | Theme() | Motif() | Essay():
            return [paragraph(_cited(citer, entity.summary, entity.citations), "film-lead")]
        case Term():
            return [paragraph(_cited(citer, entity.definition, entity.citations), "film-lead")]
        case Claim():
            return [paragraph(_cited(citer, entity.statement, entity.stated_by), "film-lead")]
        case Person() if entity.bio:
            return [paragraph(entity.bio, "film-lead")]
        case Quote():
            out = quote_block(reading, entity, citer)
            if entity.context:
                out.append(paragraph(entity.context, "film-lead", "film-quote-context"))
            return out
        case Source() | Award() if entity.note:
            return [paragraph(entity.note, "film-lead")]
    return []


def reading_layer(reading: Reading, entity: Entity, citer: Citer) -> list[nodes.Node]:
    """The entry's reading layer from the data: its one-line identity, then its lead."""
    line = identity(reading, entity)
    out: list[nodes.Node] = [paragraph(line + ".", "film-identity")] if line else []
    return out + _lead(reading, entity, citer)


def reference_fields(reading: Reading, entity: Entity, citer: Citer) -> Fields:
    """The entry's field values for the reference layer, one (name, value) per line."""
    fields = _RENDERERS[type(entity)](reading, entity, citer)
    return [(name, value) for name, value in fields if value]


def _summary_parts(fields: Fields, citer: Citer) -> list[str]:
    parts: list[str] = []
    facts = 0
    for name, value in fields:
        if name in _COUNTED:
            links = sum(
                1
                for v in (value if isinstance(value, list) else [value])
                if isinstance(v, entity_link)
            )
            parts.append(f"{name} ({links})" if links else name)
        else:
            facts += 1
    if facts:
        parts.insert(0, f"Facts ({facts})")
    if citer.numbers:
        parts.append(f"Sources ({len(citer.numbers)})")
    return parts


def render_entry(reading: Reading, entity: Entity) -> list[nodes.Node]:
    """The data part of ``entity``'s entry: the reading layer, then the reference layer."""
    citer = Citer(reading)
    out = reading_layer(reading, entity, citer)
    fields = reference_fields(reading, entity, citer)
    layer = reference_layer(entity=entity.id, parts=[])
    if fields:
        layer += field_list(fields)
    layer.extend(citer.sources())
    layer += mentioned_in("", entity=entity.id, kind=reading.kind_of(entity.id) or "")
    layer["parts"] = _summary_parts(fields, citer)
    out.append(layer)
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


def _is_entry(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Element) and "film-entry" in node["classes"]


def _entries_in(node: nodes.Element) -> int:
    return sum(1 for n in node.findall(nodes.Element) if "film-entry" in n["classes"])


def _insert_before_entries(section: nodes.Element, layer: nodes.Node) -> None:
    """Put ``layer`` at the end of ``section``'s reading text: before its first subsection
    that holds an entry of its own, else at its very end."""
    for i, child in enumerate(section.children):
        if isinstance(child, nodes.section) and _entries_in(child):
            section.insert(i, layer)
            return
    section.append(layer)


def _drop_repeated_title(section: nodes.Element, entry: nodes.Element) -> None:
    """The page's own entry does not repeat the page's title in bold under it."""
    title = section.next_node(nodes.title)
    for child in entry.findall(nodes.paragraph):
        if "film-entry-title" in child["classes"]:
            if title is not None and child.astext().casefold() == title.astext().casefold():
                # docutils has moved the entry's target id onto this paragraph: keep it.
                if child["ids"]:
                    child.replace_self(nodes.target("", "", ids=child["ids"]))
                else:
                    child.parent.remove(child)
            return


class ReferenceLast(SphinxTransform):
    """Move each entry's reference layer after the entry's reading text.

    An entry with ``:heading:`` is a section: its reference layer goes to the end of the
    section (before a subsection holding another entry). An entry without a heading that is
    the only entry of its section (a character's page opening with its entry) has its
    layer moved to the end of that section, after the page's own analysis; other entries
    (several in a row) keep it at the end of their own block, after their body.
    """

    default_priority = 880

    def apply(self, **kwargs: Any) -> None:
        for layer in list(self.document.findall(reference_layer)):
            entry = layer.parent
            if entry is None or not _is_entry(entry):
                continue
            entry.remove(layer)
            if isinstance(entry, nodes.section):
                _insert_before_entries(entry, layer)
                continue
            section = entry.parent
            if isinstance(section, nodes.section) and _entries_in(section) == 1:
                _insert_before_entries(section, layer)
                _drop_repeated_title(section, entry)
            else:
                entry.append(layer)
