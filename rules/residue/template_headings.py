"""RES008: section headings from an article template ("Introduction", "Conclusion")."""

from __future__ import annotations

from lint.article import HEADING, PARAGRAPH
from lint.model import Severity
from lint.rule import Rule

from rules.phrases import LazyPattern
from rules.residue.lexicon import template_headings
from rules.residue.lines import straighten

_TRIM = LazyPattern(r"^[\s#*_]+|[\s:?.!*_]+$")
MAX_WORDS = 16
MAX_CHARS = 120  # a cheap first test: longer blocks are never a heading


class TemplateHeading(Rule):
    """
    What it does: flags headings that label the parts of an article template rather than
    say anything about the story: "Introduction", "Conclusion", "Key Takeaways", "Final
    Thoughts", "Looking Ahead: ...". A heading, or a short line standing alone, must be
    nothing but the label, or the label followed by a colon.

    Why is this bad? News stories are not essays: crossheads tell the reader what comes
    next. Scaffold labels are a sign of generated copy; on their own they are weak
    evidence, hence info.

    Example:
        Introduction

        As global attention turns to the upcoming negotiations ...
    """

    code = "RES008"
    name = "template-heading"
    category = "residue"
    severity = Severity.INFO
    summary = "Section heading from an article template."
    message = (
        "template section heading ('{text}') from an article scaffold; write a crosshead about the story or drop it"
    )

    def check(self, article, options):
        pattern = template_headings().pattern
        for block in article.blocks:
            if block.kind not in (HEADING, PARAGRAPH) or "\n" in block.text:
                continue
            text = block.text.strip()
            if len(text) > MAX_CHARS or len(text.split()) > MAX_WORDS:
                continue
            label = _TRIM().sub("", straighten(text))
            if block.kind == PARAGRAPH and not (text.endswith(":") or len(label.split()) <= 3):
                continue  # a sentence that happens to start "Looking ahead: ..." is prose
            if pattern.fullmatch(label):
                yield self.finding(block.span, self.message.format(text=text))
