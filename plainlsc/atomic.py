"""Write files safely: all or nothing, keeping what the user's editor relies on.

The basis for a future ``--fix``. :func:`write_atomic` writes a temporary file in the same
folder, flushes it to disk and renames it over the original in one step, so a crash, a full disk
or Ctrl-C leaves either the old file or the new one, never half of each, and never a stray
temporary file. :func:`rewrite_preserving` also keeps the file's encoding (BOM included) and
its line endings, so a Windows-1252 CRLF file from Word is still one after a fix.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from plainlsc.errors import InputError

_BOM_FOR = {
    "utf-8": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}


def _default_mode() -> int:
    """What ``open(path, "w")`` would give a new file: 0o666 less the umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def encode(text: str, encoding: str) -> bytes:
    """Encode ``text``; ``<codec>-sig`` (as :func:`plainlsc.readers.decode.decode` names a file
    that had a byte order mark) writes that BOM first. Raises UnicodeEncodeError."""
    name = codecs.lookup(encoding.removesuffix("-sig")).name if encoding.endswith("-sig") \
        else None
    if name is not None and name in _BOM_FOR:
        return _BOM_FOR[name] + text.encode(name)
    return text.encode(encoding)


def _translate(text: str, newline: str | None) -> str:
    """Line endings as ``open(..., newline=newline)`` would write them."""
    if newline is None:
        newline = os.linesep
    if newline in ("", "\n"):
        return text
    if newline not in ("\r\n", "\r"):
        raise ValueError(f"illegal newline value: {newline!r}")
    return text.replace("\n", newline)


def write_atomic(path: str | os.PathLike[str], text: str, encoding: str = "utf-8",
                 newline: str | None = None) -> None:
    """Replace ``path`` with ``text`` in one step; the old file is intact if anything fails.

    ``newline`` works as for :func:`open`: ``None`` writes ``\\n`` as the platform's line
    ending, ``""`` or ``"\\n"`` write the text as it is, ``"\\r\\n"`` and ``"\\r"`` translate.
    The new file keeps the old one's permission bits (and owner, where we may set it); a
    symbolic link is followed, so the file it points to is replaced, not the link.
    """
    write_atomic_chunks(path, [encode(_translate(text, newline), encoding)])


def write_atomic_chunks(path: str | os.PathLike[str], chunks: Iterable[bytes]) -> None:
    """Like :func:`write_atomic`, for bytes produced piece by piece.

    A large output (an HTML report of a 10 MB file is 60 MB) is written as it is made,
    never held whole in memory; the file still appears in one step, complete.
    """
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    try:
        old: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        old = None
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
            if old is not None:
                os.chmod(tmp, stat.S_IMODE(old.st_mode))
                if hasattr(os, "chown"):
                    with contextlib.suppress(OSError):  # only root may give files away
                        os.chown(tmp, old.st_uid, old.st_gid)
            else:
                os.chmod(tmp, _default_mode())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where folders cannot be opened."""
    if os.name != "posix":  # pragma: no cover
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def line_ending(text: str) -> str | None:
    """The file's line ending, ``"\\r\\n"``, ``"\\r"`` or ``"\\n"``; None if it has none or
    mixes them (then the text's own line endings are written as they are)."""
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [(n, nl) for n, nl in ((crlf, "\r\n"), (cr, "\r"), (lf, "\n")) if n]
    return kinds[0][1] if len(kinds) == 1 else None


def rewrite_preserving(path: str | os.PathLike[str], new_text: str) -> None:
    """Write ``new_text`` over ``path`` in the file's own encoding, BOM and line endings.

    ``new_text`` may use ``\\n`` or the file's own line endings: a file that uses one kind
    throughout gets that kind everywhere. Refuses (an :class:`InputError`, the file untouched)
    rather than lose anything: a file whose bytes do not decode cleanly, and text that the
    file's encoding cannot hold.
    """
    from plainlsc.readers.decode import NotText, decode

    name = str(path)
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        old_text, encoding = decode(data)
    except NotText as exc:
        raise InputError(name, str(exc)) from None
    if encode(old_text, encoding) != data:
        raise InputError(name, f"cannot rewrite without changing it: not all of it is valid "
                               f"{encoding.removesuffix('-sig')}")
    ending = line_ending(old_text)
    text = new_text
    if ending is not None:
        text = new_text.replace("\r\n", "\n").replace("\r", "\n")
        if ending != "\n":
            text = text.replace("\n", ending)
    try:
        encode(text, encoding)
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start:exc.end]
        raise InputError(name, f"cannot save {bad!r} in this file's encoding "
                               f"({encoding.removesuffix('-sig')})") from None
    write_atomic(path, text, encoding, newline="")
