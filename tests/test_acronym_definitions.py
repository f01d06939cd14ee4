"""Acronym definitions the writer spells out: mixed-case and plural short forms, letters from
inside words, short form first, numbers and hyphens; and brackets that only look like
definitions. End to end, a found definition must stop every later use being flagged as
undefined, and a bracket that is not a definition must not."""

from __future__ import annotations

import pytest
from helpers import line_col

from plainlsc.acronym import find_definitions
from plainlsc.pipeline import check_text


def pairs(text: str) -> list[tuple[str, str]]:
    return [(d.short, d.long) for d in find_definitions(text)]


def undefined(text: str) -> list[tuple[int, int, str]]:
    report = check_text(text)
    return [(f.line, f.column, f.match) for f in report.findings
            if f.rule == "acronym-undefined"]


FOUND = [
    # the short form as written, plural and all
    ("Automated external defibrillators (AEDs) are fitted in every library.",
     "AEDs", "Automated external defibrillators"),
    ("Health visitors work with integrated care boards (ICBs) across the region.",
     "ICBs", "integrated care boards"),
    # mixed-case short forms; words that give no letter ("for", "of") are skipped
    ("The Department for Education (DfE) has confirmed the funding.",
     "DfE", "Department for Education"),
    ("The Court of Protection (CoP) decides for people who lack capacity.",
     "CoP", "Court of Protection"),
    ("Hepatitis B virus X protein (HBx) binds several host proteins.",
     "HBx", "Hepatitis B virus X protein"),
    ("Dipeptidyl peptidase (Dpp) activity was measured in serum.",
     "Dpp", "Dipeptidyl peptidase"),
    # short forms written like a word, against a long form written like a name
    ("The Department for Environment, Food and Rural Affairs (Defra) leads on floods.",
     "Defra", "Department for Environment, Food and Rural Affairs"),
    ("The Office of Gas and Electricity Markets (Ofgem) sets the price cap.",
     "Ofgem", "Office of Gas and Electricity Markets"),
    # letters from inside words, at syllable starts
    ("Neurons of the arcuate nucleus (ARC) project to the hypothalamus.",
     "ARC", "arcuate nucleus"),
    ("Serum alanine aminotransferase (ALT) was raised in four patients.",
     "ALT", "alanine aminotransferase"),
    ("The patient had taken lysergic acid diethylamide (LSD) at a festival.",
     "LSD", "lysergic acid diethylamide"),
    ("An electrocardiogram (ECG) records the heart's rhythm.", "ECG", "electrocardiogram"),
    # a last word that gives no letter
    ("The Royal National Institute of Blind People (RNIB) made a braille copy.",
     "RNIB", "Royal National Institute of Blind People"),
    # short form first
    ("The DfE (Department for Education) has changed the rules on holidays.",
     "DfE", "Department for Education"),
    ("ICBs (integrated care boards) replaced clinical commissioning groups.",
     "ICBs", "integrated care boards"),
    # digits, hyphens and Greek letters
    ("Many people with type 2 diabetes (T2D) manage it through diet.", "T2D", "type 2 diabetes"),
    ("Each patient completed the Patient Health Questionnaire (PHQ-9) at the first visit.",
     "PHQ-9", "Patient Health Questionnaire"),
    ("Mice lacking tumour necrosis factor alpha (TNF-alpha) survived the infection.",
     "TNF-alpha", "tumour necrosis factor alpha"),
    ("The odds ratio (OR) for smoking was 2.1.", "OR", "odds ratio"),
    # the year of an Act is not part of what the letters stand for
    ("Staff must follow the Mental Capacity Act 2005 (MCA) when they assess capacity.",
     "MCA", "Mental Capacity Act"),
    # lists of examples end at the bracket's first part only when the rest is not a list
    ("Encryption uses the Data Encryption Standard (DES, FIPS 46-3) for every message.",
     "DES", "Data Encryption Standard"),
    # a citation that also spells its author out
    ("These figures come from the Office for National Statistics (ONS, 2023).",
     "ONS", "Office for National Statistics"),
]


@pytest.mark.parametrize(("text", "short", "long"), FOUND)
def test_definition_found_as_written(text: str, short: str, long: str) -> None:
    found = find_definitions(text)
    assert [(d.short, d.long) for d in found] == [(short, long)]
    (d,) = found
    assert text[d.short_start:d.short_end] == d.short
    assert text[d.long_start:d.long_end] == d.long


