"""The language server's pure parts, without a server: positions, edits and settings."""

from __future__ import annotations

import sys

import pytest

from plainlsc.findings import Finding, Fix
from plainlsc.lsp.actions import matched_case, safe_fixes, word_of
from plainlsc.lsp.disable import disable_edit
from plainlsc.lsp.positions import UTF8, UTF16, UTF32, LineIndex
from plainlsc.lsp.settings import ClientSettings
from plainlsc.lsp.wordlist import accept_edit

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def utf16(text: str) -> int:
    """Independent count: UTF-16 code units, by encoding."""
    return len(text.encode("utf-16-le")) // 2


LETTER = ("Dear Mr Ndiaye,\r\nYour appointment at the 👁 eye clinic in Pontefract is "
          "booked.\r\nThe café serves crème brûlée\u2028all day.\rBring 🧾🧾 your letter.\n")


@pytest.mark.parametrize("needle", ["Ndiaye", "eye clinic", "booked", "brûlée", "all day",
                                    "Bring", "your letter"])
def test_positions_count_utf16_units_and_split_lines_as_the_protocol_does(needle: str) -> None:
    index = LineIndex(LETTER)
    offset = LETTER.index(needle)
    line, character = index.position(offset)
    # Only \r\n, \r and \n end a line: U+2028 does not.
    lines = LETTER.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    line_text = lines[line]
    units = line_text.encode("utf-16-le")
    start_of_needle = units[2 * character:].decode("utf-16-le")
    assert start_of_needle.startswith(needle)
    assert index.offset(line, character) == offset


def test_positions_in_utf8_and_utf32() -> None:
    offset = LETTER.index("eye clinic")
    line_text = LETTER.split("\r\n")[1]
    prefix = line_text[:line_text.index("eye clinic")]
    assert LineIndex(LETTER, UTF8).position(offset) == (1, len(prefix.encode("utf-8")))
    assert LineIndex(LETTER, UTF32).position(offset) == (1, len(prefix))
    assert LineIndex(LETTER, UTF16).position(offset) == (1, utf16(prefix))
    assert LineIndex(LETTER, UTF8).offset(1, len(prefix.encode("utf-8"))) == offset


def test_a_position_past_the_end_of_a_line_is_its_end() -> None:
    index = LineIndex(LETTER)
    assert index.offset(0, 500) == LETTER.index("\r\n")
    assert index.offset(99, 0) == len(LETTER)


def finding(rule: str, start: int, end: int, fix: Fix | None = None,
            match: str = "x") -> Finding:
    return Finding(rule, "warning", 1, 1, 1, 1, match, "m", (), start, end, fix)


def test_fix_all_keeps_fixes_in_order_and_leaves_out_overlapping_ones() -> None:
    found = [finding("b", 30, 41, Fix(30, 41, "to")), finding("a", 5, 12, Fix(5, 12, "use")),
             finding("c", 35, 45, Fix(35, 45, "x")), finding("d", 50, 60),
             finding("e", 41, 44, Fix(41, 44, ""))]
    assert safe_fixes(found) == [Fix(5, 12, "use"), Fix(30, 41, "to"), Fix(41, 44, "")]


def test_a_suggestion_takes_the_capital_of_the_word_it_replaces() -> None:
    assert matched_case("Utilise", "use") == "Use"
    assert matched_case("utilise", "use") == "use"
    assert matched_case("ICS", "integrated care system (ICS)") == "integrated care system (ICS)"


def test_only_words_and_short_names_can_go_in_the_word_list() -> None:
    assert word_of(finding("r", 0, 9, match="footprint")) == "footprint"
    assert word_of(finding("r", 0, 9, match="A&E")) == "A&E"
    assert word_of(finding("r", 0, 9, match="[INSERT ROLE]")) is None
    assert word_of(finding("r", 0, 9, match="We have made this change to help you")) is None


def _applied(text: str, edit: tuple[int, str] | None) -> str:
    assert edit is not None
    offset, inserted = edit
    return text[:offset] + inserted + text[offset:]


