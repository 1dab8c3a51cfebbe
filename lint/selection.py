"""Which rules run, with which options and severities, on which files."""

from __future__ import annotations

import fnmatch
from pathlib import PurePath
from typing import Iterable, Sequence

from lint.config import Config, ConfigError, suggest
from lint.model import Severity
from lint.rule import Rule, RuleOptions
from lint.values import Value


def selector_matches(rule: Rule, selector: str) -> bool:
    """A selector is ALL, a code, a code prefix ("SRC", "SRC0"), a rule name or a category."""
    s = selector.strip()
    if not s:
        return False
    if s.upper() == "ALL":
        return True
    if rule.code.upper().startswith(s.upper()):
        return True
    return s.lower() in (rule.name, rule.category)


def _specificity(rule: Rule, selector: str) -> int:
    s = selector.strip()
    if s.upper() == rule.code.upper() or s.lower() == rule.name:
        return 3
    if s.upper() == "ALL":
        return 0
    if s.lower() == rule.category:
        return 1
    return 1 + len(s) / 10  # longer prefixes are more specific


class Selection(Value):
    """The resolved plan for a run: enabled rules, their options and severities."""

    __slots__ = ("rules", "options", "severities", "per_file_ignores")

    def __init__(self, rules: list[Rule], options: dict[str, RuleOptions], severities: dict[str, Severity],
                 per_file_ignores: list[tuple[str, list[str]]]) -> None:
        self.rules = rules
        self.options = options
        self.severities = severities
        self.per_file_ignores = per_file_ignores

    def rules_for(self, path: str) -> list[Rule]:
        if not self.per_file_ignores:
            return self.rules
        ignored: list[str] = []
        posix = PurePath(path).as_posix()
        for pattern, selectors in self.per_file_ignores:
            if _path_matches(posix, pattern):
                ignored.extend(selectors)
        if not ignored:
            return self.rules
        return [r for r in self.rules if not any(selector_matches(r, s) for s in ignored)]


def _path_matches(posix: str, pattern: str) -> bool:
    if fnmatch.fnmatch(posix, pattern):
        return True
    # A pattern without a folder matches the file name anywhere.
    return "/" not in pattern and fnmatch.fnmatch(posix.rsplit("/", 1)[-1], pattern)


def validate_selectors(selectors: Iterable[str], rules: Sequence[Rule], where: str, key: str) -> None:
    vocabulary = {"ALL"} | {r.code for r in rules} | {r.name for r in rules} | {r.category for r in rules}
    for selector in selectors:
        if selector.strip().upper() == "ALL":
            continue
        if not any(selector_matches(rule, selector) for rule in rules):
            raise ConfigError(f"{where}: '{key}' names unknown rule '{selector}'{suggest(selector, vocabulary)}")


def build_selection(
    rules: Sequence[Rule],
    config: Config,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    extend_select: Sequence[str] | None = None,
) -> Selection:
    """Resolve config plus command-line selectors; command-line ``select`` replaces the config's."""
    checkable = [r for r in rules if r.category != "internal"]
    chosen_select = list(select) if select else list(config.select)
    chosen_extend = list(config.extend_select) + list(extend_select or [])
    chosen_ignore = list(config.ignore) + list(ignore or [])
    for key, selectors, where in (
        ("select", chosen_select, config.where("select") if not select else "--select"),
        ("extend-select", chosen_extend, config.where("extend-select")),
        ("ignore", chosen_ignore, config.where("ignore")),
    ):
        validate_selectors(selectors, checkable, where, key)

    if chosen_select:
        enabled = [r for r in checkable if any(selector_matches(r, s) for s in chosen_select)]
    else:
        enabled = [r for r in checkable if r.default_enabled]
    extra = [r for r in checkable if r not in enabled and any(selector_matches(r, s) for s in chosen_extend)]
    enabled += extra
    enabled = [r for r in enabled if not any(selector_matches(r, s) for s in chosen_ignore)]
    enabled.sort(key=lambda r: r.code)

    per_file = []
    for pattern, selectors in sorted(config.per_file_ignores.items()):
        validate_selectors(selectors, checkable, config.where(f"per-file-ignores.{pattern}"), "per-file-ignores")
        per_file.append((pattern, selectors))

    severities = _resolve_severities(checkable, config)
    options = {rule.code: _resolve_options(rule, config) for rule in rules}
    _check_option_targets(checkable, config)
    return Selection(enabled, options, severities, per_file)


def _resolve_severities(rules: Sequence[Rule], config: Config) -> dict[str, Severity]:
    validate_selectors(config.severity, rules, config.where("severity"), "severity")
    out: dict[str, Severity] = {}
    for rule in rules:
        best: tuple[float, Severity] | None = None
        for selector, severity in config.severity.items():
            if selector_matches(rule, selector):
                rank = _specificity(rule, selector)
                if best is None or rank >= best[0]:
                    best = (rank, severity)
        if best is not None:
            out[rule.code] = best[1]
    return out


def _resolve_options(rule: Rule, config: Config) -> RuleOptions:
    values = dict(rule.options)
    # Category-wide settings first, then the rule's own (by name or code).
    for key in (rule.category, rule.name, rule.code):
        overrides = config.rules.get(key)
        if not overrides:
            continue
        for option, value in overrides.items():
            if option in rule.options:
                values[option] = value
            elif key != rule.category:
                where = config.where(f"rules.{key}")
                raise ConfigError(
                    f"{where}: rule {rule.code} ({rule.name}) has no option '{option}'"
                    f"{suggest(option, rule.options)}; its options are: {', '.join(sorted(rule.options)) or 'none'}"
                )
    try:
        rule.validate_options(values)
    except ValueError as exc:
        where = next((config.where(f"rules.{key}") for key in (rule.code, rule.name, rule.category)
                      if key in config.rules), config.where("rules"))
        raise ConfigError(f"{where}: rule {rule.code} ({rule.name}): {exc}") from None
    return RuleOptions(values, config)


def _check_option_targets(rules: Sequence[Rule], config: Config) -> None:
    categories = {r.category for r in rules}
    vocabulary = {r.code for r in rules} | {r.name for r in rules} | categories
    for key, overrides in config.rules.items():
        if key not in vocabulary:
            raise ConfigError(
                f"{config.where(f'rules.{key}')}: 'rules' names unknown rule or category '{key}'{suggest(key, vocabulary)}"
            )
        if key in categories:
            known = {opt for r in rules if r.category == key for opt in r.options}
            for option in overrides:
                if option not in known:
                    raise ConfigError(
                        f"{config.where(f'rules.{key}')}: no {key} rule has an option '{option}'{suggest(option, known)}"
                    )
