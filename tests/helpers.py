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
