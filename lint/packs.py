"""Declarative YAML rule packs: a newsroom's house rules without Python.

A pack is a folder holding one rule per YAML file (the model is Vale's
styles). ``.newslint.yaml`` turns packs on with ``packs: [folder, ...]`` and
the engine calls :func:`load_packs`. docs/rule-packs.md is the user guide.

A pack is data, never code, and may be hostile or simply wrong:

- it is read with a safe loader that accepts only strings, numbers,
  booleans, lists and mappings: no object tags, no aliases (alias bombs);
- validation is strict: unknown, missing and mistyped keys, bad patterns and
  duplicate codes are :class:`ConfigError` s naming the file, the line and
  the key, with a did-you-mean where one is close;
- every search runs under a time limit (``PATTERN_TIMEOUT`` per call, from
  the ``regex`` module), so a pattern that backtracks catastrophically turns
  into one NL010 diagnostic naming the pack, rule and pattern instead of a
  hung commit, and the other rules still report.
"""

from __future__ import annotations

import bisect
import functools
import os
import string
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Iterator, NoReturn, Sequence

import regex
import yaml

from lint.config import ConfigError, suggest
from lint.engine import PatternTimeoutError
from lint.model import CATEGORIES, Finding, Related, Severity, Span
from lint.rule import Rule

PATTERN_TIMEOUT = 1.0
"""Seconds one search call of a pack pattern may take before it is stopped."""

MAX_RULE_FILE_BYTES = 1 << 20
RULE_SUFFIXES = (".yaml", ".yml")
KINDS = ("existence", "substitution", "occurrence")
BLOCK_SCOPES = ("headline", "heading", "paragraph", "list_item", "blockquote")
SCOPES = ("all", "body", *BLOCK_SCOPES)
_BODY = frozenset({"paragraph", "list_item", "blockquote"})

# key -> the kinds that accept it (None: every kind)
FIELDS: dict[str, tuple[str, ...] | None] = {
    "kind": None,
    "code": None,
    "name": None,
    "category": None,
    "severity": None,
    "message": None,
    "summary": None,
    "description": None,
    "link": None,
    "enabled": None,
    "tokens": ("existence", "occurrence"),
    "swap": ("substitution",),
    "fix": ("substitution",),
    "max": ("occurrence",),
    "ignorecase": None,
    "nonword": None,
    "literal": None,
    "scope": None,
    "skip-quotes": None,
    "exceptions": None,
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "existence": ("code", "message", "tokens"),
    "substitution": ("code", "message", "swap"),
    "occurrence": ("code", "message", "tokens", "max"),
}
# Message placeholders each kind fills; "%s" slots (Vale style) take them in this order.
PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "existence": ("match",),
    "substitution": ("match", "replacement"),
    "occurrence": ("match", "count", "max"),
}
# Keys from Vale (or plain slips) that difflib would not map to ours.
_HINTS = {
    "extends": "kind", "level": "severity", "docs": "link", "doc": "link", "url": "link",
    "token": "tokens", "words": "tokens", "swaps": "swap", "limit": "max", "action": "fix",
    "exception": "exceptions", "ignore-case": "ignorecase", "ignore_case": "ignorecase",
    "skip_quotes": "skip-quotes", "skipquotes": "skip-quotes", "raw": "nonword", "id": "code",
}

_CODE = regex.compile(r"[A-Z]{2,12}[0-9]{3}")
_NAME = regex.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_RESERVED_PREFIXES = tuple(sorted(set(CATEGORIES.values())))
_SAFE_TAGS = frozenset(
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)


# --------------------------------------------------------------------------
# Reading one rule file safely


class _YamlRefused(yaml.YAMLError):
    def __init__(self, problem: str, mark) -> None:
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = mark


class _PackLoader(yaml.SafeLoader):
    """SafeLoader that also refuses aliases: `*x` can expand a small file into a huge graph."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise _YamlRefused("aliases (*name) are not allowed in a rule pack; write the value out",
                               self.peek_event().start_mark)
        return super().compose_node(parent, index)


def _display(path: str) -> str:
    """A path as short as is still unambiguous: relative to the working directory when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if rel.startswith("..") else rel


def _short_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


