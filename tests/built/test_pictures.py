"""The pictures drawn from the data, and the hover previews, in the built editions.

A real browser (headless Chromium driven by tools/quality/pictures.mjs) looks at the
pages with pictures at a desktop and a phone width; the EPUB and the PDF are opened as
files. The pictures: the theme tracker, the film at a glance, the relationship graph and
the route through the Zone.
"""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from .conftest import QUALITY

#: Where each picture is, and its kind (as pictures.mjs reports it).
PICTURES = {
    ("index.html", "film-grid film-glance-grid film-glance-untitled"),
    ("plot/index.html", "film-grid film-glance-grid"),
    ("themes/index.html", "film-grid film-tracker-grid"),
    ("characters/index.html", "graph"),
    ("characters/index.html", "film-grid film-glance-grid"),
    ("places.html", "graph"),
}


@pytest.fixture(scope="module")
def seen(site: str) -> Any:
    """What the browser found on the pages with pictures, and what the preview card did."""
    proc = subprocess.run(
        ["node", str(QUALITY / "pictures.mjs"), site],
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    return json.loads(proc.stdout)


def test_nothing_scrolls_sideways_at_1366_or_390_pixels(seen: Any) -> None:
    assert seen["overflow"] == []


def test_every_picture_is_there_at_both_widths(seen: Any) -> None:
    for width in (1366, 390):
        found = {(p["page"], p["kind"]) for p in seen["pictures"] if p["width"] == width}
        assert found == PICTURES, width


def test_every_picture_has_alt_text_and_a_caption(seen: Any) -> None:
    for picture in seen["pictures"]:
        assert len(picture["alt"]) > 10, picture
        assert len(picture["caption"]) > 40, picture


def test_the_strips_link_to_the_scenes(seen: Any) -> None:
    for picture in seen["pictures"]:
        if picture["kind"] != "graph":
            assert picture["links"] >= 24, picture


def test_the_preview_card_appears_on_hover(seen: Any) -> None:
    card = seen["card"]
    assert card["hover"]["visible"] and card["hover"]["role"] == "tooltip"
    assert card["hover"]["text"]
    assert not card["afterLeave"]["visible"]


def test_the_preview_card_appears_on_keyboard_focus_and_describes_the_link(seen: Any) -> None:
    card = seen["card"]
    assert card["focus"]["visible"]
    assert card["focus"]["describedby"] == "film-preview-card"


def test_escape_dismisses_the_preview_card(seen: Any) -> None:
    assert not seen["card"]["escape"]["visible"]


def test_no_link_on_the_quiz_page_has_a_preview(seen: Any) -> None:
    assert seen["quiz"] == 0


def test_the_cards_are_one_map_in_the_build_with_no_network_address(html: Path) -> None:
    script = (html / "_static" / "film-previews.js").read_text(encoding="utf-8")
    assert script.startswith("window.filmPreviews = {")
    assert '"writer": {' in script
    preview = (html / "_static" / "film-preview.js").read_text(encoding="utf-8")
    assert not re.search(r"https?://", preview)


def test_the_front_pages_strip_links_to_the_plot_overview_for_the_scene_titles(html: Path) -> None:
    front = (html / "index.html").read_text(encoding="utf-8")
    (caption,) = re.findall(r"<figcaption>(.*?)</figcaption>", front, flags=re.S)
    assert "titles, which tell the story, are on" in caption
    assert re.search(r'<a [^>]*href="plot/index\.html"[^>]*>.*?the plot overview', caption)


def test_the_epub_has_the_graphs_as_images_with_alt_text_and_no_previews(epub: Path) -> None:
    with zipfile.ZipFile(epub) as book:
        names = book.namelist()
        pages = {n: book.read(n).decode("utf-8") for n in names if n.endswith(".xhtml")}
    graphs = [n for n in names if re.search(r"_images/film-[0-9a-f]+\.svg$", n)]
    assert len(graphs) == 2
    images = re.findall(
        r'<img src="[^"]*film-[0-9a-f]+\.svg" alt="([^"]+)"', "".join(pages.values())
    )
    assert len(images) == 2
    assert not any("film-preview" in text for text in pages.values())


def test_the_pdf_has_both_graphs_and_the_strips_in_words(pdf_build: Path) -> None:
    tex = (pdf_build / "stalker-guide.tex").read_text(encoding="utf-8")
    graphs = re.findall(r"\\sphinxincludegraphics\[[^]]*\]\{(graphviz-[0-9a-f]+\.pdf)\}", tex)
    assert len(graphs) == 2
    assert all((pdf_build / name).is_file() for name in graphs)
    assert "Themes scene by scene" in tex and "Characters scene by scene" in tex
