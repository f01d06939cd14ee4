"""The readability formulas, as pure functions of :class:`TextCounts`.

Each function returns a float rounded to 2 decimals (stable JSON; round again to show it) and
0.0 when there are no words or no sentences, never a ZeroDivisionError. Notation:
W words, S sentences, Y syllables, P polysyllabic words (3+ syllables), C complex words,
L letters and digits, D difficult (unfamiliar) words.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

from plainlsc.scoring.counts import CountAccumulator, TextCounts

__all__ = [
    "SCORE_KEYS",
    "SMOG_MIN_SENTENCES",
    "Scores",
    "automated_readability_index",
    "avg_sentence_length",
    "coleman_liau_index",
    "compute_scores",
    "dale_chall",
    "flesch_kincaid_grade",
    "flesch_reading_ease",
    "gunning_fog",
    "reading_age",
    "score_sentences",
    "smog_index",
]

SMOG_MIN_SENTENCES = 30
"""SMOG was calibrated on samples of 30 sentences; below that it is less reliable."""

_MIN_READING_AGE = 5.0


def _empty(counts: TextCounts) -> bool:
    """No words or no sentences: every score is 0.0."""
    return counts.words <= 0 or counts.sentences <= 0


def _round(value: float) -> float:
    """Two decimals, so JSON output is stable across platforms."""
    return round(value, 2)


def avg_sentence_length(counts: TextCounts) -> float:
    """Average sentence length in words, W / S."""
    return 0.0 if _empty(counts) else _round(counts.words / counts.sentences)


def flesch_reading_ease(counts: TextCounts) -> float:
    """Flesch Reading Ease: 206.835 - 1.015 (W/S) - 84.6 (Y/W).

    Source: Flesch, R. (1948), "A new readability yardstick", Journal of Applied Psychology
    32(3). Higher is easier; 60-70 is plain English. Not clamped to 0-100.
    """
    if _empty(counts):
        return 0.0
    return _round(
        206.835 - 1.015 * counts.words / counts.sentences - 84.6 * counts.syllables / counts.words
    )


def flesch_kincaid_grade(counts: TextCounts) -> float:
    """Flesch-Kincaid Grade Level: 0.39 (W/S) + 11.8 (Y/W) - 15.59.

    Source: Kincaid, J. P., Fishburne, R. P., Rogers, R. L. and Chissom, B. S. (1975),
    "Derivation of new readability formulas ... for Navy enlisted personnel", Research Branch
    Report 8-75. A US school grade.
    """
    return 0.0 if _empty(counts) else _round(_fk_grade(counts))


def _fk_grade(counts: TextCounts) -> float:
    """Flesch-Kincaid grade, unrounded (non-empty counts only)."""
    return 0.39 * counts.words / counts.sentences + 11.8 * counts.syllables / counts.words - 15.59


def smog_index(counts: TextCounts) -> float:
    """SMOG grade: 1.0430 sqrt(P * 30 / S) + 3.1291.

    Source: McLaughlin, G. H. (1969), "SMOG grading: a new readability formula", Journal of
    Reading 12(8). Designed for samples of 30 sentences (see ``Scores.smog_reliable``).
    """
    return 0.0 if _empty(counts) else _round(_smog_grade(counts))


def _smog_grade(counts: TextCounts) -> float:
    """SMOG grade, unrounded (non-empty counts only)."""
    return 1.0430 * math.sqrt(counts.polysyllabic_words * 30 / counts.sentences) + 3.1291


def gunning_fog(counts: TextCounts) -> float:
    """Gunning fog index: 0.4 [(W/S) + 100 (C/W)].

    Source: Gunning, R. (1952), "The Technique of Clear Writing", McGraw-Hill. C counts
    3+ syllable words except proper nouns, easy compounds and -es/-ed/-ing forms.
    """
    if _empty(counts):
        return 0.0
    return _round(
        0.4 * (counts.words / counts.sentences + 100 * counts.complex_words / counts.words)
    )


def coleman_liau_index(counts: TextCounts) -> float:
    """Coleman-Liau index: 0.0588 L' - 0.296 S' - 15.8.

    L' = letters per 100 words (100 L/W), S' = sentences per 100 words (100 S/W).
    Source: Coleman, M. and Liau, T. L. (1975), "A computer readability formula designed for
    machine scoring", Journal of Applied Psychology 60(2).
    """
    if _empty(counts):
        return 0.0
    letters_per_100 = 100 * counts.letters / counts.words
    sentences_per_100 = 100 * counts.sentences / counts.words
    return _round(0.0588 * letters_per_100 - 0.296 * sentences_per_100 - 15.8)


def automated_readability_index(counts: TextCounts) -> float:
    """Automated Readability Index: 4.71 (L/W) + 0.5 (W/S) - 21.43.

    Source: Senter, R. J. and Smith, E. A. (1967), "Automated Readability Index", Aerospace
    Medical Research Laboratories, AMRL-TR-66-220. Characters are letters and digits.
    """
    if _empty(counts):
        return 0.0
    return _round(
        4.71 * counts.letters / counts.words + 0.5 * counts.words / counts.sentences - 21.43
    )


def dale_chall(counts: TextCounts) -> float:
    """Dale-Chall raw score: 0.1579 PDW + 0.0496 ASL, plus 3.6365 if PDW > 5.

    PDW = percentage of difficult words (100 D/W), ASL = W/S. Source: Dale, E. and Chall,
    J. S. (1948), "A formula for predicting readability", Educational Research Bulletin 27;
    the adjusted raw score as computed by textstat, with the familiar-word list of Chall and
    Dale (1995), "Readability Revisited: The New Dale-Chall Readability Formula".
    4.9 or lower: easily understood by a US 4th-grader; 9.0-9.9: by college students.
    """
    if _empty(counts):
        return 0.0
    pdw = 100 * counts.difficult_words / counts.words
    score = 0.1579 * pdw + 0.0496 * counts.words / counts.sentences
    return _round(score + 3.6365 if pdw > 5 else score)


def reading_age(counts: TextCounts) -> float:
    """Estimated UK reading age in years: a US grade + 5, never below 5.

    The grade is the SMOG grade for samples of 30 sentences or more (SMOG is what UK health
    information guidance recommends, and what it was calibrated on); for shorter texts it is
    the mean of the SMOG and Flesch-Kincaid grades, as SMOG alone is unstable on few
    sentences. Empty text gives 0.0.
    """
    if _empty(counts):
        return 0.0
    smog = _smog_grade(counts)
    short = counts.sentences < SMOG_MIN_SENTENCES
    grade = (smog + _fk_grade(counts)) / 2 if short else smog
    return _round(max(_MIN_READING_AGE, grade + 5))


@dataclass(frozen=True)
class Scores(Mapping[str, Any]):
    """Every score of one text, as attributes and as a read-only mapping.

    ``scores.smog_index``, ``scores["smog_index"]``, ``"smog_index" in scores`` and
    ``dict(scores)`` all work, as a Python user expects of a record of named figures.
    ``smog_reliable`` is False below 30 sentences (SMOG's sample size); ``hard_words`` are the
    most frequent polysyllabic words (up to 10), lower case.
    """

    flesch_reading_ease: float
    flesch_kincaid_grade: float
    smog_index: float
    gunning_fog: float
    coleman_liau_index: float
    automated_readability_index: float
    dale_chall: float
    reading_age: float
    words: int
    sentences: int
    syllables: int
    polysyllabic_words: int
    avg_sentence_length: float
    smog_reliable: bool = False
    hard_words: tuple[str, ...] = ()

    def __getitem__(self, key: str) -> Any:
        """A score by name; KeyError for anything that is not a field."""
        if not isinstance(key, str) or key not in _KEY_SET:
            raise KeyError(key)
        return getattr(self, key)

    def __iter__(self) -> Iterator[str]:
        """The field names, in JSON order."""
        return iter(SCORE_KEYS)

    def __len__(self) -> int:
        return len(SCORE_KEYS)

    def __repr__(self) -> str:
        return (f"Scores(reading_age={self.reading_age}, flesch_reading_ease="
                f"{self.flesch_reading_ease}, smog_index={self.smog_index}, "
                f"words={self.words}, sentences={self.sentences})")

    def to_dict(self) -> dict[str, Any]:
        """The JSON object: every score and count, ``smog_reliable`` and ``hard_words``."""
        out: dict[str, Any] = {key: getattr(self, key) for key in SCORE_KEYS}
        out["hard_words"] = list(self.hard_words)
        return out


SCORE_KEYS: tuple[str, ...] = tuple(f.name for f in fields(Scores))
_KEY_SET = frozenset(SCORE_KEYS)


def compute_scores(counts: TextCounts, hard_words: Sequence[str] = ()) -> Scores:
    """All the scores of ``counts``; ``hard_words`` is kept (first 10) for the report."""
    return Scores(
        flesch_reading_ease=flesch_reading_ease(counts),
        flesch_kincaid_grade=flesch_kincaid_grade(counts),
        smog_index=smog_index(counts),
        gunning_fog=gunning_fog(counts),
        coleman_liau_index=coleman_liau_index(counts),
        automated_readability_index=automated_readability_index(counts),
        dale_chall=dale_chall(counts),
        reading_age=reading_age(counts),
        words=counts.words,
        sentences=counts.sentences,
        syllables=counts.syllables,
        polysyllabic_words=counts.polysyllabic_words,
        avg_sentence_length=avg_sentence_length(counts),
        smog_reliable=counts.sentences >= SMOG_MIN_SENTENCES,
        hard_words=tuple(hard_words)[:10],
    )


def score_sentences(sentences: Iterable[Sequence[str]], hard_words: int = 10) -> Scores:
    """Convenience: scores of sentences given as lists of word tokens."""
    acc = CountAccumulator()
    for words in sentences:
        acc.add_sentence(words)
    return compute_scores(acc.result(), acc.hard_words(hard_words))
