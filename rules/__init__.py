"""The built-in rules, one package per category, registered as a newslint plugin.

Each family package exposes ``RULES``: a list of rule instances. Heavy data
(lexicons, gazetteers, the knowledge base) loads lazily inside the rules.
"""

from __future__ import annotations

import importlib

from lint.hooks import hookimpl

FAMILIES = (
    "sourcing",
    "expert",
    "trailer",
    "residue",
    "typography",
    "contradiction",
    "language",
    "readability",
)


def builtin_rules() -> list:
    rules = []
    for family in FAMILIES:
        rules.extend(importlib.import_module(f"rules.{family}").RULES)
    return rules


@hookimpl
def newslint_register_rules() -> list:
    return builtin_rules()
