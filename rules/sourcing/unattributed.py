"""SRC002 unattributed-quote: a quoted sentence with no speaker anywhere near it."""

from __future__ import annotations

import re
from typing import Iterable

from lint.article import Article
from lint.model import Finding, Severity, Span
from lint.rule import Rule, RuleOptions
from lint.resources import lazy_pattern

from rules.sourcing.attribution import HEADING_KINDS, PROSE_BODY, Analysis, QuoteInfo, get_analysis
from rules.sourcing.lexicon import LEXICON_OPTIONS

# Words right before a quote that make it a title, a slogan or a text rather
# than speech: 'a film called "..."', 'banners reading "..."'.
_TITLE_CUES = frozenset(
    """called titled entitled dubbed named headlined headline slogan motto song single album book film movie show
    series novel play poem banner banners placard placards sign signs read reads reading label labelled labeled
    message hashtag tagline caption chant chanting chanted chants sang sing singing lyric lyrics words question
    motion text wording phrase line lines verse inscription inscribed ballot""".split()
)
# 'a "New Labour manifesto ..."': a quoted phrase inside a noun phrase, not a sentence.
_PHRASE_CUES = frozenset("a an the his her its their our of this that as".split())
_LEAD_WORDS = lazy_pattern(r"[A-Za-z]+")


def _not_speech_lead(lead: str) -> bool:
    """Whether the words right before a quote make it a title, a text or a phrase rather than speech."""
    tail = lead.rstrip(" \t,:")
    if not tail[-1:].isalpha():
        return False  # "... the movie. “People will ...”": a sentence ended before the quote
    words = _LEAD_WORDS().findall(tail[-30:].lower())
    if not words:
        return True  # words in another script ("сказал «…»"): unreadable here, so not flagged
    last = words[-1]
    if last in _TITLE_CUES or last in _PHRASE_CUES and tail == lead.rstrip():
        return True
    return last in ("of", "was", "is") and len(words) > 1 and words[-2] in _TITLE_CUES


_MINOR_WORDS = frozenset("a an and as at but by for from in into of on or over the to up via with vs nor per than".split())
_WORD = lazy_pattern(r"[^\W\d_][\w'\u2019-]*")


class UnattributedQuote(Rule):
    """
    What it does: flags a quotation of a sentence or more that has no speaker:
    none in its own sentence, the sentence before or after, the earlier
    sentences of its paragraph, or the paragraph that introduces it ("he
    said:" at the end of the previous paragraph counts, and a quote that opens
    a paragraph continues the speaker of the paragraph before). Short scare
    quotes, titles in title case, phrases after "called" or "titled",
    transcript lines ("Name: text") and quotes in headlines are not checked.

    Why is this bad? A quote with no speaker cannot be checked and reads as the
    publication's own voice. In generated and scraped copy it often marks a
    fabricated quote or an attribution lost when the text was cut.

    Example:
        The summit ended without agreement. “We will not give an inch on this
        question, whatever Washington offers.”
    """

    code = "SRC002"
    name = "unattributed-quote"
    category = "sourcing"
    severity = Severity.WARNING
    summary = "Quotation of a sentence or more with no speaker."
    message = "quote has no speaker in its sentence, the sentences around it or the paragraph that introduces it; say who said it"
    options = {"min-words": 6, **LEXICON_OPTIONS}

    def check(self, article: Article, options: RuleOptions) -> Iterable[Finding]:
        analysis, lex = get_analysis(article, options)
        min_words = int(options["min-words"])
        text = article.masked
        blocks = article.blocks
        if not analysis.quotes:
            return
        context = _SpeakerContext(article, analysis)
        for info in analysis.quotes:
            block = blocks[info.block]
            if block.kind not in PROSE_BODY:
                continue  # headlines drop attributions; the body names the speaker
            if info.speaker is not None:
                context.mark(info, True)
                continue
            q = info.quote
            content = text[q.content.start : q.content.end]
            lead = text[max(block.span.start, q.span.start - 40) : q.span.start]
            # Cheapest tests first (they have no side effects, so the order is free).
            if content.count(" ") < min_words - 1 or not _is_sentence(content) or _not_speech_lead(lead) \
                    or not _has_words(content, min_words) \
                    or _is_title(content):
                continue  # a scare quote, a fragment or a title: not speech that needs a speaker
            if context.has_speaker(info):
                context.mark(info, True)
                continue
            if context.continues_unattributed(info):
                context.mark(info, False)
                continue  # reported once, on the first quote of the run
            context.mark(info, False)
            yield self.finding(_opening_span(text, q), self.message)


