"""Whole pages (stalker_guide.sphinxext.pages), on tests/roots/test_guide: the spoiler rule
and "Cite this page"."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from stalker_guide.sphinxext.pages import ENDING, citations, last_commits

SPOILT = """\
---
film-spoilers: ending
---
# After the Room

What happens {scene}`at the threshold <the-threshold>`.
"""

SAFE = """\
---
film-spoilers: safe
orphan: true
---
# Before a first viewing

The film's last shot is in colour.
"""


def _build(make_app: Any, app_params: Any, builder: str = "html", **overrides: Any) -> Any:
    kwargs = dict(app_params.kwargs)
    kwargs["confoverrides"] = {**kwargs["confoverrides"], **overrides}
    app = make_app(builder, **kwargs)
    app.build()
    return app


def _add(app_params: Any, name: str, text: str) -> None:
    srcdir = Path(app_params.kwargs["srcdir"])
    srcdir.joinpath(name).write_text(text, encoding="utf-8")
    index = srcdir / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("about\n```", f"about\n{name[:-3]}\n```", 1),
        encoding="utf-8",
    )


@pytest.mark.sphinx("html", testroot="guide")
def test_a_page_that_tells_the_end_unannounced_makes_the_build_warn(
    make_app: Any, app_params: Any
) -> None:
    app = _build(make_app, app_params, stalker_guide_spoilers=True)
    warnings = app.warning.getvalue()
    assert "scenes.md" in warnings
    assert "the-threshold" in warnings and "[film.spoilers]" in warnings


@pytest.mark.sphinx("html", testroot="guide")
def test_without_the_setting_the_extension_checks_nothing(make_app: Any, app_params: Any) -> None:
    app = _build(make_app, app_params)
    assert "film.spoilers" not in app.warning.getvalue()


@pytest.mark.sphinx("html", testroot="guide")
def test_the_warning_is_the_first_block_under_the_title(make_app: Any, app_params: Any) -> None:
    _add(app_params, "spoilt.md", SPOILT)
    app = _build(make_app, app_params)
    markup = (Path(app.outdir) / "spoilt.html").read_text(encoding="utf-8")
    after_title = markup[markup.index("</h1>") + 5 :].lstrip()
    assert after_title.startswith('<div class="warning film-spoilers admonition">')
    assert "including how it ends" in after_title[:400]
    spoilt_warnings = [w for w in app.warning.getvalue().splitlines() if "spoilt.md" in w]
    assert spoilt_warnings == []


@pytest.mark.sphinx("html", testroot="guide")
def test_the_warning_points_to_the_list_of_safe_pages_only_where_the_rule_is_on(
    make_app: Any, app_params: Any
) -> None:
    _add(app_params, "spoilt.md", SPOILT)
    app = _build(make_app, app_params, stalker_guide_spoilers=True)
    markup = (Path(app.outdir) / "spoilt.html").read_text(encoding="utf-8")
    assert "safe to read before a first viewing are listed on" in markup
    # Without the rule (a handout, say) there is no list of safe pages to point to.
    app = _build(make_app, app_params, stalker_guide_spoilers=False)
    markup = (Path(app.outdir) / "spoilt.html").read_text(encoding="utf-8")
    box = markup[markup.index("film-spoilers admonition") :][:600]
    assert "including how it ends" in box
    assert "safe to read" not in box and "front page" not in box


@pytest.mark.sphinx("html", testroot="guide")
def test_a_safe_page_that_tells_the_end_makes_the_build_warn(
    make_app: Any, app_params: Any
) -> None:
    _add(app_params, "safe.md", SAFE)
    app = _build(make_app, app_params, stalker_guide_spoilers=True)
    line = next(w for w in app.warning.getvalue().splitlines() if "safe.md" in w)
    assert "marked safe" in line and "last shot" in line


def test_the_ending_details_are_scenes_their_quotations_and_words() -> None:
    import stalker_guide

    ids = ENDING.ids(stalker_guide.guide)
    assert {"final-scene", "wifes-monologue"} <= ids
    assert any(stalker_guide.guide.kind_of(i) == "quote" for i in ids)
    assert ENDING.pattern.search("Monkey, in the LAST  SHOT, moves a glass")
    assert not ENDING.pattern.search("It depends on the light.")


@pytest.mark.sphinx("html", testroot="guide")
def test_each_page_ends_with_a_citation_in_three_styles(make_app: Any, app_params: Any) -> None:
    app = _build(make_app, app_params, html_baseurl="https://example.org/guide/")
    markup = (Path(app.outdir) / "characters.html").read_text(encoding="utf-8")
    block = re.search(r'<details class="film-cite-page">.*?</details>', markup, re.S)
    assert block, "no citation block"
    cite = block.group(0)
    for style in ("MLA", "APA", "Chicago"):
        assert f"<dt>{style}</dt>" in cite
    assert cite.count("https://example.org/guide/characters.html") == 3
    assert "Test guide" in cite


@pytest.mark.sphinx("epub", testroot="guide")
def test_the_epub_has_no_citation_block(make_app: Any, app_params: Any) -> None:
    app = _build(make_app, app_params, "epub", html_baseurl="https://example.org/guide/")
    pages = list(Path(app.outdir).glob("*.xhtml"))
    assert pages
    assert not any("film-cite-page" in p.read_text(encoding="utf-8") for p in pages)


def test_a_citation_is_dated_by_the_commit_or_says_no_date() -> None:
    dated = citations("Key facts", "A guide", "Us", "https://x/f.html", 1765000000)
    assert dated["MLA"] == "“Key facts.” <em>A guide</em>, Us, 6 Dec. 2025, https://x/f.html."
    assert dated["Chicago"].endswith("Last modified December 6, 2025. https://x/f.html.")
    undated = citations("Key facts", "A guide", "Us", "", None)
    assert undated["APA"] == "Us. (n.d.). <em>Key facts</em>. A guide."


def test_commit_times_come_from_one_git_log_and_are_empty_outside_git(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1]
    if not (root / ".git").exists():
        pytest.skip("not a git checkout")
    times = last_commits(root)
    assert str(root / "data" / "film.toml") in times
    assert last_commits(tmp_path) == {}
