"""Loading the data files that ship with rules, fast.

A one-file pre-commit run pays for every data file a rule reads, so YAML is
parsed with libyaml's C loader when PyYAML has it (about ten times faster
than the pure-Python one; same safe subset of YAML), and plain word lists
are read as text.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, Callable


def load_yaml(path: str | Path) -> Any:
    """Parse a shipped YAML file with the safe loader (C implementation when available)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)  # noqa: S506 - a safe loader, chosen above


def read_word_list(path: str | Path) -> list[str]:
    """Non-blank lines of a text file, without '#' comments."""
    out = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.split("#", 1)[0].strip()
            if line:
                out.append(line)
    return out


def lazy_pattern(source: str, flags: int = 0) -> Callable[[], re.Pattern]:
    """A regular expression compiled on its first use: ``_NAME().search(...)``.

    Python compiles patterns in Python code, tens to hundreds of microseconds
    each; a pattern that a run never needs (Markdown syntax in a plain-text
    run) should cost nothing.
    """
    return functools.cache(lambda: re.compile(source, flags))
