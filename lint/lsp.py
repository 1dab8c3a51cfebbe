"""`newslint lsp`: a Language Server Protocol server over stdio (built on pygls 2).

Editors (VS Code, Neovim, Emacs eglot, Helix, ...) start it and get newslint's
findings as live diagnostics, rule docs on hover, and two code actions: apply
a finding's fix, and append ``<!-- newslint: ignore CODE -->`` to the line.

The module has two halves:

* :class:`DocumentLinter` and the conversion functions are plain Python over
  the engine (no event loop): config discovery keyed on file modification
  times, linting, and the translation of code-point columns into the position
  encoding the client negotiated (UTF-16 unless it asked for another).
* :class:`NewslintServer` wires them to pygls: debounced linting in one
  worker thread (the newest document version wins), publishing, hover, code
  actions and config reloads. Every handler is guarded: an exception is
  logged to the client and the server keeps serving.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import logging
import os
import re
import sys
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from lint import __version__
from lint.article import MARKDOWN_SUFFIXES, TEXT_SUFFIXES
from lint.config import CONFIG_NAMES, Config, ConfigError, find_config, load_config
from lint.inputs import normalise_newlines
from lint.model import Diagnostic, Severity
from lint.suppress import DIRECTIVE

log = logging.getLogger("newslint.lsp")

SOURCE = "newslint"
DEFAULT_DEBOUNCE_MS = 300
CONFIG_WATCH_GLOB = "**/.newslint.{yaml,yml}"
FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.newslint"

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
_LANGUAGE_SUFFIX = {"markdown": ".md", "plaintext": ".txt", "text": ".txt"}


# --------------------------------------------------------------------------
# Positions: engine columns are 1-based code points; LSP counts code units.


def code_units(text: str, encoding: str = "utf-16") -> int:
    """Length of ``text`` in the code units of a position encoding (utf-8, utf-16 or utf-32)."""
    if encoding == "utf-32":
        return len(text)
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    # UTF-16: characters outside the Basic Multilingual Plane take two units.
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def code_points(line: str, units: int, encoding: str = "utf-16") -> int:
    """The code-point index in ``line`` at ``units`` client code units (clamped to the line)."""
    if encoding == "utf-32":
        return min(units, len(line))
    count = 0
    for index, ch in enumerate(line):
        if count >= units:
            return index
        count += code_units(ch, encoding)
    return len(line)


def lsp_position(lines: list[str], line: int, column: int, encoding: str = "utf-16") -> types.Position:
    """1-based line and code-point column -> an LSP position (0-based, in client units)."""
    if not lines:
        return types.Position(line=0, character=0)
    row = min(max(line, 1), len(lines)) - 1
    text = lines[row]
    prefix = text[: max(0, min(column - 1, len(text)))]
    return types.Position(line=row, character=code_units(prefix, encoding))


def lsp_range(lines: list[str], line: int, column: int, end_line: int, end_column: int,
              encoding: str = "utf-16") -> types.Range:
    start = lsp_position(lines, line, column, encoding)
    end = lsp_position(lines, end_line, end_column, encoding)
    if (end.line, end.character) < (start.line, start.character):
        end = start
    return types.Range(start=start, end=end)


def _contains(rng: types.Range, pos: types.Position) -> bool:
    return (rng.start.line, rng.start.character) <= (pos.line, pos.character) <= (rng.end.line, rng.end.character)


def _overlaps(a: types.Range, b: types.Range) -> bool:
    return (a.start.line, a.start.character) <= (b.end.line, b.end.character) and \
        (b.start.line, b.start.character) <= (a.end.line, a.end.character)


# --------------------------------------------------------------------------
# Documents, names and configuration


def uri_to_path(uri: str) -> str | None:
    """The file-system path of a ``file:`` URI, or None for untitled and virtual documents."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if parsed.netloc:
        path = f"//{parsed.netloc}{path}"
    if os.name == "nt" and re.match(r"^/[A-Za-z]:", path):
        path = path[1:]
    return path


