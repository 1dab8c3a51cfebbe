"""Evidence about when an article was written, each clue a set of day intervals.

| clue | example | interval | weight |
|---|---|---|---|
| front-matter date | ``date: 2025-03-02`` | that day | 5 |
| "as of" date | "As of early 2025" | January to April 2025 | 3 |
| past-tense dated event | "On 12 February 2025, Hegseth said" | on or after it | 1 |
| current role | "Defence Secretary Pete Hegseth" | the tenure(s) | 2 (+0.5 in the lede) |
| president-elect, "-designate" | "President-elect Donald Trump" | election to inauguration | 2 |
| event state | "to end the war in Ukraine" | on or after the event | 1 |
| anniversary | "nearing the third anniversary of the full-scale invasion" | around the anniversary | 1 |
| duration | "the three-year war", "nearing its third year" | anchor + N years | 1 |

Historical mentions ("former", "then", "In December 2021, Prime Minister
Boris Johnson") and quoted speech are not clues to the present.
"""

from __future__ import annotations

import re

from lint.model import Span
from rules.contradiction.dates import OPEN, add_years, find_dates, has_year, iso, parse_meta_date
from rules.contradiction.kb import KnowledgeBase, fold
from rules.contradiction.mentions import CURRENT, FUTURE, Mention, find_mentions
from rules.contradiction.scan import LazyPattern, PhraseMatcher, anchors, find_anchored, has_word
from lint.values import Value

# Slack at a handover: copy written the week after a minister leaves may still use the
# old title, but nobody is given a title before taking office (that is "incoming").
ROLE_PAD_AFTER = 3
ROLE_PAD_BEFORE = 1
LEDE_BONUS = 0.5

_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "fifteenth": 15, "twentieth": 20, "twenty-fifth": 25,
    "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
}
_CARDINALS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
}
_ORDINAL_RE = r"(?P<ord>" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + r"|\d{1,2}(?:st|nd|rd|th))"
_CARDINAL_RE = r"(?P<num>" + "|".join(sorted(_CARDINALS, key=len, reverse=True)) + r"|\d{1,2})"

_APPROACH = LazyPattern(r"\b(?:approach\w*|near\w*|ahead\s+of|eve\s+of|run-up\s+to|days\s+before|weeks\s+before|close\s+to|coming\s+up\s+on)\W+(?:\w+\W+){0,2}$", re.IGNORECASE)
# An anniversary tied to another year is history, not the present: "On the first anniversary
# of the invasion, in 2023, ...", "last year's second anniversary".
_PAST_MARK = LazyPattern(r"\b(?:last\s+year|a\s+year\s+ago|years\s+ago|previous|(?:19|20)\d\d)\b", re.IGNORECASE)
_FUTURE_OR_HYPOTHETICAL = LazyPattern(
    r"\b(?:will|would|could|might|may|shall|should|plans?|planned|planning|scheduled|expected|due|set\s+to|going\s+to|"
    r"aims?|aiming|hopes?|target\w*|forecast\w*|project\w*|predict\w*|upcoming|next|by|until|till|before|ahead|if|"
    r"intends?|prepar\w+|bid)\b",
    re.IGNORECASE,
)
_PAST_TENSE = LazyPattern(
    r"\b(?:said|says|was|were|had|did|told|took|became|began|met|signed|visited|died|won|lost|made|came|went|gave|"
    r"held|left|fell|rose|struck|hit|launched|announced|\w{3,}ed)\b",
    re.IGNORECASE,
)
_AS_OF = LazyPattern(r"\b(?:as\s+of|as\s+at)\s+$", re.IGNORECASE)
_BLOCKED_EVENT_CONTEXT = LazyPattern(
    r"\b(?:fears?|threat|prospect|risk|possib\w+|spectre|specter|brink|eve|before|ahead|prevent\w*|avoid\w*|deter\w*|"
    r"warn\w*|would|could|might|if)\W+(?:\w+\W+){0,3}$",
    re.IGNORECASE,
)


# ``_BLOCKED_EVENT_CONTEXT`` read with str methods: the pattern takes over a
# millisecond to compile, on the first article of every run with an event phrase.
# Its words, by how they may end: whole words, and words that may go on.
_BLOCKING_WORDS = frozenset(
    "fear fears threat prospect risk spectre specter brink eve before ahead would could might if".split())
