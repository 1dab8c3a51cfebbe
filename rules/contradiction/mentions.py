"""Role mentions: a title and a known person ("Defence Secretary Pete Hegseth").

Two shapes are read: the title before the name ("U.S. President-elect Donald
Trump", "the prime minister, Keir Starmer") and the name before the title in
apposition ("Jens Stoltenberg, NATO's secretary general,"). Each mention
records how it is framed:

* ``current``: a plain title, read as true when the article was written;
* ``past``: "former", "then", "the late", "ex-", or a mention tied to an
  explicit date ("In December 2021, Prime Minister Boris Johnson ...");
* ``future``: "incoming", "Prime Minister-designate", "Chancellor-elect".

Words in front of the title that make it another office ("Deputy Prime
Minister", "Shadow Chancellor", "Home Secretary", "Commission President") drop
the mention, and so does a country word that names another organisation than
the office's ("German Chancellor Gordon Brown").
"""

from __future__ import annotations

import bisect
import re

from lint.model import Span
from rules.contradiction.dates import DATE_PATTERN, DateExpr, find_dates, has_year
from rules.contradiction.kb import KnowledgeBase, fold
from rules.contradiction.scan import LazyPattern, find_anchored
from lint.values import Frozen

CURRENT, PAST, FUTURE = "current", "past", "future"

_NAME_TOKEN = LazyPattern(r"[^\W\d_][\w'\u2019.-]*")
_SPACE = LazyPattern(r"[ \t]+")
_SUFFIX = LazyPattern(r"(?:-elect|-designate|[ \t]+designate|-in-waiting)(?![\w-])", re.IGNORECASE)
_POSSESSIVE = LazyPattern(r"['\u2019]s?$")
_PRE_WINDOW = 60
_LEFT_TOKENS = LazyPattern(r"[\w.'\u2019-]+|[^\w\s]")

PAST_WORDS = frozenset("former ex then late onetime one-time erstwhile previous past sometime".split())
FUTURE_WORDS = frozenset("incoming future next would-be prospective presumptive designate".split())
CURRENT_WORDS = frozenset("outgoing new current incumbent sitting acting interim caretaker embattled beleaguered".split())
# Words that turn the title into another office.
DROP_WORDS = frozenset(
    "deputy vice shadow assistant junior under associate opposition rival fellow candidate hopeful aspiring "
    "co permanent principal parliamentary chief".split()
)
# Capitalised words that may stand before a title without being part of it.
FUNCTION_WORDS = frozenset(
    """the a an and but or as with when while after before then yesterday today meanwhile on in at also both
    earlier later now under for by from of to that this since said says told if though although because so
    nor yet however where whom who whose which what why how during between among against outgoing new
    current incumbent sitting acting interim""".split()
)
_CLAUSE_END = frozenset(".,;:!?\"\u201c\u201d\u2018\u2019()[]\u2014\u2013")

# A date adverbial at the start of a sentence ties what follows to that date.
_LEADING_DATE = LazyPattern(
    r"\W*(?:(?:and|but|back|even|yet|so)\s+)?(?:in|on|during|as\s+of|as\s+early\s+as|at\s+the\s+time\s*,?\s*in)\s+(?:the\s+)?"
    r"(?:(?:spring|summer|autumn|fall|winter|early|late|mid)[\s-]+(?:of\s+)?)?",
    re.IGNORECASE,
)
_AGO = LazyPattern(r"\b(?:years?|decades?|months?)\s+ago\b|\byears\s+earlier\b|\bat\s+the\s+time\b", re.IGNORECASE)
_NOW = LazyPattern(r"\b(?:now|today|currently|these\s+days|this\s+(?:week|month|year)|nowadays|since\s+then|later)\b", re.IGNORECASE)
_TRAILING_DATE = LazyPattern(r"(?:\s*,)?[ \t]+(?:[a-z]+[ \t]+)?(?:in|on|during)[ \t]+(?:the\s+)?(?:(?:spring|summer|autumn|fall|winter|early|late|mid)[\s-]+(?:of\s+)?)?", re.IGNORECASE)
_APPOSITION = LazyPattern(
    r"(?P<name>[^\W\d_][\w'\u2019.-]*(?:[ \t]+[^\W\d_][\w'\u2019.-]*){0,5}),[ \t]+(?P<the>the[ \t]+)?"
    r"(?P<quals>(?:[\w.'\u2019-]+[ \t]+){0,2}?)$"
)
_AFTER_APPOSITION = LazyPattern(r"\s*(?:[,;:.)\u2014]|$|(?:who|said|says|told|has|had|was|is|will|would|and)\b)")


