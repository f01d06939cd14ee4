"""The command line: ``plainlsc check``, ``score``, ``rules``, ``explain``, ``acronyms``...

A thin front over :mod:`plainlsc.pipeline`. Heavy modules (spaCy, the rule engine) are imported
inside commands, so ``plainlsc --help`` and ``--version`` start quickly. Every error a user
can cause ends as one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn, Optional

import typer

from plainlsc import __version__
from plainlsc.errors import PlainlscError
from plainlsc.output.english import plural

app = typer.Typer(
    name="plainlsc",
    help="Check health and care writing for plain English: reading age, jargon, acronyms "
         "and Crystal Mark-style rules.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


class OutFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


class DataFormat(str, Enum):
    """What ``score`` and ``acronyms`` can write: a table for a person, or JSON."""

    text = "text"
    json = "json"


class Level(str, Enum):
    error = "error"
    warning = "warning"
    suggestion = "suggestion"


def say(message: str) -> None:
    """Write one ``plainlsc: ...`` line to stderr; a path that is not valid UTF-8 in it is
    shown escaped rather than failing to print (and so hiding the problem it reports)."""
    from plainlsc.output.terminal import visible
    from plainlsc.pipeline import display_path

    sys.stderr.write(f"plainlsc: {visible(display_path(message))}\n")


def fail(message: str) -> NoReturn:
    """One line on stderr, exit code 2."""
    say(message)
    raise typer.Exit(2)


def say_unreadable(report: Any) -> None:
    """One stderr line for each file that could not be read."""
    for file in report.errors:
        say(f"{file.path}: {file.error}")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"plainlsc {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """plainlsc: plain-English checks for public health communications."""


PathsArg = Annotated[list[str], typer.Argument(help="Files or folders; - reads standard input.")]
FormatInOpt = Annotated[Optional[str], typer.Option("--format-in", help="Format of standard "
                        "input: text, markdown, html.")]
DataFormatOpt = Annotated[DataFormat, typer.Option("--format", "-f", help="text or json.")]
ConfigOpt = Annotated[Optional[Path], typer.Option("--config", help="Use this configuration "
                      "file instead of looking for .plainlsc.toml or pyproject.toml.")]
ProfileOpt = Annotated[Optional[str], typer.Option("--profile", help="nhs (default), govuk "
                       "or pec: which guide's thresholds to use.")]


def _config(config: Path | None, profile: str | None, paths: list[str],
            select: list[str] | None = None, ignore: list[str] | None = None,
            fail_on: Level | None = None) -> Any:
    from dataclasses import replace

    from plainlsc.config import discover
    from plainlsc.text import segment

    # Every command that reads documents comes through here, in a process that is ours: see
    # segment.tokenizer. (Not in main, so that --version and --help stay light.)
    segment.FREEZE_HEAP = True
    if any(not p for p in paths):  # Path("") is ".": an empty argument would check everything
        fail("an empty path was given (to check the current folder, give .)")
    first = next((p for p in paths if p != "-"), ".")
    cfg = discover(Path(first), config)
    changes: dict[str, Any] = {}
    if profile:
        changes["profile"] = profile
    if select:
        changes["select"] = tuple(s for item in select for s in item.split(",") if s)
    if ignore:
        changes["ignore"] = cfg.ignore + tuple(s for item in ignore for s in item.split(",") if s)
    if fail_on:
        changes["fail_on"] = fail_on.value
    _check_option_names(cfg, profile, changes.get("select", ()),
                        tuple(s for item in ignore or () for s in item.split(",") if s))
    return replace(cfg, **changes) if changes else cfg


def _check_option_names(cfg: Any, profile: str | None, select: tuple[str, ...],
                        ignore: tuple[str, ...]) -> None:
    """A misspelt ``--profile``, ``--select`` or ``--ignore`` is a usage error that names the
    option (not the configuration file, which is not at fault)."""
    from plainlsc.checks.loader import PROFILES_FILE, load_profiles
    from plainlsc.errors import closest
    from plainlsc.paths import rules_dir

    if profile:
        profiles = load_profiles(rules_dir() / PROFILES_FILE)
        if profile not in profiles:
            fail(f"--profile: unknown profile {profile!r}{closest(profile, set(profiles))} "
                 f"(profiles: {', '.join(profiles)})")
    named = [("--select", s) for s in select] + [("--ignore", s) for s in ignore]
    if named:
        from plainlsc.checks.engine import all_specs

        ids = {spec.id for spec in all_specs(cfg)}
        for option, rule_id in named:
            if rule_id not in ids:
                fail(f"{option}: unknown rule id {rule_id!r}{closest(rule_id, ids)}")


def _console(stream: Any = None) -> Any:
    """A rich console for standard output (or ``stream``). At a terminal it takes the
    terminal's width; piped, lines are not wrapped unless ``COLUMNS`` asks for a width."""
    from rich.console import Console

    if stream is not None:
        return Console(file=stream, highlight=False, width=10_000, color_system=None)
    return Console(file=sys.stdout, highlight=False,
                   width=None if sys.stdout.isatty() else _columns() or 10_000)


