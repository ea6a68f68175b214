"""Worker processes on this machine for the event pipeline (``timeline.pipeline``): whether a run uses them, and
the fork server they are started from.

Light to import (no pandas, Arrow or Dask): the command line starts the fork server through ``start_early``
before it imports the pipeline, so that the fork server imports what the workers need while the command imports
the same for itself, rather than after it (half a second before the first task of a run).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

PARALLEL_FROM = 2_000_000  # bytes of input from which a run starts local worker processes by default
_PRELOADED = ["distributed", "pandas", "pyarrow", "timeline.pipeline"]  # what every worker imports


def worker_count(paths: Iterable[str | Path], workers: int | None) -> int:
    """How many local worker processes a run on ``paths`` (files or folders) uses: ``workers`` where given, else
    the cores for a corpus of ``PARALLEL_FROM`` bytes or more; 1 runs in this process."""
    if workers is not None:
        return workers
    from .articles import holds_at_least

    return (os.cpu_count() or 1) if holds_at_least(paths, PARALLEL_FROM) else 1


def start_early(paths: Iterable[str | Path], workers: int | None, scheduler: str | None) -> None:
    """Start the fork server now where a run on ``paths`` will use local workers (``timeline.pipeline``
    starts it otherwise, when it makes them)."""
    if not scheduler and worker_count(paths, workers) > 1:
        start_fork_server()


def start_fork_server() -> None:
    """The process local workers are forked from (``local_cluster``), started with the modules they need; once."""
    import multiprocessing
    from multiprocessing import forkserver

    multiprocessing.get_context("forkserver").set_forkserver_preload(_PRELOADED)
    forkserver.ensure_running()


def local_cluster(workers: int | None):
    """Worker processes forked from one process that has imported the pipeline once (``start_fork_server``),
    rather than each starting Python and importing it anew: about half a second saved on every run. (A fork
    server has one thread, so forking it is safe, unlike forking this process.) Dask's statistical profiler,
    which samples each worker's stack a hundred times a second for a dashboard the local cluster does not
    serve, is off; the memory and system monitors look less often."""
    start_fork_server()  # first: it imports the pipeline while this process imports Dask
    import dask
    from distributed import LocalCluster

    settings = {
        "distributed.worker.multiprocessing-method": "forkserver",
        "distributed.worker.profile.enabled": False,
        "distributed.admin.system-monitor.interval": "2s",
        "distributed.worker.memory.monitor-interval": "1s",
    }
    with dask.config.set(settings):
        return LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
        )


def behind_the_run() -> None:
    """A local worker yields the processor to the process running the stages: what that process does between
    stages (adding up results, the actor step) holds up every worker, while a worker's own tasks can wait."""
    if hasattr(os, "nice"):
        os.nice(5)
