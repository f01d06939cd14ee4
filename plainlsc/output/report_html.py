"""``plainlsc report``: one self-contained HTML page a comms officer can e-mail to a colleague.

The page has everything inline (CSS and a small script from ``report_assets/``) and a strict
Content-Security-Policy, so it makes no network request at all: no fonts, CDNs or images. It
reads fine without the script: highlights are plain ``<mark>`` elements with a ``title``, and
the findings list links to them with ordinary ``#`` anchors. The script only adds niceties: a
panel showing every finding at a clicked or focused highlight, a flash when you jump to one,
and a filter by rule in the legend.

Overlapping findings
--------------------
Findings overlap: a long-sentence finding contains plain-words findings; two rules may flag the
same word. We render them as *nested* ``<mark>`` elements, splitting only where spans really
cross. One sweep over the sorted span boundaries keeps a stack of open marks:

* at each boundary the marks that end there are closed; any mark opened inside one of them
  that has not ended yet is closed too and reopened straight after as a new *fragment*;
* marks starting there (and the ones being reopened) are opened longest first, so the longer
  span is always the outer one and containment (the usual case) never splits anything;
* a zero-length finding becomes an empty mark, drawn by CSS as a small arrow.

Every fragment carries the finding's ``data-*`` attributes and ``data-finding`` (its id in the
page); the first fragment carries the HTML ``id`` the list links to. The text of a finding's
fragments, joined, is exactly its ``match``. All findings stay visible: each mark has its rule's
background tint and an underline in its rule's colour (solid for errors, dashed for warnings,
dotted for suggestions), and a mark that holds other marks gets a deeper bottom padding
(classes ``h1``..``h3``, from how deep the marks inside it go) so its underline sits below
theirs, in a strip of its own that can be hovered. Clicking anywhere shows the findings of the
clicked mark *and* of every mark around it, so even two findings with the same span are both
reachable; each mark is also a keyboard stop (``tabindex="0"``).

Colours are a fixed palette of twelve tint/ink pairs. A rule's colour is picked from a CRC-32
of its id (stable from run to run); within one page a clash moves the later rule (in id order)
to the next free colour, so different rules on one page never share a colour.
"""

from __future__ import annotations

import zlib
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
from plainlsc.scoring.sentences import MIN_RANKED_WORDS, SentenceScore

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"

#: (background tint, ink) pairs: dark text stays above 7:1 on every tint, and every ink is
#: at least 4.5:1 on white, so underlines and swatches are easy to tell apart.
PALETTE: tuple[tuple[str, str], ...] = (
    ("#dbeafe", "#1d4ed8"), ("#ffedd5", "#c2410c"), ("#dcfce7", "#15803d"),
    ("#f3e8ff", "#7e22ce"), ("#fce7f3", "#be185d"), ("#ccfbf1", "#0f766e"),
    ("#fef9c3", "#a16207"), ("#fee2e2", "#b91c1c"), ("#e5e7eb", "#4b5563"),
    ("#ecfccb", "#4d7c0f"), ("#cffafe", "#0e7490"), ("#f5e6d8", "#7c4a1e"),
)
WHO = {"nhs": "The NHS", "govuk": "GOV.UK"}
#: Sentences shorter than this are left out of "hardest sentences": a one-word heading such as
#: "Rehabilitation." scores a grade of 50 and would crowd out the sentences worth rewriting.
HARDEST = 10
MAX_HEIGHT = 3

#: Makes a mark's opening tag from (finding index, fragment number, height).
OpenTag = Callable[[int, int, int], str]


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
    """What every part of the page needs: rule colours and descriptions, the target age."""

    colours: dict[str, int]
    specs: dict[str, Any]
    target: tuple[int, int]
    profile: str
    generated: date | None = None


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
    return _Page(colours=rule_colours(f.rule for f in report.findings), specs=specs,
                 target=target, profile=str(getattr(ruleset, "profile", "") or ""),
                 generated=generated)


