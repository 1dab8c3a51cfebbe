"""What the language rules share: each passage's cheap profile and the article's language.

A *unit* is what may be reported: a body paragraph (with its long quotes
blanked out, so an English frame around a German quote is judged on its
own) or a quotation of a few words or more. Headlines and crossheads are
never units: titles of books, films and laws stay in their own language.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Iterable

from lint.article import BLOCKQUOTE, LIST_ITEM, PARAGRAPH, Article
from lint.model import Span

from rules.language import detect
from rules.language.lexicon import (
    APOSTROPHES,
    CASED_SCRIPTS,
    LATIN,
    SCRIPT_OF_LANGUAGE,
    capitalised_stopwords,
    field_count,
    fields,
    languages,
    languages_with_stopwords,
    script_of,
    stopword_vectors,
    tokens,
    unpack,
    word_equivalents,
)

BODY_KINDS = frozenset({PARAGRAPH, LIST_ITEM, BLOCKQUOTE})
QUOTE_UNIT_WORDS = 5  # shorter quotes stay part of their paragraph
MIN_QUOTE_CHARS = 15  # quotes shorter than this cannot hold five words: not worth profiling

# Thresholds of the cheap check, as shares of a passage's non-name words.
CLEAR_SHARE = 0.20  # the article language's stopwords make up at least this ...
CLEAR_MARGIN = 1.3  # ... and beat every other language's share by this factor
FOREIGN_SHARE = 0.20  # another language's stopwords reach this: worth asking langdetect ...
FOREIGN_KINDS = 3  # ... if they are at least this many different words (not "a" and a stray "s")
UNLISTED_SHARE = 0.10  # below this, with enough words, the passage may be a language we have no list for
UNLISTED_MIN_WORDS = 12
CORROBORATING_SHARE = 0.15  # langdetect's verdict must be backed by that language's own stopwords

# Letters outside Latin script; when none occurs the script check is skipped. The ranges, merged:
# Greek and Cyrillic (U+0370-U+052F), Hebrew to Thai (U+0590-U+0E7F), Hangul Jamo (U+1100-U+11FF),
# Greek Extended (U+1F00-U+1FFF), kana and CJK (U+3040-U+9FFF), Hangul (U+AC00-U+D7AF). Tested
# without a regular expression: a character class this wide takes 3 ms to compile.
_NON_LATIN_RANGES = ((0x370, 0x52F), (0x590, 0xE7F), (0x1100, 0x11FF), (0x1F00, 0x1FFF), (0x3040, 0x9FFF),
                     (0xAC00, 0xD7AF))


def has_non_latin_letters(text: str) -> bool:
    """Whether ``text`` holds a character of the scripts above (distinct characters past U+036F only)."""
    for char in filter("\u036f".__lt__, set(text)):
        code = ord(char)
        for low, high in _NON_LATIN_RANGES:
            if low <= code <= high:
                return True
    return False
_first_letter = itemgetter(0)


class Profile:
    """Counts from one passage: words, non-name words, stopword hits per language, script.

    ``lowercase`` counts words that start with a small letter: names, initials
    and title words start with a capital, so a passage made mostly of them (a
    team line-up, a list of officials) is not prose in any language.
    ``hits`` and ``kinds`` (distinct stopwords) are packed per-language counts
    (see :func:`lexicon.unpack`). A plain class: a dataclass costs a millisecond
    of import time.
    """

    __slots__ = ("words", "content", "lowercase", "hits", "kinds", "script", "script_share")

    def __init__(self, words: int = 0, content: int = 0, lowercase: int = 0, hits: int = 0, kinds: int = 0,
                 script: str = LATIN, script_share: float = 1.0) -> None:
        self.words = words
        self.content = content
        self.lowercase = lowercase
        self.hits = hits
        self.kinds = kinds
        self.script = script
        self.script_share = script_share

    def _key(self) -> tuple:
        return (self.words, self.content, self.lowercase, self.hits, self.kinds, self.script, self.script_share)

    def __eq__(self, other) -> bool:
        return isinstance(other, Profile) and self._key() == other._key()

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it replaces

    def __repr__(self) -> str:
        return ("Profile(words={!r}, content={!r}, lowercase={!r}, hits={!r}, kinds={!r}, script={!r}, "
                "script_share={!r})".format(*self._key()))

    def count(self, lang: str) -> int:
        return field_count(self.hits, lang)

    def share(self, lang: str) -> float:
        return self.count(lang) / self.content if self.content else 0.0

    def counts(self) -> dict[str, int]:
        return unpack(self.hits)

    def best_other(self, lang: str) -> tuple[str | None, float]:
        """The language with the most hits besides ``lang`` (the first in field order on a tie) and its share."""
        counts = fields(self.hits)
        langs = languages()
        if lang in langs:
            counts[langs.index(lang)] = 0
        best_count = max(counts)
        if best_count <= 0:
            return None, 0.0
        return langs[counts.index(best_count)], (best_count / self.content if self.content else 0.0)

    def distinct(self, lang: str) -> int:
        return field_count(self.kinds, lang)

    @property
    def mostly_names(self) -> bool:
        return self.script in CASED_SCRIPTS and self.lowercase * 2 < self.words

    def add(self, other: "Profile") -> None:
        self.words += other.words
        self.content += other.content
        self.lowercase += other.lowercase
        self.hits += other.hits
        self.kinds += other.kinds


def profile(text: str) -> Profile:
    return _profile_and_stopwords(text)[0]


def _profile_and_stopwords(text: str) -> tuple[Profile, set[str]]:
    """The passage's profile, and the distinct stopword forms in it (to merge profiles exactly)."""
    words = tokens(text)
    vector_of = stopword_vectors()
    # Every step below runs in C: a Python loop over the stopwords found cost more than the rest.
    # Each stopword adds one to every language that has it, packed in one integer (see lexicon).
    stops = list(filter(vector_of.__contains__, words))
    present = set(stops)
    hits = sum(map(vector_of.__getitem__, stops))
    kinds = sum(map(vector_of.__getitem__, present))
    capitalised, lowercase = _cased_words(words)
    # Capitalised and not a function word: a name, a title word or a German noun. Names say
    # nothing about the language a passage is written in, so they are left out of the shares.
    names = capitalised - sum(map(capitalised_stopwords().__contains__, stops))
    result = Profile(len(words), len(words) - names, lowercase, hits, kinds)
    if not text.isascii() and has_non_latin_letters(text):
        result.words = sum(word_equivalents(w) for w in words)
        by_script: dict[str, int] = {}
        for word in words:
            script = script_of(word[0])
            by_script[script] = by_script.get(script, 0) + len(word)
        letters = sum(by_script.values())
        result.script = max(by_script, key=by_script.get) if by_script else LATIN
        result.script_share = by_script[result.script] / letters if letters else 1.0
        if result.script not in CASED_SCRIPTS:
            result.content = result.lowercase = result.words  # no capitals to tell names by
    return result, present


