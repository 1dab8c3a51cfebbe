"""Engine notices, documented like rules so that `newslint rule NL004` explains them."""

from __future__ import annotations

from lint.model import Severity
from lint.rule import Rule


class _Internal(Rule):
    category = "internal"
    default_enabled = False

    def check(self, article, options):  # pragma: no cover - raised by the engine, not run
        return ()


class UnreadableFile(_Internal):
    """
    What it does: reports a path that cannot be read: missing, unreadable
    (permissions), a directory that cannot be listed, or not a regular file.

    Why is this bad? The file was not linted, so its problems are unknown.

    Example: `newslint missing.md` reports `missing.md:1:1: NL001 [error] no such file or directory`.
    """

    code, name, severity = "NL001", "unreadable-file", Severity.ERROR
    summary = "A path could not be read; it was not linted."


class UndecodableFile(_Internal):
    """
    What it does: reports a file whose bytes are not valid in its encoding
    (UTF-8 unless `--encoding` or `encoding:` says otherwise), naming the
    byte, its offset, line and column.

    Why is this bad? Guessing an encoding would silently corrupt the text, so
    the file is skipped until it is re-saved as UTF-8 or its encoding is named.

    Example: a file saved in Windows-1252 with "café" reports byte 0xe9.
    """

    code, name, severity = "NL002", "undecodable-file", Severity.ERROR
    summary = "A file is not valid UTF-8 (or the named encoding)."


class BinaryFile(_Internal):
    """
    What it does: reports a file that contains NUL bytes.

    Why is this bad? It is not an article (an image, archive or word-processor
    file); linting it would produce noise.

    Example: `newslint photo.txt` where photo.txt is really a JPEG.
    """

    code, name, severity = "NL003", "binary-file", Severity.ERROR
    summary = "A binary file was skipped."


class RuleCrash(_Internal):
    """
    What it does: reports a rule that raised an exception on a file.

    Why is this bad? That rule's findings for the file are missing. The other
    rules still ran and are reported; the run exits 2.

    Example: `NL004 [error] rule SRC001 (anonymous-source) crashed: IndexError: ...`.
    """

    code, name, severity = "NL004", "rule-crash", Severity.ERROR
    summary = "A rule crashed on a file; its findings there are missing."


class UnusedSuppression(_Internal):
    """
    What it does: reports a `<!-- newslint: ignore ... -->` or `disable`
    directive that suppressed nothing.

    Why is this bad? Stale directives hide future problems on that line.

    Example: `<!-- newslint: ignore SRC001 -->` on a line with no SRC001 finding.
    """

    code, name, severity = "NL005", "unused-suppression", Severity.INFO
    summary = "A suppression directive suppressed nothing."


class EmptyFile(_Internal):
    """
    What it does: notes a file that is empty or only white space.

    Why is this bad? Usually it is not: an empty draft. It is reported so that
    a truncated export does not pass unnoticed.

    Example: `newslint empty.md` reports `NL006 [info] file is empty; nothing to lint`.
    """

    code, name, severity = "NL006", "empty-file", Severity.INFO
    summary = "A file is empty."


class FileTooLarge(_Internal):
    """
    What it does: reports a file larger than `max-file-size` (10 MB by default).

    Why is this bad? Such a file is rarely one article (an archive dump); it is
    skipped to keep runs fast. Raise `max-file-size` to lint it anyway.

    Example: a 40 MB export reports NL007 and the other files are still linted.
    """

    code, name, severity = "NL007", "file-too-large", Severity.ERROR
    summary = "A file over max-file-size was skipped."


class NoArticles(_Internal):
    """
    What it does: reports a folder named on the command line that holds no
    `.txt` or `.md` articles.

    Why is this bad? A typo in a path would otherwise pass as a clean run.

    Example: `newslint images/`.
    """

    code, name, severity = "NL008", "no-articles", Severity.ERROR
    summary = "A folder contains no articles."


class InvalidFrontMatter(_Internal):
    """
    What it does: reports Markdown front matter that is not a valid YAML mapping.

    Why is this bad? The title, date and language in it are ignored, so rules
    that rely on the date (contradictions) or language work without them.

    Example: `---\\ntitle: [unclosed\\n---`.
    """

    code, name, severity = "NL009", "invalid-front-matter", Severity.WARNING
    summary = "Front matter could not be read and was ignored."


class PatternTimeout(_Internal):
    """
    What it does: reports a rule-pack pattern that took too long on a file
    (catastrophic backtracking, e.g. `(a+)+$`), naming the pack, rule and pattern.

    Why is this bad? The pattern's findings for the file are missing; rewrite
    it without nested repetition.

    Example: `NL010 [error] pattern '(a+)+$' of rule HOUSE001 in pack house/ timed out`.
    """

    code, name, severity = "NL010", "pattern-timeout", Severity.ERROR
    summary = "A rule-pack pattern timed out on a file."


class MalformedRecord(_Internal):
    """
    What it does: reports an archive record that `newslint scan` could not read
    (not valid JSON or UTF-8, not an object, no `id` or `text`), with the
    archive and the line or row number.

    Why is this bad? The article was not linted, so its problems are unknown.
    The rest of the archive is linted as usual.

    Example: line 1042 of crawl.jsonl is cut off mid-object, so scan reports
    `line 1042 is not valid JSON (Unterminated string ...); record skipped`.
    """

    code, name, severity = "NL011", "malformed-record", Severity.WARNING
    summary = "An archive record could not be read; it was not linted."


INTERNAL_RULES = [cls() for cls in (
    UnreadableFile, UndecodableFile, BinaryFile, RuleCrash, UnusedSuppression,
    EmptyFile, FileTooLarge, NoArticles, InvalidFrontMatter, PatternTimeout, MalformedRecord,
)]
INTERNAL_BY_CODE = {rule.code: rule for rule in INTERNAL_RULES}
