"""Expert introductions and name mentions, computed once per article (``article.memo``).

An *introduction* presents someone (or an unnamed "a professor") as an
expert: a role head (analyst, fellow, economist ...) with, where the copy
gives them, a name, an honorific and an affiliation. The forms news uses:

* appositive:  Dr. Elena Sokolov, a senior fellow at the Eastern European Policy Institute
               David Frost, director general of the British Chambers of Commerce
* possessive:  Moody's chief economist Mark Zandi / Moody's chief economist
* prenominal:  senior fellow Fiona Hill of the Brookings Institution / Professor John Curtice of Strathclyde University
* "of":        Dr. Jane Doe of the Institute for X / Jane Doe of the Institute for X
* nameless:    a professor at the London School of Economics
* headers:     Interview with Dr. Elena Sokolov, Geopolitical Analyst and Senior Fellow at ...
               Exclusive Interview: Dr. Elena Ivanova on ...

*Mentions* are every "Dr./Prof. Name" in the text, which the persona rule
uses for forward references and inconsistent naming.

The work is anchored on role heads and honorifics (a handful per article),
found by literal searches of the lowercased article, so the cost stays
linear and small. Patterns are compiled on first use (``rules.expert.patterns``:
stdlib ``re`` for plain text, ``regex`` otherwise). The three big pieces, a
person with an honorific, a person without one and an institution name, are
compiled once each and combined in code (``_person_at``, ``_left_appositive``
...), each combination giving the match the single pattern it replaces
would give; compiling every combination as a pattern of its own would cost
more than the rest of a one-file run.
"""

from __future__ import annotations

import re

from lint.article import Article
from lint.model import Span
from rules.expert.lexicon import lexicon
from rules.expert.patterns import PatternPair, Patterns, compile_pattern
from rules.expert.record import Record

MEMO_KEY = "expert.analysis"

# -- building blocks (regex syntax; Unicode properties inside brackets only, see rules.expert.patterns) --

_HON = r"\b(?i:dr|prof|professor|doctor)\b\.?"
_NAME_TOK = r"[\p{Lu}][\p{Ll}'\u2019]*(?:[\p{Lu}][\p{Ll}]+)?[\p{Ll}](?:-[\p{Lu}]?[\p{Ll}]+)*(?![\p{L}\p{N}])"
_INITIALS = r"(?:\s+[\p{Lu}]\.)*"
_PARTICLE = r"(?:(?:van|von|de|der|den|da|di|du|del|della|le|la|bin|ibn|al|el|ter)\s+)?"
# With an honorific the first name may have lost its capital ("Dr. elena Ivanova").
_PERSON_HON = (
    rf"(?P<hon>{_HON})\s*(?P<name>(?:{_NAME_TOK}|[\p{{Ll}}]+(?=\s+[\p{{Lu}}])){_INITIALS}"
    rf"(?:\s+{_PARTICLE}{_NAME_TOK}){{0,2}})"
)
_PERSON_PLAIN = rf"(?P<pname>{_NAME_TOK}{_INITIALS}(?:\s+{_PARTICLE}{_NAME_TOK}){{1,2}})"

# A capitalised word of a name; inner periods ("U.S.") but no sentence-final one.
_ORG_TOK = (
    r"(?:(?:St|Mt|Ft)\.|[\p{Lu}](?:[\p{L}\p{N}&'\u2019-]|\.(?=[\p{L}]))*(?:(?<=\b[\p{Lu}])\.)?|\d[\p{L}\p{N}]*)"
)
_ORG_JOIN = r"(?:of|for|on|and|&|the|de|du|des|la|le|der|f\u00fcr|di|del|of\s+the|for\s+the|on\s+the|and\s+the)"
_ORG_RUN = rf"{_ORG_TOK}(?:(?:\s+{_ORG_JOIN})?\s+{_ORG_TOK})*"

# Role qualifiers and chains to the right of a head.
_STOP_WORDS = r"(?:at|with|from|of|for|in|on|to|and|or|who|which|that|said|says|told|the|a|an|is|was|has|had|will|would)\b"


