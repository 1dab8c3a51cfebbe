"""The language server: position conversion, config discovery, code actions, and real protocol sessions.

The protocol tests start `python -m lint lsp` as a subprocess and drive it
with pygls's LanguageClient over stdio, as an editor would. Their rules come
from a tiny third-party plugin installed for the subprocess only (a module
plus a ``.dist-info`` folder with a ``newslint`` entry point on PYTHONPATH),
so they go through the real plugin loading and do not depend on the built-in
rule families; a rule-pack test runs too once ``lint.packs`` exists.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import textwrap
import time
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server needs pygls: pip install 'newslint[lsp]'")

from lsprotocol import types  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402

from lint import lsp  # noqa: E402
from lint.model import Diagnostic, Severity  # noqa: E402
from tests.engine_fixtures import sample_linter  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

# --------------------------------------------------------------------------
# A third-party plugin for subprocess runs (also used by the HTML report tests)

PROBE_PLUGIN = '''
"""Probe rules for newslint's editor-integration tests."""
import re

from lint import Finding, Related, Rule, Severity, Span, hookimpl


class Banned(Rule):
    """
    What it does: flags the word "shocking" (probe rule).

    Why is this bad? Sensational wording (a test stand-in).

    Example: A shocking result.
    """

    code, name, category, severity = "PRB001", "probe-banned", "residue", Severity.WARNING
    summary = "Flags 'shocking'."
    fixable = True
    origin = "lsp-probe"

    def check(self, article, options):
        for m in re.finditer(r"\\bshocking\\b", article.masked):
            yield self.finding(Span(m.start(), m.end()), "sensational word 'shocking'; say what happened", fix="notable")


class Contradiction(Rule):
    """
    What it does: flags "Alpha" when "Omega" also appears (probe rule).

    Why is this bad? Both cannot be true (a test stand-in).

    Example: Alpha ... Omega.
    """

    code, name, category, severity = "PRB002", "probe-contradiction", "contradiction", Severity.ERROR
    summary = "Alpha contradicts Omega."
    origin = "lsp-probe"

    def check(self, article, options):
        a, o = article.masked.find("Alpha"), article.masked.find("Omega")
        if a >= 0 and o >= 0:
            yield Finding(Span(a, a + 5), "Alpha contradicts Omega later in the article",
                          related=(Related(Span(o, o + 5), "Omega is stated here"),))


class Crash(Rule):
    """
    What it does: raises on the word CRASH (probe rule).

    Why is this bad? It tests that one crashing rule hides nothing else.

    Example: CRASH.
    """

    code, name, category, severity = "PRB003", "probe-crash", "residue", Severity.INFO
    summary = "Crashes on CRASH."
    origin = "lsp-probe"

    def check(self, article, options):
        if "CRASH" in article.text:
            raise RuntimeError("probe crash")
        return ()


class Hedge(Rule):
    """
    What it does: flags "reportedly" and the word after it (probe rule).

    Why is this bad? A hedge without a source (a test stand-in).

    Example: It reportedly happened.
    """

    code, name, category, severity = "PRB004", "probe-hedge", "sourcing", Severity.INFO
    summary = "Flags 'reportedly X'."
    origin = "lsp-probe"

    def check(self, article, options):
        for m in re.finditer(r"\\breportedly \\w+", article.masked):
            yield self.finding(Span(m.start(), m.end()), "hedged claim with no source")


class Said(Rule):
    """
    What it does: flags every "said" (probe rule, opt-in; for report-size tests).

    Why is this bad? It is not; it makes many findings on real news.

    Example: she said.
    """

    code, name, category, severity = "PRB005", "probe-said", "sourcing", Severity.INFO
    summary = "Flags 'said'."
    default_enabled = False
    origin = "lsp-probe"

    def check(self, article, options):
        for m in re.finditer(r"\\bsaid\\b", article.masked):
            yield self.finding(Span(m.start(), m.end()), "a 'said' (probe finding)")


@hookimpl
def newslint_register_rules():
    return [Banned(), Contradiction(), Crash(), Hedge(), Said()]
