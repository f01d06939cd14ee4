"""What ``plainlsc fix`` does for each file, and what it tells the user.

Text formats: a diff (``--diff``), or the file rewritten and re-checked. Word files: a copy
with tracked changes, never the original. One file that cannot be fixed is reported on stderr
and the others still are.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from plainlsc.config import Config
from plainlsc.errors import InputError, PlainlscError
from plainlsc.findings import Report
from plainlsc.output.english import plural

#: Why an output path must not be written, or None (``plainlsc.cli.output_problem``).
OutputCheck = Callable[[Path, list[str]], "str | None"]


def run_fix(paths: list[str], config: Config, diff: bool, output: Path | None,
            author: str, console: Any, output_problem: OutputCheck) -> int:
    """Fix every file of ``paths``; the exit code (0 clean, 1 findings or a diff, 2 errors)."""
    from plainlsc.readers.files import expand

    files, problems = expand(paths)
    errors = [f"{p}: {why}" for p, why in problems]
    words = [f for f in files if f.lower().endswith(".docx")]
    if output is not None and (len(files) != 1 or not words):
        errors.append("-o: only for fixing one .docx file")
        files = []
    left = Report()
    changed = False
    for path in files:
        try:
            if path in words:
                _say(_fix_word(path, output, config, author, diff, output_problem))
                continue
            report, did = _fix_text_file(path, config, diff)
        except PlainlscError as exc:
            errors.append(str(exc))
            continue
        changed = changed or did
        if report is not None:
            left.files.append(report)
    if left.files:
        _show_left(left, config, console)
    for line in errors:
        _say(line)
    if errors:
        return 2
    if diff:
        return 1 if changed else 0
    return left.exit_code(config.fail_on)


def _fix_text_file(path: str, config: Config, diff: bool) -> tuple[Any, bool]:
    """Fix one text file (or print its diff); the remaining findings' report."""
    from plainlsc.fixes.files import fix_file, unified_diff

    fixed = fix_file(path, config.for_file(path), write=not diff)
    if diff:
        sys.stdout.write(unified_diff(fixed, path))
        return None, fixed.changed
    _say(f"{path}: {plural(len(fixed.applied), 'fix', 'fixes')} applied"
         + (f", {plural(len(fixed.refused), 'fix', 'fixes')} left alone in markup, code or links"
            if fixed.refused else ""))
    return fixed.report, fixed.changed


def _fix_word(path: str, output: Path | None, config: Config, author: str, diff: bool,
              output_problem: OutputCheck) -> str:
    """Write a copy of a Word file with the safe fixes as tracked changes."""
    if diff:
        raise InputError(path, "--diff shows changes to text files; for a Word file, run fix "
                               "without --diff and review the tracked changes in Word")
    from plainlsc.word.command import run_word_fix

    source = Path(path)
    target = output or source.with_name(f"{source.stem}.fixed.docx")
    problem = output_problem(target, [path])
    if problem:
        raise PlainlscError(f"-o {target}: {problem}")
    return run_word_fix(source, target, config.for_file(path), author)


def _show_left(report: Report, config: Config, console: Any) -> None:
    """The findings left after fixing, as ``plainlsc check`` shows them."""
    from plainlsc.checks.engine import ruleset_for
    from plainlsc.output.text import render_text

    ruleset = ruleset_for(config)
    settings = ruleset.settings
    target = (int(settings.get("reading_age_min", 9)), int(settings.get("reading_age_max", 11)))
    render_text(report, console, target, ruleset.profile)


def _say(message: str) -> None:
    """One stderr line; a file name's control characters are shown escaped, never raw."""
    from plainlsc.output.terminal import visible

    sys.stderr.write(f"plainlsc: {visible(message)}\n")
