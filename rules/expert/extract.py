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
so the cost stays linear and small.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import regex

from lint.article import Article
from lint.model import Span
from rules.expert.lexicon import lexicon

MEMO_KEY = "expert.analysis"

# -- building blocks ----------------------------------------------------------

_HON = r"\b(?i:dr|prof|professor|doctor)\b\.?"
_NAME_TOK = r"\p{Lu}[\p{Ll}'\u2019]*(?:\p{Lu}\p{Ll}+)?\p{Ll}(?:-\p{Lu}?\p{Ll}+)*(?![\p{L}\p{N}])"
_INITIALS = r"(?:\s+\p{Lu}\.)*"
_PARTICLE = r"(?:(?:van|von|de|der|den|da|di|du|del|della|le|la|bin|ibn|al|el|ter)\s+)?"
# With an honorific the first name may have lost its capital ("Dr. elena Ivanova").
_PERSON_HON = (
    rf"(?P<hon>{_HON})\s*(?P<name>(?:{_NAME_TOK}|\p{{Ll}}+(?=\s+\p{{Lu}})){_INITIALS}"
    rf"(?:\s+{_PARTICLE}{_NAME_TOK}){{0,2}})"
)
_PERSON_PLAIN = rf"(?P<pname>{_NAME_TOK}{_INITIALS}(?:\s+{_PARTICLE}{_NAME_TOK}){{1,2}})"
_PERSON = rf"(?:{_PERSON_HON}|{_PERSON_PLAIN})"

# A capitalised word of a name; inner periods ("U.S.") but no sentence-final one.
_ORG_TOK = (
    r"(?:(?:St|Mt|Ft)\.|\p{Lu}(?:[\p{L}\p{N}&'\u2019-]|\.(?=\p{L}))*(?:(?<=\b\p{Lu})\.)?|\d[\p{L}\p{N}]*)"
)
_ORG_JOIN = r"(?:of|for|on|and|&|the|de|du|des|la|le|der|f\u00fcr|di|del|of\s+the|for\s+the|on\s+the|and\s+the)"
_ORG_RUN = rf"{_ORG_TOK}(?:(?:\s+{_ORG_JOIN})?\s+{_ORG_TOK})*"

# Prefilter for honorifics, on the lowercased article (stdlib re without IGNORECASE: much faster).
_HON_LOWER = re.compile(r"(?<![a-z])(?:dr|prof|professor|doctor)\b")
_ORG_RUN_RE = regex.compile(_ORG_RUN)
_NON_SPACE = regex.compile(r"\S+")
_INITIAL = regex.compile(r"\p{Lu}\.")
_POSSESSIVE_END = regex.compile(r"['\u2019]s$")
_POSSESSIVE_OR_PLURAL_END = regex.compile(r"['\u2019]s?$")
_WORDS = regex.compile(r"[\p{L}'\u2019-]+")
_LEADING_AND = regex.compile(r"(?:and|&)\s+")
_AND_SPLIT = regex.compile(r"\s+(?:and|&)\s+")
_ABBREVIATION_END = regex.compile(r"(?:\b\p{Lu}\.)+$|\b(?:Inc|Co|Corp|Ltd|St)\.$")
# Cheap tests on the few characters before a role, run before the costlier name patterns.
_COMMA_BEFORE = regex.compile(r",\s*(?:(?:a|an|the)\s+)?$")
_APOSTROPHE_BEFORE = regex.compile(r"['\u2019]s?\s+$")
_LEFT_APPOS = regex.compile(rf"(?:{_PERSON})\s*,\s*(?:(?:a|an|the)\s+)?$")
_LEFT_POSSESSIVE = regex.compile(rf"(?P<org>{_ORG_RUN})\s*$")
_RIGHT_PERSON = regex.compile(rf"\s*,?\s+(?:{_PERSON})")
_AFFILIATION = regex.compile(rf"\s*,?\s+(?P<prep>at|with|from|of|for)\s+(?:the\s+)?(?P<org>{_ORG_RUN})")
_PARENT = regex.compile(rf"\s*,?\s+at\s+(?:the\s+)?(?P<org>{_ORG_RUN})")
_HON_OF = regex.compile(rf"(?:{_PERSON_HON})\s*,?\s+(?:of|at|from)\s+(?:the\s+)?(?P<org>{_ORG_RUN})")
_OF_THE = regex.compile(r"\s+of\s+the\s+(?=\p{Lu})")
_LEFT_PLAIN = regex.compile(rf"{_PERSON_PLAIN}$")
_MENTION = regex.compile(_PERSON_HON)
_HEADER_PERSON = regex.compile(
    rf"(?i:\binterview(?:\s+with|\s*:)|\bsat\s+down\s+with|\bspoke\s+with|\btalked\s+with|"
    rf"\bin\s+conversation\s+with|\bq\s*&\s*a\s+with)\s+(?:{_PERSON})"
)

