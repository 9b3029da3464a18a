"""stalker_guide: Andrei Tarkovsky's *Stalker* (1979) as typed, sourced, read-only data.

>>> import stalker_guide
>>> stalker_guide.guide.film.title
'Stalker'
>>> stalker_guide.guide.film.year
1979

``stalker_guide.guide`` is loaded on first use, once; :func:`load` loads a
fresh copy, from another folder if you give one.

The errors a caller may catch are here too: :class:`DataError` (bad data),
:class:`UnknownNameError` and :class:`AmbiguousNameError` (both
:class:`NameLookupError`, from :meth:`Guide.find`), and :class:`UnknownIdError`
(an id no record has); so is :class:`Hit`, what :meth:`Guide.search` returns.

>>> from stalker_guide import AmbiguousNameError, Hit, UnknownNameError
>>> issubclass(UnknownNameError, LookupError), Hit.__name__
(True, 'Hit')
"""

from __future__ import annotations

import _thread  # threading's lock, without importing threading

from .guide import Guide, UnknownIdError
from .load import DataError, Problem, load
from .model import (
    Award,
    Character,
    Citation,
    Claim,
    Credit,
    Essay,
    Film,
    Motif,
    Person,
    Place,
    Quote,
    QuoteKind,
    Scene,
    Source,
    Term,
    Theme,
    Tier,
    Verdict,
)

__all__ = [
    "guide",
    "load",
    "Guide",
    "DataError",
    "Problem",
    "UnknownIdError",
    "NameLookupError",
    "UnknownNameError",
    "AmbiguousNameError",
    "Hit",
    "Award",
    "Character",
    "Citation",
    "Claim",
    "Credit",
    "Essay",
    "Film",
    "Motif",
    "Person",
    "Place",
    "Quote",
    "QuoteKind",
    "Scene",
    "Source",
    "Term",
    "Theme",
    "Tier",
    "Verdict",
]

__version__ = "0.1.0"

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .names import AmbiguousNameError, NameLookupError, UnknownNameError
    from .search import Hit

    guide: Guide

# Importing the submodule stalker_guide.guide bound its name here; unbind it so
# that ``stalker_guide.guide`` is the default Guide, which __getattr__ serves.
del globals()["guide"]

_lock = _thread.allocate_lock()
_default: Guide | None = None

# Imported on first use, so that importing stalker_guide stays cheap.
_LAZY = {
    "NameLookupError": "names",
    "UnknownNameError": "names",
    "AmbiguousNameError": "names",
    "Hit": "search",
}


def __getattr__(name: str) -> Any:
    # The default guide is loaded lazily, once, on first access.
    global _default
    if name == "guide":
        with _lock:
            if _default is None:
                _default = load()
        return _default
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'stalker_guide' has no attribute {name!r}")
