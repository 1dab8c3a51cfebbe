"""Where the story ends: the trailing blocks that are not boilerplate, and what the body is about.

Shared by the stray-headline and off-topic-paragraph rules through
``article.memo`` so both see the same end of the story.
"""

from __future__ import annotations

from collections import Counter

from lint.article import BLOCKQUOTE, CODE, HEADLINE, PARAGRAPH, Article, Block, looks_like_heading

from rules.phrases import LazyPattern
from rules.trailer.boilerplate import scan
from rules.trailer.cohesion import Profile, content_words

# Closing punctuation, tested with string methods instead of the pattern
# r"[.!?][\"'\u201d\u2019)\]]*\Z|[\"\u201d\u2019]\Z": a terminal mark followed only by
# closing quotes or brackets, or a closing quote at the very end.
_CLOSERS = "\"'\u201d\u2019)]"
_TITLE_WORD = LazyPattern(r"[^\W_][\w'\u2019-]*")
TOPIC_MIN_COUNT = 3  # a word used this often in the body is part of its subject


class Ending:
    """The article's blocks once trailing boilerplate is set aside."""

    __slots__ = ("content", "boilerplate")

    def __init__(self, content: list[Block], boilerplate: frozenset[int]) -> None:
        self.content = content  # prose blocks that are not boilerplate, in order
        self.boilerplate = boilerplate  # indexes of blocks that are boilerplate through and through


def ending(article: Article) -> Ending:
    return article.memo("trailer.ending", _build)


def _build(article: Article) -> Ending:
    hits = scan(article)
    lines_by_block: dict[int, int] = {}
    for hit in hits.values():
        if hit.phrase == hit.span:  # a whole-line hit
            lines_by_block[hit.block] = lines_by_block.get(hit.block, 0) + 1
    boiler = set()
    for index, count in lines_by_block.items():
        block = article.blocks[index]
        if count >= article.masked.count("\n", block.span.start, block.span.end) + 1:
            boiler.add(index)
    content = [b for b in article.blocks if b.kind != CODE and b.index not in boiler]
    return Ending(content, frozenset(boiler))


def ends_like_prose(text: str) -> bool:
    tail = text.rstrip()[-4:]  # only the end matters
    return tail.rstrip(_CLOSERS)[-1:] in (".", "!", "?") or tail[-1:] in ("\"", "\u201d", "\u2019")


def is_body_paragraph(block: Block) -> bool:
    """A paragraph of running text: terminal punctuation and a sentence's worth of words."""
    return block.kind in (PARAGRAPH, BLOCKQUOTE) and ends_like_prose(block.text) and len(block.text.split()) >= 8


_MINOR = frozenset(
    "a an and as at but by for from in into of on or over the to up via with vs nor per than off out "
    "is are was be its it".split()
)


def is_title_line(block: Block) -> bool:
    """One line in strict title case without closing punctuation (a headline's shape).

    Stricter than the loader's crosshead test: at least four in five words that are
    not minor words are capitalised, so a sentence full of names ("Clark Boyd is
    technology correspondent for The World") is not taken for a headline.
    """
    text = block.text.strip()
    if block.kind == HEADLINE or "\n" in text or not looks_like_heading(text):
        return False
    words = [w for w in _TITLE_WORD().findall(text) if w.lower() not in _MINOR]
    capitalised = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    return bool(words) and capitalised >= 0.8 * len(words)


def topic_words(body: Counter, headline: Counter) -> set[str]:
    """Words the story keeps coming back to, plus the headline's."""
    return {w for w, c in body.items() if c >= TOPIC_MIN_COUNT} | set(headline)


def headline_words(article: Article, words: Profile) -> Counter:
    block = article.headline
    return Counter() if block is None else words.block(block.index).stems


def surfaces_for(article: Article, indexes) -> dict[str, str]:
    """stem -> the spelling first used for it in the given blocks (for messages)."""
    out: dict[str, str] = {}
    for index in indexes:
        for stem_, surface in content_words(article.blocks[index].text):
            out.setdefault(stem_, surface)
    return out
