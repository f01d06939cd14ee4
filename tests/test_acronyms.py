"""Acronyms across a document: undefined, defined late, redefined, known, glossary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import line_col

from plainlsc.cli import main
from plainlsc.config import Config
from plainlsc.pipeline import check_file, check_text

DATA = Path(__file__).parent / "data"
LETTER = """Northmoor Health Partnership
Mill Lane
Northmoor
NM7 3RX

Dear Councillor Patel,

Our work covers the whole ICS area, and your GP practice is part of it. You can also go
to A&E or call NHS 111.

Write to info@northmoor.nhs.uk, visit www.northmoor-ICS.nhs.uk or follow @NorthmoorICS.
Each CCG will close in July.

Yours sincerely

Alex Morgan
ICS Lead
"""


def by_rule(report, rule: str) -> list[tuple[int, int, str]]:  # type: ignore[no-untyped-def]
    return [(f.line, f.column, f.match) for f in report.findings if f.rule == rule]


def test_undefined_sector_acronyms_with_glossary_suggestion() -> None:
    report = check_text(LETTER)
    assert by_rule(report, "acronym-undefined") == [
        (*line_col(LETTER, "ICS"), "ICS"), (*line_col(LETTER, "CCG"), "CCG")]
    finding = next(f for f in report.findings if f.match == "ICS")
    assert finding.suggestions == ("integrated care system (ICS)",)
    assert "integrated care system (ICS)" in finding.message


def test_known_acronyms_and_addresses_not_flagged() -> None:
    report = check_text(LETTER)
    flagged = {m for _, _, m in by_rule(report, "acronym-undefined")}
    assert not flagged & {"GP", "NHS", "A&E", "NM7", "DY"}
    entries = {a.short: a for a in report.acronyms}
    assert entries["NHS"].known and entries["GP"].known
    assert entries["ICS"].count == 2  # the body and the sign-off, not the URL or @handle
    assert "NM7" not in entries


def test_defined_late_in_news_release() -> None:
    text = (DATA / "news-release.txt").read_text(encoding="utf-8")
    report = check_file(DATA / "news-release.txt", Config())
    late = by_rule(report, "acronym-defined-late")
    assert late == [(*line_col(text, "ICBs"), "ICBs")]
    assert "line 11" in next(f.message for f in report.findings
                             if f.rule == "acronym-defined-late")
    icb = next(a for a in report.acronyms if a.short == "ICB")
    assert icb.long == "Integrated Care Board"
    assert icb.first_used.position.line < icb.defined_at.position.line
    assert not by_rule(report, "acronym-undefined")  # "ENDS" is a marker, not an acronym


def test_definition_before_use_is_fine_and_one_finding_per_acronym() -> None:
    text = ("The primary care network (PCN) meets today. The PCN has ten practices. "
            "Ask the CCG. The CCG will reply. The CCG is busy.\n")
    report = check_text(text)
    assert not by_rule(report, "acronym-defined-late")
    assert by_rule(report, "acronym-undefined") == [(*line_col(text, "CCG"), "CCG")]


def test_redefined() -> None:
    text = ("The primary care network (PCN) meets today. Later, the patient care navigator "
            "(PCN) will call.\n")
    assert [m for _, _, m in by_rule(check_text(text), "acronym-redefined")] == [
        "patient care navigator (PCN)"]


def test_team_known_acronyms_and_glossary(tmp_path: Path) -> None:
    glossary = tmp_path / "ours.tsv"
    glossary.write_text("NMW\tNorthmoor and Wyvern\n", encoding="utf-8")
    cfg = Config(known_acronyms=("ICS",), glossaries=(glossary,))
    report = check_text("The ICS and the NMW board met.\n", config=cfg)
    assert [(f.match, f.suggestions) for f in report.findings
            if f.rule == "acronym-undefined"] == [("NMW", ("Northmoor and Wyvern (NMW)",))]


def test_json_acronyms_and_glossary_command(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(LETTER, encoding="utf-8")
    main(["check", "--format", "json", str(path)])
    entries = {a["short"]: a for a in json.loads(capsys.readouterr().out)["files"][0]["acronyms"]}
    assert entries["ICS"] == {
        "short": "ICS", "long": None, "defined_at": None,
        "first_used": dict(zip(("line", "column"), line_col(LETTER, "ICS"))),
        "count": 2, "known": False, "suggestion": "integrated care system"}
    assert main(["acronyms", str(path)]) == 0
    out = capsys.readouterr().out
    assert "integrated care system" in out and "(well known)" in out


def test_honours_in_a_sign_off_are_not_flagged() -> None:
    text = ("Dear Ms Jones,\n\nThe CCG will write again soon.\n\nYours sincerely\n\n"
            "Dr Sam Patel OBE FRCGP\nClinical Lead\n")
    assert [m for _, _, m in by_rule(check_text(text), "acronym-undefined")] == ["CCG"]
