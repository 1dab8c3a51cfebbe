"""SRC003 weasel-attribution: claims resting on unnamed reports or an unnamed crowd."""

from __future__ import annotations

import re
from typing import Iterable

from lint.article import Article
from lint.model import Finding, Severity, Span
from lint.rule import Rule, RuleOptions
from lint.resources import lazy_pattern

from rules.sourcing.attribution import Analysis, get_analysis
from rules.sourcing.lexicon import HEDGE_OPTIONS, LEXICON_OPTIONS
from rules.sourcing.speakers import ANONYMOUS, INSTITUTION, NAMED

_NAMED_REPORTS = lazy_pattern(r"\s+(?:in|by|from|on|of)\s+(?:the\s+)?[A-Z]")


class WeaselAttribution(Rule):
    """
    What it does: flags claims that rest on unnamed reports or an unnamed
    crowd: "reportedly", "according to reports", "it is widely thought",
    "is said to", "critics fear", "experts believe", "analysts suggest",
    "many see it as", "some argue". Info by default; a warning when the
    headline or the first paragraph rests on a hedge and no source is named in
    the headline, the first paragraph or the paragraph after it (crowds such
    as "critics fear" stay info). "Could not be independently verified" and the legal
    "allegedly" are good practice and never flagged; phrases inside a
    quotation belong to the speaker and are skipped.

    Why is this bad? Weasel words let a writer assert something without
    standing behind it or saying who does. In a lede they carry the whole
    story on hearsay; in generated copy they stand in for reporting that was
    never done.

    Example:
        Putin is reportedly preparing to demand a guarantee, and critics fear
        the talks will fail.
    """

    code = "SRC003"
    name = "weasel-attribution"
    category = "sourcing"
    severity = Severity.INFO
    summary = "Claim resting on unnamed reports or an unnamed crowd (\"reportedly\", \"critics fear\")."
    message = '"{phrase}" rests the claim on no one in particular; say who reported or holds this view'
    options = {**LEXICON_OPTIONS, **HEDGE_OPTIONS}

    def check(self, article: Article, options: RuleOptions) -> Iterable[Finding]:
        analysis, lex = get_analysis(article, options)
        text = article.masked
        hits: list[tuple[Span, str, int, str]] = []  # span, phrase, block index, kind
        for span, block_index in analysis.hedges:
            phrase = " ".join(text[span.start : span.end].split())
            if phrase.lower().startswith("according to") and _NAMED_REPORTS().match(text, span.end):
                continue  # "according to reports in the Financial Times" names its source
            hits.append((span, phrase, block_index, "hedge"))
        for att in analysis.attributions:
            speaker = att.speaker
            if (speaker.kind == ANONYMOUS and speaker.crowd and not att.quotes
                    and speaker.head in lex.weasel_nouns and not att.relay):
                span = Span(min(att.span.start, speaker.span.start), att.span.end)
                phrase = " ".join(text[span.start : span.end].split())
                hits.append((span, phrase, att.block, "crowd"))
        hits.sort(key=lambda h: (h[0].start, -h[0].end))
        claim_blocks, support_blocks = analysis.front
        named = _blocks_with_named_source(analysis)
        unsupported = not any(b in named for b in support_blocks)
        warned = False
        last_end = -1
        for span, phrase, block_index, kind in hits:
            if span.start < last_end:
                continue  # overlapping matches ("many analysts suggest" and "many ... suggest")
            last_end = span.end
            if kind == "hedge" and not warned and block_index in claim_blocks and unsupported:
                warned = True
                where = "headline" if article.blocks[block_index].kind == "headline" else "first paragraph"
                yield self.finding(span, f'the {where} rests on "{phrase}" and no source is named near it; '
                                         "say who reported it", severity=Severity.WARNING)
            else:
                yield self.finding(span, self.message.format(phrase=phrase), severity=Severity.INFO)


def _blocks_with_named_source(analysis: Analysis) -> set[int]:
    """Blocks with a named or institutional speaker, not counting an outlet that
    itself cites unnamed people ("The FT, citing Russian officials, revealed ...")."""
    relayed = {att.sentence for att in analysis.attributions if att.relay}
    return {att.block for att in analysis.attributions
            if att.speaker.kind in (NAMED, INSTITUTION) and att.sentence not in relayed}
