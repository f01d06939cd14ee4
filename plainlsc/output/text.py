"""The terminal view: each file as a review, not a flat list.

For each file: the headline (reading age in words), the document-wide findings, the counts per
level and per rule; then "Fix first" (errors, safe fixes, the hardest sentences, the jargon
used most); then the other findings grouped per rule, each rule's advice given once, a few
places in full and the rest listed compactly. What comes first and how findings group is
decided in :mod:`plainlsc.review`; this module only lays it out.

``path:line:col`` starts every finding line so editors and terminals can jump to it. Lines are
wrapped at the console's width between words, continuation lines indented. Colour follows
the terminal: none when piped or when ``NO_COLOR`` is set (rich handles both); without colour
each line is written as plain text, which is much faster for a site's thousands of findings.
"""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console
from rich.text import Text

from plainlsc import review
from plainlsc.findings import FileReport, Finding, Report, level_rank
from plainlsc.output.english import plural
from plainlsc.output.terminal import masked, visible
from plainlsc.output.wrap import Span, plain, wrap

STYLE = {"error": "bold red", "warning": "yellow", "suggestion": "cyan"}
#: Places shown in full per rule; the rest are listed as "N more like this: 12:3, 40:1...".
SHOWN = 3
_LINES = re.compile(r"\r\n|\r|\n")
#: Characters of a hard sentence quoted in "Fix first".
QUOTE = 60
_QUOTES = "\"'\u2018\u2019\u201c\u201d "


def reading_age_words(age: float, target: tuple[int, int], profile: str) -> str:
    """"reading age about 14 (NHS aims for 9 to 11)"."""
    low, high = target
    aim = f"{low} to {high}" if low != high else f"{low}"
    who = {"nhs": "NHS", "govuk": "GOV.UK"}.get(profile, "this profile")
    return f"reading age about {round(age)} ({who} aims for {aim})"


def headline(file: FileReport, target: tuple[int, int], profile: str) -> Text:
    """The one-line summary of a file's scores (as ``score`` and a quiet run show it)."""
    return Text.assemble(*_headline(file, target, profile))


def _headline(file: FileReport, target: tuple[int, int], profile: str) -> list[Span]:
    spans: list[Span] = [(file.path, "bold")]
    s = file.scores
    if s is None:
        return spans
    if s.words == 0:
        return [*spans, ("  no prose to score", "")]
    age_style = "green" if round(s.reading_age) <= target[1] else "yellow"
    smog = f"SMOG {s.smog_index:.1f}" + ("" if s.smog_reliable else "*")
    return [*spans, ("  ", ""), (reading_age_words(s.reading_age, target, profile), age_style),
            (f"  {smog}  Flesch {s.flesch_reading_ease:.0f}  "
             f"{plural(s.words, 'word')}, {plural(s.sentences, 'sentence')}", "")]


