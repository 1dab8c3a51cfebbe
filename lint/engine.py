"""The engine: articles in, diagnostics out.

One file never hides another's findings, and one rule never hides another
rule's: every failure becomes an ``internal`` diagnostic and the run goes on.
"""

from __future__ import annotations

import os
import sys
import traceback
from typing import Callable, Iterable, Sequence

from lint.article import Article
from lint.config import DEFAULT_EXCLUDE, Config, ConfigError
from lint.inputs import Discovered, InputProblem, Source, decode, discover, read_source
from lint.internal import INTERNAL_BY_CODE, INTERNAL_RULES
from lint.model import CorpusFinding, Diagnostic, FileResult, Finding, Location, Report, Severity, Span
from lint.plugins import collect_rules, make_plugin_manager
from lint.rule import Rule
from lint.selection import Selection, build_selection, selector_matches
from lint.suppress import apply_directives, parse_directives
from lint.values import Frozen

MAX_FIX_PASSES = 8


class PatternTimeoutError(Exception):
    """Raised by rules (rule packs) when a user pattern exceeds its time budget."""


class RunOptions(Frozen):
    """Command-line choices that shape the rule selection (picklable for workers)."""

    __slots__ = ("select", "ignore", "extend_select")
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    extend_select: tuple[str, ...]

    def __init__(self, select: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
                 extend_select: tuple[str, ...] = ()) -> None:
        object.__setattr__(self, "select", select)
        object.__setattr__(self, "ignore", ignore)
        object.__setattr__(self, "extend_select", extend_select)


def internal_diagnostic(
    path: str, code: str, message: str, line: int = 1, column: int = 1, severity: Severity | None = None
) -> Diagnostic:
    rule = INTERNAL_BY_CODE[code]
    return Diagnostic(
        path=path, line=line, column=column, end_line=line, end_column=column,
        rule=rule.code, name=rule.name, category=rule.category,
        severity=severity or rule.severity, message=message,
    )