# Role qualifiers and chains to the right of a head.
_STOP_WORDS = r"(?:at|with|from|of|for|in|on|to|and|or|who|which|that|said|says|told|the|a|an|is|was|has|had|will|would)\b"
_QUAL_LOWER = regex.compile(
    rf"\s+(?:of|in|on|for)\s+(?!{_STOP_WORDS})\p{{Ll}}[\p{{Ll}}-]*(?:\s+(?:and\s+)?(?!{_STOP_WORDS})\p{{Ll}}[\p{{Ll}}-]*){{0,2}}"
)
_QUAL_UPPER = regex.compile(
    r"\s+(?:of|in)\s+\p{Lu}\p{Ll}+(?:\s+(?:and\s+)?\p{Lu}\p{Ll}+){0,2}(?=\s*,?\s+(?:at|with|from)\s)"
)
_GENERAL = regex.compile(r"\s+general\b", regex.I)
_CHAIN = regex.compile(r"\s+(?:and|&)\s+")
_SAYING = regex.compile(r"\b(?:said|says|told|added|warned|explained|argued|noted|wrote|according)\b", regex.I)

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


@dataclass(frozen=True)
class Person:
    span: Span
    honorific: str  # "Dr" / "Prof" / "" (normalised)
    first: str  # "" when only the surname is given
    surname: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.surname}".strip()

    @property
    def display(self) -> str:
        return f"{self.honorific}. {self.full}" if self.honorific else self.full


@dataclass(frozen=True)
class OrgPart:
    text: str
    span: Span


@dataclass(frozen=True)
class Affiliation:
    span: Span
    parts: tuple[OrgPart, ...]  # "Brookings Institution's Foreign Policy program" -> two parts

    @property
    def text(self) -> str:
        return self.parts[0].text


@dataclass(frozen=True)
class Intro:
    span: Span
    block: int
    person: Person | None
    roles: tuple[str, ...]  # normalised: ("geopolitical analyst", "senior fellow")
    puffery: tuple[str, ...]
    affiliation: Affiliation | None
    form: str  # appositive, possessive, prenominal, of, nameless, header


@dataclass(frozen=True)
class Mention:
    span: Span
    block: int
    honorific: str
    first: str
    surname: str


@dataclass
class ExpertAnalysis:
    intros: list[Intro] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    interviewees: list[Person] = field(default_factory=list)  # named in an interview header

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
    word = raw.strip().rstrip(".").casefold()
    return {"dr": "Dr", "doctor": "Dr", "prof": "Prof", "professor": "Prof"}.get(word, "")


def _make_person(match: regex.Match, offset: int, honorific: str = "") -> Person | None:
    """A Person from a _PERSON match; None when the words are titles, not a name."""
    groups = match.groupdict()
    if groups.get("name"):
        name_group = "name"
        honorific = _normal_honorific(groups.get("hon"))
        start = match.start("hon")
    else:
        name_group = "pname"
        start = match.start("pname")
    tokens = match.group(name_group).split()
    token_starts = [m.start() + match.start(name_group) for m in _NON_SPACE.finditer(match.group(name_group))]
    # Drop leading titles: "Secretary Patricia Hewitt" -> "Patricia Hewitt".
    while tokens and tokens[0].casefold().rstrip(".") in _TITLES:
        tokens.pop(0)
        token_starts.pop(0)
        if name_group == "pname":
            start = token_starts[0] if token_starts else start
    tokens = [t for t in tokens if not _INITIAL.fullmatch(t)]  # middle initials
    if tokens and _POSSESSIVE_END.search(tokens[-1]):
        tokens[-1] = tokens[-1][:-2]  # "Dr. Ivanova's insights"
    if not tokens or any(t.casefold() in _NEVER_NAME for t in tokens):
        return None
    if len(tokens) == 1 and not honorific:
        return None
    first = tokens[0] if len(tokens) > 1 else ""
    surname = tokens[-1]
    if len(tokens) > 2 and tokens[-2].casefold() in ("van", "von", "de", "der", "den", "da", "di", "du", "del", "le", "la", "al", "el", "bin"):
        surname = " ".join(tokens[-2:])
    return Person(Span(offset + start, offset + match.end(name_group)), honorific, first, surname)


def _role_words(text: str) -> list[str]:
    return _WORDS.findall(text)


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


def _extend_left(text: str, head_start: int, loose: bool) -> tuple[int, list[str]]:
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
        elif loose and word[0].islower() and not _SAYING.fullmatch(word) and lower not in (
            "and", "of", "at", "with", "from", "for", "in", "on", "to", "by", "as", "is", "was"
        ):
            pass
        elif loose and lower in ("and", "&") and taken > 0:
            pass
        else:
            break
        start = word_start
        taken += 1
    # A dangling "and" at the left edge is not part of the role.
    while True:
        match = _LEADING_AND.match(text, start)
        if not match:
            break
        start = match.end()
    return start, puffery[::-1]


