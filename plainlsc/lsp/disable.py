""""Disable RULE for this line": the comment that switches a rule off for one line, written
as the document's format reads it (see :mod:`plainlsc.text.suppress`).

Markdown and HTML take ``<!-- plainlsc-disable-next-line RULE -->``, plain text a line of its
own starting with ``#``. The comment goes on a new line above the finding's line, with the same
indent (and ``>`` quote markers) so it stays inside the same block. Before an edit is offered,
the edited text is read again to prove the reader sees the switch on the right line: a comment
that silently did nothing, or broke a table, would be worse than no action.
"""

from __future__ import annotations

import re

from plainlsc.lsp.positions import LineIndex

_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?)*")


def comment_for(format: str, rule: str) -> str:
    """The directive, as the format writes a comment."""
    if format == "text":
        return f"# plainlsc-disable-next-line {rule}"
    return f"<!-- plainlsc-disable-next-line {rule} -->"


def disable_edit(text: str, format: str, rule: str, offset: int) -> tuple[int, str] | None:
    """(offset, text to insert) that switches ``rule`` off on the line holding ``offset``, or
    None when no comment can be put there safely."""
    index = LineIndex(text)
    line, _ = index.position(offset)
    start, end = index.starts[line], index.line_end(line)
    prefix = _PREFIX.match(text, start, end)
    indent = prefix.group() if prefix else ""
    if format == "markdown" and text[start + len(indent):end].lstrip().startswith("|"):
        return None  # a table row: a comment line would end the table
    newline = "\r\n" if "\r\n" in text else "\n"
    inserted = f"{indent}{comment_for(format, rule)}{newline}"
    return (start, inserted) if _works(text, format, rule, start, inserted, line) else None


def _works(text: str, format: str, rule: str, start: int, inserted: str, line: int) -> bool:
    """Whether the reader, given the edited text, switches ``rule`` off on the moved line
    (1-based ``line + 2`` after the edit) and on no line before the comment."""
    from plainlsc.readers import read_string

    try:
        doc = read_string(text[:start] + inserted + text[start:], format)
    except Exception:  # a document the reader cannot take now: offer nothing
        return False
    rules = doc.suppressions
    return rules.is_suppressed(rule, line + 2) and not rules.is_suppressed(rule, line)
