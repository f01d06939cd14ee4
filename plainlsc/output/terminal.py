"""Text from outside (file names above all) made safe to print on a terminal.

A file name may hold a newline, an escape sequence that recolours or clears the terminal, or
a right-to-left override that reverses what follows; and rich reads ``[...]`` as markup, so
``[draft]/a.txt`` would lose its folder and ``x[/]y.txt`` would stop the run. Every renderer
that prints a name goes through :func:`visible` (and :func:`markup_safe` where rich parses
markup), so the name is shown as it is, with any such character written out as an escape.
"""

from __future__ import annotations

import re

#: C0 and C1 controls, DEL, and the invisible characters that reorder or break a line.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, keep_tabs: bool = False) -> str:
    """``text`` with every control or reordering character written as ``\\n``, ``\\x1b``...

    ``keep_tabs`` leaves tabs as they are, for document text (a Word paragraph's tab stops).
    """
    if not _UNSAFE.search(text):
        return text
    if keep_tabs:
        return _UNSAFE.sub(lambda m: m.group() if m.group() == "\t" else _escape(m), text)
    return _UNSAFE.sub(_escape, text)


def masked(text: str) -> str:
    """``text`` with each control or reordering character replaced by one U+FFFD, so that it
    keeps its width (a quoted line with carets under a match)."""
    return _UNSAFE.sub("\ufffd", text) if _UNSAFE.search(text) else text


def markup_safe(text: str) -> str:
    """:func:`visible`, then escaped for rich markup (a title, a table cell)."""
    from rich.markup import escape

    return escape(visible(text))
