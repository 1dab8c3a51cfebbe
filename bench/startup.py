"""Where a one-file run spends its time: per rule family, in fresh processes.

    python bench/startup.py [ARTICLE]

For each family it reports the median CPU time of `newslint --select FAMILY
ARTICLE` minus the same run with every rule ignored, i.e. what the family adds
to a pre-commit run (data loading, pattern compiling, checking; every family is
imported in both). The runs alternate, and the median of the pairwise
differences is reported, so that a machine getting busier or quieter during
the script shifts both sides alike. The whole-run budget is 150 ms for every
default rule together.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAMILIES = ("SRC", "EXP", "TRL", "RES", "TYP", "CON", "LNG", "RDB")


NO_RULES = ["--ignore", "ALL"]


def cpu_ms(args: list[str]) -> float:
    """CPU time (user + system) of one run, in ms: steadier than wall time on a busy machine."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure as users run it, with bytecode caches
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "lint", "--isolated", *args], capture_output=True, env=env, cwd=ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)) * 1000


def median_cpu_ms(args: list[str], runs: int = 7) -> float:
    cpu_ms(args)  # warm the bytecode and file caches
    return statistics.median(cpu_ms(args) for _ in range(runs))


def added_cpu_ms(selection: list[str], article: str, runs: int = 7) -> float:
    """Median over alternating pairs of (run with ``selection``) minus (run with no rules)."""
    cpu_ms([*selection, article])
    return statistics.median(cpu_ms([*selection, article]) - cpu_ms([*NO_RULES, article]) for _ in range(runs))


def import_ms(module: str, runs: int = 5) -> float:
    """Median CPU time of importing ``module`` after the engine, in a fresh interpreter."""
    code = (f"import time, lint.engine; t = time.process_time(); import {module}; "
            f"print((time.process_time() - t) * 1000)")
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    samples = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                                    cwd=ROOT).stdout or "nan") for _ in range(runs)]
    return statistics.median(samples)


def main() -> int:
    article = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "seeds" / "004_dbda7665e3f63745.txt")
    base = median_cpu_ms([*NO_RULES, article])
    print(f"start-up with every family imported, no rule run: {base:.0f} ms")
    for family, package in zip(FAMILIES, ("sourcing", "expert", "trailer", "residue", "typography",
                                         "contradiction", "language", "readability")):
        print(f"  {family}: import {import_ms('rules.' + package):5.0f} ms, "
              f"checking one article adds {added_cpu_ms(['--select', family], article):5.0f} ms")
    print(f"every default rule: {median_cpu_ms([article]):.0f} ms (budget 150 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
