"""The Word reader: reading order, paragraph numbering, tracked changes, and unsafe files.

Every .docx is built here with python-docx in a temporary folder; no binary fixtures.
"""

from __future__ import annotations

import io
import os
import socket
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

import plainlsc
from plainlsc.errors import InputError
from plainlsc.model import Block, BlockKind, Document
from plainlsc.readers import docx as reader
from plainlsc.readers import format_for, read_bytes
from plainlsc.readers.docx import read_docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TEXT_BOX = f"""
<w:r xmlns:w="{W_NS}"
     xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
     xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
     xmlns:v="urn:schemas-microsoft-com:vml">
  <mc:AlternateContent>
    <mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>
      <w:p><w:r><w:t>Boxed advice for you.</w:t></w:r></w:p>
    </w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>
    <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>
      <w:p><w:r><w:t>Boxed advice for you.</w:t></w:r></w:p>
    </w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
  </mc:AlternateContent>
</w:r>"""


def run_element(text: str, tag: str = "w:t") -> Any:
    run = OxmlElement("w:r")
    t = OxmlElement(tag)
    t.set(qn("xml:space"), "preserve")
    t.text = text
    run.append(t)
    return run


def tracked(kind: str, text: str, change_id: int) -> Any:
    """A ``w:ins`` or ``w:del`` wrapping one run, as Word writes tracked changes."""
    change = OxmlElement(kind)
    change.set(qn("w:id"), str(change_id))
    change.set(qn("w:author"), "Editor")
    change.set(qn("w:date"), "2025-03-01T00:00:00Z")
    change.append(run_element(text, "w:delText" if kind == "w:del" else "w:t"))
    return change


def hyperlink(paragraph: Any, url: str, text: str) -> None:
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    link.append(run_element(text))
    paragraph._p.append(link)


def build_letter(folder: Path) -> tuple[Path, list[str]]:
    """A letter in Word; returns its path and every paragraph's expected text in order."""
    d = docx.Document()
    for text in ("NHS Wyvern Public Health", "1 Castle Street", "Wyvern WY1 2AB", "",
                 "12 March 2025", "", "Dear Councillor Councillor Patel,"):
        d.add_paragraph(text)
    d.add_heading("Your flu vaccination", level=1)
    d.add_paragraph("We will facilitate access to the clinic going forward.")
    changed = d.add_paragraph("Please ")
    changed._p.append(tracked("w:del", "utilise the portal and ", 1))
    changed._p.append(tracked("w:ins", "bring your letter", 2))
    changed.add_run(" to the clinic.")
    for item in ("a coat", "your glasses"):
        d.add_paragraph(item, style="List Bullet")
    table = d.add_table(rows=2, cols=2)
    for (row, col), text in {(0, 0): "Day", (0, 1): "Time", (1, 0): "Monday",
                             (1, 1): "9am to 5pm"}.items():
        table.cell(row, col).text = text
    table.cell(1, 1).add_table(rows=1, cols=1).cell(0, 0).text = "Nested cell"
    commented = d.add_paragraph("Call us ")
    run = commented.add_run("on 0300 123 4567")
    d.add_comment([run], text="Stakeholder synergy comment", author="Reviewer")
    hyperlink(commented, "https://example.invalid/leverage", " or visit our website.")
    breaks = d.add_paragraph("Tab")
    tab_run = breaks.add_run()
    tab_run.add_tab()
    tab_run.add_text("then break")
    tab_run.add_break()
    tab_run.add_text("then more.")
    anchor = d.add_paragraph("See the box.")
    anchor._p.append(parse_xml(TEXT_BOX))
    d.add_paragraph("Yours sincerely")
    d.add_paragraph("Dr Jane Smith")
    d.add_paragraph("Director of Public Health")
    path = folder / "letter.docx"
    d.save(str(path))
    expected = ["NHS Wyvern Public Health", "1 Castle Street", "Wyvern WY1 2AB", "",
                "12 March 2025", "", "Dear Councillor Councillor Patel,", "Your flu vaccination",
                "We will facilitate access to the clinic going forward.",
                "Please bring your letter to the clinic.", "a coat", "your glasses",
                "Day", "Time", "Monday", "9am to 5pm", "Nested cell", "",
                "Call us on 0300 123 4567 or visit our website.", "Tab\tthen break then more.",
                "See the box.", "Boxed advice for you.", "Yours sincerely", "Dr Jane Smith",
                "Director of Public Health"]
    return path, expected


@pytest.fixture
def letter(tmp_path: Path) -> tuple[Document, list[str]]:
    path, expected = build_letter(tmp_path)
    return read_docx(path.read_bytes(), str(path)), expected


def block(doc: Document, text: str) -> Block:
    return next(b for b in doc.blocks if b.text == text)


def test_registered_for_docx_files(tmp_path: Path) -> None:
    path, _ = build_letter(tmp_path)
    assert format_for(str(path)) == "docx"
    assert read_bytes(path.read_bytes(), "docx", str(path)).format == "docx"


def test_source_is_one_line_per_paragraph_in_reading_order(
        letter: tuple[Document, list[str]]) -> None:
    doc, expected = letter
    assert doc.source.split("\n") == expected


