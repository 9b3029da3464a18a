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
from filelock import FileLock

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
#: The address the tests build the guide for, so that "Cite this page" carries URLs.
BASEURL = "https://stalker-guide.example.org/"


def make(target: str, build: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run a make target of the project with its output in ``build``; fail with its output."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "STALKER_GUIDE_BASEURL": BASEURL}
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


def shared_build(tmp_path_factory: pytest.TempPathFactory, target: str) -> Path:
    """``make target`` into a folder, once per test run, however many workers run the tests.

    Under pytest-xdist every worker has a session of its own: the first worker to ask builds
    while the others wait on a file lock, then all of them read the same output. A failed
    build is reported to every test that needs it without being run again.
    """
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, shared by the workers
    build = root / f"{target}-build"
    done, failed = build / ".built", build / ".failed"
    with FileLock(str(root / f"{target}-build.lock")):
        if failed.exists():
            pytest.fail(failed.read_text(encoding="utf-8"))
        if not done.exists():
            try:
                make(target, build)
            except pytest.fail.Exception as error:
                build.mkdir(parents=True, exist_ok=True)
                failed.write_text(str(error), encoding="utf-8")
                raise
            done.touch()
    return build


@pytest.fixture(scope="session")
def html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML edition, built strictly (-W -n --keep-going)."""
    return shared_build(tmp_path_factory, "html") / "html"


@pytest.fixture(scope="session")
def pdf_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The LaTeX folder of the PDF edition, holding the PDF, its log and index files."""
    return shared_build(tmp_path_factory, "pdf") / "latex"


@pytest.fixture(scope="session")
def epub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The EPUB edition."""
    (book,) = (shared_build(tmp_path_factory, "epub") / "epub").glob("*.epub")
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
