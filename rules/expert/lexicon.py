"""The family's word lists (data/lexicon.yaml, data/names.yaml), loaded once per process.

Patterns built from the lists are compiled here, once, so that the
extractors and rules only ever match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex
import yaml

DATA = Path(__file__).parent / "data"

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(name: str) -> dict:
    with open(DATA / name, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_Loader)  # noqa: S506 - a safe loader (C or Python)


def _alternation(words) -> str:
    """A regex alternation, longest first so that "political scientist" beats "scientist"."""
    items = sorted({w.strip().lower() for w in words if w.strip()}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


@dataclass(frozen=True)
class InterviewLexicon:
    answer_openers: tuple[regex.Pattern, ...]
    interviewer_stock: tuple[regex.Pattern, ...]
    closers: tuple[regex.Pattern, ...]
    headers: regex.Pattern
    outlet_label_words: frozenset[str]
    generic_labels: frozenset[str]
    site_context: str  # a template with {site}


@dataclass(frozen=True)
class GenericVocabulary:
    org_nouns: frozenset[str]
    region_words: frozenset[str]
    topic_words: frozenset[str]


@dataclass(frozen=True)
class Lexicon:
    expert_honorifics: frozenset[str]
    civil_honorifics: frozenset[str]
    role_heads: frozenset[str]
    role_head_re: regex.Pattern  # any case, for short windows
    role_head_lower_re: re.Pattern  # on ASCII-lowercased text, for the pass over a whole article
    role_modifiers: frozenset[str]
    puffery_words: frozenset[str]  # inside the role: "a leading geopolitical analyst"
    experience_re: regex.Pattern  # near the introduction: "with over two decades of experience"
    interview: InterviewLexicon
    generic: GenericVocabulary


def _compile_all(patterns) -> tuple[regex.Pattern, ...]:
    return tuple(regex.compile(p, regex.I | regex.V0) for p in patterns)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = load_yaml("lexicon.yaml")
    heads = frozenset(w.lower() for w in data["role_heads"])
    puffery = frozenset(w.lower() for w in data["puffery_words"])
    interview = data["interview"]
    generic = data["generic_names"]
    return Lexicon(
        expert_honorifics=frozenset(data["expert_honorifics"]),
        civil_honorifics=frozenset(data["civil_honorifics"]),
        role_heads=heads,
        # Word-bounded, case-insensitive: "Senior Fellow" and "senior fellow" alike.
        role_head_re=regex.compile(rf"\b(?:{_alternation(heads)})\b", regex.I),
        # stdlib re on lowercased text: several times faster than a case-insensitive pattern.
        role_head_lower_re=re.compile(rf"(?<![a-z])(?:{_alternation(heads)})\b"),
        role_modifiers=frozenset(w.lower() for w in data["role_modifiers"]),
        puffery_words=puffery,
        experience_re=regex.compile(data["experience_pattern"], regex.I),
        interview=InterviewLexicon(
            answer_openers=_compile_all(interview["answer_openers"]),
            interviewer_stock=_compile_all(interview["interviewer_stock"]),
            closers=_compile_all(interview["closers"]),
            headers=regex.compile("|".join(f"(?:{p})" for p in interview["headers"]), regex.I),
            outlet_label_words=frozenset(interview["outlet_label_words"]),
            generic_labels=frozenset(interview["generic_labels"]),
            site_context=interview["site_context"],
        ),
        generic=GenericVocabulary(
            org_nouns=frozenset(generic["org_nouns"]),
            region_words=frozenset(generic["region_words"]),
            topic_words=frozenset(generic["topic_words"]),
        ),
    )


@dataclass(frozen=True)
class NameLexicon:
    female_shared: frozenset[str]
    female_slavic: frozenset[str]
    male: frozenset[str]
    specific_endings: tuple[tuple[str, str], ...]  # (masculine, feminine), longest first
    ambiguous_endings: tuple[tuple[str, str], ...]
    feminine_endings: tuple[str, ...]
    invariant_endings: tuple[str, ...]


@lru_cache(maxsize=1)
def names() -> NameLexicon:
    data = load_yaml("names.yaml")

    def endings(mapping: dict) -> tuple[tuple[str, str], ...]:
        return tuple(sorted(((str(k), str(v)) for k, v in mapping.items()), key=lambda kv: -len(kv[0])))

    return NameLexicon(
        female_shared=frozenset(data["female"]["shared"]),
        female_slavic=frozenset(data["female"]["slavic"]),
        male=frozenset(data["male"]),
        specific_endings=endings(data["masculine_endings"]["specific"]),
        ambiguous_endings=endings(data["masculine_endings"]["ambiguous"]),
        feminine_endings=tuple(sorted(data["feminine_endings"], key=len, reverse=True)),
        invariant_endings=tuple(sorted(data["invariant_endings"], key=len, reverse=True)),
    )
