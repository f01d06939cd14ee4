"""``plainlsc report``: one self-contained HTML page, the review a comms lead would send round.

The page has everything inline (CSS and a small script from ``report_assets/``) and a strict
Content-Security-Policy, so it makes no network request at all: no fonts, CDNs or images. It
reads fine without the script: highlights are plain ``<mark>`` elements with a ``title``, and
the lists link to them with ordinary ``#`` anchors. The script adds a panel showing every
finding at a clicked or focused highlight, ``j``/``k`` to jump between highlights, and the
legend as a filter (click a rule to hide or show it).

What a file's section shows, in order
-------------------------------------
1. "Fix first" (:func:`plainlsc.review.fix_first`): the errors, then the hardest sentences
   and the jargon used most, each linked to its place.
2. The reading age, with the arithmetic that gives it from the figures shown beside it, and
   the findings about the whole document (:func:`plainlsc.review.split_document`).
3. The text: the hardest sentences shaded "hard" or "very hard" from the pipeline's grades
   (:mod:`plainlsc.review.shading`, at most 40% of the prose), word-level findings underlined in
   their rule's colour, and findings about a whole sentence marked by a small square at its
   start (not an underline under every word of it).
4. The problems grouped by rule (:func:`plainlsc.review.by_rule`), each rule's shared advice
   given once; the hardest sentences; the acronyms.

Overlapping findings
--------------------
Findings overlap: a long-sentence finding contains plain-words findings; two rules may flag the
same word. We render them as *nested* elements, splitting only where spans really cross. One
sweep over the sorted span boundaries keeps a stack of open marks:

* at each boundary the marks that end there are closed; any mark opened inside one of them
  that has not ended yet is closed too and reopened straight after as a new *fragment*;
* marks starting there (and the ones being reopened) are opened longest first, so the longer
  span is always the outer one and containment (the usual case) never splits anything;
* a zero-length finding becomes an empty mark, drawn by CSS as a small arrow.

Shading is swept in the same pass (as ``<span class="shade">``), so it nests with the marks.
Every fragment carries the finding's ``data-*`` attributes and ``data-finding`` (its id in the
page); the first fragment carries the HTML ``id`` the lists link to and is the keyboard stop.
The text of a finding's fragments, joined, is exactly its ``match``.

Colours
-------
Eight inks chosen to stay apart for the common forms of colour blindness (checked in
``tests/test_report_html.py``: every pair is at least 12 CIEDE2000 units apart in normal
vision and simulated protanopia, deuteranopia and tritanopia, Machado et al. 2009), each at
least 3:1 on white. Rules get a *look* (ink, and a solid, dashed or dotted line) in order of
importance on the page: the most severe and most frequent rule first; a ninth rule reuses the
first ink with a dashed line, so no two rules on a page ever look the same.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from html import escape
from importlib.resources import files
from pathlib import Path
from typing import Any

from plainlsc import __version__
from plainlsc.atomic import write_atomic_chunks
from plainlsc.errors import PlainlscError
from plainlsc.findings import FileReport, Finding, Report
from plainlsc.model import LineIndex
from plainlsc.output.english import plural
from plainlsc.review import Priority, RuleGroup, by_rule, fix_first, rule_counts, split_document
from plainlsc.review.shading import SHARE, Shading, sentence_level, shade
from plainlsc.scoring.sentences import MIN_RANKED_WORDS, SentenceScore

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"

#: The rule inks: at least 3:1 on white, and every pair at least 12 CIEDE2000 units apart in
#: normal vision and in simulated protanopia, deuteranopia and tritanopia (see the tests).
#: The first four are Okabe and Ito's (2002) blue, vermilion, bluish green and reddish purple.
PALETTE: tuple[str, ...] = (
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#882200", "#223388", "#aa4477", "#006644",
)
#: Line styles, used in turn once every ink is taken.
LINES: tuple[str, ...] = ("solid", "dashed", "dotted")
#: Sentence shading (background): hard and very hard. Text on both stays above 10:1.
SHADES = {"hard": "#fff2b3", "very-hard": "#f0bcbc"}
WHO = {"nhs": "The NHS", "govuk": "GOV.UK"}
#: Sentences shorter than this are left out of "hardest sentences": a one-word heading such as
#: "Rehabilitation." scores a grade of 50 and would crowd out the sentences worth rewriting.
HARDEST = 10
#: How many entries "fix first" has (errors are never left out).
FIX_FIRST = 6
MAX_HEIGHT = 3

#: Makes a mark's opening tag from (key, fragment number, height).
OpenTag = Callable[[int, int, int], str]
CloseTag = Callable[[int], str]


# --------------------------------------------------------------------------------------------
# Writing the file


def write_report(report: Report, output: Path, ruleset: Any) -> None:
    """Write the page atomically: a reader never sees half a report, even if we are killed.

    The page is written piece by piece as it is rendered, so a report on a very large file
    never holds the whole page (and copies of it) in memory at once.
    """
    # A lone surrogate from an undecodable file name or text cannot be written as UTF-8.
    chunks = (piece.encode("utf-8", "replace")
              for piece in render_pieces(report, ruleset, generated=date.today()))
    try:
        write_atomic_chunks(output, chunks)
    except OSError as exc:
        raise PlainlscError(f"cannot write {output}: {exc.strerror or exc}") from None


# --------------------------------------------------------------------------------------------
# The page


@dataclass(slots=True)
class _Page:
    """What every part of the page needs: rule looks and descriptions, the targets."""

    looks: dict[str, int]
    specs: dict[str, Any]
    target: tuple[int, int]
    profile: str
    hard_grade: float = 12.0
    generated: date | None = None
    #: Per file, the indexes of its findings about a whole sentence (marked, not underlined).
    wide: list[set[int]] = field(default_factory=list)


def render_report(report: Report, ruleset: Any, generated: date | None = None) -> str:
    """The whole HTML page as a string; pure (no date unless ``generated`` is given)."""
    return "".join(render_pieces(report, ruleset, generated))


def render_pieces(report: Report, ruleset: Any, generated: date | None = None) -> Iterator[str]:
    """The page in pieces, in order: joined, they are :func:`render_report`."""
    page = _page(report, ruleset, generated)
    yield _document_head(_title(report))
    yield _header(report, page)
    for i, file in enumerate(report.files):
        yield "\n"
        yield from _file_section(page, i, file)
    for piece in (_footer(page), _PANEL, f"<script>{_asset('report.js')}</script>"):
        yield "\n"
        yield piece
    yield _DOCUMENT_TAIL


def _page(report: Report, ruleset: Any, generated: date | None) -> _Page:
    settings = getattr(ruleset, "settings", None) or {}
    target = (int(settings.get("reading_age_min", 9)), int(settings.get("reading_age_max", 11)))
    specs = {r.spec.id: r.spec for r in getattr(ruleset, "rules", ()) if hasattr(r, "spec")}
    wide = [sentence_level(file.findings, file.sentences) for file in report.files]
    underlined = {f.rule for file, sentences in zip(report.files, wide, strict=True)
                  for i, f in enumerate(file.findings) if not f.document and i not in sentences}
    return _Page(looks=rule_looks(report.findings, underlined), specs=specs, target=target,
                 profile=str(getattr(ruleset, "profile", "") or ""),
                 hard_grade=float(settings.get("hard_sentence_grade", 12)), generated=generated,
                 wide=wide)


def rule_looks(findings: Iterable[Finding], underlined: set[str] | None = None) -> dict[str, int]:
    """A look per rule: 0, 1, 2... in order of importance, so the rules that matter most get
    the eight inks with a solid line: rules that underline words (``underlined``; all when
    None) before those that mark whole sentences or the document, then errors first, then
    the most frequent, then by id."""
    counts = rule_counts(findings)
    words = underlined if underlined is not None else {rule for rule, _, _ in counts}
    order = sorted(counts, key=lambda c: (c[0] not in words, c[1] != "error", -c[2], c[0]))
    return {rule: n for n, (rule, _, _) in enumerate(order)}


def look_of(look: int) -> tuple[str, str]:
    """(ink, line style) of a look number."""
    return PALETTE[look % len(PALETTE)], LINES[(look // len(PALETTE)) % len(LINES)]


@lru_cache(maxsize=4)
def _asset(name: str) -> str:
    text = (files("plainlsc.output") / "report_assets" / name).read_text(encoding="utf-8")
    return text.replace("</", "<\\/") if name.endswith(".js") else text


def _palette_css(count: int) -> str:
    rules = [f".shade.{level} {{ background: {colour}; }}" for level, colour in SHADES.items()]
    for look in range(count):
        ink, line = look_of(look)
        fill = "" if line == "solid" else " --fill: transparent;"
        rules.append(f".k{look} {{ --ink: {ink}; --stroke: {line};{fill} }}")
    return "\n".join(rules)


def _document_head(title: str, looks: int = 0) -> str:
    return (
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"referrer\" content=\"no-referrer\">\n"
        f"<meta name=\"generator\" content=\"plainlsc {escape(__version__)}\">\n"
        f"<title>{escape(title)}</title>\n"
        f"<style>\n{_asset('report.css')}\n{_palette_css(max(looks, len(PALETTE) * 3))}\n"
        "</style>\n</head>\n<body>\n"
    )


_DOCUMENT_TAIL = "\n</body>\n</html>\n"


def _title(report: Report) -> str:
    if len(report.files) == 1:
        return f"Plain English report: {report.files[0].path}"
    return f"Plain English report: {len(report.files)} files"


def _header(report: Report, page: _Page) -> str:
    s = report.summary()
    counts = [plural(s[k], k[:-1]) for k in ("errors", "warnings", "suggestions") if s[k]]
    found = (f"{plural(s['findings'], 'problem')} found: {', '.join(counts)}."
             if s["findings"] else "No problems found.")
    lines = ["<header>", "<h1>Plain English report</h1>",
             f"<p class=\"summary\">{plural(s['files'], 'file')} checked. {found}</p>"]
    if s["unreadable"]:
        lines.append(f"<p class=\"unreadable\">{plural(s['unreadable'], 'file')} could not "
                     "be read; see below.</p>")
    if len(report.files) > 1:
        lines.append("<nav aria-label=\"Files\"><ol>")
        lines += [f"<li><a href=\"#file-{i}\">{escape(f.path)}</a></li>"
                  for i, f in enumerate(report.files)]
        lines.append("</ol></nav>")
    lines.append("</header>")
    return "\n".join(lines)


def _footer(page: _Page) -> str:
    when = f" on {page.generated.day} {page.generated:%B %Y}" if page.generated else ""
    profile = f" with the {escape(page.profile)} profile" if page.profile else ""
    return (f"<footer><p>Made by plainlsc {escape(__version__)}{profile}{when}. This page is "
            "self-contained: it loads nothing from the internet, so it is safe to e-mail and "
            "to open offline.</p></footer>")


_PANEL = (
    "<aside id=\"panel\" aria-live=\"polite\" aria-labelledby=\"panel-title\" hidden>"
    "<div class=\"panel-head\"><h2 id=\"panel-title\">Problems here</h2>"
    "<span id=\"panel-where\" class=\"meta\"></span>"
    "<button id=\"panel-close\" type=\"button\">Close</button></div>"
    "<div id=\"panel-body\"></div></aside>"
)


# --------------------------------------------------------------------------------------------
# One file


@dataclass(slots=True)
class _File:
    """One file's section: its findings split into document-wide and placed, and the marks."""

    index: int
    report: FileReport
    source: str
    keys: dict[int, int]  # id(finding) -> its index in report.findings
    whole: list[Finding]
    placed: set[int]  # indexes of findings highlighted in the text
    wide: set[int]  # indexes of findings about a whole sentence
    shading: Shading
    priorities: list[Priority]
    hardest: list[SentenceScore] = field(default_factory=list)


