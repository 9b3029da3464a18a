"""The reader's editions as a reader finds their way in them: outline, length, contents.

The PDF's outline is read with pikepdf and compared with the guide's toctrees; the EPUB's
navigation likewise. Neither edition may hold the library's pages.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest

import stalker_guide
from stalker_guide.sphinxext.printing import human_size

from .conftest import make
from .test_editions import squash as _squash

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
WEB_ONLY = re.compile(r"^% web only\s*$.*?^% end web only\s*$", re.M | re.S)


def title(page: str) -> str:
    """A page's title: its first heading, or the name of the entry it opens with."""
    text = (DOCS / f"{page}.md").read_text(encoding="utf-8")
    heading = re.search(r"^# (.+)$", text, re.M)
    if heading:
        return heading.group(1).strip()
    entry = re.search(r"^```\{film:\w+\} ([\w-]+)\n:heading:", text, re.M)
    assert entry, page
    return stalker_guide.guide.label(entry.group(1)).rsplit(" (", 1)[0]


def toctree(page: str) -> list[str]:
    """The pages ``page``'s toctrees list (reader's edition: web-only blocks left out)."""
    text = WEB_ONLY.sub("", (DOCS / f"{page}.md").read_text(encoding="utf-8"))
    folder = str(Path(page).parent)
    found = []
    for block in re.findall(r"```\{toctree\}\n(.*?)```", text, re.S):
        for line in block.splitlines():
            entry = line.strip()
            if entry and not entry.startswith(":"):
                found.append(entry if folder == "." else f"{folder}/{entry}")
    return found


def squash(text: str) -> str:
    """Titles as a reader compares them (typographic quotes folded, case and spacing too)."""
    return _squash(text).replace("\u2018", "'")


Tree = list[tuple[str, "Tree"]]


def pdf_outline(pdf: Path) -> Tree:
    with pikepdf.open(pdf) as doc, doc.open_outline() as outline:

        def walk(items: list[pikepdf.OutlineItem]) -> Tree:
            return [(squash(item.title), walk(item.children)) for item in items]

        return walk(outline.root)


def check_pages(page: str, tree: Tree, where: str) -> list[str]:
    """Each page ``page``'s toctree lists is among its children in ``tree``, in order."""
    problems = []
    children = toctree(page)
    titles = [t for t, _ in tree]
    expected = [squash(title(child)) for child in children]
    present = [t for t in titles if t in expected]
    if present != expected:
        problems.append(f"under {where!r}: expected {expected}, found {present}")
    for child in children:
        sub = next((kids for t, kids in tree if t == squash(title(child))), None)
        if sub is not None and toctree(child):
            problems += check_pages(child, sub, title(child))
    return problems


@pytest.fixture(scope="module")
def pdf(pdf_build: Path) -> Path:
    return pdf_build / "stalker-guide.pdf"


def test_the_pdf_outline_follows_the_toctrees(pdf: Path) -> None:
    outline = pdf_outline(pdf)
    top = [t for t, _ in outline]
    chapters = [squash(title(p)) for p in toctree("index")]
    assert top[: len(chapters)] == chapters
    assert top[len(chapters) :] == ["index"]
    assert not check_pages("index", outline, "the book")
    # The scenes sit under their part: Plot, Part One, "Credits over the bar".
    plot = dict(outline)[squash(title("plot/index"))]
    part_one = dict(plot)["part one"]
    assert len(part_one) >= 10


def pages(pdf: Path) -> int:
    with pikepdf.open(pdf) as doc:
        return len(doc.pages)


def test_the_reader_pdf_has_at_most_260_pages(pdf: Path) -> None:
    assert pages(pdf) <= 260


def test_the_handout_has_at_most_40_pages_and_ends_with_the_answer_key(pdf_build: Path) -> None:
    handout = pdf_build / "stalker-guide-handout.pdf"
    assert pages(handout) <= 40
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(handout), "-"], capture_output=True, text=True
    ).stdout
    key = text.rfind("Answer key")
    assert key > text.rfind("Quiz") > 0
    assert "Answer: 1979." in text[key:]


