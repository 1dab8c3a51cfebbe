"""Meta-tests: every rule is coded, categorised, documented, covered, and docs/rules.md is current."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import lint
import rules as builtin_package
from lint.catalogue import render_markdown
from lint.internal import INTERNAL_RULES
from lint.model import CATEGORIES
from rules import builtin_rules

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
RULES = builtin_rules()
ALL = RULES + INTERNAL_RULES


def test_generic_package_names_resolve_to_this_project():
    assert Path(lint.__file__).resolve().parent == ROOT / "lint"
    assert Path(builtin_package.__file__).resolve().parent == ROOT / "rules"


def test_codes_and_names_are_unique():
    codes = [r.code for r in ALL]
    names = [r.name for r in ALL]
    assert len(codes) == len(set(codes))
    assert len(names) == len(set(names))


@pytest.mark.parametrize("rule", ALL, ids=lambda r: r.code)
def test_rule_metadata(rule):
    assert rule.category in CATEGORIES
    assert re.fullmatch(CATEGORIES[rule.category] + r"\d{3}", rule.code), rule.code
    assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", rule.name), rule.name
    assert rule.summary.strip()
    doc = rule.doc()
    for section in ("What it does", "Why is this bad?", "Example"):
        assert section in doc, f"{rule.code} docstring lacks {section!r}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_has_golden_cases(rule):
    folders = sorted(GOLDEN.glob(f"{rule.code}-*"))
    assert folders, f"no tests/golden/{rule.code}-{rule.name}/"
    files = [p.name for folder in folders for p in folder.iterdir()]
    assert any(f.startswith("flagged") and f.endswith((".txt", ".md")) for f in files), f"{rule.code}: no flagged case"
    assert any(f.startswith("clean") for f in files), f"{rule.code}: no clean case"


def test_golden_folders_name_existing_rules():
    known = {r.code: r.name for r in RULES}
    for folder in GOLDEN.glob("*"):
        if folder.is_dir():
            code, _, name = folder.name.partition("-")
            assert known.get(code) == name, f"{folder.name} does not match a rule"


def test_docs_rules_md_is_current():
    expected = render_markdown(ALL)
    actual = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/rules.md is stale: run `newslint rules --format markdown > docs/rules.md`"
