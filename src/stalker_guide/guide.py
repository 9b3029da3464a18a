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

from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any

from .model import (
    Award,
    Character,
    Claim,
    Credit,
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

__all__ = ["Guide", "Entity", "KINDS"]

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

    def __repr__(self) -> str:
        counts = ", ".join(f"{a}={len(getattr(self, a))}" for a in KINDS.values())
        return f"<Guide {self.film.title!r} ({self.film.year}): {counts}>"

    def __contains__(self, id: object) -> bool:
        return id in self._index

    def __iter__(self) -> Iterator[Entity]:
        """Every record with an id, the film first."""
        return iter(self._index.values())

    def get(self, id: str) -> Entity:
        """The record with this id, of any kind; KeyError if there is none.

        >>> import stalker_guide
        >>> stalker_guide.guide.get("writer").name
        'the Writer'
        """
        try:
            record: Entity = self._index[id]
        except KeyError:
            raise KeyError(id) from None
        return record

    def kind_of(self, id: str) -> str:
        """The kind of the record with this id (``"person"``, ``"scene"``, ...)."""
        try:
            return str(self._kinds[id])
        except KeyError:
            raise KeyError(id) from None