'''


def install_probe_plugin(folder: Path) -> dict[str, str]:
    """Write the probe plugin into ``folder``; return an environment whose Python finds it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "newslint_probe_plugin.py").write_text(PROBE_PLUGIN, encoding="utf-8")
    dist = folder / "newslint_probe-0.1.dist-info"
    dist.mkdir(exist_ok=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: newslint-probe\nVersion: 0.1\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[newslint]\nprobe = newslint_probe_plugin\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "NEWSLINT_NO_PLUGINS"}
    env["PYTHONPATH"] = os.pathsep.join([str(folder), str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


# --------------------------------------------------------------------------
# Positions


FLAGGED_LINE = "It was a “big” 😀 shocking day."


def test_code_units_count_astral_characters_twice_in_utf16():
    assert lsp.code_units("“big”") == 5
    assert lsp.code_units("😀") == 2
    assert lsp.code_units("😀", "utf-8") == 4
    assert lsp.code_units("😀", "utf-32") == 1
    assert lsp.code_units("“", "utf-8") == 3


def test_position_after_emoji_and_curly_quotes_is_in_utf16_units():
    start = FLAGGED_LINE.index("shocking")  # 17 code points before the word
    assert start == 17
    lines = ["Headline", "", FLAGGED_LINE]
    rng = lsp.lsp_range(lines, 3, start + 1, 3, start + 1 + len("shocking"))
    assert (rng.start.line, rng.start.character, rng.end.character) == (2, 18, 26)
    rng8 = lsp.lsp_range(lines, 3, start + 1, 3, start + 9, "utf-8")
    assert rng8.start.character == len(FLAGGED_LINE[:start].encode("utf-8")) == 24
    rng32 = lsp.lsp_range(lines, 3, start + 1, 3, start + 9, "utf-32")
    assert rng32.start.character == 17


def test_code_points_inverts_code_units():
    for encoding in ("utf-8", "utf-16", "utf-32"):
        for index in range(len(FLAGGED_LINE) + 1):
            units = lsp.code_units(FLAGGED_LINE[:index], encoding)
            assert lsp.code_points(FLAGGED_LINE, units, encoding) == index


def test_positions_are_clamped_to_the_document():
    lines = ["short"]
    assert lsp.lsp_position(lines, 9, 40) == types.Position(line=0, character=5)
    assert lsp.lsp_position([], 1, 1) == types.Position(line=0, character=0)


# --------------------------------------------------------------------------
# Names and config discovery


def test_untitled_documents_get_a_name_and_a_loader_from_the_uri():
    assert lsp.document_name("untitled:Untitled-1", "markdown") == "Untitled-1.md"
    assert lsp.document_name("untitled:Untitled-2", "plaintext") == "Untitled-2.txt"
    assert lsp.document_name("untitled:/drafts/story.md", "markdown") == "story.md"
    assert lsp.uri_to_path("untitled:Untitled-1") is None
    assert lsp.uri_to_path("file:///tmp/my%20story.md") == "/tmp/my story.md"


def _sample_factory(config):
    linter = sample_linter()
    linter.config = config
    return linter


def test_document_linter_reloads_when_the_config_file_changes(tmp_path):
    from lint.engine import Linter, RunOptions
    import importlib
    import lint.plugins

    def factory(config):
        pm = lint.plugins.make_plugin_manager(load_entry_points=False)
        pm.register(importlib.import_module("tests.sample_plugin"), name="tests.sample_plugin")
        return Linter(config, RunOptions(), pm=pm)

    (tmp_path / "sub").mkdir()
    config = tmp_path / ".newslint.yaml"
    config.write_text("select: [TST001]\n", encoding="utf-8")
    article = tmp_path / "sub" / "story.md"
    uri = article.as_uri()
    documents = lsp.DocumentLinter(factory)
    first = documents.lint(uri, "Headline\n\nA shocking result, reportedly.\n", "markdown")
    assert [d.rule for d in first.diagnostics] == ["TST001"]
    assert first.diagnostics[0].path == os.path.join("sub", "story.md")  # as `newslint` run by the config names it
    assert first.config_path == str(config)
    # Same mtime: the cached linter is reused.
    assert documents.linter_for(str(tmp_path / "sub"))[0] is documents.linter_for(str(tmp_path))[0]
    config.write_text("select: [TST004]\n", encoding="utf-8")
    os.utime(config, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))
    second = documents.lint(uri, "Headline\n\nA shocking result, reportedly.\n", "markdown")
    assert [d.rule for d in second.diagnostics] == ["TST004"]


def test_a_broken_config_becomes_a_message_not_an_exception(tmp_path):
    (tmp_path / ".newslint.yaml").write_text("selcet: [SRC]\n", encoding="utf-8")
    outcome = lsp.DocumentLinter(_sample_factory).lint((tmp_path / "a.md").as_uri(), "Headline\n", "markdown")
    assert outcome.diagnostics == []
    assert "unknown key 'selcet'" in outcome.config_error and "did you mean 'select'" in outcome.config_error
    diag = lsp.config_error_diagnostic(outcome.config_error)
    assert diag.severity == types.DiagnosticSeverity.Error and diag.code == "config"


def test_a_broken_plugin_or_engine_becomes_a_diagnostic_not_a_dead_server(tmp_path):
    def broken_factory(config):
        raise RuntimeError("plugin exploded")

    outcome = lsp.DocumentLinter(broken_factory, isolated=True).lint("untitled:Untitled-1", "Text\n", "markdown")
    assert "could not load its rules: RuntimeError: plugin exploded" in outcome.config_error

    class Exploding:
        catalogue: dict = {}

        def lint_text(self, path, text):
            raise KeyError("engine bug")

    server = lsp.build_server(lsp.DocumentLinter(lambda config: Exploding(), isolated=True))
    outcome = server._safe_lint("untitled:Untitled-1", "Text\n", "markdown", str(tmp_path))
    assert outcome.config_error == "internal error: KeyError: 'engine bug'"
    assert outcome.lines == ["Text", ""]


def test_guarded_handlers_log_the_error_and_return_a_default():
    class FakeServer:
        def __init__(self):
            self.logged = []

        def log_to_client(self, message, kind=None):
            self.logged.append((message, kind))

    @lsp.guarded(default=[])
    def sync_handler(ls, params):
        raise ValueError("bad params")

    @lsp.guarded()
    async def async_handler(ls, params):
        raise LookupError("gone")

    fake = FakeServer()
    assert sync_handler(fake, None) == []
    assert asyncio.run(async_handler(fake, None)) is None
    (first, kind), (second, _) = fake.logged
    assert "sync_handler failed" in first and "ValueError: bad params" in first
    assert kind == types.MessageType.Error
    assert "async_handler failed" in second and "LookupError: gone" in second


# --------------------------------------------------------------------------
# Conversion and code actions (no server)


def _diag(**kw) -> Diagnostic:
    base = dict(path="a.md", line=3, column=18, end_line=3, end_column=26, rule="PRB001", name="probe-banned",
                category="residue", severity=Severity.WARNING, message="sensational word")
    base.update(kw)
    return Diagnostic(**base)


def test_to_lsp_diagnostic_maps_severity_code_and_related_locations():
    lines = ["Alpha here", "", FLAGGED_LINE, "Omega 😀 there"]
    outcome = lsp.LintOutcome("a.md", lines)
    diag = _diag(severity=Severity.ERROR, line=1, column=1, end_line=1, end_column=6, rule="PRB002",
                 related=[{"path": "a.md", "line": 4, "column": 9, "end_line": 4, "end_column": 14, "message": "here"}])
    out = lsp.to_lsp_diagnostic(diag, outcome, "file:///x/a.md", docs_url="https://docs.example/rules#{code_lower}-{name}")
    assert out.severity == types.DiagnosticSeverity.Error and out.code == "PRB002" and out.source == "newslint"
    assert out.code_description.href == "https://docs.example/rules#prb002-probe-banned"
    (related,) = out.related_information
    assert related.location.uri == "file:///x/a.md"
    assert (related.location.range.start.character, related.location.range.end.character) == (9, 14)
    info = lsp.to_lsp_diagnostic(_diag(severity=Severity.INFO), lsp.LintOutcome("a.md", lines), "file:///x/a.md")
    assert info.severity == types.DiagnosticSeverity.Information and info.code_description is None


def test_ignore_edit_appends_a_directive_at_the_end_of_the_line():
    edit = lsp.ignore_edit(FLAGGED_LINE, 2, "PRB001")
    assert edit.new_text == " <!-- newslint: ignore PRB001 -->"
    assert edit.range.start == types.Position(line=2, character=lsp.code_units(FLAGGED_LINE)) == edit.range.end


def test_ignore_edit_extends_a_directive_already_on_the_line():
    line = "A shocking claim. <!-- newslint: ignore SRC001 -- named in print -->"
    edit = lsp.ignore_edit(line, 0, "PRB001")
    patched = line[: edit.range.start.character] + edit.new_text + line[edit.range.start.character:]
    assert patched == "A shocking claim. <!-- newslint: ignore SRC001 PRB001 -- named in print -->"
    assert lsp.ignore_edit(patched, 0, "PRB001") is None  # already there
    assert lsp.ignore_edit("   ", 0, "PRB001") is None  # alone on a line it would cover the next paragraph


def test_front_matter_lines_are_not_offered_an_ignore_directive():
    assert lsp._front_matter_rows(["---", "title: A shocking day", "---", "", "Body"]) == 3
    assert lsp._front_matter_rows(["Headline", "---"]) == 0


# --------------------------------------------------------------------------
# Protocol sessions against `python -m lint lsp`

TIMEOUT = 30


class Session:
    """A pygls LanguageClient driving the real server process, collecting what it publishes."""

    def __init__(self, env: dict[str, str], *args: str) -> None:
        self.client = LanguageClient("newslint-tests", "1")
        self.env = env
        self.args = args
        self.published: dict[str, list[types.PublishDiagnosticsParams]] = {}
        self.changed = asyncio.Event()
        self.messages: list[types.ShowMessageParams] = []
        self.logs: list[str] = []
        self.registrations: list[types.Registration] = []

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: types.PublishDiagnosticsParams):
            self.published.setdefault(params.uri, []).append(params)
            self.changed.set()

        @self.client.feature(types.WINDOW_SHOW_MESSAGE)
        def on_message(params: types.ShowMessageParams):
            self.messages.append(params)

        @self.client.feature(types.WINDOW_LOG_MESSAGE)
        def on_log(params: types.LogMessageParams):
            self.logs.append(params.message)

        @self.client.feature(types.CLIENT_REGISTER_CAPABILITY)
        def on_register(params: types.RegistrationParams):
            self.registrations.extend(params.registrations)
            return None

    async def start(self, root: Path, encodings: list[str] | None = None, debounce_ms: int = 150) -> types.InitializeResult:
        await self.client.start_io(sys.executable, "-m", "lint", "lsp", *self.args, env=self.env, cwd=str(root))
        capabilities = types.ClientCapabilities(
            workspace=types.WorkspaceClientCapabilities(
                workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=True),
                did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True),
            ),
            text_document=types.TextDocumentClientCapabilities(
                publish_diagnostics=types.PublishDiagnosticsClientCapabilities(related_information=True,
                                                                               version_support=True)),
            general=types.GeneralClientCapabilities(position_encodings=encodings) if encodings else None,
        )
        result = await asyncio.wait_for(self.client.initialize_async(types.InitializeParams(
            process_id=os.getpid(), root_uri=root.as_uri(), capabilities=capabilities,
            initialization_options={"debounceMs": debounce_ms})), TIMEOUT)
        self.client.initialized(types.InitializedParams())
        return result

    async def diagnostics(self, uri: str, version: int | None = None, count: int = 1) -> types.PublishDiagnosticsParams:
        """Wait for the ``count``-th publication for ``uri`` (optionally of a given version)."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            matching = [p for p in self.published.get(uri, []) if version is None or p.version == version]
            if len(matching) >= count:
                return matching[count - 1]
            self.changed.clear()
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no diagnostics for {uri} (version {version}); logs: {self.logs}")
            try:
                await asyncio.wait_for(self.changed.wait(), left)
            except asyncio.TimeoutError:
                pass

    def open(self, uri: str, text: str, language_id: str = "markdown", version: int = 1) -> None:
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language_id, version=version, text=text)))

    def change(self, uri: str, text: str, version: int) -> None:
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))

    async def code_actions(self, uri: str, rng: types.Range, diagnostics=()) -> list[types.CodeAction]:
        result = await asyncio.wait_for(self.client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=rng,
            context=types.CodeActionContext(diagnostics=list(diagnostics)))), TIMEOUT)
        return list(result or [])

    async def stop(self) -> int | None:
        await asyncio.wait_for(self.client.shutdown_async(None), TIMEOUT)
        self.client.exit(None)
        process = self.client._server
        try:
            await asyncio.wait_for(process.wait(), TIMEOUT)
        finally:
            if process.returncode is None:
                process.kill()
            await asyncio.wait_for(self.client.stop(), TIMEOUT)
        return process.returncode


def apply_edit(text: str, edit: types.WorkspaceEdit, uri: str) -> str:
    """Apply a WorkspaceEdit as an editor would (positions in UTF-16 units)."""
    if edit.document_changes:
        edits = [e for change in edit.document_changes if change.text_document.uri == uri for e in change.edits]
    else:
        edits = list(edit.changes[uri])
    lines = text.split("\n")

    def offset(pos: types.Position) -> int:
        before = sum(len(line) + 1 for line in lines[: pos.line])
        return before + lsp.code_points(lines[pos.line], pos.character)

    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start, end = offset(e.range.start), offset(e.range.end)
        text = text[:start] + e.new_text + text[end:]
    return text


@pytest.fixture
def workspace(tmp_path):
    env = install_probe_plugin(tmp_path / "plugin")
    root = tmp_path / "newsroom"
    (root / "stories").mkdir(parents=True)
    # Only the probe rules, so built-in families being written elsewhere cannot change these tests.
    (root / ".newslint.yaml").write_text("select: [PRB]\n", encoding="utf-8")
    return root, env


ARTICLE = textwrap.dedent("""\
    # Alpha and the day

    It was a “big” 😀 shocking day.

    The minister reportedly resigned. Omega followed.
    """)


def test_protocol_session_diagnostics_hover_code_actions_and_shutdown(workspace):
    root, env = workspace
    path = root / "stories" / "day.md"
    path.write_text(ARTICLE, encoding="utf-8")
    uri = path.as_uri()

    async def scenario():
        session = Session(env)
        init = await session.start(root)
        caps = init.capabilities
        assert caps.hover_provider and caps.code_action_provider
        assert init.server_info.name == "newslint"
        session.open(uri, ARTICLE)
        published = await session.diagnostics(uri, version=1)
        by_code = {d.code: d for d in published.diagnostics}
        assert sorted(by_code) == ["PRB001", "PRB002", "PRB004"]

        banned = by_code["PRB001"]
        # 17 code points precede "shocking", one of them an emoji: 18 UTF-16 units.
        assert (banned.range.start.line, banned.range.start.character, banned.range.end.character) == (2, 18, 26)
        assert banned.severity == types.DiagnosticSeverity.Warning and banned.source == "newslint"
        assert by_code["PRB004"].severity == types.DiagnosticSeverity.Information
        contradiction = by_code["PRB002"]
        assert contradiction.severity == types.DiagnosticSeverity.Error
        (related,) = contradiction.related_information
        assert related.message == "Omega is stated here" and related.location.uri == uri
        omega_line = ARTICLE.split("\n")[4]
        assert related.location.range.start == types.Position(line=4, character=omega_line.index("Omega"))

        hover = await asyncio.wait_for(session.client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=2, character=20))), TIMEOUT)
        assert "PRB001 probe-banned" in hover.contents.value
        assert "What it does: flags the word" in hover.contents.value  # the rule's own docs

        # The fix: replace "shocking" with the rule's replacement.
        actions = await session.code_actions(uri, banned.range, [banned])
        titles = [a.title for a in actions]
        fix = next(a for a in actions if a.kind == types.CodeActionKind.QuickFix and "replace" in a.title)
        assert fix.is_preferred and fix.diagnostics[0].code == "PRB001"
        assert any("ignore PRB001" in t for t in titles)
        fix_all = next(a for a in actions if a.kind == lsp.FIX_ALL_KIND)
        assert fix_all.title == "newslint: apply 1 fix in this document"
        assert apply_edit(ARTICLE, fix_all.edit, uri) == apply_edit(ARTICLE, fix.edit, uri)
        fixed = apply_edit(ARTICLE, fix.edit, uri)
        assert "It was a “big” 😀 notable day." in fixed
        session.change(uri, fixed, 2)
        after_fix = await session.diagnostics(uri, version=2)
        assert sorted(d.code for d in after_fix.diagnostics) == ["PRB002", "PRB004"]

        # Ignore PRB004 on its line: the directive goes at the end of the line and the finding goes away.
        hedge = next(d for d in after_fix.diagnostics if d.code == "PRB004")
        actions = await session.code_actions(uri, hedge.range, [hedge])
        ignore = next(a for a in actions if "ignore PRB004" in a.title)
        ignored = apply_edit(fixed, ignore.edit, uri)
        assert "Omega followed. <!-- newslint: ignore PRB004 -->\n" in ignored
        session.change(uri, ignored, 3)
        after_ignore = await session.diagnostics(uri, version=3)
        assert [d.code for d in after_ignore.diagnostics] == ["PRB002"]  # and no NL005: the directive is used

        # Saving lints again (same version, a new publication).
        session.client.text_document_did_save(types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=uri)))
        await session.diagnostics(uri, version=3, count=2)

        session.client.text_document_did_close(types.DidCloseTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=uri)))
        cleared = await session.diagnostics(uri, count=len(session.published[uri]) + 1)
        assert list(cleared.diagnostics) == []
        return await session.stop(), session

    returncode, session = asyncio.run(scenario())
    assert returncode == 0
    assert not [m for m in session.messages if m.type == types.MessageType.Error]


def test_a_crashing_rule_never_stops_the_server_and_untitled_buffers_are_linted(workspace):
    root, env = workspace

    async def scenario():
        session = Session(env)
        await session.start(root)
        crash_uri = (root / "stories" / "crash.md").as_uri()
        session.open(crash_uri, "# Headline\n\nCRASH on a shocking day.\n")
        crashed = await session.diagnostics(crash_uri, version=1)
        codes = sorted(d.code for d in crashed.diagnostics)
        assert codes == ["NL004", "PRB001"]  # the crash is reported and the other rules still ran
        nl004 = next(d for d in crashed.diagnostics if d.code == "NL004")
        assert "PRB003" in nl004.message and "probe crash" in nl004.message

        untitled = "untitled:Untitled-1"
        session.open(untitled, "# Draft\n\nA shocking draft.\n", language_id="markdown")
        draft = await session.diagnostics(untitled, version=1)
        assert [d.code for d in draft.diagnostics] == ["PRB001"]
        return await session.stop()

    assert asyncio.run(scenario()) == 0


def test_changes_are_debounced_and_the_latest_version_wins(workspace):
    root, env = workspace
    uri = (root / "stories" / "typing.md").as_uri()

    async def scenario():
        session = Session(env)
        await session.start(root, debounce_ms=600)  # generous, so a loaded CI machine still types "fast"
        session.open(uri, "# Headline\n\nQuiet day.\n")
        first = await session.diagnostics(uri, version=1)
        assert list(first.diagnostics) == []
        for version in range(2, 8):  # typing faster than the debounce
            words = " ".join(["shocking"] * (version - 1))
            session.change(uri, f"# Headline\n\nQuiet day. {words}\n", version)
            await asyncio.sleep(0.02)
        last = await session.diagnostics(uri, version=7)
        assert len(last.diagnostics) == 6
        await asyncio.sleep(1.0)
        versions = [p.version for p in session.published[uri]]
        assert versions == [1, 7], versions  # intermediate versions were never linted or published
        return await session.stop()

    assert asyncio.run(scenario()) == 0


def test_config_changes_are_picked_up(workspace):
    root, env = workspace
    config = root / ".newslint.yaml"
    path = root / "stories" / "day.md"
    path.write_text(ARTICLE, encoding="utf-8")
    uri = path.as_uri()

    async def scenario():
        session = Session(env)
        await session.start(root)
        for _ in range(200):  # the server registers its watcher right after `initialized`
            if session.registrations:
                break
            await asyncio.sleep(0.05)
        (watcher,) = session.registrations
        assert watcher.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
        assert watcher.register_options["watchers"][0]["globPattern"] == lsp.CONFIG_WATCH_GLOB
        session.open(uri, ARTICLE)
        before = await session.diagnostics(uri, version=1)
        assert len(before.diagnostics) == 3

        # 1. The editor reports the change (workspace/didChangeWatchedFiles): every open document is re-linted.
        config.write_text("select: [PRB]\nignore: [PRB001]\nseverity: {PRB004: error}\n", encoding="utf-8")
        session.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
            types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]))
        watched = await session.diagnostics(uri, version=1, count=2)
        assert sorted(d.code for d in watched.diagnostics) == ["PRB002", "PRB004"]
        assert next(d for d in watched.diagnostics if d.code == "PRB004").severity == types.DiagnosticSeverity.Error

        # 2. No notification at all (a client without file watching): the next lint sees the new mtime.
        config.write_text("select: [PRB001]\n", encoding="utf-8")
        stamp = time.time_ns() + 2 * 10**9
        os.utime(config, ns=(stamp, stamp))
        session.change(uri, ARTICLE + "\nMore text.\n", 2)
        fresh = await session.diagnostics(uri, version=2)
        assert [d.code for d in fresh.diagnostics] == ["PRB001"]

        # 3. A broken config is shown on the document and in a message, not a dead server.
        config.write_text("selcet: [PRB]\n", encoding="utf-8")
        session.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
            types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]))
        broken = await session.diagnostics(uri, version=2, count=2)
        (problem,) = broken.diagnostics
        assert problem.code == "config" and "unknown key 'selcet'" in problem.message
        assert any("selcet" in m.message for m in session.messages)
        return await session.stop()

    assert asyncio.run(scenario()) == 0


def test_utf8_position_encoding_when_the_client_prefers_it(workspace):
    root, env = workspace
    uri = (root / "stories" / "bytes.md").as_uri()

    async def scenario():
        session = Session(env)
        init = await session.start(root, encodings=["utf-8", "utf-16"])
        assert init.capabilities.position_encoding == "utf-8"
        session.open(uri, "# Headline\n\n" + FLAGGED_LINE + "\n")
        published = await session.diagnostics(uri, version=1)
        (diag,) = published.diagnostics
        prefix = FLAGGED_LINE[: FLAGGED_LINE.index("shocking")]
        assert diag.range.start.character == len(prefix.encode("utf-8"))
        return await session.stop()

    assert asyncio.run(scenario()) == 0


def _packs_ready() -> bool:
    try:
        import lint.packs  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.skipif(not _packs_ready(), reason="lint/packs.py (YAML rule packs) has not landed yet")
def test_a_yaml_rule_pack_through_the_real_cli(tmp_path):
    root = tmp_path / "newsroom"
    pack = root / "house"
    pack.mkdir(parents=True)
    (pack / "HOUSE001.yaml").write_text(textwrap.dedent("""\
        code: HOUSE001
        name: house-spelling
        category: house
        severity: warning
        kind: substitution
        message: "house style is '{replacement}', not '{match}'"
        swap:
          e-mail: email
        """), encoding="utf-8")
    (root / ".newslint.yaml").write_text("packs: [house]\nselect: [HOUSE]\n", encoding="utf-8")
    uri = (root / "memo.md").as_uri()
    text = "# Memo\n\nSend an “e-mail” 😀 to the desk.\n"
    env = {k: v for k, v in os.environ.items() if k != "NEWSLINT_NO_PLUGINS"}

    async def scenario():
        session = Session(env)
        await session.start(root)
        session.open(uri, text)
        published = await session.diagnostics(uri, version=1)
        (diag,) = published.diagnostics
        assert diag.code == "HOUSE001"
        line = text.split("\n")[2]
        assert diag.range.start.character == lsp.code_units(line[: line.index("e-mail")])
        actions = await session.code_actions(uri, diag.range, [diag])
        fix = next(a for a in actions if "replace" in a.title)
        assert "Send an “email” 😀 to the desk." in apply_edit(text, fix.edit, uri)
        return await session.stop()

    assert asyncio.run(scenario()) == 0


NVIM_SCRIPT = """
local client_id = vim.lsp.start_client({ name = "newslint", cmd = { %(python)s, "-m", "lint", "lsp" },
                                          root_dir = %(root)s })
vim.lsp.buf_attach_client(0, client_id)
vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local out = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(out, { lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity,
                      code = d.user_data and d.user_data.lsp and d.user_data.lsp.code or d.code, message = d.message })
end
vim.fn.writefile({ vim.fn.json_encode(out) }, %(result)s)
vim.cmd("qa!")
"""


@pytest.mark.skipif(shutil.which("nvim") is None, reason="Neovim is not installed (apt-get install neovim)")
def test_neovim_shows_the_diagnostics(workspace):
    """The editor setup in docs/editors.md, tried in a real Neovim (headless)."""
    import json
    import subprocess

    root, env = workspace
    story = root / "stories" / "day.md"
    story.write_text(ARTICLE, encoding="utf-8")
    result = root / "nvim-diagnostics.json"
    script = root / "newslint.lua"
    script.write_text(NVIM_SCRIPT % {"python": json.dumps(sys.executable), "root": json.dumps(str(root)),
                                     "result": json.dumps(str(result))}, encoding="utf-8")
    subprocess.run(["nvim", "--headless", "--clean", "-u", "NONE", "-c", f"luafile {script}", str(story)],
                   env=env, cwd=root, timeout=90, capture_output=True, stdin=subprocess.DEVNULL)
    found = {d["code"]: d for d in json.loads(result.read_text(encoding="utf-8"))}
    assert sorted(found) == ["PRB001", "PRB002", "PRB004"]
    line = ARTICLE.split("\n")[2]
    # Neovim turns the server's UTF-16 columns into byte columns: right only if ours were right.
    assert (found["PRB001"]["lnum"], found["PRB001"]["col"]) == (2, len(line[: line.index("shocking")].encode()))
    assert found["PRB001"]["end_col"] == len(line[: line.index(" day")].encode())
    assert found["PRB002"]["severity"] == 1 and found["PRB004"]["severity"] == 3


@pytest.mark.skipif(not _packs_ready(), reason="lint/packs.py (YAML rule packs) has not landed yet")
def test_editing_a_rule_pack_reloads_it_without_touching_the_config(tmp_path):
    pack = tmp_path / "house"
    pack.mkdir()
    rule = pack / "tabloid.yaml"
    rule.write_text("kind: existence\ncode: HOUSE001\ntokens: [slams]\n", encoding="utf-8")  # no message
    (tmp_path / ".newslint.yaml").write_text("packs: [house]\nselect: [HOUSE]\n", encoding="utf-8")
    documents = lsp.DocumentLinter()
    uri = (tmp_path / "a.md").as_uri()
    broken = documents.lint(uri, "# Minister slams critics\n", "markdown")
    assert broken.config_error and "message" in broken.config_error
    rule.write_text("kind: existence\ncode: HOUSE001\nmessage: \"tabloid '{match}'\"\ntokens: [slams]\n",
                    encoding="utf-8")
    stamp = time.time_ns() + 10**9
    os.utime(rule, ns=(stamp, stamp))
    fixed = documents.lint(uri, "# Minister slams critics\n", "markdown")
    assert fixed.config_error is None
    assert [(d.rule, d.message) for d in fixed.diagnostics] == [("HOUSE001", "tabloid 'slams'")]


def test_cli_says_how_to_install_pygls_when_it_is_missing(tmp_path):
    # A stub package named pygls that fails to import stands in for a missing install.
    (tmp_path / "pygls").mkdir()
    (tmp_path / "pygls" / "__init__.py").write_text("raise ImportError('No module named pygls')\n", encoding="utf-8")
    import subprocess

    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT)]))
    done = subprocess.run([sys.executable, "-m", "lint", "lsp"], env=env, capture_output=True, text=True,
                          timeout=60, stdin=subprocess.DEVNULL)
    assert done.returncode == 2
    assert "pip install 'newslint[lsp]'" in done.stderr


def test_lsp_help_lists_its_options():
    import subprocess

    done = subprocess.run([sys.executable, "-m", "lint", "lsp", "--help"], capture_output=True, text=True,
                          timeout=60, cwd=ROOT)
    assert done.returncode == 0
    for option in ("--stdio", "--config", "--debounce-ms", "--docs-url"):
        assert option in done.stdout
