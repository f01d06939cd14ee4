"""Read the files that steer plainlsc (configuration, rule files, profiles, word lists,
glossaries) within bounds: regular files only, and no more than a size cap.

These files may come from a contributed branch (a pre-commit hook reads them), so they are
untrusted. A rule file that is a named pipe would block forever; ``--config /dev/zero`` (or a
word list linked to it) would read until memory runs out. Every such file goes through
:func:`read_bounded`, which refuses anything but a regular file, checks the type again on the
open file (so a file swapped for a pipe in between is still refused) and stops reading at the
cap, whatever the file claims its size is.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from plainlsc.errors import ConfigError

#: A configuration file (``.plainlsc.toml``, ``pyproject.toml``): ours hold a few dozen lines.
MAX_CONFIG_BYTES = 1 << 20
#: A rule file or the profiles file: the largest shipped one is under 3 kB.
MAX_RULE_FILE_BYTES = 1 << 20
#: A word list or glossary: room for over a million entries.
MAX_WORDLIST_BYTES = 64 << 20

_CHUNK = 1 << 16


def size_text(size: int) -> str:
    """``1 MB``, ``64 MB``, ``512 kB``: a cap as people say it."""
    if size >= 1 << 20:
        return f"{size / (1 << 20):.3g} MB"
    if size >= 1 << 10:
        return f"{size / (1 << 10):.3g} kB"
    return f"{size} bytes"


def _too_large(path: str, what: str, max_bytes: int) -> ConfigError:
    return ConfigError(path, None, f"cannot read {what}: larger than {size_text(max_bytes)}, "
                                   f"the most plainlsc reads for a {what}")


def read_bounded(path: Path | str, what: str, max_bytes: int) -> bytes:
    """The bytes of ``path``, a regular file of at most ``max_bytes``; else a ConfigError.

    ``what`` names the file's role in messages ("configuration", "rule file", "word list").
    The file is opened without blocking (a pipe would otherwise wait for a writer).
    """
    name = str(path)
    try:
        if not stat.S_ISREG(os.stat(name).st_mode):
            raise _not_regular(name, what, os.stat(name).st_mode)
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
                     | getattr(os, "O_NOCTTY", 0))
    except ConfigError:
        raise
    except ValueError:  # a NUL character in the name
        raise ConfigError(name, None, f"cannot read {what}: not a valid file name") from None
    except OSError as exc:
        raise _os_error(name, what, exc) from None
    try:
        return _read_fd(fd, name, what, max_bytes)
    finally:
        os.close(fd)


def _read_fd(fd: int, name: str, what: str, max_bytes: int) -> bytes:
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # swapped for a pipe or device since os.stat
            raise _not_regular(name, what, info.st_mode)
        if info.st_size > max_bytes:
            raise _too_large(name, what, max_bytes)
        chunks: list[bytes] = []
        total = 0
        while True:  # the size can grow while we read: count what actually arrives
            chunk = os.read(fd, min(_CHUNK, max_bytes + 1 - total))
            if not chunk:
                return b"".join(chunks)
            total += len(chunk)
            if total > max_bytes:
                raise _too_large(name, what, max_bytes)
            chunks.append(chunk)
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
