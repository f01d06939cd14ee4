"""Never crash, never lose a word: hostile and unusual input through the real command line.

Every problem file must give exit code 2 and one line on stderr naming it (no traceback), and
every other file in the same run must still be checked and reported.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import offset_line_col

from plainlsc.cli import main
from plainlsc.readers.decode import decode

GOOD = "We will facilitate the the meeting in May.\n"  # plain-words and repeated-word


# -- helpers -----------------------------------------------------------------------------------

def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any], str]:
    code, out, err = run(capsys, "check", "--format", "json", *args)
    return code, json.loads(out), err


def by_name(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {Path(f["path"]).name: f for f in data["files"]}


def error_lines(err: str) -> list[str]:
    """stderr as lines; each must be one ``plainlsc: ...`` line, never a traceback."""
    assert "Traceback" not in err
    lines = err.splitlines()
    for line in lines:
        assert line.startswith("plainlsc: "), line
    return lines


def assert_reported(err: str, path: Path | str, reason: str) -> None:
    """Exactly one stderr line names ``path`` and gives ``reason``."""
    lines = [ln for ln in error_lines(err) if ln.startswith(f"plainlsc: {path}: ")]
    assert len(lines) == 1, err
    assert reason in lines[0], lines[0]


def assert_good_checked(data: dict[str, Any], name: str = "good.txt") -> None:
    """The good file was checked in full despite its neighbours."""
    file = by_name(data)[name]
    assert "error" not in file
    assert {(f["rule"], f["match"]) for f in file["findings"]} >= {
        ("plain-words", "facilitate"), ("repeated-word", "the the")}


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


# -- files that are not there or cannot be read --------------------------------------------------

def test_missing_file(tmp_path: Path, good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.txt"
    code, data, err = run_json(capsys, str(missing), str(good))
    assert code == 2
    assert_reported(err, missing, "no such file")
    assert by_name(data)["missing.txt"]["error"] == "no such file"
    assert_good_checked(data)


def test_missing_file_subprocess_text_output(tmp_path: Path, good: Path) -> None:
    missing = tmp_path / "missing.md"
    proc = subprocess.run([sys.executable, "-m", "plainlsc", "check", str(missing), str(good)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [f"plainlsc: {missing}: no such file"]
    assert "repeated-word" in proc.stdout  # the good file was still checked


def test_folder_with_nothing_to_check(tmp_path: Path, good: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "assets"
    folder.mkdir()
    (folder / "notes.py").write_text("x = 1\n", encoding="utf-8")
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    code, data, err = run_json(capsys, str(folder), str(good))
    assert code == 2
    assert_reported(err, folder, "no files of a known format")
    assert_good_checked(data)


def test_folder_whose_only_document_is_unreadable(tmp_path: Path, good: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    code, data, err = run_json(capsys, str(folder), str(good))
    assert code == 2
    assert_reported(err, folder / "scan.txt", "not a text file")
    assert_good_checked(data)


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_unreadable_file_real_permissions(tmp_path: Path, good: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """With real permission bits. Root can read a file whatever its mode, so as root this
    test cannot happen and is skipped; the next test covers the same path by emulation."""
    secret = tmp_path / "secret.txt"
    secret.write_text(GOOD, encoding="utf-8")
    secret.chmod(0)
    try:
        if os.access(secret, os.R_OK):
            pytest.skip("running as root (or with CAP_DAC_OVERRIDE): mode 000 stays readable")
        code, data, err = run_json(capsys, str(secret), str(good))
    finally:
        secret.chmod(0o644)
    assert code == 2
    assert_reported(err, secret, "permission denied")
    assert_good_checked(data)


def test_unreadable_file_emulated(tmp_path: Path, good: Path, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """As root, mode 000 does not stop reading, so the bounded reader's ``os.open`` raises
    what the OS would raise for anybody else (EACCES). Only that one file is affected."""
    secret = tmp_path / "secret.txt"
    secret.write_text(GOOD, encoding="utf-8")
    real_open = os.open

    def fake_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file) == str(secret):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)
    code, data, err = run_json(capsys, str(secret), str(good))
    assert code == 2
    assert_reported(err, secret, "permission denied")
    assert_good_checked(data)


def test_unreadable_subfolder_is_reported_not_skipped(
        tmp_path: Path, good: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder we may not open (emulated, as for the file above) is named, not silently
    skipped, and the rest of the tree is still checked."""
    tree = tmp_path / "site"
    (tree / "locked").mkdir(parents=True)
    (tree / "locked" / "hidden.txt").write_text(GOOD, encoding="utf-8")
    (tree / "open.txt").write_text(GOOD, encoding="utf-8")
    locked = tree / "locked"
    real_scandir = os.scandir

    def fake_scandir(path: Any = ".") -> Any:
        if Path(os.fsdecode(path)) == locked:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", fake_scandir)
    code, data, err = run_json(capsys, str(tree), str(good))
    assert code == 2
    assert_reported(err, locked, "permission denied")
    assert "hidden.txt" not in by_name(data)
    assert_good_checked(data, "open.txt")
    assert_good_checked(data)