def _sources() -> dict[str, tuple[str, bool]]:
    """Every pattern of the module: name -> (source, case-insensitive)."""
    heads = lexicon().role_head_alternation
    return {
        # The three big pieces.
        "person_hon": (_PERSON_HON, False),  # also every honorific mention
        "person_plain": (_PERSON_PLAIN, False),
        "org": (_ORG_RUN, False),
        # What may stand between them.
        "honorific_word": (r"\b(?i:dr|prof|professor|doctor)\b", False),  # where person_hon can start
        "capital": (r"[\p{Lu}]", False),  # where person_plain can start
        "org_start": (r"[\p{Lu}\d]", False),  # where org can start
        "spaces": (r"\s*", False),
        "trailing_spaces": (r"\s+$", False),
        "appositive_tail": (r"\s*(?:(?:a|an|the)\s+)?", False),  # after the comma of "Name, a ..."
        "person_lead": (r"\s*,?\s+", False),
        "affiliation_lead": (r"\s*,?\s+(?P<prep>at|with|from|of|for)\s+(?:the\s+)?", False),
        "parent_lead": (r"\s*,?\s+at\s+(?:the\s+)?", False),
        "honorific_of_lead": (r"\s*,?\s+(?:of|at|from)\s+(?:the\s+)?", False),
        "header_lead": (
            r"(?i:\binterview(?:\s+with|\s*:)|\bsat\s+down\s+with|\bspoke\s+with|\btalked\s+with|"
            r"\bin\s+conversation\s+with|\bq\s*&\s*a\s+with)\s+",
            False,
        ),
        # Small patterns.
        "non_space": (r"\S+", False),
        "initial": (r"[\p{Lu}]\.", False),
        "possessive_end": (r"['\u2019]s$", False),
        "possessive_or_plural_end": (r"['\u2019]s?$", False),
        "words": (r"[\p{L}'\u2019-]+", False),
        "leading_and": (r"(?:and|&)\s+", False),
        "and_split": (r"\s+(?:and|&)\s+", False),
        "abbreviation_end": (r"(?:\b[\p{Lu}]\.)+$|\b(?:Inc|Co|Corp|Ltd|St)\.$", False),
        # Cheap tests on the few characters before a role, run before the costlier name patterns.
        "comma_before": (r",\s*(?:(?:a|an|the)\s+)?$", False),
        "apostrophe_before": (r"['\u2019]s?\s+$", False),
        "of_the": (r"\s+of\s+the\s+(?=[\p{Lu}])", False),
        "qual_lower": (
            rf"\s+(?:of|in|on|for)\s+(?!{_STOP_WORDS})[\p{{Ll}}][\p{{Ll}}-]*(?:\s+(?:and\s+)?(?!{_STOP_WORDS})[\p{{Ll}}][\p{{Ll}}-]*){{0,2}}",
            False,
        ),
        "qual_upper": (
            r"\s+(?:of|in)\s+[\p{Lu}][\p{Ll}]+(?:\s+(?:and\s+)?[\p{Lu}][\p{Ll}]+){0,2}(?=\s*,?\s+(?:at|with|from)\s)",
            False,
        ),
        "general": (r"\s+general\b", True),
        "qualifier_lead": (r"\s+(?:of|in|on|for)\s", False),  # how qual_upper and qual_lower start
        "chain": (r"\s+(?:and|&)\s+", False),
        "saying": (r"\b(?:said|says|told|added|warned|explained|argued|noted|wrote|according)\b", True),
        "possessive_token": (r"['\u2019]s?(?=\s|$)", False),
        "trailing": (r"(?:\s+(?:of|for|on|and|&|the|de|du|des|la|le|der|di|del))+$|[.,'\u2019]+$", False),
        # Role heads in any case, for short windows.
        "role_head": (rf"\b(?:{heads})\b", True),
    }


PATTERNS = PatternPair(_sources)

# Titles and labels that may stand before a name ("Secretary Patricia Hewitt"): dropped from the front.
_TITLES = frozenset(
    """president minister secretary chancellor senator governor general colonel captain commander chief
    director professor prime foreign deputy mayor king queen prince princess pope bishop archbishop judge
    justice ambassador envoy spokesman spokeswoman spokesperson chairman chairwoman chair leader officer
    inspector sergeant detective constable agent analyst editor reporter correspondent economist fellow
    senior former interview exclusive with mr mrs ms miss sir dame lord lady dr doctor prof the a an
    geopolitical political associate""".split()
)
# Words that are never part of a person's name (months that are also first names are left out).
_NEVER_NAME = frozenset(
    """january february march july september october november december monday tuesday wednesday
    thursday friday saturday sunday institute university college centre center council foundation bank
    group news school academy society agency association observatory forum network department ministry
    office committee commission house party club union league federation republic kingdom states nations
    america europe russia ukraine china britain london moscow washington kremlin nato analysis
    introduction conclusion update""".split()
)
_PARTICLES = ("van", "von", "de", "der", "den", "da", "di", "du", "del", "le", "la", "al", "el", "bin")
_HONORIFICS = {"dr": "Dr", "doctor": "Dr", "prof": "Prof", "professor": "Prof"}


