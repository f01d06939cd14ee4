"""Hostile rule files, configuration, word lists and Word documents (issue 17, items 3, 4, 9).

Each must end in a clear one-line error naming the file (and the line, where there is one),
quickly and in little memory, or, for valid input (a large team word list, an override of one
rule option), just work. Cases that used to hang or fill memory run in a subprocess with a
time limit and a cap on its memory, so a regression fails the test instead of the machine.
Times and memory are measured in benchmarks/hostile_config.py, never asserted here.
"""

from __future__ import annotations

import io
import os
import random
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from plainlsc.cli import main

LETTER = """Dear Ms Okafor,

Your appointment at the Riverside Health Centre is on Tuesday 4 March at 10:30am.
Please utilise the side entrance next to the pharmacy. Bring a list of your medication.
If you cannot come, please phone us on 0300 123 4567 so we can offer the slot to someone else.

Yours sincerely,

Appointments team
"""
RULE = ("id: team-words\nkind: existence\nlevel: warning\nmessage: '\"{match}\": say it "
        "plainly'\ndescription: Words our team avoids.\n")
#: The most memory a subprocess may map: ample for plainlsc (it needs about 1 GB of address
#: space), far below what the old failures took.
MEMORY_CAP = 3 << 30


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_cli(folder: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``plainlsc check letter.txt`` (and ``args``) in ``folder``, bounded in time and memory."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run([sys.executable, "-m", "plainlsc", "check", *args, "letter.txt"],
                          cwd=folder, capture_output=True, text=True, timeout=timeout,
                          check=False, preexec_fn=_limit_memory, env=env)


def error_line(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-2000:])
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr[-2000:]
    return lines[0]


def check(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> tuple[int, str, str]:
    code = main(["check", "--format", "json", *args, str(folder / "letter.txt")])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "internal error" not in err, err
    return code, out, err


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "letter.txt").write_text(LETTER, encoding="utf-8")
    return tmp_path


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# -- item 3: every settings file is bounded ---------------------------------------------------


def test_a_rule_file_that_is_a_named_pipe_is_refused_not_waited_for(project: Path) -> None:
    os.mkfifo(project / "team.yml")
    write(project, ".plainlsc.toml", 'rule_files = ["team.yml"]\n')
    line = error_line(run_cli(project, timeout=60))
    assert line == (f"plainlsc: {project / 'team.yml'}: cannot read rule file: not a regular "
                    "file (a pipe, socket or device)")


def test_config_that_is_dev_zero_is_refused(project: Path) -> None:
    line = error_line(run_cli(project, "--config", "/dev/zero", timeout=60))
    assert line == ("plainlsc: /dev/zero: cannot read configuration: not a regular file (a "
                    "pipe, socket or device)")


@pytest.mark.parametrize("setting", ['[wordlists]\nteam-words = ["team.txt"]\n',
                                     'glossaries = ["team.txt"]\n'])
def test_word_list_or_glossary_linked_to_dev_zero_is_refused(project: Path,
                                                             setting: str) -> None:
    write(project, "team.yml", RULE + "tokens: [utilise]\n")
    (project / "team.txt").symlink_to("/dev/zero")
    write(project, ".plainlsc.toml", 'rule_files = ["team.yml"]\n' + setting)
    line = error_line(run_cli(project, timeout=60))
    assert line == (f"plainlsc: {project / 'team.txt'}: cannot read word list: not a regular "
                    "file (a pipe, socket or device)")


def _sparse(path: Path, size: int) -> Path:
    """A file that says it has ``size`` bytes (all zero) and takes no disk space."""
    with open(path, "wb") as handle:
        handle.truncate(size)
    return path


@pytest.mark.parametrize(("name", "setting", "message"), [
    ("team.yml", 'rule_files = ["team.yml"]\n',
     "cannot read rule file: larger than 1 MB, the most plainlsc reads for a rule file"),
    ("team.txt", 'rule_files = ["team.yml"]\n[wordlists]\nteam-words = ["team.txt"]\n',
     "cannot read word list: larger than 64 MB, the most plainlsc reads for a word list"),
])
def test_oversized_rule_file_or_word_list_names_the_file_and_the_cap(
        project: Path, name: str, setting: str, message: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    if name != "team.yml":
        write(project, "team.yml", RULE + "tokens: [utilise]\n")
    big = _sparse(project / name, (65 << 20) if name.endswith(".txt") else (2 << 20))
    write(project, ".plainlsc.toml", setting)
    code, _, err = check(capsys, project)
    assert (code, err) == (2, f"plainlsc: {big}: {message}\n")


def test_oversized_configuration_names_the_cap(project: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """A configuration padded with 2 MB of comments is still read no further than 1 MB."""
    path = write(project, ".plainlsc.toml", 'profile = "nhs"\n' + "# padding\n" * 200_000)
    code, _, err = check(capsys, project)
    assert (code, err) == (2, f"plainlsc: {path}: cannot read configuration: larger than 1 MB, "
                              "the most plainlsc reads for a configuration\n")


#: Each level a list of nine aliases to the one before, all inside the rule's own tokens (so
#: every key is valid): 9^9, 387 million, copies of "lol" in the last item.
BOMB = "tokens:\n  - &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"  - &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 10))


