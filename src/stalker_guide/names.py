"""Names: one folding function, transliteration keys, and the lookup behind ``Guide.find``.

A name is matched on its *folded* form (:func:`fold`): case, diacritics,
``ё``/``е``, punctuation and the ``-y``/``-iy``/``-ij``/``-ii`` endings of
Russian names are all folded away, in that one function. Spellings that the
data does not list are matched through *transliteration keys*: every Cyrillic
name in the data is transliterated with each Russian scheme of the iuliia
library (GOST, BGN/PCGN, ALA-LC, ISO 9, scholarly, passport, English
Wikipedia, ...), and in the usual French and German forms, and folded.

>>> fold("Andreï TARKOVSKIJ")
'andrei tarkovski'
>>> fold("Артемьев Эдуард Артёмович") == fold("артемьев эдуард артемович")
True
>>> {"yuri", "iuri", "juri", "iouri"} <= transliterations("Юрий")
True
"""

# ruff: noqa: RUF001, RUF002, RUF003 (Cyrillic letters are this module's subject)
from __future__ import annotations

import re
import unicodedata
from types import MappingProxyType

from ._frozen import Frozen

# typing is imported by type checkers only: importing it costs milliseconds.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping
    from typing import Any, Final

    from .guide import Entity, Guide

__all__ = [
    "fold",
    "transliterations",
    "SCHEMES",
    "NameLookupError",
    "UnknownNameError",
    "AmbiguousNameError",
    "NameIndex",
]

#: The transliteration schemes used for name keys: our label -> the iuliia
#: schema's attribute name. All of iuliia's Russian schemes, current and
#: deprecated (people are written about in books of every decade), and the
#: usual French and German forms, built on iuliia's engine (see :data:`FRENCH`
#: and :data:`GERMAN`).
SCHEMES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "GOST R 7.0.34-2014": "GOST_7034",
        "GOST 7.79-2000 (ISO 9:1995)": "GOST_779",
        "GOST 7.79-2000 (ISO 9:1995), system B": "GOST_779_ALT",
        "GOST 16876-71": "GOST_16876",
        "GOST 16876-71, system B": "GOST_16876_ALT",
        "GOST R 52290-2004": "GOST_52290",
        "GOST R 52535.1-2006": "GOST_52535",
        "ISO/R 9:1954": "ISO_9_1954",
        "ISO/R 9:1968": "ISO_9_1968",
        "ISO/R 9:1968, alternative": "ISO_9_1968_ALT",
        "BGN/PCGN": "BGN_PCGN",
        "BGN/PCGN, simplified": "BGN_PCGN_ALT",
        "ALA-LC": "ALA_LC",
        "ALA-LC, without diacritics": "ALA_LC_ALT",
        "BS 2979:1958": "BS_2979",
        "BS 2979:1958, without diacritics": "BS_2979_ALT",
        "UNGEGN 1987": "UNGEGN_1987",
        "scholarly (scientific)": "SCIENTIFIC",
        "passport (ICAO Doc 9303, 2013)": "ICAO_DOC_9303",
        "passport (MVD 782, 2000)": "MVD_782",
        "passport (MVD 310, 1997)": "MVD_310",
        "French (passport, MVD 310)": "MVD_310_FR",
        "English (Wikipedia)": "WIKIPEDIA",
        "Moscow Metro": "MOSMETRO",
        "Telegram": "TELEGRAM",
        "Yandex.Maps": "YANDEX_MAPS",
        "Yandex.Money": "YANDEX_MONEY",
        "French (usual)": "FRENCH",
        "German (Duden)": "GERMAN",
    }
)


def _pairs(spec: str) -> dict[str, str]:
    """``"а a б b"`` -> ``{"а": "a", "б": "b"}``; ``-`` stands for nothing."""
    words = spec.split()
    return {k: ("" if v == "-" else v) for k, v in zip(words[::2], words[1::2], strict=True)}


