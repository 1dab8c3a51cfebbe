"""YAML rule packs: the three kinds, fixes, strict validation, unsafe YAML and pattern timeouts."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lint import packs
from lint.cli import main
from lint.config import ConfigError, parse_config
from lint.engine import Linter, RunOptions, apply_fixes
from lint.inputs import normalise_newlines
from lint.model import Diagnostic, Severity
from lint.packs import load_packs

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "packs" / "house-style"
GUIDE = ROOT / "docs" / "rule-packs.md"


def lint(text: str, *folders, name: str = "article.md", select: str | None = "house", extra: str = "") -> list[Diagnostic]:
    """Diagnostics of the packs' rules (select=None: the default selection, built-in rules included)."""
    config = parse_config(f"packs: {json.dumps([str(f) for f in folders or (EXAMPLE,)])}\n{extra}")
    linter = Linter(config, RunOptions(select=tuple(select.split(",")) if select else ()))
    normalised, _ = normalise_newlines(text)
    return sorted(linter.lint_text(name, normalised).diagnostics, key=Diagnostic.sort_key)


def write_pack(root: Path, files: dict[str, str], name: str = "pack") -> Path:
    folder = root / name
    folder.mkdir()
    for filename, body in files.items():
        (folder / filename).write_text(body, encoding="utf-8")
    return folder


def rule_error(tmp_path: Path, body: str, filename: str = "r.yaml") -> str:
    folder = write_pack(tmp_path, {filename: body})
    with pytest.raises(ConfigError) as info:
        load_packs([str(folder)])
    return str(info.value)


# --------------------------------------------------------------------------
# The example pack in the docs


def test_example_pack_loads_with_origin_and_metadata():
    rules = {r.code: r for r in load_packs([str(EXAMPLE)])}
    assert sorted(rules) == ["HOUSE001", "HOUSE002", "HOUSE003", "HOUSE004", "HOUSE005"]
    assert {r.origin for r in rules.values()} == {"house-style"}
    assert {r.category for r in rules.values()} == {"house"}
    assert [rules[c].kind for c in sorted(rules)] == [
        "existence", "substitution", "substitution", "occurrence", "existence"]
    assert rules["HOUSE002"].fixable and not rules["HOUSE001"].fixable
    assert rules["HOUSE002"].severity is Severity.WARNING and rules["HOUSE005"].severity is Severity.INFO
    assert rules["HOUSE004"].options == {"max": 2}
    assert rules["HOUSE001"].summary == "Clichés that stand in for a plain statement."
    assert rules["HOUSE002"].summary == "House style: 'per cent', not 'percent'."  # generated


def test_catalogue_commands_show_pack_rules(tmp_path, capsys):
    config = tmp_path / ".newslint.yaml"
    config.write_text(f"packs: [{json.dumps(str(EXAMPLE))}]\n", encoding="utf-8")
    assert main(["rules", "--config", str(config)]) == 0
    table = capsys.readouterr().out
    assert re.search(r"HOUSE002\s+per-cent\s+house\s+warning\*\s+House style: 'per cent'", table)
    assert main(["rule", "HOUSE004", "--config", str(config)]) == 0
    page = capsys.readouterr().out
    assert "provided by: house-style" in page
    assert "What it does: flags an article that uses 'allegedly' more than 2 times" in page
    assert "Why is this bad? One \"allegedly\" protects a story" in page
    assert "allegedly-limit.yaml (occurrence rule)" in page
    assert main(["rules", "--format", "json", "--config", str(config)]) == 0
    listed = {r["code"]: r for r in json.loads(capsys.readouterr().out)}
    assert listed["HOUSE001"]["origin"] == "house-style" and listed["HOUSE001"]["kind"] == "existence"


# --------------------------------------------------------------------------
# existence


def test_existence_flags_tokens_with_word_boundaries_and_case():
    text = ("# Only Time Will Tell for the Mayor\n\n"
            "The plan is a game-changer. It was a game changer, and a perfect storm.\n\n"
            "No endgame changers here, only a perfect stormy day; time will tell.\n")
    found = [(d.rule, d.line, d.column, d.message) for d in lint(text, select="HOUSE001")]
    assert found == [
        ("HOUSE001", 1, 3, "'Only Time Will Tell' is a cliché; say what it means in plain words"),
        ("HOUSE001", 3, 15, "'game-changer' is a cliché; say what it means in plain words"),
        ("HOUSE001", 3, 38, "'game changer' is a cliché; say what it means in plain words"),
        ("HOUSE001", 3, 56, "'a perfect storm' is a cliché; say what it means in plain words"),
    ]


