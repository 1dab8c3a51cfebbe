"""residue rules (placeholder until the family lands)."""

RULES: list = []
