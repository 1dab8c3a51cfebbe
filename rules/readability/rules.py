"""The readability rules: whole-article scores and over-long sentences (info by default)."""

from __future__ import annotations

from lint.model import Severity, Span
from lint.rule import Rule

from rules.readability.metrics import (
    COUNTERS,
    body_counts,
    flesch_kincaid_grade,
    flesch_reading_ease,
    language_root,
    syllable_counter,
)


def _record_counts(article, counts) -> None:
    article.metrics["words"] = counts.word_count
    article.metrics["sentences"] = counts.sentence_count


class HardToRead(Rule):
    """
    What it does: scores the article body with textstat's Flesch reading ease
    and Flesch-Kincaid grade level, records both (with word and sentence
    counts) as per-file metrics for `--statistics` and the JSON summary, and
    reports an article of at least `min-words` words whose reading ease falls
    below `min-reading-ease` or whose grade level rises above
    `max-grade-level`. Syllables are counted from spelling by default
    (`syllable-counter: fast`, nothing to load); `pyphen` uses textstat's
    hyphenation fallback and `cmudict` textstat's exact English counter,
    which loads CMUdict (about 1.2 s) once per process.

    Why is this bad? News is written for a general audience: wire copy scores
    around 50-60 on reading ease and grade 9-12. A story that needs a
    graduate's reading level loses most readers before the second paragraph,
    and a sudden drop against a desk's usual figures often means pasted-in
    press-release or academic prose. The scores are approximate, so this is
    information for the editor, not a verdict.

    Example:
        The implementation of comprehensive macroprudential countercyclical
        capital requirements necessitates a fundamental reconsideration of the
        institutional architecture governing supervisory coordination.
        (reading ease -102, grade 32)
    """

    code = "RDB001"
    name = "hard-to-read"
    category = "readability"
    severity = Severity.INFO
    summary = "Article scores below the reading-ease threshold or above the grade-level threshold."
    message = "hard to read: {scores}; shorter sentences and plainer words would help"
    options = {"min-reading-ease": 30.0, "max-grade-level": 16.0, "min-words": 100, "syllable-counter": "fast"}

    def validate_options(self, values):
        if str(values["syllable-counter"]).lower() not in COUNTERS:
            raise ValueError(f"unknown syllable-counter {values['syllable-counter']!r}; use one of {', '.join(COUNTERS)}")

    def check(self, article, options):
        counts = body_counts(article)
        _record_counts(article, counts)
        if not counts.word_count:
            return
        lang = language_root(article, options.config)
        count_syllables = syllable_counter(str(options["syllable-counter"]).lower(), lang)
        syllables = count_syllables(counts.words)
        ease = flesch_reading_ease(counts.word_count, counts.sentence_count, syllables, lang)
        grade = flesch_kincaid_grade(counts.word_count, counts.sentence_count, syllables, lang)
        if ease is not None:
            article.metrics["flesch_reading_ease"] = round(ease, 1)
        if grade is not None:
            article.metrics["grade_level"] = round(grade, 1)
        if counts.word_count < options["min-words"]:
            return
        problems = []
        if ease is not None and ease < options["min-reading-ease"]:
            problems.append(f"Flesch reading ease {ease:.1f} (threshold {options['min-reading-ease']:g})")
        if grade is not None and grade > options["max-grade-level"]:
            problems.append(f"grade level {grade:.1f} (threshold {options['max-grade-level']:g})")
        if problems:
            start = counts.sentences[0].span.start
            yield self.finding(Span(start, start), scores=" and ".join(problems))


class LongSentence(Rule):
    """
    What it does: reports a body sentence longer than `max-words` words
    (default 45) and says how long it is.

    Why is this bad? Comprehension falls off sharply beyond 25-30 words;
    a 50-word sentence usually strings two or three facts together and
    hides the one that matters. Generated copy and pasted statements run
    long far more often than edited news.

    Example:
        The minister, who had earlier said that the plan, which was first
        proposed in 2019 and then revised twice after consultations with
        unions, employers and regional councils, would not be delayed again,
        declined to give a date on Tuesday when asked by reporters outside the
        building whether the timetable still held. (51 words)
    """

    code = "RDB002"
    name = "long-sentence"
    category = "readability"
    severity = Severity.INFO
    summary = "Sentence longer than the configured number of words."
    message = "sentence of {words} words (limit {limit}); split it so readers keep the thread"
    options = {"max-words": 45}

    def check(self, article, options):
        counts = body_counts(article)
        _record_counts(article, counts)
        limit = int(options["max-words"])
        for sentence in counts.sentences:
            if sentence.words > limit:
                yield self.finding(sentence.span, words=sentence.words, limit=limit)
