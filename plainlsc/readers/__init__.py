"""Readers: one per input format, each turning a file into a :class:`~plainlsc.model.Document`.

The format comes from the file extension (or is given, for standard input). A reader takes the
decoded text; Word files are bytes, so a reader may instead take bytes (``binary=True``).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import BinaryIO

from plainlsc.bounded import NotRegular, TooLarge, describe_size, read_at_most, read_regular
from plainlsc.errors import InputError
from plainlsc.model import Document


@dataclass(frozen=True, slots=True)
class Format:
    """A known input format and where its reader lives (imported only when needed)."""

    name: str
    extensions: tuple[str, ...]
    module: str
    function: str
    binary: bool = False


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("text", (".txt", ".text"), "plainlsc.readers.text", "read_text"),
        Format("markdown", (".md", ".markdown", ".mdown", ".mkd"), "plainlsc.readers.markdown",
               "read_markdown"),
        Format("html", (".html", ".htm", ".xhtml"), "plainlsc.readers.html", "read_html"),
        Format("docx", (".docx",), "plainlsc.readers.docx", "read_docx", binary=True),
    )
}
ALIASES = {"txt": "text", "md": "markdown", "htm": "html", "plain": "text"}

#: Files larger than this are refused with a clear message (``max_file_size`` in configuration).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def format_for(path: str) -> str | None:
    """The format a file's extension names, or None for a file we do not read."""
    ext = os.path.splitext(path)[1].lower()
    for fmt in FORMATS.values():
        if ext in fmt.extensions:
            return fmt.name
    return None


def normalise_format(name: str) -> str:
    """Accept "md", "txt" and the like; raise ValueError for a format we do not know."""
    key = ALIASES.get(name.lower(), name.lower())
    if key not in FORMATS:
        raise ValueError(f"unknown format {name!r} (choose from {', '.join(FORMATS)})")
    return key


def _reader(fmt: Format) -> Callable[..., Document]:
    reader: Callable[..., Document] = getattr(import_module(fmt.module), fmt.function)
    return reader


def read_string(text: str, format: str = "text", path: str = "<text>") -> Document:
    """Read a document from a string (for formats that are text)."""
    fmt = FORMATS[normalise_format(format)]
    if fmt.binary:
        raise ValueError(f"{fmt.name} documents are binary: pass bytes to read_bytes()")
    return _reader(fmt)(text, path)


def read_bytes(data: bytes, format: str, path: str) -> Document:
    """Read a document from a file's bytes, decoding text formats first."""
    from plainlsc.readers.decode import NotText, decode

    fmt = FORMATS[normalise_format(format)]
    if fmt.binary:
        return _reader(fmt)(data, path)
    try:
        text, _encoding = decode(data)
    except NotText as exc:
        raise InputError(path, str(exc)) from None
    return _reader(fmt)(text, path)


def _too_large(path: str, size: int | None, max_bytes: int) -> InputError:
    how_big = f"file is {describe_size(size)}," if size is not None else "input is"
    return InputError(path, f"{how_big} over the limit of {describe_size(max_bytes)} "
                            "(set max_file_size to raise it)")


def read_limited(handle: BinaryIO, path: str, max_bytes: int) -> bytes:
    """Read a stream (standard input) to its end, refusing it as soon as it passes
    ``max_bytes``: a pipe cannot make us hold more than the limit."""
    try:
        return read_at_most(handle.read, max_bytes)
    except TooLarge:
        raise _too_large(path, None, max_bytes) from None


def read_path(path: str, format: str | None = None,
              max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read a file from disk; every failure becomes an :class:`InputError` naming the file."""
    name = format or format_for(path)
    return read_bytes(read_file_bytes(path, name, max_bytes), name or "", path)


def read_file_bytes(path: str, name: str | None, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of the document at ``path`` (its format ``name``, None if unknown), read
    once within the bounds; every failure is an :class:`InputError` naming the file."""
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(path, "is a folder, not a file")
        if name is None:
            raise InputError(path, "unknown file type (use --format-in to say what it is)")
        return read_regular(path, max_bytes)
    except InputError:
        raise
    except NotRegular:  # a named pipe or a device (a link to /dev/zero): block or never end
        raise InputError(path, "not a regular file (a pipe, socket or device)") from None
    except TooLarge as exc:
        raise _too_large(path, exc.size, max_bytes) from None
    except ValueError:  # a NUL character in the name: no file can have it
        raise InputError(path, "not a valid file name") from None
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(path, "symbolic link loop (a link that leads back to itself)") \
                from None
        raise InputError(path, (exc.strerror or str(exc)).lower()) from None
