"""Text analysis shared by every rule: line index, sentences and quotations.

Everything here works on code-point offsets into one string and never
changes its length, so spans found on the masked text are valid in the
original text too.
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import Iterable, Sequence

from lint.model import Span
from lint.values import Frozen

_set = object.__setattr__  # how a frozen value sets its own fields


class LineIndex:
    """Maps offsets to 1-based (line, column) in code points and back."""

    __slots__ = ("starts", "length")

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self.starts = starts
        self.length = len(text)

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, self.length))
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """Inverse of :meth:`position` (clamped to the text)."""
        line = max(1, min(line, len(self.starts)))
        return min(self.starts[line - 1] + column - 1, self.length)

    def line_span(self, line: int) -> Span:
        """The span of a 1-based line, without its newline."""
        start = self.starts[line - 1]
        end = self.starts[line] - 1 if line < len(self.starts) else self.length
        return Span(start, end)


# --------------------------------------------------------------------------
# Sentences

# Titles and abbreviations after which a period never ends a sentence.
_NO_BREAK_ABBREVIATIONS = frozenset(
    """mr mrs ms mx dr prof st gen col lt sgt capt cpt cmdr adm maj gov sen rep rev fr jr sr
    hon pres supt insp det messrs mme mlle sra sr dra no nos vs v etc al approx dept est fig
    inc ltd co corp bros jan feb mar apr jun jul aug sep sept oct nov dec mt ft ave blvd
    vol ch pp ed eds op cf ca e.g i.e a.m p.m""".split()
)
# Initialisms may end a sentence ("... in the U.S. The ...") only before these words.
_SENTENCE_STARTERS = frozenset(
    """the a an he she it they we i this that these those but and so yet however meanwhile
    his her its their our in on at for when while after before there here if as""".split()
)

_BREAK = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019\u00bb)\]]*(?=\s+)")
_LETTERS_AND_DOTS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.")
_NEXT_WORD = re.compile(r"\s+[\"'\u201c\u2018\u00ab(\[]*(\w+)")


class Sentence(Frozen):
    __slots__ = ("span", "block")
    span: Span
    block: int

    def __init__(self, span: Span, block: int) -> None:
        _set(self, "span", span)
        _set(self, "block", block)


def split_sentences(text: str, start: int, end: int) -> list[Span]:
    """Split ``text[start:end]`` (one block, no newlines) into sentence spans."""
    spans: list[Span] = []
    sentence_start = _skip_space(text, start, end)
    for match in _BREAK.finditer(text, start, end):
        boundary = match.end()
        nxt = _NEXT_WORD.match(text, boundary, end)
        if nxt is None:
            continue
        next_word = nxt.group(1)
        if not (next_word[0].isupper() or next_word[0].isdigit()):
            continue
        if match.group(0)[0] == "." and not _period_ends_sentence(text, sentence_start, match.start(), next_word):
            continue
        if boundary > sentence_start:
            spans.append(Span(sentence_start, boundary))
        sentence_start = _skip_space(text, boundary, end)
    tail_end = _trim_end(text, sentence_start, end)
    if tail_end > sentence_start:
        spans.append(Span(sentence_start, tail_end))
    return spans


def _period_ends_sentence(text: str, sentence_start: int, period: int, next_word: str) -> bool:
    # Only the word just before the period matters; a bounded window keeps splitting linear.
    word = _word_before(text, max(sentence_start, period - 40), period)
    if not word:
        return True  # "3.", ")." and the like
    lower = word.lower()
    if lower == "no":
        return not next_word[0].isdigit()  # "No. 10" is an abbreviation; "said no. The ..." ends a sentence
    if lower in _NO_BREAK_ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial: "George W. Bush"
    if "." in word:  # an initialism such as U.S. or J.R.R.
        return next_word.lower() in _SENTENCE_STARTERS
    return True


def _word_before(text: str, lo: int, period: int) -> str:
    """The ASCII word, dots inside kept ("U.S", "J.R.R"), that ends at the period at
    ``period``, looking no further back than ``lo``; empty when there is none.

    A walk back over letters and dots: a regular expression searching the window
    for a match anchored at its end tried every start and cost a third of the
    sentence split.
    """
    start = period + 1
    while start > lo and text[start - 1] in _LETTERS_AND_DOTS:
        start -= 1
    return text[start : period + 1].strip(".")


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


# --------------------------------------------------------------------------
# Quotations

_DOUBLE = "double"
_SINGLE = "single"

# opening mark -> (kind, closing marks it accepts)
_OPENERS: dict[str, tuple[str, str]] = {
    "\u201c": (_DOUBLE, "\u201d\""),  # “ ”
    "\u201e": (_DOUBLE, "\u201c\u201d\""),  # „ “ (German) or „ ” (Polish)
    "\u00ab": (_DOUBLE, "\u00bb"),  # « »
    "\u300c": (_DOUBLE, "\u300d"),  # 「 」
    "\u300e": (_DOUBLE, "\u300f"),  # 『 』
    "\u2018": (_SINGLE, "\u2019'"),  # ‘ ’
    "\u201a": (_SINGLE, "\u2018\u2019"),  # ‚ ‘
    "\u2039": (_SINGLE, "\u203a"),  # ‹ ›
}
_CLOSERS = frozenset("\u201d\u201c\u00bb\u300d\u300f\u2019\u2018\u203a")
_QUOTE_CHARS = frozenset(_OPENERS) | _CLOSERS | {'"', "'"}
_OPEN_CONTEXT = frozenset(" \t\n([{\u2014\u2013-/:;") | frozenset(_OPENERS)


class Quotation(Frozen):
    """A quoted passage.

    ``span`` runs from the opening mark through the closing mark (or the end
    of the last block for an unterminated quote); ``content`` is what lies
    between the marks. A quote that runs over several paragraphs lists every
    block it covers in ``blocks``.
    """

    __slots__ = ("span", "content", "open_mark", "close_mark", "depth", "blocks")
    span: Span
    content: Span
    open_mark: str
    close_mark: str | None
    depth: int
    blocks: tuple[int, ...]

    def __init__(self, span: Span, content: Span, open_mark: str, close_mark: str | None, depth: int,
                 blocks: tuple[int, ...]) -> None:
        _set(self, "span", span)
        _set(self, "content", content)
        _set(self, "open_mark", open_mark)
        _set(self, "close_mark", close_mark)
        _set(self, "depth", depth)
        _set(self, "blocks", blocks)

    @property
    def terminated(self) -> bool:
        return self.close_mark is not None

    @property
    def is_double(self) -> bool:
        return _OPENERS.get(self.open_mark, (_DOUBLE,))[0] == _DOUBLE


class _Open:
    """A quote mark waiting for its closer."""

    __slots__ = ("mark", "kind", "closers", "start", "blocks")

    def __init__(self, mark: str, kind: str, closers: str, start: int, blocks: list[int]) -> None:
        self.mark = mark
        self.kind = kind
        self.closers = closers
        self.start = start
        self.blocks = blocks


def find_quotations(text: str, block_spans: Sequence[Span], paragraph_like: Sequence[bool]) -> list[Quotation]:
    """Pair quote marks block by block.

    A double quote still open at the end of a paragraph continues when the
    next paragraph opens with a quote mark (the newspaper convention for
    multi-paragraph quotes); otherwise it ends with its paragraph.
    Single marks still open at a block end are dropped: they are usually
    apostrophes.
    """
    quotes: list[Quotation] = []
    carried: _Open | None = None
    for index, block in enumerate(block_spans):
        stack: list[_Open] = []
        pos = block.start
        if carried is not None:
            first = _skip_space(text, block.start, block.end)
            if paragraph_like[index] and first < block.end and text[first] in ("\u201c", '"', "\u00ab", "\u201e"):
                carried.blocks.append(index)
                stack.append(carried)
                pos = first + 1
            else:
                _close_unterminated(text, quotes, carried, block_spans[carried.blocks[-1]].end)
            carried = None
        for pos in _quote_positions(text, pos, block.end):
            char = text[pos]
            prev = text[pos - 1] if pos > block.start else " "
            nxt = text[pos + 1] if pos + 1 < block.end else " "
            top = stack[-1] if stack else None
            if top is not None and char in top.closers and _can_close(char, prev, nxt):
                stack.pop()
                quotes.append(_make_quote(top, pos + 1, char, len(stack)))
                continue
            if char in ('"', "\u201d") and top is not None and top.kind == _DOUBLE:
                continue  # a closer that does not match this opener: ignore
            if char in _OPENERS and _can_open(char, prev, nxt):
                kind, closers = _OPENERS[char]
                stack.append(_Open(char, kind, closers, pos, [index]))
            elif char in ('"', "'") and _can_open(char, prev, nxt):
                kind = _DOUBLE if char == '"' else _SINGLE
                stack.append(_Open(char, kind, char + ("\u201d" if char == '"' else "\u2019"), pos, [index]))
            elif char == "\u201d" and prev in " \t" and not nxt.isspace():
                # A right double mark used as an opener (Swedish style or a typo).
                stack.append(_Open(char, _DOUBLE, "\u201d\"", pos, [index]))
        # Close or carry what is still open at the end of the block.
        while stack:
            top = stack.pop()
            if top.kind == _DOUBLE and not stack and paragraph_like[index]:
                carried = top
            elif top.kind == _DOUBLE:
                _close_unterminated(text, quotes, top, block.end, depth=len(stack))
    if carried is not None:
        _close_unterminated(text, quotes, carried, block_spans[carried.blocks[-1]].end)
    quotes.sort(key=lambda q: (q.span.start, -q.span.end))
    return quotes


def _quote_positions(text: str, start: int, end: int) -> Iterable[int]:
    # A character-class scan in C: testing every character in Python cost a
    # quarter of a millisecond per article.
    return [m.start() for m in _quote_scanner().finditer(text, start, end)]


@functools.cache
def _quote_scanner() -> re.Pattern:
    return re.compile("[" + re.escape("".join(sorted(_QUOTE_CHARS))) + "]")


def _can_open(char: str, prev: str, nxt: str) -> bool:
    if nxt.isspace() and char not in ("\u00ab", "\u2039", "\u300c", "\u300e"):
        return False  # French guillemets take a space inside: « Nous venons »
    if char in ("'", "\u2018", "\u201a", "\u2039"):
        # An apostrophe between letters or after one ("Russia's", "players'") is not a quote.
        return not prev.isalnum()
    return prev.isspace() or prev in _OPEN_CONTEXT or not prev.isalnum()


def _can_close(char: str, prev: str, nxt: str) -> bool:
    if char in ("'", "\u2019") and prev.isalpha() and nxt.isalpha():
        return False  # apostrophe inside a word
    return not prev.isspace() or char in ("\u00bb", "\u203a", "\u300d", "\u300f")


def _make_quote(opened: _Open, end: int, close_mark: str | None, depth: int) -> Quotation:
    content_end = end - 1 if close_mark is not None else end
    return Quotation(
        span=Span(opened.start, end),
        content=Span(opened.start + 1, max(opened.start + 1, content_end)),
        open_mark=opened.mark,
        close_mark=close_mark,
        depth=depth,
        blocks=tuple(opened.blocks),
    )


def _close_unterminated(text: str, quotes: list[Quotation], opened: _Open, end: int, depth: int = 0) -> None:
    end = _trim_end(text, opened.start + 1, end)
    if end - opened.start > 1:
        quotes.append(_make_quote(opened, end, None, depth))


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


_WORD = re.compile(r"[^\W_]+(?:['\u2019.-][^\W_]+)*")
