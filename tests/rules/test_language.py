"""The language family (LNG): declared language against the text, foreign passages, fast path, determinism."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lint.article import load_markdown, load_text
from lint.model import Severity
from rules.language import detect
from rules.language.analysis import FOREIGN, SAME, UNCLEAR, cheap_verdict, language_view, profile
from tests.helpers import lint_string

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_182afac71b2eb861.txt"

GERMAN_QUOTE = "“Wir brauchen jetzt schnelle Entscheidungen und keine weiteren Verzögerungen bei der Energiewende,”"
SPANISH = ("Los vecinos de la zona afectada denunciaron que las ayudas prometidas por el gobierno todavía "
           "no han llegado y que muchas familias siguen sin poder volver a sus casas.")
POLISH = ("Rząd zapowiedział, że nowe przepisy wejdą w życie od przyszłego roku, ale wielu przedsiębiorców "
          "uważa, że to za mało czasu na przygotowanie się do zmian.")
RUSSIAN = ("«Мы не намерены отказываться от своих планов, и никакие санкции не заставят нас изменить курс», "
           "— заявил представитель министерства.")
PORTUGUESE = ("O presidente da câmara municipal afirmou que as obras na ponte vão ser concluídas até ao final "
              "do ano e que o trânsito será reposto gradualmente.")
FRENCH = ("Le ministre a présenté mardi un projet de budget qui prévoit une baisse des dépenses publiques "
          "de plusieurs milliards d'euros pour l'année prochaine.")


def english_story(middle: str) -> str:
    """A short English story with ``middle`` as its third line (line 5 counting the blank lines)."""
    return (
        "Council backs new transport plan\n\n"
        "The city council on Tuesday approved a plan to expand bus services and build two new tram lines "
        "over the next decade.\n\n"
        f"{middle}\n\n"
        "Opposition members said the plan was too expensive and warned that fares would have to rise.\n"
    )


def lng(text: str, code: str = "LNG002", **kwargs):
    return [d for d in lint_string(text, code, **kwargs) if d.rule == code]


# -- foreign passages ------------------------------------------------------------


@pytest.mark.parametrize(
    "passage, language",
    [(SPANISH, "Spanish"), (POLISH, "Polish"), (RUSSIAN, "Russian"), (PORTUGUESE, "Portuguese"), (FRENCH, "French")],
)
def test_foreign_paragraph_is_a_warning_naming_language_and_confidence(passage, language):
    found = lng(english_story(passage))
    assert len(found) == 1
    finding = found[0]
    assert (finding.line, finding.column, finding.severity) == (5, 1, Severity.WARNING)
    assert f"reads as {language} (confidence 100%) but the article is in English" in finding.message


def test_german_quote_inside_an_english_paragraph_is_reported_on_the_quote():
    text = english_story(f"The minister was blunt. {GERMAN_QUOTE} she told reporters.")
    [finding] = lng(text)
    assert finding.line == 5 and finding.column == len("The minister was blunt. ") + 1
    assert finding.message.startswith("quote reads as German")
    assert finding.excerpt.startswith("“Wir brauchen")


def test_short_phrases_names_titles_and_place_names_are_not_reported():
    text = english_story(
        "Diplomats call it Realpolitik. \"C'est la vie,\" one official said, and another quoted "
        "\"plus ça change, plus c'est la même chose\" before the motto \"Liberté, égalité, fraternité\" was read out. "
        "Officials travelled from Kharkiv to Zaporizhzhia, Kramatorsk and Sloviansk, and the minister called "
        "\"Cien años de soledad\" his favourite novel."
    )
    assert lng(text) == []


def test_line_up_of_foreign_names_is_not_prose():
    lineup = ("R de Marigny; Mirco Bergamasco, W Pozzebon, A Masi, L Nitoglia; L Orquera, A Troncon; "
              "A Lo Cicero, F Ongaro, M Castrogiovanni, S Dellape, M Bortolami (capt), A Persico, S Orlando")
    assert profile(lineup).mostly_names
    assert lng(english_story(lineup)) == []


def test_crossheads_and_headlines_are_titles_not_passages():
    text = ("# Lo que el viento se llevó y otras historias del cine clásico español de los años cincuenta\n\n"
            "A retrospective of classic films dubbed into Spanish runs alongside the main programme this year.\n")
    assert lng(text, name="a.md") == []


@pytest.mark.parametrize(
    "paragraph",
    [
        # the translation follows in brackets
        "“No vamos a permitir que cierren la fábrica sin una alternativa para los trabajadores,” the mayor said. "
        "(“We will not allow them to close the factory without an alternative for the workers.”)",
        # a cue announces it
        "“No vamos a permitir que cierren la fábrica sin una alternativa para los trabajadores,” the mayor said, "
        "which translates as a promise to fight for every job at the plant.",
        # the translation comes first
        "“We will not allow them to close the factory without an alternative for the workers,” the mayor said "
        "in Spanish: “No vamos a permitir que cierren la fábrica sin una alternativa para los trabajadores.”",
    ],
)
def test_quote_next_to_its_translation_is_not_reported(paragraph):
    assert lng(english_story(paragraph)) == []


def test_same_quote_without_translation_is_reported():
    paragraph = ("“No vamos a permitir que cierren la fábrica sin una alternativa para los trabajadores,” "
                 "the mayor said.")
    [finding] = lng(english_story(paragraph))
    assert "Spanish" in finding.message


def test_naming_the_language_is_not_a_translation():
    text = ("---\nlang: ru\n---\n# Новости\n\n"
            "Министерство иностранных дел заявило, что новые санкции не изменят курс страны.\n\n"
            "“We are ready to talk, but only when our concerns are taken seriously by the other side,” "
            "the spokesman said in English.\n")
    [finding] = lng(text, name="a.md")
    assert finding.message.startswith("quote reads as English") and "the article is in Russian" in finding.message
    translated = text.replace("said in English.", "said in English («Мы готовы говорить, но только когда другая "
                                                  "сторона всерьёз отнесётся к нашим опасениям»).")
    assert lng(translated, name="a.md") == []


def test_unrelated_english_quote_far_away_is_not_a_translation():
    paragraph = ("“No vamos a permitir que cierren la fábrica sin una alternativa para los trabajadores,” "
                 "the mayor said, before a long speech about the history of the town, its mills, its railway "
                 "and the families who built it over two centuries. Later she added: “We will keep fighting.”")
    assert len(lng(english_story(paragraph))) == 1


def test_english_paragraph_in_a_french_article_is_reported():
    text = ("---\nlang: fr\n---\n# Le budget est présenté\n\n" + FRENCH + "\n\n"
            "The finance minister told foreign reporters that the budget would be balanced within three years "
            "and that taxes would not rise.\n\n"
            "Selon le texte, les collectivités locales devront elles aussi participer à l'effort.\n")
    [finding] = lng(text, name="a.md")
    assert finding.line == 8
    assert "reads as English (confidence 100%) but the article is in French" in finding.message


def test_passage_length_and_confidence_floors_are_options():
    text = english_story(f"The minister was blunt. {GERMAN_QUOTE} she said.")
    assert len(lng(text)) == 1
    assert lng(text, config="rules:\n  LNG002:\n    min-words: 20\n") == []
    assert lng(text, config="rules:\n  LNG002:\n    min-confidence: 1.01\n") == []


def test_declared_english_article_that_is_german_gets_one_finding_not_one_per_paragraph():
    german = ("Die Bundesregierung hat am Dienstag ein weiteres Hilfspaket für landwirtschaftliche Betriebe "
              "beschlossen, die unter den Folgen der Dürre leiden.\n\n"
              "Nach Angaben des Ministeriums sollen die Mittel noch vor dem Winter ausgezahlt werden, sagte "
              "eine Sprecherin am Abend.\n")
    text = "---\nlang: en\n---\n# Neue Hilfen für Landwirte\n\n" + german
    found = lint_string(text, "LNG", name="a.md")
    assert [d.rule for d in found] == ["LNG001"]


# -- declared language ----------------------------------------------------------------


def test_front_matter_mismatch_points_at_the_lang_line():
    text = ("---\ntitle: Farm aid\nlang: en\n---\n# Neue Hilfen für Landwirte\n\n"
            "Die Bundesregierung hat am Dienstag ein weiteres Hilfspaket für landwirtschaftliche Betriebe "
            "beschlossen, die unter den Folgen der Dürre leiden. Nach Angaben des Ministeriums sollen die "
            "Mittel noch vor dem Winter ausgezahlt werden.\n")
    [finding] = lng(text, "LNG001", name="a.md")
    assert (finding.line, finding.column, finding.end_line) == (3, 1, 3)
    assert finding.severity is Severity.WARNING
    assert "reads as German (confidence 100%) but is declared as English (front matter lang: en)" in finding.message


def test_article_in_another_script_than_declared():
    russian = ("Министерство иностранных дел заявило, что новые санкции не изменят курс страны и что "
               "переговоры будут продолжены в следующем месяце. Западные дипломаты сообщили, что уже "
               "готовят новые меры, но не назвали сроков.")
    article = load_markdown("a.md", "---\nlang: en\n---\n# Новости\n\n" + russian + "\n")
    assert language_view(article).body.script == "cyrillic"
    [finding] = lng("---\nlang: en\n---\n# Новости\n\n" + russian + "\n", "LNG001", name="a.md")
    assert "reads as Russian" in finding.message and "declared as English" in finding.message


def test_config_language_is_the_declaration_when_front_matter_has_none():
    spanish = "El plan de vivienda\n\n" + SPANISH + "\n\n" + SPANISH.replace("familias", "personas") + "\n"
    [finding] = lng(spanish, "LNG001", config="language: en\n")
    assert finding.line == 1 and "(.newslint.yaml language: en)" in finding.message
    assert lng(spanish, "LNG001", config="language: es-ES\n") == []
    assert lng(spanish, "LNG001") == []  # nothing declared, nothing to compare


@pytest.mark.parametrize("declared", ["en", "en-GB", "EN_us", "English"])
def test_regional_and_spelled_out_declarations_match(declared):
    text = f"---\nlang: {declared}\n---\n" + english_story("The council meets again next month to vote on the details.")
    assert lng(text, "LNG001", name="a.md") == []
    assert detect.normalise(declared) == "en"


def test_declarations_langdetect_cannot_check_are_left_alone():
    assert detect.normalise("klingon") is None
    assert not detect.is_known("eu")  # Basque: no langdetect profile
    text = "---\nlang: eu\n---\n" + english_story("The council meets again next month to vote on the details.")
    assert lng(text, "LNG001", name="a.md") == []


def test_close_relatives_are_not_a_mismatch():
    assert detect.same_language("no", "da") and detect.same_language("hr", "sr")
    assert not detect.same_language("es", "pt")
    assert detect.normalise("nb") == "no" and detect.normalise("zh-Hant") == "zh"


# -- fast path, lazy loading, determinism ------------------------------------------------


def test_stopword_check_decides_ordinary_paragraphs():
    english = profile("The council said on Tuesday that the plan would go ahead despite the cost.")
    assert cheap_verdict(english, "en") == SAME
    assert cheap_verdict(profile(SPANISH), "en") == FOREIGN
    assert cheap_verdict(profile(RUSSIAN), "en") == FOREIGN  # another script
    assert cheap_verdict(profile("Chelsea 2 Arsenal 1, Lampard, Drogba, Henry"), "en") == UNCLEAR


def test_units_are_paragraphs_and_long_quotes_with_the_quote_blanked_out():
    article = load_text("a.txt", english_story(f"The minister was blunt. {GERMAN_QUOTE} she said."))
    units = language_view(article).units
    quote = [u for u in units if u.kind == "quote"]
    assert len(quote) == 1 and quote[0].text.startswith("Wir brauchen")
    frame = [u for u in units if u.kind == "paragraph" and "minister" in u.text][0]
    assert "Wir" not in frame.text and frame.profile.words == 6


def _run(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_english_seed_never_loads_langdetect():
    result = _run(
        "import json, sys\n"
        "from lint.engine import Linter, RunOptions\n"
        f"r = Linter(run=RunOptions(select=('LNG',))).lint_file({str(SEED)!r})\n"
        "print(json.dumps({'langdetect': 'langdetect' in sys.modules, 'found': len(r.diagnostics)}))\n"
    )
    assert result == {"langdetect": False, "found": 0}


def test_foreign_paragraph_loads_langdetect_once_and_on_demand():
    detect._factory.cache_clear()
    assert not detect.profiles_loaded()
    lng(english_story(POLISH.replace("zmian", "nowych zmian")))
    assert detect.profiles_loaded()


def test_detection_is_deterministic_across_calls_and_processes():
    # A short, ambiguous text: unseeded langdetect gives different probabilities from run to run.
    text = "Mercado central de la ciudad"
    detect.detect.cache_clear()
    first = detect.detect(text)
    detect.detect.cache_clear()
    assert detect.detect(text) == first
    code = ("import json; from rules.language.detect import detect; "
            f"print(json.dumps(detect({text!r})))")
    assert [tuple(x) for x in _run(code)] == list(first)


def test_our_seed_does_not_change_langdetect_global_settings():
    from langdetect import DetectorFactory

    detect.detect("Wir brauchen jetzt schnelle Entscheidungen")
    assert DetectorFactory.seed is None  # other users of langdetect keep their own settings


def test_markdown_front_matter_and_article_language_feed_the_view():
    article = load_markdown("a.md", "---\nlang: fr\n---\n# Titre\n\n" + FRENCH + "\n")
    assert article.language == "fr"
    assert cheap_verdict(language_view(article).body, "fr") == SAME


def test_packed_counts_unpack_in_one_step_and_ties_go_to_the_first_language():
    from rules.language.lexicon import FIELD_BITS, fields, languages, unpack

    packed = sum(count << (i * FIELD_BITS) for i, count in enumerate(range(len(languages()))))
    assert fields(packed) == list(range(len(languages())))
    assert unpack(packed) == {lang: i for i, lang in enumerate(languages()) if i}
    prof = profile("de la en")  # "de", "la" and "en" are stopwords of several languages
    counts = prof.counts()
    best, share = prof.best_other("xx")
    top = max(counts.values())
    assert best == next(lang for lang in languages() if counts.get(lang) == top)
    assert share == top / prof.content


# -- fast paths pinned to what they replace ------------------------------------------------


def _regex_tokens(text: str) -> list[str]:
    """What lexicon.tokens did before its ASCII fast path deleted apostrophes in the same pass."""
    import re

    for mark in ("'", "\u2019", "\u2018", "\u02bc"):
        text = text.replace(mark, "")
    return re.findall(r"[^\W\d_]+", text)


@pytest.mark.parametrize("text", [
    "India's 'big' day: don't-stop, 2-0 (O'Neill)", "ab'cd ’quoted’ 3rd", "", "''", "Mr. Smith_Jones 42x",
    SPANISH, RUSSIAN, GERMAN_QUOTE,
])
def test_tokens_fast_path_matches_the_letter_pattern(text):
    from rules.language.lexicon import tokens

    assert tokens(text) == _regex_tokens(text)


def _profile_by_counting(text: str):
    """The profile built the long way: a Python loop over the stopwords found."""
    from collections import Counter

    from rules.language.analysis import Profile
    from rules.language.lexicon import stopword_forms

    words = _regex_tokens(text)
    counts = Counter(words)
    hits = kinds = capitalised = 0
    for form in counts.keys() & stopword_forms().keys():
        vector, is_capitalised = stopword_forms()[form]
        hits += counts[form] * vector
        kinds += vector
        capitalised += counts[form] if is_capitalised else 0
    upper = sum(w[0].isupper() for w in words)
    return Profile(len(words), len(words) - (upper - capitalised), sum(w[0].islower() for w in words), hits, kinds)


@pytest.mark.parametrize("text", [
    "The council said on Tuesday that THE plan would go ahead, The End. De la en.",
    SPANISH, POLISH, PORTUGUESE, FRENCH, "ÉCOLE été Ǆemal İstanbul",
])
def test_profile_counts_match_a_plain_loop_over_the_words(text):
    assert profile(text) == _profile_by_counting(text)


@pytest.mark.parametrize("middle", [
    f"The minister was blunt. {GERMAN_QUOTE} she said, and \"{FRENCH}\" he replied.",  # clean cuts: merged
    "He said \u2018one two three four five\u00b2\u2019and left.",  # the closing mark is an apostrophe inside
    # a word ("five\u00b2and"): cutting there would split it, so the block is counted again
    f"Officials «{RUSSIAN[1:60]}» said. «Мы не намерены отказываться от своих планов»",  # another script
    "He said \"one two three four five six\" and 'seven eight nine ten eleven'.",
])
def test_block_profile_from_its_quotes_equals_counting_the_block(middle):
    from rules.language.analysis import BODY_KINDS

    article = load_text("a.txt", english_story(middle))
    view = language_view(article)
    blocks = [b for b in article.blocks if b.kind in BODY_KINDS]
    assert any(u.kind == "quote" for u in view.units)
    assert view.blocks == [profile(b.text) for b in blocks]


def test_packed_stopword_forms_equal_the_loop_that_defines_them(tmp_path, monkeypatch):
    """stopword_vectors() and capitalised_stopwords() are built with C-level steps; they must
    hold exactly what stopword_forms() holds, also for a word listed twice or in several lists
    and for a Capitalised form that two words share."""
    from rules.language import lexicon

    def split_forms():
        forms = lexicon.stopword_forms()
        return ({form: vector for form, (vector, _) in forms.items()},
                frozenset(form for form, (_, capitalised) in forms.items() if capitalised))

    assert (lexicon.stopword_vectors(), lexicon.capitalised_stopwords()) == split_forms()

    (tmp_path / "aa.txt").write_text("der die der und i\n", encoding="utf-8")
    (tmp_path / "bb.txt").write_text("die ı i I\n", encoding="utf-8")  # "ı".upper() == "I" == "i".upper()
    caches = (lexicon.languages, lexicon._field_index, lexicon.stopword_table, lexicon.stopword_forms,
              lexicon._packed_forms)
    monkeypatch.setattr(lexicon, "STOPWORD_DIR", tmp_path)
    for cached in caches:
        cached.cache_clear()
    try:
        vectors, capitalised = split_forms()
        assert vectors["der"] == 2 and vectors["die"] == 1 + (1 << lexicon.FIELD_BITS)
        assert (lexicon.stopword_vectors(), lexicon.capitalised_stopwords()) == (vectors, capitalised)
    finally:
        for cached in caches:
            cached.cache_clear()