def test_yaml_alias_bomb_is_refused_quickly_with_its_line(project: Path) -> None:
    write(project, "team.yml", RULE + BOMB)
    write(project, ".plainlsc.toml", 'rule_files = ["team.yml"]\n')
    line = error_line(run_cli(project, timeout=60))
    assert line.startswith(f"plainlsc: {project / 'team.yml'}:")
    assert "aliases (*l" in line and "expand to more than 1,000,000" in line
    number = int(line.split(":")[2])
    assert 7 <= number <= 16  # the level whose alias goes over the budget


def test_a_shared_list_by_anchor_is_still_allowed(project: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """A team may write a list once and use it twice: aliases within the budget are fine."""
    write(project, "team.yml",
          "rules:\n"
          "  - id: team-words\n    kind: existence\n    message: '\"{match}\": avoid'\n"
          "    description: d\n    tokens: &ours [utilise, medication]\n"
          "  - id: team-words-again\n    kind: existence\n    level: suggestion\n"
          "    message: '\"{match}\": again'\n    description: d\n    tokens: *ours\n")
    write(project, ".plainlsc.toml",
          'rule_files = ["team.yml"]\nselect = ["team-words", "team-words-again"]\n')
    code, out, _ = check(capsys, project)
    assert code == 1
    assert out.count('"team-words"') == 2 and out.count('"team-words-again"') == 2


@pytest.mark.parametrize(("message", "error"), [
    ("'{match:>2000000000}'", "{match:>2000000000} is too wide (at most 200 characters)"),
    ("'{match:.999999}'", "{match:.999999} is too wide"),
    ("'{match:>0000000000000000000000000000000000000000000000000009}'", "is too wide"),
    ("'{mach} is vague'", "this kind of rule has no field {mach} (did you mean 'match'?)"),
    ("'{age}'", "this kind of rule has no field {age}"),
])
def test_message_templates_are_checked_when_the_rule_is_loaded(project: Path, message: str,
                                                               error: str) -> None:
    write(project, "team.yml", RULE.replace("message: '\"{match}\": say it plainly'",
                                            f"message: {message}") + "tokens: [utilise]\n")
    write(project, ".plainlsc.toml", 'rule_files = ["team.yml"]\n')
    line = error_line(run_cli(project, timeout=60))
    assert line.startswith(f"plainlsc: {project / 'team.yml'}:4: rule 'team-words': message")
    assert error in line


def test_template_message_of_a_placeholder_rule_is_checked(project: Path) -> None:
    write(project, ".plainlsc.toml",
          '\n[rules.placeholder]\ntemplate_message = "{count:>2000000000} fields"\n')
    line = error_line(run_cli(project, timeout=60))
    assert line.startswith(f"plainlsc: {project / '.plainlsc.toml'}:2: rule 'placeholder': "
                           "template_message: {count:>2000000000} is too wide")


def test_templates_with_modest_formats_still_work(project: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Near misses: known fields, a small width, a conversion; all accepted and filled in."""
    write(project, "team.yml", RULE.replace("message: '\"{match}\": say it plainly'",
                                            "message: '{match!r:>12}: try {suggestion}'")
          + "swap: {utilise: use}\n")
    write(project, ".plainlsc.toml", 'rule_files = ["team.yml"]\nselect = ["team-words"]\n')
    code, out, _ = check(capsys, project)
    assert code == 1
    assert "   'utilise': try \\\"use\\\"" in out


# -- item 9: configuration errors name the user's file and line ----------------------------------

HARD = ("Dear Mr Iqbal,\n\nReconfiguration necessitates comprehensive stakeholder "
        "collaboration.\n\nPlease call us if you have any questions.\n")


def test_an_override_of_one_option_is_accepted(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """hard-sentence needs 'grade'; the team's table gives only min_words, and that is fine.
    The five-word sentence is reported with min_words = 5 and not with the shipped 8."""
    write(tmp_path, "letter.txt", HARD)
    code, out, err = check(capsys, tmp_path, "--select", "hard-sentence")
    assert (code, err) == (0, "") and '"hard-sentence"' not in out
    write(tmp_path, ".plainlsc.toml", '[rules.hard-sentence]\nmin_words = 5\n')
    code, out, err = check(capsys, tmp_path, "--select", "hard-sentence")
    assert (code, err) == (0, "")  # a suggestion: below the default fail_on
    assert '"match": "Reconfiguration necessitates comprehensive stakeholder collaboration."' \
        in out


@pytest.mark.parametrize(("text", "line", "message"), [
    ('profile = "nhs"\n\n[rules.plain-words]\ntokens = [""]\n', 4,
     "rule 'plain-words': 'tokens' has an empty text in its list"),
    ('[rules.plain-words]\nlevel = "error"\nwordlist = [5]\n', 3,
     "rule 'plain-words': 'wordlist' must be a list of texts, not 5"),
    ('[rules.cliche]\nswap = {"touch base" = 5}\n', 2,
     "'swap' maps 'touch base' to 5: give a text or a list of texts"),
    ('[rules.plain-words]\nlevel = "error"\n\nlevl = "warning"\n', 4,
     "unknown key 'levl' for kind 'substitution' (did you mean 'level'?)"),
    ('fail_on = "error"\n[rules.plain-words]\nlevel = "fatal"\n', 3,
     "level must be one of suggestion, warning, error, not 'fatal'"),
    ('[rules.sentence-length]\n\nmax = "$longest"\n', 3,
     "rule 'sentence-length': unknown setting '$longest'"),
    ('[tool.plainlsc]\n[tool.plainlsc.rules.cliche]\npatterns = ["(?<=a)b"]\n', 2,
     "rule 'cliche': invalid pattern"),
    ('[rules.plain-words]\nwordlist = "our-words.tsv"\n', 1,
     "rule 'plain-words': word list 'our-words.tsv' not found"),
    ('[rules]\nplain-words = { inflect = false, tokens = [3] }\n', 2,
     "rule 'plain-words': 'tokens' must be a list of texts, not 3"),
])
def test_rule_option_errors_name_the_configuration_and_its_line(
        project: Path, text: str, line: int, message: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    name = "pyproject.toml" if text.startswith("[tool.") else ".plainlsc.toml"
    path = write(project, name, text)
    code, _, err = check(capsys, project)
    assert code == 2
    assert err.startswith(f"plainlsc: {path}:{line}: "), err
    assert message in err and err.count("\n") == 1


def test_a_team_list_without_alternatives_blames_its_own_line(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """plain-words suggests alternatives: a plain list line added to it has none to give."""
    write(project, "ours.txt", "# our words\ndeconflict\tjargon from the planning team\n\n"
                               "onboard\n")
    write(project, ".plainlsc.toml", '[wordlists]\nplain-words = ["ours.txt"]\n')
    code, _, err = check(capsys, project)
    assert (code, err) == (2, f"plainlsc: {project / 'ours.txt'}:2: rule 'plain-words' needs "
                              "alternatives (term<TAB>alternative); none for 'deconflict'\n")


def test_yaml_booleans_in_a_word_list_option_are_named(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """YAML reads a bare no as false: the rule would silently never match "no"."""
    path = write(project, "team.yml", RULE + "tokens: [utilise, no]\n")
    write(project, ".plainlsc.toml", 'rule_files = ["team.yml"]\n')
    code, _, err = check(capsys, project)
    assert code == 2
    assert err.startswith(f"plainlsc: {path}:6: rule 'team-words': 'tokens' must be a list of "
                          "texts, not False (put quotes around words such as 'no'")


def test_repeated_word_leaves_no_no_alone(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """The shipped rule lists 'no' and 'yes' as words that may be doubled; YAML used to read
    them as booleans, so "no, no" was reported. "the the" still is."""
    write(tmp_path, "letter.txt", "Dear Sam,\n\nIs there a charge? No no, the the clinic is "
                                  "free.\n")
    code, out, _ = check(capsys, tmp_path, "--select", "repeated-word")
    assert code == 1
    assert '"match": "the the"' in out and '"match": "No no"' not in out


# -- item 9: large team word lists ---------------------------------------------------------------


def _team_list(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    words: set[str] = set()
    while len(words) < count:
        words.add("".join(rng.choice("bcdfghjklmnpqrstvwxz") + rng.choice("aeiou")
                          for _ in range(rng.randint(3, 5))))
    return sorted(words)


def test_a_100000_entry_team_list_works_with_word_boundaries(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """No "pattern too large": the words are found, with their forms; a listed word inside a
    longer word, or joined to a letter, is not."""
    words = _team_list(100_000, 17)
    extra = ["signpost", "care pathway", "step down", "it's", "a&e"]
    write(project, "team.txt", "\n".join(words + extra) + "\n")
    listed, other = words[500], words[777]
    write(project, "letter.txt",
          f"Dear Ms Okafor,\n\nWe will signpost you to the {listed} team. We signposted "
          f"your neighbour too, and {listed}s\nwere helpful. The care\n  pathway starts "
          f"soon. It’s our step-down unit, not the x{other} or {other}x desk; "
          f"unsignposted or A&E visits are different.\n")
    write(project, "team.yml", RULE)
    write(project, ".plainlsc.toml",
          'rule_files = ["team.yml"]\nselect = ["team-words"]\n'
          '[wordlists]\nteam-words = ["team.txt"]\n')
    code, out, err = check(capsys, project)
    assert (code, err) == (1, "")
    import json

    found = [f["match"] for f in json.loads(out)["files"][0]["findings"]]
    # "step-down" is not the listed "step down", nor "unsignposted" "signpost"
    assert found == ["signpost", listed, "signposted", f"{listed}s", "care\n  pathway",
                     "It’s", "A&E"]
    # The same words in a list small enough for one RE2 pattern give the same findings.
    write(project, "few.txt", "\n".join([listed, other, *extra]) + "\n")
    write(project, ".plainlsc.toml", 'rule_files = ["team.yml"]\nselect = ["team-words"]\n'
                                     '[wordlists]\nteam-words = ["few.txt"]\n')
    code, small, err = check(capsys, project)
    assert (code, err) == (1, "") and json.loads(small)["files"] == json.loads(out)["files"]


def test_automaton_and_re2_agree_on_tricky_text() -> None:
    """The automaton for long lists gives the RE2 alternation's matches exactly: folding,
    apostrophes, white space, ASCII word boundaries, leftmost-longest."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from plainlsc.text.patterns import Scanner, compile_pattern, literal_alternation
    from plainlsc.text.terms import TermMatcher

    terms = ["care", "care home", "care homes", "home", "it's", "e.g.", "and/or", "a&e",
             "covid-19", "café", "école", "straße", "kit", "σοφία", "_x", "n", "NHS", "It’s"]
    pieces = ["care", "Care", "CARE", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "home", "homes",
              "it's", "it’s", "IT’S", "e.g.", "E.G.", "and/or", "A&E", "covid-19", "café",
              "CAFÉ", "école", "straße", "STRASSE", "ẞ", "\u212a", "it", "ſ", "σοφίας", "ΣΟΦΊΑ",
              "_", "x", "é", "-", ".", "n", "İ", "ı", "😀", "s", "NHS", "nhs"]
    matchers = {case: (compile_pattern(literal_alternation(terms), case, longest=True),
                       TermMatcher(terms, case)) for case in (True, False)}

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.sampled_from(pieces), max_size=30).map("".join), st.booleans())
    def agree(text: str, ignorecase: bool) -> None:
        regex, automaton = matchers[ignorecase]
        want = [(m.start(), m.end()) for m in Scanner(text).finditer(regex)]
        assert [(m.start(), m.end()) for m in automaton.finditer(text)] == want

    agree()


