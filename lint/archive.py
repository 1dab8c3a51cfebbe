"""Archive readers: JSON Lines, gzip-compressed JSON Lines and Parquet.

An archive holds one article per record: ``id`` and ``text``, and optionally
``title``, ``url``, ``date``, ``lang``, ``author`` and ``site``. Field names
differ between crawls, so a :class:`FieldMap` maps each of ours to the
archive's (``text=body``, ``author=byline.name`` for a nested field).

Reading is split in two on purpose, so that a cluster can share the work:

* :func:`iter_raw` streams the *raw* records of an archive (a JSONL line as
  bytes, a Parquet row as a dict) with their 1-based line or row number. It
  is cheap and runs where the archive is (the scan's client).
* :func:`parse_record` turns one raw record into a :class:`Record`, or a
  :class:`RecordProblem` naming the line or row and what is wrong with it.
  It runs on the workers, next to the linting.

A malformed record never stops a run: it becomes a problem, reported with
its position, and the next record is read. A whole archive that cannot be
read (missing, not gzip, not Parquet) raises :class:`ArchiveError`.

pyarrow is imported only for Parquet archives.
"""

from __future__ import annotations

import gzip
import json
import zlib
from dataclasses import dataclass
from typing import Any, Iterator
from urllib.parse import urlsplit

from lint.inputs import normalise_newlines

FIELDS = ("id", "text", "title", "url", "date", "lang", "author", "site")
REQUIRED = ("id", "text")
PARQUET_SUFFIXES = (".parquet", ".pq", ".parq")
GZIP_MAGIC = b"\x1f\x8b"
UNKNOWN_SITE = "(unknown)"

#: read archives in blocks of this many bytes (line splitting happens in memory)
_BLOCK = 1 << 20


class ArchiveError(Exception):
    """An archive that cannot be read at all; the message is ready to show."""


# --------------------------------------------------------------------------
# Field names


@dataclass(frozen=True)
class FieldMap:
    """Our field name -> the archive's (a dotted name reaches into nested objects)."""

    names: tuple[tuple[str, str], ...] = ()

    @classmethod
    def parse(cls, specs: list[str] | tuple[str, ...] | None) -> "FieldMap":
        """``["text=body", "id=doc_id,url=link"]`` -> a map; raises ValueError with a readable message."""
        names: dict[str, str] = {}
        for spec in specs or ():
            for part in spec.split(","):
                part = part.strip()
                if not part:
                    continue
                ours, sep, theirs = part.partition("=")
                ours, theirs = ours.strip(), theirs.strip()
                if not sep or not ours or not theirs:
                    raise ValueError(f"--field-map takes OURS=THEIRS pairs such as text=body, not {part!r}")
                if ours not in FIELDS:
                    from lint.config import suggest

                    raise ValueError(
                        f"--field-map: unknown field {ours!r}{suggest(ours, FIELDS)}; the fields are {', '.join(FIELDS)}")
                names[ours] = theirs
        return cls(tuple(sorted(names.items())))

    def source(self, field: str) -> str:
        for ours, theirs in self.names:
            if ours == field:
                return theirs
        return field

    def lookup(self, obj: dict, field: str) -> Any:
        name = self.source(field)
        if name in obj:
            return obj[name]
        if "." in name:  # "byline.name" reaches into {"byline": {"name": ...}}
            value: Any = obj
            for part in name.split("."):
                if not isinstance(value, dict) or part not in value:
                    return None
                value = value[part]
            return value
        return None

    def describe(self) -> dict[str, str]:
        return dict(self.names)


# --------------------------------------------------------------------------
# Records


