"""What runs on a scan's workers: lint one partition of an archive.

A worker process builds its :class:`ArchiveLinter` once (rules, knowledge
base and gazetteers load lazily inside it, so once per process too) and keeps
it for every partition of the run: the task ships a small picklable
:class:`ScanSpec`, never a linter. Nothing here imports Dask, so the same
function runs in-process for ``--workers 0`` and on any Dask worker that has
newslint installed.

A partition's result is compact: the diagnostics as output rows, per-site
and per-author counts, and for corpus-level rules one small summary per
article. Article texts never leave the worker.
"""

from __future__ import annotations

import hashlib
import pickle
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from lint.archive import FieldMap, Record, RecordProblem, parse_record
from lint.config import Config
from lint.engine import Linter, RunOptions, internal_diagnostic
from lint.internal import INTERNAL_BY_CODE
from lint.model import Diagnostic, FileResult, Severity

UNKNOWN_AUTHOR = "(unknown)"


MALFORMED = INTERNAL_BY_CODE["NL011"]


@dataclass(frozen=True)
class ScanSpec:
    """Everything a worker needs to lint like the client would (small and picklable)."""

    config: Config
    run: RunOptions
    fields: FieldMap

    @property
    def fingerprint(self) -> str:
        """Same rules, options and field map -> same key, so a worker reuses its linter."""
        return hashlib.sha256(pickle.dumps((self.config, self.run, self.fields), protocol=4)).hexdigest()


@dataclass(frozen=True)
class Partition:
    """A run of consecutive raw records of one archive; ``key`` names its output files."""

    key: str
    archive: str
    kind: str  # what a position counts: "line" or "row"
    items: tuple[tuple[int, Any], ...]


@dataclass
class PartitionResult:
    key: str
    rows: list[dict[str, Any]]
    stats: dict[str, Any]
    # (id, (url, site, author, archive, position), {rule code: summary}) per linted article, in archive order;
    # None when no corpus-level rule is selected
    summaries: list[tuple[str, tuple, dict[str, Any]]] | None = None
    worker_peak_rss: int = 0


