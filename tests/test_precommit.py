"""The pre-commit hook, run by the real `pre-commit` tool in a temporary content repository.

pre-commit installs newslint from a git repository into an environment of
its own (that needs PyPI for the dependencies, which CI reaches) and runs it
on the staged articles. `pre-commit try-repo` takes the hook repository's
HEAD plus staged and modified *tracked* files, never untracked ones; so the
test snapshots the project's working tree (tracked and untracked files, as
`git ls-files` lists them) into a fresh repository and points pre-commit at
that. It works the same on a fresh CI checkout and in a working copy with
uncommitted files.

The flawed article trips a rule of a small YAML pack in the content
repository, so the test does not depend on any built-in rule family.

Slow (two environment installs of newslint, 1.5 to 2 minutes in all): set
NEWSLINT_SKIP_PRECOMMIT=1 to skip it.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SUBPROCESS_TIMEOUT = 900  # seconds: pip-installs newslint and its dependencies into pre-commit's environment
# What pip needs to build and install newslint (the wheel's sources and metadata).
PROJECT_FILES = ("pyproject.toml", "README.md", "LICENSE", "lint/", "rules/", ".pre-commit-hooks.yaml")
NETWORK_ERRORS = ("Failed to establish a new connection", "Temporary failure in name resolution",
                  "Network is unreachable", "NewConnectionError", "ProxyError", "Name or service not known")


def _skip_reason() -> str | None:
    if os.environ.get("NEWSLINT_SKIP_PRECOMMIT"):
        return "NEWSLINT_SKIP_PRECOMMIT is set"
    if shutil.which("git") is None:
        return "git is not installed; the pre-commit test needs it"
    if importlib.util.find_spec("pre_commit") is None:
        return "pre-commit is not installed; install the test extra: pip install '.[test]'"
    return None


pytestmark = pytest.mark.skipif(_skip_reason() is not None, reason=_skip_reason() or "")

PACK_RULE = """\
kind: existence
code: HOUSE001
name: tabloid-verbs
message: "'{match}' is tabloid shorthand; say what was actually said or done"
ignorecase: true
tokens:
  - slams?
  - slammed
"""
NEWSLINT_CONFIG = "packs: [style]\nselect: [house]\n"
FLAWED = "# Council budget\n\nThe mayor slammed the budget on Tuesday.\n"
CLEAN = "# Council budget\n\nThe mayor criticised the budget on Tuesday.\n"


def _env(home: Path) -> dict[str, str]:
    # HOME stays: pip's and virtualenv's caches there make the installs several times faster.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    # An empty file of our own, not os.devnull: on some sandboxes /dev/null is a regular
    # file that other programs have written into, and git refuses to parse it.
    empty_config = home / "empty.gitconfig"
    empty_config.write_text("", encoding="utf-8")
    env.update({
        "PRE_COMMIT_HOME": str(home / "pre-commit-store"),
        "GIT_CONFIG_GLOBAL": str(empty_config),  # no user git config (hooksPath, signing) leaks in
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
        "PRE_COMMIT_COLOR": "never",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    })
    return env


def _run(args, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=SUBPROCESS_TIMEOUT)


def _git(cwd: Path, env: dict[str, str], *args: str) -> str:
    result = _run(["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args], cwd, env)
    assert result.returncode == 0, f"git {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout.strip()


def _pre_commit(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    result = _run([sys.executable, "-m", "pre_commit", *args], cwd, env)
    output = result.stdout + result.stderr
    if result.returncode not in (0, 1) and any(marker in output for marker in NETWORK_ERRORS):
        pytest.skip("pre-commit could not reach the package index to install newslint's dependencies "
                    "(CI has network access; offline, set NEWSLINT_SKIP_PRECOMMIT=1)")
    return result


def _project_files() -> list[str]:
    """Tracked and untracked (not ignored) files that pip needs, as they are in the working tree."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, timeout=60)
    if listed.returncode == 0:
        names = [n for n in listed.stdout.decode("utf-8", "surrogateescape").split("\0") if n]
    else:  # not a git checkout (an unpacked archive): take the folders as they are
        names = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*") if p.is_file()]
    wanted = [n for n in names if n.startswith(PROJECT_FILES) and "__pycache__" not in n]
    return [n for n in wanted if (ROOT / n).is_file()]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    home = tmp_path_factory.mktemp("precommit")
    return home, _env(home)


