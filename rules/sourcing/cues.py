"""Reading one cue: a speech verb, "according to", "as X put it" or "citing X".

``read_cue`` decides whether a match of the cue pattern is speech at all
("the United States", "Ukraine's hopes" and "was told" are not), finds the
speaker before or after it, and marks speakers relayed through another outlet.
The helpers at the end answer the same question cheaply for cues that are
not read in full.
"""

from __future__ import annotations

import re

from lint.model import Span
from lint.resources import lazy_pattern

from rules.sourcing.lexicon import Lexicon
from rules.sourcing.speakers import (
    ANONYMOUS,
    AUXILIARY_IN_NP,
    BE_FORMS,
    CLOSING_MARKS,
    DEFINITE,
    DETERMINERS,
    FUNCTION_WORDS,
    IMPLICIT,
    NAMED,
    OPENING_MARKS,
    PREPOSITIONS,
    PRONOUNS,
    RELATIVES,
    Speaker,
    Tok,
    appositive_name,
    backward_window,
    forward_window,
    plausible_subject_start,
    possessive,
    read_speaker,
    skip_adverbs,
    tokenise,
)

_NO_INVERSION = frozenset({"tell", "tells", "told", "urge", "urges", "urged", "brief", "briefed"})

# Lemmas that also take "to" + infinitive ("vowed to fight" is not speech).
_INFINITIVE_TAKERS = frozenset("continue hope promise vow pledge agree claim threaten fear urge expect refuse".split())

# "a BBC statement read", "the minutes show": speech only with a document as subject.
_DOCUMENT_NOUNS = frozenset("statement letter note message notice sign email e-mail post tweet text verdict "
                            "headline banner placard card caption minutes memo document documents papers records "
                            "transcript diary diaries files".split())
_DOCUMENT_VERBS = frozenset({"read", "reads", "show", "shows", "showed"})

# A speaker is read from a few words either side of its verb. Tokenising a
# short stretch first (and a longer one only when the subject runs past it)
# keeps the cost per cue small and constant however long the sentence.
_REACH_BACK = (48, 160)
_REACH_AHEAD = 120


def _tokens_before(text: str, sentence_start: int, pos: int, reach: int) -> tuple[list[Tok], bool]:
    """Tokens from ``reach`` characters before ``pos`` (or the sentence start); whether cut short."""
    start = max(sentence_start, pos - reach)
    toks = tokenise(text, start, pos)
    if start > sentence_start and toks:
        # Cut mid-sentence: drop a possibly broken word and stand a boundary
        # in for the rest of the sentence.
        first = toks[0]
        toks[0] = Tok(";", first.start, first.start, ";", False, False)
        return toks, True
    return toks, False


# (verb, speaker, whether the speaker is relayed through another outlet)
CueReading = tuple[str, Speaker, bool]


class _TooShort(Exception):
    """The subject runs past the stretch tokenised before the verb: read a longer one."""


def read_cue(text: str, cue_text: str, start: int, end: int, sentence: Span, lex: Lexicon) -> CueReading | None:
    """(verb, speaker, relay) for one cue, or None when no speaker can be read."""
    if _plainly_not_speech(text, cue_text, start, end, sentence, lex):
        return None
    for reach in _REACH_BACK:
        before, cut = _tokens_before(text, sentence.start, start, reach)
        try:
            return _read_cue_with(before, cut, text, cue_text, start, end, sentence, lex)
        except _TooShort:
            continue
    before, _ = _tokens_before(text, sentence.start, start, sentence.end - sentence.start)
    return _read_cue_with(before, False, text, cue_text, start, end, sentence, lex)


_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _word_before(text: str, lo: int, pos: int) -> str | None:
    r"""The ASCII word (lower case) that ends, with blanks after it, right before ``pos`` and
    after ``lo``, when the tokens would read it as a word of its own: what
    ``(?<![\w'’-])([A-Za-z]+)\s+\Z`` finds in ``text[lo:pos]``, without a pattern to compile."""
    i = pos
    while i > lo and text[i - 1].isspace():
        i -= 1
    j = i
    while j > lo and text[j - 1] in _ASCII_LETTERS:
        j -= 1
    if j == i or i == pos:
        return None
    if j > 0:
        char = text[j - 1]
        if char.isalnum() or char in "_'\u2019-":
            return None  # part of a longer word ("x-the", "o'the")
    return text[j:i].lower()