def test_existence_skips_quotes_code_and_links_when_asked():
    text = ('# Vote\n\n'
            '"At the end of the day, we won," the coach said.\n\n'
            'See `game changer` and [the report](https://example.org/game-changer).\n')
    assert lint(text, select="HOUSE001") == []


def test_existence_scope_headline_only():
    flagged = lint("Is the bridge safe?\n\nEngineers asked whether it is safe?\n", name="a.txt", select="HOUSE005")
    assert [(d.line, d.severity) for d in flagged] == [(1, Severity.INFO)]
    assert lint("The bridge is safe\n\nIs it safe?\n", name="a.txt", select="HOUSE005") == []


def test_anchors_hold_at_block_edges_after_markdown_markers(tmp_path):
    folder = write_pack(tmp_path, {"r.yaml": (
        "kind: existence\ncode: ANC001\nmessage: m\nnonword: true\ntokens: ['^Breaking\\b', '\\bnow$']\n")})
    text = "# Breaking: bridge shut\n\n> Breaking off talks was a mistake, he said now\n\nNot Breaking now or later.\n"
    found = [(d.line, d.column, d.excerpt) for d in lint(text, folder, select="ANC001")]
    assert found == [(1, 3, "Breaking"), (3, 3, "Breaking"), (3, 45, "now")]


def test_scope_body_and_exceptions_and_default_name(tmp_path):
    folder = write_pack(tmp_path, {"ShoutedWords.yaml": (
        "kind: existence\ncode: CAPS001\nmessage: \"'{match}' is in capitals\"\n"
        "scope: body\nexceptions: [BBC, NATO]\ntokens: ['[A-Z]{3,}']\n")})
    rule = load_packs([str(folder)])[0]
    assert rule.name == "shouted-words"
    text = "# NEWS TODAY\n\n- SHOCKING result\n\nThe BBC and NATO said it was HUGE.\n"
    found = [(d.line, d.message) for d in lint(text, folder, select="CAPS001")]
    assert found == [(3, "'SHOCKING' is in capitals"), (5, "'HUGE' is in capitals")]


def test_disabled_rule_runs_only_when_selected(tmp_path):
    folder = write_pack(tmp_path, {"r.yaml": "kind: existence\ncode: OPT001\nmessage: m\nenabled: false\ntokens: [zebra]\n"})
    default = Linter(parse_config(f"packs: [{json.dumps(str(folder))}]\n"))
    assert "OPT001" in default.catalogue and "OPT001" not in [r.code for r in default.selection.rules]
    assert [d.rule for d in lint("A zebra\n\nA zebra.\n", folder, select="OPT001", name="a.txt")] == ["OPT001"] * 2


def test_config_overrides_severity_and_suppression_directives_apply():
    text = "# Budget\n\nIt is a game changer. <!-- newslint: ignore HOUSE001 -- the name of the report -->\n\nIt is a game changer.\n"
    found = lint(text, select="HOUSE001", extra="severity:\n  HOUSE001: error\n")
    assert [(d.line, d.severity) for d in found] == [(5, Severity.ERROR)]


# --------------------------------------------------------------------------
# substitution


def test_substitution_fixes_with_case_carried_over():
    text = "# Rates\n\nRates rose 5 percent. Percent figures vary. PERCENT.\n\nIt fell 2 per cent, a percentage point.\n"
    found = lint(text, select="HOUSE002")
    assert [(d.line, d.column, d.message) for d in found] == [
        (3, 14, "house style is 'per cent', not 'percent'"),
        (3, 23, "house style is 'Per cent', not 'Percent'"),
        (3, 45, "house style is 'PER CENT', not 'PERCENT'"),
    ]
    fixed, count = apply_fixes(text, found)
    assert count == 3
    assert fixed == "# Rates\n\nRates rose 5 per cent. Per cent figures vary. PER CENT.\n\nIt fell 2 per cent, a percentage point.\n"
    assert lint(fixed, select="HOUSE002") == []