class _Writer:
    """Writes wrapped, styled lines: as rich Text at a colour terminal, as plain text else."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.width = max(40, console.width)
        self.plain = console.color_system is None and not console.is_jupyter
        self.batch: list[str] = []

    def line(self, spans: list[Span], indent: int = 4) -> None:
        """One logical line, wrapped at the width with continuation lines at ``indent``.

        File names, messages and quoted text may hold control characters (a newline or an
        escape sequence in a file name): they are written out as escapes, never sent raw.
        """
        spans = [(visible(text, keep_tabs=True), style) for text, style in spans]
        for piece in wrap(spans, self.width, indent):
            if self.plain:
                self.batch.append(plain(piece) + "\n")
                if len(self.batch) >= 1000:
                    self.flush()
            else:
                self.flush()
                self.console.print(Text.assemble(*piece), soft_wrap=True)

    def blank(self) -> None:
        self.line([])

    def flush(self) -> None:
        if self.batch:
            self.console.file.write("".join(self.batch))
            self.batch.clear()


def render_text(report: Report, console: Console, target: tuple[int, int] = (9, 11),
                profile: str = "nhs", quiet: bool = False, statistics: bool = False,
                show_source: bool = False, hidden: int = 0, **_: Any) -> None:
    """Print the report for a person at a terminal (``statistics``: only the count per rule,
    as ``ruff --statistics``; ``quiet``: only the totals; ``hidden``: how many findings
    ``--min-level`` left out, which the totals mention)."""
    out = _Writer(console)
    if statistics:
        _statistics(out, report)
    elif not quiet:
        for file in report.files:
            if file.error is None:
                _file(out, file, target, profile, show_source)
    if len(report.errors) < len(report.files):
        # (When nothing was checked, the stderr lines say why and stdout stays empty.)
        _footer(out, report, quiet or statistics, hidden)
    out.flush()


def _statistics(out: _Writer, report: Report) -> None:
    """One line per rule: count, rule id and level, the most frequent first."""
    counts = review.rule_counts(report.findings)
    wide = max((len(rule) for rule, _, _ in counts), default=0)
    for rule, level, count in sorted(counts, key=lambda t: (-t[2], t[0])):
        out.line([(f"{count:>5}  ", ""), (rule.ljust(wide), "bold"), ("  ", ""),
                  (level, STYLE[level])])


def _file(out: _Writer, file: FileReport, target: tuple[int, int], profile: str,
          show_source: bool) -> None:
    """One file as a review: header, fix first, then the findings grouped per rule."""
    out.line(_headline(file, target, profile), indent=2)
    whole, placed = review.split_document(file.findings)
    for f in whole:
        out.line([("  ", ""), (f.severity, STYLE[f.severity]), ("  ", ""), (f.rule, "bold"),
                  (f"  {f.message}", "")])
    if file.findings:
        out.line(_counts_line(file.findings))
    source = _Source(file, show_source)
    priorities = review.fix_first(file, max_age=target[1])
    shown: set[int] = set()
    if priorities:
        out.blank()
        out.line([("Fix first", "bold underline")])
        for p in priorities:
            _priority(out, file, p, source)
            if p.reason in ("error", "fix") and p.finding is not None:
                shown.add(id(p.finding))
    groups = review.by_rule(f for f in placed if id(f) not in shown)
    for group in groups:
        out.blank()
        _group(out, file, group, source)
    out.blank()


def _counts_line(findings: list[Finding]) -> list[Span]:
    """"2 errors, 60 warnings: placeholder 2, plain-words 37, ..." for one file."""
    per_level = {level: sum(1 for f in findings if f.severity == level)
                 for level in ("error", "warning", "suggestion")}
    spans: list[Span] = [("  ", "")]
    parts = [(plural(n, level), STYLE[level]) for level, n in per_level.items() if n]
    for i, part in enumerate(parts):
        spans += [(", " if i else "", ""), part]
    rules = review.rule_counts(findings)
    spans.append((": ", ""))
    for i, (rule, _level, n) in enumerate(rules):
        spans.append((f"{rule} {n}{',' if i < len(rules) - 1 else ''} ", ""))
    return spans


def _loc(file: FileReport, line: int, column: int) -> Span:
    return (f"{file.path}:{line}:{column}", "")


def _priority(out: _Writer, file: FileReport, p: review.Priority, source: _Source) -> None:
    """One line of "Fix first"."""
    head: list[Span] = [_loc(file, p.line, p.column), ("  ", "")]
    f = p.finding
    if p.reason == "hard-sentence" and p.sentence is not None:
        s = p.sentence
        out.line([*head, ("hard sentence", "bold"),
                  (f"  reading age about {s.reading_age}, {plural(s.words, 'word')}: "
                   f"\u201c{_cut(s.text.strip(_QUOTES), QUOTE)}\u201d", "")], indent=4)
    elif p.reason == "jargon" and f is not None:
        out.line([*head, (f.rule, "bold"), (f"  {f.message}", ""),
                  (f" ({p.count} times{_also(p.places)})", "dim")], indent=4)
    elif f is not None:
        out.line([*head, (f.rule, STYLE[f.severity]), (f"  {f.message}", "")], indent=4)
    if f is not None and p.reason != "hard-sentence":
        source.show(out, f)


def _group(out: _Writer, file: FileReport, group: review.RuleGroup, source: _Source) -> None:
    """A rule: its count and advice once, a few places in full, then the rest compactly."""
    head: list[Span] = [(group.rule, "bold"), ("  ", "")]
    levels = [lvl for lvl in ("error", "warning", "suggestion")
              if any(f.severity == lvl for f in group.findings)]
    for i, lvl in enumerate(levels):
        n = sum(1 for f in group.findings if f.severity == lvl)
        head += [(", " if i else "", ""), (plural(n, lvl), STYLE[lvl])]
    if group.advice:
        head.append((f": {group.advice}", ""))
    out.line(head)
    for item in group.items[:SHOWN]:
        f = item.first
        line: list[Span] = [_loc(file, f.line, f.column), ("  ", "")]
        if level_rank(f.severity) != level_rank(group.severity):
            line.append((f"{f.severity}  ", STYLE[f.severity]))
        line.append((item.text, ""))
        if len(item.places) > 1:
            line.append((f" ({len(item.places)} times{_also(item.places)})", "dim"))
        out.line(line, indent=4)
        source.show(out, f)
    rest = sorted((f for item in group.items[SHOWN:] for f in item.places),
                  key=lambda f: f.start)
    if rest:
        places = ", ".join(_place(f) for f in rest)
        out.line([(f"  {len(rest)} more like this at ", "dim"), (places, "")], indent=4)


#: A match up to this long is named beside its place ("19:24 maintain"), so a writer sees
#: which words the "more like this" are; a whole sentence is not.
NAMED_MATCH = 30


def _place(f: Finding) -> str:
    """"19:24" for a long match, "19:24 maintain" for a word or a phrase."""
    word = visible(f.match)
    return f"{f.line}:{f.column}" + (f" {word}" if len(word) <= NAMED_MATCH else "")


def _also(places: tuple[Finding, ...]) -> str:
    """": also 27:61, 40:3" for an item found in more than one place."""
    return ": also " + ", ".join(f"{f.line}:{f.column}" for f in places[1:])


def _cut(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to about ``limit`` characters, with "…"."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"


class _Source:
    """The source line under a finding with the match marked (``--show-source``; always for
    Word files, which have paragraphs but no line numbers to jump to)."""

    def __init__(self, file: FileReport, wanted: bool) -> None:
        on = (wanted or file.format == "docx") and file.source is not None
        # Lines as findings count them (LF, CRLF or CR), not as str.splitlines (which also
        # breaks at a form feed and would quote the wrong line after one).
        self.lines = _LINES.split(file.source or "") if on else None
        self.bar = "      \u00b6 " if file.format == "docx" else "      | "

    def show(self, out: _Writer, f: Finding) -> None:
        """Two lines: the text around the match, and carets under it."""
        if self.lines is None or not 0 < f.line <= len(self.lines):
            return
        text = masked(self.lines[f.line - 1].replace("\t", " "))  # same width: carets align
        room = max(20, out.width - len(self.bar) - 2)
        start = f.column - 1
        end = len(text) if f.end_line != f.line else max(start + 1, f.end_column - 1)
        left = max(0, min(start - room // 3, len(text) - room))
        piece = text[left:left + room]
        lead = "\u2026" if left else ""
        tail = "\u2026" if left + room < len(text) else ""
        marks = " " * (len(lead) + start - left) + "^" * max(1, min(end, left + room) - start)
        out.line([(self.bar, "dim"), (lead + piece + tail, "")], indent=8)
        out.line([(" " * len(self.bar), ""), (marks, "bold red")], indent=8)


def _footer(out: _Writer, report: Report, short: bool, hidden: int) -> None:
    """Totals, the rule to read about, and the SMOG footnote."""
    spans: list[Span] = [(_counts(report), "")]
    if hidden:
        spans = [(_counts(report).replace("No problems found", "Nothing to show"), ""),
                 (f"  {plural(hidden, 'finding')} below --min-level not shown.", "dim")]
    rule = review.main_rule(report.findings)
    if rule is not None:
        n = sum(1 for f in report.findings if f.rule == rule)
        spans.append((f"  Most frequent: {rule} ({n}); run `plainlsc explain {rule}` to learn "
                      "why it matters and how to fix it.", ""))
    out.line(spans, indent=0)
    if not short and any(f.scores is not None and not f.scores.smog_reliable
                         and f.scores.words for f in report.files):
        out.line([("* SMOG is less reliable under 30 sentences.", "")], indent=0)


def _counts(report: Report) -> str:
    s = report.summary()
    parts = [plural(s[k], k[:-1]) for k in ("errors", "warnings", "suggestions") if s[k]]
    files = plural(s["files"] - s["unreadable"], "file")
    unreadable = f" {plural(s['unreadable'], 'file')} could not be read." \
        if s["unreadable"] else ""
    if not parts:
        return f"No problems found in {files}.{unreadable}"
    return f"{', '.join(parts)} in {files}.{unreadable}"
