"""TYP004 and TYP008: a missing space after punctuation, an abbreviation missing its last period."""

from __future__ import annotations


from lint.model import Severity, Span
from lint.rule import Rule

from rules.typography.analysis import LETTERS, TOKEN, LazyPattern, analysis, finditer_marks, per_mark

# A stop or comma glued to a letter: the only places a missing space can be (one pattern per mark: see
# analysis.per_mark).
_GLUED = per_mark(f"{{m}}(?=[{LETTERS}])", ".!?,")
_LEFT_WORD = LazyPattern(f"[{LETTERS}]+$")
# "U.S.President", "J.R.R.Tolkien": initials glued to the next word.
_INITIALS = LazyPattern(r"(?<![\w.])(?:[A-Z]\.){2,}$")
# "U.S Special": a dotted abbreviation without its last period before the next word.
_SHORT_ABBREVIATION = LazyPattern(r"(?<![\w.])(U\.S|U\.K|U\.N|E\.U|e\.g|i\.e)(?=[ \t]+[^\W\d_])")
_SHORT_ABBREVIATION_HINTS = ("U.S ", "U.K ", "U.N ", "E.U ", "e.g ", "i.e ", "U.S\t")
# Every hint contains one of these: a search that starts with a literal "." runs at memchr speed.
_HINT_CORE = LazyPattern(r"\.[SKNUge][ \t]")

# After a stop and no space, these lowercase words start the next sentence ("today.as").
_SENTENCE_WORDS = frozenset(
    """as the by while what however but and according in it he she they we this that there these those
    his her its their our when after before if so yet meanwhile although though for on at with also
    still now then despite moreover furthermore nevertheless instead indeed many some most""".split()
)
# Right-hand words that make "x.y" a domain, a file name or a dotted product name, not a run-on.
_NOT_RUN_ON = frozenset(
    """com org net edu gov mil int info biz io co uk ru ua de fr eu ca au cn jp ly gl tv us
    pdf doc docx xls xlsx ppt pptx csv txt htm html php asp aspx jpg jpeg png gif svg mp3 mp4
    mov avi zip exe py js json xml yaml yml md net""".split()
)
_JOINED_OK = frozenset({"et.al", "one.tel", "last.fm"})
_BANG_NAMES = frozenset("yahoo jeopardy wham hello ok".split())


def missing_spaces(article) -> list[tuple[Span, str, str]]:
    """(span of the punctuation and the next letter, replacement, message) for each missing space."""
    an = analysis(article)
    text = an.text
    out: list[tuple[Span, str, str]] = []
    for glued in finditer_marks(_GLUED, text):
        pos = glued.start()
        mark = text[pos]
        right = TOKEN.match(text, pos + 1).group()
        left_match = _LEFT_WORD.search(text, max(0, pos - 40), pos)
        left = left_match.group() if left_match else ""
        found = _comma(an, pos, left, right) if mark == "," else _stop(an, pos, mark, left_match, right)
        if found is not None:
            out.append(found)
    return out


def _comma(an, pos: int, left: str, right: str):
    """"Russia,he", "ukraine,Eastern"; never "1,000" (digits never match) or "x,y"."""
    prev = an.text[pos - 1] if pos else " "
    if not (prev.isalpha() or prev in "\"\u201d\u2019)]"):
        return None
    if len(left) <= 1 and len(right) <= 1 or an.protected(pos, pos + 1):
        return None
    return (Span(pos, pos + 2), f", {right[0]}", f"no space after the comma in '{left},{right}'; add one")


