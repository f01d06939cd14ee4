"""Read Word (.docx) files: the body's paragraphs in reading order, one source line each.

A .docx is a zip of XML parts. We read only what we need, straight from the zip with lxml:
``word/document.xml`` (found through the package relationships), the styles part for style
names, and the two relationship parts that lead to them. We do not open the file with
python-docx because it unpacks every part of the package into memory, so a zip bomb hidden in
any part (an image, say) would be unpacked; and it offers no text boxes or tracked changes.
Nothing is ever fetched: external relationships (linked images, hyperlink targets) are never
followed, and the XML parser resolves no entities, loads no DTD and uses no network.

``Document.source`` is the paragraphs' text joined with newlines, one line per paragraph
(empty paragraphs included), so a finding's line is the paragraph's number and its column the
character in that paragraph. Line breaks inside a paragraph (``w:br``, ``w:cr``) become spaces
so that the numbering never shifts; tabs stay tabs.

What is prose: body paragraphs, headings (style "Heading N", "Title" and "Subtitle", or an
outline level), list items (a "List ..." style or numbering), every paragraph of a table cell
(nested tables too), text boxes (after the paragraph that anchors them), hyperlink text and
tracked insertions. A letter's address lines, date line, salutation and sign-off become blocks
of their own kinds, recognised with the plain-text reader's patterns.

What is skipped: tracked deletions (and text moved away), comments (``comments.xml`` is never
read), headers and footers, footnotes and endnotes, field codes, equations, and the duplicate
"fallback" copy Word keeps of each text box for older readers.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from plainlsc.errors import InputError
from plainlsc.model import Block, BlockKind, Document, SourceMap
from plainlsc.readers.text import (
    DATE_LINE,
    SALUTATION,
    SHORT_LINE_WORDS,
    SIGN_OFF,
    TERMINAL,
)
from plainlsc.text.nonprose import POSTCODE
from plainlsc.text.suppress import Suppressions

#: Refuse to unpack more than this, summed over the parts we read (document, styles and their
#: relationships): checked from the zip's directory before unpacking, and counted again while
#: unpacking. A 300-page report's document part is 10 to 30 MB.
MAX_UNPACKED = 64 * 1024 * 1024
#: The most XML elements (start tags) the document and styles parts may hold together, counted
#: in the bytes before parsing. The work of reading (and the parsed tree's memory, some
#: hundreds of bytes an element) follows the elements, not the bytes: a part of 60 MB of
#: empty paragraphs packs under the size and ratio limits and would parse to gigabytes.
MAX_ELEMENTS = 1_000_000
#: A part bigger than RATIO_MIN_SIZE that unpacks to more than MAX_RATIO times its packed size
#: is a zip bomb, not a document (Word's XML packs at about 5 to 20 to one).
MAX_RATIO = 100
RATIO_MIN_SIZE = 1024 * 1024
_CHUNK = 1 << 20

NOT_DOCX = "not a Word document (.docx)"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
W_NAMESPACES = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",  # ISO 29500 Strict
)
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
DEFAULT_DOCUMENT = "word/document.xml"
DEFAULT_STYLES = "word/styles.xml"
#: Characters that would start a new line in the source; inside a paragraph they are spaces.
LINE_BREAKS = re.compile(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
HEADING_STYLE = re.compile(r"(?i)heading\s*([1-9])$")
TITLE_STYLE = re.compile(r"(?i)(sub)?title$")
LIST_STYLE = re.compile(r"(?i)list(\s+(paragraph|bullet|number|continue))?(\s*\d)?$")
#: Outline level 9 means body text.
BODY_OUTLINE = 9


class Names:
    """Clark-notation tag names in the document's WordprocessingML namespace.

    Public so that code writing a .docx (comments, tracked changes) walks the XML with exactly
    the names and skip rules the reader uses, and so agrees with it on every offset.
    """

    def __init__(self, ns: str) -> None:
        w = "{" + ns + "}"
        self.w = w
        self.p, self.t, self.tc = w + "p", w + "t", w + "tc"
        self.txbx = w + "txbxContent"
        self.tabs = frozenset({w + "tab", w + "ptab"})
        self.breaks = frozenset({w + "br", w + "cr"})
        self.hyphen = w + "noBreakHyphen"
        #: Subtrees that hold no reading text: deletions, moved-away text, properties, and the
        #: fallback copy of a text box.
        self.skip = frozenset({w + "del", w + "moveFrom", w + "pPr", w + "rPr", w + "sectPr",
                               w + "tblPr", w + "trPr", w + "tcPr", w + "instrText",
                               w + "delText", MC + "Fallback"})
        self.val = w + "val"


# -- the zip package -------------------------------------------------------------------------


class _Package:
    """The parts of a .docx we read, each checked for size before it is unpacked."""

    def __init__(self, data: bytes, path: str) -> None:
        self.path = path
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError,
                NotImplementedError):
            hint = (" (an old .doc file or a password-protected document? Save it as .docx)"
                    if data.startswith(OLE_MAGIC) else "")
            raise InputError(path, f"{NOT_DOCX}: not a zip file{hint}") from None
        # Part names in a package are case-insensitive.
        self.members = {info.filename.lower(): info for info in infos}
        #: Bytes unpacked so far, and XML elements parsed so far, over every part read.
        self.unpacked = 0
        self.elements = 0

    def info(self, name: str) -> zipfile.ZipInfo | None:
        """The zip entry of a part, or None."""
        return self.members.get(name.lower())

    def check_size(self, infos: list[zipfile.ZipInfo]) -> None:
        """Refuse parts that would unpack to too much, from the sizes the zip's directory
        declares, before unpacking anything: the ratio of each, and the total with what was
        unpacked already."""
        total = self.unpacked + sum(info.file_size for info in infos)
        for info in infos:
            ratio_bad = (info.file_size > RATIO_MIN_SIZE
                         and info.file_size > MAX_RATIO * max(info.compress_size, 1))
            if ratio_bad:
                raise InputError(self.path, f"{info.filename} is too large when unpacked "
                                            f"({_mb(info.file_size)} from "
                                            f"{_mb(info.compress_size)}; possible zip bomb)")
        if total > MAX_UNPACKED:
            raise self.too_large(max(infos, key=lambda i: i.file_size).filename, total)

    def too_large(self, name: str, total: int) -> InputError:
        return InputError(self.path, f"{name} is too large when unpacked: the parts read come "
                                     f"to {_mb(total)}, more than the {_mb(MAX_UNPACKED)} "
                                     "plainlsc unpacks from a Word document (possible zip bomb)")

    def read(self, info: zipfile.ZipInfo) -> bytes:
        """Unpack one part, never more than its declared size nor the total allowed: the
        declared size may lie, so the bytes are counted as they come."""
        self.check_size([info])
        limit = min(info.file_size, MAX_UNPACKED - self.unpacked)
        chunks: list[bytes] = []
        got = 0
        try:
            with self.zip.open(info) as handle:
                while chunk := handle.read(min(_CHUNK, limit + 1 - got)):
                    got += len(chunk)
                    chunks.append(chunk)
                    if got > limit:
                        break
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, zlib.error, OSError,
                EOFError, ValueError) as exc:
            raise InputError(self.path, f"damaged Word document: cannot unpack "
                                        f"{info.filename} ({exc})") from None
        if got > info.file_size:
            raise InputError(self.path, f"{info.filename} is too large when unpacked "
                                        "(larger than it says; possible zip bomb)")
        if got > limit:
            raise self.too_large(info.filename, self.unpacked + got)
        self.unpacked += got
        return b"".join(chunks)

    def count_elements(self, info: zipfile.ZipInfo, blob: bytes) -> None:
        """Refuse a part that would take the XML elements read over :data:`MAX_ELEMENTS`.

        Start tags are counted in the bytes (every ``<`` but end tags; comments and
        declarations too, which can only make the count higher): a C-speed scan, before the
        parser builds anything."""
        self.elements += blob.count(b"<") - blob.count(b"</")
        if self.elements > MAX_ELEMENTS:
            raise InputError(self.path, f"too much to read: {info.filename} takes the XML "
                                        f"elements read to more than {MAX_ELEMENTS:,}, the most "
                                        "plainlsc reads from a Word document")

    def xml(self, info: zipfile.ZipInfo, blob: bytes | None = None) -> Any:
        """Parse one part (or its bytes, already read) as XML, safely: no entities, no DTD,
        no network."""
        from lxml import etree

        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                 huge_tree=False, remove_comments=True, remove_pis=True)
        blob = self.read(info) if blob is None else blob
        self.count_elements(info, blob)
        try:
            return etree.fromstring(blob, parser)
        except (etree.LxmlError, ValueError) as exc:
            raise InputError(self.path, f"{NOT_DOCX}: {info.filename} could not be parsed "
                                        f"as XML ({exc})") from None

    def related(self, part: str, kind: str) -> zipfile.ZipInfo | None:
        """The part that ``part`` names in its relationships with a type ending ``/kind``."""
        folder, name = posixpath.split(part)
        rels = self.info(posixpath.join(folder, "_rels", name + ".rels"))
        if rels is None:
            return None
        for rel in self.xml(rels).iter("{*}Relationship"):
            if rel.get("TargetMode") == "External" or not rel.get("Type", "").endswith(kind):
                continue
            target = rel.get("Target", "")
            name = target[1:] if target.startswith("/") else posixpath.join(folder, target)
            found = self.info(posixpath.normpath(name))
            if found is not None:
                return found
        return None

    def document(self) -> tuple[Any, zipfile.ZipInfo | None]:
        """The document part's root and the styles part (or None)."""
        doc = self.related("", "/officeDocument") or self.info(DEFAULT_DOCUMENT)
        if doc is None:
            raise InputError(self.path, f"{NOT_DOCX}: it has no {DEFAULT_DOCUMENT}")
        styles = self.related(doc.filename, "/styles") or self.info(DEFAULT_STYLES)
        self.check_size([doc] if styles is None else [doc, styles])
        return self.xml(doc), styles


