"""Known institutions: the curated list plus the derived university list.

The gazetteer is loaded on first use (only when an article introduces an
expert with an affiliation) and once per process. Names are compared as
*keys*: case, diacritics, punctuation, "the", function words and
British/American spellings do not matter, so "Institute of Fiscal Studies"
finds the Institute for Fiscal Studies.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable, Iterator

import regex

from rules.expert.lexicon import DATA, lexicon

Key = tuple[str, ...]

# Words that do not tell two institutions apart.
_FUNCTION = frozenset("the of for on and in at de du des la le les der die das den fur y e a an to".split())
_SPELLING = {
    "centre": "center",
    "centres": "centers",
    "defence": "defense",
    "organisation": "organization",
    "organisations": "organizations",
    "programme": "program",
    "programmes": "programs",
    "labour": "labor",
    "co": "co",  # "Co-operation" splits into co + operation either way
}
_POSSESSIVE = regex.compile(r"['\u2019]s\b")
_TOKEN = re.compile(r"[^\W_]+")  # letters and digits, any script
_MARKS = regex.compile(r"\p{Mn}+")


def _fold(text: str) -> str:
    text = text.casefold()
    if text.isascii():
        return text
    return _MARKS.sub("", unicodedata.normalize("NFKD", text))


def org_key(name: str) -> Key:
    """The comparison key of an institution name."""
    text = _fold(name)
    if "'" in text or "\u2019" in text:
        text = _POSSESSIVE.sub("", text)
    text = text.replace("'", "").replace("\u2019", "").replace("&", " and ")
    return tuple(_SPELLING.get(t, t) for t in _TOKEN.findall(text) if t not in _FUNCTION)


def _swaps(key: Key) -> Iterator[Key]:
    """"University of Oxford" is also "Oxford University", and plain "Oxford"."""
    if len(key) < 2:
        return
    if key[0] in ("university", "college"):
        yield key[1:] + key[:1]
        if len(key) == 2:
            yield key[1:]
    if key[-1] == "university":
        yield key[-1:] + key[:-1]
        if len(key) == 2:
            yield key[:1]


def _read_entries(filename: str) -> Iterator[list[str]]:
    with open(DATA / filename, encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            names = [part.strip() for part in line.split(" | ") if part.strip()]
            if names:
                yield names


def is_generic(key: Key) -> bool:
    """A composed name such as "Eastern European Policy Institute": nothing in it names anything.

    Every word comes from the region, topic and organisation-noun lists, with
    at least one organisation noun, one topic word and three words in all.
    """
    if len(key) < 3:
        return False
    vocab = lexicon().generic
    has_org = has_topic = False
    for token in key:
        if token in vocab.org_nouns:
            has_org = True
        elif token in vocab.topic_words:
            has_topic = True
        elif token not in vocab.region_words:
            return False
    return has_org and has_topic


def proper_tokens(key: Key) -> list[str]:
    """Words of a name that are not generic vocabulary (place or person names: "Moscow")."""
    vocab = lexicon().generic
    generic = vocab.org_nouns | vocab.region_words | vocab.topic_words
    return [t for t in key if t not in generic and not t.isdigit()]


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one substitution, insertion, deletion or swap of neighbours."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


class Gazetteer:
    """Canonical names by key, and a lazily built index for near misses."""

    def __init__(self, entries: Iterable[list[str]]) -> None:
        self._canonical: dict[Key, str] = {}
        self.entries = 0
        for names in entries:
            self.entries += 1
            canonical = names[0]
            for name in names:
                key = org_key(name)
                if not key:
                    continue
                self._canonical.setdefault(key, canonical)
                for swapped in _swaps(key):
                    self._canonical.setdefault(swapped, canonical)
        self._index: dict[str, frozenset[Key]] | None = None

    def __len__(self) -> int:
        return len(self._canonical)

    def canonical(self, key: Key) -> str | None:
        return self._canonical.get(key)

    def __contains__(self, key: Key) -> bool:
        return key in self._canonical

    # -- near misses ----------------------------------------------------------

    def _postings(self) -> dict[str, frozenset[Key]]:
        """Word -> known keys (of three words or more) holding it; built on the first unknown name, once."""
        if self._index is None:
            index: dict[str, set[Key]] = {}
            for key in self._canonical:
                if len(key) >= 3:
                    for token in set(key):
                        index.setdefault(token, set()).add(key)
            self._index = {token: frozenset(keys) for token, keys in index.items()}
        return self._index

    def near_miss(self, key: Key) -> str | None:
        """The known institution this unknown name is one word or one typo away from.

        Only names of three or more words that carry a proper word ("Moscow")
        qualify: a generic "Centre for Strategic Studies" is not a near miss of
        the Center for Strategic and International Studies, it is a generic name.
        The extra or missing word must be an inner one ("Imperial College" for
        Imperial College London is a short form, not a near miss); a typo must
        be one edit in a word of six letters or more.
        """
        if len(key) < 3 or key in self._canonical or not proper_tokens(key):
            return None
        index = self._postings()
        tokens = set(key)
        empty: frozenset[Key] = frozenset()
        postings = sorted((index.get(t, empty) for t in tokens), key=len)
        if sum(1 for p in postings if not p) > 1:
            return None  # two words no known name has: more than one word apart
        # A near miss holds every word of ours but one, so at least two of any three.
        rare = postings[:3]
        candidates = set()
        for i in range(len(rare)):
            for j in range(i + 1, len(rare)):
                candidates |= rare[i] & rare[j]
        for candidate in sorted(candidates, key=lambda k: (len(k), k)):
            if _one_word_apart(key, candidate):
                return self._canonical[candidate]
        return None


def _one_word_apart(unknown: Key, known: Key) -> bool:
    """One inner word more or less, or one word with a one-letter typo."""
    n, m = len(unknown), len(known)
    if m == n + 1:
        return any(known[:i] + known[i + 1 :] == unknown for i in range(1, m - 1))
    if m == n - 1 and m >= 3:
        return any(unknown[:i] + unknown[i + 1 :] == known for i in range(1, n - 1))
    if m == n:
        diffs = [i for i in range(n) if unknown[i] != known[i]]
        return len(diffs) == 1 and len(unknown[diffs[0]]) >= 6 and _one_edit(unknown[diffs[0]], known[diffs[0]])
    return False


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The curated organisations first (their names win), then the universities."""

    def entries() -> Iterator[list[str]]:
        yield from _read_entries("organisations.txt")
        yield from _read_entries("universities.txt")

    return Gazetteer(entries())
