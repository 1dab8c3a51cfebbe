"""Load the residue family's data files once per process and compile them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rules.residue.keyed import Keyed, compile_keyed

DATA = Path(__file__).parent / "data"
_APOSTROPHES = "'\u2019\u02bc"


def _yaml(name: str):
    import yaml  # only when a residue rule runs

    # The C build of the safe loader when present: same safety, ten times faster.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load((DATA / name).read_text(encoding="utf-8"), Loader=loader)  # noqa: S506


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


def _alternation(patterns, flags=re.I) -> re.Pattern:
    return re.compile("|".join(f"(?:{curly_tolerant(p)})" for p in patterns), flags)


@dataclass(frozen=True)
class Prompts:
    min_words: int
    long_words: int
    strong: re.Pattern
    questions: re.Pattern
    engagement: re.Pattern

    def is_prompt(self, text: str) -> bool:
        return bool(self.strong.search(text) or self.questions.search(text))


@lru_cache(maxsize=1)
def prompts() -> Prompts:
    data = _yaml("prompts.yaml")
    engagement = re.compile(
        "(?:" + "|".join(curly_tolerant(p) for p in data["engagement-headings"]) + r")[\s:.!]*", re.I
    )
    return Prompts(
        int(data["min-words"]),
        int(data["long-words"]),
        _alternation(data["strong-questions"]),
        _alternation(data["questions"]),
        engagement,
    )


def _keyed(entries, label: str, flags: int = re.I) -> tuple[Keyed, ...]:
    specs = []
    for entry in entries:
        spec = entry if isinstance(entry, dict) else {"pattern": entry}
        specs.append((curly_tolerant(spec["pattern"]), label, spec.get("key")))
    return compile_keyed(specs, flags)


@dataclass(frozen=True)
class Chatbot:
    conversational: tuple[Keyed, ...]
    markup: tuple[Keyed, ...]


@lru_cache(maxsize=1)
def chatbot() -> Chatbot:
    data = _yaml("chatbot.yaml")
    return Chatbot(
        _keyed(data["conversational"], "conversational", re.I | re.M),
        _keyed(data["markup"], "markup"),
    )


TIER1, SPINNER, TIER2 = "tier1", "spinner", "tier2"


@dataclass(frozen=True)
class StockPhrases:
    strong: tuple[Keyed, ...]  # tier1 and spinner, labelled with their list
    weak: tuple[Keyed, ...]  # tier2
    version: str


@lru_cache(maxsize=1)
def stock_phrases() -> StockPhrases:
    data = _yaml("stock_phrases.yaml")
    strong = _keyed(data[TIER1], TIER1) + _keyed(data[SPINNER], SPINNER)
    return StockPhrases(strong, _keyed(data[TIER2], TIER2), str(data.get("version", "")))


@dataclass(frozen=True)
class Captions:
    positional: re.Pattern
    credits: re.Pattern
    present_verbs: frozenset[str]


@lru_cache(maxsize=1)
def captions() -> Captions:
    data = _yaml("captions.yaml")
    # "Kellogg, left, and", "Zelenskyy (left) greets": a name, then a position between commas or brackets.
    positional = re.compile(
        r"\b[A-Z][\w'\u2019.-]*(?:\s*,\s*|\s+\()" + data["positional"] + r"(?:\s*,|\s*\)|\s+(?:and|to)\b)"
        r"|\b(?:from\s+)?left\s+to\s+right\s*[:,]|\bclockwise\s+from\s+(?:top\s+)?(?:left|right)\b",
    )
    credits = re.compile("|".join(f"(?:{p})" for p in data["credits"]), re.M)
    return Captions(positional, credits, frozenset(data["present-verbs"].split()))


@dataclass(frozen=True)
class TemplateHeadings:
    pattern: re.Pattern


@lru_cache(maxsize=1)
def template_headings() -> TemplateHeadings:
    data = _yaml("template_headings.yaml")
    exact = "|".join(curly_tolerant(p) for p in data["exact"])
    prefix = "|".join(curly_tolerant(p) for p in data["prefix"])
    return TemplateHeadings(re.compile(rf"(?:{exact})|(?:{prefix})\s*:\s*\S.*", re.I))