class Person(Record):
    # honorific: "Dr" / "Prof" / "" (normalised); first: "" when only the surname is given
    __slots__ = ("span", "honorific", "first", "surname")

    @property
    def full(self) -> str:
        return f"{self.first} {self.surname}".strip()

    @property
    def display(self) -> str:
        return f"{self.honorific}. {self.full}" if self.honorific else self.full


class OrgPart(Record):
    __slots__ = ("text", "span")


class Affiliation(Record):
    __slots__ = ("span", "parts")  # parts: "Brookings Institution's Foreign Policy program" -> two OrgParts

    @property
    def text(self) -> str:
        return self.parts[0].text


class Intro(Record):
    __slots__ = (
        "span",
        "block",
        "person",  # Person | None
        "roles",  # normalised: ("geopolitical analyst", "senior fellow")
        "puffery",
        "affiliation",  # Affiliation | None
        "form",  # appositive, possessive, prenominal, of, nameless, header
    )


class Mention(Record):
    __slots__ = ("span", "block", "honorific", "first", "surname")


class ExpertAnalysis:
    __slots__ = ("intros", "mentions", "interviewees")

    def __init__(self) -> None:
        self.intros: list[Intro] = []
        self.mentions: list[Mention] = []
        self.interviewees: list[Person] = []  # named in an interview header

    def __repr__(self) -> str:
        return f"ExpertAnalysis(intros={self.intros!r}, mentions={self.mentions!r}, interviewees={self.interviewees!r})"

    @property
    def persons(self) -> list[Person]:
        """Everyone presented as an expert, in text order."""
        people = [i.person for i in self.intros if i.person is not None] + self.interviewees
        return sorted(people, key=lambda p: p.span.start)


def analyse(article: Article) -> ExpertAnalysis:
    return article.memo(MEMO_KEY, _analyse)


# -- the extractor ---------------------------------------------------------------


def _normal_honorific(raw: str | None) -> str:
    if not raw:
        return ""
    return _HONORIFICS.get(raw.strip().rstrip(".").casefold(), "")


def _make_person(P: Patterns, match, offset: int, honorific: str = "") -> Person | None:
    """A Person from a person_hon or person_plain match; None when the words are titles, not a name."""
    groups = match.groupdict()
    if groups.get("name"):
        name_group = "name"
        honorific = _normal_honorific(groups.get("hon"))
        start = match.start("hon")
    else:
        name_group = "pname"
        start = match.start("pname")
    tokens = match.group(name_group).split()
    token_starts = [m.start() + match.start(name_group) for m in P.non_space.finditer(match.group(name_group))]
    # Drop leading titles: "Secretary Patricia Hewitt" -> "Patricia Hewitt".
    while tokens and tokens[0].casefold().rstrip(".") in _TITLES:
        tokens.pop(0)
        token_starts.pop(0)
        if name_group == "pname":
            start = token_starts[0] if token_starts else start
    tokens = [t for t in tokens if not P.initial.fullmatch(t)]  # middle initials
    if tokens and P.possessive_end.search(tokens[-1]):
        tokens[-1] = tokens[-1][:-2]  # "Dr. Ivanova's insights"
    if not tokens or any(t.casefold() in _NEVER_NAME for t in tokens):
        return None
    if len(tokens) == 1 and not honorific:
        return None
    first = tokens[0] if len(tokens) > 1 else ""
    surname = tokens[-1]
    if len(tokens) > 2 and tokens[-2].casefold() in _PARTICLES:
        surname = " ".join(tokens[-2:])
    return Person(Span(offset + start, offset + match.end(name_group)), honorific, first, surname)


# -- combinations of the big pieces -----------------------------------------------------
#
# Each function returns what one pattern built from the pieces would return.
# Two facts make the combinations exact: a person or an institution never
# starts with a space or a comma (so the space between two pieces is always
# taken whole), and when a person match is cut short (fewer names, fewer
# initials, a name cut at a hyphen or an apostrophe) the text after it is a
# name, an initial, a hyphen or an apostrophe, never the space-and-comma or
# space-and-"of" that the combinations need next. So the first match of each
# piece at a position is the one the combined pattern would use.


def _person_at(P: Patterns, text: str, pos: int, endpos: int | None = None):
    """(?:person_hon|person_plain) matched at ``pos``."""
    end = len(text) if endpos is None else endpos
    return P.person_hon.match(text, pos, end) or P.person_plain.match(text, pos, end)


def _person_starts(P: Patterns, text: str, lo: int, hi: int) -> list[int]:
    """Every position in [lo, hi) where a person match can start: an honorific or a capital."""
    starts = {m.start() for m in P.capital.finditer(text, lo, hi)}
    starts.update(m.start() for m in P.honorific_word.finditer(text, lo, hi))
    return sorted(starts)