_ASCII_CAPITALS = bytes(range(ord("A"), ord("Z") + 1))


def _cased_words(words: list[str]) -> tuple[int, int]:
    """How many words start with a capital, and how many with a small letter."""
    initials = "".join(map(_first_letter, words))
    if initials.isascii():
        # Words are letters only, so ASCII initials are A-Z or a-z: deleting the capitals counts both.
        lowercase = len(initials.encode("ascii").translate(None, _ASCII_CAPITALS))
        return len(initials) - lowercase, lowercase
    return sum(map(str.isupper, initials)), sum(map(str.islower, initials))


def _merged(parts: list[tuple[Profile, set[str]]]) -> Profile:
    """The profile of passages taken together, as if their words had been counted as one text.

    Counts add up; distinct stopwords (``kinds``) are counted over the union of the forms.
    Latin script only: the script share of a mixed passage is not a sum.
    """
    result = Profile()
    present: set[str] = set()
    for part, forms in parts:
        result.add(part)
        present |= forms
    result.kinds = sum(map(stopword_vectors().__getitem__, present))
    return result


def _separates(char: str) -> bool:
    """Whether no word runs across ``char``: not a letter or digit, and not an apostrophe (dropped)."""
    return not char.isalnum() and char not in APOSTROPHES


def _splits_cleanly(text: str, cuts: list[tuple[int, int]]) -> bool:
    """Whether cutting ``text`` at these (start, end) pairs leaves every word whole.

    Then the words of the text are the words of the pieces between the cuts plus those of
    the cut-out pieces, and profiles of the pieces add up to the profile of the text. (A cut-out
    quote has the words of its content: quote marks are punctuation or apostrophes.)
    """
    previous_end = 0
    for start, end in cuts:
        if start < previous_end:
            return False  # overlapping quotes: blanked once, counted twice
        for at in (start, end):
            if 0 < at < len(text) and not (_separates(text[at - 1]) or _separates(text[at])):
                return False
        previous_end = end
    return True


