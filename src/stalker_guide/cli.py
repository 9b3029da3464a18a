"""The ``stalker-guide`` command line (also ``python -m stalker_guide``).

Subcommands: ``show``, ``search``, ``export``, ``check`` and ``build``; see
``stalker-guide --help``. Results go to standard output, one record or hit per
line where that makes sense, never coloured when the output is not a
terminal; errors go to standard error.

Exit codes: 0 success; 1 nothing found, a name that is ambiguous, a check that
failed, or data with problems; 2 a usage error (a bad option or argument);
141 when the reader of the output stopped reading (as with SIGPIPE).

>>> main(["show", "Solonitsyn"])  # doctest: +ELLIPSIS
person anatoly-solonitsyn: Anatoly Solonitsyn
  name: Anatoly Solonitsyn
...
plays:
  writer: the Writer
...
0
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final, TextIO

from . import __version__
from .guide import KINDS, Guide
from .load import DataError, load
from .model import Citation, fields, is_record
from .names import NameLookupError

__all__ = ["main", "run", "parser", "EXIT_OK", "EXIT_FAILED", "EXIT_USAGE", "EXIT_PIPE"]

EXIT_OK: Final = 0
#: Nothing found, an ambiguous name, a failed check, or data with problems.
EXIT_FAILED: Final = 1
#: A usage error (argparse uses it too).
EXIT_USAGE: Final = 2
#: The output's reader went away (128 + SIGPIPE, like other command-line tools).
EXIT_PIPE: Final = 141

FORMATS: Final = ("json", "csv", "jsonld", "schema")
#: Sphinx builders for each edition ``build`` makes.
EDITIONS: Final = {"html": "html", "pdf": "latexpdf", "epub": "epub"}

_PROG: Final = "stalker-guide"


class UsageError(Exception):
    """A usage problem found after parsing (exit code 2)."""


class CommandFailedError(Exception):
    """A command that ran but did not succeed (exit code 1); the message is for stderr."""


def parser() -> argparse.ArgumentParser:
    """The argument parser, with every subcommand and its help."""
    top = argparse.ArgumentParser(
        prog=_PROG,
        description=(
            "Tarkovsky's Stalker (1979) as sourced data: look up people, characters, "
            "scenes and every other record; search; export; check quotations "
            "against their sources; build the study guide."
        ),
        epilog=(
            "exit codes: 0 ok; 1 not found, ambiguous, check failed or bad data; "
            "2 usage error. Run '%(prog)s COMMAND --help' for a command's options."
        ),
    )
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    top.add_argument(
        "--data",
        metavar="DIR",
        help="load the data from DIR instead of the guide's own (or $STALKER_GUIDE_DATA)",
    )
    commands = top.add_subparsers(dest="command", metavar="COMMAND", required=True)

    show = commands.add_parser(
        "show",
        help="show one record: a person or character by any name or spelling, or any id",
        description=(
            "Show one record and what it is related to. NAME is an id of any record, "
            "or any name, spelling, alias, Cyrillic name or transliteration of a "
            "person or character (case and diacritics do not matter)."
        ),
    )
    show.add_argument(
        "name", metavar="NAME", nargs="+", help="id or name (several words are joined)"
    )
    show.add_argument("--json", action="store_true", help="print the record as JSON")
    show.set_defaults(handler=_show)

    search = commands.add_parser(
        "search",
        help="search names, titles, summaries and quotations",
        description=(
            "Records matching every word of QUERY, best first, one per line: "
            "kind, id, the field that matched, and an excerpt, separated by tabs."
        ),
    )
    search.add_argument("query", metavar="QUERY", nargs="+", help="words to look for")
    search.add_argument(
        "-k",
        "--kind",
        action="append",
        metavar="KIND",
        choices=["film", *KINDS],
        help=f"only hits of this kind, one of: {', '.join(['film', *KINDS])} (repeatable)",
    )
    search.add_argument(
        "-n",
        "--limit",
        metavar="N",
        type=int,
        default=20,
        help="at most N hits (default 20; 0: all)",
    )
    search.add_argument("--json", action="store_true", help="print the hits as JSON")
    search.set_defaults(handler=_search)

    export = commands.add_parser(
        "export",
        help="export the data as JSON, CSV, schema.org JSON-LD or a JSON Schema",
        description=(
            "json: the whole dataset, lossless; csv: one table per kind and per "
            "relation (needs -o FOLDER); jsonld: the film as a schema.org Movie; "
            "schema: the JSON Schema of the json export."
        ),
    )
    export.add_argument("format", metavar="FORMAT", choices=FORMATS, help="|".join(FORMATS))
    export.add_argument(
        "-o", "--output", metavar="PATH", help="write to PATH (a folder for csv) instead of stdout"
    )
    export.set_defaults(handler=_export)

    check = commands.add_parser(
        "check",
        help="check the data, and its quotations against folders of source texts",
        description=(
            "Load and check the data; with --sources, verify every quotation and "
            "translation variant word for word against the copies of its sources "
            "found in DIR (see stalker_guide.check). Exits 1 if anything fails."
        ),
    )
    check.add_argument(
        "--sources",
        metavar="DIR",
        nargs="+",
        default=[],
        help="folders holding the sources' copies (the files named by their 'copy')",
    )
    check.add_argument("-q", "--quiet", action="store_true", help="print only failures")
    check.set_defaults(handler=_check)

    build = commands.add_parser(
        "build",
        help="build the study guide (html, pdf or epub) with Sphinx",
        description=(
            "Run 'sphinx-build -M BUILDER docs _build -c .' in the project's checkout "
            "(html, latexpdf or epub). Needs Sphinx: pip install 'stalker-guide[sphinx]'."
        ),
    )
    build.add_argument("edition", metavar="EDITION", choices=list(EDITIONS), help="html|pdf|epub")
    build.add_argument(
        "--root", metavar="DIR", help="the checkout (default: the current folder or the package's)"
    )
    build.add_argument(
        "--builddir", metavar="DIR", default="_build", help="output folder (default _build)"
    )
    build.set_defaults(handler=_build)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    arguments = parser().parse_args(argv)
    handler: Callable[[argparse.Namespace, TextIO], int] = arguments.handler
    try:
        return handler(arguments, sys.stdout)
    except BrokenPipeError:
        # The reader stopped reading (``| head``): stop quietly, and keep Python
        # from complaining again when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_PIPE
    except UsageError as error:
        print(f"{_PROG} {arguments.command}: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except (CommandFailedError, NameLookupError) as error:
        print(f"{_PROG} {arguments.command}: {error}", file=sys.stderr)
        return EXIT_FAILED
    except DataError as error:
        print(f"{_PROG} {arguments.command}: {error}", file=sys.stderr)
        return EXIT_FAILED


def run() -> None:
    """The console script's entry point."""
    sys.exit(main())