def _left_appositive(P: Patterns, text: str, lo: int, hi: int):
    r"""``(?:PERSON)\s*,\s*(?:(?:a|an|the)\s+)?$`` searched in text[lo:hi]: "Dr. Jane Doe, a " before a role."""
    comma = text.rfind(",", lo, hi)
    if comma == -1 or not P.appositive_tail.fullmatch(text, comma + 1, hi):
        return None
    for start in _person_starts(P, text, lo, comma):
        for piece in (P.person_hon, P.person_plain):
            match = piece.match(text, start, hi)
            if match is not None and match.end() <= comma and P.spaces.fullmatch(text, match.end(), comma):
                return match
    return None


def _left_possessive(P: Patterns, text: str, lo: int, hi: int):
    r"""``(?P<org>ORG_RUN)\s*$`` searched in text[lo:hi]: "Moody's " before a role (the match is the org)."""
    space = P.trailing_spaces.search(text, lo, hi)
    end = space.start() if space is not None else hi
    for start in P.org_start.finditer(text, lo, end):
        match = P.org.fullmatch(text, start.start(), end)
        if match is not None:
            return match
    return None


def _left_plain(P: Patterns, text: str, lo: int, hi: int):
    """``PERSON_PLAIN$`` searched in text[lo:hi], where text[hi] starts the space before "of the"."""
    for start in P.capital.finditer(text, lo, hi):
        match = P.person_plain.fullmatch(text, start.start(), hi)
        if match is not None:
            return match
    return None


def _org_after(P: Patterns, lead, text: str, pos: int):
    """``lead`` then an institution, matched at ``pos``; the institution's match, or None."""
    match = lead.match(text, pos)
    return P.org.match(text, match.end()) if match is not None else None


def _honorific_of(P: Patterns, text: str):
    r"""(start, end, person, org) for each match of
    ``PERSON_HON\s*,?\s+(?:of|at|from)\s+(?:the\s+)?(?P<org>ORG_RUN)`` in text, as finditer gives them."""
    resume = 0
    for start in _honorific_starts(P, text):
        if start < resume:
            continue
        person = P.person_hon.match(text, start)
        if person is None:
            continue
        org = _org_after(P, P.honorific_of_lead, text, person.end())
        if org is None:
            continue
        yield start, org.end(), person, org
        resume = org.end()


def _honorific_starts(P: Patterns, text: str) -> list[int]:
    """Every position where ``honorific_word`` (and so ``person_hon``) can match, in order.

    On plain text a literal search of the lowercased text finds them (a few
    more, which the patterns then reject), instead of a case-insensitive
    scan of the whole paragraph, which ``re`` runs character by character.
    """
    if P.unicode:
        return [m.start() for m in P.honorific_word.finditer(text)]
    return [start for start, _ in honorific_spans(text.lower())]


def _honorific_persons(P: Patterns, text: str):
    """``person_hon.finditer(text)``, tried only where an honorific starts."""
    resume = 0
    for start in _honorific_starts(P, text):
        if start < resume:
            continue
        match = P.person_hon.match(text, start)
        if match is not None:
            yield match
            resume = match.end()


def _header_persons(P: Patterns, text: str):
    """The person of each "Interview with PERSON" (header_lead then a person) in text, as finditer gives them."""
    pos = 0
    while True:
        lead = P.header_lead.search(text, pos)
        if lead is None:
            return
        person = _person_at(P, text, lead.end())
        if person is None:
            pos = lead.start() + 1
            continue
        yield person
        pos = person.end()


# -- roles ---------------------------------------------------------------------------------


def _role_words(P: Patterns, text: str) -> list[str]:
    return P.words.findall(text)


def _word_before(text: str, end: int) -> tuple[int, str] | None:
    """The word that ends at the whitespace before ``end`` (a backward scan, no regex)."""
    i = end
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    if i == end:
        return None
    stop = i
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] in "'\u2019-&"):
        i -= 1
    return (i, text[i:stop]) if i < stop else None


_LOOSE_STOP = frozenset(("and", "of", "at", "with", "from", "for", "in", "on", "to", "by", "as", "is", "was"))


