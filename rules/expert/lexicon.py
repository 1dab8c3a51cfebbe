"""The family's word lists (data/lexicon.txt, data/names.txt), loaded once per process, when first needed.

The files are plain text ("[section]" headers, one entry per line), read
without a YAML parser. Patterns are kept here as source text; the modules
that use them compile them on first use (``rules.expert.patterns``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from rules.expert.record import Record

DATA = Path(__file__).parent / "data"


def read_sections(name: str) -> dict[str, list[str]]:
    """``{section: [entries]}`` of a data file: "[section]" lines, one entry per line, "#" comment lines."""
    # Comprehensions and slices rather than a loop with a branch per line: the
    # first article of a run pays for this file (the loop cost half a millisecond).
    with open(DATA / name, encoding="utf-8") as handle:
        lines = [line for line in map(str.strip, handle.read().split("\n")) if line and line[0] != "#"]
    headers = [i for i, line in enumerate(lines) if line[0] == "[" and line[-1] == "]"]
    if lines and (not headers or headers[0] != 0):
        raise ValueError(f"{name}: entry {lines[0]!r} before the first [section]")
    sections: dict[str, list[str]] = {}
    for header, end in zip(headers, headers[1:] + [len(lines)]):
        sections.setdefault(lines[header][1:-1], []).extend(lines[header + 1 : end])
    return sections


def _alternation(words) -> str:
    """A regex alternation, longest first so that "political scientist" beats "scientist"."""
    items = sorted({w.strip().lower() for w in words if w.strip()}, key=lambda w: (-len(w), w))
    return "|".join(_spaced(w) for w in items)


def _spaced(word: str) -> str:
    r"""``re.escape(word)`` with each escaped space as ``\s+``.

    re.escape escapes no letter, so words of letters and spaces skip it: it
    costs a first article about 0.1 ms for the role heads alone.
    """
    if word.replace(" ", "").isalpha():
        return word.replace(" ", r"\s+")
    return re.escape(word).replace(r"\ ", r"\s+")


def _phrase_template(phrases) -> str:
    r"""The pattern ``\b(?:phrase|...)\b`` with the phrases' text escaped and their "{site}" kept for ``format``."""
    escaped = ("{site}".join(re.escape(part) for part in phrase.split("{site}")) for phrase in phrases)
    return r"\b(?:" + "|".join(escaped) + r")\b"


class InterviewLexicon(Record):
    """Pattern sources (case-insensitive) and word sets for synthetic interviews."""

    __slots__ = (
        "answer_openers",  # tuple of pattern sources
        "interviewer_stock",
        "closers",
        "headers",  # one pattern source
        "outlet_label_words",
        "generic_labels",
        "site_phrases",  # phrases with {site}, matched as whole words: "stay tuned to {site}"
    )

    @property
    def site_context(self) -> str:
        """The site phrases as one pattern template with {site} (for Unicode text; plain text uses the phrases)."""
        return _phrase_template(self.site_phrases)


class GenericVocabulary(Record):
    __slots__ = ("org_nouns", "region_words", "topic_words")


class Lexicon(Record):
    __slots__ = (
        "expert_honorifics",
        "civil_honorifics",
        "role_heads",
        "role_head_alternation",  # regex source, longest first, for the role-head patterns
        "role_modifiers",
        "puffery_words",  # inside the role: "a leading geopolitical analyst"
        "experience_pattern",  # source, case-insensitive: "with over two decades of experience"
        "interview",
        "generic",
    )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = read_sections("lexicon.txt")
    heads = frozenset(w.lower() for w in data["role_heads"])
    return Lexicon(
        frozenset(data["expert_honorifics"]),
        frozenset(data["civil_honorifics"]),
        heads,
        _alternation(heads),
        frozenset(w.lower() for w in data["role_modifiers"]),
        frozenset(w.lower() for w in data["puffery_words"]),
        data["experience_pattern"][0],
        InterviewLexicon(
            tuple(data["interview.answer_openers"]),
            tuple(data["interview.interviewer_stock"]),
            tuple(data["interview.closers"]),
            "|".join(f"(?:{p})" for p in data["interview.headers"]),
            frozenset(data["interview.outlet_label_words"]),
            frozenset(data["interview.generic_labels"]),
            tuple(data["interview.site_context"]),
        ),
        GenericVocabulary(
            frozenset(data["generic_names.org_nouns"]),
            frozenset(data["generic_names.region_words"]),
            frozenset(data["generic_names.topic_words"]),
        ),
    )


class NameLexicon(Record):
    __slots__ = (
        "female_shared",
        "female_slavic",
        "male",
        "specific_endings",  # (masculine, feminine), longest first
        "ambiguous_endings",
        "feminine_endings",
        "invariant_endings",
    )


@lru_cache(maxsize=1)
def names() -> NameLexicon:
    data = read_sections("names.txt")

    def endings(section: str) -> tuple[tuple[str, str], ...]:
        pairs = [tuple(line.split()) for line in data[section]]
        return tuple(sorted(((m, f) for m, f in pairs), key=lambda kv: -len(kv[0])))

    return NameLexicon(
        frozenset(data["female.shared"]),
        frozenset(data["female.slavic"]),
        frozenset(data["male"]),
        endings("masculine_endings.specific"),
        endings("masculine_endings.ambiguous"),
        tuple(sorted(data["feminine_endings"], key=len, reverse=True)),
        tuple(sorted(data["invariant_endings"], key=len, reverse=True)),
    )