# ----------------------------------------------------------------- commands


def _guide(arguments: argparse.Namespace) -> Guide:
    if arguments.data is not None:
        return load(arguments.data)
    import stalker_guide

    return stalker_guide.guide


def _show(arguments: argparse.Namespace, out: TextIO) -> int:
    guide = _guide(arguments)
    record = guide.find(" ".join(arguments.name))
    if arguments.json:
        from .export import _plain

        _emit(out, json.dumps(_plain(record), ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    heading = _style(out, "1")
    out.write(heading(f"{guide.kind_of(record.id)} {record.id}: {_title(record)}") + "\n")
    for name, value in _fields(record):
        out.write(f"  {name}: {value}\n")
    for name, values in _related(guide, record.id):
        if values:
            out.write(heading(f"{name}:") + "\n")
            for line in values:
                out.write(f"  {line}\n")
    return EXIT_OK


def _search(arguments: argparse.Namespace, out: TextIO) -> int:
    guide = _guide(arguments)
    if arguments.limit < 0:
        raise UsageError("--limit must be 0 (all) or more")
    hits = guide.search(
        " ".join(arguments.query), kinds=arguments.kind, limit=arguments.limit or None
    )
    if arguments.json:
        rows = [
            {"id": h.id, "kind": h.kind, "field": h.field, "score": h.score, "excerpt": h.excerpt}
            for h in hits
        ]
        _emit(out, json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    else:
        for hit in hits:
            out.write(f"{hit.kind}\t{hit.id}\t{hit.field}\t{hit.excerpt}\n")
    if not hits:
        raise CommandFailedError(f"nothing matches {' '.join(arguments.query)!r}")
    return EXIT_OK


def _export(arguments: argparse.Namespace, out: TextIO) -> int:
    from . import export

    guide = _guide(arguments)
    target = Path(arguments.output) if arguments.output else None
    if arguments.format == "csv":
        if target is None:
            raise UsageError("csv writes one file per table: give a folder with -o FOLDER")
        if target.exists() and not target.is_dir():
            raise UsageError(f"{target} is not a folder")
        written = export.to_csv(guide, target)
        print(f"{len(written)} tables written to {target}", file=sys.stderr)
        return EXIT_OK
    if arguments.format == "json":
        text = export.to_json(guide)
    else:
        data = export.to_jsonld(guide) if arguments.format == "jsonld" else export.json_schema()
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if target is None:
        _emit(out, text)
    else:
        if target.is_dir():
            raise UsageError(f"{target} is a folder; give a file name")
        target.write_text(text, encoding="utf-8")
    return EXIT_OK


def _check(arguments: argparse.Namespace, out: TextIO) -> int:
    from .check import check

    for folder in arguments.sources:
        if not Path(folder).is_dir():
            raise UsageError(f"--sources: {folder} is not a folder")
    guide = _guide(arguments)
    report = check(guide, arguments.sources)
    for finding in report.failures:
        print(finding, file=sys.stderr)
    if not arguments.quiet:
        out.write(str(report).splitlines()[-1] + "\n")
    return EXIT_OK if report.ok else EXIT_FAILED


def _build(arguments: argparse.Namespace, out: TextIO) -> int:
    from importlib.util import find_spec

    if find_spec("sphinx") is None:
        raise CommandFailedError(
            "Sphinx is not installed; install it with: pip install 'stalker-guide[sphinx]'"
        )
    root = _checkout(arguments.root)
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-M",
        EDITIONS[arguments.edition],
        "docs",
        arguments.builddir,
        "-c",
        ".",
    ]
    out.flush()
    return subprocess.run(command, cwd=root, check=False).returncode


def _checkout(given: str | None) -> Path:
    """The project checkout to build: the folder given, the current one, or the package's."""
    candidates = [Path(given)] if given else [Path.cwd()]
    if not given and __spec__ is not None and __spec__.origin:
        candidates.append(Path(__spec__.origin).resolve().parents[2])
    for folder in candidates:
        if (folder / "conf.py").is_file() and (folder / "docs").is_dir():
            return folder
    where = given or "the current folder"
    raise CommandFailedError(
        f"{where} is not a stalker-guide checkout (it needs conf.py and docs/); "
        "run this in the project's folder, or give --root DIR"
    )


# ------------------------------------------------------------------ display


def _emit(out: TextIO, text: str) -> None:
    """Write a large text whole, even to an unbuffered stdout (``PYTHONUNBUFFERED``),
    whose single write to a pipe may take only part of it."""
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(text)
        return
    out.flush()
    view = memoryview(text.encode(out.encoding or "utf-8", "replace"))
    while view:
        written = buffer.write(view)
        view = view[written or 0 :]
    buffer.flush()


def _style(out: TextIO, code: str) -> Callable[[str], str]:
    """Bold headings on a terminal; plain text in a pipe or with $NO_COLOR set."""
    if out.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb":
        return lambda text: f"\033[{code}m{text}\033[0m"
    return lambda text: text


def _title(record: Any) -> str:
    for attribute in ("name", "title", "term", "text", "statement"):
        value = getattr(record, attribute, None)
        if isinstance(value, str):
            return _one_line(value)
    return ""


def _one_line(text: str, width: int = 0) -> str:
    flat = " ".join(text.split())
    return flat if not width or len(flat) <= width else flat[: width - 1] + "…"


def _fields(record: Any) -> list[tuple[str, str]]:
    """A record's fields with a value, each as one line of text."""
    out = []
    for spec in fields(record):
        value = getattr(record, spec.name)
        if spec.name == "id" or value is None or value == ():
            continue
        out.append((spec.name, _text(value)))
    return out


def _text(value: Any) -> str:
    from enum import Enum

    if isinstance(value, tuple):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, Enum):
        return str(value.value)
    if is_record(value):
        if isinstance(value, Citation):
            return f"{value.source} ({value.locator})" if value.locator else value.source
        parts = [
            f"{spec.name}={_text(v)}"
            for spec in fields(value)
            if (v := getattr(value, spec.name)) not in (None, ()) and spec.name != "citations"
        ]
        cited = getattr(value, "citations", ())
        sources = f" [{', '.join(c.source for c in cited)}]" if cited else ""
        return "{" + ", ".join(parts) + "}" + sources
    if isinstance(value, bool):
        return "yes" if value else "no"
    return _one_line(str(value))


def _related(guide: Guide, ident: str) -> list[tuple[str, list[str]]]:
    """What the record is related to, section by section."""
    kind = guide.kind_of(ident)

    def brief(records: Sequence[Any]) -> list[str]:
        return [f"{r.id}: {_one_line(_title(r), 100)}" for r in records]

    sections: list[tuple[str, list[str]]] = []
    if kind == "person":
        sections.append(("plays", brief(guide.roles_of(ident))))
        sections.append(
            (
                "credits",
                [
                    f"{c.job}{'' if c.credited else ' (uncredited)'}"
                    for c in guide.credits_of(ident)
                ],
            )
        )
    if kind == "character":
        sections.append(("played by", brief(guide.played_by(ident))))
        sections.append(
            (
                "relationships",
                [
                    f"{t.relationship.kind} of {t.other.id}"
                    if t.outgoing
                    else f"{t.other.id} is {t.relationship.kind} of this character"
                    for t in guide.relationships_of(ident)
                ],
            )
        )
        sections.append(("themes", brief(guide.themes_of(ident))))
    if kind == "scene":
        before, after = guide.neighbours(ident)
        sections.append(("before", brief([before] if before else [])))
        sections.append(("after", brief([after] if after else [])))
    if kind == "theme":
        sections.append(("motifs", brief(guide.motifs_of(ident))))
        sections.append(("essays", brief(guide.essays_on(ident))))
    if kind in ("character", "place", "theme", "motif"):
        sections.append(("scenes", brief(guide.scenes_with(ident))))
    if kind in ("person", "character", "scene", "theme", "essay"):
        sections.append(("quotations", brief(guide.quotes_about(ident))))
    if kind == "source":
        sections.append(("claims", brief(guide.claims_citing(ident))))
        sections.append(("cited by", [_cited(r) for r in guide.citing(ident)]))
    else:
        sections.append(("claims", brief(guide.claims_about(ident))))
        mentioned = guide.mentions(ident)
        sections.append(("mentioned by", [f"{guide.kind_of(r.id)} {r.id}" for r in mentioned]))
    return sections


def _cited(record: Any) -> str:
    ident = getattr(record, "id", None)
    if ident is not None:
        return str(ident)
    return f"credit: {record.person}, {record.job}"
