"""Read HTML with the standard library's streaming parser, keeping exact positions.

``html.parser.HTMLParser`` never builds a tree and never recurses, so 100,000 nested ``<div>``
elements or a page of unclosed tags cost no more than any other page; ``getpos()`` tells us
where each event starts, and ``convert_charrefs=False`` hands us entities one by one so that a
decoded character maps back to its whole source span (``&amp;`` for ``&``).

What is prose: headings (``h1``-``h6``; the page ``<title>`` is a heading of level 0),
paragraphs, list items, table cells, block quotes, ``dt``/``dd``/``caption``/``figcaption``/
``summary``/``label``/``button``/``legend``/``option`` text, text lying directly in ``div``,
``section``, ``body`` and the like (a paragraph per run between block-level tags), and the
``alt`` text of images and any ``title`` attribute, each as a block of its own. Inline tags
(``a``, ``strong``, ``em``, ``span``, ``abbr``, ...) stay inside their block and ``<br>`` is a
line break. ``<address>`` text is an address block, which is not scored.

What is skipped: ``script``, ``style``, ``code``, ``samp``, ``pre``, ``template``,
``noscript``, ``textarea``, ``svg``, ``math``, ``iframe``, ``object``, media fallback text,
comments (which may hold ``plainlsc-disable`` switches), the doctype, CDATA sections and
every other attribute value.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from plainlsc.errors import InputError
from plainlsc.model import Block, BlockKind, Document, LineIndex, Segment, SourceMap
from plainlsc.readers.align import ENTITY
from plainlsc.text.suppress import DIRECTIVE, Suppressions

#: Elements whose text gets a kind of its own (everything else inherits its parent's).
KINDS: dict[str, tuple[BlockKind, int]] = {
    **{f"h{n}": (BlockKind.HEADING, n) for n in range(1, 7)},
    "title": (BlockKind.HEADING, 0),
    "li": (BlockKind.LIST_ITEM, 0),
    "td": (BlockKind.TABLE_CELL, 0),
    "th": (BlockKind.TABLE_CELL, 0),
    "blockquote": (BlockKind.QUOTE, 0),
    "address": (BlockKind.ADDRESS, 0),
    **{tag: (BlockKind.PARAGRAPH, 0) for tag in (
        "dt", "dd", "caption", "figcaption", "summary", "label", "button", "legend", "option")},
}
#: Block-level containers: their start and end end the current block; text in them is a
#: paragraph (or whatever their parent makes it: a ``<p>`` in an ``<li>`` is a list item).
CONTAINERS = frozenset({
    "html", "head", "body", "p", "div", "section", "article", "main", "header", "footer", "nav",
    "aside", "figure", "fieldset", "form", "details", "dialog", "dl", "ol", "ul", "menu", "dir",
    "table", "thead", "tbody", "tfoot", "tr", "colgroup", "col", "hr", "center", "hgroup",
    "search", "select", "optgroup", "datalist", "frameset", "frame", "map", "picture",
})
#: Not prose, and block-level: their text is dropped and they end the current block.
SKIP_BLOCKS = frozenset({
    "pre", "template", "noscript", "textarea", "iframe", "object", "embed", "video", "audio",
    "canvas", "xmp", "listing", "plaintext", "noembed", "noframes",
})
#: Not prose, but inline: ``Run <code>x</code> now`` keeps "Run  now" as one block.
SKIP_INLINE = frozenset({"script", "style", "code", "samp", "svg", "math"})
SKIP = SKIP_BLOCKS | SKIP_INLINE
BLOCK = frozenset(KINDS) | CONTAINERS | SKIP_BLOCKS
VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr", "keygen", "frame",
})
#: ``title`` attributes on these are never shown to a reader.
NO_TITLE = frozenset({"link", "meta", "base", "style", "script", "html", "head"})
ATTRIBUTE = re.compile(
    r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?"""
)
TAG_NAME = re.compile(r"<[^\s/>]*")
#: ``&#`` that HTMLParser's own pattern would not take as a character reference (it then stops
#: parsing and hands the rest of the page over as text), or one too long for ``int()``.
BAD_CHARREF = re.compile(r"&(?=#)(?!#(?:[0-9]{1,999}|[xX][0-9a-fA-F]{1,999})[^0-9a-fA-F])")
#: Appended to what the parser reads so that a tag or comment left open at the end is closed
#: in one step (otherwise HTMLParser rescans the rest of the file at each "<": quadratic).
SENTINEL = "-->"

_DEFAULT_SCOPE = frozenset({"applet", "caption", "html", "table", "td", "th", "marquee",
                            "object", "template"})
