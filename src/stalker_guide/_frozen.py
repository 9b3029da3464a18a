"""Frozen records: the small base class every record of the model is built on.

A subclass of :class:`Frozen` declares its fields as annotated class
attributes, like a dataclass; it gets slots, a keyword-only ``__init__``,
equality and hashing by value, a ``repr``, pickling, and refuses assignment::

    >>> class Point(Frozen):
    ...     x: int
    ...     y: int = 0
    >>> p = Point(x=1)
    >>> p
    Point(x=1, y=0)
    >>> p == Point(x=1, y=0), hash(p) == hash(Point(x=1))
    (True, True)
    >>> p.x = 2
    Traceback (most recent call last):
    ...
    stalker_guide.model.FrozenInstanceError: cannot assign to field 'x'
    >>> [(f.name, f.required) for f in fields(Point)]
    [('x', True), ('y', False)]

Why not :mod:`dataclasses`: on Python 3.11, importing it (with :mod:`inspect`)
and :mod:`typing` and generating the methods of the model's classes took about
half of the library's start-up budget (``benchmarks/startup.py``). This module
imports nothing at run time, and its methods are shared, not generated. Type
checkers see the fields through :func:`typing.dataclass_transform`, so
``Point(x="1")`` and ``p.x = 2`` are type errors as they would be for a frozen
dataclass.
"""

from __future__ import annotations

from types import MappingProxyType

# typing is imported by type checkers only: importing it costs milliseconds.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import inspect
    from collections.abc import Callable, Mapping
    from typing import Any, ClassVar, Final, TypeVar, dataclass_transform

    _T = TypeVar("_T")
    _R = TypeVar("_R", bound="Frozen")
else:

    def dataclass_transform(**_options: object) -> Callable[[_T], _T]:
        return lambda decorated: decorated


__all__ = [
    "Frozen",
    "Field",
    "field",
    "fields",
    "is_record",
    "is_record_class",
    "build",
    "MISSING",
    "FrozenInstanceError",
]


class FrozenInstanceError(AttributeError):
    """Raised on an attempt to assign to, or delete, a field of a record."""


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"

    def __reduce__(self) -> str:
        return "MISSING"


#: The default of a field that has none (a required field).
MISSING: Final[Any] = _Missing()

_NO_METADATA: Final[Mapping[str, Any]] = MappingProxyType({})


class Field:
    """One field of a record class: its name, annotation, default and metadata.

    ``type`` is the annotation as written (a string: the model uses postponed
    annotations); :func:`~stalker_guide.model.type_hints` resolves it.
    """

    __slots__ = ("default", "metadata", "name", "type")

    name: str
    type: str
    default: Any
    metadata: Mapping[str, Any]

    def __init__(
        self,
        name: str = "",
        type: str = "",
        default: Any = MISSING,
        metadata: Mapping[str, Any] | None = None,
    ) -> None:
        self.name = name
        self.type = type
        self.default = default
        self.metadata = MappingProxyType(dict(metadata)) if metadata else _NO_METADATA

    @property
    def required(self) -> bool:
        """Whether the field has no default, so that every record must give it."""
        return self.default is MISSING

    def __repr__(self) -> str:
        default = "" if self.default is MISSING else f", default={self.default!r}"
        metadata = f", metadata={dict(self.metadata)!r}" if self.metadata else ""
        return f"Field({self.name!r}, {self.type!r}{default}{metadata})"


def field(*, default: Any = MISSING, metadata: Mapping[str, Any] | None = None) -> Any:
    """Declare a field with a default, metadata, or both (like ``dataclasses.field``).

    >>> class Named(Frozen):
    ...     name: str = field(metadata={"doc": "what it is called"})
    >>> fields(Named)[0].metadata["doc"], fields(Named)[0].required
    ('what it is called', True)
    """
    return Field(default=default, metadata=metadata)


def fields(record: Frozen | type[Frozen]) -> tuple[Field, ...]:
    """The fields of a record or record class, in declaration order (inherited first)."""
    return record.__fields__


def is_record(value: object) -> bool:
    """Whether ``value`` is a record (an instance, not a class).

    >>> from stalker_guide.model import Citation
    >>> is_record(Citation(source="x")), is_record(Citation), is_record("x")
    (True, False, False)
    """
    return isinstance(value, Frozen)


def is_record_class(value: object) -> bool:
    """Whether ``value`` is a record class (a subclass of :class:`Frozen`).

    >>> from stalker_guide.model import Citation
    >>> is_record_class(Citation), is_record_class(Citation(source="x")), is_record_class(str)
    (True, False, False)
    """
    return isinstance(value, type) and issubclass(value, Frozen)