def _symlink(target: str, link: Path) -> None:
    try:
        os.symlink(target, link)
    except (OSError, NotImplementedError) as exc:  # pragma: no cover - Windows without rights
        pytest.skip(f"cannot make symbolic links here: {exc}")


@pytest.mark.parametrize("names", [("a.txt", "b.txt"), ("a", "b")])
def test_symlink_loop_given_directly(tmp_path: Path, good: Path, names: tuple[str, str],
                                     capsys: pytest.CaptureFixture[str]) -> None:
    a, b = tmp_path / names[0], tmp_path / names[1]
    _symlink(names[1], a)
    _symlink(names[0], b)
    code, data, err = run_json(capsys, str(a), str(good))
    assert code == 2
    assert_reported(err, a, "symbolic link loop")
    assert_good_checked(data)


def test_symlink_loop_inside_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    _symlink("b.txt", folder / "a.txt")
    _symlink("a.txt", folder / "b.txt")
    _symlink(".", folder / "self")  # a folder loop too: must not be walked for ever
    code, data, err = run_json(capsys, str(folder))
    assert code == 2
    assert_reported(err, folder / "a.txt", "symbolic link loop")
    assert_reported(err, folder / "b.txt", "symbolic link loop")
    assert sorted(by_name(data)) == ["a.txt", "b.txt", "good.txt"]
    assert_good_checked(data)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_named_pipe_and_device_are_refused_not_waited_on(tmp_path: Path, good: Path) -> None:
    """Reading a pipe named .txt would wait for ever; a link to /dev/zero would never end.

    Run in a subprocess with a timeout, so that a regression fails instead of hanging."""
    specials = tmp_path / "specials"
    specials.mkdir()
    os.mkfifo(specials / "pipe.txt")
    names = ["pipe.txt"]
    if os.path.exists("/dev/zero"):
        _symlink("/dev/zero", specials / "zero.txt")
        names.append("zero.txt")
    (specials / "ok.txt").write_text(GOOD, encoding="utf-8")
    for args in ([str(specials / n) for n in names], [str(specials)]):
        proc = subprocess.run([sys.executable, "-m", "plainlsc", "check", "--format", "json",
                               *args, str(good)], capture_output=True, text=True,
                              timeout=300, check=False)
        assert proc.returncode == 2
        for name in names:
            assert_reported(proc.stderr, specials / name, "not a regular file")
        data = json.loads(proc.stdout)
        assert_good_checked(data)
        if args == [str(specials)]:
            assert_good_checked(data, "ok.txt")