def _extend_left(P: Patterns, text: str, head_start: int, loose: bool) -> tuple[int, list[str]]:
    """Walk left over role modifiers ("senior", "chief"); loose also takes any lowercase word.

    Returns the new start and the puffery words passed over ("leading").
    """
    lex = lexicon()
    start = head_start
    puffery: list[str] = []
    taken = 0
    while taken < 5:
        found = _word_before(text, start)
        if found is None:
            break
        word_start, word = found
        lower = word.casefold()
        if lower in ("a", "an", "the"):
            break
        if lower in lex.puffery_words:
            puffery.append(lower)
        elif lower in lex.role_modifiers or lower in lex.role_heads:
            pass
        elif loose and word[0].islower() and not P.saying.fullmatch(word) and lower not in _LOOSE_STOP:
            pass
        elif loose and lower in ("and", "&") and taken > 0:
            pass
        else:
            break
        start = word_start
        taken += 1
    # A dangling "and" at the left edge is not part of the role.
    while True:
        match = P.leading_and.match(text, start)
        if not match:
            break
        start = match.end()
    return start, puffery[::-1]


def _extend_right(P: Patterns, text: str, head_end: int) -> int:
    """Walk right over qualifiers ("of economics") and chained roles ("and Senior Fellow")."""
    lex = lexicon()
    end = head_end
    for _ in range(4):
        match = None
        word = end
        while word < len(text) and text[word].isspace():
            word += 1
        if word > end and text[word : word + 7].lower() == "general":  # worth trying "\s+general\b"
            match = P.general.match(text, end)
        if match is None and P.qualifier_lead.match(text, end):
            match = P.qual_upper.match(text, end) or P.qual_lower.match(text, end)
        if match:
            end = match.end()
            continue
        chain = P.chain.match(text, end)
        if chain:
            head = _find_role_head(P, text, chain.end(), min(len(text), chain.end() + 60))
            if head:
                between = _role_words(P, text[chain.end() : head[0]])
                if all(w.casefold() in lex.role_modifiers or w.casefold() in lex.puffery_words for w in between):
                    end = head[1]
                    continue
        break
    return end


def _find_role_head(P: Patterns, text: str, lo: int = 0, hi: int | None = None) -> tuple[int, int] | None:
    """(start, end) of the first role head in text[lo:hi], any case: ``role_head.search(text, lo, hi)``.

    On plain text, literal searches of the lowercased text stand for the
    pattern (``_Triggers.search_role_head``), which then need not be compiled.
    """
    end = len(text) if hi is None else hi
    if P.unicode:
        match = P.role_head.search(text, lo, end)
        return match.span() if match else None
    return _triggers_for().search_role_head(text.lower(), lo, end)


def _normalise_role(P: Patterns, text: str) -> str:
    lex = lexicon()
    words = [w.casefold() for w in _role_words(P, text)]
    return " ".join(w for w in words if w not in lex.puffery_words and w not in ("a", "an", "the"))


def _split_roles(P: Patterns, text: str) -> tuple[str, ...]:
    """ "Geopolitical Analyst and Senior Fellow" -> ("geopolitical analyst", "senior fellow")."""
    parts = [p for p in P.and_split.split(text) if _find_role_head(P, p)] or [text]
    roles = [_normalise_role(P, p) for p in parts]
    return tuple(r for r in roles if r)


def _drop_nested(intros: list[Intro]) -> list[Intro]:
    """ "Andrew Burn, associate" inside "Andrew Burn, associate director of ...": keep the longer."""
    out: list[Intro] = []
    for intro in sorted(intros, key=lambda i: (i.span.start, -i.span.end)):
        if out and out[-1].span.contains(intro.span):
            continue
        if out and intro.span.contains(out[-1].span):
            out[-1] = intro
            continue
        out.append(intro)
    return out


def _affiliation(P: Patterns, text: str, pos: int, offset: int) -> Affiliation | None:
    org = _org_after(P, P.affiliation_lead, text, pos)
    if org is None:
        return None
    parts = list(_org_parts(P, org.group(), offset + org.start()))
    end = org.end()
    parent = _org_after(P, P.parent_lead, text, end)
    if parent is not None:
        parts.extend(_org_parts(P, parent.group(), offset + parent.start()))
        end = parent.end()
    if not parts:
        return None
    return Affiliation(Span(offset + org.start(), offset + end), tuple(parts))


def _org_parts(P: Patterns, text: str, offset: int):
    """Split "Brookings Institution's Foreign Policy" at possessives; trim trailing joiners."""
    pos = 0
    for match in list(P.possessive_token.finditer(text)) + [None]:
        end = match.start() if match else len(text)
        chunk = text[pos:end]
        trimmed = chunk
        while True:
            cut = P.trailing.search(trimmed)
            if not cut or cut.start() == len(trimmed):
                break
            trimmed = trimmed[: cut.start()]
        # Keep a final period that belongs to an abbreviation ("U.S.", "Inc.").
        if chunk.endswith(".") and P.abbreviation_end.search(chunk):
            trimmed = chunk
        lead = len(trimmed) - len(trimmed.lstrip())
        trimmed = trimmed.strip()
        if trimmed and any(c.isupper() for c in trimmed):
            yield OrgPart(trimmed, Span(offset + pos + lead, offset + pos + lead + len(trimmed)))
        if match is None:
            break
        pos = match.end()
        while pos < len(text) and text[pos] == " ":
            pos += 1