_MUTABLE: Final = (list, dict, set, bytearray)


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(field,))
class _FrozenMeta(type):
    """Turns annotated class attributes into fields and slots."""

    __fields__: tuple[Field, ...]

    def __new__(
        mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any], **options: Any
    ) -> _FrozenMeta:
        specs: dict[str, Field] = {}
        for base in reversed(bases):
            for spec in getattr(base, "__fields__", ()):
                specs[spec.name] = spec
        inherited = set(specs)
        annotations: dict[str, Any] = namespace.get("__annotations__", {})
        for attribute, annotation in annotations.items():
            text = str(annotation)
            if attribute.startswith("__") or text.startswith(("ClassVar", "typing.ClassVar")):
                continue
            declared = namespace.pop(attribute, MISSING)
            if isinstance(declared, Field):
                spec = Field(attribute, text, declared.default, declared.metadata)
            else:
                spec = Field(attribute, text, declared)
            if isinstance(spec.default, _MUTABLE):
                raise TypeError(
                    f"{name}.{attribute}: a mutable default ({type(spec.default).__name__}) "
                    "would be shared by every record; use a tuple or a frozenset"
                )
            specs[attribute] = spec
        namespace["__slots__"] = tuple(s for s in specs if s not in inherited)
        namespace["__fields__"] = tuple(specs.values())
        namespace.setdefault("__match_args__", ())
        return super().__new__(mcs, name, bases, namespace, **options)

    @property
    def __signature__(cls) -> inspect.Signature:
        # For help(), inspect and Sphinx's autodoc: the keyword-only __init__
        # the fields make, built only when asked for (inspect is slow to import).
        import inspect
        import typing

        try:
            hints = typing.get_type_hints(cls)
        except Exception:  # names only a type checker sees: keep the annotations' text
            hints = {}
        empty = inspect.Parameter.empty
        return inspect.Signature(
            [
                inspect.Parameter(
                    spec.name,
                    inspect.Parameter.KEYWORD_ONLY,
                    default=empty if spec.required else spec.default,
                    annotation=hints.get(spec.name, spec.type),
                )
                for spec in cls.__fields__
            ],
            return_annotation=None,
        )


class Frozen(metaclass=_FrozenMeta):
    """Base class of frozen, slotted records with keyword-only fields.

    Equal records have equal fields and the same class. Nested values are
    immutable by convention: tuples, not lists.
    """

    __slots__ = ()
    if TYPE_CHECKING:  # not at run time, where typing.get_type_hints would see it
        #: The record's fields, in order (set by the metaclass; see :func:`fields`).
        __fields__: ClassVar[tuple[Field, ...]]

    def __init__(self, **values: Any) -> None:
        setter = object.__setattr__
        for spec in self.__fields__:
            name = spec.name
            if name in values:
                setter(self, name, values.pop(name))
            elif spec.default is not MISSING:
                setter(self, name, spec.default)
            else:
                raise TypeError(
                    f"{type(self).__name__}() missing required keyword argument: {name!r}"
                )
        if values:
            unknown = ", ".join(repr(name) for name in values)
            raise TypeError(f"{type(self).__name__}() got unexpected keyword arguments: {unknown}")

    def _values(self) -> tuple[Any, ...]:
        return tuple([getattr(self, spec.name) for spec in self.__fields__])

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Frozen)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{spec.name}={getattr(self, spec.name)!r}" for spec in self.__fields__)
        return f"{type(self).__qualname__}({shown})"

    def __reduce__(self) -> tuple[Callable[..., Frozen], tuple[Any, ...]]:
        return build, (type(self), self._values())


def build(cls: type[_R], values: tuple[Any, ...] | list[Any]) -> _R:
    """A record of ``cls`` from its field values in order, unchecked (for unpickling and caches).

    >>> from stalker_guide.model import Citation
    >>> build(Citation, ("seed-001", None))
    Citation(source='seed-001', locator=None)
    """
    record = object.__new__(cls)
    setter = object.__setattr__
    for spec, value in zip(cls.__fields__, values, strict=True):
        setter(record, spec.name, value)
    return record


# These are used and documented as part of stalker_guide.model, which
# re-exports them: say so in reprs, tracebacks and the API reference.
for _public in (Frozen, Field, FrozenInstanceError, field, fields, is_record, is_record_class):
    _public.__module__ = "stalker_guide.model"
del _public
