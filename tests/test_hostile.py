"""Hostile input (issue 17): exact positions after entities, runs that survive a bad folder or a
dead worker, Ctrl-C, and file names that must not reach the terminal as markup or raw control
characters. Speed on hostile input is measured in ``benchmarks/hostile_input.py``, not here.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from helpers import line_col
from hypothesis import given, settings
from hypothesis import strategies as st

from plainlsc import pipeline
from plainlsc.cli import main
from plainlsc.findings import FileReport
from plainlsc.parallel import useful_jobs
from plainlsc.pipeline import check_text
from plainlsc.readers import read_bytes
from plainlsc.text.patterns import Scanner, compile_pattern
from plainlsc.text.suppress import Suppressions

CLINIC = "We will utilise the clinic in order to see you sooner.\n"


def spans_exact(report: FileReport) -> None:
    """Every finding's match is the source at its span, and line/column agree with it."""
    for f in report.findings:
        assert report.source[f.start:f.end] == f.match, f
        assert f.match, f


def found(report: FileReport, rule: str) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.match) for f in report.findings if f.rule == rule]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# -- item 5: Markdown positions after an entity ------------------------------------------------

@pytest.mark.parametrize("written, plain", [("*caf&eacute;*", "café"), ("<b>&copy;</b>", "©"),
                                            ("**caf&#233;**", "café"), ("caf&eacute;", "café"),
                                            ("*caf\\é*", "café")])
def test_markdown_positions_after_an_entity(written: str, plain: str) -> None:
    source = (f"# Your visit\n\nThe {written} is open. We will utilise the {plain} sign "
              f"in order to help you find it.\n")
    report = check_text(source, "markdown")
    spans_exact(report)
    assert found(report, "plain-words") == [(*line_col(source, "utilise"), "utilise")]
    assert found(report, "wordy-phrase") == [(*line_col(source, "in order to"), "in order to")]


def test_markdown_entity_in_image_alt_text_keeps_positions() -> None:
    source = ("![Map of the caf&eacute; entrance](map.png) The café is by the lift. "
              "We will utilise it.\n")
    report = check_text(source, "markdown")
    spans_exact(report)
    assert found(report, "plain-words") == [(*line_col(source, "utilise"), "utilise")]


# -- item 11: smaller problems -----------------------------------------------------------------

def _docx_with_entity() -> bytes:
    """A Word document whose paragraph holds an entity reference its DTD declares."""
    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("PLACEHOLDER")
    document.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as zin:
        parts = {info.filename: zin.read(info) for info in zin.infolist()}
    xml = parts["word/document.xml"].decode("utf-8")
    head, _, rest = xml.partition("?>")
    xml = (head + '?><!DOCTYPE w:document [<!ENTITY board "Riverside Health Board">]>' + rest)
    xml = xml.replace("PLACEHOLDER", "The &board; will utilise the old clinic from May.")
    parts["word/document.xml"] = xml.encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, blob in parts.items():
            zout.writestr(name, blob)
    return out.getvalue()


def test_docx_keeps_the_text_after_an_entity_reference() -> None:
    doc = read_bytes(_docx_with_entity(), "docx", "letter.docx")
    assert "will utilise the old clinic from May." in doc.source
    assert "&board;" not in doc.source  # never resolved, never shown as if it were prose


def test_form_feed_before_a_disable_comment_switches_off_the_right_line() -> None:
    source = ("Dear Mr Okafor,\n\n"
              "\f# plainlsc-disable-next-line plain-words\n"
              "Our nurses utilise a quiet room.\n"
              "\n"
              "We will utilise the car park on the day.\n")
    report = check_text(source, "text")
    spans_exact(report)
    assert found(report, "plain-words") == [(*line_col(source, "utilise", 2), "utilise")]


def test_a_form_feed_inside_a_line_is_not_a_line_break() -> None:
    source = "Please read this page.\fWe will utilise your notes.\n"
    report = check_text(source, "text")
    assert found(report, "plain-words") == [(1, source.index("utilise") + 1, "utilise")]


@pytest.mark.parametrize("depth", [2, 10, 49, 50])
def test_nested_image_alt_text_is_checked(depth: int) -> None:
    source = "![" * depth + "We will utilise the side door." + "](door.png)" * depth + "\n"
    report = check_text(source, "markdown")
    spans_exact(report)
    assert found(report, "plain-words") == [(*line_col(source, "utilise"), "utilise")]


@pytest.mark.parametrize("prefix", ["> ", "- ", "1. "])
def test_markdown_nested_beyond_the_parser_limit_is_still_checked(prefix: str) -> None:
    source = prefix * 60 + "We will utilise the side door.\n\nSee you soon.\n"
    report = check_text(source, "markdown")
    spans_exact(report)
    assert [m for _, _, m in found(report, "plain-words")] == ["utilise"]


def test_any_byte_pattern_does_not_shift_later_matches() -> None:
    text = "The café opens at nine; the clinic opens at ten. Cafés close at four."
    regex = compile_pattern(r"caf\C|clinic|four")
    matches = [(m.start(), m.end()) for m in Scanner(text).finditer(regex)]
    assert (text.index("clinic"), text.index("clinic") + 6) in matches
    assert (text.index("four"), text.index("four") + 4) in matches