# The words of ``lint.text.word_count`` (a test pins them to it).
_COUNTED_WORD = lazy_pattern(r"[^\W_]+(?:['\u2019.-][^\W_]+)*")
_WORDS_PREFIX = 64  # characters: enough for six words in almost every quote


def _has_words(content: str, least: int) -> bool:
    """``word_count(content) >= least``, reading the quote's opening first: quotes run to
    hundreds of words and only the first few matter here. (A prefix holds no more
    words than the whole: a word cut at its end still counts once.)"""
    words = _COUNTED_WORD()
    return len(words.findall(content, 0, _WORDS_PREFIX)) >= least or len(words.findall(content)) >= least


def _is_sentence(content: str) -> bool:
    """Quoted speech opens like a sentence; a lower-case start is a fragment ("fully costed")."""
    stripped = content.lstrip(" .\u2026([\u2014\u2013-'\u2018")
    return bool(stripped) and (stripped[0].isupper() or stripped[0].isdigit())


def _is_title(content: str) -> bool:
    """A title in title case ("The Spy Who Came In From The Cold"), not a quoted sentence."""
    if len(content) > 120:
        return False  # titles are short; a long quote is speech
    words = [w for w in _WORD().findall(content) if w.lower() not in _MINOR_WORDS]
    if not words:
        return True
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) >= 0.8


def _opening_span(text: str, q) -> Span:
    """The opening mark and the first few words of the quote, on its first line."""
    end = q.content.start
    words = 0
    for m in _WORD().finditer(text, q.content.start, q.content.end):
        if "\n" in text[q.content.start : m.end()]:
            break
        end = m.end()
        words += 1
        if words == 4:
            break
    return Span(q.span.start, max(end, q.span.start + 1))


class _SpeakerContext:
    """Where a quote with no attribution of its own can take its speaker from.

    * a transcript label on its line, a colon introducing it ('It will be:
      "..."', 'He praised the director: "..."') or a name right before it
      ('Bolton boss Sam Allardyce "I am ..."');
    * a speech verb in any sentence the quote covers, in the sentence after it
      (the next paragraph's first sentence when the quote ends its paragraph),
      or in any earlier sentence of its paragraph (the speaker named two
      sentences before);
    * an earlier sentence of its paragraph with a person as its subject
      ("Campbell signalled his intent to move abroad. "I'm 30 now ...""):
      wire copy often lets such a sentence introduce the quote;
    * an earlier quote in the paragraph that had a speaker;
    * for a quote that opens its paragraph, the paragraph before: a speaker
      there (a continuing quote), a colon ending it, or a person as the
      subject of its last sentence.
    """

    def __init__(self, article: Article, analysis: Analysis) -> None:
        self.analysis = analysis
        self.text = article.masked
        self.sentences = article.sentences
        self.blocks = article.blocks
        self.spoken = set(analysis.cue_sentences) | set(analysis.by_sentence)
        self.block_speaker: dict[int, bool] = {}  # block -> a quote in it had a speaker (True) or was flagged
        self.speech_blocks = {self.sentences[si].block for si in self.spoken} | set(analysis.label_blocks)

    def mark(self, info: QuoteInfo, attributed: bool) -> None:
        for b in info.quote.blocks:
            self.block_speaker.setdefault(b, attributed)
            if attributed:
                self.block_speaker[b] = True

    def has_speaker(self, info: QuoteInfo) -> bool:
        if info.speaker is not None or info.block in self.analysis.label_blocks:
            return True
        sentences, text, spoken = self.sentences, self.text, self.spoken
        q = info.quote
        block = info.block
        prefix = text[max(sentences[info.first_sentence].span.start, q.span.start - 80) : q.span.start].rstrip()
        if prefix.endswith(":") or _ends_with_name(prefix):
            return True
        si = info.first_sentence - 1
        while si >= 0 and sentences[si].block == block and info.first_sentence - si <= _LOOK_BACK:
            if si in spoken or text[sentences[si].span.end - 1] == ":" or self._person_subject(sentences[si].span):
                return True
            si -= 1
        last = info.last_sentence
        if any(sj in spoken for sj in range(info.first_sentence, last + 1)):
            return True
        nxt = last + 1
        if nxt < len(sentences) and nxt in spoken and (
                sentences[nxt].block == sentences[last].block or self._closes(info)):
            return True
        if self.block_speaker.get(block) and not self._opens(info):
            return True  # a later quote in a paragraph whose first quote had a speaker
        if any(b in self.speech_blocks for b in q.blocks[1:]):
            return True  # a quote over several paragraphs, attributed further on
        if self._opens(info):
            prev = self._previous_prose(block)
            if prev is not None:
                prev_span = self.blocks[prev].span
                if prev in self.speech_blocks or self.block_speaker.get(prev) or text[prev_span.end - 1] == ":":
                    return True
                if info.first_sentence > 0 and self._person_subject(sentences[info.first_sentence - 1].span):
                    return True
        return False

    def _person_subject(self, span: Span) -> bool:
        return _person_subject(self.text, span)

    def continues_unattributed(self, info: QuoteInfo) -> bool:
        """A quote continuing one already reported (same paragraph, or opening the next one)."""
        if self.block_speaker.get(info.block) is False:
            return True
        if self._opens(info):
            prev = self._previous_prose(info.block)
            return prev is not None and self.block_speaker.get(prev) is False
        return False

    def _opens(self, info: QuoteInfo) -> bool:
        start = self.blocks[info.block].span.start
        return not self.text[start : info.quote.span.start].strip()

    def _closes(self, info: QuoteInfo) -> bool:
        end = self.blocks[info.quote.blocks[-1]].span.end
        return not self.text[info.quote.span.end : end].strip(" \t.,;!?")

    def _previous_prose(self, index: int) -> int | None:
        prev = index - 1
        while prev >= 0 and self.blocks[prev].kind not in PROSE_BODY:
            if self.blocks[prev].kind in HEADING_KINDS:
                return None  # a crosshead ends the run
            prev -= 1
        return prev if prev >= 0 else None