def test_the_reader_pdf_holds_no_programmer_material(pdf: Path) -> None:
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    for marker in ("Python Module Index", "API reference", "stalker_guide.", "DataError"):
        assert marker not in text, marker
    index = (pdf.parent / "stalker-guide.ind").read_text(encoding="utf-8")
    assert "built-in class" not in index and "(class in" not in index
    assert "Tarkovsky" in index


def test_the_quiz_answers_are_in_a_key_at_the_end_of_the_quiz(pdf: Path) -> None:
    outline = dict(pdf_outline(pdf))
    study = dict(outline[squash(title("study/index"))])
    assert [t for t, _ in study["quiz"]][-1] == "answer key"
    assert "model answers" in [t for t, _ in study["discussion questions"]]


def test_no_line_runs_into_the_margin(pdf_build: Path) -> None:
    log = (pdf_build / "stalker-guide.log").read_text(encoding="utf-8", errors="replace")
    widths = [float(w) for w in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\)", log)]
    assert not [w for w in widths if w > 3.0]


# ---------------------------------------------------------------------------------------- EPUB


def test_the_epub_navigation_lists_every_page_by_the_toctrees(epub: Path) -> None:
    with zipfile.ZipFile(epub) as book:
        nav = book.read("nav.xhtml").decode("utf-8")
        names = book.namelist()
    listed = re.findall(r'<a href="([^"#]+)"', nav)

    def walk(page: str) -> list[str]:
        out = []
        for child in toctree(page):
            out += [f"{child}.xhtml", *walk(child)]
        return out

    expected = ["index.xhtml", *walk("index")]
    assert list(dict.fromkeys(listed)) == expected
    assert not [n for n in names if n.startswith("library/")]
    with zipfile.ZipFile(epub) as book:
        texts = [book.read(n).decode("utf-8") for n in names if n.endswith(".xhtml")]
    assert not [t for t in texts if "API reference" in t or "stalker_guide.sphinxext" in t]


def test_the_epub_has_one_colon_per_label_a_cover_and_metadata(epub: Path) -> None:
    with zipfile.ZipFile(epub) as book:
        opf = book.read("content.opf").decode("utf-8")
        css = "".join(book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".css"))
        writer = book.read("characters/writer.xhtml").decode("utf-8")
        assert book.read("_static/cover.png")[:8] == b"\x89PNG\r\n\x1a\n"
    assert 'properties="cover-image"' in opf
    assert "<dc:description>unknown</dc:description>" not in opf
    assert "<dc:subject>" in opf and "<dc:language>en</dc:language>" in opf
    # The writer gives each label its colon; the EPUB theme's second one is switched off.
    assert '<span class="colon">:</span>' in writer
    assert "dl.field-list > dt:after { content: none; }" in css
    assert "stalker_guide." not in writer


# ----------------------------------------------------------------------------------- downloads


def test_make_html_alone_offers_no_editions(html: Path) -> None:
    # Nothing to link to: LinkChecker (test_site) checks these pages as they are.
    assert not (html / "downloads").exists()
    assert "film-downloads" not in (html / "index.html").read_text(encoding="utf-8")


def test_every_page_links_the_built_editions_with_their_sizes(
    pdf_build: Path, epub: Path, tmp_path: Path
) -> None:
    # What `make guide` does: the editions first, then the HTML next to them.
    build = tmp_path / "guide"
    (build / "latex").mkdir(parents=True)
    (build / "epub").mkdir()
    for name in ("stalker-guide.pdf", "stalker-guide-handout.pdf"):
        shutil.copyfile(pdf_build / name, build / "latex" / name)
    shutil.copyfile(epub, build / "epub" / epub.name)
    make("html", build)
    site = build / "html"
    offered = sorted(p.name for p in (site / "downloads").iterdir())
    assert offered == ["stalker-guide-handout.pdf", "stalker-guide.epub", "stalker-guide.pdf"]
    size = human_size((site / "downloads" / "stalker-guide.pdf").stat().st_size)
    for page in (site / "index.html", site / "plot" / "part-one.html"):
        text = page.read_text(encoding="utf-8")
        links = re.findall(r'<a href="((?:\.\./)*downloads/[^"]+)"', text)
        assert len(links) == 3, page
        assert all((page.parent / link).resolve().is_file() for link in links)
        assert f"(PDF, {size})" in text
