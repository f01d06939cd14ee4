"""Hostile and broken rule files and configuration, through the command line.

Each must end as exit code 2 and one line on stderr, ``plainlsc: file:line: message`` where the
line is known, never a traceback and never code run from a rule file. (The loader's own
messages are tested in test_config.py; these check what a user sees.)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from plainlsc.cli import main

DOC = "We will facilitate the the meeting.\n"
RULE = "id: evil\nkind: existence\nmessage: m\ndescription: d\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "letter.txt").write_text(DOC, encoding="utf-8")
    return tmp_path


def check(capsys: pytest.CaptureFixture[str], project: Path, *extra: str) -> tuple[int, str]:
    code = main(["check", *extra, str(project / "letter.txt")])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


def one_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("plainlsc: ")
    return lines[0]


def config(project: Path, text: str) -> Path:
    path = project / ".plainlsc.toml"
    path.write_text(text, encoding="utf-8")
    return path


def rule_file(project: Path, text: str) -> Path:
    path = project / "rules.yml"
    path.write_text(text, encoding="utf-8")
    config(project, 'rule_files = ["rules.yml"]\n')
    return path


# -- rule files are data, never code ---------------------------------------------------------------

@pytest.mark.parametrize("yaml_text", [
    '!!python/object/apply:os.system ["touch {pwned}"]\n',
    RULE + 'patterns: [!!python/object/apply:os.system ["touch {pwned}"]]\n',
    "!!python/object/new:os.system [touch {pwned}]\n",
    '!!python/name:os.system ""\n',
])
def test_python_yaml_tags_are_errors_not_code(project: Path, yaml_text: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    pwned = project / "pwned"
    path = rule_file(project, yaml_text.format(pwned=pwned))
    code, err = check(capsys, project)
    assert code == 2
    line = yaml_text.count("\n", 0, yaml_text.index("!!")) + 1
    assert one_line(err).startswith(f"plainlsc: {path}:{line}: invalid YAML")
    assert not pwned.exists()


def test_catastrophic_pattern_from_a_team_rule_file_does_not_hang(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Python's re needs about 2**n steps for ``(a+)+$`` on n "a" and a "b"; 2,000 is for
    ever. (Not more: one long word trips the syllable counter, see test_robust_input.)"""
    rule_file(project, RULE + "level: error\npatterns: ['(a+)+$']\n")
    hostile = project / "letter.txt"
    lead = "We will write to you about the results of the tests in the next few weeks "
    hostile.write_text(lead + "a" * 2_000 + "b\n", encoding="utf-8")
    code, err = check(capsys, project, "--select", "evil")
    assert (code, err) == (0, "")  # RE2 answers at once
    hostile.write_text(lead + "a" * 2_000 + "\n", encoding="utf-8")
    code, err = check(capsys, project, "--select", "evil")
    assert (code, err) == (1, "")  # and the rule is really in force


@pytest.mark.parametrize("nesting", ['"[" * 100_000', '"- " * 100_000 + "x"', '"{a: " * 100_000'])
def test_deeply_nested_yaml_is_an_error_not_a_segfault(project: Path, nesting: str) -> None:
    """libyaml's composer recurses in C: this used to kill the process (SIGSEGV). Run in a
    subprocess so that a regression fails this test instead of the whole test run."""
    path = rule_file(project, eval(nesting))
    proc = subprocess.run([sys.executable, "-m", "plainlsc", "check",
                           str(project / "letter.txt")], cwd=project, capture_output=True,
                          text=True, timeout=300, check=False)
    assert proc.returncode == 2, proc.stderr
    assert one_line(proc.stderr) == (f"plainlsc: {path}:1: invalid YAML: nested more than 100 "
                                     "levels deep")


