"""Checkable facts about personal names: Slavic surname gender agreement and surname stems.

Research notes: signals.md section 2.3. Only the safe classes are checked;
surnames that do not change with gender (-enko, -uk, -ić, -yan, -shvili ...)
are never flagged.
"""

from __future__ import annotations

from functools import lru_cache

from rules.expert.lexicon import names
from rules.expert.record import Record

MIN_SURNAME = 5  # "Lev", "Tov": too short to carry a gendered ending


class GenderMismatch(Record):
    # expected: the surname form that agrees with the first name;
    # reason: "female first name with a masculine surname form"
    __slots__ = ("first", "surname", "expected", "reason")


def _cased_like(model: str, text: str) -> str:
    return text.upper() if model.isupper() else text


def gender_mismatch(first: str, surname: str) -> GenderMismatch | None:
    """Elena Sokolov -> expected Sokolova; Ivan Petrova -> expected Petrov."""
    if not first or len(surname) < MIN_SURNAME:
        return None
    lex = names()
    given = first.casefold()
    lower = surname.casefold()
    if any(lower.endswith(end) for end in lex.invariant_endings):
        return None
    if given in lex.female_shared or given in lex.female_slavic:
        classes = list(lex.specific_endings)
        if given in lex.female_slavic:
            classes += lex.ambiguous_endings
        for masculine, feminine in sorted(classes, key=lambda kv: -len(kv[0])):
            if lower.endswith(masculine):
                stem = surname[: len(surname) - len(masculine)]
                expected = stem + _cased_like(surname, feminine)
                return GenderMismatch(first, surname, expected, "female first name with a masculine surname form")
        return None
    if given in lex.male:
        for feminine in lex.feminine_endings:
            if lower.endswith(feminine):
                masculine = _masculine_of(feminine)
                if masculine is None:
                    return None
                stem = surname[: len(surname) - len(feminine)]
                expected = stem + _cased_like(surname, masculine)
                return GenderMismatch(first, surname, expected, "male first name with a feminine surname form")
    return None


def _masculine_of(feminine: str) -> str | None:
    lex = names()
    for masculine, fem in (*lex.specific_endings, *lex.ambiguous_endings):
        if fem == feminine:
            return masculine
    return None


@lru_cache(maxsize=1)
def _all_endings() -> tuple[str, ...]:
    lex = names()
    pairs = (*lex.specific_endings, *lex.ambiguous_endings)
    return tuple(sorted({e for pair in pairs for e in pair} | set(lex.feminine_endings), key=len, reverse=True))


def surname_stem(surname: str) -> str:
    """The surname without its gendered ending: Sokolov and Sokolova share "sokol"."""
    lower = surname.casefold()
    if len(lower) < MIN_SURNAME:
        return lower
    for end in _all_endings():
        if lower.endswith(end) and len(lower) - len(end) >= 3:
            return lower[: -len(end)]
    return lower


def gendered_variants(a: str, b: str) -> bool:
    """True when two surnames are the masculine and feminine forms of one name."""
    return a.casefold() != b.casefold() and surname_stem(a) == surname_stem(b) and surname_stem(a) != a.casefold()
