"""Turn a file's bytes into text: detect the encoding, refuse binary files.

Comms teams' files come from Word ("save as text" writes Windows-1252 with curly quotes),
Notepad (UTF-16 with a BOM) and everything else. We try the unambiguous encodings first (a BOM,
then strict UTF-8) and only then guess, so a UTF-8 file is never misread. A guess prefers
Windows-1252 (a superset of Latin-1's printable range), because that is what Word writes in
the UK; another encoding wins only when Windows-1252 cannot be right, and never for a short
text, where statistics are noise (a lone curly apostrophe is not Big5). Line endings are kept as
they are: positions are counted in the file as the user's editor shows it.
"""

from __future__ import annotations

import codecs

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: Control bytes that never occur in text files (tab, newlines, form feed and ESC do).
_BINARY_BYTES = bytes(range(0, 8)) + b"\x0e\x0f" + bytes(range(0x10, 0x1b)) + b"\x1c\x1d\x1e\x1f"
_BINARY_CHARS = frozenset(chr(b) for b in _BINARY_BYTES)
#: File signatures of formats people rename or save as ``.txt`` by mistake.
MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a zip file, such as a Word document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc, .xls, .ppt)"),
    (b"\x1f\x8b", "a gzip file"),
    (b"\x7fELF", "a program"),
)
#: Below this many bytes a statistical guess is noise: Windows-1252 it is.
MIN_GUESS_BYTES = 64
#: Encodings a guess may choose instead of Windows-1252 (UTF-16 and UTF-32 need a BOM).
CANDIDATES = (
    "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "koi8_r",
    "iso8859_5", "iso8859_7", "mac_roman", "gb18030", "big5", "shift_jis", "euc_jp", "euc_kr",
)


class NotText(ValueError):
    """The bytes are not a text file."""


def _looks_binary(data: bytes) -> bool:
    """A NUL byte, or many control bytes, in the first 8 KB means a binary file."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(head.count(bytes([b])) for b in _BINARY_BYTES)
    return controls > max(8, len(head) // 100)


def _text_looks_binary(text: str) -> bool:
    """The same test on decoded text (for UTF-16 and UTF-32, where NUL bytes are normal)."""
    head = text[:8192]
    if "\x00" in head:
        return True
    controls = sum(1 for ch in head if ch in _BINARY_CHARS)
    return controls > max(8, len(head) // 100)


def _signature(data: bytes) -> str | None:
    for magic, what in MAGIC:
        if data.startswith(magic):
            return what
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Decode ``data``; returns the text (without any BOM) and the encoding used.

    The encoding is a Python codec name; a BOM is kept as ``-sig`` in its name (``utf-8-sig``,
    ``utf-16-le-sig``) so the file can be written back as it was.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise NotText(f"not a text file (bad {encoding} data)") from exc
            if _text_looks_binary(text):
                raise NotText("not a text file")
            return text, encoding + "-sig"
    what = _signature(data)
    if what:
        raise NotText(f"not a text file (it looks like {what})")
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if _looks_binary(data):
        raise NotText("not a text file")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly, "utf-8"
    return _guess(data)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a BOM: a NUL in (nearly) every other byte, and never in the rest."""
    head = data[:8192]
    if len(head) < 8 or len(data) % 2:
        return None
    evens, odds = head[0::2], head[1::2]
    for zeros, others, encoding in ((odds, evens, "utf-16-le"), (evens, odds, "utf-16-be")):
        if zeros.count(0) >= 0.7 * len(zeros) and others.count(0) == 0:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return (text, encoding) if not _text_looks_binary(text) else None
    return None


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few bad bytes (a file cut short, a stray Windows-1252 quote pasted in).

    Reading it all as Windows-1252 would garble every other accented letter and curly quote
    (``’`` as ``â€™``) and shift every column after them; instead the bad bytes become U+FFFD
    and the rest reads as the editor shows it. Needs real UTF-8 evidence: at least twice as
    many good non-ASCII characters as bad bytes.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    good = non_ascii - text.count("\ufffd")
    return text if good >= 1 and good >= 2 * bad else None


def _guess(data: bytes) -> tuple[str, str]:
    """Not UTF-8: Windows-1252 unless it cannot be right and another encoding clearly fits."""
    try:
        text: str | None = data.decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90 and 0x9D are not Windows-1252
        text = None
    if text is not None and len(data) < MIN_GUESS_BYTES:
        return text, "cp1252"
    other = _detect(data, allow_cp1252=text is not None)
    if other is not None:
        return other
    if text is not None:
        return text, "cp1252"
    return data.decode("latin-1"), "latin-1"  # every byte is a character: nothing is lost


def _detect(data: bytes, allow_cp1252: bool) -> tuple[str, str] | None:
    """Another encoding, if charset_normalizer finds one and Windows-1252 does not fit."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a dependency, but never worth a crash
        return None
    try:
        matches = list(from_bytes(data[:65536], cp_isolation=list(CANDIDATES)))
    except Exception:  # pragma: no cover - a guesser's bug must not stop the check
        return None
    if allow_cp1252 and (not matches or any(
            "cp1252" in (m.encoding, *m.could_be_from_charset) for m in matches)):
        return None
    for match in matches:
        try:
            return data.decode(match.encoding), match.encoding
        except (UnicodeDecodeError, LookupError):
            continue
    return None