def test_position_is_paragraph_number_and_column(letter: tuple[Document, list[str]]) -> None:
    doc, expected = letter
    salutation = block(doc, "Dear Councillor Councillor Patel,")
    start = salutation.text.index("Councillor Councillor")
    src_start, src_end = salutation.source_span(start, start + len("Councillor Councillor"))
    assert doc.source[src_start:src_end] == "Councillor Councillor"
    pos = doc.position(src_start, src_end)
    line = expected.index("Dear Councillor Councillor Patel,") + 1
    assert line == 7
    assert (pos.line, pos.column, pos.end_column) == (line, 6, 6 + len("Councillor Councillor"))
    # After the table (nested table included) and the text box, lines still count paragraphs.
    director = block(doc, "Director of Public Health")
    assert doc.position(*director.source_span(0, 8)).line == len(expected)
    assert doc.line_text(len(expected)) == "Director of Public Health"


def test_block_kinds(letter: tuple[Document, list[str]]) -> None:
    doc, _ = letter
    kinds = {b.text: b.kind for b in doc.blocks}
    assert [kinds[t] for t in ("NHS Wyvern Public Health", "1 Castle Street",
                               "Wyvern WY1 2AB")] == [BlockKind.ADDRESS] * 3
    assert kinds["12 March 2025"] is BlockKind.DATE
    assert kinds["Dear Councillor Councillor Patel,"] is BlockKind.SALUTATION
    assert kinds["Your flu vaccination"] is BlockKind.HEADING
    assert block(doc, "Your flu vaccination").level == 1
    assert kinds["We will facilitate access to the clinic going forward."] is BlockKind.PARAGRAPH
    assert kinds["a coat"] is BlockKind.LIST_ITEM
    assert kinds["Monday"] is BlockKind.TABLE_CELL
    assert kinds["Nested cell"] is BlockKind.TABLE_CELL
    assert kinds["Boxed advice for you."] is BlockKind.PARAGRAPH
    assert [kinds[t] for t in ("Yours sincerely", "Dr Jane Smith",
                               "Director of Public Health")] == [BlockKind.SIGN_OFF] * 3


def test_tracked_changes_comments_and_hyperlinks(letter: tuple[Document, list[str]]) -> None:
    doc, _ = letter
    assert "bring your letter" in doc.source  # inserted
    assert "utilise" not in doc.source  # deleted
    assert "Stakeholder" not in doc.source and "synergy" not in doc.source  # comment
    assert "or visit our website." in doc.source  # hyperlink text...
    assert "example.invalid" not in doc.source and "leverage" not in doc.source  # ...not URL


def test_text_box_read_once_after_its_anchor(letter: tuple[Document, list[str]]) -> None:
    doc, _ = letter
    assert doc.source.count("Boxed advice for you.") == 1  # not again from the fallback copy
    lines = doc.source.split("\n")
    assert lines.index("Boxed advice for you.") == lines.index("See the box.") + 1


def test_tab_kept_and_break_is_a_space(letter: tuple[Document, list[str]]) -> None:
    doc, _ = letter
    assert "Tab\tthen break then more." in doc.source.split("\n")


