"""Code actions on findings: "Replace with …" for each suggestion (preferred when it is the
finding's safe fix), "Fix all safe problems in this file", "Disable RULE for this line" and
"Add WORD to the team word list".

Edits are built from what the pipeline computed (a finding's span, suggestions and ``fix``);
nothing here checks the text again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from lsprotocol import types

from plainlsc.findings import Finding, Fix
from plainlsc.lsp.disable import disable_edit
from plainlsc.lsp.positions import LineIndex

FIX_ALL_TITLE = "Fix all safe problems in this file"
FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.plainlsc"
#: A finding's match that could go in the word list: a word or a short name, not a sentence.
_WORDISH = re.compile(r"[^\W\d_][\w'’&.-]*(?: [\w'’&.-]+){0,2}")

#: Builds the WorkspaceEdit that adds a word to the team's word list (None: cannot).
AcceptEditor = Callable[[str], "types.WorkspaceEdit | None"]


@dataclass(slots=True)
class Target:
    """The open document the actions are for."""

    uri: str
    text: str
    format: str
    index: LineIndex
    version: int | None = None


def _span_range(target: Target, start: int, end: int) -> types.Range:
    return types.Range(types.Position(*target.index.position(start)),
                       types.Position(*target.index.position(end)))


def _edit(target: Target, edits: list[tuple[int, int, str]]) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={target.uri: [
        types.TextEdit(_span_range(target, s, e), new) for s, e, new in edits]})


def matched_case(match: str, suggestion: str) -> str:
    """A suggestion with the capital of the word it replaces ("Utilise" -> "Use"), unless
    the match is in capitals throughout (an acronym keeps the suggestion as written)."""
    if match[:1].isupper() and not match.isupper() and suggestion[:1].islower():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


def is_replacement(suggestion: str) -> bool:
    """Whether a suggestion is text to put in (not advice such as "(leave out)")."""
    return bool(suggestion.strip()) and not suggestion.startswith("(")


def replace_actions(target: Target, finding: Finding,
                    diagnostic: types.Diagnostic | None) -> list[types.CodeAction]:
    """One "Replace with …" per suggestion; the one that is the finding's fix is preferred."""
    actions = []
    fix = finding.fix
    for suggestion in finding.suggestions:
        if not is_replacement(suggestion):
            continue
        text = matched_case(finding.match, suggestion)
        safe = fix is not None and fix.replacement in (suggestion, text)
        start, end, new = ((fix.start, fix.end, fix.replacement) if safe and fix is not None
                           else (finding.start, finding.end, text))
        actions.append(types.CodeAction(
            title=f"Replace with “{new}”", kind=types.CodeActionKind.QuickFix,
            diagnostics=[diagnostic] if diagnostic else None, is_preferred=safe or None,
            edit=_edit(target, [(start, end, new)])))
    if fix is not None and not any(a.is_preferred for a in actions):
        actions.insert(0, types.CodeAction(
            title=f"Replace with “{fix.replacement}”" if fix.replacement else "Remove it",
            kind=types.CodeActionKind.QuickFix, is_preferred=True,
            diagnostics=[diagnostic] if diagnostic else None,
            edit=_edit(target, [(fix.start, fix.end, fix.replacement)])))
    return actions


def safe_fixes(findings: Iterable[Finding]) -> list[Fix]:
    """Every finding's fix, in order, leaving out any that overlaps one kept before it (two
    edits to the same text cannot both apply)."""
    kept: list[Fix] = []
    for fix in sorted((f.fix for f in findings if f.fix is not None),
                      key=lambda x: (x.start, x.end)):
        if kept and fix.start < kept[-1].end:
            continue
        kept.append(fix)
    return kept


def fix_all_action(target: Target, findings: Sequence[Finding]) -> types.CodeAction | None:
    """Apply every safe fix at once; None when the document has none."""
    fixes = safe_fixes(findings)
    if not fixes:
        return None
    return types.CodeAction(title=FIX_ALL_TITLE, kind=FIX_ALL_KIND,
                            edit=_edit(target, [(f.start, f.end, f.replacement)
                                                for f in fixes]))


def disable_action(target: Target, finding: Finding,
                   diagnostic: types.Diagnostic | None) -> types.CodeAction | None:
    """"Disable RULE for this line", with the comment the format reads."""
    edit = disable_edit(target.text, target.format, finding.rule, finding.start)
    if edit is None:
        return None
    offset, inserted = edit
    return types.CodeAction(
        title=f"Disable {finding.rule} for this line", kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic] if diagnostic else None,
        edit=_edit(target, [(offset, offset, inserted)]))


def word_of(finding: Finding) -> str | None:
    """The word (or short name) a finding is about, if it is one a team could accept."""
    word = finding.match.strip()
    if len(word) > 40 or not _WORDISH.fullmatch(word):
        return None
    return word


def accept_action(finding: Finding, diagnostic: types.Diagnostic | None,
                  editor: AcceptEditor) -> types.CodeAction | None:
    """"Add WORD to the team word list": the configuration's ``accept`` list."""
    word = word_of(finding)
    edit = editor(word) if word else None
    if edit is None:
        return None
    return types.CodeAction(
        title=f"Add “{word}” to the team word list", kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic] if diagnostic else None, edit=edit)


def overlapping(findings: Iterable[Finding], start: int, end: int,
                first_line_end: int) -> list[Finding]:
    """The findings under a selection (touching counts: a cursor just after a word is on
    it). A finding with no span is shown on the first line, so it is found there."""
    found = []
    for f in findings:
        s, e = (f.start, f.end) if f.end > f.start else (0, first_line_end)
        if s <= end and e >= start:
            found.append(f)
    return found


def code_actions(target: Target, findings: Sequence[Finding], start: int, end: int,
                 diagnostic_for: Callable[[Finding], types.Diagnostic],
                 editor: AcceptEditor, only: Sequence[str] | None) -> list[types.CodeAction]:
    """Every action for the selection ``start``..``end`` (offsets), in a stable order."""
    actions: list[types.CodeAction] = []
    wanted = _wanted(only)
    if wanted(types.CodeActionKind.QuickFix):
        for finding in overlapping(findings, start, end, target.index.line_end(0)):
            diagnostic = diagnostic_for(finding)
            actions.extend(replace_actions(target, finding, diagnostic))
            extra = (disable_action(target, finding, diagnostic),
                     accept_action(finding, diagnostic, editor))
            actions.extend(a for a in extra if a is not None)
    if wanted(FIX_ALL_KIND):
        fix_all = fix_all_action(target, findings)
        if fix_all is not None:
            actions.append(fix_all)
    return actions


def _wanted(only: Sequence[str] | None) -> Callable[[str], bool]:
    """Whether a kind is among those the client asked for (a parent kind covers its
    children: "source.fixAll" asks for "source.fixAll.plainlsc")."""
    if not only:
        return lambda kind: True
    return lambda kind: any(kind == o or kind.startswith(f"{o}.") for o in only)
