"""The HTML report: one self-contained page, a review with every finding highlighted where it is.

Most tests read the page with the standard library's HTML parser. The browser tests open it in
a real headless Chromium (``--dump-dom`` and ``--screenshot``: no driver needed; the page's
script runs first). To measure the laid-out page, a copy of it gets one extra inline script
that writes what it measured into the DOM. They are skipped only when no Chromium binary is
installed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from collections import defaultdict
from dataclasses import replace
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from plainlsc.cli import main
from plainlsc.errors import PlainlscError
from plainlsc.findings import FileReport, Finding, Report
from plainlsc.model import LineIndex
from plainlsc.output.report_html import (
    CSP,
    LINES,
    PALETTE,
    SHADES,
    highlight,
    look_of,
    reading_age_sentence,
    render_report,
    rule_looks,
    write_report,
)

LETTER = """\
Kestrel Vale Health Partnership
Orchard Court
Bridge Street
Kestrelford
KV2 5LD

[DATE]

Dear Mrs Mrs Patel,

Changes to your diabetes clinic

We are writing to tell you that your diabetes clinic is moving to a new building in May.

In order to facilitate the relocation of the service, and following extensive engagement \
with stakeholders across the locality, the ICB has determined that all outpatient diabetes \
appointments will henceforth be delivered from the Riverside Health Centre, which offers \
better parking, step-free access and a pharmacy on site.

Your next appointment letter will come by post. If you need to change it, please call us \
on 01632 960123.

Please bring a list of your medicines & your blood glucose meter.

Yours sincerely

Dr Amina Shah
Clinical Lead
"""

#: What the letter is written to trip: a placeholder, a repeated word, jargon, a long
#: sentence and an undefined acronym.
EXPECTED_RULES = {"placeholder", "repeated-word", "plain-words", "sentence-length",
                  "acronym-undefined"}

HOSTILE = """\
Notes for the team

Do not paste <script>alert(1)</script> into the page & check "quotes" and 'apostrophes'.
A line with <b>bold</b> tags, an &amp; entity and a link https://example.nhs.uk/page here.
"""

RULESET = SimpleNamespace(settings={"reading_age_min": 9, "reading_age_max": 11},
                          profile="nhs", rules=[], config=None)


# --------------------------------------------------------------------------------------------
# Helpers


class Marks(HTMLParser):
    """Every ``<mark>`` of a page: its attributes and all the text inside it (nested too)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[dict[str, Any]] = []
        self.open: list[dict[str, Any]] = []
        self.tags: defaultdict[str, int] = defaultdict(int)
        self.attrs: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.attrs.append((tag, dict(attrs)))
        if tag == "mark":
            mark: dict[str, Any] = {**dict(attrs), "text": []}
            self.marks.append(mark)
            self.open.append(mark)

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            assert self.open, "a </mark> without its <mark>"
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for mark in self.open:
            mark["text"].append(data)

    def by_finding(self) -> dict[str, list[dict[str, Any]]]:
        """Fragments of each finding, in page order."""
        out: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for mark in self.marks:
            if "data-finding" in mark:
                out[mark["data-finding"]].append(mark)
        return out


def parse(page: str) -> Marks:
    parser = Marks()
    parser.feed(page)
    parser.close()
    assert not parser.open, "a <mark> was never closed"
    return parser


class TextOf(HTMLParser):
    """The text inside the element with a given id."""

    VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "col", "source"})

    def __init__(self, element_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.element_id = element_id
        self.depth = 0
        self.text: list[str] = []
        self.attrs: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        if self.depth:
            self.depth += 1
        elif dict(attrs).get("id") == self.element_id:
            self.depth, self.attrs = 1, dict(attrs)

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag not in self.VOID:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)


def text_of(page: str, element_id: str) -> tuple[str, dict[str, str | None] | None]:
    parser = TextOf(element_id)
    parser.feed(page)
    return " ".join("".join(parser.text).split()), parser.attrs


