"""CON004: one casualty figure stated twice with different values."""

from __future__ import annotations

import re

from lint.model import Related, Severity, Span
from lint.rule import Rule
from rules.contradiction.scan import LazyPattern, anchor_hits, find_anchored, plain_case

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}
_NUM = r"(?P<num>\d{1,3}(?:,\d{3})*|\d+|" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")"
_HEDGE = r"(?P<hedge>at\s+least|more\s+than|over|about|around|some|nearly|almost|up\s+to|roughly|approximately|an\s+estimated|fewer\s+than|less\s+than|dozens|hundreds)?\s*"
_NOUNS = (
    r"(?P<noun>people|persons|civilians|soldiers|troops|children|passengers|workers|miners|residents|police(?:\s+officers)?|"
    r"officers|protesters|militants|fighters|students|pilgrims|migrants|firefighters|crew(?:\s+members)?)"
)
# "the attack killed 12 people", "killing 12 civilians"
_VERB_FIRST = LazyPattern(
    rf"\b(?P<verb>killed|killing|kills|injured|injuring|wounded|wounding|left)\s+{_HEDGE}{_NUM}\s+(?:other\s+)?{_NOUNS}"
    r"(?P<tail>\s+(?:dead|injured|wounded))?",
    re.IGNORECASE,
)
# "12 people were killed", "15 civilians died", "12 people dead"
_NOUN_FIRST = LazyPattern(
    rf"(?<![\w,.])(?:{_HEDGE}){_NUM}\s+{_NOUNS}\s+(?:were\s+|have\s+been\s+|had\s+been\s+|are\s+|was\s+)?(?P<verb>killed|dead|died|injured|wounded)\b",
    re.IGNORECASE,
)
_CHANGE = LazyPattern(
    r"\b(?:rose|risen|rises|rising|climbed|climbs|increased|up\s+from|from\s+an?\s+earlier|earlier|initially|initial|"
    r"first\s+reported|revised|updated|previously|another|more|further|additional|total|toll|including|of\s+whom|among\s+them|"
    r"separate|second|other|also|a\s+further|then|later|each|every|last\s+year|in\s+(?:19|20)\d\d|per\s+day|a\s+day|a\s+week)\b",
    re.IGNORECASE,
)
_VERB_ANCHORS = ("killed", "killing", "kills", "injured", "injuring", "wounded", "wounding", "left", "dead", "died")
# Every figure names one of these (_NOUNS), so an article without any of them has none.
_NOUN_STEMS = ("people", "persons", "civilians", "soldiers", "troops", "children", "passengers", "workers", "miners",
               "residents", "police", "officers", "protesters", "militants", "fighters", "students", "pilgrims",
               "migrants", "firefighters", "crew")
_KILLED = {"killed": "killed", "killing": "killed", "kills": "killed", "dead": "killed", "died": "killed"}


class CasualtyFigureMismatch(Rule):
    """
    What it does: flags a casualty figure stated twice with different values
    for what reads as the same fact: "the strike killed 12 people" and later
    "the strike killed 15 people". Statements that describe a change or a
    different event ("rose to", "another", "earlier", "in total", hedges such
    as "at least") are left alone, and so are different kinds of numbers
    ("nearing its third year" / "three-year war", "20%" / "a fifth").

    Why is this bad? Two different tolls for one event in one article leave
    the reader unable to tell which is right; usually one is stale or mistyped.

    Example:
        The attack killed 12 people, officials said. ... The attack, which killed 15 people, ...
    """

    code = "CON004"
    name = "casualty-figure-mismatch"
    category = "contradiction"
    severity = Severity.WARNING
    summary = "The same casualty figure stated twice with different values."
    message = '"{second}" conflicts with "{first}" earlier in the article'

    def check(self, article, options):
        masked = article.masked
        lower = article.lowered
        if not any(word in lower for word in _VERB_ANCHORS if word != "left"):
            return
        if plain_case(lower) and not any(noun in lower for noun in _NOUN_STEMS):
            return
        hits = anchor_hits(lower, _VERB_ANCHORS)
        matches = [
            *find_anchored(_VERB_FIRST, masked, lower, _VERB_ANCHORS, reach=1, hits=hits),
            *find_anchored(_NOUN_FIRST, masked, lower, _VERB_ANCHORS, reach=70, hits=hits),
        ]
        if not matches:
            return
        quoted = [q.content for q in article.quotations]
        facts: dict[tuple, list[tuple[int, Span, str, bool]]] = {}
        sentences = article.sentences
        for match in sorted(matches, key=lambda m: m.start()):
            sentence = next((s.span for s in sentences if s.span.start <= match.start() < s.span.end), None)
            if sentence is None or _CHANGE.search(masked, sentence.start, sentence.end):
                continue
            verb = match.group("verb").lower()
            if verb == "left":
                tail = (match.group("tail") or "").strip().lower()
                if not tail:
                    continue
                verb = tail
            kind = _KILLED.get(verb, "injured")
            noun = match.group("noun").lower().split()[0]
            value = _value(match.group("num"))
            if value is None:
                continue
            span = Span(match.start(), match.end())
            in_quote = any(q.start <= span.start < q.end for q in quoted)
            facts.setdefault((kind, noun), []).append(
                (value, span, " ".join(match.group(0).split()), bool(match.group("hedge")) or in_quote)
            )
        for (_, _), statements in facts.items():
            values = {v for v, _, _, _ in statements}
            if len(values) != 2 or len(statements) > 3:
                continue  # one value is fine; three or more figures are a running story, not a slip
            first = statements[0]
            for second in statements[1:]:
                if second[0] == first[0]:
                    continue
                hedged = first[3] or second[3]
                yield self.finding(
                    second[1],
                    f'"{second[2]}" conflicts with "{first[2]}" earlier in the article; check which figure is right',
                    severity=Severity.INFO if hedged else Severity.WARNING,
                    related=[Related(first[1], f'"{first[2]}" is the other figure')],
                )
                break


def _value(raw: str) -> int | None:
    raw = raw.lower().replace(",", "")
    if raw.isdigit():
        return int(raw)
    return _WORDS.get(raw)
