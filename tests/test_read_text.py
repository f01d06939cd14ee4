"""The plain-text reader: letter structure, lists, headings, positions."""

from __future__ import annotations

import pytest

from plainlsc.model import BlockKind
from plainlsc.readers import read_string
from plainlsc.text.segment import segment_blocks

LETTER = """Northmoor Health Partnership
Unit 4, Riverside House
Mill Lane
Northmoor
NM7 3RX

14 March 2026

Dear Councillor Councillor Patel,

I am writing to tell you about changes to community nursing. Dr. Shah will lead the work.

Our priorities are:

\u2022 Making it easier to see a nurse at home
\u2022 Facilitate and support local teams to work together so that people get joined-up care \
in the right place at the right time across the whole area
\u2022 Shorter waits

Community nursing
We will write again in May.

Yours sincerely

Alex Morgan
Director of Partnerships
"""


def kinds(text: str) -> list[tuple[str, str]]:
    doc = read_string(text, "text")
    return [(b.kind.value, b.text) for b in doc.blocks]


def test_letter_structure() -> None:
    blocks = kinds(LETTER)
    assert blocks[:5] == [("address", "Northmoor Health Partnership"),
                          ("address", "Unit 4, Riverside House"), ("address", "Mill Lane"),
                          ("address", "Northmoor"), ("address", "NM7 3RX")]
    assert ("date", "14 March 2026") in blocks
    assert ("salutation", "Dear Councillor Councillor Patel,") in blocks
    assert ("heading", "Community nursing") in blocks
    assert ("sign_off", "Yours sincerely") in blocks
    assert ("sign_off", "Director of Partnerships") in blocks
    items = [t for k, t in blocks if k == "list_item"]
    assert items[0] == "Making it easier to see a nurse at home"
    assert len(items) == 3


def test_heading_not_glued_to_next_sentence() -> None:
    doc = read_string(LETTER, "text")
    segment_blocks(doc.blocks)
    heading = next(b for b in doc.blocks if b.kind is BlockKind.HEADING)
    assert [s.text for s in heading.sentences] == ["Community nursing"]
    para = doc.blocks[doc.blocks.index(heading) + 1]
    assert para.text == "We will write again in May."


def test_bullets_are_separate_sentences() -> None:
    doc = read_string(LETTER, "text")
    segment_blocks(doc.blocks)
    items = [b for b in doc.blocks if b.kind is BlockKind.LIST_ITEM]
    assert [len(b.sentences) for b in items] == [1, 1, 1]
    assert len(items[1].sentences[0].words) == 26  # "joined-up" is one word


def test_abbreviations_do_not_end_sentences() -> None:
    doc = read_string("Dr. Shah met Mr. Jones, e.g. at No. 10 on 3 March. Then we left.\n",
                      "text")
    segment_blocks(doc.blocks)
    sentences = [s.text for s in doc.blocks[0].sentences]
    assert sentences == ["Dr. Shah met Mr. Jones, e.g. at No. 10 on 3 March.", "Then we left."]


def test_sentence_ends_with_question_and_quotes() -> None:
    doc = read_string('Is it safe? "Yes," she said. “It is.” Book now!\n', "text")
    segment_blocks(doc.blocks)
    assert [s.text for s in doc.blocks[0].sentences] == [
        "Is it safe?", '"Yes," she said.', "“It is.”", "Book now!"]


def test_hard_wrapped_paragraph_is_one_block() -> None:
    text = "We are changing the way you book\nappointments at the clinic from\nMonday.\n"
    assert kinds(text) == [("paragraph", text.rstrip("\n"))]


def test_short_lines_after_prose_are_items_not_one_sentence() -> None:
    text = "You can get help with:\n\nMoney\nHousing\nWork and benefits\n"
    assert [k for k, _ in kinds(text)] == ["paragraph", "list_item", "list_item", "list_item"]


def test_block_text_spans_are_exact() -> None:
    doc = read_string(LETTER, "text")
    for block in doc.blocks:
        start, end = block.source_span(0, len(block.text))
        assert doc.source[start:end] == block.text


@pytest.mark.parametrize(("text", "expected"), [
    ("We met in Washington D.C. on Monday. It rained.",
     ["We met in Washington D.C. on Monday.", "It rained."]),
    ("Take 2.5 ml at 3.30pm. Then rest.", ["Take 2.5 ml at 3.30pm.", "Then rest."]),
    ("Call us (Mon.-Fri.). We reply fast.", ["Call us (Mon.-Fri.).", "We reply fast."]),
    ("See p. 4 for details. Thanks.", ["See p. 4 for details.", "Thanks."]),
    ("Visit www.nhs.uk. It helps.", ["Visit www.nhs.uk.", "It helps."]),
    ("This is approx. 5 miles, etc. Then stop.",
     ["This is approx. 5 miles, etc.", "Then stop."]),
    ("Wait... what? Yes!", ["Wait... what?", "Yes!"]),
])
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    doc = read_string(text + "\n", "text")
    segment_blocks(doc.blocks)
    assert [s.text for s in doc.blocks[0].sentences] == expected


def test_words_exclude_addresses_and_join_hyphens() -> None:
    doc = read_string("Email a.b@nhs.net or visit www.nhs.uk for joined-up, GP's care.\n",
                      "text")
    segment_blocks(doc.blocks)
    assert [w.text for w in doc.blocks[0].sentences[0].words] == [
        "Email", "or", "visit", "for", "joined-up", "GP's", "care"]


def test_release_markers_are_not_prose() -> None:
    assert kinds("Headline here\n\nA paragraph.\n\nENDS\n\nNotes to editors\n\nMore.\n")[2] \
        == ("other", "ENDS")