def nl(text: str) -> str:
    """Line endings as the HTML parser leaves them."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def assert_highlights_match(page_marks: Marks, file_index: int, findings: list[Finding]) -> None:
    """Each finding's highlight fragments, joined, are exactly its match, with its details;
    findings about the whole document are not highlighted (they are shown with the scores)."""
    fragments = page_marks.by_finding()
    for key, finding in enumerate(findings):
        parts = fragments.get(f"{file_index}-{key}")
        if finding.document:
            assert parts is None, f"document-wide {finding.rule} is highlighted"
            continue
        assert parts, f"finding {key} ({finding.rule} {finding.match!r}) is not highlighted"
        assert "".join("".join(p["text"]) for p in parts) == nl(finding.match), finding
        assert [int(p["data-part"]) for p in parts] == list(range(len(parts)))
        assert parts[0].get("id") == f"f{file_index}-{key}"
        for part in parts:
            assert part["data-rule"] == finding.rule
            assert part["data-severity"] == finding.severity
            assert part["data-line"] == str(finding.line)
            assert part["data-column"] == str(finding.column)
            assert part["title"] == finding.message
            # One keyboard stop per finding: its first fragment.
            assert part["tabindex"] == ("0" if part["data-part"] == "0" else "-1")
    assert len(fragments) == sum(1 for f in findings if not f.document)


def finding(source: str, rule: str, needle: str, end_needle: str | None = None,
            severity: str = "warning", message: str | None = None, occurrence: int = 1,
            length: int | None = None) -> Finding:
    """A finding at the n-th ``needle`` (to the end of ``end_needle`` if given)."""
    start = -1
    for _ in range(occurrence):
        start = source.index(needle, start + 1)
    if length is not None:
        end = start + length
    elif end_needle:
        end = source.index(end_needle, start) + len(end_needle)
    else:
        end = start + len(needle)
    lines = LineIndex(source)
    line, col = lines.position(start)
    end_line, end_col = lines.position(end)
    return Finding(rule, severity, line, col, end_line, end_col, source[start:end],
                   message or f"{rule} here", (), start, end)


def hand_report(source: str, findings: list[Finding], **kwargs: Any) -> Report:
    findings = sorted(findings, key=lambda f: (f.start, f.end))
    return Report([FileReport("memo.txt", "text", None, findings, [], source=source, **kwargs)])


# --------------------------------------------------------------------------------------------
# The real pipeline, once per module


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> SimpleNamespace:
    """The letter through ``plainlsc report``, and the Report the same pipeline gives."""
    from plainlsc.pipeline import check_paths

    folder = tmp_path_factory.mktemp("report")
    letter = folder / "letter.txt"
    letter.write_text(LETTER, encoding="utf-8")
    out = folder / "report.html"
    code = main(["report", str(letter), "-o", str(out)])
    return SimpleNamespace(code=code, folder=folder, out=out, letter=letter,
                           page=out.read_text(encoding="utf-8"),
                           report=check_paths([str(letter)]))


def test_cli_writes_one_page(built: SimpleNamespace) -> None:
    assert built.code == 0
    assert built.page.startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in built.folder.iterdir()) == ["letter.txt", "report.html"]
    rules = {f.rule for f in built.report.findings}
    assert rules >= EXPECTED_RULES, f"the letter should trip {EXPECTED_RULES - rules}"


def test_page_is_self_contained(built: SimpleNamespace) -> None:
    page = built.page
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in page
    assert '<html lang="en-GB">' in page
    parsed = parse(page)
    for tag, attrs in parsed.attrs:
        for name in ("src", "href", "action", "poster", "data", "srcset", "formaction"):
            value = (attrs.get(name) or "").strip().lower()
            assert not re.match(r"(https?:)?//|[a-z][a-z0-9+.-]*:", value), (tag, name, value)
    assert parsed.tags["link"] == 0 and parsed.tags["img"] == 0 and parsed.tags["iframe"] == 0
    assert not re.search(r"url\(|@import", page), "CSS must not load anything"
    assert not re.search(r"<script[^>]*\bsrc=", page)


def test_every_finding_is_highlighted_where_it_is(built: SimpleNamespace) -> None:
    file = built.report.files[0]
    assert file.findings
    assert_highlights_match(parse(built.page), 0, file.findings)


def test_legend_and_findings_list(built: SimpleNamespace) -> None:
    findings = built.report.files[0].findings
    text, _ = text_of(built.page, "doc-0")
    assert text == " ".join(LETTER.split())  # the whole text is shown
    for key, f in enumerate(findings):
        item, attrs = text_of(built.page, f"item-0-{key}")
        assert attrs is not None and attrs["data-rule"] == f.rule
        if not f.document:
            assert item.startswith(f"{f.line}:{f.column} ")
        # Each suggestion printed once: the list adds only what the message does not give.
        flagged = f'"{f.match}"'  # the words flagged are not advice
        for suggestion in f.suggestions:
            word = rf"(?<!\w){re.escape(suggestion)}(?!\w)"
            given = len(re.findall(word, f.message.replace(flagged, "")))
            assert len(re.findall(word, item.replace(flagged, ""))) == max(given, 1), item
    counts = {rule: sum(1 for f in findings if f.rule == rule) for rule in EXPECTED_RULES}
    for rule, n in counts.items():
        legend = re.search(r'<button type="button" class="toggle k\d+" data-rule="'
                           + re.escape(rule) + r'" aria-pressed="true"[^>]*>.*?</button>',
                           built.page)
        assert legend, f"no legend entry for {rule}"
        assert f'<span class="name">{rule}</span> <span class="count">({n})</span>' \
            in legend.group(0)


def test_scores_in_plain_words(built: SimpleNamespace) -> None:
    scores = built.report.files[0].scores
    page = " ".join(built.page.split())
    assert (f"Readers need a reading age of about {round(scores.reading_age)} to follow this. "
            "The NHS aims for 9 to 11.") in page
    assert f"<dd>{scores.flesch_reading_ease:.0f} " in page
    assert f"<dd>{scores.flesch_kincaid_grade:.2f} " in page
    assert "Less reliable under 30 sentences." in page  # the letter is short
    assert f"<dd>{scores.words:,} " in page and f"<dd>{scores.sentences:,} " in page
    for word in scores.hard_words:
        assert f"<span>{word}</span>" in page


def test_hardest_sentence_comes_first(built: SimpleNamespace) -> None:
    page = built.page
    table = page[page.index("Sentences sorted by difficulty"):]
    first_row = table[table.index("<tbody><tr>"):table.index("</tr>", table.index("<tbody>"))]
    assert "In order to facilitate the relocation" in first_row
    assert 'href="#f0-s0"' in first_row
    after = page[page.index('<span class="anchor" id="f0-s0"></span>') + 39:]
    assert re.sub(r"<[^>]+>", "", after).startswith("In order to facilitate")


def test_acronym_glossary(built: SimpleNamespace) -> None:
    page = built.page
    glossary = page[page.index("<h3>Acronyms</h3>"):]
    row = glossary[glossary.index("<strong>ICB</strong>"):]
    row = row[:row.index("</tr>")]
    assert "integrated care board" in row and "line 15" in row


def test_escaping_through_the_pipeline(tmp_path: Path) -> None:
    memo = tmp_path / "memo.txt"
    memo.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "out.html"
    assert main(["report", str(memo), "-o", str(out)]) in (0, 1)
    page = out.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert" not in page and "<b>bold" not in page
    assert "&amp;amp; entity" in page and "page &amp; check" in page
    parsed = parse(page)
    assert parsed.tags["script"] == 1  # ours only
    assert parsed.tags["b"] == 0
    body, _ = text_of(page, "doc-0")
    assert body == " ".join(HOSTILE.split())  # the reader sees the text exactly as written


def test_each_suggestion_is_printed_once() -> None:
    source = "A number of patients will be contacted in due course.\n"
    given = finding(source, "wordy-phrase", "A number of",
                    message='"A number of": say "some" or "several" or (give the number)')
    given = replace(given, suggestions=("some", "several", "(give the number)"))
    extra = finding(source, "wordy-phrase", "in due course", message='"in due course": cut it')
    extra = replace(extra, suggestions=("soon", "later"))
    page = render_report(hand_report(source, [given, extra]), RULESET)
    first, _ = text_of(page, "item-0-0")
    assert "Try" not in first and first.count("(give the number)") == 1
    second, _ = text_of(page, "item-0-1")  # near miss: not in the message, so offered once
    assert second.endswith("Try: “soon”, “later”.")


def test_escaping_messages_and_rule_ids() -> None:
    source = "Fish & chips <now>.\n"
    f = finding(source, 'odd"rule<x>', "& chips", message='He said "<b>no</b>" & left')
    page = render_report(hand_report(source, [f]), RULESET)
    assert 'title="He said &quot;&lt;b&gt;no&lt;/b&gt;&quot; &amp; left"' in page
    assert 'data-rule="odd&quot;rule&lt;x&gt;"' in page
    assert_highlights_match(parse(page), 0, [f])


# --------------------------------------------------------------------------------------------
# Overlapping findings


OVERLAP = ("In order to facilitate the relocation of the service the board has decided that "
           "all appointments will henceforth be delivered at the new centre.\nNext line.\n")


def overlap_findings() -> list[Finding]:
    s = OVERLAP
    return [
        finding(s, "sentence-length", "In order to", "centre."),           # contains all
        finding(s, "wordy-phrase", "In order to", severity="suggestion"),
        finding(s, "plain-words", "facilitate", severity="suggestion"),
        finding(s, "hidden-verb", "the relocation of"),
        finding(s, "passive-voice", "will henceforth be delivered"),
        finding(s, "plain-words", "henceforth", severity="suggestion"),
        finding(s, "hard-words", "decided that all appointments", "henceforth"),  # crosses
        finding(s, "same-span-a", "centre."),                                   # same span
        finding(s, "same-span-b", "centre.", severity="error"),
        finding(s, "point", "\nNext", length=0),                                # zero length
        finding(s, "across-lines", "centre.", "Next"),                          # crosses \n
    ]


def test_overlapping_spans_render_every_finding() -> None:
    findings = sorted(overlap_findings(), key=lambda f: (f.start, f.end))
    report = hand_report(OVERLAP, findings)
    page = render_report(report, RULESET)
    marks = parse(page)
    assert_highlights_match(marks, 0, report.files[0].findings)
    parts = {findings[int(k.split("-")[1])].rule: len(v) for k, v in marks.by_finding().items()}
    assert parts["sentence-length"] == 1  # containment never splits
    assert parts["wordy-phrase"] == parts["plain-words"] == 1
    assert parts["hard-words"] + parts["passive-voice"] == 3  # a real crossing: one splits
    text, _ = text_of(page, "doc-0")
    assert text == " ".join(OVERLAP.split())


def test_outer_marks_get_deeper_underlines() -> None:
    findings = sorted(overlap_findings()[:3], key=lambda f: (f.start, f.end))
    page = render_report(hand_report(OVERLAP, findings), RULESET)
    classes = {m["data-rule"]: m["class"].split() for m in parse(page).marks}
    assert "h1" in classes["sentence-length"]
    assert not any(c.startswith("h") for c in classes["plain-words"])


def test_highlight_nests_and_splits() -> None:
    def tag(key: int, part: int, height: int) -> str:
        return f"<{key}.{part}.{height}>"

    out = highlight("abcdefgh", [(0, 8, 0), (1, 3, 1), (2, 5, 2), (6, 6, 3)], tag)
    out = out.replace("</mark>", "|")
    assert out == "<0.0.2>a<1.0.1>b<2.0.0>c||<2.1.0>de|f<3.0.0>|gh|"


def test_highlight_without_spans_is_escaped_text() -> None:
    assert highlight("a < b & c", [], lambda *a: "") == "a &lt; b &amp; c"
    assert highlight("", [], lambda *a: "") == ""


def test_bad_offsets_fall_back_to_line_and_column() -> None:
    source = "First line.\nThe ICB meets.\n"
    good = finding(source, "acronym-undefined", "ICB")
    moved = Finding(good.rule, good.severity, good.line, good.column, good.end_line,
                    good.end_column, good.match, good.message, (), 0, 0)
    lost = Finding("ghost", "warning", 9, 9, 9, 12, "nowhere", "not in the text", (), 3, 7)
    page = render_report(hand_report(source, [moved, lost]), RULESET)
    marks = parse(page)
    assert ["".join(m["text"]) for m in marks.marks] == ["ICB"]
    item, _ = text_of(page, "item-0-1")
    assert "not in the text" in item and 'href="#f0-1"' not in page


# --------------------------------------------------------------------------------------------
# Words, colours, unreadable files, writing


@pytest.mark.parametrize(("profile", "target", "expected"), [
    ("nhs", (9, 11), "Readers need a reading age of about 14 to follow this. "
                     "The NHS aims for 9 to 11."),
    ("govuk", (9, 9), "Readers need a reading age of about 14 to follow this. GOV.UK aims for 9."),
    ("pec", (9, 12), "Readers need a reading age of about 14 to follow this. "
                     "This profile aims for 9 to 12."),
])
def test_reading_age_sentence(profile: str, target: tuple[int, int], expected: str) -> None:
    assert reading_age_sentence(13.6, target, profile) == expected


def test_rule_looks_put_the_important_rules_first() -> None:
    source = "Please call [NAME] to facilitate a facilitated review.\n"
    findings = [finding(source, "plain-words", "facilitate", severity="warning"),
                finding(source, "plain-words", "facilitated", severity="warning"),
                finding(source, "placeholder", "[NAME]", severity="error"),
                finding(source, "passive-voice", "a facilitated", severity="suggestion")]
    looks = rule_looks(findings)
    assert looks == {"placeholder": 0, "plain-words": 1, "passive-voice": 2}
    assert rule_looks(reversed(findings)) == looks
    # Rules that mark whole sentences come after those that underline words.
    assert rule_looks(findings, {"passive-voice", "plain-words"}) == {
        "plain-words": 0, "passive-voice": 1, "placeholder": 2}
    # Up to 24 rules on one page never share a look: 8 inks, then dashed, then dotted.
    many = {look_of(n) for n in range(len(PALETTE) * len(LINES))}
    assert len(many) == len(PALETTE) * len(LINES)
    assert look_of(0) == (PALETTE[0], "solid") and look_of(len(PALETTE)) == (PALETTE[0], "dashed")


def test_unreadable_file_is_noted(tmp_path: Path) -> None:
    out = tmp_path / "out.html"
    missing = tmp_path / "gone.txt"
    present = tmp_path / "here.txt"
    present.write_text("We will see you soon.\n", encoding="utf-8")
    assert main(["report", str(present), str(missing), "-o", str(out)]) == 2
    page = out.read_text(encoding="utf-8")
    assert "could not be read" in page and "gone.txt" in page and "here.txt" in page


def test_no_findings_and_no_prose() -> None:
    report = Report([FileReport("blank.txt", "text", None, [], [], source="")])
    page = render_report(report, RULESET)
    assert "No problems found." in page and "Nothing urgent" in page
    parse(page)


def test_write_report_replaces_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "report.html"
    out.write_text("old", encoding="utf-8")
    report = hand_report("Hello.\n", [])
    write_report(report, out, RULESET)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    out.write_text("old", encoding="utf-8")
    monkeypatch.setattr("os.replace", broken)
    with pytest.raises(PlainlscError, match="No space left"):
        write_report(report, out, RULESET)
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_write_report_into_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(PlainlscError, match="cannot write"):
        write_report(hand_report("Hi.\n", []), tmp_path / "no" / "r.html", RULESET)


# --------------------------------------------------------------------------------------------
# A real browser


def chromium() -> str | None:
    """A Chromium or Chrome binary: $PLAINLSC_CHROMIUM, or one on PATH."""
    names = (os.environ.get("PLAINLSC_CHROMIUM"), "chromium", "chromium-browser",
             "google-chrome", "google-chrome-stable")
    return next((found for name in names if name and (found := shutil.which(name))), None)


def dump_dom(browser: str, url: str, tmp: Path) -> tuple[str, str]:
    """The DOM after the page's script ran, and the browser's log (console lines included)."""
    profile = tmp / "profile"
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-quic", "--disable-extensions", "--no-default-browser-check",
           f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
           "--dump-dom", url]
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp / "config"),
           "XDG_CACHE_HOME": str(tmp / "cache")}
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=180, env=env,
                          check=False)
    assert proc.returncode == 0 and "<html" in proc.stdout, proc.stderr[-2000:]
    return proc.stdout, proc.stderr


def console_lines(log: str) -> list[str]:
    return [line for line in log.splitlines() if ":CONSOLE" in line]


def test_highlights_in_a_real_browser(built: SimpleNamespace, tmp_path: Path) -> None:
    browser = chromium()
    if browser is None:
        pytest.skip("no Chromium binary found (install chromium or set PLAINLSC_CHROMIUM)")
    findings = built.report.files[0].findings
    dom, log = dump_dom(browser, built.out.as_uri(), tmp_path)
    assert console_lines(log) == [], "the page logged errors or was refused something"
    assert 'data-js="ready"' in dom.split(">", 2)[1], "the page's script did not finish"
    assert_highlights_match(parse(dom), 0, findings)
    text, _ = text_of(dom, "doc-0")
    assert text == " ".join(LETTER.split())

    # A link to one finding opens the panel with its message (the script's click path).
    key = next(i for i, f in enumerate(findings) if f.rule == "plain-words")
    dom, log = dump_dom(browser, f"{built.out.as_uri()}#f0-{key}", tmp_path)
    assert console_lines(log) == []
    panel, attrs = text_of(dom, "panel")
    assert attrs is not None and "hidden" not in attrs
    assert " ".join(findings[key].message.split()) in panel
    assert f"Line {findings[key].line}, column {findings[key].column}" in panel


def test_hardest_sentences_are_graded_as_the_hard_sentence_rule_grades_them() -> None:
    """A number counts as two syllables in both, so "01632 960250" does not make the report
    call a sentence harder than the rule does."""
    from plainlsc.config import Config
    from plainlsc.pipeline import check_text
    from plainlsc.scoring.sentences import hardest as rank_sentences

    text = ("Ring 01632 960250 or 01632 960777 between 0830 and 1730 to rearrange your "
            "appointment with the physiotherapy department.\n\nWe will see you soon.\n")
    # hard-sentence is off by default; switched on here as a team would
    file = check_text(text, config=Config(rule_options=(("hard-sentence",
                                                         (("enabled", True),)),)))
    [finding] = [f for f in file.findings if f.rule == "hard-sentence"]
    [hardest] = rank_sentences(file.sentences, min_words=8)
    assert hardest.line == finding.line == 1
    assert f"reading age of about {hardest.reading_age};" in finding.message


# --------------------------------------------------------------------------------------------
# The review: a realistic partnership letter with the faults such letters have


PARTNERSHIP = """\
Wyvern and Northmoor Health and Care Partnership
Level 3, Mill House
Canal Wharf
Northmoor
NM4 7QP

