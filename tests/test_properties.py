"""Property tests over the whole pipeline with every built-in rule enabled.

Run longer locally with ``NEWSLINT_HYPOTHESIS_EXAMPLES=5000 python -m pytest tests/test_properties.py``.
The command-line properties at the end run the real CLI on files (10 and 100 examples by default);
the variable sets their count too, so a long run of them takes about 0.5 s (--jobs) and 0.03 s
(--fix) per example.
"""

from __future__ import annotations

import codecs
import contextlib
import difflib
import io
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from lint.cli import main as cli_main  # noqa: E402
from lint.engine import MAX_FIX_PASSES, Linter, RunOptions, apply_fixes  # noqa: E402
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


# --------------------------------------------------------------------------
# The real command line on files: --jobs 1 and --jobs 2 agree byte for byte, and
# --fix keeps every byte outside the fixed spans (BOM, encoding, line endings).
#
# These start processes and write files, so they run fewer examples by default;
# NEWSLINT_HYPOTHESIS_EXAMPLES sets their count too.

ROOT = Path(__file__).resolve().parent.parent
CLI_PROFILE = settings(PROFILE, max_examples=int(os.environ.get("NEWSLINT_HYPOTHESIS_EXAMPLES", "10")))
FIX_PROFILE = settings(PROFILE, max_examples=int(os.environ.get("NEWSLINT_HYPOTHESIS_EXAMPLES", "100")))
COMMON = ["--isolated", "--no-progress", "--select", "ALL"]


def _raw_bytes(exc: UnicodeEncodeError):
    """Error handler: in UTF-8 a lone surrogate U+DC80..U+DCFF becomes the raw byte it escapes
    (surrogateescape), any other lone surrogate its three-byte form (surrogatepass); in UTF-16 the
    lone code unit. Either way the file cannot be decoded."""
    out = b""
    for ch in exc.object[exc.start:exc.end]:
        code = ord(ch)
        if exc.encoding.replace("_", "-").lower() in ("utf-8", "utf8") and 0xDC80 <= code <= 0xDCFF:
            out += bytes([code - 0xDC00])
        else:
            out += ch.encode(exc.encoding, "surrogatepass")
    return out, exc.end


codecs.register_error("newslint-test-raw", _raw_bytes)

EXTRA = st.sampled_from([
    "\r\n", "\r", "\r\r\n", "\u2028", "\x85", "\t",  # line breaks newslint counts, and ones it does not
    "\u200b\u200c\u200d\u2060\ufeff", "\u202eevil\u202c", "مرحبا بالعالم", "שלום עולם",  # zero-width, bidi, RTL
    "e\u0301\u0308\u20dd", "Z\u0335\u0321\u0322a\u0336", "👍🏽", "🇺🇦", "👨\u200d👩\u200d👧",  # combining marks, emoji
    "---\n", "---\ntitle: \"unclosed\n", "---\nlang: [fr\n---\n", "---\nlang: de\n---\n", "+++\n", "```\n",
    "<!-- newslint: ignore -->", "<!-- newslint: ignore TYP001 -- named so in print -->",
    "<!-- newslint: disable SRC -->", "<!-- newslint: enable SRC -->", "<!-- newslint: enable -->",
    "<!-- newslint: disable -->", "<!-- newslint: ignore NOPE999 -->", "<!-- newslint:", "newslint: ignore",
])
# Whole lines of the golden articles, so that every rule family has something to find.
GOLDEN_LINES = sorted({
    line for path in (ROOT / "tests" / "golden").glob("*/*")
    if path.suffix in (".txt", ".md") for line in path.read_text(encoding="utf-8").splitlines(True) if line.strip()
})
GOLDEN = st.sampled_from(GOLDEN_LINES)
FILE_TEXT = st.lists(st.one_of(GOLDEN, GOLDEN, GOLDEN, NEWSY, NEWSY, EXTRA, st.text(max_size=12)),
                     min_size=1, max_size=40).map("".join)
LONG_LINE = st.one_of(
    st.lists(GOLDEN.map(str.strip), min_size=10, max_size=60).map(" ".join),  # a whole article on one line
    st.integers(300, 5000).map(lambda n: "x" * n),
)
DAMAGE = st.sampled_from(["\udcff", "\udc80", "\udcc3", "\udce2\udc80", "\ud800", "\udfff", "\x00", "\x00\x00\x00"])


