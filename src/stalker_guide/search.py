"""Full-text search across every kind of record: names, titles, credits, summaries, quotations.

A query is read the way a reader writes it. Text is compared in its folded form
(:func:`stalker_guide.names.fold`: case, diacritics, Cyrillic ``ё`` do not
matter); common words (``what``, ``is``, ``the``...) are left out, and each
remaining word is matched on its stem by SQLite's FTS5 with the Porter stemmer
(``plays`` finds ``play``), or as the start of a longer word (``solonit``), which
counts less. A question word is a hint of the kind wanted: ``who`` favours
people and characters, ``where`` places. A few verbs also look for the credit
they name (``directed``: director; ``plays``: actor; ``filmed``: filming
location), and people are indexed with their credits and the characters they
play, characters with their actors.

A record need not hold every word, but the more of them it holds, the higher
it ranks (a record holding fewer than half of them is not a hit). Each word
counts by where it was found (a name counts more than a quotation, a quotation
more than a summary, a summary more than a note) and by how rare it is. A
record whose whole name or title is the query gets a bonus, and one holding the
query as a phrase a smaller one; sources and claims count a little less than
the film's own records.

>>> import stalker_guide
>>> hits = stalker_guide.guide.search("solonitsyn")
>>> hits[0].id, hits[0].kind, hits[0].field
('anatoly-solonitsyn', 'person', 'name')
>>> stalker_guide.guide.search("who plays the Writer")[0].id
'anatoly-solonitsyn'
"""

from __future__ import annotations

import math
import sqlite3

from ._frozen import Frozen
from .names import fold

# typing is imported by type checkers only: importing it costs milliseconds.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from typing import Final

    from .guide import Entity, Guide

__all__ = ["Hit", "SearchIndex", "WEIGHTS", "STOPWORDS", "KIND_NAMES", "kinds_named"]

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
    "credits": 6.0,
    "roles": 6.0,
    "actors": 4.0,
    "kind": 6.0,
    "identity": 5.0,
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

# Fields the index derives from other records (a person's credits and roles, a
# character's actors, a place's kind), not read from the record's attribute.
_DERIVED: Final = frozenset({"credits", "roles", "actors", "kind"})

#: Words left out of a query (and of the whole-name comparison): they would
#: match nearly everything. Folded forms.
STOPWORDS: Final = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "me",
        "my",
        "no",
        "not",
        "of",
        "on",
        "or",
        "she",
        "so",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "to",
        "us",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "whom",
        "whose",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
    ]
)

#: Question words, and the kinds of record whose score they raise.
_HINTS: Final = {
    "who": ("person", "character"),
    "whom": ("person", "character"),
    "whose": ("person", "character"),
    "where": ("place",),
}
_HINT_FACTOR: Final = 2.0

#: Words that ask for a credit: each also looks for the credit's own words.
_ALSO: Final = {
    "directed": ("director",),
    "directs": ("director",),
    "direct": ("director",),
    "plays": ("actor",),
    "played": ("actor",),
    "play": ("actor",),
    "acts": ("actor",),
    "acted": ("actor",),
    "wrote": ("screenplay", "verses", "music"),
    "written": ("screenplay", "verses", "music"),
    "write": ("screenplay", "verses", "music"),
    "composed": ("music",),
    "composer": ("music",),
    "filmed": ("filming", "location"),
    "shot": ("cinematography", "filming"),
    "photographed": ("cinematography",),
    "edited": ("editor",),
    "produced": ("producer",),
}

#: Kind names a caller may give, singular or plural, and the kind each means.
KIND_NAMES: Final = {
    **{kind: kind for kind in ("film", "source", "person", "character", "place", "scene")},
    **{kind: kind for kind in ("theme", "motif", "quote", "essay", "award", "claim", "term")},
    "films": "film",
    "sources": "source",
    "people": "person",
    "persons": "person",
    "characters": "character",
    "places": "place",
    "scenes": "scene",
    "themes": "theme",
    "motifs": "motif",
    "quotes": "quote",
    "quotations": "quote",
    "quotation": "quote",
    "essays": "essay",
    "awards": "award",
    "claims": "claim",
    "terms": "term",
}

# The apparatus (sources, claims) ranks below the film's own records when both
# match equally well.
_KIND_WEIGHT: Final = {"source": 0.5, "claim": 0.8}

# A word found only as the start of a longer word counts this much of a whole word,
# and a name within two edits of a word found nowhere (a misspelling) this much.
_PREFIX: Final = 0.6
_MISSPELT: Final = 0.8

