"""EXP003 persona-tells."""

from __future__ import annotations

import re

from lint.article import HEADING, HEADLINE
from lint.model import Related, Severity, Span
from lint.rule import Rule
from rules.expert.extract import ExpertAnalysis, Mention, Person, analyse
from rules.expert.lexicon import lexicon
from rules.expert.names import gender_mismatch, gendered_variants, surname_stem
from rules.expert.patterns import PatternPair, might_match, required_literals
from rules.expert.verified import verified

_POSSESSIVE = re.compile(r"['\u2019]s$")  # literal characters only: stdlib re matches as regex does
# Compiled on first use (rules.expert.patterns).
PATTERNS = PatternPair(
    lambda: {
        "followed_by": (r"\s+(?:\w\.\s+)?(\w+)", False),
        "experience": (lexicon().experience_pattern, True),
    }
)


class _Expert:
    __slots__ = ("person", "stem", "puffery", "intro_blocks")

    def __init__(self, person: Person, stem: str) -> None:
        self.person = person  # the introduction (or first header mention)
        self.stem = stem
        self.puffery: list[str] = []
        self.intro_blocks: list[int] = []


def _experts(analysis: ExpertAnalysis) -> list[_Expert]:
    """One entry per presented expert: same first name and surname stem."""
    by_key: dict[tuple[str, str], _Expert] = {}
    # The introduction with a role is what an editor verifies; a bare header mention comes second.
    introduced = [i.person for i in analysis.intros if i.person is not None]
    for person in [*introduced, *analysis.interviewees]:
        if not person.first:
            continue
        key = (person.first.casefold(), surname_stem(person.surname))
        if key not in by_key:
            by_key[key] = _Expert(person, key[1])
    for intro in analysis.intros:
        if intro.person is None or not intro.person.first:
            continue
        expert = by_key.get((intro.person.first.casefold(), surname_stem(intro.person.surname)))
        if expert is not None:
            expert.puffery.extend(p for p in intro.puffery if p not in expert.puffery)
            expert.intro_blocks.append(intro.block)
    return sorted(by_key.values(), key=lambda e: e.person.span.start)


def _first_full_name(followed_by, folded: str, expert: _Expert) -> int | None:
    """Where "First Surname" first appears (any case, any gendered form, a middle initial allowed)."""
    first = expert.person.first.casefold()
    pos = folded.find(first)
    while pos != -1:
        rest = folded[pos + len(first) : pos + len(first) + len(expert.stem) + 8]
        if (pos == 0 or not folded[pos - 1].isalpha()) and followed_by.match(rest) and followed_by.match(rest).group(1).startswith(expert.stem):
            return pos
        pos = folded.find(first, pos + 1)
    return None


class PersonaTells(Rule):
    """
    What it does: looks for checkable signs that an expert is an invented persona
    and lists them: a female first name with a masculine Slavic surname form (Elena
    Sokolov, where the name would be Sokolova) or the reverse; the expert referred
    to ("Dr. Ivanova's insights") before being introduced; the same expert named
    inconsistently (Dr. Sokolov, then Dr. Sokolova); a puffed-up introduction ("a
    leading analyst", "with over two decades of experience"). One signal is info;
    two or more make a warning. Puffery counts only through an experience boast:
    "a leading economist" alone is house style, not a sign.

    Why is this bad? Generated articles invent experts, and the names betray them:
    a language model assembles a first name and a surname without knowing that
    Russian surnames agree with gender, and it writes the question that refers to
    the expert before the paragraph that introduces her. Each sign alone has
    innocent explanations (diaspora names, a headline written last), so the rule
    grades by how many agree. A newsroom clears a real expert with
    `verified-experts` in .newslint.yaml.

    Example:
        How do Dr. Ivanova's insights refine our understanding of the talks?
        We sat down with Dr. Elena Ivanova, a leading geopolitical analyst. With over
        two decades of experience, Dr. Ivanova offers unique insights.
    """

    code = "EXP003"
    name = "persona-tells"
    category = "expert"
    severity = Severity.WARNING
    summary = "Name facts that suggest an invented expert (gender-surname mismatch, forward reference, drift)."
    message = "check that {expert} exists: {signals}"

    def check(self, article, options):
        analysis = analyse(article)
        if not analysis.intros and not analysis.interviewees:
            return
        allowed = verified(options)
        for expert in _experts(analysis):
            if allowed.covers(expert.person):
                continue
            signals: list[str] = []
            related: list[Related] = []
            mentions = _mentions_of(analysis, expert)
            for found in (
                _gender_mismatch(expert),
                _forward_reference(article, expert, mentions),
                _inconsistent_naming(analysis, expert, mentions),
            ):
                if found is not None:
                    signals.append(found[0])
                    related.extend(found[1:])
            boasts = _experience_boasts(article, expert)
            counted = len(signals) + (1 if boasts else 0)
            if counted == 0:
                continue  # "a leading analyst" alone is house style, not a sign
            puffery = list(dict.fromkeys([*expert.puffery, *boasts]))
            if puffery:
                signals.append("a puffed-up introduction (" + ", ".join(f"'{b}'" for b in puffery) + ")")
            person = expert.person
            yield self.finding(
                Span(person.span.start, person.span.end),
                self.message.format(expert=person.display, signals="; ".join(signals)),
                severity=Severity.WARNING if counted >= 2 else Severity.INFO,
                related=related,
            )


