"""Verification of quotations against copies of their sources (stalker_guide.check).

Purpose-made copies test each rule; the last tests run the check on the real
data against ../shared/seeds and ../shared/reference, as CI does.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

import stalker_guide
from stalker_guide import Guide, load
from stalker_guide.check import Report, check, fragments, normalise
from stalker_guide.guide import KINDS
from stalker_guide.model import fields

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
FIFF = "001_b093e6815293b41c.txt"  # seed-fiff's copy in the fixture's sources.toml
MOS1 = "mos1.txt"

# The fixture's quotations, as the data holds them:
#   tarkovsky-on-stalker (director, cites seed-fiff):
#     "faith, and the thing that matters most, which lives on inside every person"
#   quiet-monkey (dialogue, cites mos1): "Quiet. You'll wake up Monkey."
#     variant (cites mos1): "Not so loud, you'll wake up…"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """The minimal data set, with a copy file declared for mos1."""
    folder = tmp_path / "data"
    shutil.copytree(MINIMAL, folder)
    sources = folder / "sources.toml"
    text = sources.read_text(encoding="utf-8")
    text = text.replace('kind = "subtitles"\ntier = "primary"\n', "", 1)
    text = text.replace(
        'url = "http://transcriptvids.com/v/JYEfJhkPK7o.html"\n',
        'url = "http://transcriptvids.com/v/JYEfJhkPK7o.html"\n'
        f'kind = "subtitles"\ntier = "primary"\ncopy = "{MOS1}"\n',
        1,
    )
    sources.write_text(text, encoding="utf-8")
    return folder


def copies(tmp_path: Path, fiff: str, mos1: str | None = None) -> Path:
    folder = tmp_path / "copies"
    folder.mkdir(exist_ok=True)
    (folder / FIFF).write_text(fiff, encoding="utf-8")
    if mos1 is not None:
        (folder / MOS1).write_text(mos1, encoding="utf-8")
    return folder


GOOD_FIFF = (
    "… in fact, each of them finds faith, and the thing that matters most, "
    "which lives on inside every person."
)
GOOD_MOS1 = "00:12 Quiet. You'll wake up Monkey.\n00:14 Not so loud, you'll wake up… the girl."


def messages(report: Report) -> list[str]:
    return [f.message for f in report.failures]


def test_quotations_found_word_for_word_pass(data: Path, tmp_path: Path) -> None:
    report = check(load(data), [copies(tmp_path, GOOD_FIFF, GOOD_MOS1)])
    assert report.ok, messages(report)
    assert report.verified == 3  # the director's words, the line, its variant


def test_a_changed_word_fails_and_shows_the_closest_passage(data: Path, tmp_path: Path) -> None:
    fiff = GOOD_FIFF.replace("matters most", "matters more")
    report = check(load(data), [copies(tmp_path, fiff, GOOD_MOS1)])
    (failure,) = report.failures
    assert (failure.record, failure.field, failure.source) == (
        "quote 'tarkovsky-on-stalker'",
        "text",
        "seed-fiff",
    )
    assert "is not there" in failure.message
    assert "closest: 'faith, and the thing that matters more" in failure.message


def test_whitespace_and_line_breaks_do_not_matter(data: Path, tmp_path: Path) -> None:
    fiff = GOOD_FIFF.replace(" the thing ", "\n   the\u00a0thing\n")
    assert check(load(data), [copies(tmp_path, fiff, GOOD_MOS1)]).ok


def test_typographic_apostrophes_and_quotes_do_not_matter(data: Path, tmp_path: Path) -> None:
    mos1 = GOOD_MOS1.replace("You'll", "You\u2019ll").replace("you'll", "you\u2019ll")
    assert check(load(data), [copies(tmp_path, GOOD_FIFF, mos1)]).ok


def test_an_elision_in_the_quotation_may_skip_text(data: Path, tmp_path: Path) -> None:
    # The variant "Not so loud, you'll wake up…" ends with an elision; a copy
    # where other words follow still matches.
    mos1 = GOOD_MOS1.replace("wake up… the girl", "wake up the girl")
    assert check(load(data), [copies(tmp_path, GOOD_FIFF, mos1)]).ok


def test_elided_fragments_must_appear_in_order(tmp_path: Path, data: Path) -> None:
    quotes = data / "quotes.toml"
    quotes.write_text(
        quotes.read_text(encoding="utf-8").replace(
            'text = "faith, and the thing that matters most, which lives on inside every person"',
            'text = "which lives on inside every person … faith"',
        ),
        encoding="utf-8",
    )
    report = check(load(data), [copies(tmp_path, GOOD_FIFF, GOOD_MOS1)])
    assert messages(report) == ["fragment 2 of 2 'faith' is there, but not in this order"]


def test_a_variant_is_checked_against_its_own_source(data: Path, tmp_path: Path) -> None:
    mos1 = GOOD_MOS1.replace("Not so loud", "Not too loud")
    report = check(load(data), [copies(tmp_path, GOOD_FIFF, mos1)])
    (failure,) = report.failures
    assert failure.field == "variants[0].text"


def test_a_source_whose_copy_is_not_given_is_skipped_not_failed(data: Path, tmp_path: Path) -> None:
    report = check(load(data), [copies(tmp_path, GOOD_FIFF)])
    assert report.ok
    assert report.verified == 1
    assert {(f.source, f.copy) for f in report.skipped} == {("mos1", MOS1)}


def test_a_dialogue_line_no_source_of_which_has_a_copy_fails() -> None:
    # In the fixture as it is, mos1 declares no copy.
    report = check(load(MINIMAL), [])
    assert [(f.record, f.field) for f in report.failures] == [
        ("quote 'quiet-monkey'", "text"),
        ("quote 'quiet-monkey'", "variants[0].text"),
    ]
    assert "none of its sources has a copy" in report.failures[0].message


def test_the_report_says_what_it_did(data: Path, tmp_path: Path) -> None:
    folder = copies(tmp_path, GOOD_FIFF)
    assert str(check(load(data), [folder])) == (
        f"check: ok; 1 quotation(s) verified word for word, 2 not checked "
        f"(no copy of the source in {folder})"
    )


def test_every_record_has_a_citation(data: Path) -> None:
    # The loader already refuses an empty citations list; the check says so too.
    report = check(load(data), [])
    assert not [f for f in report.failures if "no citation" in f.message]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\u201cDon\u2019t move!\u201d", '"Don\'t move!"'),
        ("«Сталкер»", '"Сталкер"'),
        ("a \u2014 b \u2013 c\u2011d", "a-b-c-d"),
        ("  two\n\t lines  ", "two lines"),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("quotation", "expected"),
    [
        ("one … two", ["one", "two"]),
        ("one...two", ["one", "two"]),
        ("one [...] two", ["one", "two"]),
        ("one [ … ] two", ["one", "two"]),
        ("…one", ["one"]),
        ("no elision", ["no elision"]),
    ],
)
def test_fragments(quotation: str, expected: list[str]) -> None:
    assert fragments(quotation) == expected


# The real data against the shared source texts.


def shared() -> list[Path]:
    folders = [SHARED / "seeds", SHARED / "reference"]
    missing = [str(f) for f in folders if not f.is_dir()]
    if missing:
        pytest.skip(f"the shared source texts are not here: {', '.join(missing)}")
    return folders


@pytest.fixture(scope="module")
def real() -> Guide:
    return stalker_guide.guide


def test_every_quotation_of_the_real_data_is_in_its_sources(real: Guide) -> None:
    report = check(real, shared())
    assert report.ok, "\n".join(str(f) for f in report.failures)


def test_the_real_check_verifies_the_seed_excerpts(real: Guide) -> None:
    report = check(real, shared())
    assert report.skipped == ()
    assert report.verified >= len([q for q in real.quotes.values() if q.kind.value == "critic"])


def test_against_the_seeds_alone_the_reference_is_skipped(real: Guide) -> None:
    seeds = shared()[0]
    report = check(real, [seeds])
    assert {f.copy for f in report.skipped} == {"film-facts.md"}


# Spot checks of the headline facts against the values of the reference fact sheet
# (../shared/reference/film-facts.md, sections 1-6), written out here by hand.


def credits(real: Guide, job: str, *, credited: bool = True) -> set[str]:
    """People credited (with credited=False: uncredited) in jobs starting with ``job``."""
    return {c.person for c in real.credits if c.job.startswith(job) and c.credited is credited}


def test_headline_identity(real: Guide) -> None:
    film = real.film
    assert (film.title, film.original_title, film.year) == ("Stalker", "Сталкер", 1979)
    assert film.based_on.title == "Roadside Picnic"
    assert set(film.based_on.authors) == {"arkady-strugatsky", "boris-strugatsky"}
    assert [p.number for p in film.parts] == [1, 2]


def test_headline_runtimes(real: Guide) -> None:
    assert real.film.runtime.minutes == 161
    assert {161, 162, 163} <= {r.minutes for r in real.film.runtimes}


def test_headline_director(real: Guide) -> None:
    assert credits(real, "director") == {"andrei-tarkovsky"}


@pytest.mark.parametrize(
    ("character", "actor"),
    [
        ("stalker", "alexander-kaidanovsky"),
        ("writer", "anatoly-solonitsyn"),
        ("professor", "nikolai-grinko"),
        ("wife", "alisa-freindlich"),
        ("monkey", "natasha-abramova"),
        ("companion", "faime-jurno"),
        ("lyuger", "yevgeni-kostin"),
    ],
)
def test_headline_cast(real: Guide, character: str, actor: str) -> None:
    assert [p.id for p in real.played_by(character)] == [actor]


@pytest.mark.parametrize(
    ("job", "people"),
    [
        ("screenplay", {"arkady-strugatsky", "boris-strugatsky"}),
        ("cinematography", {"alexander-knyazhinsky"}),
        ("editor", {"lyudmila-feiginova"}),
        ("music", {"eduard-artemyev"}),
        ("sound", {"vladimir-sharun"}),
        ("production design", {"andrei-tarkovsky"}),
        ("second director", {"larisa-tarkovskaya"}),
        ("assistant director", {"evgeny-tsymbal"}),
    ],
)
def test_headline_credited_crew(real: Guide, job: str, people: set[str]) -> None:
    assert credits(real, job) == people


def test_headline_uncredited_cinematographers_of_the_lost_versions(real: Guide) -> None:
    assert credits(real, "cinematography", credited=False) == {
        "georgy-rerberg",
        "leonid-kalashnikov",
    }


def test_headline_awards(real: Guide) -> None:
    awards = {(a.year, a.result, a.rank) for a in real.awards.values()}
    assert (1980, "won", None) in awards  # Cannes, Prize of the Ecumenical Jury
    assert (2012, "ranked", 29) in awards  # Sight & Sound critics' poll
    cannes = [a for a in real.awards.values() if "Cannes" in a.body]
    assert [(a.year, "Ecumenical" in a.name) for a in cannes] == [(1980, True)]
    assert any("Visconti" in a.name and a.year == 1980 for a in real.awards.values())


# Rules each of which a small slip in stalker_guide.check would break unseen.


def rebuilt(guide: Guide, **replaced: dict[str, Any]) -> Guide:
    """``guide`` with some records replaced (built directly: the loader would refuse them)."""
    collections = {a: {**getattr(guide, a), **replaced.get(a, {})} for a in KINDS.values()}
    return Guide(film=guide.film, credits=guide.credits, **collections)


def without_citations(record: Any, **changes: Any) -> Any:
    values = {f.name: getattr(record, f.name) for f in fields(record)}
    return type(record)(**{**values, "citations": (), **changes})


def test_a_record_without_a_citation_fails_the_check() -> None:
    guide = load(MINIMAL)
    quote = guide.quotes["quiet-monkey"]
    variant = without_citations(quote.variants[0])
    guide = rebuilt(
        guide,
        themes={"faith": without_citations(guide.themes["faith"])},
        quotes={"quiet-monkey": without_citations(quote, variants=(variant,))},
    )
    uncited = [(f.record, f.field) for f in check(guide).failures if "no citation" in f.message]
    assert uncited == [
        ("theme 'faith'", "citations"),
        ("quote 'quiet-monkey'", "variants[0].citations"),
        ("quote 'quiet-monkey'", "citations"),
    ]


def test_a_failed_report_lists_each_failure_then_the_count(data: Path, tmp_path: Path) -> None:
    fiff = GOOD_FIFF.replace("matters most", "matters more")
    report = check(load(data), [copies(tmp_path, fiff, GOOD_MOS1.replace("Quiet", "Hush"))])
    lines = str(report).splitlines()
    assert lines[:-1] == [str(f) for f in report.failures] and len(lines) == 3
    assert lines[-1].startswith("check: 2 failed; 1 quotation(s) verified word for word, ")
    assert str(check(load(data))).endswith("(no folder of source texts given)")


def test_markdown_emphasis_is_ignored_in_markdown_copies_only(data: Path, tmp_path: Path) -> None:
    sources = data / "sources.toml"
    emphasised = GOOD_FIFF.replace("matters most", "**matters** *most*")
    for name, ok in (("fiff.md", True), ("fiff.txt", False)):
        text = sources.read_text(encoding="utf-8")
        sources.write_text(text.replace(FIFF, name).replace("fiff.md", name), encoding="utf-8")
        folder = tmp_path / name
        folder.mkdir()
        (folder / name).write_text(emphasised, encoding="utf-8")
        (folder / MOS1).write_text(GOOD_MOS1, encoding="utf-8")
        report = check(load(data), [folder])
        assert report.ok is ok, (name, messages(report))


def test_every_source_of_a_quotation_with_a_copy_is_checked(data: Path, tmp_path: Path) -> None:
    # The director's words cite a source without a copy first, then two with one.
    quotes = data / "quotes.toml"
    quotes.write_text(
        quotes.read_text(encoding="utf-8").replace(
            'citations = ["seed-fiff"]', 'citations = ["wp17", "seed-fiff", "mos1"]'
        ),
        encoding="utf-8",
    )
    both = GOOD_MOS1 + "\n" + GOOD_FIFF
    report = check(load(data), [copies(tmp_path, GOOD_FIFF, both)])
    assert report.ok, messages(report)
    assert report.verified == 4  # the director's words twice, the line, its variant
    report = check(load(data), [copies(tmp_path, GOOD_FIFF, GOOD_MOS1)])
    assert [(f.record, f.source) for f in report.failures] == [
        ("quote 'tarkovsky-on-stalker'", "mos1")
    ]


def test_a_quotation_at_the_very_start_of_its_copy_is_found(data: Path, tmp_path: Path) -> None:
    start = GOOD_FIFF.index("faith")
    assert check(load(data), [copies(tmp_path, GOOD_FIFF[start:], GOOD_MOS1)]).ok


def test_a_fragment_may_not_reuse_the_text_of_the_one_before(data: Path, tmp_path: Path) -> None:
    quotes = data / "quotes.toml"
    quotes.write_text(
        quotes.read_text(encoding="utf-8").replace(
            'text = "faith, and the thing that matters most, which lives on inside every person"',
            'text = "the thing that matters … matters most"',
        ),
        encoding="utf-8",
    )
    report = check(load(data), [copies(tmp_path, GOOD_FIFF, GOOD_MOS1)])
    assert messages(report) == ["fragment 2 of 2 'matters most' is there, but not in this order"]


def test_a_russian_original_need_not_be_checkable(data: Path, tmp_path: Path) -> None:
    quotes = data / "quotes.toml"
    quotes.write_text(
        quotes.read_text(encoding="utf-8").replace(
            'variants = [{ text = "Not so loud',
            'russian = { text = "Тише. Мартышку разбудишь.", citations = ["wp17"] }\n'
            'variants = [{ text = "Not so loud',
        ),
        encoding="utf-8",
    )
    report = check(load(data), [copies(tmp_path, GOOD_FIFF, GOOD_MOS1)])
    assert report.ok, messages(report)
    assert load(data).quotes["quiet-monkey"].russian is not None


def test_a_one_piece_quotation_that_is_not_there_names_no_fragment(
    data: Path, tmp_path: Path
) -> None:
    fiff = GOOD_FIFF.replace("matters most", "matters more")
    (failure,) = check(load(data), [copies(tmp_path, fiff, GOOD_MOS1)]).failures
    assert failure.message.startswith("'faith, and the thing that matters most, which lives")
    assert str(failure) == (
        f"quote 'tarkovsky-on-stalker': text: source 'seed-fiff' ({FIFF}): {failure.message}"
    )


def test_a_fragment_at_the_start_of_the_copy_is_there_out_of_order(
    data: Path, tmp_path: Path
) -> None:
    quotes = data / "quotes.toml"
    quotes.write_text(
        quotes.read_text(encoding="utf-8").replace(
            'text = "faith, and the thing that matters most, which lives on inside every person"',
            'text = "which lives on inside every person … faith"',
        ),
        encoding="utf-8",
    )
    fiff = GOOD_FIFF[GOOD_FIFF.index("faith") :]
    report = check(load(data), [copies(tmp_path, fiff, GOOD_MOS1)])
    assert messages(report) == ["fragment 2 of 2 'faith' is there, but not in this order"]


def test_a_line_that_cannot_be_verified_names_its_sources() -> None:
    failure = check(load(MINIMAL)).failures[0]
    assert (failure.source, failure.copy) == ("mos1", None)
    assert str(failure) == (
        "quote 'quiet-monkey': text: source 'mos1': cannot be verified: "
        "none of its sources has a copy to check it against"
    )
