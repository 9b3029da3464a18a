"""How long loading a large data set and the first ``find`` take, for several sizes.

Generates, in a temporary folder, the real data plus N glossary terms cloned
from the real ones (each with a new id, the real term, Russian and
transliteration, the first words of the real definition, its cross-references
and its first citation: so about N / 19 terms share each Russian word, which is
what made the name index quadratic), then times, in this process with the load
cache off (a folder given to ``load`` is never cached):

- load: ``stalker_guide.load(folder)``, which parses the TOML, converts and
  checks every record;
- first find: ``guide.find("Writer")``, which builds the name index first.

Prints one line per size: wall-clock seconds, and the CPU seconds of this
process (which other work on a busy machine does not inflate), and CPU seconds
per 100,000 records, which stays about the same when the time grows linearly.

    .venv/bin/python benchmarks/scale.py [--sizes 25000 50000 100000 200000]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
import tomllib
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


def generate(folder: Path, count: int, source: Path = DATA) -> int:
    """Copy the data in ``source`` to ``folder`` and add ``count`` cloned glossary terms.

    Returns the number of records in the data set (ids of every kind, and
    credits), which is what the loader reads.
    """
    shutil.copytree(source, folder)
    glossary = folder / "glossary.toml"
    terms = tomllib.loads(glossary.read_text(encoding="utf-8"))["term"]
    lines: list[str] = []
    for number in range(count):
        term = terms[number % len(terms)]
        definition = " ".join(term["definition"].split()[:8])
        first = term["citations"][0]
        source_id = first if isinstance(first, str) else first["source"]
        lines += [
            "[[term]]",
            f'id = "{term["id"]}-{number}"',
            f"term = {_string(term['term'])}",
            f"native = {_string(term['native'])}",
            f"transliteration = {_string(term['transliteration'])}",
            f"definition = {_string(definition)}",
            f"see = {json.dumps(term.get('see', []))}",
            f'citations = ["{source_id}"]',
            "",
        ]
    with glossary.open("a", encoding="utf-8") as file:
        file.write("\n" + "\n".join(lines))
    total = 0
    for path in folder.glob("*.toml"):
        document = tomllib.loads(path.read_text(encoding="utf-8"))
        for value in document.values():
            total += len(value) if isinstance(value, list) else 1
    return total


def _string(text: str) -> str:
    # A TOML basic string is a JSON string, for text without control characters.
    return json.dumps(text, ensure_ascii=False)


def measure(count: int) -> tuple[int, int, tuple[float, float], tuple[float, float]]:
    """For ``count`` clones: records, file size in bytes, and (wall, CPU) seconds for the
    load and for the first find."""
    import stalker_guide

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "data"
        records = generate(folder, count)
        size = sum(path.stat().st_size for path in folder.glob("*.toml"))
        wall, cpu = time.perf_counter(), time.process_time()
        guide = stalker_guide.load(folder)
        wall_loaded, cpu_loaded = time.perf_counter(), time.process_time()
        found = guide.find("Writer").id
        wall_found, cpu_found = time.perf_counter(), time.process_time()
        assert found == "writer", found
    return (
        records,
        size,
        (wall_loaded - wall, cpu_loaded - cpu),
        (wall_found - wall_loaded, cpu_found - cpu_loaded),
    )


def _parser() -> str:
    try:
        import tomli
    except ImportError:
        return "tomllib (install the [fast] extra for tomli, about 2.5 times faster)"
    parser = sys.modules.get("tomli._parser")
    compiled = parser is not None and not (parser.__file__ or "").endswith(".py")
    return f"tomli {tomli.__version__}" + (" (compiled)" if compiled else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[25_000, 50_000, 100_000, 200_000])
    arguments = parser.parse_args()
    os.environ["STALKER_GUIDE_CACHE"] = "off"
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    print(f"TOML parser: {_parser()}")
    print(
        f"{'records':>8} {'MB':>6}   {'load s':>14}   {'first find s':>14}   {'total s':>14}"
        f"   {'CPU s/100k':>10}"
    )
    print(f"{'':>8} {'':>6}   {'wall   CPU':>14}   {'wall   CPU':>14}   {'wall   CPU':>14}")
    for count in arguments.sizes:
        records, size, load, find = measure(count)
        total = (load[0] + find[0], load[1] + find[1])
        cells = "   ".join(f"{wall:>6.2f} {cpu:>6.2f} " for wall, cpu in (load, find, total))
        print(
            f"{records:>8} {size / 1e6:>6.1f}   {cells}  {total[1] / records * 1e5:>9.2f}",
            flush=True,
        )
    sys.exit(0)


if __name__ == "__main__":
    main()
