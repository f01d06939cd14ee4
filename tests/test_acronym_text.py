"""Tests for plainlsc.acronym: acronym uses and definitions in plain text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plainlsc.acronym import (
    AcronymDefinition,
    AcronymUse,
    find_acronym_uses,
    find_definitions,
)


def pairs(text: str) -> list[tuple[str, str]]:
    """(short, long) of every definition found in ``text``."""
    return [(d.short, d.long) for d in find_definitions(text)]


def shorts(text: str) -> list[str]:
    """The normalised short form of every acronym use in ``text``."""
    return [u.short for u in find_acronym_uses(text)]


def assert_spans_consistent(text: str, d: AcronymDefinition) -> None:
    """A definition's spans point at what it reports."""
    assert text[d.long_start:d.long_end] == d.long
    assert text[d.short_start:d.short_end] == d.short
    assert d.start == min(d.short_start, d.long_start)
    assert d.end == max(d.short_end, d.long_end)


# ---------------------------------------------------------------------------------------------
# Definitions that must be found
# ---------------------------------------------------------------------------------------------

FOUND = [
    # long form (SF)
    ("Sustainability and Transformation Partnership (STP) plans were published.",
     "STP", "Sustainability and Transformation Partnership"),
    ("The Sustainability and Transformation Partnerships (STPs) were replaced.",
     "STPs", "Sustainability and Transformation Partnerships"),
    ("Clinical Commissioning Groups (CCGs) closed in 2022.",
     "CCGs", "Clinical Commissioning Groups"),
    # SF (long form)
    ("Each STP (Sustainability and Transformation Partnership) was led locally.",
     "STP", "Sustainability and Transformation Partnership"),
    ("Your GP (general practitioner) can refer you.", "GP", "general practitioner"),
    ("GPs (general practitioners) can help.", "GPs", "general practitioners"),
    ("NICE (the National Institute for Health and Care Excellence) agrees.",
     "NICE", "National Institute for Health and Care Excellence"),
    ("An ECG (electrocardiogram) records your heart.", "ECG", "electrocardiogram"),
    ("Have the MMR (measles, mumps and rubella) vaccine.", "MMR", "measles, mumps and rubella"),
    ("ICB (or integrated care board) plans services.", "ICB", "integrated care board"),
    # cues: or, known as, quotes
    ("Talk to the clinical commissioning group, or CCG, about funding.",
     "CCG", "clinical commissioning group"),
    ("The clinical commissioning group (or CCG) pays for care.",
     "CCG", "clinical commissioning group"),
    ('The clinical commissioning group ("CCG") pays for care.',
     "CCG", "clinical commissioning group"),
    ("The clinical commissioning group (\u201cCCG\u201d) pays for care.",
     "CCG", "clinical commissioning group"),
    ("Funding comes from the clinical commissioning group, known as the CCG.",
     "CCG", "clinical commissioning group"),
    ("Funding comes from the clinical commissioning group (known as CCG).",
     "CCG", "clinical commissioning group"),
    ("The clinical commissioning group (the CCG) pays.", "CCG", "clinical commissioning group"),
    ("The Data Security and Protection Toolkit, hereafter DSPT, is yearly.",
     "DSPT", "Data Security and Protection Toolkit"),
    ("CCG stands for clinical commissioning group.", "CCG", "clinical commissioning group"),
    # letters inside words, & for "and", digits, mixed case
    ("People with chronic obstructive pulmonary disease (COPD) need a flu jab.",
     "COPD", "chronic obstructive pulmonary disease"),
    ("The joint strategic needs assessment (JSNA) describes local needs.",
     "JSNA", "joint strategic needs assessment"),
    ("Referrals go to child and adolescent mental health services (CAMHS).",
     "CAMHS", "child and adolescent mental health services"),
    ("Go to Accident and Emergency (A&E) if it is serious.", "A&E", "Accident and Emergency"),
    ("Go to Accident & Emergency (A&E) if it is serious.", "A&E", "Accident & Emergency"),
    ("Vaccines protect against coronavirus disease 2019 (COVID-19).",
     "COVID-19", "coronavirus disease 2019"),
    ("Some vaccines use messenger RNA (mRNA).", "mRNA", "messenger RNA"),
    ("Your glycated haemoglobin (HbA1c) shows average blood sugar.",
     "HbA1c", "glycated haemoglobin"),
    ("Your haemoglobin A1c (HbA1c) shows average blood sugar.", "HbA1c", "haemoglobin A1c"),
    ("Drugs that block interleukin 2 (IL-2) are used after transplants.",
     "IL-2", "interleukin 2"),
    ("Your estimated glomerular filtration rate (eGFR) is normal.",
     "eGFR", "estimated glomerular filtration rate"),
    ("Apply under the Deprivation of Liberty Safeguards (DoLS) rules.",
     "DoLS", "Deprivation of Liberty Safeguards"),
    ("Read the Department for Transport (DfT) guidance.", "DfT", "Department for Transport"),
    ("Low haemoglobin (Hb) can make you tired.", "Hb", "haemoglobin"),
    ("Take non-steroidal anti-inflammatory drugs (NSAIDs) with food.",
     "NSAIDs", "non-steroidal anti-inflammatory drugs"),
    ("NHS England (NHSE) sets the rules.", "NHSE", "NHS England"),
    # Schwartz and Hearst's shortest start is too short; a longer one uses more word starts
    ("Staff wear personal protective equipment (PPE) on the ward.",
     "PPE", "personal protective equipment"),
    ("The measles, mumps and rubella (MMR) vaccine is free.", "MMR", "measles, mumps and rubella"),
    ("The National Institute for Health and Care Excellence (NICE) says so.",
     "NICE", "National Institute for Health and Care Excellence"),
    # a long form broken over two lines, as in hard-wrapped text
    ("the Sustainability and Transformation\nPartnership (STP) met.",
     "STP", "Sustainability and Transformation\nPartnership"),
]


