"""The JSON output (schema version 1): one document for the whole run."""

from __future__ import annotations

import json

from plainlsc.findings import Report


def render_json(report: Report, indent: int | None = 2) -> str:
    """The report as JSON, non-ASCII characters kept readable.

    Indented for a person; ``indent=None`` (used when the output goes to another program)
    lets Python use its C encoder, several times faster on a large site.
    """
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=indent)
