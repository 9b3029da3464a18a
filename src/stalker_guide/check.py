"""Verification: quotations against copies of their sources, and citations everywhere.

:func:`check` verifies, for a loaded guide and folders of source texts:

- every quotation, translation variant and Russian original that cites a
  source whose ``copy`` file is in one of the folders appears in that file
  word for word, once whitespace, typographic quotes and apostrophes, and
  dashes are normalised (:func:`normalise`); an ellipsis (``…`` or ``...``)
  in the quotation marks an elision, and the fragments on either side must
  appear in the file in that order;
- every line of dialogue (and the epigraph) cites at least one source that
  has a copy to check it against;
- every fact-bearing record, nested ones too, has at least one citation.

Sources whose copy is not in the folders are skipped and counted, so a check
against the seeds alone says what it could not verify instead of failing.

>>> normalise("“Don’t  move!” — he said")
'"Don\\'t move!"-he said'
>>> fragments("Quiet… you'll wake up Monkey...")
['Quiet', "you'll wake up Monkey"]
"""

# ruff: noqa: RUF001, RUF002 (typographic quotes and dashes are what this module normalises)
from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Final

from .guide import Guide
from .model import Citation, Frozen, QuoteKind, fields, is_record

__all__ = ["Finding", "Report", "check", "normalise", "fragments"]

_QUOTES: Final = str.maketrans(
    {
        **dict.fromkeys("“”„‟«»″〝〞＂", '"'),
        **dict.fromkeys("‘’‚‛′`´ʼ＇", "'"),
        **dict.fromkeys("‐‑‒–—―−﹘﹣－", "-"),
        **dict.fromkeys("\u00a0\u2007\u202f\u2009\u200a\u2002\u2003", " "),
        "\u00ad": None,  # soft hyphen
        "\u200b": None,  # zero-width space
    }
)
_SPACES: Final = re.compile(r"\s+")
_AROUND_DASH: Final = re.compile(r" ?- ?")
_ELISION: Final = re.compile(r"\s*(?:\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\.+)\s*")
# Markdown emphasis in copies kept as Markdown (the reference sheet).
_EMPHASIS: Final = re.compile(r"\*+")

# Quotations that must be checkable against a copy of a source.
_MUST_VERIFY: Final = frozenset({QuoteKind.DIALOGUE, QuoteKind.EPIGRAPH})


def normalise(text: str) -> str:
    """Text as compared: typographic quotes, apostrophes and dashes made plain,
    whitespace collapsed to single spaces, none around a dash.

    >>> normalise("deadly…\\n  everything") == normalise("deadly… everything")
    True
    """
    plain = text.translate(_QUOTES)
    plain = _SPACES.sub(" ", plain).strip()
    return _AROUND_DASH.sub("-", plain)


def fragments(quotation: str) -> list[str]:
    """The normalised pieces of a quotation between its elisions (``…``, ``...``, ``[…]``)."""
    return [f for f in (normalise(p) for p in _ELISION.split(quotation)) if f]


class Finding(Frozen):
    """One thing the check found: which record and field, which source, what is wrong."""

    record: str
    field: str
    source: str
    copy: str | None
    message: str

    def __str__(self) -> str:
        where = f" ({self.copy})" if self.copy else ""
        return f"{self.record}: {self.field}: source {self.source!r}{where}: {self.message}"


class Report(Frozen):
    """What :func:`check` verified, what failed, and what it could not check."""

    #: (text, source) pairs verified word for word.
    verified: int
    failures: tuple[Finding, ...]
    #: Texts citing a source whose copy is not in the folders given.
    skipped: tuple[Finding, ...]
    folders: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """True when nothing failed."""
        return not self.failures

    def __str__(self) -> str:
        lines = [str(f) for f in self.failures]
        verdict = "ok" if self.ok else f"{len(self.failures)} failed"
        lines.append(
            f"check: {verdict}; {self.verified} quotation(s) verified word for word, "
            f"{len(self.skipped)} not checked ("
            + (
                f"no copy of the source in {', '.join(self.folders)})"
                if self.folders
                else "no folder of source texts given)"
            )
        )
        return "\n".join(lines)


