"""TRL003: closing paragraphs that are about something else than the story."""

from __future__ import annotations

import re
from collections import Counter

from lint.model import Severity
from lint.rule import Rule

from rules.phrases import LazyPattern, ignorecase_fold
from rules.trailer.boilerplate import lowered
from rules.trailer.cohesion import content_stems, profile, top_terms
from rules.trailer.ending import (
    TOPIC_MIN_COUNT,
    ending,
    headline_words,
    is_body_paragraph,
    surfaces_for,
    topic_words,
)

# Thresholds measured on the BBC corpus (see docs/families/trailer.md): a paragraph
# from another BBC story pasted at the end meets the info test about nine times in
# ten; the story's own last paragraph about one time in fifty.
MIN_WORDS = 12  # distinct content words; shorter paragraphs say too little to judge
MIN_BODY_WORDS = 60
MAX_SHARED = 0.25  # info: no recurring word of the story and at most a quarter of its words shared
CLEAR_SHARED = 0.1  # warning: hardly a word in common
PREFILTER_SHARED = 0.3  # above this rough share, skip the exact count (see _clearly_on_topic)
MAX_RUN = 3
# "he said", "she added": the speaker is someone the story already introduced.
_SPEECH_VERBS = r"(?:said|says|added|told|joked|insisted|explained|warned|argued|admitted|claimed)\b"
_PRONOUN_SPEAKER = LazyPattern(r"\b(?:he|she|they)\s+" + _SPEECH_VERBS, re.I)
# Every match of _PRONOUN_SPEAKER holds "he" or "hey" then the verb; searched for in the ignorecase_fold() of the
# paragraph (lower case, with the folds of re.IGNORECASE), this pattern opens with a plain literal that the
# engine skips to at memchr speed, where the case-insensitive one is tried at every character. Most
# paragraphs fail it; the few that pass are searched with _PRONOUN_SPEAKER itself.
_PRONOUN_SPEAKER_HINT = LazyPattern(r"hey?\s+" + _SPEECH_VERBS)
# A paragraph that opens by pointing back ("He", "The company", "Meanwhile") continues
# the story by reference even when its vocabulary is new. Looked up in sets rather than
# matched with the alternation it replaces (0.6 ms to compile), with the same meaning:
# r"(?:he|she|...|such|the (?:company|...|officials))\b" matched case-insensitively at the start.
_LINKED_WORDS = frozenset(
    "he she they it its his her their this these that those there but and so yet however meanwhile "
    "elsewhere separately also still earlier later instead even both such".split()
)
_LINKED_NOUNS = frozenset(
    "company firm group club team side government minister party band singer star actor actress film show "
    "player deal decision report survey study figures latest move bank court case country city council agency "
    "organisation organization ministry department spokesman spokeswoman official officials".split()
)


def _word_end(text: str, start: int) -> int:
    """End of the run of word characters (``\\w``: alphanumeric or ``_``) that starts at ``start``."""
    end, size = start, len(text)
    while end < size and (text[end].isalnum() or text[end] == "_"):
        end += 1
    return end


def linked_opening(text: str) -> bool:
    """Whether ``text`` opens on a pronoun, connective or "the company"-style reference (case-insensitive).

    The first word must be one of ``_LINKED_WORDS`` as a whole word, or "the", one space and
    one of ``_LINKED_NOUNS`` as a whole word. ``ignorecase_fold`` lower-cases with the folds of
    ``re.IGNORECASE`` (dotted and dotless i, long s, Kelvin sign), so the sets match what
    the case-insensitive alternation matched.
    """
    end = _word_end(text, 0)
    if end == 0:
        return False
    first = ignorecase_fold(text[:end])
    if first in _LINKED_WORDS:
        return True
    if first != "the" or text[end : end + 1] != " ":
        return False
    second_end = _word_end(text, end + 1)
    return second_end > end + 1 and ignorecase_fold(text[end + 1 : second_end]) in _LINKED_NOUNS


def _off_topic(own: Counter, total: Counter, later: Counter, headline: Counter) -> tuple[bool, float, int]:
    """Is a paragraph off-topic against the text before it (``total`` minus ``later``)?

    Counts are looked up word by word instead of building the body's counter:
    this runs on every article.
    """
    shared = on_topic = 0
    for word in own:
        count = total[word] - later[word]
        if count > 0:
            shared += 1
            if count >= TOPIC_MIN_COUNT or word in headline:
                on_topic += 1
    share = shared / len(own)
    return on_topic == 0 and share <= MAX_SHARED, share, on_topic


def _candidate(article, block) -> bool:
    """A paragraph of running text that does not point back to the story.

    Opening on a pronoun or connective ("He", "The company", "Meanwhile"), quoting a
    speaker as "he said", or opening on a quotation mark (a closing quote, or a quote
    running on from the paragraph before) ties a paragraph to the story whatever its words.
    """
    if not is_body_paragraph(block):
        return False
    text = block.text
    return not (text[:1] in "\"\u201c\u2018'\u00ab" or linked_opening(text) or quotes_pronoun_speaker(text))


def quotes_pronoun_speaker(text: str) -> bool:
    """``_PRONOUN_SPEAKER`` occurs in ``text`` ("he said"), tested through the cheap hint first."""
    return _PRONOUN_SPEAKER_HINT().search(ignorecase_fold(text)) is not None and _PRONOUN_SPEAKER().search(text) is not None