def _mb(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB"


# -- styles ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Style:
    name: str
    based_on: str | None
    numbered: bool
    outline: int | None


def _outline(ppr: Any, names: Names) -> int | None:
    """A paragraph's outline level from its properties (0 is level 1), or None."""
    if ppr is None:
        return None
    level = ppr.find(names.w + "outlineLvl")
    value = level.get(names.val, "") if level is not None else ""
    return int(value) if re.fullmatch(r"[0-9]{1,2}", value) and int(value) < BODY_OUTLINE else None


def _num_id(ppr: Any, names: Names) -> str | None:
    """The numbering a paragraph's properties give it ("0" switches numbering off), or None."""
    if ppr is None:
        return None
    num = ppr.find(f"{names.w}numPr/{names.w}numId")
    return None if num is None else num.get(names.val, "")


class _Styles:
    """Paragraph styles by id, and what each makes a paragraph: a heading, a list item."""

    def __init__(self, root: Any, names: Names) -> None:
        self.styles: dict[str, _Style] = {}
        self.default: str | None = None
        self.names = names
        self._kinds: dict[str, tuple[BlockKind | None, int]] = {}
        w = names.w
        for style in [] if root is None else root.iter(w + "style"):
            if style.get(w + "type", "paragraph") != "paragraph":
                continue
            sid = style.get(w + "styleId", "")
            if style.get(w + "default") in ("1", "true", "on"):
                self.default = sid
            name = style.find(w + "name")
            based = style.find(w + "basedOn")
            ppr = style.find(w + "pPr")
            self.styles[sid] = _Style(
                name.get(names.val, "") if name is not None else sid,
                based.get(names.val) if based is not None else None,
                _num_id(ppr, names) not in (None, "0"), _outline(ppr, names))

    def kind(self, style_id: str | None) -> tuple[BlockKind | None, int]:
        """HEADING (with level) or LIST_ITEM if the style or one it is based on says so."""
        sid = style_id or self.default or ""
        if sid not in self.styles:  # not remembered: the ids documents name are unbounded
            return None, 0
        if sid not in self._kinds:
            self._kinds[sid] = self._resolve(sid)
        return self._kinds[sid]

    def _resolve(self, sid: str) -> tuple[BlockKind | None, int]:
        seen: set[str] = set()
        current: str | None = sid
        while current is not None and current in self.styles and current not in seen:
            seen.add(current)
            style = self.styles[current]
            found = _kind_of_style(style)
            if found[0] is not None:
                return found
            current = style.based_on
        return None, 0


def _kind_of_style(style: _Style) -> tuple[BlockKind | None, int]:
    heading = HEADING_STYLE.match(style.name.strip())
    if heading:
        return BlockKind.HEADING, int(heading.group(1))
    if TITLE_STYLE.match(style.name.strip()):
        return BlockKind.HEADING, 0
    if style.outline is not None:
        return BlockKind.HEADING, style.outline + 1
    if style.numbered or LIST_STYLE.match(style.name.strip()):
        return BlockKind.LIST_ITEM, 0
    return None, 0


# -- paragraphs ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Para:
    text: str  # the whole paragraph, one source line
    kind: BlockKind | None  # HEADING, TABLE_CELL or LIST_ITEM from structure; None otherwise
    level: int = 0

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def is_short_unpunctuated(self) -> bool:
        text = self.stripped
        return bool(text) and self.words <= SHORT_LINE_WORDS and not text.endswith(
            tuple(TERMINAL))


def walk_paragraphs(body: Any, names: Names) -> Iterator[tuple[Any, bool]]:
    """Paragraphs in reading order, each with whether it lies in a table cell.

    Public because a writer must find the paragraphs in the same order: paragraph ``n`` is
    line ``n`` of ``Document.source``.

    An explicit stack, not recursion, so that deeply nested tables cannot exhaust Python's
    stack. A paragraph comes before the text boxes anchored in it.
    """
    stack: list[tuple[Any, bool]] = [(child, False) for child in reversed(body)]
    while stack:
        element, in_cell = stack.pop()
        tag = element.tag
        if not isinstance(tag, str) or tag in names.skip:
            continue
        if tag == names.p:
            yield element, in_cell
        elif tag == names.tc:
            in_cell = True
        elif tag == names.txbx:
            in_cell = False
        stack.extend((child, in_cell) for child in reversed(element))


def paragraph_pieces(paragraph: Any, names: Names) -> Iterator[tuple[Any, str]]:
    """The elements that give a paragraph its visible text, in order, each with its text:
    ``w:t`` its characters, a tab ``"\\t"``, a break ``" "``, a no-break hyphen ``"-"``.

    Text boxes, deleted runs and field codes give nothing. Public so that a writer can map a
    source offset to the exact element (and character in it) the reader took it from.
    """
    stack = list(reversed(paragraph))
    while stack:
        element = stack.pop()
        tag = element.tag
        if not isinstance(tag, str) or tag in names.skip or tag == names.txbx:
            continue
        if tag == names.t:
            yield element, LINE_BREAKS.sub(" ", element.text or "")
            yield from _after_entities(element)
        elif tag in names.tabs:
            yield element, "\t"
        elif tag in names.breaks:
            yield element, " "  # a newline would shift every later paragraph's line number
        elif tag == names.hyphen:
            yield element, "-"
        else:
            stack.extend(reversed(element))


def _paragraph_text(paragraph: Any, names: Names) -> str:
    """The visible text of one paragraph, without its text boxes and deleted runs."""
    return "".join(text for _, text in paragraph_pieces(paragraph, names))


def _after_entities(element: Any) -> Iterator[tuple[Any, str]]:
    """The text after each entity reference in one ``w:t``, as pieces of their own.

    Entities are never resolved (see the module docstring), so lxml keeps ``&name;`` as a
    child node and the text that follows it as that node's tail; ``element.text`` alone would
    drop it. The unresolved reference itself has no known text and is left out. Each tail is
    its own piece (with the entity node as its element), so a writer mapping offsets back to
    the XML never takes it for part of ``element.text``.
    """
    for child in element:
        if child.tail:
            yield child, LINE_BREAKS.sub(" ", child.tail)


def _structure(paragraph: Any, in_cell: bool, styles: _Styles) -> tuple[BlockKind | None, int]:
    """What the markup says a paragraph is: heading > table cell > list item > (nothing)."""
    names = styles.names
    ppr = paragraph.find(names.w + "pPr")
    style = ppr.find(names.w + "pStyle") if ppr is not None else None
    kind, level = styles.kind(style.get(names.val) if style is not None else None)
    outline = _outline(ppr, names)
    if outline is not None:
        return BlockKind.HEADING, outline + 1
    if kind is BlockKind.HEADING:
        return kind, level
    if in_cell:
        return BlockKind.TABLE_CELL, 0
    num = _num_id(ppr, names)
    if (num is not None and num != "0") or (kind is BlockKind.LIST_ITEM and num != "0"):
        return BlockKind.LIST_ITEM, 0
    return None, 0


# -- letters ---------------------------------------------------------------------------------


class _Letter:
    """Finds the parts of a letter among plain paragraphs, as the plain-text reader does."""

    def __init__(self, paras: list[_Para]) -> None:
        self.paras = paras
        self.seen_prose = False
        self.seen_salutation = False
        self.in_sign_off = False

    def kind(self, i: int) -> BlockKind:
        """The kind of non-empty paragraph ``i``; call in order."""
        para = self.paras[i]
        if para.kind is not None:
            if para.kind is not BlockKind.TABLE_CELL:
                self.in_sign_off = False
                self.seen_prose = self.seen_prose or para.kind is BlockKind.LIST_ITEM
            return para.kind
        return self._plain(i)

    def _plain(self, i: int) -> BlockKind:
        para = self.paras[i]
        text, words = para.stripped, para.words
        if self.in_sign_off and words <= SHORT_LINE_WORDS:
            return BlockKind.SIGN_OFF
        self.in_sign_off = False  # a long paragraph after the sign-off is a postscript
        if SIGN_OFF.match(text) and words <= 4:
            self.in_sign_off = True
            return BlockKind.SIGN_OFF
        if DATE_LINE.match(text):
            return BlockKind.DATE
        if not self.seen_salutation and SALUTATION.match(text) and words <= 8:
            self.seen_salutation = True
            return BlockKind.SALUTATION
        if not (self.seen_prose or self.seen_salutation) and self._address_line(i):
            return BlockKind.ADDRESS
        if not any(ch.isalpha() for ch in text):
            return BlockKind.OTHER
        self.seen_prose = True
        return BlockKind.PARAGRAPH

    def _address_line(self, i: int) -> bool:
        """A short unpunctuated line holding a postcode, or next to another such line."""
        para = self.paras[i]
        if not para.is_short_unpunctuated:
            return False
        return POSTCODE.search(para.text) is not None or any(
            self._plain_short(j) for j in (i - 1, i + 1))

    def _plain_short(self, j: int) -> bool:
        if not 0 <= j < len(self.paras):
            return False
        para = self.paras[j]
        return (para.kind is None and para.is_short_unpunctuated
                and SALUTATION.match(para.text) is None)


def _blocks(paras: list[_Para]) -> list[Block]:
    """One block per non-empty paragraph, its map an identity over its own line."""
    blocks: list[Block] = []
    letter = _Letter(paras)
    start = 0
    for i, para in enumerate(paras):
        text = para.stripped
        if text:
            lead = len(para.text) - len(para.text.lstrip())
            kind = letter.kind(i)
            level = para.level if kind is BlockKind.HEADING else 0
            blocks.append(Block(kind, text, SourceMap.identity(start + lead, len(text)), level))
        start += len(para.text) + 1
    return blocks


def read_docx(data: bytes, path: str = "<docx>") -> Document:
    """Read a Word document's bytes into a :class:`Document`; never fetches anything."""
    package = _Package(data, path)
    root, styles_part = package.document()
    namespace = root.tag[1:].partition("}")[0] if isinstance(root.tag, str) else ""
    if namespace not in W_NAMESPACES or not root.tag.endswith("}document"):
        raise InputError(path, f"{NOT_DOCX}: its main part is not a WordprocessingML document")
    names = Names(namespace)
    styles = _styles_of(package, styles_part, names)
    body = root.find(names.w + "body")
    paras: list[_Para] = []
    for paragraph, in_cell in ([] if body is None else walk_paragraphs(body, names)):
        kind, level = _structure(paragraph, in_cell, styles)
        paras.append(_Para(_paragraph_text(paragraph, names), kind, level))
    source = "\n".join(p.text for p in paras)
    return Document(path, "docx", source, _blocks(paras), Suppressions())


#: Parsed styles by a digest of their part: the documents of one organisation share a
#: template, and its styles part (often hundreds of KB) took most of the time of reading a
#: short document. Bounded whatever a run reads: at most STYLES_CACHED parts, each of at most
#: STYLES_CACHE_BYTES (a larger one is parsed for its document and not kept), keyed by a
#: digest rather than the part's bytes.
_STYLES_SEEN: dict[tuple[bytes, str], _Styles] = {}
STYLES_CACHED = 8
STYLES_CACHE_BYTES = 1024 * 1024


def _styles_of(package: _Package, part: zipfile.ZipInfo | None, names: Names) -> _Styles:
    """The document's paragraph styles, parsed once per distinct styles part."""
    if part is None:
        return _Styles(None, names)
    import hashlib

    blob = package.read(part)
    key = (hashlib.sha256(blob).digest(), names.w)
    styles = _STYLES_SEEN.get(key)
    if styles is None:
        root = package.xml(part, blob)
        namespace = names.w[1:-1]
        styles = _Styles(root if _same_namespace(root, namespace) else None, names)
        if len(blob) <= STYLES_CACHE_BYTES:
            while len(_STYLES_SEEN) >= STYLES_CACHED:
                del _STYLES_SEEN[next(iter(_STYLES_SEEN))]
            _STYLES_SEEN[key] = styles
    return styles


def _same_namespace(root: Any, namespace: str) -> bool:
    """True if a styles part uses the document's namespace (else its styles are ignored)."""
    return root is not None and isinstance(root.tag, str) and root.tag.startswith(
        "{" + namespace + "}")
