"""Large data: loading and the first lookup grow linearly with the number of records.

No clock is read here (the figures are benchmarks/scale.py's): each test doubles
the input and compares counts of operations, which do not depend on the machine.

- The name index: records whose ids count their own comparisons share one name;
  building the index and a lookup must not compare each id with every other.
- The whole load and first lookup: the lines of Python run (``sys.settrace``)
  for N generated records and for 2N.
"""

from __future__ import annotations

import sys
import tempfile
import tomllib
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from benchmarks.scale import generate
from stalker_guide import load
from stalker_guide.load import FILES, from_documents
from stalker_guide.names import AmbiguousNameError, NameIndex

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"


class Counted(str):
    """An id that counts every equality test made on any such id."""

    __slots__ = ()
    comparisons = 0

    def __eq__(self, other: object) -> bool:
        Counted.comparisons += 1
        return str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        Counted.comparisons += 1
        return str.__ne__(self, other)

    __hash__ = str.__hash__


def documents(count: int) -> dict[str, Any]:
    """The minimal data, with ``count`` more terms and characters sharing one name."""
    docs = {
        spec.kind: tomllib.loads((MINIMAL / spec.file).read_text(encoding="utf-8"))
        for spec in FILES
    }
    (term,) = docs["term"]["term"]
    writer = next(c for c in docs["character"]["character"] if c["id"] == "writer")
    for number in range(count):
        docs["term"]["term"].append({**term, "id": Counted(f"komnata-{number}")})
        docs["character"]["character"].append({**writer, "id": Counted(f"writer-{number}")})
    return docs


def comparisons(count: int) -> int:
    """Id comparisons made building the name index and looking up a shared name."""
    guide = from_documents(documents(count))
    Counted.comparisons = 0
    index = NameIndex.build(guide)
    with pytest.raises(AmbiguousNameError):
        index.find("Writer Pisatel")  # each word names every writer: the words tier
    return Counted.comparisons


def test_the_name_index_does_not_compare_every_id_with_every_other() -> None:
    small, large = comparisons(300), comparisons(600)
    # Linear: about twice as many (here, hardly any: ids go into sets). Comparing
    # each new id with the ids already under its name, as lists do, makes it four.
    assert large <= 2.5 * small + 100, (small, large)


def lines_run(count: int) -> int:
    """Lines of Python run to load ``count`` generated records and make a first find."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "data"
        generate(folder, count, source=MINIMAL)
        lines = 0

        def trace(frame: FrameType, event: str, arg: object) -> Any:
            nonlocal lines
            lines += event == "line"
            return trace

        sys.settrace(trace)
        try:
            guide = load(folder)
            guide.find("Writer")
        finally:
            sys.settrace(None)
    return lines


def test_loading_and_a_first_find_grow_linearly() -> None:
    lines_run(0)  # imports, and what is worked out once per process
    base = lines_run(0)
    small, large = lines_run(300) - base, lines_run(600) - base
    # The lines run for the 300 or 600 added records: twice as many, give or take.
    assert 1.5 * small <= large <= 2.5 * small, (base, small, large)