def test_a_file_name_too_long_for_the_system(tmp_path: Path, good: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """The first path also decides where configuration is looked for: that must not raise."""
    for name in ("a" * 5000 + ".txt", "a" * 5000):
        long = tmp_path / name
        code, data, err = run_json(capsys, str(long), str(good))
        assert code == 2
        assert_reported(err, long, os.strerror(errno.ENAMETOOLONG).lower())
        assert_good_checked(data)


def test_a_file_name_that_is_not_utf8(tmp_path: Path, good: Path) -> None:
    """Linux file names are bytes: "café" saved by a Latin-1 tool reaches Python with a lone
    surrogate, which a strict UTF-8 stdout (and JSON) cannot hold. The name is shown
    escaped, and the file is still checked."""
    folder = tmp_path / "names"
    folder.mkdir()
    try:
        with open(os.fsencode(folder) + b"/caf\xe9.txt", "wb") as handle:
            handle.write(GOOD.encode())
    except OSError as exc:  # pragma: no cover - macOS refuses such names
        pytest.skip(f"this file system refuses non-UTF-8 names: {exc}")
    missing = os.fsdecode(os.fsencode(folder) + b"/gon\xe9.txt")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}
    proc = subprocess.run([sys.executable, "-m", "plainlsc", "check", "--format", "json",
                           str(folder), missing, str(good)], capture_output=True, env=env,
                          timeout=300, check=False)
    assert proc.returncode == 2
    err = proc.stderr.decode("utf-8")
    assert_reported(err, f"{folder}/gon\\xe9.txt", "no such file")
    data = json.loads(proc.stdout.decode("utf-8"))
    assert_good_checked(data, "caf\\xe9.txt")
    assert_good_checked(data)


def test_unknown_input_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "check", "--format-in", "pdf", "-")
    assert code == 2
    assert error_lines(err) == [
        "plainlsc: --format-in: unknown format 'pdf' (choose from text, markdown, html, docx)"]


