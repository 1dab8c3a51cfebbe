"""What the trailer and residue families share to search their phrase lists cheaply.

Both keep their phrases as plain-text data files and compile no regular
expression they may not need: a one-file pre-commit run pays for every import
and every compile. So each pattern's source is read for the literal text that
every match must contain, that text is looked for with ``in`` or ``str.find``
in the article folded as ``re.IGNORECASE`` compares it, and only a pattern
whose literals occur is compiled and run. This module holds the pieces both
families use: the data-file reader, the folding, the apostrophe widening and
the reading of a pattern's literals.
"""

from __future__ import annotations

import re
from pathlib import Path

from lint.resources import read_word_list

# -- data files ------------------------------------------------------------------------


def _section_name(line: str) -> str | None:
    """``name`` for a line ``[name]`` (lower-case letters, digits and hyphens), else None."""
    if len(line) > 2 and line[0] == "[" and line[-1] == "]":
        name = line[1:-1]
        if name.isascii() and name[0].isalnum() and all(c.islower() or c.isdigit() or c == "-" for c in name):
            return name
    return None


def read_sections(path: Path) -> list[tuple[str, list[str]]]:
    """A data file as its sections, in file order: ``[name]`` opens a section, every other line is an entry.

    Plain text, so that no YAML parser is imported; ``#`` comments and blank lines
    are dropped (``read_word_list``). A name may come back: each header opens a
    section of its own.
    """
    sections: list[tuple[str, list[str]]] = []
    for line in read_word_list(path):
        header = _section_name(line)
        if header is not None:
            sections.append((header, []))
        elif not sections:
            raise ValueError(f"{Path(path).name}: entry {line!r} before the first [section]")
        else:
            sections[-1][1].append(line)
    return sections


# -- text as the patterns see it -------------------------------------------------------

# Characters re.IGNORECASE matches to an ASCII letter although they are not ASCII (dotted and
# dotless i, long s, Kelvin sign): folded before lower-casing, so that a literal test on the folded
# text never rules out a match.
_ASCII_FOLDS = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"), ("\u212a", "k"))


def ignorecase_fold(text: str) -> str:
    """``text`` lower-cased as ``re.IGNORECASE`` compares ASCII literals with it, offsets kept.

    U+0130, the one character whose lower case is two characters long, is folded
    first. (``str.replace`` after an ``in`` test: ``str.translate`` with a dict is
    slow on non-ASCII text.)
    """
    if not text.isascii():
        for char, ascii_char in _ASCII_FOLDS:
            if char in text:
                text = text.replace(char, ascii_char)
    return text.lower()


_APOSTROPHES = "'\u2019\u02bc"


def curly_tolerant(pattern: str) -> str:
    """Let every ' in ``pattern`` match curly apostrophes too (inside and outside [...]).

    The data files write a plain apostrophe; articles carry all three.
    """
    out: list[str] = []
    in_class = escaped = False
    for char in pattern:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif char == "[" and not in_class:
            in_class = True
            out.append(char)
        elif char == "]" and in_class:
            in_class = False
            out.append(char)
        elif char == "'":
            out.append(_APOSTROPHES if in_class else f"[{_APOSTROPHES}]")
        else:
            out.append(char)
    return "".join(out)


class LazyPattern:
    """A regular expression compiled on its first use, not at import: ``PATTERN().search(...)``."""

    __slots__ = ("source", "flags", "_compiled")

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source = source
        self.flags = flags
        self._compiled: re.Pattern | None = None

    def __call__(self) -> re.Pattern:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self.source, self.flags)
        return compiled


# -- the literal text a pattern cannot match without -------------------------------------
#
# These read a pattern's source, not its compiled form (compiling is what they spare). They
# are conservative: where a construct is not understood, they claim less, never more, so a
# literal test built on them never rules out text the pattern matches.

# Characters taken as fixed text (runs are lower-cased when cut); anything else ends a run. The
# four non-ASCII letters IGNORECASE folds to ASCII ones are left out on purpose: ``ignorecase_fold``
# turns them into ASCII in the text, so a key holding one would never be found.
_LITERAL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,;:!-")
_CLASS_ESCAPES = frozenset("bBdDsSwWAZ")
_OPTIONAL_AFTER = ("?", "*", "{")  # what makes the text or group before it optional

