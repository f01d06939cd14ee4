"""What a check produces: findings, per-file reports and the whole run's report.

Plain dataclasses, so ``import plainlsc`` callers get ordinary Python objects, and ``to_dict``
gives the version-1 JSON schema other tools depend on.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from plainlsc.acronym.document import Acronym
    from plainlsc.scoring import Scores
    from plainlsc.scoring.sentences import SentenceScore

LEVELS = ("suggestion", "warning", "error")
JSON_VERSION = 1


def level_rank(level: str) -> int:
    """Order of severity: suggestion < warning < error."""
    return LEVELS.index(level)


@dataclass(frozen=True, slots=True)
class Fix:
    """A rewrite that needs no judgement: ``source[start:end]`` becomes ``replacement``.

    Offsets are into the same source text as the finding's, so a fixer, an editor's quick fix
    and a Word tracked change all apply the same edit. ``safe`` is False for a rewrite that
    is only offered (a rule with ``fix: suggest``): ``plainlsc fix`` never applies it.
    """

    start: int
    end: int
    replacement: str
    safe: bool = True

    def to_dict(self) -> dict[str, Any]:
        """The fix as in the JSON output (an optional key of a finding)."""
        return {"start": self.start, "end": self.end, "replacement": self.replacement,
                "safe": self.safe}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place. ``match`` is exactly ``source[start:end]``."""

    rule: str
    severity: str
    line: int
    column: int
    end_line: int
    end_column: int
    match: str
    message: str
    suggestions: tuple[str, ...] = ()
    start: int = 0
    end: int = 0
    fix: Fix | None = None
    #: About the whole document (reading age, average sentence length), not the text at its
    #: place: a review shows it with the scores, not among the lines. Not in the JSON.
    document: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The finding as in the JSON output (schema version 1); ``fix`` only when it has
        one, so the schema stays version 1 for every reader that does not know it."""
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "match": self.match,
            "message": self.message,
            "suggestions": list(self.suggestions),
        }
        if self.fix is not None:
            out["fix"] = self.fix.to_dict()
        return out


@dataclass(slots=True)
class FileReport:
    """The result for one file: its scores, findings and acronyms, or the error that stopped it.

    ``sentences`` holds every prose sentence with its grade, as the pipeline measured it, so a
    report can rank or shade sentences without reading the file again; it is not part of the
    JSON output. ``source`` is the text the findings' offsets point into.
    """

    path: str
    format: str
    scores: Scores | None = None
    findings: list[Finding] = field(default_factory=list)
    acronyms: list[Acronym] = field(default_factory=list)
    error: str | None = None
    source: str | None = field(default=None, repr=False)
    sentences: list[SentenceScore] = field(default_factory=list, repr=False)
    #: Problems with the document's own plainlsc comments (a rule id that names no rule),
    #: as "line N: ..." sentences; ``check`` writes them to stderr. Not in the JSON.
    notes: list[str] = field(default_factory=list, repr=False)

    def __repr__(self) -> str:
        if self.error is not None:
            return f"FileReport(path={self.path!r}, error={self.error!r})"
        age = self.scores.reading_age if self.scores is not None else None
        return (f"FileReport(path={self.path!r}, format={self.format!r}, "
                f"findings={len(self.findings)}, acronyms={len(self.acronyms)}, "
                f"reading_age={age})")

    def hardest(self, limit: int = 10) -> list[SentenceScore]:
        """The hardest prose sentences (4 words or more), hardest first."""
        from plainlsc.scoring.sentences import hardest

        return hardest(self.sentences, limit)

    def to_dict(self, findings: bool = True) -> dict[str, Any]:
        """The file as in the JSON output, schema version 1 (``findings=False``: without the
        findings key, for a writer that adds them itself, one at a time)."""
        out: dict[str, Any] = {
            "path": self.path,
            "format": self.format,
            "scores": self.scores.to_dict() if self.scores is not None else None,
        }
        if findings:
            out["findings"] = [f.to_dict() for f in self.findings]
        out["acronyms"] = [a.to_dict() for a in self.acronyms]
        if self.error is not None:
            out["error"] = self.error
        return out

    def count(self, level: str) -> int:
        """How many findings have this level."""
        return sum(1 for f in self.findings if f.severity == level)


@dataclass(slots=True)
class Report:
    """The result of one run over one or more files."""

    files: list[FileReport] = field(default_factory=list)

    def __repr__(self) -> str:
        s = self.summary()
        return (f"Report(files={s['files']}, findings={s['findings']}, errors={s['errors']}, "
                f"warnings={s['warnings']}, suggestions={s['suggestions']})")

    @property
    def findings(self) -> list[Finding]:
        """Every finding of every file, in order."""
        return [f for file in self.files for f in file.findings]

    @property
    def errors(self) -> list[FileReport]:
        """Files that could not be read."""
        return [f for f in self.files if f.error is not None]

    def summary(self) -> dict[str, int]:
        """Totals, as in the JSON output's ``summary``."""
        findings = self.findings
        return {
            "files": len(self.files),
            "findings": len(findings),
            "errors": sum(1 for f in findings if f.severity == "error"),
            "warnings": sum(1 for f in findings if f.severity == "warning"),
            "suggestions": sum(1 for f in findings if f.severity == "suggestion"),
            "unreadable": len(self.errors),
        }

    def to_dict(self) -> dict[str, Any]:
        """The whole JSON document (schema version 1), as ``plainlsc check --format json``."""
        return {
            "version": JSON_VERSION,
            "files": [f.to_dict() for f in self.files],
            "summary": self.summary(),
        }

    def at_least(self, level: str) -> Report:
        """The report with only findings at ``level`` or above (``--min-level``): what is
        shown, in every format; the exit code is worked out on the whole report first."""
        rank = level_rank(level)
        return Report([replace(f, findings=[x for x in f.findings
                                            if level_rank(x.severity) >= rank])
                       for f in self.files])

    def exit_code(self, fail_on: str = "warning") -> int:
        """0 clean, 1 a finding at or above ``fail_on``, 2 a file could not be read."""
        if self.errors:
            return 2
        threshold = level_rank(fail_on)
        return 1 if any(level_rank(f.severity) >= threshold for f in self.findings) else 0