class _RuleFile:
    """One parsed rule file: raw nodes and constructed values, and errors pointing at lines."""

    def __init__(self, path: str, pack: str) -> None:
        self.path = path
        self.pack = pack
        self.display = _display(path)
        self.keys: dict[str, yaml.Node] = {}  # key -> key node
        self.values: dict[str, yaml.Node] = {}  # key -> value node
        self.data: dict[str, Any] = {}
        self.kind = ""
        self.swap_nodes: list[yaml.Node] = []

    def fail(self, key: str | None, message: str, node: yaml.Node | None = None) -> NoReturn:
        if node is None:
            node = self.keys.get(key) if key else None
        line = node.start_mark.line + 1 if node is not None else 1
        raise ConfigError(f"{self.display}:{line}: {message}")

    def read(self) -> None:
        try:
            with open(self.path, "rb") as handle:
                raw = handle.read(MAX_RULE_FILE_BYTES + 1)
        except OSError as exc:
            raise ConfigError(f"{self.display}: cannot read rule file: {exc.strerror or exc}") from None
        if len(raw) > MAX_RULE_FILE_BYTES:
            raise ConfigError(f"{self.display}: rule file is larger than {MAX_RULE_FILE_BYTES // 1024} KB; "
                              f"split it into several rules")
        try:
            source = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ConfigError(f"{self.display}: rule file is not UTF-8 (byte {raw[exc.start]:#04x} at offset "
                              f"{exc.start}); re-save it as UTF-8") from None
        loader = _PackLoader(source)
        try:
            root = loader.get_single_node()
            if root is not None:
                self._refuse_unsafe(root)
            self._collect(loader, root)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"{self.display}:{mark.line + 1}" if mark is not None else self.display
            problem = getattr(exc, "problem", None) or str(exc)
            raise ConfigError(f"{where}: invalid YAML: {problem}") from None
        except RecursionError:
            raise ConfigError(f"{self.display}: invalid YAML: nested too deeply") from None
        finally:
            loader.dispose()

    def _refuse_unsafe(self, root: yaml.Node) -> None:
        stack = [root]
        while stack:
            node = stack.pop()
            if node.tag not in _SAFE_TAGS:
                self.fail(None, f"YAML tag '{_short_tag(node.tag)}' is not allowed: a rule pack is data, never code "
                                f"(use plain strings, numbers, booleans, lists and mappings)", node)
            if isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
            elif isinstance(node, yaml.MappingNode):
                seen: dict[str, yaml.Node] = {}
                for key_node, value_node in node.value:
                    if not isinstance(key_node, yaml.ScalarNode):
                        self.fail(None, "mapping keys must be plain text", key_node)
                    if key_node.value in seen:
                        self.fail(None, f"duplicate key '{key_node.value}' (first on line "
                                        f"{seen[key_node.value].start_mark.line + 1})", key_node)
                    seen[key_node.value] = key_node
                    stack.append(value_node)

    def _collect(self, loader: _PackLoader, root: yaml.Node | None) -> None:
        if root is None:
            raise ConfigError(f"{self.display}:1: rule file is empty; a rule needs at least kind, code and message")
        if not isinstance(root, yaml.MappingNode):
            self.fail(None, "a rule file must be a mapping of keys to values (kind: existence, code: ..., ...)", root)
        for key_node, value_node in root.value:
            key = key_node.value  # the raw text: 'yes:' stays the key 'yes', not True
            self.keys[key] = key_node
            self.values[key] = value_node
            self.data[key] = loader.construct_object(value_node, deep=True)

    # -- typed getters ------------------------------------------------------

    def has(self, key: str) -> bool:
        return key in self.data

    def text(self, key: str, default: str | None = None) -> str | None:
        if key not in self.data:
            return default
        value = self.data[key]
        if not isinstance(value, str) or not value.strip():
            self.fail(key, f"'{key}' must be non-empty text" + _quote_hint(value))
        return value.strip()

    def flag(self, key: str, default: bool) -> bool:
        if key not in self.data:
            return default
        value = self.data[key]
        if not isinstance(value, bool):
            self.fail(key, f"'{key}' must be true or false, not {value!r}")
        return value

    def scalar_list(self, key: str) -> list[tuple[str, yaml.Node]]:
        """A list of raw strings (taken from the YAML text, so `- 100` or `- yes` stay text)."""
        node = self.values[key]
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            self.fail(key, f"'{key}' must be a non-empty list of words or patterns, e.g. {key}: [one, two]")
        out = []
        for number, item in enumerate(node.value, 1):
            if not isinstance(item, yaml.ScalarNode) or not item.value.strip():
                self.fail(key, f"'{key}' item {number} must be a non-empty word or pattern", item)
            out.append((item.value, item))
        return out