XX March 2026

Dear Councillor Councillor Okafor,

Update on the work of the partnership

I am writing to give you an update on the work of the partnership across Wyvern and Northmoor \
over the last six months and to set out the key priorities that partners have agreed for the \
coming year.

As you will know, the Wyvern and Northmoor ICS is one of the systems established across the \
country to bring together the NHS, local councils and the voluntary sector in order to improve \
health and wellbeing outcomes for local people and to address the considerable challenges that \
are faced by services in our area.

A great deal of work has been undertaken by stakeholders since the spring. Our key \
deliverables for this year are:

- integrated community teams in every neighbourhood
- a single point of access for urgent referrals from GPs and care homes
- more support for carers and for people leaving hospital
- better joined up care for people with long-term conditions
- new digital tools so that residents can book and change appointments
- a workforce plan that helps us to recruit and keep staff
- a review of musculoskeletal services across the two counties
- a shared care record for health and/or social care staff

We have made good progress. Waiting times for community physiotherapy have fallen. More people \
are being seen at home. Carers told us that the new support line is easy to use.

The PCN leads have been working with acute colleagues to facilitate the transition of \
integrated discharge pathways, and it is anticipated that the new model will be operational \
across all localities by the end of the financial year, subject to the outcome of the ongoing \
engagement process with key stakeholders.