def test_substitution_literal_phrases_choices_and_no_fix_over_markup_or_line_breaks():
    text = ("# Notes\n\nSend an E-mail in order to reach the web **site**.\n\n"
            "Visit the web\nsite at this point in time.\n")
    found = lint(text, select="HOUSE003")
    assert [(d.line, d.message, d.fix) for d in found] == [
        (3, "use Email rather than 'E-mail'", {"replacement": "Email"}),
        (3, "use to rather than 'in order to'", {"replacement": "to"}),
        (3, "use website rather than 'web site'", None),  # hides ** markup: reported, not rewritten
        (5, "use website rather than 'web site'", {"replacement": "website"}),  # the engine skips it: line break
        (6, "use now or at this point rather than 'at this point in time'", None),  # choices: no fix
    ]
    fixed, count = apply_fixes(text, found)
    assert count == 2
    assert fixed == "# Notes\n\nSend an Email to reach the web **site**.\n\nVisit the web\nsite at this point in time.\n"


def test_substitution_fix_false_reports_without_fixing(tmp_path):
    folder = write_pack(tmp_path, {"r.yaml": (
        "kind: substitution\ncode: SUB001\nmessage: \"%s: use %s\"\nfix: false\nswap: {Kiev: Kyiv}\n")})
    (diag,) = lint("Kiev talks\n\nTalks in Kiev.\n", folder, select="SUB001", name="a.txt")[1:]
    assert diag.message == "Kiev: use Kyiv" and diag.fix is None
    assert not load_packs([str(folder)])[0].fixable


def test_fix_through_the_cli(tmp_path, capsys):
    (tmp_path / ".newslint.yaml").write_text(f"packs: [{json.dumps(str(EXAMPLE))}]\nselect: [HOUSE002]\n")
    article = tmp_path / "a.md"
    article.write_text("# Rates\n\nUp 3 percent.\n", encoding="utf-8")
    assert main(["--config", str(tmp_path / ".newslint.yaml"), "--fix", "--no-progress", str(article)]) == 0
    capsys.readouterr()
    assert article.read_text(encoding="utf-8") == "# Rates\n\nUp 3 per cent.\n"


# --------------------------------------------------------------------------
# occurrence


def test_occurrence_reports_the_first_use_over_the_limit():
    text = ("# Claims\n\nHe allegedly lied. She allegedly paid.\n\n"
            "\"It allegedly happened,\" a clerk said.\n\nThey allegedly met.\n")
    (diag,) = lint(text, select="HOUSE004")
    assert (diag.line, diag.column) == (7, 6)  # the quoted use is not counted (skip-quotes)
    assert diag.message == ("'allegedly' appears 3 times (house limit 2); "
                            "attribute the claim to its source instead")
    assert diag.related[0]["line"] == 3 and diag.related[0]["column"] == 4
    assert lint(text.replace("They allegedly met.", "They met."), select="HOUSE004") == []


def test_occurrence_limit_is_an_option():
    text = "# C\n\nallegedly allegedly allegedly.\n"
    assert len(lint(text, select="HOUSE004")) == 1
    assert lint(text, select="HOUSE004", extra="rules:\n  HOUSE004: {max: 3}\n") == []
    (diag,) = lint(text, select="HOUSE004", extra="rules:\n  allegedly-limit: {max: 0}\n")
    assert diag.column == 1 and "appears 3 times (house limit 0)" in diag.message


def test_occurrence_counts_each_token_apart(tmp_path):
    folder = write_pack(tmp_path, {"r.yaml": (
        "kind: occurrence\ncode: OCC001\nmessage: \"{match} x{count}\"\nmax: 1\ntokens: [very, really]\n")})
    found = lint("T\n\nvery really very really really.\n", folder, select="OCC001", name="a.txt")
    assert [(d.column, d.message) for d in found] == [(13, "very x2"), (18, "really x3")]


# --------------------------------------------------------------------------
# Validation: file, line, key, suggestion


BASE = "kind: existence\ncode: HOUSE010\nmessage: \"'{match}' found\"\n"


