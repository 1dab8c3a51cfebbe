"""The casing pass behind TYP001-TYP003, computed once per article and shared by the three rules.

One pass decides, for every word, at most one casing finding, in this order:
a lowercase sentence start (TYP003) wins over a case break inside a name
(TYP002), which wins over a lowercased proper noun (TYP001). So "ukrainian
President" at the start of a paragraph is one finding, not two, and each fix
replaces exactly one word. Each rule's logic lives in its own module
(``sentence_starts``, ``name_breaks``, ``proper_nouns``) as a mixin of the pass.
"""

from __future__ import annotations

from lint.model import Severity, Span

from rules.typography import lexicon
from rules.typography.analysis import Analysis, analysis
from rules.typography.name_breaks import NAME_CASE_BREAK, NameBreaks
from rules.typography.proper_nouns import LOWERCASE_PROPER_NOUN, ProperNouns
from rules.typography.sentence_starts import SENTENCE_START, SentenceStarts

__all__ = ["LOWERCASE_PROPER_NOUN", "NAME_CASE_BREAK", "SENTENCE_START", "CaseFinding", "casing_findings"]


class CaseFinding:
    __slots__ = ("code", "span", "message", "fix", "severity")

    def __init__(self, code: str, span: Span, message: str, fix: str | None, severity: Severity | None = None):
        self.code = code
        self.span = span
        self.message = message
        self.fix = fix
        self.severity = severity


def casing_findings(article, accepted: frozenset[str]) -> dict[str, list[CaseFinding]]:
    """Findings per rule code; ``accepted`` are the configuration's accepted spellings."""
    key = "typography.casing:" + "\x1f".join(sorted(accepted)) if accepted else "typography.casing:"
    return article.memo(key, lambda a: CasingPass(analysis(a), accepted).run())


class CasingPass(SentenceStarts, NameBreaks, ProperNouns):
    """The shared state of one article's casing checks."""

    def __init__(self, an: Analysis, accepted: frozenset[str]) -> None:
        self.an = an
        self.accepted = accepted
        self.common = lexicon.common()  # asked word by word: see lexicon.SortedWords
        self.gaz = lexicon.gazetteer()
        self.names = lexicon.names()
        # The article's lowercase words that are in any of the pass's lists (see lexicon.casing_words).
        self.listed_lower: set[str] = an.lower_distinct & lexicon.casing_words()
        self.taken: set[int] = set()  # start offsets of words that already carry a casing finding
        self.out: dict[str, list[CaseFinding]] = {LOWERCASE_PROPER_NOUN: [], NAME_CASE_BREAK: [], SENTENCE_START: []}

    def run(self) -> dict[str, list[CaseFinding]]:
        if self.an.tokens:
            self.sentence_starts()
            self.gazetteer_names()
            self.given_names_and_titles()
            self.proper_nouns()
            if any(self.out.values()):
                # The article's own names are checked only in copy that already shows casing damage:
                # in clean copy a lone "LG group" beside "LG Group" is house style, and the search costs time.
                self.article_names()
        for findings in self.out.values():
            findings.sort(key=lambda f: f.span)
        return self.out

    def report(self, code: str, start: int, end: int, message: str, fix: str | None,
               severity: Severity | None = None) -> None:
        self.taken.add(start)
        self.out[code].append(CaseFinding(code, Span(start, end), message, fix, severity))
