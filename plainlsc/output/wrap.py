"""Styled lines wrapped at word boundaries with a hanging indent, for the terminal view.

rich wraps a line at the width but starts the next piece at column 0, under the file path;
a review reads better with continuation lines indented under the message. Words are never
cut: a word longer than the line (a long path) overflows on a line of its own.
"""

from __future__ import annotations

import re

#: A piece of a line: its text and a rich style ("" for none).
Span = tuple[str, str]

_PIECES = re.compile(r"\S+|\s+")


def _words(spans: list[Span]) -> list[tuple[str, list[Span]]]:
    """(spaces before, the word's styled pieces) for each word; a word may span styles
    ('"' + 'key' + '"'), and is never broken between them."""
    words: list[tuple[str, list[Span]]] = []
    space = ""
    pieces: list[Span] = []
    for text, style in spans:
        for piece in _PIECES.findall(text):
            if piece.isspace():
                if pieces:
                    words.append((space, pieces))
                    space, pieces = "", []
                space += piece
            else:
                pieces.append((piece, style))
    if pieces:
        words.append((space, pieces))
    return words


def wrap(spans: list[Span], width: int, indent: int = 4) -> list[list[Span]]:
    """``spans`` as lines of at most ``width`` characters (where the words allow), every
    line after the first starting with ``indent`` spaces. Spaces at a break are dropped."""
    if sum(len(text) for text, _ in spans) <= width:
        return [_merged(spans)]  # fits: the common case when piped, and cheap
    lines: list[list[Span]] = [[]]
    used, fresh = 0, True
    for space, pieces in _words(spans):
        size = sum(len(text) for text, _ in pieces)
        if not fresh and used + len(space) + size > width:
            lines.append([(" " * indent, "")])
            used, space = indent, ""
        line = lines[-1]
        if space:
            # A space between two words of one style takes that style, so they merge.
            same = bool(line) and line[-1][1] == pieces[0][1]
            line.append((space, pieces[0][1] if same else ""))
        line.extend(pieces)
        used += len(space) + size
        fresh = False
    return [_merged(line) for line in lines]


def _merged(line: list[Span]) -> list[Span]:
    """Adjacent spans of the same style joined: fewer colour codes on the terminal."""
    out: list[Span] = []
    for text, style in line:
        if out and out[-1][1] == style:
            out[-1] = (out[-1][0] + text, style)
        else:
            out.append((text, style))
    return out


def plain(line: list[Span]) -> str:
    """The line's text without styles."""
    return "".join(text for text, _ in line)
