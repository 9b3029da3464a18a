"""Sphinx configuration for the stalker-guide study guide (sources in docs/).

Build with ``make guide``; by hand: ``sphinx-build -M html docs _build -c .``.
Every value here is plain data (no callables), so incremental builds stay incremental.
"""

from __future__ import annotations

import os

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
    "sphinx.ext.graphviz",
    "stalker_guide.sphinxext",
    "stalker_guide.sphinxext.epub",
]

myst_enable_extensions = ["colon_fence", "deflist", "fieldlist", "attrs_inline"]
myst_heading_anchors = 3

root_doc = "index"
# Three editions from one source (see stalker_guide.sphinxext.printing): the web site (the
# default: the guide and the library's pages), the reader's PDF and EPUB (`-t reader`: the
# film only) and the student handout (`-t handout`: docs/handout/ only).
if tags.has("handout"):  # type: ignore[name-defined]  # noqa: F821 - set by Sphinx
    stalker_guide_edition = "handout"
    root_doc = "handout/index"
    exclude_patterns: list[str] = []
    include_patterns = ["handout/**"]
elif tags.has("reader"):  # type: ignore[name-defined]  # noqa: F821
    stalker_guide_edition = "reader"
    exclude_patterns = ["library/**", "handout/**"]
else:
    stalker_guide_edition = "web"
    exclude_patterns = ["handout/**"]
# The plot's parts list their scenes in the printed contents and the EPUB's navigation.
stalker_guide_toc_deeper = ["plot/part-one", "plot/part-two"]
# Pages whose listings print in two columns of small type (they list again what other pages
# give in full); the source list and the claims registry always do.
stalker_guide_print_compact = ["quotations/by-speaker", "quotations/by-theme"]
# Editions the web pages offer for download, if built next to the HTML (`make guide`).
stalker_guide_downloads = [
    ("the whole guide", "latex/stalker-guide.pdf"),
    ("a student handout", "latex/stalker-guide-handout.pdf"),
    ("the guide for e-readers", "epub/stalker-guide.epub"),
]
nitpicky = True
# Every person, character, place, scene, ... in the data must have its entry somewhere.
stalker_guide_every_entry = stalker_guide_edition != "handout"
# "Mentioned in" leaves out the section indexes, the quiz and the library's reference.
stalker_guide_mentions_skip = ["*/index", "library/*", "study/quiz", "quotations/by-*"]
# Every page that gives away the ending must say so (front matter `film-spoilers`), and the
# pages marked safe must not give it away (see stalker_guide.sphinxext.pages).
stalker_guide_spoilers = stalker_guide_edition != "handout"

html_theme = "furo"
# Where the guide is published: the base of the URLs in each page's "Cite this page"
# (a placeholder until the guide has a home; change it here and every citation follows).
# Where the guide is published: each page's "Cite this page" gives its URL under this address.
# It is not published anywhere yet, so by default the citations carry no URL rather than an
# invented one; a publisher sets STALKER_GUIDE_BASEURL when building.
html_baseurl = os.environ.get("STALKER_GUIDE_BASEURL", "")
html_title = "Stalker (1979): a study guide"
# Paths are relative to this folder (the top of the project), not to docs/.
html_static_path = ["docs/_static"]
html_js_files = ["keyboard-scroll.js"]
html_css_files = ["pages.css", "film.css"]
# The graphs drawn from the data (Graphviz, Debian package `graphviz`): SVG on the web.
graphviz_output_format = "svg"
# No hover previews on the quiz: a preview could give an answer away.
stalker_guide_previews_off = ["study/quiz"]

# -- PDF: Sphinx's LaTeX builder with xelatex (FreeSerif/FreeSans cover Cyrillic) --------------
latex_engine = "xelatex"
latex_documents = [
    ("index", "stalker-guide.tex", "Stalker (1979): a study guide", author, "manual", False),
]
if stalker_guide_edition == "handout":
    latex_documents = [
        (
            "handout/index",
            "stalker-guide-handout.tex",
            "Stalker (1979): a student handout",
            author,
            "howto",
            False,
        ),
    ]
# The reader's PDF has the general index only (the film's people, places, scenes, ...).
latex_domain_indices = False
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "10pt",
    # Chapters start on the next page, left or right: no blank pages.
    "extraclassoptions": "openany",
    # Chapter titles set on one line (stalker-print.sty), not the large two-line default.
    "fncychap": "",
    # Russian hyphenation patterns for the Cyrillic names and lines the guide quotes; web
    # addresses may break anywhere (xurl), so none runs into the margin.
    "preamble": r"\setotherlanguage{russian}\usepackage{xurl}\input{stalker-print.sty}",
    "printindex": r"\footnotesize\raggedright\printindex",
    "sphinxsetup": "TitleColor={rgb}{0.15,0.15,0.15}, hmargin={2cm,2cm}, vmargin={1.8cm,2.2cm}",
    "releasename": "Version",
}
latex_show_urls = "footnote"
# xindy letter groups for the Cyrillic names in the index, after A-Z (see the Makefile).
latex_additional_files = ["tools/latex/cyrillic-after-latin.xdy", "tools/latex/stalker-print.sty"]

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
epub_description = (
    "An annotated study guide to Andrei Tarkovsky's film Stalker (1979): its facts and "
    "production, the plot scene by scene with analysis, the characters, themes, motifs, places "
    "and quotations, what the critics say, the sources and a registry of claims checked against "
    "them, with study questions, essay prompts and a quiz with answers."
)
epub_language = "en"
stalker_guide_epub_subjects = [
    "Stalker (Motion picture : 1979)",
    "Tarkovsky, Andrei, 1932-1986",
    "Film criticism",
    "Study guides",
]
# The cover is drawn at build time from the data (stalker_guide.sphinxext.epub.draw_cover).
epub_cover = ("_static/cover.png", "epub-cover.html")
# The navigation lists every page by the toctrees (and the plot's scenes).
epub_tocscope = "includehidden"
epub_tocdepth = 3
# Sphinx keeps the previous build's info as .buildinfo.bak when the settings change.
epub_exclude_files = ["search.html", ".buildinfo.bak"]