Some decisions have not yet been made. Options for the future of the community hospital beds \
in Northmoor are being considered, and residents will be asked for their views before any \
changes are agreed.

Partners have agreed that the transformation programme will prioritise preventative \
interventions, population health management capabilities and the reconfiguration of \
intermediate care provision. The financial sustainability of the system remains a considerable \
challenge, and organisations will be required to demonstrate measurable efficiencies through \
collaborative commissioning arrangements. Additionally, the clinical reference group has \
recommended the standardisation of referral criteria for community rehabilitation, which will \
necessitate consultation with professional representatives. Locality leadership boards will \
continue to oversee implementation, providing assurance to the partnership executive regarding \
delivery against agreed trajectories.

We would welcome the opportunity to meet with you to discuss the programme in more detail. \
Please contact my office on 01632 960431 to arrange a date that suits you.

Yours sincerely,

Dr Helen Marsh
[INSERT ROLE]
Wyvern and Northmoor Health and Care Partnership
"""

#: The same kind of news, written plainly: nothing to fix first, nothing shaded.
PLAIN = """\
Dear Mrs Okafor,

Your new community team

From April, one team of nurses, therapists and carers will look after you at home. You will \
have one phone number for all of them. If you need help at night, the same number works.

We asked 200 people what they wanted. Most said they wanted fewer phone calls and one person \
who knows them. So each patient will have a named nurse.

