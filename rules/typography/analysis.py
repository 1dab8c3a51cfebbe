"""What every typography rule needs to know about one article, computed once.

Speed matters (the family's budget is 1 ms per article), so the analysis
never walks every token in Python. It takes the article's distinct words with
one regex call and lets set operations (in C) pick the few candidates a rule
must look at; positions are then found with a small cached pattern per word.

* ``tokens`` / ``distinct`` / ``lower_distinct``: the words of the prose
  (``article.masked``, so Markdown code and markup are already blank);
* protected spans (lazily): URLs, e-mail addresses, domain and file names,
  social-media handles and hashtags, and quotations that reproduce
  social-media posts. Nothing inside them is ever reported;
* ``positional``: whether a capital may be due to where a word stands
  (block start, after sentence punctuation, a colon or an opening quote);
* casing evidence (per word, on demand): how often the article capitalises
  a word mid-sentence outside headings, and in which form.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from typing import TYPE_CHECKING

from lint.article import CODE, HEADING, HEADLINE

if TYPE_CHECKING:
    from lint.article import Article, Block

class LazyPattern:
    """A regular expression compiled on first use, once per process: importing the family compiles nothing,
    and a one-file run compiles only the patterns its article needs. Attributes (``finditer``, ``match``, ...)
    come from the compiled pattern and are then kept on the instance, so later calls cost what a plain
    pattern's do."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)

    def __getattr__(self, name: str):
        value = getattr(re.compile(*self._args), name)
        setattr(self, name, value)
        return value


def per_mark(template: str, marks: str) -> dict[str, LazyPattern]:
    """One pattern per punctuation mark, ``{m}`` in ``template`` standing for the escaped mark.

    A pattern that opens with a plain literal is scanned for at memchr speed; one that opens with a
    character class ("[.!?,]") is tried one position at a time, three to four times slower over news copy.
    Whole-text scans for rare characters therefore run once per mark (see ``finditer_marks``).
    """
    return {mark: LazyPattern(template.replace("{m}", re.escape(mark))) for mark in marks}


def finditer_marks(patterns: dict[str, LazyPattern], text: str) -> list[re.Match]:
    """The matches of every pattern of ``per_mark`` in ``text``, by offset; marks absent from it are skipped.
    Equal to one pattern's finditer with a character class of the marks when no match can contain the
    start of another (each caller's patterns are written so)."""
    matches: list[re.Match] = []
    scanned = 0
    for mark, pattern in patterns.items():
        if mark in text:
            matches += pattern.finditer(text)
            scanned += 1
    if scanned > 1:
        matches.sort(key=_match_start)
    return matches


def _match_start(match: re.Match) -> int:
    return match.start()


# Latin letters only: twice as fast as [^\W\d_] in the regex engine, and the family checks English
# copy (passages in other scripts are the language family's business).
LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
# "[x][x]*" rather than "[x]+": a pattern that opens with a plain character class lets the engine skip to
# the next candidate in C.
TOKEN = LazyPattern(f"[{LETTERS}][{LETTERS}]*")
# tokens() without the regex engine, for ASCII text: every other character becomes a space, then str.split().
# A bytes table: bytes.translate() is a plain table lookup, several times faster than str.translate().
_ASCII_NON_LETTERS = bytes(c if chr(c).isalpha() else 32 for c in range(128)) + b" " * 128
# Non-ASCII characters that news copy uses all the time and that are no letters: blanked, they leave most
# articles ASCII ("£", curly quotes, dashes, the no-break space, the ellipsis, "€").
_COMMON_NON_LETTERS = ("\u00a3", "\u2019", "\u201c", "\u201d", "\u2018", "\u2014", "\u2013", "\u00a0", "\u2026",
                       "\u20ac")

