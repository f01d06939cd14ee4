"""Turn a file's bytes into text: detect the encoding, refuse binary files.

Comms teams' files come from Word ("save as text" writes Windows-1252 with curly quotes),
Notepad (UTF-16 with a BOM) and everything else. We try the unambiguous encodings first (a BOM,
then strict UTF-8) and only then guess, so a UTF-8 file is never misread. Line endings are kept
as they are: positions are counted in the file as the user's editor shows it.
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


class NotText(ValueError):
    """The bytes are not a text file."""


def _looks_binary(data: bytes) -> bool:
    """A NUL byte, or many control bytes, in the first 8 KB means a binary file."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(head.count(bytes([b])) for b in _BINARY_BYTES)
    return controls > max(8, len(head) // 100)


def decode(data: bytes) -> tuple[str, str]:
    """Decode ``data``; returns the text (without any BOM) and the encoding used."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding + "-sig"
            except UnicodeDecodeError as exc:
                raise NotText(f"not a text file (bad {encoding} data)") from exc
    if _looks_binary(data):
        raise NotText("not a text file")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _guess(data)


def _guess(data: bytes) -> tuple[str, str]:
    """Not UTF-8: Windows-1252 (a superset of Latin-1's printable range) unless told otherwise."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536]).best()
    encoding = best.encoding if best is not None else "cp1252"
    if encoding in ("ascii", "latin_1", "iso8859_1", "iso8859_15"):
        encoding = "cp1252"
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        return data.decode("cp1252", errors="replace"), "cp1252"
