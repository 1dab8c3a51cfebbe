"""Command line: `newslint [check] PATHS`, `newslint rules`, `newslint rule CODE`, `newslint plugins`."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Sequence

from lint import __version__
from lint.model import Report, Severity

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SUBCOMMANDS = ("check", "rules", "rule", "plugins", "lsp", "scan")
PROGRESS_MIN_FILES = 20


class UsageError(Exception):
    pass


def _split(values: Sequence[str] | None) -> tuple[str, ...]:
    out: list[str] = []
    for value in values or ():
        out.extend(part.strip() for part in value.split(",") if part.strip())
    return tuple(out)


def build_check_parser(format_names: Sequence[str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newslint",
        description=(
            "Lint news articles (.txt, .md) for anonymous sourcing, invented experts, scraped trailers, "
            "OCR-style damage, contradictions, content-farm residue, foreign passages and readability."
        ),
        epilog=(
            "other commands: 'newslint rules' lists every rule, 'newslint rule CODE' explains one, "
            "'newslint plugins' lists plugins, 'newslint lsp' starts the language server, "
            "'newslint scan ARCHIVE --output DIR' lints JSONL/Parquet archives on Dask. "
            "Exit status: 0 no findings at or above --fail-level, "
            "1 findings, 2 usage, config, input or rule errors."
        ),
    )
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files or folders to lint (folders are searched for .txt and .md); '-' reads standard input")
    out = parser.add_argument_group("output")
    out.add_argument("-f", "--format", default=None, choices=sorted(format_names),
                     help="output format (default: concise)")
    out.add_argument("-o", "--output-file", metavar="FILE", help="write the report to FILE (atomically) instead of stdout")
    out.add_argument("--statistics", action="store_true",
                     help="print counts per rule and per-file metrics instead of each finding (text formats)")
    out.add_argument("--no-progress", action="store_true", help="never show the progress bar on stderr")
    out.add_argument("-q", "--quiet", action="store_true", help="omit the summary line of text formats")
    sel = parser.add_argument_group("rule selection")
    sel.add_argument("--select", action="append", metavar="RULES",
                     help="only these rules: codes, code prefixes (SRC), names or categories, comma-separated; ALL for every rule")
    sel.add_argument("--extend-select", action="append", metavar="RULES", help="add these rules to the selection")
    sel.add_argument("--ignore", action="append", metavar="RULES", help="skip these rules")
    cfg = parser.add_argument_group("configuration")
    cfg.add_argument("--config", metavar="FILE", help="use this config file instead of the nearest .newslint.yaml")
    cfg.add_argument("--isolated", action="store_true", help="ignore every config file")
    cfg.add_argument("--fail-level", choices=["info", "warning", "error"],
                     help="lowest severity that makes the exit status 1 (default: warning)")
    cfg.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings (errors still exit 2)")
    cfg.add_argument("--encoding", metavar="NAME", help="encoding of the articles (default: utf-8; a BOM always wins)")
    cfg.add_argument("--max-file-size", metavar="SIZE", help="skip files larger than SIZE, e.g. 20MB (default: 10MB)")
    run = parser.add_argument_group("running")
    run.add_argument("-j", "--jobs", type=int, metavar="N",
                     help="lint files in N processes (default: the number of cores; 1 for a single file)")
    run.add_argument("--stdin-filename", metavar="NAME", help="the name to report for text read from '-' (standard input)")
    run.add_argument("--no-cache", action="store_true", help="do not read or write a cache (accepted; no cache is kept yet)")
    base = parser.add_argument_group("baseline")
    base.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in this baseline file")
    base.add_argument("--write-baseline", metavar="FILE", help="record every current finding in FILE and exit 0")
    fix = parser.add_argument_group("fixes")
    fix.add_argument("--fix", action="store_true", help="apply safe fixes in place (atomically), then report what remains")
    fix.add_argument("--diff", action="store_true", help="print the safe fixes as a unified diff; change no file")
    parser.add_argument("--version", action="version", version=f"newslint {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "lsp":
            return _run_language_server(argv[1:])
        if argv and argv[0] == "scan":
            from lint.scan import main as scan_main  # archive scale; says itself what to install

            return scan_main(argv[1:])
        if argv and argv[0] in SUBCOMMANDS[1:]:
            return _run_catalogue_command(argv[0], argv[1:])
        if argv and argv[0] == "check":
            argv = argv[1:]
        return _run_check(argv)
    except UsageError as exc:
        print(f"newslint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("newslint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into `head`: not an error worth a traceback.
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return EXIT_OK


def _run_language_server(argv: list[str]) -> int:
    try:
        from lint.lsp import main as lsp_main
    except ImportError as exc:
        raise UsageError(f"the language server needs pygls ({exc}); install it with: pip install 'newslint[lsp]'") from None
    return lsp_main(argv)


def _load_config(args):
    from lint.config import ConfigError, resolve_config

    try:
        return resolve_config(getattr(args, "config", None), getattr(args, "isolated", False))
    except ConfigError as exc:
        raise UsageError(str(exc)) from None


def _make_linter(config, run=None, pm=None):
    from lint.config import ConfigError
    from lint.engine import Linter

    try:
        return Linter(config, run, pm)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None


def _run_check(argv: list[str]) -> int:
    from lint.config import ConfigError
    from lint.engine import RunOptions
    from lint.plugins import collect_formatters, make_plugin_manager

    pm = make_plugin_manager()
    formats = collect_formatters(pm)
    parser = build_check_parser(list(formats))
    args = parser.parse_args(argv)
    config = _load_config(args)
    if args.fail_level:
        config.fail_level = Severity.parse(args.fail_level)
    if args.encoding:
        config.encoding = args.encoding
    if args.max_file_size:
        from lint.config import _size

        def fail(key, message):
            raise UsageError(f"--max-file-size: {message}")

        config.max_file_size = _size(args.max_file_size, "max-file-size", fail)
    if args.baseline:
        config.baseline = args.baseline
    elif config.baseline:
        config.baseline = config.resolve(config.baseline)
    if args.write_baseline:
        config.baseline = None
    if args.fix and args.diff:
        raise UsageError("--fix and --diff cannot be combined: --diff shows the fixes without applying them")

    paths = list(args.paths)
    stdin = None
    if "-" in paths:
        if args.fix:
            raise UsageError("--fix cannot write to standard input; use --diff")
        paths.remove("-")
        stdin = (args.stdin_filename or "<stdin>", sys.stdin.buffer.read())
    elif args.stdin_filename and not paths:
        stdin = (args.stdin_filename, sys.stdin.buffer.read())
    if not paths and stdin is None:
        parser.print_usage(sys.stderr)
        raise UsageError("no paths given; try 'newslint .' or 'newslint --help'")

    usage_errors: tuple[type[Exception], ...] = (ConfigError,)
    if config.baseline:  # only runs with a baseline pay for importing its module
        from lint.baseline import BaselineError

        usage_errors = (BaselineError, ConfigError)
    run = RunOptions(_split(args.select), _split(args.ignore), _split(args.extend_select))
    linter = _make_linter(config, run, pm)
    progress = None
    if not args.no_progress and sys.stderr.isatty():
        progress = _ProgressBar()

    try:
        if args.fix or args.diff:
            report = _run_fixes(linter, paths, write=args.fix)
            if stdin is not None:
                report = linter.report([*_report_results(report), *_stdin_results(linter, stdin)])
        else:
            report = linter.run(paths, jobs=args.jobs, progress=progress, stdin=stdin)
    except usage_errors as exc:
        raise UsageError(str(exc)) from None
    finally:
        if progress:
            progress.close()

    if args.write_baseline:
        from lint.baseline import write_baseline

        try:
            count = write_baseline(args.write_baseline, report.diagnostics)
        except OSError as exc:
            raise UsageError(f"cannot write baseline {args.write_baseline}: {exc.strerror or exc}") from None
        print(f"newslint: recorded {count} findings in {args.write_baseline}", file=sys.stderr)
        return EXIT_ERROR if report.has_internal_errors else EXIT_OK

    name = args.format or "concise"
    formatter = formats[name](linter.catalogue, read_line=_LineReader(stdin, config))
    if args.statistics and name in ("concise", "full"):
        output = render_statistics(report)
    else:
        output = formatter.render(report)
        if args.quiet and name in ("concise", "full"):
            output = "".join(line + "\n" for line in output.splitlines()[:-1])
    _emit(output, args.output_file, getattr(formatter, "surrogates", "surrogateescape"))
    return exit_status(report, config.fail_level, args.exit_zero)


def exit_status(report: Report, fail_level: Severity, exit_zero: bool = False) -> int:
    if report.has_internal_errors:
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    failing = any(d.severity >= fail_level for d in report.diagnostics if d.category != "internal")
    return EXIT_FINDINGS if failing else EXIT_OK


def _emit(output: str, output_file: str | None, errors: str) -> None:
    data = output.encode("utf-8", errors)
    if output_file:
        from lint.fsutil import atomic_write_bytes

        try:
            atomic_write_bytes(output_file, data)
        except OSError as exc:
            raise UsageError(f"cannot write {output_file}: {exc.strerror or exc}") from None
        return
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _report_results(report: Report):
    from lint.model import FileResult

    by_path: dict[str, FileResult] = {}
    for diag in report.diagnostics:
        by_path.setdefault(diag.path, FileResult(diag.path)).diagnostics.append(diag)
    return list(by_path.values())


def _stdin_results(linter, stdin):
    from lint.engine import _problem_result
    from lint.inputs import InputProblem, decode

    name, data = stdin
    try:
        return [linter.lint_source(decode(name, data, linter.config.encoding))]
    except InputProblem as problem:
        return [_problem_result(name, problem)]


def _run_fixes(linter, paths: list[str], write: bool) -> Report:
    """--fix / --diff: fix file by file (sequentially: fixes are rare and must not race)."""
    from lint.config import DEFAULT_EXCLUDE
    from lint.engine import internal_diagnostic
    from lint.fsutil import atomic_write_bytes
    from lint.inputs import discover

    results = []
    fixed_total = files_changed = 0
    items = discover(paths, [*linter.config.exclude, *DEFAULT_EXCLUDE])
    for item in items:
        if item.problem is not None:
            results.extend(linter.lint_discovered([item]))
            continue
        result, source, text, applied = linter.fix_file(item.path)
        if source is not None and applied and text != source.text:
            if write:
                if _is_read_only(item.path):
                    result.diagnostics.append(internal_diagnostic(
                        item.path, "NL001", f"file is read-only; {applied} fixes were not written"))
                else:
                    try:
                        atomic_write_bytes(item.path, source.encode(text))
                        fixed_total += applied
                        files_changed += 1
                    except (OSError, ValueError) as exc:
                        result.diagnostics.append(internal_diagnostic(
                            item.path, "NL001", f"fixes not written: {exc}; the file is unchanged"))
            else:
                import difflib  # only --diff runs pay for it

                sys.stdout.write("".join(difflib.unified_diff(
                    source.text.splitlines(True), text.splitlines(True),
                    fromfile=f"a/{item.path}", tofile=f"b/{item.path}")))
                fixed_total += applied
                files_changed += 1
        results.append(result)
    verb = "Fixed" if write else "Would fix"
    if fixed_total:
        from lint.formatters.base import plural

        print(f"newslint: {verb} {plural(fixed_total, 'problem')} in {plural(files_changed, 'file')}.", file=sys.stderr)
    return linter.report(results)


def _is_read_only(path: str) -> bool:
    """Read-only by its mode bits (even for root, who could write it anyway) or by access rights."""
    try:
        return not (os.stat(path).st_mode & 0o222) or not os.access(path, os.W_OK)
    except OSError:
        return True


def render_statistics(report: Report) -> str:
    lines = []
    counts: dict[tuple[str, str, str], int] = {}
    for d in report.diagnostics:
        key = (d.rule, d.name, str(d.severity))
        counts[key] = counts.get(key, 0) + 1
    width = max((len(str(n)) for n in counts.values()), default=1)
    for (code, name, severity), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"{str(n).rjust(width)}  {code}  [{severity}] {name}")
    if report.metrics:
        lines.append("")
        lines.append("Metrics per file:")
        for path in sorted(report.metrics):
            values = ", ".join(f"{k}={_fmt(v)}" for k, v in sorted(report.metrics[path].items()))
            lines.append(f"  {path}: {values}")
    lines.append(f"{len(report.diagnostics)} findings in {report.files} files")
    return "\n".join(lines) + "\n"


def _fmt(value) -> str:
    return f"{value:.1f}" if isinstance(value, float) else str(value)


class _LineReader:
    """Source lines for the `full` format, read once per file."""

    def __init__(self, stdin, config) -> None:
        self.config = config
        self.cache: dict[str, list[str] | None] = {}
        if stdin is not None:
            self.cache[stdin[0]] = stdin[1].decode("utf-8", "replace").replace("\r\n", "\n").split("\n")

    def __call__(self, path: str, line: int) -> str | None:
        if path not in self.cache:
            from lint.inputs import InputProblem, read_source

            try:
                self.cache[path] = read_source(path, self.config.encoding, self.config.max_file_size).text.split("\n")
            except InputProblem:
                self.cache[path] = None
        lines = self.cache[path]
        if lines is None or not 1 <= line <= len(lines):
            return None
        return lines[line - 1]


class _ProgressBar:
    """A one-line progress bar on stderr, for terminals and long runs only."""

    def __init__(self) -> None:
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if total < PROGRESS_MIN_FILES or (done % 10 and done != total):
            return
        width = 30
        filled = int(width * done / total)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} files")
        sys.stderr.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def _run_catalogue_command(command: str, argv: list[str]) -> int:
    from lint import catalogue

    if command == "plugins":
        parser = argparse.ArgumentParser(prog="newslint plugins", description="List the plugins newslint has loaded.")
        parser.parse_args(argv)
        from lint.plugins import make_plugin_manager, plugin_infos

        for info in plugin_infos(make_plugin_manager()):
            kind = "built-in" if info.builtin else "plugin"
            sys.stdout.write(f"{info.name} {info.version} ({kind}): {info.rules} rules\n")
        return EXIT_OK

    parser = argparse.ArgumentParser(prog=f"newslint {command}")
    if command == "rules":
        parser.description = "List every rule: code, name, category, default severity, summary."
        parser.add_argument("--format", choices=["table", "json", "markdown"], default="table")
    else:
        parser.description = "Explain one rule: what it does, why it matters, an example, its options."
        parser.add_argument("rule", metavar="CODE", help="a rule code or name, e.g. SRC001")
    parser.add_argument("--config", metavar="FILE", help="config file (for rule packs)")
    parser.add_argument("--isolated", action="store_true", help="ignore config files")
    args = parser.parse_args(argv)
    linter = _make_linter(_load_config(args))
    rules = list(linter.catalogue.values())
    if command == "rules":
        render = {"table": catalogue.render_table, "json": catalogue.render_json, "markdown": catalogue.render_markdown}
        sys.stdout.write(render[args.format](rules))
        return EXIT_OK
    wanted = args.rule.strip()
    for rule in rules:
        if wanted.upper() == rule.code or wanted.lower() == rule.name:
            sys.stdout.write(catalogue.render_rule(rule))
            return EXIT_OK
    from lint.config import suggest

    names = [r.code for r in rules] + [r.name for r in rules]
    raise UsageError(f"unknown rule '{wanted}'{suggest(wanted, names)}; 'newslint rules' lists them all")