_BLOCKING_STEMS = ("prevent", "avoid", "deter", "warn")
# Non-word characters beyond ASCII that copy often has before an event phrase.
_TO_BLANK = str.maketrans(dict.fromkeys(
    [chr(c) for c in range(128) if not (chr(c).isalnum() or chr(c) == "_")]
    + ["\u00a0", "\u2013", "\u2014", "\u2018", "\u2019", "\u201c", "\u201d", "\u2026"], " "))


def _blocked_event_context(text: str, pos: int) -> bool:
    """``_BLOCKED_EVENT_CONTEXT.search(text, max(0, pos - 60), pos)``: a word of fear,
    prevention or condition among the last four words before ``pos`` ("fears of a
    full-scale invasion")."""
    lo = max(0, pos - 60)
    window = text[lo:pos].lower().translate(_TO_BLANK)
    if not window.isascii():
        return _BLOCKED_EVENT_CONTEXT.search(text, lo, pos) is not None  # case folding beyond ASCII
    if not window or window[-1] != " ":
        return False  # "\\W+$": the last word must be followed by something else
    words = window.split()
    if lo > 0 and window[0] != " " and (text[lo - 1].isalnum() or text[lo - 1] == "_"):
        words = words[1:]  # a word cut by the window has no "\\b" at its start
    return any(word in _BLOCKING_WORDS or word.startswith(_BLOCKING_STEMS)
               or word.startswith("possib") and len(word) > 6 for word in words[-4:])


class Clue(Value):
    __slots__ = ("key", "kind", "intervals", "weight", "span", "label", "explicit", "note", "core", "flaggable",
                 "mention", "spans")

    def __init__(
        self,
        key: tuple,
        kind: str,  # "date", "role", "event", "anniversary", "duration", "bound"
        intervals: tuple[tuple[int, int], ...],
        weight: float,
        span: Span,
        label: str,  # the words as written
        explicit: bool = False,  # an explicit date
        note: str = "",  # what the message says about the clue's own time, when not its intervals
        core: tuple[tuple[int, int], ...] | None = None,  # the intervals without handover slack
        flaggable: bool = False,
        mention: Mention | None = None,
        spans: list[Span] | None = None,
    ) -> None:
        self.key = key
        self.kind = kind
        self.intervals = intervals
        self.weight = weight
        self.span = span
        self.label = label
        self.explicit = explicit
        self.note = note
        self.core = core
        self.flaggable = flaggable
        self.mention = mention
        self.spans = [] if spans is None else spans

    def score(self, start: int, end: int) -> float:
        """Full weight inside the tenure, half in the handover slack around it."""
        if not self.contains(start, end):
            return 0.0
        if self.core is None or any(a <= start and end <= b for a, b in self.core):
            return self.weight
        return self.weight / 2

    def contains(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in self.intervals)

    def overlaps(self, start: int, end: int) -> bool:
        return any(a < end and start < b for a, b in self.intervals)

    def component(self, start: int, end: int) -> tuple[int, int] | None:
        for a, b in self.intervals:
            if a <= start and end <= b:
                return a, b
        return None


class Evidence(Value):
    __slots__ = ("clues", "mentions")

    def __init__(self, clues: list[Clue], mentions: list[Mention]) -> None:
        self.clues = clues
        self.mentions = mentions


