"""The records' base class: fields, construction, immutability, equality, pickling."""

from __future__ import annotations

import copy
import inspect
import pickle

import pytest

from stalker_guide.model import (
    MISSING,
    Citation,
    Frozen,
    FrozenInstanceError,
    Original,
    Quote,
    QuoteKind,
    field,
    fields,
    is_record,
    is_record_class,
)


class Point(Frozen):
    x: int
    y: int = 0
    label: str = field(default="", metadata={"doc": "a name"})


class Point3(Point):
    z: int = 0


def test_fields_in_order_with_defaults_and_metadata() -> None:
    specs = fields(Point)
    assert [(f.name, f.type, f.required) for f in specs] == [
        ("x", "int", True),
        ("y", "int", False),
        ("label", "str", False),
    ]
    assert specs[0].default is MISSING
    assert specs[2].metadata["doc"] == "a name"
    with pytest.raises(TypeError):
        specs[2].metadata["doc"] = "changed"  # type: ignore[index]


def test_construction_is_keyword_only_and_checks_names() -> None:
    assert Point(x=1) == Point(x=1, y=0, label="")
    with pytest.raises(TypeError, match=r"missing required keyword argument: 'x'"):
        Point()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match=r"unexpected keyword arguments: 'w'"):
        Point(x=1, w=2)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Point(1)  # type: ignore[call-arg]


def test_records_are_frozen_and_slotted() -> None:
    point = Point(x=1)
    with pytest.raises(FrozenInstanceError, match="cannot assign to field 'x'"):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError, match="cannot delete field 'x'"):
        del point.x
    with pytest.raises(AttributeError):
        point.other = 3
    assert not hasattr(point, "__dict__")
    assert isinstance(FrozenInstanceError("x"), AttributeError)


def test_equality_and_hash_are_by_class_and_value() -> None:
    assert Point(x=1) == Point(x=1)
    assert hash(Point(x=1)) == hash(Point(x=1))
    assert Point(x=1) != Point(x=2)
    assert Point(x=1) != Point3(x=1)  # same values, another class
    assert Point(x=1) != (1, 0, "")
    assert len({Point(x=1), Point(x=1), Point(x=2)}) == 2


def test_repr_names_every_field() -> None:
    assert repr(Point3(x=1, z=3)) == "Point3(x=1, y=0, label='', z=3)"


def test_subclasses_inherit_fields_and_add_slots() -> None:
    assert [f.name for f in fields(Point3)] == ["x", "y", "label", "z"]
    assert vars(Point3)["__slots__"] == ("z",)


def test_a_mutable_default_is_refused_at_class_creation() -> None:
    with pytest.raises(TypeError, match=r"Bad\.items: a mutable default \(list\)"):

        class Bad(Frozen):
            items: list[int] = []  # noqa: RUF012


def test_pickle_and_copy_round_trip_nested_records() -> None:
    quote = Quote(
        id="q",
        kind=QuoteKind.DIALOGUE,
        text="Quiet",
        russian=Original(text="Тихо", citations=(Citation(source="s"),)),
        citations=(Citation(source="s", locator="p. 1"),),
    )
    for copied in (
        pickle.loads(pickle.dumps(quote)),
        copy.copy(quote),
        copy.deepcopy(quote),
    ):
        assert copied == quote
        assert type(copied) is Quote and copied.kind is QuoteKind.DIALOGUE
    assert copy.deepcopy(quote).russian is not quote.russian


def test_the_signature_shows_the_keyword_only_fields() -> None:
    signature = inspect.signature(Citation)
    assert str(signature) == "(*, source: str, locator: str | None = None) -> None"


def test_is_record_and_is_record_class() -> None:
    assert is_record(Point(x=1)) and not is_record(Point)
    assert is_record_class(Point) and not is_record_class(Point(x=1))
    assert not is_record((1, 2)) and not is_record_class(tuple)
