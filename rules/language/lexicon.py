"""The cheap side of language identification: stopword shares and writing systems.

Function words make up 35-50 % of running text in the languages we ship lists
for, and each language's most frequent ones are distinctive enough that the
share of the article language's stopwords decides almost every paragraph
without asking langdetect (whose profiles take about 350 ms to load).
"""

from __future__ import annotations

import os
import re
import sys
from functools import lru_cache
from itertools import chain, repeat
from pathlib import Path

STOPWORD_DIR = Path(__file__).parent / "data" / "stopwords"

# A word is a run of letters. Apostrophes are dropped rather than split on: "India's" must not
# yield a stray "s" (a Czech stopword), and single quote marks around a word vanish with them.
APOSTROPHES = ("'", "\u2019", "\u2018", "\u02bc")
_LETTERS = r"[^\W\d_]+"  # non-ASCII text only; re's cache keeps it compiled
# For ASCII text, str.translate with a one-to-one table takes CPython's fast path: about five
# times quicker than the regex, and most copy is ASCII.
_ASCII_SEPARATORS = {code: " " for code in range(128) if not chr(code).isalpha()}
# The same table for bytes.translate: on ASCII text, encoding, translating the bytes and decoding
# is three times quicker again than str.translate with a dict.
_ASCII_SEPARATOR_BYTES = bytes(ord(_ASCII_SEPARATORS.get(code, chr(code))) if code < 128 else code
                               for code in range(256))

LATIN, CYRILLIC, GREEK, OTHER = "latin", "cyrillic", "greek", "other"
CASED_SCRIPTS = frozenset({LATIN, CYRILLIC, GREEK})  # scripts with capital letters

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
    for lang in languages():
        for word in _read_words(lang):
            table.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in table.items()}


# Per-language counts travel packed in one Python int, one FIELD_BITS-wide field per language:
# adding two passages' counts, or a stopword's contribution, is then a single integer addition.
# 32-bit fields let ``unpack`` read every field at once (int.to_bytes, then a memoryview cast).
FIELD_BITS = 32
FIELD_MASK = (1 << FIELD_BITS) - 1
_FIELD_BYTES = FIELD_BITS // 8


@lru_cache(maxsize=None)
def languages() -> tuple[str, ...]:
    """The languages we ship stopwords for, in field order."""
    return tuple(sorted(name[:-4] for name in os.listdir(STOPWORD_DIR) if name.endswith(".txt")))


@lru_cache(maxsize=None)
def _field_index() -> dict[str, int]:
    return {lang: i for i, lang in enumerate(languages())}


@lru_cache(maxsize=None)
def stopword_forms() -> dict[str, tuple[int, bool]]:
    """Each stopword as written in running text (lower, Capitalised, UPPER) -> (packed languages, capitalised?).

    The definition; the rules read the same data from :func:`stopword_vectors` and
    :func:`capitalised_stopwords`, which build it faster.
    """
    bit_of = {lang: 1 << (i * FIELD_BITS) for lang, i in _field_index().items()}.__getitem__
    forms: dict[str, tuple[int, bool]] = {}
    for word, langs in stopword_table().items():
        vector = sum(map(bit_of, langs))
        forms[word] = (vector, False)
        for variant in (word.capitalize(), word.upper()):
            if variant != word:
                forms.setdefault(variant, (vector, True))
    return forms


def stopword_vectors() -> dict[str, int]:
    """Each stopword form -> its packed languages (:func:`stopword_forms` without the flag)."""
    return _packed_forms()[0]


def capitalised_stopwords() -> frozenset[str]:
    """The Capitalised and UPPER forms of stopwords (not those listed so)."""
    return _packed_forms()[1]


@lru_cache(maxsize=None)
def _packed_forms() -> tuple[dict[str, int], frozenset[str]]:
    """:func:`stopword_forms` split in two, built with C-level steps rather than a loop per word.

    What the rules read while checking: the loop version cost a one-file run about 3 ms. A test
    pins the result to stopword_forms(). Listed words take their languages' bits (a word listed
    twice, twice); a Capitalised or UPPER form goes to the first word that yields it, unless a
    word is listed in that form.
    """
    listed: dict[str, int] = {}
    for index, lang in enumerate(languages()):
        words = _read_words(lang)
        bit = 1 << (index * FIELD_BITS)
        # Each word's vector so far plus this language's bit; a word listed twice sees its own update.
        listed.update(zip(words, map(bit.__add__, map(listed.get, words, repeat(0, len(words))))))
    words, vectors = list(listed), list(listed.values())
    variant_forms = list(chain.from_iterable(zip(map(str.capitalize, words), map(str.upper, words))))
    variant_vectors = list(chain.from_iterable(zip(vectors, vectors)))
    variants = dict(zip(reversed(variant_forms), reversed(variant_vectors)))  # the first one wins
    capitalised = frozenset(variants.keys() - listed.keys())
    variants.update(listed)
    return variants, capitalised


def _read_words(lang: str) -> list[str]:
    with open(os.path.join(STOPWORD_DIR, lang + ".txt"), "rb") as handle:  # binary: no text layer to set up
        return handle.read().decode("utf-8").split()


def fields(packed: int) -> list[int]:
    """Every language's count, in field order."""
    size = len(languages())
    return memoryview(packed.to_bytes(size * _FIELD_BYTES, sys.byteorder)).cast("I").tolist()


def unpack(packed: int) -> dict[str, int]:
    return {lang: count for lang, count in zip(languages(), fields(packed)) if count}


def field_count(packed: int, lang: str) -> int:
    index = _field_index().get(lang)
    return 0 if index is None else (packed >> (index * FIELD_BITS)) & FIELD_MASK


def tokens(text: str) -> list[str]:
    """The words of a passage, apostrophes removed ("cest", "dont", "Indias")."""
    if text.isascii():  # the common case: one C pass deletes the apostrophes and blanks the rest
        return _ascii_tokens(text)
    for mark in APOSTROPHES:
        if mark in text:
            text = text.replace(mark, "")
    if text.isascii():
        return _ascii_tokens(text)
    return re.findall(_LETTERS, text)


def _ascii_tokens(text: str) -> list[str]:
    return text.encode("ascii").translate(_ASCII_SEPARATOR_BYTES, b"'").decode("ascii").split()


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
    """How many words a token stands for: CJK and Thai runs count two characters a word.

    Scripts written without spaces between words (Thai, kana, CJK ideographs): one token is many words.
    """
    if "\u0e00" <= token[:1] <= "\u0e7f" or "\u3040" <= token[:1] <= "\u30ff" or "\u3400" <= token[:1] <= "\u9fff":
        return max(1, len(token) // 2)
    return 1
