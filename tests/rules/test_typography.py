"""The typography family (TYP): casing, spacing and spelling damage, and the fixes that repair it."""

from __future__ import annotations

import codecs
import difflib
import shutil
import stat
import time
from pathlib import Path

import yaml

from lint.cli import main as cli_main
from lint.engine import Linter, RunOptions
from lint.inputs import read_source
from lint.model import Severity
from rules.typography import RULES, build_data, lexicon
from tests.helpers import lint_string

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
HEAD = "Headline for the test\n\n"


def typ(text: str, select: str = "TYP", **kwargs):
    return [d for d in lint_string(HEAD + text, select, **kwargs) if d.rule.startswith("TYP")]


def only(diags, code):
    return [d for d in diags if d.rule == code]


def excerpts(diags, code=None):
    return [d.excerpt for d in diags if code is None or d.rule == code]


# --------------------------------------------------------------------------
# TYP001 lowercase-proper-noun


def test_gazetteer_names_in_lowercase_are_warnings_with_fixes():
    diags = only(typ("Envoys from france met in brussels on monday to discuss ukraine and nato.\n"), "TYP001")
    assert excerpts(diags) == ["france", "brussels", "monday", "ukraine", "nato"]
    assert all(d.severity is Severity.WARNING and d.line == 3 for d in diags)
    assert [d.fix["replacement"] for d in diags] == ["France", "Brussels", "Monday", "Ukraine", "NATO"]
    assert "a country or region" in diags[0].message and "a day of the week" in diags[2].message


def test_fix_uses_the_articles_own_house_style():
    diags = only(typ("Nato met on Monday. Officials said Nato would act, and nato agreed.\n"), "TYP001")
    assert [d.fix["replacement"] for d in diags] == ["Nato"]


def test_article_evidence_flags_an_unknown_name_written_lowercase_once():
    text = "Brannagh spoke first. Later Brannagh said more, and then Brannagh left. Asked again, brannagh declined.\n"
    diags = only(typ(text), "TYP001")
    assert excerpts(diags) == ["brannagh"]
    assert "'Brannagh' elsewhere" in diags[0].message


def test_evidence_needs_more_capitals_than_lowercase_uses():
    text = "The Zorbik plan was cited by Zorbik fans. The zorbik design and zorbik tools and zorbik kits sold.\n"
    assert not only(typ(text), "TYP001")


def test_common_words_that_are_also_names_need_the_articles_own_evidence():
    plain = "Shares may rise, and a turkey farm in the south makes shoe polish; markets trumped forecasts.\n"
    assert not only(typ(plain), "TYP001")
    titled = "Trump spoke. Later Trump left. On Friday President trump returned.\n"
    assert excerpts(only(typ(titled), "TYP001")) == ["trump"]


def test_stylised_names_urls_handles_and_code_are_left_alone():
    text = ("The iPhone and eBay deals ran. See https://example.com/ukraine-news or mail press@kyiv.example.org.\n"
            "A fan posted \"@putin_fan loves #moscow\" online, and the site russia.com was down.\n")
    assert not only(typ(text), "TYP001")
    markdown = "# Title\n\nRun `ukraine --help` first.\n\n```\nmoscow = 1\n```\n"
    assert not [d for d in lint_string(markdown, "TYP", name="a.md") if d.rule == "TYP001"]


def test_a_bare_suffix_under_discussion_is_not_a_name():
    assert not only(typ("Surnames ending in -enko or -uk never change.\n"), "TYP001")


def test_accepted_spellings_from_the_configuration_are_respected():
    text = "Envoys met in ukraine.\n"
    assert only(typ(text), "TYP001")
    assert not only(typ(text, config="accepted-spellings: [ukraine]\n"), "TYP001")


# --------------------------------------------------------------------------
# TYP002 name-case-break


def test_partly_lowercased_known_names_are_case_breaks():
    diags = only(typ("The Institute for the Study of war warned of a cold War-style standoff.\n"), "TYP002")
    assert excerpts(diags) == ["war", "cold"]
    assert [d.fix["replacement"] for d in diags] == ["War", "Cold"]
    assert "'Institute for the Study of War'" in diags[0].message


def test_fully_lowercase_generic_phrase_is_not_a_case_break():
    assert not only(typ("The cold war between the two retailers ended in a price truce.\n"), "TYP002")


