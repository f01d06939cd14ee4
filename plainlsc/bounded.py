"""Read files within bounds: regular files only, and no more than a size cap.

Two kinds of file go through here. The documents being checked (:func:`read_regular`, turned
into an InputError by :mod:`plainlsc.readers`) and the files that steer plainlsc
(configuration, rule files, profiles, word lists, glossaries: :func:`read_bounded`, a
ConfigError). Both may come from a contributed branch (a pre-commit hook reads them), so they
are untrusted. A file that is a named pipe would block forever; ``--config /dev/zero`` (or a
word list linked to it) would read until memory runs out. :func:`read_regular` refuses
anything but a regular file, checks the type again on the open file (so a file swapped for a
pipe in between is still refused) and stops reading at the cap, whatever the file claims its
size is; :func:`read_at_most` does the last part for a stream such as standard input.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

from plainlsc.errors import ConfigError

#: A configuration file (``.plainlsc.toml``, ``pyproject.toml``): ours hold a few dozen lines.
MAX_CONFIG_BYTES = 1 << 20
#: A rule file or the profiles file: the largest shipped one is under 3 kB.
MAX_RULE_FILE_BYTES = 1 << 20
#: A word list or glossary: room for over a million entries.
MAX_WORDLIST_BYTES = 64 << 20

_CHUNK = 1 << 16


def describe_size(n: int) -> str:
    """A size for a message: "512 bytes", "12.5 KB", "20 MB" (1 KB = 1024 bytes)."""
    if n < 1024:
        return f"{n} byte{'s' if n != 1 else ''}"
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"  # pragma: no cover


class NotRegular(Exception):
    """The path is a folder, a pipe, a socket or a device (``mode`` says which)."""

    def __init__(self, mode: int) -> None:
        super().__init__(mode)
        self.mode = mode


class TooLarge(Exception):
    """More than the cap; ``size`` is the file's own size when it was known up front."""

    def __init__(self, size: int | None) -> None:
        super().__init__(size)
        self.size = size


def read_at_most(read: Callable[[int], bytes], max_bytes: int) -> bytes:
    """Everything ``read`` gives until it returns nothing; TooLarge as soon as it passes
    ``max_bytes`` (in pieces: asking for ``max_bytes + 1`` at once would allocate it all)."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = read(min(_CHUNK, max_bytes + 1 - total))
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > max_bytes:
            raise TooLarge(None)
        chunks.append(chunk)


def read_regular(name: str, max_bytes: int) -> bytes:
    """The bytes of the regular file ``name``, at most ``max_bytes``.

    Raises NotRegular, TooLarge, or what ``os`` raises (OSError; ValueError for a NUL in the
    name): each caller words them for its own users. The file is opened without blocking (a
    pipe would otherwise wait for a writer) and its type checked again once open.
    """
    info = os.stat(name)
    if not stat.S_ISREG(info.st_mode):
        raise NotRegular(info.st_mode)
    if info.st_size > max_bytes:
        raise TooLarge(info.st_size)
    fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
                 | getattr(os, "O_NOCTTY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # swapped for a pipe or device since os.stat
            raise NotRegular(info.st_mode)
        return read_at_most(lambda n: os.read(fd, n), max_bytes)
    finally:
        os.close(fd)


def _too_large(path: str, what: str, max_bytes: int) -> ConfigError:
    return ConfigError(path, None, f"cannot read {what}: larger than {describe_size(max_bytes)}, "
                                   f"the most plainlsc reads for a {what}")


def read_bounded(path: Path | str, what: str, max_bytes: int) -> bytes:
    """The bytes of ``path``, a regular file of at most ``max_bytes``; else a ConfigError.

    ``what`` names the file's role in messages ("configuration", "rule file", "word list").
    """
    name = str(path)
    try:
        return read_regular(name, max_bytes)
    except NotRegular as exc:
        raise _not_regular(name, what, exc.mode) from None
    except TooLarge:
        raise _too_large(name, what, max_bytes) from None
    except ValueError:  # a NUL character in the name
        raise ConfigError(name, None, f"cannot read {what}: not a valid file name") from None
    except OSError as exc:
        raise _os_error(name, what, exc) from None


def read_text_bounded(path: Path | str, what: str, max_bytes: int) -> str:
    """:func:`read_bounded`, decoded as UTF-8 (a byte-order mark is dropped); text that is
    not UTF-8 is a ConfigError giving the line of the first bad byte."""
    data = read_bounded(path, what, max_bytes)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(str(path), data.count(b"\n", 0, exc.start) + 1,
                          f"cannot read {what}: not UTF-8 text (save the file as UTF-8)") \
            from None


def _not_regular(name: str, what: str, mode: int) -> ConfigError:
    if stat.S_ISDIR(mode):
        return ConfigError(name, None, f"cannot read {what}: is a folder")
    return ConfigError(name, None, f"cannot read {what}: not a regular file (a pipe, socket "
                                   "or device)")


def _os_error(name: str, what: str, exc: OSError) -> ConfigError:
    """Every failure to open or read, in words: ``cannot read rule file: no such file``."""
    if isinstance(exc, FileNotFoundError):
        reason = "no such file"
    elif isinstance(exc, IsADirectoryError):
        reason = "is a folder"
    elif exc.errno == errno.ELOOP:
        reason = "symbolic link loop (a link that leads back to itself)"
    else:
        reason = (exc.strerror or str(exc)).lower()
    return ConfigError(name, None, f"cannot read {what}: {reason}")
