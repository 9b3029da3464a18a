"""Guide.search: which records match, and in what order (on the minimal fixture)."""

from __future__ import annotations

from pathlib import Path

import pytest

from stalker_guide import Guide, load
from stalker_guide.search import Hit

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
    assert by_id["quiet-monkey"].field == "text"
    # Nothing is named Monkey in the fixture: the quotation ranks first.
    assert ids(guide.search("monkey"))[0] == "quiet-monkey"


def test_every_word_must_match(guide: Guide) -> None:
    assert guide.search("stalker zebra") == ()
    assert ids(guide.search("stalker clients")) == ["the-bar"]


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
