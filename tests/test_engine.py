"""The engine: selection, crash isolation, suppression, baselines, fixes, determinism, jobs."""

from __future__ import annotations

import pytest

from lint.baseline import load_baseline, write_baseline
from lint.config import ConfigError
from lint.engine import apply_fixes
from lint.model import Severity
from tests.engine_fixtures import sample_linter

TEXT = "Headline\nA shocking claim was reportedly made.\nAnother shocking line.\n"


def lint(text, config="", select=("TST",), name="a.txt"):
    return sample_linter(config, select).lint_text(name, text).diagnostics


def test_findings_carry_positions_excerpt_and_fix():
    diags = [d for d in lint(TEXT) if d.rule == "TST001"]
    assert [(d.line, d.column, d.end_line, d.end_column) for d in diags] == [(2, 3, 2, 11), (3, 9, 3, 17)]
    assert diags[0].excerpt == "shocking"
    assert diags[0].fix == {"replacement": "notable"}
    assert diags[0].message == "avoid 'shocking'"


def test_selection_by_code_prefix_name_and_category():
    assert {d.rule for d in lint(TEXT, select=("TST001",))} == {"TST001"}
    assert {d.rule for d in lint(TEXT, select=("banned-word",))} == {"TST001"}
    assert {d.rule for d in lint(TEXT, select=("sourcing",))} == {"TST004"}
    assert {d.rule for d in lint(TEXT, select=("TST",))} == {"TST001", "TST004"}


def test_ignore_and_unknown_selector_suggestion():
    assert {d.rule for d in lint(TEXT, "ignore: [TST004]")} == {"TST001"}
    with pytest.raises(ConfigError, match="did you mean 'TST001'"):
        sample_linter("ignore: [TST01]")


def test_severity_override_most_specific_wins():
    diags = lint(TEXT, "severity:\n  residue: error\n  TST001: info\n")
    assert {d.severity for d in diags if d.rule == "TST001"} == {Severity.INFO}


def test_rule_options_from_config():
    diags = lint("Head\nA notable thing.\n", "rules:\n  TST001:\n    word: notable\n")
    assert [d.excerpt for d in diags] == ["notable"]
    with pytest.raises(ConfigError, match="has no option 'wrod'.*did you mean 'word'"):
        sample_linter("rules:\n  TST001:\n    wrod: x\n")


def test_crashing_rule_is_isolated():
    diags = lint("Head\nCRASH and a shocking line.\n")
    crash = [d for d in diags if d.rule == "NL004"]
    assert len(crash) == 1 and "TST003 (crashes) crashed: RuntimeError: boom" in crash[0].message
    assert any(d.rule == "TST001" for d in diags), "other rules still report"


def test_related_locations():
    [diag] = [d for d in lint("Head\nAlpha here.\nAnd Omega there.\n") if d.rule == "TST002"]
    assert diag.related == [{"path": "a.txt", "line": 3, "column": 5, "end_line": 3, "end_column": 10, "message": "Omega here"}]


class TestSuppression:
    def test_end_of_line_ignore(self):
        diags = lint("Head\nA shocking line. <!-- newslint: ignore TST001 -- quoted speech -->\nshocking again\n")
        assert [d.line for d in diags if d.rule == "TST001"] == [3]

    def test_standalone_ignore_covers_next_block(self):
        diags = lint("Head\n<!-- newslint: ignore banned-word -->\nA shocking line.\nshocking again\n")
        assert [d.line for d in diags if d.rule == "TST001"] == [4]

    def test_disable_enable_range(self):
        text = "Head\n<!-- newslint: disable TST001 -->\nshocking\nshocking\n<!-- newslint: enable TST001 -->\nshocking\n"
        assert [d.line for d in lint(text) if d.rule == "TST001"] == [6]

    def test_unused_directive_is_reported(self):
        diags = lint("Head\nA calm line. <!-- newslint: ignore TST001 -->\n")
        unused = [d for d in diags if d.rule == "NL005"]
        assert len(unused) == 1 and unused[0].severity is Severity.INFO and unused[0].line == 2

    def test_directive_for_a_rule_not_run_is_not_unused(self):
        diags = lint("Head\nA calm line. <!-- newslint: ignore XYZ999 -->\n")
        assert not [d for d in diags if d.rule == "NL005"]


class TestBaseline:
    def test_baseline_survives_edits_elsewhere(self, tmp_path):
        article = tmp_path / "a.txt"
        article.write_text(TEXT, encoding="utf-8")
        linter = sample_linter(select=("TST001",))
        first = linter.run([str(article)], jobs=1)
        baseline = tmp_path / "baseline.json"
        assert write_baseline(str(baseline), first.diagnostics) == 2
        article.write_text("New opening paragraph.\n\n" + TEXT + "A new shocking addition.\n", encoding="utf-8")
        linter.config.baseline = str(baseline)
        second = linter.run([str(article)], jobs=1)
        assert second.baselined == 2
        assert [d.line for d in second.diagnostics] == [6]

    def test_malformed_baseline(self, tmp_path):
        bad = tmp_path / "b.json"
        bad.write_text("{nope", encoding="utf-8")
        from lint.baseline import BaselineError

        with pytest.raises(BaselineError, match="not valid JSON"):
            load_baseline(str(bad))


class TestFixes:
    def test_apply_fixes_is_idempotent_and_local(self):
        linter = sample_linter(select=("TST001",))
        diags = linter.lint_text("a.txt", TEXT).diagnostics
        fixed, count = apply_fixes(TEXT, diags)
        assert count == 2 and fixed == TEXT.replace("shocking", "notable")
        again, count = apply_fixes(fixed, linter.lint_text("a.txt", fixed).diagnostics)
        assert count == 0 and again == fixed

    def test_fix_file_keeps_bom_and_crlf(self, tmp_path):
        path = tmp_path / "a.txt"
        path.write_bytes(b"\xef\xbb\xbf" + TEXT.replace("\n", "\r\n").encode())
        linter = sample_linter(select=("TST001",))
        result, source, text, applied = linter.fix_file(str(path))
        assert applied == 2 and not [d for d in result.diagnostics if d.rule == "TST001"]
        assert source.encode(text) == b"\xef\xbb\xbf" + TEXT.replace("shocking", "notable").replace("\n", "\r\n").encode()


def test_output_is_deterministic_and_jobs_agree(tmp_path):
    for i in range(6):
        (tmp_path / f"f{i}.txt").write_text(f"Head {i}\nshocking {i} reportedly\n", encoding="utf-8")
    linter = sample_linter()
    one = linter.run([str(tmp_path)], jobs=1)
    two = linter.run([str(tmp_path)], jobs=2)
    assert [d.to_dict() for d in one.diagnostics] == [d.to_dict() for d in two.diagnostics]
    assert [d.path for d in one.diagnostics] == sorted(d.path for d in one.diagnostics)
