"""RES005: chat-assistant debris: replies to the user, placeholders, citation markup."""

from __future__ import annotations

from lint.article import CODE
from lint.model import Severity, Span
from lint.rule import Rule

from rules.residue.keyed import search_keyed
from rules.residue.lexicon import chatbot
from rules.residue.lines import inside_quotation, lowered


class ChatbotDebris(Rule):
    """
    What it does: flags text that a chat assistant wrote to the person prompting it ("As an
    AI language model", "Certainly! Here is", "I hope this helps", "Would you like me to
    expand ..."), placeholders it left to be filled in ("[Insert quote]", "20XX",
    "{{city}}") and the citation markup of its interface ("oaicite", "turn0search0",
    "contentReference[", "utm_source=chatgpt.com"), also inside link targets. A
    conversational phrase inside quotation marks is left alone (a story may quote it).

    Why is this bad? It proves the copy was pasted from a chatbot without being read: an
    error in any published article, and the reader sees it at once.

    Example:
        Certainly! Here is a rewritten version of the article about the summit.
    """

    code = "RES005"
    name = "chatbot-debris"
    category = "residue"
    severity = Severity.ERROR
    summary = "Chat-assistant reply, placeholder or citation markup left in the article."
    message = "{what} ('{text}'); the copy was pasted from a chatbot without an edit; delete it"

    def check(self, article, options):
        lexicon = chatbot()
        text = article.masked
        low = lowered(article)
        found: dict[int, tuple[Span, str]] = {}
        for match, _ in search_keyed(lexicon.conversational, text, low, 0, len(text)):
            span = Span(match.start(), match.end())
            if not inside_quotation(article, span):
                found[span.start] = (span, "chat-assistant reply left in the text")
        for match, _ in search_keyed(lexicon.markup, text, low, 0, len(text)):
            found.setdefault(match.start(), (Span(match.start(), match.end()), _markup_kind(match.group(0))))
        raw = article.text
        if raw != text:  # citation markup hidden in link targets or comments, which the loader blanks
            raw_low = raw.lower() if len(raw.lower()) == len(raw) else low
            for match, _ in search_keyed(lexicon.markup, raw, raw_low, _body_start(article), len(raw)):
                kind = _markup_kind(match.group(0))
                block = article.block_at(match.start())
                in_code = (block is not None and block.kind == CODE) or _in_inline_code(article, match.start())
                if kind == PLACEHOLDER or in_code:
                    continue  # code shows examples; the leftovers hide in link targets and HTML
                found.setdefault(match.start(), (Span(match.start(), match.end()), kind))
        for start in sorted(found):
            span, what = found[start]
            yield self.finding(span, self.message.format(what=what, text=article.excerpt(span, 50)))


PLACEHOLDER = "unfilled placeholder from a generated draft"
CITATION = "chatbot citation markup"


def _markup_kind(text: str) -> str:
    if text.startswith(("[", "{{")) or "xx" in text.lower() or "lorem" in text.lower():
        return PLACEHOLDER
    return CITATION


def _in_inline_code(article, offset: int) -> bool:
    """A backtick opens the blanked run before ``offset``: inline code, not a link target."""
    masked, raw = article.masked, article.text
    start = offset
    while start > 0 and masked[start - 1] == " " and raw[start - 1] != "\n":
        start -= 1
    return raw.find("`", start, offset) != -1


def _body_start(article) -> int:
    """Skip front matter: metadata is not copy."""
    return article.blocks[0].span.start if article.blocks else len(article.text)
