"""Trailer rules: material after (or around) the story that belongs to the web page, not the article."""

from rules.trailer.boilerplate import BoilerplateTrailer
from rules.trailer.off_topic import OffTopicClosing
from rules.trailer.stray_headline import StrayHeadline

RULES: list = [BoilerplateTrailer(), StrayHeadline(), OffTopicClosing()]
