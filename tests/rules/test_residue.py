"""Residue rules (RES): prompts, outlines, repeats, captions, chatbot text and stock phrases."""

from __future__ import annotations

import re

import pytest

from lint.model import Severity
from rules.residue import lexicon
from rules.phrases import ignorecase_fold
from rules.residue.keyed import compile_keyed, search_keyed
from rules.residue.lines import comparison_key
from tests.helpers import lint_string

BODY = (
    "Grain shipments resumed from three ports on Saturday after insurers agreed to cover vessels again, "
    "port officials said.\n\n"
    "The first convoy of six ships left at dawn, carrying wheat and maize bound for Egypt and Turkey.\n\n"
    "Officials expect twenty ships to sail in the first week, and more once insurance costs fall.\n"
)


def res(text: str, code: str = "RES", name: str = "article.txt", config: str = ""):
    return [d for d in lint_string(text, code, name=name, config=config) if d.rule.startswith("RES")]


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


# -- RES001 prompt-residue -------------------------------------------------------

PROMPT = "What are the key components of the new shipping agreement, and what strategic objectives do they aim to achieve?"


def test_res001_prompt_question_line_is_a_warning():
    text = "Grain Exports Resume\n\n" + BODY + "\n" + PROMPT + "\n"
    found = res(text, "RES001")
    assert [(d.line, d.severity) for d in found] == [(line_of(text, "What are"), Severity.WARNING)]
    assert "generator prompt" in found[0].message


def test_res001_prompt_naming_an_expert_before_the_article_does_is_an_error():
    prompt = "How do Dr. Hartmann\u2019s insights refine our understanding of the risks facing grain traders?"
    text = "Grain Exports Resume\n\n" + prompt + "\n\n" + BODY + "\nDr. Karl Hartmann, a market economist, said costs would stay high.\n"
    found = res(text, "RES001")
    assert [(d.line, d.severity) for d in found] == [(3, Severity.ERROR)]
    assert "Dr. Hartmann" in found[0].message and f"line {line_of(text, 'Dr. Karl')}" in found[0].message
    assert found[0].related and found[0].related[0]["line"] == line_of(text, "Dr. Karl")


def test_res001_prompt_naming_an_expert_who_never_appears_is_an_error():
    prompt = "How do Professor Lindqvist's insights shape our understanding of the grain market this year?"
    text = "Grain Exports Resume\n\n" + BODY + "\n" + prompt + "\n"
    found = res(text, "RES001")
    assert found[0].severity == Severity.ERROR and "appears nowhere else" in found[0].message


def test_res001_rhetorical_headings_interview_questions_and_quotes_are_not_prompts():
    text = (
        "Peace Talks: A Distant Possibility?\n\n" + BODY
        + "\nIs a Deal Within Reach?\n\n"
        "Interviewer: What are the key components of the proposal you presented to the other side today?\n\n"
        '"What are the key components of a fair deal for families like mine?" asked one farmer.\n\n'
        "Diplomats met again. What are the key components of any settlement that both sides could accept?\n"
    )
    assert res(text, "RES001") == []


def test_res001_short_explainer_style_question_is_only_info():
    text = "Grain Exports Resume\n\n" + BODY + "\nWhat are the main risks of the new shipping route?\n\n" + BODY
    found = res(text, "RES001")
    assert [(d.line, d.severity) for d in found] == [(line_of(text, "What are the main"), Severity.INFO)]
    assert "unless it is a crosshead" in found[0].message


def test_res001_reader_engagement_heading():
    text = "Grain Exports Resume\n\n" + BODY + "\nThought-Provoking Question for Readers\n"
    found = res(text, "RES001")
    assert len(found) == 1 and "reader-engagement heading" in found[0].message


# -- RES002 toc-residue ------------------------------------------------------------

TOC_ARTICLE = (
    "Wheat Prices and the Shipping Crisis: A Deep Dive\n"
    "Table of Contents\n"
    "- 1. Wheat Prices and the Shipping Crisis: A Deep Dive\n"
    "- 2. Why Freight Costs Are Rising\n"
    "- 3. " + PROMPT + "\n"
    "Wheat prices rose for a fourth week as the cost of shipping grain climbed, traders said.\n"
    "Why Freight Costs Are Rising\n"
    "Insurers have raised premiums for ships sailing near the conflict zone.\n"
    + PROMPT + "\n"
)


def test_res002_toc_residue_is_one_warning_on_the_title_line():
    found = res(TOC_ARTICLE, "RES002")
    assert [(d.line, d.end_line, d.severity) for d in found] == [(2, 2, Severity.WARNING)]
    assert "lines 2-5" in found[0].message and "headline" in found[0].message and "prompt" in found[0].message


