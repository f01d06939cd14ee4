"""Small helpers shared by the tests."""

from __future__ import annotations


def line_col(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based line and column (in characters) of the n-th occurrence of ``needle``."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def offset_line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset``: lines end at \\n, \\r\\n or a lone \\r only."""
    line, start, i = 1, 0, 0
    while i < offset:
        if text[i] == "\r" and i + 1 < len(text) and text[i + 1] == "\n":
            if i + 1 == offset:
                break
            i += 2
            line, start = line + 1, i
        elif text[i] in "\r\n":
            i += 1
            line, start = line + 1, i
        else:
            i += 1
    return line, offset - start + 1
