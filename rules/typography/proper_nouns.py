"""TYP001: a proper noun written in lowercase.

A mixin of the casing pass (``rules.typography.casing``).
"""

from __future__ import annotations

from itertools import filterfalse

from lint.model import Severity

from rules.typography import lexicon
from rules.typography.sentence_starts import capitalise

LOWERCASE_PROPER_NOUN = "TYP001"


class ProperNouns:
    """TYP001 for the casing pass."""

    def proper_nouns(self) -> None:
        an = self.an
        gaz = self.gaz
        lower = an.lower_distinct
        listed = self.listed_lower & gaz.words
        # Words the word list does not know, and that the article also writes with a capital (the evidence
        # test below needs that): found with set operations first, so that the list (see lexicon.SortedWords)
        # is asked about a few words only. An ASCII word can only pass if a capitalised word lowercases to it.
        maybe = lower & an.capitalised_folded
        if not an.text.isascii():  # (str.isascii() is O(1))
            maybe.update(filterfalse(str.isascii, lower))
        distinct = an.distinct
        maybe -= listed
        maybe -= self.names.particles
        unknown = {w for w in maybe if (w.capitalize() in distinct or w.upper() in distinct) and w not in self.common}
        for word in sorted(listed | unknown):
            if word in self.accepted:
                continue
            ambiguous = False
            if word in listed:
                ambiguous = word in gaz.ambiguous
                if ambiguous and word.capitalize() not in an.distinct:
                    continue  # no capitalised use to lean on: "may", "china" stay ordinary words
                reason = "a name here" if ambiguous else lexicon.SECTION_LABELS[gaz.section[word]]
            else:
                if len(word) < 2:
                    continue
                capitals = an.capitalised_count(word)
                if capitals < 2 or capitals < 2 * len(an.occurrences(word)):
                    continue
                reason = None
            for start, end in an.occurrences(word):
                if start in self.taken or (ambiguous and not self._ambiguous_is_name(start, end, word)):
                    continue
                if reason is None and (an.text[start - 1 : start] == "-" or an.text[end : end + 1] == "-"
                                       or an.inside_quote(start)):
                    continue  # "wi-fi" beside "Wi-Fi"; a quoted text message keeps its own casing
                if an.attached(start, end):
                    continue
                form = an.article_form(word)
                fixed = form or gaz.canonical.get(word) or capitalise(word)
                severity = None
                if reason is None:
                    message = (f"'{word}' is written in lowercase here but '{form}' elsewhere in the article; "
                               f"write '{fixed}'")
                    if fixed.isupper():
                        severity = Severity.INFO  # "tv" beside "TV": an informal register more than damage
                else:
                    message = f"'{word}' is {reason} and takes a capital; write '{fixed}'"
                self.report(LOWERCASE_PROPER_NOUN, start, end, message, fixed, severity)

    def _ambiguous_is_name(self, start: int, end: int, word: str) -> bool:
        """'trump', 'may', 'kremlin': a name only with the article's own, unambiguous evidence."""
        an = self.an
        prev = an.prev_word(start)
        if prev is not None and prev[1][0].isupper() and prev[1].lower() in self.names.titles:
            return an.capitalised_count(word) >= 1  # "President trump" beside "Trump"
        possessive = an.text[end : end + 2] in ("\u2019s", "'s")
        return possessive and an.capitalised_count(word) >= 3 and len(an.occurrences(word)) == 1