If you have questions, please call us on 01632 960431.

Yours sincerely,

Helen Marsh
"""


@pytest.fixture(scope="module")
def review(tmp_path_factory: pytest.TempPathFactory) -> SimpleNamespace:
    """The partnership letter through ``plainlsc report`` and ``plainlsc check --format json``."""
    from plainlsc.pipeline import check_paths

    folder = tmp_path_factory.mktemp("review")
    letter = folder / "partnership.txt"
    letter.write_text(PARTNERSHIP, encoding="utf-8")
    out = folder / "report.html"
    assert main(["report", str(letter), "-o", str(out)]) == 0
    report = check_paths([str(letter)])
    return SimpleNamespace(out=out, letter=letter, page=out.read_text(encoding="utf-8"),
                           report=report, file=report.files[0])


def section(page: str, element_id: str) -> str:
    """The HTML of the ``<section>`` with this id (sections in the report do not nest here)."""
    start = page.index(f'<section class="fixfirst" id="{element_id}"')
    return page[start:page.index("</section>", start)]


def test_fix_first_comes_before_the_text_and_names_the_errors(review: SimpleNamespace) -> None:
    page = review.page
    assert page.index('id="fix-0"') < page.index('id="doc-0"') < page.index("Problems by rule")
    panel = section(page, "fix-0")
    items = re.findall(r"<li class=\"k\d+ why-([a-z-]+)\">(.*?)</li>", panel)
    reasons = [reason for reason, _ in items]
    assert reasons[:2] == ["error", "error"], reasons
    text = " ".join(re.sub(r"<[^>]+>", "", body) for _, body in items)
    assert "[INSERT ROLE]" in text and "XX March 2026" in text
    assert "Councillor Councillor" in text  # a safe fix
    assert "hard-sentence" in reasons  # the hardest sentence, with its reading age
    uses = sum(1 for f in review.file.findings if f.match.lower() == "key")
    assert uses >= 2 and f"&ldquo;key&rdquo;</strong>, used {uses} times" in panel  # jargon
    # Every entry links to a place on the page that exists.
    for href in re.findall(r'href="#([^"]+)"', panel):
        assert f'id="{href}"' in page, href


def test_nothing_to_fix_first_in_a_plain_letter(tmp_path: Path) -> None:
    letter = tmp_path / "plain.txt"
    letter.write_text(PLAIN, encoding="utf-8")
    out = tmp_path / "plain.html"
    assert main(["report", str(letter), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    panel = section(page, "fix-0")
    assert "why-error" not in panel and "why-jargon" not in panel
    assert 'class="shade' not in page.split('id="doc-0"')[1]  # no sentence is shaded


def test_document_findings_are_shown_with_the_scores(review: SimpleNamespace) -> None:
    whole = [f for f in review.file.findings if f.document]
    assert [f.rule for f in whole] == ["readability"]
    page = review.page
    box = page[page.index("<h3>Reading age</h3>"):page.index('id="doc-0"')]
    assert f"readability</code> {whole[0].message}" in box.replace("&quot;", '"')
    assert 'data-rule="readability" data-severity' not in page  # not a highlight


def working_numbers(page: str) -> tuple[list[float], str, int]:
    """The numbers of the reading-age working, the sign used, and the 'about N' it ends on."""
    paragraph = re.search(r'<p class="working">(.*?)</p>', page)
    assert paragraph, "no reading-age working on the page"
    text = re.sub(r"<[^>]+>", "", paragraph.group(1)).replace("&divide;", "/")
    numbers = [float(n) for n in re.findall(r"\d+\.\d\d", text)]
    sign = "≈" if "&asymp;" in text else "="
    about = int(re.search(r"about (\d+)\.$", text).group(1))  # type: ignore[union-attr]
    return numbers, sign, about


def test_reading_age_arithmetic_adds_up_for_a_short_letter(review: SimpleNamespace) -> None:
    scores = review.file.scores
    assert not scores.smog_reliable  # under 30 sentences: the mean of SMOG and FK
    (smog, fk, grade, grade_again, age), sign, about = working_numbers(review.page)
    assert (smog, fk) == (scores.smog_index, scores.flesch_kincaid_grade)  # as in the table
    assert f"<dd>{smog:.2f} " in review.page and f"<dd>{fk:.2f} " in review.page
    assert abs((smog + fk) / 2 - grade) <= (0.005 + 1e-9 if sign == "=" else 0.0101)
    assert grade == grade_again and round(grade + 5, 2) == age == scores.reading_age
    headline = re.search(r"reading age of about (\d+) to follow", review.page)
    assert headline and int(headline.group(1)) == about == round(age)


def scores_for(**values: Any) -> Any:
    from plainlsc.scoring import Scores

    base = dict(flesch_reading_ease=40.0, flesch_kincaid_grade=12.0, smog_index=14.6,
                gunning_fog=13.0, coleman_liau_index=13.0, automated_readability_index=13.0,
                dale_chall=8.0, reading_age=19.6, words=1500, sentences=70, syllables=2500,
                polysyllabic_words=280, avg_sentence_length=21.4, smog_reliable=True)
    base.update(values)
    return Scores(**base)


@pytest.mark.parametrize("scores", [
    scores_for(),  # 30 sentences or more: SMOG alone
    scores_for(smog_index=14.61, reading_age=19.6),  # stored grades rounded apart
    scores_for(smog_reliable=False, sentences=20, smog_index=9.13, flesch_kincaid_grade=6.8,
               reading_age=12.97),
])
def test_reading_age_arithmetic_adds_up(scores: Any) -> None:
    file = FileReport("memo.txt", "text", scores, [], [], source="Hello there.\n")
    page = render_report(Report([file]), RULESET)
    numbers, sign, about = working_numbers(page)
    age = numbers[-1]
    grade = numbers[-2]
    assert age == scores.reading_age and round(grade + 5, 2) == age
    source = numbers[0] if scores.smog_reliable else (numbers[0] + numbers[1]) / 2
    assert abs(source - grade) <= (0.005 + 1e-9 if sign == "=" else 0.0101)
    assert about == round(scores.reading_age)
    assert f"reading age of about {about} to follow" in page


def test_reading_age_never_below_five_says_so() -> None:
    scores = scores_for(smog_reliable=False, sentences=3, smog_index=3.13,
                        flesch_kincaid_grade=-8.0, reading_age=5.0)
    page = render_report(Report([FileReport("a.txt", "text", scores, [], [], source="Hi.\n")]),
                         RULESET)
    working = re.sub(r"<[^>]+>", "", re.search(r'<p class="working">(.*?)</p>', page).group(1))
    assert "never below 5, so it is 5.00, which is about 5." in working


# --------------------------------------------------------------------------------------------
# Shading and colours


def graded(text: str, start: int, grade: float, words: int | None = None) -> Any:
    from plainlsc.scoring.sentences import SentenceScore

    return SentenceScore(text, start, start + len(text), 1, words or len(text.split()), grade)


def test_shading_takes_the_hardest_sentences_within_the_budget() -> None:
    from plainlsc.review.shading import shade

    sentences = [
        graded("We will see you at home from April onwards this year.", 0, 4.0),
        graded("The reconfiguration of integrated provision necessitates considerable "
               "organisational transformation activity.", 60, 22.0),
        graded("Multidisciplinary teams will operationalise the anticipated improvements in "
               "community provision.", 180, 17.5),
        graded("Stakeholder engagement activities will inform subsequent commissioning "
               "decisions across the locality footprint.", 300, 14.0),
        graded("Rehabilitation.", 420, 40.0),  # a heading: too short to shade
    ]
    result = shade(sentences, hard_grade=12, share=0.6)
    assert (result.total, result.hard, result.very_hard) == (5, 3, 2)
    shaded = [(s.sentence.start, s.level) for s in result.shades]
    total = sum(s.end - s.start for s in sentences)
    assert sum(s.sentence.end - s.sentence.start for s in result.shades) <= 0.6 * total
    assert shaded == [(60, "very-hard"), (180, "very-hard")]  # hardest first, page order
    assert result.left_out == 1
    # Near miss: the easy sentence and the one-word heading are never shaded.
    assert shade(sentences[:1] + sentences[-1:], hard_grade=12).shades == []


def test_findings_about_a_whole_sentence() -> None:
    from plainlsc.review.shading import sentence_level

    source = ("Your clinic is moving. From May, the diabetes clinic will be at Riverside Health "
              "Centre, which has parking.\n")
    sentences = [graded("Your clinic is moving.", 0, 3.0),
                 graded(source[23:-1], 23, 9.0)]
    findings = [finding(source, "sentence-length", "From May", "parking."),
                finding(source, "plain-words", "Riverside"),
                finding(source, "passive-voice", "will be at")]
    assert sentence_level(findings, sentences) == {0}


def test_palette_is_told_apart_with_colour_blindness() -> None:
    """Every pair of rule inks stays at least 12 CIEDE2000 units apart (clearly different at a
    glance) in normal vision and in simulated protanopia, deuteranopia and tritanopia, and
    from the text colour; each ink is at least 3:1 on white (WCAG non-text contrast). The two
    sentence shades stay apart from each other and from the page, with dark text on both."""
    from colour_vision import contrast, delta_e, views

    text = "#1b1b1b"
    seen = {ink: views(ink) for ink in (*PALETTE, text)}
    for i, a in enumerate(seen):
        for b in list(seen)[i + 1:]:
            for vision in seen[a]:
                distance = delta_e(seen[a][vision], seen[b][vision])
                assert distance >= 12, f"{a} and {b} are {distance:.1f} apart in {vision}"
    for ink in PALETTE:
        assert contrast(ink, "#ffffff") >= 3, ink
    hard, very = views(SHADES["hard"]), views(SHADES["very-hard"])
    white = views("#ffffff")
    for vision in hard:
        assert delta_e(hard[vision], very[vision]) >= 10, vision
        assert delta_e(hard[vision], white[vision]) >= 8, vision
    for shade_colour in SHADES.values():
        assert contrast(text, shade_colour) >= 7


def test_colour_check_catches_a_red_green_pair() -> None:
    """Near miss for the palette test: a red and a green that differ plainly in normal vision
    come within 12 units with deuteranopia, so the test above would fail on them."""
    from colour_vision import delta_e, views

    red, green = views("#d62728"), views("#2ca02c")
    assert delta_e(red["normal vision"], green["normal vision"]) > 40
    assert delta_e(red["deuteranopia"], green["deuteranopia"]) < 12
    # The CIEDE2000 code against a published test pair (Sharma, Wu and Dalal 2005, pair 1).
    assert round(delta_e((50, 2.6772, -79.7751), (50, 0, -82.7485)), 4) == 2.0425


def test_each_rule_on_the_page_has_its_own_look(review: SimpleNamespace) -> None:
    looks = dict(re.findall(r'class="toggle k(\d+)" data-rule="([^"]+)"', review.page))
    assert len(looks) == len(set(looks.values()))  # one look per rule...
    css = {k: (ink, line) for k, ink, line in re.findall(
        r"\.k(\d+) \{ --ink: (#[0-9a-f]{6}); --stroke: (\w+);", review.page)}
    drawn = {css[k] for k in looks}
    assert len(drawn) == len(looks)  # ...and no two looks are drawn alike


# --------------------------------------------------------------------------------------------
# The review in a real browser: layout, keyboard, filter, screenshots

#: A harness page holding the report in an iframe exactly ``width`` CSS pixels wide (a headless
#: window has a minimum width, an iframe does not; ``srcdoc`` keeps it same-origin). Once the
#: report has loaded (its own script has run), this measures the laid-out page and the script's
#: behaviour, and writes the results as JSON into the harness for --dump-dom to return.
HARNESS = """<!DOCTYPE html>
<html><head><meta charset="utf-8"></head><body style="margin:0">
<iframe id="report" style="width:%(width)dpx;height:2400px;border:0"></iframe>
<script>
var frame = document.getElementById("report");
frame.addEventListener("load", function () {
  var w = frame.contentWindow, d = frame.contentDocument, out = {};
  var doc = d.getElementById("doc-0");
  var fix = d.getElementById("fix-0");
  out.ready = d.documentElement.getAttribute("data-js");
  out.innerWidth = w.innerWidth;
  out.scrollWidth = d.documentElement.scrollWidth;
  out.fixBeforeText = !!(fix.compareDocumentPosition(doc) & w.Node.DOCUMENT_POSITION_FOLLOWING);
  out.fixTop = fix.getBoundingClientRect().top;
  out.textTop = doc.getBoundingClientRect().top;
  var shaded = 0;
  doc.querySelectorAll(".shade").forEach(function (s) {
    if (!s.parentElement.closest(".shade")) { shaded += s.textContent.length; }
  });
  out.shaded = shaded;
  out.text = doc.textContent.length;
  out.marks = Array.prototype.map.call(doc.querySelectorAll("mark[data-finding]"), function (m) {
    var style = w.getComputedStyle(m, m.classList.contains("wide") ? "::before" : null);
    return {finding: m.dataset.finding, part: m.dataset.part, rule: m.dataset.rule,
            wide: m.classList.contains("wide"),
            look: m.classList.contains("wide")
              ? style.borderTopColor + " " + style.borderTopStyle + " " + style.backgroundColor
              : style.borderBottomColor + " " + style.borderBottomStyle};
  });
  /* The focus ring: a rule for a focused mark that draws an outline. */
  out.focusRing = Array.prototype.some.call(d.styleSheets, function (sheet) {
    return Array.prototype.some.call(sheet.cssRules, function (rule) {
      return rule.selectorText && /mark:focus/.test(rule.selectorText) &&
        /solid/.test(rule.style.getPropertyValue("outline"));
    });
  });
  function press(key) {
    d.body.dispatchEvent(new w.KeyboardEvent("keydown", {key: key, bubbles: true}));
    return d.activeElement.id;
  }
  out.keys = [press("j"), press("j"), press("k")];
  var button = d.querySelector('ul.legend button[data-rule="plain-words"]');
  button.click();
  out.filtered = {
    pressed: button.getAttribute("aria-pressed"),
    hidden: doc.querySelectorAll('mark[data-rule="plain-words"].off').length,
    shown: doc.querySelectorAll('mark[data-rule="plain-words"]:not(.off)').length,
    others: doc.querySelectorAll('mark:not([data-rule="plain-words"]).off').length,
    group: w.getComputedStyle(d.querySelector('section.group[data-rule="plain-words"]'))
      .display};
  button.click();
  out.restored = doc.querySelectorAll("mark.off").length;
  var pre = document.createElement("pre");
  pre.id = "measure";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
frame.srcdoc = %(page)s;
</script>
</body></html>
"""

SHOTS = Path(tempfile.gettempdir()) / "plainlsc-report-shots"


def browse(browser: str, url: str, tmp: Path, width: int,
           *extra: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium on ``url`` at ``width`` CSS pixels with ``extra`` arguments."""
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-extensions", "--no-default-browser-check", "--hide-scrollbars",
           f"--user-data-dir={tmp / 'profile'}", "--enable-logging=stderr", "--v=0",
           f"--window-size={width},2400", *extra, url]
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp / "config"),
           "XDG_CACHE_HOME": str(tmp / "cache")}
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180, env=env,
                          check=False)


