"""Configuration: discovery, profiles, select/ignore, levels, a team's own lists and rules,
inline suppression, and clear errors for broken rule files."""

from __future__ import annotations

from pathlib import Path

import pytest

from plainlsc.checks.engine import build_ruleset
from plainlsc.config import Config, discover, load_config
from plainlsc.errors import ConfigError
from plainlsc.pipeline import check_file, check_text

LONG = ("We are working with partners across the region so that people and their families can "
        "get the care they need close to home, and we will tell you how.\n")  # 29 words


def rules(report) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.rule for f in report.findings]


def test_profiles_change_thresholds() -> None:
    assert "sentence-length" in rules(check_text(LONG, config=Config(profile="nhs")))
    assert "sentence-length" not in rules(check_text(LONG, config=Config(profile="pec")))


def test_pyproject_discovery_select_ignore_levels(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.plainlsc]\nprofile = "govuk"\nignore = ["plain-words"]\n'
        '[tool.plainlsc.levels]\nrepeated-word = "error"\n', encoding="utf-8")
    sub = tmp_path / "docs"
    sub.mkdir()
    doc = sub / "a.txt"
    doc.write_text("We will facilitate the the meeting.\n", encoding="utf-8")
    cfg = discover(doc)
    assert cfg.profile == "govuk" and cfg.path == tmp_path / "pyproject.toml"
    report = check_file(doc)
    assert "plain-words" not in rules(report)
    assert [f.severity for f in report.findings if f.rule == "repeated-word"] == ["error"]