def test_res002_toc_entries_are_not_reported_again_as_prompts_or_duplicates():
    found = res(TOC_ARTICLE)
    assert sorted((d.rule, d.line) for d in found if d.severity >= Severity.WARNING) == [
        ("RES001", 9), ("RES002", 2)
    ]


def test_res002_untitled_list_of_the_articles_own_headings_is_a_toc():
    text = (
        "# Budget Day Explained\n\n- Spending on roads\n- Council tax\n- Libraries\n\n"
        "The council approved its budget on Tuesday.\n\n## Spending on roads\n\nMore money for repairs.\n\n"
        "## Council tax\n\nBills rise by 3%.\n\n## Libraries\n\nAll stay open.\n"
    )
    found = res(text, "RES002", name="a.md")
    assert [(d.line, d.severity) for d in found] == [(3, Severity.INFO)]
    assert "word story" in found[0].message


def test_res002_a_list_that_is_not_a_table_of_contents():
    text = "Budget Day\n\nThe council agreed:\n- more money for roads\n- a rise in council tax\n- longer library hours\n\nThe vote was close.\n"
    assert res(text, "RES002") == []


# -- RES003 duplicate-line ---------------------------------------------------------


def test_res003_headline_repeated_with_curly_quotes_and_spacing():
    text = "Putin's Demands  on NATO\n\nPutin\u2019s demands on NATO\n\n" + BODY
    found = res(text, "RES003")
    assert [(d.line, d.severity) for d in found] == [(3, Severity.WARNING)]
    assert "repeats the headline (line 1)" in found[0].message
    assert found[0].related[0]["line"] == 1


def test_res003_long_paragraph_repeated_and_short_lines_allowed():
    paragraph = BODY.split("\n\n")[0]
    text = "Grain Exports Resume\n\n" + BODY + "\nLabour hold\n\nLabour hold\n\n" + paragraph + "\n"
    found = res(text, "RES003")
    assert [d.line for d in found] == [text.count("\n")]
    assert "repeats line 3" in found[0].message


def test_res003_comparison_key_ignores_numbering_quotes_and_case():
    assert comparison_key("- 3. \u201cPeace Talks:  A Distant Possibility?\u201d") == comparison_key("Peace talks: a distant possibility")


# -- RES004 caption-residue --------------------------------------------------------


def test_res004_positional_caption_is_a_warning_and_structural_one_is_info():
    text = (
        "Leaders Agree Flood Plan\nThe two leaders pledged joint funding\n\n"
        "Anna Berg, left, shakes hands with Jonas Weller (right) at the summit in Vienna\n\n"
        "The leaders agreed to set up a joint fund to rebuild roads and schools along the border.\n\n"
        "Rescue workers carry sandbags along a flooded street as the water continues to rise\n\n"
        "Officials will meet every month to decide which projects receive money first.\n"
    )
    found = res(text, "RES004")
    assert [(d.line, d.severity) for d in found] == [(4, Severity.WARNING), (8, Severity.INFO)]
    assert "'Berg, left,'" in found[0].message


def test_res004_standfirst_past_tense_and_prose_positions_are_not_captions():
    text = (
        "Leaders Agree Flood Plan\nJoint fund will pay for roads and schools damaged in the floods\n\n"
        "The leaders agreed to set up a joint fund to rebuild roads and schools along the border.\n\n"
        "Rescue workers carried sandbags along a flooded street as the water rose through the night\n\n"
        "Critics on the far right, and some on the left, said the fund was too small for the damage.\n"
    )
    assert res(text, "RES004") == []


def test_res004_picture_credit():
    text = "Leaders Agree Flood Plan\n\n" + BODY + "\n(AP Photo/Lena Hofmann)\n\n" + BODY
    found = res(text, "RES004")
    assert len(found) == 1 and "picture credit" in found[0].message


# -- RES005 chatbot-debris ---------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Certainly! Here is the rewritten article.",
        "As an AI language model, I cannot verify these figures.",
        "I hope this helps with your story.",
        "Prices rose, according to [Insert source name].",
        "The summit ended without agreement. turn0search3",
        "The next summit is planned for 20XX.",
    ],
)
def test_res005_chatbot_debris_is_an_error(line):
    found = res("Leaders Meet on Energy\n\n" + line + "\n", "RES005")
    assert [(d.line, d.severity) for d in found] == [(3, Severity.ERROR)]