@pytest.mark.parametrize(("text", "short", "long"), FOUND)
def test_definition_is_found_with_exact_spans(text: str, short: str, long: str) -> None:
    found = find_definitions(text)
    assert [(d.short, d.long) for d in found] == [(short, long)]
    assert_spans_consistent(text, found[0])


def test_spans_of_long_form_first_definition() -> None:
    text = "The Sustainability and Transformation Partnerships (STPs) were replaced."
    (d,) = find_definitions(text)
    assert text[d.long_start:d.long_end] == "Sustainability and Transformation Partnerships"
    assert text[d.short_start:d.short_end] == "STPs"
    assert (d.start, d.end) == (4, 56)


def test_spans_of_short_form_first_definition() -> None:
    text = "Each STP (Sustainability and Transformation Partnership) was led locally."
    (d,) = find_definitions(text)
    assert text[d.short_start:d.short_end] == "STP"
    assert text[d.long_start:d.long_end] == "Sustainability and Transformation Partnership"
    assert (d.start, d.end) == (5, 55)


def test_spans_of_quoted_short_form() -> None:
    text = 'The clinical commissioning group ("CCG") pays for care.'
    (d,) = find_definitions(text)
    assert text[d.short_start:d.short_end] == "CCG"
    assert text[d.long_start:d.long_end] == "clinical commissioning group"


GLOSSARY = [
    ("CCG - clinical commissioning group", "CCG", "clinical commissioning group"),
    ("CCG \u2013 clinical commissioning group", "CCG", "clinical commissioning group"),
    ("CCG \u2014 clinical commissioning group", "CCG", "clinical commissioning group"),
    ("CCG: clinical commissioning group", "CCG", "clinical commissioning group"),
    ("- CCG: clinical commissioning group", "CCG", "clinical commissioning group"),
    ("* CCG \u2013 clinical commissioning group", "CCG", "clinical commissioning group"),
    ("\u2022 CCG - clinical commissioning group", "CCG", "clinical commissioning group"),
    ("3. CCG: clinical commissioning group", "CCG", "clinical commissioning group"),
    ("**CCG** \u2013 clinical commissioning group", "CCG", "clinical commissioning group"),
    ("| CCG | clinical commissioning group |", "CCG", "clinical commissioning group"),
    ("CCG\tclinical commissioning group", "CCG", "clinical commissioning group"),
    ("EHCP: education, health and care plan", "EHCP", "education, health and care plan"),
    # the description after the long form is not part of it
    ("PCN: primary care network, the practices in an area", "PCN", "primary care network"),
    ("CCG - clinical commissioning group. These were replaced in 2022.",
     "CCG", "clinical commissioning group"),
    ("GP \u2013 general practitioner (your family doctor)", "GP", "general practitioner"),
]


@pytest.mark.parametrize(("text", "short", "long"), GLOSSARY)
def test_glossary_line(text: str, short: str, long: str) -> None:
    found = find_definitions(text)
    assert [(d.short, d.long) for d in found] == [(short, long)]
    assert_spans_consistent(text, found[0])


