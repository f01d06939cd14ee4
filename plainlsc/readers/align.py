"""Build a block's text from decoded pieces and map each piece back to the source.

Parsers (markdown-it, HTML) hand us text with markup removed and entities decoded; they do not
say where each character came from. :class:`TextAssembler` finds each piece in the source,
moving forward only, and records :class:`~plainlsc.model.Segment` runs: exact runs where the
source has the same characters, and atomic runs for an entity (``&amp;``) or an escape (``\\*``).
"""

from __future__ import annotations

import html
import re

from plainlsc.model import Segment, SourceMap

_LINE_END = re.compile(r"\r\n|\r|\n")
ENTITY = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});?")


class TextAssembler:
    """Accumulates a block's text and its source map, piece by piece."""

    def __init__(self, source: str, cursor: int = 0) -> None:
        self.source = source
        self.cursor = cursor
        self.parts: list[str] = []
        self.segments: list[Segment] = []
        self.length = 0

    def _emit(self, text: str, src_start: int, src_len: int) -> None:
        """Append text; merge with the previous run when both are exact and contiguous."""
        if not text:
            return
        exact = len(text) == src_len
        if self.segments and exact:
            last = self.segments[-1]
            if (last.text_len == last.src_len and last.src_start + last.src_len == src_start
                    and last.text_start + last.text_len == self.length):
                self.segments[-1] = Segment(last.text_start, last.src_start,
                                            last.text_len + len(text), last.src_len + len(text))
                self.parts.append(text)
                self.length += len(text)
                return
        self.segments.append(Segment(self.length, src_start, len(text), src_len))
        self.parts.append(text)
        self.length += len(text)

    def skip_to(self, needle: str, limit: int) -> None:
        """Move the cursor past ``needle`` if it occurs before ``limit``."""
        if needle:
            found = self.source.find(needle, self.cursor, limit)
            if found >= 0:
                self.cursor = found + len(needle)

    def add(self, piece: str, limit: int) -> None:
        """Add decoded ``piece``, found in the source at or after the cursor, before ``limit``."""
        if not piece:
            return
        found = self.source.find(piece, self.cursor, limit)
        if found >= 0:
            self._emit(piece, found, len(piece))
            self.cursor = found + len(piece)
            return
        self._align(piece, limit)

    def add_decoded(self, piece: str, markup: str, limit: int) -> None:
        """Add ``piece`` decoded from source text ``markup`` (an entity or an escape).

        The parser tells us the source form, so we look for that, never for the decoded
        character: the same character written plainly later in the block must not be taken
        for it (every position after it would then be wrong).
        """
        if not piece:
            return
        found = self.source.find(markup, self.cursor, limit) if markup else -1
        if found < 0:
            self.add(piece, limit)
            return
        self._emit(piece, found, len(markup))
        self.cursor = found + len(markup)

    def add_break(self, limit: int) -> None:
        """A line break inside a block: a newline in the text, mapped to the source's line
        ending (LF, CRLF or a lone CR)."""
        end = limit if limit >= 0 else len(self.source)
        match = _LINE_END.search(self.source, self.cursor, end)
        if match is None:
            self._emit_synthetic(" ")
            return
        self._emit("\n", match.start(), match.end() - match.start())
        self.cursor = match.end()

    def _emit_synthetic(self, text: str) -> None:
        """Text with no source of its own (a space between cells): maps to the cursor."""
        self.segments.append(Segment(self.length, self.cursor, len(text), 0))
        self.parts.append(text)
        self.length += len(text)

    def _align(self, piece: str, limit: int) -> None:
        """Walk source and piece together across entities and backslash escapes."""
        src, i, j = self.source, self.cursor, 0
        limit = min(limit if limit >= 0 else len(src), len(src))
        while j < len(piece) and i < limit:
            ch = piece[j]
            if src[i] == ch:
                self._emit(ch, i, 1)
                i, j = i + 1, j + 1
                continue
            if src[i] == "&":
                m = ENTITY.match(src, i, limit)
                if m:
                    decoded = html.unescape(m.group())
                    if decoded and piece.startswith(decoded, j):
                        self._emit(decoded, i, m.end() - i)
                        i, j = m.end(), j + len(decoded)
                        continue
            if src[i] == "\\" and i + 1 < limit and src[i + 1] == ch:
                self._emit(ch, i, 2)
                i, j = i + 2, j + 1
                continue
            i += 1  # markup the parser removed
        if j < len(piece):
            self._emit_synthetic(piece[j:])
        self.cursor = i

    def result(self) -> tuple[str, SourceMap]:
        """The block text and its map."""
        if not self.segments:
            return "", SourceMap([Segment(0, self.cursor, 0, 0)])
        return "".join(self.parts), SourceMap(self.segments)