def gather(article, kb: KnowledgeBase) -> Evidence:
    """The article's role mentions and, when something could be flagged, its clues to the date.

    Only current role mentions and anniversaries are ever reported (they are the
    flaggable clues, see window.analyse); when the article has neither, the
    other clues could not change any finding and are not gathered: most
    articles stop here, after one title scan.
    """
    masked = article.masked
    mentions = find_mentions(article, kb)
    if not any(_role_clue(m) for m in mentions) and not has_word(article.lowered, ("anniversary",)):
        return Evidence([], mentions)
    clues: dict[tuple, Clue] = {}

    def add(clue: Clue) -> None:
        existing = clues.get(clue.key)
        if existing is None:
            clue.spans = [clue.span]
            clues[clue.key] = clue
        else:
            existing.spans.append(clue.span)
            existing.weight = max(existing.weight, clue.weight)

    meta_date = _meta_date(article)
    if meta_date is not None:
        day, span, raw = meta_date
        add(Clue(("meta",), "date", ((day - 2, day + 2),), 5.0, span, f"date: {raw}", explicit=True))

    lede_blocks = {b.index for b in article.blocks[:2]}
    for mention in mentions:
        if not _role_clue(mention):
            continue
        before, after = (0, 0) if mention.elect else (ROLE_PAD_BEFORE, ROLE_PAD_AFTER)
        intervals = tuple((a - before, b + after if b < OPEN else b) for a, b in mention.intervals)
        weight = 2.0 + (LEDE_BONUS if mention.block in lede_blocks else 0.0)
        add(Clue(("role", mention.pairs, mention.frame), "role", intervals, weight, mention.span,
                 mention.text, flaggable=True, mention=mention, core=mention.intervals))

    if has_year(masked):
        for sentence in article.sentences:
            _date_clues(masked, sentence.span, add)
    _transition_clues(masked, kb, article, add)
    _event_clues(masked, kb, article, add)
    return Evidence(list(clues.values()), mentions)


def _role_clue(mention: Mention) -> bool:
    """A current title read as true when the article was written: a flaggable clue."""
    return not mention.quoted and mention.dated is None and mention.frame in (CURRENT, FUTURE)


_META_LINE = LazyPattern(r"^date[ \t]*:[ \t]*['\"]?(?P<value>[^'\"\n]*)", re.MULTILINE)


def _meta_date(article) -> tuple[int, Span, str] | None:
    value = article.meta.get("date") if article.meta else None
    day = parse_meta_date(value)
    if day is None:
        return None
    # Point related locations at the front-matter line itself.
    body = article.blocks[0].span.start if article.blocks else len(article.text)
    line = _META_LINE.search(article.text, 0, body)
    span = Span(line.start("value"), line.start("value") + len(line.group("value").rstrip())) if line else Span(0, 0)
    return day.toordinal(), span, day.isoformat()


_YEAR_AS_NAME = LazyPattern(r"\b(?:the|a|an|its|their|his|her|this|that)\s+$|[-/]$", re.IGNORECASE)
_NOT_A_LOWER_BOUND = LazyPattern(
    r"\b(?:by|until|till|before|from|through|to|between|and|since)\s+(?:the\s+)?(?:end\s+of\s+|early\s+|late\s+)?$",
    re.IGNORECASE,
)


def _date_clues(masked: str, sentence: Span, add) -> None:
    text_end = sentence.end
    if not has_year(masked, sentence.start, text_end):
        return
    for expr in find_dates(masked, sentence.start, text_end):
        before = masked[max(sentence.start, expr.span.start - 12):expr.span.start]
        if _AS_OF.search(before):
            add(Clue(("asof", expr.start, expr.end), "date", ((expr.start - 1, expr.end + 1),), 3.0, expr.span,
                     f"as of {expr.text}", explicit=True))
            continue
        if expr.precision == "year" and _YEAR_AS_NAME.search(before):
            continue  # "the 2008 crisis", "2008/09" are names, not times
        sentence_text = masked[sentence.start:text_end]
        if _FUTURE_OR_HYPOTHETICAL.search(sentence_text):
            continue
        if _NOT_A_LOWER_BOUND.search(before):
            continue
        if not _PAST_TENSE.search(sentence_text):
            continue
        add(Clue(("after", expr.start), "bound", ((expr.start, OPEN),), 1.0, expr.span, expr.text,
                 explicit=expr.explicit))


