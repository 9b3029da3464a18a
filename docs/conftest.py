"""Run the code examples in the guide's pages as tests.

Sybil collects ```python blocks from the MyST pages: blocks with ``>>>`` prompts
are doctests, other Python blocks are run as code. ``% skip: next`` skips one.
"""

from __future__ import annotations

from sybil import Sybil
from sybil.parsers.myst import PythonCodeBlockParser, SkipParser

pytest_collect_file = Sybil(
    parsers=[PythonCodeBlockParser(), SkipParser()],
    patterns=["*.md"],
).pytest()
