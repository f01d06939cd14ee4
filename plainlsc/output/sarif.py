"""The SARIF 2.1.0 output: one run, for code-scanning tools such as GitHub's.

Every rule in force is described in ``tool.driver.rules``, so a viewer can show a rule's
description, reason and link beside each result. Locations are relative to the current folder
(with ``%SRCROOT%`` naming that folder), and columns count characters, as ours do.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from plainlsc import __version__
from plainlsc.findings import Finding, Report
from plainlsc.output.json_stream import Stream, iter_json, write_json

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/plainlsc/plainlsc"
SRCROOT = "%SRCROOT%"
#: Our levels and SARIF's.
SARIF_LEVEL = {"error": "error", "warning": "warning", "suggestion": "note"}


def sarif_level(level: str) -> str:
    """SARIF's name for one of our levels ("suggestion" is SARIF's "note")."""
    return SARIF_LEVEL.get(level, "warning")


def pascal_case(rule_id: str) -> str:
    """"repeated-word" -> "RepeatedWord": the ``name`` SARIF viewers show."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^0-9A-Za-z]+", rule_id)
                   if part)


def artifact_location(path: str, cwd: str | None = None) -> dict[str, Any]:
    """The ``artifactLocation`` of a file: a URI reference relative to the current folder.

    Standard input is "stdin". A file outside the current folder (or on another drive) gets an
    absolute ``file:`` URI instead of a "../" path, which code-scanning tools cannot place.
    """
    if path == "-":
        return {"uri": "stdin"}
    base = os.path.abspath(cwd or os.getcwd())
    full = os.path.abspath(path)
    try:
        rel = os.path.relpath(full, base)
    except ValueError:  # another drive on Windows
        rel = None
    if rel is None or rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return {"uri": Path(full).as_uri()}
    return {"uri": quote(rel.replace(os.sep, "/"), safe="/"), "uriBaseId": SRCROOT}


def _folder_uri(folder: str) -> str:
    """A folder's ``file:`` URI, ending in "/" as SARIF requires of a base URI."""
    uri = Path(folder).as_uri()
    return uri if uri.endswith("/") else uri + "/"


def _is_url(link: str) -> bool:
    return link.startswith(("https://", "http://"))


def _descriptor(rule_id: str, spec: Any = None) -> dict[str, Any]:
    """A ``reportingDescriptor`` for one rule (from its spec when we have it)."""
    description = (getattr(spec, "description", "") or "").strip() or rule_id
    why = (getattr(spec, "why", "") or "").strip()
    out: dict[str, Any] = {
        "id": rule_id,
        "name": pascal_case(rule_id),
        "shortDescription": {"text": description},
        "fullDescription": {"text": why or description},
    }
    link = (getattr(spec, "link", "") or "").strip()
    if _is_url(link):
        out["helpUri"] = link
    out["help"] = {"text": f"Run `plainlsc explain {rule_id}` for why this matters, an example "
                           "and a better version."}
    level = getattr(spec, "level", None)
    if level:
        out["defaultConfiguration"] = {"level": sarif_level(level)}
    kind = getattr(spec, "kind", None)
    if kind:
        out["properties"] = {"kind": kind}
    return out


def _rules(report: Report, ruleset: Any) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The rule descriptors and each rule id's index among them.

    Every rule of the rule set comes first, in its order; a finding from a rule the set does not
    list (for example one from the API with no rule set) still gets a short descriptor.
    """
    descriptors: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for rule in getattr(ruleset, "rules", None) or []:
        spec = getattr(rule, "spec", rule)
        if spec.id not in index:
            index[spec.id] = len(descriptors)
            descriptors.append(_descriptor(spec.id, spec))
    for finding in report.findings:
        if finding.rule not in index:
            index[finding.rule] = len(descriptors)
            descriptors.append(_descriptor(finding.rule))
    return descriptors, index


def _results(report: Report, index: dict[str, int], cwd: str) -> Iterator[dict[str, Any]]:
    """Every finding's result, in order; a file's location is worked out once."""
    for file in report.files:
        where = artifact_location(file.path, cwd)
        for f in file.findings:
            yield _result(f, index, where)


def _result(f: Finding, index: dict[str, int], where: dict[str, Any]) -> dict[str, Any]:
    region: dict[str, Any] = {
        "startLine": f.line,
        "startColumn": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
    }
    if f.match:
        region["snippet"] = {"text": f.match}
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": index[f.rule],
        "level": sarif_level(f.severity),
        "message": {"text": f.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": dict(where),
            "region": region,
        }}],
    }
    if f.suggestions:
        result["properties"] = {"suggestions": list(f.suggestions)}
    if f.fix is not None and (f.fix.start, f.fix.end) == (f.start, f.end):
        result["fixes"] = [_fix(f, where, region)]
    return result


def _fix(f: Finding, where: dict[str, Any], region: dict[str, Any]) -> dict[str, Any]:
    """A SARIF fix: the finding's own region becomes the replacement (a fix always spans
    exactly its finding, so no other positions are needed)."""
    assert f.fix is not None
    deleted = {k: v for k, v in region.items() if k != "snippet"}
    return {
        "description": {"text": f'Replace with "{f.fix.replacement}"'
                        + ("" if f.fix.safe else " (check it first)")},
        "artifactChanges": [{
            "artifactLocation": dict(where),
            "replacements": [{"deletedRegion": deleted,
                              "insertedContent": {"text": f.fix.replacement}}],
        }],
    }


def sarif_document(report: Report, ruleset: Any = None, cwd: str | None = None) -> dict[str, Any]:
    """The SARIF log as a dictionary."""
    document = _document(report, ruleset, cwd)
    document["runs"][0]["results"] = list(document["runs"][0]["results"].items)
    return document


def _document(report: Report, ruleset: Any = None, cwd: str | None = None) -> dict[str, Any]:
    """The SARIF log, with its results as a :class:`Stream` made only as they are written."""
    base = os.path.abspath(cwd or os.getcwd())
    rules, index = _rules(report, ruleset)
    results = Stream(_results(report, index, base), plain=True)
    notifications = [
        {
            "level": "error",
            "message": {"text": f"{file.path}: {file.error}"},
            "locations": [{"physicalLocation": {
                "artifactLocation": artifact_location(file.path, base)}}],
        }
        for file in report.errors
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "plainlsc",
            "informationUri": INFORMATION_URI,
            "version": __version__,
            "semanticVersion": __version__,
            "rules": rules,
        }},
        "invocations": [invocation],
        "originalUriBaseIds": {SRCROOT: {"uri": _folder_uri(base)}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render_sarif(report: Report, ruleset: Any = None) -> str:
    """The report as a SARIF 2.1.0 log (indented JSON)."""
    return "".join(iter_json(_document(report, ruleset), indent=2))


def write_sarif(report: Report, out: IO[str], ruleset: Any = None) -> None:
    """Write the SARIF log and a line break, piece by piece."""
    write_json(_document(report, ruleset), out, indent=2)
