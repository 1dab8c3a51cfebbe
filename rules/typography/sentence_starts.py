"""TYP003: where a sentence, paragraph or answer starts, and whether its lowercase first word is an error.

A mixin of the casing pass (``rules.typography.casing``): it reads the pass's
analysis and word lists and reports through ``self.report``.
"""

from __future__ import annotations

import re
from collections import Counter

from lint.article import BLOCKQUOTE, CODE, HEADING, HEADLINE, LIST_ITEM, PARAGRAPH
from lint.model import Severity

from rules.typography.analysis import TOKEN, LazyPattern, finditer_marks, per_mark

SENTENCE_START = "TYP003"

# Abbreviations whose period does not end a sentence ("etc. and", "Gen. de Gaulle").
ABBREVIATIONS = frozenset(
    """mr mrs ms mx dr prof st gen col lt sgt capt cpt cmdr adm maj gov sen rep rev fr jr sr hon
    pres supt insp det no nos vs v etc al approx dept est fig inc ltd co corp bros jan feb mar
    apr jun jul aug sep sept oct nov dec mt ft ave blvd vol ch pp ed eds op cf ca viz ie eg
    am pm llc llp plc lp pty gmbh""".split()
)
# Words that may open a sentence but never follow a name directly: at a paragraph start they show
# the paragraph is complete and only lacks its capital ("as global attention turns ...").
_OPENERS = frozenset(
    """a an the as at for from in on with while when where whereupon what why how if
    although though because since after before during despite however meanwhile moreover furthermore
    nevertheless nonetheless but so yet this that these those there here it he she they we i you his her
    their our my your its one some many most several both each every all no not now then today yesterday
    tomorrow still even only just according by under over among between against without until unless
    once whether instead indeed thus therefore perhaps maybe""".split()
)
# Names that end in "!" ("Yahoo! said").
_BANG_NAMES = frozenset("yahoo jeopardy wham hello ok oklahoma mia".split())
_ROMAN = LazyPattern(r"[ivxlc]{1,5}")

