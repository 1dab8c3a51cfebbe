"""The newsroom's allow-list: ``verified-experts`` in .newslint.yaml.

A listed person is silenced in every rule of the family; a listed
affiliation counts as a known institution (a newsroom that verified an
expert there has verified the institution too).
"""

from __future__ import annotations

from functools import lru_cache

from rules.expert.extract import Person
from rules.expert.gazetteer import org_key
from rules.expert.patterns import PatternPair
from rules.expert.record import Record

_TITLES = frozenset("dr doctor prof professor mr mrs ms miss sir dame lord lady".split())
PATTERNS = PatternPair(lambda: {"word": (r"[\p{L}'\u2019-]+", False)})  # compiled on first use


class Verified(Record):
    __slots__ = ("people", "affiliations")  # (first name, surname) pairs, case-folded; institution keys

    def covers(self, person: Person | None) -> bool:
        if person is None or not self.people:
            return False
        return (person.first.casefold(), person.surname.casefold()) in self.people or (
            "",
            person.surname.casefold(),
        ) in self.people


def _name_key(name: str) -> tuple[str, str] | None:
    words = [w for w in PATTERNS.for_text(name).word.findall(name) if w.casefold().rstrip(".") not in _TITLES]
    if not words:
        return None
    return ((words[0].casefold() if len(words) > 1 else ""), words[-1].casefold())


@lru_cache(maxsize=16)
def _build(entries: tuple[tuple[str, str], ...]) -> Verified:
    people = {key for name, _ in entries if (key := _name_key(name)) is not None}
    affiliations = {key for _, affiliation in entries if affiliation and (key := org_key(affiliation))}
    return Verified(frozenset(people), frozenset(affiliations))


_EMPTY = Verified(frozenset(), frozenset())


def verified(options) -> Verified:
    config = getattr(options, "config", None)
    entries = getattr(config, "verified_experts", None) or ()
    if not entries:
        return _EMPTY
    return _build(tuple((str(e.get("name", "")), str(e.get("affiliation", ""))) for e in entries))