def document_name(uri: str, language_id: str | None = None) -> str:
    """A name for an untitled or virtual document, from its URI (``untitled:Untitled-1`` -> ``Untitled-1``).

    When the name has no article suffix, one is added from the language id so
    the right loader (Markdown or plain text) reads it.
    """
    parsed = urlparse(uri)
    raw = unquote(parsed.path or parsed.netloc or uri)
    name = raw.rstrip("/").rsplit("/", 1)[-1] or "untitled"
    if not name.lower().endswith(TEXT_SUFFIXES + MARKDOWN_SUFFIXES):
        name += _LANGUAGE_SUFFIX.get((language_id or "").lower(), "")
    return name


def is_config_file(uri: str) -> bool:
    return os.path.basename(unquote(urlparse(uri).path)) in CONFIG_NAMES


def _mtime(path: str | os.PathLike | None) -> tuple[int, int] | None:
    if path is None:
        return None
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


def _packs_stamp(config: Config) -> tuple:
    """Modification times of every rule-pack file, so that editing a pack reloads it too."""
    stamps: list[tuple] = []
    for pack in config.packs:
        root = config.resolve(pack)
        stamps.append((root, _mtime(root)))
        if os.path.isdir(root):
            for folder, dirs, files in os.walk(root):
                dirs.sort()
                for name in sorted(files):
                    full = os.path.join(folder, name)
                    stamps.append((full, _mtime(full)))
    return tuple(stamps)


@dataclass
class _CachedLinter:
    stamp: tuple  # (config file mtime, rule-pack mtimes or None when the config did not parse)
    config: Config | None
    linter: Any = None
    error: str | None = None


@dataclass
class LintOutcome:
    """The diagnostics of one document version, with everything needed to convert them."""

    path: str  # the name the engine saw
    lines: list[str]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    config_error: str | None = None
    config_path: str | None = None
    catalogue: dict[str, Any] = field(default_factory=dict)
    base_dir: str | None = None


def default_linter_factory(config: Config):
    from lint.engine import Linter

    return Linter(config)


class DocumentLinter:
    """Lints editor buffers; finds and caches the right config (and Linter) per folder.

    The nearest ``.newslint.yaml`` is looked up from the document's folder on
    every lint; a Linter is rebuilt only when that file, or a rule pack it
    names, has a new modification time, or after :meth:`invalidate`.
    """

    def __init__(
        self,
        linter_factory: Callable[[Config], Any] = default_linter_factory,
        config_path: str | None = None,
        isolated: bool = False,
    ) -> None:
        self.linter_factory = linter_factory
        self.config_path = config_path
        self.isolated = isolated
        self._cache: dict[str | None, _CachedLinter] = {}

    def invalidate(self) -> None:
        self._cache.clear()

    def _config_file(self, start: str) -> str | None:
        if self.isolated:
            return None
        if self.config_path:
            return self.config_path
        found = find_config(start)
        return str(found) if found else None

    def linter_for(self, start: str) -> tuple[Any, Config | None, str | None]:
        """(linter, config, error) for a document in folder ``start``; error is a ready message."""
        path = self._config_file(start)
        config_stamp = _mtime(path)
        cached = self._cache.get(path)
        if cached is not None and cached.stamp[0] == config_stamp and (
                cached.config is None or cached.stamp[1] == _packs_stamp(cached.config)):
            return cached.linter, cached.config, cached.error
        try:
            config = load_config(path) if path else Config()
        except ConfigError as exc:
            entry = _CachedLinter((config_stamp, None), None, error=str(exc))
        else:
            if config.baseline:
                config.baseline = config.resolve(config.baseline)
            entry = _CachedLinter((config_stamp, _packs_stamp(config)), config)
            try:
                entry.linter = self.linter_factory(config)
            except ConfigError as exc:  # e.g. an unknown rule in `select`, a bad rule pack
                entry.error = str(exc)
            except Exception as exc:  # a broken plugin or pack must not take the editor down
                entry.error = f"newslint could not load its rules: {type(exc).__name__}: {exc}"
        self._cache[path] = entry
        return entry.linter, entry.config, entry.error

    def lint(self, uri: str, text: str, language_id: str | None = None, fallback_dir: str | None = None) -> LintOutcome:
        text, _ = normalise_newlines(text)
        lines = text.split("\n")
        fs_path = uri_to_path(uri)
        start = os.path.dirname(fs_path) if fs_path else (fallback_dir or os.getcwd())
        linter, config, error = self.linter_for(start)
        name = fs_path or document_name(uri, language_id)
        if error is not None or linter is None:
            return LintOutcome(name, lines, config_error=error or "newslint could not start")
        if fs_path and config is not None and config.path:
            name = _relative_to(fs_path, str(config.base_dir))
        if fs_path and not fs_path.lower().endswith(TEXT_SUFFIXES + MARKDOWN_SUFFIXES):
            suffix = _LANGUAGE_SUFFIX.get((language_id or "").lower())
            if suffix:  # e.g. a Markdown buffer named README without a suffix
                name += suffix
        result = linter.lint_text(name, text)
        diagnostics = sorted(result.diagnostics, key=Diagnostic.sort_key)
        if config is not None and config.baseline:
            diagnostics = _without_baselined(diagnostics, config.baseline)
        return LintOutcome(
            name, lines, diagnostics, config_path=config.path if config else None,
            catalogue=dict(getattr(linter, "catalogue", {})),
            base_dir=str(config.base_dir) if config is not None and config.path else None,
        )