#: The common German form (Duden), which iuliia does not ship: given in iuliia's
#: own schema format and run by its engine, like the schemes it does ship.
GERMAN: Final[Mapping[str, Any]] = MappingProxyType(
    {
        "name": "german",
        "description": "German (Duden) transliteration of Russian names",
        "mapping": _pairs(
            "а a б b в w г g д d е e ё jo ж sch з s и i й i к k л l м m н n о o п p р r с s т t "
            "у u ф f х ch ц z ч tsch ш sch щ schtsch ъ - ы y ь - э e ю ju я ja"
        ),
        # е is "je" at the start of a word and after a vowel or a sign; ё after
        # a hushing consonant is "o".
        "prev_mapping": _pairs(
            "е je ае je ее je ие je ое je уе je ые je эе je юе je яе je ье je ъе je "
            "жё o чё o шё o щё o"
        ),
        # The soft sign before и or о is "j" (before е, ё, ю, я the vowel has it).
        "next_mapping": _pairs("ьи j ьо j"),
        "ending_mapping": _pairs("ий i ый y ой oi"),
    }
)

#: The usual French form (as in French books and papers: Andreï Tarkovski,
#: Anatoli Solonitsyne), which iuliia does not ship either (its French scheme
#: is the passport one): iuliia's format, run by its engine.
FRENCH: Final[Mapping[str, Any]] = MappingProxyType(
    {
        "name": "french",
        "description": "Usual French transliteration of Russian names",
        "mapping": _pairs(
            "а a б b в v г g д d е e ё io ж j з z и i й ï к k л l м m н n о o п p р r с s т t "
            "у ou ф f х kh ц ts ч tch ш ch щ chtch ъ - ы y ь - э e ю iou я ia"
        ),
        # е after a vowel or a sign is "ie" (Артемьев: Artemiev).
        "prev_mapping": _pairs("ае ie ее ie ие ie ое ie уе ie ые ie эе ie юе ie яе ie ье ie ъе ie"),
        # г before е, и, ы is "gu" (Евгений: Evgueni).
        "next_mapping": _pairs("ге gu ги gu гы gu"),
        "ending_mapping": _pairs("ий i ый y ын yne ин ine"),
    }
)

# Apostrophe-like marks (soft and hard signs in the schemes, typographic
# apostrophes) vanish; other punctuation separates words.
_VANISH: Final = "'\u2019\u02bc\u02b9\u02ba\u02bb\u02bd\u00b4\u0060\u2018\u2032\u2033\""
_WORDS: Final = re.compile(r"[^\W_]+")
# The endings -ий, -ый, -ей, -ай written -y, -iy, -ij, -ii, -yi, -yy, -j...: any run
# of i, y and j that ends a word (a whole run, so that folding twice changes nothing).
_ENDING: Final = re.compile(r"[iyj]+(?= |$)")


#: Latin letters that Unicode does not decompose into a base letter and a mark,
#: as transliterations and foreign spellings use them (Polish ``ł``, Danish ``ø``,
#: Croatian ``đ``, German ``ß``...), and the plain letters they fold to.
_LETTERS: Final = {
    "ł": "l",
    "ø": "o",
    "đ": "d",
    "ð": "d",
    "ħ": "h",
    "ŧ": "t",
    "ı": "i",
    "ŀ": "l",
    "ƚ": "l",
    "ɨ": "i",
    "æ": "ae",
    "œ": "oe",
    "þ": "th",
    "ß": "ss",
}


def _fold_char(char: str) -> str:
    if char in _VANISH:
        return ""
    letter = _LETTERS.get(char.lower())
    if letter is not None:
        return letter
    decomposed = unicodedata.normalize("NFKD", char)
    kept = "".join(
        c for c in decomposed if not unicodedata.combining(c) and unicodedata.category(c) != "Lm"
    )
    if char in "йЙ":  # a letter of its own, not и with a diacritic
        kept = "й"
    out = kept.casefold()
    return out if _WORDS.fullmatch(out) else (" " if out or char.isspace() else "")


