"""Matching a short form's letters inside a candidate long form (Schwartz and Hearst,
with an alignment found by dynamic programming), and the precision checks on a pair."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from plainlsc.acronym.shorts import match_chars, word_limit
from plainlsc.text.nonprose import word_set

# --------------------------------------------------------------------------------------------
# Definitions: matching a short form against a long form
# --------------------------------------------------------------------------------------------

NONSPACE = re.compile(r"\S+")
_STOPWORDS = word_set(
    "a an the and or of for in on to with by at from as into & its their our your"
)
#: Words that cannot begin a long form (articles can: "The Health Foundation (THF)"), being
#: joiners or the way a sentence starts ("TODO: This code does not ...").
_BAD_FIRST_WORDS = word_set(
    """and or of for to in on with by at from as this these those that it its we you they he
    she there here if when please is are was were will can"""
)


#: Characters a long form written in prose never holds: code, markup and paths.
_NOT_IN_LONG_FORMS = frozenset("_=<>{}[]@#\\|`~^*")
_DOTTED_NAME = re.compile(r"[^\W_]\.[^\W\d_]")
_CAMEL_HUMP = re.compile(r"[a-z][A-Z]")
#: Longer than any real word ("oesophagogastroduodenoscopy" has 27 letters).
_LONGEST_WORD = 40


@dataclass(frozen=True, slots=True)
class Alignment:
    """How well a short form's characters sit in a long form that ends with a used word."""

    score: int
    word_starts: int
    unused_content_words: int
    words: int
    used_prefix: int  # how many leading words all take part
    chars: int = 0  # how many characters were matched
    syllable_starts: int = 0  # characters at a word start or where a syllable may start
    used_words: int = 0  # how many words hold a matched character


@dataclass(frozen=True, slots=True)
class _Layout:
    """A candidate long form, lower-cased, with where its words start and which of them are
    content words; worked out once per candidate and shared by every alignment of it."""

    low: str
    starts: list[int]
    content: list[bool]


#: One alignment step: (position, next free position, word, score, index in previous row).
_Step = tuple[int, int, int, int, int]