def _relative_to(path: str, base: str) -> str:
    """``path`` relative to the config's folder (as `newslint` run there would name it), else as is."""
    try:
        relative = os.path.relpath(path, base)
    except ValueError:  # another drive on Windows
        return path
    return path if relative.startswith("..") else relative


def _without_baselined(diagnostics: list[Diagnostic], baseline: str) -> list[Diagnostic]:
    from lint.baseline import BaselineError, filter_baselined, load_baseline

    try:
        known = load_baseline(baseline)
    except BaselineError as exc:
        log.warning("%s", exc)
        return diagnostics
    kept, _ = filter_baselined(diagnostics, known)
    return kept


# --------------------------------------------------------------------------
# Engine diagnostics -> LSP


def docs_link(template: str | None, code: str, name: str) -> types.CodeDescription | None:
    """``--docs-url`` template with {code}, {code_lower} and {name}, e.g. a link into docs/rules.md."""
    if not template:
        return None
    return types.CodeDescription(href=template.format(code=code, code_lower=code.lower(), name=name))


def to_lsp_diagnostic(
    diag: Diagnostic,
    outcome: LintOutcome,
    uri: str,
    encoding: str = "utf-16",
    docs_url: str | None = None,
    read_lines: Callable[[str], list[str] | None] | None = None,
) -> types.Diagnostic:
    related = []
    for item in diag.related:
        if item["path"] == diag.path:
            other_uri, other_lines = uri, outcome.lines
        else:
            other_path = item["path"]
            if outcome.base_dir and not os.path.isabs(other_path):
                other_path = os.path.join(outcome.base_dir, other_path)
            other_uri = Path(os.path.abspath(other_path)).as_uri()
            other_lines = (read_lines(other_path) if read_lines else None) or []
        rng = lsp_range(other_lines, item["line"], item["column"], item["end_line"], item["end_column"], encoding) \
            if other_lines else types.Range(
                start=types.Position(line=item["line"] - 1, character=item["column"] - 1),
                end=types.Position(line=item["end_line"] - 1, character=item["end_column"] - 1))
        related.append(types.DiagnosticRelatedInformation(
            location=types.Location(uri=other_uri, range=rng), message=item["message"]))
    return types.Diagnostic(
        range=lsp_range(outcome.lines, diag.line, diag.column, diag.end_line, diag.end_column, encoding),
        message=diag.message,
        severity=_SEVERITY[diag.severity],
        code=diag.rule,
        code_description=docs_link(docs_url, diag.rule, diag.name),
        source=SOURCE,
        related_information=related or None,
        data={"name": diag.name, "category": diag.category, "fixable": diag.fix is not None},
    )


