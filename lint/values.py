"""Base classes for small value types, without the cost of dataclasses.

``@dataclass`` generates and compiles its methods when a module is imported:
0.5 to 2 ms per class, and a one-file pre-commit run imports every value type
of the engine (the run's budget is 150 ms). Subclasses of these bases name
their fields in ``__slots__`` and write a plain ``__init__`` that takes the
fields in that order, and get what the dataclass gave them:

* equality with an instance of the same class whose fields are equal, and a
  ``Name(field=value, ...)`` repr;
* :class:`Frozen`: immutable and hashable by its fields, like
  ``@dataclass(frozen=True)``; its ``__init__`` sets fields with
  ``object.__setattr__``;
* :class:`Value`: mutable and unhashable, like ``@dataclass``;
* pickling (worker processes send results back) through ``__init__``.
"""

from __future__ import annotations

from typing import Any


class Value:
    __slots__ = ()
    __hash__ = None  # type: ignore[assignment]  # mutable, like @dataclass(eq=True)

    def astuple(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: Any) -> bool:
        if other.__class__ is self.__class__:
            return self.astuple() == other.astuple()
        return NotImplemented

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__ if name[0] != "_")
        return f"{type(self).__qualname__}({fields})"

    def __reduce__(self):
        return self.__class__, self.astuple()  # __init__ takes the fields in __slots__ order


class Frozen(Value):
    __slots__ = ()

    def __hash__(self) -> int:
        return hash(self.astuple())

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r} of {type(self).__qualname__}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r} of {type(self).__qualname__}")
