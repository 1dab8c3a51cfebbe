"""readability rules (RDB): textstat scores against thresholds and over-long sentences; info by default."""

from rules.readability.rules import HardToRead, LongSentence

RULES: list = [HardToRead(), LongSentence()]
