"""The review: what ``check`` puts first, how it groups the rest, and how the terminal shows it.

The letter below has the faults of a real partnership letter: two placeholders, a doubled
word in the greeting, long sentences, passive verbs and the same jargon again and again.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import line_col
from rich.console import Console

from plainlsc import review
from plainlsc.cli import main
from plainlsc.findings import Finding, Report
from plainlsc.output.text import render_text
from plainlsc.pipeline import check_text

LETTER = "\n\n".join([
    'Brackenfield Community Health Partnership\nUnit 4, Riverside Court\nBrackenfield\nBF2 8QT',
    'XX September 2026',
    'Dear Councillor Councillor Okafor,',
    ('As you will be aware, the Brackenfield Community Health Partnership has been '
     'established to facilitate the delivery of integrated health and care services for '
     'residents across the borough, and we are writing to ask whether you would be willing'
     " to take up the position of [INSERT ROLE] on our new residents' panel going forward."),
    ('The panel will be set up by the partnership board in the spring. Members will be chosen '
     'by the board and meetings will be held every two months at the civic centre. Minutes '
     'will be circulated to all partners and a summary will be published on the website.'),
    ('Our integrated neighbourhood teams will facilitate conversations with local '
     'stakeholders regarding the commissioning of integrated services, in order to ensure '
     "that the priorities identified by residents are reflected in the partnership's "
     'strategic objectives for the forthcoming financial year.'),
    ('A decision will be made by the board in November, following consideration of the '
     'feedback that has been received from stakeholders, elected members and voluntary '
     'sector organisations across all four localities.'),
    ('We would be grateful if you could let us know by the end of the month whether you '
     'are able to accept this invitation.'),
    'Yours sincerely',
    'Dr Priya Raman\nChair, Brackenfield Community Health Partnership\n',
])

PLAIN = """Dear Mr Hughes,

Your next appointment is on Tuesday 3 March at 10am. It is at the Brook Street clinic.

Please bring a list of the medicines you take. If you cannot come, call us on 01632 960 123
and we will find you another time.

Yours sincerely

