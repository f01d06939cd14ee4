"""The GitHub Actions output: one workflow command per finding, shown as an annotation.

``::error file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=RULE::MESSAGE``, with "error",
"warning" or "notice" following the finding's level. Values are escaped as the Actions runner
expects, so a message or path holding ``%``, a line break, ``:`` or ``,`` comes through whole.
"""

from __future__ import annotations

import os

from plainlsc.findings import FileReport, Finding, Report

#: Our levels and the workflow commands that show them.
COMMAND = {"error": "error", "warning": "warning", "suggestion": "notice"}


def escape_data(value: str) -> str:
    """Escape a command's message: ``%``, carriage return and line feed."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a property value: as a message, and also ``:`` and ``,``."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def workflow_command(command: str, properties: dict[str, object], message: str) -> str:
    """``::command key=value,...::message`` with everything escaped."""
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{command}{' ' + props if props else ''}::{escape_data(message)}"


def annotation_path(path: str, cwd: str | None = None) -> str:
    """The path GitHub matches against the checkout: relative to the current folder, with "/".

    A path outside the current folder is kept as it was given.
    """
    base = os.path.abspath(cwd or os.getcwd())
    try:
        rel = os.path.relpath(os.path.abspath(path), base)
    except ValueError:  # another drive on Windows
        return path.replace(os.sep, "/")
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return path.replace(os.sep, "/")
    return rel.replace(os.sep, "/")


def finding_command(file: FileReport, f: Finding, cwd: str | None = None) -> str:
    """The workflow command for one finding."""
    command = COMMAND.get(f.severity, "warning")
    if file.path == "-":
        # Standard input has no file to annotate: say where in the message instead.
        return workflow_command(command, {"title": f.rule},
                                f"stdin:{f.line}:{f.column}: {f.message}")
    props: dict[str, object] = {
        "file": annotation_path(file.path, cwd),
        "line": f.line,
        "col": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
        "title": f.rule,
    }
    return workflow_command(command, props, f.message)


def error_command(file: FileReport, cwd: str | None = None) -> str:
    """The workflow command for a file that could not be read."""
    if file.path == "-":
        return workflow_command("error", {}, f"stdin: {file.error}")
    return workflow_command("error", {"file": annotation_path(file.path, cwd)}, file.error or "")


def render_github(report: Report) -> str:
    """One workflow command a line: unreadable files and findings in the report's order."""
    cwd = os.getcwd()
    lines: list[str] = []
    for file in report.files:
        if file.error is not None:
            lines.append(error_command(file, cwd))
            continue
        lines.extend(finding_command(file, f, cwd) for f in file.findings)
    return "\n".join(lines)