# -- the signals: each returns (message part, related...) or None -----------------------


def _mentions_of(analysis: ExpertAnalysis, expert: _Expert) -> list[Mention]:
    """Honorific mentions that are this expert: same surname stem, same or no first name."""
    first = expert.person.first.casefold()
    return [
        m for m in analysis.mentions
        if surname_stem(m.surname) == expert.stem and (not m.first or m.first.casefold() == first)
    ]


def _gender_mismatch(expert: _Expert):
    person = expert.person
    mismatch = gender_mismatch(person.first, person.surname)
    if mismatch is None:
        return None
    return (f"{mismatch.reason} ('{person.full}'; expected '{mismatch.first} {mismatch.expected}')",)


def _forward_reference(article, expert: _Expert, mentions: list[Mention]):
    """ "Dr. Ivanova's insights" in a paragraph above the first "Elena Ivanova" (headlines excepted)."""
    followed_by = PATTERNS.for_article(article).followed_by
    full_at = _first_full_name(followed_by, article.memo("expert.lower", lambda a: a.masked.lower()), expert)
    if full_at is None:
        return None
    blocks = article.blocks
    early = [
        m for m in mentions
        if not m.first and m.span.start < full_at and blocks[m.block].kind not in (HEADLINE, HEADING)
    ]
    if not early:
        return None
    mention = _POSSESSIVE.sub("", article.text[early[0].span.start : early[0].span.end])
    return (
        f"named as '{mention}' before being introduced",
        Related(early[0].span, "the expert is named here before any introduction"),
    )


def _inconsistent_naming(analysis: ExpertAnalysis, expert: _Expert, mentions: list[Mention]):
    """Sokolov and Sokolova for one expert."""
    person = expert.person
    first = person.first.casefold()
    surnames = {person.surname} | {m.surname for m in mentions}
    surnames |= {
        p.surname for p in analysis.persons
        if p.first.casefold() == first and surname_stem(p.surname) == expert.stem
    }
    variants = sorted({s for s in surnames for t in surnames if gendered_variants(s, t)}, key=str.casefold)
    if len(variants) < 2:
        return None
    message = "named inconsistently (" + " / ".join(f"'{v}'" for v in variants) + ")"
    other = next((m for m in mentions if m.surname.casefold() != person.surname.casefold()), None)
    if other is None:
        return (message,)
    return (message, Related(other.span, "the same expert under another surname form"))


def _experience_boasts(article, expert: _Expert) -> list[str]:
    """ "With over two decades of experience" in the introduction's paragraph or the next one about the expert."""
    blocks = article.blocks
    P = PATTERNS.for_article(article)
    literals = required_literals(lexicon().experience_pattern)
    boasts: list[str] = []
    for index in sorted(set(expert.intro_blocks)):
        nearby = [blocks[index].text]
        if index + 1 < len(blocks) and expert.person.surname in blocks[index + 1].text:
            nearby.append(blocks[index + 1].text)
        for text in nearby:
            if might_match(P, literals, text.lower()):
                boasts.extend(" ".join(m.group().split()) for m in P.experience.finditer(text))
    return boasts