The clinic team
"""

PATH = "letters/panel-invite.txt"


@pytest.fixture(scope="module")
def report() -> Report:
    return Report([check_text(LETTER, path=PATH)])


def _render(report: Report, width: int, colour: bool = False, **view: object) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, highlight=False,
                      color_system="truecolor" if colour else None, force_terminal=colour)
    render_text(report, console, **view)  # type: ignore[arg-type]
    return out.getvalue()


# The review API ---------------------------------------------------------------------------

def test_fix_first_gives_every_error_then_the_safe_fix(report: Report) -> None:
    file = report.files[0]
    first = review.fix_first(file)
    matches = [p.finding.match if p.finding else None for p in first]
    assert first[0].reason == first[1].reason == "error"
    assert set(matches[:2]) == {"XX September 2026", "[INSERT ROLE]"}
    assert first[2].reason == "fix" and matches[2] == "Councillor Councillor"
    # Positions are the source's: the entry is where the finding is.
    assert (first[1].line, first[1].column) == line_col(LETTER, "[INSERT ROLE]")


def test_fix_first_names_the_hardest_sentences_and_the_jargon_used_most(
        report: Report) -> None:
    file = report.files[0]
    first = review.fix_first(file, limit=10)
    hard = [p for p in first if p.reason == "hard-sentence"]
    assert hard, first
    assert hard[0].sentence is not None and hard[0].sentence.reading_age > 11
    assert hard[0].sentence.text.startswith("As you will be aware")
    assert LETTER[hard[0].start:hard[0].end].startswith("As you will be aware")
    jargon = [p for p in first if p.reason == "jargon"]
    assert jargon and jargon[0].finding is not None
    assert jargon[0].finding.match.lower() == "integrated" and jargon[0].count == 3
    assert len(jargon[0].places) == 3


def test_fix_first_of_a_plain_letter_is_empty() -> None:
    file = check_text(PLAIN, path="plain.txt")
    assert review.fix_first(file) == []


def test_document_wide_findings_are_kept_apart(report: Report) -> None:
    whole, placed = review.split_document(report.files[0].findings)
    assert {f.rule for f in whole} == {"readability", "average-sentence-length"}
    assert {"plain-words", "placeholder", "passive-voice"} <= {f.rule for f in placed}


def test_each_rules_shared_advice_is_given_once(report: Report) -> None:
    groups = {g.rule: g for g in review.by_rule(report.files[0].findings)}
    passive = groups["passive-voice"]
    assert passive.count >= 5
    assert passive.advice.startswith("say who does it")
    assert all("say who does it" not in item.text for item in passive.items)
    # Each plain word has its own suggestions: no shared advice, one item per word.
    words = groups["plain-words"]
    assert words.advice == ""
    integrated = next(i for i in words.items if i.first.match.lower() == "integrated")
    assert len(integrated.places) == 3
    assert words.items[0] is integrated  # the word used most comes first
    # The most serious rules come first.
    order = [g.rule for g in review.by_rule(report.files[0].findings)]
    assert order[0] == "placeholder"


def test_main_rule_is_the_most_frequent_at_warning_or_above() -> None:
    def finding(rule: str, level: str) -> Finding:
        return Finding(rule, level, 1, 1, 1, 2, "x", "m")

    many_suggestions = [finding("passive-voice", "suggestion")] * 9
    warnings = [finding("plain-words", "warning")] * 4 + [finding("placeholder", "error")]
    assert review.main_rule(many_suggestions + warnings) == "plain-words"
    assert review.main_rule(many_suggestions) == "passive-voice"
    assert review.main_rule([]) is None


# The terminal view ---------------------------------------------------------------------

def test_first_screen_at_80_columns_names_the_placeholders_and_the_doubled_word(
        report: Report) -> None:
    screen = _render(report, 80).splitlines()[:24]
    text = "\n".join(screen)
    assert "[INSERT ROLE]" in text and "XX September 2026" in text
    assert '"Councillor' in text and 'Councillor":' in text
    assert text.index("readability") < text.index("Fix first")


def test_no_line_is_cut_mid_word_at_80_columns(report: Report) -> None:
    narrow = _render(report, 80)
    wide = _render(report, 10_000)
    assert narrow.split() == wide.split()  # the same words, only the line breaks differ
    for line in narrow.splitlines():
        assert len(line) <= 80 or " " not in line.strip(), line
    assert len(narrow.splitlines()) > len(wide.splitlines())


def test_advice_once_with_counts_and_places(report: Report) -> None:
    out = _render(report, 10_000)
    assert out.count('say who does it ("we will') == 1
    passive = sum(1 for f in report.findings if f.rule == "passive-voice")
    assert re.search(rf"^passive-voice  {passive} suggestions: say who does it", out, re.M)
    assert re.search(r"^  \d+ more like this at (\d+:\d+( [^,]+)?, )*\d+:\d+( [^,]+)?$", out, re.M)
    # Per-rule counts in the header.
    assert f"passive-voice {passive}" in out


def test_more_like_this_names_short_matches_not_sentences(report: Report) -> None:
    out = _render(report, 10_000)
    rests = re.findall(r"^  \d+ more like this at (.*)$", out, re.M)
    places = [p.strip() for rest in rests for p in rest.split(", ")]
    named = {p.split(" ", 1)[1] for p in places if " " in p}
    short = {f.match for f in report.findings if len(f.match) <= 30}
    assert named and named <= short  # words and phrases are named beside their places
    assert not any(len(n) > 30 for n in named)  # sentences are not quoted there


def test_every_finding_line_starts_with_a_real_position(report: Report) -> None:
    out = _render(report, 10_000)
    positions = {(f.line, f.column) for f in report.findings}
    positions |= {(p.line, p.column) for p in review.fix_first(report.files[0])}
    lines = [line for line in out.splitlines() if line.startswith(PATH + ":")]
    assert len(lines) >= 10
    for line in lines:
        found = re.match(rf"{re.escape(PATH)}:(\d+):(\d+)  ", line)
        assert found, line
        assert (int(found.group(1)), int(found.group(2))) in positions, line
    assert f"{PATH}:{':'.join(map(str, line_col(LETTER, '[INSERT ROLE]')))}  placeholder" in out


def test_footer_points_explain_at_the_rule_that_fired_most(report: Report) -> None:
    out = _render(report, 10_000)
    rule = review.main_rule(report.findings)
    assert rule == "plain-words"
    assert out.rstrip().splitlines()[-1].endswith("how to fix it.") or "SMOG" in out
    assert f"run `plainlsc explain {rule}`" in out


def test_coloured_at_a_terminal_and_the_same_words_plain(report: Report) -> None:
    coloured = _render(report, 80, colour=True)
    assert "\x1b[" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == _render(report, 80)


def test_show_source_marks_the_match(report: Report) -> None:
    out = _render(report, 100, show_source=True).splitlines()
    at = next(i for i, line in enumerate(out)
              if line.startswith(PATH) and "[INSERT ROLE]" in line)
    bar = next(i for i in range(at + 1, len(out)) if out[i].startswith("      | "))
    assert bar <= at + 2  # right under the finding (after its wrapped message)
    quoted, marks = out[bar], out[bar + 1]
    start = marks.index("^")
    assert quoted[start:start + len("[INSERT ROLE]")] == "[INSERT ROLE]"
    assert marks.strip() == "^" * len("[INSERT ROLE]")


# The command line --------------------------------------------------------------------------

@pytest.fixture
def letter(tmp_path: Path) -> Path:
    path = tmp_path / "letter.txt"
    path.write_text(LETTER, encoding="utf-8")
    return path


def test_statistics_prints_one_line_per_rule(letter: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "json", str(letter)]) == 1
    counts: dict[str, int] = {}
    for f in json.loads(capsys.readouterr().out)["files"][0]["findings"]:
        counts[f["rule"]] = counts.get(f["rule"], 0) + 1
    assert main(["check", "--statistics", str(letter)]) == 1
    lines = capsys.readouterr().out.splitlines()
    stats = {m.group(2): int(m.group(1)) for m in
             (re.match(r"\s*(\d+)  (\S+)\s+(error|warning|suggestion)$", ln) for ln in lines)
             if m}
    assert stats == counts
    assert len(lines) == len(counts) + 1  # and the totals


def test_min_level_filters_the_display_not_the_exit_code(
        letter: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--min-level", "error", str(letter)]) == 1
    out = capsys.readouterr().out
    assert "[INSERT ROLE]" in out and "XX September 2026" in out
    assert "plain-words" not in out and "passive-voice" not in out
    assert "Councillor Councillor" not in out
    assert "below --min-level not shown" in out
    # JSON shows the same selection.
    assert main(["check", "--min-level", "error", "-f", "json", str(letter)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert {f["severity"] for f in data["files"][0]["findings"]} == {"error"}
    assert data["summary"]["warnings"] == 0 and data["summary"]["errors"] == 2


def test_fail_on_error_passes_a_letter_with_only_warnings(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "warnings.txt"
    path.write_text(LETTER.replace("XX September 2026", "2 September 2026")
                    .replace("[INSERT ROLE]", "panel chair"), encoding="utf-8")
    assert main(["check", "--fail-on", "error", str(path)]) == 0
    assert "plain-words" in capsys.readouterr().out  # shown, not failing
    assert main(["check", str(path)]) == 1
    assert main(["check", "--exit-zero", str(path)]) == 0
    capsys.readouterr()


def test_output_file_is_written_and_never_an_input(
        letter: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out" / "findings.json"
    target.parent.mkdir()
    assert main(["check", "-f", "json", "--output-file", str(target), str(letter)]) == 1
    assert capsys.readouterr().out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["errors"] == 2
    text_out = tmp_path / "findings.txt"
    assert main(["check", "--output-file", str(text_out), str(letter)]) == 1
    written = text_out.read_text(encoding="utf-8")
    assert "\x1b[" not in written and "Fix first" in written
    assert main(["check", "--output-file", str(letter), str(letter)]) == 2
    err = capsys.readouterr().err
    assert "is one of the documents being checked" in err
    assert letter.read_text(encoding="utf-8") == LETTER


def test_unknown_rule_in_a_disable_comment_is_named(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.md"
    page.write_text("# Your panel\n\n<!-- plainlsc-disable-next-line placeholdr -->\n"
                    "Dear [INSERT NAME], thank you for joining the panel.\n", encoding="utf-8")
    assert main(["check", str(page)]) == 1
    captured = capsys.readouterr()
    assert "line 3" in captured.err and "'placeholdr'" in captured.err
    assert "did you mean 'placeholder'?" in captured.err
    assert "[INSERT NAME]" in captured.out  # nothing was switched off

    page.write_text("# Your panel\n\n<!-- plainlsc-disable-next-line placeholder -->\n"
                    "Dear [INSERT NAME], thank you for joining the panel.\n", encoding="utf-8")
    assert main(["check", str(page)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""


def test_piped_with_columns_80_reads_well(letter: Path) -> None:
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}
    env.pop("FORCE_COLOR", None)
    result = subprocess.run([sys.executable, "-m", "plainlsc", "check", str(letter)],
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 or " " not in line.strip() for line in lines)
    assert "\x1b[" not in result.stdout
    assert any("[INSERT ROLE]" in line for line in lines[:24])
