"""plainlsc fix: safe rewrites on a letter, in place or as a diff, never a surprise."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from plainlsc.checks.rewrite import fitted_replacement, follow_case
from plainlsc.checks.wordlists import load_table
from plainlsc.cli import main
from plainlsc.config import Config
from plainlsc.errors import ConfigError
from plainlsc.fixes.text import fix_text
from plainlsc.pipeline import check_text

#: A surgery's letter with one of each safe fix, a passive verb, an acronym, and near-misses
#: that must stay: "had had", "in order of date", and "prior to" in someone's quoted words.
LETTER = """Dear Councillor Councillor Okafor,

Your flu vaccine appointment

In order to keep you well this winter, we have booked you a flu vaccine at Hollins Road \
surgery. Please arrive 10 minutes prior to your appointment time.

Last year the clinic utilised the community hall whilst the surgery was being repainted. \
Next year the vaccines will be delivered by the ICB in September.

Bring anything that helps you feel calm, e.g. headphones or a book. What he had had for \
lunch did not matter. Put your papers in order of date.

The nurse said: "Arrive prior to your slot."

Yours sincerely,
Hollins Road Surgery
"""

GOLDEN_DIFF = """--- a/letter.txt
+++ b/letter.txt
@@ -1,12 +1,12 @@
-Dear Councillor Councillor Okafor,
+Dear Councillor Okafor,
~
 Your flu vaccine appointment
~
-In order to keep you well this winter, we have booked you a flu vaccine at Hollins Road \
surgery. Please arrive 10 minutes prior to your appointment time.
+To keep you well this winter, we have booked you a flu vaccine at Hollins Road \
surgery. Please arrive 10 minutes before your appointment time.
~
-Last year the clinic utilised the community hall whilst the surgery was being repainted. \
Next year the vaccines will be delivered by the ICB in September.
+Last year the clinic used the community hall while the surgery was being repainted. \
Next year the vaccines will be delivered by the ICB in September.
~
-Bring anything that helps you feel calm, e.g. headphones or a book. What he had had for \
lunch did not matter. Put your papers in order of date.
+Bring anything that helps you feel calm, for example headphones or a book. What he had had \
for lunch did not matter. Put your papers in order of date.
~
 The nurse said: "Arrive prior to your slot."
