"""The GitHub Actions output: workflow commands, escaped as the runner expects."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from plainlsc.cli import main
from plainlsc.findings import FileReport, Finding, Report
from plainlsc.output.github import escape_data, escape_property, render_github

LETTER = (
    "Dear Councillor Councillor Patel,\n"
    "\n"
    "As a local Councillor and [INSERT ROLE] we want you to be involved.\n"
)
WARNING_ONLY = "Please bring the the letter with you when you come to see us.\n"
LEVELS = ("error", "warning", "suggestion")
# A file name holding both characters a property value must escape.
ODD_NAME = "notes, draft: 2.md"

# What the Actions runner undoes (actions/runner, ActionCommand.cs), in one pass.
_DATA = {"%25": "%", "%0D": "\r", "%0A": "\n"}
_PROPERTY = {**_DATA, "%3A": ":", "%2C": ","}
COMMAND = re.compile(r"^::(?P<cmd>[a-z]+)(?: (?P<props>[^:]*))?::(?P<msg>.*)$")


def line_col(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column (in characters) of the first ``needle``."""
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _unescape(value: str, table: dict[str, str]) -> str:
    return re.sub(r"%(?:25|0D|0A|3A|2C)", lambda m: table.get(m.group(0), m.group(0)), value)


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """Read a workflow command the way the runner does: split on "," and the first "="."""
    m = COMMAND.match(line)
    assert m, line
    props: dict[str, str] = {}
    for pair in filter(None, (m["props"] or "").split(",")):
        key, _, value = pair.partition("=")
        props[key] = _unescape(value, _PROPERTY)
    return m["cmd"], props, _unescape(m["msg"], _DATA)


def _finding(**changes: Any) -> Finding:
    values: dict[str, Any] = dict(rule="plain-words", severity="warning", line=3, column=7,
                                  end_line=3, end_column=17, match="facilitate",
                                  message='"facilitate": try "help"')
    values.update(changes)
    return Finding(**values)


def test_escape_rules() -> None:
    assert escape_data("50% of people\r\nsaid: yes, no") == "50%25 of people%0D%0Asaid: yes, no"
    assert escape_property("a, b: 50%\n") == "a%2C b%3A 50%25%0A"
    # "%" first, so an escape is never escaped twice.
    assert escape_data("%0A") == "%250A"


def test_message_and_path_are_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    message = "Cut 50% of this:\nit is too long, by far"
    report = Report([FileReport(str(tmp_path / "dir, x" / ODD_NAME), "markdown",
                                findings=[_finding(message=message, rule="long:rule,1")])])
    line = render_github(report)
    assert line == ("::warning file=dir%2C x/notes%2C draft%3A 2.md,line=3,col=7,endLine=3,"
                    "endColumn=17,title=long%3Arule%2C1::Cut 50%25 of this:%0Ait is too long, "
                    "by far")
    cmd, props, msg = parse(line)
    assert cmd == "warning"
    assert props == {"file": f"dir, x/{ODD_NAME}", "line": "3", "col": "7", "endLine": "3",
                     "endColumn": "17", "title": "long:rule,1"}
    assert msg == message


@pytest.mark.parametrize(("level", "command"),
                         [("error", "error"), ("warning", "warning"), ("suggestion", "notice")])
def test_levels(level: str, command: str) -> None:
    report = Report([FileReport("a.md", "markdown", findings=[_finding(severity=level)])])
    assert render_github(report).startswith(f"::{command} file=a.md,line=3,col=7,")


def test_unreadable_file_and_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    report = Report([
        FileReport("gone.md", "", error="no such file"),
        FileReport("a.md", "markdown", findings=[_finding(), _finding(line=9, end_line=9)]),
        FileReport("clean.md", "markdown"),
    ])
    lines = render_github(report).splitlines()
    assert lines[0] == "::error file=gone.md::no such file"
    assert [parse(x)[1]["line"] for x in lines[1:]] == ["3", "9"]
    assert len(lines) == 3


def test_standard_input_has_no_file() -> None:
    report = Report([FileReport("-", "text", findings=[_finding()])])
    cmd, props, msg = parse(render_github(report))
    assert cmd == "warning"
    assert props == {"title": "plain-words"}
    assert msg == 'stdin:3:7: "facilitate": try "help"'


def test_clean_report_prints_nothing() -> None:
    assert render_github(Report([FileReport("a.md", "markdown")])) == ""


# Through the command line.

def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["check", *args])
    return code, capsys.readouterr().out


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "letters").mkdir()
    (tmp_path / "letters" / ODD_NAME).write_text(LETTER, encoding="utf-8")
    (tmp_path / "warning.txt").write_text(WARNING_ONLY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_cli_github_output(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = f"letters/{ODD_NAME}"
    code, out = run(capsys, "--format", "github", path)
    assert code == 1
    _, js = run(capsys, "--format", "json", path)
    findings = json.loads(js)["files"][0]["findings"]
    lines = out.splitlines()
    assert len(lines) == len(findings) > 0
    command = {"error": "error", "warning": "warning", "suggestion": "notice"}
    for line, f in zip(lines, findings):
        cmd, props, msg = parse(line)
        assert cmd == command[f["severity"]]
        assert props == {"file": path, "line": str(f["line"]), "col": str(f["column"]),
                         "endLine": str(f["end_line"]), "endColumn": str(f["end_column"]),
                         "title": f["rule"]}
        assert msg == f["message"]
    placeholder = [parse(x) for x in lines if "title=placeholder" in x]
    assert len(placeholder) == 1
    cmd, props, msg = placeholder[0]
    at_line, column = line_col(LETTER, "[INSERT ROLE]")
    assert cmd == "error"
    assert (props["line"], props["col"]) == (str(at_line), str(column))
    assert props["endColumn"] == str(column + len("[INSERT ROLE]"))
    assert "[INSERT ROLE]" in msg
    raw = next(x for x in lines if "title=placeholder" in x)
    assert raw.startswith("::error file=letters/notes%2C draft%3A 2.md,line=")
    assert any(parse(x)[1]["title"] == "repeated-word" and parse(x)[0] == "warning"
               for x in lines)


def test_cli_unreadable_file(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "--format", "github", "missing.md")
    assert code == 2
    assert out.splitlines() == ["::error file=missing.md::no such file"]


@pytest.mark.parametrize("fail_on", LEVELS)
@pytest.mark.parametrize("path", [f"letters/{ODD_NAME}", "warning.txt"])
def test_exit_code_is_the_same_in_every_format(workdir: Path, capsys: pytest.CaptureFixture[str],
                                               fail_on: str, path: str) -> None:
    codes = {fmt: run(capsys, "--format", fmt, "--fail-on", fail_on, path)[0]
             for fmt in ("github", "json", "text", "sarif")}
    _, js = run(capsys, "--format", "json", path)
    severities = {f["severity"] for f in json.loads(js)["files"][0]["findings"]}
    expected = int(any(LEVELS.index(s) <= LEVELS.index(fail_on) for s in severities))
    assert codes == dict.fromkeys(codes, expected)


def test_both_exit_codes_occur(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--format", "github", "--fail-on", "error", "warning.txt")[0] == 0
    assert run(capsys, "--format", "github", "--fail-on", "warning", "warning.txt")[0] == 1
