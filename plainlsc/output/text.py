"""The terminal view: a headline of scores in words, then one aligned line per finding.

``path:line:col`` comes first on every finding line so editors and terminals can jump to it.
Colour follows the terminal: none when piped or when ``NO_COLOR`` is set (rich handles both).
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from plainlsc.findings import FileReport, Finding, Report
from plainlsc.output.english import plural
from plainlsc.output.terminal import visible

STYLE = {"error": "bold red", "warning": "yellow", "suggestion": "cyan"}


def reading_age_words(age: float, target: tuple[int, int], profile: str) -> str:
    """"reading age about 14 (NHS aims for 9 to 11)"."""
    low, high = target
    aim = f"{low} to {high}" if low != high else f"{low}"
    who = {"nhs": "NHS", "govuk": "GOV.UK"}.get(profile, "this profile")
    return f"reading age about {round(age)} ({who} aims for {aim})"


def headline(file: FileReport, target: tuple[int, int], profile: str) -> Text:
    """The one-line summary of a file's scores."""
    line = Text()
    line.append(visible(file.path), style="bold")
    s = file.scores
    if s is None:
        return line
    if s.words == 0:
        line.append("  no prose to score")
        return line
    age_style = "green" if s.reading_age <= target[1] else "yellow"
    line.append("  ")
    line.append(reading_age_words(s.reading_age, target, profile), style=age_style)
    smog = f"SMOG {s.smog_index:.1f}" + ("" if s.smog_reliable else "*")
    line.append(f"  {smog}  Flesch {s.flesch_reading_ease:.0f}  "
                f"{plural(s.words, 'word')}, {plural(s.sentences, 'sentence')}")
    return line


def finding_line(file: FileReport, f: Finding, widths: tuple[int, int]) -> Text:
    """``path:line:col  level  rule  message``, aligned."""
    loc = f"{visible(file.path)}:{f.line}:{f.column}"
    text = Text()
    text.append(loc.ljust(widths[0]))
    text.append("  ")
    text.append(f.severity.ljust(12), style=STYLE.get(f.severity, ""))
    text.append(f.rule.ljust(widths[1]), style="bold")
    text.append("  ")
    text.append(visible(f.message, keep_tabs=True))  # it may quote the document
    return text


def quote(lines: list[str], f: Finding, width: int = 100) -> str:
    """The finding's paragraph (a Word file's line, from the source split into ``lines``
    once per file), cut to ``width`` around the match."""
    if not 0 < f.line <= len(lines):
        return ""
    line = lines[f.line - 1]
    start = max(0, min(f.column - 1 - width // 3, len(line) - width))
    piece = line[start:start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(line) else "")


def _counts(report: Report) -> str:
    s = report.summary()
    parts = [plural(s[k], k[:-1]) for k in ("errors", "warnings", "suggestions") if s[k]]
    files = plural(s["files"] - s["unreadable"], "file")
    unreadable = f" {plural(s['unreadable'], 'file')} could not be read." \
        if s["unreadable"] else ""
    if not parts:
        return f"No problems found in {files}.{unreadable}"
    return f"{', '.join(parts)} in {files}.{unreadable}"


def render_text(report: Report, console: Console, target: tuple[int, int] = (9, 11),
                profile: str = "nhs", quiet: bool = False, **_: Any) -> None:
    """Print the report for a person at a terminal."""
    for file in report.files:
        if file.error is not None or quiet:
            continue  # unreadable files are reported on stderr, one line each
        console.print(headline(file, target, profile))
        if file.findings:
            console.print()
            _print_findings(console, file)
        console.print()
    if len(report.errors) == len(report.files):
        return  # nothing was checked: the stderr lines say why, and stdout stays empty
    footer = _counts(report)
    rules = sorted({f.rule for f in report.findings})
    if rules:
        footer += f"  Run `plainlsc explain {escape(rules[0])}` to learn about a rule."
    if any(f.scores is not None and not f.scores.smog_reliable and f.scores.words
           for f in report.files) and not quiet:
        footer += "\n* SMOG is less reliable under 30 sentences."
    console.print(footer, highlight=False)


def _print_findings(console: Console, file: FileReport) -> None:
    """One line per finding (and, for Word, the paragraph it is in).

    Without colour (piped to a file, a CI log or a pre-commit hook) a line is exactly its
    plain text, so it is written directly: rich's layout costs more per line than checking.
    """
    loc_w = max(len(f"{visible(file.path)}:{f.line}:{f.column}") for f in file.findings)
    rule_w = max(len(f.rule) for f in file.findings)
    lines = file.source.splitlines() if file.format == "docx" and file.source else None
    plain = console.color_system is None and not console.is_jupyter
    batch: list[str] = []
    for f in file.findings:
        texts = [finding_line(file, f, (loc_w, rule_w))]
        if lines is not None:
            # Word has no line numbers to jump to: show the paragraph itself.
            texts.append(Text("    ¶ " + visible(quote(lines, f), keep_tabs=True), style="dim"))
        for text in texts:
            if plain and "\t" not in text.plain:
                batch.append(text.plain + "\n")
                if len(batch) >= 1000:
                    _flush(console, batch)
            else:
                _flush(console, batch)
                console.print(text, soft_wrap=True)
    _flush(console, batch)


def _flush(console: Console, batch: list[str]) -> None:
    if batch:
        console.file.write("".join(batch))
        batch.clear()
