"""Schwartz and Hearst's abbreviation-definition algorithm, as a baseline for plainlsc.

Written for plainlsc from the description in A. S. Schwartz and M. A. Hearst, "A simple
algorithm for identifying abbreviation definitions in biomedical text", Pacific Symposium on
Biocomputing 8 (2003); no existing implementation was consulted. What the paper describes:

1. Candidates are "long form (short form)" and "short form (long form)" within a sentence.
   A bracket's content is a short-form candidate if it has at most two words, 2 to 10
   characters, at least one letter, and an alphanumeric first character (here: the content
   up to a comma or semicolon, so "(CCG, 2019)" offers "CCG"). Otherwise, if the bracket
   holds more words, the word before the bracket is the short form and the bracket the long
   form.
2. The long-form candidate before a bracket is at most min(|A| + 5, 2|A|) words, |A| being
   the short form's length in characters.
3. The short form's letters and digits are matched right to left in the long-form candidate,
   case-insensitively, each to the rightmost possible character left of the previous match;
   the first character of the short form must match at the start of a word. The long form
   runs from the word holding that first match to the end of the candidate.
4. A long form shorter than its short form, or holding the short form as a word, is
   rejected.

Nothing here is tuned to the labelled set: it is the baseline as published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BRACKET = re.compile(r"\(([^()]*)\)")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Pair:
    """One definition found: strings and the long form's span in the sentence."""

    short: str
    long: str
    long_start: int
    long_end: int


def _is_short_candidate(candidate: str) -> bool:
    """The paper's short-form test."""
    return (len(candidate.split()) <= 2 and 2 <= len(candidate) <= 10
            and any(c.isalpha() for c in candidate) and candidate[0].isalnum())


def best_long_form(short: str, candidate: str) -> int:
    """Where in ``candidate`` the long form for ``short`` starts, or -1 (step 3)."""
    low = candidate.lower()
    chars = [c.lower() for c in short if c.isalnum()]
    if not chars:
        return -1
    j = len(low)
    for i in range(len(chars) - 1, -1, -1):
        c = chars[i]
        j -= 1
        while j >= 0 and (low[j] != c or (i == 0 and j > 0 and low[j - 1].isalnum())):
            j -= 1
        if j < 0:
            return -1
    return low.rfind(" ", 0, j) + 1


def _acceptable(short: str, long: str) -> bool:
    """Step 4."""
    words = {w.strip(".,;:").lower() for w in long.split()}
    return len(long) > len(short) and short.lower() not in words


def _long_before(sentence: str, bracket: int, short: str) -> Pair | None:
    """"long form (short form)": the window of words before the bracket."""
    limit = min(len(short) + 5, 2 * len(short))
    words = list(_WORD.finditer(sentence, 0, bracket))[-limit:]
    if not words:
        return None
    start, end = words[0].start(), words[-1].end()
    candidate = sentence[start:end]
    first = best_long_form(short, candidate)
    if first < 0 or not _acceptable(short, candidate[first:]):
        return None
    return Pair(short, candidate[first:], start + first, end)


def _short_before(sentence: str, bracket: int, inner_start: int, inner: str) -> Pair | None:
    """"short form (long form)": the word before the bracket is the short form."""
    before = list(_WORD.finditer(sentence, 0, bracket))
    if not before:
        return None
    short = before[-1].group()
    if not _is_short_candidate(short):
        return None
    if len(inner.split()) > min(len(short) + 5, 2 * len(short)):
        return None
    stripped = inner.strip()
    offset = inner_start + inner.find(stripped)
    first = best_long_form(short, stripped)
    if first < 0 or not _acceptable(short, stripped[first:]):
        return None
    return Pair(short, stripped[first:], offset + first, offset + len(stripped))


def find_pairs(sentence: str) -> list[Pair]:
    """Every definition Schwartz and Hearst's algorithm finds in one sentence."""
    found = []
    for m in _BRACKET.finditer(sentence):
        inner = m.group(1)
        head = re.split(r"[,;]", inner, maxsplit=1)[0].strip()
        if head and _is_short_candidate(head):
            pair = _long_before(sentence, m.start(), head)
        elif len(inner.split()) > 2:
            pair = _short_before(sentence, m.start(), m.start(1), inner)
        else:
            pair = None
        if pair is not None:
            found.append(pair)
    return found