_LOOK_BACK = 12  # sentences of the paragraph searched for the speaker, before the quote

# 'Bolton boss Sam Allardyce "I am ..."': two capitalised words right before the quote.
_ENDS_WITH_NAME = lazy_pattern(r"(?:^|[\s(\-\u2013\u2014])(?:[A-Z][\w'\u2019.-]+\s+){1,3}[A-Z][\w'\u2019-]+$")


def _ends_with_name(prefix: str) -> bool:
    """``_ENDS_WITH_NAME`` on a prefix without trailing blanks; most prefixes end in a word
    that is not capitalised, which ends no name, and are answered without the search."""
    last = prefix[prefix.rfind(" ") + 1 :]
    if not "A" <= last[:1] <= "Z" and not any(c.isspace() for c in last):
        return False
    return _ENDS_WITH_NAME().search(prefix) is not None


_PERSON_PRONOUNS = frozenset("he she they we i it".split())
_LEADING_JOINERS = frozenset("and but so yet then still now meanwhile however".split())
_NOT_NAMES = frozenset(
    """the a an this that these those it its his her their our in on at for by with from as after before when
    while if although though but and so yet there here what which who how why one some many several all most
    no not last next first this today yesterday despite since until during however meanwhile instead""".split()
)
_SENTENCE_WORDS = lazy_pattern(r"[^\W\d_][\w'\u2019.-]*|,")


_TITLE_WORDS = frozenset("mr mrs ms miss dr prof sir lord lady dame president minister senator".split())


def _capitalised_mid_sentence(text: str, word: str) -> bool:
    """Whether ``word`` also appears capitalised after a lower-case word: a name, not a sentence opener."""
    needle = " " + word
    pos = text.find(needle)
    while pos != -1:
        end = pos + len(needle)
        if pos > 0 and (text[pos - 1].islower() or text[pos - 1] in ",;)") and (
                end == len(text) or not text[end].isalnum()):
            return True
        pos = text.find(needle, pos + 1)
    return False


def _person_subject(text: str, span: Span) -> bool:
    """Whether a sentence opens on a person as its subject: "He then ...", "Campbell signalled ...".

    A fronted phrase ending in a comma ("On this subject, Morris appears ...")
    is skipped. Pronouns count, and so do capitalised words that are names:
    a title ("Dr Sibbald"), two capitalised words ("Graham Barlow"), or a
    word the article also capitalises mid-sentence ("Campbell"). "The summit
    ended" and "Negotiators left" name nobody who could be speaking.
    """
    words = _SENTENCE_WORDS().findall(text, span.start, min(span.end, span.start + 160))
    if not words:
        return False
    if "," in words[:8] and (words[0].lower() in _NOT_NAMES or words[0].lower().endswith("ing")):
        words = words[words.index(",") + 1 :]
    while words and words[0].lower() in _LEADING_JOINERS:
        words = words[1:]
    if not words or words[0] == ",":
        return False
    first = words[0]
    low = first.lower()
    if any(w.lower() in _PERSON_PRONOUNS for w in words[:4]):
        return True  # "He then ...", "And here he was again, ..."
    if not first[0].isupper() or low in _NOT_NAMES:
        return False
    if low in _TITLE_WORDS or _capitalised_mid_sentence(text, first):
        return True
    return len(words) > 1 and words[1][0].isupper() and words[1].lower() not in _NOT_NAMES
