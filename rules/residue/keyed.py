"""Phrase lists searched cheaply: each pattern runs only where its literal key occurs.

A single alternation of fifty phrases tried at every position of an article
costs more than the whole family's budget. Every pattern has a literal core
("bated breath", "potentially"): ``str.find`` locates the cores in the
lower-cased text and the pattern is tried in a window around each one.
"""

from __future__ import annotations

import re
from typing import Iterator

WINDOW = 120  # characters searched on each side of a key: longer than any phrase
# The characters re.compile(r"[a-z0-9 ,;:!\-]", re.I) matches (with the four non-ASCII letters that
# IGNORECASE folds to ASCII ones), as a set: no pattern to compile at import.
_LITERAL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,;:!-\u0130\u0131\u017f\u212a")
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
            elif char in _LITERAL:
                current.append(char)
            else:
                cut()
        i += 1
    cut()
    best = max((r.strip().lower() for r in runs), key=len, default="")
    if len(best) < 4:
        raise PatternKeyError(f"pattern {pattern!r} has no literal core of four characters or more")
    return best


MIN_REQUIRED = 3  # shorter literals ("to", "a") are in every article: not worth testing


def _class_chars(body: str) -> str | None:
    """The characters of a class body like ``!.,`` (plain characters only), else None."""
    if not body or body[0] == "^" or "\\" in body or "-" in body[1:-1] or "[" in body:
        return None
    return body


def _level(pattern: str) -> tuple[list[str], list[str], bool, list[tuple[str, ...]]]:
    """The mandatory literal runs and the mandatory groups at the top level of ``pattern``.

    Returns (runs, group insides, whether there is a top-level ``|``, extended runs). A
    group followed by ``?``, ``*`` or ``{`` is optional; lookarounds and inline flags are
    left out. A run followed by a plain class ("sure[!,]") also gives the run extended by
    each character of the class ("sure!", "sure,"): one of them is in every match.
    """
    runs: list[str] = []
    groups: list[str] = []
    extended: list[tuple[str, ...]] = []
    current: list[str] = []
    depth = 0
    start = 0
    bar = False
    i = 0

    def cut() -> None:
        if current:
            runs.append("".join(current))
            current.clear()

    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            nxt = pattern[i + 1] if i + 1 < len(pattern) else ""
            if depth == 0 and nxt and nxt not in _CLASS_ESCAPES and not nxt.isalnum() and nxt.isascii():
                current.append(nxt)
                i += 2
            else:
                cut()
                i += _escape_length(pattern, i)
            continue
        if char == "[":
            end = _class_end(pattern, i)
            chars = _class_chars(pattern[i + 1 : end]) if depth == 0 and current else None
            if chars is not None and pattern[end + 1 : end + 2] not in ("?", "*", "{"):
                run = "".join(current).lstrip().lower()
                extended.append(tuple(dict.fromkeys(run + c.lower() for c in chars)))
            cut()
            i = end + 1
            continue
        if char == "(":
            cut()
            if depth == 0:
                start = i + 1
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0 and pattern[i + 1 : i + 2] not in ("?", "*", "{"):
                inner = pattern[start:i]
                if inner.startswith("?:"):
                    groups.append(inner[2:])
                elif not inner.startswith("?"):
                    groups.append(inner)
        elif char == "{":
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
                bar = True
                cut()
            elif char in _LITERAL:
                current.append(char)
            else:
                cut()
        i += 1
    cut()
    return [run.strip().lower() for run in runs], groups, bar, extended


def _split_top(pattern: str) -> list[str]:
    parts, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = _class_end(pattern, i) + 1
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def _class_end(pattern: str, start: int) -> int:
    """Index of the ``]`` closing the character class that opens at ``start``."""
    i = start + 1
    if pattern[i : i + 1] == "^":
        i += 1
    if pattern[i : i + 1] == "]":
        i += 1  # a leading ] is a literal
    while i < len(pattern):
        if pattern[i] == "\\":
            i += 2
            continue
        if pattern[i] == "]":
            return i
        i += 1
    raise PatternKeyError(f"pattern {pattern!r} has an unclosed character class")


def _escape_length(pattern: str, start: int) -> int:
    """Characters taken by the escape at ``start``: \\x41, \\u2019, \\N{...} and \\123 are longer than two."""
    nxt = pattern[start + 1 : start + 2]
    if nxt == "x":
        return 4
    if nxt == "u":
        return 6
    if nxt == "U":
        return 10
    if nxt == "N" and pattern[start + 2 : start + 3] == "{":
        return pattern.index("}", start) - start + 1
    if nxt.isdigit():
        length = 2
        while length < 4 and pattern[start + length : start + length + 1].isdigit():
            length += 1
        return length
    return 2


def required_literals(pattern: str) -> tuple[tuple[str, ...], ...]:
    """Literals every match of ``pattern`` contains, as clauses: one literal of each clause occurs.

    Each mandatory run of fixed text is a clause of its own; a mandatory group of
    alternatives ("(?:rewritten|revised|updated)") is a clause of their longest runs,
    when every alternative has one. Literals shorter than ``MIN_REQUIRED`` are dropped
    (so are clauses holding one): they rule out nothing.
    """
    runs, groups, bar, extended = _level(pattern)
    if bar:
        return ()  # a top-level alternative: nothing is common to all matches
    clauses: list[tuple[str, ...]] = [(run,) for run in runs if len(run) >= MIN_REQUIRED]
    clauses += [clause for clause in extended if min(map(len, clause)) >= MIN_REQUIRED]
    for inner in groups:
        alternatives = _split_top(inner)
        if len(alternatives) == 1:
            clauses.extend(required_literals(inner))
            continue
        options = []
        for alternative in alternatives:
            found = [c[0] for c in required_literals(alternative) if len(c) == 1]
            if not found:
                options = []
                break
            options.append(max(found, key=len))
        if options:
            clauses.append(tuple(dict.fromkeys(options)))
    return tuple(dict.fromkeys(clauses))


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
            try:
                clauses = required_literals(self.source)
            except (PatternKeyError, ValueError):
                clauses = ()
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


# Characters re.IGNORECASE matches to an ASCII letter although they are not ASCII (dotted and
# dotless i, long s, Kelvin sign): folded before lower-casing, so that a literal test on the folded
# text never rules out a match.
_ASCII_FOLDS = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"), ("\u212a", "k"))


def fold(text: str) -> str:
    """``text`` lower-cased as IGNORECASE compares ASCII literals with it.

    (``str.replace`` after an ``in`` test: ``str.translate`` with a dict is slow on non-ASCII text.)
    """
    if not text.isascii():
        for char, ascii_char in _ASCII_FOLDS:
            if char in text:
                text = text.replace(char, ascii_char)
    return text.lower()


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
                folded = lowered[start:end] if text.isascii() else fold(text[start:end])
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
