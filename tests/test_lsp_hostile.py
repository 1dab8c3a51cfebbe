"""The language server under hostile clients: a vanished client, a large document typed into quickly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("pygls")

ROOT = Path(__file__).resolve().parent.parent


def _frame(message: dict) -> bytes:
    body = json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _read_message(stream) -> dict:
    length = 0
    while True:
        line = stream.readline()
        if not line:
            raise EOFError("server closed its output")
        if line in (b"\r\n", b"\n"):
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(stream.read(length))


def _start(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "lint", "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, cwd=tmp_path, env=env)


def _initialize(proc, tmp_path) -> None:
    proc.stdin.write(_frame({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                             "params": {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}}}))
    proc.stdin.flush()
    while _read_message(proc.stdout).get("id") != 1:
        pass
    proc.stdin.write(_frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
    proc.stdin.flush()


def test_server_exits_when_the_client_disconnects_without_shutdown(tmp_path):
    proc = _start(tmp_path)
    try:
        _initialize(proc, tmp_path)
        proc.stdin.close()  # the editor crashed: no shutdown, no exit
        assert proc.wait(timeout=30) is not None
    finally:
        if proc.poll() is None:
            proc.kill()


def test_a_1_mb_document_typed_into_quickly_publishes_the_latest_version(tmp_path):
    (tmp_path / ".newslint.yaml").write_text("select: [TYP004]\n", encoding="utf-8")
    uri = (tmp_path / "big.md").as_uri()
    base = "A calm sentence about the council budget and its plans.\n" * 18_000  # about 1 MB
    proc = _start(tmp_path)
    try:
        _initialize(proc, tmp_path)
        proc.stdin.write(_frame({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": base}}}))
        for version in range(2, 22):  # twenty quick edits, each a full-text change
            text = base + f"Edit {version} ends here.Next\n"
            proc.stdin.write(_frame({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}}))
        proc.stdin.flush()
        deadline = time.monotonic() + 120
        latest = None
        while time.monotonic() < deadline:
            message = _read_message(proc.stdout)
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                latest = message["params"]
                if latest.get("version") == 21:
                    break
        assert latest is not None and latest.get("version") == 21, latest and latest.get("version")
        [diag] = [d for d in latest["diagnostics"] if d.get("code") == "TYP004"]
        assert diag["range"]["start"]["line"] == 18_000
        proc.stdin.write(_frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
        proc.stdin.write(_frame({"jsonrpc": "2.0", "method": "exit"}))
        proc.stdin.flush()
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