# -- item 6: one bad folder never aborts the run -----------------------------------------------

@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A small council site: two folders of pages, each with a plain-words problem."""
    for folder, name in (("adults", "care.md"), ("children", "school-nurse.md")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / name).write_text(
            "# Help at home\n\nWe will utilise your care plan to arrange visits.\n",
            encoding="utf-8")
    return tmp_path


def checked(out: str) -> dict[str, dict[str, Any]]:
    return {Path(f["path"]).name: f for f in json.loads(out)["files"]}


@pytest.mark.parametrize("pattern", ["!", "[z-a]", "\\"])
def test_a_gitignore_pattern_git_accepts_never_aborts_the_run(
        site: Path, pattern: str, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "adults" / ".gitignore").write_text(f"drafts/\n{pattern}\nold-*.md\n",
                                                encoding="utf-8")
    (site / "adults" / "old-care.md").write_text("We will utilise it.\n", encoding="utf-8")
    code, out, err = run(capsys, "check", "--format", "json", str(site))
    assert code == 1, err
    assert "internal error" not in err
    files = checked(out)
    assert set(files) == {"care.md", "school-nurse.md"}  # old-care.md still ignored
    assert all(f["findings"] for f in files.values())


def test_an_unsearchable_folder_is_reported_and_the_rest_checked(
        site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    locked = site / "adults"
    real_is_file = Path.is_file

    def is_file(self: Path) -> bool:
        # Root reads any folder, so simulate what a folder without search permission gives
        # an ordinary user: looking up any name inside it fails.
        if self.parent == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_is_file(self)

    monkeypatch.setattr(Path, "is_file", is_file)
    code, out, err = run(capsys, "check", "--format", "json", str(site))
    assert code == 2
    assert "internal error" not in err
    assert f"plainlsc: {locked}: cannot open folder: permission denied" in err.splitlines()
    files = checked(out)
    assert files["school-nurse.md"]["findings"]


def _permissions_apply() -> list[str] | None:
    """A command prefix under which file permissions apply, or None if there is none.

    Root reads any folder; ``setpriv`` can drop the two capabilities that let it, so the
    test sees what an ordinary user would."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    caps = "-dac_override,-dac_read_search"
    return [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}", "--"]


def test_folders_without_permission_are_reported_for_real(site: Path) -> None:
    prefix = _permissions_apply()
    if prefix is None:
        pytest.skip("running as root without setpriv: permissions cannot be made to apply")
    (site / "staff").mkdir()
    (site / "staff" / "rota.md").write_text("We will utilise the rota.\n", encoding="utf-8")
    closed, unsearchable = site / "adults", site / "staff"
    closed.chmod(0o000)  # cannot be listed at all
    unsearchable.chmod(0o644)  # can be listed, but nothing in it can be looked up
    try:
        proc = subprocess.run([*prefix, sys.executable, "-m", "plainlsc", "check", "--format",
                               "json", str(site)], capture_output=True, text=True,
                              check=False, timeout=300)
    finally:
        closed.chmod(0o755)
        unsearchable.chmod(0o755)
    assert proc.returncode == 2, proc.stderr
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert f"plainlsc: {closed}: cannot open folder: permission denied" in lines
    assert f"plainlsc: {unsearchable}: cannot open folder: permission denied" in lines
    assert checked(proc.stdout)["school-nurse.md"]["findings"]


