"""plainlsc annotate and fix on Word files: comments on the right words, tracked changes that
LibreOffice accepts into the same text as fixing the plain text, and nothing else disturbed.

The test letter is built here: a header, a table, runs with mixed formatting (a finding that
starts in plain text and ends in bold), a reviewer's earlier comment and an earlier tracked
insertion, so every part a real draft has is there to survive.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml import parse_xml

from plainlsc.cli import main
from plainlsc.config import Config
from plainlsc.fixes.apply import apply_fixes
from plainlsc.fixes.choose import choose
from plainlsc.pipeline import check_file
from plainlsc.readers.docx import (
    W_NAMESPACES,
    Names,
    paragraph_pieces,
    read_docx,
    walk_paragraphs,
)

W = "{" + W_NAMESPACES[0] + "}"
NAMES = Names(W_NAMESPACES[0])
REVIEWER = "Sam Reviewer"
EARLIER_INSERT = (
    f'<w:ins xmlns:w="{W_NAMESPACES[0]}" w:id="900" w:author="{REVIEWER}" '
    'w:date="2026-01-05T09:00:00Z"><w:r><w:t xml:space="preserve">The old clinic will be '
    "repainted by the trust next spring. </w:t></w:r></w:ins>")
LONG = ("The integrated neighbourhood partnership will substantially reconfigure "
        "community-based immunisation provision across the locality, prioritising "
        "accessibility considerations for individuals experiencing mobility difficulties, "
        "communication impairments or transportation limitations, alongside the "
        "organisational arrangements necessary for sustainable delivery.")


def build_letter(path: Path) -> None:
    """Write the test letter."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Hollins Road Surgery - patient letter"
    document.add_paragraph("Dear Councillor Councillor Okafor,")
    para = document.add_paragraph("We are writing in or")
    para.add_run("der to tell you").bold = True
    para.add_run(" about your flu vaccine this autumn.")
    para = document.add_paragraph()
    first = para.add_run("Please arrive")
    para.add_run(" ten minutes prior to your appointment.")
    document.add_comment(first, text="Is ten minutes enough?", author=REVIEWER, initials="SR")
    para = document.add_paragraph("Parking is free. ")
    para._p.append(parse_xml(EARLIER_INSERT))
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Clinic"
    table.cell(0, 1).text = "When to arrive"
    table.cell(1, 0).text = "Flu clinic, e.g. Hollins Road"
    table.cell(1, 1).text = "Arrive prior to 9am"
    for _ in range(3):
        document.add_paragraph(LONG)
    document.add_paragraph("Yours sincerely,")
    document.save(str(path))


@pytest.fixture
def letter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "letter.docx"
    build_letter(path)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def anchors(document: Any) -> dict[str, str]:
    """Each comment id's anchored text, read from the range markers in the body."""
    found: dict[str, list[str]] = {}
    for paragraph, _ in walk_paragraphs(document.element.body, NAMES):
        # Keyed by the element objects themselves, which the dict keeps alive (so iter()
        # gives back the same objects); ids of short-lived lxml proxies could repeat.
        texts = dict(paragraph_pieces(paragraph, NAMES))
        open_ids: list[str] = []
        for element in paragraph.iter():
            if element.tag == W + "commentRangeStart":
                open_ids.append(element.get(W + "id"))
                found.setdefault(open_ids[-1], [])
            elif element.tag == W + "commentRangeEnd":
                open_ids.remove(element.get(W + "id"))
            elif element in texts:
                for cid in open_ids:
                    found[cid].append(texts[element])
    return {cid: "".join(parts) for cid, parts in found.items()}


def bold_map(document: Any) -> list[tuple[str, bool]]:
    """Every visible character of the body with whether it is bold."""
    out = []
    for paragraph, _ in walk_paragraphs(document.element.body, NAMES):
        for element, text in paragraph_pieces(paragraph, NAMES):
            run = element.getparent()
            bold = run.find(f"{W}rPr/{W}b") is not None
            out.extend((ch, bold) for ch in text)
    return out


def test_annotate_puts_one_comment_on_each_findings_words(letter: Path) -> None:
    before = digest(letter)
    report = check_file(letter, Config())
    assert main(["annotate", str(letter)]) == 0
    out = letter.with_name("letter.plainlsc.docx")
    assert digest(letter) == before  # the input is only read
    annotated = docx.Document(str(out))
    ours = [c for c in annotated.comments if c.author == "plainlsc"]
    where = anchors(annotated)
    whole = {"readability", "average-sentence-length"}
    expected = sorted((f.match, f.message) for f in report.findings if f.rule not in whole)
    got = sorted((where[str(c.comment_id)], c.paragraphs[0].text) for c in ours
                 if not c.paragraphs[0].text.startswith("plainlsc: about"))
    assert got == expected
    assert any(f.rule == "readability" for f in report.findings)
    (summary,) = [c for c in ours if c.paragraphs[0].text.startswith("plainlsc: about")]
    assert where[str(summary.comment_id)] == "Dear Councillor Councillor Okafor,"
    assert "reading age" in summary.text.lower()
    messages = {f.message for f in report.findings}
    assert any(m in summary.text for m in messages)
    # The text, and its formatting, are exactly as they were outside the comment marks.
    assert read_docx(out.read_bytes()).source == report.source
    assert bold_map(annotated) == bold_map(docx.Document(str(letter)))