# Kinds in the order ties are broken: who and what (a place, a motif, a theme) before
# the scenes, quotations and words that bear the same name, and the apparatus last.
_KIND_ORDER: Final = (
    "person",
    "character",
    "film",
    "place",
    "motif",
    "theme",
    "scene",
    "quote",
    "essay",
    "term",
    "award",
    "claim",
    "source",
)


def kinds_named(kinds: Iterable[str] | str) -> frozenset[str]:
    """The kinds meant by these names (singular or plural); ``ValueError`` for any other.

    >>> sorted(kinds_named(["people", "quote"]))
    ['person', 'quote']
    >>> kinds_named("persons ")
    frozenset({'person'})
    >>> kinds_named(["actors"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown kind 'actors'; the kinds are: award, character, ... (or their plurals)
    """
    names = (kinds,) if isinstance(kinds, str) else tuple(kinds)
    out = set()
    for name in names:
        kind = KIND_NAMES.get(str(name).strip().lower())
        if kind is None:
            valid = ", ".join(sorted(set(KIND_NAMES.values())))
            raise ValueError(f"unknown kind {name!r}; the kinds are: {valid} (or their plurals)")
        out.add(kind)
    return frozenset(out)


class Hit(Frozen):
    """One search result: the record, where the query matched, and how well."""

    record: Entity
    kind: str
    #: The field the best match was in (``"name"``, ``"summary"``, ``"credits"``, ...).
    field: str
    score: float
    #: The matching field's text, shortened around the match.
    excerpt: str

    @property
    def id(self) -> str:
        """The record's id."""
        return self.record.id


# A field of a record in the index: (document number, field name, weight, text, folded text).
# A document: (record, kind, rank of its kind, folded names and titles without their
# common words with their weights, for the whole-name bonus). Plain tuples: thousands
# are made when the index is built.
_Field = tuple[int, str, float, str, str]
_Document = tuple["Entity", str, int, tuple[tuple[str, float], ...]]