@pytest.mark.parametrize("body,expected", [
    (BASE + "tokenz: [a]\n", "r.yaml:4: unknown key 'tokenz' (did you mean 'tokens'?)"),
    ("extends: existence\ncode: HOUSE010\nmessage: m\ntokens: [a]\n", "r.yaml:1: unknown key 'extends' (did you mean 'kind'?)"),
    ("kind: existance\ncode: HOUSE010\nmessage: m\ntokens: [a]\n", "r.yaml:1: 'kind' must be one of existence, substitution, occurrence, not 'existance' (did you mean 'existence'?)"),
    ("code: HOUSE010\nmessage: m\ntokens: [a]\n", "r.yaml:1: missing key 'kind'"),
    ("kind: existence\ncode: HOUSE010\ntokens: [a]\n", "r.yaml:1: missing key 'message' (existence rules need code, message, tokens)"),
    (BASE + "tokens: [a]\nignorecase: maybe\n", "r.yaml:5: 'ignorecase' must be true or false, not 'maybe'"),
    (BASE + "tokens: a\n", "r.yaml:4: 'tokens' must be a non-empty list of words or patterns"),
    (BASE + "tokens: [a]\nswap: {a: b}\n", "r.yaml:5: 'swap' is not a key of existence rules (it belongs to substitution rules)"),
    (BASE + "tokens:\n  - fine\n  - 'rips? (into'\n", "r.yaml:6: 'tokens' pattern 'rips? (into' is not a valid regular expression: missing ) at position 11; to match it as plain text, add literal: true"),
    (BASE + "tokens: ['a*']\n", "r.yaml:4: 'tokens' pattern 'a*' matches empty text"),
    (BASE + "tokens: [a]\nexceptions: ['[b']\n", "r.yaml:5: 'exceptions' pattern '[b' is not a valid regular expression"),
    ("kind: existence\ncode: house1\nmessage: m\ntokens: [a]\n", "r.yaml:2: 'code' must be 2 to 12 capital letters and 3 digits"),
    ("kind: existence\ncode: SRC900\nmessage: m\ntokens: [a]\n", "r.yaml:2: 'code' SRC900 starts with SRC, which is reserved for newslint's sourcing rules"),
    ("kind: existence\ncode: 1234\nmessage: m\ntokens: [a]\n", "r.yaml:2: 'code' must be non-empty text, not 1234 (put it in quotes)"),
    (BASE + "tokens: [a]\nname: Bad Name\n", "r.yaml:5: 'name' must be kebab-case"),
    (BASE + "tokens: [a]\ncategory: internal\n", "r.yaml:5: 'category' internal is reserved"),
    (BASE + "tokens: [a]\nseverity: suggestion\n", "r.yaml:5: 'severity' must be info, warning or error, not 'suggestion' (Vale's 'suggestion' is 'info')"),
    (BASE + "tokens: [a]\nseverity: warn\n", "(did you mean 'warning'?)"),
    ("kind: existence\ncode: HOUSE010\nmessage: \"'{matched}' found\"\ntokens: [a]\n", "r.yaml:3: 'message' uses {matched}, which existence rules do not fill (did you mean 'match'?)"),
    ("kind: existence\ncode: HOUSE010\nmessage: \"{match.__class__}\"\ntokens: [a]\n", "r.yaml:3: 'message' uses {match.__class__}"),
    ("kind: existence\ncode: HOUSE010\nmessage: \"{match:{match.__class__}}\"\ntokens: [a]\n", "r.yaml:3: 'message' has a placeholder inside {match:...}"),
    ("kind: existence\ncode: HOUSE010\nmessage: \"%s and %s\"\ntokens: [a]\n", "r.yaml:3: 'message' has 2 '%s' slots; existence rules fill at most 1"),
    ("kind: existence\ncode: HOUSE010\nmessage: \"{match\"\ntokens: [a]\n", "r.yaml:3: 'message' is not a valid template"),
    (BASE + "tokens: [a]\nscope: paragraphs\n", "r.yaml:5: 'scope' has unknown part 'paragraphs' (did you mean 'paragraph'?)"),
    (BASE + "tokens: [a]\nlink: example.org\n", "r.yaml:5: 'link' must be a web address"),
    ("kind: occurrence\ncode: HOUSE010\nmessage: m\ntokens: [a]\nmax: -1\n", "r.yaml:5: 'max' must be a whole number of 0 or more, not -1"),
    ("kind: occurrence\ncode: HOUSE010\nmessage: m\ntokens: [a]\n", "missing key 'max'"),
    ("kind: substitution\ncode: HOUSE010\nmessage: m\nswap: [a, b]\n", "r.yaml:4: 'swap' must map what to flag to the house form"),
    ("kind: substitution\ncode: HOUSE010\nmessage: m\nswap:\n  percent: per cent\n  per: for each\n",
     "r.yaml:5: 'swap' replaces 'percent' with 'per cent', but 'per' flags 'per' in it again"),
    ("kind: substitution\ncode: HOUSE010\nmessage: m\nignorecase: true\nswap:\n  Internet: internet\n",
     "r.yaml:6: 'swap' maps 'Internet' to 'internet', the same word once case is ignored; set ignorecase: false"),
    (BASE + "tokens: [a]\ntokens: [b]\n", "r.yaml:5: duplicate key 'tokens' (first on line 4)"),
    (BASE + "tokens: [a\n", "r.yaml:5: invalid YAML"),
    ("", "r.yaml:1: rule file is empty"),
    ("- a\n- b\n", "r.yaml:1: a rule file must be a mapping"),
])
def test_validation_errors_name_file_line_key_and_suggestion(tmp_path, body, expected):
    message = rule_error(tmp_path, body)
    assert expected in message


