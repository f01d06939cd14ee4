"""The command line: output formats, the JSON schema, exit codes, errors without tracebacks."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import line_col

from plainlsc.cli import main

LETTER = """Northmoor Health Partnership
Mill Lane
Northmoor
NM7 3RX

XX March 2026

Dear Councillor Councillor Patel,

As a local Councillor and [INSERT ROLE] we want you to be involved in the plans.

Yours sincerely

Alex Morgan
"""
CLEAN = "We will write to you in May. Please call us if you have any questions.\n"


@pytest.fixture
def letter(tmp_path: Path) -> Path:
    path = tmp_path / "letter.txt"
    path.write_text(LETTER, encoding="utf-8")
    return path


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    code = main(["check", "--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)


def test_json_schema_and_positions(letter: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, data = run_json(capsys, str(letter))
    assert code == 1
    assert data["version"] == 1
    assert set(data["summary"]) >= {"files", "findings", "errors", "warnings", "suggestions"}
    (file,) = data["files"]
    assert file["path"] == str(letter) and file["format"] == "text"
    for key in ("flesch_reading_ease", "flesch_kincaid_grade", "smog_index", "gunning_fog",
                "coleman_liau_index", "automated_readability_index", "dale_chall",
                "reading_age", "words", "sentences", "syllables", "polysyllabic_words",
                "avg_sentence_length"):
        assert isinstance(file["scores"][key], (int, float)), key
    lines = LETTER.splitlines()
    for f in file["findings"]:
        assert set(f) - {"fix"} == {"rule", "severity", "line", "column", "end_line",
                                    "end_column", "match", "message", "suggestions"}
        if "fix" in f:  # optional: only a finding with a rewrite has it
            assert set(f["fix"]) == {"start", "end", "replacement", "safe"}
        if f["line"] == f["end_line"]:
            assert lines[f["line"] - 1][f["column"] - 1:f["end_column"] - 1] == f["match"]
    repeated = [f for f in file["findings"] if f["rule"] == "repeated-word"]
    assert [(f["line"], f["column"], f["match"]) for f in repeated] == [
        (*line_col(LETTER, "Councillor Councillor"), "Councillor Councillor")]
    placeholders = {f["match"] for f in file["findings"] if f["rule"] == "placeholder"}
    assert placeholders == {"XX March 2026", "[INSERT ROLE]"}
    assert data["summary"]["findings"] == len(file["findings"])


def test_exit_codes(tmp_path: Path, letter: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text(CLEAN, encoding="utf-8")
    assert main(["check", str(clean)]) == 0
    assert main(["check", str(letter)]) == 1
    assert main(["check", "--fail-on", "error", str(letter)]) == 1  # placeholders are errors
    assert main(["check", "--fail-on", "error", "--ignore", "placeholder", str(letter)]) == 0
    assert main(["check", str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err
    assert "missing.txt: no such file" in err and "Traceback" not in err


def test_missing_file_does_not_stop_the_others(tmp_path: Path, letter: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    code, data = run_json(capsys, str(tmp_path / "nope.md"), str(letter))
    assert code == 2
    assert [f.get("error") for f in data["files"]] == ["no such file", None]
    assert data["files"][1]["findings"]


def test_text_view(letter: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(letter)])
    out = capsys.readouterr().out
    line, col = line_col(LETTER, "Councillor Councillor")
    assert f"{letter}:{line}:{col}" in out
    assert "repeated-word" in out and "reading age about" in out
    assert "error" in out.splitlines()[-1] or "errors" in out


def test_folder_and_stdin(tmp_path: Path, letter: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "ignored").mkdir()
    (tmp_path / "ignored" / "draft.md").write_text("Dear Sir Sir,\n", encoding="utf-8")
    (tmp_path / ".gitignore").write_text("ignored/\n", encoding="utf-8")
    (tmp_path / "notes.py").write_text("x = 1\n", encoding="utf-8")
    _, data = run_json(capsys, str(tmp_path))
    assert [Path(f["path"]).name for f in data["files"]] == ["letter.txt"]
    proc = subprocess.run([sys.executable, "-m", "plainlsc", "check", "--format", "json",
                           "--format-in", "markdown", "-"], input="Dear Sir Sir,\n",
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 1, proc.stderr
    out = json.loads(proc.stdout)
    assert out["files"][0]["path"] == "-" and out["files"][0]["format"] == "markdown"


def test_score_command(letter: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "--format", "json", str(letter)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["version"] == 1 and data["summary"] == {"files": 1, "unreadable": 0}
    [entry] = data["files"]
    assert entry["path"] == str(letter) and entry["format"] == "text"
    assert entry["scores"]["words"] > 0 and "reading_age" in entry["scores"]


def test_acronyms_json_has_the_same_envelope(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "note.txt"
    path.write_text("The integrated care board (ICB) met. The ICB and the CCG agreed.\n",
                    encoding="utf-8")
    assert main(["acronyms", "-f", "json", str(path), str(tmp_path / "gone.txt")]) == 2
    out = capsys.readouterr()
    data = json.loads(out.out)
    assert data["version"] == 1 and data["summary"] == {"files": 2, "unreadable": 1}
    found, missing = data["files"]
    assert [a["short"] for a in found["acronyms"]] == ["ICB", "CCG"]
    assert "acronyms" not in missing and missing["error"]
    assert "gone.txt" in out.err


@pytest.mark.parametrize("command", ["score", "acronyms"])
@pytest.mark.parametrize("fmt", ["sarif", "github"])
def test_a_command_refuses_formats_it_cannot_write(letter: Path, command: str, fmt: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "-f", fmt, str(letter)]) == 2
    out = capsys.readouterr()
    assert out.out == "" and "--format" in out.err


def test_counts_read_as_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "one.txt"
    path.write_text("# Welcome\n\nHello.\n", encoding="utf-8")
    main(["check", str(path)])
    out = capsys.readouterr().out
    assert "1 word, 1 sentence" in out and "1 words" not in out and "in 1 file." in out


def test_unreadable_files_are_reported_on_stderr_only(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "missing.txt")]) == 2
    out = capsys.readouterr()
    assert out.out == "" and "missing.txt" in out.err


def test_report_writes_nothing_when_nothing_could_be_read(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "report.html"
    assert main(["report", str(tmp_path / "missing.txt"), "-o", str(target)]) == 2
    assert not target.exists()
    assert "not written" in capsys.readouterr().err


@pytest.mark.parametrize("how", ["same", "link"])
def test_report_never_replaces_an_input(letter: Path, tmp_path: Path, how: str,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    before = letter.read_bytes()
    target = letter
    if how == "link":
        target = tmp_path / "link.html"
        target.symlink_to(letter)
    assert main(["report", str(letter), "-o", str(target)]) == 2
    assert letter.read_bytes() == before
    assert "one of the documents being checked" in capsys.readouterr().err


def test_report_refuses_a_fifo_unless_forced(letter: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert main(["report", str(letter), "-o", str(fifo)]) == 2
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_bad_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "pdf", "x.txt"]) == 2
    assert main(["check", "--profile", "nsh", "x.txt"]) == 2
    assert "did you mean 'nhs'" in capsys.readouterr().err


def test_version_and_help_do_not_import_spacy() -> None:
    code = ("import sys; from plainlsc.cli import main; main(['--version']); "
            "print('spacy' in sys.modules, 'textstat' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip().endswith("False False")


def test_explain_and_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "placeholder"]) == 0
    out = capsys.readouterr().out
    assert "Why it matters" in out and "[INSERT ROLE]" in out
    assert main(["explain", "plain-word"]) == 2
    assert "did you mean 'plain-words'" in capsys.readouterr().err
    assert main(["rules"]) == 0
    assert "passive-voice" in capsys.readouterr().out


def test_plain_text_view_is_what_rich_would_print() -> None:
    """Without colour, finding lines are written directly; they must be rich's lines."""
    import io
    import re

    from rich.console import Console

    from plainlsc.findings import Report
    from plainlsc.output.text import render_text
    from plainlsc.pipeline import check_text

    text = ("Dear Ms Shah,\n\nWe will facilitate [INSERT  NAME] going forward \u2014 the the "
            "caf\u00e9\x0b utilise.\n\nIt was agreed by the board that the STP patch was "
            "reviewed.\n\nYours sincerely\n\nAlex\n")
    report = Report([check_text(text, path="dir/letter one.txt")])
    assert len(report.findings) >= 5
    plain, styled = io.StringIO(), io.StringIO()
    render_text(report, Console(file=plain, width=10_000, color_system=None))
    render_text(report, Console(file=styled, width=10_000, color_system="truecolor",
                                force_terminal=True))
    assert "\x1b[" in styled.getvalue()
    assert plain.getvalue() == re.sub(r"\x1b\[[0-9;]*m", "", styled.getvalue())
    assert "dir/letter one.txt:3:9" in plain.getvalue()
