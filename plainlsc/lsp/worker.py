"""Checks off the message loop: one worker thread, a debounce per document, and stale results
dropped.

The pipeline is CPU-bound and spaCy is not meant to be shared between threads, so every check
runs on one dedicated thread, in the order asked. The loop only waits (asyncio), so it keeps
answering hovers and code actions while a long document is checked. Typing schedules a check
for the document after a short pause; a newer change cancels the waiting one, and a result for
a version that is no longer current is thrown away by the caller.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


class Worker:
    """One thread for checks, and one pending (debounced) job per document."""

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="plainlsc-check")
        self._pending: dict[str, asyncio.Task[Any]] = {}

    async def run(self, func: Callable[..., T], *args: Any) -> T:
        """Run ``func(*args)`` on the check thread and wait for it without blocking the loop."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, func, *args)

    def submit(self, func: Callable[..., Any], *args: Any) -> None:
        """Queue ``func(*args)`` on the check thread without waiting (warming up)."""
        self._executor.submit(func, *args)

    def schedule(self, key: str, delay: float, job: Callable[[], Awaitable[None]]) -> None:
        """Run ``job`` after ``delay`` seconds, replacing any job still waiting for ``key``."""
        self.cancel(key)
        task = asyncio.ensure_future(self._later(key, delay, job))
        self._pending[key] = task

    async def _later(self, key: str, delay: float,
                     job: Callable[[], Awaitable[None]]) -> None:
        try:
            if delay > 0:
                await asyncio.sleep(delay)
            await job()
        finally:
            if self._pending.get(key) is asyncio.current_task():
                del self._pending[key]

    def cancel(self, key: str) -> None:
        """Forget the job waiting for ``key`` (a check already running finishes, unused)."""
        task = self._pending.pop(key, None)
        if task is not None:
            task.cancel()

    def shutdown(self) -> None:
        """Stop taking work; checks not yet started are dropped."""
        for task in self._pending.values():
            task.cancel()
        self._pending.clear()
        self._executor.shutdown(wait=False, cancel_futures=True)
