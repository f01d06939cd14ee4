"""Facts about a block's text that several rule kinds need: where the URLs, quotes and
sentence starts are. Each is computed once per block and cached for the run.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from plainlsc.checks.base import RunContext
from plainlsc.model import Block
from plainlsc.text.nonprose import address_spans
from plainlsc.text.patterns import Found, Scanner

_QUOTE_PAIRS = {"“": "”", '"': '"', "«": "»"}


class Spans:
    """Sorted, non-overlapping spans with a fast overlap test."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans.sort()
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps any span."""
        i = bisect_right(self._starts, end - 1) - 1
        return i >= 0 and self._ends[i] > start

    def __bool__(self) -> bool:
        return bool(self._starts)


@dataclass(slots=True)
class Joined:
    """The texts of the blocks a rule looks at, joined by blank lines, so a pattern runs once
    per document instead of once per block; matches are mapped back to their block."""

    text: str
    starts: list[int]
    blocks: list[Block]
    scanner: Scanner | None = None

    def finditer(self, regex: Any) -> Iterator[Found]:
        """Every match of an RE2 ``regex`` in the joined text (see :class:`Scanner`)."""
        if self.scanner is None:
            self.scanner = Scanner(self.text)
        return self.scanner.finditer(regex)

    def locate(self, start: int, end: int) -> tuple[int, int, int] | None:
        """(block index, start, end) in that block's text; None if it crosses blocks."""
        i = bisect_right(self.starts, start) - 1
        offset = self.starts[i]
        if end - offset > len(self.blocks[i].text):
            return None
        return i, start - offset, end - offset


def joined(ctx: RunContext, scope: frozenset[str], blocks: list[Block]) -> Joined:
    """The joined text of ``blocks`` (those in ``scope``), built once per document."""
    key = ("joined", scope)
    value = ctx.cache.get(key)
    if value is None:
        starts, pos = [], 0
        for block in blocks:
            starts.append(pos)
            pos += len(block.text) + 2
        value = ctx.cache[key] = Joined("\n\n".join(b.text for b in blocks), starts, blocks)
    result: Joined = value
    return result


def _cached(ctx: RunContext, name: str, block: Block, build: Any) -> Any:
    key = (name, id(block))
    value = ctx.cache.get(key)
    if value is None:
        value = ctx.cache[key] = build(block)
    return value


def noise(ctx: RunContext, block: Block) -> Spans:
    """URLs, e-mail addresses, @handles, #hashtags and file names: never prose."""
    spans: Spans = _cached(ctx, "noise", block, lambda b: Spans(
        address_spans(b.text) if _maybe_noise(b.text) else []))
    return spans


def _maybe_noise(text: str) -> bool:
    return any(c in text for c in "@#/.")


def quotes(ctx: RunContext, block: Block) -> Spans:
    """Text inside quotation marks (someone else's words, not ours to rewrite)."""
    spans: Spans = _cached(ctx, "quotes", block, lambda b: Spans(_quote_spans(b.text)))
    return spans


_OPENING = re.compile("[" + "".join(_QUOTE_PAIRS) + "]")


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans from an opening quotation mark to its closing one (or the paragraph's end).

    Double quotes pair up as they are. A curly single quote opens a quotation only where an
    apostrophe could not be (before a word, after a space or a colon), and closes at the first
    ’ that no letter follows, so "it’s" and "patients’ views" stay inside.
    """
    spans = _double_quote_spans(text)
    spans.extend(s for s in _single_quote_spans(text)
                 if not any(a <= s[0] < b for a, b in spans))
    return spans


def _double_quote_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    match = _OPENING.search(text)
    while match is not None:
        i = match.start()
        end = text.find(_QUOTE_PAIRS[text[i]], i + 1)
        if end < 0:
            spans.append((i, len(text)))  # a quote running to the end of the paragraph
            break
        spans.append((i, end + 1))
        match = _OPENING.search(text, end + 1)
    if not spans and text.endswith("”"):
        spans.append((0, len(text)))  # the second paragraph of a quote that opened earlier
    return spans


_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s:(—–-]))[‘'](?=[A-Za-z0-9])")
_SINGLE_CLOSE = re.compile(r"[’'](?![A-Za-z])")


def _single_quote_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    match = _SINGLE_OPEN.search(text)
    while match is not None:
        close = _SINGLE_CLOSE.search(text, match.end())
        if close is None:
            if match.group() == "‘":
                spans.append((match.start(), len(text)))
            break
        spans.append((match.start(), close.end()))
        match = _SINGLE_OPEN.search(text, close.end())
    return spans


def sentence_starts(ctx: RunContext, block: Block) -> frozenset[int]:
    """Offsets of the first word of each sentence."""
    starts: frozenset[int] = _cached(ctx, "starts", block, lambda b: frozenset(
        s.first_word_start for s in b.sentences if s.word_count))
    return starts


#: Little words that join the parts of a place name ("Newcastle upon Tyne", "Barton-under-
#: Needwood", "Walton on the Naze").
_PLACE_JOINERS = frozenset({"upon", "on", "under", "by", "in", "le", "cum", "next"})


def _joins_a_name(text: str, start: int, end: int) -> bool:
    if text[start:end].lower() not in _PLACE_JOINERS:
        return False
    before = text[max(0, start - 30):start]
    after = text[end:end + 30]
    prev_word = before.replace("-", " ").split()[-1:] if before[-1:] in " -" else []
    next_word = after.replace("-", " ").split()[:1] if after[:1] in " -" else []
    return bool(prev_word and next_word) and prev_word[0][:1].isupper() \
        and next_word[0][:1].isupper()


def in_name(text: str, start: int, end: int, starts: frozenset[int]) -> bool:
    """Whether a capitalised match sits inside a run of capitalised words (a proper name).

    "Transformation" in "Sustainability and Transformation Partnership" is part of a name, not
    jargon to rewrite; "Facilitate" at the start of a sentence is jargon. A lower-case joiner
    between two capitalised words is part of a place name: "upon" in "Newcastle upon Tyne".
    """
    if not text[start:start + 1].isupper():
        return _joins_a_name(text, start, end)
    before = text[max(0, start - 40):start].split()
    after = text[end:end + 40].split()
    prev_cap = bool(before) and before[-1][:1].isupper() and start not in starts
    if before and before[-1].lower() in ("and", "of", "for", "the", "&") and len(before) > 1:
        prev_cap = prev_cap or (before[-2][:1].isupper() and start not in starts)
    next_cap = bool(after) and after[0][:1].isupper() and after[0][:1].isalpha()
    return prev_cap or (next_cap and start not in starts)
