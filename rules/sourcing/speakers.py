"""Reading a speaker: the words either side of a speech verb, as a noun phrase.

``read_speaker`` classifies a run of tokens as a named speaker ("Zelensky",
"the Kremlin", "HVB analyst Peter Halser"), an institution ("a Downing Street
spokesman"), a pronoun, something else described ("his lawyer"), or an
anonymous description graded on the ladder of the research notes:

=====  ==========================================  =========================
level  example                                     meaning
=====  ==========================================  =========================
0      "a source", "one insider", "analysts"       bare
1      "a Kremlin insider", "sources close to X"   vague affiliation
2      "two officials familiar with the talks"     affiliation plus vantage
=====  ==========================================  =========================

This is pattern matching, not parsing. Every unclear case falls on the side
of "not anonymous": a false alarm costs an editor's trust, a missed weak
source costs little.
"""

from __future__ import annotations

import re
from typing import NamedTuple, Sequence

from lint.model import Span
from lint.resources import lazy_pattern

from rules.sourcing.lexicon import Lexicon

NAMED = "named"  # a proper name or a capitalised institution: "Zelensky", "the Kremlin"
INSTITUTION = "institution"  # "a spokesman", "the ministry", "the publication"
PRONOUN = "pronoun"  # "he said": refers back to someone already introduced
IMPLICIT = "implicit"  # a speech verb whose speaker is the clause's subject: ", saying:", "a note that said:"
ANONYMOUS = "anonymous"  # "a Kremlin insider", "sources close to the Kremlin"
OTHER = "other"  # a described speaker: "his lawyer", "the report", bare "reports"

# Tokens: initialisms with their dots ("U.S.", "e.g."), words with inner
# apostrophes and hyphens ("Russia's", "high-ranking"), or one other character.
# (Written without backtracking: "[^\W_](?:[\w'\u2019-]*[^\W_])?" matches the same words, more slowly.)
_TOKEN = lazy_pattern(r"[A-Za-z]\.(?:[A-Za-z]\.)+|[^\W_]+(?:[_'\u2019-]+[^\W_]+)*|[^\w\s]")
DETERMINERS = frozenset(
    "a an the one two three four five six seven eight nine ten some several many multiple numerous various "
    "other another these those this that his her their its our most all".split()
)
DEFINITE = frozenset("the these those this that his her their its our".split())
_QUANTIFIERS = frozenset("some many several most multiple numerous various two three four five".split())
PRONOUNS = frozenset("he she they we i it you".split())
RELATIVES = frozenset("that which who".split())

# Words that end a noun phrase when walking away from the verb.
_BOUNDARY_WORDS = frozenset(
    """that which who whom whose and but or nor while because as when whenever if although though so since
    after before where than how why what whether until unless yet adding saying insisting warning noting
    arguing claiming amid despite""".split()
)

# Words between a subject and its verb that are not part of the subject.
_SKIP_BEFORE_VERB = frozenset(
    """has have had is was were are be been being will would shall should can could may might must did does do
    also later then previously recently publicly privately repeatedly once again earlier already never not still
    often always just even now today yesterday himself herself itself themselves last first reportedly subsequently
    apparently allegedly immediately quickly soon""".split()
)
BE_FORMS = frozenset("is was were are be been being am".split())
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
PREPOSITIONS = frozenset("on in at to for with from by of about over after during under into".split())

# Capitalised words that do not make a speaker a name: sentence-initial function words.
FUNCTION_WORDS = DETERMINERS | PRONOUNS | _BOUNDARY_WORDS | PREPOSITIONS | frozenset(
    "according however meanwhile asked speaking writing also last it".split()
)
_TITLES = frozenset("mr mrs ms miss dr prof sir lord lady dame rev gen col capt".split())
AUXILIARY_IN_NP = frozenset("is was were are has have had will would could should may might must can did does".split())
CLOSING_MARKS = frozenset("\u201d\"\u2019'\u00bb\u203a\u201c")
OPENING_MARKS = frozenset("\u201c\"\u2018'\u00ab\u201e\u201a\u2039\u300c")
_VAGUE_AFFILIATIONS = ("close to", "linked to", "in the know")


