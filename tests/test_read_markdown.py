"""The Markdown reader: what is prose, what is skipped, and exact positions."""

from __future__ import annotations

from pathlib import Path

from plainlsc.model import BlockKind
from plainlsc.readers import read_string
from plainlsc.text.segment import segment_blocks

DATA = Path(__file__).parent / "data"
JARGON_IN_SKIPPED = ("leverage", "facilitate", "workstream", "mobilise", "going forward",
                     "going_forward", "stakeholder-data", "facilitate-access")


def read(text: str):  # type: ignore[no-untyped-def]
    doc = read_string(text, "markdown")
    segment_blocks(doc.blocks)
    return doc


def all_text(doc) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(b.text for b in doc.blocks)


def test_page_skips_code_comments_urls_and_front_matter() -> None:
    doc = read((DATA / "page.md").read_text(encoding="utf-8"))
    prose = all_text(doc).lower()
    for word in JARGON_IN_SKIPPED:
        assert word not in prose, word
    # ...but the prose around them is kept, link text and alt text included.
    assert "link text" in prose
    assert "alt text here" in prose
    assert "please do not utilise it" in prose
    assert "share your views with stakeholders" in prose


def test_block_kinds() -> None:
    doc = read((DATA / "page.md").read_text(encoding="utf-8"))
    kinds = {b.text: b.kind for b in doc.blocks}
    assert kinds["Who can use the Wyvern health app"] is BlockKind.HEADING
    assert kinds["book appointments"] is BlockKind.LIST_ITEM
    assert kinds["Appointments tab"] is BlockKind.TABLE_CELL
    quote = next(b for b in doc.blocks if b.text.startswith("The app is not for emergencies"))
    assert quote.kind is BlockKind.QUOTE


def test_heading_is_not_glued_to_the_paragraph() -> None:
    doc = read("## Who can use it\nYou must be 16 or over.\n")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (BlockKind.HEADING, "Who can use it"), (BlockKind.PARAGRAPH, "You must be 16 or over.")]


def test_list_items_are_separate_sentences() -> None:
    doc = read("- book appointments\n- cancel appointments\n- order repeat prescriptions\n")
    assert [len(b.sentences) for b in doc.blocks] == [1, 1, 1]


def test_positions_map_back_through_markup_and_entities() -> None:
    source = "Intro line.\n\nWe **utilise** the [A&amp;E](http://x.org/a) team \\*now\\*.\n"
    doc = read(source)
    block = doc.blocks[1]
    assert block.text == "We utilise the A&E team *now*."
    for word in ("utilise", "A&E", "team", "*now*"):
        start = block.text.index(word)
        src_start, src_end = block.source_span(start, start + len(word))
        assert doc.position(src_start, src_end).line == 3
    start = block.text.index("utilise")
    s, e = block.source_span(start, start + 7)
    assert source[s:e] == "utilise"
    start = block.text.index("A&E")
    s, e = block.source_span(start, start + 3)
    assert source[s:e] == "A&amp;E"


def test_inline_code_and_autolinks_are_not_prose() -> None:
    doc = read("Run `utilise --all` or see <https://example.org/leverage> today.\n")
    assert "utilise" not in doc.blocks[0].text
    assert "leverage" not in doc.blocks[0].text
    assert doc.blocks[0].text.startswith("Run ")


def test_front_matter_positions_are_kept() -> None:
    source = "---\ntitle: Leverage\n---\n\nWe facilitate.\n"
    doc = read(source)
    assert [b.text for b in doc.blocks] == ["We facilitate."]
    start, _ = doc.blocks[0].source_span(0, 1)
    assert doc.position(start, start + 1).line == 5


def test_suppression_comments_are_recorded() -> None:
    doc = read("<!-- plainlsc-disable-next-line plain-words -->\nWe facilitate.\n\nAgain.\n")
    assert doc.suppressions.is_suppressed("plain-words", 2)
    assert not doc.suppressions.is_suppressed("plain-words", 4)
    assert not doc.suppressions.is_suppressed("cliche", 2)
