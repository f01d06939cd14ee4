"""Fuzz ``check_text`` with random documents built from the pieces that have broken positions
before: entities (named, numeric, bogus), backslash escapes, inline HTML, emphasis, links and
images, comments holding disable switches, tables, every line ending, control characters and
lone surrogates, in Markdown, HTML and plain text.

Whatever the input, every finding must point at real text: ``match`` is non-empty and equals
the source the pipeline holds (``FileReport.source``) at ``[start:end]``, and its line and
column, computed here independently, agree with those offsets. Example counts are modest so the
file runs in well under a minute on two cores.
"""

from __future__ import annotations

from helpers import offset_line_col
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plainlsc.findings import FileReport
from plainlsc.pipeline import check_text

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: Words and phrases that rules flag, so that most documents have findings to test.
TRIGGERS = ["We will utilise the clinic", "in order to", "facilitate", "the the",
            "the Integrated Care Board (ICB)", "the ICB", "commence", "NHS", "café", "Café"]
ENTITIES = ["&eacute;", "&amp;", "&copy;", "&#233;", "&#xE9;", "&#x2019;", "&nbsp;", "&lt;",
            "&zz;", "&#0;", "&#xD800;", "&#99999999;", "&amp", "&"]
LITERALS = ["é", "©", "’", "&", "<", ">", "\\", "\\*", "\\&", "*", "_", "**", "`", "~~", "|",
            "[", "]", "(", ")", "!", "#", "-", ".", ",", "?", " ", "  ", "\t"]
MARKDOWN = ["*caf&eacute;*", "**bold**", "_em_", "`code &amp; x`", "[the clinic](/clinic)",
            "![map &amp; key](map.png)", "<https://nhs.uk>", "<b>", "</b>", "<b>&copy;</b>",
            "<!-- plainlsc-disable-next-line -->", "<!-- plainlsc-disable plain-words -->",
            "<!-- plainlsc-enable -->", "# ", "## ", "> ", "- ", "1. ", "    ",
            "| a | b |\n|---|---|\n| ", "```\n", "---\n"]
HTML = ["<p>", "</p>", "<br>", "<h1>", "</h1>", "<li>", "<ul>", "</ul>", "<em>", "</em>",
        "<a href='/x'>", "</a>", "<script>var a = 1;</script>", "<style>p {}</style>",
        "<!-- x -->", "<![CDATA[x]]>", "<td>", "<table><tr><td>", "<img alt='a &amp; b'>"]
TEXT = ["# plainlsc-disable-next-line\n", "Dear Ms Patel,\n", "Yours sincerely,\n",
        "1 High Street\nLeeds LS1 1AA\n", "• "]
WORDS = ["Please", "bring", "your", "letter", "to", "the", "ward.", "café", "We", "will"]
#: Prose with entities inside markup, and the same characters written plainly.
PROSE = TRIGGERS + WORDS + ["é", "©", "&", "’", "*caf&eacute;*", "<b>&copy;</b>", "**&amp;**",
                            "_&#x2019;_", "<i>caf&#233;</i>", "*\\**", "*"]
BREAKS = ["\n", "\n\n", "\r\n", "\r", "\r\n\r\n"]
CONTROLS = ["\x00", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028", "\u2029", "\ufeff",
            "\u200b", "\ud800", "\udfff", "\ud83d", "\U0001f600"]


def documents(extra: list[str]) -> st.SearchStrategy[str]:
    """Documents of up to 60 pieces, mixing prose, markup, breaks and odd characters.

    Pieces are mostly joined by a space, as in real writing: markup glued to its neighbours
    (``word*&eacute;*``) is rarely markup at all, and the bugs hide in markup that is.
    """
    prose = st.sampled_from(PROSE)
    piece = st.one_of(
        prose, prose, prose, st.sampled_from(ENTITIES), st.sampled_from(LITERALS),
        st.sampled_from(extra), st.sampled_from(BREAKS), st.sampled_from(CONTROLS),
        st.text(max_size=6),
    )
    glue = st.sampled_from([" ", " ", " ", "", "\n"])
    return st.lists(st.tuples(piece, glue), max_size=60).map(
        lambda pairs: "".join(p + g for p, g in pairs))


def paragraphs() -> st.SearchStrategy[str]:
    """One paragraph of prose words, entities in markup and the same characters written plainly:
    where an entity decoded by the parser could be mistaken for a later plain character."""
    return st.lists(st.sampled_from(PROSE), min_size=3, max_size=30).map(" ".join)


def assert_exact(text: str, report: FileReport) -> None:
    source = report.source
    assert source is not None
    assert source == text  # check_text holds the very string it was given
    for f in report.findings:
        assert 0 <= f.start < f.end <= len(source), f
        assert f.match and f.match == source[f.start:f.end], f
        assert (f.line, f.column) == offset_line_col(source, f.start), f
        assert (f.end_line, f.end_column) == offset_line_col(source, f.end), f


@SETTINGS
@given(documents(MARKDOWN + HTML))
def test_markdown_findings_point_at_their_source(text: str) -> None:
    assert_exact(text, check_text(text, "markdown"))


@SETTINGS
@given(documents(HTML))
def test_html_findings_point_at_their_source(text: str) -> None:
    assert_exact(text, check_text(text, "html"))


@SETTINGS
@given(documents(TEXT + MARKDOWN))
def test_text_findings_point_at_their_source(text: str) -> None:
    assert_exact(text, check_text(text, "text"))


@SETTINGS
@given(paragraphs(), st.sampled_from(["markdown", "html"]))
def test_entities_in_markup_never_shift_later_findings(text: str, fmt: str) -> None:
    assert_exact(text, check_text(text, fmt))
