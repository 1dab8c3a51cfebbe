"""Load the trailer family's data files once per process; compile each pattern on its first use.

A one-file pre-commit run pays for everything done here, so the data are plain
text (no YAML parser to import) and no regular expression is compiled up
front: a whole-line pattern is compiled only when its literal key (text every
match contains, derived from the pattern) occurs in a candidate line, and a
group of sentence patterns only when one of its anchors occurs in the article.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from lint.model import Severity
from lint.resources import read_word_list

DATA = Path(__file__).parent / "data"

ANY = "any"
END = "end"

# Characters that re.IGNORECASE matches to an ASCII letter although they are not ASCII
# (dotted and dotless i, long s, the Kelvin sign). Mapped before lower-casing a line, so
# that a key test on the lower-cased line never rules out a line the pattern would match.
_ASCII_FOLDS = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"), ("\u212a", "k"))


def key_text(line: str) -> str:
    """``line`` as the literal keys are looked for in it: lower case, with the folds above.

    Offsets are kept: U+0130, the one character whose lower case is two characters long,
    is folded first. (``str.replace`` after an ``in`` test: ``str.translate`` with a
    dict is slow on non-ASCII text.)
    """
    if not line.isascii():
        for char, ascii_char in _ASCII_FOLDS:
            if char in line:
                line = line.replace(char, ascii_char)
    return line.lower()


class LinePattern:
    """A pattern that must match a whole trimmed line (case-insensitively)."""

    __slots__ = ("source", "kind", "reason", "severity", "where", "keys", "_regex")

    def __init__(self, source: str, kind: str, reason: str, severity: Severity, where: str) -> None:
        self.source = source
        self.kind = kind
        self.reason = reason
        self.severity = severity
        self.where = where
        self.keys = literal_keys(source)  # None: no key, always tried
        self._regex: re.Pattern | None = None

    def __repr__(self) -> str:
        return f"LinePattern({self.source!r}, kind={self.kind!r}, where={self.where!r})"

    def may_match(self, keyed: str) -> bool:
        """False when ``keyed`` (see ``key_text``) lacks every key: the pattern cannot match it."""
        keys = self.keys
        return keys is None or any(key in keyed for key in keys)

    def fullmatch(self, line: str) -> bool:
        regex = self._regex
        if regex is None:
            regex = self._regex = re.compile(self.source, re.I)
        return regex.fullmatch(line) is not None


class SentencePattern:
    """Patterns that may match inside a longer line, run only where an anchor occurs.

    ``line_keys``: literals one of which every match contains (derived from the
    patterns, see ``literal_keys``), or None. When the patterns also cannot match
    across a line break (``confined_to_line``), they are only run on the lines that
    hold a key instead of the whole article.
    """

    __slots__ = ("source", "anchors", "kind", "reason", "severity", "_line_keys", "_regex")

    def __init__(self, source: str, anchors: tuple[str, ...], kind: str, reason: str, severity: Severity) -> None:
        self.source = source  # one alternation of the group's sentence patterns
        self.anchors = anchors
        self.kind = kind
        self.reason = reason
        self.severity = severity
        self._line_keys: tuple[str, ...] | None | bool = False  # False: not derived yet
        self._regex: re.Pattern | None = None

    @property
    def line_keys(self) -> tuple[str, ...] | None:
        if self._line_keys is False:  # derived on first need: most articles hold no anchor
            self._line_keys = literal_keys(self.source) if confined_to_line(self.source) else None
        return self._line_keys  # type: ignore[return-value]

    def __repr__(self) -> str:
        return f"SentencePattern(kind={self.kind!r}, anchors={self.anchors!r})"

    @property
    def regex(self) -> re.Pattern:
        if self._regex is None:
            self._regex = re.compile(self.source, re.I)
        return self._regex


# Lines checked before the whole-line patterns are compiled into one alternation: a one-file
# run never pays for compiling it (about 6 ms); a corpus run recovers that within a few hundred
# lines, and then a line that matches no pattern (nearly all of them) costs one regex call.
COMBINE_AFTER = 500


class Boilerplate:
    __slots__ = ("lines", "sentences", "_keyless", "_by_key", "_checked", "_any_line")

    def __init__(self, lines: tuple[LinePattern, ...], sentences: tuple[SentencePattern, ...]) -> None:
        self.lines = lines
        self.sentences = sentences
        by_key: dict[str, list[int]] = {}
        for index, pattern in enumerate(lines):
            for key in pattern.keys or ():
                by_key.setdefault(key, []).append(index)
        self._keyless = frozenset(i for i, pattern in enumerate(lines) if pattern.keys is None)
        self._by_key = tuple((key, tuple(indexes)) for key, indexes in by_key.items())
        self._checked = 0
        self._any_line: re.Pattern | None = None

    def candidates(self, line: str) -> list[LinePattern]:
        """The line patterns, in data order, that may match ``line`` (straightened) in full.

        At first only the patterns whose literal key occurs in the line (each compiled on
        first use); after ``COMBINE_AFTER`` lines, every pattern when their alternation
        matches the line, none otherwise.
        """
        any_line = self._any_line
        if any_line is not None:
            return list(self.lines) if any_line.fullmatch(line) else []
        self._checked += 1
        if self._checked >= COMBINE_AFTER:
            self._any_line = re.compile("|".join(f"(?:{p.source})" for p in self.lines), re.I)
        keyed = key_text(line)
        found = set(self._keyless)
        for key, indexes in self._by_key:
            if key in keyed:
                found.update(indexes)
        lines = self.lines
        return [lines[i] for i in sorted(found)]


_APOSTROPHES = "'\u2019\u02bc"


def curly_tolerant(pattern: str) -> str:
    """Let every ' in ``pattern`` match curly apostrophes too (inside and outside [...])."""
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


