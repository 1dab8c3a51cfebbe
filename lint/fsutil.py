"""Writes that never leave a half-written file behind."""

from __future__ import annotations

import os


def atomic_write_bytes(path: str, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename over ``path``.

    The original file's permission bits are kept. If anything fails, the
    original is untouched and the temporary file is removed.
    """
    import stat
    import tempfile  # only runs that write something pay for it

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            # /dev/null, /dev/stdout, a FIFO: renaming over it would replace the device
            # node itself (as root, /dev/null becomes a regular file). Write through it.
            with open(path, "wb") as handle:
                handle.write(data)
            return
    except FileNotFoundError:
        pass
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".newslint-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            mode = os.stat(path).st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o666 & ~_umask()  # a new file (a report): what open() would have given it
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def atomic_write_text(path: str, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))
