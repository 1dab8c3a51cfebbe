"""Where a one-file run spends its time: per rule family, in fresh processes.

    python bench/startup.py [ARTICLE]

For each family it reports the median CPU time of `newslint --select FAMILY
ARTICLE` minus the same run with no rules, i.e. what the family adds to a
pre-commit run (imports, data loading, checking). The whole-run budget is
150 ms for every default rule together.
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


def wall(args: list[str], runs: int = 5) -> float:
    """Median CPU time (user + system) of the run, in ms: steadier than wall time on a busy machine."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure as users run it, with bytecode caches
    times = []
    for _ in range(runs + 1):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-m", "lint", "--isolated", *args], capture_output=True, env=env, cwd=ROOT)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return statistics.median(times[1:]) * 1000


def import_ms(module: str, runs: int = 5) -> float:
    """Median wall time of importing ``module`` after the engine, in a fresh interpreter."""
    code = (f"import time, lint.engine; t = time.process_time(); import {module}; "
            f"print((time.process_time() - t) * 1000)")
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    samples = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                                    cwd=ROOT).stdout or "nan") for _ in range(runs)]
    return statistics.median(samples)


def main() -> int:
    article = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "seeds" / "004_dbda7665e3f63745.txt")
    base = wall(["--select", "NL", article])
    print(f"start-up with every family imported, no rule run: {base:.0f} ms")
    for family, package in zip(FAMILIES, ("sourcing", "expert", "trailer", "residue", "typography",
                                         "contradiction", "language", "readability")):
        print(f"  {family}: import {import_ms('rules.' + package):5.0f} ms, "
              f"checking one article adds {wall(['--select', family, article]) - base:5.0f} ms")
    print(f"every default rule: {wall([article]):.0f} ms (budget 150 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
