"""The Python API: the same results as the CLI, as plain objects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import line_col
from hypothesis import given, settings
from hypothesis import strategies as st

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


def test_syllables_count_numbers_as_the_scores_do() -> None:
    """One way to count a number: "150" is one two-syllable word, in the API and the scores."""
    assert plainlsc.syllables("150") == plainlsc.syllables("01632") == 2
    assert plainlsc.score("Ring 150.").syllables == plainlsc.syllables("Ring") + 2


def test_scores_behave_as_a_read_only_mapping() -> None:
    scores = plainlsc.check_text(TEXT).scores
    assert scores is not None
    assert "smog_index" in scores and "nope" not in scores
    assert dict(scores)["words"] == scores.words == scores["words"]
    assert next(iter(scores)) == "flesch_reading_ease"
    with pytest.raises(TypeError):
        scores["words"] = 3  # type: ignore[index]


def test_reports_are_json_ready_and_short_to_print() -> None:
    report = plainlsc.check_text(TEXT)
    data = json.loads(json.dumps(report.to_dict()))
    assert {f["rule"] for f in data["findings"]} == {f.rule for f in report.findings}
    assert len(repr(report)) < 200 and "findings=" in repr(report)
    whole = json.loads(plainlsc.to_json(report))
    assert whole["version"] == 1 and whole["files"][0]["findings"] == data["findings"]


def test_public_names_are_exported() -> None:
    for name in plainlsc.__all__:
        assert getattr(plainlsc, name) is not None
    assert issubclass(plainlsc.ConfigError, plainlsc.PlainlscError)
    assert isinstance(plainlsc.check_text(TEXT), plainlsc.FileReport)
    assert (Path(plainlsc.__file__).parent / "py.typed").is_file()


def test_check_text_takes_a_profile() -> None:
    long = ("We will write to every family in the area over the next few weeks to tell them "
            "about the new clinic hours and how to book a visit.")  # 28 words: over 25, not 30
    assert "sentence-length" in {f.rule for f in plainlsc.check_text(long).findings}
    pec = plainlsc.check_text(long, profile="pec")
    assert "sentence-length" not in {f.rule for f in pec.findings}
    with pytest.raises(plainlsc.ConfigError):
        plainlsc.check_text(long, profile="nsh")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec=None, categories=None), max_size=300)
       | st.sampled_from(["We go to the \ud800 shop today.", "NUL\x00in the CCG text.",
                          "A" * 20_000, "word " * 4_000 + "end.", "\udfff", ""]))
def test_score_and_acronyms_take_any_string_check_text_takes(text: str) -> None:
    """score() and acronyms() go through the pipeline, so whatever check_text reads they read
    too: lone surrogates, NUL, a 20,000-character line."""
    report = plainlsc.check_text(text)
    assert plainlsc.score(text) == report.scores
    assert [a.to_dict() for a in plainlsc.acronyms(text)] == [a.to_dict() for a in report.acronyms]