def _extend_right(text: str, head_end: int) -> int:
    """Walk right over qualifiers ("of economics") and chained roles ("and Senior Fellow")."""
    lex = lexicon()
    end = head_end
    for _ in range(4):
        match = _GENERAL.match(text, end) or _QUAL_UPPER.match(text, end) or _QUAL_LOWER.match(text, end)
        if match:
            end = match.end()
            continue
        chain = _CHAIN.match(text, end)
        if chain:
            head = lex.role_head_re.search(text, chain.end(), min(len(text), chain.end() + 60))
            if head:
                between = _role_words(text[chain.end() : head.start()])
                if all(w.casefold() in lex.role_modifiers or w.casefold() in lex.puffery_words for w in between):
                    end = head.end()
                    continue
        break
    return end


def _normalise_role(text: str) -> str:
    lex = lexicon()
    words = [w.casefold() for w in _role_words(text)]
    return " ".join(w for w in words if w not in lex.puffery_words and w not in ("a", "an", "the"))


def _split_roles(text: str) -> tuple[str, ...]:
    """ "Geopolitical Analyst and Senior Fellow" -> ("geopolitical analyst", "senior fellow")."""
    heads = lexicon().role_head_re
    parts = [p for p in _AND_SPLIT.split(text) if heads.search(p)] or [text]
    roles = [_normalise_role(p) for p in parts]
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


def _affiliation(text: str, pos: int, offset: int) -> Affiliation | None:
    match = _AFFILIATION.match(text, pos)
    if not match:
        return None
    parts = list(_org_parts(match.group("org"), offset + match.start("org")))
    end = match.end("org")
    parent = _PARENT.match(text, end)
    if parent:
        parts.extend(_org_parts(parent.group("org"), offset + parent.start("org")))
        end = parent.end("org")
    if not parts:
        return None
    return Affiliation(Span(offset + match.start("org"), offset + end), tuple(parts))


_POSSESSIVE_TOKEN = regex.compile(r"['\u2019]s?(?=\s|$)")
_TRAILING = regex.compile(r"(?:\s+(?:of|for|on|and|&|the|de|du|des|la|le|der|di|del))+$|[.,'\u2019]+$")


def _org_parts(text: str, offset: int):
    """Split "Brookings Institution's Foreign Policy" at possessives; trim trailing joiners."""
    pos = 0
    for match in list(_POSSESSIVE_TOKEN.finditer(text)) + [None]:
        end = match.start() if match else len(text)
        chunk = text[pos:end]
        trimmed = chunk
        while True:
            cut = _TRAILING.search(trimmed)
            if not cut or cut.start() == len(trimmed):
                break
            trimmed = trimmed[: cut.start()]
        # Keep a final period that belongs to an abbreviation ("U.S.", "Inc.").
        if chunk.endswith(".") and _ABBREVIATION_END.search(chunk):
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


def _intros_in_block(text: str, offset: int, block: int, heads: list[tuple[int, int]], out: list[Intro]) -> None:
    """Introductions hanging on the role heads found in this block (block-local offsets)."""
    consumed_to = -1
    for head_start, head_end in heads:
        if head_start < consumed_to:
            continue  # a head already taken by a chained role ("... and Senior Fellow")
        if text[head_end : head_end + 1] == ":":
            continue  # a speaker label ("Analyst: ..."), the interview module's business
        role_end = _extend_right(text, head_end)
        consumed_to = role_end
        strict_start, strict_puffery = _extend_left(text, head_start, loose=False)
        loose_start, loose_puffery = _extend_left(text, head_start, loose=True)
        person: Person | None = None
        affiliation: Affiliation | None = None

        # "Name, a senior fellow at ...": the loose role may hold any lowercase words.
        appositive = None
        if _COMMA_BEFORE.search(text, max(0, loose_start - 8), loose_start):
            appositive = _LEFT_APPOS.search(text, max(0, loose_start - 120), loose_start)
        if appositive is not None:
            person = _make_person(appositive, offset)
        if person is not None:
            form, start, role_start, puffery = "appositive", appositive.start(), loose_start, loose_puffery
        else:
            form, start, role_start, puffery = "nameless", strict_start, strict_start, strict_puffery
            # "Moody's chief economist ...": the possessive names the institution.
            possessive = None
            if _APOSTROPHE_BEFORE.search(text, max(0, strict_start - 4), strict_start):
                possessive = _LEFT_POSSESSIVE.search(text, max(0, strict_start - 80), strict_start)
            if possessive and _POSSESSIVE_OR_PLURAL_END.search(possessive.group("org")):
                parts = tuple(_org_parts(possessive.group("org"), offset + possessive.start("org")))
                if parts:
                    org_span = Span(offset + possessive.start("org"), offset + possessive.end("org"))
                    affiliation = Affiliation(org_span, parts)
                    form, start = "possessive", possessive.start("org")
        end = role_end
        # A name after the role: "senior fellow Fiona Hill", "Professor John Curtice".
        if person is None:
            right = _RIGHT_PERSON.match(text, role_end)
            if right and not _SAYING.match(text, right.start()):
                person = _make_person(right, offset)
                if person is not None:
                    if text[head_start:head_end].casefold() == "professor" and not person.honorific and role_end == head_end:
                        person = Person(person.span, "Prof", person.first, person.surname)
                    end = right.end()
                    if form == "nameless":
                        form = "prenominal"
        if affiliation is None:
            affiliation = _affiliation(text, end, offset)
            if affiliation is not None:
                end = affiliation.span.end - offset
        if person is None and affiliation is None:
            continue  # a bare role word ("an expert") says nothing checkable
        roles = _split_roles(text[role_start:role_end])
        if not roles:
            continue
        out.append(Intro(Span(offset + start, offset + end), block, person, roles, tuple(puffery), affiliation, form))
        consumed_to = max(consumed_to, end)


