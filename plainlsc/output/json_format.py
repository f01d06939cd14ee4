"""The JSON output (schema version 1): one document for the whole run."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import IO, Any

from plainlsc.findings import JSON_VERSION, FileReport, Report
from plainlsc.output.json_stream import Stream, iter_json, write_json


def json_document(report: Report) -> dict[str, Any]:
    """``report.to_dict()``, with the files and their findings made only as they are written."""
    return {
        "version": JSON_VERSION,
        "files": Stream(_file(f) for f in report.files),
        "summary": report.summary(),
    }


def _file(file: FileReport) -> dict[str, Any]:
    """``file.to_dict()``, keys in the same order, with the findings as a :class:`Stream`."""
    rest = file.to_dict(findings=False)
    out = {key: rest.pop(key) for key in ("path", "format", "scores")}
    out["findings"] = Stream((f.to_dict() for f in file.findings), plain=True)
    out.update(rest)
    return out


def render_json(report: Report, indent: int | None = 2) -> str:
    """The report as JSON, non-ASCII characters kept readable."""
    return "".join(iter_json(json_document(report), indent))


def write_report_json(report: Report, out: IO[str], indent: int | None = 2) -> None:
    """Write the report as JSON and a line break, piece by piece.

    Indented for a person; ``indent=None`` (used when the output goes to another program)
    lets Python use its C encoder for each piece, several times faster on a large site.
    """
    write_json(json_document(report), out, indent)


def per_file_json(report: Report, key: str, part: Callable[[FileReport], Any]) -> str:
    """``plainlsc score`` and ``plainlsc acronyms`` as JSON: the same versioned envelope as
    ``check``, each file holding its path and one part (``scores`` or ``acronyms``), or the
    error that stopped it."""
    files = []
    for file in report.files:
        entry: dict[str, Any] = {"path": file.path, "format": file.format}
        if file.error is not None:
            entry["error"] = file.error
        else:
            entry[key] = part(file)
        files.append(entry)
    return json.dumps({"version": JSON_VERSION, "files": files,
                       "summary": {"files": len(report.files),
                                   "unreadable": len(report.errors)}},
                      ensure_ascii=False, indent=2)