def rule_colours(rules: Iterable[str]) -> dict[str, int]:
    """A palette index per rule id: CRC-32 of the id, moved on to a free colour on a clash."""
    taken: set[int] = set()
    out: dict[str, int] = {}
    for rule in sorted(set(rules)):
        index = zlib.crc32(rule.encode("utf-8")) % len(PALETTE)
        if len(taken) < len(PALETTE):
            while index in taken:
                index = (index + 1) % len(PALETTE)
        taken.add(index)
        out[rule] = index
    return out


@lru_cache(maxsize=4)
def _asset(name: str) -> str:
    text = (files("plainlsc.output") / "report_assets" / name).read_text(encoding="utf-8")
    return text.replace("</", "<\\/") if name.endswith(".js") else text


def _palette_css() -> str:
    return "\n".join(f".c{i} {{ --bg: {bg}; --fg: {fg}; }}" for i, (bg, fg) in enumerate(PALETTE))


def _document_head(title: str) -> str:
    return (
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"referrer\" content=\"no-referrer\">\n"
        f"<meta name=\"generator\" content=\"plainlsc {escape(__version__)}\">\n"
        f"<title>{escape(title)}</title>\n"
        f"<style>\n{_asset('report.css')}\n{_palette_css()}\n</style>\n"
        "</head>\n<body>\n"
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


def _file_section(page: _Page, index: int, file: FileReport) -> Iterator[str]:
    """The section of one file, in pieces."""
    head = (f"<section id=\"file-{index}\" aria-labelledby=\"file-{index}-title\">\n"
            f"<h2 id=\"file-{index}-title\">{escape(file.path)}</h2>")
    if file.error is not None:
        yield (f"{head}\n<p class=\"unreadable\"><strong>This file could not be read:</strong> "
               f"{escape(file.error)}. Nothing in it was checked.</p>\n</section>")
        return
    source = file.source or ""
    sentences = file.hardest(HARDEST)
    yield head
    yield "\n"
    yield _scores_html(page, file)
    yield "\n"
    yield from _text_html(page, index, file, source, sentences)
    yield "\n"
    yield from _findings_html(page, index, file, source)
    yield "\n"
    yield _sentences_html(index, sentences)
    yield "\n"
    yield _acronyms_html(file)
    yield "\n</section>"


def reading_age_sentence(age: float, target: tuple[int, int], profile: str) -> str:
    """"Readers need a reading age of about 14 to follow this. The NHS aims for 9 to 11."."""
    low, high = target
    aim = f"{low} to {high}" if low != high else f"{low}"
    who = WHO.get(profile, "This profile")
    return (f"Readers need a reading age of about {round(age)} to follow this. "
            f"{who} aims for {aim}.")


def _verdict(age: float, target: tuple[int, int]) -> tuple[str, str]:
    """A CSS class and a sentence saying what the reading age means for the writer."""
    years = round(age) - target[1]
    if years > 0:
        return "over", (f"That is {plural(years, 'year')} above the target: shorter sentences "
                        "and everyday words will bring it down.")
    if round(age) < target[0]:
        return "ok", "That is below the target, which is fine: easy reading suits everyone."
    return "ok", "That is within the target."


def _scores_html(page: _Page, file: FileReport) -> str:
    s = file.scores
    if s is None:
        return "<p class=\"note\">No scores for this file.</p>"
    if not s.words:
        return "<h3>Reading age</h3>\n<p class=\"note\">There is no prose to score.</p>"
    css, verdict = _verdict(s.reading_age, page.target)
    smog_note = "" if s.smog_reliable else " Less reliable under 30 sentences."
    rows = [
        ("Flesch reading ease", f"{s.flesch_reading_ease:.0f}",
         "Higher is easier; 60 or more is plain English."),
        ("Flesch&ndash;Kincaid grade", f"{s.flesch_kincaid_grade:.1f}",
         "A US school grade: add 5 for a UK reading age."),
        ("SMOG grade", f"{s.smog_index:.1f}",
         "The measure UK health information guidance uses." + smog_note),
        ("Words", f"{s.words:,}", ""),
        ("Sentences", f"{s.sentences:,}", f"On average {s.avg_sentence_length:.1f} words each."),
    ]
    figures = "".join(f"<dt>{name}</dt><dd>{value} <span class=\"why\">{why}</span></dd>"
                      for name, value, why in rows)
    text = escape(reading_age_sentence(s.reading_age, page.target, page.profile))
    return (f"<h3>Reading age</h3>\n<div class=\"scorebox {css}\"><p class=\"age\">{text}</p>"
            f"<p>{escape(verdict)}</p></div>\n<dl class=\"figures\">{figures}</dl>"
            f"{_hard_words_html(s.hard_words)}")


def _hard_words_html(words: Sequence[str]) -> str:
    if not words:
        return ""
    spans = "".join(f"<span>{escape(w)}</span>" for w in words)
    return ("<p class=\"hardwords\">Long words (three syllables or more) that raise the score, "
            f"most used first: {spans}</p>")


# --------------------------------------------------------------------------------------------
# The highlighted text


def _text_html(page: _Page, index: int, file: FileReport, source: str,
               sentences: Sequence[SentenceScore]) -> Iterator[str]:
    spans = finding_spans(source, file.findings)
    anchors = {s.start: f"<span class=\"anchor\" id=\"f{index}-s{n}\"></span>"
               for n, s in enumerate(sentences)}
    body = highlight_pieces(source, spans, lambda key, part, height: _mark_open(
        page, index, file.findings[key], key, part, height), anchors)
    if file.findings:
        note = ("Each highlight is a problem. Hover over it, or click or tab to it, to read what "
                "is wrong. The colour shows the rule and the underline how serious it is.")
        legend = _legend_html(page, file.findings)
    else:
        note, legend = "No problems found in this text.", ""
    yield (f"<h3>The text, with problems highlighted</h3>\n<p class=\"note\">{note}</p>\n"
           f"{legend}<div class=\"doc\" id=\"doc-{index}\">")
    yield from body
    yield "</div>"


def _legend_html(page: _Page, findings: Sequence[Finding]) -> str:
    counts = Counter(f.rule for f in findings)
    items = []
    for rule, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        spec = page.specs.get(rule)
        desc = getattr(spec, "description", "") or ""
        items.append(f"<li class=\"c{page.colours.get(rule, 0)}\" data-rule=\"{escape(rule)}\" "
                     f"title=\"{escape(desc)}\"><span class=\"swatch\" aria-hidden=\"true\"></span>"
                     f"<span>{escape(rule)}</span> <span class=\"count\">({n})</span></li>")
    return (f"<ul class=\"legend\" aria-label=\"Rules found\">{''.join(items)}</ul>\n"
            "<p class=\"sevkey\">Underline: solid for errors, dashed for warnings, dotted for "
            "suggestions.</p>\n")


def _mark_open(page: _Page, index: int, f: Finding, key: int, part: int, height: int) -> str:
    classes = [f"c{page.colours.get(f.rule, 0)}", f"sev-{f.severity}"]
    if height:
        classes.append(f"h{min(height, MAX_HEIGHT)}")
    if f.start == f.end and not f.match:
        classes.append("point")
    ident = f" id=\"f{index}-{key}\"" if part == 0 else ""
    return (f"<mark{ident} class=\"{' '.join(classes)}\" tabindex=\"0\" "
            f"data-finding=\"{index}-{key}\" data-part=\"{part}\" "
            f"data-rule=\"{escape(f.rule)}\" data-severity=\"{escape(f.severity)}\" "
            f"data-line=\"{f.line}\" data-column=\"{f.column}\" title=\"{escape(f.message)}\">")


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
              anchors: dict[int, str] | None = None) -> str:
    """The escaped ``source`` with a ``<mark>`` per span, nested and split as the docstring says.
    """
    return "".join(highlight_pieces(source, spans, open_tag, anchors))


