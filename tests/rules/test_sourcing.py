"""The sourcing family: SRC001 anonymous-source, SRC002 unattributed-quote, SRC003 weasel-attribution."""

from __future__ import annotations

import os
import re

import pytest

from lint.config import ConfigError
from lint.model import Severity, Span
from rules.sourcing import RULES
from rules.sourcing import attribution
from rules.sourcing import cues, lexicon
from rules.sourcing.lexicon import _base, _find_runs, get_lexicon, noun_forms, trie_pattern, verb_forms
from tests.helpers import lint_string

HEAD = "Talks in Geneva\n\n"


def src(text: str, select: str = "SRC", config: str = "", name: str = "article.txt"):
    return [d for d in lint_string(text, select, config=config, name=name) if d.rule.startswith("SRC")]


def only(diags, code):
    return [d for d in diags if d.rule == code]


# -- SRC001: the grading ladder ------------------------------------------------


def test_vague_affiliation_quote_is_a_warning_pointing_at_the_attribution():
    text = HEAD + "“Ukraine’s membership is a bridge too far,” said a Kremlin insider.\n"
    [d] = src(text, "SRC001")
    assert (d.line, d.severity) == (3, Severity.WARNING)
    line = text.splitlines()[2]
    assert line[d.column - 1 : d.end_column - 1] == "said a Kremlin insider"
    assert d.message == ('quote attributed to an unnamed "Kremlin insider"; '
                         "name the source or say why anonymity was granted")


@pytest.mark.parametrize("sentence, who", [
    ("“It is about the world order,” a geopolitical analyst said.", "geopolitical analyst"),
    ("As one insider put it, “He wants to change the rules.”", "insider"),
    ("A source close to the Kremlin suggested that the weapons should not be used.", "source close to the Kremlin"),
    ("According to sources close to the Kremlin, sanctions are central to the talks.", "sources close to the Kremlin"),
    ("Sources say the talks will resume next week.", "sources"),
    ("“The deal is dead,” said a Western diplomat.", "Western diplomat"),
])
def test_bare_and_vague_sources_are_warnings(sentence, who):
    [d] = src(HEAD + sentence + "\n", "SRC001")
    assert d.severity is Severity.WARNING
    assert f'"{who}"' in d.message


def test_placed_source_is_info_and_an_opinion_from_it_is_a_warning():
    fact = HEAD + "“The meeting took place on Tuesday,” said two U.S. officials familiar with the talks.\n"
    [d] = src(fact, "SRC001")
    assert d.severity is Severity.INFO
    assert d.message == ('quote attributed to unnamed "two U.S. officials familiar with the talks"; '
                         "say why anonymity was granted")
    opinion = HEAD + "“The talks could collapse within days,” said two U.S. officials familiar with the talks.\n"
    [d] = src(opinion, "SRC001")
    assert d.severity is Severity.WARNING
    assert d.message.startswith("opinion or prediction quoted from unnamed")


def test_role_at_a_named_organisation_is_placed():
    [d] = src(HEAD + "“The order was signed on Monday,” said a senior official in Russia’s Foreign Ministry.\n", "SRC001")
    assert d.severity is Severity.INFO
    [d] = src(HEAD + "“The order was signed on Monday,” said an IMF official.\n", "SRC001")
    assert d.severity is Severity.INFO


def test_a_stated_reason_clears_a_placed_source_and_softens_a_vague_one():
    placed = (HEAD + "“The talks are over,” said two U.S. officials familiar with the talks, who spoke on condition "
              "of anonymity because they were not authorised to discuss the talks.\n")
    assert src(placed, "SRC001") == []
    bare = (HEAD + "A source, who spoke on condition of anonymity because he was not authorised to speak, "
            "said the list was final.\n")
    [d] = src(bare, "SRC001")
    assert d.severity is Severity.INFO
    assert "describe the source's position more precisely" in d.message


def test_reason_in_the_next_sentence_counts_but_not_when_that_sentence_has_its_own_speaker():
    text = (HEAD + "“The order was signed,” said two officials familiar with the decision. They spoke on condition "
            "of anonymity because they were not authorised to discuss it.\n")
    assert src(text, "SRC001") == []
    text = (HEAD + "“The order was signed,” said two officials familiar with the decision. Jane Doe, who spoke on "
            "condition of anonymity because she was not authorised to speak, said nothing.\n")
    assert [d.severity for d in src(text, "SRC001")] == [Severity.INFO]


