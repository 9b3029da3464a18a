"""How long Guide.find takes for a spelling of each kind, once the guide is loaded.

Prints microseconds per lookup (the best of several timing rounds) for a
spelling from each lookup tier, beside a plain dict lookup measured in the same
run as a baseline. Also times the first lookup in a fresh interpreter, where
the name index comes from the load cache (or is built: iuliia is imported and
every Cyrillic name transliterated).

    .venv/bin/python benchmarks/lookup.py
"""

from __future__ import annotations

import contextlib
import os
import platform
import subprocess
import sys
import tempfile
import timeit

import stalker_guide
from stalker_guide.names import NameLookupError

SPELLINGS = {
    "an id": "andrei-tarkovsky",
    "a listed name, as written": "Andrei Tarkovsky",
    "a listed name, other case and accents": "ANDREÏ TARKOVSKI",
    "the Cyrillic name": "Анатолий Солоницын",
    "GOST 7.79 / ISO 9, not listed": "Anatolij Solonicyn",
    "ALA-LC with diacritics, not listed": "Aleksandr Kaĭdanovskiĭ",
    "German (Duden), not listed": "Jewgeni Zymbal",
    "a surname alone": "Solonitsyn",
    "first name and surname in two schemes": "Evgeniy Zymbal",
    "a character's alias": "Martyshka",
}
ERRORS = {
    "an ambiguous name (error)": "Strugatsky",
    "an unknown name (error, with suggestions)": "Tarkovksy Andrej",
}


def per_call(function: object, number: int) -> float:
    """Best of 5 rounds, in microseconds per call."""
    rounds = timeit.repeat(function, number=number, repeat=5)  # type: ignore[arg-type]
    return min(rounds) / number * 1e6


def first_lookup(cache: str, setting: str) -> str:
    code = (
        "import time, stalker_guide; g = stalker_guide.guide; t = time.perf_counter(); "
        "g.find('Jewgeni Zymbal'); print(f'{(time.perf_counter() - t) * 1e3:.1f}')"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["STALKER_GUIDE_CACHE"] = cache if setting == "warm" else "off"
    env.pop("STALKER_GUIDE_DATA", None)
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
    )
    return result.stdout.strip()


def main() -> None:
    guide = stalker_guide.guide
    guide.names()
    table = {key: key for key in guide.names().exact}
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    baseline = per_call(lambda: table.get("Andrei Tarkovsky"), 200_000)
    print(f"baseline, a dict lookup: {baseline:.2f} µs\n")
    width = max(map(len, [*SPELLINGS, *ERRORS]))
    for label, spelling in SPELLINGS.items():
        found = guide.find(spelling).id
        cost = per_call(lambda s=spelling: guide.find(s), 20_000)
        print(f"{label:<{width}}  {cost:6.2f} µs   {spelling!r} -> {found}")
    for label, spelling in ERRORS.items():

        def failing(s: str = spelling) -> None:
            with contextlib.suppress(NameLookupError):
                guide.find(s)

        print(f"{label:<{width}}  {per_call(failing, 20):6.0f} µs   {spelling!r}")
    with tempfile.TemporaryDirectory() as cache:
        print(
            f"\nfirst lookup in a fresh interpreter, name index from the cache: "
            f"{first_lookup(cache, 'warm')} ms"
        )
        print(
            f"first lookup in a fresh interpreter, name index built (no cache): "
            f"{first_lookup(cache, 'off')} ms"
        )


if __name__ == "__main__":
    main()