def _quote_hint(value: Any) -> str:
    if isinstance(value, (bool, int, float)) or value is None:
        return f", not {value!r} (put it in quotes)"
    return ""


# --------------------------------------------------------------------------
# Patterns


@functools.lru_cache(maxsize=None)
def _compile(source: str, flags: int) -> "regex.Pattern":
    """Compile once per process: every Linter (and LSP reload) reuses the same objects."""
    return regex.compile(source, flags)


def _token_source(token: str, literal: bool) -> str:
    if not literal:
        return token
    # Plain text: any run of white space matches any run (line wraps, double spaces).
    return r"\s+".join(regex.escape(part) for part in token.split())


@dataclass(frozen=True)
class _Alternative:
    source: str  # what the user wrote
    pattern: str  # the regex source for it
    group: int  # its capture group in the combined pattern


class _Matcher:
    """Finds the tokens of one rule in an article: scope, quotes, exceptions, time limit."""

    def __init__(self, rule: "PackRule", tokens: list[str], literal: bool, nonword: bool, ignorecase: bool,
                 exceptions: list[str], scope: tuple[str, ...], skip_quotes: bool) -> None:
        self.rule = rule
        self.flags = regex.V0 | regex.MULTILINE | (regex.IGNORECASE if ignorecase else 0)
        order = list(range(len(tokens)))
        if literal:  # the longest of overlapping phrases wins ("per cent" before "per")
            order.sort(key=lambda i: -len(tokens[i]))
        self.alternatives: list[_Alternative | None] = [None] * len(tokens)
        parts, group = [], 1
        for i in order:
            pattern = _token_source(tokens[i], literal)
            self.alternatives[i] = _Alternative(tokens[i], pattern, group)
            parts.append(f"({pattern})")
            group += 1 + _compile(pattern, self.flags).groups
        self.left, self.right = ("", "") if nonword else (_left_boundary(self.alternatives), r"(?!\w)")
        self.source = self.left + "(?:" + "|".join(parts) + ")" + self.right
        self.regex = _compile(self.source, self.flags)
        self.exceptions = None
        if exceptions:
            combined = "|".join(_token_source(e, literal) for e in exceptions)
            self.exceptions = _compile(f"(?:{combined})", self.flags)
        self.kinds = _scope_kinds(scope)
        self.skip_quotes = skip_quotes

    def find(self, article) -> Iterator[tuple[int, int, int]]:
        """(token index, start, end) of every match, in text order.

        Each block is searched on its own, so a match never runs from one
        paragraph into the next and ``^``/``$`` also hold at block edges
        (where Markdown markup was blanked to spaces).
        """
        masked = article.masked
        quotes = _quote_spans(article) if self.skip_quotes else None
        for block in article.blocks:
            if block.kind not in self.kinds:
                continue
            base = block.span.start
            text = masked[base:block.span.end]
            pos, end = 0, len(text)
            while pos < end:
                match = self._search(self.regex, text, pos, end, article, base)
                if match is None:
                    break
                s, e = match.span()
                pos = e if e > s else s + 1
                if e == s:
                    continue
                if quotes and _inside(quotes, base + s, base + e):
                    continue
                if self.exceptions is not None and self._search(self.exceptions, text, s, e, article, base, full=True):
                    continue
                yield self._which(match), base + s, base + e

    def _which(self, match) -> int:
        for index, alternative in enumerate(self.alternatives):
            if match.start(alternative.group) != -1:
                return index
        return 0  # unreachable: one alternative always took part in the match

    def _search(self, pattern, text: str, pos: int, end: int, article, base: int, full: bool = False):
        try:
            if full:
                return pattern.fullmatch(text, pos, end, timeout=PATTERN_TIMEOUT)
            return pattern.search(text, pos, end, timeout=PATTERN_TIMEOUT)
        except TimeoutError:
            raise self._timeout(pattern, text, pos, end, article, base) from None

    def _timeout(self, pattern, text: str, pos: int, end: int, article, base: int) -> PatternTimeoutError:
        """Name the slow pattern and the line it stalls on (error path only; bounded by PATTERN_TIMEOUT)."""
        budget = PATTERN_TIMEOUT / 4
        stall = _slow_line(pattern, text, pos, end, budget)
        culprit = "|".join(a.source for a in self.alternatives) if pattern is self.regex else "exceptions"
        if pattern is self.regex and len(self.alternatives) > 1:
            start, stop = stall or (pos, end)
            for alternative in self.alternatives:
                single = _compile(self.left + f"(?:{alternative.pattern})" + self.right, self.flags)
                if _times_out(single, text, start, stop, budget):
                    culprit = alternative.source
                    break
        line = article.lines.position(base + (stall[0] if stall else pos))[0]
        error = PatternTimeoutError(
            f"pattern {culprit!r} of rule {self.rule.code} ({self.rule.name}) in pack '{self.rule.origin}' "
            f"({os.path.basename(self.rule.file)}) timed out after {PATTERN_TIMEOUT:g}s "
            f"{'on' if stall else 'searching from'} line {line}: it backtracks catastrophically "
            f"(nested repetition such as (a+)+), so rewrite it; this rule's findings for the file are missing"
        )
        error.line = line  # for an engine that places NL010 on the line
        return error


