"""The Python API: the same results as the CLI, as plain objects."""

from __future__ import annotations

from pathlib import Path

from helpers import line_col

import plainlsc

TEXT = "Dear Councillor Councillor Patel,\n\nWe will facilitate a meeting.\n"


def test_check_text_returns_findings_with_positions() -> None:
    report = plainlsc.check_text(TEXT)
    found = {(f.rule, f.match) for f in report.findings}
    assert ("repeated-word", "Councillor Councillor") in found
    assert ("plain-words", "facilitate") in found
    finding = next(f for f in report.findings if f.rule == "plain-words")
    assert (finding.line, finding.column) == line_col(TEXT, "facilitate")
    assert "help" in finding.suggestions


def test_check_text_markdown_skips_code() -> None:
    report = plainlsc.check_text("Use `facilitate` in code.\n\n    facilitate\n",
                                 format="markdown")
    assert not [f for f in report.findings if f.rule == "plain-words"]


def test_check_file(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_text("# Help\n\nWe utilise the the best tools.\n", encoding="utf-8")
    report = plainlsc.check_file(path)
    assert report.format == "markdown"
    assert {f.rule for f in report.findings} >= {"plain-words", "repeated-word"}


def test_score_attribute_and_key_access() -> None:
    scores = plainlsc.score("The cat sat on the mat. It was happy.")
    assert scores.words == 9 and scores["words"] == 9
    assert scores.sentences == 2
    assert scores["flesch_reading_ease"] == scores.flesch_reading_ease


def test_syllables() -> None:
    assert plainlsc.syllables("facilitate") == 4
    assert plainlsc.syllables("cat") == 1
    assert plainlsc.syllables("Northmoorshire") in (3, 4)  # not in the dictionary: estimated


def test_acronyms_api() -> None:
    entries = plainlsc.acronyms("The integrated care board (ICB) met the CCG. The ICB agreed.")
    by_short = {a.short: a for a in entries}
    assert by_short["ICB"].long == "integrated care board"
    assert by_short["CCG"].long is None
    assert by_short["ICB"].count == 1
