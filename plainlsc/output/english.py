"""Counts written as English: "1 word", "2 words", "1,570 words"."""

from __future__ import annotations


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """``count`` and ``noun``, the noun made plural unless the count is exactly one."""
    word = noun if count == 1 else (plural_form or noun + "s")
    return f"{count:,} {word}"