@st.composite
def article_bytes(draw) -> bytes:
    """One article file: mostly text newslint reads, sometimes invalid UTF-8 or binary."""
    text = draw(FILE_TEXT)
    if draw(st.integers(0, 3)) == 0:  # a long line somewhere
        where = draw(st.integers(0, len(text)))
        text = text[:where] + draw(LONG_LINE) + text[where:]
    if draw(st.integers(0, 4)) == 0:  # one file in five is damaged: invalid UTF-8 or NUL bytes
        where = draw(st.integers(0, len(text)))
        text = text[:where] + draw(DAMAGE) + text[where:]
    else:
        text = text.replace("\x00", " ")
    encoding, bom = draw(st.sampled_from([("utf-8", b""), ("utf-8", b""), ("utf-8", codecs.BOM_UTF8),
                                          ("utf-16-le", codecs.BOM_UTF16_LE)]))
    return bom + text.encode(encoding, "newslint-test-raw")


FILE_NAMES = st.sampled_from(["a.txt", "b.md", "c d.txt", "ünï.md", "e.markdown", "sub/f.txt", "sub/g.md", "z.text"])
ARTICLE_SETS = st.lists(st.tuples(FILE_NAMES, article_bytes()), min_size=2, max_size=5, unique_by=lambda f: f[0])


