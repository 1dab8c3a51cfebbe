"""RES001: generator prompts left in the article as lines or headings."""

from __future__ import annotations

import re

from lint.article import CODE, HEADLINE, Article, Block
from lint.model import Related, Severity, Span
from lint.rule import Rule
from lint.text import split_sentences

from rules.phrases import LazyPattern
from rules.residue.lexicon import prompts
from rules.residue.lines import QUOTE_OPENERS, line_of, speaker_label, straighten
from rules.residue.toc import find_toc

# People a prompt names: "Dr. Ivanova", "Professor Smith", or "Ivanova's insights".
_TITLED_NAME = LazyPattern(
    r"\b(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mx|Sir|Dame|Gen|General|Ambassador|Senator)\.?\s+([A-Z][\w-]+)"
)
_POSSESSIVE_EXPERT = LazyPattern(
    r"\b([A-Z][a-z][\w-]*)['\u2019]s\s+(?:insights?|analysis|perspectives?|expertise|views|findings|research|"
    r"remarks|observations|experience|arguments?)\b"
)
MAX_LINE = 400
MAX_HEADING = 80  # characters: reader-engagement headings are short
_COMPOUND = LazyPattern(r",\s+and\s+(?:what|how|why|which|who|where|when)\b", re.I)


class PromptResidue(Rule):
    """
    What it does: flags lines that are the questions or headings a writer (or a language
    model) was prompted with, left standing in the article: a standalone question built on
    prompt scaffolding ("What are the key components of ...?", "How do Dr. Ivanova's
    insights refine our understanding of ...?") and reader-engagement headings from a
    template ("Thought-Provoking Question for Readers"). A prompt that names an expert the
    article has not introduced yet (or never does) is an error. Rhetorical headline
    questions ("Peace Talks: A Distant Possibility?") are headings, not prompts: they are
    short and have no scaffolding.

    Why is this bad? A prompt question is an instruction to the writer, not information
    for the reader; one that mentions "Dr. Ivanova's insights" before anyone called
    Ivanova appears shows the text was assembled by a generator and not edited.

    Example:
        How do Dr. Ivanova's insights refine our understanding of the potential outcomes
        of the Putin-Trump negotiations?
    """

    code = "RES001"
    name = "prompt-residue"
    category = "residue"
    severity = Severity.WARNING
    summary = "Generator prompt question or reader-engagement heading left in the article."
    message = "generator prompt left in the article ('{text}'): {why}; delete it"
    weak_message = (
        "question line built like a generator prompt ('{text}'); delete it unless it is a crosshead readers need"
    )

    def check(self, article, options):
        lexicon = prompts()
        toc = find_toc(article)
        skip = toc.indexes if toc is not None else frozenset()
        for block in article.blocks:
            if block.kind in (CODE, HEADLINE) or block.index in skip:
                continue
            text = block.text.strip()
            if not text or len(text) > MAX_LINE:
                continue
            question = text.rstrip(" \"'\u201d\u2019").endswith("?")
            if not question and len(text) > MAX_HEADING:
                continue  # neither a question nor a heading-length line: the common case, decided cheaply
            plain = straighten(text)
            if lexicon.engagement.fullmatch(plain):
                yield self.finding(
                    block.span,
                    self.message.format(text=_short(text), why="a reader-engagement heading from an article template"),
                )
                continue
            if not _standalone_question(plain, lexicon.min_words):
                continue
            if len(split_sentences(article.masked, block.span.start, block.span.end)) != 1:
                continue  # a paragraph that ends on a question, not a question on its own
            if lexicon.strong.search(plain):
                severity = Severity.WARNING
            elif lexicon.questions.search(plain):
                long_or_compound = len(plain.split()) >= lexicon.long_words or _COMPOUND().search(plain)
                severity = Severity.WARNING if long_or_compound else Severity.INFO
            else:
                continue
            yield self._question_finding(article, block, text, severity)

    def _question_finding(self, article: Article, block: Block, text: str, severity: Severity):
        why = "a question the writer was asked to answer, not a line for readers"
        for name, shown in _names(block):
            first = _first_mention(article, name, block)
            if first is None:
                why = f"it asks about {shown}, who appears nowhere else in the article"
                message = self.message.format(text=_short(text), why=why)
                return self.finding(block.span, message, severity=Severity.ERROR)
            if first.start > block.span.end:
                line = line_of(article, first.start)
                why = f"it names {shown} before the article introduces them (line {line})"
                return self.finding(
                    block.span,
                    self.message.format(text=_short(text), why=why),
                    severity=Severity.ERROR,
                    related=[Related(first, f"{shown} is first introduced here")],
                )
        if severity == Severity.INFO:
            message = self.weak_message.format(text=_short(text))
            return self.finding(block.span, message, severity=severity)
        return self.finding(block.span, self.message.format(text=_short(text), why=why), severity=severity)


def _standalone_question(text: str, min_words: int) -> bool:
    """One question on a line of its own: not a transcript line, not a quote, not a paragraph."""
    return (
        text.rstrip(" \"'").endswith("?")
        and "\n" not in text
        and text[0] not in QUOTE_OPENERS
        and not speaker_label(text)
        and len(text.split()) >= min_words
    )


def _names(block: Block):
    """(surname, as written) for each person the prompt names: ("Ivanova", "Dr. Ivanova")."""
    seen = set()
    for lazy in (_TITLED_NAME, _POSSESSIVE_EXPERT):
        pattern = lazy()
        for match in pattern.finditer(block.text):
            name = match.group(1)
            if name not in seen:
                seen.add(name)
                yield name, match.group(0) if lazy is _TITLED_NAME else name


def _first_mention(article: Article, name: str, prompt: Block) -> Span | None:
    """Where ``name`` first occurs outside the prompt and a table of contents (a headline counts)."""
    toc = find_toc(article)
    skip = {prompt.index} | (set(toc.indexes) if toc is not None else set())
    pattern = re.compile(rf"\b{re.escape(name)}\b")
    for block in article.blocks:
        if block.index in skip or block.kind == CODE:
            continue
        match = pattern.search(article.masked, block.span.start, block.span.end)
        if match:
            return Span(match.start(), match.end())
    return None


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
