"""Fix a document held as text: check, choose, protect, apply, and again until nothing is left.

Passes repeat because one fix can make room for another ("Councillor Councillor Councillor"
needs two); after the last pass a second ``plainlsc fix`` finds nothing to do.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from plainlsc.config import Config
from plainlsc.findings import FileReport, Fix
from plainlsc.fixes.apply import apply_fixes
from plainlsc.fixes.choose import choose
from plainlsc.fixes.protect import allowed

#: A document needs more passes than this only if fixes keep making new ones: stop there.
MAX_PASSES = 5


@dataclass(slots=True)
class Fixed:
    """The outcome for one document: its text before and after, and what was done."""

    before: str
    after: str
    #: Fixes applied, each pass's offsets into that pass's text.
    applied: list[Fix] = field(default_factory=list)
    #: Safe fixes left alone because they touch markup, code or links.
    refused: list[Fix] = field(default_factory=list)
    #: The check of the fixed text: what is left to do by hand.
    report: FileReport | None = None

    @property
    def changed(self) -> bool:
        """Whether any fix was applied."""
        return self.after != self.before


def fix_text(text: str, format: str, config: Config, path: str = "<text>") -> Fixed:
    """Apply every safe fix to ``text`` (in ``format``), re-checking after each pass."""
    from plainlsc.pipeline import check_text

    result = Fixed(text, text)
    report = check_text(text, format, config, path)
    for _ in range(MAX_PASSES):
        fixes, refused = allowed(choose(report.findings, result.after), result.after, format)
        if not result.refused:
            result.refused = refused
        if not fixes:
            break
        result.after = apply_fixes(result.after, fixes)
        result.applied.extend(fixes)
        report = check_text(result.after, format, config, path)
    result.report = report
    return result
