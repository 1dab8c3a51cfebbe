"""Built-in output formats, registered through the same hook third parties use."""

from __future__ import annotations

from lint.formatters.base import Formatter
from lint.formatters.html import HtmlFormatter
from lint.formatters.machine import JsonFormatter, JsonLinesFormatter
from lint.formatters.sarif import SarifFormatter
from lint.formatters.text import ConciseFormatter, FullFormatter, GithubFormatter
from lint.hooks import hookimpl

BUILTIN_FORMATTERS: dict[str, type[Formatter]] = {
    "concise": ConciseFormatter,
    "full": FullFormatter,
    "json": JsonFormatter,
    "jsonl": JsonLinesFormatter,
    "sarif": SarifFormatter,
    "github": GithubFormatter,
    "html": HtmlFormatter,
}


@hookimpl
def newslint_register_formatters() -> dict[str, type[Formatter]]:
    return dict(BUILTIN_FORMATTERS)
