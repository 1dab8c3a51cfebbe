"""`newslint scan ARCHIVE... --output DIR`: lint whole archives on Dask, resumably.

The client (this process) streams each archive's raw records and cuts them
into partitions of ``--partition-size`` consecutive records; partition
``AAAA-PPPPPPP`` is the same records in every run, which is what makes a
killed run resumable. Workers parse and lint the records (their linter is
built once per worker) and send back rows, counts and small corpus
summaries; the client writes each partition's files atomically, checkpoint
last. When every partition is done, the corpus-level rules run once over the
per-article summaries, and summary.json and report.html are written.

Engines: a local Dask cluster sized to the machine (default), an existing
cluster (``--scheduler ADDRESS``), or this process alone (``--workers 0``,
the reference path). All give the same rows.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Iterator, Sequence

from lint import __version__
from lint.model import Severity

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
DEFAULT_PARTITION_SIZE = 1000


class ScanError(Exception):
    """A problem the user can fix; the message says how."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newslint scan",
        description=(
            "Lint whole archives (JSON Lines, gzip-compressed JSON Lines, Parquet; one article per record with "
            "id and text) on a Dask cluster. Writes diagnostics as partitioned JSONL and Parquet, summary.json and "
            "a site and author report (report.html) to DIR. A killed run continues where it stopped when the same "
            "command is run again."),
        epilog=f"needs the scale extra: {_install_hint()}. Exit status: 0 no findings at or above --fail-level, "
               "1 findings, 2 usage, config, archive or cluster errors.",
    )
    parser.add_argument("archives", nargs="+", metavar="ARCHIVE",
                        help="archive files: .jsonl, .jsonl.gz (any gzip file) or .parquet")
    parser.add_argument("-o", "--output", required=True, metavar="DIR", help="folder for the results (created)")
    run = parser.add_argument_group("engine")
    run.add_argument("--scheduler", metavar="ADDRESS",
                     help="send the job to an existing Dask cluster (e.g. tcp://10.0.0.5:8786); every worker needs "
                          "newslint installed")
    run.add_argument("--workers", type=int, metavar="N",
                     help="size of the local Dask cluster (default: the number of cores); 0 lints in this process "
                          "without Dask")
    run.add_argument("--partition-size", type=int, default=DEFAULT_PARTITION_SIZE, metavar="N",
                     help=f"records per partition: the unit of work and of checkpointing (default {DEFAULT_PARTITION_SIZE})")
    run.add_argument("--limit", type=int, metavar="N", help="lint only the first N records of each archive (a trial run)")
    run.add_argument("--restart", action="store_true", help="discard the results already in DIR and start again")
    data = parser.add_argument_group("records")
    data.add_argument("--field-map", action="append", metavar="OURS=THEIRS",
                      help="read a field under another name, e.g. text=body,id=doc_id or author=byline.name "
                           "(fields: id, text, title, url, date, lang, author, site)")
    sel = parser.add_argument_group("rules")
    sel.add_argument("--select", action="append", metavar="RULES", help="only these rules (as for newslint check)")
    sel.add_argument("--extend-select", action="append", metavar="RULES", help="add these rules to the selection")
    sel.add_argument("--ignore", action="append", metavar="RULES", help="skip these rules")
    sel.add_argument("--config", metavar="FILE", help="use this config file instead of the nearest .newslint.yaml")
    sel.add_argument("--isolated", action="store_true", help="ignore every config file")
    sel.add_argument("--fail-level", choices=["info", "warning", "error"],
                     help="lowest severity that makes the exit status 1 (default: warning)")
    sel.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    rep = parser.add_argument_group("report")
    rep.add_argument("--min-articles", type=int, default=10, metavar="N",
                     help="sites and authors with fewer articles are ranked after the others (default 10)")
    rep.add_argument("--no-progress", action="store_true", help="no progress bar or progress lines")
    rep.add_argument("--progress-every", type=float, default=30.0, metavar="SECONDS",
                     help="when stderr is not a terminal, print a progress line this often (default 30)")
    parser.add_argument("--version", action="version", version=f"newslint {__version__}")
    return parser