def _prepare(page: _Page, index: int, file: FileReport) -> _File:
    source = file.source or ""
    whole, _ = split_document(file.findings)
    whole_ids = {id(f) for f in whole}
    placed = {key for _, _, key in finding_spans(source, file.findings)
              if id(file.findings[key]) not in whole_ids}
    return _File(index=index, report=file, source=source,
                 keys={id(f): k for k, f in enumerate(file.findings)}, whole=whole,
                 placed=placed, wide=page.wide[index],
                 shading=shade(file.sentences, page.hard_grade),
                 priorities=fix_first(file, FIX_FIRST, page.target[1]),
                 hardest=file.hardest(HARDEST))


def _file_section(page: _Page, index: int, file: FileReport) -> Iterator[str]:
    """The section of one file, in pieces."""
    head = (f"<section id=\"file-{index}\" aria-labelledby=\"file-{index}-title\">\n"
            f"<h2 id=\"file-{index}-title\">{escape(file.path)}</h2>")
    if file.error is not None:
        yield (f"{head}\n<p class=\"unreadable\"><strong>This file could not be read:</strong> "
               f"{escape(file.error)}. Nothing in it was checked.</p>\n</section>")
        return
    f = _prepare(page, index, file)
    yield head
    for part in (_fix_first_html(page, f), _scores_html(page, f)):
        yield "\n"
        yield part
    yield "\n"
    yield from _text_html(page, f)
    yield "\n"
    yield from _groups_html(page, f)
    for part in (_sentences_html(index, f.hardest), _acronyms_html(file)):
        yield "\n"
        yield part
    yield "\n</section>"


