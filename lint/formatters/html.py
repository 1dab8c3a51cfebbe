"""Self-contained HTML review report for newsroom editors (placeholder; issue 9)."""

from __future__ import annotations

import html

from lint.formatters.base import Formatter
from lint.model import Report


class HtmlFormatter(Formatter):
    name = "html"

    def render(self, report: Report) -> str:
        rows = "".join(f"<li>{html.escape(d.path)}:{d.line}: {html.escape(d.message)}</li>" for d in report.diagnostics)
        return f"<!doctype html><meta charset=utf-8><title>newslint report</title><ul>{rows}</ul>\n"
