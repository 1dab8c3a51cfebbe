"""Golden cases: tests/golden/<CODE>-<name>/ holds, for one rule,

* ``flagged*.txt|md`` with a ``.expected`` file beside each: the rule's findings
  as ``line:column: CODE [severity] message`` lines, compared line for line;
* ``clean*.txt|md``: articles on which the rule must report nothing at all;
* optionally ``config.yaml``: settings for every case in the folder.

Run ``pytest tests/test_golden.py --update-golden`` to rewrite the expected
files after a reviewed change, then read the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.inputs import read_source
from tests.helpers import lint_string

GOLDEN = Path(__file__).parent / "golden"
SUFFIXES = (".txt", ".md")


def _cases():
    for folder in sorted(p for p in GOLDEN.glob("*") if p.is_dir()):
        for case in sorted(folder.iterdir()):
            if case.suffix in SUFFIXES and case.name.startswith(("flagged", "clean")):
                yield pytest.param(folder, case, id=f"{folder.name}/{case.name}")


def _render(diagnostics) -> str:
    return "".join(f"{d.line}:{d.column}: {d.rule} [{d.severity}] {d.message}\n" for d in diagnostics)


@pytest.mark.parametrize("folder,case", list(_cases()))
def test_golden_case(folder: Path, case: Path, update_golden: bool) -> None:
    code = folder.name.split("-", 1)[0]
    config_file = folder / "config.yaml"
    config = config_file.read_text(encoding="utf-8") if config_file.exists() else ""
    text = read_source(str(case)).text
    diagnostics = lint_string(text, code, name=case.name, config=config, config_path=str(config_file))
    found = [d for d in diagnostics if d.rule == code]
    internal = [d for d in diagnostics if d.category == "internal" and d.rule != "NL006"]
    assert not internal, f"engine problems: {internal}"
    if case.name.startswith("clean"):
        assert not found, f"{code} must not flag {case.name}:\n{_render(found)}"
        return
    expected_file = case.with_suffix(".expected")
    actual = _render(found)
    if update_golden:
        expected_file.write_text(actual, encoding="utf-8")
    assert expected_file.exists(), f"missing {expected_file.name}; run pytest --update-golden and review it"
    assert actual, f"{code} flags nothing in {case.name}"
    assert actual.splitlines() == expected_file.read_text(encoding="utf-8").splitlines()
