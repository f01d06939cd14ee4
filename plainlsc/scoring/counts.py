"""Counting words, sentences and syllables for the readability formulas.

The document model decides what the sentences and words are; this module only counts what it
is given, so every formula sees the same numbers. Words are word tokens without punctuation;
a token with no letter or digit (a stray "%" or dash) is skipped, and a sentence with no
words left is not counted.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from plainlsc.scoring.easy_words import is_difficult_word
from plainlsc.scoring.syllables import syllables

__all__ = ["CountAccumulator", "TextCounts", "is_complex_word"]

_PARTS = re.compile(r"[-/\u2010\u2011\u2013\u2014]+")
_SIBILANT = re.compile(r"(?:[sxz]|[cs]h|[cgsz]e)$")


@dataclass(frozen=True, slots=True)
class TextCounts:
    """The raw counts every formula is computed from.

    ``polysyllabic_words``: words of 3+ syllables (SMOG; proper nouns included).
    ``complex_words``: Gunning's "hard words" (see :func:`is_complex_word`).
    ``letters``: letters and digits (Coleman-Liau, ARI).
    ``difficult_words``: words off the Dale-Chall familiar list.
    ``long_words``: words of 7+ letters and digits (for the user, not a formula).
    """

    words: int = 0
    sentences: int = 0
    syllables: int = 0
    polysyllabic_words: int = 0
    complex_words: int = 0
    letters: int = 0
    difficult_words: int = 0
    long_words: int = 0


def _has_alnum(token: str) -> bool:
    """Whether a token is a word at all (a letter or digit somewhere)."""
    return any(c.isalnum() for c in token)


def is_complex_word(word: str, syllable_count: int | None = None, proper: bool = False) -> bool:
    """Gunning's fog-index "hard word": three or more syllables, with his exceptions.

    Not counted: proper nouns; hyphenated compounds, unless a part is itself hard
    (self-care no, non-emergency yes); and words whose third syllable is only an -es, -ed or
    -ing ending (processes, created, becoming).
    """
    count = syllables(word) if syllable_count is None else syllable_count
    if proper or count < 3:
        return False
    parts = [p for p in _PARTS.split(word) if _has_alnum(p)]
    if len(parts) > 1:
        return any(is_complex_word(part) for part in parts)
    lower = word.lower()
    ending_adds = (
        lower.endswith("ing")
        or lower.endswith(("ted", "ded"))
        or (
            lower.endswith("es")
            and bool(_SIBILANT.search(lower[:-1]) or _SIBILANT.search(lower[:-2]))
        )
    )
    return not (ending_adds and count - 1 < 3)


def _poly_key(word: str) -> str:
    """How a long word is counted in ``polysyllables``: lower case, straight apostrophe."""
    return word.lower().replace("\u2019", "'")


@lru_cache(maxsize=65536)
def _profile(word: str, proper: bool) -> tuple[int, int, bool, bool]:
    """Syllables, letters, complex?, difficult? of one word: words repeat, so work once."""
    count = syllables(word)
    letters = sum(1 for c in word if c.isalnum())
    return count, letters, is_complex_word(word, count, proper), is_difficult_word(word, proper)


def _looks_proper(word: str, at_sentence_start: bool) -> bool:
    """Capitalised and not the first word of a sentence (and not the pronoun I)."""
    return word[:1].isupper() and not at_sentence_start and word != "I"


class CountAccumulator:
    """Adds up :class:`TextCounts` sentence by sentence.

    ``polysyllables`` counts the 3+ syllable words seen (lower case), so a report can show
    which words made the text hard.
    """

    def __init__(self) -> None:
        self._words = 0
        self._sentences = 0
        self._syllables = 0
        self._polysyllabic = 0
        self._complex = 0
        self._letters = 0
        self._difficult = 0
        self._long = 0
        self.polysyllables: Counter[str] = Counter()

    def add_sentence(
        self,
        words: Sequence[str],
        first_word_is_sentence_start: bool = True,
        proper: Sequence[bool] | None = None,
    ) -> None:
        """Count one sentence's words.

        Proper nouns (never difficult nor complex) are capitalised words other than the first
        one, unless ``first_word_is_sentence_start`` is False (a fragment continuing a
        sentence) or ``proper`` gives a flag per word (e.g. from a part-of-speech tagger).
        """
        counted = syll = letters = long_ = poly = complex_ = difficult = 0
        at_start = first_word_is_sentence_start
        for index, word in enumerate(words):
            if not (word.isalnum() or _has_alnum(word)):
                continue
            if proper is not None and index < len(proper):
                is_proper = proper[index]
            else:
                is_proper = _looks_proper(word, index == 0 and at_start)
            profile = _profile(word, is_proper)
            counted += 1
            syll += profile[0]
            letters += profile[1]
            long_ += profile[1] >= 7
            complex_ += profile[2]
            difficult += profile[3]
            if profile[0] >= 3:
                poly += 1
                self.polysyllables[_poly_key(word)] += 1
        if counted:
            self._sentences += 1
            self._words += counted
            self._syllables += syll
            self._letters += letters
            self._long += long_
            self._polysyllabic += poly
            self._complex += complex_
            self._difficult += difficult

    def add_word_counts(self, occurrences: Mapping[str, int], openings: Mapping[str, int],
                        sentences: int) -> None:
        """Count ``sentences`` sentences at once, from how often each word occurs in them
        (``occurrences``, in first-seen order) and how often it opens one (``openings``).

        Every total is a sum over words, so a long document's thousands of sentences cost
        one profile per distinct word instead of one per word. Same counts as calling
        :meth:`add_sentence` for each sentence, if every sentence holds a word.
        """
        self._sentences += sentences
        for word, total in occurrences.items():
            if not (word.isalnum() or _has_alnum(word)):
                continue
            opening = openings.get(word, 0)
            if opening and opening < total and _looks_proper(word, False):
                self._add_profile(word, _profile(word, False), opening)  # never proper first
                self._add_profile(word, _profile(word, True), total - opening)
            else:
                self._add_profile(word, _profile(word, _looks_proper(word, opening > 0)), total)

    def _add_profile(self, word: str, profile: tuple[int, int, bool, bool], times: int) -> None:
        self._words += times
        self._syllables += profile[0] * times
        self._letters += profile[1] * times
        self._long += (profile[1] >= 7) * times
        self._complex += profile[2] * times
        self._difficult += profile[3] * times
        if profile[0] >= 3:
            self._polysyllabic += times
            self.polysyllables[_poly_key(word)] += times

    def hard_words(self, limit: int = 10) -> list[str]:
        """The most frequent polysyllabic words, most frequent first (ties: first seen)."""
        return [word for word, _ in self.polysyllables.most_common(limit)]

    def result(self) -> TextCounts:
        """The counts so far."""
        return TextCounts(
            words=self._words,
            sentences=self._sentences,
            syllables=self._syllables,
            polysyllabic_words=self._polysyllabic,
            complex_words=self._complex,
            letters=self._letters,
            difficult_words=self._difficult,
            long_words=self._long,
        )