def test_outlet_relaying_unnamed_officials_is_info():
    text = HEAD + "The Financial Times, citing multiple Russian officials, reported that the summit was delayed.\n"
    [d] = src(text, "SRC001")
    assert d.severity is Severity.INFO
    assert '"multiple Russian officials" cited by another outlet' in d.message
    told = HEAD + "A Labour source told the Sunday Times the campaign would start in April.\n"
    assert [d.severity for d in src(told, "SRC001")] == [Severity.INFO]
    own = HEAD + "Party sources told the BBC the campaign would start in April.\n"
    assert [d.severity for d in src(own, "SRC001")] == [Severity.WARNING]
    own = HEAD + "The campaign will start in April, party sources told the BBC.\n"
    assert [d.severity for d in src(own, "SRC001")] == [Severity.WARNING]


@pytest.mark.parametrize("sentence", [
    "“We will review the figures,” a Downing Street spokesman said.",
    "“No request has arrived,” a spokeswoman for the ministry said.",
    "The Local Government Association said in a statement that councils needed more money.",
    "The Kremlin said the meeting would take place next month, the Financial Times reported.",
    "“The door remains open,” said Dmitry Peskov.",
    "Sergei Lavrov said: “The door remains open.”",
    "Jane Smith, the prime minister, told MPs the plan would go ahead.",
    "According to Jane Smith, the plan will go ahead.",
    "“We cannot allow it,” Zelensky declared in a recent address.",
    "“It is a decision for NATO,” Stoltenberg stated firmly.",
    "“The recovery is fragile,” said HVB analyst Peter Halser.",
    "Marc Ostwald, a strategist at Monument Securities told Reuters that rates would rise.",
    "“The order was signed,” said a senior official, John Smith.",
    "Officials said the road would reopen on Friday.",
    "The source said the list had been sent to Washington.",
    "“It is not about Ukraine,” Mr Blinken said, adding that sources were wrong.",
])
def test_named_institutional_and_ordinary_speakers_are_not_flagged(sentence):
    assert src(HEAD + sentence + "\n", "SRC001") == []


def test_headlines_are_checked_only_for_a_quote_with_an_anonymous_speaker():
    assert src("Kremlin insider fears talks will fail\n\nThe talks resume on Monday.\n", "SRC001") == []
    [d] = src("“Putin will never back down,” says Kremlin insider\n\nThe talks resume on Monday.\n", "SRC001")
    assert (d.line, d.severity) == (1, Severity.WARNING)
    [d] = src("Kremlin source: “There will be no deal”\n\nThe talks resume on Monday.\n", "SRC001")
    assert '"Kremlin source"' in d.message


def test_crowds_are_left_to_the_weasel_rule():
    text = HEAD + "Critics say the plan will fail, and many analysts believe it is too late.\n"
    assert only(src(text), "SRC001") == []
    assert [d.severity for d in only(src(text), "SRC003")] == [Severity.INFO, Severity.INFO]


def test_guillemets_and_low_quotes_are_quotes():
    diags = src(HEAD + "«We will not give up the east,» said a senior source.\n\n"
                "„The deal is dead“, said one diplomat.\n", "SRC001")
    assert [(d.line, d.severity) for d in diags] == [(3, Severity.WARNING), (5, Severity.WARNING)]
    assert all(d.message.startswith("quote attributed") for d in diags)


def test_text_whose_lower_case_changes_length_still_reports_exact_columns():
    # "İ" lower-cases to two characters: the rules fall back to case-insensitive patterns.
    text = HEAD + "In İstanbul, “it is over,” said a Kremlin insider, reportedly.\n"
    diags = src(text)
    line = text.splitlines()[2]
    spans = {d.rule: line[d.column - 1 : d.end_column - 1] for d in diags}
    assert spans["SRC001"] == "said a Kremlin insider"
    assert spans["SRC003"] == "reportedly"


# -- SRC002: quotes with no speaker ----------------------------------------------------


def test_quote_with_nobody_near_it_is_flagged_at_its_opening():
    text = HEAD + "Negotiators left through a side door. “We will not give an inch on this, whatever they offer.”\n"
    [d] = src(text, "SRC002")
    assert (d.line, d.severity) == (3, Severity.WARNING)
    assert text.splitlines()[2][d.column - 1 :].startswith("“We will not")
    assert "say who said it" in d.message


@pytest.mark.parametrize("body", [
    # same sentence, both orders
    "“We will not give an inch on this question at all,” said Jane Doe.",
    "Jane Doe said: “We will not give an inch on this question at all.”",
    # the sentence after
    "“We will not give an inch on this question at all.” That was the view of Jane Doe, who said so twice.",
    # named two sentences earlier in the paragraph
    "Jane Doe said the talks were hard. The next round is in March. “We expect an answer soon from both sides.”",
    # a person as the subject of the sentence before
    "Jane Doe looked tired. “We expect an answer soon from both sides of the table.”",
    # introduced by a colon
    "The question on the ballot will be: “Should the country approve the new treaty with its neighbours?”",
    # a name right before the quote
    "- Bolton boss Sam Allardyce “I am bitterly disappointed with the result today.”",
    # a document speaks
    "The minutes of the meeting show how talks failed. “The PM said he could not serve with them again.”",
    "“The PM said he could not serve with them again,” reads a telephone memo for Mr Heath.",
    # a title, a scare quote, a phrase
    "The film, called “The Spy Who Came In From The Cold”, was shown again.",
    "Critics called the plan “fully costed” and “a fantasy”, and the minister shrugged.",
    "He talked about a “New Labour manifesto that will be aimed at all sections of society”.",
])
def test_quotes_with_a_speaker_in_context_or_that_are_not_speech(body):
    assert src(HEAD + body + "\n", "SRC002") == []