def _intros_in_block(
    P: Patterns, text: str, offset: int, block: int, heads: list[tuple[int, int]], out: list[Intro]
) -> None:
    """Introductions hanging on the role heads found in this block (block-local offsets)."""
    consumed_to = -1
    for head_start, head_end in heads:
        if head_start < consumed_to:
            continue  # a head already taken by a chained role ("... and Senior Fellow")
        if text[head_end : head_end + 1] == ":":
            continue  # a speaker label ("Analyst: ..."), the interview module's business
        role_end = _extend_right(P, text, head_end)
        consumed_to = role_end
        strict_start, strict_puffery = _extend_left(P, text, head_start, loose=False)
        loose_start, loose_puffery = _extend_left(P, text, head_start, loose=True)
        person: Person | None = None
        affiliation: Affiliation | None = None

        # "Name, a senior fellow at ...": the loose role may hold any lowercase words.
        appositive = None
        if P.comma_before.search(text, max(0, loose_start - 8), loose_start):
            appositive = _left_appositive(P, text, max(0, loose_start - 120), loose_start)
        if appositive is not None:
            person = _make_person(P, appositive, offset)
        if person is not None:
            form, start, role_start, puffery = "appositive", appositive.start(), loose_start, loose_puffery
        else:
            form, start, role_start, puffery = "nameless", strict_start, strict_start, strict_puffery
            # "Moody's chief economist ...": the possessive names the institution.
            possessive = None
            if P.apostrophe_before.search(text, max(0, strict_start - 4), strict_start):
                possessive = _left_possessive(P, text, max(0, strict_start - 80), strict_start)
            if possessive and P.possessive_or_plural_end.search(possessive.group()):
                parts = tuple(_org_parts(P, possessive.group(), offset + possessive.start()))
                if parts:
                    org_span = Span(offset + possessive.start(), offset + possessive.end())
                    affiliation = Affiliation(org_span, parts)
                    form, start = "possessive", possessive.start()
        end = role_end
        # A name after the role: "senior fellow Fiona Hill", "Professor John Curtice".
        if person is None:
            lead = P.person_lead.match(text, role_end)
            right = _person_at(P, text, lead.end()) if lead is not None else None
            if right and not P.saying.match(text, role_end):
                person = _make_person(P, right, offset)
                if person is not None:
                    if text[head_start:head_end].casefold() == "professor" and not person.honorific and role_end == head_end:
                        person = Person(person.span, "Prof", person.first, person.surname)
                    end = right.end()
                    if form == "nameless":
                        form = "prenominal"
        if affiliation is None:
            affiliation = _affiliation(P, text, end, offset)
            if affiliation is not None:
                end = affiliation.span.end - offset
        if person is None and affiliation is None:
            continue  # a bare role word ("an expert") says nothing checkable
        roles = _split_roles(P, text[role_start:role_end])
        if not roles:
            continue
        out.append(Intro(Span(offset + start, offset + end), block, person, roles, tuple(puffery), affiliation, form))
        consumed_to = max(consumed_to, end)


def _honorific_intros(P: Patterns, text: str, offset: int, block: int, out: list[Intro], taken: list[Span]) -> None:
    """Dr. Jane Doe of the Institute for X (no role word)."""
    for start, end, match, org in _honorific_of(P, text):
        span = Span(offset + start, offset + end)
        if any(span.overlaps(t) for t in taken):
            continue
        person = _make_person(P, match, offset)
        if person is None:
            continue
        parts = tuple(_org_parts(P, org.group(), offset + org.start()))
        if not parts:
            continue
        affiliation = Affiliation(Span(offset + org.start(), offset + org.end()), parts)
        out.append(Intro(span, block, person, (), (), affiliation, "of"))


def _plain_of_intros(P: Patterns, text: str, offset: int, block: int, out: list[Intro], taken: list[Span]) -> None:
    """Jane Doe of the Institute for X: only when the organisation names an institution."""
    nouns = lexicon().generic.org_nouns
    for of in P.of_the.finditer(text):
        left = _left_plain(P, text, max(0, of.start() - 60), of.start())
        if left is None:
            continue
        org = P.org.match(text[of.end() :])
        if org is None:
            continue
        parts = tuple(_org_parts(P, org.group(), offset + of.end()))
        if not parts or not any(w.casefold() in nouns for w in _role_words(P, parts[0].text)):
            continue
        span = Span(offset + left.start(), offset + of.end() + org.end())
        if any(span.overlaps(t) for t in taken):
            continue
        person = _make_person(P, left, offset)
        if person is None:
            continue
        affiliation = Affiliation(Span(offset + of.end(), offset + of.end() + org.end()), parts)
        out.append(Intro(span, block, person, (), (), affiliation, "of"))


