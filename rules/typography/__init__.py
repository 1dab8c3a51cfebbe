"""typography: OCR-style casing and spacing damage, misspellings, with safe fixes.

TYP001 lowercase-proper-noun, TYP002 name-case-break, TYP003
lowercase-sentence-start, TYP004 missing-space-after-punctuation, TYP005
misspelling, TYP006 repeated-word, TYP007 a-an-mismatch, TYP008
abbreviation-missing-period. Word lists load lazily from ``data/``; see
``docs/families/typography.md``.
"""

from rules.typography.casing_rules import LowercaseProperNoun, LowercaseSentenceStart, NameCaseBreak
from rules.typography.spacing import AbbreviationMissingPeriod, MissingSpaceAfterPunctuation
from rules.typography.spelling import ArticleAgreement, Misspelling, RepeatedWord

RULES: list = [
    LowercaseProperNoun(),
    NameCaseBreak(),
    LowercaseSentenceStart(),
    MissingSpaceAfterPunctuation(),
    Misspelling(),
    RepeatedWord(),
    ArticleAgreement(),
    AbbreviationMissingPeriod(),
]
