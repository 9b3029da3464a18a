"""Full-text search across every kind of record: names, titles, summaries, quotations.

Text is compared in its folded form (:func:`stalker_guide.names.fold`), so case,
diacritics and Cyrillic ``ё`` do not matter. Every word of the query must
appear in a record (as a word, or as the start of one) for it to be a hit. Hits
are ranked by where the words were found (a name counts more than a
quotation, a quotation more than a summary, a summary more than a note), with a
bonus when the query is a whole name or title, or appears in a field as a
phrase; sources and claims count a little less than the film's own records.

>>> import stalker_guide
>>> hits = stalker_guide.guide.search("solonitsyn")
>>> hits[0].id, hits[0].kind, hits[0].field
('anatoly-solonitsyn', 'person', 'name')
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Final

from ._frozen import Frozen
from .names import fold

if TYPE_CHECKING:
    from .guide import Entity, Guide

__all__ = ["Hit", "SearchIndex", "WEIGHTS"]

#: Where a word may be found, and how much a match there counts. Fields not
#: listed are not searched (ids of other records, dates, enum values).
WEIGHTS: Final = {
    "name": 10.0,
    "title": 10.0,
    "term": 10.0,
    "id": 1.5,
    "original_title": 8.0,
    "native_name": 8.0,
    "native": 8.0,
    "transliteration": 8.0,
    "spellings": 7.0,
    "aliases": 7.0,
    "titles": 7.0,
    "body": 5.0,
    "text": 5.0,
    "variants": 4.0,
    "russian": 4.0,
    "summary": 3.0,
    "description": 3.0,
    "definition": 3.0,
    "statement": 3.0,
    "key_points": 2.5,
    "readings": 2.5,
    "bio": 2.0,
    "motivation": 2.0,
    "holds": 2.0,
    "context": 1.5,
    "note": 1.0,
}

# The apparatus (sources, claims) ranks below the film's own records when both
# match equally well.
_KIND_WEIGHT: Final = {"source": 0.5, "claim": 0.8}

# Kinds in the order ties are broken: who and what before the apparatus.
_KIND_ORDER: Final = (
    "person",
    "character",
    "film",
    "scene",
    "theme",
    "motif",
    "place",
    "quote",
    "essay",
    "term",
    "award",
    "claim",
    "source",
)


class Hit(Frozen):
    """One search result: the record, where the query matched, and how well."""

    record: Entity
    kind: str
    #: The field the best match was in (``"name"``, ``"summary"``, ``"variants"``, ...).
    field: str
    score: float
    #: The matching field's text, shortened around the match.
    excerpt: str

    @property
    def id(self) -> str:
        """The record's id."""
        return self.record.id


class _Field(Frozen):
    name: str
    weight: float
    text: str
    folded: str
    words: frozenset[str]


class _Document(Frozen):
    record: Entity
    kind: str
    order: int
    fields: tuple[_Field, ...]


class SearchIndex:
    """The folded text of every record, built once per Guide.

    See :meth:`~stalker_guide.guide.Guide.search`.
    """

    __slots__ = ("_documents",)

    def __init__(self, guide: Guide) -> None:
        documents = []
        for order, record in enumerate(guide):
            fields = tuple(
                _Field(
                    name=name,
                    weight=WEIGHTS[name],
                    text=text,
                    folded=folded,
                    words=frozenset(folded.split()),
                )
                for name, text in _texts(record)
                if (folded := fold(text))
            )
            documents.append(
                _Document(record=record, kind=guide.kind_of(record.id), order=order, fields=fields)
            )
        self._documents = tuple(documents)

    def search(
        self, query: str, *, kinds: Iterable[str] | None = None, limit: int | None = 20
    ) -> tuple[Hit, ...]:
        """The records matching every word of ``query``, best first."""
        phrase = fold(query)
        words = phrase.split()
        if not words:
            return ()
        wanted = None if kinds is None else frozenset(kinds)
        scored: list[tuple[float, int, int, Hit]] = []
        for document in self._documents:
            if wanted is not None and document.kind not in wanted:
                continue
            hit = _score(document, phrase, words)
            if hit is not None:
                rank = _KIND_ORDER.index(document.kind) if document.kind in _KIND_ORDER else 99
                scored.append((-hit.score, rank, document.order, hit))
        scored.sort(key=lambda item: item[:3])
        hits = tuple(item[3] for item in scored)
        return hits if limit is None else hits[:limit]


def _score(document: _Document, phrase: str, words: list[str]) -> Hit | None:
    total = 0.0
    best: tuple[float, _Field] | None = None
    for word in words:
        found = 0.0
        for field in document.fields:
            if word in field.words:
                quality = 1.0
            elif len(word) >= 3 and any(w.startswith(word) for w in field.words):
                quality = 0.6
            else:
                continue
            value = field.weight * quality
            if value > found:
                found = value
            if best is None or value > best[0]:
                best = (value, field)
        if not found:
            return None
        total += found
    assert best is not None
    bonus = 0.0
    for field in document.fields:
        if field.folded == phrase or field.folded.removeprefix("the ") == phrase:
            bonus = max(bonus, field.weight * 5)
        elif len(words) > 1 and phrase in field.folded:
            bonus = max(bonus, field.weight * 2)
    total = (total + bonus) * _KIND_WEIGHT.get(document.kind, 1.0)
    field = best[1]
    return Hit(
        record=document.record,
        kind=document.kind,
        field=field.name,
        score=round(total, 3),
        excerpt=_excerpt(field.text, words[0]),
    )


def _texts(record: Entity) -> Iterator[tuple[str, str]]:
    """(field name, text) for every searchable text of a record, nested ones too."""
    for name in WEIGHTS:
        value = getattr(record, name, None)
        if value is None:
            continue
        items = value if isinstance(value, tuple) else (value,)
        for item in items:
            if isinstance(item, str):
                yield name, item
            elif isinstance(text := getattr(item, "text", None), str):
                yield name, text


def _excerpt(text: str, word: str, width: int = 120) -> str:
    """``text`` on one line, cut to about ``width`` characters around ``word``."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    at = fold(flat).find(word)
    # Folding can shorten the text a little, so the position is approximate.
    start = max(0, min(at - width // 3, len(flat) - width)) if at > 0 else 0
    cut = flat[start : start + width]
    return ("…" if start else "") + cut.strip() + ("…" if start + width < len(flat) else "")
