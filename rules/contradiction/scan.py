"""Cheap text scanning shared by the contradiction rules.

Importing the family must cost almost nothing, and a one-file run should only
compile the patterns its article needs, so every regular expression of the
family is a :class:`LazyPattern`, compiled on first use, once per process, and
the two big alternations (titles, event phrases) are a :class:`PhraseMatcher`,
a dictionary lookup that matches exactly what the alternation would, without
compiling it. Candidates are found with ``str.find`` first
(:func:`find_anchored`, :func:`has_word`); the patterns only run where an
anchor word stands.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable


class LazyPattern:
    """A regular expression compiled the first time it is used.

    After that the compiled pattern's methods are plain instance attributes,
    so ``lazy.match(...)`` costs what ``compiled.match(...)`` costs. The
    source may be given as a function, for patterns built from data: then
    even the source is only written when the pattern is needed.
    """

    def __init__(self, source: str | Callable[[], str], flags: int = 0) -> None:
        self._source = source
        self.source_flags = flags

    @property
    def source(self) -> str:
        if callable(self._source):
            self._source = self._source()
        return self._source

    def compiled(self) -> re.Pattern:
        pattern = re.compile(self.source, self.source_flags)
        for name in ("match", "search", "finditer", "findall", "fullmatch", "sub", "pattern", "flags"):
            setattr(self, name, getattr(pattern, name))
        return pattern

    def __getattr__(self, name: str):  # only reached before the first compilation
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.source!r}, {self.source_flags!r})"

    def matcher(self, text: str, lower: str):
        """``start -> match or None`` at offsets of ``text`` (the interface find_anchored uses)."""
        match = self.match
        return lambda start: match(text, start)

    def __eq__(self, other):
        if isinstance(other, LazyPattern):
            return (self.source, self.source_flags) == (other.source, other.source_flags)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.source, self.source_flags))


def anchor_hits(lower: str, anchor_words: Iterable[str]) -> list[int]:
    """Offsets of the anchor words in ``lower`` that stand as whole words (in text order)."""
    hits: list[int] = []
    size = len(lower)
    find = lower.find
    for word in anchor_words:
        pos = find(word)
        while pos != -1:
            end = pos + len(word)
            # Whole words only: "pm" in "development" is no anchor.
            if (pos == 0 or not lower[pos - 1].isalnum()) and (end == size or not lower[end].isalnum()):
                hits.append(pos)
            pos = find(word, end)
    hits.sort()
    return hits


# The only characters that re.IGNORECASE matches to an ASCII letter and that str.lower()
# leaves non-ASCII: "İ" (kept as it is by Article.lowered), "ı" and "ſ".
_ODD_CASE = ("\u0130", "\u0131", "\u017f")


def plain_case(lower: str) -> bool:
    """Whether substring tests on the lower-cased text decide what case-insensitive ASCII patterns can match."""
    return not any(ch in lower for ch in _ODD_CASE)


def has_word(lower: str, anchor_words: Iterable[str]) -> bool:
    """Whether any anchor word stands in ``lower`` as a whole word (the test :func:`anchor_hits` applies)."""
    size = len(lower)
    find = lower.find
    for word in anchor_words:
        pos = find(word)
        while pos != -1:
            end = pos + len(word)
            if (pos == 0 or not lower[pos - 1].isalnum()) and (end == size or not lower[end].isalnum()):
                return True
            pos = find(word, end)
    return False


class PhraseMatch:
    """The part of ``re.Match`` that phrase matches are read through."""

    __slots__ = ("string", "_start", "_end")

    def __init__(self, string: str, start: int, end: int) -> None:
        self.string = string
        self._start = start
        self._end = end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, index: int = 0) -> str:
        if index != 0:
            raise IndexError("no such group")
        return self.string[self._start:self._end]


_ALNUM_RUN = LazyPattern(r"[^\W_]+")


class PhraseMatcher:
    r"""What ``(?<![\w-])(?:P1|P2|...)(?![\w-])`` with ``re.IGNORECASE`` matches, without compiling it.

    Each phrase is a list of words; in the pattern the words are literal
    (an apostrophe also matches a typographic one) and joined by ``[\s-]+``.
    Like the alternation, :meth:`matcher` returns at a start offset the first
    phrase, in the order given, that matches there. Only the phrases whose
    first word begins with the letters found at that offset are tried, so the
    big alternation (a few milliseconds to compile) is never built for
    ordinary text. It still is, as :attr:`pattern`, for the text this lookup
    cannot decide alone: phrases with non-ASCII letters, and text holding one
    of the characters that case-insensitive matching pairs with an ASCII letter
    although lower-casing does not ("İ", "ı", "ſ").
    """

    def __init__(self, phrases: Iterable[Iterable[str]]) -> None:
        self.phrases = tuple(tuple(words) for words in phrases)
        self.pattern = LazyPattern(self._source, re.IGNORECASE)
        self.plain = all(w.isascii() and w for words in self.phrases for w in words)
        index: dict[str, list[int]] = {}
        for number, words in enumerate(self.phrases):
            first = words[0].lower() if words else ""
            run = _leading_alnum(first)
            index.setdefault(run, []).append(number)
        self.index = {run: tuple(numbers) for run, numbers in index.items()}
        # Phrases that do not begin with a letter or digit are candidates everywhere.
        self.anywhere = self.index.pop("", ())
        self.lowered = tuple(tuple(w.lower() for w in words) for words in self.phrases)

    def __eq__(self, other):
        if isinstance(other, PhraseMatcher):
            return self.phrases == other.phrases
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.phrases)

    def __repr__(self) -> str:
        return f"PhraseMatcher({self.phrases!r})"

    @property
    def source(self) -> str:
        return self.pattern.source

    def _source(self) -> str:
        alternation = "|".join(r"[\s-]+".join(_escape(w) for w in words) for words in self.phrases)
        return rf"(?<![\w-])(?:{alternation or '(?!x)x'})(?![\w-])"

    def match(self, text: str, start: int = 0):
        """``pattern.match(text, start)``."""
        lower = text.lower()
        if len(lower) != len(text):  # "İ" grows when lower-cased
            return self.pattern.match(text, start)
        return self.matcher(text, lower)(start)

    def matcher(self, text: str, lower: str):
        """``start -> match or None``; ``lower`` is ``text`` lower-cased character for character."""
        if not self.plain or len(lower) != len(text) or not plain_case(lower):
            match = self.pattern.match
            return lambda start: match(text, start)
        size = len(text)
        index, anywhere, lowered = self.index, self.anywhere, self.lowered
        run_at = _ALNUM_RUN.match

        def match_at(start: int):
            if start > 0:
                before = text[start - 1]
                if before.isalnum() or before == "_" or before == "-":
                    return None
            run = run_at(lower, start)
            numbers = index.get(run.group(), ()) if run is not None else ()
            if anywhere:
                numbers = sorted((*numbers, *anywhere))
            for number in numbers:
                end = _match_words(text, lower, start, size, lowered[number])
                if end is not None:
                    return PhraseMatch(text, start, end)
            return None

        return match_at


def _match_words(text: str, lower: str, pos: int, size: int, words: tuple[str, ...]) -> int | None:
    last = len(words) - 1
    for i, word in enumerate(words):
        end = pos + len(word)
        segment = lower[pos:end]
        if segment != word and ("'" not in word or segment.replace("\u2019", "'") != word):
            return None
        pos = end
        if i < last:  # [\s-]+
            while pos < size and (text[pos].isspace() or text[pos] == "-"):
                pos += 1
            if pos == end:
                return None
    if pos < size:  # (?![\w-])
        after = text[pos]
        if after.isalnum() or after == "_" or after == "-":
            return None
    return pos


def _leading_alnum(word: str) -> str:
    end = 0
    while end < len(word) and word[end].isalnum():
        end += 1
    return word[:end]


def _escape(word: str) -> str:
    return re.escape(word).replace("'", "['\u2019]")


# (?<![\w'\u2019.-])[\w.], written with the non-ASCII character in a lookbehind of its own:
# the same pattern, four times faster to compile.
_WORD_START = LazyPattern(r"(?<![\w'.-])(?<!\u2019)[\w.]")


def find_anchored(pattern, text: str, lower: str, anchor_words: Iterable[str], reach: int = 45,
                  hits: list[int] | None = None):
    """Matches of ``pattern`` that contain an anchor word, leftmost-longest, without overlaps.

    The anchors are found with ``str.find`` (fast); the pattern is only tried,
    anchored, at the word starts just before each anchor. This keeps a large
    alternation of titles or event names from being tried at every offset,
    and a :class:`LazyPattern` from being compiled for an article without an
    anchor. ``hits`` are the anchor offsets when the caller already has them.
    """
    if hits is None:
        hits = anchor_hits(lower, anchor_words)
    if not hits:
        return []
    out: list[re.Match] = []
    match_at = pattern.matcher(text, lower) if hasattr(pattern, "matcher") else (lambda start: pattern.match(text, start))
    word_starts = _WORD_START.finditer
    for pos in hits:
        if out and pos < out[-1].end():
            continue
        best = None
        floor = out[-1].end() if out else 0
        for start in word_starts(text, max(floor, pos - reach), pos + 1):
            match = match_at(start.start())
            if match is not None and match.end() > pos and (best is None or match.end() - match.start() > best.end() - best.start()):
                best = match
            if best is not None:
                break  # the leftmost start that covers the anchor wins
        if best is not None:
            out.append(best)
    return out


def anchors(phrases: Iterable[str]) -> tuple[str, ...]:
    """The last word of each phrase, lower-cased: cheap to find with str.find before any regex runs."""
    found = set()
    for phrase in phrases:
        words = _ALNUM_RUN.findall(phrase.lower())
        if words:
            found.add(words[-1])
    return tuple(sorted(found))

