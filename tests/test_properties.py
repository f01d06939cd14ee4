"""Properties that hold for any input: checking never raises, every finding's span, ``match``,
line and column agree with the text, checking is deterministic and never writes to its input,
and no word is lost whatever the line endings or the nesting.

Example counts are modest so the file runs in well under a minute on two cores.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import plainlsc
from plainlsc.atomic import rewrite_preserving
from plainlsc.cli import main
from plainlsc.config import Config
from plainlsc.errors import InputError
from plainlsc.pipeline import analyse
from plainlsc.readers import read_bytes
from plainlsc.readers.decode import NotText, decode

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (characters) of ``offset``, computed independently of plainlsc:
    a line ends at \\n, \\r\\n or a lone \\r (an offset between \\r and \\n is on the first)."""
    line, start, i = 1, 0, 0
    while i < offset:
        ch = text[i]
        if ch == "\r" and i + 1 < len(text) and text[i + 1] == "\n":
            if i + 1 == offset:
                break
            i += 2
            line, start = line + 1, i
        elif ch in "\r\n":
            i += 1
            line, start = line + 1, i
        else:
            i += 1
    return line, offset - start + 1


def assert_consistent(text: str, report: Any) -> None:
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(text), f
        assert f.match == text[f.start:f.end], f
        assert (f.line, f.column) == line_col(text, f.start), f
        assert (f.end_line, f.end_column) == line_col(text, f.end), f


# -- any text at all ---------------------------------------------------------------------------

#: Pieces that matter to readers and checks, mixed with arbitrary characters.
PIECES = [
    "the the", "facilitate", "STP", "Dear Sam,", "We", "utilise", "is done by", "you", "we",
    "XX", "[INSERT ROLE]", "\r\n", "\r", "\n", "\n\n", "# ", "> ", "- ", "* ", "1. ", "    ",
    "<!-- plainlsc-disable -->", "# plainlsc-disable-next-line", "`x`", "```\n", "&amp;",
    "&#0;", "\\*", "[a](b)", "**", "_", "|", "---", "\t", " ", ". ", "? ", "\x00", "\x0b",
    "\x0c", "\x1b", "\x85", "\u2028", "\u2029", "\ufeff", "\u200f", "\u202e", "\u0301",
    "e\u0301", "😀", "👩‍⚕️", "שלום", "مرحبا", "é", "’", "“", "\ud800", "\udfff", "\udc92",
    "\ufffd", "ǅ", "ﬁ", "İ",
]
ANY_CHAR = st.characters(exclude_categories=())  # surrogates and controls too
TEXTS = st.one_of(
    st.text(ANY_CHAR, max_size=200),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(ANY_CHAR, max_size=6)),
             max_size=60).map("".join),
)


@SETTINGS
@given(TEXTS)
def test_any_text_is_checked_without_raising_and_spans_agree(text: str) -> None:
    assert_consistent(text, plainlsc.check_text(text))


@SETTINGS
@given(TEXTS)
def test_any_markdown_is_checked_without_raising_and_spans_agree(text: str) -> None:
    assert_consistent(text, plainlsc.check_text(text, format="markdown"))


HTML_PIECES = [*PIECES, "<p>", "</p>", "<div>", "<br>", "<li>", "<h1>", "</h1>", "<script>",
               "</script>", "<!--", "-->", "&nbsp;", "&#x27;", "&#99999999;", "<b>", "</b>",
               "<a href='x'>", "</a>", "<img alt='the the'>", "<pre>", "<![CDATA[", "]]>",
               "<title>", "<table><tr><td>", "<", ">", "&", "&;", "<p title=\"the the\">"]


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(HTML_PIECES), st.text(ANY_CHAR, max_size=6)),
                max_size=80).map("".join))
def test_any_html_is_checked_without_raising_and_spans_agree(text: str) -> None:
    assert_consistent(text, plainlsc.check_text(text, format="html"))


def test_unusual_digits_do_not_crash_the_check() -> None:
    report = plainlsc.check_text("Call \U00010e60 now.")
    assert report.scores is not None


@SETTINGS
@given(TEXTS)
def test_checking_is_deterministic(text: str) -> None:
    for fmt in ("text", "markdown"):
        first, second = plainlsc.check_text(text, fmt), plainlsc.check_text(text, fmt)
        assert first.findings == second.findings
        assert first.to_dict() == second.to_dict()


@SETTINGS
@given(TEXTS)
def test_any_bytes_from_any_text_decode_or_are_refused(text: str) -> None:
    """Lone surrogates written with ``surrogatepass`` are not UTF-8: never a crash, and text
    that is valid UTF-8 comes back exactly."""
    data = text.encode("utf-8", "surrogatepass")
    try:
        decoded, encoding = decode(data)
    except NotText:
        return
    assert isinstance(decoded, str)
    try:
        exact = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    if not exact.startswith("\ufeff"):
        assert (decoded, encoding) == (exact, "utf-8")
    try:
        report = analyse(read_bytes(data, "text", "x.txt"), Config())
    except InputError:
        return
    assert_consistent(decoded, report)


# -- no word lost, whatever the line endings and nesting ---------------------------------------

WORDS = ["we", "will", "call", "you", "soon", "about", "your", "visit", "to", "clinic", "and",
         "our", "team", "next", "week", "please", "bring", "letter", "with", "for"]