def config_error_diagnostic(message: str) -> types.Diagnostic:
    return types.Diagnostic(
        range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
        message=f"newslint is not checking this file: {message}",
        severity=types.DiagnosticSeverity.Error,
        code="config",
        source=SOURCE,
    )


def hover_markdown(diag: Diagnostic, rule: Any | None) -> str:
    """The hover text: the finding, then the rule's own documentation."""
    parts = [f"**{diag.rule} {diag.name}** ({diag.severity}, {diag.category})", "", diag.message]
    if diag.fix is not None:
        parts += ["", f"Fix available: replace with `{diag.fix['replacement']}`."]
    if rule is not None:
        if rule.summary:
            parts += ["", "---", "", rule.summary]
        doc = rule.doc()
        if doc:
            parts += ["", doc]
        if rule.options:
            parts += ["", "Options (under `rules:` in .newslint.yaml): "
                      + ", ".join(f"`{key}`" for key in rule.options)]
    return "\n".join(parts)


# --------------------------------------------------------------------------
# Code actions


def ignore_edit(line_text: str, row: int, code: str, encoding: str = "utf-16") -> types.TextEdit | None:
    """Append ``<!-- newslint: ignore CODE -->`` to the line, or add CODE to a directive already there.

    None when the line is blank (a directive alone on a line applies to the
    next paragraph instead) or the rule is already named there.
    """
    if not line_text.strip():
        return None
    for match in DIRECTIVE.finditer(line_text):
        if match.group("action").lower() != "ignore" or not line_text[: match.start()].strip():
            continue
        selectors = [s for s in re.split(r"[\s,]+", match.group("codes") or "") if s]
        if code.upper() in (s.upper() for s in selectors) or not selectors:
            return None
        insert_at = match.end("codes")
        codes_text = match.group("codes") or ""
        insert_at -= len(codes_text) - len(codes_text.rstrip())
        character = code_units(line_text[:insert_at], encoding)
        position = types.Position(line=row, character=character)
        return types.TextEdit(range=types.Range(start=position, end=position), new_text=f" {code}")
    end = types.Position(line=row, character=code_units(line_text, encoding))
    gap = "" if line_text[-1:].isspace() else " "
    return types.TextEdit(range=types.Range(start=end, end=end), new_text=f"{gap}<!-- newslint: ignore {code} -->")


def _front_matter_rows(lines: list[str]) -> int:
    """Number of leading lines that are YAML front matter (a directive there would change the data)."""
    if not lines or lines[0].rstrip() != "---":
        return 0
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return index + 1
    return 0


# --------------------------------------------------------------------------
# The server


@dataclass
class _Published:
    version: int | None
    outcome: LintOutcome
    pairs: list[tuple[Diagnostic, types.Diagnostic]]


