"""``plainlsc explain``: what a rule does under this configuration, and how to switch it off
in each kind of document (and that each of those ways really works)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from plainlsc.cli import main


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".plainlsc.toml").write_text(
        '[levels]\nsentence-length = "error"\n\n[rules.sentence-length]\nmax = 15\n',
        encoding="utf-8")
    return tmp_path


def _explain(rule: str, where: Path, capsys: pytest.CaptureFixture[str]) -> str:
    old = os.getcwd()
    os.chdir(where)
    try:
        assert main(["explain", rule]) == 0
    finally:
        os.chdir(old)
    return capsys.readouterr().out


def test_explain_shows_the_configured_level_and_options(
        project: Path, tmp_path_factory: pytest.TempPathFactory,
        capsys: pytest.CaptureFixture[str]) -> None:
    here = _explain("sentence-length", project, capsys)
    assert here.startswith("sentence-length  (sentence-length, error)")
    assert "max = 15" in here and "$" not in here
    elsewhere = _explain("sentence-length", tmp_path_factory.mktemp("plain"), capsys)
    assert "(sentence-length, warning)" in elsewhere and "max = 20" in elsewhere


@pytest.mark.parametrize("rule", ["sentence-length", "readability", "average-sentence-length",
                                  "paragraph-length", "hard-sentence"])
def test_profile_values_are_filled_in(rule: str, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert "$" not in _explain(rule, tmp_path, capsys)


def test_switch_off_is_given_for_each_format_and_works(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _explain("placeholder", tmp_path, capsys)
    html_form = "<!-- plainlsc-disable-next-line placeholder -->"
    text_form = "# plainlsc-disable-next-line placeholder"
    assert 'ignore = ["placeholder"]' in out and html_form in out and text_form in out
    line = "Dear [INSERT NAME], your clinic has moved to Mill Lane.\n"
    docs = {"note.txt": f"{text_form}\n{line}", "page.md": f"{html_form}\n{line}",
            "page.html": f"<p>Hello.</p>\n{html_form}\n<p>{line}</p>\n"}
    for name, text in docs.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        assert main(["check", "--select", "placeholder", str(path)]) == 0, name
        path.write_text(text.replace(html_form, "").replace(text_form, ""), encoding="utf-8")
        assert main(["check", "--select", "placeholder", str(path)]) == 1, name
    capsys.readouterr()
