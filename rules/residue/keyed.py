"""Phrase lists searched cheaply: each pattern runs only where its literal key occurs.

A single alternation of fifty phrases tried at every position of an article
costs more than the whole family's budget. Every pattern has a literal core
("bated breath", "potentially"): ``str.find`` locates the cores in the
lower-cased text and the pattern is tried in a window around each one.
The keys and the other literals a match needs are read from the patterns by
``rules.phrases``, which the trailer family uses for its line patterns too.
"""

from __future__ import annotations

import re
from typing import Iterator

from rules.phrases import derive_key, ignorecase_fold, required_literals

WINDOW = 120  # characters searched on each side of a key: longer than any phrase


class Keyed:
    """A phrase pattern, its literal key and its label; the pattern is compiled on first use.

    Most keys never occur in an article, so most patterns are never compiled in a
    one-file run (compiling them all up front costs several milliseconds). Where the
    key does occur, the pattern is still skipped when the text lacks a literal that
    every match needs (``required``: "here" is in most articles, but "^here's a
    rewritten article" also needs "rewritten" or "revised" or ...).
    """

    __slots__ = ("key", "source", "flags", "label", "_regex", "_required")

    def __init__(self, key: str, source: str, flags: int, label: str) -> None:
        self.key = key
        self.source = source
        self.flags = flags
        self.label = label
        self._regex: re.Pattern | None = None
        self._required: tuple[tuple[str, ...], ...] | None = None

    @property
    def required(self) -> tuple[tuple[str, ...], ...]:
        """``required_literals`` of the pattern, less the key itself (derived on first need)."""
        if self._required is None:
            clauses = required_literals(self.source)
            self._required = tuple(c for c in clauses if c != (self.key,))
        return self._required

    def __repr__(self) -> str:
        return f"Keyed(key={self.key!r}, source={self.source!r}, label={self.label!r})"

    @property
    def regex(self) -> re.Pattern:
        regex = self._regex
        if regex is None:
            regex = self._regex = re.compile(self.source, self.flags)
        return regex


def compile_keyed(entries: list[tuple[str, str, str | None]], flags: int = re.I) -> tuple[Keyed, ...]:
    """(pattern, label, key or None) -> keyed patterns; a missing key is derived from the pattern."""
    return tuple(Keyed(key.lower() if key else derive_key(p), p, flags, label) for p, label, key in entries)


def search_keyed(
    patterns: tuple[Keyed, ...], text: str, lowered: str, start: int, end: int
) -> Iterator[tuple[re.Match, str]]:
    """Every match of every pattern within ``text[start:end]``, each reported once, in no particular order.

    ``lowered`` is ``text.lower()`` and must have the same length (the caller checks).
    """
    folded: str | None = None
    for entry in patterns:
        key = entry.key
        pos = lowered.find(key, start, end)
        if pos == -1:
            continue
        required = entry.required
        if required:
            if folded is None:
                # ASCII text folds to its plain lower case, which the caller already has.
                folded = lowered[start:end] if text.isascii() else ignorecase_fold(text[start:end])
            if not all(any(literal in folded for literal in clause) for clause in required):
                continue  # the pattern cannot match anywhere in the text: not even compiled
        regex = entry.regex
        seen_end = -1
        while pos != -1:
            match = regex.search(text, max(start, pos - WINDOW, seen_end), min(end, pos + len(key) + WINDOW))
            while match is not None and match.end() <= pos:
                match = regex.search(text, match.end(), min(end, pos + len(key) + WINDOW))
            if match is not None and match.start() <= pos and match.end() > seen_end:
                seen_end = match.end()
                yield match, entry.label
            pos = lowered.find(key, pos + 1, end)