@pytest.fixture(scope="module")
def hook_repo(workspace) -> tuple[Path, str]:
    """A one-commit git repository holding the project as it is in the working tree."""
    home, env = workspace
    repo = home / "newslint-hook"
    for name in _project_files():
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    assert (repo / ".pre-commit-hooks.yaml").is_file()
    _git(repo, env, "init", "-q")
    _git(repo, env, "add", "-A")
    _git(repo, env, "commit", "-q", "-m", "snapshot")
    return repo, _git(repo, env, "rev-parse", "HEAD")


def _content_repo(home: Path, env: dict[str, str], name: str) -> Path:
    repo = home / name
    (repo / "style").mkdir(parents=True)
    (repo / "style" / "tabloid-verbs.yaml").write_text(PACK_RULE, encoding="utf-8")
    (repo / ".newslint.yaml").write_text(NEWSLINT_CONFIG, encoding="utf-8")
    (repo / "flawed.md").write_text(FLAWED, encoding="utf-8")
    (repo / "clean.md").write_text(CLEAN, encoding="utf-8")
    _git(repo, env, "init", "-q")
    return repo


def test_try_repo_reports_the_flawed_article_and_not_the_clean_one(workspace, hook_repo):
    home, env = workspace
    hook, _ = hook_repo
    content = _content_repo(home, env, "content-try")
    _git(content, env, "add", "-A")

    started = time.monotonic()
    result = _pre_commit(content, env, "try-repo", str(hook), "newslint", "--files", "flawed.md", "clean.md")
    print(f"pre-commit try-repo (environment install + run): {time.monotonic() - started:.1f}s")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "newslint" in output and "Failed" in output
    assert "flawed.md:3:11: HOUSE001 [warning] 'slammed' is tabloid shorthand" in output
    assert "clean.md:" not in output


def test_installed_hook_blocks_the_commit_of_a_flawed_article(workspace, hook_repo):
    home, env = workspace
    hook, sha = hook_repo
    content = _content_repo(home, env, "content-commit")
    (content / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook}\n    rev: {sha}\n    hooks:\n      - id: newslint\n", encoding="utf-8")
    result = _pre_commit(content, env, "install")
    assert result.returncode == 0, result.stdout + result.stderr

    # A clean article (with the config and the pack) commits.
    _git(content, env, "add", "clean.md", ".newslint.yaml", ".pre-commit-config.yaml", "style")
    started = time.monotonic()
    commit = _run(["git", "-c", "commit.gpgsign=false", "commit", "-m", "clean article"], content, env)
    print(f"first commit (environment install + run): {time.monotonic() - started:.1f}s")
    assert commit.returncode == 0, commit.stdout + commit.stderr
    assert "newslint" in commit.stdout + commit.stderr and "Passed" in commit.stdout + commit.stderr

    # A flawed one is blocked, with the diagnostics shown, and nothing is committed.
    _git(content, env, "add", "flawed.md")
    started = time.monotonic()
    commit = _run(["git", "-c", "commit.gpgsign=false", "commit", "-m", "flawed article"], content, env)
    print(f"blocked commit (environment cached): {time.monotonic() - started:.1f}s")
    output = commit.stdout + commit.stderr
    assert commit.returncode != 0, output
    assert "flawed.md:3:11: HOUSE001 [warning] 'slammed' is tabloid shorthand" in output
    assert _git(content, env, "rev-list", "--count", "HEAD") == "1"
    assert "flawed.md" in _git(content, env, "diff", "--cached", "--name-only")