def check(guide: Guide, folders: Iterable[str | os.PathLike[str]] = ()) -> Report:
    """Verify the guide's quotations against the source texts in ``folders``.

    >>> import stalker_guide
    >>> report = check(stalker_guide.guide)
    >>> report.verified, report.skipped != ()
    (0, True)
    """
    dirs = tuple(Path(folder) for folder in folders)
    texts: dict[str, str | None] = {}

    def copy_text(name: str) -> str | None:
        if name not in texts:
            texts[name] = None
            for folder in dirs:
                path = folder / name
                if path.is_file():
                    raw = path.read_text(encoding="utf-8")
                    if path.suffix == ".md":
                        raw = _EMPHASIS.sub("", raw)
                    texts[name] = normalise(raw)
                    break
        return texts[name]

    failures: list[Finding] = []
    skipped: list[Finding] = []
    verified = 0
    for label, field, text, citations, required in _quotations(guide):
        checkable = False
        for citation in citations:
            source = guide.sources[citation.source]
            if source.copy is None:
                continue
            checkable = True
            copy = copy_text(source.copy)
            problem = "copy not in the folders given" if copy is None else _find(text, copy)
            if problem is None:
                verified += 1
                continue
            finding = Finding(
                record=label, field=field, source=source.id, copy=source.copy, message=problem
            )
            (skipped if copy is None else failures).append(finding)
        if required and not checkable:
            failures.append(
                Finding(
                    record=label,
                    field=field,
                    source=", ".join(c.source for c in citations),
                    copy=None,
                    message="cannot be verified: "
                    "none of its sources has a copy to check it against",
                )
            )
    failures.extend(_uncited(guide))
    return Report(
        verified=verified,
        failures=tuple(failures),
        skipped=tuple(skipped),
        folders=tuple(str(d) for d in dirs),
    )


def _quotations(
    guide: Guide,
) -> Iterator[tuple[str, str, str, tuple[Citation, ...], bool]]:
    """(record, field, text, citations, must be verifiable) for every verbatim text."""
    for quote in guide.quotes.values():
        label = f"quote {quote.id!r}"
        required = quote.kind in _MUST_VERIFY
        yield label, "text", quote.text, quote.citations, required
        for i, variant in enumerate(quote.variants):
            yield label, f"variants[{i}].text", variant.text, variant.citations, required
        if quote.russian is not None:
            yield label, "russian.text", quote.russian.text, quote.russian.citations, False


def _find(quotation: str, copy: str) -> str | None:
    """None if every fragment of ``quotation`` is in ``copy`` in order, else what is wrong."""
    at = 0
    pieces = fragments(quotation)
    if not pieces:
        return "empty quotation"
    for number, piece in enumerate(pieces, start=1):
        found = copy.find(piece, at)
        if found < 0:
            where = f"fragment {number} of {len(pieces)} " if len(pieces) > 1 else ""
            if copy.find(piece) >= 0:
                return f"{where}{piece!r} is there, but not in this order"
            return f"{where}{piece!r} is not there{_closest(piece, copy)}"
        at = found + len(piece)
    return None


def _closest(piece: str, copy: str) -> str:
    """A hint: the passage of ``copy`` that shares the longest run of text with ``piece``."""
    from difflib import SequenceMatcher

    matcher = SequenceMatcher(None, piece, copy, autojunk=False)
    match = matcher.find_longest_match(0, len(piece), 0, len(copy))
    if match.size < 12:
        return ""
    start = max(0, match.b - match.a)
    return f"; closest: {copy[start : start + len(piece) + 10]!r}"


def _uncited(guide: Guide) -> Iterator[Finding]:
    """Every record (nested too) with a ``citations`` field that is empty."""
    for record in guide.records():
        label = f"{type(record).__name__.lower()} {getattr(record, 'id', '')!r}"
        yield from _walk_citations(record, label, "")


def _walk_citations(value: Any, label: str, path: str) -> Iterator[Finding]:
    if not is_record(value):
        return
    for spec in fields(value):
        item = getattr(value, spec.name)
        here = f"{path}{spec.name}"
        if spec.name == "citations" and not item:
            yield Finding(
                record=label,
                field=here,
                source="",
                copy=None,
                message="no citation: every fact cites a source",
            )
        items = item if isinstance(item, tuple) else (item,)
        for i, nested in enumerate(items):
            if is_record(nested) and not isinstance(nested, Citation):
                suffix = f"[{i}]" if isinstance(item, tuple) else ""
                yield from _walk_citations(nested, label, f"{here}{suffix}.")