def test_duplicate_codes_and_names_across_files_and_packs(tmp_path):
    rule = "kind: existence\ncode: {code}\nname: {name}\nmessage: m\ntokens: [a]\n"
    first = write_pack(tmp_path, {"a.yaml": rule.format(code="DUP001", name="one")}, "first")
    second = write_pack(tmp_path, {"b.yaml": rule.format(code="DUP001", name="two")}, "second")
    with pytest.raises(ConfigError, match=r"second/b\.yaml:2: code 'DUP001' is already used by .*first/a\.yaml"):
        load_packs([str(first), str(second)])
    third = write_pack(tmp_path, {"a.yaml": rule.format(code="DUP001", name="one"),
                                  "b.yaml": rule.format(code="DUP002", name="one")}, "third")
    with pytest.raises(ConfigError, match=r"third/b\.yaml:3: name 'one' is already used by .*third/a\.yaml"):
        load_packs([str(third)])
    assert len(load_packs([str(first), str(first)])) == 1  # the same folder twice is one pack


def test_pack_folder_problems(tmp_path, capsys):
    (tmp_path / "house").mkdir()
    with pytest.raises(ConfigError, match=r"rule pack '.*huose' \(under 'packs' in the config\) does not exist \(did you mean 'house'\?\)"):
        load_packs([str(tmp_path / "huose")])
    with pytest.raises(ConfigError, match=r"^cfg\.yaml:3: rule pack '.*huose' \(under 'packs'"):
        load_packs([str(tmp_path / "huose")], where="cfg.yaml:3")
    with pytest.raises(ConfigError, match=r"holds no rule files \(\*\.yaml or \*\.yml\)"):
        load_packs([str(tmp_path / "house")])
    (tmp_path / "file.yaml").write_text(BASE + "tokens: [a]\n")
    with pytest.raises(ConfigError, match="is a file; a pack is a folder"):
        load_packs([str(tmp_path / "file.yaml")])
    # Through the command line: a clean exit 2 with the message, no traceback.
    config = tmp_path / ".newslint.yaml"
    config.write_text("packs: [huose]\n")
    (tmp_path / "a.md").write_text("# T\n\nText.\n")
    assert main(["--config", str(config), "--no-progress", str(tmp_path / "a.md")]) == 2
    err = capsys.readouterr().err
    assert "huose' (under 'packs' in the config) does not exist (did you mean 'house'?)" in err
    assert "Traceback" not in err


def test_non_yaml_files_in_a_pack_are_ignored(tmp_path):
    folder = write_pack(tmp_path, {"README.md": "# notes", "r.yml": BASE + "tokens: [a]\n", ".hidden.yaml": "junk: ["})
    assert [r.code for r in load_packs([str(folder)])] == ["HOUSE010"]


# --------------------------------------------------------------------------
# Hostile packs: data, never code


@pytest.mark.parametrize("payload,tag", [
    ("!!python/object/apply:os.system ['touch {marker}']", "!!python/object/apply:os.system"),
    ("!!python/object/new:subprocess.Popen [['touch', '{marker}']]", "!!python/object/new:subprocess.Popen"),
    ("!!python/name:os.system", "!!python/name:os.system"),
    ("!custom {marker}", "!custom"),
])
def test_unsafe_yaml_tags_are_refused_before_anything_is_built(tmp_path, payload, tag):
    marker = tmp_path / "pwned"
    message = rule_error(tmp_path, BASE + "tokens: [a]\nsummary: " + payload.format(marker=marker) + "\n")
    assert f"r.yaml:5: YAML tag '{tag}' is not allowed: a rule pack is data, never code" in message
    assert not marker.exists()


