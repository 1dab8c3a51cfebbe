"""False alarms on professionally edited news: findings per 100 BBC articles.

    python bench/false_alarms.py                 # every default rule
    python bench/false_alarms.py --select SRC    # one family
    python bench/false_alarms.py --show 30       # print a sample to read

The BBC corpus is read from ../shared/corpora/bbc (or $NEWSLINT_BBC) at run
time; it is never copied into the project.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.engine import Linter, RunOptions  # noqa: E402
from lint.inputs import discover  # noqa: E402
from lint.model import Severity  # noqa: E402

DEFAULT_CORPUS = Path(os.environ.get("NEWSLINT_BBC", ROOT.parent / "shared" / "corpora" / "bbc"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--select", default="", help="rules to run (codes, prefixes, names, categories)")
    parser.add_argument("--show", type=int, default=0, help="print a random sample of N warning/error findings")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--all-severities", action="store_true", help="count info findings too")
    args = parser.parse_args(argv)
    if not os.path.isdir(args.corpus):
        print(f"corpus not found at {args.corpus}; skipping", file=sys.stderr)
        return 0
    select = tuple(s for s in args.select.split(",") if s)
    linter = Linter(run=RunOptions(select=select))
    items = discover([args.corpus], ["README*"])
    files = [item.path for item in items if item.problem is None]
    started = time.process_time()  # CPU time: steadier than wall time on a shared machine
    results = linter.lint_discovered(items, jobs=1)
    elapsed = time.process_time() - started
    report = linter.report(results)
    floor = Severity.INFO if args.all_severities else Severity.WARNING
    hits = [d for d in report.diagnostics if d.severity >= floor and d.category != "internal"]
    internal = [d for d in report.diagnostics if d.category == "internal"]
    per_rule = Counter(f"{d.rule} {d.name} [{d.severity}]" for d in hits)
    n = len(files)
    print(f"{n} articles, {len(hits)} findings at {floor} or above: {100 * len(hits) / n:.2f} per 100 articles")
    print(f"{1000 * elapsed / n:.2f} ms CPU per article with {', '.join(select) or 'all default rules'} "
          f"(one process, reading included)")
    for key, count in per_rule.most_common():
        print(f"  {count:5d}  {100 * count / n:6.2f}/100  {key}")
    if internal:
        print(f"{len(internal)} internal diagnostics, e.g. {internal[0].path}: {internal[0].message}")
    if args.show and hits:
        rng = random.Random(args.seed)
        sample = sorted(rng.sample(hits, min(args.show, len(hits))), key=lambda d: (d.path, d.line))
        print()
        for d in sample:
            print(f"{d.path}:{d.line}:{d.column}: {d.rule} [{d.severity}] {d.message}")
            print(f"    | {d.excerpt}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