def test_lowercase_given_names_and_titles_before_a_surname():
    text = "NATO Secretary General mark Rutte met donald Trump and Dr. elena Petrova, then dr. Anna Weber.\n"
    diags = only(typ(text), "TYP002")
    assert excerpts(diags) == ["mark", "donald", "elena", "dr"]
    assert all(d.severity is Severity.WARNING for d in diags)


def test_common_given_name_without_a_title_is_an_ordinary_word():
    assert not only(typ("Analysts will mark Tuesday as a turning point for Rutte.\n"), "TYP002")


def test_role_words_and_particles_are_never_case_breaks():
    text = ("Russian President Vladimir Putin spoke. Later Russian president Vladimir Putin spoke again, "
            "and Russian President Vladimir Putin left with Ursula von der Leyen.\n")
    assert not only(typ(text), "TYP002")


# --------------------------------------------------------------------------
# TYP003 lowercase-sentence-start


def test_paragraph_and_sentence_starts():
    text = "as talks resume, hopes rise. The mood is calm. for now, nobody objects.\n"
    diags = only(typ(text), "TYP003")
    assert [(d.excerpt, d.severity) for d in diags] == [("as", Severity.WARNING), ("for", Severity.WARNING)]
    assert diags[0].fix == {"replacement": "As"}
    assert diags[1].fix is None and "delete the '.'" in diags[1].message


def test_a_name_after_a_full_stop_is_fixed_because_it_needs_a_capital_either_way():
    diags = only(typ("The talks ended. european envoys left.\n"), "TYP003")
    assert diags[0].fix == {"replacement": "European"}


def test_speaker_labels_used_throughout_the_interview():
    text = "Desk: Welcome.\n\nGuest: Thanks.\n\nDesk: how do you see it?\n\nGuest: it is hard.\n"
    diags = only(typ(text), "TYP003")
    assert [(d.line, d.excerpt) for d in diags] == [(7, "how"), (9, "it")]
    assert "speaker label 'Desk:'" in diags[0].message


def test_list_item_out_of_step_with_its_siblings_is_info():
    text = "The demands:\n- A halt to expansion.\n- A ban on bases.\n- limits on missiles.\n"
    diags = only(typ(text), "TYP003")
    assert [(d.line, d.severity, d.fix["replacement"]) for d in diags] == [(6, Severity.INFO, "Limits")]


def test_paragraph_that_lost_its_first_words_is_info_without_fix():
    diags = only(typ("The heats were fast.\n\nwas the eventual winner of the final.\n"), "TYP003")
    assert [(d.excerpt, d.severity, d.fix) for d in diags] == [("was", Severity.INFO, None)]
    assert "words were lost" in diags[0].message


def test_abbreviations_quotes_titles_and_continuations_are_not_sentence_starts():
    text = ("The U.S. role is unclear, e.g. on trade, at 9 a.m. today.\n"
            "\"Why now?\" he asked. It ended... badly. Fans of Wham! cheered and Shall We Dance? won.\n"
            "iPhone sales rose. Options are: a) wait.\n"
            "The talks went on late into the\n"
            "night, officials said.\n")
    assert not only(typ(text), "TYP003")


def test_name_particles_and_code_may_start_a_sentence():
    text = "The vote ended. von der Leyen spoke first. de Gaulle was quoted.\n"
    assert not only(typ(text), "TYP003")
    markdown = "# Title\n\n`newslint scan` lints archives. `max: 0` bans a word.\n"
    assert not [d for d in lint_string(markdown, "TYP", name="a.md") if d.rule == "TYP003"]


def test_a_recurring_ordinary_label_alone_is_not_a_dialogue():
    text = "Example: flags a thing.\n\nExample: reports another.\n"
    assert not only(typ(text), "TYP003")


# --------------------------------------------------------------------------
# TYP004 missing-space-after-punctuation


def test_missing_spaces_are_fixed_with_the_smallest_span():
    text = "They met today.as talks went on.By Friday Russia,he said, the U.S.President and Dr.Elena left.\n"
    diags = only(typ(text), "TYP004")
    assert excerpts(diags) == [".a", ".B", ",h", ".P", ".E"]
    assert [d.fix["replacement"] for d in diags] == [". A", ". B", ", h", ". P", ". E"]
    assert all(d.severity is Severity.WARNING for d in diags)


