"""Who said what: the attribution table the sourcing rules share.

One pass over an article finds every attribution cue (a speech verb,
"according to", "as X put it", "citing X"), reads its speaker (see
``speakers`` and ``cues``), finds the hedges, and ties each direct quotation
to the attribution beside it. The rules read the result through
``get_analysis``, which keeps it in ``article.memo``: it is computed once per
article and set of lexicon options.

A stated reason for anonymity ("because they were not authorised to discuss
the talks") is recorded on the attribution (``Attribution.reason``).
"""

from __future__ import annotations

import bisect
import re
from bisect import bisect_left, bisect_right
from typing import Any, Callable

from lint.article import BLOCKQUOTE, HEADING, HEADLINE, LIST_ITEM, PARAGRAPH, Article
from lint.model import Span
from lint.rule import RuleOptions
from lint.text import Quotation
from lint.resources import lazy_pattern

from rules.sourcing import cues as _cues
from rules.sourcing.cues import is_word_char, phrase_context, read_cue, skip_blanks
from rules.sourcing.lexicon import Lexicon, get_lexicon, lexicon_key, lowered
from rules.sourcing.speakers import ANONYMOUS, Speaker, line_label, quote_label

HEADING_KINDS = frozenset({HEADLINE, HEADING})
PROSE_BODY = frozenset({PARAGRAPH, LIST_ITEM, BLOCKQUOTE})


# Plain classes rather than dataclasses: building a dataclass costs about half
# a millisecond at import, and these are only ever read by attribute.


class Attribution:
    __slots__ = ("cue", "span", "verb", "speaker", "sentence", "block", "relay", "quotes", "reason",
                 "anonymity_noted")

    def __init__(self, cue: Span, span: Span, verb: str, speaker: Speaker, sentence: int, block: int,
                 relay: bool = False) -> None:
        self.cue = cue
        self.span = span  # cue and speaker together: where a diagnostic points
        self.verb = verb
        self.speaker = speaker
        self.sentence = sentence
        self.block = block
        self.relay = relay  # the speaker is cited by an outlet ("NBC cited officials")
        self.quotes: list[Quotation] = []  # direct quotes this attribution speaks
        self.reason = False  # a stated reason for anonymity nearby
        self.anonymity_noted = False  # "spoke on condition of anonymity" with or without a reason

    def __repr__(self) -> str:
        return f"Attribution({self.verb!r}, {self.speaker!r}, sentence={self.sentence})"


class QuoteInfo:
    __slots__ = ("quote", "first_sentence", "last_sentence", "block", "speaker")

    def __init__(self, quote: Quotation, first_sentence: int, last_sentence: int, block: int) -> None:
        self.quote = quote
        self.first_sentence = first_sentence
        self.last_sentence = last_sentence
        self.block = block
        self.speaker: Attribution | None = None


class Analysis:
    """The attribution table of one article.

    A speaker is read wherever an anonymous head noun ("source", "insider",
    "some people") sits near its cue, and everywhere in the front of the story
    when a hedge sits there (the weasel rule then needs to know whether a
    source is named). Elsewhere a cue only marks its sentence as speech
    (``cue_sentences``): nothing the rules need depends on who spoke there.
    """

    __slots__ = ("front", "hedges", "attributions", "by_sentence", "cue_sentences", "quotes", "label_blocks",
                 "quote_starts", "quote_ends")

    def __init__(self, front: tuple[set[int], set[int]], quote_starts: list[int], quote_ends: list[int]) -> None:
        self.front = front  # (blocks carrying the story's claim, blocks that may name its source)
        self.hedges: list[tuple[Span, int]] = []  # "reportedly", "it is thought" outside quotes: (span, block)
        self.attributions: list[Attribution] = []  # the cues whose speaker was read
        self.by_sentence: dict[int, list[Attribution]] = {}
        self.cue_sentences: set[int] = set()  # sentences with any speech cue outside quotes, read or not
        self.quotes: list[QuoteInfo] = []
        self.label_blocks: dict[int, Speaker | None] = {}  # Q&A transcript lines: "Name: text"
        self.quote_starts = quote_starts
        self.quote_ends = quote_ends

    def inside_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self.quote_starts, pos) - 1
        return i >= 0 and pos < self.quote_ends[i]


def analyse(article: Article, lex: Lexicon) -> Analysis:
    """Build the attribution table of ``article`` (use ``get_analysis`` to share it)."""
    build = _Pass(article, lex)
    build.transcript_labels()
    build.hedges()
    build.cues()
    build.quote_labels()
    build.tie_quotes()
    build.reasons_for_anonymity()
    return build.analysis