def test_res005_chatbot_phrase_quoted_in_a_story_and_code_are_left_alone():
    text = (
        "# Chatbots in the Newsroom\n\n"
        '"It said \'I hope this helps\' at the bottom of a court report," the editor said.\n\n'
        "```\nAs an AI language model\n```\n"
    )
    assert res(text, "RES005", name="a.md") == []


def test_res005_markup_shown_in_inline_code_is_an_example():
    text = "# Templates\n\nWrite `{{ city }}` where the name goes; the tool once left `oaicite` in drafts.\n"
    assert res(text, "RES005", name="a.md") == []


def test_res005_citation_markup_hidden_in_a_link_target():
    text = "# Plant Opens\n\nThe plant employs 1,200 people ([source](https://example.com/a?utm_source=chatgpt.com)).\n"
    found = res(text, "RES005", name="a.md")
    assert len(found) == 1 and "citation markup" in found[0].message


# -- RES006 stock-phrase and RES007 stock-phrase-density ---------------------------

DENSE = (
    "Talks Reach Critical Stage\n\n"
    "As the two countries navigate the complexities of sharing the river, the stakes couldn\u2019t be higher.\n\n"
    "The negotiations are a testament to quiet diplomacy. It is important to note that neither side walked away.\n\n"
    "Only time will tell whether a deal is possible.\n"
)


def test_res006_each_stock_phrase_is_info():
    found = res(DENSE, "RES006")
    assert {d.severity for d in found} == {Severity.INFO}
    assert [d.line for d in found] == [3, 3, 5, 5, 7]
    assert "'navigate the complexities'" in found[0].message


def test_res007_density_warning_once_on_the_first_phrase():
    found = res(DENSE, "RES007")
    assert [(d.line, d.column, d.severity) for d in found] == [(3, len("As the two countries ") + 1, Severity.WARNING)]
    assert found[0].message.startswith("5 distinct stock phrases") and len(found[0].related) == 4


def test_res007_density_threshold_is_an_option():
    config = "rules:\n  RES007:\n    min-distinct: 6\n"
    assert res(DENSE, "RES007", config=config) == []


def test_res006_quoted_and_tier_two_phrases_are_not_reported():
    text = (
        "Rates Held\n\n"
        '"Only time will tell whether we have done enough," the governor said.\n\n'
        "It was a high-stakes decision that paved the way for a pivotal debate.\n"
    )
    assert res(text, "RES006") == []
    assert res(text, "RES007") == []


def test_res006_spinner_filler():
    found = res("Rates Held\n\nThe bank might potentially cut rates, and it is indeed likely to do so.\n", "RES006")
    assert [d.message.split(" (")[0] for d in found] == ["spinner-style filler", "spinner-style filler"]


# -- RES008 template-heading -------------------------------------------------------


def test_res008_template_headings_are_info_and_prose_is_not():
    text = (
        "# Rail Fares Rise\n\n## Introduction\n\nFares rise in March.\n\n## Looking Ahead: What Passengers Can Expect\n\n"
        "More trains in May.\n\nIn conclusion, the minister said, fares must be fair.\n\n## Commuters face bigger bills\n\nText.\n"
    )
    found = res(text, "RES008", name="a.md")
    assert [(d.line, d.severity) for d in found] == [(3, Severity.INFO), (7, Severity.INFO)]


# -- the phrase machinery -----------------------------------------------------------


def test_res_keyed_search_finds_every_occurrence_once():
    patterns = compile_keyed([(r"\bshed(?:s|ding)? (?:new )?light on\b", "t", None)])
    text = "It sheds light on costs. Later it shed new light on prices, and shedding light on it helps."
    found = [m.group(0) for m, _ in search_keyed(patterns, text, text.lower(), 0, len(text))]
    assert found == ["sheds light on", "shed new light on", "shedding light on"]


def test_res_every_data_file_loads_and_every_phrase_has_a_key():
    phrases = lexicon.stock_phrases().strong + lexicon.stock_phrases().weak
    bot = lexicon.chatbot()
    assert all(len(p.key) >= 4 for p in phrases + bot.conversational)
    assert lexicon.prompts().questions.search("What are the key factors of the crisis in the region?")
    assert lexicon.template_headings().pattern.fullmatch("Key Takeaways")
    assert re.search(lexicon.captions().positional, "Kellogg, left, and Zelensky")


# -- start-up cost: plain-text data, patterns compiled on first need ------------------------

