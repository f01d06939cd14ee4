"""``plainlsc score``: the reading-ease figures of each file as a table."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from plainlsc.findings import Report
from plainlsc.output.terminal import markup_safe

ROWS = (
    ("reading_age", "UK reading age (estimate: US grade + 5)"),
    ("flesch_reading_ease", "Flesch reading ease (higher is easier)"),
    ("flesch_kincaid_grade", "Flesch-Kincaid grade"),
    ("smog_index", "SMOG grade"),
    ("gunning_fog", "Gunning fog"),
    ("coleman_liau_index", "Coleman-Liau index"),
    ("automated_readability_index", "Automated readability index"),
    ("dale_chall", "Dale-Chall score"),
    ("words", "Words"),
    ("sentences", "Sentences"),
    ("syllables", "Syllables"),
    ("polysyllabic_words", "Words of 3 or more syllables"),
    ("avg_sentence_length", "Average words per sentence"),
)


def render_scores(report: Report, console: Console) -> None:
    """One table per file; SMOG is marked as less reliable on short texts."""
    for file in report.files:
        if file.scores is None:
            continue
        table = Table(title=markup_safe(file.path), show_header=True, title_justify="left")
        table.add_column("Measure")
        table.add_column("Value", justify="right")
        for key, label in ROWS:
            value = file.scores[key]
            shown = f"{value:,}" if isinstance(value, int) else f"{value:.1f}"
            if key == "smog_index" and not file.scores.smog_reliable:
                shown += " (less reliable under 30 sentences)"
            table.add_row(label, shown)
        console.print(table)
        if file.scores.hard_words:
            words = ", ".join(markup_safe(w) for w in file.scores.hard_words)
            console.print("Long words that raise the scores: " + words)
        console.print()