def test_empty_document(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    docx.Document().save(str(path))
    doc = read_docx(path.read_bytes(), str(path))
    assert (doc.source, doc.blocks) == ("", [])


def test_list_by_numbering_and_heading_by_style_inheritance(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Title of the leaflet", style="Title")
    d.add_paragraph("Numbered step", style="List Number 2")
    numbered = d.add_paragraph("Numbered by direct formatting")
    num_pr = parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="0"/>'
                       '<w:numId w:val="1"/></w:numPr>')
    numbered._p.get_or_add_pPr().append(num_pr)
    d.add_paragraph("A short unpunctuated line")
    d.add_paragraph("An ordinary sentence, written as prose.")
    path = tmp_path / "lists.docx"
    d.save(str(path))
    doc = read_docx(path.read_bytes(), str(path))
    kinds = [(b.kind, b.level) for b in doc.blocks]
    assert kinds == [(BlockKind.HEADING, 0), (BlockKind.LIST_ITEM, 0), (BlockKind.LIST_ITEM, 0),
                     (BlockKind.PARAGRAPH, 0), (BlockKind.PARAGRAPH, 0)]


def test_documents_with_different_styles_parts_keep_their_own_styles(tmp_path: Path) -> None:
    """Styles are parsed once per distinct styles part; a renamed style is not mistaken."""
    d = docx.Document()
    d.add_paragraph("Your appointment", style="Heading 1")
    d.add_paragraph("Please arrive ten minutes early.")
    template = tmp_path / "template.docx"
    d.save(str(template))
    renamed = tmp_path / "renamed.docx"
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(renamed, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/styles.xml":  # the paragraph's style is now unknown
                data = data.replace(b'w:styleId="Heading1"', b'w:styleId="Retired1"')
            dst.writestr(item, data)
    kinds = []
    for path in (template, renamed, template, renamed):
        doc = read_docx(path.read_bytes(), str(path))
        kinds.append(doc.blocks[0].kind)
    assert kinds == [BlockKind.HEADING, BlockKind.PARAGRAPH] * 2


def test_no_network_is_touched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, _ = build_letter(tmp_path)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the reader tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    assert read_docx(path.read_bytes(), str(path)).blocks


# -- files that are not Word documents, or are unsafe ---------------------------------------


def make_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, blob in members.items():
            zf.writestr(name, blob)
    return buffer.getvalue()


def test_not_a_zip() -> None:
    with pytest.raises(InputError, match=r"not a Word document \(\.docx\): not a zip file"):
        read_docx(b"Dear resident, this is plain text.", "fake.docx")


def test_old_word_file_gets_a_hint() -> None:
    with pytest.raises(InputError, match=r"old \.doc file"):
        read_docx(reader.OLE_MAGIC + b"\0" * 600, "old.docx")


def test_zip_without_document_xml() -> None:
    data = make_zip({"hello.txt": b"hello"})
    with pytest.raises(InputError, match=r"not a Word document.*word/document\.xml"):
        read_docx(data, "other.docx")


@pytest.mark.parametrize("xml", [b"<w:document", b"<html><body>hi</body></html>",
                                 b"\xff\xfe\x00garbage"])
def test_bad_xml_is_an_input_error(xml: bytes) -> None:
    with pytest.raises(InputError, match="not a Word document"):
        read_docx(make_zip({"word/document.xml": xml}), "bad.docx")


def test_entities_in_xml_are_not_expanded() -> None:
    xml = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "utilise utilise utilise">'
           b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
           b'<w:document xmlns:w="' + W_NS.encode() + b'"><w:body><w:p><w:r><w:t>Hi &b;'
           b"</w:t></w:r></w:p></w:body></w:document>")
    try:
        doc = read_docx(make_zip({"word/document.xml": xml}), "dtd.docx")
    except InputError:
        return  # refusing the file is also safe
    assert "utilise" not in doc.source


def write_zeros(path: Path, name: str, size: int) -> None:
    """A member of ``size`` zero bytes, written in chunks (it packs to almost nothing)."""
    chunk = b"\0" * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf, zf.open(name, "w") as out:
        for _ in range(size // len(chunk)):
            out.write(chunk)


def test_zip_bomb_by_ratio(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "bomb.docx"
    write_zeros(path, "word/document.xml", 16 << 20)
    assert os.path.getsize(path) < 100_000
    opened: list[str] = []
    original = zipfile.ZipFile.open

    def spy(self: zipfile.ZipFile, name: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(getattr(name, "filename", name))
        return original(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    with pytest.raises(InputError, match=r"too large when unpacked.*possible zip bomb"):
        read_docx(path.read_bytes(), str(path))
    assert "word/document.xml" not in opened  # refused before unpacking anything


def test_zip_bomb_by_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same zeros as a 200 MB member would give, with the limit scaled down to keep it fast."""
    monkeypatch.setattr(reader, "MAX_UNPACKED", 1 << 20)
    monkeypatch.setattr(reader, "RATIO_MIN_SIZE", 1 << 30)  # so that only the total counts
    path = tmp_path / "big.docx"
    write_zeros(path, "word/document.xml", 2 << 20)
    with pytest.raises(InputError, match=r"word/document\.xml is too large when unpacked"):
        read_docx(path.read_bytes(), str(path))


def test_a_lying_size_header_is_caught(tmp_path: Path) -> None:
    xml = (f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p>'
           "</w:body></w:document>").encode()
    data = bytearray(make_zip({"word/document.xml": xml}))
    # Shrink the declared size in the central directory: the unpacked data no longer fits.
    central = data.rindex(b"PK\x01\x02")
    data[central + 24:central + 28] = (10).to_bytes(4, "little")
    with pytest.raises(InputError):
        read_docx(bytes(data), "liar.docx")


def test_table_cells_are_graded_as_separate_sentences(tmp_path: Path) -> None:
    """A cell is never merged with its neighbours: the report's hardest sentences are the
    sentences check measured, cell by cell."""
    d = docx.Document()
    d.add_paragraph("Our clinics are open on these days for anyone who needs to see a nurse.")
    table = d.add_table(rows=2, cols=3)
    cells = ["Community physiotherapy assessment appointments",
             "Available every weekday morning between nine and twelve",
             "Telephone the musculoskeletal administration team beforehand",
             "Monday", "Wednesday", "Friday"]
    for i, text in enumerate(cells):
        table.cell(i // 3, i % 3).text = text
    path = tmp_path / "clinics.docx"
    d.save(str(path))
    report = plainlsc.check_file(path)
    texts = [s.text for s in report.sentences]
    for cell in cells:
        assert cell in texts  # each cell is its own unit, whole
    assert max(s.words for s in report.sentences) < 20
    hardest = report.hardest()
    assert {s.text for s in hardest} <= set(texts)
    assert report.source is not None
    for sentence in hardest:
        assert report.source[sentence.start:sentence.end] == sentence.text
        assert sentence.text in report.source.split("\n")[sentence.line - 1]
