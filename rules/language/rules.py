"""The language rules: a declaration that does not match the text, and passages in another language."""

from __future__ import annotations

import re

from lint.model import Severity, Span
from lint.rule import Rule

from rules.language import detect
from rules.language.analysis import (
    FOREIGN,
    SAME,
    LanguageView,
    Unit,
    best_guess,
    body_language,
    cheap_verdict,
    corroborated,
    language_view,
    profile,
)

# Patterns are compiled on first use (re.compile's own cache keeps them): most articles never need them.
# Words that announce a translation next to a foreign passage.
# ("said in English" names a language, it does not announce a translation: a mark must follow.)
_CUE = r"\btranslat\w*|\bwhich means\b|\b(?:in english|meaning)\s*[:,]?\s*[\"\u201c\u2018(]"
_PARENTHETICAL = r"[(\[]([^()\[\]\n]{12,})[)\]]"
_FRONT_MATTER_LANG = r"^(?:lang|language)[ \t]*:.*$"
CUE_WINDOW = 120  # characters either side of a passage searched for a translation cue
TRANSLATION_GAP = 150  # most characters between a passage and its translation
TRANSLATION_RATIO = (0.5, 2.0)  # word count of a translation relative to the original


def _declared(article, config) -> tuple[str | None, str]:
    """The declared language code and where it was declared, for the message."""
    if article.language:
        return detect.normalise(article.language), f"front matter lang: {article.language}"
    configured = getattr(config, "language", None) if config is not None else None
    if configured:
        return detect.normalise(configured), f".newslint.yaml language: {configured}"
    return None, ""


def _checkable(code: str | None) -> bool:
    return bool(code) and detect.is_known(code)


class DeclaredLanguageMismatch(Rule):
    """
    What it does: detects the language the article is written in and
    compares it with the declared one (front matter `lang`, or `language`
    in `.newslint.yaml`); reports a mismatch with langdetect's confidence.
    A stopword check settles ordinary articles without loading langdetect.

    Why is this bad? The declared language drives spell-checking,
    hyphenation, screen-reader voices, `hreflang` and search indexing. A
    story filed under the wrong language is mispronounced, mis-hyphenated
    and shown to the wrong readers; in syndicated feeds it is also a sign of
    a template copied from another desk or a machine-translated page.

    Example:
        ---
        lang: en
        ---
        Die Regierung hat am Dienstag neue Hilfen für die Landwirte beschlossen ...
    """

    code = "LNG001"
    name = "declared-language-mismatch"
    category = "language"
    severity = Severity.WARNING
    summary = "Article text is in another language than the declared one."
    message = ("article text reads as {detected} (confidence {confidence:.0%}) but is declared as {declared} "
               "({where}); fix one of them: spell-checkers, hyphenation, screen readers and search engines "
               "trust the declaration")
    options = {"min-confidence": 0.9, "min-words": 30}

    def check(self, article, options):
        declared, where = _declared(article, options.config)
        if not _checkable(declared):
            return
        view = language_view(article)
        if view.body.words < options["min-words"] or cheap_verdict(view.body, declared) == SAME:
            return
        detected = _confident_body_language(view, declared, options["min-confidence"])
        if detected is None:
            return
        lang, confidence = detected
        yield self.finding(
            _declaration_span(article),
            detected=detect.name_of(lang), confidence=confidence, declared=detect.name_of(declared), where=where,
        )


def _confident_body_language(view: LanguageView, declared: str, min_confidence: float):
    guess = body_language(view)
    if guess is None or detect.same_language(guess[0], declared):
        return None
    if guess[1] is None:  # stopwords decided; ask langdetect for a confidence to report
        guess = best_guess(view.body_text)
        if guess is None or detect.same_language(guess[0], declared):
            return None
    lang, confidence = guess
    if confidence < min_confidence or not corroborated(view.body, lang, declared):
        return None
    return lang, confidence


def _declaration_span(article) -> Span:
    first = next((b for b in article.blocks if b.is_prose), None)
    body_start = first.span.start if first else len(article.text)
    if article.language and article.format == "markdown":
        match = re.compile(_FRONT_MATTER_LANG, re.M).search(article.text, 0, body_start)
        if match:
            return Span(match.start(), match.end())
    return Span(body_start, body_start)


def reference_language(article, view: LanguageView, config, min_confidence: float) -> str | None:
    """The language passages are compared with: the declared one, unless the text plainly is another."""
    declared, _ = _declared(article, config)
    if _checkable(declared):
        if cheap_verdict(view.body, declared) == SAME:
            return declared
        actual = _confident_body_language(view, declared, min_confidence)
        return actual[0] if actual else declared
    guess = body_language(view)
    if guess is None:
        return None
    lang, confidence = guess
    return lang if confidence is None or confidence >= min_confidence else None


