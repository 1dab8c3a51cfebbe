"""Load the residue family's data files once per process; compile each pattern on its first use.

A one-file pre-commit run pays for everything done here, so the data are plain
text (no YAML parser to import, see the comments at the top of each file in
``data/``) and no regular expression is compiled until a rule needs it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from rules import phrases
from rules.phrases import curly_tolerant
from rules.residue.keyed import Keyed, compile_keyed

DATA = Path(__file__).parent / "data"


def sections_by_name(name: str) -> dict[str, list[str]]:
    """A data file as {section: entries}; a section named twice has the entries of both."""
    data: dict[str, list[str]] = {}
    for header, entries in phrases.read_sections(DATA / name):
        data.setdefault(header, []).extend(entries)
    return data


def _settings(entries: list[str]) -> dict[str, str]:
    out = {}
    for entry in entries:
        name, _, value = entry.partition("=")
        out[name.strip()] = value.strip()
    return out


def _entry(line: str) -> tuple[str, str | None]:
    """(pattern, explicit key or None): a line may start with ``@key=CORE``."""
    if line.startswith("@key="):
        setting, _, pattern = line.partition(" ")
        return pattern.lstrip(), setting[len("@key="):]
    return line, None


def _alternation(patterns) -> str:
    return "|".join(f"(?:{curly_tolerant(p)})" for p in patterns)


class _Compiled:
    """A class attribute: ``obj.NAME`` is the source ``obj._NAME`` compiled on first access (kept in ``obj._cache``).

    A one-file run needs few of these patterns; compiling them all as the data load would cost milliseconds.
    """

    __slots__ = ("flags", "name", "source_name")

    def __init__(self, flags: int = re.I) -> None:
        self.flags = flags

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name
        self.source_name = "_" + name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        cache = obj._cache
        regex = cache.get(self.name)
        if regex is None:
            regex = cache[self.name] = re.compile(getattr(obj, self.source_name), self.flags)
        return regex


class Prompts:
    __slots__ = ("min_words", "long_words", "_strong", "_questions", "_engagement", "_cache")
    strong = _Compiled()
    questions = _Compiled()
    engagement = _Compiled()

    def __init__(self, min_words: int, long_words: int, strong: str, questions: str, engagement: str) -> None:
        self.min_words = min_words
        self.long_words = long_words
        self._strong = strong
        self._questions = questions
        self._engagement = engagement
        self._cache: dict[str, re.Pattern] = {}

    def is_prompt(self, text: str) -> bool:
        return bool(self.strong.search(text) or self.questions.search(text))


@lru_cache(maxsize=1)
def prompts() -> Prompts:
    data = sections_by_name("prompts.txt")
    settings = _settings(data["settings"])
    engagement = "(?:" + "|".join(curly_tolerant(p) for p in data["engagement-headings"]) + r")[\s:.!]*"
    return Prompts(
        int(settings["min-words"]),
        int(settings["long-words"]),
        _alternation(data["strong-questions"]),
        _alternation(data["questions"]),
        engagement,
    )


def _keyed(entries: list[str], label: str, flags: int = re.I) -> tuple[Keyed, ...]:
    specs = []
    for line in entries:
        pattern, key = _entry(line)
        specs.append((curly_tolerant(pattern), label, key))
    return compile_keyed(specs, flags)


class Chatbot:
    __slots__ = ("conversational", "markup")

    def __init__(self, conversational: tuple[Keyed, ...], markup: tuple[Keyed, ...]) -> None:
        self.conversational = conversational
        self.markup = markup


@lru_cache(maxsize=1)
def chatbot() -> Chatbot:
    data = sections_by_name("chatbot.txt")
    return Chatbot(
        _keyed(data["conversational"], "conversational", re.I | re.M),
        _keyed(data["markup"], "markup"),
    )


TIER1, SPINNER, TIER2 = "tier1", "spinner", "tier2"


class StockPhrases:
    __slots__ = ("strong", "weak", "version")

    def __init__(self, strong: tuple[Keyed, ...], weak: tuple[Keyed, ...], version: str) -> None:
        self.strong = strong  # tier1 and spinner, labelled with their list
        self.weak = weak  # tier2
        self.version = version


@lru_cache(maxsize=1)
def stock_phrases() -> StockPhrases:
    data = sections_by_name("stock_phrases.txt")
    strong = _keyed(data[TIER1], TIER1) + _keyed(data[SPINNER], SPINNER)
    version = _settings(data.get("settings", [])).get("version", "")
    return StockPhrases(strong, _keyed(data[TIER2], TIER2), version)


class Captions:
    __slots__ = ("_positional", "_credits", "present_verbs", "_cache")
    positional = _Compiled(0)
    credits = _Compiled(re.M)

    def __init__(self, positional: str, credits: str, present_verbs: frozenset[str]) -> None:
        self._positional = positional
        self._credits = credits
        self.present_verbs = present_verbs
        self._cache: dict[str, re.Pattern] = {}


@lru_cache(maxsize=1)
def captions() -> Captions:
    data = sections_by_name("captions.txt")
    [positions] = data["positional"]
    # "Kellogg, left, and", "Zelenskyy (left) greets": a name, then a position between commas or brackets.
    positional = (
        r"\b[A-Z][\w'\u2019.-]*(?:\s*,\s*|\s+\()" + positions + r"(?:\s*,|\s*\)|\s+(?:and|to)\b)"
        r"|\b(?:from\s+)?left\s+to\s+right\s*[:,]|\bclockwise\s+from\s+(?:top\s+)?(?:left|right)\b"
    )
    credits = "|".join(f"(?:{p})" for p in data["credits"])
    verbs = frozenset(word for line in data["present-verbs"] for word in line.split())
    return Captions(positional, credits, verbs)


class TemplateHeadings:
    __slots__ = ("_pattern", "_cache")
    pattern = _Compiled()

    def __init__(self, pattern: str) -> None:
        self._pattern = pattern
        self._cache: dict[str, re.Pattern] = {}


@lru_cache(maxsize=1)
def template_headings() -> TemplateHeadings:
    data = sections_by_name("template_headings.txt")
    exact = "|".join(curly_tolerant(p) for p in data["exact"])
    prefix = "|".join(curly_tolerant(p) for p in data["prefix"])
    return TemplateHeadings(rf"(?:{exact})|(?:{prefix})\s*:\s*\S.*")
