"""plainlsc: a plain-English checker for public health communications.

The Python API gives the same results as the command line, as plain Python objects::

    import plainlsc
    report = plainlsc.check_text("Dear Councillor Councillor Patel, ...")
    for finding in report.findings:
        print(finding.line, finding.column, finding.rule, finding.message)
    report.scores.reading_age, report.scores["smog_index"], dict(report.scores)
    plainlsc.to_json(report)            # the JSON that `plainlsc check --format json` prints
    plainlsc.score("Some text.").flesch_kincaid_grade
    plainlsc.syllables("facilitate")    # 4

Every function goes through the same pipeline as ``plainlsc check``. Importing this package
is cheap: spaCy and the rules load on the first check.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from plainlsc.config import Config
from plainlsc.errors import ConfigError, InputError, PlainlscError
from plainlsc.findings import FileReport, Finding, Fix, Report

__version__ = "0.1.0"

if TYPE_CHECKING:
    from plainlsc.acronym.document import Acronym
    from plainlsc.scoring import Scores
    from plainlsc.scoring.sentences import SentenceScore


def check_text(text: str, format: str = "text", config: Config | None = None,
               profile: str | None = None) -> FileReport:
    """Check a string; ``format`` is "text", "markdown" or "html"; ``profile`` is "nhs"
    (default), "govuk" or "pec" and overrides the one in ``config``."""
    from plainlsc.pipeline import check_text as _check_text

    return _check_text(text, format, config, profile=profile)


def check_file(path: str | Path, config: Config | None = None) -> FileReport:
    """Check one file (format from its extension; configuration found from its folder)."""
    from plainlsc.pipeline import check_file as _check_file

    return _check_file(path, config)


def check_paths(paths: list[str], config: Config | None = None, jobs: int = 1) -> Report:
    """Check files and folders as ``plainlsc check`` does; unreadable files are reported in
    the result (``Report.errors``), a broken configuration raises :class:`ConfigError`."""
    from plainlsc.pipeline import check_paths as _check_paths

    return _check_paths(paths, config, jobs=jobs)


def score(text: str, format: str = "text", config: Config | None = None) -> Scores:
    """Reading-ease scores of a text, counted over its prose, exactly as ``check`` counts."""
    scores = check_text(text, format, config).scores
    assert scores is not None  # a checked text always has scores; only unreadable files lack them
    return scores


def syllables(word: str) -> int:
    """Syllables in one word, as the scores count them (a number counts as two)."""
    from plainlsc.scoring.measure import counted_syllables

    return counted_syllables(word)


def acronyms(text: str, format: str = "text", config: Config | None = None) -> list[Acronym]:
    """The acronyms of a text: where each is defined and first used, and a suggestion."""
    return check_text(text, format, config).acronyms


def to_json(report: Report | FileReport, indent: int | None = 2) -> str:
    """The JSON that ``plainlsc check --format json`` prints for this report (version 1)."""
    from plainlsc.output.json_format import render_json

    whole = report if isinstance(report, Report) else Report([report])
    return render_json(whole, indent)


def to_dict(report: Report | FileReport) -> dict[str, Any]:
    """The report as plain dictionaries and lists, ready for ``json.dumps``."""
    return report.to_dict()


__all__ = [
    "Acronym", "Config", "ConfigError", "FileReport", "Finding", "Fix", "InputError",
    "PlainlscError", "Report", "Scores", "SentenceScore", "__version__", "acronyms",
    "check_file", "check_paths", "check_text", "score", "syllables", "to_dict", "to_json",
]


def __getattr__(name: str) -> Any:
    """The types whose modules are heavier to import, loaded when first named."""
    lazy = {"Acronym": "plainlsc.acronym.document", "Scores": "plainlsc.scoring.formulas",
            "SentenceScore": "plainlsc.scoring.sentences"}
    if name in lazy:
        import importlib

        return getattr(importlib.import_module(lazy[name]), name)
    raise AttributeError(f"module 'plainlsc' has no attribute {name!r}")