def _columns() -> int | None:
    """The width ``COLUMNS`` sets, if it is a sensible number."""
    try:
        width = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        return None
    return width if width >= 20 else None


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to check; - reads "
                                               "standard input.")],
    format: Annotated[OutFormat, typer.Option("--format", "-f", help="Output format.")] =
    OutFormat.text,
    format_in: FormatInOpt = None,
    profile: ProfileOpt = None,
    config: ConfigOpt = None,
    fail_on: Annotated[Optional[Level], typer.Option("--fail-on", help="The lowest level that "
                       "makes the exit code 1 (default: warning).")] = None,
    min_level: Annotated[Optional[Level], typer.Option("--min-level", help="Show only "
                         "findings at this level or above, in every format (the exit code "
                         "still follows --fail-on).")] = None,
    select: Annotated[Optional[list[str]], typer.Option("--select", help="Only these rule "
                      "ids (comma-separated or repeated).")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", help="Skip these rule "
                      "ids.")] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Worker processes "
                    "(default: one per core when there are many files).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the totals.")] = False,
    fix: Annotated[bool, typer.Option("--fix", help="Apply the safe fixes first, as "
                   "plainlsc fix does, then show what is left.")] = False,
    statistics: Annotated[bool, typer.Option("--statistics", help="Only the number of "
                          "findings per rule, one line each.")] = False,
    show_source: Annotated[bool, typer.Option("--show-source", help="Show the source line "
                           "under each finding, with the match marked.")] = False,
    output_file: Annotated[Optional[Path], typer.Option("--output-file", "-o", help="Write "
                           "the output to this file instead of standard output.")] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when there are "
                         "findings (2 still means a file could not be read).")] = False,
) -> None:
    """Check documents and show what to fix."""
    from plainlsc.checks.engine import ruleset_for

    if output_file is not None:
        problem = output_problem(output_file, paths)
        if problem:
            fail(f"--output-file {output_file}: {problem}")
    cfg = _config(config, profile, paths, select, ignore, fail_on)
    if fix:
        from plainlsc.fixes.command import run_fix

        if "-" in paths or format is not OutFormat.text:
            fail("--fix works on files, with the text output")
        raise typer.Exit(run_fix(paths, cfg, False, None, "plainlsc", _console(),
                                 output_problem))
    ruleset = ruleset_for(cfg)  # fail early, once, on a broken rule file or setting
    n_jobs = jobs if jobs is not None else _default_jobs(paths)
    report = _run_with_progress(paths, cfg, format_in, n_jobs)
    code = report.exit_code(cfg.fail_on)  # before --min-level: it only filters the display
    shown = report.at_least(min_level.value) if min_level is not None else report
    view = {"quiet": quiet, "statistics": statistics, "show_source": show_source,
            "hidden": len(report.findings) - len(shown.findings)}
    _emit(shown, format, ruleset, view, output_file)
    raise typer.Exit(0 if exit_zero and code == 1 else code)