PHRASES = [
    "As an AI language model", "I cannot fulfil this request", "I can\u2019t help with your prompt", "my knowledge cutoff",
    "as of my last update", "Certainly! Here is", "Sure, here\u2019s", "SURE! HERE ARE", "Of course. Here are",
    "Here\u2019s a rewritten article", "HERE IS THE REVISED VERSION", "I hope this helps", "Would you like me to expand",
    "Let me know if you\u2019d like more", "feel free to ask", "rewrite the following article", "oaicite", "turn0search3",
    "contentReference[oaicite:1]", "utm_source=chatgpt.com", "\u30103:1\u2020source\u3011", "[Insert quote here]",
    "{{ city }}", "20XX", "2024-xx-xx", "Lorem ipsum", "delve deeper into", "It is important to note", "In conclusion,",
    "the stakes couldn't be higher", "navigating the complexities", "a testament to", "rich tapestry",
    "with bated breath", "One thing is clear:", "only time will tell", "sheds new light on", "far-reaching implications",
    "a perfect storm", "in today\u2019s fast-paced world", "in the ever-evolving landscape of",
    "plays a pivotal role in shaping", "serves as a stark reminder", "underscores the importance of",
    "The question remains:", "might potentially", "it is indeed likely", "critically important", "paves the way for",
    "high-stakes", "watershed moment", "the world is watching", "fostering", "bolstered", "navigated",
    "\u0130T IS \u0130MPORTANT TO NOTE", "\u017fure, here is",
]


def test_res_required_literals_never_skip_a_phrase_the_pattern_matches():
    """A phrase pattern whose key occurs is skipped when the text lacks a literal every match needs: never wrongly."""
    bot, stock = lexicon.chatbot(), lexicon.stock_phrases()
    matched = 0
    for entry in bot.conversational + bot.markup + stock.strong + stock.weak:
        for phrase in PHRASES:
            if entry.regex.search(phrase):
                matched += 1
                folded = ignorecase_fold(phrase)
                assert all(any(lit in folded for lit in clause) for clause in entry.required), (entry.source, phrase)
    assert matched >= len(PHRASES)
    here = next(e for e in bot.conversational if e.key == "here")
    assert ("rewritten", "revised", "updated", "edited", "paraphrased", "expanded", "improved", "polished") in here.required
    assert ("sure!", "sure,") in next(e for e in bot.conversational if e.key == "sure").required


def test_res_phrase_search_is_unchanged_by_the_required_literals(monkeypatch):
    from rules.residue import keyed

    text = " ".join(PHRASES) + "\nThere is more here. Where? Return to sure ground, then ensure the measure.\n"
    bot, stock = lexicon.chatbot(), lexicon.stock_phrases()
    groups = (bot.conversational, bot.markup, stock.strong, stock.weak)
    with_required = [[(m.span(), label) for m, label in search_keyed(g, text, text.lower(), 0, len(text))] for g in groups]
    monkeypatch.setattr(keyed.Keyed, "required", property(lambda self: ()))
    without = [[(m.span(), label) for m, label in search_keyed(g, text, text.lower(), 0, len(text))] for g in groups]
    assert with_required == without and sum(map(len, without)) >= 40


def test_res_data_files_are_plain_text_sections():
    data = lexicon.sections_by_name("prompts.txt")
    assert data["settings"] == ["min-words = 8", "long-words = 15"] and data["strong-questions"]
    markup = lexicon.chatbot().markup
    assert {m.key for m in markup} >= {"\u2020", "[", "{{"}  # explicit @key= entries
    assert lexicon.stock_phrases().version == "2025-02"


def test_res_speaker_label_test_agrees_with_the_pattern_it_replaces():
    from rules.residue.lines import SPEAKER_LABEL, speaker_label

    lines = ["Archyde News Editor: Dr. Ivanova, welcome.", "Q: What next?", "A: We wait.", "Dr. Ivanova: Thank you.",
             "Archyde: Looking beyond Ukraine", "He said: no", "O'Brien-Smith Jr.: yes", "One Two Three Four Five Six: x",
             "One Two Three Four Five: x", "Time: 10:30", "Note:no space", "Smith :x", "Smith\nJones: x", "\u00c9mile: oui",
             "Photo: Getty", ": x", "A:", "Q:\tx", "BBC News 24: live", "x: y", "Prime Minister\u2019s office: statement"]
    for line in lines:
        assert speaker_label(line) == bool(SPEAKER_LABEL().match(line)), line


def test_search_keyed_folds_ascii_text_as_ignorecase_fold_does():
    # ASCII text reuses the caller's lower case instead of folding it again: same matches either way.
    text = "Here is a rewritten version of the article. It is important to note the draft."
    assert ignorecase_fold(text) == text.lower()
    patterns = lexicon.chatbot().conversational + lexicon.stock_phrases().strong
    found = sorted((m.span(), label) for m, label in search_keyed(patterns, text, text.lower(), 0, len(text)))
    assert found