class Speaker:
    """Who speaks at a cue (a plain class: a dataclass costs about half a millisecond at import)."""

    __slots__ = ("kind", "span", "text", "level", "head", "plural", "definite", "vantage_phrase", "crowd")

    def __init__(self, kind: str, span: Span, text: str, level: int = 0, head: str = "", plural: bool = False,
                 definite: bool = False, vantage_phrase: bool = False, crowd: bool = False) -> None:
        self.kind = kind
        self.span = span
        self.text = text  # the description as written, without a leading article
        self.level = level  # anonymous only
        self.head = head  # singular head noun (anonymous only)
        self.plural = plural
        self.definite = definite  # "the source": refers back to one already introduced
        self.vantage_phrase = vantage_phrase  # "close to", "familiar with", "unnamed": anonymity by its signature
        self.crowd = crowd  # "critics", "many analysts": a crowd, not a source

    def __repr__(self) -> str:
        return f"Speaker({self.kind!r}, {self.text!r}, level={self.level})"


class Tok(NamedTuple):
    text: str
    start: int
    end: int
    low: str
    is_word: bool
    capitalised: bool


# -- tokens ------------------------------------------------------------------------


def tokenise(text: str, start: int, end: int) -> list[Tok]:
    out = []
    append = out.append
    new = tuple.__new__  # Tok(...) without the Python-level __new__ of a NamedTuple: this is the hot loop
    for m in _TOKEN().finditer(text, start, end):
        word = m.group()
        first = word[0]
        s, e = m.span()
        append(new(Tok, (word, s, e, word.lower(), first.isalnum(), first.isupper())))
    return out


def possessive(low: str) -> bool:
    return low.endswith(("'s", "\u2019s"))


# -- noun phrases ------------------------------------------------------------------


def read_speaker(window: list[Tok], lex: Lexicon, allow_capital_head: bool,
                 appositive: list[Tok] | None = None) -> Speaker | None:
    """Read a speaker noun phrase from ``window`` (tokens in text order, no verb)."""
    if not window:
        return None
    if appositive and _names_someone(appositive, lex):
        return _named(window, appositive)  # "a senior official, John Smith, said"
    for i in range(len(window)):
        found = _anonymous_at(window, i, lex, allow_capital_head)
        if found == NAMED:
            return _named(window, appositive)
        if found is not None:
            return found
    if _names_someone(window, lex):
        return _named(window, appositive)
    last = window[-1]
    if last.low in PRONOUNS and len(window) <= 2:
        return Speaker(PRONOUN, Span(last.start, last.end), last.text)
    if any(t.low in lex.institutions for t in window):
        if last.low in lex.institutions and lex.institutions[last.low] != last.low and not any(
                t.low in DETERMINERS for t in window):
            # "reports", "studies" with no article: nobody in particular
            return Speaker(OTHER, Span(window[0].start, last.end), _describe(window))
        return Speaker(INSTITUTION, Span(window[0].start, last.end), _describe(window))
    words = [t for t in window if t.is_word]
    if not words or all(t.low in FUNCTION_WORDS or t.low in _SKIP_BEFORE_VERB for t in words):
        return None
    return Speaker(OTHER, Span(window[0].start, last.end), _describe(window))


def _anonymous_at(window: list[Tok], i: int, lex: Lexicon, allow_capital_head: bool) -> Speaker | str | None:
    """An anonymous description with its head noun at ``window[i]``, NAMED for a
    title before a name ("HVB analyst Peter Halser"), or None."""
    tok = window[i]
    singular = lex.anonymous.get(tok.low)
    if singular is None or not tok.is_word:
        return None
    if tok.capitalised and not (allow_capital_head or i == 0 or window[i - 1].low in DETERMINERS
                                or window[i - 1].low in lex.generic_modifiers):
        return None  # "Apple Insider" is a website, not an insider
    nxt = window[i + 1] if i + 1 < len(window) else None
    if nxt is not None and nxt.is_word:
        if nxt.capitalised and nxt.low not in FUNCTION_WORDS:
            return NAMED  # "HVB analyst Peter Halser": a title before a name
        if (not nxt.capitalised and nxt.low not in PREPOSITIONS and nxt.low not in _BOUNDARY_WORDS
                and nxt.low not in _SKIP_BEFORE_VERB and not nxt.low.endswith("ly")
                and not _starts_phrase(window[i + 1 :], lex)):
            # "an official spokesman", "open source developers": the head is further on
            if _title_then_name(window[i + 1 :]):
                return NAMED  # "Academy executive director Bruce Davis"
            return None
    # Walk back over the modifiers to the determiner.
    start = i
    unknown = 0
    while start > 0:
        prev = window[start - 1]
        low = prev.low
        if _joins_name(window, start - 1):
            start -= 1  # "Department for Education and Skills source"
            continue
        if not prev.is_word or low in _BOUNDARY_WORDS or low in PREPOSITIONS or low in PRONOUNS \
                or low in _SKIP_BEFORE_VERB or low in lex.speech_forms:
            break
        if low in DETERMINERS:
            start -= 1
            break
        if not prev.capitalised and low not in lex.generic_modifiers and low not in lex.affiliation_modifiers \
                and "-" not in low and not possessive(low):
            unknown += 1
            if unknown > 2:
                break
        start -= 1
    if start > 0 and window[start - 1].low in PREPOSITIONS:
        return None  # "a spokesman for the analysts": the object of a preposition, not the speaker
    np = window[start : i + 1]
    post = _post_modifier(window[i + 1 :], lex)
    return _anonymous(np, post, singular, lex)


