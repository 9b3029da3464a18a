"""The README's Python examples run against the real data, as a newcomer would run them."""

from __future__ import annotations

from pathlib import Path

import pytest
from sybil import Sybil
from sybil.parsers.myst import PythonCodeBlockParser

README = Path(__file__).resolve().parent.parent / "README.md"
DOCUMENT = Sybil(parsers=[PythonCodeBlockParser()]).parse(README)
EXAMPLES = list(DOCUMENT)


def test_the_readme_has_examples() -> None:
    assert EXAMPLES, "README.md should show the library in use"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"line {e.line}")
def test_readme_example(example: object) -> None:
    example.evaluate()  # type: ignore[attr-defined]
