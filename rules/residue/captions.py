"""RES004: photo captions pasted into the body of the story."""

from __future__ import annotations

import re

from lint.article import BLOCKQUOTE, HEADLINE, PARAGRAPH, Block, looks_like_heading
from lint.model import Severity
from lint.rule import Rule
from lint.text import split_sentences

from rules.phrases import LazyPattern
from rules.residue.lexicon import captions
from rules.residue.lines import lowered, speaker_label, straighten

MAX_CAPTION_WORDS = 70  # positional markers and credits further into a paragraph are not a caption
STRUCTURAL_WORDS = (8, 45)
_TERMINAL = ".!?\u2026\"'\u201d\u2019:;,"
_PAST = frozenset("was were had did said told".split())
# Literal hints, searched once in the lower-cased article, that rule out almost every
# article before the full expressions run on its paragraphs.
_POSITION_HINTS = (", left", "(left", ", right", "(right", ", cent", "(cent", ", top", ", bottom", "from left",
                   "from right", ", far ", ", front", ", rear", "ground,", "ground)", "left to right", "clockwise")
_CREDIT_HINTS = ("photo", "/", "getty", "epa-efe", "shutterstock", "alamy", "credit:", "caption:", "picture:",
                 "image:", "pictured:")
_TOKEN = LazyPattern(r"[a-z]+(?:'[a-z]+)?")
_QUOTE_MARKS = ("\"", "\u201c", "\u201d", "...", "\u2026")
# Captions name what is in the picture; a line opening on a conjunction continues an argument.
_CONJUNCTION = LazyPattern(r"(?:but|and|so|or|yet|because|although|though|however|still|just)\b", re.I)


class CaptionResidue(Rule):
    """
    What it does: flags photo captions that a scraper pasted into the running text. A
    line that places people in a picture ("Zelenskyy, left, greets ... Kellogg, right,")
    or carries a picture credit ("(AP Photo/...)", "Getty Images") is a warning. A
    standalone line between paragraphs that reads like a caption (at least eight words,
    sentence case, present tense, no closing punctuation: "Tracers are seen in the night
    sky as ...") is info. A standfirst directly under the headline is not treated as a
    caption by the structural test, nor is past-tense reporting.

    Why is this bad? Without its picture a caption is a stray sentence in the present tense
    that interrupts the story and often repeats it; it shows the copy was lifted from a web
    page without an editor's pass.

    Example:
        Zelenskyy, left, greets U.S. Special envoy Keith Kellogg, right, before the start of
        a bilateral meeting, February 20, 2025
    """

    code = "RES004"
    name = "caption-residue"
    category = "residue"
    severity = Severity.WARNING
    summary = "Photo caption pasted into the body of the story."
    message = "{what} ('{text}'); {advice}"
    advice = "delete it or set it as a caption"

    def check(self, article, options):
        lexicon = captions()
        blocks = article.blocks
        standfirst = _standfirst_index(blocks)
        low = lowered(article)
        positional = any(hint in low for hint in _POSITION_HINTS)
        credits = any(hint in low for hint in _CREDIT_HINTS)
        for position, block in enumerate(blocks):
            if block.kind not in (PARAGRAPH, BLOCKQUOTE):
                continue
            text = block.text.strip()
            if text.count(" ") >= MAX_CAPTION_WORDS or speaker_label(text):
                continue
            if positional:
                match = lexicon.positional.search(text)
                if match:
                    what = "photo caption pasted into the body: it places people in a picture"
                    yield self.finding(block.span, self._message(what, match.group(0)))
                    continue
            if credits:
                match = lexicon.credits.search(text)
                if match:
                    yield self.finding(block.span, self._message("picture credit pasted into the body", match.group(0)))
                    continue
            if block.index != standfirst and _caption_shaped(text, lexicon.present_verbs):
                if _between_paragraphs(blocks, position) and _one_sentence(article, block):
                    what = "caption-like line between paragraphs (present tense, no full stop)"
                    advice = "if it describes a picture, " + self.advice
                    yield self.finding(block.span, self._message(what, text, advice), severity=Severity.INFO)

    def _message(self, what: str, text: str, advice: str | None = None) -> str:
        return self.message.format(what=what, text=_short(text), advice=advice or self.advice)


def _standfirst_index(blocks: list[Block]) -> int:
    """The block straight under the headline: a deck or standfirst, sentence case and no full stop by design."""
    for position, block in enumerate(blocks):
        if block.kind == HEADLINE:
            return blocks[position + 1].index if position + 1 < len(blocks) else -1
    return -1


def _caption_shaped(text: str, present_verbs: frozenset[str]) -> bool:
    """One present-tense sentence in sentence case, with no closing punctuation and no quotation."""
    if text[-1] in _TERMINAL or not text[0].isupper():
        return False  # the cheap tests first: nearly every paragraph ends with a full stop
    low, high = STRUCTURAL_WORDS
    if not low <= len(text.split()) <= high:
        return False
    if _CONJUNCTION().match(text) or any(mark in text for mark in _QUOTE_MARKS):
        return False
    if looks_like_heading(text):
        return False  # title case: a crosshead, not a caption
    tokens = _TOKEN().findall(straighten(text).lower())
    if any(t in _PAST for t in tokens):
        return False  # narrating the past is reporting
    return any(t in present_verbs for t in tokens)


def _one_sentence(article, block: Block) -> bool:
    return len(split_sentences(article.masked, block.span.start, block.span.end)) == 1


def _between_paragraphs(blocks: list[Block], position: int) -> bool:
    """Running text on both sides that ends its sentences: the line interrupts the story."""
    if position == 0 or position + 1 >= len(blocks):
        return False
    before, after = blocks[position - 1], blocks[position + 1]
    return _is_running_text(before) and after.kind in (PARAGRAPH, BLOCKQUOTE) and len(after.text.split()) >= 8


def _is_running_text(block: Block) -> bool:
    text = block.text.rstrip()
    return block.kind in (PARAGRAPH, BLOCKQUOTE) and len(text.split()) >= 8 and text[-1:] in ".!?\"'\u201d\u2019)"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
