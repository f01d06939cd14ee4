"""Each prose sentence's difficulty, graded once by the pipeline.

The HTML report's "hardest sentences" and its shading, and anything else that ranks sentences,
read these grades from the :class:`~plainlsc.findings.FileReport`; no output grades or
segments a document again, so every face agrees with ``check`` about every sentence.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass

from plainlsc.model import Document
from plainlsc.scoring.measure import sentence_grade

#: Shorter sentences are not ranked: a 3-word heading can have a silly grade.
MIN_RANKED_WORDS = 4
HARDEST = 10


@dataclass(frozen=True, slots=True)
class SentenceScore:
    """A prose sentence, its source span and line, and its Flesch-Kincaid grade."""

    text: str
    start: int
    end: int
    line: int
    words: int
    grade: float

    @property
    def reading_age(self) -> int:
        """The grade as a UK reading age (grade + 5, never below 5)."""
        return max(5, round(self.grade + 5))


def grade_sentences(doc: Document) -> list[SentenceScore]:
    """Every prose sentence of a segmented ``doc`` with words, in document order.

    A Word table's cells are blocks of their own, so a cell is never merged with its
    neighbours into one long "sentence".
    """
    out: list[SentenceScore] = []
    for block in doc.prose_blocks():
        for sentence in block.sentences:
            if not sentence.texts:
                continue
            start, end = block.source_span(sentence.start, sentence.end)
            out.append(SentenceScore(" ".join(sentence.text.split()), start, end,
                                     doc.lines.position(start)[0], len(sentence.texts),
                                     sentence_grade(sentence.texts)))
    return out


def hardest(sentences: Iterable[SentenceScore], limit: int = HARDEST,
            min_words: int = MIN_RANKED_WORDS) -> list[SentenceScore]:
    """The ``limit`` hardest sentences of at least ``min_words`` words, hardest first."""
    ranked = (s for s in sentences if s.words >= min_words)
    return heapq.nsmallest(limit, ranked, key=lambda s: (-s.grade, s.start))
