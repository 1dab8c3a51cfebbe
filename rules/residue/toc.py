"""RES002: a table of contents left over from a generated outline."""

from __future__ import annotations

import re

from lint.article import CODE, HEADLINE, LIST_ITEM, Article, Block
from lint.model import Related, Severity
from lint.rule import Rule

from rules.phrases import LazyPattern
from rules.residue.lexicon import prompts
from rules.residue.lines import comparison_key, line_of, straighten

_TOC_TITLE = LazyPattern(
    r"(?:table of contents|contents|in this (?:article|story|piece|guide|report)|jump to|on this page|"
    r"what you(?:'ll| will) (?:learn|read)|article outline|outline)",
    re.I,
)
SEARCH_BLOCKS = 12  # a table of contents sits at the top of the article
MIN_ENTRIES_TITLED = 2
MIN_ENTRIES_UNTITLED = 3


class Toc:
    __slots__ = ("title", "entries", "matched", "headline_entries", "prompt_entries")

    def __init__(self, title: Block | None, entries: list[Block], matched: int) -> None:
        self.title = title
        self.entries = entries
        self.matched = matched  # entries that repeat a line of the article
        self.headline_entries: list[Block] = []
        self.prompt_entries: list[Block] = []

    @property
    def indexes(self) -> frozenset[int]:
        return frozenset(b.index for b in self.entries)


def find_toc(article: Article) -> Toc | None:
    """The article's table of contents, if it has one (shared by the residue rules)."""
    return article.memo("residue.toc", _find)


def _find(article: Article) -> Toc | None:
    blocks = [b for b in article.blocks if b.kind != CODE]
    top = blocks[: SEARCH_BLOCKS + 1]
    if not any(b.kind == LIST_ITEM for b in top):
        return None
    for position, block in enumerate(top):
        if block.kind == HEADLINE:
            continue
        titled = block.kind != LIST_ITEM and _TOC_TITLE().fullmatch(comparison_key(block.text)) is not None
        if not titled and block.kind != LIST_ITEM:
            continue
        start = position + 1 if titled else position
        entries = []
        for entry in blocks[start:]:
            if entry.kind != LIST_ITEM:
                break
            entries.append(entry)
        if not entries:
            continue
        toc = _assess(article, blocks, titled and block or None, entries)
        needed = MIN_ENTRIES_TITLED if titled else MIN_ENTRIES_UNTITLED
        if len(entries) >= needed and (titled or toc.matched * 5 >= len(entries) * 3):
            return toc
        if not titled:
            return None  # the first list near the top is not a table of contents
    return None


def _assess(article: Article, blocks: list[Block], title: Block | None, entries: list[Block]) -> Toc:
    last = entries[-1].index
    later = {comparison_key(b.text) for b in blocks if b.index > last}
    headline = article.headline
    headline_key = comparison_key(headline.text) if headline is not None else None
    toc = Toc(title, entries, 0)
    lexicon = prompts()
    for entry in entries:
        key = comparison_key(entry.text)
        if key == headline_key:
            toc.headline_entries.append(entry)
        if key in later or key == headline_key:
            toc.matched += 1
        if lexicon.is_prompt(straighten(comparison_key(entry.text))):
            toc.prompt_entries.append(entry)
    return toc


class TocResidue(Rule):
    """
    What it does: flags a table of contents at the top of an article when it is the
    generator's outline rather than navigation for readers: an entry repeats the article's
    own headline, an entry is a prompt question, or the article is too short to need one.
    The finding sits on the "Table of Contents" line (or the list's first line) and names
    the lines of the block.

    Why is this bad? News stories do not open with a contents list. A list that repeats the
    headline as section one and ends with the question the writer was asked to answer is
    the skeleton the text was generated from, left in by mistake.

    Example:
        Putin's Demands in Ukraine-NATO Negotiations: A Deep Dive
        Table of Contents
        - 1. Putin's Demands in Ukraine-NATO Negotiations: A Deep Dive
        - 2. Putin's Pre-War Demands: A Strategic Play
        - 3. What are the key components of Putin's pre-war demands ...?
    """

    code = "RES002"
    name = "toc-residue"
    category = "residue"
    severity = Severity.WARNING
    summary = "Table of contents left over from a generated outline."
    message = "table of contents from a generated outline (lines {first}-{last}): {why}; delete the block"
    short_message = (
        "table of contents in a {words}-word story (lines {first}-{last}); a news story this short needs none; "
        "delete it"
    )
    options = {"long-article-words": 1000}

    def check(self, article, options):
        toc = find_toc(article)
        if toc is None:
            return
        first = line_of(article, toc.entries[0].span.start)
        last = line_of(article, toc.entries[-1].span.start)
        anchor = toc.title or toc.entries[0]
        words = len(article.masked.split())
        reasons = []
        related = []
        if toc.headline_entries:
            reasons.append("it lists the headline as a section")
            related += [Related(b.span, "the headline listed as a section") for b in toc.headline_entries]
        if toc.prompt_entries:
            reasons.append("it lists a prompt question")
            related += [Related(b.span, "a prompt question listed as a section") for b in toc.prompt_entries]
        if toc.title is not None:
            first = line_of(article, toc.title.span.start)
        if reasons:
            message = self.message.format(first=first, last=last, why=" and ".join(reasons))
            yield self.finding(anchor.span, message, related=related)
        elif words < options["long-article-words"]:
            message = self.short_message.format(words=words, first=first, last=last)
            yield self.finding(anchor.span, message, severity=Severity.INFO)
        # else: a long feature with a real table of contents