def test_glossary_block_gives_one_definition_per_line_in_order() -> None:
    text = ("Glossary\n"
            "A&E \u2013 accident and emergency\n"
            "ICB - integrated care board\n"
            "PCN: primary care network\n")
    assert pairs(text) == [
        ("A&E", "accident and emergency"),
        ("ICB", "integrated care board"),
        ("PCN", "primary care network"),
    ]


def test_glossary_separator_must_sit_at_line_start() -> None:
    # "SF - long" in the middle of a sentence is not a glossary entry.
    assert pairs("We met the CCG - clinical commissioning group staff were there.") == []


def test_two_definitions_in_one_sentence_in_text_order() -> None:
    text = ("Children with special educational needs and disabilities (SEND) can get an "
            "education, health and care plan (EHCP).")
    found = find_definitions(text)
    assert [(d.short, d.long) for d in found] == [
        ("SEND", "special educational needs and disabilities"),
        ("EHCP", "education, health and care plan"),
    ]
    assert found[0].end <= found[1].start


def test_a_short_form_defined_twice_is_reported_twice() -> None:
    text = ("The primary care network (PCN) met. Later the primary care network (PCN) "
            "met again.\nPCN - primary care network")
    found = find_definitions(text)
    assert [d.short for d in found] == ["PCN", "PCN", "PCN"]
    assert len({d.short_start for d in found}) == 3


def test_definitions_are_found_across_a_document() -> None:
    text = ("# Our services\n\n"
            "The minor injuries unit (MIU) is open daily.\n\n"
            "- UTC: urgent treatment centre\n"
            "If the MIU is closed, contact NHS 111.\n")
    assert pairs(text) == [("MIU", "minor injuries unit"), ("UTC", "urgent treatment centre")]


# ---------------------------------------------------------------------------------------------
# Near-misses that must not be definitions
# ---------------------------------------------------------------------------------------------

NOT_DEFINITIONS = [
    "the partnership (which began in 2016) covers five boroughs.",
    "More details are in the appendix (see below).",
    "The findings were published by the King's Fund (2017).",
    "Full details are in the annual report (page 4).",
    "Bring a photo of yourself (optional) to your appointment.",
    "Many health professionals (for example, GPs and pharmacists) give the vaccine.",
    "Speak to a health professional in the NHS (for example, a GP).",
    "Some medicines (e.g. ibuprofen) should be taken with food.",
    "Some medicines (e.g. NSAIDs) should be taken with food.",
    "The CCG (Clinical commissioning groups were abolished in 2022.) is gone.",
    "NHS England (This was set up in 2013.) leads the NHS.",
    "Download the annual report (PDF, 2MB) from our website.",
    "Download the public data file (PDF, 2MB) from our website.",
    "Follow us on social media (Twitter) for updates.",
    "You must (a) register, (b) bring your NHS number and (i) show proof of address.",
    "Read the leaflet (leaflet) first.",
    "Bring a list of medicines (medicines) to the clinic.",
    # letters that cannot be matched in the words before
    "Speak to your doctor (CCG) today.",
    "There was a conflict of interest in commissioning (CCG) decisions.",
    "Visit your general practice surgery (GPs) first.",
    "Our chief executive (CEO) spoke.",
    # the bracket is an aside after an acronym in use
    "The CCG (now part of the ICB) still pays for the service.",
    "Go to A&E (not the walk-in centre) if you have chest pain.",
    "The ICB (see section 3) has agreed the budget.",
    "It was agreed by the board (ICB) in March.",
    "Cases of measles (MMR vaccine is the best protection) are rising.",
    "Contact PALS on 0800 123 456 (PALS is open on weekdays).",
    # "or" needs a comma, and the short form must end the clause
    "Call your GP or NHS 111 if you are worried.",
    "Ask your general practice, or GP practice staff, for help.",
    # not short forms: a title-case word, an identifier, a code call
    "This agreement is with Lancashire County Council (the \"Council\").",
    "We use the TypeVar (TypeVar) helper.",
    "Call DRS(drs1.refs + drs2.refs) in the code.",
    "TODO: This code does not work.",
    # a citation whose author is an acronym that the words before do not spell
    "Smoking rates fell last year (ONS, 2023).",
]


@pytest.mark.parametrize("text", NOT_DEFINITIONS)
def test_near_miss_is_not_a_definition(text: str) -> None:
    assert pairs(text) == []


def test_a_long_form_does_not_reach_back_past_a_sentence_end() -> None:
    assert pairs("Patients need care. Transformation plans (STP) are due.") == []