class Linter:
    def __init__(self, config: Config | None = None, run: RunOptions | None = None, pm=None) -> None:
        self.config = config or Config()
        self.run_options = run or RunOptions()
        self.pm = pm or make_plugin_manager()
        self.pm.hook.newslint_configure.call_historic(kwargs={"config": self.config})
        rules = collect_rules(self.pm)
        if self.config.packs:
            from lint.packs import load_packs

            rules.extend(load_packs([self.config.resolve(p) for p in self.config.packs], where=self.config.where("packs")))
        self.rules = self._check_unique(rules)
        self.catalogue: dict[str, Rule] = {r.code: r for r in [*self.rules, *INTERNAL_RULES]}
        self.selection: Selection = build_selection(
            self.rules, self.config,
            select=self.run_options.select, ignore=self.run_options.ignore,
            extend_select=self.run_options.extend_select,
        )

    @staticmethod
    def _check_unique(rules: list[Rule]) -> list[Rule]:
        seen: dict[str, Rule] = {}
        for rule in rules:
            for key in (rule.code, rule.name):
                if key in seen and seen[key] is not rule:
                    raise ConfigError(
                        f"two rules claim '{key}': {seen[key].code} from {_provider(seen[key])} "
                        f"and {rule.code} from {_provider(rule)}"
                    )
                seen[key] = rule
        return rules

    # -- one article ----------------------------------------------------------

    def load(self, path: str, text: str) -> Article:
        return self.pm.hook.newslint_load_article(path=path, text=text, config=self.config)

    def lint_text(self, path: str, text: str) -> FileResult:
        """Lint already-decoded text (newline-normalised); used for stdin and editors."""
        result = FileResult(path)
        if not text.strip():
            result.diagnostics.append(internal_diagnostic(path, "NL006", "file is empty; nothing to lint"))
            return result
        article = self.load(path, text)
        diagnostics: list[Diagnostic] = []
        for problem in article.problems:
            line, column = article.lines.position(problem.span.start)
            diagnostics.append(internal_diagnostic(path, "NL009", problem.message, line, column))
        for rule in self.selection.rules_for(path):
            options = self.selection.options[rule.code]
            if rule.corpus:
                # Separate from check(): a crash here must not cost the file its findings.
                try:
                    summary = rule.summarize(article, options)
                except Exception as exc:
                    diagnostics.append(internal_diagnostic(path, "NL004", _crash_message(rule, exc) + " (summary)"))
                else:
                    if summary is not None:
                        result.corpus_summaries[rule.code] = summary
            try:
                findings = list(rule.check(article, options))
            except PatternTimeoutError as exc:
                diagnostics.append(internal_diagnostic(path, "NL010", str(exc), getattr(exc, "line", 1)))
                continue
            except Exception as exc:  # a crashing rule must not hide the others
                diagnostics.append(internal_diagnostic(path, "NL004", _crash_message(rule, exc)))
                continue
            for finding in findings:
                diag = self._to_diagnostic(article, rule, finding)
                if diag is None:
                    diagnostics.append(internal_diagnostic(
                        path, "NL004", f"rule {rule.code} ({rule.name}) reported a span outside the text: {finding.span}"))
                else:
                    diagnostics.append(diag)
        diagnostics = _dedupe(diagnostics)
        directives = parse_directives(article.text, article.lines, [b.span for b in article.blocks])
        diagnostics, result.suppressed = apply_directives(diagnostics, directives)
        selected = self.selection.rules_for(path)
        for directive in directives:
            if directive.used or directive.action == "enable":
                continue
            if directive.selectors and not all(
                any(selector_matches(rule, s) for rule in selected) for s in directive.selectors
            ):
                continue  # it targets rules that did not run; not evidence of staleness
            line, column = article.lines.position(directive.span.start)
            end_line, end_column = article.lines.position(directive.span.end)
            diag = internal_diagnostic(path, "NL005", "suppression directive suppresses nothing; remove it", line, column)
            diag.end_line, diag.end_column = end_line, end_column
            diagnostics.append(diag)
        result.diagnostics = diagnostics
        result.metrics = dict(article.metrics)
        article.release()
        return result

    def _to_diagnostic(self, article: Article, rule: Rule, finding: Finding) -> Diagnostic | None:
        span = finding.span
        if span.end > len(article.text):
            return None
        loc = article.location(span)
        severity = self.selection.severities.get(rule.code) or finding.severity or rule.severity
        excerpt = article.excerpt(span) if len(span) else article.excerpt(article.lines.line_span(loc.line))
        related = []
        for item in finding.related:
            if item.span.end > len(article.text):
                continue
            other = article.location(item.span)
            related.append(_location_dict(other, item.message))
        return Diagnostic(
            path=article.path, line=loc.line, column=loc.column, end_line=loc.end_line, end_column=loc.end_column,
            rule=rule.code, name=rule.name, category=rule.category, severity=severity,
            message=finding.message, excerpt=excerpt,
            fix={"replacement": finding.fix} if finding.fix is not None else None,
            related=related, start=span.start, end=span.end,
        )

    def lint_source(self, source: Source) -> FileResult:
        return self.lint_text(source.path, source.text)

    def lint_file(self, path: str) -> FileResult:
        try:
            source = read_source(path, self.config.encoding, self.config.max_file_size)
        except InputProblem as problem:
            return _problem_result(path, problem)
        return self.lint_source(source)

    # -- fixes ----------------------------------------------------------------

    def fix_file(self, path: str) -> tuple[FileResult, Source | None, str, int]:
        """Apply safe fixes until none is left (at most MAX_FIX_PASSES passes).

        Returns the final result, the source, the fixed text and the number of
        fixes applied. Nothing is written here.
        """
        try:
            source = read_source(path, self.config.encoding, self.config.max_file_size)
        except InputProblem as problem:
            return _problem_result(path, problem), None, "", 0
        text = source.text
        applied = 0
        known = None
        if self.config.baseline:
            from lint.baseline import load_baseline

            known = load_baseline(self.config.baseline)
        result = self.lint_text(path, text)
        for _ in range(MAX_FIX_PASSES):
            fixable = result.diagnostics
            if known is not None:  # baselined findings are accepted published copy: never rewrite them
                from lint.baseline import filter_baselined

                fixable, _ = filter_baselined(sorted(fixable, key=Diagnostic.sort_key), known)
            text, count = apply_fixes(text, fixable)
            if not count:
                break
            applied += count
            result = self.lint_text(path, text)
        return result, source, text, applied

    # -- many files -------------------------------------------------------------

    def run(
        self,
        paths: Sequence[str],
        jobs: int | None = None,
        progress: Callable[[int, int], None] | None = None,
        stdin: tuple[str, bytes] | None = None,
    ) -> Report:
        results: list[FileResult] = []
        if stdin is not None:
            name, data = stdin
            try:
                source = decode(name, data, self.config.encoding)
                results.append(self.lint_source(source))
            except InputProblem as problem:
                results.append(_problem_result(name, problem))
        items = discover(list(paths), [*self.config.exclude, *_default_excludes()]) if paths else []
        results.extend(self.lint_discovered(items, jobs, progress))
        return self.report(results)

    def lint_discovered(
        self, items: list[Discovered], jobs: int | None = None, progress: Callable[[int, int], None] | None = None
    ) -> list[FileResult]:
        todo = [item.path for item in items if item.problem is None]
        by_path: dict[str, FileResult] = {
            item.path: _problem_result(item.path, item.problem) for item in items if item.problem is not None
        }
        workers = resolve_jobs(jobs, len(todo))
        total = len(todo)
        if workers <= 1:
            for done, path in enumerate(todo, 1):
                by_path[path] = self.lint_file(path)
                if progress:
                    progress(done, total)
        else:
            from concurrent.futures import ProcessPoolExecutor  # only parallel runs pay for it

            chunk = max(1, min(64, total // (workers * 8) or 1))
            global _WORKER
            _WORKER = self  # inherited by forked workers; spawned ones rebuild it in _init_worker
            context = _mp_context()
            with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                                     initargs=(self.config, self.run_options, context.get_start_method())) as pool:
                for done, result in enumerate(pool.map(_lint_in_worker, todo, chunksize=chunk), 1):
                    by_path[result.path] = result
                    if progress:
                        progress(done, total)
        return [by_path[item.path] for item in items]

    def report(self, results: Iterable[FileResult]) -> Report:
        results = list(results)
        diagnostics = [d for r in results for d in r.diagnostics]
        diagnostics.extend(self._corpus_pass(results))
        baselined = 0
        if self.config.baseline:
            from lint.baseline import filter_baselined, load_baseline

            known = load_baseline(self.config.baseline)
            diagnostics, baselined = filter_baselined(sorted(diagnostics, key=Diagnostic.sort_key), known)
        diagnostics.sort(key=Diagnostic.sort_key)
        return Report(
            diagnostics=diagnostics,
            files=len(results),
            files_linted=sum(1 for r in results if r.linted),
            suppressed=sum(r.suppressed for r in results),
            baselined=baselined,
            metrics={r.path: r.metrics for r in results if r.metrics},
        )

    def _corpus_pass(self, results: list[FileResult]) -> list[Diagnostic]:
        out: list[Diagnostic] = []
        for rule in self.selection.rules:
            if not rule.corpus:
                continue
            summaries = [(r.path, r.corpus_summaries[rule.code]) for r in results if rule.code in r.corpus_summaries]
            if len(summaries) < 2:
                continue
            try:
                findings = list(rule.check_corpus(summaries, self.selection.options[rule.code]))
            except Exception as exc:
                out.append(internal_diagnostic(summaries[0][0], "NL004", _crash_message(rule, exc) + " (corpus pass)"))
                continue
            for finding in findings:
                out.append(self._corpus_diagnostic(rule, finding))
        return out

    def _corpus_diagnostic(self, rule: Rule, finding: CorpusFinding) -> Diagnostic:
        loc = finding.location
        severity = self.selection.severities.get(rule.code) or finding.severity or rule.severity
        return Diagnostic(
            path=loc.path, line=loc.line, column=loc.column, end_line=loc.end_line, end_column=loc.end_column,
            rule=rule.code, name=rule.name, category=rule.category, severity=severity, message=finding.message,
            excerpt=finding.excerpt,
            related=[_location_dict(other, message) for other, message in finding.related],
        )


# --------------------------------------------------------------------------
# helpers


def _provider(rule: Rule) -> str:
    """Where a rule comes from: its YAML file for pack rules, else its plugin."""
    return getattr(rule, "file", None) or rule.origin


def _location_dict(loc: Location, message: str) -> dict:
    return {"path": loc.path, "line": loc.line, "column": loc.column,
            "end_line": loc.end_line, "end_column": loc.end_column, "message": message}


def _crash_message(rule: Rule, exc: BaseException) -> str:
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" at {os.path.basename(frame.filename)}:{frame.lineno}" if frame else ""
    return (f"rule {rule.code} ({rule.name}) crashed: {type(exc).__name__}: {exc}{where}; "
            f"its findings for this file are missing, the other rules ran")


def _problem_result(path: str, problem: InputProblem) -> FileResult:
    diag = internal_diagnostic(path, problem.code, problem.message, problem.line, problem.column)
    return FileResult(path, [diag], linted=False)


def _dedupe(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    seen: set[tuple] = set()
    out = []
    for diag in diagnostics:
        key = (diag.rule, diag.start, diag.end, diag.line, diag.column, diag.message)
        if key not in seen:
            seen.add(key)
            out.append(diag)
    return out


def _default_excludes() -> list[str]:
    return list(DEFAULT_EXCLUDE)


def apply_fixes(text: str, diagnostics: Iterable[Diagnostic]) -> tuple[str, int]:
    """Apply non-overlapping fixes; a fix may not add or remove line breaks."""
    fixes = sorted(
        ((d.start, d.end, d.fix["replacement"]) for d in diagnostics if d.fix is not None),
        key=lambda f: (f[0], f[1]),
    )
    out: list[str] = []
    pos = 0
    count = 0
    for start, end, replacement in fixes:
        if start < pos or end > len(text):
            continue  # overlaps an earlier fix: the next pass gets it
        if ("\n" in replacement) or ("\n" in text[start:end]):
            continue
        if text[start:end] == replacement:
            continue
        out.append(text[pos:start])
        out.append(replacement)
        pos = end
        count += 1
    out.append(text[pos:])
    return "".join(out), count


def resolve_jobs(jobs: int | None, files: int) -> int:
    if files <= 1:
        return 1
    if jobs is None or jobs <= 0:
        jobs = os.cpu_count() or 1
    return max(1, min(jobs, files))


def _mp_context():
    import multiprocessing

    # fork is much cheaper than spawn and safe here: workers only read files.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


_WORKER: Linter | None = None


def _init_worker(config: Config, run: RunOptions, start_method: str) -> None:
    global _WORKER
    if start_method != "fork" or _WORKER is None:
        _WORKER = Linter(config, run)


def _lint_in_worker(path: str) -> FileResult:
    assert _WORKER is not None
    return _WORKER.lint_file(path)


def span_of(text: str, needle: str, start: int = 0) -> Span:
    """Convenience for tests and rules: the span of the first ``needle`` at or after ``start``."""
    index = text.index(needle, start)
    return Span(index, index + len(needle))
