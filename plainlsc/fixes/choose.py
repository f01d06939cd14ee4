"""Pick the fixes to apply: safe ones only, at most one per stretch of text."""

from __future__ import annotations

from collections.abc import Iterable

from plainlsc.findings import Finding, Fix


def choose(findings: Iterable[Finding], source: str) -> list[Fix]:
    """The safe fixes of ``findings`` in source order, none overlapping another.

    Where two fixes overlap ("Councillor Councillor Councillor" gives two repetitions) the
    earlier one wins and the other waits for the next pass. A fix that would change nothing,
    or whose span no longer holds the finding's text, is dropped.
    """
    fixes = sorted({f.fix for f in findings
                    if f.fix is not None and f.fix.safe
                    and source[f.fix.start:f.fix.end] == f.match
                    and f.match != f.fix.replacement},
                   key=lambda fx: (fx.start, -fx.end, fx.replacement))
    chosen: list[Fix] = []
    for fix in fixes:
        if chosen and fix.start < chosen[-1].end:
            continue
        chosen.append(fix)
    return chosen