class NewslintServer(LanguageServer):
    def __init__(self, document_linter: DocumentLinter | None = None, debounce_ms: int = DEFAULT_DEBOUNCE_MS,
                 docs_url: str | None = None) -> None:
        super().__init__("newslint", __version__)
        self.documents = document_linter or DocumentLinter()
        self.debounce = max(0, debounce_ms) / 1000
        self.docs_url = docs_url
        # One worker: the engine runs off the event loop (the server keeps
        # answering) and lints never race each other over shared caches.
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newslint-lint")
        self.pending: dict[str, asyncio.Task] = {}
        self.published: dict[str, _Published] = {}
        self.shown_errors: set[str] = set()

    # -- helpers ----------------------------------------------------------------

    @property
    def encoding(self) -> str:
        try:
            value = self.workspace.position_encoding
        except Exception:
            return "utf-16"
        return str(getattr(value, "value", value) or "utf-16")

    def log_to_client(self, message: str, kind: types.MessageType = types.MessageType.Log) -> None:
        try:
            self.window_log_message(types.LogMessageParams(type=kind, message=message))
        except Exception:
            log.exception("cannot log to the client")

    def fallback_dir(self) -> str:
        try:
            root = self.workspace.root_path
        except Exception:
            root = None
        return root or os.getcwd()

    def schedule(self, uri: str, delay: float) -> None:
        """Lint ``uri`` after ``delay`` seconds; a newer request replaces an older one."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.pending[uri] = asyncio.ensure_future(self._lint_later(uri, delay))

    async def _lint_later(self, uri: str, delay: float) -> None:
        try:
            if delay:
                await asyncio.sleep(delay)
            await self.lint_and_publish(uri)
        except asyncio.CancelledError:
            pass
        except Exception:
            self.log_to_client(f"newslint: linting {uri} failed:\n{traceback.format_exc()}", types.MessageType.Error)
        finally:
            if self.pending.get(uri) is asyncio.current_task():
                del self.pending[uri]

    def _snapshot(self, uri: str):
        document = self.workspace.text_documents.get(unquote(uri)) or self.workspace.text_documents.get(uri)
        if document is None:
            return None
        return document.version, document.source, document.language_id

    async def lint_current(self, uri: str) -> _Published | None:
        """Lint the document's current text in the worker; None if it was closed meanwhile."""
        snapshot = self._snapshot(uri)
        if snapshot is None:
            return None
        version, text, language_id = snapshot
        loop = asyncio.get_running_loop()
        outcome = await loop.run_in_executor(
            self.worker, self._safe_lint, uri, text, language_id, self.fallback_dir())
        current = self._snapshot(uri)
        if current is None or current[0] != version:
            return None  # closed or changed while linting: the newer version's lint will publish
        encoding = self.encoding
        pairs = [(d, to_lsp_diagnostic(d, outcome, uri, encoding, self.docs_url, _read_lines)) for d in outcome.diagnostics]
        return _Published(version, outcome, pairs)

    def _safe_lint(self, uri: str, text: str, language_id: str | None, fallback: str) -> LintOutcome:
        try:
            return self.documents.lint(uri, text, language_id, fallback)
        except Exception as exc:  # the engine guards rules; this guards the engine itself
            lines = normalise_newlines(text)[0].split("\n")
            log.exception("lint failed")
            return LintOutcome(uri, lines, config_error=f"internal error: {type(exc).__name__}: {exc}")

    async def lint_and_publish(self, uri: str) -> None:
        published = await self.lint_current(uri)
        if published is None:
            return
        self.published[uri] = published
        diagnostics = [lsp for _, lsp in published.pairs]
        error = published.outcome.config_error
        if error:
            diagnostics = [config_error_diagnostic(error)]
            if error not in self.shown_errors:
                self.shown_errors.add(error)
                self.window_show_message(types.ShowMessageParams(
                    type=types.MessageType.Error, message=f"newslint: {error}"))
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=published.version, diagnostics=diagnostics))

    def relint_all(self) -> None:
        self.documents.invalidate()
        self.shown_errors.clear()
        for uri in list(self.published):
            self.schedule(uri, 0)

    def forget(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.published.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    async def fresh(self, uri: str) -> _Published | None:
        """Findings for the document as it is now (re-linting if an edit is still debouncing)."""
        snapshot = self._snapshot(uri)
        published = self.published.get(uri)
        if snapshot is None:
            return None
        if published is None or published.version != snapshot[0]:
            published = await self.lint_current(uri)
        return published

    # -- code actions -----------------------------------------------------------

    def _edit(self, uri: str, version: int | None, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
        capabilities = self.client_capabilities
        supports_changes = bool(
            capabilities and capabilities.workspace and capabilities.workspace.workspace_edit
            and capabilities.workspace.workspace_edit.document_changes)
        if supports_changes:
            return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(
                text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version),
                edits=edits)])
        return types.WorkspaceEdit(changes={uri: edits})

    def code_actions(self, uri: str, published: _Published, wanted: types.Range,
                     only: list[str] | None) -> list[types.CodeAction]:
        def allowed(kind: str) -> bool:
            return not only or any(kind == k or kind.startswith(k + ".") for k in only)

        actions: list[types.CodeAction] = []
        lines = published.outcome.lines
        encoding = self.encoding
        front_matter = _front_matter_rows(lines)
        ignore_offered: set[tuple[int, str]] = set()
        for diag, lsp in published.pairs:
            if not _overlaps(lsp.range, wanted):
                continue
            if diag.fix is not None and allowed(types.CodeActionKind.QuickFix):
                replacement = diag.fix["replacement"]
                title = f"newslint: replace with “{replacement}” ({diag.rule})" if replacement else \
                    f"newslint: delete “{lines[lsp.range.start.line][diag.column - 1:diag.end_column - 1]}” ({diag.rule})"
                actions.append(types.CodeAction(
                    title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[lsp], is_preferred=True,
                    edit=self._edit(uri, published.version, [types.TextEdit(range=lsp.range, new_text=replacement)])))
            row = lsp.range.start.line
            if diag.category == "internal" or row < front_matter or (row, diag.rule) in ignore_offered:
                continue
            if not allowed(types.CodeActionKind.QuickFix):
                continue
            edit = ignore_edit(lines[row], row, diag.rule, encoding) if row < len(lines) else None
            if edit is None:
                continue
            ignore_offered.add((row, diag.rule))
            actions.append(types.CodeAction(
                title=f"newslint: ignore {diag.rule} ({diag.name}) on this line",
                kind=types.CodeActionKind.QuickFix, diagnostics=[lsp],
                edit=self._edit(uri, published.version, [edit])))
        fixes = [(d, lsp) for d, lsp in published.pairs if d.fix is not None]
        if fixes and allowed(FIX_ALL_KIND):
            edits, last_end = [], (-1, -1)
            for diag, lsp in sorted(fixes, key=lambda pair: (pair[0].start, pair[0].end)):
                start = (lsp.range.start.line, lsp.range.start.character)
                if start < last_end:
                    continue  # overlapping fixes: the next run gets the rest
                edits.append(types.TextEdit(range=lsp.range, new_text=diag.fix["replacement"]))
                last_end = (lsp.range.end.line, lsp.range.end.character)
            actions.append(types.CodeAction(
                title=f"newslint: apply {len(edits)} fix{'' if len(edits) == 1 else 'es'} in this document", kind=FIX_ALL_KIND,
                edit=self._edit(uri, published.version, edits)))
        return actions