def _run_with_progress(paths: list[str], cfg: Any, format_in: str | None, jobs: int) -> Any:
    """Check, showing a progress bar on stderr for many files at a terminal (never piped)."""
    from plainlsc.pipeline import check_paths
    from plainlsc.readers.files import expand

    if jobs > 1 or not sys.stderr.isatty() or os.environ.get("NO_COLOR") is not None:
        return check_paths(paths, cfg, format_in, jobs)
    files, _ = expand(paths)
    if len(files) <= 8:
        return check_paths(paths, cfg, format_in, jobs)
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("Checking", total=len(files))
        return check_paths(paths, cfg, format_in, jobs,
                           progress=lambda _path: bar.advance(task))


def _default_jobs(paths: list[str]) -> int:
    from plainlsc.readers.files import expand

    files, _ = expand(paths)
    return min(os.cpu_count() or 1, 8) if len(files) > 8 else 1


def _emit(report: Any, format: OutFormat, ruleset: Any, view: dict[str, Any],
          output_file: Path | None) -> None:
    """Print the report in the chosen format (or write it to ``output_file``, in one step),
    then one stderr line per unreadable file and per problem with a document's comments."""
    import io

    stream = io.StringIO() if output_file is not None else None
    if format is OutFormat.text:
        from plainlsc.output.text import render_text

        settings = ruleset.settings
        target = (int(settings.get("reading_age_min", 9)),
                  int(settings.get("reading_age_max", 11)))
        render_text(report, _console(stream), target, ruleset.profile, **view)
    else:
        _machine_output(report, format, ruleset, stream or sys.stdout)
    if stream is not None and output_file is not None:
        from plainlsc.atomic import write_atomic

        try:
            write_atomic(output_file, stream.getvalue(), newline="")
        except OSError as exc:
            fail(f"--output-file {output_file}: {(exc.strerror or str(exc)).lower()}")
    say_notes(report)
    say_unreadable(report)


def say_notes(report: Any) -> None:
    """One stderr warning for each problem with a document's own plainlsc comments."""
    for file in report.files:
        for note in file.notes:
            say(f"warning: {file.path}: {note}")


def _machine_output(report: Any, format: OutFormat, ruleset: Any, out: Any) -> None:
    """Write JSON, SARIF or GitHub annotations to standard output, ending with a newline.

    JSON and SARIF are written as they are made: a large site's findings never exist as one
    giant dictionary and string.
    """
    if format is OutFormat.json:
        from plainlsc.output.json_format import write_report_json

        write_report_json(report, out, indent=2 if out is sys.stdout and sys.stdout.isatty()
                          else None)
    elif format is OutFormat.sarif:
        from plainlsc.output.sarif import write_sarif

        write_sarif(report, out, ruleset)
    else:
        from plainlsc.output.github import render_github

        text = render_github(report)
        out.write(text + ("\n" if text and not text.endswith("\n") else ""))


