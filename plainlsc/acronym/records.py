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
    """One place where a short form is spelled out; spans are offsets into the text.

    ``short`` is the short form as written ("AEDs", "DfE"), so ``short ==
    text[short_start:short_end]``; ``key`` is the form its later uses are matched by, the
    singular of a plural ("AED"), since a reader meets "AED" and "AEDs" as one acronym.
    """

    short: str
    long: str
    short_start: int
    short_end: int
    long_start: int
    long_end: int
    start: int
    end: int
    key: str