~
"""
#: (An unchanged blank line shows in a diff as one space; "~" stands for it above.)
GOLDEN_DIFF = "\n".join(" " if line == "~" else line for line in GOLDEN_DIFF.split("\n"))


@pytest.fixture
def letter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "letter.txt"
    path.write_text(LETTER, encoding="utf-8")
    return path


def test_golden_diff_shows_every_safe_fix_and_writes_nothing(
        letter: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fix", "--diff", "letter.txt"]) == 1  # 1: there is something to fix
    assert capsys.readouterr().out == GOLDEN_DIFF
    assert letter.read_text(encoding="utf-8") == LETTER


def test_fix_rewrites_then_shows_what_is_left(letter: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    main(["fix", "letter.txt"])
    captured = capsys.readouterr()
    fixed = letter.read_text(encoding="utf-8")
    assert fixed.startswith("Dear Councillor Okafor,\n")
    assert "To keep you well" in fixed and "10 minutes before your" in fixed
    assert "was being repainted" in fixed and "delivered by the ICB" in fixed
    assert '"Arrive prior to your slot."' in fixed  # quoted words are not ours to change
    assert "6 fixes applied" in captured.err
    assert "passive-voice" in captured.out and "acronym-undefined" in captured.out
    assert "repeated-word" not in captured.out and '"In order to"' not in captured.out
    # Fixing again changes nothing.
    assert main(["fix", "--diff", "letter.txt"]) == 0
    assert capsys.readouterr().out == ""


def test_judgement_calls_never_carry_a_fix() -> None:
    report = check_text(LETTER)
    by_rule = {f.rule: f for f in report.findings}
    for rule in ("passive-voice", "acronym-undefined", "readability"):
        assert by_rule[rule].fix is None
    # "delivered" has several plain words: suggested, never rewritten.
    delivered = [f for f in report.findings if f.match == "delivered"]
    assert delivered and delivered[0].suggestions and delivered[0].fix is None


def test_select_and_ignore_apply(letter: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["fix", "--select", "repeated-word", "letter.txt"])
    fixed = letter.read_text(encoding="utf-8")
    assert fixed.startswith("Dear Councillor Okafor,") and "In order to keep" in fixed
    letter.write_text(LETTER, encoding="utf-8")
    main(["fix", "--ignore", "wordy-phrase,latin-abbreviation", "letter.txt"])
    fixed = letter.read_text(encoding="utf-8")
    assert "In order to keep" in fixed and "e.g." in fixed and "whilst" not in fixed


@pytest.mark.parametrize(("text", "expected"), [
    ("Prior to your visit, eat nothing.", "Before your visit, eat nothing."),
    ("IN ORDER TO BOOK, CALL US.", "TO BOOK, CALL US."),
    ("Staff are utilising the new rota.", "Staff are using the new rota."),
    ("We utilize the hall.", "We use the hall."),
    ("Please bring the the letter.", "Please bring the letter."),
    ("Dear Councillor Councillor Councillor Shah,", "Dear Councillor Shah,"),
])
def test_capitals_and_endings_follow_the_text(text: str, expected: str) -> None:
    assert fix_text(text, "text", Config()).after == expected


def test_replacement_is_fitted_or_refused() -> None:
    assert follow_case("Whilst", "while") == "While"
    assert follow_case("whilst", "while") == "while"
    assert fitted_replacement("utilise", "utilises", "use") == "uses"
    # An ending the replacement cannot be given for sure (begin: begined? beginned?) is no fix.
    assert fitted_replacement("commence", "commenced", "begin") is None
    # A phrase is fixed only as listed, not in a generated form.
    assert fitted_replacement("prior to", "priors to", "before") is None


def test_bom_crlf_and_every_other_byte_kept(tmp_path: Path) -> None:
    original = codecs.BOM_UTF8 + LETTER.replace("\n", "\r\n").encode("utf-8")
    path = tmp_path / "letter.txt"
    path.write_bytes(original)
    assert main(["fix", str(path)]) == 1  # findings remain
    expected = (original.replace(b"Councillor Councillor", b"Councillor")
                .replace(b"In order to", b"To").replace(b"prior to your appointment",
                                                          b"before your appointment")
                .replace(b"utilised", b"used").replace(b"whilst", b"while")
                .replace(b"e.g.", b"for example"))
    assert path.read_bytes() == expected


def test_windows_1252_file_stays_windows_1252(tmp_path: Path) -> None:
    text = ("Dear Mrs O\u2019Neill,\r\n\r\nPlease call us prior to your visit. We\u2019ll "
            "explain the caf\u00e9 opening times.\r\n")
    path = tmp_path / "note.txt"
    path.write_bytes(text.encode("cp1252"))
    main(["fix", str(path)])
    assert path.read_bytes() == text.replace("prior to", "before").encode("cp1252")


MARKDOWN = """# Visiting the ward

