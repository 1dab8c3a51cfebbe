"""EXP004 persona-template-across-files."""

from __future__ import annotations

from lint.model import CorpusFinding, Related, Severity
from lint.rule import Rule
from rules.expert.extract import analyse
from rules.expert.gazetteer import gazetteer, org_key
from rules.expert.record import Record
from rules.expert.verified import verified


class Persona(Record):
    """What one file says about one introduced expert (small and picklable)."""

    __slots__ = (
        "honorific",
        "first",
        "surname",
        "roles",  # tuple of normalised roles
        "affiliation",
        "affiliation_key",  # the canonical institution's key
        "location",  # lint.model.Location of the name, for corpus findings
        "span",  # lint.model.Span of the name, for findings within the article
    )

    @property
    def display(self) -> str:
        return f"{self.honorific}. {self.first} {self.surname}"

    def described(self, role: str) -> str:
        return f"{self.display} ({role}, {self.affiliation})"


class PersonaTemplateAcrossFiles(Rule):
    """
    What it does: when several files are linted together, compares the experts they
    introduce and flags an introduction that repeats another file's persona
    template (or one earlier in the same article): same title, same first name
    and the same role, at a different institution (usually under a different surname too: "Dr. Elena Sokolov, Senior
    Fellow at the Eastern European Policy Institute" in one article, "Dr. Elena
    Ivanova, Senior Fellow at the Moscow Institute of International Relations" in
    the next). The later occurrence is flagged, with the earlier one as a related
    location.

    Why is this bad? Content farms generate their experts from a template, and the
    template shows only across articles: each persona looks plausible alone. Two
    "Dr. Elena" senior fellows at two different institutes in two generated
    interviews are one invented persona, not two experts.

    Example:
        a.txt: Interview with Dr. Elena Sokolov, Senior Fellow at the Eastern European Policy Institute
        b.txt: we sat down with Dr. Elena Ivanova, Senior Fellow at the Moscow Institute of International Relations
    """

    code = "EXP004"
    name = "persona-template-across-files"
    category = "expert"
    severity = Severity.WARNING
    summary = "Same title, first name and role at different institutions in different files."
    message = (
        "{this} repeats the persona template of {other} in {path}: same title, first name and role "
        "at a different institution; check that both experts exist"
    )
    corpus = True

    def check(self, article, options):
        """Within one article: the same template introduced twice at different institutions."""
        personas = self._personas(article, options)
        if len(personas) < 2:
            return
        for later, (earlier, role) in _repeats([("", p) for p in personas]):
            yield self.finding(
                later.span,
                self.message.format(this=later.described(role), other=earlier.described(role), path="this article"),
                related=[Related(earlier.span, f"the same template: {earlier.described(role)}")],
            )

    def summarize(self, article, options):
        return tuple(self._personas(article, options)) or None

    def check_corpus(self, summaries, options):
        items = [(path, persona) for path, personas in summaries for persona in personas or ()]
        for later, (earlier, role), earlier_path in _repeats_across(items):
            yield CorpusFinding(
                later.location,
                self.message.format(this=later.described(role), other=earlier.described(role), path=earlier_path),
                related=((earlier.location, f"the same template: {earlier.described(role)}"),),
            )

    @staticmethod
    def _personas(article, options) -> list[Persona]:
        allowed = verified(options)
        personas = []
        for intro in analyse(article).intros:
            person = intro.person
            if person is None or not (person.honorific and person.first) or not intro.roles:
                continue
            if intro.affiliation is None or allowed.covers(person):
                continue
            affiliation = intro.affiliation.text
            key = org_key(affiliation)
            # "the LSE" and "the London School of Economics" are one institution.
            canonical = gazetteer().canonical(key)
            if canonical is not None:
                key = org_key(canonical)
            personas.append(
                Persona(
                    person.honorific, person.first.capitalize(), person.surname, intro.roles,
                    affiliation, key, article.location(person.span), person.span,
                )
            )
        return personas


def _template_match(persona: Persona, other: Persona) -> str | None:
    """The shared role when two introductions follow one template at different institutions."""
    if (persona.honorific, persona.first.casefold()) != (other.honorific, other.first.casefold()):
        return None
    if persona.affiliation_key == other.affiliation_key:
        return None
    shared = [r for r in persona.roles if r in other.roles]
    return shared[0] if shared else None


def _repeats(items: list[tuple[str, Persona]]):
    """(later, (earlier, shared role)) for each introduction that repeats an earlier one."""
    for later, earlier_path, earlier, role in _scan(items, same_file=True):
        yield later, (earlier, role)


def _repeats_across(items: list[tuple[str, Persona]]):
    for later, earlier_path, earlier, role in _scan(items, same_file=False):
        yield later, (earlier, role), earlier_path


def _scan(items: list[tuple[str, Persona]], same_file: bool):
    seen: dict[tuple[str, str], list[tuple[str, Persona]]] = {}
    for path, persona in items:
        bucket = seen.setdefault((persona.honorific, persona.first.casefold()), [])
        for earlier_path, earlier in bucket:
            if (earlier_path == path) != same_file:
                continue  # one article's repeats are check()'s; other files' are check_corpus()'s
            role = _template_match(persona, earlier)
            if role is not None:
                yield persona, earlier_path, earlier, role
                break
        bucket.append((path, persona))
