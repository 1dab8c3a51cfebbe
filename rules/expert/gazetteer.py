"""Known institutions: the curated list plus the derived university list.

Names are compared as *keys*: case, diacritics, punctuation, "the",
function words and British/American spellings do not matter, so "Institute
of Fiscal Studies" finds the Institute for Fiscal Studies.

The sources (``data/organisations.txt``, ``data/universities.txt``) are
compiled ahead of time by ``python -m rules.expert.build_gazetteer`` into two
sorted files that are searched in place:

* ``data/gazetteer-keys.txt``: one line per key, ``key<TAB>canonical name``,
  sorted by key; "first entry wins" and the university word-order variants
  are already applied;
* ``data/gazetteer-words.txt``: the near-miss index, one line per word,
  ``word<TAB>count<TAB>offsets``, sorted by word: the byte offsets in the keys
  file of the keys of three words or more that hold the word.

Both are memory-mapped on first use (only when an article introduces an
expert with an affiliation), once per process, and searched by bisection:
nothing is parsed or indexed at run time, and a look-up reads a few pages.
"""

from __future__ import annotations

import mmap
import re
from functools import lru_cache
from typing import Iterable, Iterator

from rules.expert.lexicon import DATA, lexicon
from rules.expert.patterns import is_plain

Key = tuple[str, ...]

KEYS_FILE = "gazetteer-keys.txt"
WORDS_FILE = "gazetteer-words.txt"
SOURCES = ("organisations.txt", "universities.txt")  # curated organisations first: their names win

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
_POSSESSIVE = r"['\u2019]s\b"
_PLAIN_POSSESSIVE = re.compile(_POSSESSIVE)  # on plain text (rules.expert.patterns) stdlib re matches as regex does
_TOKEN = re.compile(r"[^\W_]+")  # letters and digits, any script


@lru_cache(maxsize=1)
def _unicode_patterns():
    import regex

    return regex.compile(_POSSESSIVE), regex.compile(r"\p{Mn}+")


def _fold(text: str) -> str:
    text = text.casefold()
    if text.isascii():
        return text
    import unicodedata

    text = unicodedata.normalize("NFKD", text)
    if is_plain(text):
        return text  # no letters, digits or marks outside ASCII: nothing to strip
    return _unicode_patterns()[1].sub("", text)


def org_key(name: str) -> Key:
    """The comparison key of an institution name."""
    text = _fold(name)
    if "'" in text or "\u2019" in text:
        possessive = _PLAIN_POSSESSIVE if is_plain(text) else _unicode_patterns()[0]
        text = possessive.sub("", text)
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


