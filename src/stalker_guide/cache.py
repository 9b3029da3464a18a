"""A cache of the loaded default guide, so that ``import`` + load stays fast.

Parsing the TOML data with the pure-Python ``tomllib`` and checking it takes
tens of milliseconds; unpickling the finished
:class:`~stalker_guide.guide.Guide` takes a few. So
:func:`stalker_guide.load`, when it loads the default data (no folder given),
keeps the loaded guide, with its name index, in
``$XDG_CACHE_HOME/stalker-guide/`` (``~/.cache/stalker-guide/``).

Correctness comes first. An entry is written only after a load that found no
problem, and is keyed by a SHA-256 of everything the result depends on: the
name and exact bytes of every ``*.toml`` file in the data folder, the source of
the modules that parse, check and index it, the Python version and the
installed iuliia. A load with the same key would do the same work on the same
input, so its checks are unnecessary; any change makes the key differ and the
entry is ignored and rewritten. An entry that cannot be read, is truncated or
corrupted (its payload has its own SHA-256), or is writable by other users is
ignored. Entries are written atomically (a temporary file, then a rename).

Set ``STALKER_GUIDE_CACHE=off`` to turn the cache off, or to a folder to keep
it there.

>>> enabled() in (True, False)
True
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from .guide import Guide

__all__ = ["ENV", "enabled", "location", "entry", "key", "read", "write"]

#: The environment variable: ``off`` (or ``0``, ``no``, ``false``) turns the
#: cache off; any other value is the folder to keep it in.
ENV: Final = "STALKER_GUIDE_CACHE"

_OFF: Final = frozenset({"0", "off", "no", "false"})
_MAGIC: Final = b"stalker-guide cache 1\n"
# The modules whose code decides what a load returns.
_CODE: Final = ("model.py", "load.py", "guide.py", "names.py", "cache.py")


def enabled() -> bool:
    """Whether the cache is on (it is, unless ``$STALKER_GUIDE_CACHE`` says ``off``)."""
    return os.environ.get(ENV, "").strip().lower() not in _OFF


def location() -> Path:
    """The folder the cache lives in."""
    chosen = os.environ.get(ENV, "").strip()
    if chosen and chosen.lower() not in _OFF:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "stalker-guide"


def entry(data: Path | Traversable) -> Path:
    """The cache file for a data folder (one per folder; a stale one is overwritten)."""
    name = hashlib.sha256(str(data).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return location() / f"guide-{name}.pickle"


def key(data: Path | Traversable) -> bytes:
    """SHA-256 of everything a load of ``data`` depends on (see the module's docstring)."""
    digest = hashlib.sha256()
    digest.update(sys.version.encode())
    here = Path(__file__).parent
    for name in _CODE:
        _feed(digest, name, (here / name).read_bytes())
    digest.update(_iuliia_stamp())
    files = sorted((e for e in data.iterdir() if e.name.endswith(".toml")), key=lambda e: e.name)
    for file in files:
        _feed(digest, file.name, file.read_bytes())
    return digest.digest()


def _feed(digest: hashlib._Hash, name: str, content: bytes) -> None:
    # Length-prefixed, so that no two different sets of files hash alike.
    digest.update(f"{name}\0{len(content)}\0".encode())
    digest.update(content)


def _iuliia_stamp() -> bytes:
    # The name index holds iuliia's transliterations: key on the installed
    # iuliia's files (names, sizes, modification times) without importing it.
    from importlib.util import find_spec

    spec = find_spec("iuliia")
    if spec is None or spec.origin is None:
        return b"no iuliia"
    package = Path(spec.origin).parent
    stamps = []
    for path in sorted([*package.glob("*.py"), *package.glob("schemas/*.json")]):
        stat = path.stat()
        stamps.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(stamps).encode()


def read(data: Path | Traversable) -> Guide | None:
    """The cached Guide for ``data``, or None if there is no valid, current entry."""
    from .guide import Guide

    path = entry(data)
    try:
        stat = path.stat()
        if hasattr(os, "getuid") and (stat.st_uid != os.getuid() or stat.st_mode & 0o022):
            return None  # only ever unpickle a file that only this user can write
        blob = path.read_bytes()
    except OSError:
        return None
    head = len(_MAGIC)
    if not blob.startswith(_MAGIC) or len(blob) < head + 64:
        return None
    stored_key, stored_digest, payload = (
        blob[head : head + 32],
        blob[head + 32 : head + 64],
        blob[head + 64 :],
    )
    try:
        current = key(data)
    except OSError:
        return None
    if stored_key != current or hashlib.sha256(payload).digest() != stored_digest:
        return None
    import pickle

    try:
        guide = pickle.loads(payload)
    except Exception:  # a damaged or foreign entry is a cache miss, never an error
        return None
    return guide if isinstance(guide, Guide) else None


def write(data: Path | Traversable, guide: Guide) -> None:
    """Keep ``guide`` (loaded from ``data`` without problems) with its name index."""
    import pickle

    # The name index is built now, so that lookups are fast from the first one;
    # without iuliia (a broken install) the records are cached alone.
    with contextlib.suppress(ImportError):
        guide.names()
    try:
        current = key(data)
        payload = pickle.dumps(guide, protocol=pickle.HIGHEST_PROTOCOL)
        path = entry(data)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(_MAGIC + current + hashlib.sha256(payload).digest() + payload)
            os.replace(temporary, path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    except (OSError, pickle.PicklingError):
        pass  # a read-only or full disk only costs speed
