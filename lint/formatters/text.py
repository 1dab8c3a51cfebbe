"""Human-facing formats: concise, full (with source and carets) and GitHub annotations."""

from __future__ import annotations

from lint.formatters.base import Formatter, plural
from lint.model import Diagnostic, Report


_CONTROL = {i: repr(chr(i))[1:-1] for i in (*range(0x20), *range(0x7F, 0xA0))}


def display_path(path: str) -> str:
    """A path on one line: control characters (a newline in a file name) are escaped.

    Undecodable bytes (lone surrogates) are kept and written back as the raw bytes.
    """
    return path.translate(_CONTROL)


def concise_line(diag: Diagnostic) -> str:
    return f"{display_path(diag.path)}:{diag.line}:{diag.column}: {diag.rule} [{diag.severity}] {diag.message}"


def _summary_line(report: Report) -> str:
    if not report.diagnostics:
        return f"No problems found in {plural(report.files, 'file')}."
    parts = [f"{n} {sev}" for sev, n in sorted(report.count_by("severity").items())]
    extra = []
    if report.suppressed:
        extra.append(f"{report.suppressed} suppressed")
    if report.baselined:
        extra.append(f"{report.baselined} in baseline")
    tail = f" ({', '.join(extra)})" if extra else ""
    return f"Found {plural(len(report.diagnostics), 'problem')} in {plural(report.files, 'file')}: {', '.join(parts)}{tail}."


class ConciseFormatter(Formatter):
    name = "concise"

    def render(self, report: Report) -> str:
        lines = [concise_line(d) for d in report.diagnostics]
        lines.append(_summary_line(report))
        return "\n".join(lines) + "\n"


class FullFormatter(Formatter):
    name = "full"

    def render(self, report: Report) -> str:
        out: list[str] = []
        for diag in report.diagnostics:
            out.append(f"{display_path(diag.path)}:{diag.line}:{diag.column}: {diag.rule} [{diag.severity}] {diag.name}")
            source = self.read_line(diag.path, diag.line)
            gutter = f"{diag.line} | "
            if source is not None:
                out.append(gutter + source.expandtabs(1))
                width = (diag.end_column - diag.column) if diag.end_line == diag.line else len(source) - diag.column + 1
                out.append(" " * (len(gutter) - 2) + "| " + " " * (diag.column - 1) + "^" * max(1, width))
            out.append(f"  = {diag.message}")
            for rel in diag.related:
                where = f"{display_path(rel['path'])}:{rel['line']}:{rel['column']}"
                out.append(f"  - related {where}: {rel['message']}")
            if diag.fix is not None:
                out.append(f"  = fix: replace with {diag.fix['replacement']!r} (newslint --fix)")
            out.append("")
        out.append(_summary_line(report))
        return "\n".join(out) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


class GithubFormatter(Formatter):
    """GitHub Actions workflow commands: one annotation per diagnostic."""

    name = "github"

    def render(self, report: Report) -> str:
        lines = []
        for d in report.diagnostics:
            props = (
                f"file={_escape_property(d.path)},line={d.line},col={d.column},"
                f"endLine={d.end_line},endColumn={d.end_column},title={_escape_property(f'{d.rule} {d.name}')}"
            )
            lines.append(f"::{_GITHUB_LEVEL[str(d.severity)]} {props}::{_escape_data(f'{d.rule} {d.message}')}")
        return "\n".join(lines) + ("\n" if lines else "")