def test_annotate_keeps_header_table_earlier_comment_and_change(letter: Path) -> None:
    main(["annotate", str(letter), "-o", "reviewed.docx", "--author", "Comms team"])
    annotated = docx.Document("reviewed.docx")
    assert annotated.sections[0].header.paragraphs[0].text == \
        "Hollins Road Surgery - patient letter"
    table = annotated.tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Clinic", "When to arrive"], ["Flu clinic, e.g. Hollins Road", "Arrive prior to 9am"]]
    (earlier,) = [c for c in annotated.comments if c.author == REVIEWER]
    assert earlier.text == "Is ten minutes enough?"
    assert anchors(annotated)[str(earlier.comment_id)] == "Please arrive"
    insertions = annotated.element.body.findall(f".//{W}ins")
    assert [i.get(W + "author") for i in insertions] == [REVIEWER]
    assert {c.author for c in annotated.comments} == {REVIEWER, "Comms team"}
    # The passive verb inside the reviewer's insertion still gets its comment.
    assert "will be repainted" in anchors(annotated).values()


def test_min_level_and_select_choose_the_comments(letter: Path) -> None:
    main(["annotate", str(letter), "-o", "warnings.docx", "--min-level", "warning"])
    texts = [c.text for c in docx.Document("warnings.docx").comments if c.author == "plainlsc"]
    assert texts and not any("(suggestion)" in t for t in texts)
    main(["annotate", str(letter), "-o", "repeats.docx", "--select", "repeated-word"])
    ours = [c for c in docx.Document("repeats.docx").comments if c.author == "plainlsc"]
    assert len(ours) == 1 and "repeated-word" in ours[0].text


def test_annotate_refuses_to_overwrite_or_read_other_files(
        letter: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = digest(letter)
    assert main(["annotate", str(letter), "-o", str(letter)]) == 2
    assert digest(letter) == before
    notes = tmp_path / "notes.txt"
    notes.write_text("Prior to your visit.", encoding="utf-8")
    assert main(["annotate", str(notes)]) == 2
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert main(["annotate", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 3


def _expected_fixed_text(letter: Path) -> str:
    report = check_file(letter, Config())
    source = report.source or ""
    return apply_fixes(source, choose(report.findings, source))


def test_fix_writes_a_copy_with_tracked_changes(letter: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    before = digest(letter)
    assert main(["fix", str(letter)]) == 0
    fixed = letter.with_name("letter.fixed.docx")
    assert digest(letter) == before
    assert "tracked change" in capsys.readouterr().err
    # Read as Word shows it with changes accepted (deletions dropped, insertions kept).
    assert read_docx(fixed.read_bytes()).source == _expected_fixed_text(letter)
    body = docx.Document(str(fixed)).element.body
    deleted = ["".join(t.text for t in d.iter(W + "delText")) for d in body.iter(W + "del")]
    assert sorted(deleted) == sorted(["Councillor Councillor", "in order to", "prior to",
                                      "e.g.", "prior to"])
    for ins in body.iter(W + "ins"):
        assert ins.get(W + "author") in ("plainlsc", REVIEWER)
    # The replacement keeps the formatting of where the old words began (plain, not bold).
    to = [i for i in body.iter(W + "ins") if "".join(t.text for t in i.iter(W + "t")) == "to"]
    assert to and to[0].find(f"{W}r/{W}rPr/{W}b") is None


def test_annotate_with_fix_has_comments_and_tracked_changes(letter: Path) -> None:
    main(["annotate", str(letter), "--fix", "-o", "both.docx"])
    annotated = docx.Document("both.docx")
    assert any(c.author == "plainlsc" for c in annotated.comments)
    assert len(list(annotated.element.body.iter(W + "del"))) == 5
    assert read_docx(Path("both.docx").read_bytes()).source == _expected_fixed_text(letter)


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice (soffice) is not installed; .ci/run installs "
                    "libreoffice-writer with apt-get")
    return found


def test_libreoffice_converts_the_annotated_letter(letter: Path, tmp_path: Path) -> None:
    soffice = _soffice()
    main(["annotate", str(letter), "--fix"])
    done = subprocess.run(
        [soffice, "--headless", "--norestore",
         f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
         "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"),
         str(letter.with_name("letter.plainlsc.docx"))],
        capture_output=True, text=True, timeout=180, check=False)
    pdf = tmp_path / "pdf" / "letter.plainlsc.pdf"
    assert done.returncode == 0, done.stderr
    assert pdf.read_bytes().startswith(b"%PDF-")


def _uno_python() -> str:
    for candidate in ("/usr/bin/python3", shutil.which("python3") or ""):
        if candidate and candidate != sys.executable and subprocess.run(
                [candidate, "-c", "import uno"], capture_output=True, check=False,
                timeout=60).returncode == 0:
            return candidate
    pytest.skip("no Python with LibreOffice's uno module (Debian: python3-uno)")


def test_libreoffice_accepting_the_changes_gives_the_fixed_text(letter: Path,
                                                                 tmp_path: Path) -> None:
    _soffice()
    python = _uno_python()
    main(["fix", str(letter)])
    text_file = tmp_path / "accepted.txt"
    helper = Path(__file__).with_name("lo_accept.py")
    done = subprocess.run([python, str(helper), str(letter.with_name("letter.fixed.docx")),
                           str(text_file), str(tmp_path / "lo-profile")],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    accepted = text_file.read_text(encoding="utf-8-sig")
    lines = [line.strip() for line in accepted.splitlines() if line.strip()]
    expected = [line.strip() for line in _expected_fixed_text(letter).splitlines()
                if line.strip()]
    assert lines == expected