@dataclass(frozen=True)
class Record:
    """One article of an archive; ``archive`` and ``position`` (line or row) say where it came from."""

    id: str
    text: str
    archive: str
    position: int
    title: str | None = None
    url: str | None = None
    date: str | None = None
    lang: str | None = None
    author: str | None = None
    site: str | None = None

    def body(self) -> str:
        """The text the rules read: the title as the headline line, a blank line, then the text.

        The plain-text loader takes the first line as the headline, so a record
        with a separate title gets it there; a text that already starts with
        its title is left as it is. Line numbers in findings count this text.
        """
        text, _ = normalise_newlines(self.text)
        title = " ".join((self.title or "").split())
        if title and text.lstrip().split("\n", 1)[0].strip() != title:
            return f"{title}\n\n{text}"
        return text

    def meta(self) -> dict[str, str]:
        """What front matter would say about the article; rules read ``article.meta``."""
        return {key: value for key in ("title", "url", "date", "lang", "author", "site")
                if (value := getattr(self, key))}

    @property
    def site_name(self) -> str:
        return site_of(self.site, self.url)


@dataclass(frozen=True)
class RecordProblem:
    """A record that could not be read; reported, then the run goes on."""

    archive: str
    position: int
    message: str
    id: str | None = None
    url: str | None = None


def site_of(site: str | None, url: str | None) -> str:
    """The site a record belongs to: its ``site`` field, else its URL's host without ``www.``."""
    if site and site.strip():
        return site.strip().casefold()
    if url:
        try:
            host = urlsplit(url.strip()).hostname or ""
        except ValueError:
            host = ""
        if host.startswith("www."):
            host = host[4:]
        if host:
            return host
    return UNKNOWN_SITE


def parse_record(raw: bytes | str | dict, archive: str, position: int, fields: FieldMap,
                 kind: str = "line") -> Record | RecordProblem:
    """One raw record (a JSONL line or a Parquet row) -> a Record, or a RecordProblem saying why not."""
    where = f"{kind} {position}"
    if isinstance(raw, (bytes, bytearray)):
        if position == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]  # a UTF-8 byte-order mark at the start of the file
        try:
            raw = bytes(raw).decode("utf-8")
        except UnicodeDecodeError as exc:
            return RecordProblem(archive, position, f"{where} is not valid UTF-8 (byte 0x{raw[exc.start]:02x} "
                                                    f"at byte {exc.start + 1} of the line); record skipped")
    if isinstance(raw, str):
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            return RecordProblem(archive, position,
                                 f"{where} is not valid JSON ({exc.msg} at column {exc.colno}); record skipped")
        except RecursionError:
            return RecordProblem(archive, position, f"{where} is nested too deeply to read; record skipped")
    else:
        obj = raw
    if not isinstance(obj, dict):
        return RecordProblem(archive, position,
                             f"{where} is a JSON {type(obj).__name__}, not an object with id and text; record skipped")
    values: dict[str, Any] = {}
    for field in FIELDS:
        values[field] = fields.lookup(obj, field)
    ident = values["id"]
    if isinstance(ident, bool) or not isinstance(ident, (str, int)) or (isinstance(ident, str) and not ident.strip()):
        url = _text(values["url"])
        return RecordProblem(archive, position, _missing(where, "id", fields, ident), url=url)
    ident = str(ident)
    if not isinstance(values["text"], str):
        return RecordProblem(archive, position, _missing(where, "text", fields, values["text"]),
                             id=ident, url=_text(values["url"]))
    return Record(
        id=ident, text=values["text"], archive=archive, position=position,
        **{key: _text(values[key]) for key in FIELDS[2:]},
    )


def _missing(where: str, field: str, fields: FieldMap, value: Any) -> str:
    name = fields.source(field)
    if value is None:
        hint = "" if name != field else f" (if the archive names it differently, use --field-map {field}=NAME)"
        return f"{where} has no '{name}' field{hint}; record skipped"
    kind = "a string or number" if field == "id" else "a string"
    return f"{where}: '{name}' must be {kind}, not {type(value).__name__}; record skipped"