def test_a_reader_bug_is_reported_against_its_file(tmp_path: Path, good: Path,
                                                   capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Even an unexpected exception in a reader stops one file, not the run."""
    import plainlsc.readers.markdown

    def broken(source: str, path: str = "") -> Any:
        raise ValueError("parser exploded")

    monkeypatch.setattr(plainlsc.readers.markdown, "read_markdown", broken)
    page = tmp_path / "page.md"
    page.write_text("# Hello\n", encoding="utf-8")
    code, data, err = run_json(capsys, str(page), str(good))
    assert code == 2
    assert_reported(err, page, "internal error: ValueError: parser exploded")
    assert_good_checked(data)


# -- awkward but valid text ------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "content", "code", "rules"), [
    ("empty.txt", b"", 0, set()),
    ("blank.txt", b"   \n\t\n  \r\n", 0, set()),
    ("headings.md", b"# Your appointment\n\n## What to bring\n\n### Where to go\n", 0, set()),
    ("headings.txt", b"Your appointment\n\nWhat to bring\n", 0, set()),
    ("no-stops.txt",
     b"we will write to you soon and we will call you to facilitate the the visit\n"
     b"please come to the clinic on monday and bring your letter with you\n",
     1, {"plain-words", "repeated-word", "sentence-length"}),
])
def test_awkward_documents(tmp_path: Path, name: str, content: bytes, code: int,
                           rules: set[str], capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    got, data, err = run_json(capsys, str(path))
    assert got == code
    assert err == ""
    (file,) = data["files"]
    assert "error" not in file
    assert {f["rule"] for f in file["findings"]} == rules


def test_a_single_line_of_20000_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    words = [f"word{i % 97}" for i in range(20_000)]
    words[12_345:12_347] = ["the", "the"]
    words[-1] = "facilitate"
    text = " ".join(words) + "\n"
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    code, data, _err = run_json(capsys, str(path))
    assert code == 1
    found = {f["rule"]: f for f in data["files"][0]["findings"]}
    assert data["files"][0]["scores"]["words"] == 20_000
    for rule, match in (("repeated-word", "the the"), ("plain-words", "facilitate")):
        finding = found[rule]
        start = text.index(match)
        assert finding["match"] == match
        assert (finding["line"], finding["column"]) == offset_line_col(text, start)
        end = start + len(match)
        assert (finding["end_line"], finding["end_column"]) == offset_line_col(text, end)


# -- encodings and line endings -----------------------------------------------------------------

ENCODINGS = [
    # (label, codec, BOM, lead-in before the repeated word)
    ("utf-8", "utf-8", b"", "“Book now” – it’s free: "),
    ("utf-8-bom", "utf-8", b"\xef\xbb\xbf", "“Book now” – it’s free: "),
    ("utf-16-le-bom", "utf-16-le", b"\xff\xfe", "“Book now” – it’s free: "),
    ("utf-16-be-bom", "utf-16-be", b"\xfe\xff", "“Book now” – it’s free: "),
    ("cp1252", "cp1252", b"", "“Book now” – it’s free: "),
    ("latin-1", "latin-1", b"", "Café menu, £5 for ½ a portion: "),
]
ENDINGS = {"crlf": "\r\n", "cr": "\r", "lf": "\n"}


@pytest.mark.parametrize("ending", list(ENDINGS))
@pytest.mark.parametrize(("label", "codec", "bom", "lead"), ENCODINGS,
                         ids=[e[0] for e in ENCODINGS])
def test_encodings_and_line_endings_keep_positions(
        tmp_path: Path, label: str, codec: str, bom: bytes, lead: str, ending: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    nl = ENDINGS[ending]
    text = nl.join([
        "Dear Sam,", "",
        f"{lead}we will see the the team in May and we will facilitate the visit.",
        "", "Yours sincerely", "", "Alex", ""])
    path = tmp_path / f"{label}-{ending}.txt"
    path.write_bytes(bom + text.encode(codec))
    code, data, err = run_json(capsys, str(path))
    assert code == 1, err
    findings = data["files"][0]["findings"]
    for rule, match in (("repeated-word", "the the"), ("plain-words", "facilitate")):
        (finding,) = [f for f in findings if f["rule"] == rule]
        start = text.index(match)
        assert finding["match"] == match
        assert (finding["line"], finding["column"]) == offset_line_col(text, start) == (
            3, len(lead) + text.split(nl)[2][len(lead):].index(match) + 1)
        end = start + len(match)
        assert (finding["end_line"], finding["end_column"]) == offset_line_col(text, end)


@pytest.mark.parametrize(("data", "text"), [
    (b"It\x92s fine.", "It’s fine."),
    (b"\x93Hello\x94 \x96 we\x92ll call.\r\n", "“Hello” – we’ll call.\r\n"),
    (b"caf\xe9", "café"),
    (b"\x80100 or \xa35", "€100 or £5"),
    ("Café, naïve, “quoted”, ’ ".encode() * 3 + b" \x92 stray", None),  # mostly UTF-8
])
def test_short_windows_1252_is_not_mistaken_for_an_exotic_encoding(
        data: bytes, text: str | None) -> None:
    decoded, encoding = decode(data)
    if text is None:
        assert encoding == "utf-8" and decoded.count("’") == 3 and decoded.endswith("� stray")
    else:
        assert (decoded, encoding) == (text, "cp1252")


def test_utf16_without_bom_is_read() -> None:
    text = "We’ll see you soon.\r\n"
    assert decode(text.encode("utf-16-le")) == (text, "utf-16-le")
    assert decode(text.encode("utf-16-be")) == (text, "utf-16-be")


@pytest.mark.parametrize(("name", "data"), [
    ("png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256))),
    ("pdf.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(range(128, 256)) * 8),
    ("pdf-no-controls.txt", b"%PDF-1.7\n" + bytes(0x80 + (i * 37) % 128 for i in range(4000))),
    ("nul.txt", b"Hello\x00world, this has NUL bytes\x00\x00 in it.\n"),
    ("controls.txt", bytes(range(1, 8)) * 40 + b"text"),
    ("zip.md", b"PK\x03\x04\x14\x00\x06\x00" + bytes(100)),
    ("utf16-binary.txt", b"\xff\xfe" + "\x00\x01\x02\x03".encode("utf-16-le") * 50),
])
def test_binary_files_are_refused(tmp_path: Path, good: Path, name: str, data: bytes,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    code, report, err = run_json(capsys, str(path), str(good))
    assert code == 2
    assert_reported(err, path, "not a text file")
    assert_good_checked(report)


# -- markup that stresses parsers ---------------------------------------------------------------

def _check_finishes(capsys: pytest.CaptureFixture[str], path: Path) -> dict[str, Any]:
    code, data, err = run_json(capsys, str(path))
    assert code in (0, 1), err
    assert err == ""
    (file,) = data["files"]
    assert "error" not in file
    return file  # type: ignore[no-any-return]


def test_markdown_deeply_nested_quotes_and_lists_do_not_crash(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    quotes = tmp_path / "quotes.md"
    quotes.write_text("> " * 10_000 + "We facilitate it.\n", encoding="utf-8")
    file = _check_finishes(capsys, quotes)
    assert file["scores"]["words"] > 0  # the text was read, not dropped
    lists = tmp_path / "lists.md"
    lists.write_text("- " * 10_000 + "x\n\n" + "1. " * 10_000 + "y\n\n"
                     + "".join(f"- item {i}\n" for i in range(10_000)), encoding="utf-8")
    assert _check_finishes(capsys, lists)["scores"]["words"] >= 10_000
    indented = tmp_path / "indented.md"  # 10,000 levels by indentation would be 100 MB: 1,000
    indented.write_text("".join("  " * i + f"- item {i}\n" for i in range(1_000)),
                        encoding="utf-8")
    assert _check_finishes(capsys, indented)["scores"]["words"] >= 1_000
    inline = tmp_path / "inline.md"
    inline.write_text("[a " * 10_000 + "\n\n" + "*a " * 10_000 + "\n\n" + "`a " * 10_000
                      + "\n", encoding="utf-8")
    _check_finishes(capsys, inline)


def test_markdown_deep_nesting_loses_no_words() -> None:
    """markdown-it stops at its maxNesting: text nested deeper, and all after it, was lost."""
    import plainlsc

    text = ("Hello.\n\n" + "> " * 25 + "We utilise it.\n\n"
            + "".join("  " * i + f"- Item {i}.\n" for i in range(30))
            + "\nWe facilitate more after the list.\n")
    found = {(f.line, f.match) for f in plainlsc.check_text(text, "markdown").findings}
    assert (3, "utilise") in found
    assert (36, "facilitate") in found


def test_markdown_lone_cr_line_endings_keep_positions() -> None:
    """A lone CR inside a paragraph, with a LF later in it, used to lose a line's text."""
    import plainlsc

    text = "We will call.\rWe will see the the team.\r\n"  # mixed CR and CRLF
    (finding,) = [f for f in plainlsc.check_text(text, "markdown").findings
                  if f.rule == "repeated-word"]
    assert (finding.line, finding.column, finding.match) == (2, 13, "the the")


def test_markdown_nul_character_keeps_the_words() -> None:
    """markdown-it turns NUL into U+FFFD: the text around it must still line up."""
    import plainlsc

    text = "We \x00 see the the team.\n"
    (finding,) = [f for f in plainlsc.check_text(text, "markdown").findings
                  if f.rule == "repeated-word"]
    assert (finding.line, finding.column, finding.match) == (1, 10, "the the")


def test_html_100000_nested_divs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "<div>" * 100_000 + "We will see the the team." + "</div>" * 10
    path = tmp_path / "deep.html"
    path.write_text(text, encoding="utf-8")
    file = _check_finishes(capsys, path)
    (finding,) = [f for f in file["findings"] if f["rule"] == "repeated-word"]
    assert (finding["line"], finding["column"], finding["match"]) == (
        *offset_line_col(text, text.index("the the")), "the the")


@pytest.mark.parametrize("body", [
    "<p>We will see the the team <b>bold <i>x <a href=\"" * 2000,
    "<table><tr><td>" * 5000 + "the the",
    "&#99999999999; &#xZZ; &bogus; &#0; &#x110000; &#; &amp the the " * 2000,
    "<!-- never closed " + "the the " * 1000,
    "<script>" + "x" * 100_000,
    "< " * 50_000 + "the the",
    "<p title='" + "'" * 10_000 + "the the",
])
def test_html_that_stresses_the_parser(tmp_path: Path, body: str,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "page.html"
    path.write_text(body, encoding="utf-8")
    file = _check_finishes(capsys, path)
    for finding in file["findings"]:
        assert finding["line"] >= 1 and finding["column"] >= 1


@pytest.mark.parametrize("text", [
    "We will see the the team.\n\n" + "=" * 100_000 + "\n",
    "We will see the the team.\n\n" + "<" * 50_000 + "(a" * 25_000 + "\n",
    "We will write to you about the results of the tests in the next few weeks "
    + "a" * 100_000 + "\n",
], ids=["punctuation-run", "mixed-run", "one-long-word"])
def test_no_input_makes_checking_quadratic(tmp_path: Path, text: str) -> None:
    """Not a timing assertion but a hang guard. spaCy's tokenizer strips affixes one
    character at a time, and the syllable counter tried every split of a word: both were
    quadratic, so each of these took from many minutes to hours. Linear work takes about a
    second, so the generous timeout only ever catches a regression."""
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "plainlsc", "check", str(path)],
                          capture_output=True, text=True, timeout=180, check=False)
    assert proc.returncode == 1, proc.stderr  # "the the" or the long sentence is found
    assert proc.stderr == ""