# --------------------------------------------------------------------------------------------
# Fix first


def _fix_first_html(page: _Page, f: _File) -> str:
    entries = f.priorities
    if not entries:
        body = "<p>Nothing urgent: no errors, and no sentence or word stands out.</p>"
    else:
        body = "<ol>" + "".join(_priority_item(page, f, p) for p in entries) + "</ol>"
    return (f"<section class=\"fixfirst\" id=\"fix-{f.index}\" "
            f"aria-labelledby=\"fix-{f.index}-title\">"
            f"<h3 id=\"fix-{f.index}-title\">Fix first</h3>{body}</section>")


def _priority_item(page: _Page, f: _File, p: Priority) -> str:
    where = f"line {p.line}"
    if p.reason == "hard-sentence" and p.sentence is not None:
        href = f"#f{f.index}-at{p.sentence.start}"
        what = (f"<strong>Hard sentence</strong> (needs a reading age of about "
                f"{p.sentence.reading_age}, "
                f"{p.sentence.words} words): &ldquo;{escape(_clip(p.sentence.text))}&rdquo; "
                "Split it and use everyday words.")
    elif p.finding is not None:
        key = f.keys.get(id(p.finding))
        href = f"#f{f.index}-{key}" if key in f.placed else ""
        what = _priority_text(p)
    else:
        return ""
    look = page.looks.get(p.finding.rule, 0) if p.finding is not None else 0
    link = f"<a class=\"jump loc\" href=\"{href}\">{where}</a>" if href else where
    sev = _severity_badge(p.finding.severity) if p.finding is not None else ""
    return f"<li class=\"k{look} why-{escape(p.reason)}\">{link} {sev}{what}</li>"