Please arrive prior to visiting hours. See [prior to your visit](https://example.org/prior-to)
for parking, and <https://example.org/in-order-to>.

Type `in order to` exactly, or run:

```
book --in order to --prior to
```

Use the the form [here][form] in order to book.

[form]: https://example.org/in-order-to-book
"""


def test_markdown_markup_code_and_links_untouched() -> None:
    fixed = fix_text(MARKDOWN, "markdown", Config()).after
    assert "Please arrive before visiting hours." in fixed
    assert "Use the form [here][form] to book." in fixed
    for kept in ("[prior to your visit](https://example.org/prior-to)",
                 "<https://example.org/in-order-to>", "`in order to`",
                 "book --in order to --prior to",
                 "[form]: https://example.org/in-order-to-book"):
        assert kept in fixed
    assert len(check_text(fixed, "markdown").findings) < len(check_text(MARKDOWN,
                                                                        "markdown").findings)


HTML = """<!doctype html>
<html><head><title>Prior to your visit</title></head>
<body>
<h1>Your visit</h1>
<p>Please arrive <b>prior</b> to your visit. Call us prior to 5pm.</p>
<p><a href="https://example.org/in-order-to">in order to book</a>, use the form.</p>
<pre>prior to</pre>
<p>Fish &amp; chips in order to celebrate.</p>
</body></html>
"""


def test_html_markup_code_and_links_untouched() -> None:
    fixed = fix_text(HTML, "html", Config()).after
    assert "Call us before 5pm." in fixed
    assert "chips to celebrate." in fixed
    for kept in ("<b>prior</b> to your visit", "<pre>prior to</pre>",
                 '<a href="https://example.org/in-order-to">in order to book</a>',
                 "<title>Prior to your visit</title>", "Fish &amp; chips"):
        assert kept in fixed


def test_json_carries_fix_only_when_there_is_one(letter: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--format", "json", "letter.txt"])
    findings = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    repeated = next(f for f in findings if f["rule"] == "repeated-word")
    assert repeated["fix"]["replacement"] == "Councillor" and repeated["fix"]["safe"] is True
    assert LETTER[repeated["fix"]["start"]:repeated["fix"]["end"]] == repeated["match"]
    assert all("fix" not in f for f in findings if f["rule"] == "passive-voice")


def test_sarif_fix_replaces_the_finding_region(letter: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--format", "sarif", "letter.txt"])
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    fixed = [r for r in results if "fixes" in r]
    assert {r["ruleId"] for r in fixed} == {"repeated-word", "wordy-phrase", "plain-words",
                                            "latin-abbreviation"}
    change = fixed[0]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    region = fixed[0]["locations"][0]["physicalLocation"]["region"]
    assert change["deletedRegion"]["startColumn"] == region["startColumn"]
    assert change["insertedContent"]["text"] == "Councillor"


def test_bad_fix_marker_in_a_word_list_is_reported(tmp_path: Path) -> None:
    table = tmp_path / "ours.tsv"
    table.write_text("in order to\tto\tfix=maybe\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="fix=maybe"):
        load_table(table)


def test_bad_input_is_one_line_not_a_traceback(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fix", str(tmp_path / "missing.txt")]) == 2
    assert main(["fix", "-"]) == 2
    odd = tmp_path / "notes.pdf"
    odd.write_bytes(b"%PDF-1.4 not really")
    assert main(["fix", str(odd)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert all(line.startswith("plainlsc: ") for line in err.splitlines())


def test_check_fix_is_an_alias(letter: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--fix", "letter.txt"])
    assert letter.read_text(encoding="utf-8").startswith("Dear Councillor Okafor,")
    assert "passive-voice" in capsys.readouterr().out
    assert main(["check", "--fix", "--format", "json", "letter.txt"]) == 2


def test_a_suggested_fix_is_offered_but_never_applied(tmp_path: Path) -> None:
    rules = tmp_path / "team.yml"
    rules.write_text(
        "id: team-words\nkind: substitution\nlevel: warning\nfix: suggest\n"
        "swap: {}\nwordlist: team.tsv\nmessage: '\"{match}\": try {suggestion}'\n"
        "description: Our team's plain words.\n", encoding="utf-8")
    (tmp_path / "team.tsv").write_text("commence\tstart\tfix=safe\n", encoding="utf-8")
    config = Config(rule_files=(rules,))
    text = "Clinics commence at 9am."
    (finding,) = [f for f in check_text(text, config=config).findings if f.rule == "team-words"]
    assert finding.fix is not None and finding.fix.replacement == "start"
    assert finding.fix.safe is False
    assert fix_text(text, "text", config).after == text


def test_a_rule_with_an_unknown_fix_value_is_refused(tmp_path: Path) -> None:
    rules = tmp_path / "team.yml"
    rules.write_text(
        "id: team-repeats\nkind: repetition\nlevel: warning\nfix: always\n"
        "message: 'twice'\ndescription: Doubled words.\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="fix must be one of"):
        check_text("the the", config=Config(rule_files=(rules,)))