def _install_hint() -> str:
    from lint.scale_engine import INSTALL_HINT

    return INSTALL_HINT


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        return _scan(args)
    except ScanError as exc:
        print(f"newslint scan: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(f"newslint scan: interrupted; finished partitions are kept in {args.output}: "
              "run the same command again to continue", file=sys.stderr)
        return 130


def _scan(args: argparse.Namespace) -> int:
    from lint.scale_engine import missing_extras

    if args.workers is not None and args.workers < 0:
        raise ScanError("--workers must be 0 (this process) or more")
    if args.workers is not None and args.scheduler:
        raise ScanError("--workers sizes the local cluster; with --scheduler the cluster's own workers are used")
    if args.partition_size < 1:
        raise ScanError("--partition-size must be at least 1")
    if args.limit is not None and args.limit < 1:
        raise ScanError("--limit must be at least 1")
    use_dask = bool(args.scheduler) or args.workers != 0
    missing = missing_extras(use_dask)
    if missing:
        raise ScanError(f"newslint scan needs {', '.join(missing)} (the scale extra); install it with: {_install_hint()}")

    from lint.archive import ArchiveError, FieldMap
    from lint.config import ConfigError, resolve_config
    from lint.engine import RunOptions
    from lint.scale_engine import DaskEngine, EngineError, InProcessEngine
    from lint.scale_output import OutputDir, OutputError
    from lint.scale_worker import ArchiveLinter, ScanSpec

    try:
        fields = FieldMap.parse(args.field_map)
    except ValueError as exc:
        raise ScanError(str(exc)) from None
    try:
        config = resolve_config(args.config, args.isolated)
        if args.fail_level:
            config.fail_level = Severity.parse(args.fail_level)
        run = RunOptions(_split(args.select), _split(args.ignore), _split(args.extend_select))
        linter = ArchiveLinter(config, run)  # validates the selection before any cluster starts
    except ConfigError as exc:
        raise ScanError(str(exc)) from None
    spec = ScanSpec(config, run, fields)
    try:
        identity = _identity(args, linter, fields)
        out = OutputDir(args.output)
        done = out.prepare(identity, restart=args.restart)
    except (ArchiveError, OutputError) as exc:
        raise ScanError(str(exc)) from None
    except OSError as exc:
        raise ScanError(f"cannot write to {args.output}: {exc.strerror or exc}") from None

    engine = InProcessEngine() if not use_dask else DaskEngine(args.scheduler, args.workers)
    already = sum(done.values())
    progress = None
    started = time.monotonic()
    linted_now = 0
    try:
        with engine:
            engine.check_workers(spec, (__version__, tuple((r.code, r.origin) for r in linter.selection.rules)))
            if not args.no_progress:
                from lint.scale_progress import Progress

                progress = Progress(sum(_count(args.archives, args.limit)), already, every=args.progress_every)
            lint_started = time.monotonic()
            todo = (p for p in _partitions(args.archives, args.partition_size, args.limit) if p.key not in done)
            for result in engine.results(spec, todo):
                out.write_partition(result)
                done[result.key] = result.stats["records"]
                linted_now += result.stats["records"]
                if progress:
                    progress.update(already + linted_now)
            lint_seconds = time.monotonic() - lint_started
            memory = engine.peak_memory()
    except (ArchiveError, EngineError, OSError) as exc:  # OSError: a full disk, a lost connection to the cluster
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ScanError(f"{reason}; the partitions finished so far are kept in {args.output}: "
                        "run the same command again to continue") from None
    finally:
        if progress:
            progress.close()

    summary = _finish(out, linter, args)
    elapsed = time.monotonic() - started
    out.write_json("run.json", {
        "engine": engine.label, "workers": engine.workers, "articles_this_run": linted_now,
        "resumed_from_articles": already, "lint_seconds": round(lint_seconds, 3),
        "articles_per_second": round(linted_now / lint_seconds, 2) if lint_seconds > 0 else None,
        "total_seconds": round(elapsed, 3),
        "peak_rss_mib_per_worker": {str(k): round(v / 1048576, 1) for k, v in memory.items()},
    })
    _final_line(summary, args.output, engine, linted_now, lint_seconds)
    return _exit_status(summary, config.fail_level, args.exit_zero)