# -- size limits ---------------------------------------------------------------------------------

def test_a_50_mb_file_is_refused_with_a_clear_message(tmp_path: Path, good: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "big.txt"
    line = b"We will see you soon and we will call you when the results are back.\n"
    with big.open("wb") as handle:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    code, data, err = run_json(capsys, str(big), str(good))
    assert code == 2
    assert_reported(err, big, "file is 50 MB, over the limit of 20 MB "
                              "(set max_file_size to raise it)")
    assert_good_checked(data)


def test_a_lowered_limit_refuses_above_and_checks_below(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".plainlsc.toml").write_text('max_file_size = "2KB"\n', encoding="utf-8")
    under = tmp_path / "under.txt"
    under.write_text(GOOD + "x" * (2048 - len(GOOD) - 1) + "\n", encoding="utf-8")
    over = tmp_path / "over.txt"
    over.write_text(GOOD + "x" * 2048 + "\n", encoding="utf-8")
    assert under.stat().st_size == 2048
    code, data, err = run_json(capsys, str(under), str(over))
    assert code == 2
    assert_reported(err, over, "over the limit of 2 KB")
    assert_good_checked(data, "under.txt")


def test_standard_input_has_the_same_size_limit(tmp_path: Path) -> None:
    (tmp_path / ".plainlsc.toml").write_text('max_file_size = "1KB"\n', encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "plainlsc", "check", "-"], cwd=tmp_path,
                          input=GOOD * 100, capture_output=True, text=True, timeout=120,
                          check=False)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "plainlsc: -: input is over the limit of 1 KB (set max_file_size to raise it)"]