def _title_then_name(tokens: Sequence[Tok]) -> bool:
    """Lower-case title words followed by a capitalised name: "executive director Bruce Davis"."""
    for k, tok in enumerate(tokens[:3]):
        if not tok.is_word:
            return False
        if tok.capitalised:
            return k > 0 and tok.low not in FUNCTION_WORDS
    return False


def _starts_phrase(post: Sequence[Tok], lex: Lexicon) -> bool:
    text = " ".join(t.low for t in post[:5])
    return any(text == p or text.startswith(p + " ") for p in (*lex.vantage_phrases, *lex.affiliation_phrases))


def _post_modifier(post: list[Tok], lex: Lexicon) -> list[Tok]:
    """The phrase after the head that describes the source, or nothing.

    Vantage phrases ("familiar with the talks") are kept whole. Place phrases
    ("close to the Kremlin", "at the club", "in Russia's Foreign Ministry")
    are kept when their object is a name or an institution, and cut at the
    next preposition ("an IMF official in a briefing on Wednesday" keeps
    nothing after "official").
    """
    if not post:
        return []
    text = " ".join(t.low for t in post[:6])
    for phrase in lex.vantage_phrases:
        if text == phrase or text.startswith(phrase + " "):
            return _cut(post, len(phrase.split()), limit=7)
    for phrase in lex.affiliation_phrases:
        if text == phrase or text.startswith(phrase + " "):
            size = len(phrase.split())
            kept = _cut(post, size, limit=6)
            obj = kept[size:]
            if phrase in _VAGUE_AFFILIATIONS and obj:
                return kept
            if any((t.capitalised and t.low not in FUNCTION_WORDS) or t.low in lex.institutions
                   or t.low in lex.affiliation_modifiers for t in obj):
                return kept
            return []
    return []


def _cut(post: list[Tok], phrase_size: int, limit: int) -> list[Tok]:
    out = list(post[:phrase_size])
    for tok in post[phrase_size:]:
        if len(out) >= phrase_size + limit or not tok.is_word or tok.low in PREPOSITIONS and len(out) > phrase_size:
            break
        if tok.low in _BOUNDARY_WORDS or tok.low in AUXILIARY_IN_NP:
            break
        out.append(tok)
    return out


def _names_someone(tokens: Sequence[Tok], lex: Lexicon) -> bool:
    for i, tok in enumerate(tokens):
        if not tok.is_word or not tok.capitalised:
            continue
        low = tok.low
        if low in FUNCTION_WORDS or low == "i":
            continue
        if low in lex.anonymous and (i == 0 or tokens[i - 1].low in DETERMINERS):
            continue  # "Sources said": capitalised only because it starts the sentence
        if low in lex.institutions:
            continue  # "Reports say", "the Ministry said": an institution, read as one
        return True
    return False


def _describe(tokens: Sequence[Tok]) -> str:
    words = list(tokens)
    while len(words) > 1 and words[0].low in ("a", "an", "one", "the"):
        words = words[1:]
    text = ""
    prev_end = None
    for tok in words:
        if prev_end is not None and tok.start > prev_end:
            text += " "
        text += tok.text
        prev_end = tok.end
    return text


def _named(window: list[Tok], appositive: list[Tok] | None) -> Speaker:
    return Speaker(NAMED, Span(window[0].start, window[-1].end), _describe(window + (appositive or [])))