def _priority_text(p: Priority) -> str:
    f = p.finding
    assert f is not None
    if p.reason == "jargon":
        return (f"<strong>&ldquo;{escape(f.match)}&rdquo;</strong>, used {p.count} times: "
                f"{escape(_message_tail(f))}{_tries(f)}")
    if p.reason == "fix" and f.fix is not None:
        return (f"{escape(f.message)} <span class=\"safe\">Safe to change to "
                f"&ldquo;{escape(f.fix.replacement)}&rdquo;.</span>")
    return escape(f.message)


def _message_tail(f: Finding) -> str:
    """The advice part of a message ("try ..."), or the whole message."""
    head, sep, tail = f.message.partition(": ")
    return tail if sep and head.strip('"“”') == f.match else f.message


def _clip(text: str, words: int = 24) -> str:
    parts = text.split()
    return text if len(parts) <= words else " ".join(parts[:words]) + " …"


def _severity_badge(severity: str) -> str:
    return f"<span class=\"sev {escape(severity)}\">{escape(severity)}</span> "


# --------------------------------------------------------------------------------------------
# Reading age


def reading_age_sentence(age: float, target: tuple[int, int], profile: str) -> str:
    """"Readers need a reading age of about 14 to follow this. The NHS aims for 9 to 11."."""
    low, high = target
    aim = f"{low} to {high}" if low != high else f"{low}"
    who = WHO.get(profile, "This profile")
    return (f"Readers need a reading age of about {round(age)} to follow this. "
            f"{who} aims for {aim}.")


def reading_age_working(s: Any) -> str:
    """How the headline reading age comes from the grades shown beside it, step by step.

    Mirrors :func:`plainlsc.scoring.formulas.reading_age`: the SMOG grade for 30 sentences or
    more, else the mean of the SMOG and Flesch-Kincaid grades; then + 5, never below 5. The
    grade shown is the reading age less 5, so the last step adds up exactly; the grades are
    stored to 2 decimals, so their mean can differ from it by 0.01 (then "≈", not "=").
    """
    age = s.reading_age
    grade = round(age - 5, 2)
    smog = f"<span class=\"n\">{s.smog_index:.2f}</span>"
    if s.smog_reliable:
        value = s.smog_index
        how = (f"The text has {s.sentences:,} sentences, enough for the SMOG grade alone: "
               f"{smog}")
    else:
        value = (s.smog_index + s.flesch_kincaid_grade) / 2
        how = (f"The text has {plural(s.sentences, 'sentence')}, too few for the SMOG grade "
               f"alone, so the grade is the mean of two: (SMOG {smog} + Flesch&ndash;Kincaid "
               f"<span class=\"n\">{s.flesch_kincaid_grade:.2f}</span>) &divide; 2")
    exact = abs(value - grade) <= 0.005 + 1e-9  # the grade is the value to 2 decimals
    if value + 5 < 5:
        last = (" is below 0, and a reading age is never below 5, so it is "
                f"<span class=\"n\">{age:.2f}</span>")
    elif s.smog_reliable and exact:
        last = (f". A US school grade + 5 is a UK reading age: {grade:.2f} + 5 = "
                f"<span class=\"n\">{age:.2f}</span>")
    else:
        sign = "=" if exact else "&asymp;"
        last = (f" {sign} <span class=\"n\">{grade:.2f}</span>. A US school grade + 5 is a UK "
                f"reading age: {grade:.2f} + 5 = <span class=\"n\">{age:.2f}</span>")
    return (f"<p class=\"working\">{how}{last}, which is <strong>about {round(age)}</strong>."
            "</p>")


