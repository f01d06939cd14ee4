"""Sentence and word splitting: what the readers' blocks become, however they are grouped.

Blocks go to spaCy in groups joined by blank lines; these tests pin down that a block's
sentences and words do not depend on its neighbours or on where a group boundary falls.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plainlsc.model import Block, BlockKind, SourceMap
from plainlsc.readers import read_string
from plainlsc.text import segment
from plainlsc.text.segment import MAX_SENTENCE_TOKENS, segment_blocks


def _block(text: str) -> Block:
    return Block(BlockKind.PARAGRAPH, text, SourceMap.identity(0, len(text)))


def _shape(blocks: list[Block]) -> list[list[tuple[str, int, int, list[tuple[str, int, int]]]]]:
    return [[(s.text, s.start, s.end, [(w.text, w.start, w.end) for w in s.words])
             for s in b.sentences] for b in blocks]


def _alone(texts: list[str]) -> list[Block]:
    """Each block segmented on its own, the reference for any grouping."""
    blocks = [_block(t) for t in texts]
    for block in blocks:
        segment_blocks([block])
    return blocks


def test_words_join_across_connectors_and_sentences_end_at_stops() -> None:
    [block] = _alone(["Dr. Shah's joined-up plan (e.g. for A&E) starts at 9.30am. Then we meet."])
    assert [s.text for s in block.sentences] == [
        "Dr. Shah's joined-up plan (e.g. for A&E) starts at 9.30am.", "Then we meet."]
    assert block.sentences[0].texts == (
        "Dr.", "Shah's", "joined-up", "plan", "e.g.", "for", "A&E", "starts", "at", "9.30am")


def test_a_missing_space_after_a_stop_still_ends_the_sentence() -> None:
    [block] = _alone(["It is ok.Then we go."])
    assert [s.texts for s in block.sentences] == [("It", "is", "ok"), ("Then", "we", "go")]


def test_addresses_are_not_words() -> None:
    [block] = _alone(["Email help@nhs.example or see www.example.nhs.uk and @NorthmoorNHS today."])
    assert block.sentences[0].texts == ("Email", "or", "see", "and", "today")


def test_a_closing_quote_after_the_stop_stays_with_its_sentence() -> None:
    [block] = _alone(['She asked "Is it safe?" Then she left.'])
    assert [s.text for s in block.sentences] == ['She asked "Is it safe?"', "Then she left."]


def test_word_offsets_are_offsets_into_the_block_text() -> None:
    texts = ["First block here.", "Second block, with “curly” quotes — and more.", "Third."]
    blocks = [_block(t) for t in texts]
    segment_blocks(blocks)
    for block in blocks:
        for sentence in block.sentences:
            assert block.text[sentence.start:sentence.end] == sentence.text
            for word in sentence.words:
                assert block.text[word.start:word.end] == word.text


def test_grouping_does_not_change_any_block(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["We will facilitate a meeting.", "", "   ", "Dr.", "Shah will attend.",
             "word " * 50, "A list item without a stop", "Call 0300 123 4567. Or not!"]
    reference = _shape(_alone(texts))
    for size in (1, 30, 100, 10_000):
        monkeypatch.setattr(segment, "GROUP_CHARS", size)
        blocks = [_block(t) for t in texts]
        segment_blocks(blocks)
        assert _shape(blocks) == reference, size


def test_a_very_long_sentence_is_cut_into_pieces() -> None:
    [block] = _alone([" ".join(["word"] * (2 * MAX_SENTENCE_TOKENS + 10)) + "."])
    counts = [s.word_count for s in block.sentences]
    assert counts == [MAX_SENTENCE_TOKENS, MAX_SENTENCE_TOKENS, 10]


def test_a_block_of_only_symbols_has_a_sentence_without_words() -> None:
    [block] = _alone(["* * * — ***"])
    assert [s.word_count for s in block.sentences] == [0]


def test_a_document_is_segmented_block_by_block() -> None:
    doc = read_string("# Heading one\n\nA paragraph. Two sentences.\n\n- item a\n- item b\n",
                      "markdown")
    segment_blocks(doc.blocks)
    assert [[s.text for s in b.sentences] for b in doc.blocks] == [
        ["Heading one"], ["A paragraph.", "Two sentences."], ["item a"], ["item b"]]


PIECES = st.sampled_from([
    "Dr.", "e.g.", "etc.", "GP's", "don't", "joined-up", "and/or", "www.nhs.uk", "x@y.org",
    "@nhs", "(", ")", '"', "?", "!", ".", "…", "word", "Word", "A&E", "£5", "no.", "10",
    "then", "Then", "’s", "-", "café", "\n", " ", "  ",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(PIECES, max_size=30).map(" ".join), min_size=1, max_size=6),
       st.integers(min_value=1, max_value=200))
def test_any_grouping_gives_what_each_block_gives_alone(texts: list[str], size: int) -> None:
    blocks = [_block(t) for t in texts]
    old = segment.GROUP_CHARS
    segment.GROUP_CHARS = size
    try:
        segment_blocks(blocks)
    finally:
        segment.GROUP_CHARS = old
    assert _shape(blocks) == _shape(_alone(texts))