# -- literal keys of whole-line patterns ---------------------------------------------

_LITERAL = frozenset("abcdefghijklmnopqrstuvwxyz0123456789 ,;:!-")
_CLASS_ESCAPES = frozenset("bBdDsSwWAZ")
MIN_KEY = 1
GOOD_KEY = 4


def literal_keys(pattern: str) -> tuple[str, ...] | None:
    """Lower-case literals such that every match of ``pattern`` contains at least one of them.

    A top-level ``a|b`` needs a key from each side; a pattern that is one group of
    alternatives ("(tweet|email|print)") is read as its alternatives. Otherwise the
    longest run of fixed text outside groups is the key (a character followed by
    ``?``, ``*`` or ``{`` is optional and ends the run). None when some alternative
    has no fixed text of ``MIN_KEY`` characters: the pattern is then always tried.
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
    options: list[tuple[str, ...]] = []
    key = _longest_run(pattern)
    if key is not None:
        if len(key) >= GOOD_KEY:
            return (key,)  # selective enough: no need to look inside the groups
        options.append((key,))
    for group in _mandatory_groups(pattern):  # "(previous|next) (article|post)": one of each is required
        found = literal_keys(group)
        if found is not None:
            options.append(found)
    # The most selective option: the one whose shortest key is longest.
    return max(options, key=lambda keys: min(map(len, keys)), default=None)


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


def _class_end(pattern: str, start: int) -> int:
    """Index of the ``]`` closing the character class that opens at ``start``."""
    i = start + 1
    if i < len(pattern) and pattern[i] == "^":
        i += 1
    if i < len(pattern) and pattern[i] == "]":
        i += 1  # a leading ] is a literal
    while i < len(pattern):
        if pattern[i] == "\\":
            i += 2
            continue
        if pattern[i] == "]":
            return i
        i += 1
    return -1


def _mandatory_groups(pattern: str) -> list[str]:
    """The insides of the top-level groups that every match goes through (no quantifier, no lookaround)."""
    groups, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            end = _class_end(pattern, i)
            if end < 0:
                return []
            i = end + 1
            continue
        if char == "(":
            if depth == 0:
                start = i + 1
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0 and pattern[i + 1 : i + 2] not in ("?", "*", "{", "+"):
                inner = pattern[start:i]
                if inner.startswith("?:"):
                    groups.append(inner[2:])
                elif not inner.startswith("?"):
                    groups.append(inner)
        i += 1
    return groups


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


def _escape_length(pattern: str, start: int) -> int:
    """Characters taken by the escape at ``start`` (a backslash)."""
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


def _longest_run(pattern: str) -> str | None:
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
            if depth == 0 and nxt and nxt not in _CLASS_ESCAPES and not nxt.isalnum() and nxt.isascii():
                current.append(nxt)
                i += 2
            else:  # \d, \b, \x23, \u2019, \N{...}, \1: not fixed text; skip the whole escape
                cut()
                i += _escape_length(pattern, i)
            continue
        if char == "[":
            cut()
            end = _class_end(pattern, i)
            if end < 0:
                return None
            i = end + 1
            continue
        if char == "(":
            cut()
            depth += 1
        elif char == ")":
            cut()
            depth -= 1
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
            if char in "?*+":
                if current and char != "+":
                    current.pop()
                cut()
            elif char.lower() in _LITERAL:
                current.append(char.lower())
            else:
                cut()
        i += 1
    cut()
    best = max((run.strip() for run in runs), key=len, default="")
    return best if len(best) >= MIN_KEY else None


# -- the data file -------------------------------------------------------------------


def _unquote(value: str) -> str:
    return value[1:-1] if len(value) >= 2 and value[0] == value[-1] == '"' else value


@lru_cache(maxsize=1)
def boilerplate() -> Boilerplate:
    """The patterns of ``data/boilerplate.txt`` (see the comments at its top), uncompiled."""
    lines: list[LinePattern] = []
    sentences: list[SentencePattern] = []
    groups: list[dict] = []
    for entry in read_word_list(DATA / "boilerplate.txt"):
        if entry.startswith("[") and entry.endswith("]"):
            groups.append({"kind": entry[1:-1].strip(), "line": [], "anchor": [], "sentence": []})
            continue
        field, _, value = entry.partition(":")
        field, value = field.strip(), value.strip()
        if not groups or field not in ("reason", "severity", "where", "line", "anchor", "sentence"):
            raise ValueError(f"boilerplate.txt: unexpected line {entry!r}")
        group = groups[-1]
        if field in ("line", "anchor", "sentence"):
            group[field].append(_unquote(value) if field == "anchor" else value)
        else:
            group[field] = value
    for group in groups:
        kind, reason = group["kind"], group["reason"]
        severity = Severity.parse(group.get("severity", "warning"))
        where = group.get("where", ANY)
        for spec in group["line"]:
            overrides: dict[str, str] = {}
            while spec.startswith("@"):
                setting, _, spec = spec.partition(" ")
                name, _, value = setting[1:].partition("=")
                overrides[name] = value
                spec = spec.lstrip()
            line_severity = Severity.parse(overrides["severity"]) if "severity" in overrides else severity
            lines.append(LinePattern(spec, kind, reason, line_severity, overrides.get("where", where)))
        if group["sentence"]:
            alternation = "|".join(f"(?:{curly_tolerant(p)})" for p in group["sentence"])
            anchors = tuple(a.lower() for a in group["anchor"])
            sentences.append(SentencePattern(alternation, anchors, kind, reason, severity))
    return Boilerplate(tuple(lines), tuple(sentences))


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    words: set[str] = set()
    for line in (DATA / "stopwords.txt").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(line.split())
    return frozenset(words)


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