# -- broken rule files -----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "line", "message"), [
    (RULE + "patterns: [\n", 6, "invalid YAML"),
    ("\n\n" + RULE + "patterns: ['a']\n  bad: indent\n", 8, "invalid YAML"),
    (RULE.replace("message: m", "message: 'm {nope'") + "patterns: ['x']\n", 3,
     "message is not a valid template"),
    (RULE.replace("message: m", "message: 'm {0}'") + "patterns: ['x']\n", 3,
     "{0} is not a field name"),
    (RULE.replace("message: m", "message: 'm {match.__class__.__init__}'")
     + "patterns: ['x']\n", 3, "is not a field name"),
    (RULE.replace("message: m", "message: 'm {match!z}'") + "patterns: ['x']\n", 3,
     "unknown conversion !z"),
    (RULE.replace("message: m", "message: 'm {match:q}'") + "patterns: ['x']\n", 3,
     "{match:q} is not a valid format"),
    (RULE + "patterns: ['x']\nexamples: {good: 3}\n", 1, "examples.good must be a list"),
    (RULE + "patterns: ['x']\nenabled: 'no'\n", 1, "enabled must be true or false"),
    ("id: long\nkind: sentence-length\nmessage: m\ndescription: d\nmax: true\n", 5,
     "'max' must be int"),
    (RULE + "patterns: ['x']\npatern: ['y']\n", 6, "did you mean 'patterns'"),
    ("'just a string'\n", 1, "a rule must be a mapping"),
    ("rules:\n  - " + RULE.replace("\n", "\n    ") + "patterns: ['x']\n  - id: 3\n", 7,
     "'id' must be text"),
])
def test_broken_rule_files(project: Path, text: str, line: int, message: str,
                           capsys: pytest.CaptureFixture[str]) -> None:
    path = rule_file(project, text)
    code, err = check(capsys, project)
    assert code == 2
    got = one_line(err)
    assert got.startswith(f"plainlsc: {path}:{line}: "), got
    assert message in got


