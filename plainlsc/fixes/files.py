"""Fix files on disk: read the bytes, fix the text, show a diff or write it back atomically.

The file keeps its encoding, byte order mark and line endings (see
:func:`plainlsc.atomic.rewrite_preserving`); fixes never add or remove a line ending of their
own, so every byte outside a fix is the byte that was there.
"""

from __future__ import annotations

import difflib

from plainlsc.config import Config
from plainlsc.errors import InputError
from plainlsc.fixes.text import Fixed, fix_text

#: Formats ``plainlsc fix`` rewrites in place (a Word file gets a copy with tracked changes).
TEXT_FORMATS = ("text", "markdown", "html")


def read_for_fix(path: str, config: Config) -> tuple[str, str]:
    """The file's text and format; an :class:`InputError` if it cannot be fixed in place."""
    from plainlsc.readers import format_for, read_file_bytes
    from plainlsc.readers.decode import NotText, decode

    fmt = format_for(path)
    if fmt not in TEXT_FORMATS:
        raise InputError(path, "plainlsc fix rewrites .txt, .md and .html files (and writes a "
                               "copy of a .docx with tracked changes)")
    data = read_file_bytes(path, fmt, config.max_file_size)  # one read, within the bounds
    try:
        text, _encoding = decode(data)
    except NotText as exc:
        raise InputError(path, str(exc)) from None
    return text, fmt


def fix_file(path: str, config: Config, write: bool = True) -> Fixed:
    """Fix one text file; with ``write``, save the result in place (only if it changed)."""
    from plainlsc.atomic import rewrite_preserving

    text, fmt = read_for_fix(path, config)
    fixed = fix_text(text, fmt, config, path)
    if write and fixed.changed:
        rewrite_preserving(path, fixed.after)
    return fixed


def unified_diff(fixed: Fixed, path: str) -> str:
    """The change as a unified diff, as ``git diff`` shows it (``a/`` and ``b/`` paths)."""
    lines = difflib.unified_diff(fixed.before.splitlines(keepends=True),
                                 fixed.after.splitlines(keepends=True),
                                 f"a/{path.lstrip('/')}", f"b/{path.lstrip('/')}")
    out = []
    for line in lines:
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of "
                   "file\n")
    return "".join(out)