def _clearly_on_topic(article, block) -> bool:
    """Enough of the paragraph's words start a word earlier in the text: no need to count properly.

    A substring test on the lower-cased text, done before the article is tokenised.
    It mostly overstates what is shared (a stem also starts longer words), so the
    cut-off sits well above the off-topic threshold; measured on BBC paragraphs
    pasted after other BBC stories it loses no detection.
    """
    stems = set(content_stems(block.text))
    if len(stems) < MIN_WORDS:
        return True  # too short to judge either way
    before = lowered(article)[: block.span.start]
    shared = sum(map(before.__contains__, [" " + s for s in stems]))
    return shared > len(stems) * PREFILTER_SHARED


def _mostly_quoted(article, block) -> bool:
    """A closing quote is the reporter's choice of last word, attributed and on purpose."""
    text = block.text
    quoted = sum(
        len(q.content) for q in article.quotations
        if q.depth == 0 and block.span.start <= q.span.start < block.span.end
    )
    return quoted * 5 >= len(text) * 2


class OffTopicClosing(Rule):
    """
    What it does: compares each closing paragraph (up to three, from the end) with the
    rest of the story. A paragraph that uses none of the words the story keeps returning
    to and few of its words at all is reported with what it is about and what the story is
    about. Info by default; a warning when the contrast is stark (almost no shared words,
    no shared names) and the rest of the story is itself on one subject. Paragraphs that
    are mostly a quotation are left alone: a closing quote is a deliberate ending.

    Why is this bad? A paragraph from another article glued to the end of a story (a
    scraper that ran on into the next item, a generator padding its output) tells readers
    something the story never set up, and they cannot tell where the story ended.

    Example:
        ... the talks are expected to resume in Geneva next week.

        The striker scored twice in the second half as the visitors came from behind to
        win the cup tie and book a place in the quarter-finals.
    """

    code = "TRL003"
    name = "off-topic-closing"
    category = "trailer"
    severity = Severity.INFO
    summary = "Closing paragraph about a different subject than the story."
    message = (
        "closing paragraph is about {para} while the story is about {story} "
        "({shared} of its {total} words occur earlier); {advice}"
    )
    advice = {
        Severity.INFO: "check that it belongs to this article",
        Severity.WARNING: "it reads like part of another article; delete it or move it to its own story",
    }

    def check(self, article, options):
        end = ending(article)
        blocks = end.content
        if len(blocks) < 4 or not _candidate(article, blocks[-1]) or _clearly_on_topic(article, blocks[-1]):
            return  # cheap tests first: most stories end on a paragraph that points back to them
        words = profile(article)
        headline = headline_words(article, words)
        found = []
        later: Counter = Counter()  # words of the candidate run and the boilerplate after it
        for index in end.boilerplate:
            later.update(words.block(index).stems)
        for block in reversed(blocks[-MAX_RUN:]):
            if not _candidate(article, block):
                break
            own = words.block(block.index).stems
            if len(own) < MIN_WORDS:
                break
            later.update(own)
            if sum(words.total.values()) - sum(later.values()) < MIN_BODY_WORDS:
                break
            off, share, on_topic = _off_topic(own, words.total, later, headline)
            if not off or _mostly_quoted(article, block):
                break
            found.append((block, own, share, on_topic))
        if not found or sum(1 for b in blocks if is_body_paragraph(b)) < len(found) + 2:
            return  # too short a story to have a subject of its own
        for block, own, share, on_topic in reversed(found):
            clear = share <= CLEAR_SHARED and _single_subject(article, words, block.index, headline)
            severity = Severity.WARNING if clear else Severity.INFO
            before = [b.index for b in blocks if b.index < block.index]
            body = words.before(block.index)
            message = self.message.format(
                para=", ".join(_paragraph_terms(words, block.index)),
                story=", ".join(top_terms(body, surfaces_for(article, before))),
                shared=sum(1 for w in own if body.get(w)),
                total=len(own),
                advice=self.advice[severity],
            )
            yield self.finding(block.span, message, severity=severity)


def _paragraph_terms(words, index: int) -> list[str]:
    """Names first (capitalised words), then the most repeated words."""
    block = words.block(index)
    surfaces = block.surfaces
    ranked = sorted(block.stems.items(), key=lambda item: (not surfaces[item[0]][:1].isupper(), -item[1]))
    return [surfaces[stem_] for stem_, _ in ranked[:3]]


def _single_subject(article, words, last: int, headline: Counter) -> bool:
    """Three in four earlier paragraphs share a recurring word with the rest: the story sticks to one subject.

    Review round-ups and sports team news change subject paragraph by paragraph; there
    a paragraph with new vocabulary is normal, so it stays at info.
    """
    paragraphs = [b.index for b in article.blocks if b.index < last and is_body_paragraph(b)]
    if len(paragraphs) < 2:
        return False
    body = words.before(last)
    linked = 0
    for index in paragraphs:
        own = words.block(index).stems
        topics = topic_words(body - own, headline)
        linked += any(w in topics for w in own)
    return linked * 4 >= len(paragraphs) * 3
