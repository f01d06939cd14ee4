"""Split runs at a span's edges, keeping each half's formatting, and list the runs in it.

A run (``w:r``) is text with one formatting (its ``w:rPr``). A comment or a tracked change
must start and end on run boundaries, so a run that a finding starts or ends inside is cut in
two: both halves keep a copy of the run's properties, so the text looks exactly as before.
"""

from __future__ import annotations

import copy
from typing import Any

from plainlsc.word.textmap import Piece, TextMap

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def new_element(names_w: str, tag: str) -> Any:
    """A WordprocessingML element of python-docx's own class (so its methods work on it)."""
    from docx.oxml.parser import OxmlElement

    if names_w != "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}":
        raise ValueError("only transitional WordprocessingML can be written")
    return OxmlElement(f"w:{tag}")


def set_text(t: Any, text: str) -> None:
    """Set a ``w:t``'s text, preserving spaces at its edges as Word requires."""
    t.text = text
    if text != text.strip():
        t.set(XML_SPACE, "preserve")


def run_of(element: Any, names_w: str) -> Any:
    """The ``w:r`` a text element belongs to."""
    run = element.getparent()
    if run is None or run.tag != names_w + "r":
        raise ValueError("text outside a run")
    return run


def _split_run_before(run: Any, child: Any, names_w: str) -> None:
    """Move ``child`` and what follows it in ``run`` into a new run right after it."""
    content = [c for c in run if c.tag != names_w + "rPr"]
    if content and content[0] is child:
        return  # already the start of its run
    twin = new_element(names_w, "r")
    for key, value in run.attrib.items():
        twin.set(key, value)
    props = run.find(names_w + "rPr")
    if props is not None:
        twin.append(copy.deepcopy(props))
    moving = content[content.index(child):]
    for element in moving:
        twin.append(element)  # appending moves it out of ``run``
    run.addnext(twin)


def _cut(piece: Piece, at: int, names_w: str) -> None:
    """Make a run boundary ``at`` characters into ``piece`` (0 means before it)."""
    element = piece.element
    run = run_of(element, names_w)
    if at == 0:
        _split_run_before(run, element, names_w)
        return
    if element.tag != names_w + "t":
        raise ValueError("cannot split inside a non-text element")
    tail = new_element(names_w, "t")
    original = element.text or ""
    set_text(element, original[:at])
    set_text(tail, original[at:])
    element.addnext(tail)
    _split_run_before(run, tail, names_w)


def boundary(tmap: TextMap, index: int, offset: int) -> None:
    """Make sure a run boundary falls at ``offset`` in paragraph ``index``."""
    for piece in tmap.pieces(index):
        if piece.start <= offset < piece.end:
            _cut(piece, offset - piece.start, tmap.names.w)
            return


def isolate(tmap: TextMap, index: int, start: int, end: int) -> list[Any]:
    """The runs that hold exactly the characters ``start:end`` of paragraph ``index``,
    splitting runs at both edges first; in document order, each once. Empty when an edge
    falls where no run can be split (text outside a run, inside a non-text element): the
    caller then leaves that finding unplaced rather than write a broken file."""
    try:
        return _isolate(tmap, index, start, end)
    except ValueError:
        return []


def _isolate(tmap: TextMap, index: int, start: int, end: int) -> list[Any]:
    boundary(tmap, index, start)
    boundary(tmap, index, end)
    runs: list[Any] = []
    for piece in tmap.pieces(index):
        if piece.start >= start and piece.end <= end and piece.text:
            run = run_of(piece.element, tmap.names.w)
            if not runs or runs[-1] is not run:
                runs.append(run)
    return runs
