"""Load the trailer family's data files once per process and compile them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lint.model import Severity

DATA = Path(__file__).parent / "data"

ANY = "any"
END = "end"


@dataclass(frozen=True)
class LinePattern:
    """A pattern that must match a whole trimmed line."""

    source: str
    kind: str
    reason: str
    severity: Severity
    where: str

    def fullmatch(self, line: str) -> bool:
        # Compiled on first use: the combined ``any_line`` test rules out almost every line.
        return _compiled(self.source).fullmatch(line) is not None


@lru_cache(maxsize=None)
def _compiled(source: str) -> re.Pattern:
    return re.compile(source, re.I)


@dataclass(frozen=True)
class SentencePattern:
    """Patterns that may match inside a longer line, run only where an anchor occurs."""

    regex: re.Pattern
    anchors: tuple[str, ...]
    kind: str
    reason: str
    severity: Severity


@dataclass(frozen=True)
class Boilerplate:
    lines: tuple[LinePattern, ...]
    any_line: re.Pattern  # every line pattern in one alternation: a quick first test
    sentences: tuple[SentencePattern, ...]


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


@lru_cache(maxsize=1)
def boilerplate() -> Boilerplate:
    import yaml  # only when a trailer rule runs

    # The C build of the safe loader when present: same safety, ten times faster.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load((DATA / "boilerplate.yaml").read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
    lines: list[LinePattern] = []
    sentences: list[SentencePattern] = []
    for group in data["groups"]:
        kind = group["kind"]
        reason = group["reason"]
        severity = Severity.parse(group.get("severity", "warning"))
        where = group.get("where", ANY)
        for entry in group.get("lines", ()):
            spec = entry if isinstance(entry, dict) else {"pattern": entry}
            lines.append(
                LinePattern(
                    spec["pattern"],
                    kind,
                    reason,
                    Severity.parse(spec.get("severity", severity)),
                    spec.get("where", where),
                )
            )
        if group.get("sentences"):
            alternation = "|".join(f"(?:{curly_tolerant(p)})" for p in group["sentences"])
            anchors = tuple(a.lower() for a in group["anchors"])
            sentences.append(SentencePattern(re.compile(alternation, re.I), anchors, kind, reason, severity))
    any_line = re.compile("|".join(f"(?:{p.source})" for p in lines), re.I)
    return Boilerplate(tuple(lines), any_line, tuple(sentences))


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    words: set[str] = set()
    for line in (DATA / "stopwords.txt").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(line.split())
    return frozenset(words)
