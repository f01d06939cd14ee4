"""``plainlsc check`` on Word and HTML files: findings at the right paragraphs and lines."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from plainlsc.cli import main

DATA = Path(__file__).parent / "data"


def _letter_docx(path: Path) -> list[str]:
    """A .docx made from our test letter: one Word paragraph per blank-line-separated chunk."""
    text = (DATA / "letter-faults.txt").read_text(encoding="utf-8")
    paragraphs = [" ".join(chunk.split("\n")) for chunk in text.split("\n\n") if chunk.strip()]
    document = docx.Document()
    for para in paragraphs:
        document.add_paragraph(para)
    document.save(str(path))
    return paragraphs


def test_check_docx_findings_at_paragraphs(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "letter.docx"
    paragraphs = _letter_docx(path)
    assert main(["check", "--format", "json", str(path)]) == 1
    (file,) = json.loads(capsys.readouterr().out)["files"]
    assert file["format"] == "docx"
    for finding in file["findings"]:
        para = paragraphs[finding["line"] - 1]
        if finding["line"] == finding["end_line"]:
            assert para[finding["column"] - 1:finding["end_column"] - 1] == finding["match"]
    found = {(f["rule"], f["match"]): f["line"] for f in file["findings"]}
    assert found[("repeated-word", "Councillor Councillor")] == next(
        i for i, p in enumerate(paragraphs, 1) if "Councillor Councillor" in p)
    assert found[("placeholder", "[INSERT ROLE]")] == next(
        i for i, p in enumerate(paragraphs, 1) if "[INSERT ROLE]" in p)
    # The text view quotes the paragraph, since Word has no line numbers to jump to.
    main(["check", str(path)])
    assert "¶ Dear Councillor Councillor" in capsys.readouterr().out


PAGE = """<!doctype html>
<html lang="en"><head><title>Community nursing</title>
<style>.facilitate { color: red } /* utilise */</style>
<script>var goingForward = "we will facilitate and utilise";</script></head>
<body>
<h1>Community nursing</h1>
<p>We will facilitate visits at home.</p>
<pre>utilise the API going forward</pre>
<!-- going forward we will leverage this -->
<ul><li>Call us on 01632 960250.</li></ul>
</body></html>
"""


def test_check_html_script_and_style_give_no_findings(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    main(["check", "--format", "json", "--select", "plain-words,cliche", str(path)])
    findings = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    lines = PAGE.splitlines()
    assert [(f["line"], f["match"]) for f in findings] == [(7, "facilitate")]
    f = findings[0]
    assert lines[f["line"] - 1][f["column"] - 1:f["end_column"] - 1] == "facilitate"
