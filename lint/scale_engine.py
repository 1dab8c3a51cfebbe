"""Where a scan's partitions are linted: in this process, or on a Dask cluster.

Both engines take the same :class:`ScanSpec` and partitions and yield the
same :class:`PartitionResult` objects (in completion order; the scan writes
each partition under its own key, so order does not matter). The Dask
engine keeps a bounded number of partitions in flight, so the client's
memory stays flat however large the archive is.
"""

from __future__ import annotations

import logging
import os
from itertools import islice
from typing import Iterable, Iterator

from lint.scale_worker import Partition, PartitionResult, ScanSpec, lint_partition, peak_rss, worker_identity

INSTALL_HINT = "pip install 'newslint[scale]'"


class EngineError(Exception):
    """The cluster could not be reached or a task failed; the message is ready to show."""


def missing_extras(need_dask: bool) -> list[str]:
    """The packages of the `scale` extra that are not installed."""
    import importlib.util

    wanted = ["pyarrow"] + (["dask", "distributed"] if need_dask else [])
    return [name for name in wanted if importlib.util.find_spec(name) is None]


class InProcessEngine:
    """`--workers 0`: lint here, one partition after another (the reference path)."""

    label = "this process (no Dask)"
    workers = 1

    def __enter__(self) -> "InProcessEngine":
        return self

    def __exit__(self, *exc) -> None:
        return None

    def check_workers(self, spec: ScanSpec, expected: tuple) -> None:
        return None

    def results(self, spec: ScanSpec, partitions: Iterable[Partition]) -> Iterator[PartitionResult]:
        for partition in partitions:
            yield lint_partition(spec, partition)

    def peak_memory(self) -> dict[str, int]:
        return {"this process": peak_rss()}


class DaskEngine:
    """A local Dask cluster sized to the machine, or an existing one at ``scheduler``."""

    def __init__(self, scheduler: str | None = None, workers: int | None = None, processes: bool = True) -> None:
        self.scheduler = scheduler
        self.requested = workers
        self.processes = processes
        self.cluster = None
        self.client = None
        self.workers = 0
        self.label = ""

    def __enter__(self) -> "DaskEngine":
        from distributed import Client, LocalCluster

        quiet = logging.ERROR
        try:
            if self.scheduler:
                self.client = Client(self.scheduler, timeout="30s")
                self.label = f"the Dask cluster at {self.scheduler}"
            else:
                import dask

                count = self.requested or os.cpu_count() or 1
                # One thread per worker: linting is pure Python, so threads would only share one core.
                # No statistical profiler: it samples every 10 ms and keeps an hour of call trees, which
                # made each worker's memory grow by about 1 MiB per 1,000 articles over a long scan.
                with dask.config.set({"distributed.worker.profile.enabled": False}):
                    self.cluster = LocalCluster(n_workers=count, threads_per_worker=1, processes=self.processes,
                                                dashboard_address=None, silence_logs=quiet)
                self.client = Client(self.cluster)
                self.label = f"a local Dask cluster of {count} worker{'s' if count != 1 else ''}"
        except OSError as exc:
            self.__exit__(None, None, None)
            where = self.scheduler or "a local cluster"
            raise EngineError(f"cannot reach {where}: {exc}") from None
        threads = sum(self.client.nthreads().values())
        if not threads:
            self.client.wait_for_workers(1, timeout=60)
            threads = sum(self.client.nthreads().values())
        self.workers = max(1, threads)
        return self

    def __exit__(self, *exc) -> None:
        for thing in (self.client, self.cluster):
            if thing is not None:
                try:
                    thing.close()
                except Exception:  # closing a half-started cluster must not hide the real error
                    pass
        self.client = self.cluster = None

    def check_workers(self, spec: ScanSpec, expected: tuple) -> None:
        """Every worker must run the same newslint with the same rules as this client (and loads them now)."""
        assert self.client is not None
        try:
            seen = self.client.run(worker_identity, spec)
        except Exception as exc:
            raise EngineError(f"the workers of {self.label} cannot run newslint ({type(exc).__name__}: {exc}); "
                              f"install newslint, with the same plugins, on every worker") from None
        for address, (version, rules) in sorted(seen.items()):
            if version != expected[0] or tuple(map(tuple, rules)) != expected[1]:
                differs = "newslint " + version if version != expected[0] else "a different rule selection or plugins"
                raise EngineError(f"worker {address} has {differs} (this client has newslint {expected[0]} "
                                  f"with {len(expected[1])} rules); install the same newslint and plugins everywhere")

    def results(self, spec: ScanSpec, partitions: Iterable[Partition]) -> Iterator[PartitionResult]:
        from distributed import as_completed

        assert self.client is not None
        client = self.client
        [shared] = client.scatter([spec], broadcast=True)  # shipped once; tasks refer to it
        window = 2 * self.workers + 1  # enough to keep every worker busy while results travel back
        todo = iter(partitions)
        pending = as_completed([client.submit(lint_partition, shared, p, pure=False) for p in islice(todo, window)])
        for future in pending:
            if future.status == "error":
                exc = future.exception()
                raise EngineError(f"a partition failed on a worker: {type(exc).__name__}: {exc}")
            result = future.result()
            future.release()
            following = next(todo, None)
            if following is not None:
                pending.add(client.submit(lint_partition, shared, following, pure=False))
            yield result

    def peak_memory(self) -> dict[str, int]:
        assert self.client is not None
        try:
            return dict(sorted(self.client.run(peak_rss).items()))
        except Exception:
            return {}