def test_one_unused_word_is_allowed_only_with_three_word_starts() -> None:
    # "community" (or "care") takes no letter, but P, C and N all begin words: accepted.
    assert pairs("The primary and community care network (PCN) met.") == [
        ("PCN", "primary and community care network")]
    # "health" takes no letter and only P and N begin words: refused.
    assert pairs("The primary health network (PN) met.") == []


def test_plural_short_form_s_is_never_matched_as_a_letter() -> None:
    assert pairs("Visit your general practice surgery (GPs) first.") == []
    assert pairs("Ask general practitioners (GPs) first.") == [("GPs", "general practitioners")]


# ---------------------------------------------------------------------------------------------
# Uses
# ---------------------------------------------------------------------------------------------

def test_uses_basic_tokens_and_offsets() -> None:
    text = ("The STP met the CCGs, A&E staff and the COVID-19 team; the NHS, a GP, "
            "the ICB and CAMHS also came, as did a Q&A panel.")
    uses = find_acronym_uses(text)
    assert [u.text for u in uses] == [
        "STP", "CCGs", "A&E", "COVID-19", "NHS", "GP", "ICB", "CAMHS", "Q&A"]
    for use in uses:
        assert text[use.start:use.end] == use.text


def test_use_plurals_are_normalised() -> None:
    uses = find_acronym_uses("Two STPs and three CCGs met with all the GPs and the ICB.")
    assert [(u.short, u.text, u.plural) for u in uses] == [
        ("STP", "STPs", True), ("CCG", "CCGs", True), ("GP", "GPs", True),
        ("ICB", "ICB", False)]


def test_use_possessive_is_one_token_and_not_plural() -> None:
    uses = find_acronym_uses("The NHS's budget and your GP\u2019s advice.")
    assert [(u.short, u.text, u.plural) for u in uses] == [
        ("NHS", "NHS's", False), ("GP", "GP\u2019s", False)]


def test_capital_s_is_part_of_the_acronym_not_a_plural() -> None:
    (use,) = find_acronym_uses("Your child can be referred to CAMHS by a teacher.")
    assert (use.short, use.plural) == ("CAMHS", False)


def test_mixed_case_and_non_acronyms_are_not_uses() -> None:
    text = ("Your HbA1c and mRNA results, as Dr Patel said, are OK. I think a 24/7 line, "
            "vitamin B12 and an iPhone app help. A plan is ready.")
    assert shorts(text) == []


def test_hyphenated_and_decimal_tokens() -> None:
    text = "NHS-funded care for non-NHS patients; PM2.5 levels and COVID-19 rates in the area."
    assert [u.text for u in find_acronym_uses(text)] == ["NHS", "NHS", "PM2.5", "COVID-19"]


@pytest.mark.parametrize("text", [
    "Visit https://www.nhs.uk/CCG/STP for more information about this service.",
    "Visit www.NHS.uk for more information about this service today.",
    "Visit nhs.uk/GP or gov.uk/DWP for more information about this service.",
    "Visit NHS.UK for more information about this service today.",
    "Email GP.Team@nhs.net for more information about this service.",
    "Follow @NHSEngland for more information about this service today.",
    "Use the tag #NHS75 or #COVID19 when you post about this service.",
    "Open REPORT.PDF or data.CSV for more information about this service.",
    "Set MAX_RETRY_COUNT or the SNAKE_CASE value in the config file.",
    "Write to us at PR2 8DY, SW1A 1AA or M1 1AE about this service.",
    "Write to us at EC1A1BB about this service.",
    "Please fill in [INSERT NAME] and [DATE OF EVENT] before you send the letter.",
    "Run `NHS_MODE` in a terminal or set {CCG} in the template.",
])
def test_uses_excluded_in_addresses_code_and_postcodes(text: str) -> None:
    assert shorts(text) == []


def test_acronyms_next_to_excluded_tokens_are_still_found() -> None:
    text = "Ask your GP or visit https://www.nhs.uk/CCG and email team@nhs.net about the ICB."
    assert shorts(text) == ["GP", "ICB"]


def test_postcode_exclusion_does_not_hide_other_acronyms() -> None:
    text = "The ICB office at PR2 8DY is near the GP surgery."
    assert shorts(text) == ["ICB", "GP"]