# Determiners and prepositions right before a cue make it a noun or a gerund (see ``_read_cue_with``).
_NOT_A_SUBJECT = (DETERMINERS - RELATIVES) | PREPOSITIONS
_SPECIAL_CUES = ("according to", "in the words of", "put it", "puts it")


def _plainly_not_speech(text: str, cue_text: str, start: int, end: int, sentence: Span, lex: Lexicon) -> bool:
    """What ``_read_cue_with`` would conclude first, found without tokenising: a participle
    that opens no quote ("vowed to fight, saying the ..."), or a cue right after an
    article or a preposition ("the report", "in hopes")."""
    cue = " ".join(cue_text.lower().split())
    if cue in _SPECIAL_CUES or cue in lex.relay_forms:
        return False
    if cue.endswith("ing") and not _opens_quote(text, end, min(sentence.end, end + _REACH_AHEAD)):
        return True
    return _word_before(text, max(sentence.start, start - 24), start) in _NOT_A_SUBJECT


def _read_cue_with(before: list[Tok], cut: bool, text: str, cue_text: str, start: int, end: int,
                   sentence: Span, lex: Lexicon) -> CueReading | None:
    cue = " ".join(cue_text.lower().split())
    after_end = min(sentence.end, end + _REACH_AHEAD)
    if cue in ("according to", "in the words of"):
        after = tokenise(text, end, after_end)
        window, _, rest = forward_window(after)
        return _speaker_after(cue, window, rest, lex)
    if cue in ("put it", "puts it"):
        window, _, k = backward_window(before, lex)
        if cut and k <= 1:
            raise _TooShort
        if k < 0 or before[k].low != "as":
            return None  # only "as X put it"
        speaker = read_speaker(window, lex, allow_capital_head=False)
        return (cue, speaker, False) if speaker else None
    if cue in lex.relay_forms:
        return _read_relay(cue, before, cut, tokenise(text, end, after_end), lex)

    k = skip_adverbs(before)
    if cut and k <= 1:
        raise _TooShort
    prev = before[k] if k >= 0 else None
    if prev is None and cue in lex.noun_like:
        return None  # "Reports say ...", "Comments from ...": a noun opening the sentence
    following = text[end:after_end].lstrip()
    opens_quote = _opens_quote(text, end, after_end)
    if prev is not None and prev.is_word:
        low = prev.low
        if low in DETERMINERS and low not in RELATIVES or low in PREPOSITIONS:
            return None  # "the report", "in revealing": a noun or a gerund, not a verb
        if low in lex.speech_forms and low not in lex.noun_like and k == len(before) - 1:
            return None  # "said state officials": the second word is not a cue
        if low in BE_FORMS:
            return None  # "was told", "is said to": passive, no speaker here
        if cue in lex.noun_like and cue not in _DOCUMENT_VERBS and not _subject_end(before[: k + 1], lex):
            return None  # "Ukraine's hopes", "his recent remarks"
    if following[:3].lower() == "to " and lex.lemma_of.get(cue) in _INFINITIVE_TAKERS:
        return None  # "continues to seek", "vowed to fight": not speech
    if cue.endswith("ing"):
        # A participle (", saying:", "with the minister telling MPs:") speaks for
        # its clause's subject; only worth recording when it opens a quote.
        if not opens_quote:
            return None
        if prev is None or not prev.is_word:
            return cue, _implicit(start, end, cue_text), False
    window, appositive, k = backward_window(before, lex)
    if cut and k <= 1:
        raise _TooShort
    speaker = read_speaker(window, lex, allow_capital_head=False, appositive=appositive) if window else None
    if speaker is not None and speaker.kind == ANONYMOUS and not speaker.plural and _name_before_comma(before, k):
        # "Marc Ostwald, a strategist at Monument Securities told": the description
        # is an appositive to the name before it (the closing comma went missing).
        speaker = Speaker(NAMED, Span(before[k - 1].start, speaker.span.end), speaker.text)
    if cue in _DOCUMENT_VERBS and speaker is not None and not _names_document(window):
        return None  # "read" and "show" are speech only for a statement, a letter, the minutes
    if speaker is not None:
        relay = speaker.kind == ANONYMOUS and lex.lemma_of.get(cue) == "tell" and _other_outlet(text, end, after_end)
        return cue, speaker, relay
    if not window and k >= 0 and before[k].low in RELATIVES:
        return cue, _implicit(start, end, cue_text), False  # "a note that said:", "Mr X, who said:"
    # Inverted order: '"...," said a Kremlin insider' or '..., says a report.'
    if cue not in _NO_INVERSION and (prev is None or prev.text in CLOSING_MARKS or prev.text == ","):
        window, comma, rest = forward_window(tokenise(text, end, after_end))
        if window and plausible_subject_start(window, lex) and not (
                prev is not None and prev.text == "," and any(t.low in AUXILIARY_IN_NP for t in window)):
            # ("X, the minister, said the plan would fail" is not inverted)
            found = _speaker_after(cue, window, rest if comma else [], lex)
            if found is not None and (cue not in _DOCUMENT_VERBS or _names_document(window)):
                return found  # '"...," reads a telephone memo'
    if cue in _DOCUMENT_VERBS:
        return None
    if opens_quote or (prev is not None and prev.text in CLOSING_MARKS):
        return cue, _implicit(start, end, cue_text), False  # a speech verb right beside a quote
    return None


