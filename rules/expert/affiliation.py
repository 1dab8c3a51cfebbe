"""EXP002 unverifiable-affiliation."""

from __future__ import annotations

from lint.model import Severity
from lint.rule import Rule
from rules.expert.extract import analyse
from rules.expert.gazetteer import gazetteer, is_generic, org_key
from rules.expert.verified import verified


class UnverifiableAffiliation(Rule):
    """
    What it does: checks the institution an expert is introduced with ("a senior
    fellow at the Eastern European Policy Institute") against a gazetteer of real
    universities, think tanks, research institutes, international organisations,
    central banks, government bodies and news organisations shipped with newslint.
    It warns when the institution is unknown and its name is a generic composition
    of region, topic and organisation words, and when the name is one word or one
    typo away from a real institution, naming the real one.

    Why is this bad? Invented experts come with invented institutions, and an
    institution that sounds plausible is the easiest part of a fake persona to
    miss. A near miss ("Moscow Institute of International Relations" for the
    Moscow State Institute of International Relations) borrows a real body's
    standing for someone who may never have worked there. Unknown institutions with
    distinctive names are left alone: the gazetteer cannot know every real body.
    A newsroom clears an institution with `verified-experts` in .newslint.yaml.

    Example:
        "Talks will fail," said Dr. Jane Doe, a senior fellow at the Institute for European Economic Stability.
    """

    code = "EXP002"
    name = "unverifiable-affiliation"
    category = "expert"
    severity = Severity.WARNING
    summary = "Expert's institution is unknown and generically named, or a near miss of a real one."
    message = "affiliation {name!r} is not a known institution{why}; check that it exists and that the expert works there"

    def check(self, article, options):
        intros = [i for i in analyse(article).intros if i.affiliation is not None]
        if not intros:
            return
        allowed = verified(options)
        known = gazetteer()  # loaded here, on the first introduction with an affiliation
        reported: set = set()
        for intro in intros:
            if allowed.covers(intro.person):
                continue
            parts = intro.affiliation.parts
            keys = [org_key(part.text) for part in parts]
            if any(key in known or key in allowed.affiliations for key in keys):
                continue  # "Centre for X at the University of Y": the known parent vouches
            for part, key in zip(parts, keys):
                if key in reported:
                    break
                real = known.near_miss(key)
                if real:
                    why = f" but is close to {real!r}"
                elif is_generic(key):
                    why = " and its name is a generic composition of region, topic and institution words"
                else:
                    continue
                reported.add(key)
                yield self.finding(part.span, self.message.format(name=part.text, why=why))
                break
