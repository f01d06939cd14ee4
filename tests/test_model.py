"""The document model: source maps and line/column positions."""

from __future__ import annotations

from plainlsc.model import LineIndex, Segment, SourceMap


def test_line_index_counts_lf_crlf_and_lone_cr() -> None:
    source = "one\r\ntwo\rthree\nfour"
    index = LineIndex(source)
    assert index.position(0) == (1, 1)
    assert index.position(source.index("two")) == (2, 1)
    assert index.position(source.index("three") + 2) == (3, 3)
    assert index.position(source.index("four")) == (4, 1)
    assert index.line_count == 4


def test_columns_are_characters_not_bytes() -> None:
    source = "“Quoted” café – utilise"
    assert LineIndex(source).position(source.index("utilise")) == (1, 17)


def test_source_map_exact_and_atomic_runs() -> None:
    # Block text "A&E x" from source "A&amp;E x": "&" came from a 5-character entity.
    smap = SourceMap([Segment(0, 10, 1, 1), Segment(1, 11, 1, 5), Segment(2, 16, 3, 3)])
    assert smap.span(0, 1) == (10, 11)
    assert smap.span(1, 2) == (11, 16)
    assert smap.span(0, 3) == (10, 17)
    assert smap.span(4, 5) == (18, 19)
