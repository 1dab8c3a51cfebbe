"""rules.phrases: the data-file reader and pattern-literal helpers the trailer and residue families share."""

from __future__ import annotations

import re

import pytest

from rules.phrases import (
    LazyPattern,
    PatternKeyError,
    confined_to_line,
    curly_tolerant,
    derive_key,
    ignorecase_fold,
    literal_keys,
    read_sections,
    required_literals,
)


def test_read_sections_keeps_file_order_and_repeated_names(tmp_path):
    path = tmp_path / "data.txt"
    path.write_text("# comment\n[first]\none  # note\n\n[second-2]\ntwo\n[first]\nthree\n", encoding="utf-8")
    assert read_sections(path) == [("first", ["one"]), ("second-2", ["two"]), ("first", ["three"])]
    path.write_text("orphan\n[first]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="before the first"):
        read_sections(path)


def test_ignorecase_fold_keeps_offsets_and_folds_what_ignorecase_folds():
    text = "L\u0130KE \u212aeep \u017fure \u0131t"
    folded = ignorecase_fold(text)
    assert folded == "like keep sure it" and len(folded) == len(text)
    assert ignorecase_fold("Plain ASCII") == "plain ascii"


def test_curly_tolerant_widens_apostrophes_inside_and_outside_classes():
    assert curly_tolerant("we'd [a-z']") == "we['\u2019\u02bc]d [a-z'\u2019\u02bc]"
    assert curly_tolerant(r"\'") == r"\'"


def test_lazy_pattern_compiles_on_first_call_only():
    pattern = LazyPattern(r"ab+", re.I)
    assert pattern._compiled is None
    assert pattern().fullmatch("ABB") and pattern() is pattern()


def test_derive_key_takes_the_longest_fixed_text():
    assert derive_key(r"\bwith bated breath\b") == "with bated breath"
    assert derive_key(r"\b(?:might|could) potentially\b") == "potentially"
    assert derive_key(r"It\u2019s Important") == "s important"  # an escape is not text
    with pytest.raises(PatternKeyError):
        derive_key(r"\bcut-?off\b")
    with pytest.raises(PatternKeyError):
        derive_key(r"\bdelve|tapestry\b")
    with pytest.raises(PatternKeyError):  # "{0,60}" is a repeat count, not text; such entries give a key
        derive_key(r"\[(?:insert)\b[^\]]{0,60}\]")


def test_required_literals_are_clauses_every_match_satisfies():
    clauses = required_literals(r"^here(?:'s| is) a (?:rewritten|revised) article")
    assert ("here",) in clauses and ("rewritten", "revised") in clauses and ("article",) in clauses
    assert ("sure!", "sure,") in required_literals(r"^sure[!,] here")
    assert required_literals(r"delve|tapestry") == ()
    assert required_literals(r"[unclosed") == ()


def test_literal_keys_need_a_key_from_each_alternative():
    assert literal_keys(r"share this( article)?") == ("share this",)
    assert literal_keys(r"(tweet|email|print)") == ("tweet", "email", "print")
    assert literal_keys(r"(previous|next) (article|post)") == ("previous", "next")
    assert literal_keys(r"ad|\d+") is None  # one side has no fixed text: always tried
    for pattern, text in [(r"(previous|next) (article|post)", "Next post"), (r"share this( article)?", "SHARE THIS")]:
        assert re.fullmatch(pattern, text, re.I)
        assert any(key in ignorecase_fold(text) for key in literal_keys(pattern))


def test_confined_to_line_refuses_what_may_cross_a_line_break():
    assert confined_to_line(r"\bfor more updates\b[^.\n]*")
    assert not confined_to_line(r"for\s+more")
    assert not confined_to_line(r"comments below$")
    assert not confined_to_line(r"(?s)read.more")
