"""CON003: the same person given two current titles that cannot both be true."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lint.model import Related, Severity, Span
from lint.rule import Rule
from rules.contradiction.scan import LazyPattern, find_anchored
from rules.contradiction.tenure import conflicts, quiet_evidence

if TYPE_CHECKING:
    from rules.contradiction.mentions import Mention

_HEADS = r"Minister|Secretary|Commissioner|Ambassador|Governor|Mayor|Senator|Spokesman|Spokeswoman|Spokesperson"
_GENERIC = LazyPattern(
    rf"(?<![\w-])(?P<title>(?:[A-Z][a-z]+[ \t]+){{1,2}}(?P<head>{_HEADS}))[ \t]+"
    r"(?P<name>[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?[ \t]+[A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?![\w-])"
)
_HEAD_WORDS = tuple(_HEADS.split("|"))  # case-sensitive in _GENERIC: one of them must be in the text
_HEAD_ANCHORS = tuple(h.lower() for h in _HEAD_WORDS)
_NOT_PORTFOLIO = frozenset(
    """the a an and but when while after before then yesterday today meanwhile on in at also both earlier later
    now under for by from of to that this since former ex acting deputy shadow junior prime first chief
    senior new outgoing incoming interim caretaker vice assistant general""".split()
)
_STRADDLE = LazyPattern(r"\b(?:sworn\s+in|inaugurat\w*|took\s+office|takes\s+office|take\s+office|taking\s+office|"
                        r"reshuffle|succeed\w*|replac\w+|appointed|promoted|moved\s+to|became|becomes|will\s+become)\b",
                        re.IGNORECASE)
_PAST_BEFORE = LazyPattern(r"(?:former|then|ex|the late)[\s-]+$")


class TitleDrift(Rule):
    """
    What it does: flags a person who is given two different current titles in
    one article when the two cannot both be true: "President-elect Donald
    Trump" and "President Donald Trump" outside an inauguration story, or
    "Foreign Secretary David Cameron" beside "Prime Minister David Cameron"
    (the knowledge base knows these offices were held years apart). Two
    portfolios of the same kind for someone the knowledge base does not know
    ("Health Minister Anna Kovac", later "Finance Minister Anna Kovac") are
    reported as info.

    Why is this bad? A reader cannot tell which title is right, and copy
    stitched together from pieces written at different times often shows it
    this way first.

    Example:
        President-elect Donald Trump met his advisers. Later, President Donald Trump said ...
    """

    code = "CON003"
    name = "title-drift"
    category = "contradiction"
    severity = Severity.WARNING
    summary = "The same person given two current titles that cannot both be true."
    message = '"{second}" conflicts with "{first}" earlier in the article: {reason}'

    def check(self, article, options):
        kb, found = quiet_evidence(article, options)
        if found is None:
            return
        if found.mentions:
            yield from self._known(article, options, kb, found)
        if _generic_candidate(article.masked):
            yield from self._generic(article, kb, {m.span.start for m in found.mentions})

    def _known(self, article, options, kb, found):
        from rules.contradiction.mentions import CURRENT

        straddles = None  # looked up only when there is something to report
        flagged = {c.clue.key for c in conflicts(article, options)}
        reported: set[frozenset] = set()
        current = [m for m in found.mentions if m.frame == CURRENT and not m.quoted and m.dated is None]
        for i, second in enumerate(current):
            for first in current[:i]:
                shared = set(first.people) & set(second.people)
                if not shared or set(first.roles) == set(second.roles):
                    continue
                key = frozenset((first.roles, second.roles, frozenset(shared)))
                if key in reported or _overlap(kb, first, second, shared):
                    continue
                if ("role", first.pairs, first.frame) in flagged or ("role", second.pairs, second.frame) in flagged:
                    continue  # CON001 already reports one side against the article's date
                reported.add(key)
                reason = _reason(kb, first, second, shared)
                if straddles is None:
                    straddles = bool(_STRADDLE.search(article.masked))
                yield self.finding(
                    second.span,
                    f'"{second.text}" conflicts with "{first.text}" earlier in the article: {reason}',
                    severity=Severity.INFO if straddles else Severity.WARNING,
                    related=[Related(first.span, f'"{first.text}" is the other title')],
                )
                break

    def _generic(self, article, kb, known_starts):
        masked = article.masked
        seen: dict[str, list[tuple[str, str, Span]]] = {}
        for match in find_anchored(_GENERIC, masked, article.lowered, _HEAD_ANCHORS, reach=30):
            words = match.group("title").split()
            while words and words[0].lower() in _NOT_PORTFOLIO:
                words.pop(0)
            if len(words) < 2 or any(w.lower() in _NOT_PORTFOLIO for w in words[:-1]):
                continue
            name = match.group("name")
            if kb.people_named(name) or _preceded_by_past(masked, match.start()):
                continue
            title = " ".join(words)
            span = Span(match.start("title") + match.group("title").index(words[0]), match.end("name"))
            entries = seen.setdefault(name, [])
            for other_title, head, other_span in entries:
                if head == match.group("head") and other_title.lower() != title.lower():
                    yield self.finding(
                        span,
                        f'"{title} {name}" conflicts with "{other_title} {name}" earlier in the article: '
                        f"one person, two {head.lower()} posts",
                        severity=Severity.INFO,
                        related=[Related(other_span, f'"{other_title} {name}" is the other title')],
                    )
                    break
            else:
                entries.append((title, match.group("head"), span))


def _generic_candidate(masked: str) -> bool:
    """Whether _GENERIC can match: a capitalised head word after a lower-case letter and blanks
    ("Health Minister") and before blanks and a capital ("Minister Anna")."""
    size = len(masked)
    for head in _HEAD_WORDS:
        pos = masked.find(head)
        while pos != -1:
            before, after = pos - 1, pos + len(head)
            while before >= 0 and masked[before] in " \t":
                before -= 1
            if before < pos - 1 and before >= 0 and "a" <= masked[before] <= "z":
                while after < size and masked[after] in " \t":
                    after += 1
                if after > pos + len(head) and after < size and "A" <= masked[after] <= "Z":
                    return True
            pos = masked.find(head, pos + 1)
    return False


def _preceded_by_past(masked: str, start: int) -> bool:
    before = masked[max(0, start - 12):start].lower()
    return bool(_PAST_BEFORE.search(before))


def _overlap(kb, first: Mention, second: Mention, shared) -> bool:
    a = [iv for pair in first.pairs if pair[0] in shared for iv in kb.spans.get(pair, ())]
    b = [iv for pair in second.pairs if pair[0] in shared for iv in kb.spans.get(pair, ())]
    return any(x0 < y1 and y0 < x1 for x0, x1 in a for y0, y1 in b)


def _reason(kb, first: Mention, second: Mention, shared) -> str:
    from rules.contradiction.dates import OPEN, iso

    def when(m: Mention) -> str:
        parts = [
            f"{iso(a)} to {iso(b)}" if b < OPEN else f"from {iso(a)}"
            for pair in m.pairs if pair[0] in shared for a, b in kb.spans.get(pair, ())
        ]
        return ", ".join(parts[-2:])

    return f"the offices were held at different times ({when(first)}; {when(second)})"
