"""Sourcing rules (SRC): quotes and claims pinned on anonymous or vague sources,
quotes with no speaker, and weasel attributions.

The three rules share one attribution table per article
(``rules.sourcing.attribution``); the lexicons live in ``data/lexicon.yaml``.
"""

from rules.sourcing.anonymous import AnonymousSource
from rules.sourcing.unattributed import UnattributedQuote
from rules.sourcing.weasel import WeaselAttribution

RULES: list = [AnonymousSource(), UnattributedQuote(), WeaselAttribution()]
