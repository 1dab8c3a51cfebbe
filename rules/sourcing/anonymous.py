"""SRC001 anonymous-source: quotes and claims pinned on unnamed, vaguely described sources."""

from __future__ import annotations

from typing import Iterable

from lint.article import Article
from lint.model import Finding, Severity
from lint.rule import Rule, RuleOptions

from rules.sourcing.attribution import HEADING_KINDS, Attribution, get_analysis, lowered_article
from rules.sourcing.lexicon import LEXICON_OPTIONS, Lexicon
from rules.sourcing.speakers import ANONYMOUS


def _unnamed(speaker_text: str, plural: bool) -> str:
    """'an unnamed "Kremlin insider"', 'unnamed "sources close to the Kremlin"'."""
    if speaker_text.split(" ", 1)[0].lower() in ("unnamed", "anonymous", "unidentified"):
        return f'"{speaker_text}"' if plural else f'an "{speaker_text}"'
    return f'unnamed "{speaker_text}"' if plural else f'an unnamed "{speaker_text}"'


class AnonymousSource(Rule):
    """
    What it does: flags a quote or a claim attributed to an unnamed, vaguely
    described source ("said a Kremlin insider", "according to sources close to
    the Kremlin", "as one insider put it", "sources say"). Descriptions are
    graded: a bare source ("a source", "analysts") or a vague affiliation ("a
    Kremlin insider", "a Western diplomat") is a warning; a source placed by
    role and vantage ("two U.S. officials familiar with the talks") is info,
    raised to a warning when that source is given an opinion or a prediction in
    a direct quote; a placed source with a stated reason for anonymity ("who
    spoke on condition of anonymity because they were not authorised to discuss
    the talks") is not reported. A source relayed through another outlet ("the
    FT, citing multiple Russian officials") is info. Indirect speech is checked
    for sources and insiders, and for descriptions built on "close to",
    "familiar with" and the like; bare "officials said" is ordinary copy. In
    headlines, which drop verbs and articles, only a quote with an anonymous
    speaker is checked.

    Why is this bad? Readers cannot weigh a claim whose source they cannot
    identify. AP, Reuters, the New York Times and the BBC all allow anonymity
    only as a last resort: describe the source as precisely as possible, say
    why anonymity was granted, and never grant it for opinion. Quotes pinned on
    "insiders" and "analysts" are also a hallmark of fabricated copy.

    Example:
        “Putin will fight tooth and nail,” said a Kremlin insider.

        Better: “Putin will not accept membership,” said a senior official in
        Russia's Foreign Ministry, who spoke on condition of anonymity because
        he was not authorised to discuss the talks.
    """

    code = "SRC001"
    name = "anonymous-source"
    category = "sourcing"
    severity = Severity.WARNING
    summary = "Quote or claim attributed to an unnamed or vaguely described source."
    message = 'quote attributed to an unnamed "{who}"; name the source or say why anonymity was granted'
    options = dict(LEXICON_OPTIONS)

    def check(self, article: Article, options: RuleOptions) -> Iterable[Finding]:
        analysis, lex = get_analysis(article, options)
        blocks = article.blocks
        for att in analysis.attributions:
            speaker = att.speaker
            if speaker.kind != ANONYMOUS or speaker.definite:
                continue  # "the source said" refers back to one already reported
            if speaker.crowd and speaker.head in lex.weasel_nouns:
                continue  # "critics say", "many analysts believe": a weasel crowd (SRC003)
            direct = bool(att.quotes)
            if blocks[att.block].kind in HEADING_KINDS and not direct:
                continue  # headlines drop verbs: "Kremlin insider fears ..." is not parsed as speech
            if not direct and not (speaker.head in lex.claim_nouns or speaker.vantage_phrase or att.relay):
                continue  # "officials said", "analysts said": ordinary copy, or a weasel (SRC003)
            finding = self._grade(att, lex, direct, article)
            if finding is not None:
                yield finding

    def _grade(self, att: Attribution, lex: Lexicon, direct: bool, article: Article) -> Finding | None:
        speaker = att.speaker
        who = _unnamed(speaker.text, speaker.plural)
        what = "quote" if direct else "claim"
        if att.reason:
            if speaker.level >= 2:
                return None
            return self.finding(att.span, f"{what} attributed to {who}; the reason for anonymity is given, "
                                          "but describe the source's position more precisely",
                                severity=Severity.INFO)
        if att.relay:
            return self.finding(att.span, f"{what} rests on {who} cited by another outlet; "
                                          "say who they are, or that the outlet did not name them",
                                severity=Severity.INFO)
        if speaker.level >= 2:
            if direct and _is_opinion(att, lex, article):
                return self.finding(att.span, f"opinion or prediction quoted from {who}; anonymity is for "
                                              "information, not opinion: name the source or paraphrase the facts",
                                    severity=Severity.WARNING)
            return self.finding(att.span, f"{what} attributed to {who}; say why anonymity was granted",
                                severity=Severity.INFO)
        return self.finding(att.span, f"{what} attributed to {who}; name the source or say why anonymity was granted",
                            severity=Severity.WARNING)


def _is_opinion(att: Attribution, lex: Lexicon, article: Article) -> bool:
    low, same_length = lowered_article(article)
    opinion = lex.opinions.for_text(low if same_length else None)
    text = article.masked
    return opinion is not None and any(opinion.search(text, q.content.start, q.content.end) for q in att.quotes)
