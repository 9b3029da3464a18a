"""The Guide's relations: who played whom, scenes, quotations, themes, sources, mentions.

Most tests use the minimal fixture plus a few purpose-made records (a wife, a
critic and her essay, a third scene), so each expected answer can be read off
the data in this file. The last tests check the same relations hold together
on the real data.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from stalker_guide import Credit, Guide, UnknownIdError, load

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"

EXTRA = {
    "people.toml": """
[[person]]
id = "mohsen-azarm"
name = "Mohsen Azarm"
citations = ["seed-fiff"]

[[person]]
id = "alisa-freindlich"
name = "Alisa Freindlich"
citations = ["wp17"]
""",
    "characters.toml": """
[[character]]
id = "wife"
name = "the Stalker's Wife"
played_by = ["alisa-freindlich"]
description = "The Stalker's wife, who stays behind."
citations = ["wp17"]

[[character.relationships]]
to = "stalker"
kind = "wife"
citations = [{ source = "mos1", locator = "home" }]
""",
    "scenes.toml": """
[[scene]]
id = "home-again"
number = 3
part = 2
title = "Home again"
palette = "sepia"
summary = "The Stalker is home."
characters = ["stalker", "wife"]
themes = ["faith"]
citations = ["wp17"]
""",
    "essays.toml": """
[[essay]]
id = "be-kind-to-the-past"
title = "Be kind to the past"
author = "mohsen-azarm"
source = "seed-fiff"
summary = "A reading of the film as a search for faith."
themes = ["faith"]
citations = ["seed-fiff"]
""",
    "quotes.toml": """
