"""The cheap side of language identification: stopword shares and writing systems.

Function words make up 35-50 % of running text in the languages we ship lists
for, and each language's most frequent ones are distinctive enough that the
share of the article language's stopwords decides almost every paragraph
without asking langdetect (whose profiles take about 350 ms to load).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

STOPWORD_DIR = Path(__file__).parent / "data" / "stopwords"

# A word is a run of letters. Apostrophes are dropped rather than split on: "India's" must not
# yield a stray "s" (a Czech stopword), and single quote marks around a word vanish with them.
_APOSTROPHES = ("'", "\u2019", "\u2018", "\u02bc")
_LETTERS = re.compile(r"[^\W\d_]+")
# For ASCII text, str.translate with a one-to-one table takes CPython's fast path: about five
# times quicker than the regex, and most copy is ASCII.
_ASCII_SEPARATORS = {code: " " for code in range(128) if not chr(code).isalpha()}

LATIN, CYRILLIC, GREEK, OTHER = "latin", "cyrillic", "greek", "other"
CASED_SCRIPTS = frozenset({LATIN, CYRILLIC, GREEK})  # scripts with capital letters
# Scripts written without spaces between words: one token is many words.
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff]")  # Thai, kana, CJK ideographs

SCRIPT_OF_LANGUAGE = {
    **dict.fromkeys(
        "af ca cs cy da de en es et fi fr hr hu id it lt lv nl no pl pt ro sk sl so sq sv sw tl tr vi".split(), LATIN
    ),
    **dict.fromkeys("bg mk ru uk".split(), CYRILLIC),
    "el": GREEK,
}


@lru_cache(maxsize=None)
def stopword_table() -> dict[str, tuple[str, ...]]:
    """word -> the languages whose list holds it; loaded once per process."""
    table: dict[str, list[str]] = {}
    for path in sorted(STOPWORD_DIR.glob("*.txt")):
        for word in path.read_text(encoding="utf-8").split():
            table.setdefault(word, []).append(path.stem)
    return {word: tuple(langs) for word, langs in table.items()}


# Per-language counts travel packed in one Python int, one FIELD_BITS-wide field per language:
# adding two passages' counts, or a stopword's contribution, is then a single integer addition.
FIELD_BITS = 24
FIELD_MASK = (1 << FIELD_BITS) - 1


@lru_cache(maxsize=None)
def languages() -> tuple[str, ...]:
    """The languages we ship stopwords for, in field order."""
    return tuple(sorted(p.stem for p in STOPWORD_DIR.glob("*.txt")))


@lru_cache(maxsize=None)
def stopword_forms() -> dict[str, tuple[int, bool]]:
    """Each stopword as written in running text (lower, Capitalised, UPPER) -> (packed languages, capitalised?)."""
    field_of = {lang: i * FIELD_BITS for i, lang in enumerate(languages())}
    forms: dict[str, tuple[int, bool]] = {}
    for word, langs in stopword_table().items():
        vector = sum(1 << field_of[lang] for lang in langs)
        forms[word] = (vector, False)
        for variant in (word.capitalize(), word.upper()):
            if variant != word:
                forms.setdefault(variant, (vector, True))
    return forms


def unpack(packed: int) -> dict[str, int]:
    out = {}
    for lang in languages():
        count = packed & FIELD_MASK
        if count:
            out[lang] = count
        packed >>= FIELD_BITS
    return out


def field_count(packed: int, lang: str) -> int:
    try:
        return (packed >> (languages().index(lang) * FIELD_BITS)) & FIELD_MASK
    except ValueError:
        return 0


def tokens(text: str) -> list[str]:
    """The words of a passage, apostrophes removed ("cest", "dont", "Indias")."""
    for mark in _APOSTROPHES:
        if mark in text:
            text = text.replace(mark, "")
    if text.isascii():
        return text.translate(_ASCII_SEPARATORS).split()
    return _LETTERS.findall(text)


@lru_cache(maxsize=None)
def languages_with_stopwords() -> frozenset[str]:
    return frozenset(languages())


def script_of(char: str) -> str:
    code = ord(char)
    if code < 0x250 or 0x1E00 <= code < 0x1F00:
        return LATIN
    if 0x400 <= code < 0x530:
        return CYRILLIC
    if 0x370 <= code < 0x400 or 0x1F00 <= code < 0x2000:
        return GREEK
    return OTHER


def word_equivalents(token: str) -> int:
    """How many words a token stands for: CJK and Thai runs count two characters a word."""
    if _UNSPACED.match(token):
        return max(1, len(token) // 2)
    return 1
