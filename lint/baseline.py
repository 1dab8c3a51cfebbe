"""Baselines: adopt newslint on an archive without editing published copy.

Entries are keyed by path, rule and a fingerprint of the matched text (not
the line number), so edits elsewhere in a file keep the baseline valid.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import PurePath

from lint.fsutil import atomic_write_text
from lint.model import Diagnostic

BASELINE_VERSION = 1


class BaselineError(Exception):
    pass


def fingerprint(diag: Diagnostic, text: str | None = None) -> str:
    matched = diag.excerpt if text is None else text
    normalised = " ".join(matched.split()).casefold()
    digest = hashlib.sha256(f"{diag.rule}\0{normalised}".encode("utf-8")).hexdigest()
    return digest[:16]


def _key(diag: Diagnostic) -> tuple[str, str, str]:
    return (PurePath(diag.path).as_posix(), diag.rule, fingerprint(diag))


def write_baseline(path: str, diagnostics: list[Diagnostic]) -> int:
    counts = Counter(_key(d) for d in diagnostics if d.category != "internal")
    entries = [
        {"path": p, "rule": r, "fingerprint": f, "count": n}
        for (p, r, f), n in sorted(counts.items())
    ]
    document = {"version": BASELINE_VERSION, "tool": "newslint", "findings": entries}
    atomic_write_text(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return sum(counts.values())


def load_baseline(path: str) -> Counter:
    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: baseline is not valid JSON ({exc}); regenerate it with --write-baseline") from None
    if not isinstance(document, dict) or document.get("version") != BASELINE_VERSION:
        raise BaselineError(f"{path}: not a newslint baseline (version {BASELINE_VERSION}); regenerate it with --write-baseline")
    counts: Counter = Counter()
    for entry in document.get("findings", []):
        try:
            counts[(entry["path"], entry["rule"], entry["fingerprint"])] += int(entry.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise BaselineError(f"{path}: malformed entry {entry!r}; regenerate it with --write-baseline") from None
    return counts


def filter_baselined(diagnostics: list[Diagnostic], known: Counter) -> tuple[list[Diagnostic], int]:
    """Drop findings recorded in the baseline (each entry absorbs at most its count)."""
    remaining = Counter(known)
    kept: list[Diagnostic] = []
    dropped = 0
    for diag in diagnostics:
        key = _key(diag)
        if diag.category != "internal" and remaining[key] > 0:
            remaining[key] -= 1
            dropped += 1
        else:
            kept.append(diag)
    return kept, dropped
