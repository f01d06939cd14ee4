"""Shared fixtures. Tests never read ../shared: a user's clone does not have it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parent.parent

# Keep the syllable cache inside the test run, not in the user's home folder.
os.environ.setdefault("PLAINLSC_CACHE_DIR", str(Path(__file__).parent / ".cache"))


@pytest.fixture
def data() -> Path:
    """The folder of test documents."""
    return DATA
