"""TRL001: comment forms, share buttons, newsletter and sign-off text scraped with the story."""

from __future__ import annotations

from lint.article import CODE, HEADLINE, Article
from lint.model import Severity, Span
from lint.rule import Rule
from lint.text import split_sentences

from rules.phrases import ignorecase_fold
from rules.trailer.lexicon import END, boilerplate

# Curly quotes and apostrophes -> straight ones before a short line is
# matched against the whole-line patterns. Not shared with residue's
# ``straighten`` on purpose: that one also turns a no-break space into a space
# (its repeated-line keys ignore spacing), which here would let the line
# patterns' literal spaces match where they do not today.
_CURLY = (("\u2019", "'"), ("\u2018", "'"), ("\u02bc", "'"), ("\u201c", '"'), ("\u201d", '"'))


def straighten(text: str) -> str:
    for curly, straight in _CURLY:
        if curly in text:
            text = text.replace(curly, straight)
    return text

# Bullets and arrows before a label, trailing punctuation after it (whitespace too), stripped
# with a loop over the few characters at each end instead of two patterns:
# r"[\s\-*\u2022\u00b7>|\u00bb\u203a\u2192#]+" at the start, r"[\s.:!|>\u00bb\u203a\u2192\-\u2026]+$" at the end.
_LEAD = frozenset("-*\u2022\u00b7>|\u00bb\u203a\u2192#")
_TRAIL = frozenset(".:!|>\u00bb\u203a\u2192-\u2026")
MAX_LINE = 200  # longer lines are prose, never a widget label


class Hit:
    """One line of boilerplate."""

    __slots__ = ("line", "block", "span", "kind", "reason", "severity", "phrase")

    def __init__(self, line: int, block: int, span: Span, kind: str, reason: str, severity: Severity,
                 phrase: Span) -> None:
        self.line = line
        self.block = block
        self.span = span
        self.kind = kind
        self.reason = reason
        self.severity = severity
        self.phrase = phrase  # what matched: the whole line, or the prompt inside a longer one

    def __repr__(self) -> str:
        return f"Hit(line={self.line!r}, kind={self.kind!r}, span={self.span!r})"


SHORT_BLOCK = 12  # words: the page furniture after a story comes in short lines


