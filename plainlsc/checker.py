"""The one pipeline behind the CLI and the Python API: read, segment, score, check, report."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from plainlsc.config import Config, discover
from plainlsc.errors import InputError, PlainlscError
from plainlsc.findings import FileReport, Report
from plainlsc.model import Document
from plainlsc.readers import read_path, read_string


def analyse(doc: Document, config: Config) -> FileReport:
    """Segment, score and check a read document."""
    from plainlsc.acronym_check import acronym_entries
    from plainlsc.checks.engine import ruleset_for
    from plainlsc.measure import measure
    from plainlsc.segment import segment_blocks

    ruleset = ruleset_for(config)
    segment_blocks(doc.blocks, config.model)
    scores = measure(doc)
    cache: dict[str, Any] = {"scores": scores}
    findings = ruleset.run(doc, cache)
    acronyms = acronym_entries(doc, config, cache)
    return FileReport(doc.path, doc.format, scores, findings, acronyms, source=doc.source)


def check_text(text: str, format: str = "text", config: Config | None = None,
               path: str = "<text>") -> FileReport:
    """Check a string of text, Markdown or HTML."""
    return analyse(read_string(text, format, path), config or Config())


def check_file(path: str | Path, config: Config | None = None,
               format: str | None = None) -> FileReport:
    """Check one file; its configuration is discovered from its folder unless given."""
    cfg = (config or discover(Path(path))).for_file(str(path))
    doc = read_path(str(path), format, cfg.max_file_size)
    return analyse(doc, cfg)


def _check_one(path: str, config: Config | None, stdin_format: str | None) -> FileReport:
    """Check one path for a run: errors become the file's ``error``, never an exception."""
    fmt = stdin_format or "text"
    try:
        if path == "-":
            cfg = (config or discover(Path.cwd())).for_file("-")
            data = sys.stdin.buffer.read()
            from plainlsc.readers import read_bytes

            return analyse(read_bytes(data, fmt, "-"), cfg)
        return check_file(path, config, None)
    except InputError as exc:
        return FileReport(path, stdin_format or "", error=exc.reason)
    except RecursionError:
        return FileReport(path, "", error="too deeply nested to read")
    except MemoryError:
        return FileReport(path, "", error="too large to check in memory")


def check_paths(paths: list[str], config: Config | None = None, stdin_format: str | None = None,
                jobs: int = 1, progress: Callable[[str], None] | None = None) -> Report:
    """Check files and folders. Configuration errors raise; unreadable files are reported."""
    from plainlsc.files import expand

    files, problems = expand(paths)
    report = Report([FileReport(p, "", error=why) for p, why in problems])
    if jobs > 1 and len(files) > 1:
        from plainlsc.parallel import check_parallel

        report.files.extend(check_parallel(files, config, stdin_format, jobs))
        return report
    for path in files:
        if progress:
            progress(path)
        report.files.append(_check_one(path, config, stdin_format))
    return report


__all__ = ["PlainlscError", "analyse", "check_file", "check_paths", "check_text"]