def test_continuing_quote_inherits_the_speaker_of_the_previous_paragraph():
    text = (HEAD + "“The first part of the plan is ready,” said Jane Doe.\n\n"
            "“The second part will follow in the spring, once the money is found.”\n")
    assert src(text, "SRC002") == []
    text = HEAD + "Jane Doe put it this way:\n\n“The second part will follow in the spring, once the money is found.”\n"
    assert src(text, "SRC002") == []


def test_multi_paragraph_quote_is_attributed_at_its_end_and_reported_once_when_it_is_not():
    attributed = (HEAD + "“This is a dark day for the region and for everyone in it.\n\n"
                  "“We will ask for another meeting in the spring,” said Jane Doe.\n")
    assert src(attributed, "SRC002") == []
    unattributed = (HEAD + "The summit ended on Friday.\n\n“This is a dark day for the region and for everyone in it.\n\n"
                    "“We will ask for another meeting in the spring.”\n\n“Nobody here believes it will come to anything.”\n")
    assert [d.line for d in src(unattributed, "SRC002")] == [5]


def test_transcript_lines_and_headlines_are_not_checked():
    text = ("“We will fight on whatever it costs us,” warns Kremlin\n\n"
            "Dr. Ivanova: I said at the time, “This plan will never survive a winter.”\n\n"
            "Q: Will the ceasefire hold?\n\nA: “Nobody can promise that the guns will stay silent.”\n")
    assert src(text, "SRC002") == []


def test_min_words_option_controls_what_counts_as_a_quoted_sentence():
    text = HEAD + "The summit ended. “We reject it outright.”\n"
    assert src(text, "SRC002") == []
    assert len(src(text, "SRC002", config="rules:\n  SRC002:\n    min-words: 3\n")) == 1


def test_a_quote_after_words_in_another_script_is_not_a_crash():
    text = "Заголовок\n\nОн сказал «Мы не будем подписывать это соглашение сегодня вечером».\n"
    assert src(text, "SRC002") == []


# -- SRC003: weasel attribution -------------------------------------------------------


def test_hedged_lede_without_a_named_source_is_a_warning():
    text = ("Fishing deal close\n\nBritain and the EU are close to a deal on fishing rights, according to reports.\n\n"
            "Boats from both sides would share each other's waters until 2030.\n")
    [d] = src(text, "SRC003")
    assert (d.line, d.severity) == (3, Severity.WARNING)
    assert d.message.startswith('the first paragraph rests on "according to reports"')


def test_reports_are_nobody_even_at_the_start_of_a_sentence():
    text = ("Fishing deal close\n\nReports say Britain and the EU are close to a deal on fishing rights.\n\n"
            "Boats from both sides would share each other's waters until 2030.\n")
    [d] = src(text, "SRC003")
    assert (d.line, d.severity) == (3, Severity.WARNING)


def test_hedged_lede_is_info_when_the_next_paragraph_names_the_source():
    text = ("Fishing deal close\n\nBritain and the EU are close to a deal on fishing rights, reports say.\n\n"
            "The Sunday Times said negotiators had agreed on quotas for cod.\n")
    assert [d.severity for d in src(text, "SRC003")] == [Severity.INFO]


def test_hedge_in_the_headline_is_a_warning_and_later_hedges_are_info():
    text = ("Putin reportedly ready to demand NATO guarantee\n\nRussia wants a written guarantee from the West.\n\n"
            "The president is said to be furious, and critics fear the worst.\n")
    diags = src(text, "SRC003")
    assert [(d.line, d.severity) for d in diags] == [(1, Severity.WARNING), (5, Severity.INFO), (5, Severity.INFO)]
    assert diags[0].message.startswith('the headline rests on "reportedly"')
    assert '"critics fear"' in diags[2].message


@pytest.mark.parametrize("sentence", [
    "The video could not be independently verified.",
    "The man allegedly stole a car and is due in court on Tuesday.",
    "“Critics fear it and many see it as a test,” the minister said.",
    "The two are close to a deal, according to reports in the Financial Times.",
    "Analysts at Barclays said the figures were better than expected.",
])
def test_weasel_rule_leaves_good_practice_named_sources_and_quotes_alone(sentence):
    assert src(HEAD + sentence + "\n", "SRC003") == []