class Mention(Frozen):
    __slots__ = ("span", "text", "name", "people", "roles", "pairs", "intervals", "frame", "quoted", "dated",
                 "sentence", "block", "elect", "dated_directly")

    def __init__(
        self,
        span: Span,
        text: str,  # title and name as written, for messages
        name: str,
        people: tuple[str, ...],
        roles: tuple[str, ...],
        pairs: tuple[tuple[str, str], ...],
        intervals: tuple[tuple[int, int], ...],
        frame: str,
        quoted: bool,
        dated: DateExpr | None,
        sentence: Span,
        block: int,
        elect: bool,  # "-elect"/"-designate" form, or the President-elect role
        dated_directly: bool = False,  # the date opens the sentence or follows the mention ("said in 2019")
    ) -> None:
        _set = object.__setattr__
        _set(self, "span", span)
        _set(self, "text", text)
        _set(self, "name", name)
        _set(self, "people", people)
        _set(self, "roles", roles)
        _set(self, "pairs", pairs)
        _set(self, "intervals", intervals)
        _set(self, "frame", frame)
        _set(self, "quoted", quoted)
        _set(self, "dated", dated)
        _set(self, "sentence", sentence)
        _set(self, "block", block)
        _set(self, "elect", elect)
        _set(self, "dated_directly", dated_directly)


