"""Inline switches written in a document: ``plainlsc-disable``, ``-enable``, ``-disable-next-line``.

Readers find the directives (in HTML comments for Markdown and HTML, in ``#`` comment lines
for plain text) and record them here with their line numbers; the checker then drops findings
that start on a disabled line. An empty rule list means every rule.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

DIRECTIVE = re.compile(
    r"plainlsc-(disable-next-line|disable|enable)\b[ \t]*([A-Za-z0-9_,\- \t]*)"
)


@dataclass(slots=True)
class _Range:
    rules: frozenset[str]
    first: int
    last: int | None  # None: to the end of the document


@dataclass(slots=True)
class Suppressions:
    """The disabled line ranges of one document.

    Indexed so that a document with tens of thousands of directives stays fast: one-line
    ranges (``disable-next-line``) by their line; longer ranges sorted by their first line,
    searched by bisection; and the still-open ranges apart so that ``enable`` only looks at
    those.
    """

    _by_line: dict[int, list[_Range]] = field(default_factory=dict)
    _spans: list[_Range] = field(default_factory=list)
    _open: list[_Range] = field(default_factory=list)
    #: ``_spans`` sorted by first line, with the furthest last line reached so far at each
    #: index; built on the first lookup after a change.
    _sorted: list[_Range] | None = None
    _firsts: list[int] = field(default_factory=list)
    _reach: list[float] = field(default_factory=list)
    #: Every rule id a directive names, with the directive's line, in document order: the
    #: pipeline warns about ids that name no rule.
    named: list[tuple[str, int]] = field(default_factory=list)

    def directive(self, text: str, line: int, next_line: int | None = None) -> bool:
        """Record the directive in a comment's ``text`` found at ``line``; True if it was one.

        ``next_line`` is the line the ``disable-next-line`` form applies to (the reader knows
        which line holds the next content); by default it is the line after the comment.
        """
        match = DIRECTIVE.search(text)
        if not match:
            return False
        verb, raw = match.group(1), match.group(2)
        self._sorted = None
        # (An HTML comment's closing "--" is not a name.)
        names = [r for r in re.split(r"[\s,]+", raw.strip()) if r and r[0].isalnum()]
        self.named.extend((name, line) for name in names)
        rules = frozenset(names)
        if verb == "disable":
            rng = _Range(rules, line, None)
            self._spans.append(rng)
            self._open.append(rng)
        elif verb == "enable":
            self._close(rules, line)
        else:
            target = next_line if next_line is not None else line + 1
            self._by_line.setdefault(target, []).append(_Range(rules, target, target))
        return True

    def _close(self, rules: frozenset[str], line: int) -> None:
        """End open ranges: all of them, or those naming one of ``rules``."""
        still_open = []
        for rng in self._open:
            if not rules or not rng.rules or rng.rules & rules:
                rng.last = line
            else:
                still_open.append(rng)
        self._open = still_open

    def is_suppressed(self, rule: str, line: int) -> bool:
        """True when ``rule`` is switched off on ``line``."""
        for rng in self._by_line.get(line, ()):
            if not rng.rules or rule in rng.rules:
                return True
        if not self._spans:
            return False
        ranges = self._index()
        i = bisect_right(self._firsts, line) - 1
        while i >= 0 and self._reach[i] >= line:  # earlier ranges all end before ``line``
            rng = ranges[i]
            if (rng.last is None or rng.last >= line) and (not rng.rules or rule in rng.rules):
                return True
            i -= 1
        return False

    def _index(self) -> list[_Range]:
        """The ranges sorted by first line, and how far each prefix of them reaches."""
        if self._sorted is None:
            self._sorted = sorted(self._spans, key=lambda r: r.first)
            self._firsts = [r.first for r in self._sorted]
            reach, furthest = [], float("-inf")
            for rng in self._sorted:
                furthest = max(furthest, float("inf") if rng.last is None else rng.last)
                reach.append(furthest)
            self._reach = reach
        return self._sorted

    def __bool__(self) -> bool:
        return bool(self._by_line or self._spans)
