"""CON001 and CON002: role titles that cannot be true when the article was written.

Importing this module must stay cheap (it is imported with the family): the
knowledge base, the date and clue analysis and their patterns are imported
on the first check.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lint.model import Related, Severity
from lint.rule import Rule

if TYPE_CHECKING:
    from rules.contradiction.clues import Clue, Evidence
    from rules.contradiction.kb import KnowledgeBase
    from rules.contradiction.mentions import Mention

DATE_SLACK = 31  # days: "In March 2024" may be written of the week before an appointment


def knowledge_base(options) -> KnowledgeBase:
    from rules.contradiction.kb import load, user_files

    return load(user_files(options.config))


def evidence(article, options) -> tuple[KnowledgeBase, Evidence]:
    kb = knowledge_base(options)
    return kb, article.memo(f"contradiction.evidence:{kb.files}", lambda a: _gather(a, kb))


def _gather(article, kb: KnowledgeBase) -> Evidence:
    from rules.contradiction.clues import gather

    return gather(article, kb)


def conflicts(article, options) -> list:
    """CON001's findings before formatting, shared with CON003 so a pair is reported once."""
    kb, found = evidence(article, options)
    if not found.clues:
        return []  # nothing that could be flagged: see clues.gather
    from rules.contradiction.window import analyse

    return article.memo(f"contradiction.conflicts:{kb.files}", lambda a: analyse(found))


def quiet_evidence(article, options):
    """For the rules after CON001: a broken user file is reported once, by CON001, not three times."""
    from rules.contradiction.kb import KnowledgeBaseError

    try:
        return evidence(article, options)
    except KnowledgeBaseError:
        return None, None


class RoleTenureConflict(Rule):
    """
    What it does: infers when an article was written from its own evidence
    (front-matter date, "as of" dates, current titles such as "Defence
    Secretary Pete Hegseth", "President-elect", anniversaries of dated events)
    and flags a title, "President-elect" or anniversary that cannot hold in the
    best-supported window. A front-matter date is the window itself: every
    title already out of date on that day is reported. Historical mentions
    ("former", "then-", "In 2019, Prime Minister ...", quoted speech) are not
    read as clues to the present.

    Why is this bad? A title that was already out of date when the piece was
    written ("NATO Secretary-General Jens Stoltenberg" beside "President-elect
    Donald Trump") is a factual error readers notice at once, and a tell of
    recycled or machine-written copy. It is an error when an explicit date or
    two independent clues back the window, a warning otherwise.

    Example:
        Putin wants guarantees before talks with U.S. President-elect Donald Trump.
        President Volodymyr Zelensky rejected the idea.
        NATO Secretary-General Jens Stoltenberg said the door remains open.
    """

    code = "CON001"
    name = "role-tenure-conflict"
    category = "contradiction"
    severity = Severity.ERROR
    summary = "A title, 'President-elect' or anniversary that cannot hold when the article was written."
    message = '"{mention}" ({tenure}) conflicts with "{clue}" ({window})'

    def check(self, article, options):
        kb, _ = evidence(article, options)
        for conflict in conflicts(article, options):
            clue = conflict.clue
            cites = " and ".join(_cite(c, conflict.window) for c in conflict.cite)
            text = f'"{clue.label}" ({_outlier_tenure(clue, conflict.window, kb)}) conflicts with {cites}'
            if clue.kind == "role":
                dated = any(c.kind in ("date", "bound") for c in conflict.cite)
                text += "; the title is out of date" if dated else "; one of the titles is out of date"
            related = [Related(c.span, _related_note(c, conflict.window)) for c in conflict.support]
            yield self.finding(clue.span, text, severity=conflict.severity, related=related)


def _cite(clue: Clue, window) -> str:
    from rules.contradiction.clues import describe

    if clue.key == ("meta",):
        return f"the article's date ({describe(clue, window).removeprefix('dated ')})"
    if clue.kind == "date":
        return f'"{clue.label}"'
    return f'"{clue.label}" ({describe(clue, window)})'