class ArchiveLinter(Linter):
    """A Linter that also gives rules what front matter would: the record's title, url, date, lang..."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._record_meta = threading.local()
        self.has_corpus_rules = any(rule.corpus for rule in self.selection.rules)

    def load(self, path: str, text: str):
        article = super().load(path, text)
        meta = getattr(self._record_meta, "value", None)
        if meta:
            article.meta = {**meta, **article.meta}  # the text's own front matter wins
        return article

    def lint_record(self, record: Record) -> FileResult:
        self._record_meta.value = record.meta()
        try:
            return self.lint_text(record.id, record.body())
        except Exception as exc:  # a loader plugin that crashes must not stop the archive
            diag = internal_diagnostic(record.id, "NL004", f"loading the article crashed: {type(exc).__name__}: {exc}")
            return FileResult(record.id, [diag], linted=False)
        finally:
            self._record_meta.value = None


# --------------------------------------------------------------------------
# One linter per worker process

_LOCK = threading.Lock()
_LINTERS: "OrderedDict[str, ArchiveLinter]" = OrderedDict()
_KEEP = 2  # a long-lived worker serving several runs keeps the last two linters
BUILDS = 0  # how many linters this process has built (tests check it stays at one per run)


def linter_for(spec: ScanSpec) -> ArchiveLinter:
    global BUILDS
    key = spec.fingerprint
    with _LOCK:
        linter = _LINTERS.get(key)
        if linter is None:
            linter = ArchiveLinter(spec.config, spec.run)
            BUILDS += 1
            _LINTERS[key] = linter
            while len(_LINTERS) > _KEEP:
                _LINTERS.popitem(last=False)
        else:
            _LINTERS.move_to_end(key)
        return linter


def worker_identity(spec: ScanSpec) -> tuple[str, tuple[tuple[str, str], ...]]:
    """newslint's version and the selected rules (code, origin) as this process sees them.

    A scan sends it to every worker before the first partition (which also
    builds each worker's linter): a worker with another newslint or other
    plugins would give other findings, and is refused.
    """
    from lint import __version__

    linter = linter_for(spec)
    return __version__, tuple((rule.code, rule.origin) for rule in linter.selection.rules)


def peak_rss() -> int:
    """This process's peak resident memory in bytes (0 where the platform cannot tell)."""
    try:
        import resource
        import sys

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024
    except (ImportError, OSError):
        return 0


# --------------------------------------------------------------------------
# The task


def lint_partition(spec: ScanSpec, partition: Partition) -> PartitionResult:
    linter = linter_for(spec)
    stats = new_stats()
    rows: list[dict[str, Any]] = []
    summaries: list | None = [] if linter.has_corpus_rules else None
    for position, raw in partition.items:
        stats["records"] += 1
        record = parse_record(raw, partition.archive, position, spec.fields, partition.kind)
        if isinstance(record, RecordProblem):
            stats["malformed"] += 1
            row = problem_row(record)
            rows.append(row)
            count_row(stats, row, site=None, author=None)
            continue
        result = linter.lint_record(record)
        stats["linted"] += 1
        site, author = record.site_name, record.author or UNKNOWN_AUTHOR
        count_article(stats, site, author)
        where = (record.url, site, record.author, record.archive, record.position)
        for diag in sorted(result.diagnostics, key=Diagnostic.sort_key):
            row = diagnostic_row(diag, where)
            rows.append(row)
            count_row(stats, row, site, author)
        if summaries is not None:
            summaries.append((record.id, where, dict(result.corpus_summaries)))
    return PartitionResult(partition.key, rows, stats, summaries, peak_rss())


# --------------------------------------------------------------------------
# Output rows: a diagnostic with the article's id and url instead of a path

ROW_FIELDS = ("id", "url", "site", "author", "archive", "record", "line", "column", "end_line", "end_column",
              "rule", "name", "category", "severity", "message", "excerpt", "fix", "related")


def diagnostic_row(diag: Diagnostic, where: tuple) -> dict[str, Any]:
    url, site, author, archive, position = where
    return {
        "id": clean(diag.path),
        "url": clean(url),
        "site": clean(site),
        "author": clean(author),
        "archive": clean(archive),
        "record": position,
        "line": diag.line,
        "column": diag.column,
        "end_line": diag.end_line,
        "end_column": diag.end_column,
        "rule": diag.rule,
        "name": diag.name,
        "category": diag.category,
        "severity": str(diag.severity),
        "message": clean(diag.message),
        "excerpt": clean(diag.excerpt),
        "fix": clean(diag.fix["replacement"]) if diag.fix is not None else None,
        "related": [
            {"id": clean(rel["path"]), "line": rel["line"], "column": rel["column"],
             "end_line": rel["end_line"], "end_column": rel["end_column"], "message": clean(rel["message"])}
            for rel in diag.related
        ],
    }


def problem_row(problem: RecordProblem) -> dict[str, Any]:
    diag = Diagnostic(path=problem.id or "", line=1, column=1, end_line=1, end_column=1, rule=MALFORMED.code,
                      name=MALFORMED.name, category=MALFORMED.category, severity=MALFORMED.severity,
                      message=problem.message)
    row = diagnostic_row(diag, (problem.url, None, None, problem.archive, problem.position))
    row["id"] = clean(problem.id)
    return row


def row_sort_key(row: dict[str, Any]) -> tuple:
    """Record order, then the engine's diagnostic order (for corpus rows: the engine's order)."""
    return (row["archive"], row["record"], row["id"] or "", row["line"], row["column"], row["rule"],
            row["end_line"], row["end_column"], row["message"])


def clean(value: Any) -> Any:
    """Lone surrogates (from JSON escapes such as \\ud800) become U+FFFD so every output stays valid UTF-8."""
    if not isinstance(value, str):
        return value
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return value


# --------------------------------------------------------------------------
# Counts (JSON-serialisable, so checkpoints can hold them)


def new_stats() -> dict[str, Any]:
    return {"records": 0, "linted": 0, "malformed": 0, "diagnostics": 0, "internal_errors": 0,
            "by_severity": {}, "by_category": {}, "by_rule": {}, "findings_by_severity": {},
            "rules": {}, "sites": {}, "authors": {}}


def count_article(stats: dict[str, Any], site: str, author: str) -> None:
    for group, key in (("sites", site), ("authors", author)):
        entry = stats[group].setdefault(key, {"articles": 0, "findings": {}})
        entry["articles"] += 1


def count_row(stats: dict[str, Any], row: dict[str, Any], site: str | None, author: str | None) -> None:
    """Count one output row overall, and per site and author unless it is about newslint itself."""
    stats["diagnostics"] += 1
    for group, key in (("by_severity", row["severity"]), ("by_category", row["category"]), ("by_rule", row["rule"])):
        stats[group][key] = stats[group].get(key, 0) + 1
    stats["rules"].setdefault(row["rule"], [row["name"], row["category"]])
    if row["category"] == "internal":
        stats["internal_errors"] += row["severity"] == "error"
        return
    findings = stats["findings_by_severity"]
    findings[row["severity"]] = findings.get(row["severity"], 0) + 1
    if site is None:
        return
    for group, key in (("sites", site), ("authors", author or UNKNOWN_AUTHOR)):
        entry = stats[group].setdefault(key, {"articles": 0, "findings": {}})
        by_severity = entry["findings"].setdefault(row["rule"], {})
        by_severity[row["severity"]] = by_severity.get(row["severity"], 0) + 1


def merge_stats(total: dict[str, Any], part: dict[str, Any]) -> dict[str, Any]:
    for key in ("records", "linted", "malformed", "diagnostics", "internal_errors"):
        total[key] += part[key]
    for group in ("by_severity", "by_category", "by_rule", "findings_by_severity"):
        for key, count in part[group].items():
            total[group][key] = total[group].get(key, 0) + count
    for code, info in part["rules"].items():
        total["rules"].setdefault(code, list(info))
    for group in ("sites", "authors"):
        for key, entry in part[group].items():
            into = total[group].setdefault(key, {"articles": 0, "findings": {}})
            into["articles"] += entry["articles"]
            for rule, by_severity in entry["findings"].items():
                target = into["findings"].setdefault(rule, {})
                for severity, count in by_severity.items():
                    target[severity] = target.get(severity, 0) + count
    return total


# --------------------------------------------------------------------------
# The corpus pass: a reduce over per-article summaries


@dataclass
class _Summarised:
    """What ``Linter._corpus_pass`` reads of a FileResult: the path and the summaries (nothing else)."""

    path: str
    corpus_summaries: dict[str, Any] = field(default_factory=dict)


def corpus_rows(linter: ArchiveLinter, summaries: list[tuple[str, tuple, dict[str, Any]]]) -> list[dict[str, Any]]:
    """Corpus-level findings over every article's summary, as output rows (the engine's own corpus pass)."""
    if not summaries:
        return []
    diagnostics = linter._corpus_pass([_Summarised(ident, summary) for ident, _, summary in summaries])
    wanted = {diag.path for diag in diagnostics}
    where: dict[str, tuple] = {}
    for ident, meta, _ in summaries:
        if ident in wanted and ident not in where:
            where[ident] = meta
    rows = [diagnostic_row(diag, where.get(diag.path, (None, None, None, None, None)))
            for diag in sorted(diagnostics, key=Diagnostic.sort_key)]
    return rows
