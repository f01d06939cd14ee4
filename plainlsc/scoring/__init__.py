"""Readability scoring: syllables, word counts and the formulas, as pure functions of counts.

Importing this package is cheap: the CMU dictionary and the Dale-Chall word list load on first
use, once per process. Nothing here reads the network, and textstat/NLTK are never imported.

Typical use, with the words of each prose sentence from the document model::

    acc = CountAccumulator()
    for words in sentences:
        acc.add_sentence(words)
    scores = compute_scores(acc.result(), acc.hard_words())
"""

from __future__ import annotations

from plainlsc.scoring.counts import CountAccumulator, TextCounts, is_complex_word
from plainlsc.scoring.easy_words import EasyWordsUnavailable, easy_words, is_difficult_word
from plainlsc.scoring.formulas import (
    SCORE_KEYS,
    SMOG_MIN_SENTENCES,
    Scores,
    automated_readability_index,
    avg_sentence_length,
    coleman_liau_index,
    compute_scores,
    dale_chall,
    flesch_kincaid_grade,
    flesch_reading_ease,
    gunning_fog,
    reading_age,
    score_sentences,
    smog_index,
)
from plainlsc.scoring.syllables import (
    cmu_syllables,
    estimate_syllables,
    number_syllables,
    syllables,
)

__all__ = [
    "SCORE_KEYS",
    "SMOG_MIN_SENTENCES",
    "CountAccumulator",
    "EasyWordsUnavailable",
    "Scores",
    "TextCounts",
    "automated_readability_index",
    "avg_sentence_length",
    "cmu_syllables",
    "coleman_liau_index",
    "compute_scores",
    "dale_chall",
    "easy_words",
    "estimate_syllables",
    "flesch_kincaid_grade",
    "flesch_reading_ease",
    "gunning_fog",
    "is_complex_word",
    "is_difficult_word",
    "number_syllables",
    "reading_age",
    "score_sentences",
    "smog_index",
    "syllables",
]
