"""Maintenance script: derive ``data/universities.txt`` from the Hipo list.

Not imported at run time. Run it when the shared copy of
``world_universities_and_domains.json`` (MIT, Hipo/university-domains-list)
is updated::

    python -m rules.expert.build_universities ../shared/data/universities/world_universities_and_domains.json

It keeps only names and aliases (one institution per line, ``Name | alias``),
which is all the affiliation check needs; domains, web pages and countries
are dropped to keep the shipped file small. The licence notice travels with
the derived file as ``data/universities-LICENSE.txt``. It then recompiles the
gazetteer files searched at run time (``rules.expert.build_gazetteer``).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

OUT = Path(__file__).parent / "data" / "universities.txt"
HEADER = (
    "# Derived from Hipo/university-domains-list (MIT licence, see universities-LICENSE.txt):\n"
    "# world_universities_and_domains.json, names only. Regenerate with\n"
    "# python -m rules.expert.build_universities <path to the JSON>.\n"
    "# Format: one institution per line, \"Name | alias | ...\".\n"
)
_PAREN = re.compile(r"\s*\(([^()]*)\)")
_MOJIBAKE = str.maketrans({"\x93": '"', "\x94": '"', "\x92": "'", "\x96": "-"})


def variants(raw: str) -> list[str]:
    """The display name first, then aliases worth matching."""
    name = " ".join(raw.translate(_MOJIBAKE).replace('"', "").split())
    out: list[str] = []
    inner = [m.group(1).strip() for m in _PAREN.finditer(name)]
    base = _PAREN.sub("", name).strip(" ,-")
    head = base.split(", ")[0].strip()
    for candidate in (head, base, *inner):
        # Short parenthesised codes such as "(SC)" are state abbreviations, not names.
        if len(candidate) < 3 or candidate in out:
            continue
        out.append(candidate)
    return out


def build(source: str) -> int:
    records = json.loads(Path(source).read_text(encoding="utf-8"))
    lines = sorted({" | ".join(variants(r["name"])) for r in records if r.get("name")})
    OUT.write_text(HEADER + "\n".join(line for line in lines if line) + "\n", encoding="utf-8")
    return len(lines)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(f"{build(sys.argv[1])} institutions written to {OUT}")
    from rules.expert import build_gazetteer

    key_lines, word_lines = build_gazetteer.build()
    print(f"gazetteer recompiled: {key_lines} key lines, {word_lines} word lines")