_LEAD_CHARS = frozenset(" \t\u00a0\"'\u201c\u2018\u00ab([*\u2022\u2014\u2013-")
# A run of stops, closing quotes or brackets, spaces, opening ones, then a lowercase letter. One pattern per
# mark that opens a run (see analysis.per_mark); the look-behind keeps each match at the start of its run, as
# one pattern opening with "[.!?]" would find it. A match holds one run, so no match starts inside another.
_AFTER_STOP = per_mark(
    r"({m}(?<![.!?]{m})[.!?]*)([\"'\u201d\u2019)\]]*)[ \t\n]+([\"'\u201c\u2018(\[]*)(?=[a-z\u00df-\u00ff])", ".!?"
)
_TAIL = LazyPattern(r"[\w.&-]+$")
_LABEL = LazyPattern(r"[ \t]*([A-Z][\w.\u2019'-]*(?:[ \t]+[A-Za-z][\w.\u2019'-]*){0,4})[ \t]*:[ \t]+(?=[^\W\d_])")
# Particles that start a surname in lowercase ("de Gaulle", "von der Leyen", "al-Assad").
_NOBILIARY = frozenset("de del della der di da das dos du von van den ter le la al el bin ibn ben".split())
_LABEL_PARTICLES = frozenset("of for the and de von der van al bin".split())
_TERMINAL_END = LazyPattern(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s*$")


def capitalise(word: str) -> str:
    return word[:1].upper() + word[1:]


class SentenceStarts:
    """TYP003 for the casing pass."""

    def sentence_starts(self) -> None:
        an = self.an
        text = an.text
        list_status = None
        labels = None
        for block in an.blocks:
            lead = text[block.span.start]
            first = None
            if lead.islower() or lead in _LEAD_CHARS:
                first = TOKEN.search(text, block.span.start, block.span.end)
            lead_text = text[block.span.start : first.start()] if first is not None else ""
            # "(after extra time)": a note in brackets may start lowercase; "`newslint` lints ...": code first.
            if first is not None and first.group()[0].islower() and _only_lead(lead_text) and "(" not in lead_text \
                    and not an.masked_before(first.start()):
                if block.kind == LIST_ITEM:
                    list_status = list_status if list_status is not None else self._list_item_status()
                    self._list_item_start(first, block, list_status)
                elif self._starts_new_paragraph(block):
                    where = {HEADLINE: "headline", HEADING: "heading"}.get(block.kind, "paragraph")
                    self._start(first.start(), first.group(), "block", where)
            if ":" in block.text:
                label = _LABEL.match(text, block.span.start, block.span.end)
                if label and _capitalised_label(label.group(1)):
                    word = TOKEN.match(text, label.end())
                    if word and word.group()[0].islower():
                        labels = labels if labels is not None else self._speaker_labels()
                        if self._is_speaker(label.group(1), labels):
                            self._start(word.start(), word.group(), "label", label.group(1))
        for stop in finditer_marks(_AFTER_STOP, text):
            block = an.block_at(stop.start())
            if block is None or stop.end() > block.span.end or not self._ends_sentence(stop, block.span.start):
                continue
            word = TOKEN.match(text, stop.end())
            if word and an.masked_between(stop.end(1), word.start()):
                continue  # "`max: 0` bans ...": the sentence starts with code
            if word and stop.group(1)[-1] in "?!" and word.group() in ("and", "or", "but", "nor"):
                continue  # "how do you say basketball? and what is ...": questions run on
            if word and not (an.inside_quote(word.start()) and word.group() not in self.gaz.words):
                # Inside a quote, a lowercase start is often the quoted text's own (a text message, a post).
                self._start(word.start(), word.group(), "stop", stop.group(1)[-1])

    def _start(self, start: int, word: str, kind: str, detail: str) -> None:
        """Report a lowercase start; how sure the fix is depends on where it stands.

        * after a speaker label or in a list whose other items are capitalised,
          capitalising is the only repair;
        * at a paragraph start, a word that cannot follow a lost name ("as",
          "the", "ukrainian") needs a capital; any other word ("was", "took")
          more often means words were lost before it (info, no fix);
        * after a full stop inside a paragraph the stop itself may be the slip
          ("in May 2003. with both parties"): reported, but fixed only when the
          word is a name, which takes a capital either way.
        """
        if start in self.taken or not self._lowercase_start_is_error(start, word):
            return
        fixed = capitalise(word)
        end = start + len(word)
        name = word in self.gaz.words and word not in self.gaz.ambiguous
        if kind == "label":
            self.report(SENTENCE_START, start, end,
                        f"answer after the speaker label '{detail}:' starts with lowercase '{word}'; "
                        f"write '{fixed}'", fixed)
        elif kind == "list":
            self.report(SENTENCE_START, start, end,
                        f"list item starts with lowercase '{word}' while the other items of its list are "
                        f"capitalised; write '{fixed}'", fixed, Severity.INFO)
        elif kind == "block":
            if name or word in _OPENERS or word in self.names.short_titles:
                self.report(SENTENCE_START, start, end, f"{detail} starts with lowercase '{word}'; write '{fixed}'",
                            fixed)
            else:
                self.report(SENTENCE_START, start, end,
                            f"{detail} starts with lowercase '{word}'; if words were lost before it, restore them, "
                            f"otherwise write '{fixed}'", None, Severity.INFO)
        elif name:
            self.report(SENTENCE_START, start, end, f"sentence starts with lowercase '{word}'; write '{fixed}'", fixed)
        else:
            self.report(SENTENCE_START, start, end,
                        f"lowercase '{word}' after '{detail}': capitalise it ('{fixed}'), or delete the '{detail}' "
                        f"if the sentence runs on", None)

    def _lowercase_start_is_error(self, start: int, word: str) -> bool:
        an = self.an
        end = start + len(word)
        if not word[0].islower() or not word.islower():
            return False  # capitalised, or a stylised name such as "iPhone", "eBay"
        if word in self.names.stylised or word in self.accepted or an.attached(start, end):
            return False
        after = an.text[end : end + 1]
        if after == ")" or (after == "." and (len(word) == 1 or _ROMAN.fullmatch(word))):
            return False  # an enumerator: "a)", "iv."
        if "/" in an.text[end : end + 3] or "&" in an.text[end : end + 3]:
            return False  # markup debris: "br /&gt;"
        if word in _NOBILIARY:
            nxt = an.next_word(end)
            while nxt and nxt[1] in _NOBILIARY:  # "von der Leyen"
                nxt = an.next_word(nxt[0] + len(nxt[1]))
            if nxt and nxt[1][0].isupper():
                return False  # "de Gaulle said", "von der Leyen said"
        if word not in self.common and word not in self.gaz.section:
            if len(an.occurrences(word)) >= 2 and not an.capitalised_count(word):
                return False  # the article writes this name in lowercase throughout ("adidas")
        return True

    def _starts_new_paragraph(self, block) -> bool:
        """A plain-text line may continue the line above (hard-wrapped copy); then it is no start."""
        if block.kind in (HEADLINE, HEADING) or block.index == 0:
            return True
        prev = self.an.all_blocks[block.index - 1]
        if prev.kind in (HEADLINE, HEADING):
            return True
        if prev.kind == CODE:
            return False  # prose after a code block often goes on with the sentence before it
        # A block after one that stops mid-sentence continues it (hard-wrapped lines, or a
        # paragraph split where a link or a name was lost): the missing capital is not the problem.
        return bool(_TERMINAL_END.search(prev.text))

    def _ends_sentence(self, stop: re.Match, block_start: int) -> bool:
        punct, closers = stop.group(1), stop.group(2)
        if closers or (len(punct) > 1 and set(punct) == {"."}):
            return False  # a quote or bracket closes first ("Why?" he asked), or an ellipsis
        tail = _TAIL.search(self.an.text, max(block_start, stop.start() - 40), stop.start())
        before = tail.group() if tail else ""
        last_word = before.rsplit("-", 1)[-1]
        if punct == ".":
            if "." in before or before.lower() in ABBREVIATIONS:
                return False  # "the U.S. role", "e.g. the", "Gen. de Gaulle"
            if len(before) == 1 or (before.isdigit() and len(before) <= 2):
                return False  # an initial or a numbered point
        if punct in ("!", "?") and (last_word.lower() in _BANG_NAMES or last_word[:1].isupper()):
            return False  # titles and names that end in "!" or "?": "Wham! backing", "Shall We Dance? at"
        if stop.start() and self.an.text[stop.start() - 1] == " ":
            return False  # ". . ." or a stop standing apart: not a sentence end to judge
        return True

    def _is_speaker(self, label: str, labels: Counter) -> bool:
        """A Q&A speaker label: "Q", or a label that opens at least two paragraphs and reads as a
        name ("Archyde News Editor", "Dr. Elena Sokolov"). A lone ordinary word ("Example:",
        "Analyst:") counts only when a second label also recurs, so the text is a dialogue."""
        if label in ("Q", "A"):
            return True
        if labels[label] < 2:
            return False
        if " " in label or label.lower() not in self.common:
            return True
        return sum(1 for count in labels.values() if count >= 2) >= 2

    def _speaker_labels(self) -> Counter:
        an = self.an
        counts: Counter = Counter()
        for block in an.blocks:
            if block.kind in (PARAGRAPH, BLOCKQUOTE, LIST_ITEM) and ":" in block.text:
                label = _LABEL.match(an.text, block.span.start, block.span.end)
                if label and _capitalised_label(label.group(1)):
                    counts[label.group(1)] += 1
        return counts

    def _list_item_status(self) -> dict[int, tuple[int, bool | None]]:
        """List item block -> (run id, True/False/None: its first word is capitalised/lowercase/absent)."""
        an = self.an
        status: dict[int, tuple[int, bool | None]] = {}
        run = -1
        previous = -2
        for block in an.blocks:
            if block.kind != LIST_ITEM:
                continue
            if block.index != previous + 1:
                run += 1
            previous = block.index
            first = TOKEN.search(an.text, block.span.start, block.span.end)
            value = None
            if first is not None and _only_lead(an.text[block.span.start : first.start()]) \
                    and not an.masked_before(first.start()):
                value = first.group()[0].isupper()
            status[block.index] = (run, value)
        return status

    def _list_item_start(self, first: re.Match, block, status) -> None:
        run, value = status[block.index]
        if value is not False:
            return
        siblings = [v for index, (r, v) in status.items() if r == run and index != block.index and v is not None]
        if len(siblings) >= 2 and all(siblings):
            self._start(first.start(), first.group(), "list", "")


def _capitalised_label(label: str) -> bool:
    """Every word capitalised, as in a name: "What it does:" is no speaker."""
    return all(word[0].isupper() or word in _LABEL_PARTICLES for word in label.split())


def _only_lead(lead: str) -> bool:
    """``lead`` (the text before a block's first word) holds only spaces, opening quotes, brackets, dashes."""
    return all(ch in _LEAD_CHARS for ch in lead)
