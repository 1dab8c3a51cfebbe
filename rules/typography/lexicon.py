"""The family's word lists, loaded lazily and once per process.

A one-file pre-commit run pays for every list it reads, so loading is kept
cheap:

* the gazetteer and the name lists are plain text in ``[section]``s
  (``data/gazetteer.txt``, ``data/names.txt``): no YAML parser to import;
* ``data/common_words.txt`` (65k words, about 10 ms to turn into a set) is
  first searched in place, by binary search in the sorted file: one article
  asks about a few dozen words. A run that keeps asking (a corpus, an
  editor session) builds the frozenset once and then answers at C speed;
* ``data/misspellings.txt``: the typos are cut out of the file in one regex
  call; the corrections are parsed only when an article contains a typo.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

# Gazetteer section -> the words a message uses for it.
SECTION_LABELS = {
    "countries": "a country or region",
    "demonyms": "a nationality",
    "languages": "a language",
    "religions": "a religion or festival",
    "capitals": "a city",
    "figures": "a public figure",
    "acronyms": "an organisation or country abbreviation",
    "months": "a month",
    "days": "a day of the week",
    "ambiguous": "a proper name",
}


class SortedWords:
    """Membership in a sorted list of words, one a line (``common_words.txt``), without loading it all.

    Questions about the first ``LOAD_AFTER`` distinct words are answered by
    binary search in the file's bytes (UTF-8 sorts as code points do, like
    the file), about 15 us each; after that the list becomes a frozenset
    (about 10 ms, once). Either way the answer is the same.
    """

    LOAD_AFTER = 500

    __slots__ = ("path", "_data", "_set", "_asked")

    def __init__(self, path: Path) -> None:
        self.path = path
        self._data: bytes | None = None
        self._set: frozenset[str] | None = None
        self._asked: dict[str, bool] = {}

    def frozen(self) -> frozenset[str]:
        if self._set is None:
            self._set = frozenset(self._bytes().decode("utf-8").split())
            self._data = None
            self._asked = {}
        return self._set

    def __contains__(self, word: str) -> bool:
        if self._set is not None:
            return word in self._set
        found = self._asked.get(word)
        if found is None:
            if len(self._asked) >= self.LOAD_AFTER:
                return word in self.frozen()
            found = self._asked[word] = self._search(word)
        return found

    def _bytes(self) -> bytes:
        if self._data is None:
            self._data = self.path.read_bytes()
        return self._data

    def _search(self, word: str) -> bool:
        if word.split() != [word]:
            return False  # never a line of the file (and never a member of the frozenset)
        key = word.encode("utf-8", "surrogatepass")
        data = self._bytes()
        # data[lo:hi] holds whole lines: lo is 0 or follows a line break, hi is the end or follows one.
        lo, hi = 0, len(data)
        while lo < hi:
            mid = (lo + hi) // 2
            start = data.rfind(b"\n", lo, mid) + 1 or lo
            end = data.find(b"\n", start, hi)
            if end == -1:
                end = hi  # the last line of a file without a final line break
            line = data[start:end]
            if line == key:
                return True
            if line < key:
                lo = end + 1
            else:
                hi = start
        return False


class Ambiguous:
    """Gazetteer words that are also ordinary words: listed under ``ambiguous``, or common English words
    ("trump", "may", "china"). The word list is asked only about the words an article contains."""

    __slots__ = ("listed", "canonical", "common")

    def __init__(self, listed: frozenset[str], canonical: dict[str, str], common: SortedWords) -> None:
        self.listed = listed
        self.canonical = canonical
        self.common = common

    def __contains__(self, word: str) -> bool:
        return word in self.listed or (word in self.canonical and word in self.common)


class Gazetteer:
    __slots__ = ("words", "canonical", "section", "ambiguous")

    def __init__(self, words: frozenset[str], canonical: dict[str, str], section: dict[str, str],
                 ambiguous: Ambiguous) -> None:
        self.words = words  # every lowercase form (a frozenset, so that set & set stays at C speed)
        self.canonical = canonical  # lowercase -> usual spelling ("ukraine" -> "Ukraine")
        self.section = section  # lowercase -> gazetteer section
        self.ambiguous = ambiguous  # lowercase forms that are also ordinary words


class MultiWordName:
    """A multi-word name; equal (and hashed) by its words and kind, like a value."""

    __slots__ = ("words", "lower", "lower_set", "person")

    def __init__(self, words: tuple[str, ...], person: bool) -> None:
        self.words = words  # canonical tokens ("Institute", "for", "the", "Study", "of", "War")
        self.lower = tuple(w.lower() for w in words)
        self.lower_set = frozenset(self.lower)  # set.issuperset() takes a set without copying it
        self.person = person

    @property
    def text(self) -> str:
        return " ".join(self.words)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MultiWordName) and (self.words, self.person) == (other.words, other.person)

    def __hash__(self) -> int:
        return hash((self.words, self.person))

    def __repr__(self) -> str:
        return f"MultiWordName({self.text!r}, person={self.person})"


class Names:
    __slots__ = ("by_word", "name_words", "given_names", "surnames", "titles", "short_titles", "particles",
                 "role_words", "stylised")

    def __init__(self, **fields) -> None:
        self.by_word: dict[str, tuple[MultiWordName, ...]] = fields["by_word"]  # lowercase name word -> names
        self.name_words: frozenset[str] = fields["name_words"]  # the keys of by_word
        self.given_names: frozenset[str] = fields["given_names"]  # lowercase
        self.surnames: frozenset[str] = fields["surnames"]  # lowercase surnames of known people and figures
        self.titles: frozenset[str] = fields["titles"]  # lowercase
        self.short_titles: frozenset[str] = fields["short_titles"]
        self.particles: frozenset[str] = fields["particles"]
        self.role_words: frozenset[str] = fields["role_words"]
        self.stylised: frozenset[str] = fields["stylised"]


@lru_cache(maxsize=None)
def _sections(name: str) -> dict[str, list[str]]:
    """``[section]`` -> its lines (stripped; blank lines and ``#`` comments dropped)."""
    out: dict[str, list[str]] = {}
    lines: list[str] = []
    with open(DATA / name, encoding="utf-8") as handle:
        for raw in handle:
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            if line[0] == "[" and line[-1] == "]":
                lines = out.setdefault(line[1:-1], [])
            else:
                lines.append(line)
    return out


def _words(sections: dict[str, list[str]], key: str) -> list[str]:
    return " ".join(sections.get(key, ())).split()


@lru_cache(maxsize=1)
def common() -> SortedWords:
    """Lowercase English words (SCOWL size 50, British and American; see data/NOTICE-SCOWL.txt)."""
    return SortedWords(DATA / "common_words.txt")


def common_words() -> frozenset[str]:
    """The whole list as a frozenset (built once)."""
    return common().frozen()


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    data = _sections("gazetteer.txt")
    canonical: dict[str, str] = {}
    section: dict[str, str] = {}
    for key in SECTION_LABELS:
        for word in _words(data, key):
            forms = [word]
            if key == "demonyms" and word.endswith(("an", "i")):
                forms.append(word + "s")  # plural nouns: "ukrainians", "israelis"
            for form in forms:
                canonical.setdefault(form.lower(), form)
                section.setdefault(form.lower(), key)
    listed = frozenset(word.lower() for word in _words(data, "ambiguous"))
    return Gazetteer(frozenset(canonical), canonical, section, Ambiguous(listed, canonical, common()))


@lru_cache(maxsize=1)
def names() -> Names:
    import re

    word_pattern = re.compile(r"[^\W\d_]+")
    data = _sections("names.txt")
    index: dict[str, list[MultiWordName]] = {}
    given = {w.lower() for w in _words(data, "given_names")}
    surnames: set[str] = set()
    for person, entries in ((True, data["people"]), (False, data["names"])):
        for entry in entries:
            name = MultiWordName(tuple(word_pattern.findall(entry)), person)
            for word in name.words:
                if word[0].isupper() and name not in index.get(word.lower(), ()):
                    index.setdefault(word.lower(), []).append(name)
            if person:
                given.add(name.lower[0])
                surnames.add(name.lower[-1])
    surnames.update(w.lower() for w in _words(_sections("gazetteer.txt"), "figures"))
    return Names(
        by_word={k: tuple(v) for k, v in index.items()},
        name_words=frozenset(index),
        given_names=frozenset(given),
        surnames=frozenset(surnames),
        titles=frozenset(w.lower() for w in _words(data, "titles")),
        short_titles=frozenset(_words(data, "short_titles")),
        particles=frozenset(_words(data, "particles")),
        role_words=frozenset(_words(data, "role_words")),
        stylised=frozenset(_words(data, "stylised_lowercase")),
    )


@lru_cache(maxsize=1)
def casing_words() -> frozenset[str]:
    """Every lowercase word the casing pass looks up in a list: the gazetteer, name words, given names and
    short titles. The pass intersects an article's words with this union once, then each list with the
    few words left, instead of intersecting some 170 words with each list in turn."""
    people = names()
    return gazetteer().words | people.name_words | people.given_names | people.short_titles


@lru_cache(maxsize=1)
def _misspellings_text() -> str:
    """The file behind a line break, so that every line, the first included, starts with one."""
    return "\n" + (DATA / "misspellings.txt").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def misspelling_keys() -> frozenset[str]:
    """The typos alone: the first column, cut out by one regex call."""
    import re

    return frozenset(re.findall(r"\n([^\t\n#][^\t\n]*)\t", _misspellings_text()))


def corrections(typo: str) -> tuple[str, ...]:
    """The corrections of one of the ``misspelling_keys()``, found in the file's text: an article with a
    typo needs one line, not the whole table. The last line for a typo counts, as in ``misspellings()``."""
    text = _misspellings_text()
    start = text.rfind(f"\n{typo}\t") + len(typo) + 2
    end = text.find("\n", start)
    return tuple(text[start : end if end != -1 else len(text)].split("|"))


@lru_cache(maxsize=1)
def misspellings() -> dict[str, tuple[str, ...]]:
    """typo -> corrections (one correction: the fix is certain)."""
    table: dict[str, tuple[str, ...]] = {}
    for line in _misspellings_text().splitlines():
        if not line or line.startswith("#"):
            continue
        typo, _, fixes = line.partition("\t")
        table[typo] = tuple(fixes.split("|"))
    return table
