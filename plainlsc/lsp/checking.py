"""One document's check, as the server runs it on the worker thread: the ONE pipeline
(:func:`plainlsc.pipeline.check_text`) with the configuration ``plainlsc check`` would find
for the file, then the client's settings; and what the editor needs from the result."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types

from plainlsc.config import Config
from plainlsc.findings import FileReport, Finding
from plainlsc.lsp.diagnostics import to_diagnostics
from plainlsc.lsp.positions import LineIndex
from plainlsc.lsp.settings import ClientSettings, ConfigCache

#: Editor language ids and the format we read them as; other documents go by file extension.
LANGUAGES = {"markdown": "markdown", "plaintext": "text", "text": "text", "html": "html"}


def format_of(language_id: str | None, path: str | None) -> str | None:
    """The format to read a document as, or None for one we do not serve (a .docx, code)."""
    from plainlsc.readers import format_for

    if language_id and language_id.lower() in LANGUAGES:
        return LANGUAGES[language_id.lower()]
    found = format_for(path) if path else None
    return found if found in ("markdown", "text", "html") else None


@dataclass(slots=True)
class Checked:
    """A document as it was checked: the text and version, the report and its diagnostics."""

    uri: str
    version: int | None
    text: str
    format: str
    index: LineIndex
    report: FileReport
    findings: list[Finding]
    config: Config
    specs: dict[str, Any]
    diagnostics: list[types.Diagnostic] = field(default_factory=list)

    def diagnostic_for(self, finding: Finding) -> types.Diagnostic:
        """The diagnostic published for ``finding``."""
        return self.diagnostics[self.findings.index(finding)]


_SPECS: dict[str, dict[str, Any]] = {}
_SPECS_LOCK = threading.Lock()


def specs_for(config: Config) -> dict[str, Any]:
    """Each rule as ``config`` sets it, by id (for links and hover), worked out once."""
    from plainlsc.checks.engine import effective_specs

    key = repr(config)
    with _SPECS_LOCK:
        if key not in _SPECS:
            _SPECS[key] = {spec.id: spec for spec, _on in effective_specs(config)}
        return _SPECS[key]


def check_document(uri: str, path: str | None, folder: str | None, text: str,
                   version: int | None, fmt: str, settings: ClientSettings,
                   configs: ConfigCache, encoding: str) -> Checked:
    """Check one document's text as the CLI checks the same file saved to disk."""
    from plainlsc.pipeline import check_text

    where = Path(path) if path else Path(folder or os.getcwd()) / "untitled"
    config = configs.config_for(where, settings)
    report = check_text(text, fmt, config, str(where) if path else uri)
    findings = [f for f in report.findings if settings.keep(f)]
    specs = specs_for(config)
    # Offsets point into report.source, which is the text as given (read_string keeps it).
    index = LineIndex(report.source if report.source is not None else text, encoding)
    checked = Checked(uri, version, text, fmt, index, report, findings, config, specs)
    checked.diagnostics = to_diagnostics(findings, index, {k: s.link for k, s in specs.items()})
    return checked
