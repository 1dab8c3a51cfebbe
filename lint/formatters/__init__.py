"""Built-in output formats, registered through the same hook third parties use.

Each format's module is imported only when that format is chosen: a one-file
pre-commit run renders `concise` and should not pay for SARIF or HTML.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable

from lint.hooks import hookimpl

_MODULES = {
    "concise": ("lint.formatters.text", "ConciseFormatter"),
    "full": ("lint.formatters.text", "FullFormatter"),
    "json": ("lint.formatters.machine", "JsonFormatter"),
    "jsonl": ("lint.formatters.machine", "JsonLinesFormatter"),
    "sarif": ("lint.formatters.sarif", "SarifFormatter"),
    "github": ("lint.formatters.text", "GithubFormatter"),
    "html": ("lint.formatters.html", "HtmlFormatter"),
}


def formatter_class(name: str) -> type:
    module, attribute = _MODULES[name]
    return getattr(importlib.import_module(module), attribute)


def _lazy(name: str) -> Callable[..., Any]:
    def make(*args: Any, **kwargs: Any) -> Any:
        return formatter_class(name)(*args, **kwargs)

    make.__name__ = f"{name}_formatter"
    return make


BUILTIN_FORMATTERS: dict[str, Callable[..., Any]] = {name: _lazy(name) for name in _MODULES}
"""``--format`` name -> a callable that builds the formatter (same arguments as the class)."""


@hookimpl
def newslint_register_formatters() -> dict[str, Callable[..., Any]]:
    return dict(BUILTIN_FORMATTERS)
