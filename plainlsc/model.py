"""The document model: blocks of prose, sentences and words, with exact source positions.

Every reader (plain text, Markdown, HTML, Word) produces the same :class:`Document`. A block's
``text`` is the prose a reader sees (markup removed); its :class:`SourceMap` ties every character
of that text back to a character offset in ``Document.source``. Checks work on block text and
report block offsets; the document turns them into source spans, and line and column numbers,
so a finding's ``match`` is always exactly the source text at its span.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from enum import Enum

from plainlsc.text.suppress import Suppressions


class BlockKind(str, Enum):
    """What a block is. Prose kinds are scored and checked sentence by sentence."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_CELL = "table_cell"
    QUOTE = "quote"
    ADDRESS = "address"
    DATE = "date"
    SALUTATION = "salutation"
    SIGN_OFF = "sign_off"
    OTHER = "other"


PROSE_KINDS = frozenset(
    {BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.TABLE_CELL,
     BlockKind.QUOTE}
)


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of block text and the source text it came from.

    When ``text_len == src_len`` the run maps character for character (plain text). Otherwise
    the run is atomic, as for an HTML entity (``&amp;`` gives ``&``): any character inside it
    maps to the whole source run.
    """

    text_start: int
    src_start: int
    text_len: int
    src_len: int


class SourceMap:
    """Maps offsets in a block's text to offsets in the document source."""

    __slots__ = ("_segments", "_starts")

    def __init__(self, segments: list[Segment]) -> None:
        self._segments = segments
        self._starts = [s.text_start for s in segments]

    @classmethod
    def identity(cls, src_start: int, length: int) -> SourceMap:
        """A block whose text is one contiguous slice of the source."""
        return cls([Segment(0, src_start, length, length)])

    def _segment(self, offset: int) -> Segment:
        index = bisect_right(self._starts, offset) - 1
        return self._segments[max(index, 0)]

    def start(self, offset: int) -> int:
        """Source offset of the block-text character at ``offset``."""
        seg = self._segment(offset)
        if seg.text_len == seg.src_len:
            return seg.src_start + min(max(offset - seg.text_start, 0), seg.src_len)
        return seg.src_start

    def end(self, offset: int) -> int:
        """Source offset just past the block-text character before ``offset`` (exclusive end)."""
        if offset <= 0:
            return self.start(0)
        seg = self._segment(offset - 1)
        if seg.text_len == seg.src_len:
            return seg.src_start + min(offset - seg.text_start, seg.src_len)
        return seg.src_start + seg.src_len

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source span of a block-text span; an empty span stays empty."""
        src_start = self.start(start)
        return (src_start, max(src_start, self.end(end)) if end > start else src_start)


@dataclass(frozen=True, slots=True)
class Word:
    """One word token; offsets are in the block's text."""

    text: str
    start: int
    end: int


class Sentence:
    """A sentence of a block: its span in the block's text and its words.

    Words are kept compactly (their texts, and their offsets in one integer array) because a
    large site has millions of them; ``words`` builds :class:`Word` objects when asked.
    """

    __slots__ = ("_spans", "end", "start", "text", "texts")

    def __init__(self, text: str, start: int, end: int, words: list[Word]) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.texts: tuple[str, ...] = tuple(w.text for w in words)
        self._spans = array("i", [o for w in words for o in (w.start, w.end)])

    @classmethod
    def compact(cls, text: str, start: int, end: int, texts: list[str],
                spans: array[int]) -> Sentence:
        """Build from word texts and a flat [start, end, start, end...] offset array."""
        sentence = cls.__new__(cls)
        sentence.text, sentence.start, sentence.end = text, start, end
        sentence.texts, sentence._spans = tuple(texts), spans
        return sentence

    @property
    def words(self) -> list[Word]:
        """The words, with their offsets in the block's text."""
        spans = self._spans
        return [Word(t, spans[2 * i], spans[2 * i + 1]) for i, t in enumerate(self.texts)]

    @property
    def word_count(self) -> int:
        """How many words the sentence has (cheaper than ``len(words)``)."""
        return len(self.texts)

    @property
    def first_word_start(self) -> int:
        """Offset of the first word, or the sentence end if it has none."""
        return self._spans[0] if self.texts else self.end

    def __repr__(self) -> str:
        return f"Sentence({self.text!r}, {self.start}, {self.end}, {len(self.texts)} words)"


@dataclass(slots=True)
class Block:
    """A unit of the document: a heading, paragraph, list item, address line..."""

    kind: BlockKind
    text: str
    smap: SourceMap
    level: int = 0
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def is_prose(self) -> bool:
        """Prose blocks count in the scores and get sentence checks; address lines do not."""
        return self.kind in PROSE_KINDS

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets of a span given in this block's text."""
        return self.smap.span(start, end)


@dataclass(frozen=True, slots=True)
class Position:
    """1-based line and column of a span's start and its exclusive end, counted in characters."""

    line: int
    column: int
    end_line: int
    end_column: int


class LineIndex:
    """Turns source offsets into 1-based line and column numbers.

    Lines end at ``\\n``, ``\\r\\n`` or a lone ``\\r``, as editors count them.
    """

    __slots__ = ("_starts",)

    def __init__(self, source: str) -> None:
        starts = [0]
        i, n = 0, len(source)
        find = source.find
        while i < n:
            nl = find("\n", i)
            cr = find("\r", i, nl if nl >= 0 else n)
            if cr >= 0:
                i = cr + 2 if cr + 1 < n and source[cr + 1] == "\n" else cr + 1
            elif nl >= 0:
                i = nl + 1
            else:
                break
            starts.append(i)
        self._starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of a source offset, both 1-based."""
        line = bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def line_span(self, line: int) -> tuple[int, int]:
        """Start offset of a 1-based line and the start of the next one."""
        start = self._starts[line - 1]
        end = self._starts[line] if line < len(self._starts) else -1
        return start, end

    @property
    def line_count(self) -> int:
        """How many lines the source has."""
        return len(self._starts)


@dataclass(slots=True)
class Document:
    """A read document: its source text, its blocks and the inline suppressions it holds."""

    path: str
    format: str
    source: str
    blocks: list[Block]
    suppressions: Suppressions = field(default_factory=Suppressions)
    _lines: LineIndex | None = None

    @property
    def lines(self) -> LineIndex:
        """The line index, built on first use."""
        if self._lines is None:
            self._lines = LineIndex(self.source)
        return self._lines

    def position(self, start: int, end: int) -> Position:
        """Line and column of a source span."""
        line, column = self.lines.position(start)
        end_line, end_column = self.lines.position(end)
        return Position(line, column, end_line, end_column)

    def line_text(self, line: int) -> str:
        """The text of a 1-based source line, without its line ending."""
        start, end = self.lines.line_span(line)
        text = self.source[start:] if end < 0 else self.source[start:end]
        return text.rstrip("\r\n")

    def prose_blocks(self) -> list[Block]:
        """Blocks that count as prose."""
        return [b for b in self.blocks if b.is_prose]
