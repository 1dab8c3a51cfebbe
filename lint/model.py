"""Value types that flow through the engine: spans, findings, diagnostics, reports."""

from __future__ import annotations

import enum
from typing import Any

from lint.values import Frozen, Value

_set = object.__setattr__  # how a frozen value sets its own fields


class Severity(enum.IntEnum):
    """Ordered so that comparisons read naturally: ``sev >= Severity.WARNING``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: "str | Severity") -> "Severity":
        if isinstance(value, Severity):
            return value
        try:
            return cls[str(value).strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r}; use info, warning or error") from None

    def __str__(self) -> str:
        return self.name.lower()


CATEGORIES: dict[str, str] = {
    "sourcing": "SRC",
    "expert": "EXP",
    "trailer": "TRL",
    "typography": "TYP",
    "contradiction": "CON",
    "residue": "RES",
    "language": "LNG",
    "readability": "RDB",
    "internal": "NL",
}
"""Category name -> code prefix. Rule packs may add categories of their own."""


class Span(Frozen):
    """Half-open range of code-point offsets into ``Article.text``; ordered by (start, end)."""

    __slots__ = ("start", "end")
    start: int
    end: int

    def __init__(self, start: int, end: int) -> None:
        if start < 0 or end < start:
            raise ValueError(f"invalid span {start}..{end}")
        _set(self, "start", start)
        _set(self, "end", end)

    def __lt__(self, other: "Span") -> bool:
        if other.__class__ is not Span:
            return NotImplemented
        return (self.start, self.end) < (other.start, other.end)

    def __le__(self, other: "Span") -> bool:
        if other.__class__ is not Span:
            return NotImplemented
        return (self.start, self.end) <= (other.start, other.end)

    def __gt__(self, other: "Span") -> bool:
        if other.__class__ is not Span:
            return NotImplemented
        return (self.start, self.end) > (other.start, other.end)

    def __ge__(self, other: "Span") -> bool:
        if other.__class__ is not Span:
            return NotImplemented
        return (self.start, self.end) >= (other.start, other.end)

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def shift(self, delta: int) -> "Span":
        return Span(self.start + delta, self.end + delta)


class Related(Frozen):
    """Another place in the same article that explains a finding."""

    __slots__ = ("span", "message")
    span: Span
    message: str

    def __init__(self, span: Span, message: str) -> None:
        _set(self, "span", span)
        _set(self, "message", message)


class Finding(Frozen):
    """What a rule reports: a span and a finished message.

    ``severity`` overrides the rule's default for graded findings (e.g. an
    anonymous source that is vague is a warning, one with a vantage is info).
    ``fix`` is the replacement text for ``span`` when the correction is certain.
    """

    __slots__ = ("span", "message", "severity", "fix", "related")
    span: Span
    message: str
    severity: Severity | None
    fix: str | None
    related: tuple[Related, ...]

    def __init__(self, span: Span, message: str, severity: Severity | None = None, fix: str | None = None,
                 related: tuple[Related, ...] = ()) -> None:
        _set(self, "span", span)
        _set(self, "message", message)
        _set(self, "severity", severity)
        _set(self, "fix", fix)
        _set(self, "related", related)


class Location(Frozen):
    """A resolved position: 1-based lines and columns in code points, end exclusive."""

    __slots__ = ("path", "line", "column", "end_line", "end_column")
    path: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __init__(self, path: str, line: int, column: int, end_line: int, end_column: int) -> None:
        _set(self, "path", path)
        _set(self, "line", line)
        _set(self, "column", column)
        _set(self, "end_line", end_line)
        _set(self, "end_column", end_column)


class CorpusFinding(Frozen):
    """A finding from a whole-corpus rule, already located (no article in memory)."""

    __slots__ = ("location", "message", "severity", "related", "excerpt")
    location: Location
    message: str
    severity: Severity | None
    related: tuple[tuple[Location, str], ...]
    excerpt: str

    def __init__(self, location: Location, message: str, severity: Severity | None = None,
                 related: tuple[tuple[Location, str], ...] = (), excerpt: str = "") -> None:
        _set(self, "location", location)
        _set(self, "message", message)
        _set(self, "severity", severity)
        _set(self, "related", related)
        _set(self, "excerpt", excerpt)


class Diagnostic(Value):
    """What leaves the engine. Formatters only read these."""

    __slots__ = ("path", "line", "column", "end_line", "end_column", "rule", "name", "category", "severity",
                 "message", "excerpt", "fix", "related", "start", "end")

    def __init__(self, path: str, line: int, column: int, end_line: int, end_column: int, rule: str, name: str,
                 category: str, severity: Severity, message: str, excerpt: str = "",
                 fix: dict[str, Any] | None = None, related: list[dict[str, Any]] | None = None,
                 start: int = 0, end: int = 0) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        self.rule = rule
        self.name = name
        self.category = category
        self.severity = severity
        self.message = message
        self.excerpt = excerpt
        self.fix = fix
        self.related = [] if related is None else related
        # Offsets into the article text; not part of the JSON contract.
        self.start = start
        self.end = end

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule, self.end_line, self.end_column, self.message)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "name": self.name,
            "category": self.category,
            "severity": str(self.severity),
            "message": self.message,
            "excerpt": self.excerpt,
        }
        if self.fix is not None:
            out["fix"] = self.fix
        if self.related:
            out["related"] = self.related
        return out


class FileResult(Value):
    """Everything one file contributes to a report (picklable, for worker processes)."""

    __slots__ = ("path", "diagnostics", "metrics", "suppressed", "corpus_summaries", "linted")

    def __init__(self, path: str, diagnostics: list[Diagnostic] | None = None, metrics: dict[str, Any] | None = None,
                 suppressed: int = 0, corpus_summaries: dict[str, Any] | None = None, linted: bool = True) -> None:
        self.path = path
        self.diagnostics: list[Diagnostic] = [] if diagnostics is None else diagnostics
        self.metrics: dict[str, Any] = {} if metrics is None else metrics
        self.suppressed = suppressed
        self.corpus_summaries: dict[str, Any] = {} if corpus_summaries is None else corpus_summaries
        self.linted = linted


class Report(Value):
    __slots__ = ("diagnostics", "files", "files_linted", "suppressed", "baselined", "metrics")

    def __init__(self, diagnostics: list[Diagnostic], files: int, files_linted: int, suppressed: int = 0,
                 baselined: int = 0, metrics: dict[str, dict[str, Any]] | None = None) -> None:
        self.diagnostics = diagnostics
        self.files = files
        self.files_linted = files_linted
        self.suppressed = suppressed
        self.baselined = baselined
        self.metrics: dict[str, dict[str, Any]] = {} if metrics is None else metrics

    def count_by(self, attr: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        for diag in self.diagnostics:
            key = str(getattr(diag, attr))
            counts[key] = counts.get(key, 0) + 1
        return dict(sorted(counts.items()))

    @property
    def has_internal_errors(self) -> bool:
        return any(d.category == "internal" and d.severity is Severity.ERROR for d in self.diagnostics)

    def summary(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "files_linted": self.files_linted,
            "diagnostics": len(self.diagnostics),
            "by_severity": self.count_by("severity"),
            "by_category": self.count_by("category"),
            "by_rule": self.count_by("rule"),
            "suppressed": self.suppressed,
            "baselined": self.baselined,
            "metrics": {path: self.metrics[path] for path in sorted(self.metrics)},
        }

