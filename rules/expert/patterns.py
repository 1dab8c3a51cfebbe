r"""The family's patterns, compiled on first use with the engine the text needs.

The patterns are written for the ``regex`` module: ``[\p{Lu}]`` and friends
tell capitals from lower case in any script. Importing ``regex`` and compiling
with it costs tens of milliseconds, more than a one-file pre-commit run can
spend, and news copy rarely needs it. So each pattern is compiled in one of two
ways, on first use and once per process:

* *plain* text, whose only non-ASCII characters are punctuation, symbols and
  spaces (curly quotes, dashes, the pound sign: nearly all English copy), is
  matched with stdlib ``re`` and the same pattern with ASCII classes
  (``[\p{Lu}]`` -> ``[A-Z]``). On such text both give the same matches: no
  character outside ASCII is a letter, digit or mark, or a word or space
  character for one engine and not the other (``test_expert.py`` checks this
  over every code point);
* any other text (accented names, other scripts) gets the ``regex`` patterns.

An article is classified once (``PatternPair.for_article``) and every pattern
used on it comes from the matching set.

Two more savings apply to plain text only, where letters are ASCII: a
case-insensitive pattern written in lower case runs case-sensitively on the
lowercased text (``LoweredPattern``; ``re`` compiles it three times faster),
and a phrase pattern whose every match holds some literal ("for joining us")
is compiled and run only on texts that hold it (``required_literals``,
``might_match``).
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from typing import Any, Callable

# Unicode properties and their ASCII equivalents on plain text. Patterns use
# them inside brackets only ("[\p{Lu}]"), so the replacement stays a class.
_ASCII_CLASSES = ((r"\p{Lu}", "A-Z"), (r"\p{Ll}", "a-z"), (r"\p{L}", "A-Za-z"), (r"\p{N}", "0-9"))

# Where the engines disagree even in ASCII: re's \s matches the information
# separators \x1c-\x1f, regex's does not.
_ASCII_MISMATCH = re.compile(r"[\x1c-\x1f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Punctuation, symbols, spaces, controls, format and private-use characters:
# neither letters, digits nor marks, and no word or space character for one
# engine only ...
_PLAIN_CATEGORIES = frozenset("Pd Ps Pe Pi Pf Po Sm Sc Sk So Zs Zl Zp Cc Cf Co".split())
# ... except these: circled and squared Latin letters (So, but alphabetic, so
# word characters for regex), the joiners ZWNJ and ZWJ (Cf, but word
# characters for regex). Connector punctuation (Pc) is left out above.
_NOT_PLAIN = ((0x24B6, 0x24E9), (0x1F130, 0x1F189), (0x200C, 0x200D))
# The typography of English copy (no-break space, pound, euro, curly quotes, dashes, ellipsis ...),
# known plain without a look-up: most articles then never import unicodedata.
COMMON_PLAIN = (
    "\u00a0\u00a3\u00a7\u00a9\u00ab\u00ae\u00b0\u00b7\u00bb\u2010\u2011\u2012\u2013\u2014\u2015"
    "\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2032\u2033\u2039\u203a\u20ac\u2122"
)
_verdicts: dict[str, bool] = dict.fromkeys(COMMON_PLAIN, True)


def plain_char(char: str) -> bool:
    """A non-ASCII character both engines treat alike (as no letter, digit, mark, word or space character)."""
    import unicodedata

    code = ord(char)
    if any(low <= code <= high for low, high in _NOT_PLAIN):
        return False
    return unicodedata.category(char) in _PLAIN_CATEGORIES


def is_plain(text: str) -> bool:
    """True when the ASCII patterns and stdlib ``re`` match this text exactly as the Unicode ones would."""
    if _ASCII_MISMATCH.search(text):
        return False
    if text.isascii():
        return True
    for char in set(_NON_ASCII.findall(text)):
        verdict = _verdicts.get(char)
        if verdict is None:
            verdict = _verdicts[char] = plain_char(char)
        if not verdict:
            return False
    return True


def _joins_range(members: str) -> bool:
    """Whether removing the curly apostrophe from a class could join its neighbours into a range ("a’-z")."""
    for quote in ("\\u2019", "\u2019"):
        at = members.find(quote)
        while at != -1:
            after = at + len(quote)
            if (at > 0 and members[at - 1] == "-") or (members[after : after + 1] == "-" and after + 1 < len(members)):
                return True
            at = members.find(quote, after)
    return False


def _quote_outside_classes(source: str) -> str:
    r"""``[a-z'\u2019]`` -> ``(?:[a-z']|\u2019{1})``: each class with the curly apostrophe and two or more other members."""
    out, i = [], 0
    while i < len(source):
        char = source[i]
        if char == "\\":
            out.append(source[i : i + 2])
            i += 2
        elif char == "[":
            end = _closing(source, i)
            members = source[i + 1 : end - 1]
            rest = members.replace("\\u2019", "").replace("\u2019", "")
            if members.startswith("^") or rest == members or len(rest) <= 1 or _joins_range(members):
                out.append(source[i:end])  # left alone: two runs at most (cheap for re), or unsafe to split
            else:
                out.append(f"(?:[{rest}]|\u2019{{1}})")
            i = end
        else:
            out.append(char)
            i += 1
    return "".join(out)


def ascii_source(source: str) -> str:
    r"""The pattern for stdlib ``re`` on plain text: ASCII classes for the Unicode properties.

    Also, the right single quotation mark (the curly apostrophe) leaves the
    classes it shares with other characters: ``[a-z'\u2019]`` becomes
    ``(?:[a-z']|\u2019{1})``, the same single character. ``re`` compiles a
    class with a character above U+00FF and more than two runs into a 64K-entry
    table (0.2 ms each, a dozen of them here), and the "{1}" keeps its parser
    from merging the branch back into one class.
    """
    for prop, ascii_class in _ASCII_CLASSES:
        source = source.replace(prop, ascii_class)
    if r"\p{" in source:
        raise ValueError(f"pattern has a Unicode property without an ASCII form: {source!r}")
    if "\u2019" in source or "\\u2019" in source:
        source = _quote_outside_classes(source)
    return source


def compile_pattern(source: str, ignorecase: bool = False, unicode: bool = False):
    """``source`` compiled with ``regex`` (unicode) or, with ASCII classes, with ``re``.

    A case-insensitive pattern for plain text whose letters are all lower case
    is compiled case-sensitively and run on the lowercased text
    (``LoweredPattern``): on plain text that finds the same matches, and
    ``re`` compiles it three times faster. The family's own patterns come
    ready-made from ``compiled_patterns`` (``shipped_pattern``).
    """
    if unicode:
        import regex

        return regex.compile(source, regex.I if ignorecase else 0)
    shipped = shipped_pattern(source, ignorecase)
    if shipped is not None:
        return shipped
    ascii_form, flags, lowered = plain_form(source, ignorecase)
    compiled = re.compile(ascii_form, flags)
    return LoweredPattern(compiled) if lowered else compiled


def plain_form(source: str, ignorecase: bool) -> tuple[str, int, bool]:
    """How a pattern is compiled for plain text: (``re`` source, flags, run on the lowercased text)."""
    ascii_form = ascii_source(source)
    if ignorecase and _lower_case_only(ascii_form):
        return ascii_form, 0, True
    return ascii_form, re.I if ignorecase else 0, False


# -- shipped programs ------------------------------------------------------------------
#
# Python's ``re`` parses and compiles a pattern in pure Python: the few dozen
# patterns a first article needs cost about 10 ms, half of a one-file run's
# family work. ``compiled_patterns.py`` holds what ``re`` would make of each
# static pattern of the family (its opcode list, flags and groups), written by
# ``python -m rules.expert.build_patterns``; ``_sre.compile`` turns an entry
# into the same Pattern object (``==`` compares the code) in microseconds. The
# programs are only valid for the Python they were built with: under any other
# (or for a pattern the file lacks) the pattern is compiled as usual.

CODE_TYPECODE = "I"  # array type of the packed opcode lists: unsigned 32-bit words, as _sre.CODESIZE says
_programs: dict | None = None


def shipped_programs() -> dict:
    """``{(source, ignorecase): program}`` built for this Python, or {} (then everything is compiled)."""
    global _programs
    if _programs is None:
        import _sre

        from rules.expert import compiled_patterns as shipped

        usable = (
            shipped.PYTHON == sys.version_info[:2]
            and shipped.MAGIC == _sre.MAGIC
            and shipped.BYTEORDER == sys.byteorder
            and memoryview(b"").cast(CODE_TYPECODE).itemsize == _sre.CODESIZE
        )
        _programs = shipped.PROGRAMS if usable else {}
    return _programs


def shipped_pattern(source: str, ignorecase: bool):
    """The shipped program of a plain-text pattern, as ``compile_pattern`` would return it; None if not shipped."""
    program = shipped_programs().get((source, ignorecase))
    if program is None:
        return None
    import _sre

    ascii_form, lowered, flags, packed, groups, groupindex, indexgroup = program
    code = memoryview(packed).cast(CODE_TYPECODE).tolist()
    compiled = _sre.compile(ascii_form, flags, code, groups, dict(groupindex), indexgroup)
    return LoweredPattern(compiled) if lowered else compiled


_POSITION_OR_CLASS_ESCAPE = re.compile(r"\\[bBsSwWdDAZ]")  # escapes that stand for no letter


def _lower_case_only(source: str) -> bool:
    """Whether a pattern names no capital letter and turns no flag off.

    Such a pattern matches lowercased plain text exactly as it matches the
    text case-insensitively. Escapes that could name a letter (\\x41, \\N{...})
    count as capitals, except the curly apostrophe's.
    """
    text = _POSITION_OR_CLASS_ESCAPE.sub("", source).replace("\\u2019", "")
    if text != text.lower():
        return False
    if re.search(r"\\[a-z0-9]", text):
        return False  # \\x, \\u, \\N, \\p, octal: not judged
    return not re.search(r"\(\?[a-z]*-", text)  # a scoped flag could turn case-insensitivity off


class LoweredMatch:
    """A match found in the lowercased text, reporting the original text."""

    __slots__ = ("_match", "string")

    def __init__(self, match: re.Match, string: str) -> None:
        self._match = match
        self.string = string

    def start(self, group=0) -> int:
        return self._match.start(group)

    def end(self, group=0) -> int:
        return self._match.end(group)

    def span(self, group=0) -> tuple[int, int]:
        return self._match.span(group)

    def group(self, group=0) -> str | None:
        start, end = self._match.span(group)
        return None if start < 0 else self.string[start:end]

    def __bool__(self) -> bool:
        return True


class LoweredPattern:
    """A case-insensitive pattern run, case-sensitively, on the lowercased text (plain text only)."""

    __slots__ = ("_pattern",)

    def __init__(self, pattern: re.Pattern) -> None:
        self._pattern = pattern

    def _wrap(self, match: re.Match | None, string: str) -> LoweredMatch | None:
        return None if match is None else LoweredMatch(match, string)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> LoweredMatch | None:
        return self._wrap(self._pattern.search(string.lower(), pos, endpos), string)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> LoweredMatch | None:
        return self._wrap(self._pattern.match(string.lower(), pos, endpos), string)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> LoweredMatch | None:
        return self._wrap(self._pattern.fullmatch(string.lower(), pos, endpos), string)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize):
        for match in self._pattern.finditer(string.lower(), pos, endpos):
            yield LoweredMatch(match, string)


def _closing(source: str, start: int) -> int:
    """Index just past the character class that opens at ``start``."""
    i = start + 1
    if source.startswith("^", i):
        i += 1
    if source.startswith("]", i):
        i += 1  # a leading "]" is a member
    while i < len(source) and source[i] != "]":
        i += 2 if source[i] == "\\" else 1
    return i + 1


# What is not a literal character in a pattern: escapes, groups, classes, alternation, quantifiers, anchors.
_SYNTAX = re.compile(r"\\.|[()\[|?*+{.^$]", re.S)
_REPEAT = re.compile(r"\{\d*(?:,\d*)?\}")


def _literal_runs(source: str) -> list[tuple[list[str], str | None]]:
    """Each top-level alternative: the runs of literal characters outside groups, classes and
    quantifiers (every match of the alternative holds each of them), and, when the alternative
    is a single non-capturing group, the group's inside."""
    alternatives: list[tuple[list[str], str | None]] = []
    runs: list[str] = []
    depth, last, alt_start, i = 0, 0, 0, 0
    group_start, single_group = -1, True
    for token in _SYNTAX.finditer(source):
        start, end = token.span()
        if start < i:
            continue  # inside a class or a repeat count skipped below
        char = token.group()[0]
        if depth == 0 and start > last:
            run = source[last:start]
            if char in "?*+" or (char == "{" and _REPEAT.match(source, start)):
                run = run[:-1]  # the quantifier makes the run's last character optional
            runs.append(run)
            single_group = False
        i = end
        if char == "[":
            i = _closing(source, start)
            single_group = single_group and depth > 0
        elif char == "{" and _REPEAT.match(source, start):
            i = _REPEAT.match(source, start).end()
        elif char == "(":
            if depth == 0:
                single_group = single_group and start == alt_start and source.startswith("(?:", start)
                group_start = start
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            inner = source[group_start + 3 : start - 1] if single_group and group_start == alt_start else None
            alternatives.append((runs, inner))
            runs, alt_start, single_group = [], end, True
        elif depth == 0:
            single_group = False  # an escape, a quantifier or an anchor outside the group
        last = i
    if last < len(source):
        runs.append(source[last:])
        single_group = False
    whole_group = single_group and group_start == alt_start and source.endswith(")")
    inner = source[group_start + 3 : len(source) - 1] if whole_group else None
    alternatives.append((runs, inner))
    return alternatives


@lru_cache(maxsize=256)
def required_literals(source: str, minimum: int = 4) -> tuple[str, ...] | None:
    """Lowercased strings, one of which every match of the case-insensitive pattern holds; None when unknown.

    A cheap test before compiling or running a phrase pattern on plain
    text: "\\bthank(?:s| you) for joining us\\b" cannot match a text whose
    lowercased form lacks " for joining us".
    """
    alternatives = _literal_runs(source)
    literals: list[str] = []
    for runs, inner in alternatives:
        if inner is not None and len(alternatives) > 1:
            found = required_literals(inner, minimum)  # "(?:A)|(?:B)": look inside each group
            if found is None:
                return None
            literals.extend(found)
            continue
        longest = max(runs, key=len, default="")
        if len(longest.strip()) < minimum:
            return None
        literals.append(longest.lower())
    return tuple(literals)


def might_match(P: "Patterns", literals: tuple[str, ...] | None, lowered: str) -> bool:
    """False when a case-insensitive pattern of ``P`` cannot match a text (plain text without its required literals).

    ``lowered`` is the text lowercased. Only plain text is tested (its letters
    are ASCII, so case-insensitive matching is matching lowercased text).
    """
    return P.unicode or literals is None or any(literal in lowered for literal in literals)


class Patterns:
    """Named patterns for one engine, each compiled on first access.

    ``sources`` returns ``{name: (source, ignorecase)}``; it is called once,
    on the first access, so word lists it reads load only when needed.
    """

    def __init__(self, sources: Callable[[], dict[str, tuple[str, bool]]], unicode: bool) -> None:
        self._build_sources = sources
        self._sources: dict[str, tuple[str, bool]] | None = None
        self.unicode = unicode

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        if self._sources is None:
            self._sources = self._build_sources()
        try:
            source, ignorecase = self._sources[name]
        except KeyError:
            raise AttributeError(name) from None
        compiled = compile_pattern(source, ignorecase, self.unicode)
        setattr(self, name, compiled)  # later look-ups find the attribute and skip __getattr__
        return compiled


class PatternPair:
    """The plain (stdlib) and Unicode (regex) sets of the same patterns."""

    def __init__(self, sources: Callable[[], dict[str, tuple[str, bool]]]) -> None:
        self.sources = sources  # for build_patterns
        self.plain = Patterns(sources, unicode=False)
        self.unicode = Patterns(sources, unicode=True)

    def for_text(self, text: str) -> Patterns:
        return self.plain if is_plain(text) else self.unicode

    def for_article(self, article) -> Patterns:
        return self.plain if plain_article(article) else self.unicode


def plain_article(article) -> bool:
    """Whether the article's masked text is plain (computed once per article)."""
    return article.memo("expert.plain", lambda a: is_plain(a.masked))
