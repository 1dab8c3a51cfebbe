"""The seed articles and their sidecar YAML of expected findings.

For every category that has rules, each expectation must be met (a finding
of that category, at or above the expected severity, covering the line) and
no must_not_flag line may carry a warning or error from any rule.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from lint.engine import Linter
from lint.model import CATEGORIES, Severity
from rules import builtin_rules

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SIDECARS = sorted(SEEDS.glob("*.yaml"))
CATEGORIES_WITH_RULES = {rule.category for rule in builtin_rules()}


def _load(sidecar: Path) -> dict:
    return yaml.safe_load(sidecar.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_report():
    linter = Linter()
    return linter.run([str(SEEDS)], jobs=1)


def _article_lines(sidecar: Path) -> list[str]:
    return sidecar.with_suffix(".txt").read_text(encoding="utf-8").split("\n")


@pytest.mark.parametrize("sidecar", SIDECARS, ids=lambda p: p.stem)
def test_sidecar_is_well_formed(sidecar: Path) -> None:
    data = _load(sidecar)
    assert data["kind"] in ("flawed", "control")
    lines = _article_lines(sidecar)
    for entry in data.get("expected", []) + data.get("must_not_flag", []):
        assert entry["quote"] in lines[entry["line"] - 1], f"{sidecar.name}: {entry['quote']!r} not on line {entry['line']}"
        assert entry.get("note"), f"{sidecar.name}:{entry['line']} needs a note"
    for entry in data.get("expected", []):
        assert entry["category"] in CATEGORIES, entry
        Severity.parse(entry.get("severity", "warning"))


def _covers(diag, line: int) -> bool:
    return diag.line <= line <= max(diag.line, diag.end_line if diag.end_column > 1 else diag.end_line - 1)


def _expectations():
    for sidecar in SIDECARS:
        for entry in _load(sidecar).get("expected", []):
            yield sidecar, entry


@pytest.mark.parametrize("category", [c for c in CATEGORIES if c != "internal"])
def test_seed_expectations_per_category(category: str, seed_report) -> None:
    if category not in CATEGORIES_WITH_RULES:
        pytest.skip(f"no {category} rules yet")
    missing = []
    for sidecar, entry in _expectations():
        if entry["category"] != category:
            continue
        path = str(sidecar.with_suffix(".txt"))
        floor = Severity.parse(entry.get("severity", "warning"))
        hit = any(
            d.path == path and d.category == category and d.severity >= floor and _covers(d, entry["line"])
            for d in seed_report.diagnostics
        )
        if not hit:
            missing.append(f"{sidecar.stem}:{entry['line']} [{floor}] {entry['quote']!r} ({entry['note']})")
    assert not missing, f"{category} expectations not met:\n" + "\n".join(missing)


def test_must_not_flag_lines_are_clean(seed_report) -> None:
    problems = []
    for sidecar in SIDECARS:
        path = str(sidecar.with_suffix(".txt"))
        for entry in _load(sidecar).get("must_not_flag", []):
            for d in seed_report.diagnostics:
                if d.path == path and d.severity >= Severity.WARNING and _covers(d, entry["line"]):
                    problems.append(f"{sidecar.stem}:{entry['line']}: {d.rule} [{d.severity}] {d.message}")
    assert not problems, "must_not_flag lines were flagged:\n" + "\n".join(problems)


def test_seed_run_has_no_engine_errors(seed_report) -> None:
    assert not [d for d in seed_report.diagnostics if d.category == "internal"]
