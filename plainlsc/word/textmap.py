"""Where each character of a Word document's source text lives in its XML.

Built with the reader's own functions (:func:`plainlsc.readers.docx.walk_paragraphs` and
:func:`~plainlsc.readers.docx.paragraph_pieces`), so that offset ``n`` here is offset ``n``
of ``Document.source``: paragraph ``i`` is source line ``i``, and the pieces of a paragraph are
its ``w:t`` texts, tabs and breaks in reading order.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from plainlsc.readers.docx import Names, paragraph_pieces, walk_paragraphs


@dataclass(frozen=True, slots=True)
class Piece:
    """One element that gives a paragraph text, and where its text starts in the paragraph."""

    element: Any
    text: str
    start: int

    @property
    def end(self) -> int:
        """Offset just past the piece's text, in the paragraph."""
        return self.start + len(self.text)


class TextMap:
    """The body's paragraphs in reading order, with their source offsets."""

    def __init__(self, body: Any, names: Names) -> None:
        self.names = names
        self.paragraphs = [p for p, _ in walk_paragraphs(body, names)]
        texts = [self.text(i) for i in range(len(self.paragraphs))]
        self.source = "\n".join(texts)
        self.starts: list[int] = []
        offset = 0
        for text in texts:
            self.starts.append(offset)
            offset += len(text) + 1

    def pieces(self, index: int) -> list[Piece]:
        """Paragraph ``index``'s text pieces, as its XML is now (after any split)."""
        out: list[Piece] = []
        offset = 0
        for element, text in paragraph_pieces(self.paragraphs[index], self.names):
            out.append(Piece(element, text, offset))
            offset += len(text)
        return out

    def text(self, index: int) -> str:
        """Paragraph ``index``'s visible text, as the reader gives it."""
        return "".join(p.text for p in self.pieces(index))

    def locate(self, start: int, end: int) -> tuple[int, int, int] | None:
        """(paragraph index, start, end in that paragraph) of a source span, or None if the
        span crosses a paragraph break or is empty."""
        if end <= start:
            return None
        index = bisect_right(self.starts, start) - 1
        if index < 0:
            return None
        local_start, local_end = start - self.starts[index], end - self.starts[index]
        if local_end > len(self.text(index)):
            return None
        return index, local_start, local_end
