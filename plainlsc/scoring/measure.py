"""Score a document's reading ease over the prose its document model found.

Headings, list items and table cells count as the sentences they are (the NHS advice is to
add full stops to headings and bullets before scoring); address lines, dates, salutations and
sign-offs do not count at all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from plainlsc.model import Document
from plainlsc.scoring import CountAccumulator, Scores, compute_scores, syllables
from plainlsc.scoring.familiar import is_familiar


@lru_cache(maxsize=65536)
def reading_form(word: str) -> str:
    """The word as the formulas should count it.

    Numbers are easy for readers whatever their length, but spoken aloud they are long: a
    phone number ("01632 960250") read digit by digit, or "111" as "one hundred and eleven",
    would make a call-us line score like a legal text. A number counts as one two-syllable
    word.
    """
    if word[:1].isdigit() and word.strip("0123456789,.:/-") == "":
        return "number"
    return word


@lru_cache(maxsize=65536)
def _is_hard(word: str) -> bool:
    """A long, unfamiliar word a writer could replace (not a name, acronym or number, and not
    a long word readers meet every day, such as "together" or "diabetes")."""
    return (len(word) > 4 and word.isalpha() and word.islower() and syllables(word) >= 3
            and not is_familiar(word))


def sentence_grade(words: Sequence[str]) -> float:
    """Flesch-Kincaid grade of one sentence (0.39 ASL + 11.8 ASW - 15.59), unrounded, as a
    reader feels it: a familiar word ("holidays", "diabetes") counts at most two syllables,
    however many it has. The hard-sentence rule and the HTML report's hardest sentences both
    use it, so they agree about a sentence. (The document's scores keep the formulas as
    published.)"""
    count = len(words)
    if not count:
        return 0.0
    total = sum(map(_felt_syllables, words))
    return 0.39 * count + 11.8 * total / count - 15.59


@lru_cache(maxsize=65536)
def _felt_syllables(word: str) -> int:
    count = counted_syllables(word)
    return min(count, 2) if count > 2 and is_familiar(word) else count


@lru_cache(maxsize=65536)
def counted_syllables(word: str) -> int:
    """Syllables as the scores count them (a number is two): one cached call per word."""
    return syllables(reading_form(word))


def measure(doc: Document, hard_words: int = 10) -> Scores:
    """The scores of ``doc``'s prose.

    The "hard words" shown to the writer are the frequent long words a writer can change:
    names and acronyms raise SMOG too, but "Lancashire" or "NHS" is not advice.
    """
    words: list[str] = []
    first_words: list[str] = []
    for block in doc.blocks:
        if not block.is_prose:
            continue
        for sentence in block.sentences:
            texts = sentence.texts
            if texts:
                words.extend(texts)
                first_words.append(texts[0])
    occurrences = Counter(words)  # in the order first seen
    openings = Counter(first_words)
    sentences = len(first_words)
    forms: Counter[str] = Counter()
    form_openings: Counter[str] = Counter()
    for word, count in occurrences.items():
        form = reading_form(word)
        forms[form] += count
        if word in openings:
            form_openings[form] += openings[word]
    acc = CountAccumulator()
    acc.add_word_counts(forms, form_openings, sentences)
    hard = Counter({w: n for w, n in forms.items() if _is_hard(w)})
    return compute_scores(acc.result(), [w for w, _ in hard.most_common(hard_words)])
