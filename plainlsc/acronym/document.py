"""Acronyms across a whole document: where each is defined, first used, and whether readers
can decode it. Feeds the ``acronym`` rule kind, the JSON ``acronyms`` list and
``plainlsc acronyms``.

The text algorithms (finding uses and definitions in a string) are in
:mod:`plainlsc.acronym.uses` and :mod:`plainlsc.acronym.definitions`; this module applies
them block by block and maps every offset back to the source, so positions are exact in every
format.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from plainlsc.acronym.definitions import find_definitions
from plainlsc.acronym.lists import AcronymLists, load_lists
from plainlsc.acronym.not_acronyms import is_not_an_acronym
from plainlsc.acronym.records import AcronymDefinition
from plainlsc.acronym.uses import find_acronym_uses
from plainlsc.model import Block, BlockKind, Document, Position


class _Spans:
    """Text spans, merged and sorted, for a quick "is this offset inside one?".

    A paragraph may define thousands of acronyms; testing every use against every definition
    would take quadratic time.
    """

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [s for s, _ in merged]
        self._ends = [e for _, e in merged]

    def __contains__(self, offset: int) -> bool:
        index = bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self._ends[index]


@dataclass(slots=True)
class Place:
    """A source span and its line and column."""

    start: int
    end: int
    position: Position

    def to_dict(self) -> dict[str, int]:
        return {"line": self.position.line, "column": self.position.column}


@dataclass(slots=True)
class Acronym:
    """One acronym of a document, as in the JSON ``acronyms`` list."""

    short: str
    long: str | None = None
    defined_at: Place | None = None
    first_used: Place | None = None
    count: int = 0
    known: bool = False
    suggestion: str | None = None
    definitions: list[tuple[str, Place]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "short": self.short,
            "long": self.long,
            "defined_at": self.defined_at.to_dict() if self.defined_at else None,
            "first_used": self.first_used.to_dict() if self.first_used else None,
            "count": self.count,
            "known": self.known,
            "suggestion": self.suggestion,
        }

    @property
    def defined_late(self) -> bool:
        """Used before the definition: the reader met it first without one."""
        return (self.defined_at is not None and self.first_used is not None
                and self.first_used.start < self.defined_at.start)

    @property
    def redefined(self) -> tuple[str, Place] | None:
        """The first definition whose long form differs from the first one."""
        if not self.definitions:
            return None
        first = _same_key(self.definitions[0][0])
        return next((d for d in self.definitions[1:] if _same_key(d[0]) != first), None)


def _same_key(long: str) -> str:
    words = long.lower().replace("-", " ").split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(w.rstrip("s") for w in words)


def _place(doc: Document, start: int, end: int) -> Place:
    return Place(start, end, doc.position(start, end))


def block_definitions(block: Block, cache: dict[Any, Any] | None = None) -> list[AcronymDefinition]:
    """The definitions in ``block``, found once per document run: the acronym rules and the
    word rules (which leave a defined long form alone) share ``cache``."""
    if cache is None:
        return find_definitions(block.text)
    key = ("definitions", id(block))
    found = cache.get(key)
    if found is None:
        found = cache[key] = find_definitions(block.text)
    return found


def analyse_acronyms(doc: Document, lists: AcronymLists,
                     cache: dict[Any, Any] | None = None) -> list[Acronym]:
    """Every acronym used or defined in ``doc``, in order of first appearance."""
    found: dict[str, Acronym] = {}
    for block in doc.blocks:
        text = block.text
        if not text or block.kind is BlockKind.OTHER:
            continue  # "ENDS", "[image: ]" and the like are markers, not words
        defs = block_definitions(block, cache)
        inside = _Spans([(d.short_start, d.short_end) for d in defs])
        for d in defs:
            entry = found.setdefault(d.key, Acronym(d.key))
            end = d.end + 1 if text[d.end:d.end + 1] in ")]" else d.end  # the closing bracket
            src = block.source_span(d.start, end)
            place = _place(doc, *src)
            entry.definitions.append((d.long, place))
            if entry.defined_at is None:
                entry.defined_at, entry.long = place, d.long
        for use in find_acronym_uses(text):
            if use.start in inside or not use.short.strip("X"):
                continue  # the use inside its own definition, or a placeholder "XX"
            if use.short not in found and is_not_an_acronym(use, block, lists):
                continue  # a form code, a word in capitals for emphasis, a product name
            entry = found.setdefault(use.short, Acronym(use.short))
            entry.count += 1
            if entry.first_used is None:
                entry.first_used = _place(doc, *block.source_span(use.start, use.end))
    for entry in found.values():
        entry.known = entry.short in lists.known
        entry.suggestion = lists.glossary.get(entry.short)
    return sorted(found.values(), key=lambda a: min(
        p.start for p in (a.defined_at, a.first_used) if p is not None))


def acronym_entries(doc: Document, config: Any, cache: dict[str, Any]) -> list[Acronym]:
    """The document's acronym list, reusing the rules' analysis when they ran."""
    cached = cache.get("acronyms")
    if cached is not None:
        return list(cached)
    lists = load_lists(tuple(config.known_acronyms), tuple(config.glossaries))
    return analyse_acronyms(doc, lists, cache)
