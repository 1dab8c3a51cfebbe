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
    return "\n".join(lines) + "\n"


def parse(text: str) -> tuple[int | None, dict[str, Any]]:
    """The checksum recorded in a derived text, and its lists (``irregular-forms`` as a mapping)."""
    lines = text.splitlines()
    checksum = int(lines[0][len(HEADER):]) if lines and lines[0].startswith(HEADER) else None
    data: dict[str, Any] = {}
    current: list[str] = []
    for line in lines[1:]:
        if line.startswith("[") and line.endswith("]"):
            current = data.setdefault(line[1:-1], [])
        elif line:
            current.append(line)
    irregular = {}
    for entry in data.get("irregular-forms", ()):
        lemma, _, forms = entry.partition(":")
        irregular[lemma.strip()] = forms.split()
    data["irregular-forms"] = irregular
    return checksum, data


def main() -> int:
    from lint.resources import load_yaml

    DERIVED.write_text(render(load_yaml(SOURCE), source_checksum()), encoding="utf-8")
    print(f"wrote {DERIVED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