_P_CLOSERS = frozenset({
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div",
    "dl", "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup", "hr",
    "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "ul", "li", "dd",
    "dt", "xmp", "listing", "plaintext", "search", *(f"h{n}" for n in range(1, 7)),
})


@dataclass(frozen=True, slots=True)
class _Group:
    """Elements a later start tag closes implicitly (``<p>a<p>b``), within a scope."""

    members: frozenset[str]
    closers: frozenset[str]
    scope: frozenset[str]


GROUPS = (
    _Group(frozenset({"p"}), _P_CLOSERS, _DEFAULT_SCOPE | {"button"}),
    _Group(frozenset({"li"}), frozenset({"li"}), _DEFAULT_SCOPE | {"ol", "ul", "menu"}),
    _Group(frozenset({"dt", "dd"}), frozenset({"dt", "dd"}), _DEFAULT_SCOPE | {"dl"}),
    _Group(frozenset({"td", "th"}), frozenset({"td", "th", "tr", "tbody", "thead", "tfoot"}),
           frozenset({"table"})),
    _Group(frozenset({"tr"}), frozenset({"tr", "tbody", "thead", "tfoot"}), frozenset({"table"})),
)
_GROUP_TAGS = frozenset().union(*(g.members | g.scope for g in GROUPS))
#: For each tag that closes something implicitly, the groups (indices in GROUPS) it closes.
_CLOSES = {tag: tuple(i for i, g in enumerate(GROUPS) if tag in g.closers)
           for tag in frozenset().union(*(g.closers for g in GROUPS))}


@dataclass(slots=True)
class _Open:
    """An open element: what kind of block its text makes, and whether it is skipped.

    ``scopes`` holds, for each implicit-closing group, the stack index of the innermost open
    member reachable without crossing a scope boundary (-1 if none), so that ``<p>`` can close
    an open ``<p>`` in constant time however deep the stack is.
    """

    tag: str
    kind: BlockKind
    level: int
    skip: bool
    scopes: tuple[int, ...]


class _Run:
    """The text of one block being built, with its segments (exact runs and atomic entities)."""

    __slots__ = ("blank", "length", "parts", "segments")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.segments: list[Segment] = []
        self.length = 0
        self.blank = True  # only whitespace so far

    def add(self, text: str, src_start: int, src_len: int) -> None:
        """Append text from ``source[src_start:src_start + src_len]``; merge exact runs."""
        if not text:
            return
        exact = len(text) == src_len
        last = self.segments[-1] if self.segments else None
        if (exact and last is not None and last.text_len == last.src_len
                and last.src_start + last.src_len == src_start):
            self.segments[-1] = Segment(last.text_start, last.src_start,
                                        last.text_len + src_len, last.src_len + src_len)
        else:
            self.segments.append(Segment(self.length, src_start, len(text), src_len))
        self.parts.append(text)
        self.length += len(text)
        self.blank = self.blank and text.isspace()

    def result(self) -> tuple[str, SourceMap] | None:
        """The text with surrounding whitespace trimmed, and its map; None if only whitespace."""
        text = "".join(self.parts)
        body = text.strip()
        if not body:
            return None
        if len(body) == len(text):
            return body, SourceMap(self.segments)
        lead = len(text) - len(text.lstrip())
        return body, SourceMap(_clip(self.segments, lead, lead + len(body)))


def _clip(segments: list[Segment], lo: int, hi: int) -> list[Segment]:
    """Segments of text ``[lo, hi)``, renumbered from 0 (an entity stays whole in the source)."""
    out = []
    for seg in segments:
        a, b = max(seg.text_start, lo), min(seg.text_start + seg.text_len, hi)
        if a >= b:
            continue
        if seg.text_len == seg.src_len:
            out.append(Segment(a - lo, seg.src_start + a - seg.text_start, b - a, b - a))
        else:
            out.append(Segment(a - lo, seg.src_start, b - a, seg.src_len))
    return out


def unescape(raw: str) -> str:
    """Decode one character reference; an absurd one is U+FFFD, never an exception."""
    try:
        return html.unescape(raw)
    except ValueError:  # int() refuses a decimal number of thousands of digits
        return "\ufffd"


def decode_value(raw: str, start: int) -> tuple[str, SourceMap] | None:
    """An attribute value at source offset ``start``: decoded text mapped to the source."""
    run = _Run()
    pos = 0
    for match in ENTITY.finditer(raw):
        run.add(raw[pos:match.start()], start + pos, match.start() - pos)
        run.add(unescape(match.group()), start + match.start(), len(match.group()))
        pos = match.end()
    run.add(raw[pos:], start + pos, len(raw) - pos)
    return run.result()


