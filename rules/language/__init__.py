"""language rules (LNG): the declared language against the text, and passages in another language.

A stopword check decides ordinary paragraphs; langdetect (seeded, profiles
loaded on first need) only sees passages that the cheap check cannot clear.
"""

from rules.language.rules import DeclaredLanguageMismatch, ForeignPassage

RULES: list = [DeclaredLanguageMismatch(), ForeignPassage()]