def test_decimals_domains_files_abbreviations_initials_and_ellipses_keep_their_punctuation():
    text = ("Growth was 3.5 per cent and 1,000 jobs went. See BBC.co.uk, www.example.com/a.html, "
            "editor@example.org and data.csv. The U.S. and U.K. agreed, e.g. on trade, at 10 a.m.\n"
            "J.R.R. Tolkien wrote it... And then... nothing. Amazon.com and node.js were cited.\n")
    assert not only(typ(text), "TYP004")


# --------------------------------------------------------------------------
# TYP005-TYP008


def test_misspellings_are_info_and_fixed_only_when_the_correction_is_unique():
    diags = only(typ("Ministers woudl not say. Beleive it or not, thes figures are old.\n"), "TYP005")
    assert [(d.excerpt, d.severity) for d in diags] == [
        ("woudl", Severity.INFO), ("Beleive", Severity.INFO), ("thes", Severity.INFO)]
    assert [d.fix and d.fix["replacement"] for d in diags] == ["would", "Believe", None]
    assert "'these' or 'this'" in diags[2].message


def test_capitalised_names_and_accepted_spellings_are_not_misspellings():
    assert not only(typ("The painter Anna Woudl and the Thes Gallery opened.\n"), "TYP005")
    assert not only(typ("They woudl go.\n", config="accepted-spellings: [woudl]\n"), "TYP005")


def test_contraction_fix_follows_the_articles_apostrophe():
    diags = only(typ("It’s late, and he wouldnt say.\n"), "TYP005")
    assert diags[0].fix == {"replacement": "wouldn\u2019t"}


def test_repeated_word_fix_deletes_the_second_copy():
    diags = only(typ("They approved the the budget, and The the vote ended. It had had an effect.\n"), "TYP006")
    assert [d.fix for d in diags] == [{"replacement": ""}, {"replacement": ""}]
    assert [d.column for d in diags] == [18, 38]  # the span starts at the space before the copy


def test_article_agreement_and_its_exceptions():
    diags = only(typ("It was a interesting and an big day.\n"), "TYP007")
    assert [(d.excerpt, d.fix["replacement"]) for d in diags] == [("a", "an"), ("an", "a")]
    clean = "A one-off, a European, a union, a user, an hour, an MP, an X-ray, a US envoy, Frankfurt an der Oder.\n"
    assert not only(typ(clean), "TYP007")


def test_abbreviation_missing_its_last_period_is_info():
    diags = only(typ("The U.S Special envoy met allies, e.g the Baltic states.\n"), "TYP008")
    assert [(d.excerpt, d.severity, d.fix["replacement"]) for d in diags] == [
        ("U.S", Severity.INFO, "U.S."), ("e.g", Severity.INFO, "e.g.")]


# --------------------------------------------------------------------------
# one finding per word, and the family's metadata


def test_a_word_gets_at_most_one_casing_finding():
    diags = typ("ukrainian President spoke. President Vladimir putin replied.\n")
    starts = [(d.line, d.column) for d in diags if d.rule in ("TYP001", "TYP002", "TYP003")]
    assert len(starts) == len(set(starts)) == 2


def test_every_rule_is_documented_and_fixable_rules_say_so():
    assert [r.code for r in RULES] == [f"TYP00{i}" for i in range(1, 9)]
    for rule in RULES:
        assert rule.category == "typography" and rule.fixable
        for section in ("What it does:", "Why is this bad?", "Example:"):
            assert section in rule.doc()


# --------------------------------------------------------------------------
# word lists


def test_no_shipped_misspelling_is_a_common_word_or_a_gazetteer_name():
    common = lexicon.common_words()
    gazetteer = lexicon.gazetteer().words
    bad = [t for t in lexicon.misspellings() if t in common or t in gazetteer]
    assert not bad


def test_slips_generate_swaps_and_drops_but_never_the_word_itself():
    variants = build_data.slips("would")
    assert "woudl" in variants and "would" not in variants
    assert "goverment" in build_data.slips("government")


def test_word_lists_load_once():
    assert lexicon.common_words() is lexicon.common_words()
    assert len(lexicon.common_words()) > 50_000
    assert lexicon.gazetteer().canonical["ukrainians"] == "Ukrainians"


# --------------------------------------------------------------------------
# --fix end to end on a copy of the seeds


def _writable_copy(tmp_path: Path) -> Path:
    target = tmp_path / "seeds"
    target.mkdir()
    for source in sorted(SEEDS.glob("*.txt")):
        copy = target / source.name
        shutil.copyfile(source, copy)
        copy.chmod(stat.S_IRUSR | stat.S_IWUSR)
    return target


