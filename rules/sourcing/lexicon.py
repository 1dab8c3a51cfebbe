"""The sourcing lexicons: loaded once from data/lexicon.yaml, adjusted by rule options.

Options (the same names on every sourcing rule, so they can be set once
under ``rules: sourcing:`` in .newslint.yaml):

* ``extra-speech-verbs`` / ``drop-speech-verbs``: lemmas ("opine") or
  phrasal verbs ("point out"); inflected forms are generated.
* ``extra-anonymous-nouns`` / ``drop-anonymous-nouns``: head nouns of an
  anonymous source description (singular; plurals are generated).
* ``extra-anonymous-modifiers`` / ``drop-anonymous-modifiers``: words that
  describe a source without placing it ("senior", "well-placed", "Western":
  "a Western official" stays vague where "an IMF official" is placed).
* ``extra-institution-nouns`` / ``drop-institution-nouns``: heads of
  institutional speakers ("spokesman", "ministry") that count as attributed.
* ``extra-hedges`` / ``drop-hedges`` (weasel rule): regular expressions.

Start-up cost matters (a pre-commit run checks one file): the YAML is read
through its derived plain-text form (``build_lexicon``), nothing is compiled
at import, and every pattern is compiled on its first use. Cue words are found by dictionary look-ups over word runs until a
lexicon has served ``_COMPILE_AFTER`` articles; only then are the trie-shaped
cue pattern and the two-pass hedge scan compiled (milliseconds), which scan
faster (see ``_split_scan``). Every way finds exactly the same spans.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate, compress
from typing import Any, Callable, Iterable, Mapping

from lint.resources import lazy_pattern



# Defaults are empty tuples: shared by every rule, so they must not be mutable.
LEXICON_OPTIONS: dict[str, tuple] = {
    "extra-speech-verbs": (),
    "drop-speech-verbs": (),
    "extra-anonymous-nouns": (),
    "drop-anonymous-nouns": (),
    "extra-anonymous-modifiers": (),
    "drop-anonymous-modifiers": (),
    "extra-institution-nouns": (),
    "drop-institution-nouns": (),
}
HEDGE_OPTIONS: dict[str, tuple] = {"extra-hedges": (), "drop-hedges": ()}


@lru_cache(maxsize=1)
def _base() -> dict[str, Any]:
    """The shipped lists by name; ``irregular-forms`` as a lemma -> forms mapping.

    Read from the derived text (no YAML parser to import) when it was made from
    the YAML as it is now, from the YAML otherwise (see ``build_lexicon``).
    """
    from rules.sourcing import build_lexicon

    checksum, data = build_lexicon.parse(build_lexicon.DERIVED.read_text(encoding="utf-8"))
    if checksum == build_lexicon.source_checksum():
        return data
    from lint.resources import load_yaml

    data = dict(load_yaml(build_lexicon.SOURCE))
    data["irregular-forms"] = {lemma: list(forms) for lemma, forms in data.get("irregular-forms", {}).items()}
    return data


# -- inflection ---------------------------------------------------------------

_VOWELS = set("aeiou")


def verb_forms(lemma: str, irregular: Mapping[str, list[str]]) -> set[str]:
    """``lemma`` and its -s, -ed and -ing forms; phrasal verbs inflect their first word."""
    lemma = " ".join(lemma.lower().split())
    head, _, particle = lemma.partition(" ")
    if head in irregular:
        heads = set(irregular[head])
    elif head.endswith("e"):
        heads = {head, head + "s", head + "d", head[:-1] + "ing"}
    elif head.endswith("y") and len(head) > 1 and head[-2] not in _VOWELS:
        heads = {head, head[:-1] + "ies", head[:-1] + "ied", head + "ing"}
    elif head.endswith(("s", "sh", "ch", "x", "z")):
        heads = {head, head + "es", head + "ed", head + "ing"}
    else:
        heads = {head, head + "s", head + "ed", head + "ing"}
    return {f"{h} {particle}" for h in heads} if particle else heads


def noun_forms(noun: str) -> dict[str, str]:
    """Map the singular and plural forms of ``noun`` to the singular."""
    noun = noun.lower().strip()
    if noun.endswith("man"):
        plural = noun[:-3] + "men"
    elif noun.endswith("y") and len(noun) > 1 and noun[-2] not in _VOWELS:
        plural = noun[:-1] + "ies"
    elif noun.endswith(("s", "sh", "ch", "x")):
        plural = noun + "es"
    else:
        plural = noun + "s"
    return {noun: noun, plural: noun}


# -- the lexicon ----------------------------------------------------------------


# Word runs as the cue pattern sees them: a cue or head noun starts and ends
# at the edges of a run of word characters, apostrophes and hyphens.
_RUNS = lazy_pattern(r"([\w'\u2019-]+)")

# Articles a lexicon checks before it compiles its scans: a one-file run never
# pays for that (about 10 ms for the cue words and hedges, 5 ms more once a
# text has characters beyond ASCII); a corpus run gets it back in about as
# many articles again (the compiled scans save about 0.08 ms per article), so
# no run pays much more than it had to.
_COMPILE_AFTER = 150


class Lexicon:
    """The word lists of one set of options, and the patterns built from them.

    Built once per process and set of options (``get_lexicon``). Patterns are
    compiled on first use: ``reason``, ``anonymity`` and ``opinion`` are needed
    only when an article has an anonymous source, and ``words`` only once the
    lexicon has served ``_COMPILE_AFTER`` articles (``find_words``).
    """

    __slots__ = (
        "speech_forms", "noun_like", "lemma_of", "relay_forms", "anonymous", "role_nouns", "claim_nouns",
        "phrase_only", "generic_modifiers", "affiliation_modifiers", "vague_capitalised", "vantage_phrases",
        "affiliation_phrases", "institutions", "weasel_nouns", "cue_words", "hedges", "reasons",
        "anonymity_notes", "opinion_words", "_opinions", "_sources", "_compiled", "_first_pieces", "_uses",
    )

    speech_forms: frozenset[str]  # every inflected form, lower case (phrasal: "pointed out")
    noun_like: frozenset[str]  # forms that are also nouns ("states", "hopes", "remarks")
    lemma_of: Mapping[str, str]  # form -> lemma
    relay_forms: frozenset[str]
    anonymous: Mapping[str, str]  # form -> singular head noun
    role_nouns: frozenset[str]
    claim_nouns: frozenset[str]
    phrase_only: frozenset[str]
    generic_modifiers: frozenset[str]  # describe without placing: "senior", "well-placed"
    affiliation_modifiers: frozenset[str]  # place vaguely: "government", "party"
    vague_capitalised: frozenset[str]  # capitalised but vague: "Western", "US"
    vantage_phrases: tuple[str, ...]
    affiliation_phrases: tuple[str, ...]
    institutions: Mapping[str, str]
    weasel_nouns: frozenset[str]
    cue_words: frozenset[str]  # speech and relay forms, "according to", "put it" ...
    hedges: PhraseSet  # on lowered text
    reasons: PhraseSet  # stated reasons for anonymity, case-insensitive
    anonymity_notes: PhraseSet  # anonymity acknowledged, case-insensitive
    opinion_words: tuple[str, ...]  # lower case; see ``opinions``

    def __init__(self, *, patterns: Mapping[str, Any], **lists: Any) -> None:
        for name, value in lists.items():
            setattr(self, name, value)
        # name -> (regular expression, flags), or a function making them; compiled on first use
        self._sources = dict(patterns)
        self._compiled: dict[str, re.Pattern | None] = {}
        self._first_pieces: dict[str, tuple[tuple[str, ...], ...]] | None = _first_pieces(
            self.cue_words | set(self.anonymous))
        self._uses = 0
        self._opinions: PhraseSet | None = None

    def _pattern(self, name: str) -> re.Pattern | None:
        try:
            return self._compiled[name]
        except KeyError:
            source = self._sources[name]
            if callable(source):
                source = source()
            pattern = self._compiled[name] = None if source is None else re.compile(*source)
            return pattern

    @property
    def articles_served(self) -> int:
        """How many texts ``find_words`` has scanned."""
        return self._uses

    @property
    def words(self) -> re.Pattern:
        """Any cue or anonymous head noun, on lowered text."""
        return self._pattern("words")  # type: ignore[return-value]

    @property
    def reason(self) -> re.Pattern:
        return self.reasons.full()  # type: ignore[return-value]

    @property
    def anonymity(self) -> re.Pattern:
        return self.anonymity_notes.full()  # type: ignore[return-value]

    @property
    def opinions(self) -> PhraseSet:
        """Opinion markers in a quote, case-insensitive; made on first use (few articles need them)."""
        if self._opinions is None:
            self._opinions = PhraseSet(_escaped_words(self.opinion_words), _opinion_source)
        return self._opinions

    @property
    def opinion(self) -> re.Pattern:
        return self.opinions.full()  # type: ignore[return-value]

    @property
    def hedge(self) -> re.Pattern | None:
        """Any hedge, on lowered text; None when the user dropped them all."""
        return self.hedges.full()

    def find_words(self, scan: str, same_length: bool) -> list[tuple[int, int]]:
        """Spans of the cue words and anonymous head nouns in ``scan``, as ``words.finditer`` finds them.

        ``scan`` is the lowered text when ``same_length``, else the text itself
        (matched case-insensitively). Until the lexicon has served
        ``_COMPILE_AFTER`` articles the words are looked up run by run, which
        needs no compilation; then two compiled scans take over (see
        ``_split_scan``). The results are the same every way.
        """
        self._uses += 1
        first = self._first_pieces
        if not same_length:
            return [m.span() for m in case_insensitive(self.words).finditer(scan)]
        if first is not None and self._uses <= _COMPILE_AFTER:
            return _find_runs(scan, first)
        main = None if first is None else self._pattern("words_main")  # only plain words (see ``_split_scan``)
        if main is None:
            return [m.span() for m in self.words.finditer(scan)]
        return _split_scan(scan, main, lambda: self._pattern("words_rare"))  # type: ignore[return-value]

    def find_hedges(self, scan: str, same_length: bool) -> list[tuple[int, int]]:
        """Spans of the hedges in ``scan`` (lowered when ``same_length``), as ``hedge.finditer`` finds them."""
        if not self.hedges.phrases:
            return []
        if not same_length:
            return [m.span() for m in case_insensitive(self.hedge).finditer(scan)]  # type: ignore[arg-type]
        if self._uses < _COMPILE_AFTER:
            # The first articles compile only the hedges their text can hold (``PhraseSet``).
            single = self.hedges.for_text(scan)
            return [] if single is None else [m.span() for m in single.finditer(scan)]
        single: re.Pattern = self.hedge  # type: ignore[no-redef]
        main = self._pattern("hedge_main")
        if main is not None:
            spans = _split_scan(scan, main, lambda: self._pattern("hedge_rare"), single.match)  # type: ignore[arg-type]
            if spans is not None:
                return spans
        # (Hedges are free regular expressions: when a match of one pass runs into
        # one of the other, or follows a letter, only the single scan can say
        # which of them ``finditer`` keeps.)
        return [m.span() for m in single.finditer(scan)]


def _first_pieces(entries: Iterable[str]) -> dict[str, tuple[tuple[str, ...], ...]] | None:
    """Entries split into word runs, by first run, longest first; None when an
    entry is not plain words separated by single spaces (then only the compiled
    pattern reads them)."""
    entries = list(entries)
    joined = " ".join(entries)
    if not joined or joined[0] == " " or joined[-1] == " " or "  " in joined or not joined.replace(
            " ", "").replace("'", "").replace("-", "").replace("_", "").isalnum():
        return None  # words are letters, digits, "_", "'" and "-" (what \w, the apostrophe and the hyphen match)
    # Most entries are one word: those are mapped in one comprehension, the phrases added after.
    by_first: dict[str, tuple[tuple[str, ...], ...]] = {entry: ((entry,),) for entry in entries if " " not in entry}
    for entry in entries:
        if " " in entry:
            pieces = tuple(entry.split(" "))
            by_first[pieces[0]] = tuple(sorted((*by_first.get(pieces[0], ()), pieces), key=len, reverse=True))
    return by_first


def _no_inner_starts(entries: Iterable[str]) -> bool:
    """Whether no entry can start inside another: no word after the first of an entry
    ("to" in "according to") begins an entry. (Apostrophes compare as one kind.)"""
    pieces = [entry.replace("\u2019", "'").split() for entry in entries]
    firsts = {p[0] for p in pieces if p}
    return all(p and not firsts.intersection(p[1:]) for p in pieces)


def _find_runs(scan: str, first: Mapping[str, tuple[tuple[str, ...], ...]]) -> list[tuple[int, int]]:
    """The matches of ``(?<![\\w'\u2019-])(?:entries)(?![\\w'\u2019-])``, longest first and
    left to right, with a space in an entry standing for any run of blanks
    and an apostrophe for either kind, found by look-ups over word runs."""
    parts = _RUNS().split(scan.replace("\u2019", "'") if "\u2019" in scan else scan)
    runs = parts[1::2]  # parts: gap, run, gap, run, ..., gap
    hits = list(compress(range(len(runs)), map(first.__contains__, runs)))
    if not hits:
        return []
    ends = list(accumulate(map(len, parts)))  # ends[i]: where parts[i] ends
    out = []
    last = -1  # the last run inside a match
    for j in hits:
        if j <= last:
            continue
        run = runs[j]
        start = ends[2 * j]
        for entry in first[run]:
            n = len(entry)
            if n == 1:
                last = j
                out.append((start, start + len(run)))
                break
            if j + n <= len(runs) and all(runs[j + i] == entry[i] and parts[2 * (j + i)].isspace()
                                          for i in range(1, n)):
                last = j + n - 1
                out.append((start, ends[2 * last + 1]))
                break
    return out


# Python's ``re`` tries a pattern at every position of the text unless the
# pattern opens with a literal or a set of plain characters; a look-behind
# ("no letter before") defeats that. So the compiled cue and hedge scans look
# for the character before the word instead, in two passes: one over ASCII
# characters (a space, a quotation mark, a newline ...) and one over the rarer
# others, which drops a match after a letter. That is about twice as fast as
# the look-behind scan, and finds the same spans (``_split_scan``).


def _ascii_class(keep: Callable[[str], bool]) -> str:
    """A character class of the ASCII characters for which ``keep`` holds, as ranges."""
    codes = [c for c in range(128) if keep(chr(c))]
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "[" + "".join(f"\\x{a:02x}" if a == b else f"\\x{a:02x}-\\x{b:02x}" for a, b in ranges) + "]"


def _split_sources(body: Callable[[], str], before_word: Callable[[str], bool],
                   when: Callable[[], bool]) -> tuple[Callable[[], tuple[str, int] | None], ...]:
    """(ASCII pass, other pass) for ``body()``, a pattern that must start a word, if ``when()``;
    ``before_word`` tells which ASCII characters may stand before the word."""
    return ((lambda: (_ascii_class(before_word) + body(), 0) if when() else None),
            (lambda: ("[^\\x00-\\x7f]" + body(), 0) if when() else None))


def _split_scan(scan: str, main: re.Pattern, rare: Callable[[], re.Pattern],
                at_start: Callable[[str], re.Match | None] | None = None) -> list[tuple[int, int]] | None:
    """The word spans, in order, of ``main`` (an ASCII character before the word) and of
    ``rare()`` (any other character before it) over ``scan``.

    For cue words (``at_start`` None) the ASCII pass runs over " " + ``scan``,
    which gives the first word a character before it, and a rare match after
    a word character or a curly apostrophe ("café-said") is no match. No two
    spans can overlap: no entry starts inside another (``_no_inner_starts``).

    Hedges are free regular expressions, so they get no such shortcuts:
    ``at_start`` matches at the start of the text, and a rare match after a
    word character or spans that overlap give None: only the single scan can
    tell which of them ``finditer`` would keep.
    """
    strict = at_start is not None
    if at_start is None:
        out = [(m.start(), m.end() - 1) for m in main.finditer(" " + scan)]
    else:
        out = [(m.start() + 1, m.end()) for m in main.finditer(scan)]
        first = at_start(scan)
        if first is not None:
            out.insert(0, first.span())
    if not scan.isascii():
        extra = []
        for m in rare().finditer(scan):
            char = scan[m.start()]
            if char.isalnum() or char == "\u2019" and not strict:  # a word character before: no match
                if strict:
                    return None
                continue
            extra.append((m.start() + 1, m.end()))
        if extra:
            out = sorted(out + extra)
    if strict and any(end > start for (_, end), (start, _) in zip(out, out[1:])):
        return None
    return out


def lowered(text: str) -> tuple[str, bool]:
    """``text`` in lower case for the cue and hedge patterns, and whether offsets still match.

    A handful of characters change length when lower-cased ("\u0130"); then the
    caller matches on the original text with a case-insensitive copy of the pattern.
    """
    low = text.lower()
    return low, len(low) == len(text)


@lru_cache(maxsize=64)
def case_insensitive(pattern: re.Pattern) -> re.Pattern:
    return re.compile(pattern.pattern, pattern.flags | re.I)


def _adjust(base: Iterable[str], extra: Iterable[str], drop: Iterable[str]) -> list[str]:
    dropped = {str(d).lower().strip() for d in drop or ()}
    words = [str(w).lower().strip() for w in [*base, *(extra or ())]]
    return [w for w in dict.fromkeys(words) if w and w not in dropped]


def _escaped_words(words: Iterable[str]) -> list[str]:
    # Longest first so "pointed out" wins over "pointed"; spaces match any run
    # of blanks and an apostrophe matches the curly one too.
    return [re.escape(w).replace(r"\ ", r"\s+").replace("'", "['\u2019]")
            for w in sorted(set(words), key=lambda w: (-len(w), w))]


def _opinion_source(escaped_words: Iterable[str]) -> tuple[str, int]:
    """Any opinion marker (from ``_escaped_words``, in its order) as a whole word."""
    return rf"(?<![\w'\u2019])(?:{'|'.join(escaped_words)})(?![\w'\u2019])", re.I


def _hedge_source(hedges: list[str]) -> tuple[str, int]:
    """Any of ``hedges`` as whole words, on lowered text, guarded by the letters they can start with."""
    letters, body = _guard(hedges)
    guarded = f"(?:{body})" if letters is None else f"(?=[{letters}])(?:{body})"
    return rf"\b{guarded}(?![\w-])", 0


def trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching exactly ``words``, factored as a trie.

    Python's ``re`` tries each branch of a flat alternation in turn; sharing
    prefixes makes a list of a few hundred verb forms about ten times faster
    to scan. A space in a word matches any run of blanks; an apostrophe also
    matches the curly one.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            if ch == " ":
                piece = r"\s+"
            elif ch == "'":
                piece = "['\u2019]"
            else:
                piece = re.escape(ch)
            branches.append(piece + build(node[ch]))
        if not branches:
            return ""
        if len(branches) == 1 and not ends:
            return branches[0]
        return "(?:" + "|".join(branches) + ")" + ("?" if ends else "")

    return build(trie)


def first_letters(pattern: str) -> set[str] | None:
    """The letters a match of ``pattern`` can start with, or None when that is not simple to tell.

    Understands literals and ``(?:a|b)`` groups with ``?``, ``*`` and ``+``:
    enough for the hedge list, whose combined pattern is then guarded by a
    look-ahead on these letters (several times faster to scan). Anything else
    (a class, an escape) gives None and no guard.
    """

    def skip(i: int) -> int:
        """Past one atom: an escape, a class, a group or a character."""
        if pattern[i] == "\\":
            return i + 2
        if pattern[i] == "[":
            i += 1
            while i < len(pattern) and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
            return i + 1
        if pattern[i] == "(":
            depth = 0
            while i < len(pattern):
                if pattern[i] == "\\":
                    i += 2
                    continue
                char = pattern[i]
                if char == "(":
                    depth += 1
                elif char == ")":
                    depth -= 1
                i += 1
                if depth == 0:
                    return i
        return i + 1

    def sequence(i: int, stop: str) -> tuple[set[str] | None, bool, int]:
        first: set[str] = set()
        nullable = True
        while i < len(pattern) and pattern[i] not in stop:
            if not nullable:
                i = skip(i)  # the first letters are known; only find where the sequence ends
                continue
            if pattern.startswith("(?:", i):
                alts, empty, i = group(i + 3)
            elif pattern[i] in "[\\.^$(":
                return None, False, i
            else:
                alts, empty, i = {pattern[i]}, False, i + 1
            if i < len(pattern) and pattern[i] in "?*+":
                empty = empty or pattern[i] != "+"
                i += 1
            if alts is None:
                return None, False, i
            first |= alts
            nullable = empty
        return first, nullable, i

    def group(i: int) -> tuple[set[str] | None, bool, int]:
        first: set[str] = set()
        nullable = False
        while True:
            alts, empty, i = sequence(i, "|)")
            if alts is None or i >= len(pattern):
                return None, False, i
            first |= alts
            nullable = nullable or empty
            i += 1
            if pattern[i - 1] == ")":
                return first, nullable, i

    letters, nullable, end = sequence(0, "")
    if letters is None or nullable or end != len(pattern) or not all(c.isalpha() for c in letters):
        return None
    return letters


def _guard(alternatives: list[str]) -> tuple[str | None, str]:
    """(the letters the alternatives can start with, or None when unknown; the alternatives joined)."""
    body = "|".join(f"(?:{a})" for a in alternatives)
    letters: set[str] = set()
    for alt in alternatives:
        first = first_letters(alt)
        if first is None:
            return None, body
        letters |= first
    return "".join(sorted(letters)), body


def _one_branch(pattern: str) -> bool:
    """Whether ``pattern`` is plain enough to read (no classes, only "(?:" groups,
    no escapes but ``\\w``, ``\\s``, ``\\b``) and has no "|" outside its groups."""
    depth = 0
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            if pattern[i + 1 : i + 2] not in ("w", "s", "b"):
                return False
            i += 2
            continue
        if char == "[" or char == "(" and not pattern.startswith("(?:", i):
            return False  # a class, or a group that captures or looks around
        depth += (char == "(") - (char == ")")
        if char == "|" and depth == 0:
            return False
        i += 1
    return True


# A hedge opening on a group of plain words: "(?:many|some) (?:believe|...)".
_LEADING_GROUP = lazy_pattern(r"\(\?:([a-z ]+(?:\|[a-z ]+)*)\)(\??)(?![*+?{])")


def expand_leading_group(hedge: str) -> list[str]:
    """``hedge`` as alternatives that each open on a plain letter, when it opens on a
    group of plain words: "(?:many|some) say" -> "many say", "some say"; "(?:news
    )?reports" -> "news reports", "reports". Python's ``re`` skips an alternative
    that opens on a letter with one comparison, and enters one that opens on a group,
    so the hedge scan runs about a fifth faster. The alternatives come in the order
    the group would try them, so a scan finds the same matches."""
    m = _LEADING_GROUP().match(hedge)
    rest = "" if m is None else hedge[m.end():]
    if m is None or not _one_branch(rest):
        return [hedge]
    out = [word + rest for word in m.group(1).split("|")]
    if m.group(2):
        out.append(rest)  # the optional group left out, tried last
    return out


def _phrases(patterns: Iterable[str]) -> tuple[str, int]:
    return "|".join(f"(?:{p})" for p in patterns), re.I


# -- compiling only the phrases a text can hold ---------------------------------------

# The hedge list alone takes about 3 ms to compile, the reasons for anonymity
# another 2, and a one-file run pays for every pattern it compiles. A phrase
# whose plain text does not occur in an article cannot match there, and an
# alternative that never matches changes nothing in what an alternation
# matches; so the first ``_GATED_TEXTS`` texts a list serves get an
# alternation of only the phrases they can hold (most get none at all), and
# later ones the whole list, compiled once, which a long run makes the
# cheaper way.
_GATED_TEXTS = 4

# Characters that case-insensitive patterns match to an ASCII letter but that
# lower-casing does not turn into it: with one in the text, literals cannot be
# looked up in the lowered text. ("\u0130" changes length, so callers never
# have a lowered text with the same offsets then.)
_CASE_FOLD_ODDITIES = ("\u0131", "\u017f")  # dotless i, long s


class PhraseSet:
    """Regular-expression phrases tried as one alternation, in their order.

    ``build`` turns a list of phrases into (source, flags). ``for_text`` gives
    the alternation of the phrases a lowered text can hold (``needed_literals``,
    taken from ``known_needs`` when the data shipped them); it finds exactly
    what ``full()`` finds in that text. Both are None when no phrase is left.
    """

    __slots__ = ("phrases", "_build", "_known_needs", "_needs", "_texts", "_subsets", "_full")

    def __init__(self, phrases: Iterable[str], build: Callable[[list[str]], tuple[str, int]],
                 known_needs: Mapping[str, list[tuple[str, ...]]] | None = None) -> None:
        self.phrases = tuple(phrases)
        self._build = build
        self._known_needs = known_needs or {}
        self._needs: list[list[tuple[str, ...]]] | None = None  # per phrase, worked out on first use
        self._texts = 0
        self._subsets: dict[tuple[str, ...], re.Pattern | None] = {}
        self._full: list[re.Pattern | None] = []  # the whole list, once compiled

    def full(self) -> re.Pattern | None:
        if not self._full:
            self._full.append(self._compile(self.phrases))
        return self._full[0]

    def for_text(self, low: str | None) -> re.Pattern | None:
        """The alternation for a text, given lowered (``low``; None when lowering moved
        offsets); None when no phrase can match in it."""
        self._texts += 1
        if self._full or low is None or self._texts > _GATED_TEXTS or \
                any(odd in low for odd in _CASE_FOLD_ODDITIES):
            return self.full()
        kept = tuple(phrase for phrase, needs in zip(self.phrases, self._phrase_needs())
                     if all(any(s in low for s in choices) for choices in needs))
        try:
            return self._subsets[kept]
        except KeyError:
            pattern = self._subsets[kept] = self._compile(kept)
            return pattern

    def _phrase_needs(self) -> list[list[tuple[str, ...]]]:
        if self._needs is None:
            known = self._known_needs
            self._needs = [known[p] if p in known else needed_literals(p) for p in self.phrases]
        return self._needs

    def _compile(self, phrases: Iterable[str]) -> re.Pattern | None:
        phrases = list(phrases)
        return re.compile(*self._build(phrases)) if phrases else None


_SPECIAL = "\\[](){}.*+?|^$"
_OPTIONAL = frozenset("?*{")
_MAX_CHOICES = 24  # strings one condition of ``needed_literals`` may offer
_MARK = "\0"
_MARK_SPECIAL = str.maketrans(dict.fromkeys(_SPECIAL, _MARK))


def needed_literals(pattern: str) -> list[tuple[str, ...]]:
    """What every match of ``pattern`` holds, lower-cased: for each tuple, one of its strings
    (the cheapest to look for first).

    Read from the plain parts only: runs of ASCII characters and the groups
    ``(?:a|b)`` that must match, spelled out ("it (?:is|was) said" holds "it
    is said" or "it was said"). Classes, escapes, optional parts and other
    characters end a stretch of plain text; a "|" outside groups gives
    nothing; any other kind of group or a ``{`` ends the reading. So the
    answer may hold less than it could, never more.
    """
    marks = _marks(pattern)
    needs: list[tuple[str, ...]] = []
    stretch = _Stretch(needs)
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if marks[i] != _MARK:  # plain text up to the next special character
            j = _next_mark(marks, i)
            if j < n and pattern[j] in _OPTIONAL:
                stretch.add_text(pattern[i : j - 1].lower())
                stretch.end()  # "u?" in "rumou?r": the last character may be missing
            else:
                stretch.add_text(pattern[i:j].lower())
                if j < n and pattern[j] == "+":
                    stretch.end()  # "a+" may stand for "aa"
            i = j
        elif char == "|":
            return []  # alternatives of the whole pattern: nothing is certain
        elif char == "(":
            end = _group_end(pattern, marks, i)
            if end is None or not pattern.startswith("(?:", i):
                break  # a look-around, a capture, flags: stop reading
            if end < n and pattern[end] in _OPTIONAL:
                stretch.end()
            else:
                stretch.add_group(_plain_alternatives(pattern[i + 3 : end - 1], marks[i + 3 : end - 1]))
            i = end
        elif char == "[":
            stretch.end()
            i = _class_end(pattern, i)
        elif char == "\\":
            stretch.end()
            i += 2
        elif char in "{)]}":
            break
        else:
            stretch.end()  # ".", "^", "$", a quantifier; a character whose case might fold
            i += 1
    stretch.end()
    return _cheapest_first(needs)


def _cheapest_first(needs: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """``needs`` with the first and the last words of many-choice conditions as conditions of
    their own ("many", "some" for "many see ", "some view " ...), the cheapest to search first.

    Searching for a string costs about the text's length over the string's, and a
    phrase is usually ruled out by its first condition."""
    out = dict.fromkeys(needs)
    for choices in needs:
        if len(choices) > 1 and all(c.strip() for c in choices):
            for words in (tuple(dict.fromkeys(c.split()[0] for c in choices)),
                          tuple(dict.fromkeys(c.split()[-1] for c in choices))):
                if len(words) < len(choices):
                    out[words] = None
    return sorted(out, key=lambda choices: sum(1 / len(c) for c in choices))


def _marks(pattern: str) -> str:
    """``pattern`` with every special character, and every one beyond ASCII, replaced by ``_MARK``,
    so that ``str.find`` can skip plain text."""
    if not pattern.isascii():
        pattern = "".join(char if char.isascii() else _MARK for char in pattern)
    return pattern.translate(_MARK_SPECIAL)


def _next_mark(marks: str, i: int) -> int:
    j = marks.find(_MARK, i)
    return len(marks) if j < 0 else j


class _Stretch:
    """Plain text read so far, spelled out as the strings it can be (``needed_literals``)."""

    __slots__ = ("needs", "open", "closed")

    def __init__(self, needs: list[tuple[str, ...]]) -> None:
        self.needs = needs
        self.open = [""]  # spellings that go on
        self.closed: list[str] = []  # spellings whose group alternative went on in a way not read

    def add_text(self, text: str) -> None:
        self.open = [s + text for s in self.open]

    def add_group(self, alternatives: list[tuple[str, bool]]) -> None:
        """Alternatives as (plain opening, whether that is all of it)."""
        if len(self.open) * len(alternatives) + len(self.closed) > _MAX_CHOICES:
            self.end()
            if len(alternatives) > _MAX_CHOICES:
                return
        closed = [s + opening for s in self.open for opening, whole in alternatives if not whole]
        self.open = [s + opening for s in self.open for opening, whole in alternatives if whole]
        self.closed += closed
        if not self.open:
            self.end()

    def end(self) -> None:
        choices = (*self.open, *self.closed)
        if choices and all(choices):
            self.needs.append(tuple(dict.fromkeys(choices)))
        self.open, self.closed = [""], []


def _plain_alternatives(body: str, marks: str) -> list[tuple[str, bool]]:
    """Each alternative of a group's ``body``: (its plain opening, lower-cased; whether that is all of it)."""
    out = []
    start = depth = 0
    i = _next_mark(marks, 0)
    while True:
        char = body[i] if i < len(body) else "|"
        if char == "\\":
            i = _next_mark(marks, i + 2)
            continue
        if char == "[":
            i = _next_mark(marks, _class_end(body, i))
            continue
        depth += (char == "(") - (char == ")")
        if char == "|" and depth == 0:
            k = _next_mark(marks, start)
            whole = k >= i
            if not whole and body[k] in _OPTIONAL and k > start:
                k -= 1  # the last plain character is optional
            out.append((body[start:min(k, i)].lower(), whole))
            if i >= len(body):
                return out
            start = i + 1
        i = _next_mark(marks, i + 1)


def _class_end(pattern: str, i: int) -> int:
    """Past the character class that opens at ``i``."""
    i += 1
    if i < len(pattern) and pattern[i] == "^":
        i += 1
    if i < len(pattern) and pattern[i] == "]":
        i += 1  # a "]" first in a class is a member
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1


def _group_end(pattern: str, marks: str, i: int) -> int | None:
    """Past the ")" that closes the group opening at ``i``, or None when it is not closed."""
    depth = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i = _next_mark(marks, i + 2)
            continue
        if char == "[":
            i = _next_mark(marks, _class_end(pattern, i))
            continue
        depth += (char == "(") - (char == ")")
        if depth == 0:
            return i + 1
        i = _next_mark(marks, i + 1)
    return None


def lexicon_key(options: Mapping[str, Any]) -> tuple:
    """The part of a rule's options that shapes the lexicon (hashable)."""
    key = []
    for name in (*LEXICON_OPTIONS, *HEDGE_OPTIONS):
        value = options.get(name) or ()
        if isinstance(value, str):
            value = [value]  # "extra-speech-verbs: opine" means a list of one
        key.append((name, tuple(str(v) for v in value)))
    return tuple(key)


def get_lexicon(options: Mapping[str, Any]) -> Lexicon:
    return _build(lexicon_key(options))


@lru_cache(maxsize=32)
def _build(key: tuple) -> Lexicon:
    opts = dict(key)
    data = _base()
    irregular = {k.lower(): [f.lower() for f in v] for k, v in (data.get("irregular-forms") or {}).items()}

    lemmas = _adjust(data["speech-verbs"], opts["extra-speech-verbs"], ())
    dropped_verbs = {str(v).lower().strip() for v in opts["drop-speech-verbs"]}
    speech: set[str] = set()
    lemma_of: dict[str, str] = {}
    for lemma in lemmas:
        if lemma not in dropped_verbs:
            forms = verb_forms(lemma, irregular)
            speech |= forms
            lemma_of.update(dict.fromkeys(forms, lemma))
    speech -= dropped_verbs  # a user may drop a single form ("continued") as well as a lemma
    noun_like: set[str] = set()
    for lemma in data.get("noun-like-verbs") or ():
        forms = verb_forms(lemma, irregular)
        noun_like |= {f for f in forms if not f.endswith(("ed", "ing")) and f not in ("said", "told", "wrote", "thought")}
    relay = frozenset(f.lower() for f in data["relay-verbs"])

    anonymous: dict[str, str] = {}
    for noun in _adjust(data["anonymous-nouns"], opts["extra-anonymous-nouns"], opts["drop-anonymous-nouns"]):
        anonymous.update(noun_forms(noun))
    institutions: dict[str, str] = {}
    for noun in _adjust(data["institution-nouns"], opts["extra-institution-nouns"], opts["drop-institution-nouns"]):
        institutions.update(noun_forms(noun))
    extra_mods, drop_mods = opts["extra-anonymous-modifiers"], opts["drop-anonymous-modifiers"]
    generic = _adjust(data["anonymous-modifiers"], extra_mods, drop_mods)
    vague = _adjust(data["vague-affiliations"], extra_mods, drop_mods)

    hedges = _adjust(data["hedges"], opts["extra-hedges"], ())  # lower-cased: matched on lowered text
    dropped_hedges = {str(h).lower().strip() for h in opts["drop-hedges"]}
    hedges = [h for h in hedges if h not in dropped_hedges]

    # Cues: speech and relay verbs, "according to", "in the words of" and
    # "put it" (as in "As one insider put it").
    # The cue and hedge patterns run on the lower-cased text (see ``lowered``).
    cue_words = speech | relay | {"according to", "in the words of", "put it", "puts it"}
    # One scan finds cues and anonymous head nouns together.
    entries = cue_words | set(anonymous)
    trie = lru_cache(maxsize=1)(lambda: trie_pattern(entries))  # built only when compiled: a couple of ms

    def words() -> tuple[str, int]:
        return rf"(?<![\w'\u2019-]){trie()}(?![\w'\u2019-])", 0

    # The two-pass scans (see ``_split_scan``): for cue words only when no entry can
    # start inside another (then the passes cannot disagree), for hedges only when
    # every hedge starts with a letter (then "\b" is "no word character before").
    word_scans = _split_sources(lambda: rf"{trie()}(?![\w'\u2019-])",
                                lambda c: not (c.isalnum() or c in "_'-"), when=lambda: _no_inner_starts(entries))
    # The two-pass scans serve long runs only, so they may take the expanded
    # alternatives, which scan faster but take twice as long to compile (and to
    # write: built only when compiled).
    expanded = lru_cache(maxsize=1)(
        lambda: _guard([alt for hedge in hedges for alt in expand_leading_group(hedge)]))
    hedge_scans = _split_sources(lambda: rf"(?=[{expanded()[0]}])(?:{expanded()[1]})(?![\w-])",
                                 lambda c: not (c.isalnum() or c == "_"), when=lambda: expanded()[0] is not None)

    needs = data.get("needed-literals")  # shipped in the derived text; not there when the YAML was read
    return Lexicon(
        speech_forms=frozenset(speech),
        noun_like=frozenset(noun_like & speech),
        lemma_of=lemma_of,
        relay_forms=relay,
        anonymous=anonymous,
        role_nouns=frozenset(n.lower() for n in data["role-nouns"]) & set(anonymous.values()),
        claim_nouns=frozenset(n.lower() for n in data["claim-nouns"]) & set(anonymous.values()),
        phrase_only=frozenset(n.lower() for n in data["phrase-only-nouns"]),
        generic_modifiers=frozenset(generic),
        affiliation_modifiers=frozenset(w.lower() for w in data["affiliation-modifiers"]),
        vague_capitalised=frozenset(vague),
        vantage_phrases=tuple(p.lower() for p in data["vantage-phrases"]),
        affiliation_phrases=tuple(p.lower() for p in data["affiliation-phrases"]),
        institutions=institutions,
        weasel_nouns=frozenset(n.lower() for n in data["weasel-nouns"]) & set(anonymous.values()),
        cue_words=frozenset(cue_words),
        hedges=PhraseSet(hedges, _hedge_source, needs),
        reasons=PhraseSet(data["reason-patterns"], _phrases, needs),
        anonymity_notes=PhraseSet(data["anonymity-patterns"], _phrases, needs),
        opinion_words=tuple(str(w).lower() for w in data["opinion-markers"]),
        patterns={
            "words": words,
            "words_main": word_scans[0],
            "words_rare": word_scans[1],
            "hedge_main": hedge_scans[0],
            "hedge_rare": hedge_scans[1],
        },
    )
