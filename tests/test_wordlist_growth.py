"""The word lists cover the misses found on real documents: NHS system jargon, hospital
specialties, idioms and throat-clearing openers, and the acronyms NHS and GOV.UK pages use
without expanding. Each group has sentences that must be flagged and near-misses that must not.
"""

from __future__ import annotations

import pytest

import plainlsc


def _findings(text: str) -> list[tuple[str, str]]:
    report = plainlsc.check_text(text, "text")
    return [(f.rule, f.match) for f in report.findings]


@pytest.mark.parametrize(("sentence", "rule", "match"), [
    ("We fund the third sector to run the lunch club.", "system-jargon", "third sector"),
    ("The board discussed population health at length.", "system-jargon", "population health"),
    ("Your primary care team will call you.", "system-jargon", "primary care"),
    ("After an operation in secondary care you go home.", "system-jargon", "secondary care"),
    ("We want to close the gap in health inequalities.", "system-jargon", "health inequalities"),
    ("The senior responsible officer signed the plan.", "system-jargon",
     "senior responsible officer"),
    ("Our town was a vanguard for new care models.", "system-jargon", "vanguard"),
    ("The work will strengthen our partnership.", "plain-words", "strengthen"),
    ("Staff on the ground know the families well.", "cliche", "on the ground"),
    ("The long winter took its toll on the wards.", "cliche", "took its toll"),
    ("The council made a concerted effort to reach carers.", "cliche", "concerted effort"),
    ("As you will be aware, the surgery has moved.", "wordy-phrase", "As you will be aware"),
    ("I am writing to let you know that your test is normal.", "wordy-phrase",
     "I am writing to let you know that"),
])
def test_new_entries_are_flagged(sentence: str, rule: str, match: str) -> None:
    assert (rule, match) in _findings(sentence)


@pytest.mark.parametrize(("sentence", "match"), [
    ("You have been referred to ophthalmology.", "ophthalmology"),
    ("Ask your optometrist to check your eyes.", "optometrist"),
    ("The rheumatology nurse will ring you.", "rheumatology"),
    ("We offer telehealth checks for people with heart failure.", "telehealth"),
])
def test_specialties_get_everyday_words(sentence: str, match: str) -> None:
    report = plainlsc.check_text(sentence, "text")
    found = [f for f in report.findings if f.rule == "medical-term" and f.match == match]
    assert found and found[0].suggestions


@pytest.mark.parametrize(("sentence", "word"), [
    ("These exercises strengthen your pelvic floor.", "strengthen"),
    ("Do these stretches to strengthen the muscles in your back.", "strengthen"),
    ("If you feel faint, lie on the ground and raise your legs.", "on the ground"),
    ("Ice on the ground makes the paths slippery.", "on the ground"),
    ("The primary care network covers five surgeries.", "primary care"),
    ("The vanguard of the parade reached the town hall.", "vanguard"),
])
def test_literal_senses_are_left_alone(sentence: str, word: str) -> None:
    assert all(match.lower() != word for _, match in _findings(sentence))


def test_well_known_acronyms_need_no_expansion() -> None:
    text = ("Free HIV tests are available and AIDS is now rare. LSD can cause panic. "
            "Ofsted (OFSTED) inspects schools. UNICEF and HM Treasury agreed. "
            "Write to PO Box 42, or ask HR.\n\nThe STP and the ACS will meet.")
    undefined = {m for rule, m in _findings(text) if rule == "acronym-undefined"}
    assert undefined == {"STP", "ACS"}


def test_system_jargon_is_left_alone_for_clinicians() -> None:
    text = ("Clinical bulletin for GPs and practice pharmacists\n\n"
            "Patients discharged from secondary care need a medicines review in primary care.")
    public = "You will need a medicines review in primary care after you leave hospital."
    assert not [m for r, m in _findings(text) if r == "system-jargon"]
    assert ("system-jargon", "primary care") in _findings(public)