def _stop(an, pos: int, mark: str, left_match, right: str):
    """"today.as", "stance.By", "U.S.President"; never "e.g.", "bbc.co.uk", "report.pdf", "3.5"."""
    text = an.text
    if mark == "." and len(right) >= 2 and right[0].isupper() and right[1].islower():
        initials = _INITIALS.search(text, max(0, pos - 12), pos + 1)
        if initials and not an.protected(initials.start(), pos + 2):
            return (Span(pos, pos + 2), f". {right[0]}",
                    f"no space between '{initials.group()}' and '{right}'; add one")
    if left_match is None:
        return None
    left = left_match.group()
    before = text[left_match.start() - 1] if left_match.start() else " "
    if len(left) < 2 or before.isalnum() or before in "./@&\\-_":
        return None  # "e.g.the", "U.S.", a path or an address
    if len(right) < 2 or right.isupper() or right.lower() in _NOT_RUN_ON:
        return None
    if f"{left}.{right}".lower() in _JOINED_OK or (mark == "!" and left.lower() in _BANG_NAMES):
        return None
    if an.protected(left_match.start(), pos + 1 + len(right)):
        return None
    if right[0].isupper():
        return (Span(pos, pos + 2), f"{mark} {right[0]}", f"no space after '{mark}' in '{left}{mark}{right}'; add one")
    if right in _SENTENCE_WORDS:
        fixed = right[0].upper() + right[1:]
        return (Span(pos, pos + 2), f"{mark} {right[0].upper()}",
                f"no space after '{mark}' in '{left}{mark}{right}', and the next sentence starts "
                f"lowercase; write '{left}{mark} {fixed}'")
    return None


class MissingSpaceAfterPunctuation(Rule):
    """
    What it does: flags a full stop, question mark, exclamation mark or comma
    glued to the next word: "today.as", "stance.By", "Cold War.What’s",
    "U.S.President", "Dr.Elena", "Russia,he", "ukraine,Eastern". When the
    glued word is a lowercase sentence opener ("today.as") the fix also
    capitalises it. URLs, e-mail addresses, domain and file names
    ("BBC.co.uk", "report.pdf"), decimals ("3.5"), thousands ("1,000"),
    abbreviations ("e.g.", "U.S.", "a.m."), initials ("J.R.R.") and
    ellipses are left alone.

    Why is this bad? Run-together sentences are the signature of text
    re-flowed by OCR or a scraper; they break reading and search.

    Example:
        ... to justify his aggressive stance.By framing NATO’s actions ...   # -> ". B"
        ... as a direct threat to Russia,he sought ...                      # -> ", h"
    """

    code = "TYP004"
    name = "missing-space-after-punctuation"
    category = "typography"
    severity = Severity.WARNING
    fixable = True
    summary = "Full stop, question mark, exclamation mark or comma glued to the next word."
    message = "no space after '{mark}' in '{context}'; add one"

    def check(self, article, options):
        for span, replacement, message in missing_spaces(article):
            yield self.finding(span, message, fix=replacement)


class AbbreviationMissingPeriod(Rule):
    """
    What it does: flags a dotted abbreviation that lost its final period
    before the next word: "U.S Special envoy", "U.K government", "e.g the".
    Reported as info: it is a small slip, but a certain one, and the fix adds
    the period.

    Why is this bad? Half-dotted abbreviations are a typical transcription
    slip and read as unedited copy.

    Example:
        greets U.S Special envoy Keith Kellogg    # -> "U.S."
    """

    code = "TYP008"
    name = "abbreviation-missing-period"
    category = "typography"
    severity = Severity.INFO
    fixable = True
    summary = "Dotted abbreviation without its final period (\"U.S Special\")."
    message = "'{abbreviation}' lacks its final period; write '{fix}'"

    def check(self, article, options):
        an = analysis(article)
        text = an.text
        if _HINT_CORE.search(text) is None or not any(hint in text for hint in _SHORT_ABBREVIATION_HINTS):
            return
        for match in _SHORT_ABBREVIATION.finditer(text):
            if an.protected(match.start(), match.end()):
                continue
            found = match.group(1)
            yield self.finding(Span(match.start(), match.end()), f"'{found}' lacks its final period; write '{found}.'",
                               fix=found + ".")
