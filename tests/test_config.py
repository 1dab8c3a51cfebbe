"""Configuration parsing: every key, and errors that name file, line, key and a suggestion."""

from __future__ import annotations

import pytest

from lint.config import ConfigError, find_config, parse_config
from lint.model import Severity


def test_all_keys_parse():
    config = parse_config(
        """
select: [SRC, TYP001]
extend-select: residue
ignore: [RDB]
per-file-ignores:
  "archive/*.md": [TYP]
severity:
  SRC001: error
rules:
  SRC001:
    extra: [a]
packs: [house/]
fail-level: error
baseline: baseline.json
exclude: ["drafts/*"]
language: en
encoding: cp1252
max-file-size: 20MB
verified-experts:
  - {name: Jane Doe, affiliation: Example University}
  - John Roe
accepted-spellings: [Kyiv]
knowledge-base: [kb/local.yaml]
""",
        "cfg.yaml",
    )
    assert config.select == ["SRC", "TYP001"] and config.extend_select == ["residue"]
    assert config.per_file_ignores == {"archive/*.md": ["TYP"]}
    assert config.severity == {"SRC001": Severity.ERROR}
    assert config.fail_level is Severity.ERROR
    assert config.max_file_size == 20 * 1024 * 1024
    assert config.verified_experts == [
        {"name": "Jane Doe", "affiliation": "Example University"},
        {"name": "John Roe", "affiliation": ""},
    ]
    assert config.lines["fail-level"] == 13  # the source starts with a newline


@pytest.mark.parametrize("source,message", [
    ("selct: [SRC]\n", "cfg.yaml:1: unknown key 'selct' (did you mean 'select'?)"),
    ("select: [SRC]\nfail-level: fatal\n", "cfg.yaml:2: 'fail-level' has unknown severity 'fatal'"),
    ("severity: error\n", "cfg.yaml:1: 'severity' must map rule codes"),
    ("max-file-size: huge\n", "cfg.yaml:1: 'max-file-size' must be a size"),
    ("- just\n- a list\n", "cfg.yaml:1: the config must be a mapping"),
    ("verified-experts:\n  - {nme: X}\n", "cfg.yaml:1: 'verified-experts' entries need a 'name'"),
    ("select: [a\n", "cfg.yaml:2: invalid YAML"),
    ("x: !!python/object/apply:os.system ['true']\n", "invalid YAML"),
])
def test_errors_name_file_line_and_key(source, message):
    with pytest.raises(ConfigError) as info:
        parse_config(source, "cfg.yaml")
    assert message in str(info.value)


def test_empty_config_is_defaults():
    config = parse_config("", "cfg.yaml")
    assert config.fail_level is Severity.WARNING and config.select == []


def test_find_config_walks_up(tmp_path):
    (tmp_path / ".newslint.yaml").write_text("select: [SRC]\n", encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / ".newslint.yaml"


def test_bad_option_value_is_a_config_error_with_line():
    from lint.engine import Linter

    config = parse_config("select: [RDB]\nrules:\n  RDB001:\n    syllable-counter: guess\n", "cfg.yaml")
    with pytest.raises(ConfigError, match=r"cfg.yaml:3: rule RDB001 \(hard-to-read\): unknown syllable-counter 'guess'"):
        Linter(config)