def highlight_pieces(source: str, spans: Sequence[tuple[int, int, int]], open_tag: OpenTag,
                     anchors: dict[int, str] | None = None) -> list[str]:
    """:func:`highlight` in pieces, so a large page is written without joining them first.

    ``open_tag(key, part, height)`` makes a mark's opening tag; it is called when the mark
    closes, once its height (how deep the marks inside it go) is known.
    """
    anchors = anchors or {}
    starts: dict[int, list[tuple[int, int, int]]] = {}
    for span in spans:
        starts.setdefault(span[0], []).append(span)
    points = sorted({0, len(source), *anchors, *(s for s, _, _ in spans),
                     *(e for _, e, _ in spans)})
    sweep = _Sweep()
    for p, nxt in zip(points, [*points[1:], len(source)], strict=True):
        reopen = _close_at(sweep, p, open_tag)
        if p in anchors:
            sweep.out.append(anchors[p])
        new = [s for s in starts.get(p, []) if s[1] > s[0]]
        _open(sweep, sorted(reopen + new, key=lambda s: (-s[1], s[2])))
        for start, end, key in starts.get(p, []):
            if start == end:
                sweep.out.append(open_tag(key, _next_part(sweep, key), 0) + "</mark>")
        sweep.out.append(_escape_text(source[p:nxt]))
    _close_at(sweep, len(source) + 1, open_tag)  # nothing is left open at the end
    return sweep.out


