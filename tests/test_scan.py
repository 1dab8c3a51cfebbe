"""`newslint scan`: archives on Dask give the same diagnostics as one process, and resume after a kill.

The clusters here are real: a local Dask cluster of two worker processes
(the embedded default), and a cluster the test starts itself and hands over
with --scheduler. Every run is compared with the single-process path
(`--workers 0`), and that path with the engine's own `Linter.report`,
including the corpus-level rule EXP004 (persona template across articles).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lint.archive import Record
from lint.config import Config
from lint.engine import Linter, RunOptions
from lint.scale_progress import Progress, duration
from lint.scale_report import build_summary, render_html
from lint.scale_worker import count_article, count_row, new_stats
from lint.scan import main as scan_main

pytest.importorskip("pyarrow")
pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent

# --------------------------------------------------------------------------
# A synthetic archive (our own sentences, nothing from any corpus)

PLACES = ["Northbridge", "Eastmoor", "Kelby", "Saltham", "Wexford Vale", "Lanmouth", "Orrin Falls", "Pellham"]
TOPICS = [
    ("bus fares", "the transport committee", "Fares will rise by 4% from March, the committee confirmed."),
    ("the harbour dredging", "the port board", "Dredging will start in the spring and last eleven weeks."),
    ("a new library", "the council", "The library will open six days a week, the council said."),
    ("school meals", "the education board", "About 1,200 pupils will receive free lunches next term."),
    ("flood defences", "the river authority", "The new wall is designed for a one-in-200-year flood."),
    ("the hospital car park", "the health trust", "Parking charges will be capped at £3 a day."),
]
# Each pair introduces the same persona template (title, first name, role) at two institutions:
# EXP004 flags the later one in the corpus pass. They land in different partitions.
PERSONAS = {
    5: "Dr. Ilona Varga, Senior Research Fellow at the Carpathian Centre for Regional Studies",
    31: "Dr. Ilona Horvath, Senior Research Fellow at the Institute for Danubian Affairs",
    12: "Prof. Tomas Lind, Director of Research at the Nordic Harbour Policy Forum",
    44: "Prof. Tomas Berg, Director of Research at the Scandinavian Freight Institute",
}


def article(i: int) -> tuple[str, str]:
    place = PLACES[i % len(PLACES)]
    topic, body, fact = TOPICS[i % len(TOPICS)]
    title = f"{place} row over {topic} deepens"
    paragraphs = [
        f"Residents of {place} have criticised {body} over {topic}, saying they were not consulted.",
        fact,
        '"We found out from a leaflet," said a resident who lives near the high street.',
    ]
    if i % 3 == 0:
        paragraphs.append("Officials who asked not to be named said the plan had been rushed through.")
    if i % 4 == 1:
        paragraphs.append(f"A spokesperson for {body} said the decision would be reviewed in {2020 + i % 5}.")
    if i in PERSONAS:
        paragraphs.append(f"In an interview this week, {PERSONAS[i]}, said the plan was poorly costed.")
        paragraphs.append("She said the figures did not add up and called for an independent review.")
    if i % 7 == 2:
        paragraphs.append("The  meeting was adjourned until next month , when a vote is expected.")
    if i % 3 == 0:  # a lede resting on unnamed reports
        paragraphs.insert(0, f"The {topic} scheme is reportedly over budget, according to reports.")
    if i % 4 == 2:
        paragraphs.append('"Nobody checked the numbers," said a source close to the council.')
    if i % 5 == 1:
        paragraphs.append("The plan was approved.However,critics said the costs had been hidden.")
    if i % 8 == 3:
        paragraphs.append("In conclusion, it is imperative to delve deeper into this pivotal issue.")
    if i % 6 == 4:
        paragraphs.extend(["We'd love to hear your thoughts in the comments below.", "Leave a Reply"])
    return title, "\n\n".join(paragraphs) + "\n"


def rich_records(count: int) -> list[dict]:
    out = []
    for i in range(count):
        title, text = article(i)
        row = {"id": f"art-{i:03d}", "title": title, "text": text,
               "url": f"https://www.{PLACES[i % 3].lower().replace(' ', '')}-news.example/story/{i}",
               "author": ["Mara Quist", "Owen Hale", "Priya Nand", None][i % 4], "date": f"2023-0{1 + i % 9}-1{i % 9}"}
        if i % 10 == 9:
            row["site"] = "The Valley Courier"
        out.append({k: v for k, v in row.items() if v is not None})
    return out


def write_archive(path: Path, rows: list[dict], malformed: dict[int, str] | None = None) -> str:
    lines = [json.dumps(r) for r in rows]
    for index, line in sorted((malformed or {}).items()):
        lines.insert(index, line)
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return str(path)


MALFORMED = {7: '{"id": "broken", "text": "cut off', 20: '["not", "an", "object"]', 33: '{"id": "no-text"}'}
COUNT = 48


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> str:
    return write_archive(tmp_path_factory.mktemp("archive") / "crawl.jsonl", rich_records(COUNT), MALFORMED)


def run_scan(*args: str) -> int:
    return scan_main([*args, "--isolated", "--no-progress", "--exit-zero"])


def sorted_jsonl(output: Path) -> list[str]:
    lines: list[str] = []
    for path in sorted((output / "jsonl").glob("part-*.jsonl")):
        lines.extend(path.read_text(encoding="utf-8").splitlines())
    return sorted(lines)


def parquet_rows(output: Path) -> list[str]:
    import pyarrow.dataset as ds

    rows = ds.dataset(str(output / "parquet"), format="parquet").to_table().to_pylist()
    return sorted(json.dumps(r, ensure_ascii=False) for r in rows)


@pytest.fixture(scope="module")
def reference(archive, tmp_path_factory) -> Path:
    """The single-process path, uninterrupted: what every other run must reproduce."""
    output = tmp_path_factory.mktemp("reference") / "out"
    assert run_scan(archive, "--output", str(output), "--workers", "0", "--partition-size", "5") == 0
    return output


def test_single_process_output_has_ids_urls_corpus_findings_and_malformed_records(reference):
    rows = [json.loads(line) for line in sorted_jsonl(reference)]
    corpus = [r for r in rows if r["rule"] == "EXP004"]
    # both persona pairs: the later introduction is flagged, the earlier one is the related location
    assert sorted((r["id"], r["related"][0]["id"]) for r in corpus) == [("art-031", "art-005"), ("art-044", "art-012")]
    flagged = next(r for r in corpus if r["id"] == "art-031")
    assert flagged["url"] == "https://www.eastmoor-news.example/story/31" and flagged["site"] == "eastmoor-news.example"
    assert flagged["archive"].endswith("crawl.jsonl") and flagged["record"] == 35  # three malformed lines come before it
    assert "Dr. Ilona Horvath" in flagged["message"] and "Dr. Ilona Varga" in flagged["message"]
    malformed = sorted((r["record"], r["rule"], r["message"].split(" (")[0]) for r in rows if r["rule"] == "NL011")
    assert malformed == [(8, "NL011", "line 8 is not valid JSON"),
                         (21, "NL011", "line 21 is a JSON list, not an object with id and text; record skipped"),
                         (34, "NL011", "line 34 has no 'text' field")]
    assert not any("path" in r for r in rows)
    summary = json.loads((reference / "summary.json").read_text())
    assert (summary["records"], summary["articles"], summary["malformed_records"]) == (COUNT + 3, COUNT, 3)
    assert summary["corpus_diagnostics"] == 2 and summary["diagnostics"] == len(rows)
    assert summary["partitions"] == 11  # 51 records in runs of 5


def test_site_and_author_rates_agree_with_the_rows(reference):
    rows = [json.loads(line) for line in sorted_jsonl(reference)]
    summary = json.loads((reference / "summary.json").read_text())
    sites = {s["site"]: s for s in summary["sites"]}
    # the site field wins over the URL's host: records 9, 19, 29 and 39 name "The Valley Courier"
    courier = sites["the valley courier"]
    assert courier["articles"] == 4 and courier["small_sample"] is True
    assert summary["sites"][-1]["small_sample"] is True  # ranked after the sites with enough articles
    for name, site in sites.items():
        found = [r for r in rows if r["site"] == name and r["category"] != "internal"]
        assert site["findings"] == len(found)
        assert site["per_1000"] == round(len(found) * 1000 / site["articles"], 1)
        serious = sum(r["severity"] in ("warning", "error") for r in found)
        assert site["serious_per_1000"] == round(serious * 1000 / site["articles"], 1)
    large = [s for s in summary["sites"] if not s["small_sample"]]
    assert [s["serious_per_1000"] for s in large] == sorted((s["serious_per_1000"] for s in large), reverse=True)
    authors = {a["author"]: a for a in summary["authors"]}
    assert sum(a["articles"] for a in authors.values()) == COUNT and authors["(unknown)"]["articles"] == 12
    html = (reference / "report.html").read_text(encoding="utf-8")
    categories = {r["category"] for r in rows if r["category"] != "internal"}
    assert html.count("<svg") == len(categories) >= 4 and "<script" not in html


def test_single_process_path_equals_the_engine_on_the_same_articles(tmp_path):
    """Without record metadata, scan's rows are exactly Linter.report's diagnostics, corpus pass included."""
    rows = [{"id": f"plain-{i}", "text": "\n\n".join(article(i))} for i in (5, 12, 31, 44, 0, 1, 2)]
    archive = write_archive(tmp_path / "plain.jsonl", rows)
    output = tmp_path / "out"
    assert run_scan(archive, "--output", str(output), "--workers", "0", "--partition-size", "3") == 0
    linter = Linter(Config(), RunOptions())
    report = linter.report([linter.lint_text(r["id"], Record(r["id"], r["text"], archive, 1).body()) for r in rows])
    expected = sorted(json.dumps({
        "id": d.path, "line": d.line, "column": d.column, "end_line": d.end_line, "end_column": d.end_column,
        "rule": d.rule, "severity": str(d.severity), "message": d.message, "excerpt": d.excerpt,
        "fix": d.fix["replacement"] if d.fix else None,
        "related": [[x["path"], x["line"], x["column"], x["message"]] for x in d.related]}) for d in report.diagnostics)
    got = sorted(json.dumps({
        "id": r["id"], "line": r["line"], "column": r["column"], "end_line": r["end_line"],
        "end_column": r["end_column"], "rule": r["rule"], "severity": r["severity"], "message": r["message"],
        "excerpt": r["excerpt"], "fix": r["fix"],
        "related": [[x["id"], x["line"], x["column"], x["message"]] for x in r["related"]]})
        for r in map(json.loads, sorted_jsonl(output)))
    assert got == expected
    assert any('"EXP004"' in line for line in got)


def test_local_cluster_of_two_worker_processes_matches_the_single_process_run(archive, reference, tmp_path):
    output = tmp_path / "out"
    assert run_scan(archive, "--output", str(output), "--workers", "2", "--partition-size", "5") == 0
    assert sorted_jsonl(output) == sorted_jsonl(reference)
    assert parquet_rows(output) == parquet_rows(reference)
    assert (output / "summary.json").read_bytes() == (reference / "summary.json").read_bytes()
    assert (output / "report.html").read_bytes() == (reference / "report.html").read_bytes()
    run = json.loads((output / "run.json").read_text())
    assert run["engine"] == "a local Dask cluster of 2 workers" and len(run["peak_rss_mib_per_worker"]) == 2


def test_existing_cluster_by_address_loads_rules_once_per_worker(archive, reference, tmp_path):
    import logging

    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        pids = set(client.run(os.getpid).values())
        assert len(pids) == 2 and os.getpid() not in pids  # separate worker processes
        for name in ("first", "second"):  # a second job on the same workers reuses their linters
            output = tmp_path / name
            args = [archive, "--output", str(output), "--scheduler", cluster.scheduler_address, "--partition-size", "4"]
            assert run_scan(*args) == 0
            assert sorted_jsonl(output) == sorted_jsonl(reference)
        builds = client.run(_linters_built)
    assert sorted(builds.values()) == [1, 1], builds


def _linters_built() -> int:
    from lint import scale_worker

    return scale_worker.BUILDS


def test_killed_run_resumes_without_losing_or_duplicating_a_record(archive, reference, tmp_path):
    """Kill a real scan (client and its worker processes) mid-run, then run the same command again."""
    output = tmp_path / "out"
    args = [archive, "--output", str(output), "--partition-size", "2", "--isolated", "--no-progress", "--exit-zero"]
    code = f"import sys; from lint.scan import main; sys.exit(main({[*args, '--workers', '2']!r}))"
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    state = output / "state"
    total = 26  # 51 records in runs of 2
    deadline = time.monotonic() + 120
    try:
        while len(list(state.glob("part-*.json"))) < 3:
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "the scan made no progress"
            time.sleep(0.02)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the whole session: the client and the workers it started
        proc.wait()
    finished = len(list(state.glob("part-*.json")))
    assert 3 <= finished < total, "the kill came too late to test resuming"
    assert not (output / "summary.json").exists()

    assert scan_main([*args, "--workers", "0"]) == 0  # resume here, in one process
    run = json.loads((output / "run.json").read_text())
    assert run["resumed_from_articles"] >= 6 and run["articles_this_run"] == COUNT + 3 - run["resumed_from_articles"]
    assert sorted_jsonl(output) == sorted_jsonl(reference)
    assert parquet_rows(output) == parquet_rows(reference)
    assert json.loads((output / "summary.json").read_text())["partitions"] == total
    summary, expected = (json.loads((d / "summary.json").read_text()) for d in (output, reference))
    assert {k: v for k, v in summary.items() if k != "partitions"} == \
        {k: v for k, v in expected.items() if k != "partitions"}
    assert not list(output.rglob(".newslint-*.tmp"))


def test_finished_scan_run_again_lints_nothing_and_writes_the_same_files(archive, reference, tmp_path):
    output = tmp_path / "out"
    args = [archive, "--output", str(output), "--workers", "0", "--partition-size", "5"]
    assert run_scan(*args) == 0
    first = {p: p.read_bytes() for p in output.rglob("*") if p.is_file() and p.name != "run.json"}
    assert run_scan(*args) == 0
    assert json.loads((output / "run.json").read_text())["articles_this_run"] == 0
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file() and p.name != "run.json"} == first


def test_gzip_and_parquet_archives_give_the_same_findings(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = rich_records(12)
    columns = ("id", "title", "text", "url", "author", "date", "site")
    plain = write_archive(tmp_path / "a.jsonl", rows)
    packed = tmp_path / "a.jsonl.gz"
    packed.write_bytes(gzip.compress(Path(plain).read_bytes()))
    table = tmp_path / "a.parquet"
    pq.write_table(pa.Table.from_pylist([{c: r.get(c) for c in columns} for r in rows]), str(table))
    results = []
    for source in (plain, str(packed), str(table)):
        output = tmp_path / Path(source).name.replace(".", "-")
        assert run_scan(source, "--output", str(output), "--workers", "0") == 0
        results.append(sorted(json.dumps({k: v for k, v in json.loads(line).items() if k != "archive"})
                              for line in sorted_jsonl(output)))
    assert results[0] and results[0] == results[1] == results[2]


def test_field_map_and_record_metadata_reach_the_rules(tmp_path):
    body = ("Ein kurzer Bericht\n\nDer Stadtrat hat am Dienstag über den neuen Haushalt abgestimmt. Die Mehrheit "
            "war knapp, und die Opposition kündigte Widerstand gegen die geplanten Kürzungen bei den Schulen an. "
            "Eine endgültige Entscheidung über die Bäder soll erst im Herbst fallen, sagte der Bürgermeister.\n")
    archive = write_archive(tmp_path / "de.jsonl", [{"doc": "m1", "body": body, "meta": {"language": "en"}}])
    for extra, declared in (([], False), (["--field-map", "lang=meta.language"], True)):
        output = tmp_path / f"out{len(extra)}"
        args = [archive, "--output", str(output), "--workers", "0", "--field-map", "id=doc,text=body", *extra]
        assert run_scan(*args, "--select", "LNG001") == 0
        rows = [json.loads(line) for line in sorted_jsonl(output)]
        # the record's lang reaches the rule as front matter would: declared English, written in German
        assert [(r["id"], r["rule"]) for r in rows] == ([("m1", "LNG001")] if declared else [])


def test_a_different_selection_is_not_mixed_into_an_earlier_scan(archive, tmp_path, capsys):
    output = tmp_path / "out"
    assert run_scan(archive, "--output", str(output), "--workers", "0", "--limit", "3") == 0
    assert run_scan(archive, "--output", str(output), "--workers", "0", "--limit", "3", "--select", "SRC") == 2
    err = capsys.readouterr().err
    assert "holds a scan of different inputs or rules (changed: rules)" in err and "--restart" in err
    assert run_scan(archive, "--output", str(output), "--workers", "0", "--limit", "3", "--select", "SRC",
                    "--restart") == 0
    assert {json.loads(line)["category"] for line in sorted_jsonl(output)} <= {"sourcing"}


def test_refuses_a_folder_that_is_not_a_scan(archive, tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine")
    assert run_scan(archive, "--output", str(tmp_path), "--workers", "0") == 2
    assert "is not empty and holds no newslint scan" in capsys.readouterr().err
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_usage_errors(archive, tmp_path, capsys):
    assert run_scan(str(tmp_path / "missing.jsonl"), "--output", str(tmp_path / "o"), "--workers", "0") == 2
    assert "missing.jsonl: no such archive" in capsys.readouterr().err
    assert run_scan(archive, "--output", str(tmp_path / "o"), "--field-map", "txt=body") == 2
    assert "unknown field 'txt' (did you mean 'text'?)" in capsys.readouterr().err
    assert run_scan(archive, "--output", str(tmp_path / "o"), "--select", "SRCX99", "--workers", "0") == 2
    assert "unknown rule 'SRCX99'" in capsys.readouterr().err
    assert run_scan(archive, "--output", str(tmp_path / "o"), "--workers", "2", "--scheduler", "tcp://127.0.0.1:1") == 2
    assert "--workers sizes the local cluster" in capsys.readouterr().err


def test_progress_lines_when_stderr_is_not_a_terminal(archive, tmp_path, capsys):
    args = [archive, "--output", str(tmp_path / "o"), "--workers", "0", "--limit", "6", "--partition-size", "3",
            "--isolated", "--exit-zero", "--progress-every", "0"]
    assert scan_main(args) == 0
    lines = [line for line in capsys.readouterr().err.splitlines() if " of 6 articles" in line]
    assert [line.split(",")[0] for line in lines] == ["newslint scan: 3 of 6 articles (50%)",
                                                      "newslint scan: 6 of 6 articles (100%)"]
    assert all("articles/s" in line and "left" in line for line in lines)


def test_without_the_scale_extra_scan_says_how_to_install_it(archive, tmp_path, capsys, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "distributed" else real(name, *a))
    assert scan_main([archive, "--output", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "needs distributed (the scale extra)" in err and "pip install 'newslint[scale]'" in err


def test_exit_status_follows_the_fail_level(archive, tmp_path):
    output = tmp_path / "out"
    base = [archive, "--output", str(output), "--workers", "0", "--isolated", "--no-progress", "--limit", "4"]
    assert scan_main(base) == 1  # warnings in the first articles
    assert scan_main([*base, "--fail-level", "error"]) == 0


# --------------------------------------------------------------------------
# The site and author report


def _stats(articles_by_site: dict[str, list[list[tuple[str, str, str]]]]) -> dict:
    stats = new_stats()
    for site, articles in articles_by_site.items():
        for findings in articles:
            count_article(stats, site, "(unknown)")
            for rule, category, severity in findings:
                row = {"rule": rule, "name": rule.lower(), "category": category, "severity": severity}
                count_row(stats, row, site, None)
    return stats


def test_sites_are_ranked_by_warnings_per_thousand_articles_with_small_samples_last():
    warn, info = ("SRC001", "sourcing", "warning"), ("RDB001", "readability", "info")
    stats = _stats({
        "calm.example": [[info, info]] * 10 + [[]] * 10,         # 20 articles, only info
        "farm.example": [[warn, warn, warn]] * 12,               # 3 warnings per article
        "mixed.example": [[warn]] * 5 + [[]] * 15,               # 250 warnings per 1,000
        "tiny.example": [[warn, warn, warn, warn]] * 2,          # worst rate, but 2 articles
    })
    summary = build_summary(stats, archives=["a"], partitions=1, corpus_findings=0, min_articles=10)
    order = [s["site"] for s in summary["sites"]]
    assert order == ["farm.example", "mixed.example", "calm.example", "tiny.example"]
    farm = summary["sites"][0]
    assert farm["per_1000"] == 3000.0 and farm["by_category"]["sourcing"]["per_1000"] == 3000.0
    assert farm["by_rule"]["SRC001"] == {"findings": 36, "per_1000": 3000.0}
    calm = summary["sites"][2]
    assert calm["serious_per_1000"] == 0.0 and calm["by_category"]["readability"]["per_1000"] == 1000.0
    assert summary["sites"][3]["small_sample"] is True
    assert summary["findings_by_severity"] == {"info": 20, "warning": 49}


def test_html_report_has_one_svg_chart_per_category_no_script_and_escaped_names():
    warn, info = ("SRC001", "sourcing", "warning"), ("TYP001", "typography", "info")
    stats = _stats({"<b>evil</b>.example": [[warn]] * 10, "good.example": [[info]] * 10})
    html = render_html(build_summary(stats, archives=["a"], partitions=1, corpus_findings=0))
    assert html.count("<svg") == 2 and html.count("<figcaption>") == 2
    assert "<script" not in html and "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "<b>evil</b>" not in html and "&lt;b&gt;evil&lt;/b&gt;.example" in html
    assert html.index("&lt;b&gt;evil") < html.index("good.example")  # worst site first in the table
    assert 'class="bar-warning"' in html and 'class="bar-info"' in html


def test_progress_bar_on_a_terminal_and_lines_in_a_log():
    now = [0.0]
    bar = io.StringIO()
    progress = Progress(1000, already=200, stream=bar, tty=True, clock=lambda: now[0])
    now[0] = 10.0
    progress.update(400)  # 200 articles in 10 s: 20/s, 600 left: 30 s
    assert "[######" in bar.getvalue() and "400 of 1,000 articles (40%), 20.0 articles/s, 30s left" in bar.getvalue()
    progress.close()
    assert bar.getvalue().endswith("\r\033[K")

    log = io.StringIO()
    progress = Progress(10_000, stream=log, tty=False, every=30, clock=lambda: now[0])
    now[0] = 20.0
    progress.update(100)  # too soon for a line
    now[0] = 40.0
    progress.update(3000)
    assert log.getvalue() == "newslint scan: 3,000 of 10,000 articles (30%), 100.0 articles/s, 1m10s left\n"
    assert duration(4000) == "1h06m"