def _honorific_intros(text: str, offset: int, block: int, out: list[Intro], taken: list[Span]) -> None:
    """Dr. Jane Doe of the Institute for X (no role word)."""
    for match in _HON_OF.finditer(text):
        span = Span(offset + match.start(), offset + match.end())
        if any(span.overlaps(t) for t in taken):
            continue
        person = _make_person(match, offset)
        if person is None:
            continue
        parts = tuple(_org_parts(match.group("org"), offset + match.start("org")))
        if not parts:
            continue
        affiliation = Affiliation(Span(offset + match.start("org"), offset + match.end("org")), parts)
        out.append(Intro(span, block, person, (), (), affiliation, "of"))


def _plain_of_intros(text: str, offset: int, block: int, out: list[Intro], taken: list[Span]) -> None:
    """Jane Doe of the Institute for X: only when the organisation names an institution."""
    nouns = lexicon().generic.org_nouns
    for of in _OF_THE.finditer(text):
        left = _LEFT_PLAIN.search(text, max(0, of.start() - 60), of.start())
        if left is None:
            continue
        org = _ORG_RUN_RE.match(text[of.end() :])
        if org is None:
            continue
        parts = tuple(_org_parts(org.group(), offset + of.end()))
        if not parts or not any(w.casefold() in nouns for w in _role_words(parts[0].text)):
            continue
        span = Span(offset + left.start(), offset + of.end() + org.end())
        if any(span.overlaps(t) for t in taken):
            continue
        person = _make_person(left, offset)
        if person is None:
            continue
        affiliation = Affiliation(Span(offset + of.end(), offset + of.end() + org.end()), parts)
        out.append(Intro(span, block, person, (), (), affiliation, "of"))


def _lowercase(text: str) -> str:
    """Lowercased text with the same offsets (str.lower changes the length of a few characters)."""
    lower = text.lower()
    return lower if len(lower) == len(text) else text.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_HEADER_HINT = re.compile(r"interview|(?:sat down|spoke|talked|conversation) with|q\s*&\s*a\b")


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
    lex = lexicon()
    # One pass over the whole article for each cheap trigger; blocks without one are skipped.
    lower = _lowercase(article.masked)
    heads = _by_block(article, [m.span() for m in lex.role_head_lower_re.finditer(lower)])
    honorifics = _by_block(article, [m.span() for m in _HON_LOWER.finditer(lower)])
    headers = _by_block(article, [m.span() for m in _HEADER_HINT.finditer(lower)])
    of_the = _by_block(article, _of_the_positions(article.masked))
    for index in sorted(set(heads) | set(honorifics) | set(headers) | set(of_the)):
        block = article.blocks[index]
        text, offset = block.text, block.span.start
        found: list[Intro] = []
        if index in heads:
            _intros_in_block(text, offset, index, heads[index], found)
        if index in honorifics:
            _honorific_intros(text, offset, index, found, [i.span for i in found])
        if index in of_the:
            _plain_of_intros(text, offset, index, found, [i.span for i in found])
        analysis.intros.extend(_drop_nested(found))
        if index in honorifics:
            for match in _MENTION.finditer(text):
                person = _make_person(match, offset)
                if person is not None and person.honorific:
                    analysis.mentions.append(Mention(person.span, index, person.honorific, person.first, person.surname))
        if index in headers:
            for match in _HEADER_PERSON.finditer(text):
                person = _make_person(match, offset)
                if person is not None and person.first:
                    analysis.interviewees.append(person)
    return analysis
