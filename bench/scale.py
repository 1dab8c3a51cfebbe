"""Throughput and memory of `newslint scan` on a BBC archive replicated to 200,000 articles.

    python bench/scale.py                               # 200,000-article archive, 2,000 articles linted per mode
    python bench/scale.py --articles 20000 --measure 500   # a quick look
    python bench/scale.py --measure 0                   # lint the whole archive in every mode (hours on 2 cores)

The BBC corpus is read from ../shared/corpora/bbc (or $NEWSLINT_BBC) at run
time; the archive is written to a temporary folder (removed afterwards unless
--keep) and never into the repository. Each copy of an article gets its own
id, URL, site and author, so the site and author report has work to do.

Modes, each a real `python -m lint.scan` process as a user runs it:

* ``single``: ``--workers 0``, this process alone (the reference path);
* ``cluster-1`` and ``cluster-2``: the embedded local Dask cluster with 1 and 2 worker processes.

Articles per second is measured over the linting only (scan's run.json:
from the first partition sent to the last result written), so starting a
cluster is not counted; the total wall time is shown beside it. Peak memory
is each worker process's maximum RSS. To show that it does not grow with the
archive, the 2-worker mode also runs on half of the measured articles: the
peaks should match once the lazily loaded data is in (langdetect's profiles,
about 60 MiB, load with the first article that needs them: in BBC order,
around the 1,700th).

``--measure N`` lints the first N articles of the archive (scan --limit): the
reader streams, so the rest of the archive costs only the counting pass.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("NEWSLINT_BBC", ROOT.parent / "shared" / "corpora" / "bbc"))
SITES = 24
AUTHORS = 300


def load_corpus(folder: Path) -> list[tuple[str, str, str, str]]:
    """(category, number, title, body) for every article; the first line is the headline."""
    out = []
    for path in sorted(folder.glob("*/*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        title, _, body = text.partition("\n")
        out.append((path.parent.name, path.stem, title.strip(), body.lstrip("\n")))
    return out


def build_archive(corpus: list[tuple[str, str, str, str]], count: int, path: Path) -> int:
    """Replicate the corpus to ``count`` records of JSON Lines; returns the size in bytes."""
    with open(path, "w", encoding="utf-8") as handle:
        for index in range(count):
            copy, which = divmod(index, len(corpus))
            category, number, title, body = corpus[which]
            site = f"site{(which * 7 + copy) % SITES:02d}.example"
            record = {
                "id": f"bbc-{copy:03d}-{category}-{number}",
                "title": title,
                "text": body,
                "url": f"https://www.{site}/{category}/{copy}/{number}",
                "author": f"Author {(which * 13 + copy * 5) % AUTHORS:03d}",
                "date": f"2005-{1 + which % 12:02d}-{1 + copy % 28:02d}",
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path.stat().st_size


def scan(archive: Path, output: Path, workers: int, measure: int, partition_size: int) -> dict:
    args = [sys.executable, "-m", "lint.scan", str(archive), "--output", str(output), "--workers", str(workers),
            "--isolated", "--no-progress", "--exit-zero", "--restart", "--partition-size", str(partition_size)]
    if measure:
        args += ["--limit", str(measure)]
    started = time.perf_counter()
    done = subprocess.run(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:  # --exit-zero: findings do not fail
        raise SystemExit(f"scan failed ({done.returncode}):\n{done.stderr}")
    run = json.loads((output / "run.json").read_text())
    summary = json.loads((output / "summary.json").read_text())
    peaks = list(run["peak_rss_mib_per_worker"].values())
    return {"articles": summary["articles"], "rate": run["articles_per_second"], "wall": wall,
            "peak": max(peaks) if peaks else 0.0, "findings": summary["diagnostics"]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200_000, help="archive size in articles (default 200,000)")
    parser.add_argument("--measure", type=int, default=2_000,
                        help="articles linted per mode (default 2,000; 0 = the whole archive)")
    parser.add_argument("--modes", default="single,cluster-1,cluster-2", help="comma-separated modes to run")
    parser.add_argument("--partition-size", type=int, default=250, help="records per partition (default 250)")
    parser.add_argument("--no-flat-check", action="store_true", help="skip the second 2-worker run on half the articles")
    parser.add_argument("--keep", metavar="DIR", help="build the archive and outputs in DIR and keep them")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"BBC corpus not found at {CORPUS} (set NEWSLINT_BBC); nothing measured", file=sys.stderr)
        return 0
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="newslint-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        return _run(args, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def _run(args, work: Path) -> int:
    corpus = load_corpus(CORPUS)
    archive = work / "bbc-archive.jsonl"
    started = time.perf_counter()
    size = build_archive(corpus, args.articles, archive)
    built = time.perf_counter() - started
    measure = min(args.measure, args.articles) if args.measure else 0
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {load:.1f} at the start")
    print(f"archive: {args.articles:,} articles ({len(corpus):,} BBC articles replicated), "
          f"{size / 1048576:,.0f} MiB of JSON Lines, built in {built:.1f} s")
    print(f"linted per mode: {measure or args.articles:,} articles, partitions of {args.partition_size}\n")
    modes = {"single": ("single process (`--workers 0`)", 0), "cluster-1": ("local Dask cluster, 1 worker", 1),
             "cluster-2": ("local Dask cluster, 2 workers", 2)}
    rows = []
    for name in [m.strip() for m in args.modes.split(",") if m.strip()]:
        label, workers = modes[name]
        result = scan(archive, work / f"out-{name}", workers, measure, args.partition_size)
        rows.append((label, result))
        print(f"  {label}: {result['rate']:,.1f} articles/s", file=sys.stderr)
    print("| mode | articles | articles/s (linting) | wall time | peak RSS per worker |")
    print("|---|---:|---:|---:|---:|")
    for label, r in rows:
        print(f"| {label} | {r['articles']:,} | {r['rate']:,.1f} | {r['wall']:,.1f} s | {r['peak']:,.0f} MiB |")
    if "cluster-2" in args.modes and not args.no_flat_check and (measure or args.articles) >= 4:
        small = max(1, (measure or args.articles) // 2)
        quarter = scan(archive, work / "out-flat", 2, small, args.partition_size)
        full = next(r for label, r in rows if label.endswith("2 workers"))
        print(f"\npeak RSS per worker, 2 workers: {quarter['peak']:,.0f} MiB after {quarter['articles']:,} articles, "
              f"{full['peak']:,.0f} MiB after {full['articles']:,} articles")
    total = args.articles
    best = max((r["rate"] for _, r in rows), default=0)
    if best and measure and measure < total:
        print(f"at the best rate, all {total:,} articles would take {total / best / 60:,.0f} minutes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