class _Context:
    """Per-article lookups: sentences, quotations, blocks (built for the first mention found)."""

    def __init__(self, article) -> None:
        self.article = article
        self.sentences = [s.span for s in article.sentences]
        self.sentence_starts = [s.start for s in self.sentences]
        self.sentence_blocks = [s.block for s in article.sentences]
        quotes = sorted((q.content.start, q.content.end) for q in article.quotations)
        self.quote_starts = [q[0] for q in quotes]
        self.quotes = quotes
        self.block_scope: dict[int, DateExpr] = {}
        self._block_scopes()

    def sentence_at(self, offset: int) -> tuple[Span, int]:
        i = bisect.bisect_right(self.sentence_starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset <= self.sentences[i].end:
            return self.sentences[i], self.sentence_blocks[i]
        block = self.article.block_at(offset)
        return (block.span, block.index) if block else (Span(offset, offset), -1)

    def quoted(self, offset: int) -> bool:
        i = bisect.bisect_right(self.quote_starts, offset)
        return any(start <= offset < end for start, end in self.quotes[:i])

    def _block_scopes(self) -> None:
        """A paragraph that opens with a past date ("In June 2016, ...") narrates that time."""
        seen: set[int] = set()
        masked = self.article.masked
        for span, block in zip(self.sentences, self.sentence_blocks):
            if block in seen:
                continue
            seen.add(block)
            date = leading_date(masked, span)
            if date is not None:
                self.block_scope[block] = date


def leading_date(text: str, sentence: Span) -> DateExpr | None:
    if not has_year(text, sentence.start, sentence.end):
        return None  # every date names a year
    lead = _LEADING_DATE.match(text, sentence.start, sentence.end)
    if lead is None or lead.end() == sentence.start:
        return None
    match = DATE_PATTERN.match(text, lead.end(), sentence.end)
    if match is None:
        return None
    expr = next(find_dates(text, match.start(), match.end()), None)
    if expr is None:
        return None
    rest = text[expr.span.end: min(sentence.end, expr.span.end + 3)]
    return expr if rest[:1] in (",", " ") else None


def find_mentions(article, kb: KnowledgeBase) -> list[Mention]:
    masked = article.masked
    out: list[Mention] = []
    matches = find_anchored(kb.title_pattern, masked, article.lowered, kb.title_anchors)
    if not matches:
        return out
    contexts: list[_Context] = []  # sentences and quotations, only once a mention was found
    for match in matches:
        mention = _mention_at(article, kb, contexts, match)
        if mention is not None:
            out.append(mention)
    return out


def _mention_at(article, kb: KnowledgeBase, contexts: list[_Context], match: re.Match) -> Mention | None:
    masked = article.masked
    title = match.group(0)
    roles = kb.roles_titled(title)
    if not roles:
        return None
    pos = match.end()
    elect = False
    suffix = _SUFFIX.match(masked, pos)
    if suffix:
        elect = True
        pos = suffix.end()
    left = _left_context(masked, match.start(), kb)
    if left is None:
        return None
    frame, org, before_the, qual_start = left
    found = _name_after(masked, pos, kb, allow_comma=before_the)
    if found is not None:
        name_start, name_end, name, people = found
        # A generic lower-case title ("manager", "boss") says little without its club or country.
        span = Span(qual_start if title[:1].islower() else match.start(), name_end)
    else:
        found = _name_before(masked, match.start(), match.end(), kb)
        if found is None:
            return None
        name_start, name_end, name, people, frame, org = found
        span = Span(name_start, match.end())
    if org is not None:
        roles = tuple(r for r in roles if kb.roles[r].org == org)
    pairs = tuple((p, r) for p in people for r in roles if (p, r) in kb.spans)
    if not pairs:
        return None
    role_elect = all(kb.roles[r].state != "in office" for _, r in pairs)
    if elect and not role_elect:
        frame = FUTURE if frame == CURRENT else frame
    intervals = _intervals(kb, pairs, frame if not role_elect else CURRENT)
    if not contexts:
        contexts.append(_Context(article))
    ctx = contexts[0]
    sentence, block = ctx.sentence_at(span.start)
    dated, direct = None, False
    if frame != PAST:
        dated, direct = _dated(masked, sentence, span, ctx.block_scope.get(block), intervals)
        if dated is False:
            frame, dated = PAST, None
    text = article.text[span.start:span.end]
    return Mention(
        span=span, text=" ".join(text.split()), name=name, people=people, roles=tuple(sorted({r for _, r in pairs})),
        pairs=pairs, intervals=intervals, frame=frame, quoted=ctx.quoted(span.start), dated=dated or None,
        sentence=sentence, block=block, elect=elect or role_elect, dated_directly=direct,
    )


def _left_context(masked: str, start: int, kb: KnowledgeBase) -> tuple[str, str | None, bool, int] | None:
    """(frame, qualifying org, title preceded by 'the', where the qualifier starts), or None
    when the words before make it another office."""
    base = max(0, start - _PRE_WINDOW)
    window = masked[base:start]
    if window.endswith(("-", "\u2011")):
        return None  # "ex-President", "then-Prime Minister" are not read here
    found = list(_LEFT_TOKENS.finditer(window))
    tokens = [m.group(0) for m in found]
    frame, org, before_the, qual_start = CURRENT, None, False, start
    i = len(tokens) - 1
    steps = 0
    boundary = len(window)
    while i >= 0 and steps < 4:
        token = tokens[i]
        steps += 1
        if "\n" in window[found[i].end():boundary]:
            break  # a line break ends the headline or paragraph before the title
        boundary = found[i].start()
        if token in _CLAUSE_END or (len(token) == 1 and not token.isalnum()):
            break
        if token.endswith(".") and fold(token) not in kb.org_words and token.count(".") == 1 and len(token) > 3:
            break  # "... the trip to Lakeside. Lakeside City manager": a sentence ended here
        joined = i >= 1 and "\n" not in window[found[i - 1].end():found[i].start()]
        bigram = fold(tokens[i - 1] + " " + token) if joined else ""
        folded = fold(token)
        if bigram in kb.org_words:
            org = org or kb.org_words[bigram]
            qual_start = base + found[i - 1].start()
            i -= 2
            continue
        if folded in kb.org_words and token[:1].isupper() or folded in ("alliance", "alliance's"):
            org = org or kb.org_words.get(folded, "nato")
            qual_start = base + found[i].start()
            i -= 1
            continue
        bare = folded.rstrip("-")
        if bare.endswith(("-era", "first-term")) or bare in ("era", "wartime"):
            return PAST, org, False, qual_start  # "Obama-era", "Trump's first-term Secretary of State"
        if bare in DROP_WORDS:
            return None
        if bare in PAST_WORDS:
            return PAST, org, False, qual_start
        if bare in FUTURE_WORDS:
            frame = FUTURE
            i -= 1
            continue
        if bare in CURRENT_WORDS:
            i -= 1
            continue
        if bare == "the":
            before_the = True
            break
        if bare in ("a", "an", "another", "every", "any", "no", "which", "what", "whichever", "whoever", "whatever"):
            return None  # "how good a prime minister Gordon Brown would make" is no title
        if bare in ("administration's", "government's", "cabinet's", "era", "years", "regime's"):
            return None  # "the Biden administration's Defense Secretary Lloyd Austin" names an era, not the present
        if token[:1].isupper() and bare not in FUNCTION_WORDS:
            return None  # part of a longer title: "Home Secretary", "Afghan President"
        break
    return frame, org, before_the, qual_start


def _name_after(masked: str, pos: int, kb: KnowledgeBase, *, allow_comma: bool):
    gap = _SPACE.match(masked, pos)
    if gap is None:
        if allow_comma and masked.startswith(",", pos):
            gap = _SPACE.match(masked, pos + 1)
        if gap is None:
            return None
    tokens: list[re.Match] = []
    cursor = gap.end()
    while len(tokens) < kb.max_alias_words:
        token = _NAME_TOKEN.match(masked, cursor)
        if token is None:
            break
        tokens.append(token)
        space = _SPACE.match(masked, token.end())
        if space is None:
            break
        cursor = space.end()
    return _longest_alias(masked, tokens, kb, from_start=True)


def _longest_alias(masked: str, tokens: list[re.Match], kb: KnowledgeBase, *, from_start: bool):
    n = len(tokens)
    for k in range(n, 0, -1):
        chosen = tokens[:k] if from_start else tokens[n - k:]
        first, last = chosen[0], chosen[-1]
        end = last.end()
        raw = masked[first.start():end]
        for candidate, cut in _variants(raw):
            if k == 1 and not candidate[:1].isupper():
                continue
            people = kb.people_named(candidate)
            if people:
                return first.start(), end - cut, candidate, people
    return None


def _variants(raw: str):
    yield raw, 0
    stripped = raw.rstrip(".,")
    if stripped != raw:
        yield stripped, len(raw) - len(stripped)
    possessive = _POSSESSIVE.search(stripped)
    if possessive:
        yield stripped[: possessive.start()], len(raw) - possessive.start()


def _name_before(masked: str, start: int, end: int, kb: KnowledgeBase):
    """'Jens Stoltenberg, NATO's secretary general,' -> the name, frame and org."""
    if not _AFTER_APPOSITION.match(masked, end):
        return None
    window_start = max(0, start - 90)
    match = _APPOSITION.search(masked, window_start, start)
    if match is None or match.end() != start:
        return None
    frame, org = CURRENT, None
    for word in match.group("quals").split():
        folded = fold(word)
        if folded in kb.org_words:
            org = org or kb.org_words[folded]
        elif folded in PAST_WORDS:
            frame = PAST
        elif folded in FUTURE_WORDS:
            frame = FUTURE
        elif folded in CURRENT_WORDS:
            continue
        else:
            return None
    name_text_start = match.start("name")
    tokens = list(_NAME_TOKEN.finditer(masked, name_text_start, match.end("name")))
    found = _longest_alias(masked, tokens, kb, from_start=False)
    if found is None:
        return None
    name_start, name_end, name, people = found
    if name_end != match.end("name") and masked[name_end:match.end("name")].strip(".,'\u2019s"):
        return None
    return name_start, name_end, name, people, frame, org


def _intervals(kb: KnowledgeBase, pairs, frame: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    for pair in pairs:
        for start, end in kb.spans[pair]:
            if frame == FUTURE:
                spans.append((start - 120, start + 7))
            else:
                spans.append((start, end))
    return tuple(sorted(set(spans)))


_PAST_VERB = LazyPattern(
    r"\b(?:was|were|had|did|said|told|took|became|began|came|went|gave|made|led|won|lost|left|met|signed|"
    r"introduced|announced|ordered|called|promised|launched|visited|\w{3,}ed)\b",
    re.IGNORECASE,
)


def _dated(masked: str, sentence: Span, span: Span, block_date: DateExpr | None, intervals=()):
    """(the explicit date a mention is tied to, whether it sits in the mention's own clause).

    The date is False when the mention is narrated in the past without one
    ("ten years ago"), None when the mention speaks of the present.
    """
    text = masked[sentence.start:sentence.end]
    lead = leading_date(masked, sentence)
    if lead is not None and lead.span.end <= span.start:
        if _NOW.search(masked, lead.span.end, sentence.end):
            return None, False
        return lead, True
    # Every date names a year: without one in the sentence the patterns below need not run (nor compile).
    trailing = _TRAILING_DATE.match(masked, span.end, sentence.end) if has_year(masked, span.end, sentence.end) else None
    if trailing is not None:
        expr = next(find_dates(masked, trailing.end(), min(sentence.end, trailing.end() + 30)), None)
        if expr is not None and expr.span.start == trailing.end():
            return expr, True
    if _AGO.search(text):
        return False, False
    if intervals and has_year(masked, sentence.start, sentence.end) and _PAST_VERB.search(text) and not _NOW.search(text):
        # Past-tense narration of a year the person held the office:
        # "Prime Minister Boris Johnson's government introduced the rules in 2020".
        for expr in find_dates(masked, sentence.start, sentence.end):
            if any(a < expr.end and expr.start < b for a, b in intervals):
                return expr, False
    if block_date is not None and not _NOW.search(text):
        return block_date, False  # the paragraph opened with this date: history, but too loose to check against
    return None, False
