"""Compile patterns with RE2, which matches in linear time whatever the pattern.

Rule files are untrusted input (a pre-commit hook runs on contributed branches), so a pattern
like ``(a+)+$`` must not be able to hang the checker. Python's ``re`` backtracks; RE2 does not.
RE2 also matches a large alternation of word-list terms in one pass, far faster than ``re``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import re2

from plainlsc.errors import ConfigError

_WORDCHAR = re.compile(r"\w")


def compile_pattern(pattern: str, ignorecase: bool = True, where: tuple[str, int] = ("", 0),
                    longest: bool = False) -> Any:
    """Compile a user pattern with RE2; a bad pattern is a ConfigError naming the rule file."""
    options = re2.Options()
    options.case_sensitive = not ignorecase
    options.longest_match = longest
    options.max_mem = 64 << 20
    options.log_errors = False  # our own one-line error says what is wrong
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        raise ConfigError(where[0] or "<pattern>", where[1] or None,
                          f"invalid pattern {pattern!r}: {exc}") from None


def literal_alternation(terms: Iterable[str]) -> str:
    """One pattern matching any of ``terms`` as whole words; spaces match any white space.

    A term that begins or ends with a letter or digit gets a word boundary on that side, so
    "e.g." and "and/or" can be listed as they are written.
    """
    parts = []
    for term in sorted(set(terms), key=lambda t: (-len(t), t)):
        body = r"\s+".join(_escape_word(word) for word in term.split(" "))
        left = r"\b" if _WORDCHAR.match(term[0]) else ""
        right = r"\b" if _WORDCHAR.match(term[-1]) else ""
        parts.append(f"{left}{body}{right}")
    return "(?:" + "|".join(parts) + ")" if parts else NEVER


#: A pattern that matches nothing (RE2 has no lookahead, so no ``(?!)``).
NEVER = r"[^\s\S]"


def _escape_word(word: str) -> str:
    """Escape a word; a straight or curly apostrophe matches either."""
    if "'" not in word and "’" not in word:
        return re.escape(word)  # RE2 reads Python's escapes of punctuation the same way
    return "['’]".join(re.escape(piece) for piece in re.split(r"['’]", word))


#: UTF-8 continuation bytes: every other byte starts a character.
_CONTINUATION = bytes(range(0x80, 0xC0))


def _characters(data: bytes, start: int, end: int) -> int:
    """How many characters start in ``data[start:end]``.

    Counting the bytes that start a character (not decoding) keeps the count additive when an
    offset falls inside a character, as ``\\C`` (any byte) can make it: such an offset
    rounds up to the next character and later offsets stay exact. Decoding with "replace"
    would count the broken halves as extra characters and shift every later match.
    """
    return len(data[start:end].translate(None, _CONTINUATION))


class Found:
    """One match found by :class:`Scanner`, with character offsets, like a ``re.Match``."""

    __slots__ = ("_spans", "_text")

    def __init__(self, text: str, spans: list[tuple[int, int]]) -> None:
        self._text = text
        self._spans = spans

    def start(self, group: int = 0) -> int:
        return self._spans[group][0]

    def end(self, group: int = 0) -> int:
        return self._spans[group][1]

    def group(self, group: int = 0) -> Any:
        start, end = self._spans[group]
        return self._text[start:end] if start >= 0 else None


class Scanner:
    """A text to run many RE2 patterns over, encoded to UTF-8 once instead of once per scan.

    Given a ``str``, google-re2 encodes it afresh on every ``finditer`` and turns each match's
    byte offsets back into characters with Python code; with a dozen word-list rules per
    page, that cost more than the matching itself. Here the bytes are scanned and byte
    offsets become character offsets by decoding only the bytes between one offset and the
    next (nothing at all for ASCII text), so each scan is linear and needs no offset table.
    """

    __slots__ = ("ascii", "data", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.data = text.encode("utf-8")
        self.ascii = text.isascii()

    def finditer(self, regex: Any) -> Iterator[Found]:
        """Every match of ``regex`` (compiled by :func:`compile_pattern`), in order."""
        groups = range(regex.groups + 1)
        data = self.data
        done_bytes = done_chars = 0
        for m in regex.finditer(data):
            spans = [m.span(g) for g in groups]
            if not self.ascii:
                chars = {}
                for offset in sorted({o for span in spans for o in span if o >= 0}):
                    if offset < done_bytes:  # never for RE2's ordered matches; just in case
                        done_bytes = done_chars = 0
                    done_chars += _characters(data, done_bytes, offset)
                    done_bytes = offset
                    chars[offset] = done_chars
                spans = [(chars[s], chars[e]) if s >= 0 else (s, e) for s, e in spans]
            yield Found(self.text, spans)