# -- atomic writes ---------------------------------------------------------------------------------

def test_write_atomic_replaces_and_keeps_the_mode(tmp_path: Path) -> None:
    from plainlsc.atomic import write_atomic

    path = tmp_path / "letter.txt"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o640)
    write_atomic(path, "new – text\n", encoding="utf-8", newline="\r\n")
    assert path.read_bytes() == "new – text\r\n".encode()
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["letter.txt"]


def test_interrupted_write_leaves_the_original_and_no_temporary_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from plainlsc.atomic import rewrite_preserving, write_atomic

    path = tmp_path / "letter.txt"
    original = "Dear Sam,\r\n\r\nWe’ll call.\r\n".encode("cp1252")
    path.write_bytes(original)
    before = path.stat()

    def boom(src: Any, dst: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(path, "something else")
    with pytest.raises(OSError, match="No space left"):
        rewrite_preserving(path, "Dear Sam,\n\nWe’ll write.\n")
    assert path.read_bytes() == original
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    assert [p.name for p in tmp_path.iterdir()] == ["letter.txt"]


def test_a_report_that_fails_while_being_written_leaves_the_old_one(tmp_path: Path) -> None:
    from plainlsc.atomic import write_atomic_chunks

    path = tmp_path / "report.html"
    path.write_text("<p>last week's report</p>", encoding="utf-8")

    def pieces() -> Any:
        yield b"<p>half of this week's"
        raise MemoryError

    with pytest.raises(MemoryError):
        write_atomic_chunks(path, pieces())
    assert path.read_text(encoding="utf-8") == "<p>last week's report</p>"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
    write_atomic_chunks(path, (piece.encode() for piece in ["<p>", "this week", "</p>"]))
    assert path.read_text(encoding="utf-8") == "<p>this week</p>"


def test_interrupted_by_ctrl_c_leaves_no_temporary_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from plainlsc.atomic import write_atomic

    path = tmp_path / "a.txt"
    path.write_text("old", encoding="utf-8")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, "new")
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


