"""The HTML reader: what is prose, what is skipped, exact positions, and hostile input."""

from __future__ import annotations

import time

import pytest

from plainlsc.errors import InputError
from plainlsc.model import Block, BlockKind, Document
from plainlsc.readers import format_for, read_string
from plainlsc.readers.html import read_html

JARGON = ("facilitate", "utilise", "going forward", "leverage", "synergy", "stakeholder")

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="description" content="We facilitate synergy going forward">
  <title>Flu vaccination &amp; you</title>
  <style>
    /* facilitate utilise going forward */
    p::before { content: "leverage"; }
  </style>
  <script>var utilise = "going forward"; if (a < b && c) { facilitate(); }</script>
  <noscript><p>Please utilise a browser with JavaScript to facilitate this.</p></noscript>
</head>
<body>
  <!-- stakeholder note: facilitate utilise going forward -->
  <h1>Get your flu vaccine</h1>
  <p>The flu vaccine is free for people aged 65 or over.</p>
  <h2 id="who">Who can <em>get</em> it</h2>
  <ul>
    <li>people with long-term conditions</li>
    <li>pregnant women</li>
  </ul>
  <table>
    <caption>Clinic times</caption>
    <tr><th>Day</th><th>Time</th></tr>
    <tr><td>Monday</td><td>9am to 5pm</td></tr>
  </table>
  <blockquote><p>It only takes a few minutes.</p></blockquote>
  <img src="chart.png" alt="A chart of flu cases by month">
  <img src="spacer.gif" alt="">
  <pre>utilise --facilitate going forward</pre>
  <p>Run <code>facilitate --utilise</code> to check.</p>
  <template><p>leverage synergy going forward</p></template>
  <svg><title>facilitate</title><text>utilise</text></svg>
  <div>Text straight in a div.<section>And in a section.</section></div>
</body>
</html>
"""


def line_col(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of ``needle``, counted independently of the reader."""
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def kinds(doc: Document) -> dict[str, BlockKind]:
    return {b.text: b.kind for b in doc.blocks}


def span_of(doc: Document, block: Block, word: str) -> tuple[int, int]:
    start = block.text.index(word)
    return block.source_span(start, start + len(word))


def block_with(doc: Document, word: str) -> Block:
    return next(b for b in doc.blocks if word in b.text)


def test_registered_for_html_files() -> None:
    assert format_for("page.html") == "html"
    assert format_for("page.htm") == "html"
    assert read_string("<p>Hello.</p>", "html").format == "html"


def test_script_style_code_pre_template_and_comments_give_no_prose() -> None:
    doc = read_html(PAGE, "page.html")
    text = "\n".join(b.text for b in doc.blocks).lower()
    for word in JARGON:
        assert word not in text, word
    # ...but the prose around the skipped parts is kept.
    assert "Run  to check." in kinds(doc)
    assert "The flu vaccine is free for people aged 65 or over." in kinds(doc)


def test_block_kinds() -> None:
    doc = read_html(PAGE, "page.html")
    found = kinds(doc)
    assert found["Get your flu vaccine"] is BlockKind.HEADING
    assert found["Who can get it"] is BlockKind.HEADING
    assert found["The flu vaccine is free for people aged 65 or over."] is BlockKind.PARAGRAPH
    assert found["pregnant women"] is BlockKind.LIST_ITEM
    assert found["Monday"] is BlockKind.TABLE_CELL
    assert found["Day"] is BlockKind.TABLE_CELL
    assert found["Clinic times"] is BlockKind.PARAGRAPH  # caption
    assert found["It only takes a few minutes."] is BlockKind.QUOTE
    assert found["A chart of flu cases by month"] is BlockKind.PARAGRAPH  # alt text
    assert found["Text straight in a div."] is BlockKind.PARAGRAPH
    assert found["And in a section."] is BlockKind.PARAGRAPH
    levels = {b.text: b.level for b in doc.blocks if b.kind is BlockKind.HEADING}
    assert levels == {"Flu vaccination & you": 0, "Get your flu vaccine": 1,
                      "Who can get it": 2}


def test_document_order_and_no_whitespace_blocks() -> None:
    doc = read_html(PAGE, "page.html")
    assert all(b.text.strip() == b.text and b.text for b in doc.blocks)
    starts = [b.source_span(0, 1)[0] for b in doc.blocks]
    assert starts == sorted(starts)
    assert "" not in kinds(doc)  # the empty alt text makes no block


@pytest.mark.parametrize("word", ["vaccine is free", "long-term", "Monday", "few minutes",
                                  "chart of flu", "straight", "Who can"])