class Unit:
    """What may be reported: a paragraph ("paragraph") or a quotation ("quote")."""

    __slots__ = ("kind", "span", "text", "block", "profile")

    def __init__(self, kind: str, span: Span, text: str, block: int, profile: Profile) -> None:
        self.kind = kind
        self.span = span
        self.text = text
        self.block = block
        self.profile = profile

    def __repr__(self) -> str:
        return f"Unit(kind={self.kind!r}, span={self.span!r}, block={self.block!r})"


class LanguageView:
    __slots__ = ("units", "body", "body_text", "blocks", "_cache")

    def __init__(self, units: list[Unit], body: Profile, body_text: str, blocks: list[Profile]) -> None:
        self.units = units
        self.body = body
        self.body_text = body_text
        self.blocks = blocks  # every body block (headline and crossheads only when there is no body)
        self._cache: dict = {}

    def units_near(self, unit: Unit, reach: int = 1) -> Iterable[Unit]:
        for other in self.units:
            if other is not unit and abs(other.block - unit.block) <= reach:
                yield other


def language_view(article: Article) -> LanguageView:
    return article.memo("language.view", _build_view)


def _build_view(article: Article) -> LanguageView:
    masked = article.masked
    long_quotes: dict[int, list] = {}
    for quote in article.quotations:
        # One-paragraph quotes only: a quote running over paragraphs is judged paragraph by paragraph.
        if quote.depth == 0 and len(quote.blocks) == 1 and len(quote.content) >= MIN_QUOTE_CHARS:
            long_quotes.setdefault(quote.blocks[0], []).append(quote)
    units: list[Unit] = []
    body = Profile()
    pieces: list[str] = []
    block_profiles: list[Profile] = []
    body_blocks = [b for b in article.blocks if b.kind in BODY_KINDS]
    # The headline and crossheads speak for the article's language only when there is nothing else:
    # a film or book title in a heading says nothing about the language of the story.
    for block in body_blocks or [b for b in article.blocks if b.is_prose]:
        pieces.append(block.text)
        quotes = long_quotes.get(block.index, ()) if block.kind in BODY_KINDS else ()
        if quotes:
            whole = _add_quoted_block(units, block, quotes, masked)
        else:
            whole = profile(block.text)
            if block.kind in BODY_KINDS:
                units.append(Unit("paragraph", block.span, block.text, block.index, whole))
        body.add(whole)
        block_profiles.append(whole)
    _set_body_script(body, block_profiles)
    return LanguageView(units, body, "\n".join(pieces)[: detect.MAX_CHARS], block_profiles)


def _add_quoted_block(units: list[Unit], block, quotes: list, masked: str) -> Profile:
    """Add a paragraph with long quotes (blanked out) and those quotes as units; return the block's profile."""
    quote_units = []
    counted = []  # (profile, stopwords) of each quote unit
    for quote in quotes:
        content = masked[quote.content.start : quote.content.end]
        quoted, forms = _profile_and_stopwords(content)
        if quoted.words >= QUOTE_UNIT_WORDS:
            quote_units.append(Unit("quote", quote.span, content, block.index, quoted))
            counted.append((quoted, forms))
    text = block.text
    if not quote_units:
        whole = profile(text)
        units.append(Unit("paragraph", block.span, text, block.index, whole))
        return whole
    cuts = [(u.span.start - block.span.start, u.span.end - block.span.start) for u in quote_units]
    blanked = _blank(text, cuts)
    outside = _profile_and_stopwords(blanked)
    units.append(Unit("paragraph", block.span, blanked, block.index, outside[0]))
    units.extend(quote_units)
    # Fast path: when the quotes cut no word in two and the block is all Latin script, the
    # block's profile is the paragraph's plus its quotes': no need to count its words again.
    if _splits_cleanly(text, cuts) and (text.isascii() or not has_non_latin_letters(text)):
        return _merged([outside, *counted])
    return profile(text)


