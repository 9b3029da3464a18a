"""The quiz page's answers, checked against the data.

docs/study/quiz.md renders every answer from the data with roles
({fact}`film.year`, {person}`id`, {character}`id`, ...), hidden in a dropdown.
This test parses the page and, for each question, compares the roles of its
answer with the roles that the data implies, computed here from
``stalker_guide.guide``. If the data changes (say, a character's actor is
corrected) or the page changes (a question is edited or renumbered) without the
other following, a test fails.

The page's format, which the parser relies on: a question is a paragraph that
starts ``**N.**``; after it comes a dropdown titled ``Answer`` whose first
paragraph starts ``**Answer:**`` and holds only roles, joined by "and" or
commas.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import stalker_guide
from stalker_guide import Character, Guide, Place, Quote, QuoteKind, Scene, Term

QUIZ = Path(__file__).resolve().parent.parent / "docs" / "study" / "quiz.md"

#: A role as written on the page: (role name without the ``film:`` prefix, target).
Role = tuple[str, str]

_ROLE = re.compile(r"\{(?:film:)?(?P<name>[a-z][a-z-]*)\}`(?P<content>[^`]*)`")
_QUESTION = re.compile(r"^\*\*(?P<number>\d+)\.\*\*\s+(?P<text>.*)$")
_DROPDOWN = re.compile(r"^(?P<fence>:{3,})\{dropdown\}\s*(?P<title>.*)$")
_ANSWER = "**Answer:**"


def role_target(content: str) -> str:
    """The target of a role: ``title <target>`` or the bare ``target``."""
    explicit = re.fullmatch(r"(?s).*<(?P<target>[^<>]+)>\s*", content)
    return (explicit.group("target") if explicit else content).strip()


def roles_in(text: str) -> tuple[Role, ...]:
    """Every role in ``text``, in order."""
    return tuple((m["name"], role_target(m["content"])) for m in _ROLE.finditer(text))


@dataclass(frozen=True)
class Question:
    """One quiz question as the page gives it."""

    number: int
    prompt: str
    title: str  # the dropdown's title
    options: tuple[str, ...]  # the dropdown's option lines (":open:", ...)
    answer: str  # the answer paragraph, "**Answer:**" included
    body: str  # everything inside the dropdown

    @property
    def answer_roles(self) -> tuple[Role, ...]:
        return roles_in(self.answer)


def _paragraph(lines: list[str], start: int) -> tuple[str, int]:
    """The paragraph starting at ``start`` (joined) and the index after it."""
    end = start
    while end < len(lines) and lines[end].strip():
        end += 1
    return " ".join(line.strip() for line in lines[start:end]), end


def _skip_blank(lines: list[str], index: int) -> int:
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index


def parse(text: str) -> list[Question]:
    """The questions of the quiz page, in page order."""
    lines = text.splitlines()
    questions: list[Question] = []
    index = 0
    while index < len(lines):
        match = _QUESTION.match(lines[index])
        if not match:
            index += 1
            continue
        number = int(match["number"])
        prompt, index = _paragraph(lines, index)
        index = _skip_blank(lines, index)
        opening = _DROPDOWN.match(lines[index]) if index < len(lines) else None
        assert opening, f"question {number}: no dropdown follows the question"
        fence = opening["fence"]
        index += 1
        options: list[str] = []
        while index < len(lines) and lines[index].startswith(":") and lines[index] != fence:
            options.append(lines[index].strip())
            index += 1
        body_start = index
        while index < len(lines) and lines[index].strip() != fence:
            index += 1
        assert index < len(lines), f"question {number}: the dropdown is not closed"
        body_lines = lines[body_start:index]
        first = _skip_blank(body_lines, 0)
        answer, _ = _paragraph(body_lines, first)
        questions.append(
            Question(
                number=number,
                prompt=prompt,
                title=opening["title"].strip(),
                options=tuple(options),
                answer=answer,
                body="\n".join(body_lines),
            )
        )
        index += 1
    return questions


# ---- what the data implies -------------------------------------------------------------------


def resolve(guide: Guide, path: str) -> object:
    """The value a ``{fact}`` path names: an id (or ``film``), then attribute names."""
    head, *attributes = path.split(".")
    value: object = guide.film if head == "film" else guide.get(head)
    for attribute in attributes:
        value = getattr(value, attribute)
    return value


def fact(path: str) -> Role:
    return ("fact", path)


def people(*ids: str) -> tuple[Role, ...]:
    return tuple(("person", id) for id in ids)


def credited(guide: Guide, job: str) -> tuple[Role, ...]:
    """The people the film's own credits name for ``job``, in credit order."""
    return people(*(c.person for c in guide.credits if c.job == job and c.credited))


