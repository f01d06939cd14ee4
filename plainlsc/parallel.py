"""Check many files with worker processes (``--jobs N``), in the same order as one process.

On systems that fork, the parent loads spaCy and the rule set first, so every worker starts
with them already in memory instead of paying the start-up cost again.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from plainlsc.config import Config
from plainlsc.findings import FileReport

_STATE: dict[str, object] = {}


def _init(config: Config | None, stdin_format: str | None) -> None:
    _STATE["config"] = config
    _STATE["stdin_format"] = stdin_format


def _work(path: str) -> FileReport:
    from plainlsc.pipeline import _check_one

    config = _STATE.get("config")
    fmt = _STATE.get("stdin_format")
    return _check_one(path, config if isinstance(config, Config) else None,
                      fmt if isinstance(fmt, str) else None)


def _warm(config: Config | None) -> None:
    """Load what every worker needs before forking, so it is shared, not repeated."""
    from plainlsc.checks.engine import ruleset_for
    from plainlsc.measure import measure  # noqa: F401 - imports the scoring code
    from plainlsc.scoring import syllables
    from plainlsc.segment import tokenizer

    cfg = config or Config()
    ruleset_for(cfg)
    tokenizer(cfg.model)
    syllables("warm")


def check_parallel(files: list[str], config: Config | None, stdin_format: str | None,
                   jobs: int) -> list[FileReport]:
    """Check ``files`` with ``jobs`` worker processes; results keep the input order."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    if context.get_start_method() == "fork":
        _warm(config)
    chunk = max(1, len(files) // (jobs * 4))
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_init,
                             initargs=(config, stdin_format)) as pool:
        return list(pool.map(_work, files, chunksize=chunk))
