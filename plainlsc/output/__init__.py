"""Output formats: the terminal view, JSON, SARIF, GitHub annotations and the HTML report."""

from __future__ import annotations

FORMATS = ("text", "json", "sarif", "github")
