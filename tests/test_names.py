"""Guide.find: every lookup tier, on the small fixture and on the real data.

The fixture lists no spelling at all for Anatoly Solonitsyn and only one for
Andrei Tarkovsky, so every transliteration below is one the data does not list:
it can only be found through the keys derived from the Cyrillic name.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import stalker_guide
from stalker_guide import Guide, load
from stalker_guide.names import (
    SCHEMES,
    AmbiguousNameError,
    NameLookupError,
    UnknownNameError,
    fold,
    transliterations,
)

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"

MORE_PEOPLE = """
[[person]]
id = "boris-strugatsky"
name = "Boris Strugatsky"
native_name = "Борис Стругацкий"
citations = ["mos1"]

[[person]]
id = "faime-jurno"
name = "Faime Jurno"
native_name = "Файме Юрна"
citations = ["mos1"]
"""


@pytest.fixture(scope="module")
def guide(tmp_path_factory: pytest.TempPathFactory) -> Guide:
    """The minimal data set, with a second Strugatsky (so that the surname is
    ambiguous) and a name the data writes in a German-looking form."""
    folder = tmp_path_factory.mktemp("names") / "data"
    shutil.copytree(MINIMAL, folder)
    with (folder / "people.toml").open("a", encoding="utf-8") as people:
        people.write(MORE_PEOPLE)
    return load(folder)


def listed(guide: Guide) -> set[str]:
    """Every name the data writes down for people and characters, as written."""
    names: set[str] = set()
    for person in guide.people.values():
        names |= {person.name, person.native_name or ""} | {s.text for s in person.spellings}
    for character in guide.characters.values():
        names |= {character.name, character.native_name or ""}
        names |= {a.text for a in character.aliases}
    return names


# One spelling of Анатолий Солоницын per scheme, as the scheme writes it; where
# the scheme writes it as the data does (the English ones), Файме Юрна instead,
# whose name the data writes in another form (Faime Jurno).
SOLONITSYN = {
    "GOST R 7.0.34-2014": "Anatolij Solonicyn",
    "GOST 7.79-2000 (ISO 9:1995)": "Anatolij Solonicyn",
    "GOST 7.79-2000 (ISO 9:1995), system B": "Anatolij Solonicy`n",
    "GOST 16876-71": "Anatolij Solonicyn",
    "GOST 16876-71, system B": "Anatolijj Solonicyn",
    "GOST R 52290-2004": "Anatoliy Solonitsyn",
    "GOST R 52535.1-2006": "Anatolii Solonitcyn",
    "ISO/R 9:1954": "Anatolij Solonicyn",
    "ISO/R 9:1968": "Anatolij Solonicyn",
    "ISO/R 9:1968, alternative": "Anatolyĭ Solonytsyn",
    "BGN/PCGN": "Anatoliy Solonitsyn",
    "BGN/PCGN, simplified": "Anatoliy Solonitsyn",
    "ALA-LC": "Anatoliĭ Solonit͡syn",
    "ALA-LC, without diacritics": "Anatolii Solonitsyn",
    "BS 2979:1958": "Anatoly Solonitsȳn",
    "BS 2979:1958, without diacritics": "Faime Yurna",
    "UNGEGN 1987": "Anatolij Solonicyn",
    "scholarly (scientific)": "Anatolij Solonicyn",
    "passport (ICAO Doc 9303, 2013)": "Anatolii Solonitsyn",
    "passport (MVD 782, 2000)": "Anatoliy Solonitsyn",
    "passport (MVD 310, 1997)": "Anatoliy Solonitsyn",
    "French (passport, MVD 310)": "Anatolii Solonitsyn",
    "English (Wikipedia)": "Fayme Yurna",
    "Moscow Metro": "Fayme Yurna",
    "Telegram": "Anatolii Solonicyn",
    "Yandex.Maps": "Anatoliy Solonitsyn",
    "Yandex.Money": "Anatolii Solonitsyn",
    "French (usual)": "Anatoli Solonitsyne",
    "German (Duden)": "Anatoli Solonizyn",
}

# The same for Аркадий Стругацкий, with the first name left out where the
# scheme gives the same key as another: the surname is what the schemes vary.
STRUGATSKY = {
    "GOST 7.79-2000 (ISO 9:1995)": "Arkadij Strugackij",
    "GOST 7.79-2000 (ISO 9:1995), system B": "Arkadij Strugaczkij",
    "GOST 16876-71, system B": "Arkadijj Strugackijj",
    "GOST R 52535.1-2006": "Arkadii Strugatckii",
    "ISO/R 9:1968, alternative": "Arkadyĭ Strugatskyĭ",
    "BGN/PCGN": "Arkadiy Strugatskiy",
    "ALA-LC": "Arkadiĭ Strugat͡skiĭ",
    "passport (ICAO Doc 9303, 2013)": "Arkadii Strugatskii",
    "French (passport, MVD 310)": "Arkadii Strougatskii",
    "French (usual)": "Arkadi Strougatski",
    "German (Duden)": "Arkadi Strugazki",
}


def test_every_scheme_has_an_example() -> None:
    assert set(SOLONITSYN) == set(SCHEMES)


@pytest.mark.parametrize(("scheme", "spelling"), SOLONITSYN.items())
def test_a_spelling_in_each_scheme_finds_the_person(
    guide: Guide, scheme: str, spelling: str
) -> None:
    assert spelling not in listed(guide)
    expected = "faime-jurno" if "urna" in spelling else "anatoly-solonitsyn"
    assert guide.find(spelling).id == expected


@pytest.mark.parametrize(("scheme", "spelling"), STRUGATSKY.items())
def test_a_full_name_in_each_scheme_is_not_ambiguous(
    guide: Guide, scheme: str, spelling: str
) -> None:
    assert spelling not in listed(guide)
    assert guide.find(spelling).id == "arkady-strugatsky"


@pytest.mark.parametrize(
    "spelling",
    ["Anatolij Solonicyn", "Anatoli Solonizyn", "Anatoli Solonitsyne", "Anatolii Solonitcyn"],
)
def test_spellings_that_folding_alone_cannot_match_are_found_by_transliteration(
    guide: Guide, spelling: str
) -> None:
    assert fold(spelling) not in {fold(name) for name in listed(guide)}
    assert fold(spelling) in guide.names().transliterated
    assert guide.find(spelling).id == "anatoly-solonitsyn"


@pytest.mark.parametrize(
    ("spelling", "scheme_attribute"),
    [
        ("Anatoliy Solonitsyn", "BGN_PCGN"),
        ("Anatolij Solonicyn", "GOST_779"),
        ("Anatoliĭ Solonit͡syn", "ALA_LC"),
        ("Anatolij Solonicyn", "SCIENTIFIC"),
        ("Anatolii Solonitsyn", "ICAO_DOC_9303"),
    ],
)
def test_keys_come_from_iuliia_itself(spelling: str, scheme_attribute: str) -> None:
    import iuliia  # type: ignore[import-untyped]

    assert getattr(iuliia, scheme_attribute).translate("Анатолий Солоницын") == spelling
    assert fold(spelling) in transliterations("Анатолий Солоницын")


def test_the_id_finds_the_record(guide: Guide) -> None:
    assert guide.find("anatoly-solonitsyn") is guide.people["anatoly-solonitsyn"]


def test_any_id_finds_its_record_whatever_the_kind(guide: Guide) -> None:
    assert guide.find("the-bar") is guide.scenes["the-bar"]
    assert guide.find("faith") is guide.themes["faith"]


def test_a_listed_spelling_finds_the_person(guide: Guide) -> None:
    assert guide.find("Andrey Tarkovsky").id == "andrei-tarkovsky"


def test_case_does_not_matter(guide: Guide) -> None:
    assert guide.find("aNATOLY sOLONITSYN").id == "anatoly-solonitsyn"


def test_diacritics_do_not_matter(guide: Guide) -> None:
    assert guide.find("Ánatóly Sôlonitsÿn").id == "anatoly-solonitsyn"


def test_the_cyrillic_name_finds_the_person(guide: Guide) -> None:
    assert guide.find("Анатолий Солоницын").id == "anatoly-solonitsyn"


def test_cyrillic_in_any_case_and_with_yo_finds_the_person(guide: Guide) -> None:
    assert guide.find("АНДРЕЙ ТАРКОВСКИЙ").id == "andrei-tarkovsky"
    assert guide.find("андрёй тарковский").id == "andrei-tarkovsky"


def test_the_endings_y_iy_ij_ii_are_one(guide: Guide) -> None:
    for surname in ("Tarkovsky", "Tarkovskiy", "Tarkovskij", "Tarkovskii"):
        assert guide.find(f"Andrei {surname}").id == "andrei-tarkovsky"


def test_a_surname_alone_finds_the_one_person_who_has_it(guide: Guide) -> None:
    assert guide.find("Solonitsyn").id == "anatoly-solonitsyn"
    assert guide.find("Солоницын").id == "anatoly-solonitsyn"


def test_names_from_two_schemes_in_one_query(guide: Guide) -> None:
    # The English first name with the German surname.
    assert guide.find("Anatoly Solonizyn").id == "anatoly-solonitsyn"


def test_a_character_without_its_article(guide: Guide) -> None:
    assert guide.find("Writer").id == "writer"
    assert guide.find("THE WRITER").id == "writer"
    assert guide.find("Писатель").id == "writer"
    assert guide.find("Pisatel'").id == "writer"


def test_an_ambiguous_name_lists_the_candidates(guide: Guide) -> None:
    with pytest.raises(AmbiguousNameError) as caught:
        guide.find("Strugatsky")
    assert caught.value.value == "Strugatsky"
    assert caught.value.candidates == ("arkady-strugatsky", "boris-strugatsky")
    assert "Arkady Strugatsky (person arkady-strugatsky)" in str(caught.value)
    assert "Boris Strugatsky (person boris-strugatsky)" in str(caught.value)


def test_an_ambiguous_transliteration_lists_the_candidates(guide: Guide) -> None:
    with pytest.raises(AmbiguousNameError) as caught:
        guide.find("Strugackij")
    assert caught.value.candidates == ("arkady-strugatsky", "boris-strugatsky")


def test_an_unknown_name_suggests_close_ones(guide: Guide) -> None:
    with pytest.raises(UnknownNameError) as caught:
        guide.find("Anatoly Solonitsin")
    assert caught.value.value == "Anatoly Solonitsin"
    assert caught.value.suggestions[0] == "anatoly-solonitsyn"
    assert "did you mean: Anatoly Solonitsyn (person anatoly-solonitsyn)" in str(caught.value)


def test_an_unknown_name_far_from_any_has_no_suggestion(guide: Guide) -> None:
    with pytest.raises(UnknownNameError) as caught:
        guide.find("Qqqqqq Zzzzzz")
    assert caught.value.suggestions == ()


def test_both_errors_are_lookup_errors() -> None:
    assert issubclass(UnknownNameError, NameLookupError)
    assert issubclass(AmbiguousNameError, NameLookupError)
    assert issubclass(NameLookupError, LookupError)


def test_an_empty_name_is_unknown(guide: Guide) -> None:
    with pytest.raises(UnknownNameError):
        guide.find("   ")


# fold(): the one place where spellings are made equal.


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("TARKOVSKY", "tarkovski"),
        ("Tarkovskiĭ", "tarkovski"),
        ("Andreï", "andrei"),
        ("Andrej", "andrei"),
        ("Andrey", "andrei"),
        ("Artem'ev", "artemev"),
        ("Artem\u02b9ev", "artemev"),  # modifier letter prime (ISO 9)
        ("Artem\u2019ev", "artemev"),  # typographic apostrophe (BGN/PCGN)
        ("T͡symbal", "tsymbal"),
        ("Ёлкин", "елкин"),
        ("Андрей", "андрей"),
        ("  the   Writer's   companion ", "the writers companion"),
        ("andrei-tarkovsky", "andrei tarkovski"),
        ("Ǆ", "dz"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_is_idempotent() -> None:
    for text in [*SOLONITSYN.values(), "Ёлка", "Äöü ß", "Œuvre"]:
        assert fold(fold(text)) == fold(text)


def test_transliterations_of_a_latin_name_are_none() -> None:
    assert transliterations("James Rutherford") == frozenset()


# The real data: the names the guide's readers will type.


@pytest.fixture(scope="module")
def real() -> Guide:
    import stalker_guide

    return stalker_guide.guide


@pytest.mark.parametrize(
    ("spelling", "ident"),
    [
        ("Andrei Tarkovsky", "andrei-tarkovsky"),
        ("Tarkovskij, Andrej", "andrei-tarkovsky"),
        ("Андрей Тарковский", "andrei-tarkovsky"),
        ("Aleksandr Kaĭdanovskiĭ", "alexander-kaidanovsky"),
        ("Alexander Kaidanowski", "alexander-kaidanovsky"),
        ("Jewgeni Zymbal", "evgeny-tsymbal"),
        ("Evgueni Tsymbal", "evgeny-tsymbal"),
        ("Eduard Artemyev", "eduard-artemyev"),
        ("Edouard Artemiev", "eduard-artemyev"),
        ("Alisa Freyndlikh", "alisa-freindlich"),
        ("Martyshka", "monkey"),
        ("Marta", "monkey"),
        ("Martha", "monkey"),
        ("the Stalker", "stalker"),
        ("Сталкер", "stalker"),
    ],
)
def test_real_names(real: Guide, spelling: str, ident: str) -> None:
    assert real.find(spelling).id == ident


def test_real_strugatsky_is_ambiguous(real: Guide) -> None:
    with pytest.raises(AmbiguousNameError) as caught:
        real.find("Strugatsky")
    assert set(caught.value.candidates) == {"arkady-strugatsky", "boris-strugatsky"}


# Properties of fold(), over many generated strings.

# Latin and Russian lowercase letters, the space, the hyphen and the apostrophe.
ALPHABET = "".join(map(chr, [*range(0x61, 0x7B), *range(0x430, 0x450), 0x451])) + " -'"
LETTERS = st.text(alphabet=ALPHABET, max_size=30)


@given(st.text(max_size=40))
def test_fold_is_idempotent_on_any_text(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(LETTERS)
def test_fold_ignores_case(text: str) -> None:
    assert fold(text.upper()) == fold(text) == fold(text.title())


@given(LETTERS)
def test_fold_ignores_spacing_and_hyphens(text: str) -> None:
    assert fold(f"  {text.replace(' ', '   ')} ") == fold(text.replace("-", " "))


# The transliteration tier matters on its own: the words tier behind it would
# find both of these people for "Iwan Petrow" (each has both words in German).

NAMESAKES = """
[[person]]
id = "ivan-petrov"
name = "Ivan Petrov"
native_name = "Иван Петров"
citations = ["mos1"]

