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
    """A Linter whose only rules are the sample plugin's (built-in families left out)."""
    import importlib

    import pluggy

    from lint import hooks

    pm = pluggy.PluginManager(hooks.PROJECT)
    pm.add_hookspecs(hooks)
    for name in ("lint.loaders", "lint.formatters", SAMPLE):
        pm.register(importlib.import_module(name), name=name)
    config = parse_config(config_yaml) if config_yaml else Config()
    return Linter(config, RunOptions(select=tuple(select)), pm=pm)
