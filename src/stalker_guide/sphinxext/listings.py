"""Directives that render a collection of the data: facts, cast, scenes, quotations, ...

Each renders only from the data (never from other pages), so it can be decided while its
page is read; links in it are placeholders resolved once every page is read. With
``:entries:`` a listing renders every item as a full entry and registers it as the link
target; without, it renders compact rows that link to the entries.

Wide matrices (the theme tracker, the presence chart) are strips on the web, drawn by
:mod:`.pictures`, and lists in words everywhere (print and the EPUB get only the lists).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import OptionSpec

from ..model import Character, Claim, Person, Quote, QuoteKind, Scene, Source, Tier, Verdict
from .entries import cited_by, entry_nodes, quote_block, see_links
from .identity import identity, lead
from .kinds import KINDS, sort_key
from .library import Reading
from .nodes import reference_layer
from .pictures import screen_only, strip_picture, strip_text
from .render import Cell, Citer, format_date, joined, language_name, link, paragraph, table
from .roles import suggest

__all__ = ["Listing", "LISTINGS"]

logger = logging.getLogger(__name__)


def _ids(argument: str | None) -> list[str]:
    """Option values that list ids, separated by spaces or commas."""
    return (argument or "").replace(",", " ").split()


def _part(argument: str | None) -> int:
    return directives.positive_int(argument or "")


class Listing(SphinxDirective):
    """A collection of the data, rendered; subclasses define :meth:`render`."""

    has_content = False
    required_arguments = 0
    optional_arguments = 0
    option_spec: ClassVar[OptionSpec] = {
        "entries": directives.flag,
        "class": directives.class_option,
    }
    listing: ClassVar[str]

    def run(self) -> list[nodes.Node]:
        reading = Reading(self.env)
        block = nodes.container(
            classes=["film-listing", f"film-{self.listing}", *self.options.get("class", [])]
        )
        self.set_source_info(block)
        block.extend(self.render(reading))
        return [block]

    def render(self, reading: Reading) -> list[nodes.Node]:
        raise NotImplementedError

    @property
    def entries(self) -> bool:
        return "entries" in self.options

    def entries_of(self, reading: Reading, kind: str, records: Iterable[Any]) -> list[nodes.Node]:
        """Full, registered entries of ``records``."""
        return [entry_nodes(self, reading, kind, r, index=True) for r in records]

    def warn(self, message: str) -> None:
        logger.warning("%s", message, location=self.get_location(), type="film", subtype="option")

    def option_id(self, reading: Reading, option: str, *kinds: str) -> str | None:
        """The id given to ``option``, checked to be of one of ``kinds``; None if absent."""
        value: str | None = self.options.get(option)
        if value is None:
            return None
        value = value.strip()
        found = reading.kind_of(value)
        if found not in kinds:
            known = [i for k in kinds for i in reading.all(k)]
            self.warn(
                f":{option}: {value!r} is not the id of a {' or '.join(kinds)}"
                f"{suggest(value, known)}"
            )
        reading.find(value)
        return value

    def option_ids(self, reading: Reading, option: str, kind: str) -> list[str] | None:
        """The ids given to ``option`` (all of ``kind``), or None if absent."""
        if option not in self.options:
            return None
        ids = _ids(self.options[option])
        known = list(reading.all(kind))
        for id in ids:
            if id not in known:
                self.warn(f":{option}: unknown {kind} id {id!r}{suggest(id, known)}")
        return [i for i in ids if i in known]

    def scenes(self, reading: Reading) -> list[Scene]:
        """The scenes, restricted to ``:part:`` if given."""
        part = self.options.get("part")
        scenes = list(reading.all("scene").values())
        return [s for s in scenes if part is None or s.part == part]


def _doc_link(label: str, shown: str) -> nodes.Node:
    """A link to the label ``label`` (a ``(label)=`` target on some page), showing ``shown``."""
    ref = addnodes.pending_xref(
        "", refdomain="std", reftype="ref", reftarget=label, refexplicit=True
    )
    ref += nodes.inline(shown, shown)
    return ref


def _page_link(docname: str, shown: str) -> nodes.Node:
    """A link to the page ``docname`` (absolute, as ``/plot/index``), showing ``shown``."""
    ref = addnodes.pending_xref(
        "", refdomain="std", reftype="doc", reftarget=docname, refexplicit=True
    )
    ref += nodes.inline(shown, shown)
    return ref


class Facts(Listing):
    """``{film:facts}``: the film's key facts, one short line each, with their sources.

    Where the sources disagree, the row gives the guide's figure and a link to the
    argument: ``:runtimes: label`` names the target of the running-time discussion.
    With ``:more:``, it renders instead the facts the short table leaves out (the other
    titles, the languages, genres, aspect ratio, budget and the studio's other names).
    """

    listing = "facts"
    option_spec: ClassVar[OptionSpec] = {
        **Listing.option_spec,
        "runtimes": directives.unchanged_required,
        "more": directives.flag,
    }

    def render(self, reading: Reading) -> list[nodes.Node]:
        cite = Citer(reading)
        rows = self.more(reading, cite) if "more" in self.options else self.key(reading, cite)
        out: list[nodes.Node] = [table(["Fact", "Value"], rows, "film-facts-table", stub=True)]
        # Print: a label column wide enough for "Running time" on one line, never hyphenated.
        out.insert(0, addnodes.tabular_col_spec(spec=r"\X{1}{4}\X{3}{4}"))
        return out + cite.sources()

    def key(self, reading: Reading, cite: Citer) -> list[tuple[str, Cell]]:
        film = reading.film()
        credits = reading.credits()
        rows: list[tuple[str, Cell]] = []
        title: list[Cell] = [nodes.emphasis(film.title, film.title)]
        if film.original_title and film.original_title != film.title:
            title.append(f"; in Russian {film.original_title}")
        rows.append(("Title", [*title, *cite.marks(film.citations)]))
        where = ", ".join(film.countries)
        rows.append(("Year", [f"{film.year}, {where}" if where else str(film.year)]))
        for label, job in (("Director", "director"), ("Screenplay", "screenplay")):
            people = [c for c in credits if c.job == job]
            if people:
                names = joined((link(reading, c.person) for c in people), " and ")
                rows.append((label, [*names, *cite.marks(x for c in people for x in c.citations)]))
        based = film.based_on
        novel: list[Cell] = [nodes.emphasis(based.title, based.title), f" ({based.year})"]
        if based.authors:
            novel += [" by ", *joined((link(reading, a) for a in based.authors), " and ")]
        rows.append(("Based on", [*novel, *cite.marks(based.citations)]))
        actors = [
            (person.id, character.id)
            for character in reading.all("character").values()
            for person in reading.played_by(character.id)
        ][:5]
        if actors:
            rows.append(("Cast", joined(link(reading, a) for a, _ in actors)))
        runtime = film.runtime
        shown: list[Cell] = [f"{runtime.minutes} minutes"]
        if runtime.held:
            shown.append(" (the restored edition)")
        shown += cite.marks(runtime.citations)
        others = sorted({r.minutes for r in film.runtimes} - {runtime.minutes})
        target = self.options.get("runtimes")
        if others and target:
            span = f"{min(others)}" if len(others) == 1 else f"{min(others)}\u2013{max(others)}"
            shown += ["; other listings ", span, " (", _doc_link(target, "why they differ"), ")"]
        rows.append(("Running time", shown))
        if film.parts:
            parts = joined(p.title for p in film.parts)
            rows.append(("Parts", [f"{len(film.parts)}: ", *parts]))
        rows.append(("Colour", [film.palette.value, *cite.marks(film.palette.citations)]))
        rows.append(("Studio", [film.studio.name, *cite.marks(film.studio.citations)]))
        awards = list(reading.all("award").values())
        if awards:
            prizes: list[Cell] = [
                *joined([link(reading, a.id), f" ({a.year})"] for a in awards[:3])
            ]
            if len(awards) > 3:
                prizes.append(", and others")
            rows.append(("Awards", prizes))
        return rows

    def more(self, reading: Reading, cite: Citer) -> list[tuple[str, Cell]]:
        film = reading.film()
        rows: list[tuple[str, Cell]] = []
        for title in film.titles:
            about = [x for x in (title.kind, title.lang and language_name(title.lang)) if x]
            if title.translation:
                about.append(f"“{title.translation}”")
            named = [title.text, f" ({', '.join(about)})", *cite.marks(title.citations)]
            rows.append(("Title", named))
        rows.append(("Language", ", ".join(film.languages)))
        if film.genres:
            rows.append(("Genre", ", ".join(film.genres)))
        studio = film.studio
        shown = studio.name + (f" ({studio.native_name})" if studio.native_name else "")
        if studio.credited_as:
            shown += f", credited as {studio.credited_as}"
        if studio.later_name:
            shown += f"; later {studio.later_name}"
        rows.append(("Studio", [shown, *cite.marks(studio.citations)]))
        based = film.based_on
        if based.native_title or based.note:
            novel: list[Cell] = [nodes.emphasis(based.title, based.title)]
            if based.native_title:
                novel.append(f" ({based.native_title})")
            if based.note:
                novel.append(f": {based.note}")
            rows.append(("Based on", [*novel, *cite.marks(based.citations)]))
        parts: list[Cell] = [
            [f"{p.number}. {p.title}", *cite.marks(p.citations)] for p in film.parts
        ]
        rows.append(("Parts", joined(parts, "; ")))
        fact = film.aspect_ratio
        note = f" ({fact.note})" if fact.note else ""
        rows.append(("Aspect ratio", [fact.value + note, *cite.marks(fact.citations)]))
        if film.budget:
            budget = [
                [f.value + (f" ({f.note})" if f.note else ""), *cite.marks(f.citations)]
                for f in film.budget
            ]
            rows.append(("Budget", joined(budget, "; ")))
        return rows


class Runtimes(Listing):
    """``{film:runtimes}``: every running time the sources give, with its edition."""

    listing = "runtimes"

    def render(self, reading: Reading) -> list[nodes.Node]:
        film = reading.film()
        cite = Citer(reading)
        rows: list[Sequence[Cell]] = []
        for runtime in film.runtimes:
            figure: list[Cell] = [f"{runtime.minutes} minutes", *cite.marks(runtime.citations)]
            if runtime.held:
                figure.append(" (the figure the guide gives)")
            rows.append([figure, runtime.edition or "", runtime.note or ""])
        if not rows:
            return []
        return [table(["Running time", "Where it is given", "Note"], rows), *cite.sources()]


class ShotStatistics(Listing):
    """``{film:shot-statistics}``: the sources' counts of shots and their lengths."""

    listing = "shot-statistics"

    def render(self, reading: Reading) -> list[nodes.Node]:
        film = reading.film()
        cite = Citer(reading)
        rows = [
            [[fact.value, *cite.marks(fact.citations)], fact.note or ""]
            for fact in film.shot_statistics
        ]
        if not rows:
            return []
        return [table(["Figure", "Note"], rows), *cite.sources()]


class ReleaseEvents(Listing):
    """``{film:release-events}``: screenings, releases and restorations, dated."""

    listing = "release-events"

    def render(self, reading: Reading) -> list[nodes.Node]:
        film = reading.film()
        cite = Citer(reading)
        rows = [
            [
                format_date(event.date),
                [event.kind.replace("-", " "), *cite.marks(event.citations)],
                event.place or "",
                event.note or "",
            ]
            for event in film.release_events
        ]
        if not rows:
            return []
        return [table(["Date", "Event", "Place", "Note"], rows), *cite.sources()]


class Cast(Listing):
    """``{film:cast}``: actor and character, with their Russian names."""

    listing = "cast"

    def render(self, reading: Reading) -> list[nodes.Node]:
        rows: list[Sequence[Cell]] = []
        actors: dict[str, Any] = {}
        for character in reading.all("character").values():
            for person in reading.played_by(character.id):
                actors[person.id] = person
                rows.append(
                    [
                        link(reading, person.id),
                        person.native_name or "",
                        link(reading, character.id),
                        character.native_name or "",
                    ]
                )
        out: list[nodes.Node] = []
        if rows:
            out.append(table(["Actor", "Russian", "Character", "Russian"], rows, "longtable"))
        if self.entries:
            out += self.entries_of(reading, "person", actors.values())
        return out


class Crew(Listing):
    """``{film:crew}``: who did which job, whether the credits name them, and notes."""

    listing = "crew"

    def render(self, reading: Reading) -> list[nodes.Node]:
        cite = Citer(reading)
        rows: list[Sequence[Cell]] = []
        people: dict[str, Any] = {}
        for credit in reading.credits():
            people[credit.person] = reading.find(credit.person)
            credited = "yes" if credit.credited else "uncredited"
            if credit.credited_as:
                credited += f", as {credit.credited_as}"
            rows.append(
                [
                    credit.job,
                    link(reading, credit.person),
                    [credited, *cite.marks(credit.citations)],
                    credit.note or "",
                ]
            )
        out: list[nodes.Node] = []
        if rows:
            out += [table(["Job", "Person", "Credited", "Note"], rows, "longtable")]
            out += cite.sources()
        if self.entries:
            out += self.entries_of(reading, "person", people.values())
        return out


class Scenes(Listing):
    """``{film:scenes}``: the scenes by part, as compact rows or full entries."""

    listing = "scenes"
    option_spec: ClassVar[OptionSpec] = {**Listing.option_spec, "part": _part}

    def render(self, reading: Reading) -> list[nodes.Node]:
        scenes = self.scenes(reading)
        if self.entries:
            return self.entries_of(reading, "scene", scenes)
        film = reading.film()
        out: list[nodes.Node] = []
        for part in film.parts:
            rows = [
                [
                    str(s.number),
                    link(reading, s.id),
                    s.palette.value,
                    joined(link(reading, c) for c in s.characters),
                ]
                for s in scenes
                if s.part == part.number
            ]
            if rows:
                title = part.title
                out.append(table(["No.", "Scene", "Palette", "Characters"], rows, title=title))
        return out


class ThemeTracker(Listing):
    """``{film:theme-tracker}``: scenes against themes, as in LitCharts.

    On the web a strip per theme (see :mod:`.pictures`); everywhere, the same in words.
    """

    listing = "theme-tracker"
    option_spec: ClassVar[OptionSpec] = {
        **Listing.option_spec,
        "part": _part,
        "themes": directives.unchanged,
    }

    def render(self, reading: Reading) -> list[nodes.Node]:
        themes = self.option_ids(reading, "themes", "theme")
        columns = themes if themes is not None else list(reading.all("theme"))
        scenes = self.scenes(reading)
        caption = (
            "Themes scene by scene. Each row is a theme, marked by its colour and its "
            "two-letter code; each column is a scene, in running order. A filled cell "
            "means the scene carries the theme, and links to the scene. The same in words: "
            "the list below."
        )
        picture = strip_picture("tracker", scenes, columns, caption)
        title = paragraph("Themes scene by scene", "film-label")
        return screen_only(picture, [title, strip_text(reading, scenes, columns, _has_theme)])


class Presence(Listing):
    """``{film:presence}``: which characters are in which scenes: the film at a glance.

    On the web a strip of the scenes, in sepia or colour, with a row per character; with
    ``:compact:`` the list in words is left to print and the EPUB, and with ``:no-titles:``
    the scenes show their numbers only (scene titles give the story away).
    """

    listing = "presence"
    option_spec: ClassVar[OptionSpec] = {
        **Listing.option_spec,
        "part": _part,
        "characters": directives.unchanged,
        "compact": directives.flag,
        "no-titles": directives.flag,
    }

    def render(self, reading: Reading) -> list[nodes.Node]:
        scenes = self.scenes(reading)
        chosen = self.option_ids(reading, "characters", "character")
        if chosen is None:
            seen = {c for s in scenes for c in s.characters}
            chosen = [c for c in reading.all("character") if c in seen]
        reading.film()  # the parts' names
        caption = (
            "The film at a glance: the scenes in running order, Part One then Part Two, "
            "each in sepia or in colour as the film shows it, and a row per character "
            "marking the scenes they are in. Each scene links to its summary."
        )
        titles = "no-titles" not in self.options
        compact = "compact" in self.options
        picture = strip_picture("glance", scenes, chosen, caption, titles=titles)
        more: list[nodes.Node] = []
        if not titles:
            more += [nodes.Text(" The scenes' titles, which tell the story, are on ")]
            more += [_page_link("/plot/index", "the plot overview"), nodes.Text(".")]
        if not compact:
            more.append(nodes.Text(" The same in words: the list below."))
        under = picture.next_node(nodes.caption)
        assert under is not None  # strip_picture's figure always has its caption
        under.extend(more)
        words: list[nodes.Node] = [
            paragraph("Characters scene by scene", "film-label"),
            strip_text(reading, scenes, chosen, _has_character),
        ]
        if compact:
            return screen_only(picture, []) + _per_format_print(words)
        return screen_only(picture, words)


def _has_theme(scene: Scene, theme: str) -> bool:
    return theme in scene.themes


def _has_character(scene: Scene, character: str) -> bool:
    return character in scene.characters


def _per_format_print(content: list[nodes.Node]) -> list[nodes.Node]:
    other = addnodes.only(expr="not format_html or builder_epub")
    other.extend(content)
    return [other]


class Relationships(Listing):
    """``{film:relationships}``: who is what to whom."""

    listing = "relationships"

    def render(self, reading: Reading) -> list[nodes.Node]:
        cite = Citer(reading)
        rows: list[Sequence[Cell]] = []
        involved: dict[str, Character] = {}
        for character in reading.all("character").values():
            for tie in character.relationships:
                involved[character.id] = character
                rows.append(
                    [
                        link(reading, character.id),
                        [tie.kind, *cite.marks(tie.citations)],
                        link(reading, tie.to),
                        tie.note or "",
                    ]
                )
        out: list[nodes.Node] = []
        if rows:
            out += [table(["Character", "is", "of", "Note"], rows), *cite.sources()]
        if self.entries:
            out += self.entries_of(reading, "character", involved.values())
        return out


class Quotes(Listing):
    """``{film:quotes}``: quotations, filtered, with their renderings side by side."""

    listing = "quotes"
    option_spec: ClassVar[OptionSpec] = {
        **Listing.option_spec,
        "speaker": directives.unchanged_required,
        "theme": directives.unchanged_required,
        "kind": lambda value: directives.choice(value, [k.value for k in QuoteKind]),
        "scene": directives.unchanged_required,
        "essay": directives.unchanged_required,
    }

    def render(self, reading: Reading) -> list[nodes.Node]:
        speaker = self.option_id(reading, "speaker", "character", "person")
        theme = self.option_id(reading, "theme", "theme")
        scene = self.option_id(reading, "scene", "scene")
        essay = self.option_id(reading, "essay", "essay")
        kind = self.options.get("kind")
        quotes: list[Quote] = [
            q
            for q in reading.all("quote").values()
            if (speaker is None or q.speaker == speaker)
            and (theme is None or theme in q.themes)
            and (scene is None or q.scene == scene)
            and (essay is None or q.essay == essay)
            and (kind is None or q.kind.value == kind)
        ]
        if self.entries:
            return self.entries_of(reading, "quote", quotes)
        out: list[nodes.Node] = []
        for quote in quotes:
            # The same layout as the quotation's entry: its words, its variants and the
            # Russian, the context; then its sources, folded like an entry's reference.
            cite = Citer(reading)
            item = nodes.container(classes=["film-quote-item"])
            item.extend(quote_block(reading, quote, cite))
            if quote.context:
                item += paragraph(quote.context, "film-quote-context")
            layer = reference_layer(entity=quote.id)
            layer += paragraph(link(reading, quote.id, "About this quotation"), "film-quote-meta")
            layer.extend(cite.sources())
            layer["parts"] = [f"Sources ({len(cite.numbers)})"]
            item += layer
            out.append(item)
        return out


def _quote_citations(quote: Quote) -> list[Any]:
    return [*quote.citations, *(c for v in quote.variants for c in v.citations)]


class Claims(Listing):
    """``{film:claims}``: the claims registry: what sources state, and the verdicts."""

    listing = "claims"
    option_spec: ClassVar[OptionSpec] = {
        **Listing.option_spec,
        "verdict": lambda value: directives.choice(value, [v.value for v in Verdict]),
        "subject": directives.unchanged_required,
        "source": directives.unchanged_required,
    }

    def render(self, reading: Reading) -> list[nodes.Node]:
        subject = self.option_id(reading, "subject", *KINDS, "film")
        source = self.option_id(reading, "source", "source")
        verdict = self.options.get("verdict")
        claims: list[Claim] = [
            c
            for c in reading.all("claim").values()
            if (verdict is None or c.verdict.value == verdict)
            and (subject is None or c.subject == subject)
            and (source is None or any(x.source == source for x in (*c.stated_by, *c.citations)))
        ]
        if self.entries:
            return self.entries_of(reading, "claim", claims)
        cite = Citer(reading)
        rows: list[Sequence[Cell]] = [
            [
                link(reading, c.id),
                link(reading, c.subject),
                joined(link(reading, s) for s in dict.fromkeys(x.source for x in c.stated_by)),
                c.verdict.value,
                [c.holds or "", *cite.marks(c.citations)],
            ]
            for c in claims
        ]
        if not rows:
            return []
        headers = ["Claim", "About", "Stated by", "Verdict", "The guide holds"]
        return [table(headers, rows, "longtable"), *cite.sources("Evidence")]


class Sources(Listing):
    """``{film:sources}``: the sources, their tier, and what cites each."""

    listing = "sources"
    option_spec: ClassVar[OptionSpec] = {
        **Listing.option_spec,
        "tier": lambda value: directives.choice(value, [t.value for t in Tier]),
    }

    def render(self, reading: Reading) -> list[nodes.Node]:
        tier = self.options.get("tier")
        sources: list[Source] = [
            s for s in reading.all("source").values() if tier is None or s.tier.value == tier
        ]
        if self.entries:
            return self.entries_of(reading, "source", sources)
        rows = [
            [link(reading, s.id), s.kind.replace("-", " "), s.tier.value, cited_by(reading, s)]
            for s in sources
        ]
        if not rows:
            return []
        return [table(["Source", "Kind", "Tier", "Cited by"], rows, "longtable")]


class Awards(Listing):
    """``{film:awards}``: prizes and rankings."""

    listing = "awards"

    def render(self, reading: Reading) -> list[nodes.Node]:
        awards = list(reading.all("award").values())
        if self.entries:
            return self.entries_of(reading, "award", awards)
        cite = Citer(reading)
        rows = [
            [
                str(a.year),
                link(reading, a.id),
                a.body,
                [a.result + (f", rank {a.rank}" if a.rank else ""), *cite.marks(a.citations)],
            ]
            for a in awards
        ]
        if not rows:
            return []
        return [table(["Year", "Award", "Awarded by", "Result"], rows), *cite.sources()]


class Glossary(Listing):
    """``{film:glossary}``: the film's vocabulary, with the Russian, A to Z.

    On screen an A to Z bar leads to the letters; each letter heads its terms.
    """

    listing = "glossary"

    def render(self, reading: Reading) -> list[nodes.Node]:
        terms = sorted(reading.all("term").values(), key=sort_key)
        if not terms:
            return []
        letters: dict[str, list[Any]] = {}
        for term in terms:
            letters.setdefault(sort_key(term)[:1].upper(), []).append(term)
        out: list[nodes.Node] = [self.bar(letters)]
        cite = Citer(reading)
        for letter, group in letters.items():
            anchor = f"glossary-{letter.lower()}"
            # A heading of the page's second level (<h2>; a section heading in print) that
            # stays out of the table of contents.
            heading = nodes.rubric(letter, letter, ids=[anchor], classes=["film-az-letter"])
            heading["heading-level"] = 2
            out.append(heading)
            if self.entries:
                out += self.entries_of(reading, "term", group)
                continue
            items = nodes.definition_list(classes=["film-glossary"])
            for term in group:
                head = nodes.term("", "", link(reading, term.id))
                head += nodes.Text(f" ({term.native}, {term.transliteration})")
                body = nodes.definition(
                    "", paragraph([term.definition, *cite.marks(term.citations)])
                )
                if term.see:
                    body += paragraph(["See ", *see_links(reading, term.see, of=term.id)])
                items += nodes.definition_list_item("", head, body)
            out.append(items)
        return out + cite.sources()

    def bar(self, letters: dict[str, list[Any]]) -> nodes.Node:
        """The A to Z bar (on screen only: print has its letters and a table of contents)."""
        bar = nodes.paragraph(classes=["film-az"])
        for i, letter in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZ"):
            if i:
                bar += nodes.Text(" ")
            if letter in letters:
                bar += nodes.reference(letter, letter, refid=f"glossary-{letter.lower()}")
            else:
                bar += nodes.inline(letter, letter, classes=["film-az-none"])
        screen = addnodes.only(expr="format_html")
        screen += bar
        return screen


def describe(reading: Reading, record: Any) -> str:
    """One line on who or what ``record`` is, for an index: a person's or a character's
    identity line (their jobs, their part), else the first sentence of the entry's lead."""
    if isinstance(record, (Person, Character)):
        return identity(reading, record)
    return lead(reading, record, sentences=1) or identity(reading, record)


class IndexList(Listing):
    """``{film:index-list} kind``: every entity of one kind, linked, with a line on each."""

    listing = "index-list"
    required_arguments = 1

    def render(self, reading: Reading) -> list[nodes.Node]:
        kind = self.arguments[0].strip()
        if kind not in KINDS:
            self.warn(
                f"unknown kind {kind!r}{suggest(kind, list(KINDS))}; one of {', '.join(KINDS)}"
            )
            return []
        records = list(reading.all(kind).values())
        if kind != "scene":
            records.sort(key=sort_key)
        if self.entries:
            return self.entries_of(reading, kind, records)
        items = nodes.bullet_list(classes=["film-index-list"])
        for record in records:
            native = getattr(record, "native_name", None) or getattr(record, "native", None)
            parts: list[Cell] = []
            if kind == "scene":
                parts.append(f"{record.number}. ")
            parts.append(nodes.strong("", "", link(reading, record.id)))
            if native:
                parts.append(f" ({native})")
            line = describe(reading, record)
            if line:
                parts.append(f" \u2014 {line}")
            items += nodes.list_item("", paragraph(parts))
        return [items] if records else []


#: directive name (after ``film:``) -> class.
LISTINGS: dict[str, type[Listing]] = {
    cls.listing: cls
    for cls in (
        Facts,
        Runtimes,
        ShotStatistics,
        ReleaseEvents,
        Cast,
        Crew,
        Scenes,
        ThemeTracker,
        Presence,
        Relationships,
        Quotes,
        Claims,
        Sources,
        Awards,
        Glossary,
        IndexList,
    )
}