# -- configuration: the lexicons are user data -----------------------------------------


def test_extra_and_dropped_anonymous_nouns():
    text = HEAD + "“He will not back down,” said a Kremlin confidant.\n"
    assert src(text, "SRC001") == []
    config = "rules:\n  SRC001:\n    extra-anonymous-nouns: [confidant]\n"
    assert [d.severity for d in src(text, "SRC001", config=config)] == [Severity.WARNING]
    analyst = HEAD + "“It is about the world order,” said a geopolitical analyst.\n"
    assert src(analyst, "SRC001", config="rules:\n  SRC001:\n    drop-anonymous-nouns: [analyst]\n") == []


def test_a_single_word_option_is_a_list_of_one():
    text = HEAD + "“He will not back down,” opined a Kremlin insider.\n"
    assert len(src(text, "SRC001", config="rules:\n  SRC001:\n    extra-speech-verbs: opine\n")) == 1


def test_extra_and_dropped_speech_verbs():
    text = HEAD + "“He will not back down,” opined a Kremlin insider.\n"
    assert src(text, "SRC001") == []
    config = "rules:\n  SRC001:\n    extra-speech-verbs: [opine]\n"
    [d] = src(text, "SRC001", config=config)
    assert "opined a Kremlin insider" in text.splitlines()[2][d.column - 1 : d.end_column - 1]
    said = HEAD + "“He will not back down,” said a Kremlin insider.\n"
    assert src(said, "SRC001", config="rules:\n  SRC001:\n    drop-speech-verbs: [say]\n") == []


def test_anonymous_modifiers_decide_whether_a_role_is_placed():
    text = HEAD + "“The order was signed on Monday,” said a White House official.\n"
    assert [d.severity for d in src(text, "SRC001")] == [Severity.INFO]  # placed at a named institution
    config = "rules:\n  SRC001:\n    extra-anonymous-modifiers: [white, house]\n"
    assert [d.severity for d in src(text, "SRC001", config=config)] == [Severity.WARNING]
    western = HEAD + "“The order was signed on Monday,” said a Western official.\n"
    assert [d.severity for d in src(western, "SRC001")] == [Severity.WARNING]
    config = "rules:\n  SRC001:\n    drop-anonymous-modifiers: [western]\n"
    assert [d.severity for d in src(western, "SRC001", config=config)] == [Severity.INFO]


def test_institution_nouns_make_a_named_source_for_the_lede():
    text = ("Deal close\n\nBritain and the EU are reportedly close to a deal on fishing.\n\n"
            "The bureau said quotas for cod had been agreed on Friday night.\n")
    assert [d.severity for d in src(text, "SRC003")] == [Severity.WARNING]
    config = "rules:\n  sourcing:\n    extra-institution-nouns: [bureau]\n"
    assert [d.severity for d in src(text, "SRC003", config=config)] == [Severity.INFO]


def test_hedges_can_be_extended_and_trimmed():
    text = HEAD + "Word on the street is that the minister will resign. He reportedly told friends.\n"
    assert [d.message.split('"')[1] for d in src(text, "SRC003")] == ["reportedly"]
    config = "rules:\n  SRC003:\n    extra-hedges: ['word on the street']\n    drop-hedges: [reportedly]\n"
    assert [d.message.split('"')[1] for d in src(text, "SRC003", config=config)] == ["Word on the street"]


def test_category_level_options_reach_every_sourcing_rule():
    config = "rules:\n  sourcing:\n    drop-speech-verbs: [say]\n"
    text = HEAD + "“He will not back down,” said a Kremlin insider.\n\nThe talks ended. “We will not sign this deal today.”\n"
    assert only(src(text), "SRC001") != []
    diags = src(text, config=config)
    assert only(diags, "SRC001") == []


def test_unknown_option_is_a_config_error_naming_the_known_ones():
    with pytest.raises(ConfigError, match="extra-speech-verbs"):
        src(HEAD + "Nothing.\n", "SRC001", config="rules:\n  SRC001:\n    extra-speech-verb: [opine]\n")


# -- the shared analysis ----------------------------------------------------------------


def test_the_three_rules_share_one_analysis_per_article(monkeypatch):
    calls = []
    real = attribution.analyse

    def counting(article, lex):
        calls.append(article.path)
        return real(article, lex)

    monkeypatch.setattr(attribution, "analyse", counting)
    src(HEAD + "“It is over,” said a Kremlin insider, reportedly.\n", name="shared.txt",
        config="rules:\n  SRC002:\n    min-words: 4\n")
    assert calls == ["shared.txt"]


