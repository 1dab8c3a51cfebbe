"""The plugin manager: built-ins and third-party plugins behind the same hooks."""

from __future__ import annotations

import importlib
import os
import sys
from typing import TYPE_CHECKING, Any

import pluggy

from lint import hooks
from lint.values import Frozen

if TYPE_CHECKING:
    from lint.rule import Rule

# Built-in plugins, registered explicitly (not through entry points) so that a
# broken environment cannot hide them. Order is the order of `newslint rules`.
BUILTIN_PLUGINS = (
    "lint.loaders",
    "lint.formatters",
    "rules",
)

ENTRY_POINT_GROUP = "newslint"


class PluginInfo(Frozen):
    """What `newslint plugins` lists for one plugin."""

    __slots__ = ("name", "version", "rules", "builtin")
    name: str
    version: str
    rules: int
    builtin: bool

    def __init__(self, name: str, version: str, rules: int, builtin: bool) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "version", version)
        object.__setattr__(self, "rules", rules)
        object.__setattr__(self, "builtin", builtin)


def make_plugin_manager(load_entry_points: bool = True) -> pluggy.PluginManager:
    pm = pluggy.PluginManager(hooks.PROJECT)
    pm.add_hookspecs(hooks)
    for module_name in BUILTIN_PLUGINS:
        pm.register(importlib.import_module(module_name), name=module_name)
    if load_entry_points and not os.environ.get("NEWSLINT_NO_PLUGINS") and _may_have_entry_points(ENTRY_POINT_GROUP):
        pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    return pm


def _may_have_entry_points(group: str) -> bool:
    """Whether any installed distribution may declare entry points in ``group``.

    Importing importlib.metadata costs 20-40 ms, a sixth of a one-file
    pre-commit run, and most installs have no third-party newslint plugin. So
    look for the group's header in the entry_points.txt files on sys.path
    first; anything this cheap look cannot rule out (a zip archive on the
    path, an unreadable folder) answers True, and importlib.metadata decides.
    """
    header = f"[{group}]"
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as listing:
                names = [item.name for item in listing if item.name.endswith((".dist-info", ".egg-info"))]
        except NotADirectoryError:
            return True  # a zip or egg file: only importlib.metadata can read it
        except OSError:
            continue  # a path entry that does not exist finds no distributions either
        for name in names:
            try:
                with open(os.path.join(entry or ".", name, "entry_points.txt"), encoding="utf-8",
                          errors="replace") as handle:
                    if header in handle.read():
                        return True
            except (FileNotFoundError, NotADirectoryError):
                continue  # no entry points, or an egg-info file (metadata only)
            except OSError:
                return True
    return False


def plugin_infos(pm: pluggy.PluginManager) -> list[PluginInfo]:
    """Each registered plugin with its distribution version and rule count."""
    dists = {id(plugin): dist for plugin, dist in pm.list_plugin_distinfo()}
    infos = []
    from lint import __version__

    for name, plugin in pm.list_name_plugin():
        if plugin is None:
            continue
        impl = getattr(plugin, "newslint_register_rules", None)
        count = len(impl() or []) if impl is not None else 0
        dist = dists.get(id(plugin))
        builtin = name in BUILTIN_PLUGINS
        version = __version__ if builtin else (dist.version if dist is not None else "unknown")
        label = dist.project_name if dist is not None and not builtin else name
        infos.append(PluginInfo(label, version, count, builtin))
    return infos


def collect_rules(pm: pluggy.PluginManager) -> "list[Rule]":
    rules: list[Rule] = []
    for batch in reversed(pm.hook.newslint_register_rules()):
        rules.extend(batch or [])
    return rules


def collect_formatters(pm: pluggy.PluginManager) -> dict[str, Any]:
    formatters: dict[str, Any] = {}
    for batch in reversed(pm.hook.newslint_register_formatters()):
        formatters.update(batch or {})
    return formatters