def same_length_lower(text: str) -> str:
    """Lower-case ``text`` keeping every index (a few characters lower-case to two)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def is_word_start(low: str, j: int) -> bool:
    """A letter or digit with no letter or digit before it."""
    return j == 0 or not low[j - 1].isalnum()


def _is_and_word(low: str, j: int) -> bool:
    """Whether the word "and" starts at ``j``."""
    return (low.startswith("and", j) and is_word_start(low, j)
            and (j + 3 == len(low) or not low[j + 3].isalnum()))


def _rfind_char(c: str, low: str, end: int, word_start: bool) -> tuple[int, int]:
    """Rightmost match of ``c`` wholly before ``end``: (position, where the search goes on).

    ``&`` matches "&" or the word "and"; the first short-form character must begin a word.
    """
    if c == "&":
        j = low.rfind("and", 0, end)
        while j >= 0 and not _is_and_word(low, j):
            j = low.rfind("and", 0, j + 2)
        amp = low.rfind("&", 0, end)
        return (amp, amp) if amp > j else (j, j)
    j = low.rfind(c, 0, end)
    while j > 0 and word_start and low[j - 1].isalnum():
        j = low.rfind(c, 0, j)
    return j, j


def schwartz_hearst_start(chars: Sequence[str], low: str) -> int:
    """Where the long form starts in ``low`` by Schwartz and Hearst's right-to-left match.

    Returns -1 when the characters cannot be matched in order, the first at a word start.
    """
    end = len(low)
    for i in range(len(chars) - 1, -1, -1):
        j, end = _rfind_char(chars[i], low, end, word_start=i == 0)
        if j < 0:
            return -1
    return end


def _positions(c: str, low: str) -> list[tuple[int, int]]:
    """Every (position, next free position) where short-form character ``c`` can match."""
    if c == "&":
        found = [(j, j + 1) for j in find_all(low, "&")]
        found += [(j, j + 3) for j in find_all(low, "and") if _is_and_word(low, j)]
        return sorted(found)
    return [(j, j + 1) for j in find_all(low, c)]


def find_all(low: str, sub: str) -> Iterator[int]:
    """Every index where ``sub`` occurs in ``low``."""
    j = low.find(sub)
    while j >= 0:
        yield j
        j = low.find(sub, j + 1)


def layout_of(long: str) -> _Layout:
    """Lay out a candidate long form for alignment."""
    tokens = [(m.start(), m.end()) for m in NONSPACE.finditer(long)]
    return _Layout(same_length_lower(long), [s for s, _ in tokens],
                   [_is_content_word(long[s:e]) for s, e in tokens])


def align(chars: Sequence[str], long: str) -> Alignment | None:
    """The best alignment of ``chars`` in ``long`` that starts at index 0 and uses the last
    word; None if there is none."""
    layout = layout_of(long)
    rows = alignment_rows(chars, layout)
    return None if rows is None else summarise(rows, layout, len(layout.starts) - 1)


def alignment_rows(chars: Sequence[str], layout: _Layout) -> list[list[_Step]] | None:
    """Dynamic programming over the few positions where each character occurs.

    A character scores 2 if it begins a word, plus 1 for each new word used and 1 more if that
    word is not a stop word. Schwartz and Hearst's greedy match only says *whether* the
    characters fit; this finds the reading a person would give ("Transformation" used for the
    T of STP). The first character is pinned to index 0, the start of the long form.
    """
    low = layout.low
    if not layout.starts or not chars or not _char_fits(chars[0], low, 0):
        return None
    first_gain = 2 + 1 + layout.content[0]
    rows: list[list[_Step]] = [[(0, 3 if chars[0] == "&" else 1, 0, first_gain, -1)]]
    for c in chars[1:]:
        row = _next_row(rows[-1], _positions(c, low), layout)
        if not row:
            return None
        rows.append(row)
    return rows


def _char_fits(c: str, low: str, j: int) -> bool:
    """Whether character ``c`` of a short form can match at ``j``."""
    if c == "&":
        return low.startswith("&", j) or _is_and_word(low, j)
    return low.startswith(c, j)


def _next_row(prev: list[_Step], positions: list[tuple[int, int]], layout: _Layout
              ) -> list[_Step]:
    """Extend every alignment in ``prev`` by one character at each possible position.

    Two running maxima over ``prev`` (one by next free position, one by earlier word) keep
    each row linear in the number of positions.
    """
    by_free = sorted(range(len(prev)), key=lambda k: prev[k][1])
    row: list[_Step] = []
    i_free = i_word = 0
    best_any = best_word = (-1, -1)  # (score, index in prev)
    for j, nxt in positions:
        token = bisect_right(layout.starts, j) - 1
        while i_free < len(by_free) and prev[by_free[i_free]][1] <= j:
            k = by_free[i_free]
            best_any = max(best_any, (prev[k][3], k))
            i_free += 1
        while i_word < len(prev) and prev[i_word][2] < token:
            best_word = max(best_word, (prev[i_word][3], i_word))
            i_word += 1
        gain = 2 if is_word_start(layout.low, j) else 0
        options = []
        if best_any[1] >= 0:
            options.append((best_any[0] + gain, best_any[1]))
        if best_word[1] >= 0:
            options.append((best_word[0] + gain + 1 + layout.content[token], best_word[1]))
        if options:
            score, back = max(options)
            row.append((j, nxt, token, score, back))
    return row


def summarise(rows: list[list[_Step]], layout: _Layout, last: int) -> Alignment | None:
    """The best alignment whose final character lies in word ``last`` (so the long form
    ending with that word uses its last word), with what it uses; None if there is none."""
    finals = [k for k, step in enumerate(rows[-1]) if step[2] == last]
    if not finals:
        return None
    k = max(finals, key=lambda i: rows[-1][i][3])
    score = rows[-1][k][3]
    used: set[int] = set()
    word_starts = syllable_starts = 0
    for row in reversed(rows):
        j, _, token, _, back = row[k]
        used.add(token)
        word_starts += is_word_start(layout.low, j)
        syllable_starts += is_word_start(layout.low, j) or _is_syllable_start(layout.low, j)
        k = back
    unused = sum(1 for t in range(last + 1) if layout.content[t] and t not in used)
    prefix = 0
    while prefix in used:
        prefix += 1
    return Alignment(score, word_starts, unused, last + 1, prefix, len(rows), syllable_starts,
                     len(used))


_VOWELS = frozenset("aeiouy")


def _is_syllable_start(low: str, j: int) -> bool:
    """A consonant straight after a vowel, where a syllable often starts ("a-la-nine",
    "ly-ser-gic", "amino-trans-fer-ase"): a rough test, but a letter inside a word that is
    not at one is seldom what an abbreviation takes."""
    return (j > 0 and low[j].isalpha() and low[j] not in _VOWELS
            and low[j - 1] in _VOWELS)


def _inside_letters_fit(alignment: Alignment) -> bool:
    """Letters taken from inside words are trusted when there are three or more, every one
    sits at a word or syllable start, and some word gives two or more ("a-la-nine
    aminotransferase (ALT)", "ly-ser-gic acid diethylamide (LSD)"). One inside letter from
    each of several words ("transport protoCol indePendent (TCP)") is chance."""
    return (alignment.chars >= 3 and alignment.syllable_starts == alignment.chars
            and alignment.chars > alignment.used_words)


def _is_content_word(token: str) -> bool:
    """A word that a long form should not skip: not a stop word, and has a letter or digit."""
    bare = token.strip("\"'\u201c\u201d\u2018\u2019,.;:()-").lower()
    return bool(bare) and bare not in _STOPWORDS and any(c.isalnum() for c in bare)


def acceptable(alignment: Alignment | None, long: str, short: str, demand: int = 0,
               inside_letters: bool = True) -> bool:
    """The Ab3P-style precision checks on a matched pair (see the module docstring).

    With a ``demand``, also that many characters at word starts and no content word left
    out, and a short form written like a word ("Defra") needs a long form written like a
    name, with a capital. ``inside_letters`` allows letters from inside words at syllable
    starts to stand in for word starts (see ``_inside_letters_fit``).
    """
    if alignment is None:
        return False
    if demand and (alignment.word_starts < demand or alignment.unused_content_words):
        return False
    if demand and short[1:].islower() and not long[:1].isupper():
        return False
    if alignment.words > word_limit(short) or len(long) <= len(short):
        return False
    inside = inside_letters and _inside_letters_fit(alignment)
    if alignment.words >= 2 and alignment.word_starts < 2 and not inside:
        return False
    if alignment.unused_content_words > 1:
        return False
    if alignment.unused_content_words == 1 and alignment.word_starts < 3 and not inside:
        return False
    words = long.split()
    if words[0].lower() in _BAD_FIRST_WORDS or short in long:
        return False
    if len(words) == 1 and not _single_word_fits(words[0], short):
        return False
    return any(c.islower() for c in long) and _looks_like_prose(long)


def _single_word_fits(word: str, short: str) -> bool:
    """A one-word long form is easy to hit by chance ("name" for NE), so it needs a short
    form of three or more characters ("ECG" for electrocardiogram) or a capital-small pair
    ("Hb" for haemoglobin), and must not be a joined-up identifier ("HTTPStatusError")."""
    if len(match_chars(short)) < 3 and not (len(short) == 2 and short[1].islower()):
        return False
    return _CAMEL_HUMP.search(word) is None


def _looks_like_prose(long: str) -> bool:
    """No code characters, no dotted names ("np.datetime64") and no overlong tokens."""
    if any(c in _NOT_IN_LONG_FORMS for c in long) or _DOTTED_NAME.search(long):
        return False
    return all(len(w) <= _LONGEST_WORD for w in long.split())
