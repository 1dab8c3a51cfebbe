"""A tiny third-party-style plugin for engine tests (so they do not depend on built-in rules)."""

from __future__ import annotations

import re

from lint import Finding, Related, Rule, Severity, Span, hookimpl


class BannedWord(Rule):
    """
    What it does: flags the word "shocking" (test rule).

    Why is this bad? It is a test.

    Example: A shocking result.
    """

    code = "TST001"
    name = "banned-word"
    category = "residue"
    severity = Severity.WARNING
    summary = "Flags 'shocking'."
    message = "avoid {word!r}"
    fixable = True
    options = {"word": "shocking"}
    origin = "sample-plugin"

    def check(self, article, options):
        for match in re.finditer(rf"\b{re.escape(options['word'])}\b", article.masked):
            yield self.finding(Span(match.start(), match.end()), word=match.group(0), fix="notable")


class Contradicts(Rule):
    """
    What it does: flags "Alpha" with "Omega" as related (test rule).

    Why is this bad? It is a test.

    Example: Alpha ... Omega.
    """

    code = "TST002"
    name = "alpha-omega"
    category = "contradiction"
    severity = Severity.ERROR
    summary = "Alpha conflicts with Omega."
    origin = "sample-plugin"

    def check(self, article, options):
        a, o = article.masked.find("Alpha"), article.masked.find("Omega")
        if a >= 0 and o >= 0:
            yield Finding(Span(a, a + 5), "Alpha conflicts with Omega", related=(Related(Span(o, o + 5), "Omega here"),))


class Crashes(Rule):
    """
    What it does: crashes on the word CRASH (test rule).

    Why is this bad? It is a test.

    Example: CRASH.
    """

    code = "TST003"
    name = "crashes"
    category = "residue"
    severity = Severity.INFO
    summary = "Crashes on CRASH."
    origin = "sample-plugin"

    def check(self, article, options):
        if "CRASH" in article.text:
            raise RuntimeError("boom")
        return ()


class Hedge(Rule):
    """
    What it does: flags "reportedly" at info (test rule).

    Why is this bad? It is a test.

    Example: It reportedly happened.
    """

    code = "TST004"
    name = "hedge"
    category = "sourcing"
    severity = Severity.INFO
    summary = "Flags reportedly."
    origin = "sample-plugin"

    def check(self, article, options):
        for match in re.finditer(r"\breportedly\b", article.masked):
            yield self.finding(Span(match.start(), match.end()), "hedged claim")


@hookimpl
def newslint_register_rules():
    return [BannedWord(), Contradicts(), Crashes(), Hedge()]
