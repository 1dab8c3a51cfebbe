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
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

from lint.resources import load_yaml

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


_DATA = Path(__file__).resolve().parent / "data" / "lexicon.yaml"


@lru_cache(maxsize=1)
def _base() -> dict[str, Any]:
    return load_yaml(_DATA)


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
    return {f"{h} {particle}" if particle else h for h in heads}


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


@dataclass(frozen=True)
class Lexicon:
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
    words: re.Pattern  # any cue or anonymous head noun, on lowered text
    reason: re.Pattern
    anonymity: re.Pattern
    opinion: re.Pattern
    hedge: re.Pattern | None  # on lowered text


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


def _alternation(words: Iterable[str]) -> str:
    # Longest first so "pointed out" wins over "pointed"; spaces match any run
    # of blanks and an apostrophe matches the curly one too.
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+").replace("'", "['\u2019]")
        for w in sorted(set(words), key=lambda w: (-len(w), w))
    )


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
                depth += {"(": 1, ")": -1}.get(pattern[i], 0)
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


def _guarded(alternatives: list[str]) -> str:
    """Alternatives joined, behind a look-ahead on their first letters when those are known."""
    body = "|".join(f"(?:{a})" for a in alternatives)
    letters: set[str] = set()
    for alt in alternatives:
        first = first_letters(alt)
        if first is None:
            return f"(?:{body})"
        letters |= first
    return f"(?=[{''.join(sorted(letters))}])(?:{body})"


def _phrases(patterns: Iterable[str]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


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
            lemma_of.update((f, lemma) for f in forms)
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
    words = re.compile(rf"(?<![\w'\u2019-]){trie_pattern(cue_words | set(anonymous))}(?![\w'\u2019-])")

    opinion_words = [str(w).lower() for w in data["opinion-markers"]]
    opinion = re.compile(rf"(?<![\w'\u2019])(?:{_alternation(opinion_words)})(?![\w'\u2019])", re.I)

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
        words=words,
        reason=_phrases(data["reason-patterns"]),
        anonymity=_phrases(data["anonymity-patterns"]),
        opinion=opinion,
        hedge=re.compile(rf"\b{_guarded(hedges)}(?![\w-])") if hedges else None,
    )