def test_rules_are_registered_with_their_metadata():
    assert [(r.code, r.name, r.severity) for r in RULES] == [
        ("SRC001", "anonymous-source", Severity.WARNING),
        ("SRC002", "unattributed-quote", Severity.WARNING),
        ("SRC003", "weasel-attribution", Severity.INFO),
    ]


# -- lexicon helpers ----------------------------------------------------------------------


def test_verb_and_noun_inflection():
    irregular = {"say": ["say", "says", "said", "saying"]}
    assert verb_forms("point out", irregular) == {"point out", "points out", "pointed out", "pointing out"}
    assert verb_forms("say", irregular) == {"say", "says", "said", "saying"}
    assert verb_forms("deny", {}) == {"deny", "denies", "denied", "denying"}
    assert verb_forms("note", {}) == {"note", "notes", "noted", "noting"}
    assert noun_forms("spokesman") == {"spokesman": "spokesman", "spokesmen": "spokesman"}
    assert noun_forms("authority")["authorities"] == "authority"


def test_trie_pattern_matches_exactly_its_words():
    words = ["say", "says", "said", "point out", "won't"]
    pattern = re.compile(rf"(?:{trie_pattern(words)})\Z")
    for word in [*words, "point   out", "won\u2019t"]:
        assert pattern.match(word), word
    for word in ["sa", "sayz", "point", "pointout"]:
        assert not pattern.match(word), word


def test_lexicon_is_built_once_per_option_set():
    assert get_lexicon({}) is get_lexicon({})
    assert get_lexicon({"extra-speech-verbs": ["opine"]}) is not get_lexicon({})


def test_lexicon_data_is_plain_text_with_sections():
    data = _base()
    assert data["irregular-forms"]["say"] == ["say", "says", "said", "saying"]
    assert data["irregular-forms"]["state"] == ["stated", "stating"]
    assert "according to (?:unconfirmed |media |press |news |local |some |several |recent )*reports" in data["hedges"]
    assert data["opinion-markers"][:2] == ["would", "wouldn't"]
    assert all(data[name] for name in ("speech-verbs", "anonymous-nouns", "reason-patterns", "weasel-nouns"))


# -- speed: nothing big compiled for one article, and every shortcut finds what the slow way finds --

_WORD_SAMPLES = [
    "“It is over,” said a Kremlin insider. Officials pointed out that sources   close said so.",
    "according to\nreports, he points outward; she pointed  out, in the words of one aide-de-camp.",
    "As one insider put it, people\u2019s insider's o\u2019er sayings said_ x-said 'said' says-",
    "", "said", "put it", "in the words", "POINTED OUT",
]


@pytest.mark.parametrize("options", [{}, {"extra-speech-verbs": ["weigh in on", "o'er say"],
                                          "extra-anonymous-nouns": ["well-wisher"]}])
def test_cue_words_are_found_the_same_by_lookups_and_by_the_compiled_pattern(options):
    lex = get_lexicon(options)
    assert lex._first_pieces is not None
    for sample in _WORD_SAMPLES:
        low = sample.lower()
        assert _find_runs(low, lex._first_pieces) == [m.span() for m in lex.words.finditer(low)], sample


def test_a_lexicon_compiles_its_cue_pattern_only_after_many_articles(monkeypatch):
    lex = lexicon._build.__wrapped__(lexicon.lexicon_key({"extra-speech-verbs": ["startup-test"]}))
    low = (_WORD_SAMPLES[0] + " It is thought that the deal reportedly failed, "
           "caf\u00e9-said \u201cofficials\u201d.").lower()
    words = [m.span() for m in re.finditer(lex._sources["words"]()[0], low)]
    hedges = [m.span() for m in re.finditer(lexicon._hedge_source(list(lex.hedges.phrases))[0], low)]
    assert (lex.find_hedges(low, True), lex.find_words(low, True)) == (hedges, words)
    # A one-file run never pays for the big cue pattern, nor for the hedges its text cannot hold.
    assert not lex._compiled and not lex.hedges._full
    (kept,) = lex.hedges._subsets
    assert "reportedly" in kept and len(kept) < len(lex.hedges.phrases)
    monkeypatch.setattr(lexicon, "_COMPILE_AFTER", 1)
    assert (lex.find_hedges(low, True), lex.find_words(low, True)) == (hedges, words)
    assert {"words_main", "words_rare", "hedge_main", "hedge_rare"} <= set(lex._compiled)
    # only for anonymous sources
    assert not (lex.reasons._full or lex.reasons._subsets or lex._opinions)


def test_unusual_cue_words_fall_back_to_the_compiled_pattern():
    lex = lexicon._build.__wrapped__(lexicon.lexicon_key({"extra-speech-verbs": ["tut\u2019tut"]}))
    assert lex._first_pieces is None
    assert lex.find_words("she tut\u2019tuts, then said no", True) == [(4, 12), (19, 23)]


