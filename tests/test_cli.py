"""The command line as a user meets it: exit codes, formats, bad input, stdin, baselines, fixes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from lint.cli import main
from tests.engine_fixtures import with_sample_plugin  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("with_sample_plugin")

FLAWED = "Headline\nA shocking claim.\n"
CLEAN = "Headline\nA calm claim.\n"


def run(capsys, *args):
    code = main(["--isolated", "--no-progress", "--select", "TST", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def articles(tmp_path):
    (tmp_path / "flawed.txt").write_text(FLAWED, encoding="utf-8")
    (tmp_path / "clean.md").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def test_exit_codes(capsys, articles):
    assert run(capsys, str(articles / "clean.md"))[0] == 0
    code, out, _ = run(capsys, str(articles))
    assert code == 1
    assert "flawed.txt:2:3: TST001 [warning] avoid 'shocking'" in out
    assert run(capsys, "--exit-zero", str(articles))[0] == 0
    assert run(capsys, "--fail-level", "error", str(articles))[0] == 0


def test_info_findings_do_not_fail_by_default(capsys, tmp_path):
    (tmp_path / "a.txt").write_text("Head\nIt reportedly happened.\n", encoding="utf-8")
    code, out, _ = run(capsys, str(tmp_path))
    assert code == 0 and "TST004 [info]" in out
    assert run(capsys, "--fail-level", "info", str(tmp_path))[0] == 1


def test_json_format_fields(capsys, articles):
    code, out, _ = run(capsys, "--format", "json", str(articles))
    document = json.loads(out)
    assert set(document) >= {"version", "diagnostics", "summary"}
    [diag] = document["diagnostics"]
    for key in ("path", "line", "column", "end_line", "end_column", "rule", "name", "category", "severity", "message", "excerpt"):
        assert key in diag
    assert diag["fix"] == {"replacement": "notable"}
    assert document["summary"]["files"] == 2 and document["summary"]["by_rule"] == {"TST001": 1}


def test_jsonl_format(capsys, articles):
    _, out, _ = run(capsys, "--format", "jsonl", str(articles))
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["type"] for r in rows] == ["diagnostic", "summary"]


def test_github_format_escapes(capsys, tmp_path):
    path = tmp_path / "a,b.txt"
    path.write_text(FLAWED, encoding="utf-8")
    _, out, _ = run(capsys, "--format", "github", str(path))
    assert out.startswith("::warning file=") and "a%2Cb.txt" in out and ",line=2,col=3," in out


def test_full_format_shows_source_and_carets(capsys, articles):
    _, out, _ = run(capsys, "--format", "full", str(articles / "flawed.txt"))
    assert "2 | A shocking claim." in out
    assert "|   ^^^^^^^^" in out


def test_output_file_and_determinism(capsys, articles, tmp_path):
    target = tmp_path / "out" 
    target.mkdir()
    run(capsys, "--format", "json", "-o", str(target / "r1.json"), str(articles))
    run(capsys, "--format", "json", "-o", str(target / "r2.json"), str(articles))
    assert (target / "r1.json").read_bytes() == (target / "r2.json").read_bytes()
    assert not [p for p in target.iterdir() if p.name.startswith(".newslint-")]


def test_statistics(capsys, articles):
    _, out, _ = run(capsys, "--statistics", str(articles))
    assert "1  TST001  [warning] banned-word" in out


def test_stdin_with_filename(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(FLAWED.encode())))
    code, out, _ = run(capsys, "--stdin-filename", "draft.md", "-")
    assert code == 1 and out.startswith("draft.md:2:3: TST001")


class TestBadInput:
    def test_missing_path_and_other_files_still_linted(self, capsys, articles):
        code, out, _ = run(capsys, str(articles / "nope.txt"), str(articles / "flawed.txt"))
        assert code == 2
        assert "nope.txt:1:1: NL001 [error] no such file or directory" in out
        assert "TST001" in out

    def test_directory_without_articles(self, capsys, tmp_path):
        (tmp_path / "image.png").write_bytes(b"\x89PNG")
        code, out, _ = run(capsys, str(tmp_path))
        assert code == 2 and "NL008" in out and "no articles found" in out

    def test_empty_file(self, capsys, tmp_path):
        (tmp_path / "empty.txt").write_text("", encoding="utf-8")
        code, out, _ = run(capsys, str(tmp_path))
        assert code == 0 and "NL006 [info] file is empty" in out

    def test_binary_file(self, capsys, tmp_path):
        (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary")
        code, out, _ = run(capsys, str(tmp_path))
        assert code == 2 and "NL003" in out and "binary file" in out

    def test_not_utf8_names_the_byte_and_suggests_encoding(self, capsys, tmp_path):
        path = tmp_path / "latin.txt"
        path.write_bytes("Head\nCaf\xe9 shocking\n".encode("latin-1"))
        code, out, _ = run(capsys, str(path))
        assert code == 2
        assert "byte 0xe9 at offset 8 (line 2, column 4)" in out and "--encoding" in out
        code, out, _ = run(capsys, "--encoding", "latin-1", str(path))
        assert code == 1 and "TST001" in out
        _, out, _ = run(capsys, "--encoding", "latin-1", "--format", "full", str(path))
        assert "2 | Café shocking" in out, "the full format reads the source in the same encoding"
        assert path.read_bytes() == "Head\nCaf\xe9 shocking\n".encode("latin-1")

    def test_huge_file_is_skipped_with_a_message(self, capsys, tmp_path):
        path = tmp_path / "huge.txt"
        path.write_text("Head\n" + ("word " * 200_000 + "\n") * 12, encoding="utf-8")
        code, out, _ = run(capsys, "--max-file-size", "1MB", str(path))
        assert code == 2 and "NL007" in out and "max-file-size" in out

    def test_huge_file_within_limit_is_linted(self, capsys, tmp_path):
        path = tmp_path / "big.txt"
        path.write_text("Head\n" + "A calm line of text.\n" * 200_000 + "shocking\n", encoding="utf-8")
        code, out, _ = run(capsys, "--max-file-size", "50MB", str(path))
        assert code == 1 and "TST001" in out

    @pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
    def test_unreadable_file(self, capsys, tmp_path):
        path = tmp_path / "secret.txt"
        path.write_text(FLAWED, encoding="utf-8")
        path.chmod(0)
        code, out, _ = run(capsys, str(path))
        assert code == 2 and "permission denied" in out

    def test_fifo_is_reported_not_read(self, capsys, tmp_path):
        fifo = tmp_path / "pipe.txt"
        os.mkfifo(fifo)
        code, out, _ = run(capsys, str(fifo))
        assert code == 2 and "not a regular file" in out

    def test_broken_config(self, capsys, tmp_path, articles):
        config = tmp_path / "bad.yaml"
        config.write_text("select: [TST]\nfail-levle: error\n", encoding="utf-8")
        code = main(["--config", str(config), str(articles)])
        _, err = capsys.readouterr()
        assert code == 2
        assert f"{config}:2: unknown key 'fail-levle' (did you mean 'fail-level'?)" in err

    def test_invalid_yaml_config(self, capsys, tmp_path, articles):
        config = tmp_path / "bad.yaml"
        config.write_text("select: [TST\n", encoding="utf-8")
        assert main(["--config", str(config), str(articles)]) == 2
        assert "invalid YAML" in capsys.readouterr().err

    def test_no_paths_is_a_usage_error(self, capsys):
        assert main(["--isolated"]) == 2
        assert "no paths given" in capsys.readouterr().err


def test_config_discovered_by_walking_up(capsys, tmp_path, monkeypatch):
    (tmp_path / ".newslint.yaml").write_text("select: [TST001]\nseverity:\n  TST001: error\n", encoding="utf-8")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    (sub / "x.txt").write_text(FLAWED, encoding="utf-8")
    monkeypatch.chdir(sub)
    assert main(["--no-progress", "x.txt"]) == 1
    assert "TST001 [error]" in capsys.readouterr().out


def test_baseline_round_trip(capsys, articles, tmp_path):
    baseline = tmp_path / "baseline.json"
    assert run(capsys, "--write-baseline", str(baseline), str(articles))[0] == 0
    code, out, _ = run(capsys, "--baseline", str(baseline), str(articles))
    assert code == 0 and "1 in baseline" not in out and "No problems" in out


def test_fix_and_diff(capsys, articles):
    path = articles / "flawed.txt"
    code, out, err = run(capsys, "--diff", str(path))
    assert "-A shocking claim." in out and "+A notable claim." in out
    assert path.read_text(encoding="utf-8") == FLAWED, "--diff writes nothing"
    code, out, err = run(capsys, "--fix", str(path))
    assert code == 0 and "Fixed 1 problem in 1 file." in err
    assert path.read_text(encoding="utf-8") == FLAWED.replace("shocking", "notable")
    assert run(capsys, "--fix", str(path))[2] == "", "a second --fix changes nothing"


def test_catalogue_commands(capsys):
    assert main(["rules"]) == 0
    assert "TST001  banned-word" in capsys.readouterr().out
    assert main(["rule", "TST001"]) == 0
    out = capsys.readouterr().out
    assert "What it does" in out and "word:" in out
    assert main(["rule", "TST01"]) == 2
    assert "did you mean 'TST001'" in capsys.readouterr().err
    assert main(["rules", "--format", "json"]) == 0
    assert any(r["code"] == "TST001" for r in json.loads(capsys.readouterr().out))


def test_plugins_command(capsys):
    assert main(["plugins"]) == 0
    out = capsys.readouterr().out
    assert "rules 0.1.0 (built-in)" in out and "tests.sample_plugin" in out


def test_help_documents_every_option():
    out = subprocess.run([sys.executable, "-m", "lint", "--help"], capture_output=True, text=True, check=True).stdout
    for option in ("--format", "--output-file", "--select", "--ignore", "--config", "--isolated", "--fail-level",
                   "--exit-zero", "--statistics", "--jobs", "--stdin-filename", "--baseline", "--write-baseline",
                   "--fix", "--diff", "--no-cache", "--encoding", "--max-file-size"):
        assert option in out


def test_fix_leaves_baselined_findings_alone(capsys, articles, tmp_path):
    path = articles / "flawed.txt"
    baseline = tmp_path / "baseline.json"
    run(capsys, "--write-baseline", str(baseline), str(path))
    path.write_text(FLAWED + "Another shocking line.\n", encoding="utf-8")
    run(capsys, "--baseline", str(baseline), "--fix", str(path))
    assert path.read_text(encoding="utf-8") == FLAWED + "Another notable line.\n"
