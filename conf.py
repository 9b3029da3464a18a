"""Sphinx configuration for the stalker-guide study guide (sources in docs/).

Build with ``make guide``; by hand: ``sphinx-build -M html docs _build -c .``.
Every value here is plain data (no callables), so incremental builds stay incremental.
"""

from __future__ import annotations

import stalker_guide

project = "Stalker: a study guide"
author = "The stalker-guide authors"
copyright = "2026, The stalker-guide authors; text and data CC BY-SA 4.0"
version = release = stalker_guide.__version__
language = "en"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinx.ext.autodoc",
]

myst_enable_extensions = ["colon_fence", "deflist", "fieldlist", "attrs_inline"]
myst_heading_anchors = 3

root_doc = "index"
exclude_patterns: list[str] = []
nitpicky = True

html_theme = "furo"
html_title = "Stalker (1979): a study guide"
