"""The bridge between a Sphinx build and the library: which Guide a build reads, and
which data files each page depends on.

The extension never opens a data file itself. It asks the loader where the
data is (:func:`~stalker_guide.load.find_data`, or the ``stalker_guide_data`` config value)
and loads it through :func:`stalker_guide.load`. A :class:`Reading` is a view of that Guide
for one page: every record it hands out declares the file it came from with
``env.note_dependency``, so editing ``characters.toml`` re-reads exactly the pages that
rendered a character.
"""

from __future__ import annotations

import os
import threading
import weakref
from collections.abc import Iterable, Mapping
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from ..guide import KINDS as GUIDE_KINDS
from ..guide import Entity, Guide, Record, Tie
from ..load import FILES, find_data, load
from ..model import Character, Claim, Credit, Essay, Motif, Person, Quote, Scene, Source, Theme
from .kinds import data_file, display_name

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

__all__ = ["Reading", "data_folder", "guide_for", "set_folder", "refresh"]

#: Every data file, for what may depend on any of them (an unknown id, ``citing``).
ALL_KINDS: Final = tuple(spec.kind for spec in FILES)

_lock = threading.Lock()
# Data folder -> (signature of its files, Guide); reloaded when a file changes.
_loaded: dict[str, tuple[tuple[Any, ...], Guide]] = {}
# Each build environment's data folder, resolved against the confdir at builder-inited.
_folders: weakref.WeakKeyDictionary[BuildEnvironment, Path | Traversable] = (
    weakref.WeakKeyDictionary()
)


def data_folder(setting: str | None, confdir: str | os.PathLike[str]) -> Path | Traversable:
    """The folder a build reads: ``setting`` (relative to ``confdir``) or the library's default.

    >>> data_folder("tests/fixtures/minimal", "/work").as_posix()
    '/work/tests/fixtures/minimal'
    """
    if setting is None:
        return find_data()
    return Path(confdir, setting)


def set_folder(env: BuildEnvironment, folder: Path | Traversable) -> None:
    """Record which data folder ``env`` reads (called once per build, at builder-inited)."""
    _folders[env] = folder


def _folder(env: BuildEnvironment) -> Path | Traversable:
    folder = _folders.get(env)
    if folder is None:  # an environment the extension did not see start: use the default
        folder = _folders[env] = data_folder(env.config.stalker_guide_data, env.srcdir)
    return folder


def _signature(folder: Path | Traversable) -> tuple[Any, ...]:
    if not isinstance(folder, Path):
        return ()  # packaged data only changes with the package
    marks: list[Any] = []
    for spec in FILES:
        try:
            stat = (folder / spec.file).stat()
        except OSError:
            marks.append((spec.file, None))
        else:
            marks.append((spec.file, stat.st_mtime_ns, stat.st_size))
    return tuple(marks)


def refresh(env: BuildEnvironment) -> Guide:
    """Reload the data of ``env`` if a data file changed since it was last loaded."""
    folder = _folder(env)
    key = str(folder)
    signature = _signature(folder)
    with _lock:
        cached = _loaded.get(key)
        if cached is not None and cached[0] == signature:
            return cached[1]
        guide = load(folder) if isinstance(folder, Path) else load()
        _loaded[key] = (signature, guide)
        return guide


def guide_for(env: BuildEnvironment) -> Guide:
    """The Guide ``env`` reads, loaded once per change of its data files."""
    cached = _loaded.get(str(_folder(env)))
    return cached[1] if cached is not None else refresh(env)


def file_path(env: BuildEnvironment, kind: str) -> Path | None:
    """The path of the data file holding ``kind``, if the data are plain files."""
    folder = _folder(env)
    return folder / data_file(kind) if isinstance(folder, Path) else None


