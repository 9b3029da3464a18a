"""The ``stalker-guide`` command line (also ``python -m stalker_guide``).

Subcommands: ``show``, ``search``, ``export``, ``check`` and ``build``; see
``stalker-guide --help``. Results go to standard output, one record or hit per
line where that makes sense, never coloured when the output is not a
terminal; errors go to standard error.

Exit codes: 0 success; 1 nothing found, a name that is ambiguous, a check that
failed, data with problems, or an output that cannot be written (a missing
folder, a full disc, a closed standard output); 2 a usage error (a bad option
or argument); 141 when the reader of the output stopped reading (as with
SIGPIPE); 130 when interrupted (Ctrl-C). None of these prints a traceback: the
error is one line on standard error.

JSON and CSV are always UTF-8, whatever the locale; text for a terminal is
written in the terminal's encoding, with what it cannot show, and any control
or invisible formatting character, written as a backslash escape (``\\x1b``,
``\\u202e``).

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
import codecs
import contextlib
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

__all__ = [
    "main",
    "run",
    "parser",
    "EXIT_OK",
    "EXIT_FAILED",
    "EXIT_USAGE",
    "EXIT_PIPE",
    "EXIT_INTERRUPTED",
]

EXIT_OK: Final = 0
#: Nothing found, an ambiguous name, a failed check, or data with problems.
EXIT_FAILED: Final = 1
#: A usage error (argparse uses it too).
EXIT_USAGE: Final = 2
#: The output's reader went away (128 + SIGPIPE, like other command-line tools).
EXIT_PIPE: Final = 141
#: Interrupted by the user (128 + SIGINT).
EXIT_INTERRUPTED: Final = 130

FORMATS: Final = ("json", "csv", "jsonld", "schema")
#: Sphinx builders for each edition ``build`` makes.
EDITIONS: Final = {"html": "html", "pdf": "latexpdf", "epub": "epub"}

_PROG: Final = "stalker-guide"


class UsageError(Exception):
    """A usage problem found after parsing (exit code 2)."""


class CommandFailedError(Exception):
    """A command that ran but did not succeed (exit code 1); the message is for stderr."""


class OutputError(CommandFailedError):
    """Standard output cannot be written: closed, full, or failing (exit code 1)."""


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
            "exit codes: 0 ok; 1 not found, ambiguous, check failed, bad data or an "
            "output that cannot be written; 2 usage error. JSON and CSV are written in "
            "UTF-8 whatever the locale. Run '%(prog)s COMMAND --help' for a command's options."
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
    show.add_argument("--json", action="store_true", help="print the record as JSON (UTF-8)")
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
    search.add_argument("--json", action="store_true", help="print the hits as JSON (UTF-8)")
    search.set_defaults(handler=_search)

    export = commands.add_parser(
        "export",
        help="export the data as JSON, CSV, schema.org JSON-LD or a JSON Schema",
        description=(
            "json: the whole dataset, lossless; csv: one table per kind and per "
            "relation (needs -o FOLDER); jsonld: the film as a schema.org Movie; "
            "schema: the JSON Schema of the json export. Every format is written in "
            "UTF-8, whatever the locale or the terminal's encoding; a file given with "
            "-o is replaced whole or not at all."
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
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code.

    Nothing the user or the environment does ends in a traceback: each failure
    is one message on standard error and an exit code (see the module's help).
    """
    arguments = parser().parse_args(argv)
    out = _Output(sys.stdout)
    handler: Callable[[argparse.Namespace, _Output], int] = arguments.handler
    try:
        code = handler(arguments, out)
        out.flush()
        return code
    except BrokenPipeError:
        # The reader stopped reading (``| head``): stop quietly, and keep Python
        # from complaining again when it flushes stdout at exit.
        out.discard()
        return EXIT_PIPE
    except KeyboardInterrupt:
        out.discard()
        return EXIT_INTERRUPTED
    except UsageError as error:
        _tell(f"{_PROG} {arguments.command}: error: {error}")
        return EXIT_USAGE
    except (CommandFailedError, NameLookupError, DataError) as error:
        if isinstance(error, OutputError):
            out.discard()
        _tell(f"{_PROG} {arguments.command}: {error}")
        return EXIT_FAILED
    except OSError as error:
        # A file or folder the command needed (not standard output, which
        # raises OutputError): say which and why, in one line.
        where = f"{error.filename}: " if error.filename else ""
        _tell(f"{_PROG} {arguments.command}: {where}{error.strerror or error}")
        return EXIT_FAILED


