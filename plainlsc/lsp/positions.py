"""Offsets into a document's text <-> LSP positions (line, character).

The protocol counts lines split at ``\\n``, ``\\r\\n`` and ``\\r`` only (not at U+2028 or form
feeds, which ``str.splitlines`` would split at), and characters in the code units of the
negotiated position encoding: UTF-16 unless client and server agreed on UTF-8 or UTF-32.
A finding's ``start``/``end`` are offsets in Python characters (code points), so an emoji is one
character to us, two UTF-16 units to the editor: this module is the one place that converts.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

_BREAK = re.compile(r"\r\n|\r|\n")
UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def _units(text: str, encoding: str) -> int:
    """How many code units of ``encoding`` ``text`` takes."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    # Characters beyond the Basic Multilingual Plane take two UTF-16 units (a surrogate pair).
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


@dataclass(slots=True)
class LineIndex:
    """Where each line of ``text`` starts, for converting offsets to positions and back."""

    text: str
    encoding: str = UTF16
    starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.starts = [0] + [m.end() for m in _BREAK.finditer(self.text)]

    def line_end(self, line: int) -> int:
        """Offset where the 0-based ``line``'s text ends (before its line break)."""
        if line + 1 < len(self.starts):
            end = self.starts[line + 1]
            return end - (2 if self.text.startswith("\r\n", end - 2) else 1)
        return len(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        """(line, character) of a code-point ``offset``, both 0-based, as the protocol counts."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        return line, _units(self.text[start:offset], self.encoding)

    def offset(self, line: int, character: int) -> int:
        """The code-point offset of a protocol position; past a line's end means its end."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self.line_end(line)
        if self.encoding == UTF32 or self.text[start:end].isascii():
            return min(start + max(character, 0), end)
        used = 0
        for i in range(start, end):
            if used >= character:
                return i
            used += _units(self.text[i], self.encoding)
        return end
