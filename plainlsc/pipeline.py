"""The one pipeline behind the CLI and the Python API: read, segment, score, check, report."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from plainlsc.config import Config, discover
from plainlsc.errors import ConfigError, InputError, PlainlscError
from plainlsc.findings import FileReport, Report
from plainlsc.model import Document
from plainlsc.readers import read_path, read_string

#: Lone UTF-16 surrogates: a Python ``str`` may hold them (``"\\ud800"``, text decoded with
#: ``surrogateescape``), but they cannot be encoded, and the tokenizer encodes every word.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _mask_surrogates(doc: Document) -> None:
    """Replace lone surrogates in block text by U+FFFD, one for one, so offsets still hold.

    ``doc.source`` keeps them: a finding's ``match`` is still exactly the source text.
    """
    for block in doc.blocks:
        if _SURROGATE.search(block.text):
            block.text = _SURROGATE.sub("\ufffd", block.text)


def analyse(doc: Document, config: Config) -> FileReport:
    """Turn a read document into its report: segment, score, grade sentences, check, list
    acronyms. The one function that builds a :class:`FileReport`; every face calls it.
    """
    from plainlsc.acronym.document import acronym_entries
    from plainlsc.checks.engine import ruleset_for
    from plainlsc.scoring.measure import measure
    from plainlsc.scoring.sentences import grade_sentences
    from plainlsc.text.segment import segment_blocks

    ruleset = ruleset_for(config)
    _mask_surrogates(doc)
    segment_blocks(doc.blocks, config.model)
    scores = measure(doc)
    cache: dict[str, Any] = {"scores": scores}
    findings = ruleset.run(doc, cache)
    acronyms = acronym_entries(doc, config, cache)
    return FileReport(doc.path, doc.format, scores, findings, acronyms, source=doc.source,
                      sentences=grade_sentences(doc), notes=ruleset.unknown_names(doc))


def check_text(text: str, format: str = "text", config: Config | None = None,
               path: str = "<text>", profile: str | None = None) -> FileReport:
    """Check a string of text, Markdown or HTML (``profile`` overrides the configuration's)."""
    cfg = config or Config()
    if profile is not None:
        cfg = replace(cfg, profile=profile)  # an unknown profile: ConfigError from the rules
    return analyse(read_string(text, format, path), cfg)


def check_file(path: str | Path, config: Config | None = None,
               format: str | None = None) -> FileReport:
    """Check one file; its configuration is discovered from its folder unless given."""
    cfg = (config or discover(Path(path))).for_file(str(path))
    doc = read_path(str(path), format, cfg.max_file_size)
    return analyse(doc, cfg)


def check_one(path: str, config: Config | None, stdin_format: str | None) -> FileReport:
    """Check one path for a run: errors become the file's ``error``, never an exception.

    Only a broken configuration or rule file (:class:`ConfigError`) stops the run: it would
    stop every other file too. Anything else that goes wrong with this file, even a bug in a
    reader, is reported against this file and the run goes on to the next one.
    """
    fmt = stdin_format or "text"
    try:
        if path == "-":
            from plainlsc.readers import read_bytes, read_limited

            cfg = (config or discover(Path.cwd())).for_file("-")
            data = read_limited(sys.stdin.buffer, "-", cfg.max_file_size)
            return analyse(read_bytes(data, fmt, "-"), cfg)
        return check_file(path, config, None)
    except ConfigError:
        raise
    except InputError as exc:
        return FileReport(path, stdin_format or "", error=exc.reason)
    except PlainlscError as exc:
        return FileReport(path, stdin_format or "", error=str(exc))
    except RecursionError:
        return FileReport(path, "", error="too deeply nested to read")
    except MemoryError:
        return FileReport(path, "", error="too large to check in memory")
    except OSError as exc:  # e.g. a symbolic link loop met while finding the configuration
        return FileReport(path, "", error=(exc.strerror or str(exc)).lower())
    except Exception as exc:
        if os.environ.get("PLAINLSC_DEBUG"):
            raise
        return FileReport(path, "", error=f"internal error: {type(exc).__name__}: {exc} "
                                          "(set PLAINLSC_DEBUG=1 to see details)")


def display_path(path: str) -> str:
    """A path as it can be printed: a file name that is not valid UTF-8 reaches Python with
    its bad bytes as lone surrogates, which no output stream or JSON file can hold; they are
    shown as ``\\xe9``, as Python shows them in error messages."""
    if not _SURROGATE.search(path):
        return path
    try:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", path)


def check_paths(paths: list[str], config: Config | None = None, stdin_format: str | None = None,
                jobs: int = 1, progress: Callable[[str], None] | None = None) -> Report:
    """Check files and folders. Configuration errors raise; unreadable files are reported.

    Each report's ``path`` is the path as given, made printable (see :func:`display_path`).
    """
    report = _check_paths(paths, config, stdin_format, jobs, progress)
    for file in report.files:
        file.path = display_path(file.path)
    return report


def _check_paths(paths: list[str], config: Config | None, stdin_format: str | None,
                 jobs: int, progress: Callable[[str], None] | None) -> Report:
    from plainlsc.readers import normalise_format
    from plainlsc.readers.files import expand

    if stdin_format is not None:
        try:
            normalise_format(stdin_format)
        except ValueError as exc:
            raise PlainlscError(f"--format-in: {exc}") from None
    files, problems = expand(paths)
    report = Report([FileReport(p, "", error=why) for p, why in problems])
    if jobs > 1 and len(files) > 1:
        report.files.extend(_check_many(files, config, stdin_format, jobs))
        return report
    for path in files:
        if progress:
            progress(display_path(path))
        report.files.append(check_one(path, config, stdin_format))
    return report


def _check_many(files: list[str], config: Config | None, stdin_format: str | None,
                jobs: int) -> list[FileReport]:
    """Check ``files`` in worker processes. Standard input is read here, in the parent: a
    worker's standard input is not the user's pipe."""
    from plainlsc.parallel import run_parallel

    others = [f for f in files if f != "-"]
    worker = partial(check_one, config=config, stdin_format=stdin_format)
    done = iter(run_parallel(others, worker, jobs, partial(_warm, config), _lost))
    return [check_one("-", config, stdin_format) if f == "-" else next(done) for f in files]


def _lost(path: str) -> FileReport:
    """The report of a file whose worker process died while checking it."""
    return FileReport(path, "", error="could not be checked: the worker process checking it "
                                      "stopped (out of memory?)")


def _warm(config: Config | None) -> None:
    """Load what every worker needs before forking, so it is shared, not repeated."""
    from plainlsc.checks.engine import ruleset_for
    from plainlsc.scoring import syllables
    from plainlsc.text.segment import tokenizer

    cfg = config or Config()
    ruleset_for(cfg)
    tokenizer(cfg.model)
    syllables("warm")


__all__ = ["PlainlscError", "analyse", "check_file", "check_paths", "check_text"]
