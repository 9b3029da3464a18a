"""Packaging: the sdist and both wheels agree, and an installed wheel works on its own.

Builds run without isolation (the build backend, hatchling, is a development
dependency), so they need no network. The fresh virtual environment does not
see this one's packages; iuliia, the one runtime dependency, is installed into
it from a wheel fetched by ``pip download`` (served from pip's cache when
offline), or the test says why it cannot.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

import stalker_guide

ROOT = Path(__file__).resolve().parents[1]
pytest.importorskip("build", reason="python -m build is needed (the [dev] extra)")
pytest.importorskip("hatchling", reason="the build backend is needed (the [dev] extra)")


def run(*command: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("STALKER_GUIDE_DATA", "PYTHONPATH")}
    result = subprocess.run(
        [str(c) for c in command], capture_output=True, text=True, check=False, cwd=cwd, env=env
    )
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sdist, the wheel built from the tree, and the wheel built from the sdist."""
    tree = tmp_path_factory.mktemp("from-tree")
    via_sdist = tmp_path_factory.mktemp("via-sdist")
    build = (sys.executable, "-m", "build", "--no-isolation")
    run(*build, "--wheel", "--outdir", tree, ROOT)
    run(*build, "--outdir", via_sdist, ROOT)  # an sdist, then a wheel from it
    (tree_wheel,) = tree.glob("*.whl")
    (sdist,) = via_sdist.glob("*.tar.gz")
    (sdist_wheel,) = via_sdist.glob("*.whl")
    return {"sdist": sdist, "tree_wheel": tree_wheel, "sdist_wheel": sdist_wheel}


def names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_both_wheels_hold_the_same_files(dists: dict[str, Path]) -> None:
    assert names(dists["tree_wheel"]) == names(dists["sdist_wheel"])


def test_both_wheels_hold_the_same_bytes(dists: dict[str, Path]) -> None:
    # Not only the same names: the same contents, file by file.
    with (
        zipfile.ZipFile(dists["tree_wheel"]) as tree,
        zipfile.ZipFile(dists["sdist_wheel"]) as via_sdist,
    ):
        differ = [n for n in tree.namelist() if tree.read(n) != via_sdist.read(n)]
    assert differ == []


def test_the_wheel_holds_the_code_the_data_and_the_type_marker(dists: dict[str, Path]) -> None:
    files = names(dists["tree_wheel"])
    for module in ("__init__", "model", "load", "guide", "names", "search", "export", "check"):
        assert f"stalker_guide/{module}.py" in files
    assert "stalker_guide/cli.py" in files and "stalker_guide/__main__.py" in files
    assert "stalker_guide/py.typed" in files
    data = {Path(f).name for f in files if f.startswith("stalker_guide/data/")}
    assert data == {p.name for p in (ROOT / "data").glob("*.toml")}


def test_the_sdist_holds_what_a_wheel_is_built_from(dists: dict[str, Path]) -> None:
    with tarfile.open(dists["sdist"]) as archive:
        members = {m.name.split("/", 1)[1] for m in archive.getmembers() if "/" in m.name}
    assert "pyproject.toml" in members
    assert "src/stalker_guide/cli.py" in members
    assert {f"data/{p.name}" for p in (ROOT / "data").glob("*.toml")} <= members


def test_the_wheel_metadata_names_the_version_dependency_and_script(
    dists: dict[str, Path],
) -> None:
    with zipfile.ZipFile(dists["tree_wheel"]) as archive:
        info = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        text = archive.read(info).decode()
        entry_points = archive.read(info.replace("METADATA", "entry_points.txt")).decode()
    assert f"Version: {stalker_guide.__version__}" in text
    assert "Requires-Dist: iuliia" in text
    assert "stalker-guide = stalker_guide.cli:run" in entry_points


def test_the_installed_version_matches_the_package() -> None:
    assert metadata.version("stalker-guide") == stalker_guide.__version__


@pytest.fixture(scope="module")
def fresh(dists: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment, blind to this one's packages, with the wheel installed."""
    home = tmp_path_factory.mktemp("venv")
    venv = home / "fresh"
    run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    pip = (sys.executable, "-m", "pip", "--python", python, "install", "--quiet")
    run(*pip, "--no-deps", "--no-index", dists["tree_wheel"])
    wheelhouse = home / "wheels"
    download = subprocess.run(
        [
            *(sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"),
            *("--only-binary=:all:", f"iuliia=={metadata.version('iuliia')}"),
            *("--dest", str(wheelhouse)),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if download.returncode == 0:
        run(*pip, "--no-deps", "--no-index", "--find-links", wheelhouse, "iuliia")
    return python


def in_fresh(python: Path, code: str, tmp_path: Path) -> str:
    """Run ``code`` in the fresh environment, away from the checkout, with its own cache."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "STALKER_GUIDE_CACHE": str(tmp_path / "cache"),
        "HOME": str(tmp_path),
    }
    result = subprocess.run(
        [str(python), "-c", code],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_installed_wheel_loads_the_guide_from_its_own_data(fresh: Path, tmp_path: Path) -> None:
    code = "import stalker_guide as sg; print(sg.guide.film.title)"
    assert in_fresh(fresh, code, tmp_path) == "Stalker\n"
    where = in_fresh(
        fresh, "from stalker_guide.load import find_data; print(find_data())", tmp_path
    )
    assert "site-packages" in where and ROOT.as_posix() not in where


def test_the_installed_wheel_sees_nothing_of_this_environment(fresh: Path, tmp_path: Path) -> None:
    code = "import importlib.util as u; print(u.find_spec('sphinx'), u.find_spec('pytest'))"
    assert in_fresh(fresh, code, tmp_path) == "None None\n"


def test_the_installed_wheel_finds_names_by_transliteration(fresh: Path, tmp_path: Path) -> None:
    if "iuliia" not in in_fresh(
        fresh, "import pkgutil; print([m.name for m in pkgutil.iter_modules()])", tmp_path
    ):
        pytest.skip("iuliia could not be fetched for the fresh environment (no network, no cache)")
    code = "import stalker_guide as sg; print(sg.guide.find('Anatolij Solonicyn').id)"
    assert in_fresh(fresh, code, tmp_path) == "anatoly-solonitsyn\n"


def test_the_installed_console_script_runs(fresh: Path, tmp_path: Path) -> None:
    script = fresh.with_name("stalker-guide")
    assert script.exists()
    result = subprocess.run(
        [str(script), "export", "schema"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env={"PATH": os.environ.get("PATH", ""), "STALKER_GUIDE_CACHE": "off"},
    )
    assert result.returncode == 0, result.stderr
    assert '"$schema"' in result.stdout
