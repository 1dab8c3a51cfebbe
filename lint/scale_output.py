"""The output folder of `newslint scan`, and how a killed run resumes from it.

Layout::

    DIR/manifest.json                 what was scanned, with which rules (a resumed run must match it)
    DIR/jsonl/part-AAAA-PPPPPPP.jsonl diagnostics of one partition (archive AAAA, partition PPPPPPP)
    DIR/parquet/part-AAAA-PPPPPPP.parquet   the same rows as Parquet (read DIR/parquet/ as one dataset)
    DIR/jsonl/part-corpus.jsonl       corpus-level findings (and DIR/parquet/part-corpus.parquet)
    DIR/state/part-....json           checkpoint of a finished partition: its counts
    DIR/state/part-....summaries.pickle   per-article summaries for corpus-level rules
    DIR/summary.json, DIR/report.html the site and author report; DIR/run.json: timings

Every file is written atomically (temporary file, fsync, rename) and a
partition's checkpoint is written last, after its data files. So a partition
either has a checkpoint and complete files, or it is linted again and its
files (always the same names) are replaced: a killed run neither loses nor
duplicates a record.
"""

from __future__ import annotations

import glob
import io
import json
import os
import pickle
from typing import Any, Iterator

from lint.fsutil import atomic_write_bytes, atomic_write_text
from lint.scale_worker import PartitionResult

MANIFEST_VERSION = 1
CORPUS_KEY = "corpus"
_OURS = ("manifest.json", "summary.json", "report.html", "run.json", "jsonl", "parquet", "state")


class OutputError(Exception):
    """The output folder cannot be used; the message says what to do."""


class OutputDir:
    def __init__(self, root: str) -> None:
        self.root = root
        self.jsonl = os.path.join(root, "jsonl")
        self.parquet = os.path.join(root, "parquet")
        self.state = os.path.join(root, "state")

    def path(self, name: str) -> str:
        return os.path.join(self.root, name)

    # -- starting or resuming ------------------------------------------------

    def prepare(self, identity: dict[str, Any], restart: bool = False) -> dict[str, int]:
        """Create or reopen the folder; returns the partitions already done: key -> records."""
        if os.path.exists(self.root) and not os.path.isdir(self.root):
            raise OutputError(f"--output {self.root} is a file; name a folder")
        os.makedirs(self.root, exist_ok=True)
        manifest_path = self.path("manifest.json")
        previous = _read_json(manifest_path) if os.path.exists(manifest_path) else None
        if previous is None:
            strangers = sorted(set(os.listdir(self.root)) - set(_OURS))
            if os.path.exists(manifest_path) and not restart:
                raise OutputError(f"{manifest_path} is damaged; pass --restart to start this scan again")
            if strangers and not restart:
                raise OutputError(
                    f"--output {self.root} is not empty and holds no newslint scan ({strangers[0]}, ...); "
                    f"name a new or empty folder")
        elif previous.get("identity") != identity:
            if not restart:
                changed = _changed(previous.get("identity") or {}, identity)
                raise OutputError(
                    f"--output {self.root} holds a scan of different inputs or rules (changed: {changed}); "
                    f"name another folder, or pass --restart to discard the earlier results")
        if restart:
            self._remove_ours()
        for folder in (self.jsonl, self.parquet, self.state):
            os.makedirs(folder, exist_ok=True)
            for leftover in glob.glob(os.path.join(folder, ".newslint-*.tmp")):
                os.unlink(leftover)  # a write that a kill interrupted
        atomic_write_text(manifest_path, _dumps({"version": MANIFEST_VERSION, "identity": identity}))
        return {state["key"]: state["stats"]["records"] for state in self.states()}

    def states(self) -> Iterator[dict[str, Any]]:
        """The checkpoints of finished partitions, in key (archive) order, read one at a time."""
        for path in sorted(glob.glob(os.path.join(self.state, "part-*.json"))):
            state = _read_json(path)
            if state is not None and state.get("key") and "stats" in state:
                yield state

    def _remove_ours(self) -> None:
        import shutil

        for name in _OURS:
            target = self.path(name)
            if os.path.isdir(target):
                shutil.rmtree(target)
            elif os.path.exists(target):
                os.unlink(target)

    # -- partitions ------------------------------------------------------------

    def write_partition(self, result: PartitionResult) -> None:
        """Data files first, the checkpoint last."""
        name = f"part-{result.key}"
        self._write_rows(name, result.rows)
        summaries = None
        if result.summaries is not None:
            summaries = f"{name}.summaries.pickle"
            atomic_write_bytes(os.path.join(self.state, summaries),
                               pickle.dumps(result.summaries, protocol=pickle.HIGHEST_PROTOCOL))
        state = {"key": result.key, "stats": result.stats, "summaries": summaries}
        atomic_write_text(os.path.join(self.state, f"{name}.json"), _dumps(state))

    def write_corpus(self, rows: list[dict[str, Any]]) -> None:
        self._write_rows(f"part-{CORPUS_KEY}", rows)

    def _write_rows(self, name: str, rows: list[dict[str, Any]]) -> None:
        atomic_write_bytes(os.path.join(self.jsonl, f"{name}.jsonl"), jsonl_bytes(rows))
        atomic_write_bytes(os.path.join(self.parquet, f"{name}.parquet"), parquet_bytes(rows))

    def load_summaries(self) -> list:
        """Every article's corpus summaries, in archive order (the order of the partition keys)."""
        out: list = []
        for state in self.states():
            if state.get("summaries"):
                with open(os.path.join(self.state, state["summaries"]), "rb") as handle:
                    out.extend(pickle.load(handle))  # our own checkpoint, written by this run or the killed one
        return out

    # -- reports -----------------------------------------------------------------

    def write_json(self, name: str, data: Any) -> None:
        atomic_write_text(self.path(name), _dumps(data, sort_keys=False))

    def write_text(self, name: str, text: str) -> None:
        atomic_write_text(self.path(name), text)


# --------------------------------------------------------------------------
# Encodings


def jsonl_bytes(rows: list[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode("utf-8")


def parquet_schema():
    import pyarrow as pa

    position = pa.int32()
    related = pa.struct([("id", pa.string()), ("line", position), ("column", position), ("end_line", position),
                         ("end_column", position), ("message", pa.string())])
    return pa.schema([
        ("id", pa.string()), ("url", pa.string()), ("site", pa.string()), ("author", pa.string()),
        ("archive", pa.string()), ("record", pa.int64()),
        ("line", position), ("column", position), ("end_line", position), ("end_column", position),
        ("rule", pa.string()), ("name", pa.string()), ("category", pa.string()), ("severity", pa.string()),
        ("message", pa.string()), ("excerpt", pa.string()), ("fix", pa.string()), ("related", pa.list_(related)),
    ])


def parquet_bytes(rows: list[dict[str, Any]]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(rows, schema=parquet_schema())
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()


def _dumps(data: Any, sort_keys: bool = True) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=sort_keys) + "\n"


def _read_json(path: str) -> Any:
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def _changed(old: dict[str, Any], new: dict[str, Any]) -> str:
    keys = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
    return ", ".join(keys) or "format"