def _opens_quote(text: str, end: int, after_end: int) -> bool:
    """Whether the cue ending at ``end`` is followed by a colon or an opening quotation mark."""
    following = text[end:after_end].lstrip()
    return bool(following) and (following[0] == ":" or following[0] in OPENING_MARKS)


def _read_relay(cue: str, before: list[Tok], cut: bool, after: list[Tok], lex: Lexicon) -> CueReading | None:
    """'the FT, citing officials' / 'NBC cited officials' / 'the paper quoted an insider as saying'."""
    window, _, rest = forward_window(after)
    if window and window[0].low != "as":
        found = _speaker_after(cue, window, rest, lex)
        if found is not None:
            verb, speaker, _ = found
            return verb, speaker, speaker.kind == ANONYMOUS
    window, appositive, k = backward_window(before, lex)
    if cut and k <= 1:
        raise _TooShort
    speaker = read_speaker(window, lex, allow_capital_head=False, appositive=appositive)
    return (cue, speaker, False) if speaker else None


def _implicit(start: int, end: int, cue_text: str) -> Speaker:
    return Speaker(IMPLICIT, Span(start, end), cue_text)


_OUTLET = lazy_pattern(r"\s+(?:the\s+)?([A-Z][\w'\u2019&.-]*)")
_OWN_OUTLET = frozenset({"bbc", "us", "this"})


def _names_document(window: list[Tok]) -> bool:
    return any(t.low in _DOCUMENT_NOUNS for t in window)


def _other_outlet(text: str, end: int, limit: int) -> bool:
    """ "told the FT", "tell the Sunday Times": the listener is another outlet (not "the BBC")."""
    m = _OUTLET().match(text, end, limit)
    if m is None:
        return False
    name = m.group(1).lower().rstrip(".")
    if possessive(name):
        name = name[:-2]
    return name not in _OWN_OUTLET


_NOT_PEOPLE = frozenset(
    """january february march april may june july august september october november december monday tuesday
    wednesday thursday friday saturday sunday""".split()
)


def _name_before_comma(before: list[Tok], k: int) -> bool:
    """ "Howard Archer, economist at Global Insight said": a name, then a comma, then the description."""
    if k < 1 or before[k].text != ",":
        return False
    name = before[k - 1]
    return name.is_word and name.capitalised and name.low not in FUNCTION_WORDS and name.low not in _NOT_PEOPLE


def _subject_end(before: list[Tok], lex: Lexicon) -> bool:
    """Whether the tokens before a noun-like verb form end in a plausible subject."""
    if not before:
        return False
    prev = before[-1]
    if not prev.is_word:
        return prev.text in CLOSING_MARKS or prev.text == ","
    low = prev.low
    if low in PRONOUNS:
        return True
    if possessive(low):
        return False  # "Ukraine's hopes"
    if len(before) > 1:
        two = before[-2]
        if two.text[0].isdigit() or possessive(two.low):
            return False  # "its 2008 Bucharest promises"
        if two.low in DEFINITE | {"a", "an"} and not (low in lex.anonymous or low in lex.institutions
                                                       or prev.capitalised):
            return False  # "the recent remarks"
    return prev.capitalised or low in lex.anonymous or low in lex.institutions


def _speaker_after(cue: str, window: list[Tok], rest: list[Tok], lex: Lexicon) -> CueReading | None:
    if not window:
        return None
    appositive = appositive_name(rest) if rest else None
    speaker = read_speaker(window, lex, allow_capital_head=True, appositive=appositive)
    return (cue, speaker, False) if speaker else None