def _read_lines(path: str) -> list[str] | None:
    from lint.inputs import InputProblem, read_source

    try:
        return read_source(path).text.split("\n")
    except InputProblem:
        return None


def guarded(default: Any = None):
    """Handlers never raise into pygls: errors are logged to the client and ``default`` is returned."""

    def wrap(handler):
        if asyncio.iscoroutinefunction(handler):
            @functools.wraps(handler)
            async def run_async(ls: NewslintServer, params):
                try:
                    return await handler(ls, params)
                except Exception:
                    ls.log_to_client(f"newslint: {handler.__name__} failed:\n{traceback.format_exc()}",
                                         types.MessageType.Error)
                    return default
            return run_async

        @functools.wraps(handler)
        def run(ls: NewslintServer, params):
            try:
                return handler(ls, params)
            except Exception:
                ls.log_to_client(f"newslint: {handler.__name__} failed:\n{traceback.format_exc()}",
                                     types.MessageType.Error)
                return default
        return run

    return wrap


def build_server(document_linter: DocumentLinter | None = None, debounce_ms: int = DEFAULT_DEBOUNCE_MS,
                 docs_url: str | None = None) -> NewslintServer:
    server = NewslintServer(document_linter, debounce_ms, docs_url)

    @server.feature(types.INITIALIZE)
    @guarded()
    def initialize(ls: NewslintServer, params: types.InitializeParams):
        options = params.initialization_options if isinstance(params.initialization_options, dict) else {}
        if isinstance(options.get("debounceMs"), (int, float)):
            ls.debounce = max(0, options["debounceMs"]) / 1000
        if isinstance(options.get("docsUrl"), str):
            ls.docs_url = options["docsUrl"]

    @server.feature(types.INITIALIZED)
    @guarded()
    async def initialized(ls: NewslintServer, params: types.InitializedParams):
        capabilities = ls.client_capabilities
        watched = capabilities.workspace.did_change_watched_files if capabilities and capabilities.workspace else None
        if watched is not None and watched.dynamic_registration:
            await ls.client_register_capability_async(types.RegistrationParams(registrations=[types.Registration(
                id="newslint-config-watcher",
                method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(
                    watchers=[types.FileSystemWatcher(glob_pattern=CONFIG_WATCH_GLOB)]),
            )]))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    @guarded()
    def did_open(ls: NewslintServer, params: types.DidOpenTextDocumentParams):
        if is_config_file(params.text_document.uri):
            return
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    @guarded()
    def did_change(ls: NewslintServer, params: types.DidChangeTextDocumentParams):
        if is_config_file(params.text_document.uri):
            return
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    @guarded()
    def did_save(ls: NewslintServer, params: types.DidSaveTextDocumentParams):
        if is_config_file(params.text_document.uri):
            ls.relint_all()
            return
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    @guarded()
    def did_close(ls: NewslintServer, params: types.DidCloseTextDocumentParams):
        ls.forget(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    @guarded()
    def did_change_watched_files(ls: NewslintServer, params: types.DidChangeWatchedFilesParams):
        if any(is_config_file(change.uri) for change in params.changes):
            ls.relint_all()

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @guarded()
    async def hover(ls: NewslintServer, params: types.HoverParams):
        published = await ls.fresh(params.text_document.uri)
        if published is None:
            return None
        hits = [(d, lsp) for d, lsp in published.pairs if _contains(lsp.range, params.position)]
        if not hits:
            return None
        text = "\n\n---\n\n".join(hover_markdown(d, published.outcome.catalogue.get(d.rule)) for d, _ in hits)
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
                           range=hits[0][1].range)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND]),
    )
    @guarded(default=[])
    async def code_action(ls: NewslintServer, params: types.CodeActionParams):
        published = await ls.fresh(params.text_document.uri)
        if published is None:
            return []
        return ls.code_actions(params.text_document.uri, published, params.range, params.context.only)

    @server.feature(types.SHUTDOWN)
    @guarded()
    def shutdown(ls: NewslintServer, params):
        for task in ls.pending.values():
            task.cancel()
        ls.pending.clear()
        ls.worker.shutdown(wait=False, cancel_futures=True)

    return server


