"""Hook specifications: the contract between newslint and its plugins.

Built-in rules, loaders and formatters use these same hooks; third-party
packages register through the ``newslint`` entry-point group.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

PROJECT = "newslint"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)

if TYPE_CHECKING:
    from lint.article import Article
    from lint.config import Config
    from lint.rule import Rule


@hookspec
def newslint_register_rules() -> "list[Rule]":
    """Return the rules this plugin provides (instances of :class:`lint.rule.Rule`)."""


@hookspec
def newslint_register_formatters() -> "dict[str, Any]":
    """Return a mapping of ``--format`` name to a formatter class."""


@hookspec(firstresult=True)
def newslint_load_article(path: str, text: str, config: "Config") -> "Article | None":
    """Turn decoded text into an Article, or return None to let another loader try."""


@hookspec(historic=True)
def newslint_configure(config: "Config") -> None:
    """Called once with the run's configuration, e.g. to validate plugin options."""