def _event_clues(masked: str, kb: KnowledgeBase, article, add) -> None:
    patterns = _event_patterns(kb)
    if patterns is None:
        return
    since_re, since_anchors, anniversary_re, duration_re, events_by_name, events_by_since = patterns
    lower = article.lowered
    for match in find_anchored(since_re, masked, lower, since_anchors):
        if _blocked_event_context(masked, match.start()):
            continue
        for event in events_by_since.get(fold(match.group(0)), ()):
            add(Clue(("event", event.id), "event", ((event.date, OPEN),), 1.0, Span(match.start(), match.end()),
                     match.group(0)))
    for match in find_anchored(anniversary_re, masked, lower, ("anniversary",), reach=60):
        n = _number(match.group("ord"))
        events = events_by_name.get(fold(match.group("event")), ())
        if not n or not events:
            continue
        head = masked[max(0, match.start() - 40):match.start()]
        sentence = _sentence_text(article, match.start())
        if _PAST_MARK.search(sentence):
            continue  # "the first anniversary was marked ..." narrates the past
        near = bool(_APPROACH.search(head + match.group("lead")))
        intervals, days = [], []
        for event in events:
            day = add_years(event.date, n)
            days.append(iso(day))
            intervals.append((day - 120, day + 2) if near else (day - 30, day + 30))
        label = masked[match.start("core"):match.end()]
        add(Clue(("anniversary", n, tuple(e.id for e in events), near), "anniversary", tuple(sorted(intervals)), 1.0,
                 Span(match.start("core"), match.end()), " ".join(label.split()), flaggable=len(events) == 1,
                 note=" or ".join(days)))
    for match in find_anchored(duration_re, masked, lower, ("year",), reach=40):
        sentence = _sentence_text(article, match.start())
        events = _anchors_in(sentence, events_by_name)
        if not events:
            continue
        n = _number(match.group("num") or match.group("ord"))
        if not n:
            continue
        intervals = []
        for event in events:
            if match.group("num"):  # "a three-year war": N years, give or take half a year
                intervals.append((add_years(event.date, n - 0.5), add_years(event.date, n + 0.5)))
            else:  # "in/nearing its third year": writers count both ways
                intervals.append((add_years(event.date, n - 1) - 120, add_years(event.date, n) + 30))
        add(Clue(("duration", n, tuple(e.id for e in events), bool(match.group("num"))), "duration",
                 tuple(sorted(intervals)), 1.0, Span(match.start(), match.end()), " ".join(match.group(0).split())))


_TRANSITION = LazyPattern(
    r"\b(?:prepar\w+\s+to\s+(?:take|assume)\s+office|ahead\s+of\s+(?:his|her|the)\s+(?:inauguration|swearing-in)|"
    r"before\s+(?:taking|he\s+takes|she\s+takes)\s+office|(?:his|her)\s+transition\s+team|"
    r"(?:takes|take)\s+office\s+(?:on|in)\s+(?:January|Jan\.?)\s+20)\b",
    re.IGNORECASE,
)


def _transition_clues(masked: str, kb: KnowledgeBase, article, add) -> None:
    """"As Trump prepares to take office": a president-elect's window, for the person named there."""
    elect_roles = [r.id for r in kb.roles.values() if r.state != "in office"]
    if not elect_roles:
        return
    lower = article.lowered
    if "office" not in lower and "inaugurat" not in lower and "transition" not in lower and "swearing" not in lower:
        return
    for match in _TRANSITION.finditer(masked):
        sentence = _sentence_span(article, match.start())
        if sentence is None:
            continue
        words = re.findall(r"[^\W\d_][\w'\u2019.-]*", masked[sentence.start:match.start()])
        for word in reversed(words[-12:]):
            pairs = [(p, r) for p in kb.people_named(word.rstrip(".,").removesuffix("'s").removesuffix("\u2019s"))
                     for r in elect_roles if (p, r) in kb.spans] if word[:1].isupper() else []
            if pairs:
                intervals = tuple(sorted({iv for pair in pairs for iv in kb.spans[pair]}))
                add(Clue(("transition", tuple(pairs)), "transition", intervals, 1.0, Span(match.start(), match.end()),
                         " ".join(masked[match.start():match.end()].split())))
                break


def _sentence_span(article, offset: int) -> Span | None:
    for sentence in article.sentences:
        if sentence.span.start <= offset < sentence.span.end:
            return sentence.span
    return None


def _sentence_text(article, offset: int) -> str:
    for sentence in article.sentences:
        if sentence.span.start <= offset < sentence.span.end:
            return article.masked[sentence.span.start:sentence.span.end]
    return ""