class _Pass:
    """One pass over an article, filling in its ``Analysis`` step by step."""

    def __init__(self, article: Article, lex: Lexicon) -> None:
        self.lex = lex
        self.text = article.masked
        self.sentences = article.sentences
        self.starts = [s.span.start for s in self.sentences]
        self.blocks = article.blocks
        self.top = [q for q in article.quotations if q.depth == 0]
        self.analysis = Analysis(front_blocks(article), [q.content.start for q in self.top],
                                 [q.content.end for q in self.top])
        low, same_length = lowered_article(article)
        # Patterns run on the lower-cased text unless lower-casing moved offsets.
        self.scan = low if same_length else self.text
        self.same_length = same_length

    def sentence_at(self, pos: int) -> int:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and pos < self.sentences[i].span.end:
            return i
        return -1

    def add(self, attribution: Attribution) -> None:
        self.analysis.attributions.append(attribution)
        self.analysis.by_sentence.setdefault(attribution.sentence, []).append(attribution)

    def transcript_labels(self) -> None:
        """Q&A transcript lines ("Dr. Ivanova: ...") name their speaker up front."""
        for block in self.blocks:
            if block.kind in PROSE_BODY:
                label = line_label(self.text, block.span.start, block.span.end, self.lex)
                if label is not False:
                    self.analysis.label_blocks[block.index] = label

    def hedges(self) -> None:
        for start, end in self.lex.find_hedges(self.scan, self.same_length):
            si = self.sentence_at(start)
            if si >= 0 and not self.analysis.inside_quote(start):
                self.analysis.hedges.append((Span(start, end), self.sentences[si].block))

    def cues(self) -> None:
        lex, text, scan, analysis = self.lex, self.text, self.scan, self.analysis
        claims, support = analysis.front
        # Whether a source is named in the front of the story matters only when a
        # hedge sits there: only then are all its speakers read in full.
        read_everywhere = support if any(block in claims for _, block in analysis.hedges) else set()
        cues, nouns = self._cue_words()
        # The loop below runs for every "said" of a corpus: names are bound
        # locally and the bisections written out (``inside_quote``, ``sentence_at``).
        quote_starts, quote_ends = analysis.quote_starts, analysis.quote_ends
        starts, sentences, blocks = self.starts, self.sentences, self.blocks
        cue_sentences, noun_like = analysis.cue_sentences, lex.noun_like
        before_reach, after_reach = _NOUN_REACH
        # str methods for a run's first articles (no pattern to compile), compiled patterns after
        # (faster per call); the same for ``_clause_after`` in ``tie_quotes``
        if lex.articles_served > _STR_CHECK_ARTICLES:
            after_determiner, participle = _cues.after_determiner_compiled, _cues.participle_compiled
        else:
            after_determiner, participle = _cues.after_determiner, _cues.participle
        for start, end, cue in cues:
            i = bisect_right(quote_starts, start) - 1
            if i >= 0 and start < quote_ends[i]:
                continue  # inside a quote
            si = bisect_right(starts, start) - 1
            if si < 0:
                continue
            sentence = sentences[si]
            if start >= sentence.span.end:
                continue  # between sentences
            if text[start].isupper() and start > sentence.span.start and \
                    blocks[sentence.block].kind not in HEADING_KINDS:
                continue  # "the United States": a capitalised word mid-sentence is a name, not a verb
            ambiguous = cue.endswith("ing") or cue in noun_like  # "a warning", "his remarks"
            if not ambiguous and sentence.block not in read_everywhere:
                k = bisect_left(nouns, start - before_reach)
                if k == len(nouns) or nouns[k] >= end + after_reach:  # no anonymous noun within reach
                    if si in cue_sentences or after_determiner(scan, start):
                        continue  # already marked as speech, or "a written warning"
                    cue_sentences.add(si)  # speech, and who spoke matters to no rule here
                    continue
            found = read_cue(text, text[start:end], start, end, sentence.span, lex)
            if found is None:
                # Still a speech verb, for the unattributed-quote rule ("it was said",
                # "the questions Connors will be asking"), unless it reads as a noun.
                if si not in cue_sentences and (
                        cue.endswith("ing") and participle(scan, start, end)
                        or not (ambiguous or after_determiner(scan, start))):
                    cue_sentences.add(si)
                continue
            cue_sentences.add(si)
            verb, speaker, relay = found
            span = Span(min(start, speaker.span.start), max(end, speaker.span.end))
            self.add(Attribution(Span(start, end), span, verb, speaker, si, sentence.block, relay))

    def _cue_words(self) -> tuple[list[tuple[int, int, str]], list[int]]:
        """(cues as (start, end, normalised word), starts of anonymous head nouns), in text order."""
        lex, scan, same_length = self.lex, self.scan, self.same_length
        anonymous, phrase_only, cue_words = lex.anonymous, lex.phrase_only, lex.cue_words
        cues: list[tuple[int, int, str]] = []
        nouns: list[int] = []
        for start, end in lex.find_words(scan, same_length):
            word = scan[start:end]
            if not (same_length and word.isalpha()):  # a phrase, "won't", or text that is not lowered
                word = " ".join(word.lower().split())
            if word in anonymous and (anonymous[word] not in phrase_only or phrase_context(scan, start, end)):
                nouns.append(start)
            if word in cue_words:
                cues.append((start, end, word))
        return cues, nouns

    def quote_labels(self) -> None:
        """'Kremlin insider: “...”' (headlines, pull quotes) and 'He also praised the
        director: “...”': a speaker before a colon that opens a quote."""
        for q in self.top:
            si = self.sentence_at(q.span.start)
            if si < 0:
                continue
            label = quote_label(self.text, self.sentences[si].span.start, q.span.start, self.lex)
            if label is not None:
                self.add(Attribution(label.span, label.span, ":", label, si, self.sentences[si].block))

    def tie_quotes(self) -> None:
        text = self.text
        clause_after = _clause_after_compiled if self.lex.articles_served > _STR_CHECK_ARTICLES else _clause_after
        ordered = sorted(self.analysis.attributions, key=lambda a: a.span.start)
        positions = [a.span.start for a in ordered]
        for q in self.top:
            first = self.sentence_at(q.span.start)
            if first < 0:
                continue
            last = max(first, self.sentence_at(max(q.span.start, q.span.end - 1)))
            info = QuoteInfo(q, first, last, self.sentences[first].block)
            if " " in text[q.content.start : q.content.end].strip():  # a one-word scare quote is nobody's quote
                lo = bisect.bisect_left(positions, q.span.start - _GAP_LIMIT - _SPEAKER_LIMIT)
                hi = bisect.bisect_right(positions, q.span.end + _GAP_LIMIT)
                info.speaker = _nearest(ordered[lo:hi], text, q, first, last, clause_after)
                if info.speaker is not None:
                    info.speaker.quotes.append(q)
            self.analysis.quotes.append(info)

    def reasons_for_anonymity(self) -> None:
        """A reason in the same sentence, or in the next one when that sentence has no speaker
        of its own ("They spoke on condition of anonymity because ...")."""
        sentences, analysis = self.sentences, self.analysis
        anonymous = [att for att in analysis.attributions if att.speaker.kind == ANONYMOUS]
        if not anonymous:
            return
        low = self.scan if self.same_length else None
        reason, noted = self.lex.reasons.for_text(low), self.lex.anonymity_notes.for_text(low)
        for att in anonymous:
            region_end = sentences[att.sentence].span.end
            nxt = att.sentence + 1
            if nxt < len(sentences) and sentences[nxt].block == att.block and nxt not in analysis.by_sentence:
                region_end = sentences[nxt].span.end
            # The reason sits beside the description; a bounded stretch keeps
            # a run-on sentence with many sources linear.
            lo = max(sentences[att.sentence].span.start, att.span.start - _REASON_REACH)
            hi = min(region_end, att.span.end + _REASON_REACH)
            att.reason = reason is not None and reason.search(self.text, lo, hi) is not None
            att.anonymity_noted = att.reason or noted is not None and noted.search(self.text, lo, hi) is not None


