"""Robustness promises: hostile paths, vanishing files, and writes that never lose data."""

from __future__ import annotations

import errno
import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import lint.fsutil
from lint.cli import main
from lint.inputs import Discovered
from tests.engine_fixtures import sample_linter, with_sample_plugin  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
FLAWED = "Headline\nA shocking claim.\n"


@pytest.fixture
def char_device():
    """The path of a real character device: a pseudo-terminal we own.

    Not /dev/null: some sandboxes replace it with a regular file, and a test must
    never write into (or risk replacing) a device the rest of the machine uses.
    """
    master, slave = os.openpty()
    try:
        yield os.ttyname(slave), master
    finally:
        os.close(slave)
        os.close(master)


def run(capsys, *args):
    code = main(["--isolated", "--no-progress", "--select", "TST", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.usefixtures("with_sample_plugin")
class TestHostilePaths:
    def test_symlink_loop_terminates_and_lints_each_file_once(self, capsys, tmp_path):
        (tmp_path / "a.txt").write_text(FLAWED, encoding="utf-8")
        (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
        code, out, _ = run(capsys, str(tmp_path))
        assert code == 1 and out.count("TST001") == 1

    def test_device_file(self, capsys, char_device):
        path, _ = char_device
        code, out, _ = run(capsys, path)
        assert code == 2 and f"{path}:1:1: NL001 [error] not a regular file" in out

    def test_unreadable_directory_is_reported_and_the_rest_linted(self, capsys, tmp_path, monkeypatch):
        (tmp_path / "a.txt").write_text(FLAWED, encoding="utf-8")
        locked = tmp_path / "locked"
        locked.mkdir()
        real_walk = os.walk

        def walk(top, onerror=None, followlinks=False):
            # Root reads every folder, so simulate the kernel refusing one.
            for folder, dirs, files in real_walk(top, onerror=onerror, followlinks=followlinks):
                if Path(folder) == locked:
                    onerror(PermissionError(errno.EACCES, "Permission denied", str(locked)))
                    continue
                yield folder, dirs, files

        monkeypatch.setattr("lint.inputs.os.walk", walk)
        code, out, _ = run(capsys, str(tmp_path))
        assert code == 2
        assert f"{locked}:1:1: NL001 [error] cannot read directory: Permission denied" in out
        assert "TST001" in out

    def test_odd_paths_in_every_format(self, tmp_path):
        folder = os.path.join(os.fsencode(tmp_path), b"odd dir")
        os.mkdir(folder)
        for raw in (b"with space.txt", b"new\nline.txt", b"caf\xe9.txt"):
            with open(os.path.join(folder, raw), "wb") as handle:
                handle.write(FLAWED.encode())

        def newslint(*args) -> bytes:
            script = ("import sys, lint.plugins; sys.path.insert(0, %r); "
                      "lint.plugins.BUILTIN_PLUGINS += ('tests.sample_plugin',); "
                      "from lint.cli import main; sys.exit(main(sys.argv[1:]))") % str(ROOT)
            return subprocess.run([sys.executable, "-c", script, "--isolated", "--select", "TST", *args, folder],
                                  capture_output=True, env=dict(os.environ, NEWSLINT_NO_PLUGINS="1")).stdout

        lines = [line for line in newslint().splitlines() if b"TST001" in line]
        assert len(lines) == 3, "a newline in a file name must not split a finding over two lines"
        assert any(b"new\\nline.txt" in line for line in lines)
        assert any(b"caf\xe9.txt" in line for line in lines), "raw bytes go back to the terminal unchanged"
        document = json.loads(newslint("--format", "json").decode("utf-8"))
        assert any(d["path"].endswith("caf\udce9.txt") for d in document["diagnostics"])
        sarif = json.loads(newslint("--format", "sarif").decode("utf-8"))
        uris = sorted(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"])
        assert any(u.endswith("odd%20dir/caf%E9.txt") for u in uris)
        assert any(u.endswith("odd%20dir/new%0Aline.txt") for u in uris)
        assert b"new%0Aline.txt" in newslint("--format", "github")


def test_file_that_vanishes_mid_run(tmp_path):
    gone = tmp_path / "gone.txt"
    linter = sample_linter()
    [result] = linter.lint_discovered([Discovered(str(gone))])
    assert result.diagnostics[0].rule == "NL001" and "removed during the run" in result.diagnostics[0].message



class TestWritesNeverLoseData:
    def test_new_output_file_gets_ordinary_permissions(self, tmp_path):
        target = tmp_path / "report.html"
        lint.fsutil.atomic_write_bytes(str(target), b"x")
        umask = os.umask(0)
        os.umask(umask)
        assert target.stat().st_mode & 0o777 == 0o666 & ~umask

    def test_writing_to_a_device_never_replaces_it(self, tmp_path, char_device):
        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
        lint.fsutil.atomic_write_bytes(str(fifo), b"report\n")
        assert reader.communicate(timeout=10)[0] == b"report\n"
        assert stat.S_ISFIFO(fifo.stat().st_mode), "the FIFO must still be a FIFO"
        device, master = char_device
        lint.fsutil.atomic_write_bytes(device, b"x")
        assert os.read(master, 16) == b"x", "the bytes must go through the device"
        assert stat.S_ISCHR(os.stat(device).st_mode), "the device must still be a device"

    def test_failed_write_leaves_the_original_and_no_temp_file(self, tmp_path, monkeypatch):
        path = tmp_path / "a.txt"
        path.write_bytes(b"original bytes\n")

        def full_disk(fd, *args, **kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(lint.fsutil.os, "fsync", full_disk)
        with pytest.raises(OSError):
            lint.fsutil.atomic_write_bytes(str(path), b"new bytes\n")
        assert path.read_bytes() == b"original bytes\n"
        assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]

    @pytest.mark.usefixtures("with_sample_plugin")
    def test_fix_reports_a_full_disk_and_keeps_the_file(self, capsys, tmp_path, monkeypatch):
        path = tmp_path / "a.txt"
        path.write_text(FLAWED, encoding="utf-8")
        monkeypatch.setattr(lint.fsutil.os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space left on device")))
        code, out, _ = run(capsys, "--fix", str(path))
        assert code == 2 and "fixes not written" in out and "No space left" in out
        assert path.read_text(encoding="utf-8") == FLAWED

    @pytest.mark.usefixtures("with_sample_plugin")
    def test_read_only_article_is_reported_not_touched(self, capsys, tmp_path):
        path = tmp_path / "a.txt"
        path.write_text(FLAWED, encoding="utf-8")
        path.chmod(0o444)
        code, out, _ = run(capsys, "--fix", str(path))
        assert code == 2 and "read-only" in out
        assert path.read_text(encoding="utf-8") == FLAWED

    def test_killed_in_the_middle_of_a_fix_leaves_the_original_intact(self, tmp_path):
        article = tmp_path / "a.txt"
        article.write_text(FLAWED * 50, encoding="utf-8")
        script = textwrap.dedent(f"""
            import os, sys, time
            sys.path.insert(0, {str(ROOT)!r})
            import lint.plugins, lint.fsutil
            lint.plugins.BUILTIN_PLUGINS = (*lint.plugins.BUILTIN_PLUGINS, "tests.sample_plugin")
            real_replace = os.replace
            def slow_replace(src, dst):
                open({str(tmp_path / 'ready')!r}, "w").close()
                time.sleep(60)  # killed here: the temporary file is written, the rename has not happened
                real_replace(src, dst)
            lint.fsutil.os.replace = slow_replace
            from lint.cli import main
            main(["--isolated", "--select", "TST", "--fix", {str(article)!r}])
        """)
        proc = subprocess.Popen([sys.executable, "-c", script], env=dict(os.environ, NEWSLINT_NO_PLUGINS="1"))
        deadline = time.monotonic() + 30
        while not (tmp_path / "ready").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert (tmp_path / "ready").exists(), "the fix never reached the write"
        assert article.read_text(encoding="utf-8") == FLAWED * 50


class TestHostileSizes:
    """Huge input is linted in bounded time and memory, or skipped with a message."""

    def test_a_100_mb_file_is_skipped_above_the_limit(self, tmp_path):
        path = tmp_path / "dump.txt"
        block = ("A line of archive text that goes on. " * 27 + "\n").encode()
        with open(path, "wb") as handle:
            for _ in range(100 * 1024 * 1024 // len(block) + 1):
                handle.write(block)
        start = time.monotonic()
        result = subprocess.run([sys.executable, "-m", "lint", "--isolated", str(path)], capture_output=True, text=True,
                                cwd=ROOT, timeout=120)
        assert result.returncode == 2 and "NL007" in result.stdout and "max-file-size" in result.stdout
        assert time.monotonic() - start < 60

    def test_a_5_mb_single_line_is_linted_in_bounded_time_and_memory(self, tmp_path):
        words = ("the minister said on Tuesday that talks would continue , reportedly according to sources . "
                 "“ quote ” Dr. Smith of the Institute").split()
        line = " ".join(words[(i * 7) % len(words)] for i in range(800_000))[:5_000_000]
        path = tmp_path / "oneline.txt"
        path.write_text("Headline\n" + line + "\n", encoding="utf-8")
        script = ("import resource, sys; from lint.cli import main; code = main(sys.argv[1:]); "
                  "print('maxrss', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); sys.exit(code)")
        start = time.monotonic()
        result = subprocess.run([sys.executable, "-c", script, "--isolated", "--statistics", str(path)],
                                capture_output=True, text=True, cwd=ROOT, timeout=300)
        elapsed = time.monotonic() - start
        assert result.returncode in (0, 1), result.stderr[-2000:]
        assert "NL004" not in result.stdout
        peak_mib = int(result.stderr.split("maxrss")[-1].split()[0]) / 1024
        assert elapsed < 240, f"{elapsed:.0f} s for a 5 MB line"
        assert peak_mib < 1500, f"{peak_mib:.0f} MiB for a 5 MB line"
