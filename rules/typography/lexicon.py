"""The family's word lists, loaded lazily and once per process."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"
_WORD = re.compile(r"[^\W\d_]+")

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


@dataclass(frozen=True)
class Gazetteer:
    words: frozenset[str]  # every lowercase form (a frozenset, so that set & set stays at C speed)
    canonical: dict[str, str]  # lowercase -> usual spelling ("ukraine" -> "Ukraine")
    section: dict[str, str]  # lowercase -> gazetteer section
    ambiguous: frozenset[str]  # lowercase forms that are also ordinary words


@dataclass(frozen=True)
class MultiWordName:
    words: tuple[str, ...]  # canonical tokens ("Institute", "for", "the", "Study", "of", "War")
    lower: tuple[str, ...]
    person: bool

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class Names:
    by_word: dict[str, tuple[MultiWordName, ...]]  # lowercase form of a capitalised name word -> names
    name_words: frozenset[str]  # the keys of by_word
    given_names: frozenset[str]  # lowercase
    surnames: frozenset[str]  # lowercase surnames of known people and figures
    titles: frozenset[str]  # lowercase
    short_titles: frozenset[str]
    particles: frozenset[str]
    role_words: frozenset[str]
    stylised: frozenset[str]


def _yaml(name: str):
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Lowercase English words (SCOWL size 50, British and American; see data/NOTICE-SCOWL.txt)."""
    return frozenset((DATA / "common_words.txt").read_text(encoding="utf-8").split())


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    data = _yaml("gazetteer.yaml")
    canonical: dict[str, str] = {}
    section: dict[str, str] = {}
    for key in SECTION_LABELS:
        for word in str(data.get(key) or "").split():
            forms = [word]
            if key == "demonyms" and word.endswith(("an", "i")):
                forms.append(word + "s")  # plural nouns: "ukrainians", "israelis"
            for form in forms:
                canonical.setdefault(form.lower(), form)
                section.setdefault(form.lower(), key)
    ambiguous = set()
    for word in str(data.get("ambiguous") or "").split():
        ambiguous.add(word.lower())
    common = common_words()
    ambiguous |= {w for w in canonical if w in common}
    return Gazetteer(frozenset(canonical), canonical, section, frozenset(ambiguous))


@lru_cache(maxsize=1)
def names() -> Names:
    data = _yaml("names.yaml")
    index: dict[str, list[MultiWordName]] = {}
    given = {w.lower() for w in str(data["given_names"]).split()}
    surnames: set[str] = set()
    for person, entries in ((True, data["people"]), (False, data["names"])):
        for entry in entries:
            words = tuple(_WORD.findall(entry))
            name = MultiWordName(words, tuple(w.lower() for w in words), person)
            for word in words:
                if word[0].isupper() and name not in index.get(word.lower(), ()):
                    index.setdefault(word.lower(), []).append(name)
            if person:
                given.add(name.lower[0])
                surnames.add(name.lower[-1])
    figures = _yaml("gazetteer.yaml").get("figures") or ""
    surnames.update(w.lower() for w in str(figures).split())
    return Names(
        by_word={k: tuple(v) for k, v in index.items()},
        name_words=frozenset(index),
        given_names=frozenset(given),
        surnames=frozenset(surnames),
        titles=frozenset(w.lower() for w in str(data["titles"]).split()),
        short_titles=frozenset(str(data["short_titles"]).split()),
        particles=frozenset(str(data["particles"]).split()),
        role_words=frozenset(str(data["role_words"]).split()),
        stylised=frozenset(str(data["stylised_lowercase"]).split()),
    )


@lru_cache(maxsize=1)
def misspelling_keys() -> frozenset[str]:
    return frozenset(misspellings())


@lru_cache(maxsize=1)
def misspellings() -> dict[str, tuple[str, ...]]:
    """typo -> corrections (one correction: the fix is certain)."""
    table: dict[str, tuple[str, ...]] = {}
    for line in (DATA / "misspellings.txt").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        typo, _, fixes = line.partition("\t")
        table[typo] = tuple(fixes.split("|"))
    return table
