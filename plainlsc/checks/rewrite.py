"""Fit a safe replacement to the text it replaces: same ending, same capitals.

A word list writes "prior to<TAB>before" in lower case and base form; the text may say
"Prior to" at the start of a sentence or "utilised" in the past tense. A fix must read as if
the writer had typed it, or it is not safe.
"""

from __future__ import annotations

from plainlsc.checks.inflect import inflect_like


def follow_case(matched: str, replacement: str) -> str:
    """Capitals as the matched text has them: ALL CAPS stays all caps, a capital first letter
    stays a capital ("Prior to" -> "Before"); otherwise the replacement as written."""
    letters = [ch for ch in matched if ch.isalpha()]
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return replacement.upper()
    if letters and matched.lstrip()[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def fitted_replacement(term: str, matched: str, replacement: str) -> str | None:
    """The replacement for ``matched`` (a form of ``term``), with its ending and capitals,
    or None if its form cannot be told for sure."""
    key = " ".join(matched.lower().replace("\u2019", "'").split())
    form = inflect_like(term.lower(), key, replacement)
    return None if form is None else follow_case(matched, form)
