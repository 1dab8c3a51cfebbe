"""EXP001 synthetic-interview."""

from __future__ import annotations

from lint.model import Severity
from lint.rule import Rule
from rules.expert.extract import analyse
from rules.expert.interview import Interview, interviews
from rules.expert.verified import verified


def _quoted(phrases: tuple[str, ...], limit: int = 2) -> str:
    shown = ", ".join(f"'{p}'" for p in phrases[:limit])
    return shown + (f" and {len(phrases) - limit} more" if len(phrases) > limit else "")


def signals(interview: Interview) -> list[str]:
    out = []
    if interview.site_label:
        out.append(f"the interviewer is labelled with the site's name ('{interview.interviewer}'), not a person")
    if interview.openers:
        out.append(f"stock answers ({_quoted(interview.openers)})")
    if interview.interviewer_stock:
        out.append(f"stock interviewer lines ({_quoted(interview.interviewer_stock)})")
    if interview.closers:
        out.append(f"a reader-engagement closer ({_quoted(interview.closers)})")
    return out


def grade(interview: Interview) -> Severity | None:
    """Weigh the markers: a site-named interviewer is the strongest one.

    Real transcripts say "Absolutely." and "Thanks for having me" too, so
    without a site-named interviewer only a reader-engagement closer, which no
    real Q&A ends with, lifts three markers to a warning.
    """
    markers = interview.template_count
    if interview.site_label and markers >= 2:
        return Severity.WARNING
    if interview.closers and markers >= 3:
        return Severity.WARNING
    if markers >= 2 or (interview.site_label and markers >= 1):
        return Severity.INFO
    return None


def _interviewee_verified(article, interview: Interview, people, allowed) -> bool:
    start = article.blocks[interview.header_block].span.start
    end = article.blocks[interview.last_turn].span.end
    return any(start <= p.span.start <= end and allowed.covers(p) for p in people)


class SyntheticInterview(Rule):
    """
    What it does: flags a Q&A interview that reads as generated: the interviewer is
    labelled with the site's name ("Archyde:", "Archyde News Editor:") instead of a
    person, the answers open with stock phrases ("Thank you for having me",
    "Absolutely."), and the exchange ends by asking readers to comment. The finding
    sits on the line that announces the interview and lists the signals found.

    Why is this bad? Content farms invent interviews with experts who do not exist
    and put the article's own talking points in their mouths. A real interview names
    the journalist who conducted it; these read like a chatbot role-play. An editor
    must confirm that the interview took place, who conducted it and that the
    interviewee exists before the quotes can stand.

    Example:
        Interview with Dr. Elena Sokolov, Senior Fellow at the Eastern European Policy Institute
        Archyde News Editor: Thank you for joining us today. What do Putin's demands mean?
        Dr. Elena Sokolov: Thank you for having me. Certainly. ...
        Archyde News Editor: Do you agree with this assessment?
        Dr. Elena Sokolov: Absolutely. ...
    """

    code = "EXP001"
    name = "synthetic-interview"
    category = "expert"
    severity = Severity.WARNING
    summary = "Q&A interview with a site-named interviewer and chatbot stock phrases."
    message = "interview reads as generated: {signals}; confirm the interview took place and name who conducted it"
    options = {"site-names": []}

    def check(self, article, options):
        site_names = tuple(str(s) for s in options.get("site-names", ()))
        found = interviews(article, site_names)
        if not found:
            return
        allowed = verified(options)
        people = analyse(article).persons if allowed.people else []
        for interview in found:
            severity = grade(interview)
            if severity is None:
                continue
            # A newsroom that verified the interviewee has cleared this interview too.
            if allowed.people and _interviewee_verified(article, interview, people, allowed):
                continue
            listed = signals(interview)
            yield self.finding(
                interview.header,
                self.message.format(signals="; ".join(listed)),
                severity=severity,
            )