def read_entries(filename: str) -> Iterator[list[str]]:
    """The names of each institution in a source file: canonical name first, then aliases."""
    with open(DATA / filename, encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            names = [part.strip() for part in line.split(" | ") if part.strip()]
            if names:
                yield names


def canonical_keys(entries: Iterable[list[str]]) -> tuple[dict[Key, str], int]:
    """Key -> canonical name (the first entry holding the key wins), and the number of entries."""
    canonical: dict[Key, str] = {}
    count = 0
    for names in entries:
        count += 1
        for name in names:
            key = org_key(name)
            if not key:
                continue
            canonical.setdefault(key, names[0])
            for swapped in _swaps(key):
                canonical.setdefault(swapped, names[0])
    return canonical, count


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


# -- the compiled files ----------------------------------------------------------------


def _read(filename: str):
    """The file's bytes (memory-mapped: only the pages a search touches are read), where its
    sorted body starts, and its "# name: value" header fields."""
    with open(DATA / filename, "rb") as handle:
        try:
            data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # a file system without mmap
            data = handle.read()
    if data[: data.find(b"\n") + 1].endswith(b"\r\n"):
        data = data[:].replace(b"\r\n", b"\n")  # a checkout with Windows line ends: offsets assume "\n"
    header: dict[str, str] = {}
    pos = 0
    while data[pos : pos + 1] == b"#":
        end = data.find(b"\n", pos)
        name, _, value = data[pos + 1 : end].decode("utf-8").partition(":")
        header[name.strip()] = value.strip()
        pos = end + 1
    return data, pos, header


def _bisect(data, start: int, field: bytes) -> int:
    """Offset of the line whose first field (up to a TAB) is ``field``, in the sorted lines from ``start``.

    -1 if there is none.
    """
    lo, hi = start, len(data)  # lo is always a line start
    while lo < hi:
        mid = (lo + hi) // 2
        line = data.rfind(b"\n", lo, mid)
        line = lo if line == -1 else line + 1
        tab = data.find(b"\t", line)
        found = data[line:tab]
        if found < field:
            lo = data.find(b"\n", tab) + 1
        elif found > field:
            hi = line
        else:
            return line
    return -1


def _encode(key: Key) -> bytes:
    return " ".join(key).encode("utf-8")


class Gazetteer:
    """Canonical names by key, and the near-miss word index, searched in the compiled files."""

    def __init__(self) -> None:
        self._keys, self._keys_start, header = _read(KEYS_FILE)
        self.entries = int(header["entries"])
        self._size = int(header["keys"])
        self._words: tuple[bytes, int] | None = None
        self._postings: dict[str, frozenset[int]] = {}

    def __len__(self) -> int:
        return self._size

    def _line(self, key: Key) -> int:
        if not key:
            return -1
        return _bisect(self._keys, self._keys_start, _encode(key))

    def canonical(self, key: Key) -> str | None:
        line = self._line(key)
        if line < 0:
            return None
        tab = self._keys.find(b"\t", line)
        return self._keys[tab + 1 : self._keys.find(b"\n", tab)].decode("utf-8")

    def __contains__(self, key: Key) -> bool:
        return self._line(key) >= 0

    def _key_at(self, offset: int) -> Key:
        return tuple(self._keys[offset : self._keys.find(b"\t", offset)].decode("utf-8").split(" "))

    # -- near misses ----------------------------------------------------------

    def _word_line(self, token: str) -> tuple[int, int]:
        """(count, offset of the line) of a word in the near-miss index.

        (0, -1) when no known key of three words or more holds it.
        """
        if self._words is None:
            data, start, _ = _read(WORDS_FILE)
            self._words = (data, start)
        data, start = self._words
        line = _bisect(data, start, token.encode("utf-8"))
        if line < 0:
            return 0, -1
        tab = data.find(b"\t", line)
        return int(data[tab + 1 : data.find(b"\t", tab + 1)]), line

    def _posting(self, token: str, line: int) -> frozenset[int]:
        """Offsets (in the keys file) of the known keys of three words or more that hold ``token``."""
        posting = self._postings.get(token)
        if posting is None:
            data = self._words[0]
            start = data.find(b"\t", data.find(b"\t", line) + 1) + 1
            posting = self._postings[token] = frozenset(map(int, data[start : data.find(b"\n", start)].split()))
        return posting

    def near_miss(self, key: Key) -> str | None:
        """The known institution this unknown name is one word or one typo away from.

        Only names of three or more words that carry a proper word ("Moscow")
        qualify: a generic "Centre for Strategic Studies" is not a near miss of
        the Center for Strategic and International Studies, it is a generic name.
        The extra or missing word must be an inner one ("Imperial College" for
        Imperial College London is a short form, not a near miss); a typo must
        be one edit in a word of six letters or more.
        """
        if len(key) < 3 or key in self or not proper_tokens(key):
            return None
        words = {token: self._word_line(token) for token in set(key)}
        if sum(1 for count, _ in words.values() if not count) > 1:
            return None  # two words no known name has: more than one word apart
        # A near miss holds every word of ours but one, so at least two of any
        # three (and both of two): the rarest three words find every candidate.
        rare = sorted(words, key=lambda t: (words[t][0], t))[:3]
        postings = [self._posting(t, words[t][1]) if words[t][0] else frozenset() for t in rare]
        offsets: set[int] = set()
        for i in range(len(postings)):
            for j in range(i + 1, len(postings)):
                offsets |= postings[i] & postings[j]
        candidates = sorted((self._key_at(offset) for offset in offsets), key=lambda k: (len(k), k))
        for candidate in candidates:
            if _one_word_apart(key, candidate):
                return self.canonical(candidate)
        return None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The compiled gazetteer (data/gazetteer-keys.txt, data/gazetteer-words.txt), opened once per process."""
    return Gazetteer()