@pytest.mark.parametrize("text", [
    "Patients in Category II are seen first by the team.",
    "The vaccine is now in Phase III trials with many people.",
    "The building dates from the reign of Henry VIII and was restored.",
    "Details are set out in part IV of the guidance for staff.",
    "People with Type II diabetes can join the group each week.",
    "Results for Phases I, II and III were published by the team.",
    "Results for stages II or III were published by the team.",
    "Patients in category IV, tier II or band III are seen by the team.",
    "Queen Elizabeth II opened the hospital and the new wing.",
    "After World War II the NHS was founded.",
])
def test_roman_numerals_used_as_numbers_are_not_uses(text: str) -> None:
    assert [s for s in shorts(text) if set(s) <= set("IVXLCDM")] == []


def test_roman_numeral_rule_keeps_real_acronyms() -> None:
    text = ("Give IV fluids if needed. The nurse will start IV antibiotics, check your CV "
            "and send the MD a note.")
    assert shorts(text) == ["IV", "IV", "CV", "MD"]
    # "IV" after a name-like capitalised word that does not open a sentence is a numeral.
    assert shorts("The team read about Pope Clement IV in the archive with the staff.") == []


def test_after_world_war_the_other_acronyms_remain() -> None:
    assert shorts("After World War II the NHS was founded.") == ["NHS"]


def test_shouting_line_is_skipped_but_other_lines_are_not() -> None:
    text = "THIS IS A VERY IMPORTANT NOTICE ABOUT THE NHS\nbut this line mentions the NHS once"
    uses = find_acronym_uses(text)
    assert [u.short for u in uses] == ["NHS"]
    assert uses[0].start == text.rindex("NHS")


def test_shouting_needs_three_capital_words() -> None:
    # Two capital words out of three is not shouting; three out of five (60%) is.
    assert shorts("NHS and GP") == ["NHS", "GP"]
    assert shorts("NHS and GP and ICB") == []


def test_offsets_are_into_the_whole_text_across_lines() -> None:
    text = "first line\nsecond line with the ICB\r\nthird has the GP"
    uses = find_acronym_uses(text)
    assert [text[u.start:u.end] for u in uses] == ["ICB", "GP"]


def test_use_dataclass_is_frozen() -> None:
    use = AcronymUse("NHS", "NHS", 0, 3, False)
    with pytest.raises(AttributeError):
        use.short = "GP"  # type: ignore[misc]


# ---------------------------------------------------------------------------------------------
# Long and awkward input
# ---------------------------------------------------------------------------------------------

def test_long_single_line_finishes_with_correct_results() -> None:
    words = ["the", "patient", "saw", "their", "GP", "and", "the", "NHS", "team", "today"]
    text = " ".join(words[i % len(words)] for i in range(20_000))
    uses = find_acronym_uses(text)
    assert len(uses) == 4_000
    assert {u.short for u in uses} == {"GP", "NHS"}
    line = text + " in the clinical commissioning group (CCG) area."
    assert pairs(line) == [("CCG", "clinical commissioning group")]


def test_bracket_heavy_input_finishes() -> None:
    nested = "(" * 50_000 + "CCG" + ")" * 50_000
    assert find_definitions(nested) == []
    assert [u.short for u in find_acronym_uses(nested)] == ["CCG"]
    many = "clinical commissioning group (CCG) (see below) (a) (PDF, 2MB) " * 2_000
    found = find_definitions(many)
    assert len(found) == 2_000
    assert {(d.short, d.long) for d in found} == {("CCG", "clinical commissioning group")}


def test_pathological_repetition_finishes_with_correct_results() -> None:
    repeated = ("a " * 40 + "(AAAAAAAAAA) ") * 200
    found = find_definitions(repeated)
    assert len(found) == 200
    assert {d.long for d in found} == {" ".join("a" * 10)}
    runs = "." * 20_000 + " " * 20_000 + "x" * 50_000 + " the NHS " + "NHS-" * 5_000
    assert find_definitions(runs) == []
    assert find_acronym_uses(runs) == []  # 5,001 capital words on one line: shouting
    assert shorts("y" * 50_000 + " ask the NHS " + "z" * 50_000) == ["NHS"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(
    "ACGIPSVXaceghinopst0129 \n\t()[]&-.,:;'\"@#/_|*\u2013\u00e9\u0130\u00df\u0645"
)), max_size=200))
def test_never_raises_and_spans_hold_on_awkward_text(text: str) -> None:
    for use in find_acronym_uses(text):
        assert text[use.start:use.end] == use.text
        assert use.text.startswith(use.short)
    for d in find_definitions(text):
        assert_spans_consistent(text, d)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_on_any_unicode(text: str) -> None:
    find_acronym_uses(text)
    find_definitions(text)
