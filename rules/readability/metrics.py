"""Readability numbers for one article: counts from the article model, formulas from textstat.

Words and sentences come from the engine's sentence splitter (which knows
"Mr." and "U.S." do not end sentences, unlike textstat's own counter), so
the long-sentence rule and the scores agree on what a sentence is.
Syllables come from the counter the configuration picks:

* ``fast`` (default): spelling rules in :mod:`.syllables`, nothing to load;
* ``pyphen``: textstat's fallback counter (hyphenation points + 1) without
  CMUdict; parsing the pattern file costs about 150 ms once per process;
* ``cmudict``: textstat's own ``count_syllables`` (CMUdict, then pyphen);
  about 1.2 s to load CMUdict once per process, most exact for English.

The formulas are textstat's: Flesch reading ease uses textstat's
per-language constants (``LANG_CONFIGS``), the grade level is the
Flesch-Kincaid grade exactly as textstat computes it. A unit test checks
both against ``textstat.flesch_reading_ease`` / ``flesch_kincaid_grade``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from lint.article import BLOCKQUOTE, LIST_ITEM, PARAGRAPH, Article
from lint.model import Span

from rules.readability.syllables import english_syllables, vowel_group_syllables

COUNTERS = ("fast", "pyphen", "cmudict")
BODY_KINDS = frozenset({PARAGRAPH, LIST_ITEM, BLOCKQUOTE})  # headlines and crossheads are not prose

# A word: letters or digits, joined by apostrophes, hyphens or inner periods ("U.S.", "e-mail",
# "don't"); other punctuation separates words.
_WORD = re.compile(r"[^\W_]+(?:['\u2019.\-][^\W_]+)*")
_JOINERS = "'.-"
# ASCII text (most copy) takes str.translate's fast path, about five times quicker than the regex.
_ASCII_SEPARATORS = {code: " " for code in range(128) if not chr(code).isalnum() and chr(code) not in _JOINERS}
_PARTS = re.compile(r"[.\-]")


def words_in(text: str) -> list[str]:
    if not text.isascii():
        return _WORD.findall(text)
    pieces = text.replace("--", " ").translate(_ASCII_SEPARATORS).split()
    return [word for word in (piece.strip(_JOINERS) for piece in pieces) if word]


@dataclass(frozen=True)
class SentenceCount:
    span: Span
    words: int


@dataclass(frozen=True)
class TextCounts:
    """What the formulas need, plus each sentence's length for the long-sentence rule."""

    sentences: tuple[SentenceCount, ...]
    words: tuple[str, ...]

    @property
    def word_count(self) -> int:
        return len(self.words)

    @property
    def sentence_count(self) -> int:
        return len(self.sentences)


def body_counts(article: Article) -> TextCounts:
    """Words and sentences of the article body, computed once per article."""
    return article.memo("readability.counts", _count_body)


def _count_body(article: Article) -> TextCounts:
    body = {b.index for b in article.blocks if b.kind in BODY_KINDS}
    masked = article.masked
    sentences: list[SentenceCount] = []
    words: list[str] = []
    for sentence in article.sentences:
        if sentence.block not in body:
            continue
        found = words_in(masked[sentence.span.start : sentence.span.end])
        if found:
            sentences.append(SentenceCount(sentence.span, len(found)))
            words.extend(found)
    return TextCounts(tuple(sentences), tuple(words))


# --------------------------------------------------------------------------
# syllables


def language_root(article: Article, config) -> str:
    """The declared language ("en-GB" -> "en"); English when nothing is declared."""
    declared = article.language or (getattr(config, "language", None) if config is not None else None)
    return re.split(r"[-_]", declared.strip().lower())[0] if declared else "en"


def syllable_counter(name: str, lang: str) -> Callable[[tuple[str, ...]], int]:
    if name == "fast":
        per_token = _fast_english if lang == "en" else _fast_other
        return lambda words: sum(map(per_token, words))
    if name == "pyphen":
        return _pyphen_counter(lang)
    if name == "cmudict":
        return _textstat_counter(lang)
    raise ValueError(f"unknown syllable-counter {name!r}; use one of {', '.join(COUNTERS)}")


# One cache entry per distinct token: news copy repeats most of its words.
@lru_cache(maxsize=65536)
def _fast_english(token: str) -> int:
    return _word_syllables(token, english_syllables)


@lru_cache(maxsize=65536)
def _fast_other(token: str) -> int:
    return _word_syllables(token, vowel_group_syllables)


def _word_syllables(word: str, per_word: Callable[[str], int]) -> int:
    if "." in word or "-" in word:
        return sum(per_word(part) if not part.isdigit() else 1 for part in _PARTS.split(word) if part)
    return 1 if word.isdigit() else per_word(word)


@lru_cache(maxsize=None)
def _pyphen_counter(lang: str) -> Callable[[tuple[str, ...]], int]:
    """textstat's fallback: hyphenation points + 1 per word, CMUdict never consulted."""
    dictionary = _pyphen_dictionary(lang)
    if dictionary is None:
        return syllable_counter("fast", lang)

    @lru_cache(maxsize=65536)
    def per_word(word: str) -> int:
        return len(dictionary.positions(word.lower())) + 1

    return lambda words: sum(_word_syllables(w, per_word) for w in words)


@lru_cache(maxsize=None)
def _textstat_counter(lang: str) -> Callable[[tuple[str, ...]], int]:
    """textstat's own count_syllables: CMUdict for English, pyphen for the rest."""
    from textstat.backend.counts import count_syllables

    if _pyphen_dictionary(lang) is None:  # textstat would raise for a language pyphen lacks
        return syllable_counter("fast", lang)
    code = _textstat_lang(lang)
    return lambda words: count_syllables(" ".join(_PARTS.sub(" ", w) for w in words), code)


def _pyphen_dictionary(lang: str):
    from textstat.backend.utils import get_pyphen

    try:
        return get_pyphen(_textstat_lang(lang))
    except KeyError:  # pyphen has no patterns for this language
        return None


def _textstat_lang(lang: str) -> str:
    return "en_US" if lang == "en" else lang


# --------------------------------------------------------------------------
# formulas


@lru_cache(maxsize=None)
def reading_ease_constants(lang: str) -> tuple[float, float, float] | None:
    """textstat's Flesch constants for the language, or None when it has none."""
    from textstat.backend.utils.constants import LANG_CONFIGS

    config = LANG_CONFIGS.get(lang)
    if not config or "fre_base" not in config:
        return None
    return config["fre_base"], config["fre_sentence_length"], config["fre_syll_per_word"]


def flesch_reading_ease(words: int, sentences: int, syllables: int, lang: str) -> float | None:
    constants = reading_ease_constants(lang)
    if constants is None or not words or not sentences:
        return None
    base, per_sentence_length, per_syllable = constants
    return base - per_sentence_length * (words / sentences) - per_syllable * (syllables / words)


def flesch_kincaid_grade(words: int, sentences: int, syllables: int, lang: str) -> float | None:
    """textstat's flesch_kincaid_grade; an English formula, so None for other languages."""
    if lang != "en" or not words or not sentences:
        return None
    return 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59