def measure(browser: str, page: str, tmp: Path, width: int) -> dict[str, Any]:
    harness = tmp / f"measure-{width}.html"
    literal = json.dumps(page).replace("</", "<\\/")
    harness.write_text(HARNESS % {"width": width, "page": literal}, encoding="utf-8")
    proc = browse(browser, harness.as_uri(), tmp, width + 100, "--dump-dom")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert console_lines(proc.stderr) == [], console_lines(proc.stderr)
    found = re.search(r'<pre id="measure">(.*?)</pre>', proc.stdout, re.S)
    assert found, "the measuring script did not run"
    return json.loads(unescape(found.group(1)))


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


@pytest.fixture(scope="module")
def browser() -> str:
    found = chromium()
    if found is None:
        pytest.skip("no Chromium binary found (install chromium or set PLAINLSC_CHROMIUM)")
    return found


@pytest.mark.parametrize("width", [375, 1280])
def test_review_in_a_real_browser(browser: str, review: SimpleNamespace, width: int,
                                  tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from plainlsc.review.shading import shade

    m = measure(browser, review.page, tmp_path, width)
    assert m["ready"] == "ready", "the report's script did not finish"
    assert m["innerWidth"] == width
    assert m["scrollWidth"] <= m["innerWidth"], "the page scrolls sideways"
    assert m["fixBeforeText"] and m["fixTop"] < m["textTop"]
    assert 0 < m["shaded"] < 0.5 * m["text"], f"{m['shaded']} of {m['text']} characters shaded"
    # ...although the letter's hard sentences, all shaded, would cover more than half of it.
    every = shade(review.file.sentences, 12, share=1.0).shades
    assert sum(s.sentence.end - s.sentence.start for s in every) > 0.5 * m["text"]

    # Each highlight's rule is the rule of the JSON finding it stands for.
    assert main(["check", str(review.letter), "--format", "json"]) == 1
    json_findings = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    marks = m["marks"]
    for mark in marks:
        key = int(mark["finding"].split("-")[1])
        assert mark["rule"] == json_findings[key]["rule"]
    marked = {int(mark["finding"].split("-")[1]) for mark in marks}
    assert marked == {k for k, f in enumerate(review.file.findings) if not f.document}
    # Rules look different in the browser too (ink and line of the underline or square).
    words = {mark["rule"]: mark["look"] for mark in marks if not mark["wide"]}
    assert len(set(words.values())) == len(words)

    # j, j, k: first highlight, second, back to the first; each with a visible focus ring.
    stops = [mark["finding"] for mark in marks if mark["part"] == "0"]
    assert m["keys"] == [f"f{stops[0]}", f"f{stops[1]}", f"f{stops[0]}"]
    assert m["focusRing"]
    # The legend is a filter: one click hides plain-words everywhere, a second brings it back.
    filtered = m["filtered"]
    assert filtered["pressed"] == "false" and filtered["hidden"] > 0 and filtered["shown"] == 0
    assert filtered["others"] == 0 and filtered["group"] == "none"
    assert m["restored"] == 0


@pytest.mark.parametrize(("name", "width"), [("desktop", 1280), ("phone", 375)])
def test_screenshots(browser: str, review: SimpleNamespace, tmp_path: Path, name: str,
                     width: int) -> None:
    """Screenshots to look at (kept in the temporary folder, named in the test output)."""
    SHOTS.mkdir(exist_ok=True)
    shot = SHOTS / f"partnership-{name}.png"
    shot.unlink(missing_ok=True)
    proc = browse(browser, review.out.as_uri(), tmp_path, width, f"--screenshot={shot}")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert png_size(shot)[0] == width