# -- triggers: literal searches of the lowercased article ----------------------------------


def _lowercase(text: str) -> str:
    """Lowercased text with the same offsets (str.lower changes the length of a few characters)."""
    lower = text.lower()
    return lower if len(lower) == len(text) else text.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _word_char(char: str) -> bool:
    r"""stdlib re's ``\w`` (for plain text: an ASCII letter or digit, or "_")."""
    return char.isalnum() or char == "_"


def _ends_word(text: str, end: int) -> bool:
    r"""stdlib re's ``\b`` after a word character: the end of the text or a character that is not alnum or "_"."""
    return end == len(text) or not (text[end].isalnum() or text[end] == "_")


def _starts_word(text: str, start: int) -> bool:
    """``(?<![a-z])``."""
    return start == 0 or not ("a" <= text[start - 1] <= "z")


def _leftmost(candidates: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """(start, end) of the matches finditer gives, from every (start, rank, end) the alternatives match.

    The first alternative (lowest rank) wins at a position; matches do not overlap.
    """
    out = []
    resume = 0
    for start, _, end in sorted(candidates):
        if start >= resume:
            out.append((start, end))
            resume = end
    return out


def _confirm_source(item: str) -> str:
    """The pattern that confirms a role head of several words ("political\\s+scientist") after its first word."""
    return rf"(?:{item})\b"


def trigger_sources() -> list[str]:
    """The confirming patterns of the role-head triggers (for build_patterns)."""
    return [_confirm_source(item) for item in lexicon().role_head_alternation.split("|") if "\\" in item]


class _Confirmation:
    """A confirming pattern, compiled on its first use: an article without "political" never needs it.

    It is shipped compiled (build_patterns); it runs on the lowercased text of
    any article and has no class that differs between the plain and the Unicode forms.
    """

    __slots__ = ("source", "pattern")

    def __init__(self, source: str) -> None:
        self.source = source
        self.pattern = None

    def match(self, *args):
        if self.pattern is None:
            self.pattern = compile_pattern(self.source)
        return self.pattern.match(*args)


class _Triggers:
    """The literal searches that stand for the trigger patterns, built once from the lexicon."""

    def __init__(self) -> None:
        # (?<![a-z])(?:heads)\b, the heads longest first; a head of several words is
        # found by its first word and confirmed with a small pattern.
        self.heads = []
        for item in lexicon().role_head_alternation.split("|"):
            if "\\" in item:
                self.heads.append((item.split("\\", 1)[0], _Confirmation(_confirm_source(item))))
            else:
                self.heads.append((item, None))

    def search_role_head(self, lower: str, lo: int, hi: int) -> tuple[int, int] | None:
        r"""``\b(?:role heads)\b`` searched case-insensitively in [lo, hi) of plain text, lowercased.

        On plain text a word character is an ASCII letter, digit or "_"; the
        right boundary at ``hi`` holds as the pattern's does at ``endpos``.
        """
        best: tuple[int, int, int] | None = None
        for rank, (word, confirm) in enumerate(self.heads):
            pos = lower.find(word, lo, hi)
            while pos != -1 and (best is None or pos <= best[0]):
                if pos == 0 or not _word_char(lower[pos - 1]):
                    if confirm is None:
                        end = pos + len(word)
                        if end == hi or not _word_char(lower[end]):
                            best = min(best, (pos, rank, end)) if best else (pos, rank, end)
                            break
                    else:
                        match = confirm.match(lower, pos, hi)
                        if match is not None:
                            best = min(best, (pos, rank, match.end())) if best else (pos, rank, match.end())
                            break
                pos = lower.find(word, pos + 1, hi)
        return (best[0], best[2]) if best else None

    def role_heads(self, lower: str) -> list[tuple[int, int]]:
        """Spans of ``(?<![a-z])(?:role heads)\\b`` in the lowercased text."""
        found = []
        for rank, (word, confirm) in enumerate(self.heads):
            pos = lower.find(word)
            while pos != -1:
                if _starts_word(lower, pos):
                    if confirm is None:
                        end = pos + len(word)
                        if _ends_word(lower, end):
                            found.append((pos, rank, end))
                    else:
                        match = confirm.match(lower, pos)
                        if match is not None:
                            found.append((pos, rank, match.end()))
                pos = lower.find(word, pos + 1)
        return _leftmost(found) if found else []


def honorific_spans(lower: str) -> list[tuple[int, int]]:
    r"""Spans of ``(?<![a-z])(?:dr|prof|professor|doctor)\b`` in the lowercased text."""
    found = []
    for word in ("dr", "prof", "doctor"):
        pos = lower.find(word)
        while pos != -1:
            if _starts_word(lower, pos):
                end = pos + len(word)
                if _ends_word(lower, end):
                    found.append((pos, end))
                elif word == "prof" and lower.startswith("essor", end) and _ends_word(lower, end + 5):
                    found.append((pos, end + 5))
            pos = lower.find(word, pos + 1)
    found.sort()  # whole words: they never overlap
    return found


_HEADER_PHRASES = ("interview", "sat down with", "spoke with", "talked with", "conversation with")
_QA = re.compile(r"q\s*&\s*a\b")


def header_hint_spans(lower: str) -> list[tuple[int, int]]:
    r"""Spans of ``interview|(?:sat down|spoke|talked|conversation) with|q\s*&\s*a\b`` in the lowercased text."""
    found = []
    for rank, phrase in enumerate(_HEADER_PHRASES):
        pos = lower.find(phrase)
        while pos != -1:
            found.append((pos, rank, pos + len(phrase)))
            pos = lower.find(phrase, pos + 1)
    amp = lower.find("&")
    while amp != -1:
        start = amp
        while start > 0 and lower[start - 1].isspace():
            start -= 1
        if start > 0 and lower[start - 1] == "q":
            match = _QA.match(lower, start - 1)
            if match is not None:
                found.append((start - 1, len(_HEADER_PHRASES), match.end()))
        amp = lower.find("&", amp + 1)
    return _leftmost(found) if found else []


_triggers: _Triggers | None = None


def _triggers_for() -> _Triggers:
    global _triggers
    if _triggers is None:
        _triggers = _Triggers()
    return _triggers


def _of_the_positions(text: str) -> list[tuple[int, int]]:
    """ "Smith of the Institute": a literal scan, cheaper than a pattern over the whole article."""
    out = []
    pos = text.find(" of the ")
    while pos != -1:
        after = pos + 8
        if pos > 0 and text[pos - 1].isalpha() and after < len(text) and text[after].isupper():
            out.append((pos, after))
        pos = text.find(" of the ", after)
    return out


def _by_block(article: Article, positions: list[tuple[int, int]]) -> dict[int, list[tuple[int, int]]]:
    """Group absolute (start, end) pairs by the block that holds them, as block-local offsets."""
    out: dict[int, list[tuple[int, int]]] = {}
    blocks = article.blocks
    i = 0
    for start, end in positions:
        while i < len(blocks) and blocks[i].span.end < end:
            i += 1
        if i == len(blocks):
            break
        block = blocks[i]
        if block.span.start <= start and block.is_prose:
            out.setdefault(i, []).append((start - block.span.start, end - block.span.start))
    return out


def _analyse(article: Article) -> ExpertAnalysis:
    analysis = ExpertAnalysis()
    # One pass over the whole article for each cheap trigger; blocks without one are skipped.
    lower = _lowercase(article.masked)
    heads = _by_block(article, _triggers_for().role_heads(lower))
    honorifics = _by_block(article, honorific_spans(lower))
    headers = _by_block(article, header_hint_spans(lower))
    of_the = _by_block(article, _of_the_positions(article.masked))
    if not (heads or honorifics or headers or of_the):
        return analysis
    P = PATTERNS.for_article(article)
    for index in sorted(set(heads) | set(honorifics) | set(headers) | set(of_the)):
        block = article.blocks[index]
        text, offset = block.text, block.span.start
        found: list[Intro] = []
        if index in heads:
            _intros_in_block(P, text, offset, index, heads[index], found)
        if index in honorifics:
            _honorific_intros(P, text, offset, index, found, [i.span for i in found])
        if index in of_the:
            _plain_of_intros(P, text, offset, index, found, [i.span for i in found])
        analysis.intros.extend(_drop_nested(found))
        if index in honorifics:
            for match in _honorific_persons(P, text):
                person = _make_person(P, match, offset)
                if person is not None and person.honorific:
                    analysis.mentions.append(Mention(person.span, index, person.honorific, person.first, person.surname))
        if index in headers:
            for match in _header_persons(P, text):
                person = _make_person(P, match, offset)
                if person is not None and person.first:
                    analysis.interviewees.append(person)
    return analysis
