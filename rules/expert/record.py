"""A light value class: declared fields, equality, repr and pickling.

Defining a dataclass costs about 0.5 ms (it generates and compiles methods),
which the first article of a run pays for every class; a subclass of
``Record`` costs a few microseconds. Records are treated as immutable.
"""

from __future__ import annotations


class Record:
    __slots__ = ()

    def __init__(self, *values, **named) -> None:
        if named:
            values = values + tuple(named.pop(name) for name in self.__slots__[len(values) :] if name in named)
        if len(values) != len(self.__slots__) or named:
            raise TypeError(f"{type(self).__name__} takes the fields {', '.join(self.__slots__)}")
        for name, value in zip(self.__slots__, values):
            object.__setattr__(self, name, value)

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"

    def __reduce__(self):
        return (type(self), self._values())