@st.composite
def documents(draw: Any, markdown: bool) -> tuple[str, list[int]]:
    """A document of paragraphs (or Markdown list items, quotes, headings), some holding
    "the the"; returns the text and the offsets where "the the" was put."""
    endings = draw(st.sampled_from([["\n"], ["\r\n"], ["\r"], ["\n", "\r\n", "\r"]]))
    prefixes = ["", "- ", "> ", "1. ", "> - ", "- > "] if markdown else ["", "- "]
    blocks, wanted, offset = [], [], 0
    for _ in range(draw(st.integers(1, 6))):
        prefix = draw(st.sampled_from(prefixes))
        # a word stream with no word twice in a row (that would be a real repeated word)
        steps = draw(st.lists(st.integers(1, len(WORDS) - 1), min_size=14 * 3, max_size=60))
        stream, index = [], 0
        for step in steps:
            index = (index + step) % len(WORDS)
            stream.append(WORDS[index])
        n_lines = draw(st.integers(1, 3))
        size = len(stream) // n_lines
        lines = []
        for i in range(n_lines):
            words = stream[i * size:(i + 1) * size]
            if draw(st.booleans()):
                words.insert(draw(st.integers(1, len(words) - 1)), "the the")
            lead = prefix if i == 0 else " " * len(prefix) if markdown else ""
            lines.append(lead + " ".join(words) + ("." if i == n_lines - 1 else ""))
        block = lines[0]
        for line in lines[1:]:  # one kind of line ending, or a mixture
            block += draw(st.sampled_from(endings)) + line
        start = 0
        while (found := block.find("the the", start)) >= 0:
            wanted.append(offset + found)
            start = found + 1
        gap = draw(st.sampled_from(endings)) + draw(st.sampled_from(endings))
        blocks.append(block + gap)
        offset += len(block) + len(gap)
    return "".join(blocks), wanted


def _no_word_lost(text: str, wanted: list[int], fmt: str) -> None:
    report = plainlsc.check_text(text, fmt)
    assert_consistent(text, report)
    found = [(f.start, f.match) for f in report.findings if f.rule == "repeated-word"]
    assert found == [(start, "the the") for start in wanted]


@SETTINGS
@given(documents(markdown=False))
def test_plain_text_loses_no_word(doc: tuple[str, list[int]]) -> None:
    _no_word_lost(*doc, "text")


@SETTINGS
@given(documents(markdown=True))
def test_markdown_loses_no_word(doc: tuple[str, list[int]]) -> None:
    _no_word_lost(*doc, "markdown")


# -- checking never writes to its input ----------------------------------------------------------

def _snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_mode)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_checking_never_writes_to_the_input(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / ".plainlsc.toml").write_text('profile = "govuk"\n', encoding="utf-8")
    (folder / ".gitignore").write_text("skip/\n", encoding="utf-8")
    (folder / "letter.txt").write_bytes("Dear Sam,\r\n\r\nWe’ll facilitate the the visit."
                                        "\r\n".encode("cp1252"))
    (folder / "page.md").write_text("# Hello\n\nWe utilise STP funds.\n", encoding="utf-8")
    (folder / "sub" / "page.html").write_text("<p>We facilitate the the plan.</p>",
                                              encoding="utf-8")
    (folder / "sub" / "notes.py").write_text("x = 1\n", encoding="utf-8")
    (folder / "sub" / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    old = 1_000_000_000_000_000_000  # fixed, old mtimes: any rewrite would show
    for path in folder.rglob("*"):
        os.utime(path, ns=(old, old))
    before = _snapshot(folder)
    out = tmp_path / "out" / "report.html"
    out.parent.mkdir()
    assert main(["check", str(folder)]) == 2
    assert main(["check", "--format", "json", str(folder)]) == 2
    assert main(["report", str(folder), "-o", str(out)]) == 2
    capsys.readouterr()
    assert out.is_file()
    assert _snapshot(folder) == before
    assert sorted(p.name for p in folder.rglob("*")) == sorted(
        [".plainlsc.toml", ".gitignore", "letter.txt", "page.md", "sub", "page.html",
         "notes.py", "bad.txt"])


# -- rewriting keeps a file's bytes -------------------------------------------------------------

CP1252_TEXT = st.text(st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyz ABCXYZ.,;:!?'-") + list("’‘“”–—…£€éèêàçñö½°")),
    min_size=1, max_size=300)


@settings(max_examples=40, deadline=None)
@given(text=st.one_of(CP1252_TEXT, st.text(max_size=200)),
       codec=st.sampled_from([("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"),
                              ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                              ("cp1252", b""), ("latin-1", b"")]),
       ending=st.sampled_from(["\n", "\r\n", "\r"]))
def test_rewriting_the_text_as_read_changes_no_byte(text: str, codec: tuple[str, bytes],
                                                    ending: str) -> None:
    """Read a file as plainlsc reads it and write that text back: the same bytes, whatever the
    encoding, BOM and line endings; or a refusal that leaves the file as it was."""
    name, bom = codec
    text = ending.join(text.replace("\r", "").split("\n"))
    try:
        data = bom + text.encode(name)
    except UnicodeEncodeError:
        assume(False)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.txt"
        path.write_bytes(data)
        try:
            read, _encoding = decode(data)
        except NotText:
            with pytest.raises(InputError):
                rewrite_preserving(path, "anything")
            assert path.read_bytes() == data
            return
        with contextlib.suppress(InputError):  # a refusal is fine; a change is not
            rewrite_preserving(path, read)
        assert path.read_bytes() == data
        assert sorted(os.listdir(folder)) == ["doc.txt"]


@settings(max_examples=40, deadline=None)
@given(CP1252_TEXT.filter(lambda t: any(ord(c) > 127 for c in t)))
def test_word_text_in_windows_1252_reads_back_exactly(text: str) -> None:
    """What Word's "save as text" writes (Windows-1252, curly quotes, dashes, £ and €) is read
    back as Windows-1252, however short or long, never as some other code page. (Unless the
    bytes happen to be valid UTF-8, as "ç––" is: UTF-8 always wins, by design.)"""
    data = text.encode("cp1252")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        assert decode(data) == (text, "cp1252")
    else:
        assume(False)
