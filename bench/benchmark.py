"""Speed of newslint as users run it: whole-process timings on the BBC corpus.

    python bench/benchmark.py            # prints a Markdown table for the README
    python bench/benchmark.py --runs 5   # more runs for the one-file figure

Measures: articles per second with --jobs 1 and --jobs N (every default
rule), the median wall time of `newslint ONE_FILE` as the pre-commit hook runs
it, and peak memory (max RSS of the linting processes). The corpus is read
from ../shared/corpora/bbc (or $NEWSLINT_BBC) at run time and skipped with a
message when absent.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("NEWSLINT_BBC", ROOT.parent / "shared" / "corpora" / "bbc"))
ONE_FILE = ROOT / "seeds" / "000_182afac71b2eb861.txt"


def newslint_command() -> list[str]:
    exe = shutil.which("newslint")
    return [exe] if exe else [sys.executable, "-m", "lint"]


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as users run it


def timed(args: list[str]) -> tuple[float, int, float]:
    """Wall seconds, the process tree's peak RSS in MiB (children so far) and CPU seconds of this run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENV)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, after.ru_maxrss // 1024, cpu


def count_articles(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*") if p.suffix in (".txt", ".md") and not p.name.startswith("README"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=11, help="runs of the one-file timing (median reported)")
    parser.add_argument("--corpus-runs", type=int, default=3, help="runs of each corpus timing (median reported)")
    args = parser.parse_args(argv)
    base = [*newslint_command(), "--isolated", "--no-progress", "--exit-zero", "--quiet"]
    cores = os.cpu_count() or 1
    print(f"machine: {platform.machine()}, {cores} cores, Python {platform.python_version()}")

    one = [timed([*base, str(ONE_FILE)]) for _ in range(args.runs)]
    one_ms = statistics.median(r[0] for r in one) * 1000
    one_cpu = statistics.median(r[2] for r in one) * 1000
    rows = [("one file as pre-commit runs it (`newslint seeds/000_…txt`)",
             f"{one_ms:.0f} ms wall, {one_cpu:.0f} ms CPU (medians of {args.runs})")]

    if not CORPUS.is_dir():
        print(f"BBC corpus not found at {CORPUS}; corpus figures skipped")
    else:
        n = count_articles(CORPUS)
        for jobs in (1, cores):
            runs = [timed([*base, "--jobs", str(jobs), str(CORPUS)]) for _ in range(args.corpus_runs)]
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[2] for r in runs)
            rows.append((f"BBC corpus, {n} articles, --jobs {jobs}",
                         f"{n / wall:.0f} articles/s wall ({wall:.2f} s), {n / cpu:.0f} articles per CPU second "
                         f"(median of {args.corpus_runs})"))
        rows.append(("peak memory of one linting process", f"{timed([*base, '--jobs', '1', str(CORPUS)])[1]} MiB max RSS"))

    print()
    print("| measurement | result |")
    print("|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
