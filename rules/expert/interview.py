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

from functools import lru_cache
from urllib.parse import urlparse

from lint.article import HEADING, Article, Block
from rules.expert.lexicon import lexicon
from rules.expert.patterns import PatternPair, Patterns, compile_pattern, might_match, required_literals
from rules.expert.record import Record

MEMO_KEY = "expert.interviews"
MIN_TURNS = 4
HEADER_WINDOW = 6  # blocks searched above the first turn for the header
MAX_GAP = 2  # non-turn blocks allowed between two turns
AFTER_WINDOW = 3  # blocks after the last turn searched for closers

_SHORT_BLOCK_WORDS = 12


def _sources() -> dict[str, tuple[str, bool]]:
    """Every pattern of the module: name -> (source, case-insensitive); compiled on first use (rules.expert.patterns)."""
    lex = lexicon().interview
    sources = {
        "label": (
            r"^(?P<label>(?:(?i:dr|prof|professor|mr|mrs|ms)\.?\s*)?[\p{L}][\p{L}\p{N}.'\u2019&-]*"
            r"(?:\s+[\p{L}][\p{L}\p{N}.'\u2019&-]*){0,4})\s*:\s+(?=\S)",
            False,
        ),
        "honorific_word": (r"(?i)^(?:dr|prof|professor|mr|mrs|ms)\.?$", False),
        "sentence_break": (r"(?<=[.!?])\s+|(?<=[.!?])(?=[\p{Lu}])", False),
        "headers": (lex.headers, True),
        "strong_header": (r"interview|q\s*&\s*a", True),
    }
    for group in ("answer_openers", "interviewer_stock", "closers"):
        for i, source in enumerate(getattr(lex, group)):
            sources[f"{group}{i}"] = (source, True)
    return sources


PATTERNS = PatternPair(_sources)


@lru_cache(maxsize=None)
def _group(group: str) -> tuple[tuple[str, tuple[str, ...] | None], ...]:
    """(pattern name, required literals) of each pattern of a lexicon group ("closers"), in the lexicon's order."""
    sources = getattr(lexicon().interview, group)
    return tuple((f"{group}{i}", required_literals(source)) for i, source in enumerate(sources))


class Turn(Record):
    __slots__ = ("block", "label", "key", "body")


class Interview(Record):
    __slots__ = (
        "header",  # the announcing line (or the first turn when there is none)
        "header_block",
        "first_turn",
        "last_turn",
        "interviewer",
        "interviewee",
        "site_label",
        "openers",  # stock phrases by the interviewee ("Absolutely.")
        "interviewer_stock",  # "Thank you for joining us"
        "closers",  # reader-engagement closers
        "header_template",
    )

    @property
    def template_count(self) -> int:
        return len(self.openers) + len(self.interviewer_stock) + len(self.closers)


def interviews(article: Article, site_names: tuple[str, ...] = ()) -> list[Interview]:
    return article.memo(f"{MEMO_KEY}:{'|'.join(site_names)}", lambda a: _find(a, site_names))


def _label_key(label: str) -> str:
    return "".join(c for c in label.casefold() if c.isalnum())


def _turn(P: Patterns, block: Block) -> Turn | None:
    if not block.is_prose or ":" not in block.text[:60]:
        return None
    match = P.label.match(block.text)
    if not match:
        return None
    label = match.group("label").strip()
    words = label.split()
    outlet_words = lexicon().interview.outlet_label_words
    for word in words:
        if P.honorific_word.match(word):
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
    P: Patterns | None = None
    for block in article.blocks:
        if not block.is_prose or ":" not in block.text[:60]:
            turn = None  # what _turn says, without choosing the patterns
        else:
            if P is None:
                P = PATTERNS.for_article(article)
            turn = _turn(P, block)
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


def _phrases(P: Patterns, group: str, texts) -> list[str]:
    """Distinct phrases of a lexicon group matched in the texts, in order, as written (for the message).

    A pattern is compiled and run only on texts that hold one of its
    required literals.
    """
    found: dict[str, str] = {}
    lowered = [text.lower() for text in texts]
    everything = "\n".join(lowered)
    entries = [(name, literals) for name, literals in _group(group) if might_match(P, literals, everything)]
    for text, lower in zip(texts, lowered):
        for name, literals in entries:
            if not might_match(P, literals, lower):
                continue
            for match in getattr(P, name).finditer(text):
                phrase = " ".join(match.group().split()).strip(" ,")
                found.setdefault(phrase.casefold().rstrip(".!,"), phrase)
    return list(found.values())


def _sentences(P: Patterns, text: str) -> list[str]:
    """Answers split into sentences, so that "Certainly." is seen wherever it stands."""
    return [s.strip() for s in P.sentence_break.split(text) if s.strip()]


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


