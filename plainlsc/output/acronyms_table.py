"""``plainlsc acronyms``: a document's acronyms as a glossary table."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from plainlsc.findings import Report
from plainlsc.output.terminal import markup_safe


def render_acronyms(report: Report, console: Console) -> None:
    """One table per file: the short form, what it stands for, and where it appears first."""
    for file in report.files:
        if file.error is not None or not file.acronyms:
            continue
        table = Table(title=f"Acronyms in {markup_safe(file.path)}", title_justify="left")
        for name in ("Acronym", "Stands for", "First used", "Defined", "Uses"):
            table.add_column(name)
        for a in sorted(file.acronyms, key=lambda a: a.short):
            if a.long:
                meaning = a.long
            elif a.known:
                meaning = "(well known)"
            elif a.suggestion:
                meaning = f"{a.suggestion} (not defined in the text)"
            else:
                meaning = "(not defined)"
            first = f"line {a.first_used.position.line}" if a.first_used else "-"
            defined = f"line {a.defined_at.position.line}" if a.defined_at else "no"
            table.add_row(escape(a.short), escape(meaning), first, defined, str(a.count))
        console.print(table)