def _verdict(age: float, target: tuple[int, int]) -> tuple[str, str]:
    """A CSS class and a sentence saying what the reading age means for the writer."""
    years = round(age) - target[1]
    if years > 0:
        return "over", (f"That is {plural(years, 'year')} above the target: shorter sentences "
                        "and everyday words will bring it down.")
    if round(age) < target[0]:
        return "ok", "That is below the target, which is fine: easy reading suits everyone."
    return "ok", "That is within the target."


def _scores_html(page: _Page, f: _File) -> str:
    s = f.report.scores
    if s is None:
        return "<p class=\"note\">No scores for this file.</p>"
    if not s.words:
        return "<h3>Reading age</h3>\n<p class=\"note\">There is no prose to score.</p>"
    css, verdict = _verdict(s.reading_age, page.target)
    smog_note = "" if s.smog_reliable else " Less reliable under 30 sentences."
    rows = [
        ("SMOG grade", f"{s.smog_index:.2f}",
         "The measure UK health information guidance uses." + smog_note),
        ("Flesch&ndash;Kincaid grade", f"{s.flesch_kincaid_grade:.2f}",
         "A US school grade, from sentence length and syllables per word."),
        ("Flesch reading ease", f"{s.flesch_reading_ease:.0f}",
         "Higher is easier; 60 or more is plain English."),
        ("Words", f"{s.words:,}", ""),
        ("Sentences", f"{s.sentences:,}", f"On average {s.avg_sentence_length:.1f} words each."),
    ]
    figures = "".join(f"<dt>{name}</dt><dd>{value} <span class=\"why\">{why}</span></dd>"
                      for name, value, why in rows)
    text = escape(reading_age_sentence(s.reading_age, page.target, page.profile))
    return (f"<h3>Reading age</h3>\n<div class=\"scorebox {css}\"><p class=\"age\">{text}</p>"
            f"<p>{escape(verdict)}</p>{reading_age_working(s)}</div>\n"
            f"<dl class=\"figures\">{figures}</dl>{_difficulty_html(f.shading)}"
            f"{_whole_html(page, f)}{_hard_words_html(s.hard_words)}")


def _difficulty_html(sh: Shading) -> str:
    """Hemingway's counts: how many sentences are hard and very hard, and what is shaded."""
    if not sh.total:
        return ""
    hard_only = sh.hard - sh.very_hard
    very_age, hard_age = round(sh.very_hard_grade) + 5, round(sh.hard_grade) + 5
    text = (f"<span class=\"shade very-hard\">{sh.very_hard} of {sh.total} sentences</span> "
            f"are very hard to read (a reading age over {very_age}) and "
            f"<span class=\"shade hard\">{hard_only}</span> more are hard (over {hard_age}).")
    if sh.left_out:
        text += (f" The text below shades the hardest {len(sh.shades)}, no more than "
                 f"{SHARE:.0%} of it, so they stand out; the table at the end lists more.")
    return f"<p class=\"difficulty\">{text}</p>"


def _whole_html(page: _Page, f: _File) -> str:
    """Findings about the whole document, shown with the scores rather than at a line."""
    if not f.whole:
        return ""
    items = "".join(
        f"<li class=\"k{page.looks.get(w.rule, 0)}\" id=\"item-{f.index}-{f.keys[id(w)]}\" "
        f"data-rule=\"{escape(w.rule)}\">{_severity_badge(w.severity)}"
        f"<code class=\"rule\">{escape(w.rule)}</code> {escape(w.message)}</li>"
        for w in f.whole)
    return f"<ul class=\"whole\" aria-label=\"About the whole document\">{items}</ul>"


def _hard_words_html(words: Sequence[str]) -> str:
    if not words:
        return ""
    spans = "".join(f"<span>{escape(w)}</span>" for w in words)
    return ("<p class=\"hardwords\">Long words (three syllables or more) that raise the score, "
            f"most used first: {spans}</p>")


# --------------------------------------------------------------------------------------------
# The highlighted text