def played_by(guide: Guide, character: str) -> tuple[Role, ...]:
    return people(*guide.characters[character].played_by)


def related(guide: Guide, kind: str, to: str) -> tuple[Role, ...]:
    """The characters that are ``kind`` of ``to`` ("<this> is <kind> of <to>")."""
    return tuple(
        ("character", c.id)
        for c in guide.characters.values()
        if any(r.kind == kind and r.to == to for r in c.relationships)
    )


def scenes(guide: Guide) -> list[Scene]:
    return sorted(guide.scenes.values(), key=lambda s: s.number)


def first_in_colour(guide: Guide) -> tuple[Role, ...]:
    scene = next(s for s in scenes(guide) if s.palette == "colour")
    return (("scene", scene.id),)


def end_of_part(guide: Guide, part: int) -> tuple[Role, ...]:
    scene = [s for s in scenes(guide) if s.part == part][-1]
    return (("scene", scene.id),)


def speakers(guide: Guide, quotes: Iterator[Quote]) -> tuple[Role, ...]:
    """The speakers of ``quotes``, each once, as roles of their kind."""
    ids = sorted({q.speaker for q in quotes if q.speaker is not None})
    return tuple((guide.kind_of(id), id) for id in ids)


def bomb_bearer(guide: Guide) -> tuple[Role, ...]:
    """Who speaks the line that reveals the bomb (in English or in Russian)."""
    return speakers(
        guide,
        (
            q
            for q in guide.quotes.values()
            if q.kind == QuoteKind.DIALOGUE and re.search(r"\bbomb\b|бомб", q.text, re.IGNORECASE)
        ),
    )


def epigraph_speaker(guide: Guide) -> tuple[Role, ...]:
    return speakers(guide, (q for q in guide.quotes.values() if q.kind == QuoteKind.EPIGRAPH))


def crown_maker(guide: Guide) -> tuple[Role, ...]:
    """The character the glossary's "crown of thorns" points to."""
    term = guide.terms["ternovyy-venets"]
    assert isinstance(term, Term)
    return tuple(("character", id) for id in term.see if guide.kind_of(id) == "character")


def journey_end(guide: Guide) -> tuple[Role, ...]:
    stops = [p for p in guide.places.values() if p.kind == "zone" and p.journey is not None]
    last: Place = max(stops, key=lambda p: p.journey or 0)
    return (("place", last.id),)


def stood_in_for(guide: Guide, place: str) -> tuple[Role, ...]:
    return tuple(
        ("place", p.id)
        for p in guide.places.values()
        if p.kind == "filming-location" and place in p.stands_for
    )


def cannes_prize(guide: Guide) -> tuple[Role, ...]:
    (award,) = (a for a in guide.awards.values() if "Cannes" in a.body)
    return (("award", award.id), fact(f"{award.id}.year"))


def the_held_runtime(guide: Guide) -> tuple[Role, ...]:
    assert guide.film.runtime.held, "no runtime is marked as the one the guide holds"
    return (fact("film.runtime.minutes"),)


#: Question number -> the answer roles the data implies.
EXPECTED: dict[int, Callable[[Guide], tuple[Role, ...]]] = {
    1: lambda g: (fact("film.year"),),
    2: lambda g: (fact("film.original_title"),),
    3: lambda g: (fact("film.based_on.title"),),
    4: lambda g: people(*g.film.based_on.authors),
    5: lambda g: credited(g, "director"),
    6: the_held_runtime,
    7: lambda g: (fact("film.aspect_ratio.value"),),
    8: lambda g: played_by(g, "stalker"),
    9: lambda g: played_by(g, "writer"),
    10: lambda g: played_by(g, "professor"),
    11: lambda g: played_by(g, "wife"),
    12: lambda g: related(g, "daughter", "stalker"),
    13: lambda g: related(g, "mentor", "stalker"),
    14: first_in_colour,
    15: lambda g: end_of_part(g, 1),
    16: bomb_bearer,
    17: crown_maker,
    18: journey_end,
    19: epigraph_speaker,
    20: lambda g: credited(g, "music"),
    21: lambda g: credited(g, "cinematography"),
    22: lambda g: credited(g, "verses"),
    23: lambda g: stood_in_for(g, "cordon"),
    24: cannes_prize,
}


