"""JSON written piece by piece, with exactly the text ``json.dumps`` would give.

A site audit or a 10 MB file can have a million findings. Turning them all into dictionaries
and then into one string before printing took several times the memory of the check itself
(5 GB for SARIF); here each finding becomes a dictionary, then text, only when its turn
comes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import IO, Any


class Stream:
    """A JSON array whose items are made only when written (from a generator, say).

    ``plain=True`` promises that no item holds a :class:`Stream`, so each is encoded whole
    without being searched for one (a million findings are a million small searches).
    """

    __slots__ = ("items", "plain")

    def __init__(self, items: Iterable[Any], plain: bool = False) -> None:
        self.items = items
        self.plain = plain


def iter_json(value: Any, indent: int | None = None, depth: int = 0) -> Iterator[str]:
    """The pieces of ``json.dumps(value, ensure_ascii=False, indent=indent)``, with every
    :class:`Stream` written as the list of its items."""
    if isinstance(value, dict) and _streams(value):
        yield from _container("{", "}", _members(value, indent, depth), indent, depth)
    elif isinstance(value, Stream) and value.plain:
        leaves = ((_leaf(item, indent, depth + 1),) for item in value.items)
        yield from _container("[", "]", leaves, indent, depth)
    elif isinstance(value, Stream) or (isinstance(value, list) and _streams(value)):
        elements = value.items if isinstance(value, Stream) else value
        items = (iter_json(item, indent, depth + 1) for item in elements)
        yield from _container("[", "]", items, indent, depth)
    else:
        yield _leaf(value, indent, depth)


def _leaf(value: Any, indent: int | None, depth: int) -> str:
    """``value`` encoded whole, its lines indented for its depth."""
    text: str = _encoder(indent).encode(value)
    return text.replace("\n", "\n" + " " * (indent * depth)) if indent and depth else text


@lru_cache(maxsize=8)
def _encoder(indent: int | None) -> json.JSONEncoder:
    """What ``json.dumps(..., ensure_ascii=False, indent=indent)`` uses, made once: building
    one per call cost more than encoding a finding."""
    return json.JSONEncoder(ensure_ascii=False, indent=indent)


def _streams(value: Any) -> bool:
    """Whether a :class:`Stream` is somewhere in ``value`` (a plain value is encoded whole)."""
    if isinstance(value, Stream):
        return True
    if isinstance(value, dict):
        return any(_streams(v) for v in value.values())
    if isinstance(value, list):
        return any(_streams(v) for v in value)
    return False


def _members(value: dict[str, Any], indent: int | None,
             depth: int) -> Iterator[Iterator[str]]:
    for key, item in value.items():
        yield _member(key, item, indent, depth)


def _member(key: str, item: Any, indent: int | None, depth: int) -> Iterator[str]:
    yield _encoder(None).encode(key) + ": "
    yield from iter_json(item, indent, depth + 1)


def _container(open_: str, close: str, items: Iterable[Iterable[str]], indent: int | None,
               depth: int) -> Iterator[str]:
    """``open_`` items ``close`` laid out as ``json.dumps`` lays them out (``[]`` if empty)."""
    inner = "\n" + " " * (indent * (depth + 1)) if indent is not None else ""
    outer = "\n" + " " * (indent * depth) if indent is not None else ""
    separator = "," if indent is not None else ", "
    first = True
    for pieces in items:
        yield (open_ if first else separator) + inner
        first = False
        yield from pieces
    yield open_ + close if first else outer + close


def write_json(value: Any, out: IO[str], indent: int | None = None) -> None:
    """Write ``value`` as JSON and a line break, in writes of about 64 KB."""
    batch: list[str] = []
    size = 0
    for piece in iter_json(value, indent):
        batch.append(piece)
        size += len(piece)
        if size >= 65536:
            out.write("".join(batch))
            batch, size = [], 0
    batch.append("\n")
    out.write("".join(batch))