_URL = LazyPattern(r"(?:(?:https?|ftp)://|www\.)[^\s<>\"\u201c\u201d\u2018\u2019]+", re.I)
_EMAIL_OR_HANDLE = LazyPattern(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<![\w@&])[@#]\w+")
# A dot followed by a top-level domain or a file extension; the name in front is added by hand.
_DOT_SUFFIX = LazyPattern(
    r"\.(?:com|org|net|edu|gov|mil|int|info|biz|io|co|uk|ru|ua|de|fr|eu|ca|au|cn|jp|ly|gl|tv"
    r"|pdf|docx?|xlsx?|pptx?|csv|txt|html?|php|aspx?|jpe?g|png|gif|svg|mp[34]|mov|avi|zip|exe"
    r"|py|js|json|xml|ya?ml|md)(?![^\W_])(?:/\S*)?",
    re.I,
)
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
_SOCIAL_CUE = LazyPattern(
    r"[Tt]weet|[Pp]osted on|[Ww]rote on|Twitter|Instagram|Facebook|Telegram|TikTok|[Ss]ocial media|on X\b"
)
_SOCIAL_HINTS = ("weet", "osted on", "rote on", "Twitter", "Instagram", "Facebook", "Telegram", "TikTok",
                 "ocial media", "on X")
_OPEN_QUOTE = LazyPattern(r"[\"\u201c\u2018]")
_LAST_OPEN_QUOTE = LazyPattern(r"[\"\u201c\u2018][^\"\u201c\u2018]*$")
_CLOSE_QUOTE = LazyPattern(r"[\"\u201d\u2019](?![^\W\d_])")

# A capital right after one of these may be positional, not a sign of a name.
_MARKER = LazyPattern(r"^[ \t]*(?:[-*+>#]+|\d{1,3}[.)])[ \t]*")
POSITIONAL_PREV = frozenset(".!?:;\"\u201c\u2018\u00ab([\u2026")
_SPACES = " \t\u00a0"


class Analysis:
    """Distinct words, protected spans and casing evidence for one article."""

    def __init__(self, article: "Article") -> None:
        # No reference back to the article: the article keeps this analysis in its memo, and a cycle
        # between them would leave every article's words for the cyclic garbage collector to free.
        self.source = article.text
        self.all_blocks: list["Block"] = article.blocks
        text = self.text = article.masked
        self.blocks: list["Block"] = [b for b in article.blocks if b.kind != CODE]
        self._block_starts = [b.span.start for b in self.blocks]
        self.tokens: list[str] = tokens(text)
        self.distinct: set[str] = set(self.tokens)
        self.lower_distinct: set[str] = set(filter(str.islower, self.distinct))
        self._capitalised: set[str] | None = None
        self._capitalised_folded: set[str] | None = None
        self._folded: set[str] | None = None
        self._text_lower: str | None = None
        self._protected: list[tuple[int, int]] | None = None
        self._protected_starts: list[int] = []
        self._evidence: dict[str, Counter] = {}
        self._occurrences: dict[str, list[tuple[int, int]]] = {}

    # -- positions ----------------------------------------------------------------

    def block_at(self, offset: int) -> "Block | None":
        index = bisect.bisect_right(self._block_starts, offset) - 1
        if index >= 0 and offset <= self.blocks[index].span.end:
            return self.blocks[index]
        return None

    def in_heading(self, offset: int) -> bool:
        block = self.block_at(offset)
        return block is not None and block.kind in (HEADING, HEADLINE)

    @property
    def capitalised(self) -> set[str]:
        """The distinct words that are not all lowercase ("Putin", "NATO", "iPhone")."""
        if self._capitalised is None:
            self._capitalised = self.distinct - self.lower_distinct
        return self._capitalised

    @property
    def capitalised_folded(self) -> set[str]:
        """``capitalised``, lowercased ("putin", "nato", "iphone")."""
        if self._capitalised_folded is None:
            self._capitalised_folded = set(map(str.lower, self.capitalised))
        return self._capitalised_folded

    def has_all_folded(self, lower_words: frozenset[str]) -> bool:
        """``self.folded.issuperset(lower_words)``, without building ``folded`` (a union of some 200 words)
        for the few names an article is checked against."""
        missing = lower_words.difference(self.lower_distinct)
        return not missing or missing <= self.capitalised_folded

    @property
    def folded(self) -> set[str]:
        """Every distinct word, lowercased (a lowercase word of Latin letters is its own lowercase form)."""
        if self._folded is None:
            self._folded = self.lower_distinct | self.capitalised_folded
        return self._folded

    def masked_between(self, start: int, end: int) -> bool:
        """Something visible in the source was blanked here (a code span, a link target, a comment)."""
        return any(ch.isalnum() or ch == "`" for ch in self.source[start:end])

    def masked_before(self, offset: int) -> bool:
        """Source text blanked between the start of the line and ``offset``, list markers aside
        ("`newslint scan` lints ...": the visible first word is not the sentence's first)."""
        line_start = self.source.rfind("\n", 0, offset) + 1
        lead = _MARKER.sub("", self.source[line_start:offset], count=1)
        return any(ch.isalnum() or ch == "`" for ch in lead)

    def occurrences(self, word: str) -> list[tuple[int, int]]:
        """Spans of ``word`` as a whole word (no letter on either side), in order."""
        found = self._occurrences.get(word)
        if found is None:
            found = self._occurrences[word] = _find_words(self.text, word)
        return found

    def phrase_occurrences(self, lower_words: tuple[str, ...]) -> list[tuple[tuple[int, int], ...]]:
        """Each occurrence of the phrase in any case, as the span of every word.

        Words may be separated by a space, a non-breaking space, a hyphen or
        ". " ("George W. Bush", "cold War-style" has its own boundary).
        """
        if self._text_lower is None:
            lowered = self.text.lower()
            # str.lower() may change the length of rare characters ("İ"); then offsets would drift.
            self._text_lower = lowered if len(lowered) == len(self.text) else ""
        haystack = self._text_lower
        if not haystack:
            return []
        out = []
        for start, end in _find_words(haystack, lower_words[0]):
            spans = [(start, end)]
            pos = end
            for word in lower_words[1:]:
                if haystack.startswith(". ", pos):
                    pos += 2
                elif pos < len(haystack) and haystack[pos] in " \u00a0-":
                    pos += 1
                else:
                    break
                following = pos + len(word)
                if not haystack.startswith(word, pos) or (following < len(haystack) and haystack[following].isalpha()):
                    break
                spans.append((pos, following))
                pos = following
            if len(spans) == len(lower_words):
                out.append(tuple(spans))
        return out

    def positional(self, offset: int) -> bool:
        """A capital at ``offset`` could be due to where the word stands (not to being a name).

        Scans back over spaces only, to the line start at most (blocks never
        start mid-line, and a soft line break counts as a possible start).
        """
        text = self.text
        pos = offset - 1
        while pos >= 0 and text[pos] in _SPACES:
            pos -= 1
        if pos < 0:
            return True
        prev = text[pos]
        if prev == "\n" or prev in POSITIONAL_PREV:
            return True
        if prev in "'\u2019":  # an opening single quote, not an apostrophe
            return pos == 0 or not text[pos - 1].isalnum()
        return False

    def next_word(self, end: int) -> tuple[int, str] | None:
        """The word right after ``end`` when only one space or non-breaking space separates them."""
        text = self.text
        if end < len(text) and text[end] in " \u00a0":
            match = TOKEN.match(text, end + 1)
            if match:
                return match.start(), match.group()
        return None

    def prev_word(self, start: int) -> tuple[int, str] | None:
        """The word right before ``start`` when one space (or ". ") separates them."""
        text = self.text
        pos = start - 1
        if pos < 1 or text[pos] not in " \u00a0":
            return None
        pos -= 1
        if text[pos] == ".":
            pos -= 1
        end = pos + 1
        while pos >= 0 and (text[pos].isalpha()):
            pos -= 1
        return (pos + 1, text[pos + 1 : end]) if end > pos + 1 else None

    def inside_quote(self, offset: int) -> bool:
        """``offset`` lies inside an open quotation of its block (counted, not parsed: cheap)."""
        block = self.block_at(offset)
        if block is None:
            return False
        before = self.text[block.span.start : offset]
        return before.count("\u201c") > before.count("\u201d") or before.count('"') % 2 == 1

    # -- what must not be touched ------------------------------------------------------

    def protected(self, start: int, end: int) -> bool:
        if self._protected is None:
            self._protected = _protected_spans(self.text)
            self._protected_starts = [s for s, _ in self._protected]
        index = bisect.bisect_right(self._protected_starts, end - 1) - 1
        return index >= 0 and self._protected[index][1] > start

    def attached(self, start: int, end: int) -> bool:
        """The word at start..end is glued to a handle, path, domain, file name or number, not free prose."""
        text = self.text
        before = text[start - 1] if start > 0 else " "
        after = text[end] if end < len(text) else " "
        if before in "@#/\\_=." or before.isdigit() or after in "_@/\\=" or after.isdigit():
            return True
        if before == "-" and (start < 2 or not text[start - 2].isalpha()):
            return True  # a bare suffix or prefix under discussion: "-uk", "-enko"
        if after == "." and end + 1 < len(text) and text[end + 1].isalpha():
            return True  # "ukraine.gov", "e.g."
        return self.protected(start, end)

    # -- casing evidence --------------------------------------------------------------

    def capital_forms(self, lower: str) -> Counter:
        """How often each capitalised form of ``lower`` stands mid-sentence outside headings.

        Computed per word on demand: only a handful of words per article ever
        need it, so no pass over every capitalised word is made.
        """
        forms = self._evidence.get(lower)
        if forms is None:
            forms = self._evidence[lower] = Counter()
            for form in {lower.capitalize(), lower.upper()} & self.distinct:
                for start, _ in self.occurrences(form):
                    if not self.positional(start) and not self.in_heading(start):
                        forms[form] += 1
        return forms

    def capitalised_count(self, lower: str) -> int:
        return sum(self.capital_forms(lower).values())

    def article_form(self, lower: str) -> str | None:
        """How the article writes ``lower`` mid-sentence when it capitalises it ("Putin", "Nato")."""
        forms = self.capital_forms(lower)
        return forms.most_common(1)[0][0] if forms else None


def tokens(text: str) -> list[str]:
    """``TOKEN.findall(text)``, about five times faster when the text is ASCII once the usual non-ASCII
    punctuation is blanked (three BBC articles in four, most news copy): bytes.translate() and str.split()
    cost a few instructions a character, the regex engine a thousand a word."""
    ascii_text = text
    if not ascii_text.isascii():  # (O(1): CPython knows it)
        for char in _COMMON_NON_LETTERS:
            if char in ascii_text:
                ascii_text = ascii_text.replace(char, " ")
        if not ascii_text.isascii():
            return TOKEN.findall(text)
    return ascii_text.encode("ascii").translate(_ASCII_NON_LETTERS).decode("ascii").split()


def _find_words(text: str, word: str) -> list[tuple[int, int]]:
    """``word`` as a whole word in ``text``: str.find, no regex to compile for each new word."""
    out = []
    size = len(word)
    length = len(text)
    pos = text.find(word)
    while pos != -1:
        end = pos + size
        if (pos == 0 or not text[pos - 1].isalpha()) and (end == length or not text[end].isalpha()):
            out.append((pos, end))
        pos = text.find(word, end)
    return out


def _protected_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    if "://" in text or "www." in text:
        spans.extend(m.span() for m in _URL.finditer(text))
    if "@" in text or "#" in text:
        spans.extend(m.span() for m in _EMAIL_OR_HANDLE.finditer(text))
    for match in _DOT_SUFFIX.finditer(text):
        start = match.start()
        while start > 0 and text[start - 1] in _NAME_CHARS:
            start -= 1
        if start < match.start():  # something stands before the dot: "bbc.co.uk", "report.pdf"
            spans.append((start, match.end()))
    spans.extend(_social_quotes(text))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _social_quotes(text: str) -> list[tuple[int, int]]:
    """Quotations that reproduce posts: a handle or hashtag inside, or a cue ("tweeted") just before."""
    anchors = []
    if "@" in text or "#" in text:
        anchors.extend(m.start() for m in _EMAIL_OR_HANDLE.finditer(text))
    cues = _SOCIAL_CUE.finditer(text) if any(hint in text for hint in _SOCIAL_HINTS) else ()
    for cue in cues:
        opening = _OPEN_QUOTE.search(text, cue.end(), cue.end() + 80)
        if opening:
            anchors.append(opening.end())
    out = []
    for anchor in anchors:
        line_start = text.rfind("\n", 0, anchor) + 1
        line_end = text.find("\n", anchor)
        line_end = len(text) if line_end == -1 else line_end
        opening = _LAST_OPEN_QUOTE.search(text, line_start, anchor)
        closing = _CLOSE_QUOTE.search(text, anchor, line_end)
        if opening:
            out.append((opening.start(), closing.end() if closing else line_end))
    return out


def analysis(article: "Article") -> Analysis:
    return article.memo("typography.analysis", Analysis)