_STR_CHECK_ARTICLES = 8  # articles whose cue checks use str methods (see ``cues``)
_REASON_REACH = 300  # characters either side of an anonymous description searched for a reason

# How far from a cue an anonymous head noun can sit and still be its speaker
# (subject, appositive and adverbs before; an inverted subject after).
_NOUN_REACH = (200, 150)


_CLOSERS = "\"'\u201d\u2019)]"


def _ends_sentence(body: str) -> bool:
    """Whether ``body`` ends in closing punctuation, perhaps followed by closing quotes or brackets."""
    tail = body.rstrip(_CLOSERS)
    return bool(tail) and tail[-1] in ".!?\u2026"


def lowered_article(article: Article) -> tuple[str, bool]:
    """``lowered(article.masked)``, taken from the engine's shared ``Article.lowered``
    (other families lower the text too) when no character changes length: only
    "\u0130" does, and then the engine's copy differs from ``str.lower``."""
    if "\u0130" in article.masked:
        return lowered(article.masked)
    return article.lowered, True


def front_blocks(article: Article) -> tuple[set[int], set[int]]:
    """(blocks that carry the story's claim, blocks where its source may be named).

    The headline and the first paragraph carry the claim. The paragraph after
    the lede is where wire copy names the outlet behind "reports say" ("The
    Sunday Times said ..."), so a source named there supports the lede too.
    Captions and stray titles before the story (no closing punctuation, a
    handful of words) are passed over.
    """
    paragraphs = []
    for block in article.blocks:
        if block.kind != PARAGRAPH:
            continue
        body = block.text.rstrip()
        if _ends_sentence(body) and body.count(" ") >= 7:
            paragraphs.append(block.index)
            if len(paragraphs) == 2:
                break
    claims = set(paragraphs[:1])
    support = set(paragraphs)
    headline = article.headline
    if headline is not None:
        claims.add(headline.index)
        support.add(headline.index)
    return claims, support


