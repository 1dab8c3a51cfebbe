"""Q&A blocks (labelled turns) and the template markers of generated interviews.

A Q&A block is a run of paragraphs that open with a speaker label
("Archyde News Editor: ...", "Dr. Ivanova: ..."), at least four turns by at
least two speakers, one of whom (the interviewer) mostly asks questions.
Headings and short lines between turns ("On Trump's Stance") do not end
the block. The *header* is the line that announces the interview
("Interview with Dr. ...", "Exclusive Interview: ..."): findings sit there,
never on a span over the whole block.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlparse

import regex

from lint.article import HEADING, Article, Block
from lint.model import Span
from rules.expert.lexicon import lexicon

MEMO_KEY = "expert.interviews"
MIN_TURNS = 4
HEADER_WINDOW = 6  # blocks searched above the first turn for the header
MAX_GAP = 2  # non-turn blocks allowed between two turns
AFTER_WINDOW = 3  # blocks after the last turn searched for closers

_LABEL = regex.compile(
    r"^(?P<label>(?:(?i:dr|prof|professor|mr|mrs|ms)\.?\s*)?[\p{L}][\p{L}\p{N}.'\u2019&-]*"
    r"(?:\s+[\p{L}][\p{L}\p{N}.'\u2019&-]*){0,4})\s*:\s+(?=\S)"
)
_HONORIFIC_WORD = regex.compile(r"(?i)^(?:dr|prof|professor|mr|mrs|ms)\.?$")
_SHORT_BLOCK_WORDS = 12
_SENTENCE_BREAK = regex.compile(r"(?<=[.!?])\s+|(?<=[.!?])(?=\p{Lu})")
_STRONG_HEADER = regex.compile(r"interview|q\s*&\s*a", regex.I)


@dataclass(frozen=True)
class Turn:
    block: int
    label: str
    key: str
    body: str


@dataclass(frozen=True)
class Interview:
    header: Span  # the announcing line (or the first turn when there is none)
    header_block: int
    first_turn: int
    last_turn: int
    interviewer: str
    interviewee: str
    site_label: bool
    openers: tuple[str, ...]  # stock phrases by the interviewee ("Absolutely.")
    interviewer_stock: tuple[str, ...]  # "Thank you for joining us"
    closers: tuple[str, ...]  # reader-engagement closers
    header_template: str

    @property
    def template_count(self) -> int:
        return len(self.openers) + len(self.interviewer_stock) + len(self.closers)


def interviews(article: Article, site_names: tuple[str, ...] = ()) -> list[Interview]:
    return article.memo(f"{MEMO_KEY}:{'|'.join(site_names)}", lambda a: _find(a, site_names))


def _label_key(label: str) -> str:
    return "".join(c for c in label.casefold() if c.isalnum())


def _turn(block: Block) -> Turn | None:
    if not block.is_prose or ":" not in block.text[:60]:
        return None
    match = _LABEL.match(block.text)
    if not match:
        return None
    label = match.group("label").strip()
    words = label.split()
    outlet_words = lexicon().interview.outlet_label_words
    for word in words:
        if _HONORIFIC_WORD.match(word):
            continue  # "dr. Elena Sokolov:" keeps its label despite the lowercase
        # Lowercase words only where case drift hits an outlet label ("Archyde news Editor").
        if word[0].islower() and word.casefold().strip(".") not in outlet_words:
            return None
    return Turn(block.index, label, _label_key(label), block.text[match.end() :])


def _word_count(text: str) -> int:
    return len(text.split())


def _runs(article: Article) -> list[list[Turn]]:
    runs: list[list[Turn]] = []
    current: list[Turn] = []
    gap = 0
    for block in article.blocks:
        turn = _turn(block)
        if turn is not None:
            current.append(turn)
            gap = 0
            continue
        if current and gap < MAX_GAP and (block.kind == HEADING or _word_count(block.text) <= _SHORT_BLOCK_WORDS):
            gap += 1
            continue
        if current:
            runs.append(current)
        current, gap = [], 0
    if current:
        runs.append(current)
    return runs


def _phrases(patterns, texts) -> list[str]:
    """Distinct matched phrases, in order, as written (for the message)."""
    found: dict[str, str] = {}
    for text in texts:
        for pattern in patterns:
            for match in pattern.finditer(text):
                phrase = " ".join(match.group().split()).strip(" ,")
                found.setdefault(phrase.casefold().rstrip(".!,"), phrase)
    return list(found.values())


def _sentences(text: str) -> list[str]:
    """Answers split into sentences, so that "Certainly." is seen wherever it stands."""
    return [s.strip() for s in _SENTENCE_BREAK.split(text) if s.strip()]


def _site_hosts(article: Article) -> list[str]:
    out = []
    for key in ("site", "publisher", "source", "url"):
        value = article.meta.get(key)
        if not value:
            continue
        value = str(value)
        if key == "url":
            host = urlparse(value).hostname or ""
            out.extend(part for part in host.split(".") if part not in ("www", "com", "org", "net", "co", "uk"))
        else:
            out.append(value)
    return [v.casefold() for v in out if v]


def _is_site_label(label: str, article: Article, turns: list[Turn], site_names: tuple[str, ...]) -> bool:
    lex = lexicon().interview
    words = [w.strip(".").casefold() for w in label.split()]
    core = [w for w in words if w not in lex.outlet_label_words]
    if not words or " ".join(words) in lex.generic_labels or (len(words) == 1 and words[0] in lex.generic_labels):
        return False
    if any(_HONORIFIC_WORD.match(w) for w in words):
        return False
    known_sites = {s.casefold() for s in site_names} | set(_site_hosts(article))
    if any(w in known_sites for w in core) or label.casefold() in known_sites:
        return True
    if core and len(core) < len(words):
        return True  # "Archyde News Editor", "Daily Desk"
    if len(words) == 1:
        # A bare label word that the article also uses as the site's name ("Stay tuned to Archyde").
        site = regex.escape(label.strip("."))
        pattern = regex.compile(lex.site_context.format(site=site), regex.I)
        label_blocks = {t.block for t in turns}
        for block in article.blocks:
            if block.index not in label_blocks and pattern.search(block.text):
                return True
    return False


def _asking(turns: list[Turn]) -> float:
    return sum("?" in t.body for t in turns) / len(turns)


def _find(article: Article, site_names: tuple[str, ...]) -> list[Interview]:
    lex = lexicon().interview
    out: list[Interview] = []
    blocks = article.blocks
    for run in _runs(article):
        if len(run) < MIN_TURNS:
            continue
        by_label: dict[str, list[Turn]] = {}
        for turn in run:
            by_label.setdefault(turn.key, []).append(turn)
        if len(by_label) < 2:
            continue
        # The interviewer asks: the label whose turns most often carry a question mark.
        interviewer_key = max(by_label, key=lambda k: (_asking(by_label[k]), len(by_label[k])))
        if _asking(by_label[interviewer_key]) < 0.5 or len(by_label[interviewer_key]) < 2:
            continue
        interviewer_turns = by_label[interviewer_key]
        answer_turns = [t for t in run if t.key != interviewer_key]
        interviewee = max(
            (k for k in by_label if k != interviewer_key), key=lambda k: len(by_label[k])
        )
        first, last = run[0].block, run[-1].block
        after = [b.text for b in blocks[last + 1 : last + 1 + AFTER_WINDOW]]

        answer_sentences = [s for t in answer_turns for s in _sentences(t.body)]
        openers = _phrases(lex.answer_openers, answer_sentences)
        stock = _phrases(lex.interviewer_stock, [t.body for t in interviewer_turns] + after)
        closers = _phrases(lex.closers, [t.body for t in run] + after)
        header_block, template = _header(blocks, first)
        out.append(
            Interview(
                header=blocks[header_block].span,
                header_block=header_block,
                first_turn=first,
                last_turn=last,
                interviewer=interviewer_turns[0].label,
                interviewee=by_label[interviewee][0].label,
                site_label=_is_site_label(interviewer_turns[0].label, article, run, site_names),
                openers=tuple(openers),
                interviewer_stock=tuple(p for p in stock if p.casefold() not in {o.casefold() for o in openers}),
                closers=tuple(closers),
                header_template=template,
            )
        )
    return out


def _header(blocks: list[Block], first_turn: int) -> tuple[int, str]:
    """The block announcing the interview: "Interview ..." first, then "we sat down with"."""
    pattern = lexicon().interview.headers
    best: tuple[int, str] | None = None
    for index in range(first_turn - 1, max(-1, first_turn - 1 - HEADER_WINDOW), -1):
        match = pattern.search(blocks[index].text)
        if not match:
            continue
        phrase = " ".join(match.group().split())
        if _STRONG_HEADER.search(phrase):
            return index, phrase
        if best is None:
            best = (index, phrase)
    return best if best is not None else (first_turn, "")
