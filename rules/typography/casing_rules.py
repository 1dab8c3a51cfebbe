"""TYP001-TYP003: casing damage (lowercased names, case breaks inside names, lowercase sentence starts)."""

from __future__ import annotations

from lint.model import Severity
from lint.rule import Rule

from rules.typography.casing import LOWERCASE_PROPER_NOUN, NAME_CASE_BREAK, SENTENCE_START, casing_findings


def accepted_spellings(options) -> frozenset[str]:
    config = getattr(options, "config", None)
    return frozenset(getattr(config, "accepted_spellings", None) or ())


class _CasingRule(Rule):
    category = "typography"
    fixable = True

    def check(self, article, options):
        for found in casing_findings(article, accepted_spellings(options))[self.code]:
            yield self.finding(found.span, found.message, severity=found.severity, fix=found.fix)


class LowercaseProperNoun(_CasingRule):
    """
    What it does: flags a proper noun written in lowercase in mid-sentence: a
    country, nationality, city, public figure, organisation, month or day that
    the family's gazetteer knows ("invasion of ukraine", "with russia"), or a
    word the article itself capitalises everywhere else ("putin" beside
    "Putin"). Words that are also ordinary English ("trump", "may", "turkey",
    "polish", "china") are left alone unless the article shows they are names
    here (a title in front: "President trump"). House styles ("Nato"),
    stylised brands ("iPhone", "eBay"), URLs, handles and code are never
    flagged. The fix uses the article's own spelling when it has one.

    Why is this bad? A lowercased name is the commonest trace of OCR, a
    scraper or an automatic re-casing pass; readers take it as carelessness,
    and it can hide which copy was machine-processed.

    Example:
        Western officials fear a long war in ukraine.     # -> "Ukraine"
        The Kremlin said putin’s terms had not changed.   # -> "Putin" (written "Putin" elsewhere)
    """

    code = LOWERCASE_PROPER_NOUN
    name = "lowercase-proper-noun"
    severity = Severity.WARNING
    summary = "Proper noun (country, nationality, city, figure, organisation, month, day) written in lowercase."
    message = "'{word}' is {what} and takes a capital; write '{fix}'"


class NameCaseBreak(_CasingRule):
    """
    What it does: flags one word of a multi-word name in the wrong case: a
    known name partly lowercased ("Institute for the Study of war", "cold
    War", "donald Trump"), a lowercase given name or title before a surname
    ("mark Rutte", "Dr. elena Ivanova", "dr. Elena"), or a name the article
    itself capitalises at least twice met with one word lowercase
    ("Archyde news Editor"; info, since house styles differ). Role words
    that styles lowercase ("Russian president Vladimir Putin") and name
    particles ("von der Leyen", "de Gaulle") are never case breaks.

    Why is this bad? A name with one word in the wrong case reads as a
    different name, and the pattern is typical of OCR or re-casing damage.

    Example:
        NATO Secretary General mark Rutte warned ...      # -> "Mark"
        a return to cold War-style rivalries               # -> "Cold"
    """

    code = NAME_CASE_BREAK
    name = "name-case-break"
    severity = Severity.WARNING
    summary = "One word of a multi-word name (or a given name or title before a surname) in the wrong case."
    message = "'{word}' breaks the capitalisation of the name '{name}'; write '{fix}'"


class LowercaseSentenceStart(_CasingRule):
    """
    What it does: flags a sentence, paragraph, headline or heading that starts
    with a lowercase word ("ukrainian President Volodymyr Zelensky has ...",
    ". for the West"), the answer after a Q&A speaker label used throughout
    the article ("Editor: how do you see"), and (as info) a list item that
    starts lowercase while the other items of its list are capitalised.
    Abbreviations ("the U.S. role", "e.g. the"), ellipses, quotes closed
    before the next word ("Why?" he asked), enumerators ("a)"), stylised
    names ("iPhone", "adidas" when the article writes it so throughout) and
    lines that continue a hard-wrapped line are not sentence starts.

    Why is this bad? A lowercase sentence start is a visible defect that
    copy-editing always catches; in bulk it signals machine-processed copy.

    Example:
        as global attention turns to the talks, ...        # -> "As"
        Archyde News Editor: what do you think ...         # -> "What"
    """

    code = SENTENCE_START
    name = "lowercase-sentence-start"
    severity = Severity.WARNING
    summary = "Sentence, paragraph, heading or Q&A answer that starts with a lowercase word."
    message = "sentence starts with lowercase '{word}'; write '{fix}'"