def test_positions_are_source_positions(word: str) -> None:
    assert PAGE.count(word) == 1  # so that the expected place is unambiguous
    doc = read_html(PAGE, "page.html")
    block = block_with(doc, word)
    start, end = span_of(doc, block, word)
    assert PAGE[start:end] == word
    line, column = line_col(PAGE, word)
    pos = doc.position(start, end)
    assert (pos.line, pos.column, pos.end_line, pos.end_column) == (
        line, column, line, column + len(word))


def test_word_inside_inline_markup() -> None:
    doc = read_html(PAGE, "page.html")
    start, end = span_of(doc, block_with(doc, "Who can get it"), "get")
    line, column = line_col(PAGE, "<em>get")
    assert PAGE[start:end] == "get"
    assert (doc.position(start, end).line, doc.position(start, end).column) == (
        line, column + len("<em>"))


def test_span_across_inline_markup_covers_the_source() -> None:
    doc = read_html(PAGE, "page.html")
    block = block_with(doc, "Who can get it")
    start, end = block.source_span(0, len(block.text))
    assert PAGE[start:end] == "Who can <em>get</em> it"


def test_entities_map_to_their_whole_source_span() -> None:
    source = "<p>Go to A&amp;E if you&#8217;re ill &#x2014; or call&nbsp;111.</p>"
    doc = read_html(source, "x.html")
    block = doc.blocks[0]
    assert block.text == "Go to A&E if you\u2019re ill \u2014 or call\xa0111."
    start, end = span_of(doc, block, "A&E")
    assert (source[start:end], end - start) == ("A&amp;E", 7)
    start, end = span_of(doc, block, "you\u2019re")
    assert source[start:end] == "you&#8217;re"
    start, end = span_of(doc, block, "\u2014")
    assert source[start:end] == "&#x2014;"
    assert doc.position(*span_of(doc, block, "111")).column == source.index("111") + 1


def test_invalid_entities_do_not_crash_and_stay_as_written() -> None:
    source = ("<p>Fish &foo; chips & peas &#; &#xZZ; &#for &ampere &amp</p>"
              "<p>Huge &#" + "9" * 6000 + "; ref</p><img alt='&#" + "9" * 6000 + ";'>")
    doc = read_html(source, "x.html")
    first = doc.blocks[0]
    assert first.text.startswith("Fish &foo; chips & peas &#; &#xZZ; &#for ")
    assert first.text.endswith("&")  # "&amp" at the end decodes, as browsers do
    start, end = span_of(doc, first, "&foo;")
    assert source[start:end] == "&foo;"
    assert doc.blocks[1].text.startswith("Huge ") and doc.blocks[1].text.endswith(" ref")


def test_alt_and_title_attributes_map_to_the_attribute_value() -> None:
    source = ('<p>See <abbr title="Accident &amp; Emergency">A&amp;E</abbr>.</p>\n'
              "<img src='x.png' title=\"Chart\" alt='Cases rose in &lt;May&gt;'>\n"
              '<a href="https://example.org/facilitate">Book now</a>')
    doc = read_html(source, "x.html")
    texts = [b.text for b in doc.blocks]
    assert texts == ["See A&E.", "Accident & Emergency", "Chart", "Cases rose in <May>",
                     "Book now"]
    alt = doc.blocks[3]
    start, end = alt.source_span(0, len(alt.text))
    assert source[start:end] == "Cases rose in &lt;May&gt;"
    assert doc.position(start, end).line == 2
    title = doc.blocks[1]
    assert source[slice(*title.source_span(0, len(title.text)))] == "Accident &amp; Emergency"
    assert all("facilitate" not in t for t in texts)  # href is not prose


def test_br_is_a_break_inside_the_block() -> None:
    doc = read_html("<p>1 High Street<br>Wyvern<br/>WY1 2AB</p>", "x.html")
    assert [b.text for b in doc.blocks] == ["1 High Street\nWyvern\nWY1 2AB"]


def test_unclosed_and_stray_tags() -> None:
    source = ("<p>First para<p>Second para</p></p></div>\n<ul><li>one<li>two <b>bold</ul>\n"
              "<table><tr><td>a<td>b<tr><td>c</table><p>Last <i>unclosed")
    doc = read_html(source, "x.html")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (BlockKind.PARAGRAPH, "First para"), (BlockKind.PARAGRAPH, "Second para"),
        (BlockKind.LIST_ITEM, "one"), (BlockKind.LIST_ITEM, "two bold"),
        (BlockKind.TABLE_CELL, "a"), (BlockKind.TABLE_CELL, "b"), (BlockKind.TABLE_CELL, "c"),
        (BlockKind.PARAGRAPH, "Last unclosed")]


def test_p_inside_list_item_and_list_inside_quote() -> None:
    source = ("<ul><li><p>Item para</p></li></ul><blockquote>Said<ul><li>listed</li></ul>"
              "</blockquote><address>1 High Street</address>")
    found = kinds(read_html(source, "x.html"))
    assert found == {"Item para": BlockKind.LIST_ITEM, "Said": BlockKind.QUOTE,
                     "listed": BlockKind.LIST_ITEM, "1 High Street": BlockKind.ADDRESS}