def _typ_report(path: Path):
    return Linter(run=RunOptions(select=("TYP",))).run([str(path)], jobs=1)


def test_fix_on_the_seeds_repairs_the_certain_findings_and_touches_nothing_else(tmp_path, capsys):
    folder = _writable_copy(tmp_path)
    before = _typ_report(folder)
    fixable = [d for d in before.diagnostics if d.fix is not None]
    unfixable = [d for d in before.diagnostics if d.fix is None]
    assert len(fixable) >= 40

    cli_main(["--fix", "--select", "TYP", str(folder)])
    capsys.readouterr()

    after = _typ_report(folder)
    assert all(d.fix is None for d in after.diagnostics), "every fixable finding is gone"
    assert sorted((Path(d.path).name, d.rule, d.message) for d in after.diagnostics) == sorted(
        (Path(d.path).name, d.rule, d.message) for d in unfixable), "what cannot be fixed is still reported"

    for original in sorted(SEEDS.glob("*.txt")):
        fixed = folder / original.name
        old_bytes, new_bytes = original.read_bytes(), fixed.read_bytes()
        spans = [(d.start, d.end) for d in fixable if Path(d.path).name == original.name]
        old, new = old_bytes.decode("utf-8"), new_bytes.decode("utf-8")
        assert old.count("\n") == new.count("\n")
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            if tag == "equal":
                assert old[i1:i2].encode("utf-8") == new[j1:j2].encode("utf-8")
                continue
            assert any(start <= i1 and i2 <= end + 1 for start, end in spans), \
                f"{original.name}: change at {i1}..{i2} ({old[i1:i2]!r} -> {new[j1:j2]!r}) is outside every fix"
        if not spans:
            assert old_bytes == new_bytes


def test_second_fix_run_changes_nothing(tmp_path, capsys):
    folder = _writable_copy(tmp_path)
    cli_main(["--fix", "--select", "TYP", str(folder)])
    first = {p.name: p.read_bytes() for p in folder.iterdir()}
    capsys.readouterr()
    cli_main(["--fix", "--select", "TYP", str(folder)])
    assert "Fixed" not in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == first


def test_fix_keeps_crlf_line_endings_and_the_bom(tmp_path, capsys):
    original = (SEEDS / "004_dbda7665e3f63745.txt").read_text(encoding="utf-8")
    lf_copy = tmp_path / "lf" / "article.txt"
    crlf_copy = tmp_path / "crlf" / "article.txt"
    lf_copy.parent.mkdir()
    crlf_copy.parent.mkdir()
    lf_copy.write_bytes(original.encode("utf-8"))
    crlf_copy.write_bytes(codecs.BOM_UTF8 + original.replace("\n", "\r\n").encode("utf-8"))
    cli_main(["--fix", "--select", "TYP", str(lf_copy.parent), str(crlf_copy.parent)])
    capsys.readouterr()
    fixed_lf = lf_copy.read_bytes().decode("utf-8")
    fixed_crlf = crlf_copy.read_bytes()
    assert fixed_lf != original
    assert fixed_crlf.startswith(codecs.BOM_UTF8)
    body = fixed_crlf[len(codecs.BOM_UTF8):].decode("utf-8")
    assert body.count("\r\n") == original.count("\n") and "\n" not in body.replace("\r\n", "")
    assert body.replace("\r\n", "\n") == fixed_lf
    assert read_source(str(crlf_copy)).bom == codecs.BOM_UTF8


def test_seed_expectations_of_the_category_are_all_met_by_this_family():
    report = Linter(run=RunOptions(select=("TYP",))).run([str(SEEDS)], jobs=1)
    missing = []
    for sidecar in sorted(SEEDS.glob("*.yaml")):
        path = str(sidecar.with_suffix(".txt"))
        for entry in yaml.safe_load(sidecar.read_text(encoding="utf-8")).get("expected", []):
            if entry["category"] != "typography":
                continue
            floor = Severity.parse(entry.get("severity", "warning"))
            if not any(d.path == path and d.line == entry["line"] and d.severity >= floor for d in report.diagnostics):
                missing.append((sidecar.stem, entry["line"]))
    assert not missing


# --------------------------------------------------------------------------
# the BBC corpus: false alarms and speed


