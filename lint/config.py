""".newslint.yaml: discovery, parsing and validation.

Every error names the file, the line, the key and, where one is close, the
key that was probably meant. Only ``yaml.safe_load``-equivalent loading is
used: a config file is data, never code.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from lint.model import Severity
from lint.values import Value

CONFIG_NAMES = (".newslint.yaml", ".newslint.yml")

DEFAULT_EXCLUDE = (".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".mypy_cache")
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024


class ConfigError(Exception):
    """A configuration problem; the message is ready to show to a user."""


class Config(Value):
    """Settings from .newslint.yaml (or the defaults), adjusted by the command line."""

    __slots__ = ("path", "select", "extend_select", "ignore", "per_file_ignores", "severity", "rules", "packs",
                 "fail_level", "baseline", "exclude", "language", "encoding", "max_file_size", "verified_experts",
                 "accepted_spellings", "knowledge_base", "lines")

    def __init__(
        self,
        path: str | None = None,
        select: list[str] | None = None,
        extend_select: list[str] | None = None,
        ignore: list[str] | None = None,
        per_file_ignores: dict[str, list[str]] | None = None,
        severity: dict[str, Severity] | None = None,
        rules: dict[str, dict[str, Any]] | None = None,
        packs: list[str] | None = None,
        fail_level: Severity = Severity.WARNING,
        baseline: str | None = None,
        exclude: list[str] | None = None,
        language: str | None = None,
        encoding: str = "utf-8",
        max_file_size: int = DEFAULT_MAX_FILE_SIZE,
        verified_experts: list[dict[str, str]] | None = None,
        accepted_spellings: list[str] | None = None,
        knowledge_base: list[str] | None = None,
        lines: dict[str, int] | None = None,
    ) -> None:
        self.path = path
        self.select: list[str] = [] if select is None else select
        self.extend_select: list[str] = [] if extend_select is None else extend_select
        self.ignore: list[str] = [] if ignore is None else ignore
        self.per_file_ignores: dict[str, list[str]] = {} if per_file_ignores is None else per_file_ignores
        self.severity: dict[str, Severity] = {} if severity is None else severity
        self.rules: dict[str, dict[str, Any]] = {} if rules is None else rules
        self.packs: list[str] = [] if packs is None else packs
        self.fail_level = fail_level
        self.baseline = baseline
        self.exclude: list[str] = [] if exclude is None else exclude
        self.language = language
        self.encoding = encoding
        self.max_file_size = max_file_size
        self.verified_experts: list[dict[str, str]] = [] if verified_experts is None else verified_experts
        self.accepted_spellings: list[str] = [] if accepted_spellings is None else accepted_spellings
        self.knowledge_base: list[str] = [] if knowledge_base is None else knowledge_base
        # 1-based line of each top-level key and of each entry of the rule maps,
        # so errors found later (unknown rule codes) can still point at a line.
        self.lines: dict[str, int] = {} if lines is None else lines

    @property
    def base_dir(self) -> Path:
        return Path(self.path).resolve().parent if self.path else Path.cwd()

    def resolve(self, relative: str) -> str:
        """A path from the config file, relative to the file's folder."""
        return str((self.base_dir / os.path.expanduser(relative)).resolve())

    def where(self, key: str) -> str:
        line = self.lines.get(key)
        if self.path is None:
            return "command line"
        return f"{self.path}:{line}" if line else self.path


_LIST_OF_STRINGS = "a list of strings"


def _as_list(value: Any, key: str, fail) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list) and all(isinstance(v, (str, int)) for v in value):
        return [str(v) for v in value]
    fail(key, f"'{key}' must be {_LIST_OF_STRINGS}")
    return []


def _severity(value: Any, key: str, fail) -> Severity:
    try:
        return Severity.parse(value)
    except ValueError:
        fail(key, f"'{key}' has unknown severity {value!r}; use info, warning or error")
        raise AssertionError  # unreachable: fail raises


def _experts(value: Any, key: str, fail) -> list[dict[str, str]]:
    if value is None:
        return []
    out = []
    if not isinstance(value, list):
        fail(key, f"'{key}' must be a list of {{name, affiliation}} entries")
    for item in value:
        if isinstance(item, str):
            out.append({"name": item, "affiliation": ""})
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            unknown = set(item) - {"name", "affiliation", "note"}
            if unknown:
                fail(key, f"'{key}' entries take name, affiliation and note, not {sorted(unknown)[0]!r}")
            out.append({"name": item["name"], "affiliation": str(item.get("affiliation") or "")})
        else:
            fail(key, f"'{key}' entries need a 'name'")
    return out