def _anonymous(np: list[Tok], post: list[Tok], head: str, lex: Lexicon) -> Speaker | None:
    head_tok = np[-1]
    determiners = [t for t in np[:-1] if t.low in DETERMINERS]
    modifiers = [t for t in np[:-1] if t.low not in DETERMINERS]
    plural = head_tok.low != head or head == "people"
    post_text = " ".join(t.low for t in post)
    vantage = any(post_text == p or post_text.startswith(p + " ") for p in lex.vantage_phrases)
    signature = vantage or any(post_text.startswith(p) for p in _VAGUE_AFFILIATIONS)
    unnamed = any(t.low in ("unnamed", "anonymous", "unidentified") for t in modifiers)
    quantified = any(t.low in _QUANTIFIERS for t in determiners)
    if head in lex.phrase_only and not (post or unnamed or quantified):
        return None  # "people said", "someone tells": not a source description
    affiliated = bool(post) or any(t.low not in lex.generic_modifiers for t in modifiers)
    placed = False
    if head in lex.role_nouns:
        # A role at a named organisation is placed: "an IMF official",
        # "a senior official in Russia's Foreign Ministry".
        for t in (*modifiers, *post):
            if t.capitalised and t.is_word and t.low not in FUNCTION_WORDS:
                base = t.low[:-2] if possessive(t.low) else t.low
                if base not in lex.vague_capitalised and t.low not in lex.vague_capitalised:
                    placed = True
    level = 2 if (vantage or placed) else 1 if affiliated else 0
    crowd = plural and not post and all(t.low in _QUANTIFIERS | {"other"} for t in determiners) and all(
        t.low in lex.generic_modifiers for t in modifiers)
    tokens = np + post
    text = _describe(tokens)
    first = text.split(" ", 1)[0].lower()
    if first in lex.anonymous or (first in lex.generic_modifiers and first not in lex.vague_capitalised):
        text = text[0].lower() + text[1:]  # "Sources close to ...": capitalised only as the sentence opens
    return Speaker(
        ANONYMOUS,
        Span(np[0].start, tokens[-1].end),
        text,
        level=level,
        head=head,
        plural=plural,
        definite=bool(determiners) and determiners[0].low in DEFINITE,
        vantage_phrase=signature or unnamed,
        crowd=crowd,
    )


# -- the words either side of a verb ------------------------------------------------


def skip_adverbs(toks: list[Tok]) -> int:
    """Index of the last token before the verb that is not an adverb, auxiliary or "on Tuesday"."""
    i = len(toks) - 1
    while i >= 0:
        low = toks[i].low
        if low in _SKIP_BEFORE_VERB or (low.endswith("ly") and low.isalpha() and not toks[i].capitalised):
            i -= 1
        elif low in _WEEKDAYS and i > 0 and toks[i - 1].low in ("on", "last"):
            i -= 2
        else:
            break
    return i


def backward_window(toks: list[Tok], lex: Lexicon) -> tuple[list[Tok], list[Tok] | None, int]:
    """The subject before a verb: (tokens, appositive, index of the token before the subject)."""
    i = skip_adverbs(toks)
    appositive = None
    if i >= 0 and toks[i].text == ",":
        # "X, the prime minister, told MPs": skip back over the appositive.
        j = i - 1
        while j >= 0 and toks[j].text != "," and i - j <= 16:
            if not toks[j].is_word and toks[j].text not in ("-", ".", "(", ")"):
                return [], None, j
            j -= 1
        if j < 0 or toks[j].text != ",":
            return [], None, i
        appositive = toks[j + 1 : i]
        i = j - 1
    end = i
    while i >= 0 and end - i < 14:
        tok = toks[i]
        if not tok.is_word and tok.text != "-":
            break
        if tok.low in _BOUNDARY_WORDS and not _joins_name(toks, i):
            break
        if tok.low in lex.speech_forms and tok.low not in lex.noun_like:
            break
        i -= 1
    return toks[i + 1 : end + 1], appositive, i


def _joins_name(toks: Sequence[Tok], i: int) -> bool:
    """ "and", "for", "of" inside a name: "Department for Education and Skills", "Marks and Spencer"."""
    return (toks[i].low in ("and", "for", "of", "&") and 0 < i < len(toks) - 1
            and toks[i - 1].capitalised and toks[i + 1].capitalised and toks[i + 1].is_word)


def forward_window(toks: list[Tok]) -> tuple[list[Tok], bool, list[Tok]]:
    """The speaker after a verb: (tokens, ended by a comma, tokens after the comma)."""
    out: list[Tok] = []
    for k, tok in enumerate(toks):
        if not tok.is_word and tok.text != "-":
            return out, tok.text == ",", toks[k + 1 :]
        if tok.low in _BOUNDARY_WORDS or len(out) >= 14:
            break
        out.append(tok)
    return out, False, []


