"""A light immutable record: declared fields, equality, hash, repr and pickling
from :class:`lint.values.Frozen`, plus one ``__init__`` that takes the fields
positionally or by name, so a record class need only name its ``__slots__``."""

from __future__ import annotations

from lint.values import Frozen


class Record(Frozen):
    __slots__ = ()

    def __init__(self, *values, **named) -> None:
        if named:
            values = values + tuple(named.pop(name) for name in self.__slots__[len(values) :] if name in named)
        if len(values) != len(self.__slots__) or named:
            raise TypeError(f"{type(self).__name__} takes the fields {', '.join(self.__slots__)}")
        for name, value in zip(self.__slots__, values):
            object.__setattr__(self, name, value)
