"""Read Markdown with a real CommonMark parser (markdown-it-py), keeping exact positions.

What is prose: headings, paragraphs, list items, block quotes, table cells, link text and image
alt text. What is skipped: front matter, fenced and indented code, code spans, raw HTML and
HTML comments (which may hold ``plainlsc-disable`` switches), link and image URLs, autolinks.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Any

from plainlsc.model import Block, BlockKind, Document
from plainlsc.readers.align import TextAssembler
from plainlsc.text.suppress import Suppressions

#: markdown-it drops whatever is nested deeper than this; a document that deep is read as
#: plain text instead, so no word is lost (its markup then shows as text).
MAX_NESTING = 50
FRONT_MATTER = re.compile(r"\A(?:\ufeff)?(---|\+\+\+)[ \t]*\r?\n.*?^\1[ \t]*$", re.S | re.M)
COMMENT = re.compile(r"<!--(.*?)-->", re.S)


@lru_cache(maxsize=1)
def _parser() -> Any:
    """One CommonMark parser per process: building its rule chains costs more than parsing."""
    from markdown_it import MarkdownIt

    # text_join would merge an entity or escape into the plain text around it, losing the
    # source form ("&eacute;") that tells us where the decoded character came from.
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable("text_join")
    parser.options["maxNesting"] = MAX_NESTING
    return parser


def mask_front_matter(source: str) -> str:
    """Blank out YAML or TOML front matter, keeping every offset and line break in place."""
    match = FRONT_MATTER.match(source)
    if not match:
        return source
    masked = re.sub(r"[^\r\n]", " ", match.group())
    return masked + source[match.end():]


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", source)]
        self.blocks: list[Block] = []
        self.suppressions = Suppressions()
        self.cursor = 0
        self.containers: list[str] = []
        self.heading_level = 0
        self.in_cell = False

    def offset(self, line: int) -> int:
        """Source offset of a 0-based line (the line count past the end gives the end)."""
        if line >= len(self.line_starts):
            return len(self.source)
        return self.line_starts[line]

    def run(self, tokens: list[Any]) -> None:
        for tok in tokens:
            kind = tok.type
            if kind.endswith("_open") and kind not in ("heading_open", "paragraph_open"):
                self.containers.append(kind[:-5])
                self.in_cell = kind in ("th_open", "td_open") or self.in_cell
            elif kind.endswith("_close") and kind not in ("heading_close", "paragraph_close"):
                if self.containers:
                    self.containers.pop()
                if kind in ("th_close", "td_close"):
                    self.in_cell = False
            elif kind == "heading_open":
                self.heading_level = int(tok.tag[1:])
            elif kind == "heading_close":
                self.heading_level = 0
            elif kind == "inline" and tok.map:
                self.inline(tok)
            elif kind == "html_block" and tok.map:
                self.comments(tok.content, tok.map[0], tok.map[1])

    def _kind(self) -> BlockKind:
        if self.heading_level:
            return BlockKind.HEADING
        if self.in_cell:
            return BlockKind.TABLE_CELL
        if "list_item" in self.containers:
            return BlockKind.LIST_ITEM
        if "blockquote" in self.containers:
            return BlockKind.QUOTE
        return BlockKind.PARAGRAPH

    def comments(self, html: str, first_line: int, next_line: int) -> None:
        """Record plainlsc switches written in HTML comments."""
        line, counted = first_line + 1, 0  # newlines counted as we go: one pass over html
        target: int | None = None
        for match in COMMENT.finditer(html):
            line += html.count("\n", counted, match.start())
            counted = match.start()
            if target is None:
                target = self._next_content_line(next_line)
            self.suppressions.directive(match.group(1), line, target)

    def _next_content_line(self, line: int) -> int:
        """1-based number of the first non-blank line at or after 0-based ``line``."""
        while line < len(self.line_starts) - 1:
            start, end = self.line_starts[line], self.line_starts[line + 1]
            if self.source[start:end].strip():
                break
            line += 1
        return line + 1

    def inline(self, tok: Any) -> None:
        start, limit = self.offset(tok.map[0]), self.offset(tok.map[1])
        asm = TextAssembler(self.source, max(self.cursor, start))
        skipping = False
        href = ""
        for child in tok.children or []:
            ctype = child.type
            if ctype == "link_open" and child.markup == "autolink":
                skipping = True
            elif ctype == "link_close" and skipping:
                skipping = False
            elif skipping:
                asm.skip_to(child.content, limit)
            elif ctype == "text":
                asm.add(child.content, limit)
            elif ctype == "text_special":  # an entity or a backslash escape
                asm.add_decoded(child.content, child.markup, limit)
            elif ctype in ("softbreak", "hardbreak"):
                asm.add_break(limit)
            elif ctype == "code_inline":
                asm.skip_to(child.content, limit)
            elif ctype == "image":
                _image_alt(asm, child, limit)
            elif ctype == "link_open":
                href = str(child.attrs.get("href", ""))
            elif ctype == "link_close":
                asm.skip_to(href, limit)  # the URL after the link text is not prose
            elif ctype == "html_inline":
                line = bisect_right(self.line_starts, asm.cursor)  # 1-based, in log time
                self.comments(child.content, line - 1, line)
                asm.skip_to(child.content, limit)
        self.cursor = asm.cursor
        text, smap = asm.result()
        if text.strip():
            self.blocks.append(Block(self._kind(), text, smap, level=self.heading_level))


def _image_alt(asm: TextAssembler, image: Any, limit: int) -> None:
    """Add an image's alt text, then skip its URL.

    Alt text may hold images of its own (``![![inner](a)](b)``), as deep as the parser's
    nesting limit; their alt text is read too, so no word in it goes unchecked.
    """
    for alt in image.children or []:
        if alt.type == "text":
            asm.add(alt.content, limit)
        elif alt.type == "text_special":
            asm.add_decoded(alt.content, alt.markup, limit)
        elif alt.type == "image":
            _image_alt(asm, alt, limit)
    asm.skip_to(str(image.attrs.get("src", "")), limit)


def read_markdown(source: str, path: str = "<markdown>") -> Document:
    """Read Markdown into a :class:`Document`; offsets are offsets into ``source``."""
    # markdown-it reads NUL as U+FFFD; doing the same first keeps text and source aligned.
    masked = mask_front_matter(source).replace("\x00", "\ufffd")
    tokens = _parser().parse(masked)
    if any(tok.level >= MAX_NESTING - 1 for tok in tokens):
        from plainlsc.readers.text import read_text

        doc = read_text(source, path)
        doc.format = "markdown"
        return doc
    reader = _Reader(masked)
    reader.run(tokens)
    return Document(path, "markdown", source, reader.blocks, reader.suppressions)