def test_plural_short_form_keeps_a_singular_key_for_later_uses() -> None:
    (d,) = find_definitions("Urgent treatment centres (UTCs) are open every day.")
    assert (d.short, d.key) == ("UTCs", "UTC")
    (d,) = find_definitions("The Department for Education (DfE) said so.")
    assert (d.short, d.key) == ("DfE", "DfE")


NOT_DEFINITIONS = [
    "Ask at reception if you would like a copy of your care plan (see page 4).",
    "The survey of local residents closed last spring (2019).",
    "Our offices are closed on bank holidays (NHS).",
    "Results are published every quarter (optional).",
    "Please reply by 14 June (RSVP).",
    # a bracketed list of examples, though its first item fits the words before it
    "The booking system works with any secure messaging standard (SMS, MMS, etc.).",
    # a word-like short form needs a long form written like a name, with a capital
    "Tell us about your needs or timing errors (Note) when you call.",
    # a label at the start of a line is not a glossary entry
    "Note: the name of the clinic has changed.",
    # a citation names its author: no looser reading of the words before it
    "Rates were lower for people who are obese or have high income in deprived groups "
    "(OHID, 2024).",
    # code, not prose
    "Make sure every script uses $(MAKE) rather than make.",
    # one letter from inside each of several words is chance
    "The new portal is transport protocol independent (TCP) by design.",
    # a head noun in capitals is another acronym, not part of the long form
    "The fault was in the 64-bit ARM (AArch64) code.",
]


@pytest.mark.parametrize("text", NOT_DEFINITIONS)
def test_brackets_that_are_not_definitions(text: str) -> None:
    assert pairs(text) == []


# --------------------------------------------------------------------------------------------
# End to end: later uses of a defined acronym are not flagged as undefined
# --------------------------------------------------------------------------------------------

LEAFLET = """Defibrillators in Northmoor

Automated external defibrillators (AEDs) are now fitted in every library and leisure
centre in the borough.

Anyone can use an AED. You do not need training: the AED talks you through each step.
Find your nearest AED on the map at the back of this leaflet.
"""

RESULTS_LETTER = """Dear Mr Okafor,

Your blood test showed that your alanine aminotransferase (ALT) was a little high. A
raised ALT can be caused by some medicines or by alcohol. We will check your ALT again
in three months.

You also completed the Patient Health Questionnaire (PHQ-9). Your PHQ-9 score was 6,
which is in the mild range.

Yours sincerely,

Dr Amara Shah
"""

BOARD_PAPER = """Integrated care boards (ICBs) took over from clinical commissioning groups in
July. Each ICB now plans and pays for most NHS services in its area.

The Royal National Institute of Blind People (RNIB) reviewed our letters. The RNIB
suggested larger print and shorter lines.
"""


def test_leaflet_plural_definition_covers_later_singular_uses() -> None:
    assert undefined(LEAFLET) == []
    entry = next(a for a in check_text(LEAFLET).acronyms if a.short == "AED")
    assert entry.long == "Automated external defibrillators"
    assert entry.count == 3


def test_inside_word_and_numbered_definitions_cover_later_uses() -> None:
    assert undefined(RESULTS_LETTER) == []
    entries = {a.short: a for a in check_text(RESULTS_LETTER).acronyms}
    assert entries["ALT"].long == "alanine aminotransferase"
    assert entries["PHQ-9"].long == "Patient Health Questionnaire"


def test_board_paper_plural_and_head_noun_definitions() -> None:
    assert undefined(BOARD_PAPER) == []


def test_bracket_that_is_not_a_definition_leaves_later_uses_flagged() -> None:
    text = ("Results for the whole county are published every quarter (JSNA).\n\n"
            "The JSNA shows high rates of smoking in the east of the county.\n")
    assert undefined(text) == [(*line_col(text, "JSNA"), "JSNA")]


def test_list_of_examples_does_not_define_its_first_item() -> None:
    text = ("The booking system works with any secure messaging standard (SMS, MMS, etc.).\n\n"
            "We send an SMS reminder two days before.\n")
    flagged = {m for _, _, m in undefined(text)}
    assert "SMS" in flagged
