"""Which sentences a review shades as hard or very hard, and which findings are about a whole
sentence rather than a few words (computed once here; the HTML report only draws them).

Hemingway shades sentences by difficulty. On a typical NHS partnership letter, though, most
sentences are above any sensible grade, and a page where nearly everything is shaded tells the
writer nothing. So the shading is a *budget*: the hardest sentences first, until at most
``SHARE`` of the prose is shaded. The counts (how many sentences are hard, how many of them
are shaded) are kept, so the page can say honestly what the shading leaves out.

"Hard" uses the same line as the ``hard-sentence`` rule (a Flesch-Kincaid grade above the
profile's ``hard_sentence_grade``, in sentences of 8 words or more); "very hard" is
``VERY_HARD_STEP`` grades above that. The grades are the pipeline's
(:attr:`~plainlsc.findings.FileReport.sentences`); nothing is graded again here.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from plainlsc.findings import Finding
    from plainlsc.scoring.sentences import SentenceScore

#: At most this share of the prose (in characters) is shaded, hardest sentences first.
SHARE = 0.4
#: A "very hard" sentence is this many grades above the "hard" line.
VERY_HARD_STEP = 4
#: Shorter sentences are never shaded (the hard-sentence rule's default).
MIN_WORDS = 8
#: A finding of this many words or more is about a sentence, not a word or a phrase.
WIDE_WORDS = 12


@dataclass(frozen=True, slots=True)
class Shade:
    """One shaded sentence: ``level`` is "hard" or "very-hard"."""

    sentence: SentenceScore
    level: str


@dataclass(slots=True)
class Shading:
    """The shaded sentences (in document order) and the counts behind them.

    ``hard`` counts every hard sentence, very hard ones included; ``very_hard`` only those;
    ``total`` is every graded sentence; ``left_out`` the hard ones the budget left unshaded.
    """

    shades: list[Shade] = field(default_factory=list)
    total: int = 0
    hard: int = 0
    very_hard: int = 0
    left_out: int = 0
    hard_grade: float = 12.0

    @property
    def very_hard_grade(self) -> float:
        """The grade above which a sentence is very hard."""
        return self.hard_grade + VERY_HARD_STEP


def shade(sentences: Sequence[SentenceScore], hard_grade: float = 12.0,
          share: float = SHARE, min_words: int = MIN_WORDS) -> Shading:
    """The sentences to shade: hardest first while they fit in ``share`` of the prose."""
    out = Shading(total=len(sentences), hard_grade=float(hard_grade))
    hard = [s for s in sentences if s.words >= min_words and s.grade > hard_grade]
    out.hard = len(hard)
    out.very_hard = sum(1 for s in hard if s.grade > out.very_hard_grade)
    budget = share * sum(s.end - s.start for s in sentences)
    used = 0
    chosen: list[SentenceScore] = []
    for s in sorted(hard, key=lambda s: (-s.grade, s.start)):
        size = s.end - s.start
        if used + size <= budget:
            chosen.append(s)
            used += size
    out.left_out = len(hard) - len(chosen)
    out.shades = [Shade(s, "very-hard" if s.grade > out.very_hard_grade else "hard")
                  for s in sorted(chosen, key=lambda s: s.start)]
    return out


def sentence_level(findings: Sequence[Finding], sentences: Sequence[SentenceScore]) -> set[int]:
    """Indexes of the findings about a whole sentence (or more): those whose span holds a
    complete graded sentence, or that run to ``WIDE_WORDS`` words. A page marks these at the
    sentence, not with an underline under every word of it."""
    spans = sorted((s.start, s.end) for s in sentences)
    starts = [a for a, _ in spans]
    out = set()
    for i, f in enumerate(findings):
        if len(f.match.split()) >= WIDE_WORDS or _holds_sentence(f, spans, starts):
            out.add(i)
    return out


def _holds_sentence(f: Finding, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    i = bisect_left(starts, f.start)
    while i < len(spans) and spans[i][0] < f.end:
        if spans[i][1] <= f.end:
            return True
        i += 1
    return False