def raw_attributes(tag_text: str) -> dict[str, tuple[int, str]]:
    """Attribute names and their raw values with offsets in ``tag_text`` (the first one wins)."""
    found: dict[str, tuple[int, str]] = {}
    name = TAG_NAME.match(tag_text)
    end = tag_text.rfind(">")
    end = end if end >= 0 else len(tag_text)
    for match in ATTRIBUTE.finditer(tag_text, name.end() if name else 0, end):
        for group in (2, 3, 4):
            if match.group(group) is not None:
                found.setdefault(match.group(1).lower(), (match.start(group), match.group(group)))
                break
    return found


def defuse(source: str) -> str:
    """What the parser reads: the source with the constructs HTMLParser mishandles made inert.

    Offsets and lines stay the same (block text is always taken from the source itself):
    ``<![`` (a marked section, which can make HTMLParser raise) becomes a bogus comment, as
    browsers read it outside SVG and MathML; the ``&`` of a broken ``&#`` becomes plain text;
    and :data:`SENTINEL` closes whatever is left open at the end.
    """
    return BAD_CHARREF.sub("?", source.replace("<![", "<!x")) + SENTINEL


class _Builder:
    """Turns parser events into blocks; a stack of open elements gives each text its kind."""

    def __init__(self, source: str, parsed: str) -> None:
        self.source = source
        self.parsed = parsed
        self.lines = LineIndex(source)
        self.blocks: list[Block] = []
        self.pending: list[Block] = []
        self.suppressions = Suppressions()
        self.deferred: list[tuple[str, int]] = []
        self.stack = [_Open("", BlockKind.PARAGRAPH, 0, False, (-1,) * len(GROUPS))]
        self.counts: dict[str, int] = {}
        self.run: _Run | None = None
        self.run_kind = (BlockKind.PARAGRAPH, 0)

    def finish(self) -> None:
        """Flush the last block; a ``disable-next-line`` with no text after it aims at the next
        line."""
        self.flush()
        for text, line in self.deferred:
            self.suppressions.directive(text, line)

    # -- elements --------------------------------------------------------------------------

    def start_tag(self, tag: str, start: int, tag_text: str) -> None:
        """An element opens at source offset ``start``; ``tag_text`` is its whole start tag."""
        if tag in BLOCK:
            self.flush()
            if tag in _CLOSES:
                self.auto_close(tag)
        if not (self.stack[-1].skip or tag in SKIP):
            self.attributes(tag, start, tag_text)
        if tag == "br":
            self.line_break(start, len(tag_text))
        elif tag not in VOID:
            self.push(tag)

    def end_tag(self, tag: str) -> None:
        """An element closes: pop it and whatever is still open inside it; ignore strays."""
        if tag in BLOCK:
            self.flush()  # even a stray </p> ends a block, as in a browser
        if self.counts.get(tag):
            while self.pop().tag != tag:
                pass

    def push(self, tag: str) -> None:
        """Open an element; it inherits kind and skipping from its parent unless it has its own."""
        parent = self.stack[-1]
        kind, level = KINDS.get(tag, (parent.kind, parent.level))
        scopes = parent.scopes
        if tag in _GROUP_TAGS:
            index = len(self.stack)
            scopes = tuple(index if tag in g.members else -1 if tag in g.scope else scopes[i]
                           for i, g in enumerate(GROUPS))
        self.stack.append(_Open(tag, kind, level, parent.skip or tag in SKIP, scopes))
        self.counts[tag] = self.counts.get(tag, 0) + 1

    def pop(self) -> _Open:
        """Close the innermost element."""
        entry = self.stack.pop()
        self.counts[entry.tag] -= 1
        if entry.tag in BLOCK:
            self.flush()
        return entry

    def auto_close(self, tag: str) -> None:
        """A start tag that implicitly closes open elements (``<li>`` closes the open ``<li>``)."""
        scopes = self.stack[-1].scopes
        open_at = [scopes[i] for i in _CLOSES[tag] if scopes[i] >= 0]
        if open_at:
            cut = min(open_at)
            while len(self.stack) > cut:
                self.pop()

    # -- text ------------------------------------------------------------------------------

    def data(self, data: str, start: int) -> None:
        """Text as it stands in the source (the parser does not decode it for us)."""
        if self.stack[-1].skip or start >= len(self.source):
            return
        data = data[:len(self.source) - start]  # not the sentinel
        if self.parsed.startswith(data, start):
            self.text(self.source[start:start + len(data)], start, len(data))
        else:  # not expected: keep the text, mapped to where the event starts
            self.text(data, start, 0)

    def reference(self, prefix: str, start: int) -> None:
        """An entity or character reference: decoded text mapped to its whole source span."""
        if self.stack[-1].skip:
            return
        end = min(start + len(prefix), len(self.source))  # never into the sentinel
        if self.source.startswith(";", end):
            end += 1
        self.text(unescape(self.source[start:end]), start, end - start)

    def text(self, text: str, start: int, src_len: int) -> None:
        """Add text to the current block, opening one with the innermost element's kind."""
        if self.run is None:
            self.run = _Run()
            top = self.stack[-1]
            self.run_kind = (top.kind, top.level)
        if self.deferred and not text.isspace():
            self.content_at(start + len(text) - len(text.lstrip()))
        self.run.add(text, start, src_len)

    def line_break(self, start: int, length: int) -> None:
        """``<br>``: a newline in the block text, mapped to the tag."""
        if self.run is not None and not self.stack[-1].skip:
            self.run.add("\n", start, length)

    def attributes(self, tag: str, start: int, tag_text: str) -> None:
        """``alt`` of an image and any ``title``: each its own paragraph block."""
        if "=" not in tag_text:
            return
        attrs = raw_attributes(tag_text)
        names = ("alt", "title") if tag == "img" else () if tag in NO_TITLE else ("title",)
        wanted = [attrs[name] for name in names if name in attrs]
        for at, raw in sorted(wanted):
            decoded = decode_value(raw, start + at)
            if decoded is None:
                continue
            self.content_at(start + at)
            block = Block(BlockKind.PARAGRAPH, decoded[0], decoded[1])
            # Inside a paragraph, the alt text follows that paragraph's block.
            in_prose = self.run is not None and not self.run.blank
            (self.pending if in_prose else self.blocks).append(block)

    def flush(self) -> None:
        """End the current block: keep it unless it is only whitespace."""
        if self.run is not None:
            done = self.run.result()
            self.run = None
            if done is not None:
                kind, level = self.run_kind
                self.blocks.append(Block(kind, done[0], done[1], level=level))
        if self.pending:
            self.blocks.extend(self.pending)
            self.pending.clear()

    # -- comments --------------------------------------------------------------------------

    def comment(self, data: str, start: int) -> None:
        """Record a ``plainlsc-disable`` switch written in a comment."""
        match = DIRECTIVE.search(data)
        if not match:
            return
        line = self.lines.position(start)[0]
        if match.group(1) == "disable-next-line":
            self.deferred.append((data, line))  # applies to the line the next text is on
        else:
            self.suppressions.directive(data, line)

    def content_at(self, offset: int) -> None:
        """Prose starts at ``offset``: aim waiting ``disable-next-line`` switches at its line."""
        if not self.deferred:
            return
        line = self.lines.position(offset)[0]
        for text, comment_line in self.deferred:
            self.suppressions.directive(text, comment_line, line)
        self.deferred.clear()