def _write_articles(root: Path, files) -> None:
    for name, data in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _cli(args: list[str]) -> tuple[int, str]:
    """Run the command line in this process; returns the exit status and what went to stderr."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = cli_main(args)
    return code, err.getvalue()


@CLI_PROFILE
@given(files=ARTICLE_SETS, fmt=st.sampled_from(["json", "jsonl"]))
def test_output_is_identical_across_jobs_and_runs(files, fmt):
    with tempfile.TemporaryDirectory() as tmp:
        articles, reports = Path(tmp) / "articles", Path(tmp) / "reports"
        articles.mkdir()
        reports.mkdir()
        _write_articles(articles, files)
        args = [*COMMON, "--format", fmt]
        outputs, codes = {}, {}
        # in this process: --jobs 1 twice, then --jobs 2 (workers forked from this process)
        for run, jobs in (("jobs1", "1"), ("jobs1-again", "1"), ("jobs2", "2")):
            out = reports / f"{run}.{fmt}"
            codes[run], _ = _cli([*args, "--jobs", jobs, "-o", str(out), str(articles)])
            outputs[run] = out.read_bytes()
        # a fresh process (its own hash seed, cold caches), --jobs 2, the report on stdout
        proc = subprocess.run([sys.executable, "-m", "lint", *args, "--jobs", "2", str(articles)],
                              capture_output=True, cwd=ROOT, timeout=300)
        outputs["subprocess-jobs2"], codes["subprocess-jobs2"] = proc.stdout, proc.returncode
        assert proc.returncode in (0, 1, 2) and b"Traceback" not in proc.stderr, proc.stderr.decode("utf-8", "replace")
        assert b'"NL004"' not in outputs["jobs1"], "a rule crashed"
        assert len(set(codes.values())) == 1, codes
        reference = outputs["jobs1"]
        for run, output in outputs.items():
            assert output == reference, f"{run} differs from jobs1:\n" + "".join(difflib.unified_diff(
                reference.decode("utf-8", "replace").splitlines(True), output.decode("utf-8", "replace").splitlines(True),
                "jobs1", run))


FIXABLE = st.sampled_from([
    "putin", "ukraine", "brussels", "monday", "nato", "today.As", "Russia,he", "The plan failed.By Friday",
    "Was it worth it?No one knows.", "Dr.Elena Weber", "the the", "of of", "a interesting", "an big step",
    "woudl", "recieve", "teh", "goverment", "The U.S Special envoy", "e.g the", "cold War", "donald Trump",
    "\nukrainian officials welcome the plan\n", ". as global attention turns", "wouldn't", "wouldn’t",
])
# what a careless fixer might "tidy" on the way: runs of spaces, tabs, trailing spaces, curly quotes, ellipses
UNTIDY = st.sampled_from(["  ", "\t", "\u00a0", "   \n", " \r\n", "’", "“", "”", "…", "--", "\u200b"])
FIX_TEXT = st.lists(st.one_of(FIXABLE, FIXABLE, GOLDEN, NEWSY, UNTIDY, st.text(max_size=12)),
                    min_size=1, max_size=30).map("".join)
# (codec, BOM, --encoding argument)
FIX_ENCODINGS = st.sampled_from([
    ("utf-8", b"", None), ("utf-8", b"", "utf-8"), ("utf-8", codecs.BOM_UTF8, None), ("cp1252", b"", "cp1252"),
    ("utf-8", codecs.BOM_UTF8, "cp1252"), ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),  # a BOM wins over --encoding
    ("utf-16-le", codecs.BOM_UTF16_LE, None), ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
])
ENDINGS = st.sampled_from(["\n", "\r\n", "\r", "mixed"])
ENDING = re.compile(r"\r\n|\r|\n")


def _explained_by_fixes(before: str, after: str, fixes: list[tuple[int, int, str]]) -> bool:
    """True if ``after`` is ``before`` with some fix spans replaced by their replacements and every
    other character copied unchanged (a search over alignments, independent of apply_fixes)."""
    by_start: dict[int, list[tuple[int, str]]] = {}
    for start, end, replacement in fixes:
        by_start.setdefault(start, []).append((end, replacement))
    goal = (len(before), len(after))
    seen: set[tuple[int, int]] = set()
    stack = [(0, 0)]
    while stack:
        state = stack.pop()
        if state == goal:
            return True
        if state in seen:
            continue
        seen.add(state)
        i, j = state
        for end, replacement in by_start.get(i, ()):
            if after.startswith(replacement, j):
                stack.append((end, j + len(replacement)))
        if i < len(before) and j < len(after) and before[i] == after[j]:
            stack.append((i + 1, j + 1))
    return False


def _fixed_by_passes(name: str, text: str) -> str:
    """The text after the fix passes --fix makes, checking that each pass changes only its fix spans."""
    for _ in range(MAX_FIX_PASSES):
        diagnostics = _LINTER.lint_text(name, text).diagnostics
        fixes = [(d.start, d.end, d.fix["replacement"]) for d in diagnostics if d.fix is not None]
        fixed, count = apply_fixes(text, diagnostics)
        if not count:
            break
        assert _explained_by_fixes(text, fixed, fixes), \
            f"a fix pass changed text outside its fix spans: {text!r} -> {fixed!r}"
        text = fixed
    return text


@FIX_PROFILE
@given(text=FIX_TEXT, encoding=FIX_ENCODINGS, ending=ENDINGS, suffix=st.sampled_from([".txt", ".md"]))
def test_fix_keeps_every_byte_outside_the_fixed_spans(text, encoding, ending, suffix):
    _check_fix_round_trip(text, encoding, ending, suffix)


@FIX_PROFILE
@example(text="putin", ending="\n", suffix=".txt")
@given(text=FIX_TEXT, ending=ENDINGS, suffix=st.sampled_from([".txt", ".md"]))
def test_fix_with_encoding_utf_8_sig_adds_no_bom(text, ending, suffix):
    # utf-8-sig reads a BOM-less file too; writing with it would add a BOM the file never had.
    _check_fix_round_trip(text, ("utf-8", b"", "utf-8-sig"), ending, suffix)


def _check_fix_round_trip(text: str, encoding: tuple[str, bytes, str | None], ending: str, suffix: str) -> None:
    """--fix on one file written with ``codec`` after ``bom``, read with ``--encoding encoding_arg``."""
    codec, bom, encoding_arg = encoding
    text = text.replace("\x00", " ")  # a NUL byte makes the file binary: nothing to fix
    if codec == "cp1252":
        text = text.encode("cp1252", "ignore").decode("cp1252")  # keep what cp1252 can hold
    if ending != "mixed":
        text = ENDING.sub(ending, text)
    if not bom:
        text = text.lstrip("\ufeff")  # in UTF-8 a leading U+FEFF would be a BOM after all
    original = bom + text.encode(codec)
    endings = ENDING.findall(text)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"article{suffix}"
        path.write_bytes(original)
        args = [*COMMON, "--fix", "--format", "json", "-o", str(Path(tmp) / "report.json"),
                *(["--encoding", encoding_arg] if encoding_arg else []), str(path)]
        code, _ = _cli(args)
        assert code in (0, 1), (code, (Path(tmp) / "report.json").read_text(encoding="utf-8"))
        fixed = path.read_bytes()

        # (b) BOM, encoding and the line ending of every line are kept
        assert fixed.startswith(bom), "the byte order mark was dropped"
        assert fixed[len(bom):].startswith(codecs.BOM_UTF8) == original[len(bom):].startswith(codecs.BOM_UTF8), \
            "a byte order mark was added"
        fixed_text = fixed[len(bom):].decode(codec)  # strict: the encoding did not change
        assert ENDING.findall(fixed_text) == endings, "line endings changed"

        # (a) the bytes are exactly the original's with the fix spans replaced: the expected bytes are
        # rebuilt here from the original BOM, codec and line endings around text that differs from the
        # original only inside the spans the diagnostics of each pass reported.
        normalised = ENDING.sub("\n", text)
        expected_text = _fixed_by_passes(str(path), normalised)
        pieces = expected_text.split("\n")
        assert len(pieces) == len(endings) + 1, "a fix added or removed a line break"
        with_endings = "".join(piece + eol for piece, eol in zip(pieces, [*endings, ""]))
        try:
            expected = bom + with_endings.encode(codec)
        except UnicodeEncodeError:
            expected = original  # a replacement the codec cannot hold: reported (NL001), the file is left alone
        assert fixed == expected, (
            f"--fix wrote {fixed!r}\nexpected {expected!r}\n(original {original!r})")

        # (c) a second --fix changes nothing
        code, err = _cli(args)
        assert "Fixed" not in err, err
        assert path.read_bytes() == fixed