# -- item 4: Word documents bounded by what they expand to -----------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(document: bytes, styles: bytes | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", document)
        if styles is not None:
            zf.writestr("word/styles.xml", styles)
    return buffer.getvalue()


def _paragraphs(count: int, seed: int) -> bytes:
    """``count`` short paragraphs of varied words, which pack at about 5 to 1 like Word's."""
    rng = random.Random(seed)
    words = ["Your", "clinic", "is", "open", "on", "Monday", "please", "bring", "a", "list",
             "of", "medicines", "we", "will", "call", "you"]
    body = b"".join(f"<w:p><w:r><w:t>{rng.choice(words)} {rng.randrange(10**6)}</w:t></w:r>"
                    f"</w:p>".encode() for _ in range(count))
    return (f'<w:document xmlns:w="{W_NS}"><w:body>'.encode() + body
            + b"</w:body></w:document>")


def _read_in_subprocess(path: Path) -> subprocess.CompletedProcess[str]:
    code = ("import sys\nfrom plainlsc.readers import read_path\nfrom plainlsc.errors import "
            "InputError\ntry:\n    doc = read_path(sys.argv[1], max_bytes=1 << 30)\nexcept "
            "InputError as exc:\n    print(exc)\nelse:\n    print('read', len(doc.blocks))\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                          text=True, timeout=120, check=False, preexec_fn=_limit_memory, env=env)


def test_docx_just_under_the_ratio_but_too_large_expanded(tmp_path: Path) -> None:
    """90 MB of XML packed 90 to 1: the ratio guard passes it, the expanded size does not;
    refused from the zip's directory before anything is unpacked."""
    rng = random.Random(9)
    filler = b"".join(b"<w:p><w:r><w:t>" + b"a" * 1000 + bytes(rng.choices(b"etaoinshrdlu", k=12))
                      + b"</w:t></w:r></w:p>" for _ in range(90_000))
    document = (f'<w:document xmlns:w="{W_NS}"><w:body>'.encode() + filler
                + b"</w:body></w:document>")
    path = tmp_path / "big.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as zf:
        info = zipfile.ZipInfo("word/document.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        zf.writestr(info, document, compresslevel=1)
    path.write_bytes(buffer.getvalue())
    entry = zipfile.ZipFile(path).getinfo("word/document.xml")
    assert entry.file_size < 100 * entry.compress_size  # under the ratio guard
    result = _read_in_subprocess(path)
    assert entry.file_size > 64 << 20
    assert result.stdout.strip() == (f"{path}: word/document.xml is too large when unpacked: "
                                     f"the parts read come to {entry.file_size / 2**20:.1f} MB, "
                                     "more than the 64.0 MB plainlsc unpacks from a Word "
                                     "document (possible zip bomb)"), result.stderr[-2000:]


def test_docx_with_too_many_elements_is_refused_before_parsing(tmp_path: Path) -> None:
    """1.1 million small paragraphs (3.3 million elements) in 40 MB of ordinary-looking XML."""
    path = tmp_path / "many.docx"
    path.write_bytes(_docx(_paragraphs(1_100_000, 4)))
    result = _read_in_subprocess(path)
    assert result.stdout.strip() == (f"{path}: too much to read: word/document.xml takes the "
                                     "XML elements read to more than 1,000,000, the most "
                                     "plainlsc reads from a Word document"), \
        result.stderr[-2000:]


def test_a_normal_document_is_still_read(tmp_path: Path) -> None:
    """Near miss: 2,000 paragraphs (a long report) are nowhere near the bounds."""
    path = tmp_path / "report.docx"
    path.write_bytes(_docx(_paragraphs(2_000, 5)))
    result = _read_in_subprocess(path)
    assert result.stdout.strip() == "read 2000", result.stderr[-2000:]


def _styles(count: int, seed: int) -> bytes:
    styles = b"".join(f'<w:style w:type="paragraph" w:styleId="S{seed}x{i}"><w:name w:val='
                      f'"Team {seed} style {i}"/></w:style>'.encode() for i in range(count))
    return f'<w:styles xmlns:w="{W_NS}">'.encode() + styles + b"</w:styles>"


def test_styles_cache_stays_small_over_many_documents(tmp_path: Path) -> None:
    """Twenty documents, each with its own 1.5 MB styles part and thousands of unknown style
    ids: the cache keeps a digest per part (not the part), skips parts over 1 MB, and does
    not remember style ids no style defines."""
    from plainlsc.readers import docx as reader

    reader._STYLES_SEEN.clear()
    for seed in range(20):
        big = seed % 2 == 0
        body = b"".join(f'<w:p><w:pPr><w:pStyle w:val="U{seed}x{i}"/></w:pPr><w:r><w:t>Text '
                        f'{i}</w:t></w:r></w:p>'.encode() for i in range(3000))
        document = f'<w:document xmlns:w="{W_NS}"><w:body>'.encode() + body + \
            b"</w:body></w:document>"
        data = _docx(document, _styles(20_000 if big else 200, seed))
        doc = reader.read_docx(data, f"doc{seed}.docx")
        assert len(doc.blocks) == 3000
    assert 0 < len(reader._STYLES_SEEN) <= reader.STYLES_CACHED
    assert all(len(key) <= 64 for key, _ in reader._STYLES_SEEN)
    assert all(len(styles.styles) == 200 and not styles._kinds
               for styles in reader._STYLES_SEEN.values())
