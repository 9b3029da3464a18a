"""Guide.search: which records match, and in what order (on the minimal fixture, a copy of it
with records made to compare rankings, and the real data)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import stalker_guide
from stalker_guide import Guide, load
from stalker_guide.search import Hit

from .search_queries import FIRST, TOP_THREE

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"


@pytest.fixture(scope="module")
def guide() -> Guide:
    return load(MINIMAL)


def ids(hits: tuple[Hit, ...]) -> list[str]:
    return [hit.id for hit in hits]


def test_a_whole_name_ranks_first(guide: Guide) -> None:
    hits = guide.search("the writer")
    assert hits[0].record is guide.characters["writer"]
    assert hits[0].field == "name"


def test_a_name_ranks_above_a_summary(guide: Guide) -> None:
    hits = guide.search("room")
    assert ids(hits)[:2] == ["the-room", "komnata"]
    assert hits[0].field == "name"
    # The scene only says "the Room" in its summary; it comes after the names.
    assert "the-threshold" in ids(hits)[2:]


def test_ties_go_to_the_films_own_records_in_kind_order(guide: Guide) -> None:
    # "Stalker" is the character's whole name (without its article) and the
    # film's title: equal scores, the character first.
    hits = guide.search("Stalker")
    assert ids(hits)[:2] == ["stalker", "film"]
    assert hits[0].score == hits[1].score


def test_a_name_match_outranks_a_quotation_match_outranks_a_summary_match(guide: Guide) -> None:
    by_id = {hit.id: hit for hit in guide.search("monkey", limit=None)}
    # The quotation's words (or the short title it is listed under).
    assert by_id["quiet-monkey"].field in ("text", "title")
    # Nothing is named Monkey in the fixture: the quotation ranks first.
    assert ids(guide.search("monkey"))[0] == "quiet-monkey"


def test_a_record_holding_more_of_the_words_ranks_higher(guide: Guide) -> None:
    assert guide.search("zebra") == ()
    hits = guide.search("stalker clients")
    assert ids(hits)[0] == "the-bar"
    # Records holding only "stalker" follow, well below.
    assert len(hits) > 1 and hits[1].score < hits[0].score / 2


def test_a_word_may_be_the_start_of_a_longer_one(guide: Guide) -> None:
    assert ids(guide.search("solonit"))[0] == "anatoly-solonitsyn"


def test_a_translation_variant_is_searched(guide: Guide) -> None:
    (hit,) = guide.search("loud")
    assert (hit.id, hit.kind, hit.field) == ("quiet-monkey", "quote", "variants")


def test_cyrillic_and_diacritics_are_folded(guide: Guide) -> None:
    assert ids(guide.search("СОЛОНИЦЫН")) == ["anatoly-solonitsyn"]
    assert ids(guide.search("Tarkóvsky"))[0] == "andrei-tarkovsky"


def test_kinds_keep_only_those_kinds(guide: Guide) -> None:
    hits = guide.search("stalker", kinds=["scene"])
    assert hits and all(hit.kind == "scene" for hit in hits)


def test_limit(guide: Guide) -> None:
    assert len(guide.search("the", limit=2)) == 2
    assert len(guide.search("the", limit=None)) > 2
    assert len(guide.search("the", limit=1)) == 1


@pytest.mark.parametrize("limit", [0, -1, True])
def test_a_limit_must_be_positive_or_none(guide: Guide, limit: int) -> None:
    with pytest.raises(ValueError, match="positive"):
        guide.search("the", limit=limit)


@pytest.mark.parametrize("query", [None, 3, b"Room"])
def test_a_query_that_is_not_text_is_a_type_error(guide: Guide, query: object) -> None:
    with pytest.raises(TypeError, match="search"):
        guide.search(query)  # type: ignore[arg-type]


def test_kinds_are_named_in_the_singular_or_the_plural(guide: Guide) -> None:
    people = guide.search("Solonitsyn", kinds=["people"])
    assert ids(people) == ["anatoly-solonitsyn"]
    assert guide.search("Solonitsyn", kinds="person") == people
    assert guide.search("Solonitsyn", kinds=["Persons", "quotes"]) == people


def test_an_unknown_kind_is_an_error_naming_the_kinds(guide: Guide) -> None:
    with pytest.raises(ValueError, match=r"unknown kind 'actors'.*person, place, quote"):
        guide.search("Solonitsyn", kinds=["actors"])


def test_common_words_are_left_out(guide: Guide) -> None:
    assert ids(guide.search("what is the Room"))[:2] == ["the-room", "komnata"]
    # A query of common words only is searched as it is.
    assert guide.search("the")


def test_words_match_on_their_stems(guide: Guide) -> None:
    assert "the-room" in ids(guide.search("rooms"))
    # The description says "to grant a person's innermost wish".
    assert ids(guide.search("granting wishes"))[0] == "the-room"


def test_a_misspelt_name_finds_the_person(guide: Guide) -> None:
    assert ids(guide.search("Solonitsin"))[0] == "anatoly-solonitsyn"
    assert ids(guide.search("Anatolij Sołonicyn"))[0] == "anatoly-solonitsyn"


def test_an_empty_query_finds_nothing(guide: Guide) -> None:
    assert guide.search("  ") == ()


def test_hits_are_typed_and_carry_an_excerpt(guide: Guide) -> None:
    (hit,) = guide.search("innermost")
    assert isinstance(hit, Hit)
    assert hit.record is guide.places["the-room"]
    assert (hit.kind, hit.field) == ("place", "description")
    assert "innermost" in hit.excerpt


def test_ranking_is_stable(guide: Guide) -> None:
    assert guide.search("the", limit=None) == guide.search("the", limit=None)


def test_real_data_finds_a_line_of_dialogue_by_its_words() -> None:
    import stalker_guide

    hits = stalker_guide.guide.search("complicated system of traps", kinds=["quote"])
    assert hits and hits[0].record.id == "stalker-system-of-traps"


# -- rankings compared on records made for it ------------------------------------------

RANKING_PLACES = """
[[place]]
id = "gravelly-shore"
name = "the gravelly shore"
kind = "zone"
journey = 2
description = "A shore."
citations = ["wp17"]

