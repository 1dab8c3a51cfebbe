"""TRL002: another article's headline left after the last paragraph."""

from __future__ import annotations

import re

from lint.model import Severity
from lint.rule import Rule

from rules.phrases import LazyPattern
from rules.trailer.cohesion import coverage, profile, top_terms
from rules.trailer.ending import (
    ending,
    headline_words,
    is_body_paragraph,
    is_title_line,
    surfaces_for,
    topic_words,
)

# Title-case lines that legitimately close a story: credits, bylines, notes.
_CLOSING_LINE = LazyPattern(
    r"(?:by|reporting|writing|editing|additional reporting|compiled|produced|photos?|photograph(?:s|y)?|images?|"
    r"video|graphics?|source|sources|with|via|editor[\u2019']?s note|note|correction|clarification|update|updated|"
    r"published|posted|first published|copyright|contact|email)\b",
    re.I,
)
# Addresses and separators belong to bylines and footers; two commas make a list of names.
_NOT_A_HEADLINE = LazyPattern(r"[@|;]|https?:|www\.|\.com\b|,[^,]*,")
MAX_STRAY = 3  # a "related stories" list leaves a few headlines in a row
MIN_WORDS = 4  # content words; shorter lines ("Comments") are TRL001's


class StrayHeadline(Rule):
    """
    What it does: flags a title-case line with no closing punctuation after the story's
    last paragraph (up to three in a row, e.g. a "related stories" list) when it shares
    almost none of the story's vocabulary: the headline of another article that the scraper
    picked up from the page.

    Why is this bad? Readers take a headline at the end of a story as part of it, or as a
    teaser the publisher chose; an unrelated one ("Conspiracy Theories Emerge After Mid-Air
    Collision ...") under a story about Ukraine's NATO bid shows the copy was scraped and
    never edited, and can mislead about what the story covers.

    Example:
        ... Putin's vision of a 'victory' over Ukraine never becomes a reality.

        Conspiracy Theories Emerge After Mid-Air Collision Between Black Hawk Helicopter and Plane
    """

    code = "TRL002"
    name = "stray-headline"
    category = "trailer"
    severity = Severity.WARNING
    summary = "Another article's headline after the last paragraph."
    message = (
        "title-case line after the last paragraph shares {shared} of its {total} words with the story "
        "(about {topic}); it looks like another article's headline picked up from the page; delete it"
    )
    options = {"max-shared": 0.2}

    def check(self, article, options):
        end = ending(article)
        blocks = end.content
        strays = []
        i = len(blocks) - 1
        while i > 0 and len(strays) < MAX_STRAY and _headline_shaped(blocks[i]):
            strays.append(blocks[i])
            i -= 1
        if not strays or i < 1 or not is_body_paragraph(blocks[i]):
            return
        words = profile(article)
        stray_indexes = {b.index for b in strays} | set(end.boilerplate)
        body = words.rest(stray_indexes)
        if sum(body.values()) < 40:
            return  # too little story to compare with
        topics = topic_words(body, headline_words(article, words))
        for block in reversed(strays):
            own = words.block(block.index).stems
            if len(own) < MIN_WORDS or any(w in topics for w in own):
                continue
            share = coverage(own, body)
            if share > options["max-shared"]:
                continue
            shared = sum(1 for w in own if body.get(w))
            story = [b.index for b in blocks if b.index not in stray_indexes]
            topic = ", ".join(top_terms(body, surfaces_for(article, story)))
            yield self.finding(block.span, self.message.format(shared=shared, total=len(own), topic=topic))


def _headline_shaped(block) -> bool:
    text = block.text.strip()
    return is_title_line(block) and not _CLOSING_LINE().match(text) and not _NOT_A_HEADLINE().search(text)