def end_region_start(article: Article) -> int:
    """Index of the first block of the article's end region.

    The last quarter of the blocks (at least four), extended back over the run of
    short blocks that closes the article: a long trail of widgets is all end region.
    """
    blocks = article.blocks
    start = max(1, len(blocks) - max(4, len(blocks) // 4))
    index = len(blocks) - 1
    while index > 1 and blocks[index].text.count(" ") < SHORT_BLOCK:
        index -= 1
    return min(start, index + 1)


def lowered(article: Article) -> str:
    """``article.masked`` lower-cased with offsets kept (computed once per article by the engine)."""
    return article.lowered


def scan(article: Article) -> dict[int, Hit]:
    """Boilerplate hits by line number (shared by the trailer rules)."""
    return article.memo("trailer.boilerplate", _scan)


def _scan(article: Article) -> dict[int, Hit]:
    lexicon = boilerplate()
    text = article.masked
    tail = end_region_start(article)
    hits: dict[int, Hit] = {}
    prose = [b for b in article.blocks if b.kind not in (CODE, HEADLINE)]
    for block in prose:
        start, end = block.span.start, block.span.end
        if end - start > MAX_LINE + 20 and text.find("\n", start, end) == -1:
            continue  # one long line of prose: never a widget label
        for raw in text[start:end].split("\n"):
            if len(raw) <= MAX_LINE + 20:
                _check_line(article, lexicon, text, block, start, start + len(raw), block.index >= tail, hits)
            start += len(raw) + 1
    if not prose:
        return hits
    region = Span(prose[0].span.start, prose[-1].span.end)
    # The region's text, cut once: ``anchor in`` it is ``low.find(anchor, start, end) != -1`` without the
    # method call and its arguments, for some two dozen anchors on every article.
    region_low = lowered(article)[region.start : region.end]
    for pattern in lexicon.sentences:
        if not any(anchor in region_low for anchor in pattern.anchors):
            continue
        for match in _sentence_matches(pattern, text, region):
            line, _ = article.lines.position(match.start())
            if line in hits or _inside_quotation(article, match.start()):
                continue
            block = article.block_at(match.start())
            if block is None or block.kind in (CODE, HEADLINE):
                continue
            span = _sentence_around(text, match.start(), block.span)
            phrase = Span(match.start(), match.end())
            hits[line] = Hit(line, block.index, span, pattern.kind, pattern.reason, pattern.severity, phrase)
    return hits


def _sentence_matches(pattern, text: str, region: Span):
    """``pattern.regex.finditer`` over the region, run only on the lines that hold one of its keys.

    Sound because every match contains a key and stays on its line (see
    ``SentencePattern``); the lines are searched in order, so the matches come in
    the order of a search over the whole region.
    """
    regex = pattern.regex
    keys = pattern.line_keys
    if keys is None:
        yield from regex.finditer(text, region.start, region.end)
        return
    # ignorecase_fold keeps offsets (the one character that lower-cases to two is folded first).
    keyed = ignorecase_fold(text[region.start : region.end])
    lines: set[int] = set()
    for key in keys:
        pos = keyed.find(key)
        while pos != -1:
            line_start = keyed.rfind("\n", 0, pos) + 1
            lines.add(line_start)
            line_end = keyed.find("\n", pos)
            if line_end == -1:
                break
            pos = keyed.find(key, line_end)
    for line_start in sorted(lines):
        line_end = keyed.find("\n", line_start)
        end = region.end if line_end == -1 else region.start + line_end
        yield from regex.finditer(text, region.start + line_start, end)


def _check_line(article, lexicon, text, block, start, end, in_tail, hits) -> None:
    core_start = start
    while core_start < end and (text[core_start] in _LEAD or text[core_start].isspace()):
        core_start += 1
    core_end = end
    while core_end > core_start and (text[core_end - 1] in _TRAIL or text[core_end - 1].isspace()):
        core_end -= 1
    if core_end <= core_start or core_end - core_start > MAX_LINE:
        return
    core = straighten(text[core_start:core_end])
    for pattern in lexicon.candidates(core):
        if pattern.where == END and not in_tail:
            continue
        if pattern.fullmatch(core):
            line, _ = article.lines.position(core_start)
            span = Span(core_start, core_end)
            hits[line] = Hit(line, block.index, span, pattern.kind, pattern.reason, pattern.severity, span)
            return


def _sentence_around(text: str, offset: int, bounds: Span) -> Span:
    """The sentence of the block that holds ``offset`` (the engine's splitter knows "Dr.")."""
    for span in split_sentences(text, bounds.start, bounds.end):
        if span.start <= offset < span.end:
            return span
    return bounds


def _inside_quotation(article: Article, offset: int) -> bool:
    """True inside reported speech: a site's prompt quoted in a story is reporting, not residue."""
    return any(q.is_double and q.content.start <= offset < q.content.end for q in article.quotations)


def excerpt(article: Article, span: Span, limit: int = 60) -> str:
    snippet = " ".join(article.text[span.start : span.end].split())
    return snippet if len(snippet) <= limit else snippet[: limit - 1].rstrip() + "\u2026"


class BoilerplateTrailer(Rule):
    """
    What it does: flags lines of web-page furniture that a scraper copied with the story:
    comment forms ("Leave a Reply", "Your email address will not be published"), prompts
    asking readers to comment, the site's sign-off ("Stay tuned to ... for further
    updates"), share and follow buttons, "Related"/"Read more" links, newsletter and
    subscription prompts, advert markers, cookie and login notices. Whole lines are matched
    anywhere (the weakest labels, such as "Share" or "Tags: ...", only near the end); a
    prompt or sign-off sentence is also found inside a longer line. One finding per line.

    Why is this bad? None of this is journalism: it tells the reader the text was lifted
    from a web page without an editor's pass, and a comment prompt or a site's sign-off
    in republished copy advertises somebody else's site.

    Example:
        ... the outcome will shape the region for years.

        Comments

        Leave a Replay
    """

    code = "TRL001"
    name = "boilerplate-trailer"
    category = "trailer"
    severity = Severity.WARNING
    summary = "Comment form, share, newsletter or sign-off boilerplate copied from the web page."
    message = "{reason} ('{text}'), not part of the story; delete it"

    def check(self, article, options):
        for hit in sorted(scan(article).values(), key=lambda h: h.line):
            yield self.finding(
                hit.span,
                self.message.format(reason=hit.reason, text=excerpt(article, hit.phrase)),
                severity=hit.severity,
            )
