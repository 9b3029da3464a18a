"""The Guide: the whole film as one loaded, read-only graph of records.

A :class:`Guide` is made by :func:`stalker_guide.load`, which has already
checked every reference; its collections are read-only mappings from id to
record, in the order of the data files.

>>> import stalker_guide
>>> g = stalker_guide.load()
>>> g.film.title
'Stalker'
>>> g.get("stalker").name
'the Stalker'
>>> g.kind_of("stalker")
'character'
"""

from __future__ import annotations

from types import MappingProxyType

from .model import (
    Award,
    Character,
    Citation,
    Claim,
    Credit,
    Essay,
    Film,
    Frozen,
    Motif,
    Person,
    Place,
    Quote,
    Relationship,
    Scene,
    Source,
    Term,
    Theme,
    fields,
    is_record_class,
    type_hints,
)

# typing is imported by type checkers only: importing it costs milliseconds.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping
    from typing import Any, TypeVar

    from .names import NameIndex
    from .search import Hit, SearchIndex

    _E = TypeVar("_E")

__all__ = ["Guide", "Entity", "Record", "Tie", "KINDS", "UnknownIdError"]

#: Any record with an id.
Entity = (
    Film
    | Source
    | Person
    | Character
    | Place
    | Scene
    | Theme
    | Motif
    | Quote
    | Essay
    | Award
    | Claim
    | Term
)

#: Any record the guide holds at the top level: an entity, or a credit (which has no id).
Record = Entity | Credit


class UnknownIdError(KeyError):
    """No record has this id (a ``KeyError``, so a ``LookupError``).

    ``id`` is what was given. When it is a name rather than an id, the message
    says which record :meth:`Guide.find` gives for it; otherwise it names close
    ids, if any.

    >>> import stalker_guide
    >>> stalker_guide.guide.played_by("Writer")
    Traceback (most recent call last):
    ...
    stalker_guide.guide.UnknownIdError: 'Writer' is not an id; did you mean find('Writer') → 'writer'?
    """  # noqa: E501

    def __init__(self, id: str, message: str) -> None:
        super().__init__(id)
        self.id = id
        self.message = message

    def __str__(self) -> str:
        return self.message


class Tie(Frozen):
    """A relationship seen from one character's side.

    ``outgoing`` is True when the character itself declares the relationship
    ("<character> is <kind> of <other>"), False when ``other`` declares it
    ("<other> is <kind> of <character>").
    """

    relationship: Relationship
    other: Character
    outgoing: bool


#: Each kind of record with an id, with the attribute of :class:`Guide` that
#: holds its records.
KINDS: Mapping[str, str] = MappingProxyType(
    {
        "source": "sources",
        "person": "people",
        "character": "characters",
        "place": "places",
        "scene": "scenes",
        "theme": "themes",
        "motif": "motifs",
        "quote": "quotes",
        "essay": "essays",
        "award": "awards",
        "claim": "claims",
        "term": "terms",
    }
)