def _text(value: Any) -> str | None:
    """Optional fields: strings stay, numbers and dates become text, anything else is ignored."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)):
        return str(value)
    if hasattr(value, "isoformat"):  # Parquet dates and timestamps
        return value.isoformat()
    return None


# --------------------------------------------------------------------------
# Streaming raw records


def archive_kind(path: str) -> str:
    """"parquet", "jsonl.gz" or "jsonl" (by suffix for Parquet, by the gzip magic bytes otherwise)."""
    if path.lower().endswith(PARQUET_SUFFIXES):
        return "parquet"
    try:
        with open(path, "rb") as handle:
            head = handle.read(2)
    except FileNotFoundError:
        raise ArchiveError(f"{path}: no such archive") from None
    except IsADirectoryError:
        raise ArchiveError(f"{path}: is a directory; name the archive files (JSONL, .jsonl.gz or Parquet)") from None
    except OSError as exc:
        raise ArchiveError(f"{path}: cannot read archive: {exc.strerror or exc}") from None
    return "jsonl.gz" if head == GZIP_MAGIC else "jsonl"


def position_kind(path: str) -> str:
    """What a position counts in this archive: "row" for Parquet, "line" for JSONL."""
    return "row" if archive_kind(path) == "parquet" else "line"


def iter_raw(path: str) -> Iterator[tuple[int, bytes | dict]]:
    """(1-based line or row number, raw record) for every record; blank lines are skipped but counted."""
    kind = archive_kind(path)
    if kind == "parquet":
        yield from _iter_parquet(path)
    else:
        yield from _iter_lines(path, kind == "jsonl.gz")


def _open(path: str, compressed: bool):
    try:
        return gzip.open(path, "rb") if compressed else open(path, "rb")
    except OSError as exc:
        raise ArchiveError(f"{path}: cannot read archive: {exc.strerror or exc}") from None


def _iter_lines(path: str, compressed: bool) -> Iterator[tuple[int, bytes]]:
    number = 0
    pending = b""
    with _open(path, compressed) as handle:
        while True:
            try:
                block = handle.read(_BLOCK)
            except (OSError, EOFError, zlib.error) as exc:
                raise ArchiveError(f"{path}: the archive is damaged after line {number}: {exc}") from None
            if not block:
                break
            lines = (pending + block).split(b"\n")
            pending = lines.pop()
            for line in lines:
                number += 1
                if line.strip():
                    yield number, line
    if pending.strip():
        yield number + 1, pending


def _iter_parquet(path: str) -> Iterator[tuple[int, dict]]:
    parquet = _pyarrow_parquet()
    try:
        handle = parquet.ParquetFile(path)
    except FileNotFoundError:
        raise ArchiveError(f"{path}: no such archive") from None
    except Exception as exc:  # pyarrow raises ArrowInvalid and friends
        raise ArchiveError(f"{path}: not a readable Parquet file: {exc}") from None
    number = 0
    with handle:
        for batch in handle.iter_batches(batch_size=4096):
            for row in batch.to_pylist():
                number += 1
                yield number, row


def count_raw(path: str) -> int:
    """About how many records an archive holds (for progress and time left), without parsing them."""
    kind = archive_kind(path)
    if kind == "parquet":
        parquet = _pyarrow_parquet()
        try:
            return parquet.ParquetFile(path).metadata.num_rows
        except Exception as exc:
            raise ArchiveError(f"{path}: not a readable Parquet file: {exc}") from None
    count = 0
    last = b"\n"
    with _open(path, kind == "jsonl.gz") as handle:
        while True:
            try:
                block = handle.read(_BLOCK)
            except (OSError, EOFError, zlib.error) as exc:
                raise ArchiveError(f"{path}: the archive is damaged: {exc}") from None
            if not block:
                break
            count += block.count(b"\n")
            last = block[-1:]
    return count + (last != b"\n")


def iter_records(path: str, fields: FieldMap | None = None) -> Iterator[Record | RecordProblem]:
    """Every record of one archive, parsed (convenient for tests and small archives)."""
    fields = fields or FieldMap()
    kind = position_kind(path)
    for position, raw in iter_raw(path):
        yield parse_record(raw, path, position, fields, kind)


def _pyarrow_parquet():
    try:
        import pyarrow.parquet as parquet
    except ImportError:
        raise ArchiveError(
            "reading Parquet archives needs pyarrow; install it with: pip install 'newslint[scale]'") from None
    return parquet
