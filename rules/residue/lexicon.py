"""Load the residue family's data files once per process; compile each pattern on its first use.

A one-file pre-commit run pays for everything done here, so the data are plain
text (no YAML parser to import, see the comments at the top of each file in
``data/``) and no regular expression is compiled until a rule needs it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from lint.resources import read_word_list

from rules.residue.keyed import Keyed, compile_keyed

DATA = Path(__file__).parent / "data"
_APOSTROPHES = "'\u2019\u02bc"


def _section_name(line: str) -> str | None:
    """``name`` for a line ``[name]`` (lower-case letters, digits and hyphens), else None."""
    if len(line) > 2 and line[0] == "[" and line[-1] == "]":
        name = line[1:-1]
        if name.isascii() and name[0].isalnum() and all(c.islower() or c.isdigit() or c == "-" for c in name):
            return name
    return None


def read_sections(name: str) -> dict[str, list[str]]:
    """A data file as {section: entries}: `[name]` opens a section, every other line is an entry."""
    data: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in read_word_list(DATA / name):
        header = _section_name(line)
        if header is not None:
            current = data.setdefault(header, [])
        elif current is None:
            raise ValueError(f"{name}: entry {line!r} before the first [section]")
        else:
            current.append(line)
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


def curly_tolerant(pattern: str) -> str:
    """Let every ' in ``pattern`` match curly apostrophes too (inside and outside [...])."""
    out: list[str] = []
    in_class = escaped = False
    for char in pattern:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif char == "[" and not in_class:
            in_class = True
            out.append(char)
        elif char == "]" and in_class:
            in_class = False
            out.append(char)
        elif char == "'":
            out.append(_APOSTROPHES if in_class else f"[{_APOSTROPHES}]")
        else:
            out.append(char)
    return "".join(out)


def _alternation(patterns) -> str:
    return "|".join(f"(?:{curly_tolerant(p)})" for p in patterns)


class _Lazy:
    """Regular expressions held as source and compiled on first use (``self.NAME`` for a source ``_NAME``)."""

    __slots__ = ()
    _flags: dict[str, int] = {}

    def _compiled(self, name: str) -> re.Pattern:
        cache = self._cache  # type: ignore[attr-defined]
        regex = cache.get(name)
        if regex is None:
            regex = cache[name] = re.compile(getattr(self, "_" + name), self._flags.get(name, re.I))
        return regex


class Prompts(_Lazy):
    __slots__ = ("min_words", "long_words", "_strong", "_questions", "_engagement", "_cache")

    def __init__(self, min_words: int, long_words: int, strong: str, questions: str, engagement: str) -> None:
        self.min_words = min_words
        self.long_words = long_words
        self._strong = strong
        self._questions = questions
        self._engagement = engagement
        self._cache: dict[str, re.Pattern] = {}

    @property
    def strong(self) -> re.Pattern:
        return self._compiled("strong")

    @property
    def questions(self) -> re.Pattern:
        return self._compiled("questions")

    @property
    def engagement(self) -> re.Pattern:
        return self._compiled("engagement")

    def is_prompt(self, text: str) -> bool:
        return bool(self.strong.search(text) or self.questions.search(text))


@lru_cache(maxsize=1)
def prompts() -> Prompts:
    data = read_sections("prompts.txt")
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
    data = read_sections("chatbot.txt")
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
    data = read_sections("stock_phrases.txt")
    strong = _keyed(data[TIER1], TIER1) + _keyed(data[SPINNER], SPINNER)
    version = _settings(data.get("settings", [])).get("version", "")
    return StockPhrases(strong, _keyed(data[TIER2], TIER2), version)


class Captions(_Lazy):
    __slots__ = ("_positional", "_credits", "present_verbs", "_cache")
    _flags = {"positional": 0, "credits": re.M}

    def __init__(self, positional: str, credits: str, present_verbs: frozenset[str]) -> None:
        self._positional = positional
        self._credits = credits
        self.present_verbs = present_verbs
        self._cache: dict[str, re.Pattern] = {}

    @property
    def positional(self) -> re.Pattern:
        return self._compiled("positional")

    @property
    def credits(self) -> re.Pattern:
        return self._compiled("credits")


@lru_cache(maxsize=1)
def captions() -> Captions:
    data = read_sections("captions.txt")
    [positions] = data["positional"]
    # "Kellogg, left, and", "Zelenskyy (left) greets": a name, then a position between commas or brackets.
    positional = (
        r"\b[A-Z][\w'\u2019.-]*(?:\s*,\s*|\s+\()" + positions + r"(?:\s*,|\s*\)|\s+(?:and|to)\b)"
        r"|\b(?:from\s+)?left\s+to\s+right\s*[:,]|\bclockwise\s+from\s+(?:top\s+)?(?:left|right)\b"
    )
    credits = "|".join(f"(?:{p})" for p in data["credits"])
    verbs = frozenset(word for line in data["present-verbs"] for word in line.split())
    return Captions(positional, credits, verbs)


class TemplateHeadings(_Lazy):
    __slots__ = ("_pattern", "_cache")

    def __init__(self, pattern: str) -> None:
        self._pattern = pattern
        self._cache: dict[str, re.Pattern] = {}

    @property
    def pattern(self) -> re.Pattern:
        return self._compiled("pattern")


@lru_cache(maxsize=1)
def template_headings() -> TemplateHeadings:
    data = read_sections("template_headings.txt")
    exact = "|".join(curly_tolerant(p) for p in data["exact"])
    prefix = "|".join(curly_tolerant(p) for p in data["prefix"])
    return TemplateHeadings(rf"(?:{exact})|(?:{prefix})\s*:\s*\S.*")
