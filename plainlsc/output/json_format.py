"""The JSON output (schema version 1): one document for the whole run."""

from __future__ import annotations

import json

from plainlsc.findings import Report


def render_json(report: Report) -> str:
    """The report as indented JSON, non-ASCII characters kept readable."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
