"""The article model and the built-in loaders for plain text and Markdown.

Rules read ``Article.masked``: the text with directives, front matter and
Markdown markup blanked to spaces (newlines kept), so every offset found
there is valid in ``Article.text``.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any, Callable, TypeVar

from lint.model import Location, Span
from lint.resources import lazy_pattern
from lint.text import LineIndex, Quotation, Sentence, find_quotations, split_sentences
from lint.values import Frozen

_set = object.__setattr__  # how a frozen value sets its own fields

T = TypeVar("T")

HEADLINE = "headline"
HEADING = "heading"
PARAGRAPH = "paragraph"
LIST_ITEM = "list_item"
BLOCKQUOTE = "blockquote"
CODE = "code"

PROSE_KINDS = frozenset({HEADLINE, HEADING, PARAGRAPH, LIST_ITEM, BLOCKQUOTE})

TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")


class Block(Frozen):
    """A structural unit: headline, heading, paragraph, list item, block quote or code."""

    __slots__ = ("index", "kind", "span", "text", "level")
    index: int
    kind: str
    span: Span
    text: str  # the masked text of the block
    level: int  # heading level for Markdown headings

    def __init__(self, index: int, kind: str, span: Span, text: str, level: int = 0) -> None:
        _set(self, "index", index)
        _set(self, "kind", kind)
        _set(self, "span", span)
        _set(self, "text", text)
        _set(self, "level", level)

    @property
    def is_prose(self) -> bool:
        return self.kind in PROSE_KINDS


class LoadProblem(Frozen):
    """Something the loader could not read, reported as an internal diagnostic."""

    __slots__ = ("span", "message")
    span: Span
    message: str

    def __init__(self, span: Span, message: str) -> None:
        _set(self, "span", span)
        _set(self, "message", message)


class Article:
    """One loaded article: its text, a masked copy of equal length, its blocks,
    and analyses computed on first use and shared by every rule."""

    # No __slots__: the shared analyses are functools.cached_property values.
    def __init__(self, path: str, text: str, masked: str, blocks: list[Block], meta: dict[str, Any] | None = None,
                 format: str = "text", problems: list[LoadProblem] | None = None,
                 metrics: dict[str, Any] | None = None) -> None:
        self.path = path
        self.text = text
        self.masked = masked
        self.blocks = blocks
        self.meta: dict[str, Any] = {} if meta is None else meta
        self.format = format
        self.problems: list[LoadProblem] = [] if problems is None else problems
        self.metrics: dict[str, Any] = {} if metrics is None else metrics
        self._cache: dict[str, Any] = {}

    def __repr__(self) -> str:
        return f"Article(path={self.path!r}, format={self.format!r}, blocks={len(self.blocks)})"

    def release(self) -> None:
        """Drop the shared analyses once every rule is done with the article.

        Rules memoise objects that may point back at the article; dropping them
        here frees the article by reference counting instead of leaving a
        cycle for the garbage collector to find, which cost a corpus run about
        0.1 ms per article.
        """
        self._cache.clear()
        for name in ("lines", "sentences", "quotations", "lowered"):
            self.__dict__.pop(name, None)

    # -- shared, lazily computed analyses ---------------------------------

    def memo(self, key: str, factory: Callable[["Article"], T]) -> T:
        """Compute an analysis once per article and share it between rules."""
        try:
            return self._cache[key]
        except KeyError:
            value = self._cache[key] = factory(self)
            return value

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    @cached_property
    def sentences(self) -> list[Sentence]:
        out: list[Sentence] = []
        for block in self.blocks:
            if block.kind == CODE:
                continue
            for span in split_sentences(self.masked, block.span.start, block.span.end):
                out.append(Sentence(span, block.index))
        return out

    @cached_property
    def quotations(self) -> list[Quotation]:
        spans = [b.span for b in self.blocks]
        paragraph_like = [b.kind in (PARAGRAPH, BLOCKQUOTE, LIST_ITEM) for b in self.blocks]
        return find_quotations(self.masked, spans, paragraph_like)

    @cached_property
    def lowered(self) -> str:
        """``masked`` lower-cased character for character, so offsets stay valid.

        The few characters that grow when lower-cased ("\u0130" -> "i" + dot) are kept as they are.
        """
        low = self.masked.lower()
        if len(low) == len(self.masked):
            return low
        return "".join(c.lower() if len(c.lower()) == 1 else c for c in self.masked)

    @property
    def headline(self) -> Block | None:
        for block in self.blocks:
            if block.kind == HEADLINE:
                return block
        return None

    @property
    def title(self) -> str:
        """The headline text, or the front-matter title when there is no headline block."""
        block = self.headline
        if block is not None:
            return block.text.strip()
        return str(self.meta.get("title") or "")

    @property
    def language(self) -> str | None:
        lang = self.meta.get("lang") or self.meta.get("language")
        return str(lang) if lang else None

    # -- positions ----------------------------------------------------------

    def location(self, span: Span) -> Location:
        line, column = self.lines.position(span.start)
        end_line, end_column = self.lines.position(span.end)
        return Location(self.path, line, column, end_line, end_column)

    def block_at(self, offset: int) -> Block | None:
        for block in self.blocks:
            if block.span.start <= offset <= block.span.end:
                return block
        return None

    def sentences_in(self, block: Block) -> list[Sentence]:
        return [s for s in self.sentences if s.block == block.index]

    def excerpt(self, span: Span, limit: int = 120) -> str:
        snippet = self.text[span.start : span.end]
        snippet = " ".join(snippet.split())
        return snippet if len(snippet) <= limit else snippet[: limit - 1] + "\u2026"


# --------------------------------------------------------------------------
# Masking helpers

_DIRECTIVE = re.compile(r"<!--.*?-->", re.S)


def blank(chars: list[str], start: int, end: int) -> None:
    """Replace ``chars[start:end]`` with spaces, keeping newlines."""
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


def _mask_comments(text: str, chars: list[str]) -> None:
    if "<!--" in text:
        for match in _DIRECTIVE.finditer(text):
            blank(chars, match.start(), match.end())


# --------------------------------------------------------------------------
# Plain text

_LIST_MARKER = re.compile(r"[ \t]*(?:[-*+\u2022\u2013]|\d{1,3}[.)])[ \t]+")
_TERMINAL = frozenset(".!,;:\"\u201d\u2019)\u2026")
_WORDS = re.compile(r"[^\W\d_][\w'\u2019.-]*")
_MINOR_WORDS = frozenset(
    "a an and as at but by for from in into of on or over the to up via with vs nor per than".split()
)


def looks_like_heading(line: str) -> bool:
    """A short line in title case without closing punctuation (plain-text crossheads)."""
    stripped = line.strip()
    if not stripped or stripped[-1] in _TERMINAL:
        return False
    words = _WORDS.findall(stripped)
    if not words or len(words) > 16:
        return False
    if not (stripped[0].isupper() or stripped[0].isdigit()):
        return False
    content = [w for w in words if w.lower() not in _MINOR_WORDS]
    if not content:
        return False
    capitalised = sum(1 for w in content if w[0].isupper())
    return capitalised / len(content) >= 0.6


def load_text(path: str, text: str) -> Article:
    """Plain text: one paragraph per line or per run of lines; first non-blank line is the headline."""
    chars = list(text)
    _mask_comments(text, chars)
    comments_masked = "".join(chars)
    blocks: list[Block] = []
    pos = 0
    length = len(comments_masked)
    while pos < length:
        eol = comments_masked.find("\n", pos)
        if eol == -1:
            eol = length
        line = comments_masked[pos:eol]
        if line.strip():
            start = pos + (len(line) - len(line.lstrip()))
            end = pos + len(line.rstrip())
            kind = PARAGRAPH
            marker = _LIST_MARKER.match(line)
            if not blocks:
                kind = HEADLINE
            elif marker and marker.end() < len(line):
                # Blank the marker so rules see the item's own text ("- prohibiting" -> "prohibiting").
                kind = LIST_ITEM
                chars[pos : pos + marker.end()] = " " * marker.end()
                start = pos + marker.end()
            elif looks_like_heading(line):
                kind = HEADING
            blocks.append(Block(len(blocks), kind, Span(start, end), "".join(chars[start:end])))
        pos = eol + 1
    return Article(path=path, text=text, masked="".join(chars), blocks=blocks, format="text")


# --------------------------------------------------------------------------
# Markdown

# Markdown syntax: compiled on the first Markdown file, so plain-text runs never pay for it.
_FRONT_MATTER = lazy_pattern(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_ATX = lazy_pattern(r"([ \t]{0,3})(#{1,6})([ \t]+|$)")
_ATX_CLOSING = lazy_pattern(r"[ \t]+#+[ \t]*$")
_SETEXT = lazy_pattern(r"[ \t]{0,3}(=+|-+)[ \t]*$")
_FENCE = lazy_pattern(r"[ \t]{0,3}(`{3,}|~{3,})")
_BLOCKQUOTE = lazy_pattern(r"[ \t]{0,3}>[ \t]?")
_HR = lazy_pattern(r"[ \t]{0,3}([-*_])([ \t]*\1){2,}[ \t]*$")
_INLINE_CODE = lazy_pattern(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_IMAGE = lazy_pattern(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = lazy_pattern(r"(\[)([^\]\n]+)(\]\([^)\n]*\)|\]\[[^\]\n]*\])")
_AUTOLINK = lazy_pattern(r"<(?:https?|mailto|ftp):[^>\s]+>")
_HTML_TAG = lazy_pattern(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_EMPHASIS = lazy_pattern(r"(?<![\w*_\\])(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*_])")


def load_markdown(path: str, text: str) -> Article:
    chars = list(text)
    meta: dict[str, Any] = {}
    problems: list[LoadProblem] = []
    body_start = 0
    match = _FRONT_MATTER().match(text)
    if match:
        body_start = match.end()
        meta, problem = _parse_front_matter(match.group(1) or "", match.start(1) if match.group(1) else 0)
        if problem:
            problems.append(problem)
        blank(chars, 0, body_start)
    _mask_comments(text, chars)

    blocks: list[Block] = []
    raw_blocks = _markdown_blocks(text, body_start, chars)
    for kind, start, end, level in raw_blocks:
        _mask_inline(chars, start, end, kind)
    masked = "".join(chars)
    saw_heading = False
    for kind, start, end, level in raw_blocks:
        visible = text if kind == CODE else masked  # code is blanked but still a block
        while start < end and visible[start].isspace():
            start += 1
        while end > start and visible[end - 1].isspace():
            end -= 1
        if start >= end:
            continue
        if kind == HEADING and level == 1 and not blocks and not saw_heading:
            kind = HEADLINE
        saw_heading = saw_heading or kind == HEADING
        blocks.append(Block(len(blocks), kind, Span(start, end), masked[start:end], level))
    return Article(path=path, text=text, masked=masked, blocks=blocks, meta=meta, format="markdown", problems=problems)


def _parse_front_matter(source: str, offset: int) -> tuple[dict[str, Any], LoadProblem | None]:
    import yaml  # only Markdown with front matter needs it

    try:
        data = yaml.safe_load(source) if source.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = offset + (mark.index if mark is not None else 0)
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return {}, LoadProblem(Span(where, where), f"front matter is not valid YAML ({reason}); it was ignored")
    if not isinstance(data, dict):
        return {}, LoadProblem(Span(offset, offset), "front matter must be a mapping of keys to values; it was ignored")
    meta = {str(k): v for k, v in data.items()}
    for key in ("title", "lang", "language", "author", "url"):
        if key in meta and meta[key] is not None and not isinstance(meta[key], str):
            meta[key] = str(meta[key])
    return meta, None


def _markdown_blocks(text: str, start: int, chars: list[str]) -> list[tuple[str, int, int, int]]:
    """Split the body into (kind, start, end, level) and blank block markers in ``chars``."""
    blocks: list[tuple[str, int, int, int]] = []
    lines: list[tuple[int, int]] = []
    pos = start
    while pos <= len(text):
        eol = text.find("\n", pos)
        if eol == -1:
            eol = len(text)
        lines.append((pos, eol))
        if eol == len(text):
            break
        pos = eol + 1

    masked_line = lambda s, e: "".join(chars[s:e])  # noqa: E731 - comments already blanked
    i = 0
    paragraph: list[tuple[int, int]] = []
    current_kind = PARAGRAPH

    def flush() -> None:
        nonlocal paragraph, current_kind
        if paragraph:
            blocks.append((current_kind, paragraph[0][0], paragraph[-1][1], 0))
        paragraph = []
        current_kind = PARAGRAPH

    while i < len(lines):
        s, e = lines[i]
        line = masked_line(s, e)
        if not line.strip():
            flush()
            i += 1
            continue
        fence = _FENCE().match(line)
        if fence:
            flush()
            marker = fence.group(1)
            j = i + 1
            while j < len(lines) and not masked_line(*lines[j]).strip().startswith(marker):
                j += 1
            end = lines[min(j, len(lines) - 1)][1]
            blank(chars, s, end)
            blocks.append((CODE, s, end, 0))
            i = j + 1
            continue
        atx = _ATX().match(line)
        if atx:
            flush()
            blank(chars, s, s + atx.end())
            closing = _ATX_CLOSING().search(line)
            if closing and closing.start() >= atx.end():
                blank(chars, s + closing.start(), e)
            blocks.append((HEADING, s, e, len(atx.group(2))))
            i += 1
            continue
        if paragraph and current_kind == PARAGRAPH and _SETEXT().match(line) and not _LIST_MARKER.match(line):
            level = 1 if line.strip()[0] == "=" else 2
            blank(chars, s, e)
            blocks.append((HEADING, paragraph[0][0], paragraph[-1][1], level))
            paragraph = []
            i += 1
            continue
        if _HR().match(line):
            flush()
            blank(chars, s, e)
            i += 1
            continue
        quote = _BLOCKQUOTE().match(line)
        if quote:
            if current_kind != BLOCKQUOTE:
                flush()
                current_kind = BLOCKQUOTE
            blank(chars, s, s + quote.end())
            paragraph.append((s, e))
            i += 1
            continue
        item = _LIST_MARKER.match(line)
        if item:
            flush()
            blank(chars, s, s + item.end())
            current_kind = LIST_ITEM
            paragraph.append((s, e))
            i += 1
            continue
        if current_kind == BLOCKQUOTE:
            flush()
        paragraph.append((s, e))
        i += 1
    flush()
    return blocks


def _mask_inline(chars: list[str], start: int, end: int, kind: str) -> None:
    if kind == CODE:
        return
    segment = "".join(chars[start:end])
    if not any(c in segment for c in "`[*_<!"):
        return
    for match in _INLINE_CODE().finditer(segment):
        blank(chars, start + match.start(), start + match.end())
    segment = "".join(chars[start:end])
    for match in _IMAGE().finditer(segment):
        blank(chars, start + match.start(), start + match.end())
    for match in _LINK().finditer(segment):
        blank(chars, start + match.start(1), start + match.end(1))
        blank(chars, start + match.start(3), start + match.end(3))
    for match in _AUTOLINK().finditer(segment):
        blank(chars, start + match.start(), start + match.end())
    for match in _HTML_TAG().finditer(segment):
        blank(chars, start + match.start(), start + match.end())
    segment = "".join(chars[start:end])
    for match in _EMPHASIS().finditer(segment):
        marker = len(match.group(1))
        blank(chars, start + match.start(), start + match.start() + marker)
        blank(chars, start + match.end() - marker, start + match.end())


LOADERS: dict[str, Callable[[str, str], Article]] = {}
for _suffix in TEXT_SUFFIXES:
    LOADERS[_suffix] = load_text
for _suffix in MARKDOWN_SUFFIXES:
    LOADERS[_suffix] = load_markdown
