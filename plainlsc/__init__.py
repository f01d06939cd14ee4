"""plainlsc: a plain-English checker for public health communications.

The Python API gives the same results as the command line, as plain dataclasses::

    import plainlsc
    report = plainlsc.check_text("Dear Councillor Councillor Patel, ...")
    for finding in report.findings:
        print(finding.line, finding.column, finding.rule, finding.message)
    plainlsc.score("Some text.").flesch_kincaid_grade
    plainlsc.syllables("facilitate")  # 4

Importing this package is cheap: spaCy and the rules load on the first check.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from plainlsc.config import Config
    from plainlsc.findings import FileReport
    from plainlsc.scoring import Scores


def check_text(text: str, format: str = "text", config: Config | None = None) -> FileReport:
    """Check a string; ``format`` is "text", "markdown" or "html"."""
    from plainlsc.pipeline import check_text as _check_text

    return _check_text(text, format, config)


def check_file(path: str | Path, config: Config | None = None) -> FileReport:
    """Check one file (format from its extension; configuration found from its folder)."""
    from plainlsc.pipeline import check_file as _check_file

    return _check_file(path, config)


def score(text: str, format: str = "text") -> Scores:
    """Reading-ease scores of a text, counted over its prose."""
    from plainlsc.config import Config as _Config
    from plainlsc.measure import measure
    from plainlsc.readers import read_string
    from plainlsc.segment import segment_blocks

    doc = read_string(text, format)
    segment_blocks(doc.blocks, _Config().model)
    return measure(doc)


def syllables(word: str) -> int:
    """Syllables in one word (CMU Pronouncing Dictionary, with a rule-based fallback)."""
    from plainlsc.scoring import syllables as _syllables

    return _syllables(word)


def acronyms(text: str, format: str = "text") -> list[Any]:
    """The acronyms of a text: where each is defined and first used, and a suggestion."""
    from plainlsc.acronym_check import acronyms_of_text

    return acronyms_of_text(text, format)


__all__ = ["__version__", "acronyms", "check_file", "check_text", "score", "syllables"]
