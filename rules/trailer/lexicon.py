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

from rules.phrases import confined_to_line, curly_tolerant, ignorecase_fold, literal_keys, read_sections

DATA = Path(__file__).parent / "data"

ANY = "any"
END = "end"


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
        """False when ``keyed`` (see ``ignorecase_fold``) lacks every key: the pattern cannot match it."""
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
        keyed = ignorecase_fold(line)
        found = set(self._keyless)
        for key, indexes in self._by_key:
            if key in keyed:
                found.update(indexes)
        lines = self.lines
        return [lines[i] for i in sorted(found)]


# -- the data file -------------------------------------------------------------------


def _unquote(value: str) -> str:
    return value[1:-1] if len(value) >= 2 and value[0] == value[-1] == '"' else value


@lru_cache(maxsize=1)
def boilerplate() -> Boilerplate:
    """The patterns of ``data/boilerplate.txt`` (see the comments at its top), uncompiled."""
    lines: list[LinePattern] = []
    sentences: list[SentencePattern] = []
    groups: list[dict] = []
    for kind, entries in read_sections(DATA / "boilerplate.txt"):
        group: dict = {"kind": kind, "line": [], "anchor": [], "sentence": []}
        groups.append(group)
        for entry in entries:
            field, _, value = entry.partition(":")
            field, value = field.strip(), value.strip()
            if field not in ("reason", "severity", "where", "line", "anchor", "sentence"):
                raise ValueError(f"boilerplate.txt: unexpected line {entry!r}")
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
