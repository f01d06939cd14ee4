"""The records the acronym finders return: one use, one definition."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AcronymUse:
    """One acronym token in a text; ``text == source[start:end]``."""

    short: str
    text: str
    start: int
    end: int
    plural: bool


@dataclass(frozen=True, slots=True)
class AcronymDefinition:
    """One place where a short form is spelled out; spans are offsets into the text."""

    short: str
    long: str
    short_start: int
    short_end: int
    long_start: int
    long_end: int
    start: int
    end: int
