"""Run one function over many files with worker processes (``--jobs N``), keeping the order.

This module knows nothing of checking: the pipeline hands it the worker (a picklable callable
from a path to a result) and, optionally, a ``warm`` step. On systems that fork, the parent
runs ``warm`` first (loading spaCy and the rule set), so every worker starts with them already
in memory instead of paying the start-up cost again.

Two things must never spoil a whole run:

- a worker process that dies (killed for memory, a crash in a C library): the pool breaks,
  every result already back is kept, the file that killed it is found by checking the files
  that were in flight one at a time, ``lost(path)`` stands in for its result, and the rest
  are checked as usual;
- Ctrl-C: workers ignore SIGINT (only the parent decides), and the parent stops them at once
  instead of waiting for their work to finish, then lets KeyboardInterrupt go on up.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

R = TypeVar("R")

_STATE: dict[str, Any] = {}


def _init(worker: Callable[[str], Any]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _mask_sigint(False)  # started with it blocked (see _run_pool), so none slipped in before
    _STATE["worker"] = worker


def _mask_sigint(block: bool) -> None:
    """Block or unblock SIGINT in this thread, where the platform can (POSIX)."""
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_BLOCK if block else signal.SIG_UNBLOCK,
                               {signal.SIGINT})


def _work(paths: list[str]) -> list[Any]:
    return [_STATE["worker"](path) for path in paths]


def useful_jobs(jobs: int, files: int) -> int:
    """``jobs`` capped by what can help: no more workers than files or than CPU cores.

    Checking is CPU-bound, so a worker beyond the number of cores only adds memory and
    start-up time; ``--jobs 100000`` must not fork thousands of processes.
    """
    return max(1, min(jobs, files, os.cpu_count() or 1))


def run_parallel(files: list[str], worker: Callable[[str], R], jobs: int,
                 warm: Callable[[], None] | None = None,
                 lost: Callable[[str], R] | None = None) -> list[R]:
    """``[worker(f) for f in files]`` with up to ``jobs`` processes; results keep the order.

    ``lost(path)`` gives the result for a file whose worker process died; without it, the
    pool's BrokenProcessPool is raised.
    """
    jobs = useful_jobs(jobs, len(files))
    if jobs == 1:
        return [worker(path) for path in files]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    if warm is not None and context.get_start_method() == "fork":
        warm()
    results: dict[int, R] = {}
    todo = list(range(len(files)))
    chunk = max(1, len(files) // (jobs * 4))
    while todo:
        todo = _run_pool(context, worker, jobs, chunk, files, todo, results)
        if todo:  # a worker died: find the file, one at a time among those in flight
            todo = _isolate(context, worker, files, todo, results, (jobs + 2) * chunk, lost)
    return [results[i] for i in range(len(files))]


def _isolate(context: Any, worker: Callable[[str], R], files: list[str], todo: list[int],
             results: dict[int, R], window: int, lost: Callable[[str], R] | None) -> list[int]:
    """Check the first ``window`` unfinished files in one worker, in order, so that a death
    names its file; return the files still to do.

    Files are handed out in order, so those in flight when the pool broke are among the first
    ``window`` unfinished ones (each worker holds one chunk and the queue one more).
    """
    suspects, rest = todo[:window], todo[window:]
    while suspects:
        left = _run_pool(context, worker, 1, 1, files, suspects, results)
        if not left:
            break
        if lost is None:
            raise BrokenProcessPool(f"a worker process died while checking {files[left[0]]}")
        results[left[0]] = lost(files[left[0]])
        suspects = left[1:]
    return rest


def _run_pool(context: Any, worker: Callable[[str], R], jobs: int, chunk: int,
              files: list[str], todo: list[int], results: dict[int, R]) -> list[int]:
    """Check ``todo`` (indexes into ``files``) in one pool, filling ``results``; return the
    indexes left unchecked because a worker died (empty when all went well)."""
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_init, initargs=(worker,))
    futures: dict[Future[list[R]], list[int]] = {}
    try:
        # Workers start inside submit and inherit this mask: a Ctrl-C in the instant before
        # a worker ignores SIGINT waits for the parent, instead of printing the worker's
        # traceback. Unblocked here, a pending Ctrl-C raises in this try.
        _mask_sigint(True)
        try:
            for start in range(0, len(todo), chunk):
                batch = todo[start:start + chunk]
                futures[pool.submit(_work, [files[i] for i in batch])] = batch
        finally:
            _mask_sigint(False)
        wait(futures, return_when=FIRST_EXCEPTION)
    except BaseException:  # Ctrl-C: stop the workers now, not after their work
        _stop(pool)
        raise
    broken, error = False, None
    for future, batch in futures.items():
        exc = future.exception() if future.done() else None
        if not future.done() or isinstance(exc, BrokenProcessPool):
            broken = True
        elif exc is None:
            results.update(zip(batch, future.result()))
        else:
            error = error or exc
    if error is not None:  # the worker function itself raised: as it would without workers
        _stop(pool)
        raise error
    if broken:
        _stop(pool)
        return [i for i in todo if i not in results]
    pool.shutdown(wait=True)
    return []


def _stop(pool: ProcessPoolExecutor) -> None:
    """End a pool without waiting for its work: cancel what has not started, kill the rest."""
    processes = list(getattr(pool, "_processes", {}).values())  # no public way to reach them
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.kill()
    for process in processes:
        process.join(timeout=5)
