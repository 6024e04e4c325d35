"""Small records compared by value, for the modules a one-off `newsreader search` loads.

`@dataclass` writes the same methods, but costs about 2 M instructions a class when the module
is imported (it compiles source for `__init__`, `__repr__` and `__eq__`), and loading
`dataclasses` itself loads `inspect` (30 M more): together a quarter of the process
(docs/performance.md, issue 23). A record here names its fields once in `_fields`, writes its
own typed `__init__`, and gets equality, a repr and (frozen) a hash as a dataclass has them.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs 16 M instructions
if TYPE_CHECKING:
    from typing import Any


class Record:
    """A mutable record: equal to a record of the same class with equal fields, unhashable
    (as a dataclass with `eq=True` is), shown as `Name(field=value, ...)`."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()
    """The fields, in order: the parameters of the class's `__init__`, read from its code
    when the class is made. A slotted record names them itself (`__slots__ = _fields = ...`),
    since its slots must be known in the class body."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "_fields" not in cls.__dict__ and "__init__" in cls.__dict__:
            code = cls.__init__.__code__
            cls._fields = code.co_varnames[1:code.co_argcount + code.co_kwonlyargcount]

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def fields(self) -> dict[str, Any]:
        """Each field's value by its name, in order (shallow, unlike `dataclasses.asdict`)."""
        return {name: getattr(self, name) for name in self._fields}

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Record)
        return self._values() == other._values()

    # Mutable and compared by value: unhashable.
    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({shown})"


class FrozenRecord(Record):
    """A record whose fields cannot change once made (as `@dataclass(frozen=True)`): hashable
    by its fields. `__init__` sets them with `_set`."""

    __slots__ = ()

    def _set(self, **values: object) -> None:
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    # A mutable record is unhashable (`__hash__ = None`); a frozen one is hashable again, as a
    # frozen dataclass is: the override mypy cannot see as compatible with None.
    def __hash__(self) -> int:  # type: ignore[override]
        return hash(self._values())

    def __reduce__(self) -> tuple[type[FrozenRecord], tuple[object, ...]]:
        # Copied and pickled by calling the class again (`__init__` takes the fields in
        # order), since restoring slots one by one would go through `__setattr__`.
        return type(self), self._values()