class Guide:
    """The film's data, loaded and checked; nothing in it can be changed.

    Ids are unique across all kinds, so :meth:`get` needs no kind.
    """

    __slots__ = (
        "_index",
        "_kinds",
        "_lazy",
        "awards",
        "characters",
        "claims",
        "credits",
        "essays",
        "film",
        "motifs",
        "people",
        "places",
        "quotes",
        "scenes",
        "sources",
        "terms",
        "themes",
    )

    film: Film
    sources: Mapping[str, Source]
    people: Mapping[str, Person]
    credits: tuple[Credit, ...]
    characters: Mapping[str, Character]
    places: Mapping[str, Place]
    scenes: Mapping[str, Scene]
    themes: Mapping[str, Theme]
    motifs: Mapping[str, Motif]
    quotes: Mapping[str, Quote]
    essays: Mapping[str, Essay]
    awards: Mapping[str, Award]
    claims: Mapping[str, Claim]
    terms: Mapping[str, Term]
    _index: Mapping[str, Entity]
    _kinds: Mapping[str, str]
    # Indexes built on first use (see _reverse), so that loading stays fast.
    _lazy: dict[str, Any]

    def __init__(
        self,
        *,
        film: Film,
        credits: tuple[Credit, ...],
        **collections: Mapping[str, Any],
    ) -> None:
        setter = object.__setattr__
        setter(self, "film", film)
        setter(self, "credits", tuple(credits))
        index: dict[str, Any] = {film.id: film}
        kinds: dict[str, str] = {film.id: "film"}
        for kind, attribute in KINDS.items():
            records = MappingProxyType(dict(collections.get(attribute, {})))
            setter(self, attribute, records)
            for key, record in records.items():
                index[key] = record
                kinds[key] = kind
        setter(self, "_index", MappingProxyType(index))
        setter(self, "_kinds", MappingProxyType(kinds))
        setter(self, "_lazy", {})

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Guide is read-only: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Guide is read-only: cannot delete {name!r}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Guide):
            return NotImplemented
        return (
            self.film == other.film
            and self.credits == other.credits
            and all(dict(getattr(self, a)) == dict(getattr(other, a)) for a in KINDS.values())
        )

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Pickles as its records (and its name index's tiers as plain dicts, if
        # built or brought from the cache), in any state: multiprocessing and
        # copy.deepcopy rely on this. Indexes built on first use are left out.
        collections = {attribute: dict(getattr(self, attribute)) for attribute in KINDS.values()}
        names = self._lazy.get("names")
        tiers = self._lazy.get("name-tiers")
        if names is not None:
            tiers = {f.name: dict(getattr(names, f.name)) for f in fields(names)}
        return _restore, (self.film, self.credits, collections, tiers)

    def __repr__(self) -> str:
        counts = ", ".join(f"{a}={len(getattr(self, a))}" for a in KINDS.values())
        return f"<Guide {self.film.title!r} ({self.film.year}): {counts}>"

    def __contains__(self, id: object) -> bool:
        return id in self._index

    def __iter__(self) -> Iterator[Entity]:
        """Every record with an id, the film first."""
        return iter(self._index.values())

    def get(self, id: str) -> Entity:
        """The record with this id, of any kind; :class:`UnknownIdError` (a
        KeyError) if there is none, TypeError if ``id`` is not a string.

        >>> import stalker_guide
        >>> stalker_guide.guide.get("writer").name
        'the Writer'
        """
        record: Entity | None = self._index.get(id) if isinstance(id, str) else None
        if record is None:
            raise self._unknown(id)
        return record

    def find(self, text: str) -> Entity:
        """The person or character called ``text``, or the record with that id.

        ``text`` may be an id, any name, spelling or alias the data lists, in
        any case and with or without diacritics, the Cyrillic name, or a
        transliteration of it in any standard scheme (see
        :mod:`stalker_guide.names`), even one the data does not list. A
        surname alone works when only one person has it.

        Raises :class:`~stalker_guide.names.AmbiguousNameError` (listing the
        candidates) or :class:`~stalker_guide.names.UnknownNameError` (with
        close suggestions); both are LookupErrors that carry ``value``.

        >>> import stalker_guide
        >>> g = stalker_guide.guide
        >>> g.find("ANDREJ TARKOWSKI").id
        'andrei-tarkovsky'
        >>> g.find("Анатолий Солоницын").name
        'Anatoly Solonitsyn'
        >>> g.find("Strugatsky")
        Traceback (most recent call last):
        ...
        stalker_guide.names.AmbiguousNameError: 'Strugatsky' could be any of: Arkady Strugatsky (person arkady-strugatsky), Boris Strugatsky (person boris-strugatsky); give a fuller name or an id
        """  # noqa: E501
        from .names import AmbiguousNameError, UnknownNameError

        if not isinstance(text, str):
            raise TypeError(f"find() takes a name or an id (a str), not {type(text).__name__}")
        index = self.names()
        try:
            return self._index[index.find(text)]
        except AmbiguousNameError as error:
            labels = [self.label(c) for c in error.candidates]
            raise AmbiguousNameError(text, error.candidates, labels) from None
        except UnknownNameError as error:
            labels = [self.label(s) for s in error.suggestions]
            raise UnknownNameError(text, error.suggestions, labels) from None

    def search(
        self, query: str, *, kinds: Iterable[str] | str | None = None, limit: int | None = 20
    ) -> tuple[Hit, ...]:
        """Records of any kind matching ``query`` (words or a question), best first.

        Common words are left out and the others matched on their stems, in
        names, titles, credits, quotations, summaries and notes, names counting
        most; see :mod:`stalker_guide.search`. ``kinds`` keeps only hits of those
        kinds (``"quote"``, ``"people"``, ...: singular or plural); an unknown
        kind raises :class:`ValueError`. ``limit`` is a positive number, or
        ``None`` for every hit. The index is built on the first search.

        >>> import stalker_guide
        >>> hits = stalker_guide.guide.search("Room", kinds=["place"])
        >>> hits[0].record.name, hits[0].field
        ('the Room', 'name')
        >>> stalker_guide.guide.search("what is the Room")[0].id
        'room'
        """
        if not isinstance(query, str):
            raise TypeError(f"search() takes words (a str), not {type(query).__name__}")
        index = self._lazy.get("search")
        if index is None:
            from .search import SearchIndex

            index = self._lazy["search"] = SearchIndex(self)
        searcher: SearchIndex = index
        return searcher.search(query, kinds=kinds, limit=limit)

    def names(self) -> NameIndex:
        """The index of every name and spelling :meth:`find` looks in (built on first use)."""
        index: NameIndex | None = self._lazy.get("names")
        if index is None:
            from .names import NameIndex

            # A guide from the cache brings its index's tiers (plain mappings).
            # Plain dicts, as NameIndex.build makes them: they pickle.
            tiers = self._lazy.pop("name-tiers", None)
            index = NameIndex(**tiers) if tiers is not None else NameIndex.build(self)
            self._lazy["names"] = index
        return index

    def label(self, id: str) -> str:
        """A record's name (or title), its kind and its id, for messages.

        >>> import stalker_guide
        >>> stalker_guide.guide.label("writer")
        'the Writer (character writer)'
        """
        record = self.get(id)
        name = next(
            (
                value
                for attribute in ("name", "title", "term")
                if isinstance(value := getattr(record, attribute, None), str)
            ),
            None,
        )
        kind = self.kind_of(id)
        return f"{name} ({kind} {id})" if name else f"{kind} {id}"

    def kind_of(self, id: str) -> str:
        """The kind of the record with this id (``"person"``, ``"scene"``, ...)."""
        kind: str | None = self._kinds.get(id) if isinstance(id, str) else None
        if kind is None:
            raise self._unknown(id)
        return kind

    def _unknown(self, id: object) -> UnknownIdError:
        """The error for an id no record has (TypeError if it is not a string):
        if it is a name, say what :meth:`find` makes of it."""
        if not isinstance(id, str):
            raise TypeError(f"an id is a str, not {type(id).__name__}")
        from .names import AmbiguousNameError, UnknownNameError

        message = f"{id!r} is not an id"
        try:
            found = self.find(id)
        except AmbiguousNameError as error:
            message += f"; as a name, find({id!r}) could be any of: "
            message += ", ".join(repr(c) for c in error.candidates)
        except UnknownNameError as error:
            if error.suggestions:
                close = " or ".join(repr(c) for c in error.suggestions[:3])
                message += f"; did you mean {close}?"
        else:
            message += f"; did you mean find({id!r}) → {found.id!r}?"
        return UnknownIdError(id, message)

    # ------------------------------------------------------------------ relations

    def records(self) -> Iterator[Record]:
        """Every record: the film, then each kind in the order of :data:`KINDS`,
        with the credits after the people.

        >>> import stalker_guide
        >>> next(stalker_guide.guide.records()).id
        'film'
        """
        yield self.film
        for kind, attribute in KINDS.items():
            yield from getattr(self, attribute).values()
            if kind == "person":
                yield from self.credits

    def _of_kind(self, id: str, kind: str) -> Any:
        found = self._kinds.get(id) if isinstance(id, str) else None
        if found is None:
            raise self._unknown(id)
        if found != kind:
            raise KeyError(f"{id!r} is a {found}, not a {kind}")
        return self._index[id]

    def _known(self, id: str) -> None:
        if not isinstance(id, str) or id not in self._index:
            raise self._unknown(id)

    def _reverse(self) -> Mapping[str, tuple[_Mention, ...]]:
        """id -> every place a record refers to it, in record order; built once."""
        reverse = self._lazy.get("reverse")
        if reverse is None:
            found: dict[str, list[_Mention]] = {}
            for record in self.records():
                for target, path, cited in _walk(record, "", False):
                    mention = _Mention(record=record, path=path, cited=cited)
                    found.setdefault(target, []).append(mention)
            reverse = self._lazy["reverse"] = {k: tuple(v) for k, v in found.items()}
        mentions: Mapping[str, tuple[_Mention, ...]] = reverse
        return mentions

    def _referring(self, id: str, kind: type[_E], paths: Iterable[str]) -> tuple[_E, ...]:
        """Records of type ``kind`` that refer to ``id`` in one of ``paths``, once each."""
        wanted = frozenset(paths)
        out: dict[int, _E] = {}
        for mention in self._reverse().get(id, ()):
            if isinstance(mention.record, kind) and mention.path in wanted:
                out.setdefault(_identity(mention.record), mention.record)
        return tuple(out.values())

    def played_by(self, character_id: str) -> tuple[Person, ...]:
        """The actors who play a character, in credit order.

        >>> import stalker_guide
        >>> [p.name for p in stalker_guide.guide.played_by("writer")]
        ['Anatoly Solonitsyn']
        """
        character: Character = self._of_kind(character_id, "character")
        return tuple(self.people[p] for p in character.played_by)

    def roles_of(self, person_id: str) -> tuple[Character, ...]:
        """The characters a person plays.

        >>> import stalker_guide
        >>> [c.name for c in stalker_guide.guide.roles_of("anatoly-solonitsyn")]
        ['the Writer']
        """
        self._of_kind(person_id, "person")
        return self._referring(person_id, Character, ("played_by",))

    def credits_of(self, person_id: str) -> tuple[Credit, ...]:
        """A person's credits (jobs on the film), credited or not.

        >>> import stalker_guide
        >>> g = stalker_guide.guide
        >>> all(c.person == "andrei-tarkovsky" for c in g.credits_of("andrei-tarkovsky"))
        True
        >>> len(g.credits_of("andrei-tarkovsky")) > 0
        True
        """
        self._of_kind(person_id, "person")
        return self._referring(person_id, Credit, ("person",))

    def scenes_with(self, id: str) -> tuple[Scene, ...]:
        """Scenes whose characters, places, themes or motifs include ``id``, in running order.

        >>> import stalker_guide
        >>> g = stalker_guide.guide
        >>> scenes = g.scenes_with("writer")
        >>> all("writer" in s.characters for s in scenes), scenes[0].part
        (True, 1)
        """
        self._known(id)
        return self._referring(id, Scene, ("characters", "places", "themes", "motifs"))

    def neighbours(self, scene_id: str) -> tuple[Scene | None, Scene | None]:
        """The scenes just before and just after a scene (None at either end of the film).

        >>> import stalker_guide
        >>> g = stalker_guide.guide
        >>> first, second = list(g.scenes.values())[:2]
        >>> g.neighbours(first.id) == (None, second)
        True
        """
        self._of_kind(scene_id, "scene")
        order: tuple[Scene, ...] | None = self._lazy.get("scene_order")
        if order is None:
            order = self._lazy["scene_order"] = tuple(self.scenes.values())
        i = next(i for i, s in enumerate(order) if s.id == scene_id)
        before = order[i - 1] if i > 0 else None
        after = order[i + 1] if i + 1 < len(order) else None
        return before, after

    def quotes_about(self, id: str) -> tuple[Quote, ...]:
        """Quotations whose speaker, scene, essay or themes is ``id``.

        >>> import stalker_guide
        >>> g = stalker_guide.guide
        >>> all(q.speaker == "stalker" for q in g.quotes_about("stalker"))
        True
        >>> len(g.quotes_about("stalker")) > 0
        True
        """
        self._known(id)
        return self._referring(id, Quote, ("speaker", "scene", "essay", "themes"))

    def essays_on(self, theme_id: str) -> tuple[Essay, ...]:
        """The critics' essays that take up a theme.

        >>> import stalker_guide
        >>> g = stalker_guide.guide
        >>> all("faith" in e.themes for e in g.essays_on("faith"))
        True
        """
        self._of_kind(theme_id, "theme")
        return self._referring(theme_id, Essay, ("themes",))

    def motifs_of(self, theme_id: str) -> tuple[Motif, ...]:
        """The motifs and symbols that bear on a theme.

        >>> import stalker_guide
        >>> g = stalker_guide.guide
        >>> all("faith" in m.themes for m in g.motifs_of("faith"))
        True
        """
        self._of_kind(theme_id, "theme")
        return self._referring(theme_id, Motif, ("themes",))

    def themes_of(self, id: str) -> tuple[Theme, ...]:
        """The themes at work around a record, in the order of the themes file.

        For a character: the themes of the scenes it is in and of the
        quotations it speaks. For a scene, quotation, motif or essay: its own
        ``themes``.

        >>> import stalker_guide
        >>> g = stalker_guide.guide
        >>> [t.id for t in g.themes_of("faith")]
        Traceback (most recent call last):
        ...
        KeyError: "'faith' is a theme: themes_of takes a character, scene, quote, motif or essay"
        """
        kind = self._kinds.get(id) if isinstance(id, str) else None
        if kind is None:
            raise self._unknown(id)
        ids: set[str] = set()
        if kind == "character":
            for scene in self.scenes_with(id):
                ids.update(scene.themes)
            for quote in self._referring(id, Quote, ("speaker",)):
                ids.update(quote.themes)
        elif isinstance(record := self._index[id], Scene | Quote | Motif | Essay):
            ids.update(record.themes)
        else:
            raise KeyError(
                f"{id!r} is a {kind}: themes_of takes a character, scene, quote, motif or essay"
            )
        return tuple(t for key, t in self.themes.items() if key in ids)

    def relationships_of(self, character_id: str) -> tuple[Tie, ...]:
        """A character's relationships, both those it declares and those declared towards it.

        >>> import stalker_guide
        >>> g = stalker_guide.guide
        >>> ties = g.relationships_of("stalker")
        >>> "wife" in {t.other.id for t in ties}
        True
        """
        character: Character = self._of_kind(character_id, "character")
        ties = [
            Tie(relationship=r, other=self.characters[r.to], outgoing=True)
            for r in character.relationships
        ]
        for other in self._referring(character_id, Character, ("relationships.to",)):
            for r in other.relationships:
                if r.to == character_id and other is not character:
                    ties.append(Tie(relationship=r, other=other, outgoing=False))
        return tuple(ties)

    def claims_about(self, id: str) -> tuple[Claim, ...]:
        """The claims whose subject is ``id``: what sources say about it, and the verdicts.

        >>> import stalker_guide
        >>> g = stalker_guide.guide
        >>> all(c.subject == "film" for c in g.claims_about("film"))
        True
        """
        self._known(id)
        return self._referring(id, Claim, ("subject",))

    def claims_citing(self, source_id: str) -> tuple[Claim, ...]:
        """The claims a source makes (``stated_by``) or is evidence for (``citations``).

        >>> import stalker_guide
        >>> g = stalker_guide.guide
        >>> len(g.claims_citing("seed-fiff")) > 0
        True
        """
        self._of_kind(source_id, "source")
        return self._referring(source_id, Claim, ("stated_by.source", "citations.source"))

    def citing(self, source_id: str) -> tuple[Record, ...]:
        """Every record (entity or credit) that cites a source anywhere, nested citations too.

        >>> import stalker_guide
        >>> g = stalker_guide.guide
        >>> g.film in g.citing("wp17")
        True
        """
        self._of_kind(source_id, "source")
        out: dict[int, Record] = {}
        for mention in self._reverse().get(source_id, ()):
            if mention.cited:
                out.setdefault(_identity(mention.record), mention.record)
        return tuple(out.values())

    def mentions(self, id: str) -> tuple[Entity, ...]:
        """Every record with an id that refers to ``id`` in any field, nested ones too.

        Citations count: the records that cite a source mention it. Credits
        have no id and are left out; see :meth:`credits_of`.

        >>> import stalker_guide
        >>> g = stalker_guide.guide
        >>> g.characters["writer"] in g.mentions("anatoly-solonitsyn")
        True
        """
        self._known(id)
        out: dict[int, Entity] = {}
        for mention in self._reverse().get(id, ()):
            record = mention.record
            if not isinstance(record, Credit) and record.id != id:
                out.setdefault(_identity(record), record)
        return tuple(out.values())


def _restore(
    film: Film, credits: tuple[Credit, ...], collections: dict[str, Any], tiers: Any
) -> Guide:
    guide = Guide(film=film, credits=credits, **collections)
    if tiers is not None:
        guide._lazy["name-tiers"] = tiers
    return guide


def _identity(record: object) -> int:
    # Records are deduplicated by identity: two equal records are still two records.
    return id(record)


class _Mention(Frozen):
    record: Record
    path: str  # dotted field path, without list indices: "relationships.to"
    cited: bool  # the reference is the source of a Citation


# Per record type: (field name, is a reference field, nested record types to walk into).
_PLANS: dict[type[Any], tuple[tuple[str, bool, bool], ...]] = {}


def _plan(cls: type[Any]) -> tuple[tuple[str, bool, bool], ...]:
    plan = _PLANS.get(cls)
    if plan is None:
        hints = type_hints(cls)
        steps = []
        for f in fields(cls):
            is_ref = bool(f.metadata.get("ref"))
            nested = _has_records(hints[f.name])
            if is_ref or nested:
                steps.append((f.name, is_ref, nested))
        plan = _PLANS[cls] = tuple(steps)
    return plan


def _has_records(tp: Any) -> bool:
    import typing

    if is_record_class(tp):
        return True
    return any(_has_records(a) for a in typing.get_args(tp))


def _walk(record: Any, prefix: str, cited: bool) -> Iterator[tuple[str, str, bool]]:
    """(referenced id, dotted path, through a citation) for every reference in a record."""
    cited = cited or isinstance(record, Citation)
    for name, is_ref, nested in _plan(type(record)):
        value = getattr(record, name)
        path = f"{prefix}{name}"
        values = value if isinstance(value, tuple) else (value,)
        for item in values:
            if item is None:
                continue
            if is_ref:
                yield item, path, cited
            elif nested:
                yield from _walk(item, f"{path}.", cited)