class _Table(dict[int, str]):
    """The folding of each character, worked out the first time the character is seen."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_TABLE: Final = _Table()


def fold(text: str) -> str:
    """The matching form of a name: the one place where spellings are made equal.

    Lowercase; without diacritics (``é`` -> ``e``, ``ё`` -> ``е``, but ``й``
    stays a letter); without apostrophes and the marks some schemes use for
    the soft and hard signs (``Artem'ev``, ``Artemʹev``); punctuation and
    hyphens become single spaces; Latin letters that do not decompose are
    spelled plainly (``ł`` -> ``l``, ``ø`` -> ``o``, ``æ`` -> ``ae``, ``ß``
    -> ``ss``); and the endings ``-y``, ``-iy``, ``-ij``,
    ``-ii``, ``-yy``, ``-j`` (any run of i, y and j ending a word) become
    ``-i`` (``Tarkovsky``, ``Tarkovskiy``, ``Tarkovskij``, ``Tarkovskii``;
    ``Andrey``, ``Andrej``; ``Bessmertny``, ``Bessmertnyy``). Folding twice
    changes nothing.

    >>> fold("  Tarkovskiĭ,  Andreĭ ")
    'tarkovski andrei'
    >>> fold("the Stalker's Wife")
    'the stalkers wife'
    >>> fold("ЁЛКА") == fold("елка")
    True
    >>> fold("Anatolij Sołonicyn"), fold("Søren Ærø"), fold("Straße")
    ('anatoli solonicyn', 'soren aero', 'strasse')
    """
    folded = text.translate(_TABLE)
    return _ENDING.sub("i", " ".join(folded.split()))


_CYRILLIC: Final = re.compile(r"[\u0400-\u04ff]")
_SCHEMAS: list[Any] | None = None


def _schemas() -> list[Any]:
    # iuliia takes ~20 ms to import (it reads every schema file), so it is
    # imported only when name keys are first needed.
    global _SCHEMAS
    if _SCHEMAS is None:
        import iuliia  # type: ignore[import-untyped]
        from iuliia.schema import TranslitSchema  # type: ignore[import-untyped]

        own = {
            "FRENCH": TranslitSchema(**{k: _plain(v) for k, v in FRENCH.items()}),
            "GERMAN": TranslitSchema(**{k: _plain(v) for k, v in GERMAN.items()}),
        }
        _SCHEMAS = [own.get(attr) or getattr(iuliia, attr) for attr in SCHEMES.values()]
    return _SCHEMAS


def _plain(value: Any) -> Any:
    return dict(value) if isinstance(value, MappingProxyType) else value


def transliterations(cyrillic: str) -> frozenset[str]:
    """The folded transliterations of a Cyrillic name, one per scheme of :data:`SCHEMES`.

    >>> keys = transliterations("Анатолий Солоницын")
    >>> {"anatoli solonitsyn", "anatoli solonicyn", "anatoli solonizyn"} <= keys
    True
    """
    if not _CYRILLIC.search(cyrillic):
        return frozenset()
    return frozenset(fold(schema.translate(cyrillic)) for schema in _schemas())


class NameLookupError(LookupError):
    """A name :meth:`~stalker_guide.guide.Guide.find` cannot resolve to one record.

    ``value`` is that name.
    """

    value: str


class UnknownNameError(NameLookupError):
    """No record has this id or name; ``suggestions`` are the ids of close names, best first.

    >>> e = UnknownNameError("Tarkovksy", ("andrei-tarkovsky", "arseny-tarkovsky"))
    >>> print(e)
    nothing is called 'Tarkovksy'; did you mean: andrei-tarkovsky, arseny-tarkovsky?
    >>> e.value
    'Tarkovksy'
    """

    def __init__(
        self, value: str, suggestions: Iterable[str] = (), labels: Iterable[str] = ()
    ) -> None:
        self.value = value
        self.suggestions: tuple[str, ...] = tuple(suggestions)
        shown = tuple(labels) or self.suggestions
        hint = f"; did you mean: {', '.join(shown)}?" if shown else ""
        super().__init__(f"nothing is called {value!r}{hint}")


class AmbiguousNameError(NameLookupError):
    """Several records answer to this name; ``candidates`` are their ids.

    >>> e = AmbiguousNameError("Strugatsky", ("arkady-strugatsky", "boris-strugatsky"))
    >>> print(e)
    'Strugatsky' could be any of: arkady-strugatsky, boris-strugatsky; give a fuller name or an id
    """

    def __init__(self, value: str, candidates: Iterable[str], labels: Iterable[str] = ()) -> None:
        self.value = value
        self.candidates: tuple[str, ...] = tuple(candidates)
        shown = tuple(labels) or self.candidates
        super().__init__(
            f"{value!r} could be any of: {', '.join(shown)}; give a fuller name or an id"
        )


# Words too common to identify anyone on their own.
_STOPWORDS: Final = frozenset({"the", "of", "and", "des", "du", "de", "la", "le", "von"})


class NameIndex(Frozen):
    """Every key that names a record, tier by tier (see :meth:`find`).

    Values are tuples of ids, so an index pickles small and survives reloads.
    """

    #: Ids of every kind, and names as the data writes them.
    exact: Mapping[str, tuple[str, ...]]
    #: Folded names, spellings and aliases of people and characters, and folded ids.
    folded: Mapping[str, tuple[str, ...]]
    #: Folded transliterations of every Cyrillic name, by every scheme.
    transliterated: Mapping[str, tuple[str, ...]]
    #: Folded names and titles of the other kinds (places, themes, motifs, ...).
    other: Mapping[str, tuple[str, ...]]
    #: Single words of people's and characters' names, in every scheme.
    words: Mapping[str, tuple[str, ...]]

    @classmethod
    def build(cls, guide: Guide) -> NameIndex:
        """Index every person's and character's names, and every record's id."""
        # Each key's ids as the keys of a dict: an ordered set, so that adding
        # an id is constant time however many records share a name.
        exact: dict[str, dict[str, None]] = {}
        folded: dict[str, dict[str, None]] = {}
        transliterated: dict[str, dict[str, None]] = {}
        other: dict[str, dict[str, None]] = {}
        words: dict[str, dict[str, None]] = {}
        # Records often share a name: each is folded and transliterated once.
        schemes: dict[str, frozenset[str]] = {}
        folds: dict[str, str] = {}
        # Each Cyrillic word of a name, with its forms in every scheme.
        spelt: dict[str, set[str]] = {}

        def add(tier: dict[str, dict[str, None]], key: str, ident: str) -> None:
            if key:
                tier.setdefault(key, {})[ident] = None

        for record in guide:
            ident = record.id
            add(exact, ident, ident)
            add(folded, fold(ident), ident)
            names = list(_names_of(record))
            for name in names:
                if name not in folds:
                    folds[name] = fold(name)
            if guide.kind_of(ident) not in ("person", "character"):
                for name in names:
                    add(other, folds[name], ident)
                continue
            keys: set[str] = set()
            for name in names:
                add(exact, name, ident)
                key = folds[name]
                for variant in (key, key.removeprefix("the ")):
                    add(folded, variant, ident)
                    keys.add(variant)
                if name not in schemes:
                    schemes[name] = transliterations(name)
                    # Word by word: each scheme keeps the name's words in their order.
                    for variant in schemes[name]:
                        for cyrillic, form in zip(name.split(), variant.split(), strict=False):
                            spelt.setdefault(cyrillic, set()).add(form)
                for variant in schemes[name]:
                    add(transliterated, variant, ident)
                    keys.add(variant)
            for key in sorted(keys):
                for word in key.split():
                    if len(word) >= 3 and word not in _STOPWORDS:
                        add(words, word, ident)
        # A word is found in every scheme for everyone whose names hold it in one scheme, even
        # where the data gives only a namesake's name in Cyrillic: "Tarkowski" names Arseny
        # Tarkovsky (whose Cyrillic name the data lacks) as well as Andrei.
        kin: dict[str, set[str]] = {}
        for forms in spelt.values():
            for form in forms:
                kin.setdefault(form, set()).update(forms)
        for word, holders in list(words.items()):
            for form in sorted(kin.get(word, ())):
                for holder in list(holders):
                    add(words, form, holder)
        return cls(
            exact=_freeze(exact),
            folded=_freeze(folded),
            transliterated=_freeze(transliterated),
            other=_freeze(other),
            words=_freeze(words),
        )

    def tiers(self) -> Iterator[tuple[str, Mapping[str, tuple[str, ...]]]]:
        """The tiers in the order :meth:`find` tries them, each with its name."""
        yield "exact", self.exact
        yield "folded", self.folded
        yield "transliterated", self.transliterated
        yield "other", self.other
        yield "words", self.words

    def find(self, text: str) -> str:
        """The id of the one record called ``text``; raises :class:`UnknownNameError` or
        :class:`AmbiguousNameError`.

        Tiers, first match wins: an id or a name exactly as written; then the
        folded forms of ids and listed names; then transliterations; then the
        names of places, themes and other records; then words of a person's or
        character's names, each matched on its own (a surname alone, or a
        first name in one scheme and a surname in another).
        """
        ids = self.exact.get(text)
        if ids is None:
            key = fold(text)
            ids = (
                self.folded.get(key)
                or self.transliterated.get(key)
                or self.other.get(key)
                or self._by_words(key)
            )
            if not ids:
                raise UnknownNameError(text, self.suggest(text))
        if len(ids) > 1:
            raise AmbiguousNameError(text, ids)
        return ids[0]

    def _by_words(self, key: str) -> tuple[str, ...]:
        # Each word must be a word of the same record's names, in any scheme:
        # "Alexander Kaidanowski" mixes the English first name with the German surname.
        found: tuple[str, ...] | None = None
        for word in key.split():
            if word in _STOPWORDS and len(key.split()) > 1:
                continue
            ids = self.words.get(word, ())
            if found is not None:
                within = set(ids)
                ids = tuple(i for i in found if i in within)
            found = ids
            if not found:
                return ()
        return found or ()

    def suggest(self, text: str, count: int = 5) -> tuple[str, ...]:
        """Ids of the records whose names are closest to ``text``, best first."""
        key = fold(text)
        keys: dict[str, tuple[str, ...]] = {}
        for _, tier in self.tiers():
            for k, ids in tier.items():
                keys.setdefault(k, ids)
        out: list[str] = []
        from difflib import get_close_matches  # only on this error path

        for close in get_close_matches(key, keys, n=count * 3, cutoff=0.6):
            for ident in keys[close]:
                if ident not in out:
                    out.append(ident)
        return tuple(out[:count])


def _names_of(record: Entity) -> Iterator[str]:
    """Every name a record is written under in the data."""
    for attribute in ("name", "title", "term", "native_name", "original_title", "native"):
        value = getattr(record, attribute, None)
        if isinstance(value, str):
            yield value
    for attribute in ("spellings", "aliases", "titles"):
        for spelling in getattr(record, attribute, ()):
            yield spelling.text


def _freeze(tier: dict[str, dict[str, None]]) -> Mapping[str, tuple[str, ...]]:
    # A plain dict (it pickles, unlike a mapping proxy); nothing outside this
    # module gets hold of it.
    return {key: tuple(ids) for key, ids in tier.items()}