[[place]]
id = "gravel-pit"
name = "the gravel pit"
kind = "zone"
journey = 3
description = "A pit."
citations = ["wp17"]

[[place]]
id = "gravel"
name = "Gravel"
kind = "zone"
journey = 4
description = "A heap."
citations = ["wp17"]
"""

RANKING_SOURCES = """
[[source]]
id = "gravel-source"
title = "Gravel"
kind = "web-page"
tier = "reference"
"""


@pytest.fixture(scope="module")
def ranked(tmp_path_factory: pytest.TempPathFactory) -> Guide:
    """The minimal data with three places and a source that differ only in how they match
    "gravel", each written before the one it must rank below (ties keep the data's order)."""
    folder = tmp_path_factory.mktemp("ranking") / "data"
    shutil.copytree(MINIMAL, folder)
    with (folder / "places.toml").open("a", encoding="utf-8") as places:
        places.write(RANKING_PLACES)
    with (folder / "sources.toml").open("a", encoding="utf-8") as sources:
        sources.write(RANKING_SOURCES)
    return load(folder)


def test_a_whole_name_outranks_a_name_holding_the_word(ranked: Guide) -> None:
    by_id = {hit.id: hit for hit in ranked.search("gravel", limit=None)}
    assert by_id["gravel"].score > by_id["gravel-pit"].score
    order = ids(ranked.search("gravel", kinds=["place"], limit=None))
    assert order.index("gravel") < order.index("gravel-pit")


def test_a_whole_word_outranks_the_start_of_a_longer_word(ranked: Guide) -> None:
    by_id = {hit.id: hit for hit in ranked.search("gravel", limit=None)}
    assert by_id["gravel-pit"].score > by_id["gravelly-shore"].score
    assert ids(ranked.search("gravel", kinds=["place"], limit=None)) == [
        "gravel",
        "gravel-pit",
        "gravelly-shore",
    ]


def test_a_source_ranks_below_a_record_of_the_film_matching_as_well(ranked: Guide) -> None:
    # The source's title and the place's name are both the whole query.
    by_id = {hit.id: hit for hit in ranked.search("gravel", limit=None)}
    assert by_id["gravel-source"].score < by_id["gravel"].score


# -- the real data: readers' queries and questions ------------------------------------------


@pytest.mark.parametrize(("query", "first"), FIRST, ids=[q for q, _ in FIRST])
def test_a_readers_query_brings_its_record_first(query: str, first: str) -> None:
    hits = stalker_guide.guide.search(query, limit=3)
    assert hits and hits[0].id == first, [hit.id for hit in hits]


@pytest.mark.parametrize(("query", "answers"), TOP_THREE, ids=[q for q, _ in TOP_THREE])
def test_a_question_has_its_answer_in_the_first_three(query: str, answers: frozenset[str]) -> None:
    hits = stalker_guide.guide.search(query, limit=3)
    assert answers & {hit.id for hit in hits}, [hit.id for hit in hits]


def test_credits_are_searched() -> None:
    hits = stalker_guide.guide.search("director", kinds=["people"], limit=1)
    assert hits[0].id == "andrei-tarkovsky"
    assert hits[0].field == "credits"
    assert "eduard-artemyev" in ids(stalker_guide.guide.search("music", limit=5))


def test_a_poem_is_found_among_the_first_hits() -> None:
    assert "poems" in ids(stalker_guide.guide.search("poem", limit=3))
