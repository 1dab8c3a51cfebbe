"""newslint: a misinformation and quality linter for news articles.

The engine lives in this package (importable as ``lint``); the built-in rules
in ``rules``. Plugin authors need :class:`Rule`, :class:`Finding`,
:class:`Span`, :class:`Severity` and :data:`hookimpl`.
"""

__version__ = "0.1.0"

from lint.hooks import hookimpl  # noqa: E402
from lint.model import Finding, Related, Severity, Span  # noqa: E402
from lint.rule import Rule, RuleOptions  # noqa: E402

__all__ = ["__version__", "hookimpl", "Finding", "Related", "Severity", "Span", "Rule", "RuleOptions"]
