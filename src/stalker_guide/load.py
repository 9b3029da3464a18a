"""Find the data, parse it, check all of it, and build a :class:`~stalker_guide.guide.Guide`.

The loader reads one TOML file per kind of record (``people.toml``,
``scenes.toml``, ...), converts each table into the frozen record the model
declares, then checks every reference. It collects every problem it finds and
raises them together in one :class:`DataError`, so a human editor sees the
whole list at once; a Guide is only built from data with no problem at all.

>>> import stalker_guide
>>> g = stalker_guide.load()
>>> g.film.original_title
'Сталкер'
"""

from __future__ import annotations

import os

from . import cache, model
from ._frozen import Frozen

# What parses and checks the TOML (stalker_guide._convert, with tomllib, typing
# and re) and pathlib are imported only when needed: a load served from the
# cache (see stalker_guide.cache) needs none of them, and each costs
# milliseconds at import.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from importlib.resources.abc import Traversable
    from pathlib import Path
    from typing import Any, Final

    from .guide import Guide

__all__ = ["load", "from_documents", "DataError", "Problem", "FILES", "find_data", "DATA_ENV"]

#: The environment variable that points the loader at another data folder.
DATA_ENV: Final = "STALKER_GUIDE_DATA"


class FileSpec(Frozen):
    """Where one kind of record lives: file name, top-level TOML key, record type."""

    kind: str
    file: str
    key: str
    record: type[Any]
    many: bool = True


#: Every data file, in load order. ``film.toml`` holds one ``[film]`` table;
#: the others hold arrays of tables named by kind (``[[person]]``).
FILES: Final[tuple[FileSpec, ...]] = (
    FileSpec(kind="film", file="film.toml", key="film", record=model.Film, many=False),
    FileSpec(kind="source", file="sources.toml", key="source", record=model.Source),
    FileSpec(kind="person", file="people.toml", key="person", record=model.Person),
    FileSpec(kind="credit", file="credits.toml", key="credit", record=model.Credit),
    FileSpec(kind="character", file="characters.toml", key="character", record=model.Character),
    FileSpec(kind="place", file="places.toml", key="place", record=model.Place),
    FileSpec(kind="theme", file="themes.toml", key="theme", record=model.Theme),
    FileSpec(kind="motif", file="motifs.toml", key="motif", record=model.Motif),
    FileSpec(kind="scene", file="scenes.toml", key="scene", record=model.Scene),
    FileSpec(kind="essay", file="essays.toml", key="essay", record=model.Essay),
    FileSpec(kind="quote", file="quotes.toml", key="quote", record=model.Quote),
    FileSpec(kind="award", file="awards.toml", key="award", record=model.Award),
    FileSpec(kind="claim", file="claims.toml", key="claim", record=model.Claim),
    FileSpec(kind="term", file="glossary.toml", key="term", record=model.Term),
)


class Problem(Frozen):
    """One thing wrong with the data: where it is and what was expected.

    >>> print(Problem(file="people.toml", entity="person 'x'", field="name", message="missing"))
    people.toml: person 'x': name: missing
    """

    file: str
    entity: str
    field: str
    message: str

    def __str__(self) -> str:
        where = ": ".join(part for part in (self.entity, self.field) if part)
        return f"{self.file}: {where}: {self.message}" if where else f"{self.file}: {self.message}"


#: How many problems a :class:`DataError`'s message shows; ``problems`` keeps all.
SHOWN: Final = 50


