"""Sphinx's own pytest fixtures, pointed at the tiny projects in tests/roots/.

``@pytest.mark.sphinx("html", testroot="guide")`` builds ``tests/roots/test_guide``.
(Underscores, not Sphinx's usual ``test-guide``: each root is a package, so that mypy
tells their ``conf.py`` files apart.)
Each test gets its own copy of the project and of the minimal data
(``tests/fixtures/minimal``), which ``stalker_guide_data`` points at, so a test may
edit pages and data files without touching the checkout or other tests.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"
MINIMAL = Path(__file__).parent / "fixtures" / "minimal"


def touch(path: Path) -> None:
    """Make ``path`` newer than the last build, whatever the clock's resolution."""
    later = time.time_ns() + 2_000_000_000
    os.utime(path, ns=(later, later))


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in ``path`` and make it newer than the last build."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    touch(path)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where the test projects are (``test_<name>``; see :func:`app_params`)."""
    return ROOTS


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of the minimal data, for this test only."""
    copy = tmp_path / "data"
    shutil.copytree(MINIMAL, copy)
    return copy


@pytest.fixture
def app_params(app_params: Any, tmp_path: Path, data_dir: Path) -> Any:
    """Build a private copy of the test root, reading the private copy of the data."""
    args, kwargs = app_params
    kwargs = dict(kwargs)
    # Sphinx's fixture would copy test-<name> to <basetemp>/<name>, shared by every test
    # of the session; each test here gets its own copy of test_<name> instead.
    name = Path(kwargs["srcdir"]).name
    if (ROOTS / f"test_{name}").is_dir():
        copy = tmp_path / name
        shutil.copytree(ROOTS / f"test_{name}", copy, ignore=shutil.ignore_patterns("__*"))
        kwargs["srcdir"] = copy
        kwargs["builddir"] = copy / "_build"
    overrides = dict(kwargs.get("confoverrides") or {})
    overrides.setdefault("stalker_guide_data", str(data_dir))
    kwargs["confoverrides"] = overrides
    return type(app_params)(args, kwargs)


# myst-parser 5.2's reference resolver reads ``SphinxTransform.app``, deprecated in
# Sphinx 9; it is not this project's code, and pytest turns warnings into errors.
_MYST_DEPRECATION = (
    "ignore:'myst_parser.sphinx_ext.myst_refs.MystReferenceResolver.app' is deprecated"
    ":sphinx.deprecation.RemovedInSphinx11Warning"
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "make_app" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.filterwarnings(_MYST_DEPRECATION))