@app.command()
def score(
    paths: PathsArg,
    format: DataFormatOpt = DataFormat.text,
    format_in: FormatInOpt = None,
    profile: ProfileOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Print only the reading-ease scores."""
    from plainlsc.output.scores import render_scores

    _per_file(_config(config, profile, paths, select=["readability"]), paths, format_in,
              format, "scores", lambda f: f.scores.to_dict(), render_scores)


def _per_file(cfg: Any, paths: list[str], format_in: str | None, format: DataFormat,
              key: str, as_json: Any, render: Any) -> NoReturn:
    """Check, then print a table per file, or one JSON document with the same versioned
    envelope as ``check`` (each file: its path and ``key``, or its error); exit 2 if a file
    was unreadable."""
    from plainlsc.pipeline import check_paths

    report = check_paths(paths, cfg, format_in)
    if format is DataFormat.json:
        from plainlsc.output.json_format import per_file_json

        typer.echo(per_file_json(report, key, as_json))
    else:
        render(report, _console())
    say_unreadable(report)
    raise typer.Exit(2 if report.errors else 0)


@app.command("rules")
def list_rules(profile: ProfileOpt = None, config: ConfigOpt = None) -> None:
    """List every rule with its kind, level and source."""
    from plainlsc.output.explain import render_rules

    render_rules(_config(config, profile, ["."]), _console())


@app.command()
def kinds() -> None:
    """Print every rule kind and the keys a rule file can give it, as Markdown."""
    from plainlsc.output.kinds_doc import kinds_markdown

    sys.stdout.write(kinds_markdown())


@app.command()
def explain(
    rule: Annotated[str, typer.Argument(help="A rule id, e.g. plain-words.")],
    profile: ProfileOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Explain a rule: what it finds, why it matters, an example and a better version."""
    from plainlsc.output.explain import render_explain

    if not render_explain(rule, _config(config, profile, ["."]), _console()):
        raise typer.Exit(2)


@app.command()
def acronyms(
    paths: PathsArg,
    format: DataFormatOpt = DataFormat.text,
    format_in: FormatInOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Print each document's acronyms as a glossary table, ready to paste into a report."""
    from plainlsc.output.acronyms_table import render_acronyms

    _per_file(_config(config, None, paths, select=["acronym-undefined"]), paths, format_in,
              format, "acronyms", lambda f: [a.to_dict() for a in f.acronyms],
              render_acronyms)


@app.command()
def report(
    paths: PathsArg,
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] =
    Path("plainlsc-report.html"),
    format_in: FormatInOpt = None,
    profile: ProfileOpt = None,
    config: ConfigOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Write the report even where -o is "
                     "not a regular file.")] = False,
) -> None:
    """Write one self-contained HTML page with every finding highlighted in the text."""
    from plainlsc.checks.engine import ruleset_for
    from plainlsc.output.report_html import write_report
    from plainlsc.pipeline import check_paths

    problem = output_problem(output, paths, force)
    if problem:
        fail(f"-o {output}: {problem}")
    cfg = _config(config, profile, paths)
    ruleset = ruleset_for(cfg)
    result = check_paths(paths, cfg, format_in)
    say_notes(result)
    say_unreadable(result)
    if len(result.errors) == len(result.files):
        fail(f"nothing could be read, so {output} was not written")
    write_report(result, output, ruleset)
    from plainlsc.output.terminal import visible

    typer.echo(f"Wrote {visible(str(output))} ({plural(len(result.findings), 'finding')} in "
               f"{plural(len(result.files), 'file')}).")
    raise typer.Exit(2 if result.errors else 0)


SelectOpt = Annotated[Optional[list[str]], typer.Option("--select", help="Only these rule "
                      "ids (comma-separated or repeated).")]
IgnoreOpt = Annotated[Optional[list[str]], typer.Option("--ignore", help="Skip these rule ids.")]
AuthorOpt = Annotated[str, typer.Option("--author", help="The name Word shows on the comments "
                      "and tracked changes.")]


@app.command()
def fix(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to fix (.txt, .md, .html "
                                               "in place; .docx as a copy).")],
    diff: Annotated[bool, typer.Option("--diff", help="Print a unified diff and write "
                    "nothing (exit code 1 if anything would change).")] = False,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="For one .docx: "
                      "the copy to write (default: NAME.fixed.docx).")] = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    profile: ProfileOpt = None,
    config: ConfigOpt = None,
    author: AuthorOpt = "plainlsc",
) -> None:
    """Apply the safe fixes (repeated words, wordy phrases with one plain equivalent...).

    Text, Markdown and HTML files are rewritten in place, atomically, keeping their encoding
    and line endings; then they are checked again and what is left is shown. A Word file is
    never changed: a copy gets the fixes as tracked changes to accept or reject in Word.
    """
    from plainlsc.fixes.command import run_fix

    if "-" in paths:
        fail("fix works on files, not standard input")
    cfg = _config(config, profile, paths, select, ignore)
    raise typer.Exit(run_fix(paths, cfg, diff, output, author, _console(), output_problem))


@app.command()
def annotate(
    path: Annotated[Path, typer.Argument(help="The Word document (.docx) to annotate.")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="The copy to write "
                      "(default: NAME.plainlsc.docx).")] = None,
    author: AuthorOpt = "plainlsc",
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    min_level: Annotated[Level, typer.Option("--min-level", help="Leave out findings below "
                         "this level.")] = Level.suggestion,
    with_fixes: Annotated[bool, typer.Option("--fix", help="Also put the safe fixes in as "
                          "tracked changes.")] = False,
    profile: ProfileOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Write a copy of a Word document with one comment per finding, on the finding's words."""
    from plainlsc.word.command import run_annotate

    cfg = _config(config, profile, [str(path)], select, ignore)
    target = output or path.with_name(f"{path.stem}.plainlsc.docx")
    problem = output_problem(target, [str(path)])
    if problem:
        fail(f"-o {target}: {problem}")
    message = run_annotate(path, target, cfg, author, min_level.value, with_fixes)
    from plainlsc.output.terminal import visible

    typer.echo(visible(message))


