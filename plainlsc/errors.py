"""Errors a user can act on. The CLI prints them as one line and exits 2, never a traceback."""

from __future__ import annotations

import re

#: Errors found after a configuration file was read, that name what the file said.
_NAMED = re.compile(r"(?:unknown rule id|unknown profile) '([^'\n]+)'")


class PlainlscError(Exception):
    """Base class: anything plainlsc reports to the user as a one-line message."""


class InputError(PlainlscError):
    """A file that could not be read: missing, unreadable, binary, too large, malformed."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.reason = message


class ConfigError(PlainlscError):
    """A broken rule file, word list or configuration file, with the line at fault."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        if not line and path.endswith(".toml"):
            line = _line_naming(path, message)
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line
        self.reason = message


def _line_naming(path: str, message: str) -> int | None:
    """The line of a TOML configuration file that says the unknown name an error is about.

    Rule ids and profile names are checked when the rules are built, after the file was
    read; this finds the line again so the message can still say ``file:line:``.
    """
    match = _NAMED.search(message)
    if not match:
        return None
    name = re.escape(match.group(1))
    said = re.compile(rf"""(["']){name}\1|^[ \t]*{name}[ \t]*=|[.\[]{name}[ \t]*\]""")
    from plainlsc.bounded import MAX_CONFIG_BYTES, read_bounded

    try:
        data = read_bounded(path, "configuration", MAX_CONFIG_BYTES)
    except ConfigError:
        return None
    text = data.decode("utf-8-sig", errors="replace")
    for number, line in enumerate(text.splitlines(), start=1):
        if said.search(line):
            return number
    return None


def closest(word: str, choices: list[str] | set[str] | frozenset[str]) -> str:
    """" (did you mean 'x'?)" for a misspelt key or id, or an empty string."""
    import difflib

    near = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean {near[0]!r}?)" if near else ""
