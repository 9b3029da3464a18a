"""How long Guide.search takes: the first search (which builds the index) and a query after.

The first search in a fresh interpreter builds the search index (every
record's text folded and put in an in-memory SQLite FTS5 table); it is timed in
fresh interpreters with the load cache warm and compiled modules written, and
the best and the median of the wall-clock time and of the CPU time (which a busy
machine does not inflate) are printed. Then each of a list of readers' queries
is timed once the index is built (best of 9 rounds of 20), beside a plain dict
lookup as a baseline.

    .venv/bin/python benchmarks/search.py [--runs 15]

Targets (issue 16): first search at most 30 ms, a query at most 5 ms.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import timeit

import stalker_guide

QUERIES = (
    "Solonitsyn",
    "Кайдановский",
    "Solonitsin",
    "room",
    "what is the Room",
    "who plays the Writer",
    "who wrote the music",
    "where was it filmed",
    "who directed it",
    "what happens to the dog",
    "what does the Professor carry",
    "complicated system of traps",
    "the",
)

FIRST = (
    "import time, stalker_guide; g = stalker_guide.guide; len(g.people); "
    "t, c = time.perf_counter(), time.process_time(); g.search('what is the Room'); "
    "print((time.perf_counter() - t) * 1e3, (time.process_time() - c) * 1e3)"
)


def first_search(runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of the first search, one fresh interpreter each."""
    # Compiled modules are written and reused, as in an installed package.
    skip = ("STALKER_GUIDE_DATA", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in skip}
    subprocess.run([sys.executable, "-c", FIRST], env=env, check=True, capture_output=True)
    wall, cpu = [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", FIRST], env=env, check=True, capture_output=True, text=True
        )
        spent, used = map(float, out.stdout.split())
        wall.append(spent)
        cpu.append(used)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="fresh interpreters (default 15)")
    arguments = parser.parse_args()
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores")
    wall, cpu = first_search(arguments.runs)
    print(
        f"first search (index build + query), {arguments.runs} fresh interpreters, cache warm: "
        f"{min(wall):.1f} ms min, {statistics.median(wall):.1f} ms median (target 30 ms); "
        f"CPU time {min(cpu):.1f} ms min, {statistics.median(cpu):.1f} ms median"
    )
    guide = stalker_guide.guide
    guide.search("x")
    table = {str(i): i for i in range(1000)}
    baseline = min(timeit.repeat(lambda: table.get("500"), number=10000, repeat=5)) / 10000
    print(f"baseline, a dict lookup: {baseline * 1e6:.2f} µs")
    worst = 0.0
    for query in QUERIES:
        best = min(timeit.repeat(lambda q=query: guide.search(q), number=20, repeat=9)) / 20
        worst = max(worst, best)
        top = guide.search(query, limit=1)
        print(f"{best * 1e3:7.3f} ms  {query!r:34} -> {top[0].id if top else '(nothing)'}")
    print(f"slowest query: {worst * 1e3:.2f} ms (target 5 ms)")


if __name__ == "__main__":
    main()
