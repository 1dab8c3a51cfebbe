"""RES006 and RES007: stock phrases typical of generated text, one by one and by density."""

from __future__ import annotations

from lint.article import CODE, Article
from lint.model import Related, Severity, Span
from lint.rule import Rule

from rules.residue.keyed import search_keyed
from rules.residue.lexicon import SPINNER, TIER2, stock_phrases
from rules.residue.lines import inside_quotation, lowered, straighten


class Hit:
    __slots__ = ("span", "tier", "phrase")

    def __init__(self, span: Span, tier: str, phrase: str) -> None:
        self.span = span
        self.tier = tier
        self.phrase = phrase  # normalised: lower case, straight apostrophes, single spaces

    def __repr__(self) -> str:
        return f"Hit(span={self.span!r}, tier={self.tier!r}, phrase={self.phrase!r})"


def find_hits(article: Article) -> list[Hit]:
    """Stock-phrase hits outside quotations and code, in text order (shared by RES006 and RES007)."""
    return article.memo("residue.stock", _find)


def _find(article: Article) -> list[Hit]:
    text = article.masked
    low = lowered(article)
    lexicon = stock_phrases()
    raw = _scan(lexicon.strong, text, low)
    if not raw:
        return []  # tier-2 phrases only count next to tier-1 ones: not even searched
    raw += _scan(lexicon.weak, text, low)
    raw.sort(key=lambda h: (h.span.start, h.tier == TIER2, -len(h.span)))
    hits: list[Hit] = []
    covered_until = -1
    for hit in raw:
        if hit.span.start < covered_until:
            continue  # "underscores" inside a tier-1 "underscores the importance of"
        block = article.block_at(hit.span.start)
        if block is None or block.kind == CODE or inside_quotation(article, hit.span):
            continue  # the reporter cannot rewrite what somebody said
        hits.append(hit)
        covered_until = hit.span.end
    return hits


def _scan(patterns, text: str, low: str) -> list[Hit]:
    out = []
    for match, tier in search_keyed(patterns, text, low, 0, len(text)):
        phrase = " ".join(straighten(match.group(0)).lower().split())
        out.append(Hit(Span(match.start(), match.end()), tier, phrase))
    return out


class StockPhrase(Rule):
    """
    What it does: reports each stock phrase typical of generated text ("the stakes couldn't
    be higher", "a testament to", "navigate the complexities", "delve into", "it is
    important to note") and each synonym-spinner leftover ("might potentially", "it is
    indeed likely", "critically important"), outside quotations. Info: one phrase proves
    nothing, human writers use them too; RES007 weighs how many there are.

    Why is this bad? These phrases carry no information and are far more frequent in
    generated copy than in edited news; a plain statement of the fact says more.

    Example:
        For now, the world waits with bated breath. One thing is clear: the stakes
        couldn't be higher.
    """

    code = "RES006"
    name = "stock-phrase"
    category = "residue"
    severity = Severity.INFO
    summary = "Stock phrase or spinner filler typical of generated text."
    message = "{kind} ('{text}'); say it plainly or cut it"

    def check(self, article, options):
        for hit in find_hits(article):
            if hit.tier == TIER2:
                continue
            kind = "spinner-style filler" if hit.tier == SPINNER else "stock phrase typical of generated text"
            yield self.finding(hit.span, self.message.format(kind=kind, text=article.excerpt(hit.span, 50)))


class StockPhraseDensity(Rule):
    """
    What it does: counts the distinct stock phrases and spinner leftovers of RES006 per
    1,000 words (phrases that edited news also uses, such as "pivotal" or "underscores",
    count half) and reports one warning per article when there are at least
    `min-distinct` of them and the density reaches `min-per-1000-words`. The finding sits
    on the first phrase; the others are listed as related.

    Why is this bad? One cliché is style; a cluster of them is the signature of generated
    or spun copy, which needs a rewrite and a check of every fact it asserts.

    Example:
        ... could pave the way for a critically important shift ... the stakes could not
        be higher ... navigate the complexities ... a perfect storm ...
    """

    code = "RES007"
    name = "stock-phrase-density"
    category = "residue"
    severity = Severity.WARNING
    summary = "Many stock phrases typical of generated text in one article."
    message = (
        "{count} distinct stock phrases typical of generated text ({density:.1f} per 1,000 words: {examples}); "
        "the copy reads as generated; rewrite it plainly and check its facts"
    )
    options = {"min-distinct": 3, "min-per-1000-words": 2.5}

    def check(self, article, options):
        hits = find_hits(article)
        strong = [h for h in hits if h.tier != TIER2]
        distinct = {h.phrase for h in strong}
        if len(distinct) < options["min-distinct"]:
            return
        weak = {h.phrase for h in hits if h.tier == TIER2}
        words = sum(len(b.text.split()) for b in article.blocks if b.kind != CODE)
        density = 1000 * (len(distinct) + 0.5 * len(weak)) / max(words, 1)
        if density < options["min-per-1000-words"]:
            return
        first = strong[0]
        examples = ", ".join(f"'{p}'" for p in _in_order(strong)[:4])
        related = [Related(h.span, f"stock phrase '{h.phrase}'") for h in strong[1:]]
        message = self.message.format(count=len(distinct), density=density, examples=examples)
        yield self.finding(first.span, message, related=related)


def _in_order(hits: list[Hit]) -> list[str]:
    seen: list[str] = []
    for hit in hits:
        if hit.phrase not in seen:
            seen.append(hit.phrase)
    return seen
