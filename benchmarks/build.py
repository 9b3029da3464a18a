"""Benchmark the guide's builds against a plain Sphinx project of the same size.

Measures, in one run on this machine:

- a full HTML build of the guide, and of a baseline: a plain Sphinx project with
  the same number of pages, the same theme (furo) and MyST, but no film data;
- a rebuild with nothing changed;
- a rebuild after editing one data file (a copy of data/ is used, so the
  checkout is never touched);
- the PDF build (LaTeX + xelatex), with ``--pdf``.

Prints one line per figure (median of ``--runs`` runs, default 3). This is a
benchmark, not a test: run it by hand, ``.venv/bin/python benchmarks/build.py``.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPHINX = [sys.executable, "-m", "sphinx"]


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def median(runs: int, prepare: Callable[[], None], measure: Callable[[], float]) -> float:
    samples = []
    for _ in range(runs):
        prepare()
        samples.append(measure())
    return statistics.median(samples)


def baseline_project(folder: Path, pages: int) -> Path:
    """A plain Sphinx + MyST + furo project with ``pages`` pages of ordinary text."""
    docs = folder / "docs"
    docs.mkdir(parents=True)
    (folder / "conf.py").write_text(
        'project = "baseline"\nextensions = ["myst_parser", "sphinx_design"]\n'
        'html_theme = "furo"\n',
        encoding="utf-8",
    )
    paragraph = "A plain paragraph of text about a film, its scenes and its people. " * 12
    names = [f"page{n:03d}" for n in range(1, pages)]
    toctree = "\n".join(names)
    (docs / "index.md").write_text(f"# Baseline\n\n```{{toctree}}\n{toctree}\n```\n", "utf-8")
    for name in names:
        body = "\n\n".join(f"## Section {i}\n\n{paragraph}" for i in range(1, 6))
        (docs / f"{name}.md").write_text(f"# {name}\n\n{body}\n", "utf-8")
    return folder


def html_build(project: Path, out: Path, conf: Path) -> list[str]:
    return [*SPHINX, "-M", "html", str(project / "docs"), str(out), "-c", str(conf), "-q"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pdf", action="store_true", help="also time the PDF build")
    args = parser.parse_args()

    pages = len(list((ROOT / "docs").rglob("*.md")))
    python = platform.python_version()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {python}")
    print(f"guide: {pages} pages; baseline: plain Sphinx + MyST + furo, {pages} pages")

    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        base = baseline_project(tmp / "baseline", pages)
        data = tmp / "data"
        shutil.copytree(ROOT / "data", data)
        env = {**os.environ, "STALKER_GUIDE_DATA": str(data)}
        guide_out, base_out = tmp / "guide-build", tmp / "baseline-build"
        guide_cmd = html_build(ROOT, guide_out, ROOT)
        base_cmd = html_build(base, base_out, base)

        def clean(out: Path) -> Callable[[], None]:
            return lambda: shutil.rmtree(out, ignore_errors=True)

        def nothing() -> None:
            pass

        full_guide = median(args.runs, clean(guide_out), lambda: timed(guide_cmd, ROOT, env))
        full_base = median(args.runs, clean(base_out), lambda: timed(base_cmd, base))
        print(f"full HTML build: guide {full_guide:.2f} s, baseline {full_base:.2f} s")

        timed(guide_cmd, ROOT, env)
        timed(base_cmd, base)
        same_guide = median(args.runs, nothing, lambda: timed(guide_cmd, ROOT, env))
        same_base = median(args.runs, nothing, lambda: timed(base_cmd, base))
        print(f"rebuild, nothing changed: guide {same_guide:.2f} s, baseline {same_base:.2f} s")

        themes = data / "themes.toml"

        def touch_data() -> None:
            # An edit a human makes: one more blank line at the end of one data file.
            themes.write_text(themes.read_text(encoding="utf-8") + "\n", encoding="utf-8")

        page = base / "docs" / "page001.md"

        def touch_page() -> None:
            page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")

        one_data = median(args.runs, touch_data, lambda: timed(guide_cmd, ROOT, env))
        one_page = median(args.runs, touch_page, lambda: timed(base_cmd, base))
        print(
            f"rebuild after editing themes.toml: guide {one_data:.2f} s; "
            f"baseline after editing one page {one_page:.2f} s"
        )

        if args.pdf:
            pdf_out = tmp / "pdf-build"
            make = ["make", "--no-print-directory", "pdf", f"BUILD={pdf_out}", "SPHINXOPTS=-q"]
            pdf = median(1, clean(pdf_out), lambda: timed(make, ROOT, env))
            print(f"PDF build (LaTeX + xelatex + xindy), guide: {pdf:.1f} s")


if __name__ == "__main__":
    main()
