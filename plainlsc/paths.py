"""Where the shipped rule files and word lists are, installed or in a checkout."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def data_root() -> Path:
    """``plainlsc/_data`` in an installed wheel, or the repository root in a checkout."""
    installed = _PACKAGE / "_data"
    if (installed / "rules").is_dir():
        return installed
    return _PACKAGE.parent


def rules_dir() -> Path:
    """The folder of shipped rule files."""
    return data_root() / "rules"


def wordlists_dir() -> Path:
    """The folder of shipped word lists."""
    return data_root() / "wordlists"
