"""What a formatter receives, and the small helpers several formats share."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from lint.model import Report

if TYPE_CHECKING:
    from lint.rule import Rule

JSON_SCHEMA_VERSION = "1"


class Formatter:
    """Renders a report to text. Formatters never decide anything: they only render."""

    name = ""
    #: how undecodable bytes in paths (lone surrogates) are written: raw for
    #: terminals, as JSON escapes for the JSON formats
    surrogates = "surrogateescape"

    def __init__(self, catalogue: "dict[str, Rule]", read_line: Callable[[str, int], str | None] | None = None) -> None:
        self.catalogue = catalogue
        self.read_line = read_line or (lambda path, line: None)

    def render(self, report: Report) -> str:
        raise NotImplementedError


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
