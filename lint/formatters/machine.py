"""Machine-readable formats: one JSON document, or JSON Lines for streaming."""

from __future__ import annotations

import json

from lint import __version__
from lint.formatters.base import JSON_SCHEMA_VERSION, Formatter
from lint.model import Report


class JsonFormatter(Formatter):
    name = "json"
    surrogates = "backslashreplace"

    def render(self, report: Report) -> str:
        document = {
            "version": JSON_SCHEMA_VERSION,
            "tool": {"name": "newslint", "version": __version__},
            "diagnostics": [d.to_dict() for d in report.diagnostics],
            "summary": report.summary(),
        }
        return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


class JsonLinesFormatter(Formatter):
    """One diagnostic per line, then a final summary object (``"type": "summary"``)."""

    name = "jsonl"
    surrogates = "backslashreplace"

    def render(self, report: Report) -> str:
        lines = [json.dumps({"type": "diagnostic", **d.to_dict()}, ensure_ascii=False) for d in report.diagnostics]
        lines.append(json.dumps({"type": "summary", "version": JSON_SCHEMA_VERSION, **report.summary()}, ensure_ascii=False))
        return "\n".join(lines) + "\n"
