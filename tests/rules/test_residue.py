"""Residue rules (RES): prompts, outlines, repeats, captions, chatbot text and stock phrases."""

from __future__ import annotations

import re

import pytest

from lint.model import Severity
from rules.residue import lexicon
from rules.residue.keyed import PatternKeyError, compile_keyed, derive_key, search_keyed
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


def test_res_derive_key_takes_the_longest_fixed_text():
    assert derive_key(r"\bwith bated breath\b") == "with bated breath"
    assert derive_key(r"\b(?:might|could) potentially\b") == "potentially"
    with pytest.raises(PatternKeyError):
        derive_key(r"\bcut-?off\b")
    with pytest.raises(PatternKeyError):
        derive_key(r"\bdelve|tapestry\b")
    with pytest.raises(PatternKeyError):  # "{0,60}" is a repeat count, not text; such entries give a key
        derive_key(r"\[(?:insert)\b[^\]]{0,60}\]")


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
