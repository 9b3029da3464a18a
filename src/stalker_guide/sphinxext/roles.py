"""The roles: one per kind of entity (``{character}`writer```), and ``{fact}``.

An entity role shows the entity's name from the data ("the Writer") or an explicit
title (``{character}`the Writer's <writer>```), and links to its entry. An id the data do
not have, or an id of another kind, is reported where it is written, as a ``film.ref``
warning, so a ``-W`` build fails on it.
"""

from __future__ import annotations

import difflib
from enum import Enum
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import split_explicit_title

from ..model import fields, is_record
from .kinds import KINDS, display_name, reference_name
from .library import Reading
from .render import format_date

__all__ = ["EntityRole", "FactRole", "suggest", "format_value"]

logger = logging.getLogger(__name__)


def suggest(word: str, choices: list[str]) -> str:
    """A "did you mean" hint for ``word`` among ``choices`` (empty if none is close).

    >>> suggest("writter", ["writer", "stalker"])
    " (did you mean 'writer'?)"
    """
    close = difflib.get_close_matches(word, choices, n=3, cutoff=0.6)
    return f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""


def role_location(role: SphinxRole) -> str:
    """``path:line`` of ``role`` in its page, as precisely as the source allows.

    MyST gives a role the line of its paragraph; the role's own line is found by
    looking for its text in the following lines of the page.
    """
    source, line = role.get_source_info()
    content = role.rawtext[role.rawtext.find("`") : role.rawtext.rfind("`") + 1]
    try:
        lines = Path(source).read_text(encoding="utf-8").splitlines()
    except (OSError, ValueError):
        return f"{source}:{line}"
    start = max((line or 1) - 2, 0)
    for number in range(start, min(start + 200, len(lines))):
        if content and content in lines[number]:
            return f"{source}:{number + 1}"
    return f"{source}:{line}"


class EntityRole(SphinxRole):
    """``{kind}`id``` or ``{kind}`title <id>```: a link to an entity's entry."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        explicit, title, target = split_explicit_title(self.text)
        target = target.strip()
        reading = Reading(self.env)
        entity = reading.find(target)
        found = reading.kind_of(target)
        if entity is None or found != self.kind:
            if found is None:
                ids = list(reading.all(self.kind))
                problem = f"unknown {KINDS[self.kind].label} id {target!r}{suggest(target, ids)}"
            else:
                problem = f"{target!r} is a {found}, not a {KINDS[self.kind].label}"
            logger.warning(
                "%s",
                problem,
                location=role_location(self),
                type="film",
                subtype="ref",
            )
            shown = title if explicit else target
            return [nodes.inline(self.rawtext, shown, classes=["film-missing"])], []
        shown = title if explicit else reference_name(entity)
        node = addnodes.pending_xref(
            self.rawtext,
            refdomain="film",
            reftype=self.kind,
            reftarget=target,
            refexplicit=explicit,
            refwarn=True,
            refdoc=self.env.current_document.docname,
        )
        node += nodes.inline(shown, shown, classes=["xref", "film", f"film-{self.kind}"])
        self.set_source_info(node)
        return [node], []


def format_value(value: Any) -> str | None:
    """A value of the data as text: dates spelt out, lists joined, records by name.

    >>> format_value(1979), format_value("1932-04-04"), format_value(("Russian", "English"))
    ('1979', '4 April 1932', 'Russian, English')
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return format_date(value)
    if isinstance(value, tuple):
        parts = [format_value(v) for v in value]
        return ", ".join(p for p in parts if p)
    if is_record(value):
        if hasattr(value, "id"):
            return display_name(value)
        for name in ("value", "text", "name", "title", "minutes"):
            if hasattr(value, name):
                return format_value(getattr(value, name))
    return None


class FactRole(SphinxRole):
    """``{fact}`film.year```: one value of the data, typed once, in the data.

    The path is an id (or ``film``) followed by attribute names:
    ``andrei-tarkovsky.born``, ``film.runtime.minutes``.
    """

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        path = self.text.strip()
        head, *attributes = path.split(".")
        reading = Reading(self.env)
        value: Any = reading.find(head)
        problem = None
        if value is None:
            problem = f"unknown id {head!r} in fact path {path!r}"
        for name in attributes:
            if problem:
                break
            if name.startswith("_") or not hasattr(value, name):
                names = [f.name for f in fields(value)] if value is not None else []
                problem = (
                    f"{type(value).__name__} has no attribute {name!r} "
                    f"(fact path {path!r}){suggest(name, names)}"
                )
            else:
                value = getattr(value, name)
        shown = format_value(value) if not problem else None
        if not problem and not shown:
            problem = f"fact path {path!r} has no value to show"
        if problem or shown is None:
            logger.warning("%s", problem, location=role_location(self), type="film", subtype="fact")
            return [nodes.inline(self.rawtext, path, classes=["film-missing"])], []
        return [nodes.inline(self.rawtext, shown, classes=["film-fact"])], []