@lru_cache(maxsize=64)
def _site_pattern(site: str):
    """The site-context pattern for a bare label word ("Stay tuned to Archyde"), for Unicode text."""
    import regex

    return compile_pattern(lexicon().interview.site_context.format(site=regex.escape(site)), True, unicode=True)


def _word_boundary(text: str, at: int) -> bool:
    r"""``\b`` at ``at``: a word character (as stdlib re's ``\w``) on one side only."""
    before = at > 0 and (text[at - 1].isalnum() or text[at - 1] == "_")
    after = at < len(text) and (text[at].isalnum() or text[at] == "_")
    return before != after


def _holds_phrase(lower: str, phrases: list[str]) -> bool:
    r"""Whether the lowercased plain text holds one of the phrases as whole words (``\b...\b``).

    On plain text this is what the site-context pattern finds: literal
    searches cost nothing to set up, while compiling a pattern for each site
    name cost a third of a first article's interview work.
    """
    for phrase in phrases:
        at = lower.find(phrase)
        while at != -1:
            if _word_boundary(lower, at) and _word_boundary(lower, at + len(phrase)):
                return True
            at = lower.find(phrase, at + 1)
    return False


def _site_named_elsewhere(P: Patterns, site: str, article: Article, turns: list[Turn]) -> bool:
    """Whether a block outside the Q&A uses the bare label word as the site's name ("Stay tuned to Archyde")."""
    label_blocks = {t.block for t in turns}
    texts = [block.text for block in article.blocks if block.index not in label_blocks]
    if P.unicode:
        return any(_site_pattern(site).search(text) for text in texts)
    phrases = [phrase.format(site=site.lower()) for phrase in lexicon().interview.site_phrases]
    return any(_holds_phrase(text.lower(), phrases) for text in texts)


def _is_site_label(P: Patterns, label: str, article: Article, turns: list[Turn], site_names: tuple[str, ...]) -> bool:
    lex = lexicon().interview
    words = [w.strip(".").casefold() for w in label.split()]
    core = [w for w in words if w not in lex.outlet_label_words]
    if not words or " ".join(words) in lex.generic_labels or (len(words) == 1 and words[0] in lex.generic_labels):
        return False
    if any(P.honorific_word.match(w) for w in words):
        return False
    known_sites = {s.casefold() for s in site_names} | set(_site_hosts(article))
    if any(w in known_sites for w in core) or label.casefold() in known_sites:
        return True
    if core and len(core) < len(words):
        return True  # "Archyde News Editor", "Daily Desk"
    if len(words) == 1:
        return _site_named_elsewhere(P, label.strip("."), article, turns)
    return False


def _asking(turns: list[Turn]) -> float:
    return sum("?" in t.body for t in turns) / len(turns)


def _find(article: Article, site_names: tuple[str, ...]) -> list[Interview]:
    out: list[Interview] = []
    blocks = article.blocks
    for run in _runs(article):
        if len(run) < MIN_TURNS:
            continue
        P = PATTERNS.for_article(article)
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

        answer_sentences = [s for t in answer_turns for s in _sentences(P, t.body)]
        openers = _phrases(P, "answer_openers", answer_sentences)
        stock = _phrases(P, "interviewer_stock", [t.body for t in interviewer_turns] + after)
        closers = _phrases(P, "closers", [t.body for t in run] + after)
        header_block, template = _header(P, blocks, first)
        out.append(
            Interview(
                header=blocks[header_block].span,
                header_block=header_block,
                first_turn=first,
                last_turn=last,
                interviewer=interviewer_turns[0].label,
                interviewee=by_label[interviewee][0].label,
                site_label=_is_site_label(P, interviewer_turns[0].label, article, run, site_names),
                openers=tuple(openers),
                interviewer_stock=tuple(p for p in stock if p.casefold() not in {o.casefold() for o in openers}),
                closers=tuple(closers),
                header_template=template,
            )
        )
    return out


def _header(P: Patterns, blocks: list[Block], first_turn: int) -> tuple[int, str]:
    """The block announcing the interview: "Interview ..." first, then "we sat down with"."""
    literals = _header_literals()
    best: tuple[int, str] | None = None
    for index in range(first_turn - 1, max(-1, first_turn - 1 - HEADER_WINDOW), -1):
        if not might_match(P, literals, blocks[index].text.lower()):
            continue
        match = P.headers.search(blocks[index].text)
        if not match:
            continue
        phrase = " ".join(match.group().split())
        if P.strong_header.search(phrase):
            return index, phrase
        if best is None:
            best = (index, phrase)
    return best if best is not None else (first_turn, "")


@lru_cache(maxsize=1)
def _header_literals() -> tuple[str, ...] | None:
    return required_literals(lexicon().interview.headers)