def test_tokens_are_those_of_the_backtracking_pattern():
    from rules.sourcing.speakers import _TOKEN

    backtracking = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_](?:[\w'\u2019-]*[^\W_])?|[^\w\s]")
    for sample in ["U.S. e.g. Russia's high-ranking x_ _y a'-b 'quoted' don\u2019t -- A.b", *_WORD_SAMPLES]:
        assert [m.span() for m in _TOKEN().finditer(sample)] == [m.span() for m in backtracking.finditer(sample)]


def test_shortcuts_reach_the_same_readings_as_tokenising(monkeypatch):
    text = ("The report said the talks, in hopes of a deal, were saying little. “It is over,” said a source, "
            "adding: “We will see.” A senior aide, quoting officials, told the FT the claims were false.")
    lex = get_lexicon({})
    sentence = Span(0, len(text))
    spans = [m.span() for m in lex.words.finditer(text.lower())]
    with_shortcuts = [cues.read_cue(text, text[a:b], a, b, sentence, lex) for a, b in spans]
    monkeypatch.setattr(cues, "_plainly_not_speech", lambda *args: False)
    without = [cues.read_cue(text, text[a:b], a, b, sentence, lex) for a, b in spans]
    assert [repr(r) for r in with_shortcuts] == [repr(r) for r in without]
    assert with_shortcuts.count(None) >= 3  # "report" after "The", "hopes" after "in", "saying" opening no quote


_HEDGE_SAMPLES = [
    "It is widely believed that some say many see it as a ploy; news reports suggest it was said to be over.",
    "Reports say rumours are rife: media reports indicated, unconfirmed reports claimed, press reports said.",
    "he is said to have left, they were reportedly told; most view this as late, some argued, many fear it",
    "according to local reports, according to reports, supposedly-ish, purportedly. (Speculation is mounting.)",
    "isn't said to be; wasn't thought to have; 'some say' \u2018many believe\u2019 caf\u00e9-reports say x-some say",
    "", "reportedly", "some", "SOME SAY",
]


def test_expanded_hedge_scan_finds_what_the_hedge_list_finds(monkeypatch):
    monkeypatch.setattr(lexicon, "_COMPILE_AFTER", 0)
    for options in ({}, {"extra-hedges": ["(?:word|talk) on the street", "(?:very )*quiet(?:ly)?"]}):
        lex = lexicon._build.__wrapped__(lexicon.lexicon_key(options))
        hedges = [h.lower() for h in (*_base()["hedges"], *options.get("extra-hedges", ()))]
        reference = re.compile(r"\b(?:" + "|".join(f"(?:{h})" for h in hedges) + r")(?![\w-])")
        for sample in _HEDGE_SAMPLES:
            low = sample.lower()
            assert lex.find_hedges(low, True) == [m.span() for m in reference.finditer(low)], sample
        assert "hedge_main" in lex._compiled


@pytest.mark.parametrize("hedge, expected", [
    ("(?:many|some) say", ["many say", "some say"]),
    ("(?:news |press )?reports", ["news reports", "press reports", "reports"]),
    (r"(?:many|some) (?:see|view) (?:it|the \w+) as", [r"many (?:see|view) (?:it|the \w+) as",
                                                        r"some (?:see|view) (?:it|the \w+) as"]),
    ("reportedly", ["reportedly"]),
    ("(?:very )*reports", ["(?:very )*reports"]),  # a repeated group stays whole
    ("(?:a|b)??x", ["(?:a|b)??x"]),  # so does a lazy one
    ("(?:a|b) x|c", ["(?:a|b) x|c"]),  # and a hedge with an alternative of its own
    ("(?:a|b) (?P<n>x)", ["(?:a|b) (?P<n>x)"]),
    ("(?:a|b) [xy]", ["(?:a|b) [xy]"]),
])
def test_a_hedge_opening_on_a_group_of_words_is_split_into_alternatives(hedge, expected):
    assert lexicon.expand_leading_group(hedge) == expected


def test_quotes_are_counted_as_word_count_counts_them():
    from lint.text import word_count
    from rules.sourcing.unattributed import _has_words

    samples = ["We will not give an inch on this", "U.S.-led talks, e.g. rock-n-roll's a b", "a " * 40 + "b",
               "x" * 70 + " a b c d e", "\u2014 \u2014 \u2014 one two", "", "one", "It's 5.30 - the 2-1 win"]
    for sample in samples:
        for least in range(0, 9):
            assert _has_words(sample, least) == (word_count(sample) >= least), (sample, least)


def test_the_shared_lowered_text_is_the_one_the_patterns_expect():
    from lint.article import load_text

    assert [c for c in range(0x110000) if len(chr(c).lower()) != 1] == [0x130]  # only "\u0130" grows
    for text in ["Said a Kremlin INSIDER.\n", "\u0130stanbul officials SAID so.\n", "Caf\u00e9 \u00c9lys\u00e9e\n"]:
        article = load_text("a.txt", text)
        assert attribution.lowered_article(article) == lexicon.lowered(article.masked)


# -- robustness ----------------------------------------------------------------------------

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from([
    "“", "”", "\"", "‘", "’", "«", "»", "„", ":", ",", ".", " ", "\n", "\n\n", "- ",
    " said ", " says ", " told ", " according to ", "As one insider put it, ", " citing ", " quoted ",
    " a Kremlin insider", " sources close to the Kremlin", " two U.S. officials familiar with the talks",
    " who spoke on condition of anonymity because they were not authorised", " reportedly ", " critics fear ",
    " many see it as ", "Dr. Ivanova: ", "Q: ", "İstanbul", "Sources", "Mr Smith", " e.g. ", "saying:",
])
EXAMPLES = int(os.environ.get("NEWSLINT_HYPOTHESIS_EXAMPLES", "120"))
_ARTICLE = st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=50).map("".join)


@settings(max_examples=EXAMPLES, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_ARTICLE)
def test_sourcing_rules_never_crash_and_report_spans_inside_the_text(text):
    text = text.replace("\x00", " ").replace("\r", "\n")
    if not text.strip():
        return
    diags = lint_string(text, "SRC")
    assert not [d for d in diags if d.category == "internal" and d.rule != "NL006"]
    for d in diags:
        assert 0 <= d.start <= d.end <= len(text)
        assert d.severity in (Severity.INFO, Severity.WARNING)


def test_derived_lexicon_is_built_from_the_yaml_as_it_is_now():
    """data/lexicon.txt must be rebuilt (python -m rules.sourcing.build_lexicon) after editing the YAML."""
    from lint.resources import load_yaml
    from rules.sourcing import build_lexicon

    source = load_yaml(build_lexicon.SOURCE)
    derived = build_lexicon.DERIVED.read_text(encoding="utf-8")
    assert derived == build_lexicon.render(source, build_lexicon.source_checksum())
    checksum, parsed = build_lexicon.parse(derived)
    assert checksum == build_lexicon.source_checksum()
    needs = parsed.pop(build_lexicon.NEEDS)
    assert parsed == {name: (dict(entries) if name == "irregular-forms" else list(entries))
                      for name, entries in source.items()}
    phrases = [phrase for name in build_lexicon.PHRASE_LISTS for phrase in source[name]]
    assert needs == {phrase: lexicon.needed_literals(phrase) for phrase in phrases}


def test_an_edited_yaml_is_read_even_before_the_derived_file_is_rebuilt(tmp_path, monkeypatch):
    from rules.sourcing import build_lexicon, lexicon

    edited = tmp_path / "lexicon.yaml"
    edited.write_text(build_lexicon.SOURCE.read_text(encoding="utf-8").replace("  - quip\n", "  - quip\n  - opine\n", 1),
                      encoding="utf-8")
    monkeypatch.setattr(build_lexicon, "SOURCE", edited)
    lexicon._base.cache_clear()
    try:
        assert "opine" in lexicon._base()["speech-verbs"]
    finally:
        lexicon._base.cache_clear()


# -- start-up: only the phrases a text can hold are compiled, and small patterns become str methods --


@pytest.mark.parametrize("pattern, expected", [
    ("reportedly", [("reportedly",)]),
    # spelled out through groups, with the first words of many choices on their own, cheapest first
    ("it (?:is|was) (?:widely )?said", [("said",), ("it is ", "it was "), ("it",)]),
    ("rumou?rs (?:say|are)", [("rumo",), ("rs say", "rs are"), ("rs",)]),
    ("(?:a|)b", [("ab", "b")]),
    ("(?:a|[bc])d", []),  # an alternative with no plain opening says nothing
    ("ab+c", [("ab",), ("c",)]),
    ("x(?:a|b)??c", [("x",), ("c",)]),
    ("a|b", []),
    ("x(?=y)z", [("x",)]),
    ("a{2}b", []),
    (r"going\s+to", [("going",), ("to",)]),
    ("wouldn['\u2019]t", [("wouldn",), ("t",)]),
    ("caf\u00e9s", [("caf",), ("s",)]),
])
def test_needed_literals_reads_what_every_match_holds(pattern, expected):
    assert lexicon.needed_literals(pattern) == expected


_PHRASE_SAMPLES = [
    *_HEDGE_SAMPLES,
    "They spoke on condition of anonymity because they were not authorised to discuss it.",
    "He asked not to be named, fearing reprisals; she declined to be identified, speaking anonymously.",
    "Not authorized to be identified, as the official is not cleared; given the sensitivity of the talks.",
    "He would never, it's about time; they couldn\u2019t, going  to win, it\u2019s about respect; not just that.",
    "R\u0131sk: on condition of anonym\u0131ty because; \u017fpeaking anonymously; KELVIN \u212a",
    "ON CONDITION OF ANONYMITY AS HE WAS NOT PERMITTED", "", "as", "reportedly,reportedly-ish reportedly",
]


def test_an_alternation_of_the_phrases_a_text_holds_finds_what_the_whole_list_finds():
    lex = lexicon._build.__wrapped__(lexicon.lexicon_key({"extra-hedges": ["(?:word|talk) on the street"]}))
    sets = {"hedges": lex.hedges, "reasons": lex.reasons, "anonymity": lex.anonymity_notes,
            "opinions": lex.opinions}
    for name, phrases in sets.items():
        full = re.compile(*phrases._build(list(phrases.phrases)))  # what ``full()`` compiles
        for sample in _PHRASE_SAMPLES:
            low, same_length = lexicon.lowered(sample)
            text = low if name == "hedges" else sample  # hedges run on the lowered text
            phrases._texts = 0  # reduced for every sample that allows it
            phrases._full.clear()
            reduced = phrases.for_text(low if same_length else None)
            found = [] if reduced is None else [m.span() for m in reduced.finditer(text)]
            assert found == [m.span() for m in full.finditer(text)], (name, sample)
    assert len(lex.hedges._subsets) > 3


def test_a_text_without_a_hedge_compiles_none():
    lex = lexicon._build.__wrapped__(lexicon.lexicon_key({}))
    assert lex.find_hedges("nothing to see here, officials said.", True) == []
    assert not lex.hedges._full and list(lex.hedges._subsets.values()) == [None]


def test_phrase_lists_are_compiled_whole_after_the_first_texts(monkeypatch):
    lex = lexicon._build.__wrapped__(lexicon.lexicon_key({}))
    for _ in range(lexicon._GATED_TEXTS):
        lex.reasons.for_text("no reason at all")
    assert not lex.reasons._full
    assert lex.reasons.for_text("no reason at all") is lex.reason


def test_shipped_needed_literals_are_used_and_match_the_phrases():
    data = _base()
    needs = data["needed-literals"]
    lex = get_lexicon({})
    assert needs and lex.hedges._known_needs == needs  # read from the derived text, not worked out
    for phrase in (*data["hedges"], *data["reason-patterns"], *data["anonymity-patterns"]):
        assert needs[phrase] == lexicon.needed_literals(phrase)


def test_str_checks_find_what_their_patterns_find():
    import random

    from rules.sourcing import speakers
    from rules.sourcing.attribution import _CLAUSE_AFTER, _clause_after

    pieces = ["a", "An", "the", "THE", "his", "its", "\u0130ts", "\u0131ts", "that", "That", "thatch", "whether",
              "If", "how", "why", "is", "was", "been", "while", "before", "written", "warning", "said", "_", "x1",
              " ", "  ", "\t", "\n", ",", ":", "\"", "\u201c", "\u00ab", "\u201e", "!", "?", ".", "-", "Dr", "Q",
              "caf\u00e9", "\u2019", "Kremlin source", "e"]
    rng = random.Random(11)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        for pos in range(len(text) + 1):
            assert cues.after_determiner(text, pos) == (
                cues._DETERMINER_BEFORE().search(text, max(0, pos - 8), pos) is not None), (text, pos)
            for end in (pos, min(len(text), pos + 3)):
                expected = bool(cues._PARTICIPLE_BEFORE().search(text, max(0, pos - 12), pos)
                                or cues._PARTICIPLE_AFTER().match(text, end))
                assert cues.participle(text, pos, end) == expected, (text, pos, end)
            assert _clause_after(text, pos) == (_CLAUSE_AFTER().match(text, pos) is not None), (text, pos)
            for end in {len(text), min(len(text), pos + 20)}:
                m = speakers._LABEL().match(text, pos, end)
                assert speakers._label_span(text, pos, end) == (m and m.span(1)), (text, pos, end)


def test_long_runs_switch_to_compiled_cue_checks_with_the_same_readings():
    from lint.article import load_text

    text = open("seeds/004_dbda7665e3f63745.txt", encoding="utf-8").read()
    readings = []
    for served in (0, attribution._STR_CHECK_ARTICLES + 1):
        lex = lexicon._build.__wrapped__(lexicon.lexicon_key({}))
        lex._uses = served
        analysis = attribution.analyse(load_text("a.txt", text), lex)
        readings.append((repr(analysis.attributions), sorted(analysis.cue_sentences)))
    assert readings[0] == readings[1]