_WORD_INITIAL = regex.compile(r"\w(?![?*{])")


def _left_boundary(alternatives: Sequence[_Alternative]) -> str:
    """``(?<!\\w)``: a match may not start inside a word.

    When every token surely starts with a word character (a letter that is
    not optional), ``\\b`` means the same and lets the regex engine skip
    ahead, which makes the search about a third faster.
    """
    if all(_WORD_INITIAL.match(a.pattern) and "|" not in a.pattern for a in alternatives):
        return r"\b"
    return r"(?<!\w)"


def _scope_kinds(scope: Sequence[str]) -> frozenset[str]:
    """The block kinds a scope covers ("all": every prose block; code is blanked anyway)."""
    if "all" in scope:
        return frozenset(BLOCK_SCOPES)
    kinds = set(scope) - {"body"}
    return frozenset(kinds | _BODY if "body" in scope else kinds)


def _times_out(pattern, text: str, start: int, end: int, budget: float) -> bool:
    try:
        pattern.search(text, start, end, timeout=budget)
    except TimeoutError:
        return True
    return False


def _slow_line(pattern, text: str, pos: int, end: int, budget: float) -> tuple[int, int] | None:
    """The first line of text[pos:end] on which ``pattern`` alone exceeds ``budget``."""
    start = pos
    while start < end:
        stop = text.find("\n", start, end)
        stop = end if stop == -1 else stop
        if stop > start and _times_out(pattern, text, start, stop, budget):
            return start, stop
        start = stop + 1
    return None