class SearchIndex:
    """The folded text of every record in an in-memory SQLite FTS5 table, built once per Guide.

    See :meth:`~stalker_guide.guide.Guide.search`.
    """

    __slots__ = ("_db", "_documents", "_fields", "_guide")

    def __init__(self, guide: Guide) -> None:
        documents: list[_Document] = []
        fields: list[_Field] = []
        extra: dict[str, list[tuple[str, str]]] = {}
        for credit in guide.credits:
            extra.setdefault(credit.person, []).append(("credits", credit.job))
            if credit.credited_as:
                extra[credit.person].append(("credits", credit.credited_as))
        for character in guide.characters.values():
            for person in character.played_by:
                extra.setdefault(person, []).append(("roles", f"{character.name}, actor"))
                who = guide.people[person].name
                extra.setdefault(character.id, []).append(("actors", who))
        for place in guide.places.values():
            extra.setdefault(place.id, []).append(("kind", place.kind.replace("-", " ")))
        for order, record in enumerate(guide):
            kind = guide.kind_of(record.id)
            names: list[tuple[str, float]] = []
            for name, text in (*_texts(record), *extra.get(record.id, ())):
                folded = fold(text)
                if not folded:
                    continue
                weight = WEIGHTS[name]
                fields.append((order, name, weight, text, folded))
                if weight >= 7.0:
                    names.append((_content(folded), weight))
            rank = _KIND_ORDER.index(kind) if kind in _KIND_ORDER else 99
            documents.append((record, kind, rank, tuple(names)))
        db = sqlite3.connect(":memory:")
        # Only which rows hold a word is asked, so no positions or sizes are kept.
        options = "tokenize='porter unicode61', detail=none, columnsize=0"
        db.execute(f"CREATE VIRTUAL TABLE f USING fts5(x, {options})")
        db.executemany("INSERT INTO f(rowid, x) VALUES (?, ?)", enumerate(f[4] for f in fields))
        self._documents = tuple(documents)
        self._fields = tuple(fields)
        self._db = db
        self._guide = guide

    def search(
        self, query: str, *, kinds: Iterable[str] | str | None = None, limit: int | None = 20
    ) -> tuple[Hit, ...]:
        """The records matching ``query``, best first (see :mod:`stalker_guide.search`)."""
        if limit is not None and (isinstance(limit, bool) or limit < 1):
            raise ValueError(f"limit must be a positive number or None, not {limit!r}")
        wanted = None if kinds is None else kinds_named(kinds)
        words = fold(query).split()
        hinted = frozenset(kind for word in words for kind in _HINTS.get(word, ()))
        terms = [w for w in words if w not in STOPWORDS] or words
        # Each term once, in query order.
        terms = list(dict.fromkeys(terms))
        if not terms:
            return ()
        phrase = " ".join(terms)
        count = len(self._documents)
        # document -> per term: (score, field index)
        found: dict[int, dict[int, tuple[float, int]]] = {}
        for t, term in enumerate(terms):
            per_document: dict[int, tuple[float, int]] = {}
            alternatives = [(term, 1.0), *((also, 1.0) for also in _ALSO.get(term, ()))]
            for alternative, factor in alternatives:
                for row, quality in self._rows(alternative):
                    document, _, weight, _, _ = self._fields[row]
                    value = weight * quality * factor
                    best = per_document.get(document)
                    if best is None or value > best[0]:
                        per_document[document] = (value, row)
                if not per_document and factor == 1.0 and alternative == term:
                    # Nothing holds the word: it may be a misspelt name ("Solonitsin").
                    alternatives += ((close, _MISSPELT) for close in self._close_names(term))
            if not per_document:
                continue
            rarity = math.log(1.0 + count / len(per_document))
            for document, (value, row) in per_document.items():
                found.setdefault(document, {})[t] = (value * rarity, row)
        needed = (len(terms) + 1) // 2
        scored: list[tuple[float, int, int, int, str]] = []
        for index, matches in found.items():
            if len(matches) < needed:
                continue
            _, kind, rank, names = self._documents[index]
            if wanted is not None and kind not in wanted:
                continue
            total = sum(value for value, _ in matches.values())
            total *= (len(matches) / len(terms)) ** 2
            bonus = 0.0
            for name, weight in names:
                if name == phrase:
                    bonus = max(bonus, weight * 5)
            if not bonus and len(terms) > 1:
                for _, row in matches.values():
                    field = self._fields[row]
                    if phrase in field[4]:
                        bonus = max(bonus, field[2] * 2)
            total = (total + bonus) * _KIND_WEIGHT.get(kind, 1.0)
            if kind in hinted:
                total *= _HINT_FACTOR
            row = max(matches.values(), key=lambda m: (m[0], -m[1]))[1]
            scored.append((-round(total, 3), rank, index, row, terms[min(matches)]))
        scored.sort()
        # Excerpts only for the hits returned: shortening a text costs more than scoring it.
        return tuple(
            Hit(
                record=self._documents[index][0],
                kind=self._documents[index][1],
                field=self._fields[row][1],
                score=-score,
                excerpt=_excerpt(self._fields[row][3], term),
            )
            for score, _, index, row, term in (scored if limit is None else scored[:limit])
        )

    def _close_names(self, word: str) -> list[str]:
        """Words of people's and characters' names within two edits of ``word`` (5+ letters)."""
        if len(word) < 5:
            return []
        return [
            name
            for name in self._guide.names().words
            if name[0] == word[0] and abs(len(name) - len(word)) <= 2 and _near(name, word)
        ]

    def _rows(self, term: str) -> Iterator[tuple[int, float]]:
        """(row, quality) of each field holding ``term``: its stem, or (unless a common word)
        the start of a word."""
        query = "SELECT rowid FROM f WHERE f MATCH ?"
        whole = {row for (row,) in self._db.execute(query, (f'"{term}"',))}
        for row in whole:
            yield row, 1.0
        if len(term) >= 3 and term not in STOPWORDS:
            for (row,) in self._db.execute(query, (f'"{term}"*',)):
                if row not in whole:
                    yield row, _PREFIX


def _near(a: str, b: str, most: int = 2) -> bool:
    """Whether ``a`` becomes ``b`` in at most ``most`` edits (Levenshtein distance).

    >>> _near("solonitsin", "solonitsyn"), _near("tarkovsky", "tarkowski"), _near("room", "rune")
    (True, True, False)
    """
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        if min(current) > most:
            return False
        previous = current
    return previous[-1] <= most


def _content(folded: str) -> str:
    """A folded name without its common words: "the Room" -> "room"."""
    return " ".join(w for w in folded.split() if w not in STOPWORDS) or folded


def _texts(record: Entity) -> Iterator[tuple[str, str]]:
    """(field name, text) for every searchable text of a record, nested ones too."""
    for name in WEIGHTS:
        if name in _DERIVED:
            continue
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
    # The word as searched may be a stem or the start of a word: look for its first letters.
    at = fold(flat).find(word[: max(3, len(word) - 2)])
    # Folding can shorten the text a little, so the position is approximate.
    start = max(0, min(at - width // 3, len(flat) - width)) if at > 0 else 0
    cut = flat[start : start + width]
    return ("…" if start else "") + cut.strip() + ("…" if start + width < len(flat) else "")
