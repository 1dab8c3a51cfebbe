"""Small helpers for rule tests: lint a string with a chosen set of rules."""

from __future__ import annotations

from functools import lru_cache

from lint.config import Config, parse_config
from lint.engine import Linter, RunOptions
from lint.inputs import normalise_newlines
from lint.model import Diagnostic


@lru_cache(maxsize=64)
def _linter(select: tuple[str, ...], config_yaml: str, config_path: str | None = None) -> Linter:
    config = parse_config(config_yaml, config_path) if config_yaml else Config()
    return Linter(config, RunOptions(select=select))


def lint_string(
    text: str, select="ALL", *, name: str = "article.txt", config: str = "", config_path: str | None = None
) -> list[Diagnostic]:
    """Diagnostics for ``text`` linted as file ``name`` (suffix picks the loader).

    ``config_path`` names the file the config came from, so relative paths in it
    (knowledge-base files, packs) resolve against that file's folder.
    """
    selectors = tuple(s.strip() for s in (select.split(",") if isinstance(select, str) else select))
    normalised, _ = normalise_newlines(text)
    result = _linter(selectors, config, config_path).lint_text(name, normalised)
    return sorted(result.diagnostics, key=Diagnostic.sort_key)


def lint_files(folder, files: dict[str, str], select="ALL", config: str = "") -> list[Diagnostic]:
    """Write ``files`` (name -> text) into ``folder`` and lint them together, corpus pass included."""
    from pathlib import Path

    selectors = tuple(s.strip() for s in (select.split(",") if isinstance(select, str) else select))
    paths = []
    for name, text in files.items():
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return _linter(selectors, config).run(paths, jobs=1).diagnostics


def codes(diagnostics) -> list[str]:
    return [d.rule for d in diagnostics]


def lines_flagged(diagnostics, code: str | None = None) -> list[int]:
    return [d.line for d in diagnostics if code is None or d.rule == code]
