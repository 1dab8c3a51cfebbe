"""Trailer rules (TRL): page furniture, stray headlines and off-topic endings after the story."""

from __future__ import annotations

from lint.model import Severity
from rules.trailer.boilerplate import end_region_start
from rules.trailer.cohesion import content_stems, stem
from rules.trailer.lexicon import boilerplate, curly_tolerant
from tests.helpers import lint_string

STORY = (
    "Harbour Bridge Lanes to Close for Repairs\n\n"
    "Engineers will close two lanes of the Harbour Bridge from Monday while corroded cables are replaced, "
    "the city's transport department said.\n\n"
    "The work is expected to last until April and will cost about 14 million dollars, according to a council "
    "report published last week.\n\n"
    "Commuters have been advised to use the ferry or the ring road during the morning peak while the cables "
    "on the bridge are replaced.\n"
)


def trl(text: str, code: str = "TRL", name: str = "article.txt"):
    return [d for d in lint_string(text, code, name=name) if d.rule.startswith("TRL")]


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


# -- TRL001 boilerplate-trailer ------------------------------------------------


def test_trl001_comment_form_lines_at_the_end():
    text = STORY + "\nComments\n\nLeave a Replay\n"
    found = trl(text, "TRL001")
    assert [(d.line, d.severity) for d in found] == [
        (line_of(text, "Comments"), Severity.WARNING),
        (line_of(text, "Leave a Replay"), Severity.ERROR),
    ]
    assert "'Leave a Replay'" in found[1].message and "comment-form" in found[1].message


def test_trl001_comments_in_a_sentence_is_reporting():
    text = STORY + "\nHe said the comments were taken out of context and that he would not resign.\n"
    assert trl(text, "TRL001") == []


def test_trl001_reader_prompt_inside_a_line_is_found_at_its_sentence():
    text = STORY + "\nArchyde: Dr. Ivanova, thank you. We\u2019d love to hear your thoughts in the comments below.\n"
    found = trl(text, "TRL001")
    assert len(found) == 1
    assert found[0].line == line_of(text, "Archyde:")
    assert found[0].column == len("Archyde: Dr. Ivanova, thank you. ") + 1
    assert "We\u2019d love to hear your thoughts" in found[0].message


def test_trl001_reported_commenting_is_not_a_prompt():
    text = STORY + "\nUsers can leave a comment on each video, and the firm reads the comments below every clip.\n"
    assert trl(text, "TRL001") == []


def test_trl001_one_finding_per_line_even_with_two_prompts():
    text = STORY + "\nLet us know what you think. Share your thoughts in the comments below.\n"
    assert len(trl(text, "TRL001")) == 1


def test_trl001_prompt_quoted_in_a_story_is_reporting():
    text = STORY + '\nThe site\'s editor wrote: "We\'d love to hear your thoughts in the comments below," and got 400 replies.\n'
    assert trl(text, "TRL001") == []


def test_trl001_site_sign_off_sentence():
    text = STORY.rstrip("\n") + " Stay tuned to Harbour Daily for further updates on this developing story.\n"
    found = trl(text, "TRL001")
    assert len(found) == 1 and "sign-off" in found[0].message


def test_trl001_weak_labels_count_only_near_the_end():
    middle = LONG_STORY.replace("The work is expected", "Share\n\nThe work is expected")
    assert trl(middle, "TRL001") == []
    end = STORY + "\nShare\n"
    assert [d.line for d in trl(end, "TRL001")] == [line_of(end, "Share\n")]


def test_trl001_editors_note_and_correction_are_kept():
    text = STORY + (
        "\nCorrection: An earlier version of this article gave the wrong cost for the repairs.\n"
        "\nEditor's note: This article has been updated to include a comment from the council.\n"
    )
    assert trl(text) == []


def test_trl001_markdown_link_label_is_matched_after_masking():
    text = "# Bridge to close\n\n" + STORY.split("\n\n", 1)[1] + "\n[Read more](https://example.com/next)\n"
    found = trl(text, "TRL001", name="a.md")
    assert [d.line for d in found] == [text.count("\n")]
    assert "links to other articles" in found[0].message


def test_trl001_end_region_extends_over_a_run_of_short_blocks():
    from lint.article import load_text

    text = STORY + "".join(f"\nWidget {i}\n" for i in range(10))
    article = load_text("a.txt", text)
    # the ten widgets plus nothing before the story's last paragraph
    assert end_region_start(article) == len(article.blocks) - 10


