"""Inline suppression directives.

    Some text. <!-- newslint: ignore SRC001 -- named in the print edition -->
    <!-- newslint: ignore TYP -->           (alone: applies to the next block)
    <!-- newslint: disable residue -->  ...  <!-- newslint: enable residue -->

A directive that suppresses nothing is reported (NL005, info), so stale
ones do not pile up.
"""

from __future__ import annotations

import re

from lint.model import Diagnostic, Span
from lint.text import LineIndex
from lint.values import Value

DIRECTIVE = re.compile(
    r"<!--\s*newslint\s*:\s*(?P<action>ignore|disable|enable)\b(?P<codes>(?:(?!-->|\s--\s)[^>])*)"
    r"(?:\s--\s(?P<reason>(?:(?!-->).)*))?-->",
    re.I | re.S,
)


class Directive(Value):
    """One suppression comment and the lines it covers."""

    __slots__ = ("action", "selectors", "span", "line", "first_line", "last_line", "used", "reason")

    def __init__(self, action: str, selectors: list[str], span: Span, line: int, first_line: int = 0,
                 last_line: int = 0, used: bool = False, reason: str = "") -> None:
        self.action = action
        self.selectors = selectors
        self.span = span
        self.line = line
        self.first_line = first_line
        self.last_line = last_line
        self.used = used
        self.reason = reason

    def covers(self, diag: Diagnostic) -> bool:
        if not (self.first_line <= diag.line <= self.last_line):
            return False
        return not self.selectors or any(_selector_hits(diag, s) for s in self.selectors)


def _selector_hits(diag: Diagnostic, selector: str) -> bool:
    s = selector.strip()
    return diag.rule.upper().startswith(s.upper()) or s.lower() in (diag.name, diag.category) or s.upper() == "ALL"


def parse_directives(text: str, lines: LineIndex, block_spans: list[Span]) -> list[Directive]:
    """Find directives and the line range each one covers."""
    if "newslint" not in text:
        return []
    directives: list[Directive] = []
    open_ranges: list[Directive] = []
    for match in DIRECTIVE.finditer(text):
        action = match.group("action").lower()
        selectors = [c for c in re.split(r"[\s,]+", match.group("codes") or "") if c]
        line, _ = lines.position(match.start())
        directive = Directive(action, selectors, Span(match.start(), match.end()), line, reason=(match.group("reason") or "").strip())
        line_span = lines.line_span(line)
        before = text[line_span.start : match.start()].strip()
        if action == "ignore":
            if before:
                directive.first_line = directive.last_line = line
            else:
                target = next((b for b in block_spans if b.start >= match.end()), None)
                if target is None:
                    directive.first_line = directive.last_line = line
                else:
                    directive.first_line = lines.position(target.start)[0]
                    directive.last_line = lines.position(target.end)[0]
            directives.append(directive)
        elif action == "disable":
            directive.first_line = line
            directive.last_line = lines.line_count
            directives.append(directive)
            open_ranges.append(directive)
        else:  # enable closes the most recent matching disable
            for opened in reversed(open_ranges):
                if opened.selectors == selectors or not selectors:
                    opened.last_line = line
                    open_ranges.remove(opened)
                    break
    return directives


def apply_directives(diagnostics: list[Diagnostic], directives: list[Directive]) -> tuple[list[Diagnostic], int]:
    """Drop suppressed diagnostics; return what is kept and how many were dropped."""
    if not directives:
        return diagnostics, 0
    kept: list[Diagnostic] = []
    dropped = 0
    for diag in diagnostics:
        if diag.category == "internal":
            kept.append(diag)
            continue
        hit = False
        for directive in directives:
            if directive.covers(diag):
                directive.used = True
                hit = True
        if hit:
            dropped += 1
        else:
            kept.append(diag)
    return kept, dropped

