"""Explicit dates in copy and front matter, as day intervals.

Every date becomes a half-open range of day ordinals: "20 February 2025" is
one day, "December 2021" a month, "2014" a year, "early 2025" January to
April. Dates without a year ("on January 20") say nothing on their own and
are not returned.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator

from lint.model import Span
from rules.contradiction.scan import LazyPattern
from lint.values import Frozen

if TYPE_CHECKING:
    import datetime as dt

OPEN = 3652059  # date(9999, 12, 31).toordinal(): "still in office" / "and later"


# -- day ordinals without the datetime module ------------------------------------------
# Importing ``datetime`` costs a one-file run over a millisecond (it defines its
# pure-Python classes before loading the C ones), and the rules only need
# ordinals: these give exactly what ``date(...).toordinal()`` and
# ``date.fromordinal(...)`` give, ValueError included.

_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_DAYS_BEFORE_MONTH = (0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def day_ordinal(year: int, month: int, day: int) -> int:
    """``datetime.date(year, month, day).toordinal()``."""
    if not 1 <= year <= 9999:
        raise ValueError(f"year {year} is out of range")
    if not 1 <= month <= 12:
        raise ValueError("month must be in 1..12")
    leap = _is_leap(year)
    if not 1 <= day <= _DAYS_IN_MONTH[month] + (month == 2 and leap):
        raise ValueError("day is out of range for month")
    y = year - 1
    return y * 365 + y // 4 - y // 100 + y // 400 + _DAYS_BEFORE_MONTH[month] + (month > 2 and leap) + day


def civil_date(ordinal: int) -> tuple[int, int, int]:
    """(year, month, day) of ``datetime.date.fromordinal(ordinal)`` (the algorithm of its pure-Python version)."""
    if not 1 <= ordinal <= OPEN:
        raise ValueError(f"ordinal {ordinal} is out of range")
    n400, n = divmod(ordinal - 1, 146097)
    n100, n = divmod(n, 36524)
    n4, n = divmod(n, 1461)
    n1, n = divmod(n, 365)
    year = n400 * 400 + n100 * 100 + n4 * 4 + n1 + 1
    if n1 == 4 or n100 == 4:
        return year - 1, 12, 31
    leap = n1 == 3 and (n4 != 24 or n100 == 3)
    month = (n + 50) >> 5
    preceding = _DAYS_BEFORE_MONTH[month] + (month > 2 and leap)
    if preceding > n:
        month -= 1
        preceding -= _DAYS_IN_MONTH[month] + (month == 2 and leap)
    return year, month, n - preceding + 1


MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_YEAR = r"(?:19[0-9]{2}|20[0-9]{2})"
_PART = r"(?:early|mid|late|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of|spring|summer|autumn|fall|winter)"

DATE_PATTERN = LazyPattern(
    rf"""(?<![\w/.-])(?:
        (?P<iso>(?P<iy>{_YEAR})-(?P<im>0[1-9]|1[0-2])-(?P<id>[0-2][0-9]|3[01]))
      | (?P<mdy>(?P<m1>{_MONTH})\s+(?P<d1>[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)?,?\s+(?P<y1>{_YEAR}))
      | (?P<dmy>(?P<d2>[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH}),?\s+(?P<y2>{_YEAR}))
      | (?P<my>(?P<m3>{_MONTH})\s+(?:of\s+)?(?P<y3>{_YEAR}))
      | (?P<py>(?P<part>{_PART})[\s-]+(?P<y4>{_YEAR}))
      | (?P<y>{_YEAR})
    )(?![\w%]|[.,]\d|-\d|\s*(?:%|per\s*cent|percent|bn|m\b|billion|million))""",
    re.VERBOSE | re.IGNORECASE,
)


# Every form above names a year: text without one has no date, and DATE_PATTERN is not even compiled.
_YEAR_FAST = LazyPattern(r"(?:19|20)[0-9][0-9]")


def has_year(text: str, start: int = 0, end: int | None = None) -> bool:
    return _YEAR_FAST.search(text, start, len(text) if end is None else end) is not None


class DateExpr(Frozen):
    __slots__ = ("span", "start", "end", "precision", "text")

    def __init__(self, span: Span, start: int, end: int, precision: str, text: str) -> None:
        _set = object.__setattr__
        _set(self, "span", span)
        _set(self, "start", start)  # day ordinal, inclusive
        _set(self, "end", end)  # day ordinal, exclusive
        _set(self, "precision", precision)  # "day", "month", "part", "year"
        _set(self, "text", text)

    @property
    def explicit(self) -> bool:
        """Precise enough to date an article on its own (a day or a month)."""
        return self.precision in ("day", "month", "part")


def _ordinal(year: int, month: int, day: int) -> int | None:
    try:
        return day_ordinal(year, month, day)
    except ValueError:
        return None


def _month_range(year: int, month: int) -> tuple[int, int]:
    return day_ordinal(year, month, 1), day_ordinal(year + (month == 12), month % 12 + 1, 1)


_PART_MONTHS = {
    "early": (1, 5), "the start of": (1, 4), "the beginning of": (1, 4), "spring": (3, 6), "mid": (5, 9),
    "summer": (6, 9), "autumn": (9, 12), "fall": (9, 12), "late": (9, 13), "the end of": (10, 13), "winter": (12, 13),
}


def _from_match(match: re.Match) -> DateExpr | None:
    span = Span(match.start(), match.end())
    text = match.group(0)
    g = match.group
    if g("iso"):
        day = _ordinal(int(g("iy")), int(g("im")), int(g("id")))
        return DateExpr(span, day, day + 1, "day", text) if day else None
    for key, m, d, y in (("mdy", "m1", "d1", "y1"), ("dmy", "m2", "d2", "y2")):
        if g(key):
            month = MONTHS[g(m).lower().rstrip(".")]
            day = _ordinal(int(g(y)), month, int(g(d)))
            return DateExpr(span, day, day + 1, "day", text) if day else None
    if g("my"):
        if g("m3").lower() == "may" and not g("m3")[0].isupper():
            return None  # "may 2020" is a verb before a year far more often than a month
        start, end = _month_range(int(g("y3")), MONTHS[g("m3").lower().rstrip(".")])
        return DateExpr(span, start, end, "month", text)
    if g("py"):
        year = int(g("y4"))
        part = " ".join(g("part").lower().split())
        first, last = _PART_MONTHS[part]
        start = day_ordinal(year, first, 1)
        end = day_ordinal(year + (last > 12), (last - 1) % 12 + 1, 1)
        return DateExpr(span, start, end, "part", text)
    year = int(g("y"))
    return DateExpr(span, day_ordinal(year, 1, 1), day_ordinal(year + 1, 1, 1), "year", text)


def find_dates(text: str, start: int = 0, end: int | None = None) -> Iterator[DateExpr]:
    end = len(text) if end is None else end
    if not has_year(text, start, end):
        return
    for match in DATE_PATTERN.finditer(text, start, end):
        expr = _from_match(match)
        if expr is not None:
            yield expr


def parse_meta_date(value: Any) -> dt.date | None:
    """A front-matter ``date``: a date, a datetime, or a string in ISO or news form."""
    if value is None:
        return None
    import datetime as dt  # only for articles with a front-matter date

    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    raw = value.strip()
    try:
        return dt.date.fromisoformat(raw[:10])
    except ValueError:
        pass
    for expr in find_dates(raw):
        if expr.precision == "day":
            return dt.date.fromordinal(expr.start)
    return None


def iso(ordinal: int) -> str:
    """``datetime.date.fromordinal(ordinal).isoformat()``."""
    year, month, day = civil_date(ordinal)
    return f"{year:04d}-{month:02d}-{day:02d}"


def add_years(ordinal: int, years: float) -> int:
    """Calendar years for whole numbers (anniversaries), 365.25 days otherwise."""
    if float(years).is_integer():
        year, month, day = civil_date(ordinal)
        try:
            return day_ordinal(year + int(years), month, day)
        except ValueError:  # 29 February
            return day_ordinal(year + int(years), month, 28)
    return ordinal + round(365.25 * years)