MIN_KEY = 1  # literal_keys: shorter keys are none at all
GOOD_KEY = 4  # literal_keys: a run this long is selective enough on its own
MIN_DERIVED_KEY = 4  # derive_key: a shorter core would be found in every article
MIN_REQUIRED = 3  # required_literals: shorter literals ("to", "a") are in every article: not worth testing


class PatternKeyError(ValueError):
    pass


def _class_end(pattern: str, start: int) -> int:
    """Index of the ``]`` closing the character class that opens at ``start`` (-1 when none does)."""
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
    return -1


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
        end = pattern.find("}", start)
        return end - start + 1 if end > 0 else len(pattern) - start
    if nxt.isdigit():  # an octal escape or a group reference: up to three digits
        length = 2
        while length < 4 and pattern[start + length : start + length + 1].isdigit():
            length += 1
        return length
    return 2


def _split_top(pattern: str) -> list[str] | None:
    """``pattern`` split at its top-level ``|`` (None for a malformed pattern)."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            end = _class_end(pattern, i)
            if end < 0:
                return None
            i = end + 1
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


def _class_chars(body: str) -> str | None:
    """The characters of a class body like ``!.,`` (plain characters only), else None."""
    if not body or body[0] == "^" or "\\" in body or "-" in body[1:-1] or "[" in body:
        return None
    return body


def _top_level(pattern: str) -> tuple[list[str], list[str], bool, list[tuple[str, ...]]] | None:
    """The mandatory literal runs and groups at the top level of ``pattern``; None when it is malformed.

    Returns (runs of fixed text outside groups, lower case; the insides of the mandatory
    groups; whether there is a top-level ``|``, above which nothing is common to all
    matches; extended runs, see below).

    A character or group followed by ``?``, ``*`` or ``{`` is optional (it ends the
    run, the group is left out); lookarounds and inline flags are left out. A run
    followed by a plain class ("sure[!,]") also gives the run extended by each
    character of the class ("sure!", "sure,"): one of them is in every match.
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
            runs.append("".join(current).strip().lower())
            current.clear()

    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            nxt = pattern[i + 1] if i + 1 < len(pattern) else ""
            if depth == 0 and nxt and nxt not in _CLASS_ESCAPES and not nxt.isalnum() and nxt.isascii():
                current.append(nxt)
                i += 2
            else:  # \d, \b, \x23, \u2019, \N{...}, \1: not fixed text; skip the whole escape
                cut()
                i += 2 if nxt in _CLASS_ESCAPES else _escape_length(pattern, i)
            continue
        if char == "[":
            end = _class_end(pattern, i)
            if end < 0:
                return None
            chars = _class_chars(pattern[i + 1 : end]) if depth == 0 and current else None
            if chars is not None and pattern[end + 1 : end + 2] not in _OPTIONAL_AFTER:
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
            if depth == 0 and pattern[i + 1 : i + 2] not in _OPTIONAL_AFTER:
                inner = pattern[start:i]
                if inner.startswith("?:"):
                    groups.append(inner[2:])
                elif not inner.startswith("?"):
                    groups.append(inner)
        elif char == "{":  # a counted repeat: the character before it is not fixed text
            if depth == 0 and current:
                current.pop()
            cut()
            end = pattern.find("}", i)
            if end < 0:
                return None
            i = end + 1
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
            else:  # "+" keeps the character before it, which is then needed once at least
                cut()
        i += 1
    cut()
    return runs, groups, bar, extended


def derive_key(pattern: str) -> str:
    """The longest run of literal text that every match of ``pattern`` contains (residue's phrase lists).

    Only text outside groups counts. Patterns with a top-level ``|`` have no common
    core, and patterns whose core is shorter than ``MIN_DERIVED_KEY``, are refused:
    the data file should split them or give an explicit key.
    """
    level = _top_level(pattern)
    if level is None:
        raise PatternKeyError(f"pattern {pattern!r} is malformed")
    runs, _, bar, _ = level
    if bar:
        raise PatternKeyError(f"pattern {pattern!r} has a top-level '|'; split it into separate entries")
    best = max(runs, key=len, default="")
    if len(best) < MIN_DERIVED_KEY:
        raise PatternKeyError(f"pattern {pattern!r} has no literal core of four characters or more")
    return best


def required_literals(pattern: str) -> tuple[tuple[str, ...], ...]:
    """Literals every match of ``pattern`` contains, as clauses: one literal of each clause occurs.

    Each mandatory run of fixed text is a clause of its own; a mandatory group of
    alternatives ("(?:rewritten|revised|updated)") is a clause of their longest runs,
    when every alternative has one. Literals shorter than ``MIN_REQUIRED`` are dropped
    (so are clauses holding one): they rule out nothing.
    """
    level = _top_level(pattern)
    if level is None or level[2]:
        return ()  # malformed, or a top-level alternative: nothing is common to all matches
    runs, groups, _, extended = level
    clauses: list[tuple[str, ...]] = [(run,) for run in runs if len(run) >= MIN_REQUIRED]
    clauses += [clause for clause in extended if min(map(len, clause)) >= MIN_REQUIRED]
    for inner in groups:
        alternatives = _split_top(inner)
        if alternatives is None:
            continue
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


def literal_keys(pattern: str) -> tuple[str, ...] | None:
    """Lower-case literals such that every match of ``pattern`` contains at least one of them (trailer's lines).

    A top-level ``a|b`` needs a key from each side; a pattern that is one group of
    alternatives ("(tweet|email|print)") is read as its alternatives. Otherwise the
    longest run of fixed text outside groups is the key, or, when that is shorter
    than ``GOOD_KEY``, the mandatory group whose shortest key is longest. None when
    some alternative has no fixed text of ``MIN_KEY`` characters: the pattern is
    then always tried.
    """
    branches = _split_top(pattern) if "|" in pattern else [pattern]
    if branches is None:
        return None
    if len(branches) > 1:
        keys: list[str] = []
        for branch in branches:
            found = literal_keys(branch)
            if found is None:
                return None
            keys.extend(found)
        return tuple(dict.fromkeys(keys))
    inner = _whole_group(pattern) if pattern.startswith("(") else None
    if inner is not None:
        return literal_keys(inner)
    level = _top_level(pattern)
    if level is None:
        return None
    runs, groups, _, _ = level
    options: list[tuple[str, ...]] = []
    key = max(runs, key=len, default="")
    if len(key) >= MIN_KEY:
        if len(key) >= GOOD_KEY:
            return (key,)  # selective enough: no need to look inside the groups
        options.append((key,))
    for group in groups:  # "(previous|next) (article|post)": one of each is required
        found = literal_keys(group)
        if found is not None:
            options.append(found)
    # The most selective option: the one whose shortest key is longest.
    return max(options, key=lambda keys: min(map(len, keys)), default=None)


def _whole_group(pattern: str) -> str | None:
    """The inside of ``(...)`` or ``(?:...)`` when that group is the whole pattern."""
    if not pattern.startswith("("):
        return None
    depth, i = 0, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            end = _class_end(pattern, i)
            if end < 0:
                return None
            i = end + 1
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                if i != len(pattern) - 1:
                    return None  # more follows the group (a quantifier, more text)
                inner = pattern[1:i]
                if inner.startswith("?:"):
                    return inner[2:]
                return None if inner.startswith("?") else inner
        i += 1
    return None


def confined_to_line(pattern: str) -> bool:
    """Whether no match of ``pattern`` can contain a line break, nor depend on what follows its line.

    Conservative: refuses ``\\s``, ``\\W``, ``\\D``, a ``\\n`` outside a lookbehind, a negated
    class without ``\\n``, lookaheads, ``$``, ``\\Z`` and inline flags. Searching such a pattern
    line by line (``pos``/``endpos`` at the line's ends) finds what a search of the whole text finds
    on that line: lookbehinds and ``\\b`` still see the text before ``pos``, and at ``endpos`` the
    text holds a line break, which ``\\b`` and the patterns' classes treat like the end.
    """
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            nxt = pattern[i + 1 : i + 2]
            if nxt in ("s", "W", "D", "Z"):
                return False
            if nxt == "n" and not pattern[max(0, i - 4) : i] == "(?<=":
                return False
            i += _escape_length(pattern, i)
            continue
        if char == "[":
            end = _class_end(pattern, i)
            if end < 0:
                return False
            body = pattern[i + 1 : end]
            if body.startswith("^") and "\\n" not in body:
                return False
            if "\\s" in body or "\\W" in body or "\\D" in body:
                return False
            i = end + 1
            continue
        if char == "$":
            return False
        if char == "(" and pattern[i + 1 : i + 2] == "?":
            if pattern[i + 2 : i + 3] in ("=", "!") or pattern[i + 2 : i + 3].isalpha():
                return False  # a lookahead, or inline flags such as (?s)
        i += 1
    return True
