"""RES003: the headline, or any long line, repeated word for word."""

from __future__ import annotations

from lint.article import CODE, HEADLINE
from lint.model import Related, Severity
from lint.rule import Rule

from rules.residue.lines import comparison_key, line_of
from rules.residue.toc import find_toc

MIN_HEADLINE_WORDS = 3
MIN_LINE_WORDS = 8  # shorter repeats ("Photo", "Reuters", list items) are often legitimate


class DuplicateLine(Rule):
    """
    What it does: flags a block that repeats the headline, or repeats an earlier block of at
    least eight words, word for word (case, curly quotes, spacing and list numbering aside).
    The later copy is reported, with the first one as related. Entries of a table of
    contents are left to RES002.

    Why is this bad? A headline printed twice, or a paragraph that appears twice, is a
    scraping or templating accident that no edited story contains; readers notice it at
    once and stop trusting the copy.

    Example:
        Putin to Discuss Ukraine's NATO Exclusion and Military De-escalation with Trump

        Putin to Discuss Ukraine's NATO Exclusion and Military De-escalation with Trump
    """

    code = "RES003"
    name = "duplicate-line"
    category = "residue"
    severity = Severity.WARNING
    summary = "Headline or long line repeated word for word."
    message = "repeats {what} word for word; delete the copy"

    def check(self, article, options):
        toc = find_toc(article)
        skip = toc.indexes if toc is not None else frozenset()
        seen: dict[str, object] = {}
        headline = article.headline
        for block in article.blocks:
            if block.kind == CODE or block.index in skip:
                continue
            words = block.text.count(" ") + 1  # close enough to a word count for a threshold
            if block.kind == HEADLINE:
                if words >= MIN_HEADLINE_WORDS:
                    seen[comparison_key(block.text)] = block
                continue
            key = comparison_key(block.text)
            first = seen.get(key)
            if first is None:
                if words >= MIN_LINE_WORDS:
                    seen[key] = block
                continue
            line = line_of(article, first.span.start)
            what = f"the headline (line {line})" if first is headline else f"line {line}"
            yield self.finding(
                block.span,
                self.message.format(what=what),
                related=[Related(first.span, "first occurrence")],
            )
