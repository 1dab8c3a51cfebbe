"""Progress of a long scan: a bar on a terminal, plain lines in a log.

The rate counts only the articles linted by this run (a resumed run does
not claim the earlier run's work), and time left is the remaining articles
at that rate.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


def duration(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m"
    if minutes:
        return f"{minutes}m{secs:02d}s"
    return f"{secs}s"


class Progress:
    """``update(done)`` after each partition; ``close()`` at the end."""

    def __init__(self, total: int, already: int = 0, stream: TextIO | None = None, tty: bool | None = None,
                 every: float = 30.0, clock=time.monotonic) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.total = max(total, already)
        self.already = already
        self.done = already
        self.every = every
        self.clock = clock
        self.start = clock()
        self.last = self.start
        self.shown = False

    def rate(self) -> float:
        elapsed = self.clock() - self.start
        return (self.done - self.already) / elapsed if elapsed > 0 else 0.0

    def left(self) -> str:
        rate = self.rate()
        if rate <= 0:
            return "time left unknown"
        return f"{duration((self.total - self.done) / rate)} left"

    def line(self) -> str:
        share = f" ({100 * self.done / self.total:.0f}%)" if self.total else ""
        return f"{self.done:,} of {self.total:,} articles{share}, {self.rate():,.1f} articles/s, {self.left()}"

    def update(self, done: int) -> None:
        self.done = done
        self.total = max(self.total, done)
        now = self.clock()
        if self.tty:
            if now - self.last < 0.2 and done < self.total:
                return
            width = 30
            filled = int(width * self.done / self.total) if self.total else width
            self.stream.write(f"\r\033[K[{'#' * filled}{'.' * (width - filled)}] {self.line()}")
            self.stream.flush()
            self.shown = True
            self.last = now
        elif now - self.last >= self.every:
            self.stream.write(f"newslint scan: {self.line()}\n")
            self.stream.flush()
            self.last = now

    def close(self) -> None:
        if self.tty and self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
