"""Line-level helpers shared by the residue rules."""

from __future__ import annotations

from lint.article import Article
from lint.model import Span

from rules.phrases import LazyPattern

# Unlike the trailer family's ``straighten``, a no-break space becomes a space too: two lines repeat each
# other whatever their spacing (see ``comparison_key``).
_CURLY = (("\u2019", "'"), ("\u2018", "'"), ("\u02bc", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u00a0", " "))


_NUMBERING = LazyPattern(r"^(?:[-*+\u2022\u2013]\s+)?(?:\d{1,3}|[ivxIVX]{1,5}|[a-zA-Z])[.)]\s+")
_EDGE_PUNCT = LazyPattern(r"^[\s\"'\u00ab\u00bb]+|[\s\"'.:;!?\u00ab\u00bb]+$")
_SPACES = LazyPattern(r"\s+")
# "Archyde News Editor: ...", "Dr. Ivanova: ...", "Q: ..." - a transcript line.
SPEAKER_LABEL = LazyPattern(r"^(?:[A-Z][\w.'\u2019-]*(?:\s+[\w.'\u2019-]+){0,4}|Q|A):\s")


_LABEL_CHARS = frozenset(".'\u2019-_")
_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def speaker_label(text: str) -> bool:
    """Whether ``text`` opens on a speaker label: what ``SPEAKER_LABEL.match`` says, without compiling it.

    The label is everything before the first colon (the pattern allows no colon before
    it): one to five words of ``[\\w.'\u2019-]`` separated by whitespace, the first
    starting with a capital A-Z, and whitespace right after the colon.
    """
    colon = text.find(":")
    if colon <= 0 or not text[colon + 1 : colon + 2].isspace():
        return False
    label = text[:colon]
    if label[0] not in _CAPITALS or label[-1].isspace():
        return False
    words = label.split()
    return len(words) <= 5 and all(c.isalnum() or c in _LABEL_CHARS for word in words for c in word)


QUOTE_OPENERS = "\"'\u201c\u2018\u00ab\u201e"


def straighten(text: str) -> str:
    for curly, straight in _CURLY:
        if curly in text:
            text = text.replace(curly, straight)
    return text


def comparison_key(text: str) -> str:
    """What two lines have in common when one repeats the other.

    Case, curly versus straight quotes, runs of spaces, list numbering and
    punctuation at either end are ignored.
    """
    text = straighten(text).strip()
    if len(text) > 300:  # a long paragraph: numbering and edge punctuation do not matter
        if "  " in text or "\n" in text or "\t" in text:
            text = " ".join(text.split())
        return text.casefold()
    text = _NUMBERING().sub("", text, count=1)
    text = _EDGE_PUNCT().sub("", text)
    return _SPACES().sub(" ", text).casefold()


def line_of(article: Article, offset: int) -> int:
    return article.lines.position(offset)[0]


def inside_quotation(article: Article, span: Span) -> bool:
    """True when ``span`` starts inside double-quoted speech."""
    return any(q.is_double and q.content.start <= span.start < q.content.end for q in article.quotations)


def lowered(article: Article) -> str:
    """``article.masked`` lower-cased with offsets kept (computed once per article by the engine)."""
    return article.lowered
