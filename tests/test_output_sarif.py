"""The SARIF output: valid against the OASIS 2.1.0 schema, complete and in step with the CLI."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from plainlsc.cli import main
from plainlsc.findings import FileReport, Finding, Report
from plainlsc.output.sarif import artifact_location, pascal_case, render_sarif

# Not "from tests.conftest import ...": textstat installs a top-level "tests" package.
DATA = Path(__file__).parent / "data"
SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
VALIDATOR = Draft4Validator(SCHEMA)

# An en dash before the placeholder: columns must count characters, not UTF-8 bytes.
LETTER = (
    "Dear Councillor Councillor Patel,\n"
    "\n"
    "As a local Councillor – and [INSERT ROLE] – we want you to be involved.\n"
)
PLACEHOLDER = "[INSERT ROLE]"
WARNING_ONLY = "Please bring the the letter with you when you come to see us.\n"
FOLDER = "my letters"  # a space, so the URI must be percent-encoded
LEVELS = ("error", "warning", "suggestion")

# RFC 3986: a URI reference uses only these characters, "%" only before two hex digits, and
# a relative reference has no ":" in its first segment (it would read as a scheme).
URI_CHARS = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")


def line_col(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column (in characters) of the first ``needle``."""
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def assert_valid(doc: dict[str, Any]) -> None:
    errors = sorted(VALIDATOR.iter_errors(doc), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def assert_uri_reference(uri: str) -> None:
    assert URI_CHARS.match(uri), uri
    if ":" in uri.split("/")[0]:
        assert re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", uri), uri


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding the letter, which is also the current folder."""
    folder = tmp_path / FOLDER
    folder.mkdir()
    (folder / "letter 1.txt").write_text(LETTER, encoding="utf-8")
    (folder / "warning.txt").write_text(WARNING_ONLY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


LETTER_PATH = f"{FOLDER}/letter 1.txt"
WARNING_PATH = f"{FOLDER}/warning.txt"


@pytest.fixture
def sarif(workdir: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    code, out, err = run(capsys, "--format", "sarif", LETTER_PATH)
    assert code == 1, err
    doc: dict[str, Any] = json.loads(out)
    return doc


def test_the_schema_copy_is_the_oasis_draft_04_schema() -> None:
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert SCHEMA["id"].endswith("/sarif-schema-2.1.0.json")
    Draft4Validator.check_schema(SCHEMA)
    # The validator is not a rubber stamp: a log without "version" is refused.
    assert list(VALIDATOR.iter_errors({"runs": []}))


def test_sarif_validates_against_the_oasis_schema(sarif: dict[str, Any]) -> None:
    assert_valid(sarif)
    assert sarif["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert sarif["version"] == "2.1.0"
    assert len(sarif["runs"]) == 1


def test_driver_describes_every_rule_in_force(sarif: dict[str, Any], workdir: Path) -> None:
    import plainlsc
    from plainlsc.checks.engine import ruleset_for
    from plainlsc.config import discover

    run_ = sarif["runs"][0]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "plainlsc"
    assert driver["version"] == plainlsc.__version__
    assert driver["informationUri"].startswith("https://")
    specs = [r.spec for r in ruleset_for(discover(workdir / LETTER_PATH)).rules]
    assert [d["id"] for d in driver["rules"]] == [s.id for s in specs]
    expected_level = {"error": "error", "warning": "warning", "suggestion": "note"}
    for spec, descriptor in zip(specs, driver["rules"]):
        assert descriptor["shortDescription"]["text"] == spec.description.strip()
        assert descriptor["fullDescription"]["text"] == (spec.why or spec.description).strip()
        assert descriptor["defaultConfiguration"]["level"] == expected_level[spec.level]
        assert f"plainlsc explain {spec.id}" in descriptor["help"]["text"]
        assert re.fullmatch(r"[A-Z][A-Za-z0-9]*", descriptor["name"]), descriptor["name"]
        if spec.link.startswith(("http://", "https://")):
            assert descriptor["helpUri"] == spec.link
        else:
            assert "helpUri" not in descriptor
    by_id = {d["id"]: d for d in driver["rules"]}
    assert by_id["placeholder"]["name"] == "Placeholder"
    assert by_id["repeated-word"]["name"] == "RepeatedWord"
    assert by_id["placeholder"]["defaultConfiguration"]["level"] == "error"
    assert by_id["repeated-word"]["defaultConfiguration"]["level"] == "warning"
    assert "note" in {d["defaultConfiguration"]["level"] for d in driver["rules"]}


def test_placeholder_result_points_at_the_placeholder(sarif: dict[str, Any]) -> None:
    run_ = sarif["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    rules = run_["tool"]["driver"]["rules"]
    results = [r for r in run_["results"] if r["ruleId"] == "placeholder"]
    assert len(results) == 1
    result = results[0]
    assert rules[result["ruleIndex"]]["id"] == "placeholder"
    assert result["level"] == "error"
    assert PLACEHOLDER in result["message"]["text"]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "my%20letters/letter%201.txt"
    assert_uri_reference(location["artifactLocation"]["uri"])
    base = run_["originalUriBaseIds"][location["artifactLocation"]["uriBaseId"]]["uri"]
    assert base.startswith("file://") and base.endswith("/")
    line, column = line_col(LETTER, PLACEHOLDER)
    assert (line, column) == (3, 29)  # the en dash counts as one column
    region = location["region"]
    assert region["startLine"] == line
    assert region["startColumn"] == column
    assert region["endLine"] == line
    assert region["endColumn"] == column + len(PLACEHOLDER)  # SARIF's end column is exclusive
    assert region["snippet"]["text"] == PLACEHOLDER


def test_repeated_word_result_is_a_warning(sarif: dict[str, Any]) -> None:
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    results = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "repeated-word"]
    assert len(results) == 1
    assert results[0]["level"] == "warning"
    assert rules[results[0]["ruleIndex"]]["id"] == "repeated-word"
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 1
    assert "Councillor" in region["snippet"]["text"]


def test_results_match_the_json_findings(workdir: Path, capsys: pytest.CaptureFixture[str],
                                         sarif: dict[str, Any]) -> None:
    _, out, _ = run(capsys, "--format", "json", LETTER_PATH)
    findings = json.loads(out)["files"][0]["findings"]
    results = sarif["runs"][0]["results"]
    level = {"error": "error", "warning": "warning", "suggestion": "note"}
    assert len(results) == len(findings) > 0
    for f, r in zip(findings, results):
        region = r["locations"][0]["physicalLocation"]["region"]
        assert (r["ruleId"], r["level"], r["message"]["text"]) == (
            f["rule"], level[f["severity"]], f["message"])
        assert (region["startLine"], region["startColumn"], region["endLine"],
                region["endColumn"]) == (f["line"], f["column"], f["end_line"], f["end_column"])
        assert region.get("snippet", {}).get("text", "") == f["match"]
        assert r.get("properties", {}).get("suggestions", []) == f["suggestions"]


@pytest.mark.parametrize("fail_on", LEVELS)
@pytest.mark.parametrize("path", [LETTER_PATH, WARNING_PATH])
def test_exit_code_is_the_same_in_every_format(workdir: Path, capsys: pytest.CaptureFixture[str],
                                               fail_on: str, path: str) -> None:
    codes = {fmt: run(capsys, "--format", fmt, "--fail-on", fail_on, path)[0]
             for fmt in ("json", "text", "sarif", "github")}
    _, out, _ = run(capsys, "--format", "json", "--fail-on", fail_on, path)
    severities = {f["severity"] for f in json.loads(out)["files"][0]["findings"]}
    expected = int(any(LEVELS.index(s) <= LEVELS.index(fail_on) for s in severities))
    assert codes == dict.fromkeys(codes, expected)


def test_warning_only_letter_passes_when_failing_on_errors(
        workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Keeps the parametrised test above honest: both outcomes really occur.
    assert run(capsys, "--format", "sarif", "--fail-on", "error", WARNING_PATH)[0] == 0
    assert run(capsys, "--format", "sarif", "--fail-on", "warning", WARNING_PATH)[0] == 1


def test_unreadable_file_is_a_tool_notification(workdir: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--format", "sarif", "missing.md", LETTER_PATH)
    assert code == 2 == run(capsys, "--format", "json", "missing.md", LETTER_PATH)[0]
    doc = json.loads(out)
    assert_valid(doc)
    invocation = doc["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert "missing.md" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "missing.md"
    assert any(r["ruleId"] == "placeholder" for r in doc["runs"][0]["results"])


def test_successful_run_says_so(sarif: dict[str, Any]) -> None:
    invocation = sarif["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is True
    assert "toolExecutionNotifications" not in invocation


def test_standard_input_is_stdin(workdir: Path, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(LETTER.encode("utf-8"))))
    code, out, _ = run(capsys, "--format", "sarif", "-")
    assert code == 1
    doc = json.loads(out)
    assert_valid(doc)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in doc["runs"][0]["results"]}
    assert uris == {"stdin"}


# Hand-built reports: the parts the CLI cannot easily reach.

def _finding(**changes: Any) -> Finding:
    values: dict[str, Any] = dict(rule="plain-words", severity="suggestion", line=2, column=5,
                                  end_line=2, end_column=15, match="facilitate",
                                  message='"facilitate": try "help"', suggestions=("help",))
    values.update(changes)
    return Finding(**values)


def test_suggestions_go_in_properties_and_unknown_rules_are_described(tmp_path: Path) -> None:
    report = Report([FileReport(str(tmp_path / "a#b?.md"), "markdown",
                                findings=[_finding(), _finding(rule="made-up", suggestions=())])])
    doc = json.loads(render_sarif(report, None))
    assert_valid(doc)
    first, second = doc["runs"][0]["results"]
    assert first["level"] == "note"
    assert first["properties"]["suggestions"] == ["help"]
    assert "properties" not in second
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["plain-words", "made-up"]
    assert [first["ruleIndex"], second["ruleIndex"]] == [0, 1]
    assert rules[1]["name"] == "MadeUp"


def test_artifact_locations(tmp_path: Path) -> None:
    inside = tmp_path / "docs" / "a b#c%.md"
    loc = artifact_location(str(inside), str(tmp_path))
    assert loc == {"uri": "docs/a%20b%23c%25.md", "uriBaseId": "%SRCROOT%"}
    loc = artifact_location(str(tmp_path / "x:y.md"), str(tmp_path))
    assert loc["uri"] == "x%3Ay.md"  # not read as a URI scheme "x:"
    assert_uri_reference(loc["uri"])
    outside = artifact_location(str(tmp_path / "other" / "ü.md"), str(tmp_path / "docs"))
    assert outside["uri"].startswith("file:///") and outside["uri"].endswith("/other/%C3%BC.md")
    assert "uriBaseId" not in outside
    assert artifact_location("-") == {"uri": "stdin"}


def test_pascal_case() -> None:
    assert pascal_case("repeated-word") == "RepeatedWord"
    assert pascal_case("acronym-defined-late") == "AcronymDefinedLate"
    assert pascal_case("and-or") == "AndOr"
    assert pascal_case("h2_heading") == "H2Heading"


def test_empty_report_is_still_a_valid_log() -> None:
    doc = json.loads(render_sarif(Report(), None))
    assert_valid(doc)
    assert doc["runs"][0]["results"] == []
    assert doc["runs"][0]["tool"]["driver"]["rules"] == []


def test_descriptor_from_a_rule_spec_without_a_web_link() -> None:
    from types import SimpleNamespace

    spec = SimpleNamespace(id="house-style", kind="existence", level="suggestion",
                           description="Words our house style avoids.", why="",
                           link="Our style guide, page 4")
    report = Report([FileReport("a.md", "markdown", findings=[_finding(rule="house-style")])])
    doc = json.loads(render_sarif(report, SimpleNamespace(rules=[SimpleNamespace(spec=spec)])))
    assert_valid(doc)
    [descriptor] = doc["runs"][0]["tool"]["driver"]["rules"]
    assert "helpUri" not in descriptor  # not a URL: a viewer would make a broken link of it
    assert descriptor["fullDescription"]["text"] == "Words our house style avoids."
    assert descriptor["defaultConfiguration"]["level"] == "note"
    assert descriptor["name"] == "HouseStyle"
    assert doc["runs"][0]["results"][0]["ruleIndex"] == 0
