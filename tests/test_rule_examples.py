"""Every shipped rule carries examples that must be flagged and near-misses that must not.

The examples live in the rule files, next to the rule, so a team adding a rule adds its
examples in the same place; this test runs them all.
"""

from __future__ import annotations

import pytest

from plainlsc.checks.engine import all_specs
from plainlsc.config import Config
from plainlsc.pipeline import check_text

SPECS = all_specs(Config())
FLAG = [(s.id, text) for s in SPECS for text in s.examples.get("flag", [])]
OK = [(s.id, text) for s in SPECS for text in s.examples.get("ok", [])]


def rules_found(rule_id: str, text: str) -> list[str]:
    report = check_text(text, "text", Config(select=(rule_id,)))
    return [f.match for f in report.findings if f.rule == rule_id]


def test_every_rule_has_examples_and_documentation() -> None:
    for spec in SPECS:
        assert spec.examples.get("flag"), f"{spec.id} has no examples that must be flagged"
        assert spec.examples.get("ok"), f"{spec.id} has no near-misses"
        assert spec.why and spec.example and spec.better and spec.link, spec.id


@pytest.mark.parametrize(("rule_id", "text"), FLAG, ids=[f"{r}-flag-{i}" for i, (r, _) in
                                                         enumerate(FLAG)])
def test_flagged(rule_id: str, text: str) -> None:
    assert rules_found(rule_id, text), f"{rule_id} should flag: {text!r}"


@pytest.mark.parametrize(("rule_id", "text"), OK, ids=[f"{r}-ok-{i}" for i, (r, _) in
                                                       enumerate(OK)])
def test_not_flagged(rule_id: str, text: str) -> None:
    assert rules_found(rule_id, text) == [], f"{rule_id} should not flag: {text!r}"


def test_required_rule_ids_exist() -> None:
    ids = {s.id for s in SPECS}
    required = {"plain-words", "wordy-phrase", "cliche", "hidden-verb", "passive-voice",
                "sentence-length", "average-sentence-length", "paragraph-length", "placeholder",
                "repeated-word", "all-caps", "latin-abbreviation", "and-or", "double-negative",
                "exclamation", "medical-term", "contraction", "readability", "hard-sentence",
                "you-and-we", "acronym-undefined", "acronym-defined-late", "acronym-redefined"}
    assert required <= ids