[[person]]
id = "petrov-ivan-sidorovich"
name = "Petrov Ivan Sidorovich"
native_name = "Петров Иван Сидорович"
citations = ["mos1"]
"""


def test_a_full_transliteration_wins_over_the_words_it_shares(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(MINIMAL, folder)
    with (folder / "people.toml").open("a", encoding="utf-8") as people:
        people.write(NAMESAKES)
    guide = load(folder)
    assert guide.names().transliterated.get("iwan petrow") == ("ivan-petrov",)
    assert set(guide.names().words["iwan"]) >= {"ivan-petrov", "petrov-ivan-sidorovich"}
    assert guide.find("Iwan Petrow").id == "ivan-petrov"
    assert guide.find("Petrow Iwan Sidorowitsch").id == "petrov-ivan-sidorovich"


# -- Latin letters that Unicode does not decompose ------------------------------------------


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("Anatolij Sołonicyn", "anatoli solonicyn"),
        ("ŁÓDŹ", "lodz"),
        ("Søren", "soren"),
        ("Đorđe", "dorde"),
        ("Straße", "strasse"),
        ("STRASSE", "strasse"),
        ("Ærø", "aero"),
        ("Œuvre", "oeuvre"),
        ("Þór", "thor"),
    ],
)
def test_letters_without_a_decomposition_are_folded(written: str, folded: str) -> None:
    from stalker_guide.names import fold

    assert fold(written) == folded


def test_a_polish_transliteration_finds_the_person(guide: Guide) -> None:
    assert guide.find("Anatolij Sołonicyn").id == "anatoly-solonitsyn"
    assert guide.find("SOŁONICYN").id == "anatoly-solonitsyn"


# Details that the tests above would let slip (found by mutation testing).


def test_the_tiers_in_the_order_find_tries_them(guide: Guide) -> None:
    index = guide.names()
    tiers = list(index.tiers())
    assert [name for name, _ in tiers] == ["exact", "folded", "transliterated", "other", "words"]
    assert all(tier is getattr(index, name) for name, tier in tiers)


def test_a_word_of_three_letters_is_a_name_word(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(MINIMAL, folder)
    with (folder / "people.toml").open("a", encoding="utf-8") as people:
        people.write(
            '\n[[person]]\nid = "lev-ozerov"\nname = "Lev Ozerov"\n'
            'native_name = "Лев Озеров"\ncitations = ["mos1"]\n'
        )
    assert load(folder).find("Lev").id == "lev-ozerov"


@pytest.mark.parametrize("query", ["the Tarkovsky", "Tarkovsky the", "Andrei von Tarkovsky"])
def test_common_words_anywhere_in_a_query_are_skipped(guide: Guide, query: str) -> None:
    assert guide.find(query).id == "andrei-tarkovsky"


def test_the_messages_of_a_failed_lookup() -> None:
    assert str(UnknownNameError("Zzz")) == "nothing is called 'Zzz'"
    assert str(UnknownNameError("Wrtier", ("writer", "wife"))) == (
        "nothing is called 'Wrtier'; did you mean: writer, wife?"
    )
    assert str(AmbiguousNameError("S", ("a", "b"), ("A (person a)", "B (person b)"))) == (
        "'S' could be any of: A (person a), B (person b); give a fuller name or an id"
    )


@pytest.mark.parametrize("spelling", ["Tarkowski", "Tarkovskij", "Tarkovskii", "Tarkovsky"])
def test_a_surname_in_any_scheme_names_everyone_who_bears_it(spelling: str) -> None:
    # In the real data only Andrei's name is in Cyrillic; Arseny bears the same surname.
    with pytest.raises(AmbiguousNameError) as error:
        stalker_guide.guide.find(spelling)
    assert set(error.value.candidates) == {"andrei-tarkovsky", "arseny-tarkovsky"}


def test_a_first_name_in_a_scheme_tells_the_namesakes_apart() -> None:
    assert stalker_guide.guide.find("Arseni Tarkowski").id == "arseny-tarkovsky"
    assert stalker_guide.guide.find("Andrej Tarkowski").id == "andrei-tarkovsky"


def test_a_fresh_index_holds_every_name_in_its_tier(tmp_path: Path) -> None:
    """The index as a specification, built in this test (the fixtures above are built
    once per module, so a tool that maps code to the tests that run it would not
    see them exercise NameIndex.build)."""
    folder = tmp_path / "data"
    shutil.copytree(MINIMAL, folder)
    with (folder / "people.toml").open("a", encoding="utf-8") as people:
        people.write(MORE_PEOPLE)
    with (folder / "characters.toml").open("a", encoding="utf-8") as characters:
        characters.write(
            '\n[[character]]\nid = "daughter"\nname = "the Girl"\n'
            'native_name = "Мартышка"\ndescription = "The Stalker\'s daughter."\n'
            'aliases = [{ text = "Monkey", lang = "en", citations = ["mos1"] }]\n'
            'citations = ["mos1"]\n'
        )
    guide = load(folder)
    index = guide.names()
    assert index.find("Girl") == index.find("Monkey") == "daughter"
    for record in guide:
        assert record.id in index.exact[record.id]
        assert record.id in index.folded[fold(record.id)]
        kind = guide.kind_of(record.id)
        written = [
            value
            for attribute in ("name", "title", "term", "native_name", "original_title", "native")
            if isinstance(value := getattr(record, attribute, None), str)
        ]
        for attribute in ("spellings", "aliases", "titles"):
            written += [s.text for s in getattr(record, attribute, ())]
        for name in written:
            if kind not in ("person", "character"):
                assert record.id in index.other[fold(name)], (record.id, name)
                continue
            assert record.id in index.exact[name], (record.id, name)
            assert record.id in index.folded[fold(name).removeprefix("the ")], name
            for key in transliterations(name):
                assert record.id in index.transliterated[key], (record.id, key)
            for word in fold(name).split():
                if len(word) >= 3 and word not in ("the", "of", "and"):
                    assert record.id in index.words[word], (record.id, word)
    assert "the" not in index.words
    assert index.find("Writer") == "writer"  # a character's name without its article


def test_a_folded_name_wins_over_the_words_it_shares(tmp_path: Path) -> None:
    # No Cyrillic names: only the folded tier knows "IVO LANG" is one person's full name.
    folder = tmp_path / "data"
    shutil.copytree(MINIMAL, folder)
    with (folder / "people.toml").open("a", encoding="utf-8") as people:
        people.write(
            '\n[[person]]\nid = "ivo-lang"\nname = "Ivo Lang"\ncitations = ["mos1"]\n'
            '\n[[person]]\nid = "lang-ivo-maria"\nname = "Lang Ivo Maria"\ncitations = ["mos1"]\n'
        )
    guide = load(folder)
    assert guide.find("IVO LANG").id == "ivo-lang"
    with pytest.raises(AmbiguousNameError):
        guide.find("Ivo")
