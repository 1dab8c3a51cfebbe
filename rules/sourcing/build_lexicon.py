"""Derive ``data/lexicon.txt`` from ``data/lexicon.yaml``, the lexicon's source.

    python -m rules.sourcing.build_lexicon

The YAML is what people read and edit. A one-file run should not pay for
importing a YAML parser (about 17 ms), so the rules read the derived plain-text
form, which records the CRC-32 of the YAML it was made from; when the two
disagree (someone edited the YAML and did not rerun this script), the rules
read the YAML instead, and a test fails until the derived file is rebuilt.
"""

from __future__ import annotations

import sys
import zlib
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
SOURCE = DATA / "lexicon.yaml"
DERIVED = DATA / "lexicon.txt"
HEADER = "# newslint sourcing lexicon, derived from lexicon.yaml by rules.sourcing.build_lexicon; edit the YAML. crc32="


def source_checksum() -> int:
    return zlib.crc32(SOURCE.read_bytes())


# Derived, not in the YAML: what each phrase of these lists needs to occur in a
# text before it can match there (``lexicon.needed_literals``), so that a
# one-file run does not work it out. One line per phrase: the phrase, then a
# tab before each condition, its choices separated by "|".
NEEDS = "needed-literals"
PHRASE_LISTS = ("hedges", "reason-patterns", "anonymity-patterns")


def render(data: dict[str, Any], checksum: int) -> str:
    """The derived text: ``[list]`` lines open a list, one entry per line after them."""
    lines = [f"{HEADER}{checksum}"]
    for name, entries in data.items():
        lines.append(f"[{name}]")
        if name == "irregular-forms":
            lines.extend(f"{lemma}: {' '.join(forms)}" for lemma, forms in entries.items())
        else:
            for entry in entries:
                entry = str(entry)
                if entry != entry.strip() or "\n" in entry or (entry.startswith("[") and entry.endswith("]")):
                    raise ValueError(f"{SOURCE}: entry {entry!r} of {name} cannot be written one per line")
                lines.append(entry)
    lines.append(f"[{NEEDS}]")
    lines.extend(_needs_line(str(phrase)) for name in PHRASE_LISTS for phrase in data.get(name) or ())
    return "\n".join(lines) + "\n"


def _needs_line(phrase: str) -> str:
    from rules.sourcing.lexicon import needed_literals

    line = phrase + "".join("\t" + "|".join(choices) for choices in needed_literals(phrase))
    if "\n" in line or "\t" in phrase or any("\t" in c for needs in needed_literals(phrase) for c in needs) or (
            line.startswith("[") and line.endswith("]")):
        raise ValueError(f"{SOURCE}: the needs of {phrase!r} cannot be written on one line")
    return line


def parse(text: str) -> tuple[int | None, dict[str, Any]]:
    """The checksum recorded in a derived text, and its lists (``irregular-forms`` as a mapping)."""
    first = text.split("\n", 1)[0]
    checksum = int(first[len(HEADER):]) if first.startswith(HEADER) else None
    data: dict[str, Any] = {}
    # A one-file run reads this file: the "[name]" lines are found with str.find
    # and the lists between them split whole, not read line by line.
    heads = []  # (where the line opens, where it ends)
    start = text.find("\n[")
    while start >= 0:
        end = text.find("\n", start + 1)
        end = len(text) if end < 0 else end
        if text[end - 1] == "]":
            heads.append((start + 1, end))
        start = text.find("\n[", start + 1)
    for (start, end), (next_start, _) in zip(heads, [*heads[1:], (len(text), 0)]):
        data.setdefault(text[start + 1 : end - 1], []).extend(filter(None, text[end + 1 : next_start].splitlines()))
    irregular = {}
    for entry in data.get("irregular-forms", ()):
        lemma, _, forms = entry.partition(":")
        irregular[lemma.strip()] = forms.split()
    data["irregular-forms"] = irregular
    needs = {}
    for line in data.get(NEEDS, ()):
        phrase, *conditions = line.split("\t")
        needs[phrase] = [tuple(condition.split("|")) for condition in conditions]
    data[NEEDS] = needs
    return checksum, data


def main() -> int:
    from lint.resources import load_yaml

    DERIVED.write_text(render(load_yaml(SOURCE), source_checksum()), encoding="utf-8")
    print(f"wrote {DERIVED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
