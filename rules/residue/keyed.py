"""Phrase lists searched cheaply: each pattern runs only where its literal key occurs.

A single alternation of fifty phrases tried at every position of an article
costs more than the whole family's budget. Every pattern has a literal core
("bated breath", "potentially"): ``str.find`` locates the cores in the
lower-cased text and the pattern is tried in a window around each one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

WINDOW = 120  # characters searched on each side of a key: longer than any phrase
_LITERAL = re.compile(r"[a-z0-9 ,;:!\-]", re.I)
_CLASS_ESCAPES = frozenset("bBdDsSwWAZ")


class PatternKeyError(ValueError):
    pass


def derive_key(pattern: str) -> str:
    """The longest run of literal text that every match of ``pattern`` contains.

    Only text outside groups counts, and a character followed by ``?``, ``*`` or
    ``{`` is optional, so it ends the run. Patterns with a top-level ``|`` have no
    common core and are refused.
    """
    runs: list[str] = []
    current: list[str] = []
    depth = 0
    i = 0

    def cut() -> None:
        if current:
            runs.append("".join(current))
            current.clear()

    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            nxt = pattern[i + 1] if i + 1 < len(pattern) else ""
            if depth == 0 and nxt and nxt not in _CLASS_ESCAPES and not nxt.isalnum():
                current.append(nxt)
            else:
                cut()
            i += 2
            continue
        if char == "[":
            cut()
            i = pattern.index("]", i + 2) + 1
            continue
        if char == "(":
            cut()
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "{":  # a counted repeat: the character before it is not fixed text
            if depth == 0 and current:
                current.pop()
            cut()
            i = pattern.index("}", i) + 1
            continue
        elif depth == 0:
            if char in "?*":
                if current:
                    current.pop()
                cut()
            elif char == "|":
                raise PatternKeyError(f"pattern {pattern!r} has a top-level '|'; split it into separate entries")
            elif _LITERAL.fullmatch(char):
                current.append(char)
            else:
                cut()
        i += 1
    cut()
    best = max((r.strip().lower() for r in runs), key=len, default="")
    if len(best) < 4:
        raise PatternKeyError(f"pattern {pattern!r} has no literal core of four characters or more")
    return best


@dataclass(frozen=True)
class Keyed:
    key: str
    regex: re.Pattern
    label: str


def compile_keyed(entries: list[tuple[str, str, str | None]], flags: int = re.I) -> tuple[Keyed, ...]:
    """(pattern, label, key or None) -> keyed patterns; a missing key is derived from the pattern."""
    return tuple(
        Keyed(key.lower() if key else derive_key(p), re.compile(p, flags), label) for p, label, key in entries
    )


def search_keyed(
    patterns: tuple[Keyed, ...], text: str, lowered: str, start: int, end: int
) -> Iterator[tuple[re.Match, str]]:
    """Every match of every pattern within ``text[start:end]``, each reported once, in no particular order.

    ``lowered`` is ``text.lower()`` and must have the same length (the caller checks).
    """
    for entry in patterns:
        key = entry.key
        pos = lowered.find(key, start, end)
        seen_end = -1
        while pos != -1:
            match = entry.regex.search(text, max(start, pos - WINDOW, seen_end), min(end, pos + len(key) + WINDOW))
            while match is not None and match.end() <= pos:
                match = entry.regex.search(text, match.end(), min(end, pos + len(key) + WINDOW))
            if match is not None and match.start() <= pos and match.end() > seen_end:
                seen_end = match.end()
                yield match, entry.label
            pos = lowered.find(key, pos + 1, end)
