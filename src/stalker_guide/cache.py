"""A cache of the loaded default guide, so that ``import`` + load stays fast.

Parsing the TOML data with the pure-Python ``tomllib`` and checking it takes
tens of milliseconds; reading it back from this cache takes a few. So
:func:`stalker_guide.load`, when it loads the default data (no folder given),
keeps the loaded :class:`~stalker_guide.guide.Guide`, with its name index, in
``$XDG_CACHE_HOME/stalker-guide/`` (``~/.cache/stalker-guide/``).

Correctness comes first. An entry is written only after a load that found no
problem, and is stored under a *key* describing everything the result depends
on: the Python version, and the name, size, modification time and CRC-32 of
every ``*.toml`` file in the data folder, of the modules that parse, check and
index it, and of the installed iuliia's files. A load with the same key would
do the same work on the same input, so its checks are unnecessary; any change
makes the key differ and the entry is ignored and rewritten. (Python's own
``.pyc`` files are kept current by size and modification time alone.) An entry
that cannot be read, is truncated or corrupted (its payload has its own
CRC-32), or is writable by other users is ignored. Entries are written
atomically (a temporary file, then a rename).

The records are stored with Python's ``marshal``, as tuples of their field
values: it is built into the interpreter, so reading an entry imports nothing,
where ``pickle`` (about 6 ms to import) and ``hashlib`` would cost milliseconds.

Set ``STALKER_GUIDE_CACHE=off`` to turn the cache off, or to a folder to keep
it there.

>>> enabled() in (True, False)
True
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from enum import Enum

from . import model
from ._frozen import Frozen, fields, is_record_class

TYPE_CHECKING = False
if TYPE_CHECKING:
    from importlib.resources.abc import Traversable
    from pathlib import Path
    from typing import Any, Final

    from .guide import Guide

__all__ = ["ENV", "enabled", "location", "entry", "key", "read", "write"]

#: The environment variable: ``off`` (or ``0``, ``no``, ``false``) turns the
#: cache off; any other value is the folder to keep it in.
ENV: Final = "STALKER_GUIDE_CACHE"

_OFF: Final = frozenset({"0", "off", "no", "false"})
_MAGIC: Final = b"stalker-guide cache 3\n"
# The modules whose code decides what a load returns, or how it is stored.
_CODE: Final = ("_frozen.py", "model.py", "_convert.py", "guide.py", "names.py", "cache.py")
# How a field's stored value is decoded (see _plans).
_RECORD, _RECORDS, _ENUM = 1, 2, 3


def enabled() -> bool:
    """Whether the cache is on (it is, unless ``$STALKER_GUIDE_CACHE`` says ``off``)."""
    return os.environ.get(ENV, "").strip().lower() not in _OFF


def _location() -> str:
    chosen = os.environ.get(ENV, "").strip()
    if chosen and chosen.lower() not in _OFF:
        return chosen
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "stalker-guide")


def location() -> Path:
    """The folder the cache lives in."""
    from pathlib import Path

    return Path(_location())


def _entry(data: str | Traversable) -> str:
    # One entry per data folder (a stale one is overwritten); the name only
    # has to tell folders apart, the key inside decides whether it is current.
    name = zlib.crc32(str(data).encode("utf-8", "surrogateescape"))
    return os.path.join(_location(), f"guide-{name:08x}.marshal")


def entry(data: str | Path | Traversable) -> Path:
    """The cache file for a data folder."""
    from pathlib import Path

    return Path(_entry(_folder(data)))


def _folder(data: str | os.PathLike[str] | Traversable) -> str | Traversable:
    # The loader passes path strings; a pathlib.Path is the same folder.
    return os.fspath(data) if isinstance(data, os.PathLike) else data


def key(data: str | Path | Traversable) -> bytes:
    """Everything a load of ``data`` depends on, as bytes (see the module's docstring)."""
    data = _folder(data)
    here = os.path.dirname(__file__)
    lines = [sys.version, _MAGIC.decode()]
    lines += [_stamp(os.path.join(here, name)) for name in _CODE]
    lines.append(_iuliia_stamp())
    if isinstance(data, str):
        names = sorted(n for n in os.listdir(data) if n.endswith(".toml"))
        lines += [_stamp(os.path.join(data, name)) for name in names]
    else:  # a folder inside a zip file, say: no modification times
        for item in sorted((e for e in data.iterdir() if e.name.endswith(".toml")), key=str):
            content = item.read_bytes()
            lines.append(f"{item.name}:{len(content)}:{zlib.crc32(content):08x}")
    return "\n".join(lines).encode("utf-8", "surrogateescape")


def _stamp(path: str) -> str:
    with open(path, "rb") as file:
        stat = os.fstat(file.fileno())
        content = file.read()
    name = os.path.basename(path)
    return f"{name}:{stat.st_size}:{stat.st_mtime_ns}:{zlib.crc32(content):08x}"


def _iuliia_stamp() -> str:
    # The name index holds iuliia's transliterations: key on the installed
    # iuliia's files (names, sizes, modification times) without importing it.
    from importlib.machinery import PathFinder

    spec = PathFinder.find_spec("iuliia")
    if spec is None or spec.origin is None:
        return "no iuliia"
    package = os.path.dirname(spec.origin)
    stamps = []
    for folder in (package, os.path.join(package, "schemas")):
        with os.scandir(folder) as found:
            for item in found:
                if item.name.endswith((".py", ".json")):
                    stat = item.stat()
                    stamps.append(f"{item.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "iuliia " + " ".join(sorted(stamps))


def read(data: str | Path | Traversable) -> Guide | None:
    """The cached Guide for ``data``, or None if there is no valid, current entry."""
    data = _folder(data)
    path = _entry(data)
    try:
        with open(path, "rb") as file:
            stat = os.fstat(file.fileno())
            if hasattr(os, "getuid") and (stat.st_uid != os.getuid() or stat.st_mode & 0o022):
                return None  # only ever trust a file that only this user can write
            blob = file.read()
        current = key(data)
    except OSError:
        return None
    head = len(_MAGIC)
    if not blob.startswith(_MAGIC) or len(blob) < head + 8:
        return None
    size = int.from_bytes(blob[head : head + 4], "big")
    checksum = int.from_bytes(blob[head + 4 : head + 8], "big")
    stored, payload = blob[head + 8 : head + 8 + size], blob[head + 8 + size :]
    if stored != current or zlib.crc32(payload) != checksum:
        return None
    try:
        return _decode(marshal.loads(payload))
    except Exception:  # a damaged or foreign entry is a cache miss, never an error
        return None


def write(data: str | Path | Traversable, guide: Guide) -> None:
    """Keep ``guide`` (loaded from ``data`` without problems) with its name index."""
    data = _folder(data)
    try:
        # The name index is built now, so that lookups are fast from the first
        # one; without iuliia (a broken install) the records are kept alone.
        names = guide.names()
    except ImportError:
        names = None
    try:
        current = key(data)
        payload = marshal.dumps(_encode(guide, names))
        path = _entry(data)
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        temporary = os.path.join(os.path.dirname(path), f".{os.path.basename(path)}.{os.getpid()}")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(_MAGIC + len(current).to_bytes(4, "big"))
                file.write(zlib.crc32(payload).to_bytes(4, "big") + current + payload)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, ValueError):
        pass  # a read-only or full disk only costs speed


# The stored form. A record is a tuple (class number, *field values). A record
# nested in another's field (a citation, a spelling, ...) is stored once in a
# table, children first, however many records hold an equal one, and the
# field holds its place in the table: equal records are immutable, so sharing
# one is safe, and a guide holds some 1,800 citations but only about 1,100
# distinct records. Classes and enums are named in a header, each class with
# the fields that need decoding.


def _encode(guide: Guide, names: Any) -> tuple[Any, ...]:
    from .guide import KINDS

    classes: dict[type[Frozen], int] = {}
    enums: dict[type[Enum], int] = {}
    table: list[tuple[Any, ...]] = []
    places: dict[Frozen, int] = {}

    def record(value: Frozen) -> tuple[Any, ...]:
        number = classes.setdefault(type(value), len(classes))
        return (number, *[encode(getattr(value, f.name)) for f in fields(value)])

    def encode(value: Any) -> Any:
        if isinstance(value, Frozen):  # a nested record: its place in the table
            place = places.get(value)
            if place is None:
                table.append(record(value))
                place = places[value] = len(table) - 1
            return place
        if isinstance(value, tuple):
            return tuple([encode(item) for item in value])
        if isinstance(value, Enum):
            enums.setdefault(type(value), len(enums))
            return value.value
        return value

    film = record(guide.film)
    credits = tuple([record(c) for c in guide.credits])
    collections = tuple(
        (attribute, tuple([record(r) for r in getattr(guide, attribute).values()]))
        for attribute in KINDS.values()
    )
    tiers = None
    if names is not None:
        tiers = {f.name: dict(getattr(names, f.name)) for f in fields(names)}
    header = tuple((cls.__name__, _plan(cls, enums)) for cls in classes)
    enum_names = tuple(e.__name__ for e in enums)
    return (header, enum_names, tuple(table), film, credits, collections, tiers)


def _plan(cls: type[Frozen], enums: dict[type[Enum], int]) -> tuple[tuple[int, int, int], ...]:
    """(field position, how to decode it, enum number) for each field that needs decoding."""
    import typing

    plan = []
    for position, spec in enumerate(fields(cls), start=1):
        tp = model.type_hints(cls)[spec.name]
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        inner = args[0] if args and typing.get_origin(tp) is not tuple else tp
        if is_record_class(inner):
            plan.append((position, _RECORD, 0))
        elif isinstance(inner, type) and issubclass(inner, Enum):
            plan.append((position, _ENUM, enums.setdefault(inner, len(enums))))
        elif typing.get_origin(tp) is tuple:
            item = typing.get_args(tp)[0]
            if is_record_class(item):
                plan.append((position, _RECORDS, 0))
    return tuple(plan)


def _decode(stored: tuple[Any, ...]) -> Guide:
    from .guide import Guide

    header, enum_names, table, film, credits, collections, tiers = stored
    classes = [getattr(model, name) for name, _ in header]
    plans = [plan for _, plan in header]
    names = [tuple([f.name for f in fields(cls)]) for cls in classes]
    enums = [getattr(model, name) for name in enum_names]
    built: list[Any] = []
    nested = built.__getitem__
    new = object.__new__
    setter = object.__setattr__

    def decode(item: tuple[Any, ...]) -> Any:
        number = item[0]
        values = list(item)
        for position, how, enum in plans[number]:
            value = values[position]
            if value is None:
                continue
            if how == _RECORDS:
                values[position] = tuple(map(nested, value))
            elif how == _RECORD:
                values[position] = built[value]
            else:
                values[position] = enums[enum](value)
        record = new(classes[number])
        for name, value in zip(names[number], values[1:], strict=True):
            setter(record, name, value)
        return record

    for item in table:  # children come before the records that hold them
        built.append(decode(item))
    guide = Guide(
        film=decode(film),
        credits=tuple([decode(c) for c in credits]),
        **{
            attribute: {record.id: record for record in [decode(r) for r in records]}
            for attribute, records in collections
        },
    )
    if tiers is not None:
        guide._lazy["name-tiers"] = tiers
    return guide
