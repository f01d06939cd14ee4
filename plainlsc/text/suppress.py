"""Inline switches written in a document: ``plainlsc-disable``, ``-enable``, ``-disable-next-line``.

Readers find the directives (in HTML comments for Markdown and HTML, in ``#`` comment lines
for plain text) and record them here with their line numbers; the checker then drops findings
that start on a disabled line. An empty rule list means every rule.
"""

from __future__ import annotations

import re
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
    """The disabled line ranges of one document."""

    _ranges: list[_Range] = field(default_factory=list)
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
        # (An HTML comment's closing "--" is not a name.)
        names = [r for r in re.split(r"[\s,]+", raw.strip()) if r and r[0].isalnum()]
        self.named.extend((name, line) for name in names)
        rules = frozenset(names)
        if verb == "disable":
            self._ranges.append(_Range(rules, line, None))
        elif verb == "enable":
            self._close(rules, line)
        else:
            target = next_line if next_line is not None else line + 1
            self._ranges.append(_Range(rules, target, target))
        return True

    def _close(self, rules: frozenset[str], line: int) -> None:
        """End open ranges: all of them, or those naming one of ``rules``."""
        for rng in self._ranges:
            if rng.last is None and (not rules or not rng.rules or rng.rules & rules):
                rng.last = line

    def is_suppressed(self, rule: str, line: int) -> bool:
        """True when ``rule`` is switched off on ``line``."""
        for rng in self._ranges:
            last = rng.last if rng.last is not None else line
            if rng.first <= line <= last and (not rng.rules or rule in rng.rules):
                return True
        return False

    def __bool__(self) -> bool:
        return bool(self._ranges)
