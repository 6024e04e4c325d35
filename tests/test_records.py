"""`tui.records`: small records compared by value, whose fields are their `__init__`'s."""

import pickle

import pytest

from tui.models import Article
from tui.records import FrozenRecord, Record


class Point(Record):
    def __init__(self, x: int, y: int = 0, *, label: str = ""):
        self.x, self.y, self.label = x, y, label


class Pin(FrozenRecord):
    __slots__ = _fields = ("at", "name")

    def __init__(self, at: int, name: str):
        self._set(at=at, name=name)


def test_fields_are_read_from_init_in_order_keyword_only_included():
    assert Point._fields == ("x", "y", "label")
    assert Point(1, 2, label="a").fields() == {"x": 1, "y": 2, "label": "a"}
    assert Article._fields[:3] == ("title", "body", "source")


def test_equality_repr_and_hash_follow_the_fields():
    assert Point(1, 2) == Point(1, 2) != Point(1, 3)
    assert repr(Point(1)) == "Point(x=1, y=0, label='')"
    with pytest.raises(TypeError):
        hash(Point(1))
    assert hash(Pin(1, "a")) == hash(Pin(1, "a"))
    with pytest.raises(AttributeError):
        Pin(1, "a").at = 2  # type: ignore[misc]


def test_a_frozen_record_pickles_by_its_fields():
    span = Pin(3, "Leeds")
    assert pickle.loads(pickle.dumps(span)) == span
