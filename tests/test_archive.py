"""Archive readers: JSONL, gzip JSONL and Parquet records, field maps, malformed records."""

from __future__ import annotations

import gzip
import json

import pytest

from lint.archive import (
    ArchiveError, FieldMap, Record, RecordProblem, count_raw, iter_raw, iter_records, parse_record, site_of,
)

ROWS = [
    {"id": "a1", "text": "Council votes\n\nThe council voted on Tuesday.", "url": "https://www.Example.org/a1",
     "author": "Ana Ruiz"},
    {"id": 7, "title": "Bridge reopens", "text": "The bridge reopened after repairs.", "site": "Riverside Post"},
]


def write_jsonl(path, lines, compress=False):
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    path.write_bytes(gzip.compress(data) if compress else data)
    return str(path)


def test_jsonl_records_keep_their_line_numbers_and_skip_blank_lines(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [json.dumps(ROWS[0]), "", "   ", json.dumps(ROWS[1])])
    records = list(iter_records(path))
    assert [(r.id, r.position) for r in records] == [("a1", 1), ("7", 4)]
    assert records[0].archive == path and records[0].author == "Ana Ruiz"
    assert count_raw(path) == 4  # an estimate for progress: every line


def test_gzip_is_recognised_by_its_bytes_not_its_name(tmp_path):
    path = write_jsonl(tmp_path / "crawl.data", [json.dumps(r) for r in ROWS], compress=True)
    assert [r.id for r in iter_records(path)] == ["a1", "7"]
    assert count_raw(path) == 2


def test_last_line_without_newline_is_read(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(ROWS[0]) + "\n" + json.dumps(ROWS[1]), encoding="utf-8")
    assert [r.position for r in iter_records(str(path))] == [1, 2]
    assert count_raw(str(path)) == 2


def test_parquet_rows_are_numbered_from_one(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = str(tmp_path / "a.parquet")
    columns = ("id", "text", "title", "url", "author", "site")
    rows = [{key: (str(r[key]) if key in r else None) for key in columns} for r in ROWS]
    pq.write_table(pa.Table.from_pylist(rows), path)
    records = list(iter_records(path))
    assert [(r.id, r.position, r.title) for r in records] == [("a1", 1, None), ("7", 2, "Bridge reopens")]
    assert count_raw(path) == 2


def test_parquet_dates_become_iso_text(tmp_path):
    import datetime

    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = str(tmp_path / "d.parquet")
    pq.write_table(pa.Table.from_pylist([{"id": "d", "text": "x", "date": datetime.date(2021, 3, 4)}]), path)
    assert next(iter_records(path)).date == "2021-03-04"


def test_malformed_records_name_their_line_and_say_why():
    fields = FieldMap()
    cases = {
        b'{"id": "x", "text": ': "line 9 is not valid JSON",
        b"[1, 2]": "line 9 is a JSON list, not an object",
        b'{"text": "body"}': "line 9 has no 'id' field (if the archive names it differently, use --field-map id=NAME)",
        b'{"id": "x"}': "line 9 has no 'text' field",
        b'{"id": "x", "text": 5}': "line 9: 'text' must be a string, not int",
        b'{"id": true, "text": "t"}': "line 9: 'id' must be a string or number, not bool",
        b'{"id": "  ", "text": "t"}': "line 9: 'id' must be a string or number",
        b'{"id": "x", "text": "caf\xe9"}': "line 9 is not valid UTF-8 (byte 0xe9",
    }
    for raw, expected in cases.items():
        problem = parse_record(raw, "a.jsonl", 9, fields)
        assert isinstance(problem, RecordProblem), raw
        assert problem.message.startswith(expected), (raw, problem.message)
        assert problem.message.endswith("record skipped") and problem.position == 9
    # the id is kept when only the text is wrong, so the row still names the article
    assert parse_record(b'{"id": "x"}', "a.jsonl", 9, fields).id == "x"


def test_parquet_problems_say_row(tmp_path):
    problem = parse_record({"id": "x"}, "a.parquet", 3, FieldMap(), kind="row")
    assert problem.message.startswith("row 3 has no 'text' field")


def test_field_map_renames_and_reaches_into_nested_objects():
    fields = FieldMap.parse(["text=body,id=doc_id", "author=byline.name"])
    raw = json.dumps({"doc_id": 12, "body": "Text.", "byline": {"name": "Jo Park"}, "url": "http://x.example/1"})
    record = parse_record(raw.encode(), "a", 1, fields)
    assert (record.id, record.text, record.author, record.url) == ("12", "Text.", "Jo Park", "http://x.example/1")
    missing = parse_record(b'{"id": 1, "text": "t"}', "a", 2, fields)
    assert missing.message.startswith("line 2 has no 'doc_id' field; record skipped")


def test_field_map_rejects_unknown_fields_with_a_suggestion():
    with pytest.raises(ValueError, match="unknown field 'auther' \\(did you mean 'author'\\?\\)"):
        FieldMap.parse(["auther=byline"])
    with pytest.raises(ValueError, match="OURS=THEIRS"):
        FieldMap.parse(["text"])


def test_title_becomes_the_headline_line_unless_the_text_starts_with_it():
    with_title = Record(id="1", text="First paragraph.\r\nSecond.", archive="a", position=1, title=" Big   news ")
    assert with_title.body() == "Big news\n\nFirst paragraph.\nSecond."
    already = Record(id="2", text="Big news\n\nFirst paragraph.", archive="a", position=2, title="Big news")
    assert already.body() == "Big news\n\nFirst paragraph."
    assert Record(id="3", text="Only text.", archive="a", position=3).body() == "Only text."


def test_meta_holds_what_front_matter_would():
    record = Record(id="1", text="t", archive="a", position=1, title="T", url="http://x.example/", date="2020-01-02",
                    lang="fr", author=None)
    assert record.meta() == {"title": "T", "url": "http://x.example/", "date": "2020-01-02", "lang": "fr"}


def test_site_is_the_field_else_the_url_host():
    assert site_of("Riverside Post", "https://other.example/") == "riverside post"
    assert site_of(None, "https://www.News.Example.com/a?b=1") == "news.example.com"
    assert site_of("", "not a url") == "(unknown)"
    assert site_of(None, "http://[broken/") == "(unknown)"


def test_unreadable_archives_raise_archive_error(tmp_path):
    with pytest.raises(ArchiveError, match="no such archive"):
        list(iter_raw(str(tmp_path / "missing.jsonl")))
    with pytest.raises(ArchiveError, match="is a directory"):
        list(iter_raw(str(tmp_path)))
    bad = tmp_path / "bad.parquet"
    bad.write_text("not parquet")
    pytest.importorskip("pyarrow")
    with pytest.raises(ArchiveError, match="not a readable Parquet file"):
        list(iter_raw(str(bad)))
    truncated = tmp_path / "cut.jsonl.gz"
    lines = "".join(json.dumps({"id": i, "text": f"text {i * 7919 % 10007}"}) + "\n" for i in range(3000))
    truncated.write_bytes(gzip.compress(lines.encode())[:2000])
    with pytest.raises(ArchiveError, match="damaged"):
        list(iter_raw(str(truncated)))