def _text_html(page: _Page, f: _File) -> Iterator[str]:
    file, index = f.report, f.index
    spans = [s for s in finding_spans(f.source, file.findings) if s[2] in f.placed]
    shades = {-1 - n: sh for n, sh in enumerate(f.shading.shades)}
    spans += [(sh.sentence.start, sh.sentence.end, key) for key, sh in shades.items()]
    anchors = {s.start: f"<span class=\"anchor\" id=\"f{index}-s{n}\"></span>"
               for n, s in enumerate(f.hardest)}
    for p in f.priorities:
        if p.sentence is not None:
            anchors[p.start] = anchors.get(p.start, "") + \
                f"<span class=\"anchor\" id=\"f{index}-at{p.start}\"></span>"

    def open_tag(key: int, part: int, height: int) -> str:
        if key < 0:
            return f"<span class=\"shade {shades[key].level}\">"
        return _mark_open(page, f, key, part, height)

    body = highlight_pieces(f.source, spans, open_tag, anchors,
                            lambda key: "</span>" if key < 0 else "</mark>")
    yield (f"<h3>The text</h3>\n{_text_key(page, f)}"
           f"<div class=\"doc\" id=\"doc-{index}\">")
    yield from body
    yield "</div>"


def _text_key(page: _Page, f: _File) -> str:
    """What the shading and the marks mean, and the legend that filters them."""
    shading = ""
    if f.shading.shades:
        shading = ("<span class=\"shade very-hard\">very hard sentence</span> "
                   "<span class=\"shade hard\">hard sentence</span> ")
    placed = [f.report.findings[k] for k in sorted(f.placed)]
    if not placed:
        return f"<p class=\"note\">{shading}No problems marked in this text.</p>\n"
    square = (" A small square starts a sentence with a problem."
              if f.wide & f.placed else "")
    return (f"<p class=\"note key\">{shading}Underlined: a word or phrase to change "
            f"(thicker for warnings, bold on a tint for errors).{square} Click or tab to a mark "
            "to read it; press <kbd>j</kbd> and <kbd>k</kbd> to go to the next and previous "
            "one.</p>\n"
            f"{_legend_html(page, placed)}")


def _legend_html(page: _Page, findings: Sequence[Finding]) -> str:
    items = []
    for rule, _level, n in rule_counts(findings):
        spec = page.specs.get(rule)
        desc = getattr(spec, "description", "") or ""
        items.append(
            f"<li><button type=\"button\" class=\"toggle k{page.looks.get(rule, 0)}\" "
            f"data-rule=\"{escape(rule)}\" aria-pressed=\"true\" title=\"{escape(desc)}\">"
            f"<span class=\"swatch\" aria-hidden=\"true\"></span>"
            f"<span class=\"name\">{escape(rule)}</span> <span class=\"count\">({n})</span>"
            "</button></li>")
    return (f"<ul class=\"legend\" aria-label=\"Rules found: click one to hide or show it\">"
            f"{''.join(items)}</ul>\n")


def _mark_open(page: _Page, f: _File, key: int, part: int, height: int) -> str:
    finding = f.report.findings[key]
    classes = [f"k{page.looks.get(finding.rule, 0)}", f"sev-{finding.severity}"]
    classes.append("wide" if key in f.wide else "word")
    if height:
        classes.append(f"h{min(height, MAX_HEIGHT)}")
    if finding.start == finding.end and not finding.match:
        classes.append("point")
    ident = f" id=\"f{f.index}-{key}\"" if part == 0 else ""
    return (f"<mark{ident} class=\"{' '.join(classes)}\" tabindex=\"{0 if part == 0 else -1}\" "
            f"data-finding=\"{f.index}-{key}\" data-part=\"{part}\" "
            f"data-rule=\"{escape(finding.rule)}\" data-severity=\"{escape(finding.severity)}\" "
            f"data-line=\"{finding.line}\" data-column=\"{finding.column}\" "
            f"title=\"{escape(finding.message)}\">")


def finding_spans(source: str, findings: Sequence[Finding]) -> list[tuple[int, int, int]]:
    """(start, end, index) of every finding we can place exactly in ``source``.

    Offsets are trusted only when ``source[start:end] == match``; otherwise the line and
    column are tried. A finding that fits neither is left out of the text (the list still
    shows it) rather than highlighted in the wrong place.
    """
    lines: LineIndex | None = None
    out = []
    for i, f in enumerate(findings):
        if _fits(source, f.start, f.end, f.match):
            out.append((f.start, f.end, i))
            continue
        lines = lines or LineIndex(source)
        start = _offset(lines, f.line, f.column)
        if start is not None and _fits(source, start, start + len(f.match), f.match):
            out.append((start, start + len(f.match), i))
    return out


def _fits(source: str, start: int, end: int, match: str) -> bool:
    return 0 <= start <= end <= len(source) and source[start:end] == match


def _offset(lines: LineIndex, line: int, column: int) -> int | None:
    if not 1 <= line <= lines.line_count or column < 1:
        return None
    return lines.line_span(line)[0] + column - 1


@dataclass(slots=True)
class _Open:
    """A mark being written: its span, which fragment it is, and where its tag goes."""

    start: int
    end: int
    key: int
    part: int
    slot: int
    height: int = 0


