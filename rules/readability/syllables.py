"""Fast English syllable counting: a few dozen spelling rules, no dictionary to load.

textstat 0.7.8 counts syllables with CMUdict (about 1.2 s to load) and falls
back to pyphen's hyphenation patterns (about 150 ms to parse the English
dictionary). A one-file pre-commit run cannot pay either, so the default
counter works from spelling alone. Measured on the BBC corpus vocabulary it
agrees with CMUdict on more words than pyphen does (see
docs/families/readability.md); the exact counters stay available as options.

Other languages: vowel groups, which is how syllables are counted for
Flesch-style formulas in Spanish, Italian, German, Dutch or Russian.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rules.readability.precompiled import compile_pattern

# Spoken as letters: "BBC" is three syllables, "W" alone is three.
_LETTER_NAMES = {"w": 3}
# A vowel group: a run of vowels, with a y that no vowel follows ("day", "myth"); see vowel_groups().
_VOWEL_GROUPS = r"[aeiou]+(?:y(?![aeou]))?|y(?![aeou])"
_NON_LETTERS = r"[^a-z]"
# Capitals spoken letter by letter: short ones, or longer ones without a vowel ("BBC", "PCs", "DVD's").
_INITIALISM = r"([A-Z]{1,3}|[B-DF-HJ-NP-TV-Z]{4,})(?:['\u2019]?s)?$"
# Endings tested with str.endswith: one regex call costs as much as several such tests.
_SIBILANT_POSSESSIVE = ("xs", "zs", "chs", "shs")  # (?:[xz]|[cs]h)s$
_SIBILANT_STEM = ("s", "x", "z", "c", "g", "ch", "sh")  # (?:[sxzcg]|[cs]h)$
_SYLLABIC_ENDING = r"[^aeiouy]le$|[bcdgkpt]re$"  # as syllabic_ending() tests it

# Spelling patterns where vowel groups miscount: each match adds or removes one.
# Every alternative of _ADD starts with a letter or a class, even the anchored ones ("^mc" is written
# "m(?<=^m)c", "(?<!g)eo" is "e(?<!ge)o"): re then skips an alternative after one character test
# instead of entering it: _ADD takes about 40 % less time per word. The matches are the same.
_ADD = (
    r"""
      ia | io | iu | ii | iet                 # media, radio, medium, radii, society
    | e(?<!ge)o(?!u)                          # video, theory (not George, courageous)
    | [aeiou](?<!q.)[aeiou]{2}(?<!iou|eau)    # queueing, Hawaiian (not previous, beauty)
    | u(?<!qu)o | u(?<!qu)en                  # duo, influence, constituency
    | m(?<=^m)c | ism$ | [dsz]nt$             # McCarthy, realism, didn't, doesn't
    | [^l]lien                                # alien
    | c(?<=^c)oa[dglx].                       # coalition
    | [^gq]ua[^auieo] | [^aeiouq]ual          # dual, actual, gradual
    | r(?<=^r)e(?:a(?:ct|ss|pp|dj)|o|u)       # react, reopen, reunite
    | [^tc]ien[ct]                            # experience, client (not patient, efficient)
    | r(?<=^r)eal(?:i[sz]|it)                 # realise, reality
    | [^aeiou]ier$                            # earlier, easier
    | [^aeiou]ire(?:ment|ly)?$                # entire, desire, retirement
    | uous | [aeiou]ing$ | [aeiou]ism         # continuous, going, egoism
    | e(?<=[aeiou][rl]e)an$                   # European, Korean, Chilean (not clean, mean)
    | b(?<=^b)i[ao] | t(?<=^t)ri[ao] | p(?<=^p)re[aio]  # biannual, triathlon, preoccupied
    """
)
_SUB = (
    r"""
      [cst]ia | gia(?!nt)                              # special, initial, Russian, Belgian
    | [cstxg]iou | giu                                 # gracious, ambitious, religious
    | (?:[cgstxh]|ll|n)ion | iour                      # nation, fashion, million, union, behaviour
    | (?<=.)lia[mn] | nior                             # William, parliament, senior (not Liam)
    | [aeiou]gue$ | ngue$                              # league, tongue
    | [^aeiouyl]ement                                  # statement, announcement (not element)
    | [aeiou][^aeiouy]e(?:ful|less|ness|ship)          # hopeful, careless
    | [aeiou][^aeiouy]es(?:m[ae]n|wom[ae]n|person)     # spokesman, spokeswoman
    | (?<=.)[^aeiouy]ely$ | (?<=[aeiou][^aeiouy])ety$  # lately, largely, safety
    | ically$ | que$                                   # basically, unique
    | ^fore(?:cast|see|sight|head|most|ground|front)   # forecast
    | ome(?:thing|one|body|times|what|how|where)       # something
    """
)


# Most words match neither pattern above, and running one costs far more than testing what a match
# needs: every alternative of _ADD has two vowels in a row or one of the literals of _MAY_ADD, every
# alternative of _SUB one of the strings of _MAY_SUB. A word that fails the test cannot match, so the
# count is the same (a test checks this on a large vocabulary); a third of words need _ADD, a tenth _SUB.
_MAY_ADD = r"[aeiou]{2}|^mc|ism|ire|nt$"
_MAY_SUB = r"i[aou]|ement|ome|fore|e(?:ful|less|ness|ship)|es(?:m|wom|person)|(?:gue|que|ely|ety|ically)$"


class _Patterns:
    """The spelling patterns, made when the first word is counted rather than at import,
    from the compiled form shipped in compiled_patterns.py (see :mod:`.precompiled`)."""

    def __init__(self) -> None:
        self.initialism = compile_pattern(_INITIALISM)
        self.non_letters = compile_pattern(_NON_LETTERS)
        self.add = compile_pattern(_ADD, re.X)
        self.sub = compile_pattern(_SUB, re.X)
        self.may_add = compile_pattern(_MAY_ADD)
        self.may_sub = compile_pattern(_MAY_SUB)


_compiled: _Patterns | None = None
_generic_vowels: re.Pattern | None = None


def _patterns() -> _Patterns:
    global _compiled
    if _compiled is None:
        _compiled = _Patterns()
    return _compiled


# vowel_groups() marks letters in one bytes.translate: a e o u -> "a", i -> "i", y -> "y", the rest blank.
_VOWEL_CLASSES = bytes.maketrans(b"bcdfghjklmnpqrstvwxzeou", b"                    aaa")


def vowel_groups(word: str) -> int:
    """``len(re.findall(_VOWEL_GROUPS, word))`` for a word of a-z, with bytes methods (several times quicker).

    A y before a e o u starts the next group (blanked); a y ending a run of vowels closes that group
    (kept, then a blank); every other y is a group of its own, and so is every run of vowels.
    """
    marked = word.encode("ascii").translate(_VOWEL_CLASSES).replace(b"ya", b" a")
    return len(marked.replace(b"ay", b"a ").replace(b"iy", b"i ").replace(b"y", b" y ").split())


def syllabic_ending(word: str) -> bool:
    """``re.search(_SYLLABIC_ENDING, word)`` for a word of a-z of three letters or more."""
    if word.endswith("le"):
        return word[-3] not in "aeiouy"
    return word.endswith("re") and word[-3] in "bcdgkpt"


# Frequent words the rules above get wrong.
_EXCEPTIONS = {
    "fire": 2, "fired": 2, "hire": 2, "hired": 2, "mr": 2, "mrs": 2, "dr": 2, "st": 1, "vs": 2,
    "business": 2, "businesses": 3, "businessman": 3, "wednesday": 2, "every": 2, "everyone": 3,
    "everything": 3, "everybody": 4, "anyone": 3, "science": 2, "scientist": 3, "scientists": 3,
    "hundred": 2, "hundreds": 2, "people": 2, "peoples": 2, "poem": 2, "poet": 2, "quiet": 2,
    "being": 2, "seeing": 2, "doing": 2, "going": 2, "lion": 2, "ocean": 2,
    "create": 2, "created": 3, "creates": 2, "creating": 3, "creation": 3, "creative": 3,
    "chief": 1, "friend": 1, "friends": 1, "hour": 1, "hours": 1,
    "our": 1, "ours": 1, "real": 1, "really": 2,
    "orange": 2, "towards": 2, "toward": 2, "ideal": 2, "idea": 3, "ideas": 3, "area": 3, "areas": 3,
    "whether": 2, "sometimes": 2, "somewhere": 2, "someone": 2, "likely": 2, "lifetime": 2,
    "evening": 2, "different": 3, "difference": 3, "several": 3, "interest": 3, "interesting": 4,
    "family": 3, "families": 3, "average": 3, "general": 3, "generally": 4, "camera": 3,
    "separate": 3, "chocolate": 3, "favourite": 3, "favorite": 3, "temperature": 4,
    "vegetable": 4, "comfortable": 4, "restaurant": 3, "february": 4, "january": 4,
    "naive": 2, "recipe": 3, "cafe": 2, "karaoke": 4, "maybe": 2, "simile": 3, "apostrophe": 4,
    "iraq": 2, "iraqi": 3, "iran": 2, "israel": 2, "israeli": 3, "syria": 3, "korea": 3,
    "european": 4, "europeans": 4, "genre": 2, "genres": 2, "theatre": 3, "theatres": 3, "theater": 3,
    "takeover": 3, "george": 1, "quiet": 2, "giant": 2,
    "australia": 3, "australian": 3, "italian": 3, "brazilian": 3, "europe": 2, "euro": 2, "euros": 2,
}


@lru_cache(maxsize=65536)
def english_syllables(word: str) -> int:
    """Syllables in one English word (letters, an apostrophe or two; any case)."""
    rx = _patterns()
    # Two shortcuts for the many plain words: the initialism pattern needs a capital first, and
    # a word already all a-z has nothing for the letter filter to remove.
    initialism = rx.initialism.match(word) if "A" <= word[:1] <= "Z" else None
    if initialism:
        return sum(_LETTER_NAMES.get(c, 1) for c in initialism.group(1).lower())  # BBC, UK, ITV, PCs
    lowered = word.lower()
    letters = lowered if lowered.isascii() and lowered.isalpha() else rx.non_letters.sub("", lowered)
    return _count(letters, rx) if letters else 0


def _count(w: str, rx: _Patterns) -> int:
    if w in _EXCEPTIONS:
        return _EXCEPTIONS[w]
    if len(w) > 3:
        if w.endswith(_SIBILANT_POSSESSIVE):
            return _count(w[:-1], rx) + 1  # Bush's, Max's
        if w.endswith("s") and not w.endswith(("ss", "us", "is", "ics")):
            if w.endswith("es"):
                stem = w[:-2]
                if stem.endswith(_SIBILANT_STEM) and len(stem) > 1:
                    return _count(stem, rx) + 1  # prices, changes, taxes
                return _count(w[:-1], rx)  # sales, figures, countries
            return _count(w[:-1], rx)  # players, areas
        if w.endswith("led") and w[-4] not in "aeiouyl":
            return _count(w[:-1], rx)  # disabled, struggled: the -le stays a syllable
        if w.endswith("ed") and not w.endswith("eed"):  # not need, succeed
            stem = w[:-2]
            if stem.endswith(("t", "d")):
                return _count(stem, rx) + 1  # wanted, added, decided
            return _count(stem, rx)  # reached, agreed, denied
    return _base(w, rx)


def _base(w: str, rx: _Patterns) -> int:
    extra = 0
    core = w
    if len(w) > 2 and w.endswith("e"):
        core = w[:-1]
        if syllabic_ending(w) and vowel_groups(core[:-2]):
            extra = 1  # little, able, centre: the final -le/-re is a syllable of its own
    count = vowel_groups(core) + extra
    if rx.may_add.search(w):
        count += len(rx.add.findall(w))
    if rx.may_sub.search(w):
        count -= len(rx.sub.findall(w))
    return max(1, count)


_GENERIC_VOWELS = r"[aeiouyàáâãäåæèéêëìíîïòóôõöøœùúûüýÿąęėįųūěůőűаеёиоуыэюяіїєαεηιοωυάέήίόύώ]+"


@lru_cache(maxsize=65536)
def vowel_group_syllables(word: str) -> int:
    """Syllables as vowel groups: the usual approximation outside English."""
    global _generic_vowels
    if _generic_vowels is None:
        _generic_vowels = compile_pattern(_GENERIC_VOWELS, re.I)
    return max(1, len(_generic_vowels.findall(word))) if any(c.isalpha() for c in word) else 0
