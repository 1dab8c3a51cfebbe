"""Trailer rules (TRL): page furniture, stray headlines and off-topic endings after the story."""

from __future__ import annotations

from lint.model import Severity
from rules.trailer.boilerplate import end_region_start
from rules.trailer.cohesion import content_stems, stem
from rules.trailer.lexicon import boilerplate
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
    assert any("\u2019" in pattern.source for pattern in data.sentences)  # curly_tolerant widened the apostrophes


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


# -- start-up cost: lazy patterns, literal keys, line-by-line sentence search -----------

WIDGET_LINES = [
    "Leave a Reply", "LEAVE A REPLAY", "leave a comment to John", "Your email address will not be published",
    "Required fields are marked *", "Comments", "12 comments", "Comments (3)", "View all 12 comments", "Post a comment",
    "Cancel reply", "Discussion (4)", "Have your say", "What do you think?", "Share", "Share this article",
    "Share on Facebook", "Click to share on Twitter", "Tweet", "Pin it", "Facebook, Twitter, Email", "X | Facebook",
    "Like this", "Like loading...", "Copy link", "Follow us on Twitter", "Follow BBC News on Google News",
    "Related: other things", "Read more", "Also read: x", "See also", "More from BBC News", "You may also like",
    "Next article: x", "Continue reading", "Recommended for you", "Editors picks", "Editor's picks", "Tags: a, b",
    "Filed under: x", "Sign up for our daily newsletter", "Subscribe now", "Get the latest news delivered to your inbox",
    "Enter your email address", "Support independent journalism", "Become a member today",
    "Already a subscriber? Log in", "Thanks for signing up", "Advertisement", "Ad", "Sponsored content", "Paid post",
    "Story continues below advertisement", "Skip ad", "Ad Ad Ad", "This audio is generated with AI assistance",
    "Listen to this article 3 min", "We use cookies to improve", "Accept all cookies", "Cookie policy",
    "Privacy Policy | Terms of Use", "Log in", "Login or register to comment", "Create an account",
    "Forgot your password?", "You must be logged in to post a comment", "\u00a9 2024 Example Ltd. All rights reserved",
    "Copyright 2024 all rights reserved", "L\u0130KE THIS", "\u212aeep reading", "Be the first to comment",
]


def test_trl001_literal_keys_never_rule_out_a_line_a_pattern_matches():
    """The key test that spares compiling the line patterns is sound, also for the letters IGNORECASE folds."""
    import re

    from rules.phrases import ignorecase_fold

    matched = 0
    for line in WIDGET_LINES:
        for pattern in boilerplate().lines:
            if re.fullmatch(pattern.source, line, re.I):
                matched += 1
                assert pattern.may_match(ignorecase_fold(line)), (pattern.source, line)
                assert pattern in boilerplate().candidates(line), (pattern.source, line)
    assert matched >= len(WIDGET_LINES)


def test_trl001_keyed_lines_and_the_combined_alternation_find_the_same(monkeypatch):
    """A one-file run tests keys; a corpus run switches to one alternation after COMBINE_AFTER lines."""
    from rules.trailer import lexicon

    text = STORY + "".join(f"\n{line}\n" for line in WIDGET_LINES)
    results = []
    for combine_after in (10**9, 1):
        monkeypatch.setattr(lexicon, "COMBINE_AFTER", combine_after)
        lexicon.boilerplate.cache_clear()
        results.append([(d.line, d.severity, d.message) for d in trl(text, "TRL001")])
    lexicon.boilerplate.cache_clear()
    assert results[0] == results[1] and len(results[0]) > 40


def test_trl001_sentence_patterns_searched_line_by_line_find_what_a_whole_text_search_finds():
    from lint.article import load_text
    from lint.model import Span
    from rules.trailer.boilerplate import _sentence_matches

    text = (STORY + "\nWe'd love to hear your thoughts in the comments below. Let us know what you think!\n"
            "He said: \"Please share your views with us.\"\nStay tuned to Example News for further updates.\n"
            "Subscribe to our weekly newsletter\nFor more updates, stay tuned. Sound off in the comments\n"
            "Here's a question for our readers: what next?\n")
    masked = load_text("a.txt", text).masked
    for pattern in boilerplate().sentences:
        assert pattern.line_keys, pattern.kind  # every group is searched line by line
        for region in (Span(0, len(masked)), Span(40, len(masked) - 10)):
            whole = [m.span() for m in pattern.regex.finditer(masked, region.start, region.end)]
            assert [m.span() for m in _sentence_matches(pattern, masked, region)] == whole


def test_trl_and_res_one_file_run_imports_no_yaml():
    """The data are plain text: a pre-commit run must not pay the 15 ms import of PyYAML."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    code = (  # only these two families registered: what other families import is theirs to answer for
        "import sys, rules; rules.FAMILIES = ('trailer', 'residue'); from lint.engine import Linter, RunOptions; "
        "report = Linter(run=RunOptions(select=('TRL', 'RES'))).run([sys.argv[1]], jobs=1); "
        "assert any(d.rule.startswith('TRL') for d in report.diagnostics); "
        "assert any(d.rule.startswith('RES') for d in report.diagnostics); "
        "print('yaml' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code, str(root / "seeds" / "004_dbda7665e3f63745.txt")],
                         capture_output=True, text=True, cwd=root, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_trl_string_tests_agree_with_the_patterns_they_replace():
    import re

    from rules.trailer.ending import ends_like_prose
    from rules.trailer.off_topic import linked_opening

    linked = re.compile(
        r"(?:he|she|they|it|its|his|her|their|this|these|that|those|there|but|and|so|yet|however|meanwhile|"
        r"elsewhere|separately|also|still|earlier|later|instead|even|both|such|the (?:company|firm|group|club|"
        r"team|side|government|minister|party|band|singer|star|actor|actress|film|show|player|deal|decision|"
        r"report|survey|study|figures|latest|move|bank|court|case|country|city|council|agency|organisation|"
        r"organization|ministry|department|spokesman|spokeswoman|official|officials))\b", re.I)
    openings = ["He said", "HE", "hers", "Its", "The company", "the  company", "The Company's", "The companyx",
                "the_company", "Thereafter", "There", "\u0130t was", "\u0131t was", "\u017fo", "Meanwhile,", "However",
                "The striker", "And", "it2", "", " he", "The official", "The officials said"]
    for text in openings:
        assert linked_opening(text) == bool(linked.match(text)), text
    terminal = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\Z|[\"\u201d\u2019]\Z")
    for text in ["End.", "End.\"", "End.')", "End", "Wait?\u201d", "\u201d", "quote\u2019", "a.)]", "a)", "x!'  ", ""]:
        assert ends_like_prose(text) == bool(terminal.search(text.rstrip()[-4:])), text


def test_pronoun_speaker_hint_never_misses_a_match():
    import random

    from rules.trailer.off_topic import _PRONOUN_SPEAKER, quotes_pronoun_speaker

    rng = random.Random(1)
    parts = ["He", "he", "she", "SHE", "They", "they", "the", "t", "s", " ", "\n", "\u00a0", "said", "Said", "SAYS",
             "added", "x", "-", "_", "1", "\u0130", "\u017f", "\u017fays", "warned"]
    texts = ["He said so.", "and they  Warned", "Theysaid", "the said", "she\u00a0told", "(he said"]
    texts += ["".join(rng.choice(parts) for _ in range(rng.randint(1, 8))) for _ in range(20000)]
    for text in texts:
        assert quotes_pronoun_speaker(text) == (_PRONOUN_SPEAKER().search(text) is not None), text