@dataclass(slots=True)
class _Sweep:
    """The state of :func:`highlight`'s sweep: the output so far and the open marks."""

    out: list[str] = field(default_factory=list)
    stack: list[_Open] = field(default_factory=list)
    parts: Counter[int] = field(default_factory=Counter)


def highlight(source: str, spans: Sequence[tuple[int, int, int]], open_tag: OpenTag,
              anchors: dict[int, str] | None = None, close_tag: CloseTag | None = None) -> str:
    """The escaped ``source`` with a ``<mark>`` per span, nested and split as the docstring says.
    """
    return "".join(highlight_pieces(source, spans, open_tag, anchors, close_tag))


def highlight_pieces(source: str, spans: Sequence[tuple[int, int, int]], open_tag: OpenTag,
                     anchors: dict[int, str] | None = None,
                     close_tag: CloseTag | None = None) -> list[str]:
    """:func:`highlight` in pieces, so a large page is written without joining them first.

    ``open_tag(key, part, height)`` makes a mark's opening tag; it is called when the mark
    closes, once its height (how deep the marks inside it go) is known; ``close_tag(key)``
    its closing tag (``</mark>`` unless given).
    """
    anchors = anchors or {}
    close = close_tag or _close_mark
    starts: dict[int, list[tuple[int, int, int]]] = {}
    for span in spans:
        starts.setdefault(span[0], []).append(span)
    points = sorted({0, len(source), *anchors, *(s for s, _, _ in spans),
                     *(e for _, e, _ in spans)})
    sweep = _Sweep()
    for p, nxt in zip(points, [*points[1:], len(source)], strict=True):
        reopen = _close_at(sweep, p, open_tag, close)
        if p in anchors:
            sweep.out.append(anchors[p])
        new = [s for s in starts.get(p, []) if s[1] > s[0]]
        _open(sweep, sorted(reopen + new, key=lambda s: (-s[1], s[2])))
        for start, end, key in starts.get(p, []):
            if start == end:
                sweep.out.append(open_tag(key, _next_part(sweep, key), 0) + close(key))
        sweep.out.append(_escape_text(source[p:nxt]))
    _close_at(sweep, len(source) + 1, open_tag, close)  # nothing is left open at the end
    return sweep.out


def _next_part(sweep: _Sweep, key: int) -> int:
    part = sweep.parts[key]
    sweep.parts[key] += 1
    return part


def _open(sweep: _Sweep, spans: Iterable[tuple[int, int, int]]) -> None:
    for start, end, key in spans:
        sweep.out.append("")  # the opening tag goes here once the mark closes
        sweep.stack.append(_Open(start, end, key, _next_part(sweep, key), len(sweep.out) - 1))


def _close_mark(key: int) -> str:
    return "</mark>"


def _close_at(sweep: _Sweep, p: int, open_tag: OpenTag,
              close: CloseTag) -> list[tuple[int, int, int]]:
    """Close every mark ending at ``p`` and those inside it; return the ones to reopen."""
    lowest = next((i for i, m in enumerate(sweep.stack) if m.end <= p), None)
    if lowest is None:
        return []
    reopen = []
    while len(sweep.stack) > lowest:
        mark = sweep.stack.pop()
        sweep.out[mark.slot] = open_tag(mark.key, mark.part, mark.height)
        sweep.out.append(close(mark.key))
        if sweep.stack:
            parent = sweep.stack[-1]
            parent.height = max(parent.height, mark.height + 1)
        if mark.end > p:
            reopen.append((mark.start, mark.end, mark.key))
    return reopen


def _escape_text(text: str) -> str:
    """Escape text for the page; NUL is not allowed in HTML, so it shows as U+FFFD."""
    return escape(text, quote=False).replace("\x00", "\ufffd")


# --------------------------------------------------------------------------------------------
# Problems by rule, hardest sentences, acronyms


def _groups_html(page: _Page, f: _File) -> Iterator[str]:
    whole = {id(w) for w in f.whole}
    placed = [g for g in f.report.findings if id(g) not in whole]
    if not placed:
        return
    yield (f"<h3>Problems by rule ({len(placed):,})</h3>\n<p class=\"note\">Each rule's advice "
           "is given once, then every place it applies, in the order of the text.</p>")
    for group in by_rule(placed):
        yield "\n"
        yield _group_html(page, f, group)