def test_a_dead_worker_is_reported_and_the_other_files_checked(
        site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    if useful_jobs(2, 10) < 2:
        pytest.skip("needs two cores for worker processes")
    for i in range(6):
        (site / "children" / f"leaflet-{i}.txt").write_text(
            "We will facilitate your visit.\n", encoding="utf-8")
    (site / "children" / "poison.txt").write_text("We will utilise it.\n", encoding="utf-8")
    parent = os.getpid()
    real = pipeline.check_one

    def check_one(path: str, config: Any, stdin_format: str | None) -> FileReport:
        if os.getpid() != parent and path.endswith("poison.txt"):
            os._exit(9)  # as if the kernel killed the worker for memory
        return real(path, config, stdin_format)

    monkeypatch.setattr(pipeline, "check_one", check_one)
    code, out, err = run(capsys, "check", "--format", "json", "--jobs", "2", str(site))
    assert code == 2, err
    assert "internal error" not in err
    files = checked(out)
    assert "worker process" in files["poison.txt"]["error"]
    others = [f for name, f in files.items() if name != "poison.txt"]
    assert len(others) == 8 and all(f["findings"] and "error" not in f for f in others)


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_ctrl_c_with_workers_exits_promptly_and_says_so(tmp_path: Path) -> None:
    page = ("# Your appointment\n\n" + "Please <b>bring</b> this letter to your "
            "<a href=\"/clinic\">appointment</a>. We will utilise the side door.\n\n" * 600)
    for i in range(30):
        (tmp_path / f"page-{i:02d}.md").write_text(page, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "plainlsc", "check", "--jobs", "2",
                             str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")

    def workers() -> int:
        try:
            return len(children.read_text().split())
        except OSError:  # a kernel without the children file: fall back on waiting
            return 0

    for _ in range(300):  # wait until the workers are at work
        if proc.poll() is not None or workers() >= 2:
            break
        time.sleep(0.1)
    time.sleep(0.5)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal does on Ctrl-C
    try:
        _, err = proc.communicate(timeout=60)  # a guard against a hang, not a speed test
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        raise
    assert proc.returncode == 130, err
    assert err.strip().splitlines()[-1] == "plainlsc: interrupted"
    assert "Traceback" not in err


# -- item 10: paths and terminals --------------------------------------------------------------

@pytest.mark.parametrize("command", ["check", "score"])
def test_square_brackets_in_paths_are_not_markup(tmp_path: Path, command: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "[draft]").mkdir()
    (tmp_path / "x[").mkdir()
    first = tmp_path / "[draft]" / "a.txt"
    second = tmp_path / "x[" / "]y.txt"
    for path in (first, second):
        path.write_text("We will utilise the clinic.\n", encoding="utf-8")
    code, out, err = run(capsys, command, str(first), str(second))
    assert "internal error" not in err and err == ""
    assert str(first) in out and str(second) in out
    assert code == (1 if command == "check" else 0)


def test_control_characters_in_file_names_are_shown_escaped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "notes\n\x1b[2Jcleared.txt"
    path.write_text("We will utilise the clinic.\n", encoding="utf-8")
    missing = tmp_path / "gone\x1b]0;title\x07.txt"
    for command in ("check", "score"):
        code, out, err = run(capsys, command, str(path), str(missing))
        assert code == 2
        for stream in (out, err):
            assert "\x1b" not in stream and "\x07" not in stream
        if command == "check":  # (score's table may wrap a long title)
            assert f"{tmp_path}/notes\\n\\x1b[2Jcleared.txt:1:9" in out
        assert f"plainlsc: {tmp_path}/gone\\x1b]0;title\\x07.txt: no such file" in err


@pytest.mark.parametrize("command", ["check", "score", "acronyms"])
def test_an_empty_path_is_an_error_not_the_current_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "page.md").write_text("We will utilise the clinic.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, command, "")
    assert code == 2 and out == ""
    assert err == "plainlsc: an empty path was given (to check the current folder, give .)\n"


# -- items 2 and 8, fixed earlier: the tests they lacked ---------------------------------------

def test_standard_input_is_read_in_a_parallel_run(site: Path) -> None:
    letter = "Dear Ms Jones,\n\nWe will facilitate a home visit next week.\n"
    proc = subprocess.run([sys.executable, "-m", "plainlsc", "check", "--format", "json",
                           "--jobs", "2", "-", str(site)], input=letter, capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 1, proc.stderr
    files = json.loads(proc.stdout)["files"]
    assert files[0]["path"] == "-"
    assert [(f["rule"], f["match"]) for f in files[0]["findings"]] == [
        ("plain-words", "facilitate")]
    assert len(files) == 3 and all(f["findings"] for f in files)


def test_jobs_is_capped_by_files_and_cores() -> None:
    cores = os.cpu_count() or 1
    assert useful_jobs(100_000, 3) == min(3, cores)
    assert useful_jobs(100_000, 10_000) == cores
    assert useful_jobs(4, 10_000) == min(4, cores)
    assert useful_jobs(1, 10_000) == 1


# -- item 7: the suppression index answers as a plain scan of every range would -----------------

def _scan(directives: list[tuple[str, int]], rule: str, line: int) -> bool:
    """The meaning of the switches, the slow obvious way: replay them in order."""
    ranges: list[list[Any]] = []  # [rules, first, last or None]
    for text, at in directives:
        verb, _, names = text.partition(" ")
        rules = set(names.split(",")) if names else set()
        if verb == "plainlsc-disable":
            ranges.append([rules, at, None])
        elif verb == "plainlsc-enable":
            for r in ranges:
                if r[2] is None and (not rules or not r[0] or r[0] & rules):
                    r[2] = at
        else:
            ranges.append([rules, at + 1, at + 1])
    return any(r[1] <= line <= (line if r[2] is None else r[2]) and (not r[0] or rule in r[0])
               for r in ranges)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["plainlsc-disable", "plainlsc-enable",
                                           "plainlsc-disable-next-line"]),
                          st.sampled_from(["", " plain-words", " passive", " plain-words,passive"]),
                          st.integers(1, 40)), max_size=30))
def test_suppression_index_agrees_with_a_plain_scan(
        directives: list[tuple[str, str, int]]) -> None:
    switches = Suppressions()
    replay = []
    for verb, names, line in sorted(directives, key=lambda d: d[2]):
        switches.directive(verb + names, line)
        replay.append((verb + names, line))
    for rule in ("plain-words", "passive", "long-sentence"):
        for line in range(1, 45):
            assert switches.is_suppressed(rule, line) == _scan(replay, rule, line), (rule, line)
