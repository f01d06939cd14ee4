"""Word comments for findings: one per finding, on exactly its words, plus one summary.

python-docx (1.2 and later) writes the comments part and each comment; we only choose the
runs. Findings about the whole document (reading age, average sentence length) would cover
the page if anchored where they are reported, so they go together in one short summary
comment on the first paragraph.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from plainlsc.findings import Finding
from plainlsc.word.runs import isolate
from plainlsc.word.textmap import TextMap


def comment_lines(finding: Finding) -> list[str]:
    """What a comment says: what is wrong, the suggestion, the rule and how to learn more."""
    lines = [finding.message]
    if finding.suggestions and not any(s in finding.message for s in finding.suggestions):
        lines.append("Try: " + "; ".join(finding.suggestions))
    if finding.fix is not None and finding.fix.safe:
        lines.append(f'Safe to fix: replace with "{finding.fix.replacement}" (plainlsc fix).')
    lines.append(f"Rule {finding.rule} ({finding.severity}). To learn more: "
                 f"plainlsc explain {finding.rule}")
    return lines


def summary_lines(findings: Iterable[Finding], scores: Any) -> list[str]:
    """The summary comment: a heading with the document's size, then each document-wide
    finding (their messages already give the reading age and the figures behind it)."""
    size = (f" ({scores.words:,} words, {scores.sentences:,} sentences)"
            if scores is not None and scores.words else "")
    lines = [f"plainlsc: about the whole document{size}"]
    lines.extend(f"{f.message} (rule {f.rule}; plainlsc explain {f.rule})" for f in findings)
    return lines


def initials_of(author: str) -> str:
    """Word shows initials beside a comment: the first letter of each word of the name."""
    return "".join(word[0] for word in author.split()).upper()[:4]


def add_comment(document: Any, runs: list[Any], lines: list[str], author: str) -> None:
    """Anchor a comment from the first to the last of ``runs``, one paragraph a line."""
    from docx.text.run import Run

    comment = document.add_comment([Run(runs[0], document), Run(runs[-1], document)], text=lines[0],
                                   author=author, initials=initials_of(author))
    for line in lines[1:]:
        comment.add_paragraph(line)


def anchor_runs(tmap: TextMap, start: int, end: int) -> list[Any] | None:
    """The runs holding the source span ``start:end`` (split to fit), or None if it cannot be
    anchored (it crosses a paragraph break)."""
    where = tmap.locate(start, end)
    if where is None:
        return None
    runs = isolate(tmap, *where)
    return runs or None


def first_paragraph_runs(tmap: TextMap) -> list[Any] | None:
    """All the runs of the first paragraph that has text (for the summary comment)."""
    for index in range(len(tmap.paragraphs)):
        text = tmap.text(index)
        if text.strip():
            return isolate(tmap, index, 0, len(text)) or None
    return None