def _nearest(candidates: list[Attribution], text: str, q: Quotation, first: int, last: int,
             clause_after: Callable[[str, int], bool]) -> Attribution | None:
    """The attribution that introduces or closes the quote, if one sits right beside it."""
    best = None
    best_distance = None
    for att in candidates:
        if not first <= att.sentence <= last or q.span.start <= att.cue.start < q.span.end:
            continue  # another sentence, or a cue inside a nested quote
        distance = _attachment(text, att, q, clause_after)
        if distance is not None:
            rank = (distance, att.verb == ":")  # on a tie, a verb beats a bare label
            if best_distance is None or rank < best_distance:
                best, best_distance = att, rank
    return best


_CLAUSE_AFTER = lazy_pattern(r"\s*(?:that|whether|if|how|why)\b", re.I)
_CLAUSE_WORDS = frozenset({"that", "whether", "if", "how", "why"})


def _clause_after(text: str, pos: int) -> bool:
    """Whether a clause ("that", "whether" ...) opens at ``pos``: ``_CLAUSE_AFTER().match(text, pos)``
    with str methods, which spares a one-file run compiling the pattern."""
    start = skip_blanks(text, pos)
    end = start
    while end < len(text) and end - start < 8 and is_word_char(text[end]):
        end += 1
    word = text[start:end]
    if not word.isascii():
        return _CLAUSE_AFTER().match(text, pos) is not None  # "\u0130f": case folding beyond ``lower``
    return word.lower() in _CLAUSE_WORDS


def _clause_after_compiled(text: str, pos: int) -> bool:
    return _CLAUSE_AFTER().match(text, pos) is not None
_GAP_LIMIT = 80  # characters between an introducing attribution and its quote
_SPEAKER_LIMIT = 200  # how far before its cue a speaker's description may start
_GAP_STOPS = frozenset(".!?\u201c\u201d\"\u00ab\u00bb\u201e")  # between an attribution and the quote it opens


def _attachment(text: str, att: Attribution, q: Quotation, clause_after: Callable[[str, int], bool]) -> int | None:
    """Distance from the attribution to the quote when the one speaks the other, else None.

    '"...," said X.' and '"...," X said' close a quote; 'X said: "..."', 'As X
    put it, "..."' and 'According to X, "..."' open one. An attribution that
    goes on into a clause of its own ('deals "no one else can," critics fear
    that ...') does not speak the quote before it.
    """
    if att.span.end <= q.span.start:
        if q.span.start - att.span.end > _GAP_LIMIT:
            return None
        gap = text[att.span.end : q.span.start]
        if not _GAP_STOPS.isdisjoint(gap):
            return None  # a sentence ends or another quote opens between them
        return len(gap)
    if q.span.end <= att.span.start:
        if att.span.start - q.span.end > _GAP_LIMIT:
            return None
        gap = text[q.span.end : att.span.start]
        if gap.strip(" \t,") or clause_after(text, att.span.end):
            return None
        content = text[q.content.start : q.content.end].lstrip(" .\u2026")
        if content and not content[0].isupper() and not content[0].isdigit():
            return None  # a lower-case fragment is part of an earlier clause
        return len(gap)
    return None


_BY_OPTIONS: dict[int, tuple[Any, Lexicon, str]] = {}


def get_analysis(article: Article, options: RuleOptions) -> tuple[Analysis, Lexicon]:
    """The shared attribution table, computed once per article and lexicon."""
    cached = _BY_OPTIONS.get(id(options))
    if cached is None or cached[0] is not options:
        # Options objects live for a whole run; remember their lexicon so the
        # per-article cost is one dictionary look-up.
        if len(_BY_OPTIONS) > 64:
            _BY_OPTIONS.clear()
        cached = _BY_OPTIONS[id(options)] = (options, get_lexicon(options), f"sourcing.attribution:{lexicon_key(options)!r}")
    _, lex, key = cached
    return article.memo(key, lambda a: analyse(a, lex)), lex
