"""Match a large list of terms in one pass with an Aho-Corasick automaton (pyahocorasick).

A team's word list can have 100,000 or a million entries. As one RE2 alternation that is
"pattern too large" (RE2's memory cap) or minutes and gigabytes; an automaton is built in
seconds and scans in time linear in the text. It gives exactly the matches the RE2 pattern of
:func:`~plainlsc.text.patterns.literal_alternation` gives, so a rule matches the same way
whatever the size of its list:

* a term that starts (ends) with a letter, digit or ``_`` needs a word boundary there, as
  RE2's ASCII ``\\b`` sees it;
* the space between two words matches any run of ``[\\t\\n\\f\\r ]`` (RE2's ``\\s+``);
* a straight or curly apostrophe matches either;
* without ``ignorecase``, case must match; with it, letters match as RE2's simple case
  folding has it (``K`` and the Kelvin sign, ``s`` and long ``ſ``, ``σ`` and ``ς``);
* leftmost-longest and non-overlapping, as RE2 with ``longest_match`` scans.

The text is normalised the same way (fold, one apostrophe, one space per run of white space)
and every match is mapped back to the original characters before its boundaries are checked.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from typing import Any

from plainlsc.text.patterns import Found

#: From this many distinct terms (forms included) a rule uses an automaton, not one RE2
#: pattern. The largest shipped list has under 2,000 forms: shipped rules stay on RE2.
AUTOMATON_FROM = 5_000

_SPACES = re.compile(r"[\t\n\f\r ]+")
_ASCII_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


class _Fold(dict[int, str]):
    """``str.translate`` table: each character to one of its simple case-fold orbit, always
    a single character so that offsets do not move; the curly apostrophe to the straight."""

    def __init__(self, ignorecase: bool) -> None:
        super().__init__({ord("’"): "'"})
        self.ignorecase = ignorecase

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if self.ignorecase:
            folded, lower = char.casefold(), char.lower()
            char = folded if len(folded) == 1 else lower if len(lower) == 1 else char
        self[code] = char
        return char


class TermMatcher:
    """An automaton over many literal terms, scanning text like the RE2 alternation would."""

    def __init__(self, terms: Iterable[str], ignorecase: bool) -> None:
        import ahocorasick  # imported only for a rule with a large list

        self.fold = _Fold(ignorecase)
        # The value kept for each key: its length and which ends need a word boundary.
        self.automaton: Any = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        add = self.automaton.add_word
        for term in terms:
            if not term:
                continue
            # An ASCII term in lower case (as word lists are kept) folds to itself.
            key = term if term.isascii() and term.islower() else self._normal(term)
            add(key, len(key) * 4 + (2 if _word_char(term[0]) else 0)
                + (1 if _word_char(term[-1]) else 0))
        self.automaton.make_automaton()
        self.empty = len(self.automaton) == 0

    def _normal(self, text: str) -> str:
        return text.translate(self.fold)

    def finditer(self, text: str) -> Iterator[Found]:
        """The matches in ``text``, in order, each with character offsets like a match of
        :class:`~plainlsc.text.patterns.Scanner`."""
        if self.empty:
            return
        normal, anchors, shifts = self._normalise(text)
        chosen_end = 0
        for start, end in sorted(self._candidates(text, normal, anchors, shifts),
                                 key=lambda span: (span[0], -span[1])):
            if start >= chosen_end:
                chosen_end = end
                yield Found(text, [(start, end)])

    def _normalise(self, text: str) -> tuple[str, list[int], list[int]]:
        """The folded text with each run of white space made one space, and the anchors that
        map an offset in it back to the original: ``original = offset + shifts[i]`` for the
        last anchor ``i`` at or before the offset."""
        folded = self._normal(text)
        pieces: list[str] = []
        anchors, shifts = [0], [0]
        done = 0
        for run in _SPACES.finditer(folded):
            pieces.append(folded[done:run.start()])
            pieces.append(" ")
            done = run.end()
            if run.end() - run.start() > 1:
                anchors.append(run.start() - shifts[-1] + 1)
                shifts.append(shifts[-1] + run.end() - run.start() - 1)
        pieces.append(folded[done:])
        return "".join(pieces), anchors, shifts

    def _candidates(self, text: str, normal: str, anchors: list[int],
                    shifts: list[int]) -> Iterator[tuple[int, int]]:
        """Every match of every term, mapped back to ``text``, whose boundaries hold."""
        for last, value in self.automaton.iter(normal):
            length, flags = divmod(value, 4)
            start_n, end_n = last - length + 1, last + 1
            start = start_n + shifts[bisect_right(anchors, start_n) - 1]
            end = end_n + shifts[bisect_right(anchors, end_n - 1) - 1]
            if flags & 2 and not _boundary(text, start):
                continue
            if flags & 1 and not _boundary(text, end):
                continue
            yield start, end


def _word_char(char: str) -> bool:
    """Python's ``\\w`` (what :func:`~plainlsc.text.patterns.literal_alternation` tests)."""
    return char.isalnum() or char == "_"


def _boundary(text: str, offset: int) -> bool:
    """RE2's ``\\b``: an ASCII word character on exactly one side of ``offset``."""
    before = offset > 0 and text[offset - 1] in _ASCII_WORD
    after = offset < len(text) and text[offset] in _ASCII_WORD
    return before != after
