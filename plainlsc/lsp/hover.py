"""Hover on a finding: its message, then the rule's explanation as ``plainlsc explain`` gives
it (what it finds, why it matters, an example, a better version), written as Markdown."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from plainlsc.findings import Finding

_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>#|"})


def _md(text: str) -> str:
    """Plain text made safe for Markdown: our rule text is not Markdown, and "[INSERT ROLE]"
    or "*" in an example must show as written."""
    return text.translate(_SPECIAL)


def explain_markdown(finding: Finding, spec: Any | None) -> str:
    """One finding with its rule's explanation."""
    from plainlsc.output.explain import explain_sections

    lines = [f"**{_md(finding.rule)}** ({finding.severity}): {_md(finding.message)}"]
    if finding.suggestions:
        lines.append("Try: " + ", ".join(f"“{_md(s)}”" for s in finding.suggestions))
    if spec is not None:
        for title, body in explain_sections(spec):
            lines.append(f"**{title}**  \n{_md(body)}")
        if spec.link:
            link = spec.link
            lines.append(f"[Guidance]({link})" if link.startswith(("https://", "http://"))
                         else f"Source: {_md(link)}")
    return "\n\n".join(lines)


def hover_markdown(findings: Iterable[Finding], specs: Mapping[str, Any]) -> str | None:
    """The hover text for the findings under the cursor, or None when there are none."""
    parts = [explain_markdown(f, specs.get(f.rule)) for f in findings]
    return "\n\n---\n\n".join(parts) if parts else None
