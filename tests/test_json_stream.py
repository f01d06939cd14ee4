"""Streamed JSON is byte for byte what ``json.dumps`` writes, in every layout we use."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plainlsc import check_text
from plainlsc.findings import Report
from plainlsc.output.json_format import render_json, write_report_json
from plainlsc.output.json_stream import Stream, iter_json, write_json
from plainlsc.output.sarif import render_sarif, sarif_document

LEAVES = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
VALUES = st.recursive(LEAVES, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=5), inner, max_size=4), max_leaves=20)


def _streamed(value: Any) -> tuple[Any, Any]:
    """(value with some lists made into Streams, the same value as plain lists)."""
    if isinstance(value, dict):
        pairs = {k: _streamed(v) for k, v in value.items()}
        return {k: s for k, (s, _) in pairs.items()}, {k: p for k, (_, p) in pairs.items()}
    if isinstance(value, list):
        pairs = [_streamed(v) for v in value]
        return Stream(iter([s for s, _ in pairs])), [p for _, p in pairs]
    return value, value


@settings(max_examples=300, deadline=None)
@given(VALUES, st.sampled_from([None, 2, 4]))
def test_streamed_json_equals_json_dumps(value: Any, indent: int | None) -> None:
    streamed, plain = _streamed(value)
    assert "".join(iter_json(streamed, indent)) == json.dumps(plain, ensure_ascii=False,
                                                                indent=indent)


@pytest.mark.parametrize("indent", [None, 2])
def test_empty_streams_and_nesting(indent: int | None) -> None:
    value = {"a": Stream([]), "b": [Stream(iter([1, {"c": Stream(["é"])}]))], "d": {},
             "e": Stream(iter([{"f": [1, 2]}, "g"]), plain=True), "h": Stream([], plain=True)}
    plain = {"a": [], "b": [[1, {"c": ["é"]}]], "d": {}, "e": [{"f": [1, 2]}, "g"], "h": []}
    out = io.StringIO()
    write_json(value, out, indent)
    assert out.getvalue() == json.dumps(plain, ensure_ascii=False, indent=indent) + "\n"


LETTER = ("Dear Ms Shah,\n\nWe will facilitate a meeting with the ICB going forward, in order to "
          "utilise the the resources of the STP. It was agreed by the board.\n\n"
          "Yours sincerely\n\nAlex\n")


def test_report_json_and_sarif_are_the_dictionaries_they_describe() -> None:
    report = Report([check_text(LETTER), check_text("# Café\n\nA [link](x.md).\n", "markdown")])
    assert len(report.findings) > 5
    for indent in (None, 2):
        assert render_json(report, indent) == json.dumps(report.to_dict(), ensure_ascii=False,
                                                         indent=indent)
    out = io.StringIO()
    write_report_json(report, out, None)
    assert json.loads(out.getvalue()) == report.to_dict()
    assert render_sarif(report) == json.dumps(sarif_document(report), ensure_ascii=False,
                                              indent=2)