class Reading:
    """The Guide as one page reads it: each lookup notes the data file it used.

    Only what a page renders becomes its dependency: a page that names the Writer
    depends on ``characters.toml`` but not on ``quotes.toml``.
    """

    def __init__(self, env: BuildEnvironment) -> None:
        self.env = env
        self.guide = guide_for(env)

    def uses(self, *kinds: str) -> None:
        """Declare that the current page renders records of ``kinds``."""
        for kind in kinds:
            path = file_path(self.env, kind)
            if path is not None:
                self.env.note_dependency(path)

    # -- single records --------------------------------------------------------------

    def find(self, id: str) -> Entity | None:
        """The record with ``id``, or None; an unknown id depends on every file."""
        if id not in self.guide:
            # The id may be added to any file; re-read the page when one changes.
            self.uses(*ALL_KINDS)
            return None
        self.uses(self.guide.kind_of(id))
        return self.guide.get(id)

    def kind_of(self, id: str) -> str | None:
        """The kind of ``id`` (``"film"`` for the film), or None if there is no such id."""
        return self.guide.kind_of(id) if id in self.guide else None

    def name(self, id: str) -> str:
        """The display name of ``id`` ("the Writer"); the id itself if there is none."""
        entity = self.find(id)
        return display_name(entity) if entity is not None else id

    def all(self, kind: str) -> Mapping[str, Any]:
        """Every record of ``kind`` (a key of :data:`~.kinds.KINDS`), in data order."""
        self.uses(kind)
        records: Mapping[str, Any] = getattr(self.guide, GUIDE_KINDS[kind])
        return records

    def film(self) -> Any:
        """The film record."""
        self.uses("film")
        return self.guide.film

    def credits(self) -> tuple[Credit, ...]:
        """All credits, in data order."""
        self.uses("credit", "person")
        return self.guide.credits

    # -- relations: each declares the files it reads ---------------------------------

    def played_by(self, character: str) -> tuple[Person, ...]:
        self.uses("character", "person")
        return self.guide.played_by(character)

    def roles_of(self, person: str) -> tuple[Character, ...]:
        self.uses("character")
        return self.guide.roles_of(person)

    def credits_of(self, person: str) -> tuple[Credit, ...]:
        self.uses("credit")
        return self.guide.credits_of(person)

    def scenes_with(self, id: str) -> tuple[Scene, ...]:
        self.uses("scene")
        return self.guide.scenes_with(id)

    def neighbours(self, scene: str) -> tuple[Scene | None, Scene | None]:
        self.uses("scene")
        return self.guide.neighbours(scene)

    def quotes_about(self, id: str) -> tuple[Quote, ...]:
        self.uses("quote")
        return self.guide.quotes_about(id)

    def essays_on(self, theme: str) -> tuple[Essay, ...]:
        self.uses("essay")
        return self.guide.essays_on(theme)

    def motifs_of(self, theme: str) -> tuple[Motif, ...]:
        self.uses("motif")
        return self.guide.motifs_of(theme)

    def themes_of(self, id: str) -> tuple[Theme, ...]:
        self.uses("scene", "quote", "theme")
        return self.guide.themes_of(id)

    def relationships_of(self, character: str) -> tuple[Tie, ...]:
        self.uses("character")
        return self.guide.relationships_of(character)

    def claims_about(self, id: str) -> tuple[Claim, ...]:
        self.uses("claim")
        return self.guide.claims_about(id)

    def claims_citing(self, source: str) -> tuple[Claim, ...]:
        self.uses("claim")
        return self.guide.claims_citing(source)

    def citing(self, source: str) -> tuple[Record, ...]:
        # Any record of any kind may cite a source.
        self.uses(*ALL_KINDS)
        return self.guide.citing(source)

    def source(self, id: str) -> Source:
        """The source ``id`` (a checked reference, so it exists)."""
        self.uses("source")
        return self.guide.sources[id]

    def ids(self, ids: Iterable[str]) -> list[str]:
        """``ids`` that exist, noting the files of their kinds."""
        return [i for i in ids if self.find(i) is not None]
