"""Value types that flow through the engine: spans, findings, diagnostics, reports."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


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


@dataclass(frozen=True, order=True)
class Span:
    """Half-open range of code-point offsets into ``Article.text``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def shift(self, delta: int) -> "Span":
        return Span(self.start + delta, self.end + delta)


@dataclass(frozen=True)
class Related:
    """Another place in the same article that explains a finding."""

    span: Span
    message: str


@dataclass(frozen=True)
class Finding:
    """What a rule reports: a span and a finished message.

    ``severity`` overrides the rule's default for graded findings (e.g. an
    anonymous source that is vague is a warning, one with a vantage is info).
    ``fix`` is the replacement text for ``span`` when the correction is certain.
    """

    span: Span
    message: str
    severity: Severity | None = None
    fix: str | None = None
    related: tuple[Related, ...] = ()


@dataclass(frozen=True)
class Location:
    """A resolved position: 1-based lines and columns in code points, end exclusive."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class CorpusFinding:
    """A finding from a whole-corpus rule, already located (no article in memory)."""

    location: Location
    message: str
    severity: Severity | None = None
    related: tuple[tuple[Location, str], ...] = ()
    excerpt: str = ""


@dataclass
class Diagnostic:
    """What leaves the engine. Formatters only read these."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    name: str
    category: str
    severity: Severity
    message: str
    excerpt: str = ""
    fix: dict[str, Any] | None = None
    related: list[dict[str, Any]] = field(default_factory=list)
    # Offsets into the article text; not part of the JSON contract.
    start: int = 0
    end: int = 0

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


@dataclass
class FileResult:
    """Everything one file contributes to a report (picklable, for worker processes)."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    metrics: dict[str, Any] = field(default_factory=dict)
    suppressed: int = 0
    corpus_summaries: dict[str, Any] = field(default_factory=dict)
    linted: bool = True


@dataclass
class Report:
    diagnostics: list[Diagnostic]
    files: int
    files_linted: int
    suppressed: int = 0
    baselined: int = 0
    metrics: dict[str, dict[str, Any]] = field(default_factory=dict)

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

