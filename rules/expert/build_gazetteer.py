"""Maintenance script: compile the gazetteer sources into the files searched at run time.

Not imported at run time. Run it after editing ``data/organisations.txt`` or
``data/universities.txt`` (``build_universities`` runs it too)::

    python -m rules.expert.build_gazetteer

It writes ``data/gazetteer-keys.txt`` (every key with its canonical name,
sorted) and ``data/gazetteer-words.txt`` (the near-miss word index, sorted);
``rules.expert.gazetteer`` explains the formats. A test fails when the
shipped files are not what this script would write.
"""

from __future__ import annotations

from itertools import chain

from rules.expert.gazetteer import DATA, KEYS_FILE, SOURCES, WORDS_FILE, canonical_keys, read_entries

_HEADER = (
    "# Compiled from {sources} by `python -m rules.expert.build_gazetteer`; do not edit.\n"
)


def compile_files() -> tuple[bytes, bytes]:
    """The contents of the keys file and of the words file."""
    canonical, entries = canonical_keys(chain.from_iterable(read_entries(name) for name in SOURCES))
    lines = sorted((" ".join(key).encode("utf-8"), name.encode("utf-8"), key) for key, name in canonical.items())
    header = _HEADER.format(sources=", ".join(SOURCES)) + f"# entries: {entries}\n# keys: {len(lines)}\n"
    keys = bytearray(header.encode("utf-8"))
    postings: dict[bytes, list[int]] = {}
    for encoded, name, key in lines:
        if len(key) >= 3:
            for token in sorted(set(key)):
                postings.setdefault(token.encode("utf-8"), []).append(len(keys))
        keys += encoded + b"\t" + name + b"\n"
    words = bytearray(
        (
            _HEADER.format(sources=KEYS_FILE)
            + "# Format: word<TAB>count<TAB>byte offsets of the keys of three words or more that hold it.\n"
        ).encode("utf-8")
    )
    for token in sorted(postings):
        offsets = postings[token]
        words += token + b"\t" + str(len(offsets)).encode() + b"\t" + " ".join(map(str, offsets)).encode() + b"\n"
    return bytes(keys), bytes(words)


def build() -> tuple[int, int]:
    keys, words = compile_files()
    (DATA / KEYS_FILE).write_bytes(keys)
    (DATA / WORDS_FILE).write_bytes(words)
    return keys.count(b"\n"), words.count(b"\n")


if __name__ == "__main__":
    key_lines, word_lines = build()
    print(f"{DATA / KEYS_FILE}: {key_lines} lines; {DATA / WORDS_FILE}: {word_lines} lines")
