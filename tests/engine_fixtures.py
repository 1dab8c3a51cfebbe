"""Fixtures that put the sample plugin in front of the engine and the CLI."""

from __future__ import annotations

import pytest

import lint.plugins
from lint.config import Config, parse_config
from lint.engine import Linter, RunOptions

SAMPLE = "tests.sample_plugin"
SAMPLE_CODES = ("TST",)


@pytest.fixture
def with_sample_plugin(monkeypatch):
    """Register the sample plugin as if it were built in (CLI runs in-process)."""
    monkeypatch.setattr(lint.plugins, "BUILTIN_PLUGINS", (*lint.plugins.BUILTIN_PLUGINS, SAMPLE))
    monkeypatch.setenv("NEWSLINT_NO_PLUGINS", "1")


def sample_linter(config_yaml: str = "", select=SAMPLE_CODES) -> Linter:
    import importlib

    pm = lint.plugins.make_plugin_manager(load_entry_points=False)
    pm.register(importlib.import_module(SAMPLE), name=SAMPLE)
    config = parse_config(config_yaml) if config_yaml else Config()
    return Linter(config, RunOptions(select=tuple(select)), pm=pm)