@pytest.mark.parametrize(("text", "pyproject", "section"), [
    ('profile = "nhs"\n\n[levels]\ncliche = "error"\n', False, None),
    ('# our team\naccept = [\n  "footprint",  # we explain it\n  "PCN",\n]\n', False, None),
    ('accept = ["footprint"]\r\n', False, None),
    ('[project]\nname = "site"\n\n[tool.plainlsc]\nprofile = "govuk"\n\n[tool.ruff]\n'
     'line-length = 100\n', True, "tool"),
    ('[project]\nname = "site"\n\n[tool.plainlsc.levels]\ncliche = "error"\n', True, "tool"),
])
def test_adding_a_word_changes_only_the_accept_list(text: str, pyproject: bool,
                                                    section: str | None) -> None:
    before = tomllib.loads(text)
    after = tomllib.loads(_applied(text, accept_edit(text, pyproject, "workstream")))
    table_before = before.get("tool", {}).get("plainlsc", {}) if pyproject else before
    table_after = after["tool"]["plainlsc"] if pyproject else after
    assert table_after["accept"] == [*table_before.get("accept", []), "workstream"]
    assert {k: v for k, v in table_after.items() if k != "accept"} == \
        {k: v for k, v in table_before.items() if k != "accept"}
    if pyproject:
        assert after["project"] == before["project"]


def test_no_word_list_edit_for_a_word_already_there_or_a_broken_file() -> None:
    assert accept_edit('accept = ["Footprint"]\n', False, "footprint") is None
    assert accept_edit('accept = ["footprint"\n', False, "key") is None


@pytest.mark.parametrize(("format", "text", "needle"), [
    ("markdown", "# Visiting\n\nPlease utilise the gel.\nIt is by the door.\n", "utilise"),
    ("markdown", "> Please utilise the gel.\n> It is by the door.\n", "utilise"),
    ("markdown", "- Please utilise the gel.\n- Wash your hands.\n", "utilise"),
    ("html", "<p>Please\nutilise the gel.</p>\n", "utilise"),
    ("text", "Dear families,\r\n\r\nPlease utilise the gel.\r\n", "utilise"),
])
def test_the_disable_comment_switches_the_rule_off_on_that_line_only(
        format: str, text: str, needle: str) -> None:
    from plainlsc.pipeline import check_text

    edited = _applied(text, disable_edit(text, format, "plain-words", text.index(needle)))
    before = [f.rule for f in check_text(text, format).findings]
    after = [f.rule for f in check_text(edited, format).findings]
    assert "plain-words" in before
    assert "plain-words" not in after


def test_no_disable_comment_inside_a_markdown_table() -> None:
    text = "| Clinic | When |\n| --- | --- |\n| Please utilise the gel | Monday |\n"
    assert disable_edit(text, "markdown", "plain-words", text.index("utilise")) is None


def test_client_settings_override_and_bad_values_are_reported() -> None:
    parsed, problems = ClientSettings.parse({"plainlsc": {
        "profile": "govuk", "minLevel": "eror", "ignore": "cliche,plain-words",
        "debounceMs": 100, "unknownFutureSetting": True}})
    assert parsed.profile == "govuk" and parsed.min_level is None
    assert parsed.ignore == ("cliche", "plain-words") and parsed.debounce_ms == 100
    assert len(problems) == 1 and "minLevel" in problems[0]


def test_a_finding_without_a_span_goes_on_the_first_line() -> None:
    from lsprotocol import types

    from plainlsc.lsp.diagnostics import to_diagnostic

    text = "Café opening times 🙂\nWe are open every day.\n"
    whole = to_diagnostic(Finding("readability", "suggestion", 1, 1, 1, 1, "", "hard", (),
                                  0, 0), LineIndex(text), "https://example.org/guide")
    assert whole.range == types.Range(types.Position(0, 0), types.Position(0, utf16(
        "Café opening times 🙂")))
    assert whole.severity == types.DiagnosticSeverity.Information
    assert whole.code == "readability"
    assert whole.code_description is not None
    assert whole.code_description.href == "https://example.org/guide"
    at = text.index("open")
    local = to_diagnostic(Finding("r", "error", 2, 8, 2, 12, "open", "m", (), at, at + 4),
                          LineIndex(text), "docs/rules.md")
    assert local.code_description is None  # not a web link: nothing to open
    assert local.severity == types.DiagnosticSeverity.Error
