"""Errors a user can act on. The CLI prints them as one line and exits 2, never a traceback."""

from __future__ import annotations


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
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line
        self.reason = message