@pytest.mark.parametrize(("codec", "bom", "nl"), [
    ("cp1252", b"", "\r\n"),
    ("cp1252", b"", "\r"),
    ("utf-8", b"\xef\xbb\xbf", "\r\n"),
    ("utf-16-le", b"\xff\xfe", "\r\n"),
    ("utf-16-be", b"\xfe\xff", "\n"),
    ("utf-8", b"", "\n"),
])
def test_rewrite_keeps_encoding_bom_and_line_endings(tmp_path: Path, codec: str, bom: bytes,
                                                     nl: str) -> None:
    from plainlsc.atomic import rewrite_preserving

    path = tmp_path / "letter.txt"
    old = nl.join(["Dear Sam,", "", "“Hello” – we’ll see the the team.", ""])
    path.write_bytes(bom + old.encode(codec))
    path.chmod(0o604)
    new = "Dear Sam,\n\n“Hello” – we’ll see the team.\n"  # a fix, written with \n
    rewrite_preserving(path, new)
    assert path.read_bytes() == bom + new.replace("\n", nl).encode(codec)
    assert path.stat().st_mode & 0o777 == 0o604
    # the file's own line endings in the new text are kept as they are, not doubled
    rewrite_preserving(path, new.replace("\n", nl))
    assert path.read_bytes() == bom + new.replace("\n", nl).encode(codec)


def test_rewrite_of_mixed_line_endings_keeps_each_as_written(tmp_path: Path) -> None:
    """A file that mixes CRLF, LF and CR has no one style to apply: the text's own line
    endings are written as they are, so an untouched line keeps its bytes."""
    from plainlsc.atomic import rewrite_preserving

    path = tmp_path / "mixed.txt"
    path.write_bytes(b"One.\r\nTwo the the.\nThree.\r")
    rewrite_preserving(path, "One.\r\nTwo the.\nThree.\r")
    assert path.read_bytes() == b"One.\r\nTwo the.\nThree.\r"


def test_rewrite_refuses_what_it_cannot_keep(tmp_path: Path) -> None:
    from plainlsc.atomic import rewrite_preserving
    from plainlsc.errors import InputError

    path = tmp_path / "letter.txt"
    original = "We’ll call.\r\n".encode("cp1252")
    path.write_bytes(original)
    with pytest.raises(InputError, match="cannot save '→'"):
        rewrite_preserving(path, "We’ll call → soon.\r\n")
    assert path.read_bytes() == original
    broken = tmp_path / "mostly-utf8.txt"
    broken.write_bytes("Café, naïve, “quoted” ".encode() * 3 + b"\x92 stray\n")
    with pytest.raises(InputError, match="not all of it is valid utf-8"):
        rewrite_preserving(broken, "anything\n")
    assert broken.read_bytes().endswith(b"\x92 stray\n")


def test_rewrite_through_a_symlink_replaces_the_target(tmp_path: Path) -> None:
    from plainlsc.atomic import rewrite_preserving

    target = tmp_path / "real.txt"
    target.write_bytes(b"old\r\n")
    link = tmp_path / "link.txt"
    _symlink("real.txt", link)
    rewrite_preserving(link, "new\n")
    assert link.is_symlink()
    assert target.read_bytes() == b"new\r\n"
