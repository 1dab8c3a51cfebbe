"""Small value classes for the contradiction rules, without the cost of dataclasses.

Creating a ``@dataclass`` generates and compiles its methods when the module
is imported: close to a millisecond per class, and the family has eleven of
them on its first-article path (budget: a few milliseconds in all). These
bases give the same behaviour for the fields named in ``__slots__``:

* equal when of the same class with equal fields, shown as ``Name(field=value, ...)``;
* :class:`Frozen`: immutable and hashable by its fields, like ``@dataclass(frozen=True)``;
  its ``__init__`` sets the fields with ``object.__setattr__``;
* :class:`Value`: mutable and unhashable, like ``@dataclass``.
"""

from __future__ import annotations


class Value:
    __slots__ = ()
    __hash__ = None  # type: ignore[assignment]  # mutable, like @dataclass(eq=True)

    def astuple(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return self.astuple() == other.astuple()
        return NotImplemented

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__qualname__}({fields})"


class Frozen(Value):
    __slots__ = ()

    def __hash__(self) -> int:
        return hash(self.astuple())

    def __setattr__(self, name: str, value) -> None:
        raise AttributeError(f"cannot assign to field {name!r} of {type(self).__qualname__}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r} of {type(self).__qualname__}")

    def __reduce__(self):
        # __init__ takes the fields in __slots__ order.
        return self.__class__, self.astuple()
