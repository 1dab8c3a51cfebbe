"""contradiction rules (CON): facts in one article that cannot all be true at once.

The knowledge base of dated roles and anchor events (``data/*.yaml``, plus the
user files listed under ``knowledge-base:``) loads lazily, once per process,
the first time a rule of the family runs.
"""

from rules.contradiction.drift import TitleDrift
from rules.contradiction.numbers import CasualtyFigureMismatch
from rules.contradiction.tenure import RoleDateConflict, RoleTenureConflict

RULES: list = [RoleTenureConflict(), RoleDateConflict(), TitleDrift(), CasualtyFigureMismatch()]