# -- cheap checks for cues that are not read in full ------------------------------------

# ``after_determiner`` and ``participle`` are written with str methods: as
# patterns they would be compiled on the first article, which costs a one-file
# run more than all its calls. Per call the compiled patterns are faster, so a
# long run switches to them (``*_compiled``, see ``attribution``); they also
# serve words whose case may fold in ways ``lower`` does not ("\u0130",
# "\u0131", "\u017f"), and tests pin the str methods to them.
_DETERMINER_BEFORE = lazy_pattern(r"(?:\b(?:a|an|the|his|her|its|their|our|this|that)\s+)$", re.I)
_PARTICIPLE_BEFORE = lazy_pattern(r"(?:,|\b(?:is|are|was|were|be|been|while|when|after|before))\s*$")
_PARTICIPLE_AFTER = lazy_pattern(r"\s*(?:[:\"\u201c\u00ab\u201e]|that\b)")
_DETERMINERS = frozenset("a an the his her its their our this that".split())
_PARTICIPLE_WORDS = frozenset("is are was were be been while when after before".split())
_QUOTE_OPENERS = ':"\u201c\u00ab\u201e'


def is_word_char(char: str) -> bool:
    """What ``\\w`` and ``\\b`` take for a word character."""
    return char.isalnum() or char == "_"


def skip_blanks(text: str, i: int) -> int:
    """Past the blanks (``\\s*``) at ``i``."""
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def word_before_blanks(text: str, lo: int, hi: int) -> str | None:
    """The word that ends ``text[lo:hi]``, before any blanks, as ``\\b(?:word)\\s*$`` searched
    there would find it: "" when no word ends there, None when it runs on before ``lo``."""
    body = text[lo:hi].rstrip()
    k = len(body)
    while k > 0 and is_word_char(body[k - 1]):
        k -= 1
    if k == 0 and lo > 0 and body and is_word_char(text[lo - 1]):
        return None
    return body[k:]


def participle(text: str, start: int, end: int) -> bool:
    """ "..., saying that", "will be asking", "warning:" -- not "a written warning"."""
    lo = max(0, start - 12)
    if text[lo:start].rstrip().endswith(",") or word_before_blanks(text, lo, start) in _PARTICIPLE_WORDS:
        return True
    i = skip_blanks(text, end)
    if i < len(text) and text[i] in _QUOTE_OPENERS:
        return True
    return text.startswith("that", i) and (i + 4 == len(text) or not is_word_char(text[i + 4]))


def participle_compiled(text: str, start: int, end: int) -> bool:
    """``participle`` with the compiled patterns."""
    return bool(_PARTICIPLE_BEFORE().search(text, max(0, start - 12), start) or _PARTICIPLE_AFTER().match(text, end))


def after_determiner_compiled(text: str, pos: int) -> bool:
    """``after_determiner`` with the compiled pattern."""
    return _DETERMINER_BEFORE().search(text, max(0, pos - 8), pos) is not None


def after_determiner(text: str, pos: int) -> bool:
    """ "a written", "the report": the word at ``pos`` follows an article, so it is a noun or an adjective."""
    lo = max(0, pos - 8)
    if pos == lo or not text[pos - 1].isspace():
        return False  # "\\s+": blanks must come between the determiner and the word
    word = word_before_blanks(text, lo, pos)
    if not word:
        return False
    if not word.isascii():
        return _DETERMINER_BEFORE().search(text, lo, pos) is not None
    return word.lower() in _DETERMINERS


_PHRASE_NEXT = lazy_pattern(r"\s+(?:familiar|close|with|in|involved|briefed|inside|within|linked|at|from|who|"
                            r"privy|present|party|knowledgeable)\b", re.I)
_PHRASE_PREV = lazy_pattern(r"\b(?:some|many|several|most|two|three|four|five|multiple|numerous|unnamed|anonymous|"
                            r"unidentified|senior|other)\s+(?:[\w-]+\s+)?$", re.I)


def phrase_context(text: str, start: int, end: int) -> bool:
    """Whether "people", "someone" and the like stand where a source description could:
    after a quantifier ("some people") or before a place or vantage ("people familiar with")."""
    return bool(_PHRASE_NEXT().match(text, end) or _PHRASE_PREV().search(text, max(0, start - 30), start))