def _finish(out, linter, args) -> dict:
    """The reduce: corpus-level rules over every article's summary, then the report."""
    from lint.scale_report import build_summary, render_html
    from lint.scale_worker import count_row, corpus_rows, merge_stats, new_stats

    rows = corpus_rows(linter, out.load_summaries()) if linter.has_corpus_rules else []
    out.write_corpus(rows)
    stats = new_stats()
    partitions = 0
    for state in out.states():  # one checkpoint at a time: the client's memory stays flat
        merge_stats(stats, state["stats"])
        partitions += 1
    for row in rows:
        count_row(stats, row, row["site"], row["author"])
    summary = build_summary(stats, archives=list(args.archives), partitions=partitions, corpus_findings=len(rows),
                            min_articles=args.min_articles)
    out.write_json("summary.json", summary)
    out.write_text("report.html", render_html(summary))
    return summary


def _exit_status(summary: dict, fail_level: Severity, exit_zero: bool) -> int:
    """As for `newslint check`: 2 for internal errors (a crashed rule), 1 for findings at or above the fail level."""
    if summary["internal_errors"]:
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    failing = any(count for severity, count in summary["findings_by_severity"].items()
                  if Severity.parse(severity) >= fail_level)
    return EXIT_FINDINGS if failing else EXIT_OK


def _final_line(summary: dict, output: str, engine, linted_now: int, seconds: float) -> None:
    speed = f"{linted_now / seconds:,.1f} articles/s" if seconds > 0 and linted_now else "nothing left to lint"
    malformed = summary["malformed_records"]
    skipped = f" ({malformed:,} malformed records skipped, reported as NL011)" if malformed else ""
    print(f"newslint scan: {summary['articles']:,} articles{skipped}, {summary['diagnostics']:,} findings "
          f"({summary['corpus_diagnostics']:,} corpus-level) in {output}; {speed} on {engine.label}",
          file=sys.stderr)


# --------------------------------------------------------------------------
# Inputs


def _split(values) -> tuple[str, ...]:
    out: list[str] = []
    for value in values or ():
        out.extend(part.strip() for part in value.split(",") if part.strip())
    return tuple(out)


def _identity(args, linter, fields) -> dict:
    """What must not change between a run and its resumption (rows would no longer belong together)."""
    from lint.archive import archive_kind

    archives = []
    for path in args.archives:
        kind = archive_kind(path)  # raises ArchiveError for a missing archive
        info = os.stat(path)
        archives.append({"path": path, "kind": kind, "bytes": info.st_size, "mtime_ns": info.st_mtime_ns})
    selection = linter.selection
    rules = [
        [rule.code, rule.origin, repr(selection.options[rule.code].cache_key()),
         str(selection.severities.get(rule.code) or "")]
        for rule in selection.rules
    ]
    return {
        "newslint": __version__,
        "archives": archives,
        "partition_size": args.partition_size,
        "limit": args.limit,
        "fields": fields.describe(),
        "rules": rules,
        "per_file_ignores": [[p, list(s)] for p, s in selection.per_file_ignores],
    }


def _count(archives: list[str], limit: int | None) -> list[int]:
    from lint.archive import count_raw

    counts = [count_raw(path) for path in archives]
    return [min(c, limit) if limit else c for c in counts]


def _partitions(archives: list[str], size: int, limit: int | None) -> Iterator:
    """Every archive's raw records in fixed runs of ``size``: the same keys and records in every run."""
    from lint.archive import iter_raw, position_kind
    from lint.scale_worker import Partition

    for index, path in enumerate(archives):
        kind = position_kind(path)
        batch: list = []
        number = 0
        seen = 0
        for item in iter_raw(path):
            if limit is not None and seen >= limit:
                break
            seen += 1
            batch.append(item)
            if len(batch) == size:
                yield Partition(f"{index:04d}-{number:07d}", path, kind, tuple(batch))
                batch, number = [], number + 1
        if batch:
            yield Partition(f"{index:04d}-{number:07d}", path, kind, tuple(batch))


if __name__ == "__main__":  # python -m lint.scan ...
    sys.exit(main())
