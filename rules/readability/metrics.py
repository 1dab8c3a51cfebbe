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
from functools import lru_cache
from itertools import repeat
from typing import Callable

from lint.article import BLOCKQUOTE, LIST_ITEM, PARAGRAPH, Article
from lint.model import Span

from rules.readability.precompiled import compile_pattern
from rules.readability.syllables import english_syllables, vowel_group_syllables

COUNTERS = ("fast", "pyphen", "cmudict")
BODY_KINDS = frozenset({PARAGRAPH, LIST_ITEM, BLOCKQUOTE})  # headlines and crossheads are not prose

# A word: letters or digits, joined by apostrophes, hyphens or inner periods ("U.S.", "e-mail",
# "don't"); other punctuation separates words. Non-ASCII text only; compiled on first need.
_WORD_PATTERN = r"[^\W_]+(?:['\u2019.\-][^\W_]+)*"
_JOINERS = "'.-"
# ASCII text (most copy) takes str.translate's fast path, about five times quicker than the regex.
_ASCII_SEPARATORS = {code: " " for code in range(128) if not chr(code).isalnum() and chr(code) not in _JOINERS}
# The same table for bytes.translate: encoding, translating the bytes and decoding is three times
# quicker again than str.translate with a dict.
_ASCII_SEPARATOR_BYTES = bytes(ord(_ASCII_SEPARATORS.get(code, chr(code))) if code < 128 else code
                               for code in range(256))


def words_in(text: str) -> list[str]:
    if not text.isascii():
        return _word_pattern().findall(text)
    pieces = text.replace("--", " ").encode("ascii").translate(_ASCII_SEPARATOR_BYTES).decode("ascii").split()
    # Joiners at either end of a piece are punctuation; pieces left empty are dropped.
    return list(filter(None, map(str.strip, pieces, repeat(_JOINERS, len(pieces)))))


@lru_cache(maxsize=1)
def _word_pattern() -> re.Pattern:
    return compile_pattern(_WORD_PATTERN)


# Plain classes with __slots__ rather than dataclasses: a dataclass costs about a
# millisecond of import time, and these are built once per sentence.
class SentenceCount:
    __slots__ = ("span", "words")

    def __init__(self, span: Span, words: int) -> None:
        self.span = span
        self.words = words

    def __repr__(self) -> str:
        return f"SentenceCount(span={self.span!r}, words={self.words!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, SentenceCount) and (self.span, self.words) == (other.span, other.words)

    def __hash__(self) -> int:
        return hash((self.span, self.words))


class TextCounts:
    """What the formulas need, plus each sentence's length for the long-sentence rule."""

    __slots__ = ("sentences", "words")

    def __init__(self, sentences: tuple[SentenceCount, ...], words: tuple[str, ...]) -> None:
        self.sentences = sentences
        self.words = words

    def __repr__(self) -> str:
        return f"TextCounts(sentences={self.sentences!r}, words={self.words!r})"

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
        per_token = (_FAST_ENGLISH if lang == "en" else _FAST_OTHER).__getitem__
        return lambda words: sum(map(per_token, words))
    if name == "pyphen":
        return _pyphen_counter(lang)
    if name == "cmudict":
        return _textstat_counter(lang)
    raise ValueError(f"unknown syllable-counter {name!r}; use one of {', '.join(COUNTERS)}")


class _TokenSyllables(dict):
    """token -> syllables; one entry per distinct token: news copy repeats most of its words.

    A dictionary lookup runs in C (``map(cache.__getitem__, words)``); ``__missing__``
    counts a token not seen before. Cleared when it grows past ``LIMIT`` entries.
    """

    LIMIT = 65536

    def __init__(self, per_word: Callable[[str], int]) -> None:
        super().__init__()
        self.per_word = per_word

    def __missing__(self, token: str) -> int:
        if len(self) >= self.LIMIT:
            self.clear()
        value = self[token] = _word_syllables(token, self.per_word)
        return value


_FAST_ENGLISH = _TokenSyllables(english_syllables)
_FAST_OTHER = _TokenSyllables(vowel_group_syllables)


def _word_syllables(word: str, per_word: Callable[[str], int]) -> int:
    if "." in word or "-" in word:
        parts = word.replace("-", ".").split(".")  # split at periods and hyphens
        return sum(per_word(part) if not part.isdigit() else 1 for part in parts if part)
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
    return lambda words: count_syllables(" ".join(w.replace(".", " ").replace("-", " ") for w in words), code)


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


@lru_cache(maxsize=1)
def textstat_lang_configs() -> dict:
    """textstat's per-language constants (``LANG_CONFIGS``), read without importing textstat.

    ``import textstat`` imports every metric, cmudict, pyphen and importlib.metadata:
    12-20 ms of a one-file run, for a table of numbers. The table lives in
    ``textstat/backend/utils/constants.py``, a module that imports nothing but
    ``typing``; it is executed on its own from the installed package (its bytecode
    cache is used), under a private name so that a later real ``import textstat``
    is not affected. If textstat is already imported, or its layout differs from
    the pinned 0.7.8, the module is imported the ordinary way.
    """
    import sys

    if "textstat" not in sys.modules:
        try:
            return _constants_without_package()
        except Exception:  # a different textstat layout: fall back to the real import
            pass
    from textstat.backend.utils.constants import LANG_CONFIGS

    return LANG_CONFIGS


def _constants_without_package() -> dict:
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("textstat")  # locates the package without importing it
    if spec is None or not spec.origin:
        raise ImportError("textstat is not installed")
    path = Path(spec.origin).parent / "backend" / "utils" / "constants.py"
    module_spec = importlib.util.spec_from_file_location("_newslint_textstat_constants", path)
    if module_spec is None or module_spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    configs = module.LANG_CONFIGS
    if not isinstance(configs, dict):
        raise ImportError("unexpected textstat constants")
    return configs


@lru_cache(maxsize=None)
def reading_ease_constants(lang: str) -> tuple[float, float, float] | None:
    """textstat's Flesch constants for the language, or None when it has none."""
    config = textstat_lang_configs().get(lang)
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
