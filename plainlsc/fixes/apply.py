"""Apply chosen fixes to a text, leaving every character outside them as it was."""

from __future__ import annotations

from collections.abc import Sequence

from plainlsc.findings import Fix


def apply_fixes(text: str, fixes: Sequence[Fix]) -> str:
    """``text`` with each fix's span replaced; fixes must be sorted and must not overlap
    (as :func:`plainlsc.fixes.choose.choose` returns them)."""
    parts: list[str] = []
    cursor = 0
    for fix in fixes:
        if fix.start < cursor or fix.end > len(text):
            raise ValueError(f"fixes overlap or run past the text at offset {fix.start}")
        parts.append(text[cursor:fix.start])
        parts.append(fix.replacement)
        cursor = fix.end
    parts.append(text[cursor:])
    return "".join(parts)