class ForeignPassage(Rule):
    """
    What it does: reports a paragraph or a quote of `min-words` words or
    more (default 10) written in another language than the article, naming
    the language and langdetect's confidence. Not reported: short foreign
    phrases ("c'est la vie", "Realpolitik"), names and titles, headlines and
    crossheads, and a foreign passage printed next to its translation (an
    adjacent quote or bracket of similar length in the article's language,
    or a cue such as "which translates as").

    Why is this bad? Readers cannot follow a quote they cannot read, and an
    untranslated paragraph in a story is usually residue: a source pasted in
    unedited, a scraper that picked up the original of a translated piece,
    or a generator that switched language mid-article.

    Example:
        The chancellor was blunt. “Wir brauchen jetzt schnelle Entscheidungen
        und keine weiteren Verzögerungen bei der Energiewende,” she said.
    """

    code = "LNG002"
    name = "foreign-language-passage"
    category = "language"
    severity = Severity.WARNING
    summary = "Paragraph or long quote in another language than the article, with no translation beside it."
    message = ("{what} reads as {detected} (confidence {confidence:.0%}) but the article is in {article_language}; "
               "translate it or print a translation beside it")
    options = {"min-words": 10, "min-confidence": 0.9}

    def check(self, article, options):
        view = language_view(article)
        min_confidence = options["min-confidence"]
        reference = reference_language(article, view, options.config, min_confidence)
        if reference is None:
            return
        flagged: list[tuple[Unit, str, float]] = []
        for unit in view.units:
            verdict = self._foreign(article, view, unit, reference, options)
            if verdict:
                flagged.append((unit, *verdict))
        covered = {(u.block, lang) for u, lang, _ in flagged if u.kind == "paragraph"}
        for unit, lang, confidence in flagged:
            if unit.kind == "quote" and (unit.block, lang) in covered:
                continue  # the paragraph's finding already says it
            yield self.finding(
                unit.span, what=_describe(article, unit), detected=detect.name_of(lang), confidence=confidence,
                article_language=detect.name_of(reference),
            )

    @staticmethod
    def _foreign(article, view: LanguageView, unit: Unit, reference: str, options) -> tuple[str, float] | None:
        """The passage's language and confidence when it is reportable; the cheap checks run first."""
        prof = unit.profile
        if prof.words < options["min-words"] or prof.mostly_names:
            return None  # a phrase, a name, a title or a line-up of names
        if cheap_verdict(prof, reference) != FOREIGN or _translated(article, view, unit, reference):
            return None
        guess = best_guess(unit.text)
        if guess is None:
            return None
        lang, confidence = guess
        if detect.same_language(lang, reference) or confidence < options["min-confidence"]:
            return None
        if not corroborated(prof, lang, reference):
            return None
        return lang, confidence


def _describe(article, unit: Unit) -> str:
    if unit.kind == "quote":
        return "quote"
    return {"blockquote": "block quote", "list_item": "list item"}.get(article.blocks[unit.block].kind, "paragraph")


def _translated(article, view: LanguageView, unit: Unit, reference: str) -> bool:
    """Whether a translation sits next to the passage: a cue, or a similar-length passage in the article's language."""
    text = article.masked
    before = text[max(0, unit.span.start - CUE_WINDOW) : unit.span.start]
    after = text[unit.span.end : unit.span.end + CUE_WINDOW]
    cue = re.compile(_CUE, re.I)
    if cue.search(before) or cue.search(after):
        return True
    low, high = TRANSLATION_RATIO
    for span, prof in _translation_candidates(article, view, unit):
        gap = max(span.start - unit.span.end, unit.span.start - span.end)
        if gap > TRANSLATION_GAP or span.overlaps(unit.span):
            continue
        if low <= prof.words / unit.profile.words <= high and cheap_verdict(prof, reference) == SAME:
            return True
    return False


def _translation_candidates(article, view: LanguageView, unit: Unit):
    """Quotes and brackets near the passage, and neighbouring paragraphs set off in brackets or as block quotes."""
    for other in view.units_near(unit):
        if other.kind == "quote":
            yield other.span, other.profile
        elif other.block != unit.block:
            stripped = other.text.lstrip()
            block = article.blocks[other.block]
            if stripped[:1] in "([" or block.kind == "blockquote":
                yield block.span, profile(block.text)
    for index in range(max(0, unit.block - 1), min(len(article.blocks), unit.block + 2)):
        block = article.blocks[index]
        for match in re.compile(_PARENTHETICAL).finditer(article.masked, block.span.start, block.span.end):
            yield Span(match.start(), match.end()), profile(match.group(1))
