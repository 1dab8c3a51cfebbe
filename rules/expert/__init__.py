"""expert rules (EXP): experts and institutions that may be invented, and synthetic interviews.

The rules share one analysis per article (``rules.expert.extract.analyse``,
through ``article.memo``); the gazetteer of known institutions loads only
when an article introduces an expert with an affiliation, once per process.
"""

from rules.expert.affiliation import UnverifiableAffiliation
from rules.expert.corpus import PersonaTemplateAcrossFiles
from rules.expert.persona import PersonaTells
from rules.expert.synthetic_interview import SyntheticInterview

RULES: list = [
    SyntheticInterview(),
    UnverifiableAffiliation(),
    PersonaTells(),
    PersonaTemplateAcrossFiles(),
]