class _Parser(HTMLParser):
    """Hands each parser event to the builder with the source offset where it starts.

    The builder is a separate object so that none of its names can clash with HTMLParser's
    own attributes (``offset``, ``lineno``, ...), whatever the Python version.
    """

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.parsed = defuse(source)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.builder = _Builder(source, self.parsed)

    def run(self) -> _Builder:
        """Parse the whole source."""
        self.feed(self.parsed)
        self.close()
        self.builder.finish()
        return self.builder

    def _here(self) -> int:
        """Source offset where the current event starts (getpos columns count from 0)."""
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._here()
        length = len(self.get_starttag_text() or f"<{tag}>")
        self.builder.start_tag(tag, start, self.builder.source[start:start + length])

    def handle_endtag(self, tag: str) -> None:
        self.builder.end_tag(tag)

    def handle_data(self, data: str) -> None:
        self.builder.data(data, self._here())

    def handle_entityref(self, name: str) -> None:
        self.builder.reference("&" + name, self._here())

    def handle_charref(self, name: str) -> None:
        self.builder.reference("&#" + name, self._here())

    def handle_comment(self, data: str) -> None:
        self.builder.comment(data, self._here())


def read_html(source: str, path: str = "<html>") -> Document:
    """Read HTML into a :class:`Document`; offsets are offsets into ``source``."""
    try:
        built = _Parser(source).run()
    except (AssertionError, ValueError) as exc:  # HTMLParser's own complaints, never expected
        raise InputError(path, f"could not be read as HTML: {exc}") from None
    return Document(path, "html", source, built.blocks, built.suppressions)
