"""``plainlsc annotate`` and ``plainlsc fix`` for Word files: check, then write a copy.

The input is read once (its bytes), checked by the one pipeline, and opened with python-docx
from those same bytes; the copy is written atomically to another path. The original file is
never opened for writing.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plainlsc.config import Config
from plainlsc.errors import InputError
from plainlsc.findings import FileReport, Finding, Fix, level_rank
from plainlsc.output.english import plural
from plainlsc.word.textmap import TextMap


@dataclass(slots=True)
class Written:
    """What went into the copy."""

    comments: int = 0
    summary: bool = False
    fixes: list[Fix] = field(default_factory=list)
    refused: list[Fix] = field(default_factory=list)
    unplaced: list[Finding] = field(default_factory=list)


def _check(path: Path, config: Config) -> tuple[bytes, FileReport]:
    """The file's bytes and its report, from one read of the file."""
    from plainlsc.pipeline import analyse
    from plainlsc.readers import format_for, read_bytes, read_file_bytes

    if format_for(str(path)) != "docx":
        raise InputError(str(path), "not a Word document (.docx)")
    data = read_file_bytes(str(path), "docx", config.max_file_size)
    return data, analyse(read_bytes(data, "docx", str(path)), config)


def _open(data: bytes, path: Path, expected: str) -> tuple[Any, TextMap]:
    """The document opened with python-docx and its text map, which must give exactly the
    text the checks saw (else every position would be off, and nothing is written)."""
    import docx

    from plainlsc.readers.docx import W_NAMESPACES, Names

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a damaged package
        raise InputError(str(path), f"python-docx cannot open it: {exc}") from None
    body = document.element.body
    tmap = TextMap(body, Names(W_NAMESPACES[0]))
    if tmap.source != expected:
        raise InputError(str(path), "cannot place comments: its text could not be matched to "
                                    "its XML (a Strict Open XML document? Save it as a normal "
                                    ".docx)")
    return document, tmap


def _save(document: Any, target: Path) -> None:
    from plainlsc.atomic import write_atomic_chunks

    buffer = io.BytesIO()
    document.save(buffer)
    write_atomic_chunks(target, [buffer.getvalue()])


def annotate(document: Any, tmap: TextMap, report: FileReport, findings: list[Finding],
             author: str) -> Written:
    """Add a comment per finding (document-wide ones, as the pipeline marked them, in one
    summary)."""
    from plainlsc.word.comments import (
        add_comment,
        anchor_runs,
        comment_lines,
        first_paragraph_runs,
        summary_lines,
    )

    done = Written()
    overall = [f for f in findings if f.document]
    if overall:
        runs = first_paragraph_runs(tmap)
        if runs:
            add_comment(document, runs, summary_lines(overall, report.scores), author)
            done.summary = True
        else:
            done.unplaced.extend(overall)
    for finding in findings:
        if finding.document:
            continue
        runs = anchor_runs(tmap, finding.start, finding.end)
        if runs is None:
            done.unplaced.append(finding)
            continue
        add_comment(document, runs, comment_lines(finding), author)
        done.comments += 1
    return done


def _tracked(tmap: TextMap, report: FileReport, author: str, done: Written) -> None:
    from plainlsc.fixes.choose import choose
    from plainlsc.word.tracked import apply_tracked

    fixes = choose(report.findings, tmap.source)
    done.fixes, done.refused = apply_tracked(tmap, fixes, author)


def run_annotate(path: Path, target: Path, config: Config, author: str, min_level: str,
                 with_fixes: bool) -> str:
    """Write ``target``: ``path`` with comments (and tracked fixes); the line to print."""
    config = config.for_file(str(path))
    data, report = _check(path, config)
    document, tmap = _open(data, path, report.source or "")
    floor = level_rank(min_level)
    findings = [f for f in report.findings if level_rank(f.severity) >= floor]
    done = annotate(document, tmap, report, findings, author)
    if with_fixes:
        _tracked(tmap, report, author, done)
    _save(document, target)
    return (f"Wrote {target}: {plural(done.comments, 'comment')}"
            + (" and a summary comment" if done.summary else "")
            + (f", {plural(len(done.fixes), 'tracked change')}" if with_fixes else "")
            + _left_out(done) + ".")


def run_word_fix(path: Path, target: Path, config: Config, author: str) -> str:
    """Write ``target``: ``path`` with its safe fixes as tracked changes; the line to print."""
    data, report = _check(path, config)
    document, tmap = _open(data, path, report.source or "")
    done = Written()
    _tracked(tmap, report, author, done)
    _save(document, target)
    return (f"{path}: wrote {target} with {plural(len(done.fixes), 'tracked change')}"
            + _left_out(done) + "; accept or reject each one in Word.")


def _left_out(done: Written) -> str:
    parts = []
    if done.refused:
        parts.append(f"{plural(len(done.refused), 'fix', 'fixes')} left for you, being in a "
                     "link, a field or an earlier change")
    if done.unplaced:
        parts.append(f"{plural(len(done.unplaced), 'finding')} could not be anchored")
    return "" if not parts else "; " + "; ".join(parts)
