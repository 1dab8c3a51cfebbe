"""Lexical cohesion: how much of a passage's vocabulary the rest of the story shares.

A closing line or paragraph that belongs to the story reuses its words (the
people, places and subject); another article's headline or paragraph glued
to the end does not. Words are compared after dropping function words and
crude suffix stripping, so "talks", "talked" and "talking" count as one.
"""

from __future__ import annotations

from collections import Counter
from itertools import chain

from lint.article import Article

from rules.phrases import LazyPattern
from rules.trailer.lexicon import stopwords

_LETTERS = LazyPattern(r"[^\W\d_]+")
_PUNCTUATION = ".,;:!?\"'()[]{}<>\u201c\u201d\u2018\u2019\u2014\u2013-/*\u2026"


def stem(word: str) -> str:
    """Strip common inflections ("talks", "talked", "talking" -> "talk")."""
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


class _StemCache(dict):
    """Whitespace-separated token (lower case, punctuation attached) -> its stems.

    Tokens repeat across articles, so tokenising is mostly a dictionary lookup
    done in C; ``__missing__`` only runs for a token not seen before.
    """

    LIMIT = 200_000

    def __missing__(self, token: str) -> tuple[str, ...]:
        if len(self) > self.LIMIT:
            self.clear()
        word = token.strip(_PUNCTUATION)
        if word.isalpha():  # the common case: one word with punctuation around it
            words = (word,)
        else:  # "mid-air" -> mid, air; "russia's" -> russia, s; "2004." -> nothing
            words = _LETTERS().findall(word)
        stop = stopwords()
        value = self[token] = tuple(stem(w) for w in words if len(w) >= 3 and w not in stop)
        return value


_STEMS = _StemCache()


def token_stems(text: str) -> list[tuple[str, ...]]:
    """The stems of each whitespace-separated token of ``text``."""
    return list(map(_STEMS.__getitem__, text.lower().split()))


def content_stems(text: str) -> list[str]:
    """Stems of the words of ``text`` that carry meaning, in order."""
    return list(chain.from_iterable(token_stems(text)))


def content_words(text: str) -> list[tuple[str, str]]:
    """(stem, surface form) for every word of ``text`` that carries meaning."""
    stop = stopwords()
    return [
        (stem(word.lower()), word)
        for word in _LETTERS().findall(text)
        if len(word) >= 3 and word.lower() not in stop
    ]


class BlockWords:
    __slots__ = ("stems", "text")

    def __init__(self, stems: Counter, text: str) -> None:
        self.stems = stems
        self.text = text

    @property
    def surfaces(self) -> dict[str, str]:
        """stem -> the first spelling used (for messages; computed on demand)."""
        out: dict[str, str] = {}
        for stem_, surface in content_words(self.text):
            out.setdefault(stem_, surface)
        return out


class Profile:
    """Content-word counts for the whole article, and per block on demand.

    The whole text is tokenised in one pass (the rules need the totals on every
    article); a block's own words are only worked out for the few blocks a rule
    looks at.
    """

    def __init__(self, article: Article) -> None:
        self._article = article
        self._blocks: dict[int, BlockWords] = {}
        self.total = Counter(chain.from_iterable(token_stems(article.masked)))

    def block(self, index: int) -> BlockWords:
        words = self._blocks.get(index)
        if words is None:
            text = self._article.blocks[index].text
            words = self._blocks[index] = BlockWords(Counter(content_stems(text)), text)
        return words

    def rest(self, exclude: set[int]) -> Counter:
        """Word counts of every block except ``exclude``."""
        counts = Counter(self.total)
        for index in exclude:
            counts.subtract(self.block(index).stems)
        return +counts

    def before(self, index: int) -> Counter:
        """Word counts of the text before block ``index``."""
        start = self._article.blocks[index].span.start
        return Counter(content_stems(self._article.masked[:start]))


def profile(article: Article) -> Profile:
    return article.memo("trailer.profile", Profile)


def coverage(words: Counter, body: Counter) -> float:
    """Share of the distinct words of a passage that also occur in ``body``."""
    if not words:
        return 1.0
    shared = sum(1 for w in words if body.get(w, 0) > 0)
    return shared / len(words)


def top_terms(counts: Counter, surfaces: dict[str, str], limit: int = 3) -> list[str]:
    """The most frequent words, as written, for a message ("Ukraine, NATO, Putin").

    Ties keep the order of first use (a Counter remembers it), so the headline's words lead.
    """
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    return [surfaces.get(stem_, stem_) for stem_, _ in ranked[:limit]]