def _quote_spans(article) -> list[tuple[int, int]]:
    """Quotation spans merged into disjoint, sorted intervals (nested quotes fall inside outer ones)."""

    def merge(a) -> list[tuple[int, int]]:
        merged: list[tuple[int, int]] = []
        for start, end in sorted((q.span.start, q.span.end) for q in a.quotations):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return merged

    return article.memo("packs.quote-spans", merge)


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_right(spans, (start, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


def _clean(text: str) -> str:
    return " ".join(text.split())


def _match_case(found: str, replacement: str) -> str:
    """Carry the case of a case-insensitive match over: Percent -> Per cent, PERCENT -> PER CENT."""
    letters = [c for c in found if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if letters and letters[0].isupper() and replacement[:1].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement


# --------------------------------------------------------------------------
# Rules


class PackRule(Rule):
    """A rule written as a YAML file in a rule pack."""

    kind = ""

    def __init__(self, spec: _RuleFile) -> None:
        self.file = spec.path
        self.lines = {key: node.start_mark.line + 1 for key, node in spec.keys.items()}
        self.origin = spec.pack
        self.code = spec.data["code"]
        self.name = spec.data["name"]
        self.category = spec.data["category"]
        self.severity = spec.data["severity"]
        self.message = spec.data["message"]
        self.summary = spec.data["summary"]
        self.description = spec.data["description"]
        self.link = spec.data["link"]
        self.default_enabled = spec.data["enabled"]
        self.tokens: list[str] = spec.data["tokens"]
        self.ignorecase = spec.data["ignorecase"]
        self.scope: tuple[str, ...] = spec.data["scope"]
        self.skip_quotes = spec.data["skip-quotes"]
        self.options = MappingProxyType({})
        self.matcher = _Matcher(self, self.tokens, spec.data["literal"], spec.data["nonword"], self.ignorecase,
                                spec.data["exceptions"], self.scope, self.skip_quotes)

    def describe(self) -> dict[str, Any]:
        out = super().describe()
        out.update({"kind": self.kind, "file": self.file, "link": self.link})
        return out

    def doc(self) -> str:
        where = "everywhere" if "all" in self.scope else "in " + ", ".join(
            s.replace("_", " ") + "s" for s in self.scope)
        how = [f"What it does: {self._what()} ({'case-insensitive' if self.ignorecase else 'case-sensitive'}, "
               f"{where}{', outside quotations' if self.skip_quotes else ''})."]
        why = self.description or f"It departs from the house style of pack '{self.origin}'."
        how += ["", f"Why is this bad? {why}"]
        how += ["", f"Example: {self._example()}"]
        if self.link:
            how += ["", f"More: {self.link}"]
        how += ["", f"Defined in: {_display(self.file)} ({self.kind} rule)"]
        return "\n".join(how)

    def _what(self) -> str:
        raise NotImplementedError

    def _example(self) -> str:
        return f"'{self.tokens[0]}' is reported"


def _preview(items: Sequence[str], limit: int = 4) -> str:
    shown = ", ".join(f"'{item}'" for item in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


class ExistenceRule(PackRule):
    kind = "existence"

    def check(self, article, options) -> Iterator[Finding]:
        for _, start, end in self.matcher.find(article):
            yield Finding(Span(start, end), self.message.format(match=_clean(article.masked[start:end])))

    def _what(self) -> str:
        return f"flags {_preview(self.tokens, 10)}"


class SubstitutionRule(PackRule):
    kind = "substitution"

    def __init__(self, spec: _RuleFile) -> None:
        super().__init__(spec)
        self.swaps: list[list[str]] = spec.data["swap-values"]
        self.fixable = spec.data["fix"] and any(len(v) == 1 for v in self.swaps)

    def check(self, article, options) -> Iterator[Finding]:
        masked, text = article.masked, article.text
        for index, start, end in self.matcher.find(article):
            found = masked[start:end]
            choices = [_match_case(found, c) for c in self.swaps[index]] if self.ignorecase else self.swaps[index]
            if found in choices:
                continue  # already the house form
            # A fix only when it is certain: one replacement, and no hidden markup inside the match.
            fix = choices[0] if self.fixable and len(choices) == 1 and text[start:end] == found else None
            message = self.message.format(match=_clean(found), replacement=" or ".join(choices))
            yield Finding(Span(start, end), message, fix=fix)

    def _what(self) -> str:
        pairs = [f"'{key}' -> '{' or '.join(value)}'" for key, value in zip(self.tokens, self.swaps)]
        more = f" and {len(pairs) - 6} more" if len(pairs) > 6 else ""
        fix = "; --fix applies single replacements" if self.fixable else ""
        return f"suggests the house form: {', '.join(pairs[:6])}{more}{fix}"

    def _example(self) -> str:
        return f"'{self.tokens[0]}' is reported with '{self.swaps[0][0]}' as the house form"


class OccurrenceRule(PackRule):
    kind = "occurrence"

    def __init__(self, spec: _RuleFile) -> None:
        super().__init__(spec)
        self.options = MappingProxyType({"max": spec.data["max"]})

    def check(self, article, options) -> Iterator[Finding]:
        limit = options.get("max", self.options["max"])
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            raise ValueError(f"option 'max' of {self.code} must be a whole number of 0 or more, not {limit!r}")
        seen: dict[int, list[tuple[int, int]]] = {}
        for index, start, end in self.matcher.find(article):
            seen.setdefault(index, []).append((start, end))
        for index in sorted(seen):
            spans = seen[index]
            if len(spans) <= limit:
                continue
            start, end = spans[limit]  # the first use over the limit
            message = self.message.format(match=_clean(article.masked[start:end]), count=len(spans), max=limit)
            related = [Related(Span(*spans[0]), f"first of {len(spans)} uses")] if limit else []
            yield Finding(Span(start, end), message, related=related)

    def _what(self) -> str:
        return (f"flags an article that uses {_preview(self.tokens)} more than {self.options['max']} times "
                f"(each counted apart)")


_RULE_CLASSES = {"existence": ExistenceRule, "substitution": SubstitutionRule, "occurrence": OccurrenceRule}


# --------------------------------------------------------------------------
# Validation


def _validate(spec: _RuleFile) -> None:
    """Check every key of a parsed rule file and fill ``spec.data`` with typed values and defaults."""
    data = spec.data
    for key in data:
        if key not in FIELDS:
            hint = f" (did you mean '{_HINTS[key]}'?)" if key in _HINTS else suggest(key, FIELDS)
            spec.fail(key, f"unknown key '{key}'{hint}")
    if "kind" not in data:
        spec.fail(None, f"missing key 'kind' (one of {', '.join(KINDS)})")
    kind = data["kind"]
    if kind not in KINDS:
        spec.fail("kind", f"'kind' must be one of {', '.join(KINDS)}, not {kind!r}{suggest(kind, KINDS)}")
    spec.kind = kind
    for key in data:
        if FIELDS[key] is not None and kind not in FIELDS[key]:
            spec.fail(key, f"'{key}' is not a key of {kind} rules (it belongs to {' and '.join(FIELDS[key])} rules)")
    for key in REQUIRED[kind]:
        if key not in data:
            spec.fail(None, f"missing key '{key}' ({kind} rules need {', '.join(REQUIRED[kind])})")

    out: dict[str, Any] = {"kind": kind}
    code = spec.text("code")
    if not _CODE.fullmatch(code):
        spec.fail("code", f"'code' must be 2 to 12 capital letters and 3 digits, such as HOUSE001, not {code!r}")
    reserved = next((p for p in _RESERVED_PREFIXES if code.startswith(p)), None)
    if reserved:
        owner = next(c for c, p in CATEGORIES.items() if p == reserved)
        spec.fail("code", f"'code' {code} starts with {reserved}, which is reserved for newslint's {owner} rules; "
                          f"use a prefix of your own such as HOUSE")
    out["code"] = code

    name = spec.text("name") or _name_from_file(spec.path)
    if not _NAME.fullmatch(name):
        if "name" in data:
            spec.fail("name", f"'name' must be kebab-case (lower-case words joined by '-'), not {name!r}")
        spec.fail(None, f"missing key 'name': the file name does not give a valid rule name ({name!r})")
    out["name"] = name

    category = spec.text("category", "house")
    if category == "internal":
        spec.fail("category", "'category' internal is reserved for newslint's own notices")
    if not _NAME.fullmatch(category):
        spec.fail("category", f"'category' must be a lower-case word such as house, not {category!r}"
                              f"{suggest(category.lower(), CATEGORIES)}")
    out["category"] = category

    severity = spec.text("severity", "warning")
    try:
        out["severity"] = Severity.parse(severity)
    except ValueError:
        vale = " (Vale's 'suggestion' is 'info')" if severity.lower() == "suggestion" else ""
        spec.fail("severity", f"'severity' must be info, warning or error, not {severity!r}{vale}"
                              f"{suggest(severity, ('info', 'warning', 'error')) if not vale else ''}")

    out["message"] = _message_template(spec, kind)
    out["description"] = spec.text("description", "") or ""
    link = spec.text("link")
    if link is not None and not link.startswith(("https://", "http://")):
        spec.fail("link", f"'link' must be a web address starting with https://, not {link!r}")
    out["link"] = link
    out["enabled"] = spec.flag("enabled", True)
    out["ignorecase"] = spec.flag("ignorecase", False)
    out["nonword"] = spec.flag("nonword", False)
    out["literal"] = spec.flag("literal", False)
    out["skip-quotes"] = spec.flag("skip-quotes", False)
    out["fix"] = spec.flag("fix", True)
    out["scope"] = _scope(spec)

    flags = regex.V0 | regex.MULTILINE | (regex.IGNORECASE if out["ignorecase"] else 0)
    if kind == "substitution":
        pairs = _swap(spec)
        out["tokens"] = [key for key, _, _ in pairs]
        out["swap-values"] = [values for _, values, _ in pairs]
        token_nodes = spec.swap_nodes = [node for _, _, node in pairs]
        token_key = "swap"
    else:
        items = spec.scalar_list("tokens")
        out["tokens"] = [token for token, _ in items]
        token_nodes = [node for _, node in items]
        token_key = "tokens"
    for token, node in zip(out["tokens"], token_nodes):
        _check_pattern(spec, token_key, token, node, out["literal"], flags)
    out["exceptions"] = []
    if "exceptions" in data:
        for token, node in spec.scalar_list("exceptions"):
            _check_pattern(spec, "exceptions", token, node, out["literal"], flags)
            out["exceptions"].append(token)
    if kind == "occurrence":
        limit = data["max"]
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            spec.fail("max", f"'max' must be a whole number of 0 or more, not {limit!r}")
        out["max"] = limit
    out["summary"] = _summary(spec, kind, out)
    spec.data = out


def _name_from_file(path: str) -> str:
    stem = os.path.splitext(os.path.basename(path))[0]
    stem = regex.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", stem)  # BannedWords -> Banned-Words
    return regex.sub(r"[\s_.]+", "-", stem).strip("-").lower()


def _message_template(spec: _RuleFile, kind: str) -> str:
    template = spec.text("message")
    fields = PLACEHOLDERS[kind]
    slots = template.count("%s")
    if slots:
        if slots > len(fields):
            spec.fail("message", f"'message' has {slots} '%s' slots; {kind} rules fill at most {len(fields)} "
                                 f"({', '.join(fields)})")
        parts = template.split("%s")
        template = "".join(part + (f"{{{fields[i]}}}" if i < slots else "") for i, part in enumerate(parts))
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        spec.fail("message", f"'message' is not a valid template ({exc}); write a literal brace as '{{{{' or '}}}}'")
    for _, field, spec_text, _ in parsed:
        if field is None:
            continue
        if spec_text and "{" in spec_text:
            spec.fail("message", f"'message' has a placeholder inside {{{field}:...}}; use plain {{{field}}}")
        if field not in fields:  # plain names only: no attribute or index lookups from a pack
            spec.fail("message", f"'message' uses {{{field}}}, which {kind} rules do not fill"
                                 f"{suggest(field, fields)}; available: {', '.join('{' + f + '}' for f in fields)}")
    try:
        template.format(**{f: "x" if f != "count" and f != "max" else 1 for f in fields})
    except (ValueError, KeyError, IndexError, AttributeError) as exc:
        spec.fail("message", f"'message' is not a valid template: {exc}")
    return template


def _scope(spec: _RuleFile) -> tuple[str, ...]:
    if not spec.has("scope"):
        return ("all",)
    value = spec.data["scope"]
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or not all(isinstance(i, str) for i in items):
        spec.fail("scope", f"'scope' must be one of {', '.join(SCOPES)} or a list of them")
    for item in items:
        if item not in SCOPES:
            spec.fail("scope", f"'scope' has unknown part {item!r}{suggest(item, SCOPES)}; use {', '.join(SCOPES)}")
    return tuple(dict.fromkeys(items))


def _swap(spec: _RuleFile) -> list[tuple[str, list[str], yaml.Node]]:
    node = spec.values["swap"]
    if not isinstance(node, yaml.MappingNode) or not node.value:
        spec.fail("swap", "'swap' must map what to flag to the house form, e.g. swap: {percent: per cent}")
    pairs = []
    for key_node, value_node in node.value:
        key = key_node.value
        if not key.strip():
            spec.fail("swap", "'swap' has an empty key", key_node)
        if isinstance(value_node, yaml.ScalarNode):
            values = [value_node.value]
        elif isinstance(value_node, yaml.SequenceNode) and value_node.value and all(
                isinstance(v, yaml.ScalarNode) for v in value_node.value):
            values = [v.value for v in value_node.value]
        else:
            spec.fail("swap", f"'swap' value for {key!r} must be the house form, or a list of choices", value_node)
        if any(not v.strip() or "\n" in v for v in values):
            spec.fail("swap", f"'swap' value for {key!r} must be non-empty text on one line", value_node)
        pairs.append((key, values, key_node))
    return pairs


def _check_pattern(spec: _RuleFile, key: str, token: str, node: yaml.Node, literal: bool, flags: int) -> None:
    source = _token_source(token, literal)
    try:
        pattern = _compile(source, flags)
    except regex.error as exc:
        hint = "; to match it as plain text, add literal: true" if not literal else ""
        spec.fail(key, f"'{key}' pattern {token!r} is not a valid regular expression: {exc.msg}"
                       f"{f' at position {exc.pos}' if exc.pos is not None else ''}{hint}", node)
    except (OverflowError, RecursionError, MemoryError):
        spec.fail(key, f"'{key}' pattern {token!r} is too large or nested too deeply", node)
    try:
        empty = pattern.fullmatch("", timeout=PATTERN_TIMEOUT)
    except TimeoutError:
        empty = None
    if empty is not None:
        spec.fail(key, f"'{key}' pattern {token!r} matches empty text, so it would flag everywhere", node)


def _summary(spec: _RuleFile, kind: str, out: dict[str, Any]) -> str:
    given = spec.text("summary")
    if given:
        return " ".join(given.split())
    if kind == "existence":
        return f"House style: avoid {_preview(out['tokens'], 3)}."
    if kind == "substitution":
        first = out["swap-values"][0][0]
        more = f" (and {len(out['tokens']) - 1} more)" if len(out["tokens"]) > 1 else ""
        return f"House style: '{first}', not '{out['tokens'][0]}'{more}."
    return f"House style: at most {out['max']} of {_preview(out['tokens'], 3)} per article."


def _check_substitution_cycles(spec: _RuleFile, rule: SubstitutionRule) -> None:
    """A house form that the rule itself flags would never satisfy it (and --fix would go round in circles)."""
    for key, values, node in zip(rule.tokens, rule.swaps, spec.swap_nodes):
        for value in values:
            if rule.ignorecase and key.lower() == value.lower():
                spec.fail("swap", f"'swap' maps {key!r} to {value!r}, the same word once case is ignored; "
                                  f"set ignorecase: false to enforce the capitalisation", node)
            try:
                hits = list(rule.matcher.regex.finditer(value, timeout=PATTERN_TIMEOUT))
            except TimeoutError:
                hits = []
            for hit in hits:
                if hit.span() == (0, len(value)) and rule.tokens[rule.matcher._which(hit)] == key:
                    continue  # the key also matches its own house form: such matches are skipped
                other = rule.tokens[rule.matcher._which(hit)]
                spec.fail("swap", f"'swap' replaces {key!r} with {value!r}, but {other!r} flags "
                                  f"{hit.group()!r} in it again; the rule could never be satisfied", node)


# --------------------------------------------------------------------------
# Loading packs


def _rule_files(folder: str, where: str | None) -> list[str]:
    shown = _display(folder)
    prefix = f"{where}: " if where else ""
    if not os.path.exists(folder):
        parent = os.path.dirname(folder.rstrip(os.sep)) or "."
        try:
            siblings = [d for d in os.listdir(parent) if os.path.isdir(os.path.join(parent, d))]
        except OSError:
            siblings = []
        raise ConfigError(f"{prefix}rule pack '{shown}' (under 'packs' in the config) does not exist"
                          f"{suggest(os.path.basename(folder.rstrip(os.sep)), siblings)}")
    if not os.path.isdir(folder):
        raise ConfigError(f"{prefix}rule pack '{shown}' is a file; a pack is a folder of YAML rule files, "
                          f"one rule per file")
    try:
        names = sorted(os.listdir(folder))
    except OSError as exc:
        raise ConfigError(f"{prefix}rule pack '{shown}': cannot list the folder: {exc.strerror or exc}") from None
    files = [os.path.join(folder, n) for n in names
             if n.lower().endswith(RULE_SUFFIXES) and not n.startswith(".") and os.path.isfile(os.path.join(folder, n))]
    if not files:
        raise ConfigError(f"{prefix}rule pack '{shown}' holds no rule files (*.yaml or *.yml)")
    return files


def load_rule_file(path: str, pack: str) -> PackRule:
    """Read, validate and build one rule; raises ConfigError naming file, line and key."""
    spec = _RuleFile(path, pack)
    spec.read()
    _validate(spec)
    rule = _RULE_CLASSES[spec.kind](spec)
    if isinstance(rule, SubstitutionRule):
        _check_substitution_cycles(spec, rule)
    return rule


def load_packs(folders: Sequence[str], where: str | None = None) -> list[Rule]:
    """Every rule of every pack folder, in folder then file order.

    Codes and names must be unique across all the packs of a run; the engine
    checks them against the built-in and plugin rules. ``where`` (such as
    ``.newslint.yaml:3``) prefixes errors about the folders themselves.
    """
    rules: list[Rule] = []
    codes: dict[str, str] = {}
    names: dict[str, str] = {}
    for folder in dict.fromkeys(os.path.abspath(f) for f in folders):
        pack = os.path.basename(folder.rstrip(os.sep)) or folder
        for path in _rule_files(folder, where):
            rule = load_rule_file(path, pack)
            for table, key, label in ((codes, rule.code, "code"), (names, rule.name, "name")):
                if key in table:
                    line = rule.lines.get(label, 1)
                    raise ConfigError(f"{_display(path)}:{line}: {label} '{key}' is already used by "
                                      f"{_display(table[key])}; every rule needs its own {label}")
                table[key] = path
            rules.append(rule)
    return rules
