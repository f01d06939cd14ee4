"""Findings -> LSP diagnostics: exact ranges, our levels as severities, the rule as the code."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from lsprotocol import types

from plainlsc.findings import Finding
from plainlsc.lsp.positions import LineIndex

SOURCE = "plainlsc"

SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    # Information, not Hint: editors draw hints so faintly that writers miss them.
    "suggestion": types.DiagnosticSeverity.Information,
}


def finding_range(finding: Finding, index: LineIndex) -> types.Range:
    """The finding's span in protocol positions. A finding with no span is about the whole
    document: it goes on the first line, so the editor has somewhere to show it."""
    if finding.end <= finding.start:
        return types.Range(types.Position(0, 0), types.Position(*index.position(
            index.line_end(0))))
    return types.Range(types.Position(*index.position(finding.start)),
                       types.Position(*index.position(finding.end)))


def to_diagnostic(finding: Finding, index: LineIndex, link: str | None) -> types.Diagnostic:
    """One finding as a diagnostic; ``link`` is the rule's guidance page, when it has one."""
    href = link if link and link.startswith(("https://", "http://")) else None
    return types.Diagnostic(
        range=finding_range(finding, index),
        message=finding.message,
        severity=SEVERITY.get(finding.severity, types.DiagnosticSeverity.Warning),
        code=finding.rule,
        code_description=types.CodeDescription(href=href) if href else None,
        source=SOURCE,
    )


def to_diagnostics(findings: Iterable[Finding], index: LineIndex,
                   links: Mapping[str, str]) -> list[types.Diagnostic]:
    """Every finding as a diagnostic, in the report's order."""
    return [to_diagnostic(f, index, links.get(f.rule)) for f in findings]