@app.command()
def lsp() -> None:
    """Run the language server for editors (Language Server Protocol over stdin/stdout)."""
    from plainlsc.lsp import main as serve

    serve()


def output_problem(output: Path, inputs: list[str], force: bool = False) -> str | None:
    """Why ``output`` must not be written, or None.

    A report must never replace a document it reports on (``-o letter.txt``), whether named
    directly or through a link; and a FIFO, device or folder is not a file to replace, unless
    the user insists with ``--force`` (a device such as /dev/null, say).
    """
    from plainlsc.readers.files import expand

    try:
        target = output.resolve()
        files, _ = expand([p for p in inputs if p != "-"])
        if any(Path(f).resolve() == target for f in files):
            return "is one of the documents being checked; choose another file name"
        if output.exists() and not output.is_file() and not force:
            return "is not a regular file (use --force to write to it anyway)"
    except (OSError, RuntimeError) as exc:
        return f"cannot be checked: {exc}"
    return None


def _show_warning(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                  file: Any = None, line: str | None = None) -> None:
    """A warning (a configured spaCy model that is not installed) as one stderr line."""
    say(f"warning: {message}")


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app and turn any error into one line and exit code 2."""
    import warnings

    warnings.showwarning = _show_warning
    with _CtrlC() as ctrl_c:
        code = _run_app(argv)
    if ctrl_c.pressed:
        sys.stderr.write("plainlsc: interrupted\n")
        return 130
    return code


class _CtrlC:
    """Notes a Ctrl-C during a run: typer turns it into a silent exit code 130, so without
    this a user would not be told the run was cut short."""

    def __init__(self) -> None:
        self.pressed = False
        self._previous: Any = None

    def _handler(self, signum: int, frame: Any) -> None:
        self.pressed = True
        raise KeyboardInterrupt

    def __enter__(self) -> _CtrlC:
        import signal

        try:
            if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
                self._previous = signal.signal(signal.SIGINT, self._handler)
        except ValueError:  # not the main thread: leave signals alone
            pass
        return self

    def __exit__(self, *exc: object) -> None:
        if self._previous is not None:
            import signal

            signal.signal(signal.SIGINT, self._previous)


def _run_app(argv: list[str] | None) -> int:
    """Run the app; every error becomes one line on stderr and an exit code."""
    try:
        # Without standalone mode click returns the exit code instead of calling sys.exit.
        code = app(args=argv, prog_name="plainlsc", standalone_mode=False)
        return code if isinstance(code, int) else 0
    except typer.Exit as exc:
        return int(exc.exit_code)
    except PlainlscError as exc:
        say(str(exc))
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("plainlsc: interrupted\n")
        return 130
    except Exception as exc:
        # Typer may bring its own copy of click (typer._click), so match click's exceptions by
        # name: a usage error is one line, like every other problem, not an "internal error".
        kinds = {cls.__name__ for cls in type(exc).__mro__}
        if "NoArgsIsHelpError" in kinds:  # plain "plainlsc": the help, as click shows it
            sys.stderr.write(f"{exc.format_message()}\n")  # type: ignore[attr-defined]
            return int(getattr(exc, "exit_code", 2))
        if "ClickException" in kinds:
            ctx = getattr(exc, "ctx", None)
            hint = f" (try '{ctx.command_path} --help')" if ctx is not None else ""
            message = " ".join(str(exc.format_message()).split())  # type: ignore[attr-defined]
            say(f"{message}{hint}")
            return int(getattr(exc, "exit_code", 2))
        if "Abort" in kinds:
            return 1
        if os.environ.get("PLAINLSC_DEBUG"):
            raise
        say(f"internal error: {type(exc).__name__}: {exc} (set PLAINLSC_DEBUG=1 to see details)")
        return 2


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    run()