def _related_note(clue: Clue, window) -> str:
    from rules.contradiction.clues import describe

    if clue.key == ("meta",):
        return f"the article is {describe(clue, window)}"
    if clue.kind == "role":
        state = _state(clue)
        return f'"{clue.label}": {state} {describe(clue, window)}'
    return f'"{clue.label}" dates the article {describe(clue, window)}'


def _state(clue: Clue) -> str:
    return "president-elect" if clue.mention is not None and clue.mention.elect else "in office"


def _outlier_tenure(clue: Clue, window: tuple[int, int], kb) -> str:
    from rules.contradiction.clues import describe
    from rules.contradiction.dates import iso
    from rules.contradiction.mentions import FUTURE

    if clue.kind == "anniversary":
        return f"falls on {clue.note}"
    mention = clue.mention
    if mention is None:
        return describe(clue)
    raw = sorted(mention.intervals)
    state = _state(clue)
    if mention.frame == FUTURE:
        starts = sorted({b - 7 for _, b in raw})
        return "took office " + ", ".join(iso(s) for s in starts)
    before = [iv for iv in raw if iv[1] <= window[0]]
    after = [iv for iv in raw if iv[0] >= window[1]]
    if before and not after:
        return f"{state} until {iso(before[-1][1])}" if len(raw) == 1 or before[-1] == raw[-1] else _list(raw, state)
    if after and not before:
        return f"{state} from {iso(after[0][0])}" if after[0] == raw[0] else _list(raw, state)
    return _list(raw, state)


def _list(raw, state: str) -> str:
    return f"{state} " + ", ".join(_span_text(a, b) for a, b in raw[-3:])


def _span_text(a: int, b: int) -> str:
    from rules.contradiction.dates import OPEN, iso

    return f"from {iso(a)}" if b >= OPEN else f"{iso(a)} to {iso(b)}"


class RoleDateConflict(Rule):
    """
    What it does: flags a title tied to an explicit date in the same sentence
    when the person did not hold that office then: "In March 2025, NATO
    Secretary-General Jens Stoltenberg said ..." or "Prime Minister Boris
    Johnson said on 12 January 2024". Only a date that opens the sentence
    or directly follows the mention counts; "former" and "then-" titles are
    left alone.

    Why is this bad? The date and the title cannot both be right; one of them
    is a factual error that a reader with the timeline in mind will catch.

    Example:
        In March 2025, NATO Secretary-General Jens Stoltenberg visited Kyiv.
    """

    code = "CON002"
    name = "role-date-conflict"
    category = "contradiction"
    severity = Severity.ERROR
    summary = "A title tied to an explicit date on which the person did not hold the office."
    message = '"{mention}" ({tenure}) does not fit the date "{date}" in the same sentence'

    def check(self, article, options):
        _, found = quiet_evidence(article, options)
        if not found or not found.mentions:
            return
        from rules.contradiction.mentions import CURRENT, FUTURE

        for mention in found.mentions:
            if mention.dated is None or not mention.dated_directly or mention.frame not in (CURRENT, FUTURE):
                continue
            date = mention.dated
            if any(a - DATE_SLACK < date.end and date.start < b + DATE_SLACK for a, b in mention.intervals):
                continue
            tenure = ", ".join(_span_text(a, b) for a, b in mention.intervals[-3:])
            state = "president-elect" if mention.elect else "in office"
            if mention.frame == FUTURE:
                state = "before taking office"
            yield self.finding(
                mention.span,
                f'"{mention.text}" ({state} {tenure}) does not fit the date "{date.text}" in the same sentence',
                severity=Severity.ERROR if date.explicit or _gap_years(mention, date) >= 1 else Severity.WARNING,
                related=[Related(date.span, f'"{date.text}" dates the sentence')],
            )


def _gap_years(mention: Mention, date) -> float:
    gaps = [max(a - date.end, date.start - b, 0) for a, b in mention.intervals]
    return min(gaps) / 365.25 if gaps else 0.0
