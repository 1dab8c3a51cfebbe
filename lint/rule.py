"""The rule interface every built-in rule, rule pack and plugin implements."""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar, Iterable, Iterator, Mapping

from lint.model import CorpusFinding, Finding, Severity, Span

if TYPE_CHECKING:
    from lint.article import Article
    from lint.config import Config


class RuleOptions(Mapping[str, Any]):
    """A rule's options (defaults overlaid with configuration) plus the run's config.

    Rules read their own options by key and shared settings (allow-lists,
    knowledge-base files, the declared language) through ``options.config``.
    """

    __slots__ = ("_values", "config")

    def __init__(self, values: Mapping[str, Any], config: "Config | None" = None) -> None:
        self._values = dict(values)
        self.config = config

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"RuleOptions({self._values!r})"

    def cache_key(self) -> tuple:
        """A hashable view of the options, for rules that compile patterns from them."""
        return tuple(sorted((k, _freeze(v)) for k, v in self._values.items()))


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple, set, frozenset)):
        return tuple(_freeze(v) for v in value)
    return value


class Rule:
    """Base class for rules.

    Subclasses set the metadata class attributes and implement :meth:`check`.
    The class docstring is the rule's documentation and must have the
    sections *What it does*, *Why is this bad?* and *Example*.
    """

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    category: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str] = ""
    message: ClassVar[str] = ""  # template, for the docs; findings carry finished messages
    options: ClassVar[Mapping[str, Any]] = MappingProxyType({})
    fixable: ClassVar[bool] = False
    default_enabled: ClassVar[bool] = True
    corpus: ClassVar[bool] = False  # True when the rule also has a whole-corpus pass
    origin: ClassVar[str] = "newslint"  # the plugin or pack that provides it

    def check(self, article: "Article", options: RuleOptions) -> Iterable[Finding]:
        raise NotImplementedError

    def validate_options(self, values: Mapping[str, Any]) -> None:
        """Raise ValueError with a user-facing message when a configured option value is unusable.

        Called once when the run is configured, so a bad value is a config error
        naming the file and line instead of a crash on every article.
        """

    # Whole-corpus rules: summarise each article in the per-article pass, then
    # look across the summaries once every file has been read.
    def summarize(self, article: "Article", options: RuleOptions) -> Any:
        return None

    def check_corpus(self, summaries: list[tuple[str, Any]], options: RuleOptions) -> Iterable[CorpusFinding]:
        return ()

    # -- helpers ------------------------------------------------------------

    def finding(
        self,
        span: Span,
        message: str | None = None,
        *,
        severity: Severity | None = None,
        fix: str | None = None,
        related: Iterable = (),
        **fields: Any,
    ) -> Finding:
        """Build a finding; ``message`` defaults to the rule's template filled from ``fields``."""
        text = message if message is not None else self.message.format(**fields)
        return Finding(span, text, severity, fix, tuple(related))

    def doc(self) -> str:
        import inspect  # documentation is rendered rarely; keep it off the start-up path

        return inspect.cleandoc(self.__doc__ or "")

    def describe(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "category": self.category,
            "severity": str(self.severity),
            "summary": self.summary,
            "fixable": self.fixable,
            "default_enabled": self.default_enabled,
            "options": dict(self.options),
            "origin": self.origin,
        }

    def __repr__(self) -> str:
        return f"<Rule {self.code} {self.name}>"