def test_team_word_list_and_rule_file(tmp_path: Path) -> None:
    (tmp_path / "team-jargon.tsv").write_text("# our words\nhorizon scanning\tlooking ahead\n",
                                              encoding="utf-8")
    (tmp_path / "team-rules").mkdir()
    (tmp_path / "team-rules" / "brand.yml").write_text(
        "id: brand-name\nkind: substitution\nlevel: error\nswap:\n  Wyvern Trust: "
        "Wyvern Health NHS Trust\nmessage: 'use the full name: {suggestion}'\n"
        "description: Our organisation's name in full.\nsource: our style guide\n",
        encoding="utf-8")
    (tmp_path / ".plainlsc.toml").write_text(
        'rule_files = ["team-rules"]\naccept = ["stakeholders"]\n'
        '[wordlists]\nplain-words = ["team-jargon.tsv"]\n', encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("Horizon scanning at the Wyvern Trust helps stakeholders.\n",
                   encoding="utf-8")
    found = {(f.rule, f.match) for f in check_file(doc).findings}
    assert ("plain-words", "Horizon scanning") in found
    assert ("brand-name", "Wyvern Trust") in found
    assert not any(m == "stakeholders" for _, m in found)


def test_a_team_word_list_can_name_the_exact_forms(tmp_path: Path) -> None:
    (tmp_path / "team.tsv").write_text(
        "frontline\tpublic-facing\tforms=frontline|front_line\n"
        "onboard\tbring in\n", encoding="utf-8")
    (tmp_path / ".plainlsc.toml").write_text('[wordlists]\nplain-words = ["team.tsv"]\n',
                                             encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("Our front line staff and frontlines teams are onboarding people.\n",
                   encoding="utf-8")
    found = [f.match for f in check_file(doc).findings if f.rule == "plain-words"]
    assert found == ["front line", "onboarding"]  # "frontlines" is no listed form


def test_per_file_overrides(tmp_path: Path) -> None:
    (tmp_path / ".plainlsc.toml").write_text(
        '[[overrides]]\nfiles = ["legal/*"]\nignore = ["plain-words"]\n', encoding="utf-8")
    (tmp_path / "legal").mkdir()
    for name in ("legal/terms.txt", "news.txt"):
        (tmp_path / name).write_text("We utilise data.\n", encoding="utf-8")
    assert "plain-words" not in rules(check_file(tmp_path / "legal" / "terms.txt"))
    assert "plain-words" in rules(check_file(tmp_path / "news.txt"))


@pytest.mark.parametrize(("text", "message"), [
    ('profil = "nhs"\n', "unknown key 'profil' (did you mean 'profile'?)"),
    ('profile = 3\n', "profile has the wrong type"),
    ('profile = \n', "invalid TOML"),
])
def test_bad_configuration(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / ".plainlsc.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_config(path)
    assert message in str(exc.value) and str(path) in str(exc.value)


def test_unknown_rule_id_in_select(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="did you mean 'passive-voice'"):
        build_ruleset(Config(select=("pasive-voice",)))


@pytest.mark.parametrize(("rule", "message"), [
    ("id: x\nkind: substitution\nmessage: m\ndescription: d\nswap: [\n", "invalid YAML"),
    ("id: x\nkind: substitushun\nmessage: m\ndescription: d\n", "did you mean 'substitution'"),
    ("id: x\nkind: existence\ndescription: d\npatterns: ['a']\n",
     "missing the required key 'message'"),
    ("id: x\nkind: existence\nmessage: m\ndescription: d\npatterns: ['(unclosed']\n",
     "invalid pattern"),
    ("id: x\nkind: existence\nmessage: m\ndescription: d\npatern: ['a']\n",
     "did you mean 'patterns'"),
    ("id: x\nkind: sentence-length\nmessage: m\ndescription: d\nmax: many\n", "'max' must be int"),
    ("!!python/object:os.system\nid: x\n", "invalid YAML"),
])
def test_bad_rule_files(tmp_path: Path, rule: str, message: str) -> None:
    path = tmp_path / "bad.yml"
    path.write_text(rule, encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        build_ruleset(Config(rule_files=(path,)))
    assert message in str(exc.value)
    assert str(exc.value).startswith(f"{path}:")


def test_word_list_line_without_alternative(tmp_path: Path) -> None:
    wl = tmp_path / "ours.tsv"
    wl.write_text("# comment\ngood\tfine\nbadline\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"ours.tsv:3: 'badline' has no alternative"):
        build_ruleset(Config(wordlists=(("plain-words", wl),)))


def test_catastrophic_pattern_does_not_hang(tmp_path: Path) -> None:
    path = tmp_path / "evil.yml"
    path.write_text("id: evil\nkind: existence\nmessage: m\ndescription: d\n"
                    "patterns: ['(a+)+$']\n", encoding="utf-8")
    report = check_text("a" * 50_000 + "b\n", config=Config(rule_files=(path,),
                                                            select=("evil",)))
    assert report.findings == []  # RE2 answers in linear time; Python's re would hang here


def test_inline_suppression_in_text_and_markdown() -> None:
    text = ("We facilitate this.\n\n# plainlsc-disable-next-line plain-words\n"
            "We facilitate that.\n")
    assert [f.line for f in check_text(text).findings if f.rule == "plain-words"] == [1]
    md = ("<!-- plainlsc-disable plain-words -->\n\nWe facilitate.\n\n<!-- plainlsc-enable -->"
          "\n\nWe utilise.\n")
    found = [(f.line, f.match) for f in check_text(md, "markdown").findings
             if f.rule == "plain-words"]
    assert found == [(7, "utilise")]


def test_team_list_for_passive_voice_extends_the_exceptions(tmp_path: Path) -> None:
    ours = tmp_path / "ours.txt"
    ours.write_text("# adjectives in our letters\nhoused\n", encoding="utf-8")
    text = "The clinic will be housed in the old library. The letter will be posted.\n"
    found = [f.match for f in check_text(text, config=Config(
        select=("passive-voice",), wordlists=(("passive-voice", ours),))).findings]
    assert found == ["will be posted"]


def test_team_known_acronyms_are_not_shouting() -> None:
    text = "Ask the NORTHCARE team.\n"
    assert [f.rule for f in check_text(text, config=Config(select=("all-caps",))).findings] \
        == ["all-caps"]
    assert check_text(text, config=Config(select=("all-caps",),
                                          known_acronyms=("NORTHCARE",))).findings == []


def test_a_model_that_is_not_installed_is_a_warning_not_a_download(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from plainlsc.cli import main

    (tmp_path / ".plainlsc.toml").write_text('model = "en_plainlsc_missing_sm"\n',
                                             encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("We will facilitate a meeting.\n", encoding="utf-8")
    code = main(["check", "--format", "json", str(doc)])
    out, err = capsys.readouterr()
    assert code == 1 and '"plain-words"' in out
    assert err == ("plainlsc: warning: spaCy model 'en_plainlsc_missing_sm' is not installed; "
                   "using spaCy's blank English tokenizer (plainlsc never downloads one)\n")