# ---- the tests -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def quiz() -> list[Question]:
    return parse(QUIZ.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def guide() -> Guide:
    return stalker_guide.guide


def test_the_questions_are_numbered_from_one_without_gaps(quiz: list[Question]) -> None:
    assert [q.number for q in quiz] == list(range(1, len(quiz) + 1))


def test_every_question_has_an_expected_answer_and_no_more(quiz: list[Question]) -> None:
    assert {q.number for q in quiz} == set(EXPECTED)


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_the_answer_is_what_the_data_implies(
    number: int, quiz: list[Question], guide: Guide
) -> None:
    (question,) = (q for q in quiz if q.number == number)
    expected = EXPECTED[number](guide)
    assert expected, f"question {number}: the data implies no answer"
    assert question.answer_roles == expected, (
        f"question {number} ({question.prompt!r}): the page answers "
        f"{question.answer_roles}, the data implies {expected}"
    )


def test_answers_are_hidden_until_opened(quiz: list[Question]) -> None:
    for question in quiz:
        assert question.title == "Answer", question.number
        assert ":open:" not in question.options, question.number
        assert question.answer.startswith(_ANSWER), question.number


def test_answers_are_rendered_not_typed(quiz: list[Question]) -> None:
    """Besides its roles, an answer paragraph holds only "and", commas and a full stop."""
    for question in quiz:
        rest = _ROLE.sub("", question.answer.removeprefix(_ANSWER))
        assert re.fullmatch(r"[\s,.]*(?:and[\s,.]*)*", rest), (question.number, rest)


def test_the_question_does_not_give_the_answer_away(quiz: list[Question]) -> None:
    """Multiple-choice options may name the answer; a plain question may not."""
    for question in quiz:
        if "(a)" in question.prompt:
            continue
        shown = {target for _, target in roles_in(question.prompt)}
        for _, target in question.answer_roles:
            assert target not in shown, (question.number, target)


def test_every_fact_on_the_page_resolves_in_the_data(quiz: list[Question], guide: Guide) -> None:
    for question in quiz:
        for name, target in roles_in(question.body):
            if name == "fact":
                value = resolve(guide, target)
                assert value not in (None, "", ()), (question.number, target)


def test_every_entity_on_the_page_exists_with_its_kind(quiz: list[Question], guide: Guide) -> None:
    for question in quiz:
        for name, target in roles_in(question.prompt + "\n" + question.body):
            if name in {"fact", "ref", "doc"}:
                continue
            assert target in guide, (question.number, target)
            assert guide.kind_of(target) == name, (question.number, name, target)


def test_spot_checks_of_the_data_behind_the_answers(guide: Guide) -> None:
    """A few answers pinned to what the reference sources say, in case the data drifts."""
    assert isinstance(guide.film.year, int)
    stalker = guide.characters["stalker"]
    assert isinstance(stalker, Character)
    assert stalker.played_by == ("alexander-kaidanovsky",)
    assert related(guide, "daughter", "stalker") == (("character", "monkey"),)
    assert bomb_bearer(guide) == (("character", "professor"),)
    assert journey_end(guide) == (("place", "room"),)


def test_the_parser_reads_a_small_page() -> None:
    page = """\
**1.** Who plays {character}`the Writer <writer>`?

:::{dropdown} Answer
**Answer:** {person}`anatoly-solonitsyn`.

More text with {claim}`x`.
:::

**2.** When?

::::{dropdown} Answer
:open:
**Answer:** {film:fact}`film.year`.
::::
"""
    first, second = parse(page)
    assert first.number == 1 and first.answer_roles == (("person", "anatoly-solonitsyn"),)
    assert roles_in(first.prompt) == (("character", "writer"),)
    assert second.options == (":open:",)
    assert second.answer_roles == (("fact", "film.year"),)