def test_aliases_are_refused(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    message = rule_error(tmp_path, bomb + BASE + "tokens: [a]\n")
    assert "r.yaml:2: invalid YAML: aliases (*name) are not allowed in a rule pack" in message


def test_raw_token_text_is_kept(tmp_path):
    # YAML would read `yes` as true and `100` as a number; tokens keep the text as written.
    folder = write_pack(tmp_path, {"r.yaml": "kind: existence\ncode: RAW001\nmessage: m\ntokens: [yes, 100]\n"})
    assert load_packs([str(folder)])[0].tokens == ["yes", "100"]


def test_file_size_and_encoding_limits(tmp_path):
    message = rule_error(tmp_path, BASE + "tokens: [a]\n# " + "x" * (packs.MAX_RULE_FILE_BYTES + 10) + "\n")
    assert "r.yaml: rule file is larger than 1024 KB" in message
    folder = tmp_path / "latin"
    folder.mkdir()
    (folder / "r.yaml").write_bytes((BASE + "tokens: [caf\xe9]\n").encode("latin-1"))
    with pytest.raises(ConfigError, match=r"r\.yaml: rule file is not UTF-8 \(byte 0xe9 at offset \d+\); re-save it as UTF-8"):
        load_packs([str(folder)])


SLOW = "kind: existence\ncode: SLOW001\nname: slow-pattern\nmessage: m\nnonword: true\ntokens: [calm, '(a+)+$']\n"


def test_catastrophic_pattern_times_out_and_other_rules_still_report(tmp_path):
    """End to end, in a child process (a broken time limit fails the test instead of hanging the suite)."""
    write_pack(tmp_path, {"slow.yaml": SLOW}, "hostile")
    config = tmp_path / ".newslint.yaml"
    config.write_text(f"packs: [hostile, {json.dumps(str(EXAMPLE))}]\nselect: [SLOW, HOUSE]\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_text("Only time will tell\n\n" + "a" * 20000 + "b\n\nRates rose 5 percent.\n")
    (tmp_path / "good.txt").write_text("Calm\n\nA calm day.\n")
    started = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-m", "lint", "--config", str(config), "--jobs", "2", "--no-progress", "bad.txt", "good.txt"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120)
    elapsed = time.monotonic() - started
    assert run.returncode == 2, run.stdout + run.stderr  # an internal error: the broken pattern must be fixed
    lines = run.stdout.splitlines()
    assert lines[:4] == [
        "bad.txt:1:1: HOUSE001 [warning] 'Only time will tell' is a cliché; say what it means in plain words",
        f"bad.txt:3:1: NL010 [error] pattern '(a+)+$' of rule SLOW001 (slow-pattern) in pack 'hostile' (slow.yaml) "
        f"timed out after {packs.PATTERN_TIMEOUT:g}s on line 3: it backtracks catastrophically (nested repetition "
        f"such as (a+)+), so rewrite it; this rule's findings for the file are missing",
        "bad.txt:5:14: HOUSE002 [warning] house style is 'per cent', not 'percent'",
        "good.txt:3:3: SLOW001 [warning] m",  # the pattern's other token; case-sensitive, so not "Calm"
    ]
    assert elapsed < 60, f"the time limit did not bound the run ({elapsed:.1f}s)"


def test_patterns_compile_once_per_process():
    load_packs([str(EXAMPLE)])
    before = packs._compile.cache_info()
    load_packs([str(EXAMPLE)])
    after = packs._compile.cache_info()
    assert after.misses == before.misses and after.hits > before.hits


# --------------------------------------------------------------------------
# The guide stays true


def test_guide_documents_every_key_kind_and_scope():
    guide = GUIDE.read_text(encoding="utf-8")
    for word in [*packs.FIELDS, *packs.KINDS, *packs.SCOPES]:
        assert f"`{word}`" in guide, f"docs/rule-packs.md does not mention `{word}`"


def test_guide_rule_examples_are_valid(tmp_path):
    blocks = re.findall(r"```yaml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    rules = [b for b in blocks if b.startswith(("kind:", "# style/"))]
    assert len(rules) >= 4
    for number, body in enumerate(rules):
        folder = write_pack(tmp_path, {"rule.yaml": body}, f"guide{number}")
        assert load_packs([str(folder)])[0].code.startswith("HOUSE")
