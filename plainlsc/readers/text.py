"""Read plain text (``.txt``) into blocks, recognising the structure of letters and releases.

Plain text has no markup, so structure comes from layout: blank lines separate chunks; bullet
markers start list items; a short line without closing punctuation is a heading or a line of
its own; the lines at the top of a letter are an address block, then come the date line and the
salutation ("Dear ..."), and the lines after "Yours sincerely" are the sign-off. Only prose
blocks are scored and checked as sentences, so an address never becomes one long "sentence".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plainlsc.model import Block, BlockKind, Document, SourceMap
from plainlsc.text.nonprose import POSTCODE
from plainlsc.text.suppress import Suppressions

BULLET = re.compile(
    r"[ \t]*(?:[•·▪◦‣∙●○■□➢➤►\-–—*+]|\d{1,3}[.)]|[a-zA-Z][.)]|\((?:\d{1,3}|[a-zA-Z]|[ivx]{1,4})\))"
    r"[ \t]+(?=\S)"
)
SALUTATION = re.compile(r"(?i)\s*(dear\b|to whom it may concern|hello\b|hi\b)")
SIGN_OFF = re.compile(
    r"(?i)\s*(yours\s+(sincerely|faithfully|truly|ever)|kind(est)?\s+regards|best\s+wishes|"
    r"with\s+(best|kind)\s+(wishes|regards)|warm\s+regards|best\s+regards|regards|many\s+thanks|"
    r"thank\s+you|sincerely)\s*[,.!]?\s*$"
)
MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
         r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
DAY = r"(?:\d{1,2}|xx|x)(?:st|nd|rd|th)?"
WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
DATE_LINE = re.compile(
    rf"(?i)\s*(?:date:?\s*)?{WEEKDAY}(?:{DAY}\s+{MONTH},?\s+(?:\d{{4}}|xxxx)|{MONTH}\s+{DAY},?\s+"
    rf"(?:\d{{4}}|xxxx)|{MONTH}\s+(?:\d{{4}}|xxxx)|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|"
    rf"\d{{4}}-\d{{2}}-\d{{2}})\s*$"
)
#: Lines that mark the end of a news release or a section break, not prose or a heading.
MARKER = re.compile(
    r"(?i)[\s#*_=~–—-]*(?:ends?|end of (?:release|document)|-+|\*+|#+)[\s#*_=~–—-]*")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
COMMENT_LINE = re.compile(r"[ \t]*(?:#|//)[ \t]*plainlsc-")
TERMINAL = ".!?:;,"
#: A line of this many words or fewer, with no closing punctuation, stands on its own.
SHORT_LINE_WORDS = 12


@dataclass(slots=True)
class _Line:
    start: int  # offset of the first non-space character
    end: int  # offset past the last non-space character
    text: str  # stripped text
    number: int  # 1-based line number

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def is_short_unpunctuated(self) -> bool:
        return self.words <= SHORT_LINE_WORDS and not self.text.endswith(tuple(TERMINAL))


def _lines(source: str) -> list[_Line | None]:
    """The source's lines, stripped, with offsets; ``None`` for a blank line.

    Lines end only at LF, CRLF or a lone CR, as :class:`~plainlsc.model.LineIndex` counts
    them: ``str.splitlines`` also splits at a form feed or U+2028, which would shift the line
    number of every later line (and make a disable comment switch off the wrong line).
    """
    out: list[_Line | None] = []
    pos = 0
    for number, raw in enumerate(_LINE.findall(source), start=1):
        body = raw.rstrip("\r\n")
        stripped = body.strip()
        if not stripped:
            out.append(None)
        else:
            lead = len(body) - len(body.lstrip())
            start = pos + lead
            out.append(_Line(start, start + len(stripped), stripped, number))
        pos += len(raw)
    return out


def _chunks(lines: list[_Line | None]) -> list[list[_Line]]:
    """Runs of non-blank lines."""
    chunks: list[list[_Line]] = []
    current: list[_Line] = []
    for line in lines:
        if line is None:
            if current:
                chunks.append(current)
            current = []
        else:
            current.append(line)
    if current:
        chunks.append(current)
    return chunks


class _Builder:
    """Turns chunks of lines into blocks, remembering where in the letter it is."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.blocks: list[Block] = []
        self.seen_salutation = False
        self.in_sign_off = False
        self.seen_prose = False

    def add(self, kind: BlockKind, start: int, end: int) -> None:
        text = self.source[start:end]
        self.blocks.append(Block(kind, text, SourceMap.identity(start, len(text))))
        if kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
            self.seen_prose = True

    def chunk(self, chunk: list[_Line], is_last: bool) -> None:
        first = chunk[0]
        if SIGN_OFF.match(first.text) and first.words <= 4:
            self.in_sign_off = True
        if self.in_sign_off:
            self._sign_off(chunk)
        elif any(BULLET.match(line.text) for line in chunk):
            self._list(chunk)
        elif len(chunk) == 1:
            self._single(first, is_last)
        elif all(line.is_short_unpunctuated for line in chunk):
            self._short_lines(chunk)
        else:
            self._paragraphs(chunk)

    def _sign_off(self, chunk: list[_Line]) -> None:
        if len(chunk) == 1 and chunk[0].words > SHORT_LINE_WORDS:
            self.in_sign_off = False  # a postscript: prose again
            self._paragraphs(chunk)
            return
        for line in chunk:
            self.add(BlockKind.SIGN_OFF, line.start, line.end)

    def _list(self, chunk: list[_Line]) -> None:
        """Each bulleted line starts an item; unbulleted lines continue it (hard wraps)."""
        item: tuple[int, int] | None = None
        for line in chunk:
            match = BULLET.match(line.text)
            if match:
                if item:
                    self.add(BlockKind.LIST_ITEM, *item)
                item = (line.start + match.end(), line.end)
            elif item is None:
                self._single(line, False)  # the lead-in line before the bullets
            else:
                item = (item[0], line.end)
        if item:
            self.add(BlockKind.LIST_ITEM, *item)

    def _single(self, line: _Line, is_last: bool) -> None:
        self.add(self._classify(line, is_last), line.start, line.end)

    def _classify(self, line: _Line, is_last: bool) -> BlockKind:
        text = line.text
        if MARKER.fullmatch(text):
            return BlockKind.OTHER
        if DATE_LINE.match(text):
            return BlockKind.DATE
        if not self.seen_salutation and SALUTATION.match(text) and line.words <= 8:
            self.seen_salutation = True
            return BlockKind.SALUTATION
        if not any(ch.isalpha() for ch in text) or (text.startswith("[") and text.endswith("]")
                                                     and ":" in text):
            return BlockKind.OTHER
        if line.is_short_unpunctuated:
            if not self.seen_prose and POSTCODE.search(text):
                return BlockKind.ADDRESS
            return BlockKind.OTHER if is_last else BlockKind.HEADING
        return BlockKind.PARAGRAPH

    def _short_lines(self, chunk: list[_Line]) -> None:
        """Several short unpunctuated lines: an address block, or lines that stand alone."""
        address = not self.seen_prose and not self.seen_salutation
        for line in chunk:
            if DATE_LINE.match(line.text):
                self.add(BlockKind.DATE, line.start, line.end)
            elif address:
                self.add(BlockKind.ADDRESS, line.start, line.end)
            else:
                self.add(BlockKind.LIST_ITEM, line.start, line.end)

    def _paragraphs(self, chunk: list[_Line]) -> None:
        """A hard-wrapped paragraph; a short unpunctuated line at its head is a heading."""
        start = 0
        while start < len(chunk) - 1 and self._is_heading_line(chunk, start):
            self._single(chunk[start], False)
            start += 1
        rest = chunk[start:]
        self.add(BlockKind.PARAGRAPH, rest[0].start, rest[-1].end)

    @staticmethod
    def _is_heading_line(chunk: list[_Line], i: int) -> bool:
        line, nxt = chunk[i], chunk[i + 1]
        return line.is_short_unpunctuated and not nxt.text[:1].islower() and (
            SALUTATION.match(line.text) is not None or DATE_LINE.match(line.text) is not None
            or line.words <= 8
        )


def _next_content_lines(lines: list[_Line | None]) -> list[int | None]:
    """For each line, the number of the next non-blank line after it (None at the end).

    One backward pass: looking ahead from every comment line would be quadratic in a file of
    many comments.
    """
    following: list[int | None] = [None] * len(lines)
    nxt: int | None = None
    for i in range(len(lines) - 1, -1, -1):
        following[i] = nxt
        line = lines[i]
        if line is not None:
            nxt = line.number
    return following


def read_text(source: str, path: str = "<text>") -> Document:
    """Read plain text into a :class:`Document`."""
    lines = _lines(source)
    suppressions = Suppressions()
    kept: list[_Line | None] = []
    following = _next_content_lines(lines)
    for i, line in enumerate(lines):
        if line is not None and COMMENT_LINE.match(line.text):
            suppressions.directive(line.text, line.number, following[i])
            kept.append(None)
        else:
            kept.append(line)
    builder = _Builder(source)
    chunks = _chunks(kept)
    for n, chunk in enumerate(chunks):
        builder.chunk(chunk, n == len(chunks) - 1)
    return Document(path, "text", source, builder.blocks, suppressions)
