"""Finding article files and reading them without losing a byte.

Text is decoded strictly; a BOM and the line endings are remembered so that
``--fix`` can write the file back exactly as it was except for the fixes.
Rules always see ``\\n`` line endings.
"""

from __future__ import annotations

import codecs
import fnmatch
import os
import stat
import sys
from pathlib import Path

from lint.article import MARKDOWN_SUFFIXES, TEXT_SUFFIXES
from lint.values import Frozen, Value

ARTICLE_SUFFIXES = TEXT_SUFFIXES + MARKDOWN_SUFFIXES

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class InputProblem(Exception):
    """A file that cannot be linted; ``code`` is the internal rule that reports it."""

    def __init__(self, code: str, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column


class Source(Value):
    """A decoded file and what is needed to write it back byte for byte."""

    __slots__ = ("path", "text", "encoding", "bom", "endings", "trailing_cr")

    def __init__(self, path: str, text: str, encoding: str = "utf-8", bom: bytes = b"",
                 endings: list[str] | None = None, trailing_cr: bool = False) -> None:
        self.path = path
        self.text = text  # newline-normalised
        self.encoding = encoding
        self.bom = bom
        self.endings = endings  # original ending of each "\n", when not all "\n"
        self.trailing_cr = trailing_cr  # the file ended in a lone "\r" with no "\n" after it

    def encode(self, text: str) -> bytes:
        """Bytes for ``text`` (same newline count) with the original BOM, encoding and endings."""
        if self.endings is not None:
            parts = text.split("\n")
            if len(parts) - 1 != len(self.endings):
                raise ValueError("line count changed; refusing to write")
            out = [parts[0]]
            for ending, part in zip(self.endings, parts[1:]):
                out.append(ending)
                out.append(part)
            text = "".join(out)
        return self.bom + text.encode(self.encoding)


def normalise_newlines(raw: str) -> tuple[str, list[str] | None]:
    if "\r" not in raw:
        return raw, None
    endings: list[str] = []
    out: list[str] = []
    i = 0
    length = len(raw)
    start = 0
    while i < length:
        ch = raw[i]
        if ch == "\r":
            out.append(raw[start:i])
            if i + 1 < length and raw[i + 1] == "\n":
                endings.append("\r\n")
                i += 2
            else:
                endings.append("\r")
                i += 1
            out.append("\n")
            start = i
            continue
        if ch == "\n":
            endings.append("\n")
        i += 1
    out.append(raw[start:])
    return "".join(out), endings


def decode(path: str, data: bytes, encoding: str = "utf-8") -> Source:
    bom = b""
    chosen = encoding
    for mark, name in _BOMS:
        if data.startswith(mark):
            bom, chosen = mark, name
            break
    body = data[len(bom) :]
    if not bom and b"\x00" in body[:8192]:
        raise InputProblem("NL003", "binary file (it contains NUL bytes); skipped. Only text and Markdown articles are linted")
    try:
        raw = body.decode(chosen)
    except UnicodeDecodeError as exc:
        offset = exc.start + len(bom)
        line = body.count(b"\n", 0, exc.start) + 1
        line_start = body.rfind(b"\n", 0, exc.start) + 1
        column = len(body[line_start : exc.start].decode(chosen, errors="replace")) + 1
        bad = body[exc.start : exc.start + 1].hex()
        raise InputProblem(
            "NL002",
            f"file is not valid {chosen.upper()}: byte 0x{bad} at offset {offset} (line {line}, column {column}) "
            f"cannot be decoded; re-save the file as UTF-8, or name its encoding with --encoding (e.g. --encoding cp1252)",
            line,
            column,
        ) from None
    except LookupError:
        raise InputProblem("NL002", f"unknown encoding {chosen!r}; use a Python codec name such as utf-8 or cp1252") from None
    text, endings = normalise_newlines(raw)
    return Source(path=path, text=text, encoding=_without_signature(chosen), bom=bom, endings=endings)


def _without_signature(encoding: str) -> str:
    """The codec that writes what ``encoding`` read, minus the BOM it would add.

    A file's BOM is kept in ``Source.bom``: a codec such as utf-8-sig or utf-16
    also writes one of its own, and would add a BOM to a file that had none.
    """
    name = codecs.lookup(encoding).name
    native = "le" if sys.byteorder == "little" else "be"  # what utf-16/32 assume without a BOM
    return {"utf-8-sig": "utf-8", "utf-16": f"utf-16-{native}", "utf-32": f"utf-32-{native}"}.get(name, encoding)


def read_source(path: str, encoding: str = "utf-8", max_size: int | None = None) -> Source:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputProblem("NL001", "no such file (it may have been removed during the run)") from None
    except OSError as exc:
        raise InputProblem("NL001", f"cannot read file: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputProblem("NL001", "is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise InputProblem("NL001", "not a regular file (a FIFO, socket or device); skipped")
    if max_size is not None and info.st_size > max_size:
        raise InputProblem(
            "NL007",
            f"file is {info.st_size / 1048576:.1f} MB, over the max-file-size limit of {max_size / 1048576:.1f} MB; "
            f"skipped. Raise max-file-size in .newslint.yaml (or --max-file-size) to lint it",
        )
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except PermissionError:
        raise InputProblem("NL001", "permission denied: newslint cannot read this file") from None
    except OSError as exc:
        raise InputProblem("NL001", f"cannot read file: {exc.strerror or exc}") from None
    return decode(path, data, encoding)


# --------------------------------------------------------------------------
# Discovery


class Discovered(Frozen):
    """A path to lint, or the problem that stops it being linted."""

    __slots__ = ("path", "problem")
    path: str
    problem: InputProblem | None

    def __init__(self, path: str, problem: InputProblem | None = None) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "problem", problem)


def is_excluded(path: str, patterns: list[str]) -> bool:
    parts = Path(path).parts
    posix = Path(path).as_posix()
    for pattern in patterns:
        if fnmatch.fnmatch(posix, pattern) or any(fnmatch.fnmatch(part, pattern) for part in parts):
            return True
    return False


def discover(paths: list[str], exclude: list[str]) -> list[Discovered]:
    """Files to lint, in a stable order. Named files are linted whatever their suffix."""
    found: list[Discovered] = []
    seen: set[str] = set()
    for raw in paths:
        path = os.path.normpath(raw)
        if os.path.isdir(path):
            items = list(_walk(path, exclude))
            if not items:
                items = [Discovered(path, InputProblem(
                    "NL008", f"no articles found here (looked for {', '.join(ARTICLE_SUFFIXES)} files)"))]
        elif os.path.lexists(path):
            items = [] if is_excluded(path, exclude) else [Discovered(path)]
        else:
            items = [Discovered(path, InputProblem("NL001", "no such file or directory"))]
        for item in items:
            if item.path not in seen:
                seen.add(item.path)
                found.append(item)
    return found


def _walk(root: str, exclude: list[str]):
    unreadable: list[OSError] = []
    visited: set[tuple[int, int]] = set()
    for folder, dirs, files in os.walk(root, onerror=unreadable.append, followlinks=True):
        try:
            info = os.stat(folder)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in visited:  # a symlink loop: each folder once
            dirs[:] = []
            continue
        visited.add((info.st_dev, info.st_ino))
        dirs[:] = sorted(d for d in dirs if not is_excluded(os.path.join(folder, d), exclude))
        for name in sorted(files):
            full = os.path.join(folder, name)
            if name.lower().endswith(ARTICLE_SUFFIXES) and not is_excluded(full, exclude):
                yield Discovered(full)
    for exc in unreadable:
        reason = exc.strerror or str(exc)
        yield Discovered(exc.filename or root, InputProblem("NL001", f"cannot read directory: {reason}"))
