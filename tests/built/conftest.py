"""Builds of the real guide, shared by the tests that check them.

Each edition is built once per test session through the project's own make
targets (the same commands `make guide` runs), into a temporary folder, with
warnings as errors. The tests then check the output with independent tools.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
QUALITY = ROOT / "tools" / "quality"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def _epoch() -> str:
    """The last commit's time: builds are dated by it, reproducibly (SOURCE_DATE_EPOCH)."""
    proc = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    return proc.stdout.strip() or "1262304000"


EPOCH = _epoch()


def make(target: str, build: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run a make target of the project with its output in ``build``; fail with its output."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    proc = subprocess.run(
        ["make", "--no-print-directory", target, f"BUILD={build}", *extra],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        pytest.fail(f"make {target} failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-6000:]}")
    return proc


@pytest.fixture(scope="session")
def html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML edition, built strictly (-W -n --keep-going)."""
    build = tmp_path_factory.mktemp("html-build")
    make("html", build)
    return build / "html"


@pytest.fixture(scope="session")
def pdf_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The LaTeX folder of the PDF edition, holding the PDF, its log and index files."""
    build = tmp_path_factory.mktemp("pdf-build")
    make("pdf", build)
    return build / "latex"


@pytest.fixture(scope="session")
def epub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The EPUB edition."""
    build = tmp_path_factory.mktemp("epub-build")
    make("epub", build)
    (book,) = (build / "epub").glob("*.epub")
    return book


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site(html: Path) -> Iterator[str]:
    """The HTML edition served on 127.0.0.1 (a free port), as its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