[[quote]]
id = "azarm-on-faith"
kind = "critic"
speaker = "mohsen-azarm"
essay = "be-kind-to-the-past"
text = "faith"
citations = [{ source = "seed-fiff", locator = "Be kind to the past" }]
""",
}


@pytest.fixture(scope="module")
def guide(tmp_path_factory: pytest.TempPathFactory) -> Guide:
    folder = tmp_path_factory.mktemp("relations") / "data"
    shutil.copytree(MINIMAL, folder)
    for name, text in EXTRA.items():
        with (folder / name).open("a", encoding="utf-8") as file:
            file.write(text)
    return load(folder)


def ids(records: object) -> list[str]:
    return [getattr(r, "id", repr(r)) for r in records]  # type: ignore[attr-defined]


# Who played whom.


def test_played_by_gives_the_actors(guide: Guide) -> None:
    assert guide.played_by("writer") == (guide.people["anatoly-solonitsyn"],)


def test_a_character_nobody_plays_has_no_actor(guide: Guide) -> None:
    assert guide.played_by("stalker") == ()


def test_roles_of_is_the_inverse_of_played_by(guide: Guide) -> None:
    assert guide.roles_of("anatoly-solonitsyn") == (guide.characters["writer"],)
    assert guide.roles_of("alisa-freindlich") == (guide.characters["wife"],)


def test_credits_of_gives_a_persons_jobs(guide: Guide) -> None:
    (credit,) = guide.credits_of("andrei-tarkovsky")
    assert credit.job == "director"
    assert guide.credits_of("anatoly-solonitsyn") == ()


def test_a_relation_refuses_an_id_of_the_wrong_kind(guide: Guide) -> None:
    with pytest.raises(KeyError, match="'writer' is a character, not a person"):
        guide.roles_of("writer")


def test_a_relation_refuses_an_unknown_id(guide: Guide) -> None:
    with pytest.raises(KeyError):
        guide.scenes_with("nobody")


def test_a_relation_given_a_name_says_which_id_find_gives(guide: Guide) -> None:
    with pytest.raises(UnknownIdError) as caught:
        guide.played_by("Writer")
    assert str(caught.value) == "'Writer' is not an id; did you mean find('Writer') → 'writer'?"
    assert caught.value.id == "Writer"
    assert isinstance(caught.value, KeyError) and isinstance(caught.value, LookupError)


@pytest.mark.parametrize(
    "call",
    [
        lambda g: g.get("Anatolij Solonicyn"),
        lambda g: g.kind_of("Anatolij Solonicyn"),
        lambda g: g.roles_of("Anatolij Solonicyn"),
        lambda g: g.credits_of("Anatolij Solonicyn"),
        lambda g: g.mentions("Anatolij Solonicyn"),
        lambda g: g.quotes_about("Anatolij Solonicyn"),
        lambda g: g.themes_of("Anatolij Solonicyn"),
        lambda g: g.label("Anatolij Solonicyn"),
    ],
)
def test_every_lookup_by_id_given_a_name_points_to_find(
    guide: Guide, call: Callable[[Guide], object]
) -> None:
    with pytest.raises(UnknownIdError, match="did you mean find\\('Anatolij Solonicyn'\\) → "):
        call(guide)


def test_an_unknown_id_suggests_close_ids_or_nothing(guide: Guide) -> None:
    with pytest.raises(UnknownIdError, match=r"^'wrtier' is not an id; did you mean 'writer'"):
        guide.scenes_with("wrtier")
    with pytest.raises(UnknownIdError) as caught:
        guide.scenes_with("zzzzqq")
    assert str(caught.value) == "'zzzzqq' is not an id"


@pytest.mark.parametrize("value", [None, 3, b"writer", ["writer"]])
def test_lookups_refuse_what_is_not_a_string(guide: Guide, value: Any) -> None:
    for call in (guide.find, guide.get, guide.kind_of, guide.played_by, guide.scenes_with):
        with pytest.raises(TypeError, match="str"):
            call(value)


# Scenes.


def test_scenes_with_a_character_in_running_order(guide: Guide) -> None:
    assert ids(guide.scenes_with("stalker")) == ["the-bar", "the-threshold", "home-again"]
    assert ids(guide.scenes_with("wife")) == ["home-again"]


def test_scenes_with_a_place_a_theme_a_motif(guide: Guide) -> None:
    assert ids(guide.scenes_with("the-room")) == ["the-threshold"]
    assert ids(guide.scenes_with("faith")) == ["the-bar", "home-again"]
    assert ids(guide.scenes_with("nuts")) == ["the-threshold"]


def test_neighbours_of_the_first_middle_and_last_scenes(guide: Guide) -> None:
    bar, threshold, home = (guide.scenes[i] for i in ("the-bar", "the-threshold", "home-again"))
    assert guide.neighbours("the-bar") == (None, threshold)
    assert guide.neighbours("the-threshold") == (bar, home)
    assert guide.neighbours("home-again") == (threshold, None)


# Quotations.


def test_quotes_about_a_speaker(guide: Guide) -> None:
    assert ids(guide.quotes_about("stalker")) == ["quiet-monkey"]


def test_quotes_about_a_scene(guide: Guide) -> None:
    assert ids(guide.quotes_about("the-bar")) == ["quiet-monkey"]


def test_quotes_about_an_essay(guide: Guide) -> None:
    assert ids(guide.quotes_about("be-kind-to-the-past")) == ["azarm-on-faith"]


def test_quotes_about_a_theme(guide: Guide) -> None:
    assert ids(guide.quotes_about("faith")) == ["tarkovsky-on-stalker"]


# Themes.


def test_essays_on_a_theme(guide: Guide) -> None:
    assert ids(guide.essays_on("faith")) == ["be-kind-to-the-past"]


def test_motifs_of_a_theme(guide: Guide) -> None:
    assert ids(guide.motifs_of("faith")) == ["nuts"]


def test_themes_of_a_character_come_from_its_scenes_and_words(guide: Guide) -> None:
    assert ids(guide.themes_of("wife")) == ["faith"]
    assert ids(guide.themes_of("stalker")) == ["faith"]


def test_themes_of_a_scene_are_its_own(guide: Guide) -> None:
    assert ids(guide.themes_of("the-threshold")) == []


# Relationships.


def test_relationships_of_include_those_declared_towards_the_character(guide: Guide) -> None:
    ties = guide.relationships_of("stalker")
    assert [(t.relationship.kind, t.other.id, t.outgoing) for t in ties] == [
        ("guide", "writer", True),
        ("wife", "wife", False),
    ]


def test_relationships_of_the_declaring_side(guide: Guide) -> None:
    (tie,) = guide.relationships_of("wife")
    assert (tie.relationship.kind, tie.other.id, tie.outgoing) == ("wife", "stalker", True)


# Sources and claims.


def test_claims_about_a_subject(guide: Guide) -> None:
    assert ids(guide.claims_about("cannes-ecumenical-1980")) == ["cannes-year"]
    assert guide.claims_about("writer") == ()


def test_claims_citing_a_source_that_states_them(guide: Guide) -> None:
    assert ids(guide.claims_citing("seed-fiff")) == ["cannes-year"]


def test_claims_citing_a_source_that_is_evidence(guide: Guide) -> None:
    assert ids(guide.claims_citing("gff")) == ["cannes-year"]


def test_citing_finds_nested_citations_and_credits(guide: Guide) -> None:
    citing = guide.citing("mos1")
    # The film cites mos1 in its studio and parts, Arkady Strugatsky directly,
    # the credit directly, the wife in a relationship, the quote in a variant.
    assert guide.film in citing
    assert guide.people["arkady-strugatsky"] in citing
    assert any(isinstance(r, Credit) for r in citing)
    assert guide.characters["wife"] in citing
    assert guide.quotes["quiet-monkey"] in citing
    assert guide.themes["faith"] not in citing


def test_citing_lists_each_record_once(guide: Guide) -> None:
    citing = guide.citing("wp17")
    assert len(citing) == len({id(r) for r in citing})


def test_citing_refuses_what_is_not_a_source(guide: Guide) -> None:
    with pytest.raises(KeyError):
        guide.citing("writer")


# Mentions.


def test_mentions_of_a_person_include_nested_references(guide: Guide) -> None:
    # The film names Arkady Strugatsky among the authors of the novel.
    assert ids(guide.mentions("arkady-strugatsky")) == ["film"]


def test_mentions_of_a_character(guide: Guide) -> None:
    assert ids(guide.mentions("stalker")) == [
        "wife",
        "the-bar",
        "the-threshold",
        "home-again",
        "quiet-monkey",
    ]


def test_mentions_leave_out_credits_and_the_record_itself(guide: Guide) -> None:
    assert ids(guide.mentions("andrei-tarkovsky")) == ["tarkovsky-on-stalker"]
    assert guide.characters["writer"] in guide.mentions("anatoly-solonitsyn")


def test_mentions_of_a_source_are_the_records_citing_it(guide: Guide) -> None:
    cited = [r for r in guide.citing("gff") if not isinstance(r, Credit)]
    assert list(guide.mentions("gff")) == cited


# The real data: the relations agree with each other.


@pytest.fixture(scope="module")
def real() -> Guide:
    import stalker_guide

    return stalker_guide.guide


def test_real_played_by_and_roles_of_agree(real: Guide) -> None:
    for character in real.characters.values():
        for person in real.played_by(character.id):
            assert character in real.roles_of(person.id)


def test_real_the_writer_is_solonitsyn(real: Guide) -> None:
    assert [p.id for p in real.played_by("writer")] == ["anatoly-solonitsyn"]
    assert [p.id for p in real.played_by("stalker")] == ["alexander-kaidanovsky"]
    assert [p.id for p in real.played_by("professor")] == ["nikolai-grinko"]
    assert [p.id for p in real.played_by("wife")] == ["alisa-freindlich"]


def test_real_neighbours_walk_the_whole_film(real: Guide) -> None:
    scenes = list(real.scenes.values())
    walked = [scenes[0]]
    while (after := real.neighbours(walked[-1].id)[1]) is not None:
        walked.append(after)
    assert walked == scenes


def test_real_every_scene_character_has_the_scene(real: Guide) -> None:
    for scene in real.scenes.values():
        for character in scene.characters:
            assert scene in real.scenes_with(character)


def test_real_every_source_cited_by_a_record_lists_it(real: Guide) -> None:
    for quote in real.quotes.values():
        for citation in quote.citations:
            assert quote in real.citing(citation.source)


def test_real_the_seeds_are_cited(real: Guide) -> None:
    for seed in ("seed-rutherford", "seed-fiff", "seed-moviespoilers", "seed-plot-breakdown"):
        assert real.citing(seed), seed