class DataError(ValueError):
    """The data has problems; ``problems`` lists every one of them.

    Its message shows the first 50 problems, then how many more there are,
    so that a file with thousands of bad records gives a readable message.

    >>> e = DataError([Problem(file="people.toml", entity="person 'x'", field="name",
    ...                        message="missing")])
    >>> print(e)
    1 problem in the data:
      people.toml: person 'x': name: missing
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        count = len(self.problems)
        lines = [f"{count} problem{'s' if count != 1 else ''} in the data:"]
        lines += [f"  {p}" for p in self.problems[:SHOWN]]
        if count > SHOWN:
            rest = count - SHOWN
            lines.append(
                f"  and {rest} more problem{'s' if rest != 1 else ''} "
                "(the first are shown; fix them and load again)"
            )
        super().__init__("\n".join(lines))


def find_data(data_dir: str | os.PathLike[str] | None = None) -> Path | Traversable:
    """The folder the data is loaded from.

    In order: the argument, then ``$STALKER_GUIDE_DATA``, then the copy inside
    the installed package, then the checkout's ``data/`` (editable installs).

    >>> find_data().joinpath("film.toml").is_file()
    True
    """
    from pathlib import Path

    found = _find(data_dir)
    return Path(found) if isinstance(found, str) else found


def _find(data_dir: str | os.PathLike[str] | None) -> str | Traversable:
    """:func:`find_data`, as a path string where the folder is on disk (no pathlib)."""
    if data_dir is not None:
        return os.fspath(data_dir)
    if env := os.environ.get(DATA_ENV):
        return env
    origin = __spec__.origin if __spec__ is not None else None
    if origin is not None and os.path.isfile(origin):
        # The package is a folder on disk (the usual case): the same folder
        # importlib.resources would give, without its import cost.
        package = os.path.dirname(origin)
        packaged = os.path.join(package, "data")
        if os.path.isdir(packaged):
            return packaged
        checkout = os.path.join(os.path.dirname(os.path.dirname(package)), "data")
        if os.path.isdir(checkout):
            return checkout
    else:
        from importlib import resources

        traversable = resources.files("stalker_guide").joinpath("data")
        if traversable.is_dir():
            return traversable
        package = "stalker_guide"
    raise DataError(
        [
            Problem(
                file=package,
                entity="",
                field="",
                message="no data folder found: reinstall the "
                f"package, or set {DATA_ENV} to a folder of TOML files",
            )
        ]
    )


def load(data_dir: str | os.PathLike[str] | None = None) -> Guide:
    """Load, check and return the whole guide; raise :class:`DataError` on any problem.

    See :func:`find_data` for where the data is looked for.

    >>> g = load()
    >>> g.characters["writer"].played_by
    ('anatoly-solonitsyn',)
    """
    folder = _find(data_dir)
    if not (os.path.isdir(folder) if isinstance(folder, str) else folder.is_dir()):
        raise DataError(
            [Problem(file=str(folder), entity="", field="", message="data folder does not exist")]
        )
    # The guide's own data (no folder given or set in the environment) is
    # served from a cache keyed by the data and by this code, so that import +
    # load stays fast; see stalker_guide.cache.
    use_cache = data_dir is None and not os.environ.get(DATA_ENV) and cache.enabled()
    if use_cache and (cached := cache.read(folder)) is not None:
        return cached
    from ._convert import read_folder

    guide = read_folder(folder)
    if use_cache:
        cache.write(folder, guide)
    return guide


def from_documents(documents: Mapping[str, Any], origin: str = "<documents>") -> Guide:
    """Check and build a Guide from parsed documents, one per data file, keyed by kind.

    Each document is what ``tomllib`` makes of that kind's file (``{"person":
    [...]}``; ``{"film": {...}}``); a kind left out counts as a missing file
    (every kind is required; ``{"person": []}`` gives no people). Problems name
    ``origin`` and the file. This is how the JSON export is read back
    (:func:`stalker_guide.export.from_json`).

    >>> try:
    ...     from_documents({"film": {"film": {"id": "film", "title": "Stalker"}}})
    ... except DataError as error:
    ...     print(error.problems[0].file, error.problems[0].message[:12])
    ...     print(next(p for p in error.problems if p.entity == "film 'film'"))
    <documents>/sources.toml missing file
    <documents>/film.toml: film 'film': original_title: missing required field; expected a string
    """
    from ._convert import read_documents

    return read_documents(documents, origin)
