"""Run one function over many files with worker processes (``--jobs N``), keeping the order.

This module knows nothing of checking: the pipeline hands it the worker (a picklable callable
from a path to a result) and, optionally, a ``warm`` step. On systems that fork, the parent
runs ``warm`` first (loading spaCy and the rule set), so every worker starts with them already
in memory instead of paying the start-up cost again.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

R = TypeVar("R")

_STATE: dict[str, Any] = {}


def _init(worker: Callable[[str], Any]) -> None:
    _STATE["worker"] = worker


def _work(path: str) -> Any:
    return _STATE["worker"](path)


def useful_jobs(jobs: int, files: int) -> int:
    """``jobs`` capped by what can help: no more workers than files or than CPU cores.

    Checking is CPU-bound, so a worker beyond the number of cores only adds memory and
    start-up time; ``--jobs 100000`` must not fork thousands of processes.
    """
    return max(1, min(jobs, files, os.cpu_count() or 1))


def run_parallel(files: list[str], worker: Callable[[str], R], jobs: int,
                 warm: Callable[[], None] | None = None) -> list[R]:
    """``[worker(f) for f in files]`` with up to ``jobs`` processes; results keep the order."""
    jobs = useful_jobs(jobs, len(files))
    if jobs == 1:
        return [worker(path) for path in files]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    if warm is not None and context.get_start_method() == "fork":
        warm()
    chunk = max(1, len(files) // (jobs * 4))
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_init,
                             initargs=(worker,)) as pool:
        return list(pool.map(_work, files, chunksize=chunk))