def test_professional_copy_stays_quiet_and_fast(bbc_corpus):
    linter = Linter(run=RunOptions(select=("TYP",)))
    files = sorted(str(p) for p in bbc_corpus.glob("*/*.txt"))
    started = time.process_time()
    report = linter.run(files, jobs=1)
    elapsed = time.process_time() - started
    loud = [d for d in report.diagnostics if d.category == "typography" and d.severity >= Severity.WARNING]
    assert 100 * len(loud) / len(files) <= 2.0
    # Reading and parsing included; generous against a busy machine (measured about 1 ms).
    assert 1000 * elapsed / len(files) < 4.0


# --------------------------------------------------------------------------
# fast paths, pinned to the single patterns they replace


def _old_matches(pattern: str, text: str) -> list:
    import re

    return [(m.span(), m.groups()) for m in re.finditer(pattern, text)]


_TRICKY = [
    "", "a", "A apple", "a a apple", "( a a an x", "An hour. an x-ray? \u201ca egg\u201d",
    "Why?! he asked. \"so\" it went... and (then)\u2019 on. \u00e9t\u00e9", "U.S.President,he said.today!as Yahoo!said",
    "e.g.the 3.5 1,000 x,y Russia,he \u00bfqu\u00e9?", "\n. a\n?! b", "Sure.\u201d \u2018yes", "..a ?!?b !\n\tc",
]


def test_per_mark_patterns_find_what_one_character_class_found():
    import random

    from rules.typography import sentence_starts, spacing
    from rules.typography.analysis import LETTERS, finditer_marks

    old_stop = r"([.!?][.!?]*)([\"'\u201d\u2019)\]]*)[ \t\n]+([\"'\u201c\u2018(\[]*)(?=[a-z\u00df-\u00ff])"
    old_glued = f"[.!?,](?=[{LETTERS}])"
    rng = random.Random(7)
    alphabet = [".", "!", "?", ",", "a", "B", " ", "\n", "\t", "\"", "\u201d", "\u2019", ")", "(", "[", "\u201c", "\u00e9"]
    texts = _TRICKY + ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14))) for _ in range(20000)]
    for text in texts:
        for old, new in ((old_stop, sentence_starts._AFTER_STOP), (old_glued, spacing._GLUED)):
            assert [(m.span(), m.groups()) for m in finditer_marks(new, text)] == _old_matches(old, text), text


def test_article_pairs_match_the_separator_first_pattern():
    import random
    import re

    from rules.typography.spelling import _article_pairs

    old = re.compile(r"[ \n\"\u201c\u2018(](?:([Aa]) (?=[aeiouAEIOU])|([Aa]n) (?=[^\W\d_aeiouAEIOUhHxXyY]))")

    def old_pairs(text):
        head = old.match(" " + text[:40]) if text[:1] in "Aa" else None
        out = []
        for match in ([head] if head else []) + list(old.finditer(text)):
            group = 1 if match.group(1) else 2
            out.append((max(0, match.start(group) - (1 if match is head else 0)), match.group(group)))
        return out

    rng = random.Random(3)
    alphabet = ["a", "A", "an", "An", " ", "  ", "\n", "(", "\u201c", "\"", "apple", "b", "hour", "x", "n", "Eu"]
    texts = _TRICKY + ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(20000)]
    for text in texts:
        assert _article_pairs(text) == old_pairs(text), text


def test_tokens_fast_path_equals_the_token_pattern():
    from rules.typography.analysis import TOKEN, tokens

    for text in _TRICKY + ["Kyiv\u2019s \u00a3500bn plan \u2014 \u201cnow\u201d\u2026 \u20ac3", "caf\u00e9 na\u00efve \u0130stanbul"]:
        assert tokens(text) == TOKEN.findall(text), text


def test_analysis_keeps_no_reference_to_its_article():
    # A reference back would make article and analysis a cycle, freed only by the cyclic collector.
    import gc

    from lint.article import load_text
    from rules.typography.analysis import analysis

    article = load_text("x.txt", "Headline\n\nThe talks in ukraine went on.\n")
    an = analysis(article)
    assert article not in gc.get_referents(an) and article not in vars(an).values()
    assert an.has_all_folded(frozenset({"talks", "headline"})) == an.folded.issuperset({"talks", "headline"})
    assert an.has_all_folded(frozenset({"talks", "kyiv"})) == an.folded.issuperset({"talks", "kyiv"})