def _blank(text: str, cuts: list[tuple[int, int]]) -> str:
    """``text`` with each (start, end) range replaced by as many spaces."""
    chars = list(text)
    for start, end in cuts:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _set_body_script(body: Profile, blocks: list[Profile]) -> None:
    """The article's writing system: the one most of its words are in."""
    by_script: dict[str, float] = {}
    for prof in blocks:
        by_script[prof.script] = by_script.get(prof.script, 0) + prof.words * prof.script_share
    if by_script and body.words:
        body.script = max(by_script, key=by_script.get)
        body.script_share = min(1.0, by_script[body.script] / body.words)


# --------------------------------------------------------------------------
# decisions

SAME, FOREIGN, UNCLEAR = "same", "foreign", "unclear"


def cheap_verdict(prof: Profile, lang: str) -> str:
    """SAME: clearly in ``lang``; FOREIGN: worth asking langdetect; UNCLEAR: leave alone."""
    if not prof.content:
        return UNCLEAR
    expected_script = SCRIPT_OF_LANGUAGE.get(lang)
    if expected_script and prof.script != expected_script and prof.script_share >= 0.5:
        return FOREIGN
    if lang not in languages_with_stopwords():
        return FOREIGN  # no cheap check for this language: langdetect decides
    own = prof.share(lang)
    other, other_share = prof.best_other(lang)
    if own >= CLEAR_SHARE and own >= CLEAR_MARGIN * other_share:
        return SAME
    if other_share >= FOREIGN_SHARE and other_share > own and prof.distinct(other) >= FOREIGN_KINDS:
        return FOREIGN
    if own < UNLISTED_SHARE and prof.content >= UNLISTED_MIN_WORDS:
        return FOREIGN
    return UNCLEAR


def corroborated(prof: Profile, detected: str, reference: str) -> bool:
    """Whether the passage's own words back langdetect's verdict."""
    expected_script = SCRIPT_OF_LANGUAGE.get(reference)
    if expected_script and prof.script != expected_script and prof.script_share >= 0.5:
        return True  # a different writing system is evidence enough
    if detected in languages_with_stopwords():
        return prof.share(detected) >= CORROBORATING_SHARE
    return prof.share(reference) < UNLISTED_SHARE


def best_guess(text: str) -> tuple[str, float] | None:
    found = detect.detect(text)
    return found[0] if found else None


def body_language(view: LanguageView) -> tuple[str, float | None] | None:
    """The language most of the article is written in: by stopwords when clear, else langdetect.

    The confidence is None when the stopword check decided on its own.
    """
    if "body" not in view._cache:
        view._cache["body"] = _body_language(view)
    return view._cache["body"]


def _body_language(view: LanguageView) -> tuple[str, float | None] | None:
    # Each block whose stopwords clearly point to one language votes with its word count, so
    # one long foreign paragraph in a short story does not make the story foreign.
    votes: dict[str, int] = {}
    for prof in view.blocks:
        lang = clear_language(prof)
        if lang is not None:
            votes[lang] = votes.get(lang, 0) + prof.words
    if votes:
        lang = max(votes, key=votes.get)
        voted = sum(votes.values())
        if votes[lang] * 2 > voted and voted * 2 >= view.body.words:
            return lang, None
    guess = best_guess(view.body_text)
    return guess if guess else None


def clear_language(prof: Profile) -> str | None:
    """The one language whose stopwords clearly dominate a passage, if any."""
    if not prof.content:
        return None
    counts = fields(prof.hits)
    top = max(counts)
    if top <= 0:
        return None
    index = counts.index(top)  # the first language in field order on a tie
    counts[index] = 0
    own = top / prof.content
    runner_up = max(counts) / prof.content
    return languages()[index] if own >= CLEAR_SHARE and own >= CLEAR_MARGIN * runner_up else None
