"""Turn the paths a user gives into the files to check.

Folders are walked for files of known formats, skipping hidden folders and whatever the
nearest ``.gitignore`` files exclude, in a stable (sorted) order.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from plainlsc.readers import format_for

SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv",
                       ".tox", ".mypy_cache", ".pytest_cache", "site-packages"})


def _ignore_spec(folder: Path) -> Any:
    """The folder's ``.gitignore`` as a spec, or None.

    Raises OSError when the folder cannot be searched (the caller reports it). A pattern git
    accepts but pathspec cannot compile (``!`` alone, ``[z-a]``) is left out, as git itself
    matches nothing with it: one odd line must not stop the whole run.
    """
    gitignore = folder / ".gitignore"
    if not gitignore.is_file():  # PermissionError here: the folder cannot be searched
        return None
    try:
        lines = gitignore.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    import pathspec

    try:
        return pathspec.GitIgnoreSpec.from_lines(lines)
    except Exception:  # pathspec's own error, or re.error from a character range
        return pathspec.GitIgnoreSpec.from_lines([ln for ln in lines if _compiles(ln)])


def _compiles(line: str) -> bool:
    """True if pathspec can compile this one ``.gitignore`` line."""
    import pathspec

    try:
        pathspec.GitIgnoreSpec.from_lines([line])
    except Exception:
        return False
    return True


def _reason(exc: OSError) -> str:
    """Why a folder could not be read, in a few lower-case words."""
    if isinstance(exc, PermissionError):
        return "permission denied"
    return (exc.strerror or str(exc)).lower()


def walk(folder: Path, problems: list[tuple[str, str]] | None = None) -> Iterator[Path]:
    """Files of known formats under ``folder``, honouring ``.gitignore`` files on the way.

    Sub-folders that cannot be opened or searched are added to ``problems`` (when given) as
    ``(path, reason)``, so that a folder we could not look into is reported, not skipped,
    and the rest of the walk goes on.
    """
    specs: list[tuple[Path, Any]] = []
    seen: set[tuple[int, int]] = set()

    def unreadable(exc: OSError, where: Path | None = None) -> None:
        if problems is not None:
            name = str(where) if where is not None else str(exc.filename or folder)
            problems.append((name, f"cannot open folder: {_reason(exc)}"))

    for root, dirs, files in os.walk(folder, onerror=unreadable, followlinks=False):
        here = Path(root)
        try:
            st = here.stat()
            if (st.st_dev, st.st_ino) in seen:
                dirs[:] = []
                continue
            seen.add((st.st_dev, st.st_ino))
            spec = _ignore_spec(here)
        except OSError as exc:
            unreadable(exc, here)
            dirs[:] = []
            continue
        if spec is not None:
            specs.append((here, spec))
        active = [(base, s) for base, s in specs if here == base or base in here.parents]
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS
                         and not _ignored(here / d, active, True))
        for name in sorted(files):
            path = here / name
            if format_for(name) and not name.startswith(".") and not _ignored(path, active,
                                                                                  False):
                yield path


def _ignored(path: Path, specs: list[tuple[Path, Any]], is_dir: bool) -> bool:
    for base, spec in specs:
        rel = path.relative_to(base).as_posix() + ("/" if is_dir else "")
        if spec.match_file(rel):
            return True
    return False


def expand(paths: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """The files to check, and (path, problem) for paths that give nothing to check."""
    files: list[str] = []
    problems: list[tuple[str, str]] = []
    for raw in paths:
        if raw == "-":
            files.append(raw)
            continue
        if not raw:  # Path("") means ".", which the user did not ask for
            problems.append((raw, "empty path (give . for the current folder)"))
            continue
        path = Path(raw)
        if os.path.isdir(path):  # False, not an exception, for a name too long or a link loop
            before = len(problems)
            try:
                found = [str(p) for p in walk(path, problems)]
            except OSError as exc:  # walk reports what it can; this is a last resort
                problems.append((raw, f"cannot open folder: {_reason(exc)}"))
                continue
            if not found and len(problems) == before:
                problems.append((raw, "no files of a known format (.txt, .md, .html, .docx)"))
            files.extend(found)
        else:
            files.append(raw)  # missing or unreadable files are reported when read
    return files, problems