def run() -> None:
    """The console script's entry point."""
    sys.exit(main())


# ----------------------------------------------------------------- commands


def _words(words: Sequence[str]) -> str:
    """The words of an argument joined; UTF-8 even where the locale is not
    (Python decodes such arguments with surrogate escapes)."""
    text = " ".join(words)
    try:
        return os.fsencode(text).decode("utf-8") if not text.isascii() else text
    except (UnicodeError, ValueError):
        return text


def _guide(arguments: argparse.Namespace) -> Guide:
    if arguments.data is not None:
        return load(arguments.data)
    import stalker_guide

    return stalker_guide.guide


def _show(arguments: argparse.Namespace, out: _Output) -> int:
    guide = _guide(arguments)
    record = guide.find(_words(arguments.name))
    if arguments.json:
        from .export import _plain

        out.utf8(json.dumps(_plain(record), ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    heading = _style(out, "1")
    lines = [heading(_safe(f"{guide.kind_of(record.id)} {record.id}: {_title(record)}"))]
    for name, value in _fields(record):
        lines.append(_safe(f"  {name}: {value}"))
    for name, values in _related(guide, record.id):
        if values:
            lines.append(heading(_safe(f"{name}:")))
            lines.extend(_safe(f"  {line}") for line in values)
    out.text("".join(line + "\n" for line in lines))
    return EXIT_OK


def _search(arguments: argparse.Namespace, out: _Output) -> int:
    guide = _guide(arguments)
    if arguments.limit < 0:
        raise UsageError("--limit must be 0 (all) or more")
    query = _words(arguments.query)
    hits = guide.search(query, kinds=arguments.kind, limit=arguments.limit or None)
    if arguments.json:
        rows = [
            {"id": h.id, "kind": h.kind, "field": h.field, "score": h.score, "excerpt": h.excerpt}
            for h in hits
        ]
        out.utf8(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    else:
        out.text(
            "".join(
                "\t".join(_safe(column) for column in (h.kind, h.id, h.field, h.excerpt)) + "\n"
                for h in hits
            )
        )
    if not hits:
        raise CommandFailedError(f"nothing matches {query!r}")
    return EXIT_OK


def _export(arguments: argparse.Namespace, out: _Output) -> int:
    from . import export

    guide = _guide(arguments)
    target = Path(arguments.output) if arguments.output else None
    if arguments.format == "csv":
        if target is None:
            raise UsageError("csv writes one file per table: give a folder with -o FOLDER")
        if target.exists() and not target.is_dir():
            raise UsageError(f"{target} is not a folder")
        try:
            written = export.to_csv(guide, target)
        except OSError as error:
            raise CommandFailedError(
                f"cannot write {error.filename or target}: {error.strerror or error}"
            ) from None
        _tell(f"{len(written)} tables written to {target}")
        return EXIT_OK
    if arguments.format == "json":
        text = export.to_json(guide)
    else:
        data = export.to_jsonld(guide) if arguments.format == "jsonld" else export.json_schema()
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if target is None:
        out.utf8(text)
    else:
        if target.is_dir():
            raise UsageError(f"{target} is a folder; give a file name")
        _write_file(target, text.encode("utf-8"))
    return EXIT_OK


def _write_file(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` whole or not at all.

    A regular file (or a new one) is written beside it under a temporary name
    and renamed over it, so a full disc leaves the old file, not half a new
    one; anything else (``/dev/stdout``, a FIFO) is written to as it is.
    """
    real = Path(os.path.realpath(target))
    try:
        if real.exists() and not real.is_file():
            with real.open("wb") as file:
                file.write(data)
            return
        temporary = real.with_name(f".{real.name}.{os.getpid()}.tmp")
        try:
            with temporary.open("xb") as file:
                file.write(data)
            os.replace(temporary, real)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    except OSError as error:
        raise CommandFailedError(f"cannot write {target}: {error.strerror or error}") from None


def _check(arguments: argparse.Namespace, out: _Output) -> int:
    from .check import check

    for folder in arguments.sources:
        if not Path(folder).is_dir():
            raise UsageError(f"--sources: {folder} is not a folder")
    guide = _guide(arguments)
    report = check(guide, arguments.sources)
    for finding in report.failures:
        _tell(str(finding))
    if not arguments.quiet:
        out.text(_safe(str(report).splitlines()[-1]) + "\n")
    return EXIT_OK if report.ok else EXIT_FAILED


def _build(arguments: argparse.Namespace, out: _Output) -> int:
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


class _Output:
    """Standard output as the commands write to it.

    :meth:`utf8` writes JSON and other data as UTF-8 bytes, whatever the locale;
    :meth:`text` writes text for people in the stream's own encoding, with what
    that encoding cannot hold written as backslash escapes. Any failure to write
    (closed, full, gone) is an :class:`OutputError` with a one-line message,
    except a reader going away (:class:`BrokenPipeError`), which stops quietly.
    """

    def __init__(self, stream: TextIO | None) -> None:
        # None: Python found file descriptor 1 closed at start-up (``>&-``).
        self.stream = stream

    def isatty(self) -> bool:
        try:
            return self.stream is not None and self.stream.isatty()
        except (OSError, ValueError):
            return False

    def text(self, text: str) -> None:
        stream = self._open()
        encoding = getattr(stream, "encoding", None) or "utf-8"
        if not _is_utf8(encoding):
            text = text.encode(encoding, "backslashreplace").decode(encoding)
        self._do(lambda: stream.write(text))

    def utf8(self, text: str) -> None:
        """Write ``text`` as UTF-8, whole, even to an unbuffered stdout
        (``PYTHONUNBUFFERED``), whose single write to a pipe may take only part of it."""
        stream = self._open()
        buffer = getattr(stream, "buffer", None)
        if buffer is None:  # a text-only stream (io.StringIO): it takes the text as is
            self._do(lambda: stream.write(text))
            return

        def write() -> None:
            stream.flush()
            view = memoryview(text.encode("utf-8"))
            while view:
                written = buffer.write(view)
                view = view[written or 0 :]
            buffer.flush()

        self._do(write)

    def flush(self) -> None:
        if self.stream is not None:
            stream = self.stream
            self._do(stream.flush)

    def discard(self) -> None:
        """Point file descriptor 1 at the null device, so that what is still
        buffered goes nowhere at exit instead of failing again."""
        if self.stream is None:
            return
        try:
            fileno = self.stream.fileno()
        except (OSError, ValueError):
            return
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fileno)
        os.close(devnull)

    def _open(self) -> TextIO:
        if self.stream is None:
            raise OutputError("cannot write to standard output: it is closed")
        return self.stream

    def _do(self, action: Callable[[], object]) -> None:
        try:
            action()
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            raise OutputError(f"cannot write to standard output: {reason}") from None


def _is_utf8(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def _tell(message: str) -> None:
    """Print ``message`` on standard error, each line made safe (see :func:`_safe`);
    if standard error is closed or failing, there is no one to tell."""
    if sys.stderr is None:
        return
    with contextlib.suppress(OSError, ValueError):
        print("\n".join(_safe(line) for line in message.split("\n")), file=sys.stderr)


#: Unicode categories never written raw: controls (ESC, NUL, ...), invisible
#: formatting (zero-width spaces, bidi overrides), line and paragraph
#: separators, surrogates and private use.
_UNSAFE: Final = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co"})


def _safe(text: str) -> str:
    r"""``text`` with every control or invisible formatting character written as
    a backslash escape, so that data cannot drive a terminal or hide text.

    >>> print(_safe("Writer\x1b[2J\u202eX\tY"))
    Writer\x1b[2J\u202eX\tY
    >>> _safe("Сталкер — Stalker")
    'Сталкер — Stalker'
    """
    if text.isprintable():
        return text
    import unicodedata

    return "".join(
        char.encode("unicode_escape").decode("ascii")
        if unicodedata.category(char) in _UNSAFE
        else char
        for char in text
    )


def _style(out: _Output, code: str) -> Callable[[str], str]:
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
