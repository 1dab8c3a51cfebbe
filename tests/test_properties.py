"""Property tests over the whole pipeline with every built-in rule enabled.

Run longer locally with ``NEWSLINT_HYPOTHESIS_EXAMPLES=5000 python -m pytest tests/test_properties.py``.
"""

from __future__ import annotations

import os

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from lint.engine import Linter, RunOptions, apply_fixes  # noqa: E402
from lint.inputs import normalise_newlines  # noqa: E402
from lint.text import LineIndex  # noqa: E402

EXAMPLES = int(os.environ.get("NEWSLINT_HYPOTHESIS_EXAMPLES", "150"))
PROFILE = settings(max_examples=EXAMPLES, derandomize=True, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

_LINTER = Linter(run=RunOptions(select=("ALL",)))

NEWSY = st.sampled_from([
    "“", "”", "\"", "'", "‘", "’", "«", "»", "„", " said a Kremlin insider.", " Dr. ", "U.S.", "putin", "Putin",
    "\n", "\n\n", "\r\n", "\r", "# ", "- ", "1. ", "---\n", "<!-- newslint: ignore ", "<!-- newslint: disable -->",
    "-->", "Comments", "Leave a Reply", "President-elect Donald Trump", "Secretary-General Jens Stoltenberg",
    "reportedly", "Table of Contents", "today.as", "e.g.", "3.5", "Wir brauchen jetzt", "\u200b", "\u0301",
    "שלום", "😀", "\x00", "`code`", "[link](http://x.y/putin)", "?", ".", ",", " ", "a" * 50,
])
TEXT = st.lists(st.one_of(NEWSY, st.text(max_size=12)), max_size=60).map("".join)


def _prepare(text: str) -> str:
    """What the reader hands the engine: newlines normalised (NUL bytes make a file binary)."""
    return normalise_newlines(text.replace("\x00", " "))[0]


def _check(name: str, text: str) -> None:
    result = _LINTER.lint_text(name, text)
    crashes = [d.message for d in result.diagnostics if d.rule == "NL004"]
    assert not crashes, crashes
    index = LineIndex(text)
    for diag in result.diagnostics:
        if diag.category == "internal":
            continue
        assert 0 <= diag.start <= diag.end <= len(text)
        assert index.position(diag.start) == (diag.line, diag.column)
        assert index.position(diag.end) == (diag.end_line, diag.end_column)
        assert index.offset(diag.line, diag.column) == diag.start
    again = _LINTER.lint_text(name, text)
    assert [d.to_dict() for d in again.diagnostics] == [d.to_dict() for d in result.diagnostics]


@PROFILE
@given(TEXT)
def test_plain_text_never_crashes_and_spans_round_trip(text):
    _check("a.txt", _prepare(text))


@PROFILE
@given(TEXT)
def test_markdown_never_crashes(text):
    _check("a.md", _prepare(text))


@PROFILE
@given(TEXT)
def test_fixes_are_idempotent(text):
    text = _prepare(text)
    once = text
    for _ in range(8):
        once, count = apply_fixes(once, _LINTER.lint_text("a.txt", once).diagnostics)
        if not count:
            break
    twice, count = apply_fixes(once, _LINTER.lint_text("a.txt", once).diagnostics)
    assert count == 0 and twice == once