_GENERIC_WAR = LazyPattern(r"\b(?:war|conflict|invasion|aggression|fighting)\b", re.IGNORECASE)


def _anchors_in(sentence: str, events_by_name: dict) -> tuple:
    folded = fold(sentence)
    specific = [events for name, events in events_by_name.items() if len(name.split()) > 2 and name in folded]
    if specific:
        return tuple({e.id: e for group in specific for e in group}.values())
    if _GENERIC_WAR.search(sentence) and re.search(r"\bUkrain", sentence):
        return events_by_name.get("the war", ())
    return ()


def _number(word: str | None) -> int | None:
    if not word:
        return None
    word = word.lower()
    if word in _ORDINALS:
        return _ORDINALS[word]
    if word in _CARDINALS:
        return _CARDINALS[word]
    digits = re.match(r"\d+", word)
    return int(digits.group(0)) if digits else None


_PATTERN_CACHE: dict[int, tuple] = {}


def _event_patterns(kb: KnowledgeBase):
    cached = _PATTERN_CACHE.get(id(kb))
    if cached is not None and cached[0] is kb:
        return cached[1]
    by_name: dict[str, list] = {}
    by_since: dict[str, list] = {}
    for event in kb.events.values():
        for name in event.names:
            by_name.setdefault(fold(name), []).append(event)
        for phrase in event.since:
            by_since.setdefault(fold(phrase), []).append(event)
    if not by_name:
        _PATTERN_CACHE[id(kb)] = (kb, None)
        return None
    by_name = {k: tuple(v) for k, v in by_name.items()}
    by_since = {k: tuple(v) for k, v in by_since.items()}

    def alternation(phrases) -> str:
        return "|".join(
            r"[\s-]+".join(re.escape(w).replace("'", "['\u2019]") for w in p.split())
            for p in sorted(phrases, key=len, reverse=True)
        )

    # (?<![\w-])(?:<each phrase, longest first>)(?![\w-]), without compiling it
    since_re = PhraseMatcher(p.split() for p in sorted(by_since, key=len, reverse=True))
    anniversary_re = LazyPattern(
        lambda: rf"(?P<lead>(?:\b\w+[ \t]+){{0,2}}?)(?P<core>(?:the\s+)?{_ORDINAL_RE}\s+anniversary\s+of\s+(?:the\s+)?(?:start\s+of\s+(?:the\s+)?)?(?:(?:Russia|Moscow|the\s+Kremlin|Hamas|Britain|the\s+UK)['\u2019]s\s+)?(?P<event>{alternation(by_name)}))(?![\w-])",
        re.IGNORECASE,
    )
    duration_re = LazyPattern(
        rf"\b(?:{_CARDINAL_RE}[- ]years?[- ](?:old[- ])?(?:long[- ])?(?:war|conflict|invasion|aggression|occupation|fighting)"
        rf"|(?:in|into|nearing|entering|enters|approaching|near)\s+its\s+{_ORDINAL_RE}\s+year)\b",
        re.IGNORECASE,
    )
    result = (since_re, anchors(by_since), anniversary_re, duration_re, by_name, by_since)
    _PATTERN_CACHE[id(kb)] = (kb, result)
    return result


def describe(clue: Clue, window: tuple[int, int] | None = None) -> str:
    """'2024-11-06 to 2025-01-20', 'from 2019-05-20', 'dated 2025-03-02' for messages."""
    if clue.kind == "date" and clue.key == ("meta",):
        return f"dated {iso(clue.intervals[0][0] + 2)}"
    comp = clue.component(*window) if window else None
    intervals = [comp] if comp else list(clue.intervals)
    return ", ".join(_range(a, b, clue) for a, b in intervals[:3])


def _range(a: int, b: int, clue: Clue) -> str:
    if clue.kind == "role" and clue.mention is not None and not clue.mention.elect:
        a, b = a + ROLE_PAD_BEFORE, b - ROLE_PAD_AFTER if b < OPEN else b
    if clue.kind == "bound":
        return f"on or after {iso(a)}"
    if clue.kind == "event":
        return f"after {iso(a)}"
    if b >= OPEN:
        return f"from {iso(a)}"
    return f"{iso(a)} to {iso(b)}"
