"""Find the best-supported time window and the clues that cannot hold in it.

Sweep line: every clue boundary splits the timeline into elementary
segments; a segment scores the summed weight of the clues that hold on it.
The best segment is the article's most likely date. A clue that holds on
none of the best segments is an outlier when the best score beats the best
segment the outlier allows by at least one weight unit (a tie means we cannot
tell which side is wrong, so nothing is reported).
"""

from __future__ import annotations

from lint.model import Severity
from rules.contradiction.clues import Clue, Evidence
from lint.values import Value

MAX_CLUES = 60  # keeps the sweep bounded on very long articles
MIN_MARGIN = 1.0
STRONG = 1.5  # role mentions, president-elect and dates; event phrases and durations are weak


class Conflict(Value):
    __slots__ = ("clue", "window", "cite", "support", "severity", "margin")

    def __init__(self, clue: Clue, window: tuple[int, int], cite: list[Clue], support: list[Clue], severity: Severity,
                 margin: float) -> None:
        self.clue = clue
        self.window = window
        self.cite = cite  # the clues the message names
        self.support = support  # every clue worth pointing at (related locations)
        self.severity = severity
        self.margin = margin


def analyse(evidence: Evidence) -> list[Conflict]:
    clues = evidence.clues
    if len(clues) < 2 or not any(c.flaggable for c in clues):
        return []
    if len(clues) > MAX_CLUES:
        clues = sorted(clues, key=lambda c: -c.weight)[:MAX_CLUES]
    bounds = sorted({x for c in clues for interval in (*c.intervals, *(c.core or ())) for x in interval})
    segments = list(zip(bounds, bounds[1:]))
    if not segments:
        return []
    scores = [sum(c.score(a, b) for c in clues) for a, b in segments]
    dated = next((c for c in clues if c.key == ("meta",)), None)
    if dated is not None:
        # The front-matter date is the publication date: not one vote among others but the
        # window itself. Copy that reads as older than its date is exactly what to report.
        inside = [(seg, score) for seg, score in zip(segments, scores) if dated.contains(*seg)]
        best = max(score for _, score in inside)
        best_segments = [seg for seg, score in inside if score >= best - 1e-9]
    else:
        best = max(scores)
        best_segments = [seg for seg, score in zip(segments, scores) if score >= best - 1e-9]
    conflicts = []
    for clue in clues:
        if not clue.flaggable or any(clue.contains(*seg) for seg in best_segments):
            continue
        allowed = [(seg, score) for seg, score in zip(segments, scores) if clue.contains(*seg)]
        if not allowed:
            continue
        allowed_best = max(score for _, score in allowed)
        margin = best - allowed_best
        if dated is None and margin < MIN_MARGIN - 1e-9:
            continue
        window = min(best_segments, key=lambda seg: _distance(clue, seg))
        competitors = [seg for seg, score in allowed if score >= allowed_best - 1e-9]
        supporters = [c for c in clues if c is not clue and c.contains(*window)]
        if dated is not None and dated not in supporters:
            continue
        direct = [c for c in supporters if not clue.overlaps(*c.component(*window))]
        relevant = [c for c in supporters if any(not c.contains(*seg) for seg in competitors)]
        strong = [c for c in direct + [r for r in relevant if r not in direct] if c.weight >= STRONG]
        if not direct and not strong:
            continue
        explicit = any(c.explicit for c in direct) or any(c.explicit for c in strong)
        independent = len({_source(c) for c in strong})
        severity = Severity.ERROR if explicit or independent >= 2 else Severity.WARNING
        cite = _rank([c for c in direct if c.weight >= STRONG])[:2] or _rank(direct)[:2] or _rank(strong)[:2]
        support = cite + [c for c in _rank(strong) if c not in cite]
        conflicts.append(Conflict(clue, window, cite, support[:3], severity, margin))
    return conflicts


def _rank(clues: list[Clue]) -> list[Clue]:
    return sorted(clues, key=lambda c: (not c.explicit, -c.weight, c.span.start))


def _source(clue: Clue) -> tuple:
    """Two mentions of one person count once."""
    if clue.mention is not None:
        return ("person", clue.mention.people)
    return clue.key


def _distance(clue: Clue, seg: tuple[int, int]) -> int:
    a, b = seg
    return min(max(x - b, a - y, 0) for x, y in clue.intervals)