def test_rule_file_that_is_not_utf8_names_the_line(project: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "rules.yml"
    path.write_bytes(RULE.encode() + b"patterns: ['caf\xe9']\n")
    config(project, 'rule_files = ["rules.yml"]\n')
    code, err = check(capsys, project)
    assert code == 2
    assert one_line(err) == (f"plainlsc: {path}:5: cannot read rule file: not UTF-8 text (save "
                             "the file as UTF-8)")


def test_invalid_pattern_is_one_line(tmp_path: Path) -> None:
    """RE2 used to log its own lines to stderr as well. A subprocess: RE2 writes to file
    descriptor 2 directly, which capsys does not see."""
    (tmp_path / "letter.txt").write_text(DOC, encoding="utf-8")
    path = rule_file(tmp_path, RULE + "patterns: ['(?<=a)b']\n")
    proc = subprocess.run([sys.executable, "-m", "plainlsc", "check", "letter.txt"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 2
    assert one_line(proc.stderr).startswith(f"plainlsc: {path}:1: invalid pattern")


# -- broken configuration ----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "line", "message"), [
    ('profile = "nhs"\nignore = [\n', 2, "invalid TOML"),
    ('profile = "nhs"\n\nignore = ["a",\n  "b"\n\n', 4, "invalid TOML"),
    ('\nprofil = "nhs"\n', 2, "unknown key 'profil' (did you mean 'profile'?)"),
    ('fail_on = "warning"\nfial_on = "error"\n', 2, "did you mean 'fail_on'"),
    ('profile = 3\n', 1, "profile has the wrong type (int)"),
    ('select = "plain-words"\n', 1, "select has the wrong type (str)"),
    ('accept = [1, 2]\n', 1, "accept must be a list of strings"),
    ('\n\nprofile = "nsh"\n', 3, "unknown profile 'nsh' (did you mean 'nhs'?)"),
    ('select = ["pasive-voice"]\n', 1, "unknown rule id 'pasive-voice' (did you mean "
     "'passive-voice'?)"),
    ('fail_on = "error"\nignore = ["plain-word"]\n', 2, "unknown rule id 'plain-word'"),
    ('[levels]\nplain-words = "error"\nplain-wrds = "error"\n', 3, "unknown rule id"),
    ('[levels]\nplain-words = "fatal"\n', 2, "levels.plain-words: 'fatal' is not one of"),
    ('fail_on = "fatal"\n', 1, "fail_on must be one of suggestion, warning, error"),
    ('max_file_size = "lots"\n', 1, "max_file_size: cannot read 'lots'"),
    ('max_file_size = 0\n', 1, "max_file_size must be more than 0"),
    ('max_file_size = "0MB"\n', 1, "max_file_size must be more than 0"),
    ('max_file_size = 1.5\n', 1, "max_file_size has the wrong type (float)"),
    ('[settings]\nsentence_max_words = "many"\n', 2,
     "settings.sentence_max_words must be a whole number, not 'many'"),
    ('[settings]\nsentence_max_words = true\n', 2, "must be a whole number"),
    ('[settings]\nsentence_max_wrds = 22\n', 2,
     "unknown setting 'sentence_max_wrds' (did you mean 'sentence_max_words'?)"),
    ('[rules]\nplain-words = 3\n', 2, "rules.plain-words must be a table"),
    ('[rules.plain-words]\nlevl = "error"\n', 2, "unknown key 'levl'"),
    ('[[overrides]]\nfiles = 3\n', 1, "an override's 'files' must be a list of globs"),
    ('[[overrides]]\nfile = ["*.txt"]\n', 1, "each override needs 'files'"),
    ('[[overrides]]\nfiles = ["*.md"]\nprofil = "nhs"\n', 1, "did you mean 'profile'"),
    ('[[overrides]]\nfiles = ["*.md"]\n[overrides.settings]\nsentence_max_words = "x"\n', 4,
     "must be a whole number"),
    ('x = ' + "[" * 100_000 + "\n", None, "invalid TOML: nested too deeply"),
])
def test_broken_configuration(project: Path, text: str, line: int | None, message: str,
                              capsys: pytest.CaptureFixture[str]) -> None:
    path = config(project, text)
    code, err = check(capsys, project)
    assert code == 2
    got = one_line(err)
    where = f"{path}:{line}: " if line else f"{path}: "
    assert got.startswith(f"plainlsc: {where}"), got
    assert message in got


def test_custom_setting_for_a_team_rule_is_allowed(project: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """A setting unlike any profile setting is a team's own, for its rules' ``$name``."""
    (project / "rules.yml").write_text(
        "id: short\nkind: sentence-length\nmessage: m\ndescription: d\nmax: $our_limit\n",
        encoding="utf-8")
    config(project, 'rule_files = ["rules.yml"]\nselect = ["short"]\n'
                    '[settings]\nour_limit = 3\n')
    code, err = check(capsys, project)
    assert (code, err) == (1, "")


def test_configuration_that_is_not_utf8(project: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = project / ".plainlsc.toml"
    path.write_bytes(b'profile = "nhs"\naccept = ["caf\xe9"]\n')
    code, err = check(capsys, project)
    assert code == 2
    assert one_line(err) == (f"plainlsc: {path}:2: invalid TOML: not UTF-8 text (save the "
                             "file as UTF-8)")


def test_missing_rule_file_and_word_list(project: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    config(project, 'rule_files = ["nope.yml"]\n')
    code, err = check(capsys, project)
    assert (code, one_line(err)) == (2, f"plainlsc: {project / 'nope.yml'}: cannot read rule file: "
                                     "no such file")
    config(project, '[wordlists]\nplain-words = ["nope.tsv"]\n')
    code, err = check(capsys, project)
    assert code == 2 and one_line(err).startswith(f"plainlsc: {project / 'nope.tsv'}: ")


@pytest.mark.parametrize(("args", "message"), [
    (["--profile", "nsh"], "plainlsc: --profile: unknown profile 'nsh' (did you mean 'nhs'?)"),
    (["--select", "pasive-voice"],
     "plainlsc: --select: unknown rule id 'pasive-voice' (did you mean 'passive-voice'?)"),
    (["--ignore", "plain-words,cliches"], "plainlsc: --ignore: unknown rule id 'cliches'"),
])
def test_unknown_names_on_the_command_line_blame_the_option(
        project: Path, args: list[str], message: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Not the configuration file, which is there and correct."""
    config(project, 'profile = "nhs"\n')
    code, err = check(capsys, project, *args)
    assert code == 2
    assert one_line(err).startswith(message)


def test_config_given_with_a_flag_that_is_missing_or_a_folder(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = check(capsys, project, "--config", str(project / "missing.toml"))
    assert code == 2 and one_line(err).startswith(f"plainlsc: {project / 'missing.toml'}: "
                                                  "cannot read configuration")
    code, err = check(capsys, project, "--config", str(project))
    assert code == 2 and one_line(err).startswith(f"plainlsc: {project}: cannot read "
                                                  "configuration")


@pytest.mark.parametrize(("args", "message"), [
    (["check", "--format", "pdf", "x.txt"], "plainlsc: Invalid value for '--format'"),
    (["check"], "plainlsc: Missing argument 'paths'. (try 'plainlsc check --help')"),
    (["nonsense"], "plainlsc: No such command 'nonsense'. (try 'plainlsc --help')"),
    (["check", "--jobs", "0", "x.txt"], "plainlsc: Invalid value for '--jobs'"),
    (["check", "--no-such-option", "x.txt"], "plainlsc: No such option: --no-such-option"),
])
def test_usage_errors_are_one_line_not_internal_errors(
        args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == 2
    line = one_line(capsys.readouterr().err)
    assert line.startswith(message)
    assert "internal error" not in line