def test_trl001_boilerplate_data_compiles_and_curly_apostrophes_match():
    data = boilerplate()
    assert data.lines and data.sentences
    assert curly_tolerant("we'd [a-z']") == "we['\u2019\u02bc]d [a-z'\u2019\u02bc]"


# -- TRL002 stray-headline ----------------------------------------------------

STRAY = "Conspiracy Theories Emerge After Mid-Air Collision Between Black Hawk Helicopter and Plane"


def test_trl002_unrelated_title_case_line_after_the_story():
    text = LONG_STORY + "\n" + STRAY + "\n"
    found = trl(text, "TRL002")
    assert [(d.line, d.severity) for d in found] == [(line_of(text, STRAY), Severity.WARNING)]
    assert "another article's headline" in found[0].message
    assert "Bridge" in found[0].message  # says what the story is about


def test_trl002_stray_headline_before_trailing_boilerplate_is_found():
    text = LONG_STORY + "\n" + STRAY + "\n\nLeave a Reply\n"
    assert [d.rule for d in trl(text)] == ["TRL002", "TRL001"]


def test_trl002_title_case_line_about_the_same_story_is_left_alone():
    text = LONG_STORY + "\nBridge Cables to Be Replaced Before the Spring Tourist Season\n"
    assert trl(text, "TRL002") == []


def test_trl002_fixture_list_and_credit_lines_are_not_headlines():
    fixtures = LONG_STORY + "\nThe ties are:\n\nRiverside United v Northgate Athletic\n\nEastfield Rovers v Westport Town\n"
    assert trl(fixtures, "TRL002") == []
    credit = LONG_STORY + "\nReporting by Jane Holloway; Editing by Mark Evans\n"
    assert trl(credit, "TRL002") == []
    names = LONG_STORY + "\n- Sophia Loren, Marcello Mastroianni, Monica Vitti, Gian Maria Volonte\n"
    assert trl(names, "TRL002") == []
    bio = LONG_STORY + "\nClark Boyd is technology correspondent for The World, a Radio Service co-production\n"
    assert trl(bio, "TRL002") == []


# -- TRL003 off-topic-closing ---------------------------------------------------

LONG_STORY = STORY + (
    "\nCouncillors said the bridge cables had not been replaced since the bridge opened in 1971, and inspectors "
    "found corrosion on a third of the cables during a routine survey of the bridge in the summer.\n"
    "\nThe transport department said the repairs to the bridge would be carried out at night where possible, "
    "and that the bridge would stay open to buses and emergency vehicles throughout the work on the cables.\n"
    "\nLocal businesses near the bridge said they feared losing customers during the closures, and asked the "
    "council for help with parking while the lanes on the bridge are shut.\n"
)
OFF_TOPIC = (
    "The striker curled a free kick into the top corner in stoppage time as the visitors came from behind "
    "to win the cup tie and book a quarter-final against the league leaders at their stadium next month."
)


def test_trl003_closing_paragraph_from_another_story_is_a_warning():
    text = LONG_STORY + "\n" + OFF_TOPIC + "\n"
    found = trl(text, "TRL003")
    assert [(d.line, d.severity) for d in found] == [(line_of(text, "The striker"), Severity.WARNING)]
    message = found[0].message
    assert "striker" in message and "story is about" in message and "bridge" in message.lower()


def test_trl003_closing_quote_and_linked_paragraphs_are_not_off_topic():
    quote = LONG_STORY + '\n"I have crossed this bridge every day for forty years and I will miss the view from the top deck," said a commuter.\n'
    assert trl(quote, "TRL003") == []
    meanwhile = LONG_STORY + "\nMeanwhile, " + OFF_TOPIC[0].lower() + OFF_TOPIC[1:] + "\n"
    assert trl(meanwhile, "TRL003") == []


def test_trl003_on_topic_closing_paragraph_is_left_alone():
    text = LONG_STORY + "\nThe transport department said both lanes of the bridge would reopen in April once the new cables were tested.\n"
    assert trl(text, "TRL003") == []


def test_trl_stemming_and_content_words():
    assert stem("talks") == stem("talked") == stem("talking") == "talk"
    assert content_stems("The talks on the bridge, said officials.") == ["talk", "bridg", "official"]