# --------------------------------------------------------------------------
# Entry point


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newslint lsp",
        description="Run the newslint language server over standard input and output (for editors).",
    )
    parser.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (the default and only transport)")
    parser.add_argument("--config", metavar="FILE", help="use this config file instead of the nearest .newslint.yaml")
    parser.add_argument("--isolated", action="store_true", help="ignore every config file")
    parser.add_argument("--debounce-ms", type=int, default=DEFAULT_DEBOUNCE_MS, metavar="MS",
                        help=f"wait this long after the last keystroke before linting (default {DEFAULT_DEBOUNCE_MS})")
    parser.add_argument("--docs-url", metavar="TEMPLATE",
                        help="link each diagnostic code to documentation, e.g. "
                             "'https://example.org/rules.md#{code_lower}-{name}'")
    parser.add_argument("--log-file", metavar="FILE", help="write the server's own log to FILE")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more (to --log-file or stderr)")
    return parser


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    handler: logging.Handler = logging.FileHandler(args.log_file, encoding="utf-8") if args.log_file \
        else logging.StreamHandler(sys.stderr)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING, handlers=[handler],
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")
    config = os.path.abspath(args.config) if args.config else None
    server = build_server(DocumentLinter(config_path=config, isolated=args.isolated), args.debounce_ms, args.docs_url)
    # The protocol owns stdout: anything a plugin prints goes to stderr instead
    # of corrupting the message stream.
    protocol_out = sys.stdout.buffer
    sys.stdout = sys.stderr
    server.start_io(sys.stdin.buffer, protocol_out)
    return 0
