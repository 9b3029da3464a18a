"""The reader's layout, measured in headless Chromium: every entry reads first, then refers.

On a character's page and on a scene entry, the first sentence of the guide's analysis must
be on the first screen of a desktop (1366x900: its top at most 900 px down) and within the
first two screens of a phone (390x844: at most 1,700 px), with the entry's reference layer
(field values, sources, "Mentioned in") after it and folded. tools/quality/layout.mjs loads
each page at each size and reports where the analysis starts; the figures are printed
(run with -s to see them).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .test_site import node

#: (page, and anchor for an entry further down it; what marks the start of the analysis).
TARGETS = [
    ("characters/stalker.html", "after:Who he is"),
    ("plot/part-one.html#film-scene-home-at-dawn", "after:Analysis"),
]

#: Window size -> how far down the analysis may start.
SCREENS = [(1366, 900, 900), (390, 844, 1700)]


@pytest.mark.parametrize(("width", "height", "limit"), SCREENS, ids=["desktop", "phone"])
def test_the_analysis_starts_on_the_first_screens(
    site: str, width: int, height: int, limit: int
) -> None:
    found = node("layout.mjs", site, str(width), str(height), *(f"{p}={s}" for p, s in TARGETS))
    assert len(found) == len(TARGETS)
    for item in found:
        assert "error" not in item, item
        print(f"{width}x{height} {item['page']}: analysis starts {item['top']} px down")
    for item in found:
        assert item["top"] <= limit, f"{item['page']} at {width}x{height}: {item}"


def test_the_reference_layer_follows_the_analysis_folded(html: Path) -> None:
    stalker = (html / "characters" / "stalker.html").read_text(encoding="utf-8")
    analysis = stalker.index('id="who-he-is"')
    layers = [m.start() for m in re.finditer(r'<details class="film-reference">', stalker)]
    # The entry's own layer (the last on the page) comes after the analysis, and closed.
    assert layers and layers[-1] > analysis
    assert '<details class="film-reference" open' not in stalker
    assert 'id="film-character-stalker"' in stalker[:analysis]  # the entry's link target
    summary = re.search(r"<summary>(.*?)</summary>", stalker[layers[-1] :])
    assert summary and "Sources (" in summary.group(1) and "Relationships (" in summary.group(1)
    part_one = (html / "plot" / "part-one.html").read_text(encoding="utf-8")
    scene = part_one[part_one.index('id="film-scene-home-at-dawn"') :]
    scene = scene[: scene.index("</section>")]
    # (the scene's lines come first, each quotation with its sources folded)
    assert scene.index(">Analysis<") < scene.rindex('<details class="film-reference">')