def _group_html(page: _Page, f: _File, g: RuleGroup) -> str:
    look = page.looks.get(g.rule, 0)
    advice = (f"<p class=\"advice\">{escape(_capital(g.advice))}.</p>"
              if g.advice else "")
    items = "".join(_finding_item(f, g, finding) for finding in g.findings)
    return (f"<section class=\"group k{look}\" data-rule=\"{escape(g.rule)}\">"
            f"<h4><span class=\"swatch\" aria-hidden=\"true\"></span><code class=\"rule\">"
            f"{escape(g.rule)}</code> {_severity_badge(g.severity)}"
            f"<span class=\"count\">{plural(g.count, 'place')}</span></h4>{advice}"
            f"<ol class=\"findings\">{items}</ol></section>")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _finding_item(f: _File, g: RuleGroup, finding: Finding) -> str:
    key = f.keys[id(finding)]
    loc = f"{finding.line}:{finding.column}"
    where = (f"<a class=\"jump loc\" href=\"#f{f.index}-{key}\" title=\"Show in the text\">"
             f"{loc}</a>" if key in f.placed else f"<span class=\"loc\">{loc}</span>")
    text = finding.message
    if g.advice and text.endswith(": " + g.advice):
        text = text[:-len(g.advice) - 2]
    sev = _severity_badge(finding.severity) if finding.severity != g.severity else ""
    return (f"<li class=\"finding\" id=\"item-{f.index}-{key}\" "
            f"data-rule=\"{escape(finding.rule)}\">{where} {sev}{escape(text)}"
            f"{_tries(finding)}</li>")


def _mentions(message: str, suggestion: str) -> bool:
    """Whether the message already gives the suggestion (as a whole word or phrase)."""
    return re.search(rf"(?<!\w){re.escape(suggestion)}(?!\w)", message) is not None


def _tries(f: Finding) -> str:
    """The suggestions the message does not already give, so each is printed once."""
    new = [s for s in f.suggestions if not _mentions(f.message, s)]
    if not new:
        return ""
    return " <span class=\"try\">Try: " + ", ".join(f"“{escape(s)}”" for s in new) + ".</span>"


def _sentences_html(index: int, sentences: Sequence[SentenceScore]) -> str:
    if not sentences:
        return ""
    rows = []
    for n, s in enumerate(sentences):
        line = f"<a class=\"jump\" href=\"#f{index}-s{n}\">{s.line}</a>"
        rows.append(f"<tr><td class=\"num\">about {s.reading_age}</td>"
                    f"<td class=\"num\">{s.words}</td><td class=\"num\">{line}</td>"
                    f"<td>{escape(s.text)}</td></tr>")
    return ("<h3>Sentences sorted by difficulty</h3>\n<p class=\"note\">The hardest "
            f"{plural(len(sentences), 'sentence')}, hardest first: the reading age each one "
            "needs on its own (Flesch&ndash;Kincaid grade + 5). Sentences under "
            f"{MIN_RANKED_WORDS} words are left out.</p>\n<table><thead><tr>"
            "<th scope=\"col\">Reading age</th><th scope=\"col\">Words</th>"
            "<th scope=\"col\">Line</th><th scope=\"col\">Sentence</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table>")


def _acronyms_html(file: FileReport) -> str:
    entries = [a.to_dict() for a in file.acronyms]
    if not entries:
        return "<h3>Acronyms</h3>\n<p class=\"note\">No acronyms found.</p>"
    rows = "".join(_acronym_row(a) for a in sorted(entries, key=lambda a: str(a.get("short"))))
    return ("<h3>Acronyms</h3>\n<table><thead><tr><th scope=\"col\">Acronym</th>"
            "<th scope=\"col\">Stands for</th><th scope=\"col\">First used</th>"
            "<th scope=\"col\">Spelt out</th><th scope=\"col\">Uses</th>"
            "<th scope=\"col\">Widely known</th></tr></thead><tbody>" + rows + "</tbody></table>")


def _acronym_row(a: dict[str, Any]) -> str:
    if a.get("long"):
        meaning = escape(str(a["long"]))
    elif a.get("suggestion"):
        meaning = f"{escape(str(a['suggestion']))} <span class=\"note\">(suggested: not " \
                  "spelt out in the text)</span>"
    elif a.get("known"):
        meaning = "<span class=\"note\">(well known)</span>"
    else:
        meaning = "<span class=\"note\">(not spelt out)</span>"
    first, defined = a.get("first_used"), a.get("defined_at")
    return (f"<tr><td><strong>{escape(str(a.get('short', '')))}</strong></td><td>{meaning}</td>"
            f"<td class=\"num\">{_line_of(first)}</td><td class=\"num\">{_line_of(defined, 'no')}"
            f"</td><td class=\"num\">{int(a.get('count') or 0)}</td>"
            f"<td>{'yes' if a.get('known') else 'no'}</td></tr>")


def _line_of(place: Any, missing: str = "&ndash;") -> str:
    if isinstance(place, dict) and place.get("line"):
        return f"line {int(place['line'])}"
    return missing