def _next_part(sweep: _Sweep, key: int) -> int:
    part = sweep.parts[key]
    sweep.parts[key] += 1
    return part


def _open(sweep: _Sweep, spans: Iterable[tuple[int, int, int]]) -> None:
    for start, end, key in spans:
        sweep.out.append("")  # the opening tag goes here once the mark closes
        sweep.stack.append(_Open(start, end, key, _next_part(sweep, key), len(sweep.out) - 1))


def _close_at(sweep: _Sweep, p: int, open_tag: OpenTag) -> list[tuple[int, int, int]]:
    """Close every mark ending at ``p`` and those inside it; return the ones to reopen."""
    lowest = next((i for i, m in enumerate(sweep.stack) if m.end <= p), None)
    if lowest is None:
        return []
    reopen = []
    while len(sweep.stack) > lowest:
        mark = sweep.stack.pop()
        sweep.out[mark.slot] = open_tag(mark.key, mark.part, mark.height)
        sweep.out.append("</mark>")
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
# Findings, hardest sentences, acronyms


def _findings_html(page: _Page, index: int, file: FileReport, source: str) -> Iterator[str]:
    if not file.findings:
        return
    placed = {key for _, _, key in finding_spans(source, file.findings)}
    yield f"<h3>Problems, in order ({len(file.findings):,})</h3>\n<ol class=\"findings\">"
    for key, f in enumerate(file.findings):
        yield _finding_item(page, index, key, f, key in placed)
    yield "</ol>"


def _finding_item(page: _Page, index: int, key: int, f: Finding, placed: bool) -> str:
    loc = f"{f.line}:{f.column}"
    where = (f"<a class=\"jump loc\" href=\"#f{index}-{key}\" title=\"Show in the text\">{loc}</a>"
             if placed else f"<span class=\"loc\">{loc}</span>")
    tries = ""
    if f.suggestions:
        tries = " <span class=\"try\">Try: " + ", ".join(
            f"“{escape(s)}”" for s in f.suggestions) + ".</span>"
    return (f"<li class=\"finding c{page.colours.get(f.rule, 0)}\" id=\"item-{index}-{key}\" "
            f"data-rule=\"{escape(f.rule)}\">{where} "
            f"<span class=\"sev {escape(f.severity)}\">{escape(f.severity)}</span> "
            f"<code class=\"rule\">{escape(f.rule)}</code> {escape(f.message)}{tries}</li>")


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
