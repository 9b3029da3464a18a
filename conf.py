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
    "stalker_guide.sphinxext",
    "stalker_guide.sphinxext.epub",
]

myst_enable_extensions = ["colon_fence", "deflist", "fieldlist", "attrs_inline"]
myst_heading_anchors = 3

root_doc = "index"
exclude_patterns: list[str] = []
nitpicky = True
# Every person, character, place, scene, ... in the data must have its entry somewhere.
stalker_guide_every_entry = True

html_theme = "furo"
html_title = "Stalker (1979): a study guide"
# Paths are relative to this folder (the top of the project), not to docs/.
html_static_path = ["docs/_static"]
html_js_files = ["keyboard-scroll.js"]

# -- PDF: Sphinx's LaTeX builder with xelatex (FreeSerif/FreeSans cover Cyrillic) --------------
latex_engine = "xelatex"
latex_documents = [
    ("index", "stalker-guide.tex", "Stalker (1979): a study guide", author, "manual", False),
]
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    # Russian hyphenation patterns for the Cyrillic names and lines the guide quotes.
    "preamble": r"\setotherlanguage{russian}",
    "printindex": r"\footnotesize\raggedright\printindex",
    "sphinxsetup": "TitleColor={rgb}{0.15,0.15,0.15}",
    "releasename": "Version",
}
latex_show_urls = "footnote"
# xindy letter groups for the Cyrillic names in the index, after A-Z (see the Makefile).
latex_additional_files = ["tools/latex/cyrillic-after-latin.xdy"]

# -- EPUB ---------------------------------------------------------------------------------------
epub_basename = "stalker-guide"
epub_title = "Stalker (1979): a study guide"
epub_author = author
epub_publisher = author
epub_copyright = copyright
# EPUB 3 needs an identifier; epub_uid must equal it or EPUBCheck reports NCX-001 (sphinx#11184).
epub_identifier = "stalker-guide"
epub_uid = "stalker-guide"
epub_scheme = "URL"
epub_show_urls = "no"
epub_exclude_files = ["search.html"]