def test_text_left_open_at_the_end_is_read_or_dropped_quietly() -> None:
    for source in ("<p>Hello <a href='x", "<p>Hello<!-- unclosed comment", "<p>Hello<script>x",
                   "<p>Hello &amp", "<p>Hello <", "<p>Hello <![CDATA[ x", "Hello</"):
        doc = read_html(source, "x.html")
        assert doc.blocks[0].text.startswith("Hello"), source


def test_cdata_doctype_and_processing_instructions_are_not_prose() -> None:
    source = ("<!DOCTYPE html><?xml version='1.0'?><p>Kept</p><![CDATA[utilise]]>"
              "<svg><![CDATA[facilitate]]></svg><![if mso]><p>Also kept</p><![endif]>")
    assert [b.text for b in read_html(source, "x.html").blocks] == ["Kept", "Also kept"]


def test_suppression_comments_are_recorded() -> None:
    source = ("<p>One.</p>\n<!-- plainlsc-disable-next-line plain-words -->\n<div>\n"
              "  <p>Utilise this.</p>\n</div>\n<!-- plainlsc-disable -->\n<p>Off.</p>\n"
              "<!-- plainlsc-enable -->\n<p>On.</p>\n")
    doc = read_html(source, "x.html")
    supp = doc.suppressions
    assert supp.is_suppressed("plain-words", 4)  # the line the next text is on
    assert not supp.is_suppressed("plain-words", 3)
    assert not supp.is_suppressed("other-rule", 4)
    assert supp.is_suppressed("any-rule", 7)
    assert not supp.is_suppressed("any-rule", 9)


def test_100000_nested_divs_do_not_recurse() -> None:
    doc = read_html("<div>" * 100_000 + "Deep text." + "</div>" * 100_000, "x.html")
    assert [b.text for b in doc.blocks] == ["Deep text."]


def test_10000_nested_lists() -> None:
    source = "<ul><li>item " * 10_000 + "</li></ul>" * 10_000
    doc = read_html(source, "x.html")
    assert len(doc.blocks) == 10_000
    assert {b.kind for b in doc.blocks} == {BlockKind.LIST_ITEM}


@pytest.mark.slow
def test_a_5mb_page_reads_in_linear_time() -> None:
    unit = ('<p class="x">We will <a href="/a?b=1&amp;c=2">book</a> your A&amp;E visit, '
            "don&#8217;t worry.</p>\n<ul><li>one</li><li><b>two</b></li></ul><!-- c -->\n")
    small = unit * (500_000 // len(unit))
    big = unit * (5_000_000 // len(unit))
    began = time.perf_counter()
    read_html(small, "x.html")
    middle = time.perf_counter()
    doc = read_html(big, "x.html")
    ended = time.perf_counter()
    assert len(doc.blocks) == 3 * (5_000_000 // len(unit))
    assert ended - middle < 60
    assert ended - middle < 25 * max(middle - began, 0.05)  # ten times the input, not 100


@pytest.mark.parametrize("source", ["<a " * 50_000, "<!--" * 50_000, "&#" * 50_000,
                                    "<" * 50_000, "</p>" * 50_000, "<p title='" * 50_000])
def test_pathological_input_stays_fast(source: str) -> None:
    began = time.perf_counter()
    read_html(source, "x.html")
    assert time.perf_counter() - began < 10


def test_every_mapped_character_matches_the_source() -> None:
    doc = read_html(PAGE, "page.html")
    for block in doc.blocks:
        for i, ch in enumerate(block.text):
            start, end = block.source_span(i, i + 1)
            raw = PAGE[start:end]
            assert raw == ch or raw.startswith("&") or raw.startswith("<br"), (block.text, i)


def test_check_text_end_to_end() -> None:
    import plainlsc

    source = ("<html><head><script>facilitate()</script></head><body>\n"
              "<p>We will <strong>facilitate</strong> access.</p>\n"
              "<pre>facilitate</pre></body></html>\n")
    report = plainlsc.check_text(source, format="html")
    hits = [f for f in report.findings if f.match == "facilitate"]
    assert hits, [f.rule for f in report.findings]
    assert {(f.line, f.column) for f in hits} == {line_col(source, "facilitate</strong>")}


def test_parser_failure_is_an_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from html.parser import HTMLParser

    def broken(self: HTMLParser, data: str) -> None:
        raise AssertionError("unknown status keyword")

    monkeypatch.setattr(HTMLParser, "feed", broken)
    with pytest.raises(InputError, match="could not be read as HTML"):
        read_html("<p>x</p>", "x.html")
