"""Residue rules: leftovers of content farms and text generators (prompts, outlines, captions, chatbot text)."""

from rules.residue.captions import CaptionResidue
from rules.residue.chatbot import ChatbotDebris
from rules.residue.duplicates import DuplicateLine
from rules.residue.prompts import PromptResidue
from rules.residue.stock_phrases import StockPhrase, StockPhraseDensity
from rules.residue.template_headings import TemplateHeading
from rules.residue.toc import TocResidue

RULES: list = [
    PromptResidue(),
    TocResidue(),
    DuplicateLine(),
    CaptionResidue(),
    ChatbotDebris(),
    StockPhrase(),
    StockPhraseDensity(),
    TemplateHeading(),
]
