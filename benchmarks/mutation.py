"""Mutation testing: how many small deliberate bugs the fast tests catch, module by module.

Runs mutmut 3 (https://mutmut.readthedocs.io) over one target at a time, each with
only the fast tests that exercise it, in a fresh clone of this checkout's HEAD under
``--workdir`` (default /tmp/stalker-mutation), so the working tree is never touched.
The tools live in a virtualenv of their own there (made on first use, with the
versions requirements.lock pins, and mutmut). Prints, per target, the mutants killed,
survived, timed out and not covered, and the score: killed (or timed out) out of the
mutants some test runs. Survivors are listed in ``WORKDIR/TARGET.survivors``; see one
with ``cd WORKDIR/TARGET && VENV/bin/mutmut show NAME``.

Two blind spots to read the survivors with: mutmut runs, for each mutant, only the
tests that called the mutated function while it measured them, so code run once in a
module-scoped fixture counts only for the first test that used it; and code that runs
at import time (the tables of names.py) cannot be mutated at all (those mutants
survive whatever the tests do).

This is a report, not a test: run it by hand, e.g.
``python3 benchmarks/mutation.py names check convert claims`` (about 40 minutes on two
shared cores; ``--children`` sets how many mutants run at once).
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTMUT = "mutmut==3.8.1"
# What the selected tests need, at the versions requirements.lock pins.
NEEDS = ["iuliia", "pytest", "hypothesis", "sybil", "sphinx", "myst-parser", "sphinx_design"]
NEEDS += ["tomlkit", "jsonschema"]

#: target: (module to mutate, test selection, mutant names to run, or None for all)
TARGETS: dict[str, tuple[str, list[str], str | None]] = {
    "names": ("src/stalker_guide/names.py", ["tests/test_names.py"], None),
    "check": ("src/stalker_guide/check.py", ["tests/test_check.py"], None),
    "convert": (
        "src/stalker_guide/_convert.py",
        ["tests/test_load.py", "tests/test_hostile.py"],
        None,
    ),
    "search": ("src/stalker_guide/search.py", ["tests/test_search.py"], None),
    "claims": (
        "src/stalker_guide/sphinxext/listings.py",
        ["tests/test_sphinxext.py", "-k", "claims"],
        "stalker_guide.sphinxext.listings.xǁClaimsǁ*",
    ),
}


def pins() -> list[str]:
    wanted = {n.lower().replace("_", "-") for n in NEEDS}
    out = []
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        name = line.split("==")[0].strip().lower().replace("_", "-")
        if name in wanted:
            out.append(line.strip())
    return [*out, MUTMUT]


def venv(workdir: Path) -> Path:
    folder = workdir / "venv"
    if not (folder / "bin" / "mutmut").exists():
        subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
        pip = [str(folder / "bin" / "python"), "-m", "pip", "install", "-q"]
        subprocess.run([*pip, *pins()], check=True)
    return folder


def run(target: str, workdir: Path, tools: Path, children: int) -> str:
    module, tests, names = TARGETS[target]
    clone = workdir / target
    shutil.rmtree(clone, ignore_errors=True)
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    shared = ROOT.parent / "shared"
    if shared.is_dir():  # the tests look for ../shared beside the checkout's copy
        (clone / "shared").symlink_to(shared)
    selection = ", ".join(f'"{t}"' for t in tests)
    with (clone / "pyproject.toml").open("a", encoding="utf-8") as config:
        config.write(
            "\n[tool.mutmut]\n"
            f'only_mutate = ["{module}"]\n'
            f"pytest_add_cli_args_test_selection = [{selection}]\n"
            'pytest_add_cli_args = ["-p", "no:cacheprovider"]\n'
            'also_copy = ["data", "conf.py", "docs"]\n'
            # Each mutant in a process forked from a clean server: forked from
            # mutmut's own process (the default), about one mutant in six of
            # names.py was reported as surviving that fails the tests when
            # applied by hand.
            'process_isolation = "forkserver"\n'
        )
    env = {**os.environ, "STALKER_GUIDE_CACHE": "off"}
    mutmut = str(tools / "bin" / "mutmut")
    command = [mutmut, "run", "--max-children", str(children), *([names] if names else [])]
    start = time.monotonic()
    with (workdir / f"{target}.log").open("w") as log:
        subprocess.run(command, cwd=clone, env=env, stdout=log, stderr=log, check=False)
    seconds = time.monotonic() - start
    results = subprocess.run(
        [mutmut, "results", "--all", "true"], cwd=clone, capture_output=True, text=True
    ).stdout
    found = re.findall(r"^\s*(\S+): (.+)$", results, flags=re.M)
    counts = collections.Counter(status for _, status in found)
    survivors = [name for name, status in found if status == "survived"]
    (workdir / f"{target}.survivors").write_text("\n".join(survivors) + "\n")
    killed = counts["killed"] + counts["timeout"]
    # "not checked": mutants outside the names asked for (claims: Claims only).
    tested = sum(counts.values()) - counts["no tests"] - counts["skipped"] - counts["not checked"]
    counts.pop("not checked", None)
    score = 100 * killed / tested if tested else 0.0
    detail = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
    return (
        f"{target}: {score:.0f}% ({killed} of {tested} mutants that a test runs are caught; "
        f"{detail}) with {' '.join(tests)}, {seconds / 60:.0f} min"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", help=f"any of {', '.join(TARGETS)} (default: all)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/stalker-mutation"))
    parser.add_argument("--children", type=int, default=2, help="mutants run at once")
    arguments = parser.parse_args()
    unknown = [t for t in arguments.targets if t not in TARGETS]
    if unknown:
        parser.error(f"unknown target {unknown[0]!r}; choose from {', '.join(TARGETS)}")
    arguments.targets = arguments.targets or list(TARGETS)
    arguments.workdir.mkdir(parents=True, exist_ok=True)
    tools = venv(arguments.workdir)
    for target in arguments.targets:
        print(run(target, arguments.workdir, tools, arguments.children), flush=True)


if __name__ == "__main__":
    main()
