"""Third-party plugins through the `newslint` entry-point group, and the progress bar."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _fake_distribution(site: Path) -> None:
    """A minimal installed distribution that declares a newslint entry point."""
    (site / "newslint_house.py").write_text(textwrap.dedent('''
        import re
        from lint import Rule, Severity, Span, hookimpl

        class NoHype(Rule):
            """
            What it does: flags "game-changer".

            Why is this bad? House style.

            Example: a game-changer deal.
            """
            code, name, category = "RES901", "no-hype", "residue"
            severity = Severity.WARNING
            summary = "House style: no hype words."
            origin = "newslint-house"

            def check(self, article, options):
                for m in re.finditer(r"game-changer", article.masked):
                    yield self.finding(Span(m.start(), m.end()), "house style avoids 'game-changer'")

        @hookimpl
        def newslint_register_rules():
            return [NoHype()]
    '''), encoding="utf-8")
    dist = site / "newslint_house-1.2.3.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: newslint-house\nVersion: 1.2.3\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[newslint]\nhouse = newslint_house\n", encoding="utf-8")


def _env(site: Path) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(site), str(ROOT)])
    env.pop("NEWSLINT_NO_PLUGINS", None)
    return env


def test_entry_point_plugin_is_loaded_listed_and_runs(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    _fake_distribution(site)
    article = tmp_path / "a.txt"
    article.write_text("Head\nA game-changer deal.\n", encoding="utf-8")
    run = lambda *args: subprocess.run([sys.executable, "-m", "lint", *args], capture_output=True, text=True,  # noqa: E731
                                       env=_env(site), cwd=tmp_path)
    plugins = run("plugins").stdout
    assert "newslint-house 1.2.3 (plugin): 1 rules" in plugins
    result = run("--isolated", "--select", "RES901", str(article))
    assert result.returncode == 1
    assert "a.txt:2:3: RES901 [warning] house style avoids 'game-changer'" in result.stdout
    assert "provided by: newslint-house" in run("rule", "RES901").stdout


def _run_on_terminal(args, cwd) -> str:
    """Run newslint with stderr on a pseudo-terminal and return what reached it."""
    master, slave = pty.openpty()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "lint", *args], stdout=subprocess.DEVNULL, stderr=slave, cwd=cwd, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait()
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_only(tmp_path):
    for i in range(30):
        (tmp_path / f"a{i:02d}.txt").write_text(f"Head {i}\nBody text {i}.\n", encoding="utf-8")
    shown = _run_on_terminal(["--isolated", "--jobs", "1", "."], tmp_path)
    assert "30/30 files" in shown
    piped = subprocess.run([sys.executable, "-m", "lint", "--isolated", "--jobs", "1", "."], cwd=tmp_path,
                           capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert "files" not in piped.stderr
    few = tmp_path / "few"
    few.mkdir()
    (few / "a.txt").write_text("Head\nBody.\n", encoding="utf-8")
    assert "files" not in _run_on_terminal(["--isolated", "few"], tmp_path)


def test_entry_point_prescan_finds_declared_groups_and_never_rules_out_what_it_cannot_read(tmp_path, monkeypatch):
    """The cheap look that spares most runs importing importlib.metadata."""
    from lint.plugins import _may_have_entry_points

    site = tmp_path / "site"
    site.mkdir()
    other = site / "other-1.0.dist-info"
    other.mkdir()
    (other / "entry_points.txt").write_text("[console_scripts]\nother = other:main\n", encoding="utf-8")
    (site / "legacy-1.0.egg-info").write_text("Metadata-Version: 1.0\n", encoding="utf-8")  # a file, not a folder
    monkeypatch.setattr(sys, "path", [str(site), str(tmp_path / "missing")])
    assert not _may_have_entry_points("newslint")
    _fake_distribution(site)
    assert _may_have_entry_points("newslint")
    archive = tmp_path / "bundle.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\0" * 18)  # an empty zip on the path: only importlib.metadata can look inside
    monkeypatch.setattr(sys, "path", [str(archive)])
    assert _may_have_entry_points("newslint")


def test_a_run_without_third_party_plugins_does_not_import_importlib_metadata(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Head\nA quiet day.\n", encoding="utf-8")
    code = ("import sys; from lint.cli import main; main(['--isolated', '--no-progress', sys.argv[1]]); "
            "print('importlib.metadata' in sys.modules)")
    env = dict(os.environ)
    env.pop("NEWSLINT_NO_PLUGINS", None)
    result = subprocess.run([sys.executable, "-c", code, str(article)], capture_output=True, text=True, cwd=ROOT,
                            env=env, timeout=120)
    assert result.stdout.strip().splitlines()[-1] == "False", result.stdout + result.stderr
