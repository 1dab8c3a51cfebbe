"""TYP005-TYP007: misspellings from a shipped list, doubled words, "a"/"an" before the wrong sound."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress
from operator import eq

from lint.model import Severity, Span
from lint.rule import Rule

from rules.typography import lexicon
from rules.typography.analysis import TOKEN, LazyPattern, analysis, finditer_marks, per_mark
from rules.typography.casing_rules import accepted_spellings

# Doubling these is almost never intended ("the the", "of of"); "had had",
# "that that" and "is is" can be correct and are not listed.
_NEVER_DOUBLED = frozenset(
    """the a an of to in on at for with and or but by from into onto than was were are has have
    will would could should can not this these those their its his our they we he she it""".split()
)
_CAPITALISED = frozenset(w.capitalize() for w in _NEVER_DOUBLED)
_CAPITALISED_DOUBLED = {w.capitalize(): f"{w.capitalize()} {w}" for w in _NEVER_DOUBLED}  # "The" -> "The the"
# "a" before a vowel letter, "an" before a consonant letter (the exceptions are sorted out by hand), after
# a space, line break, opening quote or bracket. One pattern per letter, opening with the letter itself and
# looking back for the separator (see analysis.per_mark): a pattern that opened with the separator stopped
# at every space. See _article_pairs().
_ARTICLE_PAIR = per_mark(
    r"{m}(?<=[ \n\"\u201c\u2018(]{m})(?: (?=[aeiouAEIOU])|n (?=[^\W\d_aeiouAEIOUhHxXyY]))", "aA"
)
# Vowel letters that sound like a consonant: "a one-off", "a European", "a union", "a user".
_A_IS_RIGHT = LazyPattern(r"one|once|eu|ewe|uni|una|use|usu|usa|ura|ure|uri|uro|uti|uto|ubi|uga|uk|ukr|uru|ufo", re.I)
# "u" words that do take "an": "an unclear", "an umbrella", "an update", "an ugly", "an ultimate".
_U_TAKES_AN = LazyPattern(r"u(?:n(?![iaeou])|m|p|gl|lt|tt|ss|sh)", re.I)
_VOWEL = LazyPattern(r"[aeiouy]")
_FOREIGN_AFTER_AN = frozenset("der die den dem das".split())


@lru_cache(maxsize=1024)
def _repeated_pattern(word: str) -> re.Pattern:
    w = re.escape(word)
    # "No letter before the first copy" is checked after matching it, so that the pattern starts with the
    # word and the engine can jump from one candidate letter to the next ("(?<![^\W\d_])(the)..." could not).
    return re.compile(rf"({w})(?<![^\W\d_]{w})([ \t]+)({w})(?![^\W\d_])", re.I)


class Misspelling(Rule):
    """
    What it does: flags a word from the family's list of misspellings: letters
    swapped or dropped in frequent words ("woudl", "teh", "goverment"), and
    well-known slips ("beleive", "recieve", "seperate", "thes"). The list
    ships in `rules/typography/data/misspellings.txt`; every entry was checked
    against the SCOWL word lists (all sizes, names included), so no real word
    or known name is on it. Capitalised words in mid-sentence (names) and
    spellings accepted in the configuration (`accepted-spellings`) are never
    flagged. A fix is offered when the correction is unique.

    Why is this bad? Transposed and dropped letters are typical of fast typing
    and OCR; a reader notices them at once and trusts the copy less.

    Example:
        sustained assistance woudl bolster Kyiv’s negotiating power   # -> "would"
    """

    code = "TYP005"
    name = "misspelling"
    category = "typography"
    severity = Severity.INFO
    fixable = True
    summary = "Known misspelling or transposition of a common word (\"woudl\", \"beleive\")."
    message = "'{word}' looks like a misspelling of '{correction}'"

    def check(self, article, options):
        an = analysis(article)
        keys = lexicon.misspelling_keys()
        hits = an.lower_distinct & keys
        if not keys.isdisjoint(an.capitalised_folded):  # at C speed; the filter runs only when one is a typo
            hits |= {w for w in an.capitalised if w[1:].islower() and w.lower() in keys}
        if not hits:
            return
        accepted = {w.lower() for w in accepted_spellings(options)}
        curly = an.text.count("\u2019") > an.text.count("'")
        for word in sorted(hits):
            lower = word.lower()
            if lower in accepted:
                continue
            corrections = lexicon.corrections(lower)
            if curly:
                corrections = tuple(c.replace("'", "\u2019") for c in corrections)
            titled = word != lower
            if titled:
                corrections = tuple(c[:1].upper() + c[1:] for c in corrections)
            for start, end in an.occurrences(word):
                if (titled and not an.positional(start)) or an.attached(start, end):
                    continue  # a capitalised word mid-sentence is a name, not a slip
                if an.text[start - 1 : start] == "-" or an.text[end : end + 1] == "-":
                    continue  # part of a compound: "criss-crossing"
                span = Span(start, end)
                if len(corrections) == 1:
                    yield self.finding(span, f"'{word}' looks like a misspelling of '{corrections[0]}'",
                                       fix=corrections[0])
                else:
                    choices = " or ".join(f"'{c}'" for c in corrections)
                    yield self.finding(span, f"'{word}' looks like a misspelling of {choices}")


class RepeatedWord(Rule):
    """
    What it does: flags a small word typed twice in a row ("the the", "of of",
    "to to"). Words that can legitimately repeat ("had had", "that that") are
    not checked. The fix deletes the second copy.

    Why is this bad? A doubled word is a classic slip that survives when copy
    is edited on screen in a hurry; readers stumble on it.

    Example:
        the outcome of the the negotiations    # -> "the negotiations"
    """

    code = "TYP006"
    name = "repeated-word"
    category = "typography"
    severity = Severity.INFO
    fixable = True
    summary = "Small word typed twice in a row (\"the the\")."
    message = "'{word}' is repeated; delete one"

    def check(self, article, options):
        an = analysis(article)
        tokens = an.tokens
        # Neighbouring equal words, found at C speed ("bn", "bn" in "$1bn ($2bn)" drop out below);
        # "The the" is looked up directly for the few capitalised small words the article has.
        following = tokens[1:]
        doubled = set(compress(following, map(eq, tokens, following))) & _NEVER_DOUBLED
        text = an.text
        doubled.update(w.lower() for w in _CAPITALISED & an.distinct if _CAPITALISED_DOUBLED[w] in text)
        for word in sorted(doubled):
            for match in _repeated_pattern(word).finditer(an.text):
                first, second = match.group(1), match.group(3)
                if not second.islower() or an.protected(match.start(), match.end()):
                    continue  # "the The Hague" is not a repetition
                yield self.finding(Span(match.end(1), match.end()),
                                   f"'{first} {second}': the word is repeated; delete one", fix="")


def _article_pairs(text: str) -> list[tuple[int, str]]:
    """(offset, "a"/"an"/"A"/"An") of each article before a suspect letter, in order.

    The rule once matched the separator as part of one pattern, so the space after one match could not
    serve as the separator of the next ("a a apple" gave one match): a match whose separator lies inside
    the previous match is skipped, which keeps the findings as they were (tests pin the equivalence).
    """
    out = []
    # The article at the very start of the text has no separator in front: match it on a padded copy.
    if text[:1] in ("a", "A"):
        head = _ARTICLE_PAIR[text[0]].match(" " + text[:40], 1)
        if head:
            out.append((0, head.group()[:-1]))
    # No "A" inside "a " or "an ": the two letters' matches cannot overlap.
    matches = finditer_marks(_ARTICLE_PAIR, text)
    last_end = 0
    for match in matches:
        start, end = match.span()
        if start - 1 < last_end:
            continue  # its separator is the space that ends the previous match
        last_end = end
        out.append((start, match.group()[:-1]))
    return out


class ArticleAgreement(Rule):
    """
    What it does: flags "a" before a word that starts with a vowel sound ("a
    interesting question") and "an" before a consonant sound ("an big
    step"). Words whose first letter misleads are skipped: "a one-off",
    "a European", "a union", "a user", "an hour", "an honest", "an MP",
    "an X-ray", and German "an der". The fix swaps the article.

    Why is this bad? The wrong indefinite article is a grammar slip that
    careful copy never shows; it often appears when a generator or an editor
    swaps the adjective after the article.

    Example:
        That’s a interesting question    # -> "an interesting"
    """

    code = "TYP007"
    name = "a-an-mismatch"
    category = "typography"
    severity = Severity.INFO
    fixable = True
    summary = "\"a\" before a vowel sound or \"an\" before a consonant sound."
    message = "'{article} {word}': write '{fix} {word}'"

    def check(self, article, options):
        an = analysis(article)
        text = an.text
        for start, article_word in _article_pairs(text):
            word_match = TOKEN.match(text, start + len(article_word) + 1)
            if word_match is None:
                continue  # a letter of another script
            word = word_match.group()
            end = word_match.end()
            if end < len(text) and text[end] in "\u2019'-" and text[end + 1 : end + 2].isupper():
                continue  # "a e-Bay" style compounds: leave them
            lower = word.lower()
            if article_word in ("a", "A"):
                if len(word) < 2 or not word[1:].islower() or _A_IS_RIGHT.match(lower) \
                        or (lower[0] == "u" and not _U_TAKES_AN.match(lower)):
                    continue  # "a one-off", "a European", "a union", "a US"
                fixed, sound = article_word + "n", "a vowel"
            else:
                if not word[1:].islower() or lower in _FOREIGN_AFTER_AN or not _VOWEL.search(lower):
                    continue  # "an MP", "an der Oder", "an ntl" (read letter by letter)
                fixed, sound = article_word[0], "a consonant"
            if self._applies(an, start, word_match.end(), article_word):
                yield self.finding(Span(start, start + len(article_word)),
                                   f"'{article_word} {word}': '{word}' starts with {sound} sound; "
                                   f"write '{fixed} {word}'", fix=fixed)

    @staticmethod
    def _applies(an, start: int, end: int, article_word: str) -> bool:
        if an.protected(start, end):
            return False
        if article_word[0] == "A":
            # A capital "A"/"An" is the article only at a sentence start ("Class A event" is not).
            before = an.text[max(0, start - 3) : start].rstrip(" \t\u00a0\"\u201c\u2018(")
            return not before or before[-1] in ".!?:\n"
        return True