def plausible_subject_start(window: list[Tok], lex: Lexicon) -> bool:
    tok = window[0]
    low = tok.low
    if low in PREPOSITIONS or low in _SKIP_BEFORE_VERB:
        return False
    if low in DETERMINERS or tok.capitalised or low in lex.anonymous or low in lex.institutions \
            or low in lex.generic_modifiers or low in lex.affiliation_modifiers or low in PRONOUNS:
        return True
    return _title_then_name(window) or (len(window) > 1 and window[1].low in lex.anonymous)


def appositive_name(after_comma: list[Tok]) -> list[Tok] | None:
    """'said a senior official, John Smith': a capitalised name right after the comma."""
    names = []
    for tok in after_comma[:4]:
        if tok.is_word and tok.capitalised and tok.low not in FUNCTION_WORDS:
            names.append(tok)
        else:
            break
    if len(names) >= 2 or (names and names[0].low in _TITLES):
        return names
    return None


# -- labels: "Dr. Ivanova: ...", "Kremlin source: “...”" ---------------------------------

_LABEL = lazy_pattern(r"[ \t]*([A-Za-z][^:\n!?\"\u201c\u201d\u00ab\u00bb\u201e]{0,60}?):[ \t]+\S")
_MINOR = frozenset("of the and for at on in to de von van".split())
_SHORT_LABEL = 80  # characters: a label ("Kremlin source:") is a handful of words


_NOT_IN_LABEL = ("\n", "!", "?", '"', "\u201c", "\u201d", "\u00ab", "\u00bb", "\u201e")


def _label_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of group 1 of ``_LABEL().match(text, start, end)``, found with str methods:
    compiling the pattern would cost a one-file run more than all its matches."""
    i = start
    while i < end and text[i] in " \t":
        i += 1
    if i == end or not (text[i].isascii() and text[i].isalpha()):
        return None
    colon = text.find(":", i + 1, min(end, i + 62))  # the label's colon is the first one
    if colon < 0 or any(char in text[i + 1 : colon] for char in _NOT_IN_LABEL):
        return None
    after = colon + 1
    while after < end and text[after] in " \t":
        after += 1
    if after == colon + 1 or after == end or text[after].isspace():
        return None  # "[ \\t]+\\S": blanks, then the line's text
    return i, colon


def line_label(text: str, start: int, end: int, lex: Lexicon):
    """The speaker label of a transcript line ("Archyde News Editor: ..."), or False.

    A label is a short name or title in title case ("Dr. Ivanova", "Q");
    "The answer is simple: ..." is a sentence, not a label.
    """
    found = _label_span(text, start, end)
    if found is None:
        return False
    toks = tokenise(text, *found)
    words = [t for t in toks if t.is_word]
    if not words or len(words) > 6:
        return False
    for k, tok in enumerate(words):
        if tok.low in _MINOR and 0 < k < len(words) - 1:
            continue
        if not tok.capitalised and not (k == 0 and tok.low in _TITLES):
            return False
    if any(not t.is_word and t.text not in (".", "-", "'", "\u2019") for t in toks):
        return False
    return read_speaker(toks, lex, allow_capital_head=True)


def quote_label(text: str, sentence_start: int, open_pos: int, lex: Lexicon) -> Speaker | None:
    """The speaker of 'Label: "quote"' or 'He praised the director: "quote"'."""
    colon = open_pos - 1
    while colon >= sentence_start and text[colon] in " \t":
        colon -= 1
    if colon < sentence_start or text[colon] != ":":
        return None
    if colon - sentence_start <= _SHORT_LABEL:
        toks = tokenise(text, sentence_start, colon)
        words = [t for t in toks if t.is_word]
        if any(t.low in lex.speech_forms for t in words):
            return None  # 'X told reporters: "..."' is read from its verb
        if words and len(words) <= 6 and all(t.is_word or t.text in ("-", ".") for t in toks):
            speaker = read_speaker(toks, lex, allow_capital_head=True)
            if speaker is not None and speaker.kind != OTHER:
                return speaker
    words = [t for t in tokenise(text, sentence_start, min(colon, sentence_start + 40)) if t.is_word]
    if not words:
        return None
    # A clause introducing the quote: its subject speaks ("Osbourne himself was
    # at a loss to explain it: ..."). Only names and pronouns count.
    first = words[0]
    if first.low in ("he", "she", "they", "we", "i") or (first.capitalised and first.low not in FUNCTION_WORDS):
        return Speaker(IMPLICIT, Span(first.start, first.end), first.text)
    return None
