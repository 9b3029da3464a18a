"""How long importing stalker_guide and loading the whole guide take, against a bare interpreter.

Runs fresh interpreters one after another, the bare baseline interleaved with
each case, and prints the minimum and the median of each, and how much more
than the baseline each costs. Bytecode caching is left on, as for an installed
package (PYTHONDONTWRITEBYTECODE is removed), and one warm-up run of each case
writes the .pyc files and the load cache first.

    .venv/bin/python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

CASES = {
    "bare interpreter (python -c pass)": ("pass", {}),
    "import stalker_guide": ("import stalker_guide", {}),
    "import + load the whole guide (cache warm)": (
        "import stalker_guide; stalker_guide.guide.film",
        {},
    ),
    "import + load + one lookup by a spelling (cache warm)": (
        "import stalker_guide; stalker_guide.guide.find('Jewgeni Zymbal')",
        {},
    ),
    "import + load the whole guide (no cache: TOML parsed and checked)": (
        "import stalker_guide; stalker_guide.guide.film",
        {"STALKER_GUIDE_CACHE": "off"},
    ),
}


def timed(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40, help="runs of each case (default 40)")
    runs = parser.parse_args().runs
    base = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE",)}
    base.pop("STALKER_GUIDE_DATA", None)
    with tempfile.TemporaryDirectory() as cache:
        base["STALKER_GUIDE_CACHE"] = cache
        envs = {name: {**base, **extra} for name, (_, extra) in CASES.items()}
        for name, (code, _) in CASES.items():
            timed(code, envs[name])  # warm-up: .pyc files and the cache entry
        samples: dict[str, list[float]] = {name: [] for name in CASES}
        for _ in range(runs):
            for name, (code, _) in CASES.items():
                samples[name].append(timed(code, envs[name]))
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; ")
    print(f"{runs} runs of each case, interleaved; times in ms (min / median)\n")
    baseline = next(iter(samples.values()))
    low, middle = min(baseline), statistics.median(baseline)
    width = max(map(len, CASES))
    for name, values in samples.items():
        best, median = min(values) * 1000, statistics.median(values) * 1000
        extra = (
            ""
            if values is baseline
            else f"   +{best - low * 1000:5.1f} / +{median - middle * 1000:5.1f} over bare"
        )
        print(f"{name:<{width}}  {best:6.1f} / {median:6.1f}{extra}")


if __name__ == "__main__":
    main()