def _string_map_of_lists(value: Any, key: str, fail) -> dict[str, list[str]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        fail(key, f"'{key}' must map file patterns to lists of rules")
    return {str(k): _as_list(v, key, fail) for k, v in value.items()}


def _severity_map(value: Any, key: str, fail) -> dict[str, Severity]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        fail(key, f"'{key}' must map rule codes or names to info, warning or error")
    return {str(k): _severity(v, key, fail) for k, v in value.items()}


def _rule_options(value: Any, key: str, fail) -> dict[str, dict[str, Any]]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(v, dict) or v is None for v in value.values()):
        fail(key, f"'{key}' must map rule codes, names or categories to option mappings")
    return {str(k): dict(v or {}) for k, v in value.items()}


def _size(value: Any, key: str, fail) -> int:
    if isinstance(value, int) and value > 0:
        return value
    if isinstance(value, str):
        text = value.strip().upper().replace(" ", "")
        for suffix, factor in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10), ("B", 1)):
            if text.endswith(suffix) and text[: -len(suffix)].isdigit():
                return int(text[: -len(suffix)]) * factor
        if text.isdigit():
            return int(text)
    fail(key, f"'{key}' must be a size such as 10MB or a number of bytes")
    return 0


def _str(value: Any, key: str, fail) -> str | None:
    if value is None or isinstance(value, str):
        return value
    fail(key, f"'{key}' must be a string")
    return None


# key -> (attribute, converter)
_KEYS: dict[str, tuple[str, Any]] = {
    "select": ("select", _as_list),
    "extend-select": ("extend_select", _as_list),
    "ignore": ("ignore", _as_list),
    "per-file-ignores": ("per_file_ignores", _string_map_of_lists),
    "severity": ("severity", _severity_map),
    "rules": ("rules", _rule_options),
    "packs": ("packs", _as_list),
    "fail-level": ("fail_level", _severity),
    "baseline": ("baseline", _str),
    "exclude": ("exclude", _as_list),
    "language": ("language", _str),
    "encoding": ("encoding", _str),
    "max-file-size": ("max_file_size", _size),
    "verified-experts": ("verified_experts", _experts),
    "accepted-spellings": ("accepted_spellings", _as_list),
    "knowledge-base": ("knowledge_base", _as_list),
}
KNOWN_KEYS = tuple(_KEYS)


def suggest(word: str, choices) -> str:
    """' (did you mean 'x'?)' or an empty string."""
    import difflib  # only runs with a mistake to name pay for it

    match = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


def find_config(start: str | os.PathLike | None = None) -> Path | None:
    """The nearest .newslint.yaml walking up from ``start`` (default: the working directory)."""
    here = Path(start or os.getcwd()).resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def load_config(path: str | os.PathLike) -> Config:
    path = str(path)
    try:
        with open(path, encoding="utf-8") as handle:
            source = handle.read()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config file: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: config file is not UTF-8 (byte {exc.object[exc.start]:#04x} at offset {exc.start})") from None
    return parse_config(source, path)


def parse_config(source: str, path: str | None = None) -> Config:
    import yaml  # imported here: most one-file runs have no config and should not pay for it

    label = path or "<config>"
    try:
        root = yaml.compose(source, Loader=yaml.SafeLoader)
        data = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{label}:{mark.line + 1}" if mark is not None else label
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{where}: invalid YAML: {problem}") from None
    config = Config(path=path)
    if data is None:
        return config
    if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode):
        raise ConfigError(f"{label}:1: the config must be a mapping of keys to values")
    for key_node, value_node in root.value:
        key = str(key_node.value)
        config.lines[key] = key_node.start_mark.line + 1
        if key in ("rules", "severity", "per-file-ignores") and isinstance(value_node, yaml.MappingNode):
            for sub_key, _ in value_node.value:
                config.lines[f"{key}.{sub_key.value}"] = sub_key.start_mark.line + 1

    def fail(key: str, message: str) -> None:
        raise ConfigError(f"{label}:{config.lines.get(key, 1)}: {message}")

    for key, value in data.items():
        key = str(key)
        if key not in _KEYS:
            fail(key, f"unknown key '{key}'{suggest(key, KNOWN_KEYS)}")
        attribute, convert = _KEYS[key]
        setattr(config, attribute, convert(value, key, fail))
    return config


def resolve_config(config_path: str | None, isolated: bool, start: str | None = None) -> Config:
    if isolated:
        return Config()
    if config_path:
        return load_config(config_path)
    found = find_config(start)
    return load_config(found) if found else Config()
