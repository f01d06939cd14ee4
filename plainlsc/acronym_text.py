"""Find acronyms in prose: where each is used, and where each is defined.

This module is pure text work (standard library only) so that it can be tested on its own;
the document model calls it block by block or on a whole text.

Uses
----
:func:`find_acronym_uses` reports all-capital tokens of two or more letters (``NHS``, ``STPs``,
``A&E``, ``COVID-19``) and leaves out the capitals that are not acronyms in use: web
addresses, e-mail addresses, handles, hashtags, file names, code, postcodes, Roman numerals
used as numbers, bracketed placeholders such as ``[INSERT NAME]``, "OK", and whole lines
written in capitals (shouting is another rule's business).

Definitions
-----------
:func:`find_definitions` finds where a writer spells an acronym out: "long form (SF)",
"SF (long form)", "long form, or SF,", "long form (or SF)", 'long form ("SF")', "long form,
known as the SF", "SF stands for long form", and glossary lines ("SF - long form", "SF: long
form", "| SF | long form |") at the start of a line or list item.

The core is the Schwartz and Hearst (2003) algorithm: the short form's characters are matched
right to left inside the long form, the first one at the start of a word, and the long form
has at most ``min(len(short) + 5, len(short) * 2)`` words. Refinements in the spirit of Ab3P,
for precision:

* the alignment a reader would give is found by dynamic programming (most characters at word
  beginnings, most words used), not the greedy one;
* Schwartz and Hearst's start may cut a long form short ("protective equipment (PPE)"), so up
  to three starts further left are tried; one wins only by putting more characters at word
  beginnings and using every word it adds;
* a pair is kept only if the long form's last word takes part, at least two matched
  characters begin words (for a long form of two or more words), and at most one content
  word is unused, and that only when three or more characters begin words ("National
  Institute for Health and Care Excellence (NICE)");
* a one-word long form needs a short form of three or more characters or a capital-small pair
  ("Hb"), and is never a joined-up identifier; no long form holds code characters, dotted
  names, the short form itself, or starts with a joining word ("of", "and") or a sentence
  opener ("This", "If");
* "SF (long form)" needs a space before the bracket (``f(x)`` is code) and a bracket that does
  not open like an aside ("see", "for example", "which", a number);
* a few health short forms whose letters cannot be matched ("glycated haemoglobin (HbA1c)")
  are listed in ``_IRREGULAR``.

A short form, once surrounding quotes are removed, is a single token that:

* is 2 to 10 characters of ASCII letters and digits, with ``&`` or ``-`` allowed inside;
* begins with a letter or digit, contains at least one letter, and after each hyphen has a
  capital or a digit ("IL-2", "COVID-19", but not "NHS-funded");
* has two or more capitals ("CCG", "mRNA", "HbA1c"), or one capital and a digit ("B12"), or is
  two letters written capital-then-small ("Hb");
* has no more small letters than capitals and digits together ("DoLS" yes; "Twitter",
  "TypeVar" no);
* is not one of a few words written in capitals for other reasons ("NEW", "NOTE", "TODO").

A small ``s`` after a capital or digit is a plural: "(STPs)" is reported as ``STP`` and is
matched without the ``s``. So a short form with spaces, all in small letters ("(optional)"),
or in title case ("(Twitter)") is never a short form.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["AcronymDefinition", "AcronymUse", "find_acronym_uses", "find_definitions"]


def _word_set(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string, for readable tables."""
    return frozenset(words.split())


@dataclass(frozen=True, slots=True)
class AcronymUse:
    """One acronym token in a text; ``text == source[start:end]``."""

    short: str
    text: str
    start: int
    end: int
    plural: bool


@dataclass(frozen=True, slots=True)
class AcronymDefinition:
    """One place where a short form is spelled out; spans are offsets into the text."""

    short: str
    long: str
    short_start: int
    short_end: int
    long_start: int
    long_end: int
    start: int
    end: int


# --------------------------------------------------------------------------------------------
# Uses
# --------------------------------------------------------------------------------------------

#: A whitespace-delimited chunk holding two capitals (or a capital and ``&``) in a row. The
#: lookbehind lets a match start only at a chunk's beginning, so the lazy scan is linear.
_CANDIDATE_CHUNK = re.compile(r"(?<!\S)\S*?[A-Z][A-Z0-9&]\S*")
#: What every candidate chunk holds; found six times faster, so lines without one are skipped.
_CAPITAL_PAIR = re.compile(r"[A-Z][A-Z0-9&]")
_NON_SPACE = re.compile(r"\S*")

#: An all-capital token: capitals and digits, ``&``-joined parts, a decimal part ("PM2.5"), one
#: ``-digits`` part ("COVID-19"), then a plural ``s`` or a possessive ``'s``. No two
#: quantified parts can match the same character.
_ACRONYM = re.compile(
    r"(?<![^\W_])(?P<core>[A-Z][A-Z0-9]*(?:&[A-Z][A-Z0-9]*)*(?:(?<=[0-9])\.[0-9]+)?(?:-[0-9]+)?)"
    r"(?P<suffix>['\u2019]s|s)?(?![^\W_])"
)

#: A UK postcode, outward and inward parts ("SW1A 1AA", "PR2 8DY", "M1 1AE").
_POSTCODE = re.compile(
    r"(?<![^\W_])(?:[A-Z]{1,2}[0-9][A-Z0-9]?[ \u00a0]?[0-9][A-Z]{2}|GIR[ \u00a0]?0AA)(?![^\W_])"
)

#: Square-bracketed text without lower-case letters: a template placeholder ("[INSERT NAME]").
_PLACEHOLDER = re.compile(r"\[[^\[\]a-z\n]{2,80}\]")

#: Runs of two or more letters, the "words" a shouting line is judged by.
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")

#: Characters that mark a chunk as code, a path or markup rather than prose.
_CODE_CHARS = frozenset("_`\\={}<>~^@#")

#: A dot between a letter or digit and a label ("nhs.uk", "REPORT.PDF", "module.attr").
_DOTTED_LABEL = re.compile(r"[^\W_]\.([^\W_]+)")

_TLDS = _word_set(
    "uk com org net gov nhs int eu io info co ac edu me ly tv biz scot wales cymru london ie "
    "fr de nl app dev online"
)
_FILE_EXTENSIONS = _word_set(
    "pdf csv doc docx dot dotx xls xlsx xlsm ppt pptx odt ods odp rtf txt md html htm xml json "
    "zip jpg jpeg png gif svg tif tiff mp3 mp4 wav avi mov py js css epub eps msg eml"
)

_ROMAN = re.compile(r"M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")

#: Words after which a Roman numeral is a number: "Phase III", "Type II", "part IV".
_NUMBERED_THINGS = _word_set(
    """phase type part category cat stage grade chapter section class level annex appendix
    schedule article tier band volume vol book act scene figure fig table step round title
    division page paragraph para clause rule regulation standard key war"""
)
#: The word before a Roman numeral, with any earlier numerals of a list between ("Type II",
#: "Phase-III", "Phases I, II and III"), matched on the reversed text just before the numeral
#: so that one anchored match does the work (``re`` cannot search backwards).
_REVERSED_WORD_BEFORE = re.compile(
    r"(?P<chain>(?:[ \t\u00a0]*(?:(?:dna|ro)?[ \t\u00a0]*,|dna|ro|ot|&|/|-|\u2013)[ \t\u00a0]*"
    r"[IVXLCDM]{1,4}(?![^\W\d_]))*)"
    r"[ \t\u00a0]*[-\u2013(]?[ \t\u00a0]*(?P<word>[^\W\d_]+)"
)
_SENTENCE_START = re.compile(r"(?:\A|[.!?:;\u2022][\"'\u201d\u2019)]*)[ \t\u00a0]*\Z")


def find_acronym_uses(text: str) -> list[AcronymUse]:
    """Every all-capital acronym token in ``text``, in order.

    Lines are handled one at a time because the shouting test is per line; the rest is a
    single linear scan, so a megabyte of text or a 20,000-word line takes milliseconds.
    """
    uses: list[AcronymUse] = []
    pair = _CAPITAL_PAIR.search(text)
    while pair is not None:
        start = text.rfind("\n", 0, pair.start()) + 1
        end = text.find("\n", pair.end())
        end = len(text) if end < 0 else end
        line = text[start:end]
        if _CANDIDATE_CHUNK.search(line):
            uses.extend(_uses_in_line(line, start))
        pair = _CAPITAL_PAIR.search(text, end)
    return uses


def _uses_in_line(line: str, offset: int) -> list[AcronymUse]:
    """The acronym uses of one line; none if the line is shouting (checked first, as it is
    one cheap pass and spares a shouting line's many candidates)."""
    if _is_shouting(line):
        return []
    found: list[AcronymUse] = []
    blocked = _blocked_spans(line)
    for start, end in _candidate_chunks(line):
        if _chunk_is_not_prose(line[start:end]):
            continue
        for m in _ACRONYM.finditer(line, start, end):
            core, suffix = m.group("core"), m.group("suffix") or ""
            if not _is_acronym_core(core) or _overlaps(blocked, m.start(), m.end()):
                continue
            if _is_roman_numeral_use(line, m.start(), core):
                continue
            found.append(AcronymUse(core, m.group(), offset + m.start(), offset + m.end(),
                                    suffix == "s"))
    return found


def _candidate_chunks(line: str) -> Iterator[tuple[int, int]]:
    """The spans ``_CANDIDATE_CHUNK`` matches: whitespace-delimited chunks holding a capital
    pair. Found from the pairs outwards, which is three times faster than the lazy scan."""
    done = 0
    for pair in _CAPITAL_PAIR.finditer(line):
        start = pair.start()
        if start < done:
            continue  # a second pair in a chunk already given
        while start > 0 and not line[start - 1].isspace():
            start -= 1
        done = _NON_SPACE.match(line, pair.end()).end()  # type: ignore[union-attr]
        yield start, done


def _is_acronym_core(core: str) -> bool:
    """Two or more capital letters, and not "OK"."""
    return sum(1 for c in core if c.isalpha()) >= 2 and core != "OK"


def _chunk_is_not_prose(chunk: str) -> bool:
    """True for a web or e-mail address, handle, hashtag, file name, path or code token.

    Whole whitespace-delimited chunks are judged, because "nhs.uk/CCG" or "REPORT_2024.PDF"
    must lose every capital inside them, not just the part around the dot.
    """
    if not _CODE_CHARS.isdisjoint(chunk):
        return True
    lowered = chunk.lower()
    if "://" in lowered or "www." in lowered or chunk.lstrip("([{\"'\u201c\u2018").startswith("/"):
        return True
    return any(_is_web_or_file_label(m.group(1)) for m in _DOTTED_LABEL.finditer(chunk))


def _is_web_or_file_label(label: str) -> bool:
    """Whether the part after a dot looks like a domain, file extension or attribute.

    A capitalised word after a dot is more likely a missing space ("the NHS.The") and is left
    to count as prose.
    """
    lowered = label.lower()
    if lowered in _TLDS or lowered in _FILE_EXTENSIONS:
        return True
    return len(label) >= 2 and label.isalpha() and label.islower()


def _blocked_spans(line: str) -> list[tuple[int, int]]:
    """Spans of postcodes and placeholders, whose capitals are not acronyms."""
    spans = [(m.start(), m.end()) for m in _POSTCODE.finditer(line)]
    spans.extend((m.start(), m.end()) for m in _PLACEHOLDER.finditer(line))
    return spans


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) meets any span (lines hold few, so a scan is fine)."""
    return any(s < end and start < e for s, e in spans)


def _is_roman_numeral_use(line: str, start: int, core: str) -> bool:
    """Whether ``core`` at ``start`` is a Roman numeral used as a number.

    The rule: the token is a valid numeral of at most four letters, and either follows a
    numbered-thing word ("Phase III", "type II", "Annex IV"), directly or through a list of
    numerals ("Phases I, II and III"), or is made only of I, V and X and directly follows a
    capitalised name ("Henry VIII", "Elizabeth II", "World War II"). After a capitalised word
    that opens a sentence, "IV" stays an acronym: "Give IV fluids" is likelier than a king.
    """
    if len(core) > 4 or not _ROMAN.fullmatch(core):
        return False
    window_start = max(0, start - 60)
    before = _REVERSED_WORD_BEFORE.match(line[window_start:start][::-1])
    if before is None:
        return False
    word = before.group("word")[::-1]
    lowered = word.lower()
    if lowered in _NUMBERED_THINGS or (lowered[-1] == "s" and lowered[:-1] in _NUMBERED_THINGS):
        return True
    if before.group("chain") or not set(core) <= set("IVX") or not _is_title_case(word):
        return False
    word_start = start - before.end()
    opens_sentence = _SENTENCE_START.search(line, max(0, word_start - 10), word_start)
    return core != "IV" or opens_sentence is None


def _is_title_case(word: str) -> bool:
    """A capitalised word such as a name: "Henry", not "HENRY" or "henry"."""
    return len(word) >= 2 and word[0].isupper() and word[1:].islower()


def _is_shouting(line: str) -> bool:
    """At least three words in capitals, making up 60% or more of the line's words."""
    words = _LETTER_WORD.findall(line)
    capitals = sum(1 for w in words if w.isupper())
    return capitals >= 3 and capitals * 5 >= len(words) * 3


# --------------------------------------------------------------------------------------------
# Definitions: short forms
# --------------------------------------------------------------------------------------------

_SHORT_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9&]*(?:-[A-Za-z0-9]+)*")
_CAPITAL_OR_DIGIT = re.compile(r"[A-Z0-9]")
_NOT_SHORT = _word_set(
    "OK NB PS NEW FREE NOTE NOTES UPDATE UPDATED URGENT IMPORTANT AND OR THE TBC TBA TBD TODO "
    "FIXME XXX"
)


@lru_cache(maxsize=4096)
def _is_valid_short(short: str) -> bool:
    """The short-form rule from the module docstring (cached: documents repeat their
    acronyms)."""
    if not 2 <= len(short) <= 10 or not _SHORT_TOKEN.fullmatch(short) or "&&" in short:
        return False
    if short.endswith("&") or short.upper() in _NOT_SHORT:
        return False
    capitals = sum(1 for c in short if c.isupper())
    digits = sum(1 for c in short if c.isdigit())
    if digits == len(short.replace("-", "").replace("&", "")):
        return False
    if any(not _CAPITAL_OR_DIGIT.search(part) for part in short.split("-")[1:]):
        return False
    if sum(1 for c in short if c.islower()) > capitals + digits:
        return False  # a word or an identifier ("Twitter", "TypeVar"), not an abbreviation
    if capitals >= 2 or (capitals and digits):
        return True
    return len(short) == 2 and short[0].isupper() and short[1].islower()


def _short_variants(raw: str) -> tuple[str, ...]:
    """The short form to match for ``raw``: the singular of a plural ("CCGs" -> "CCG").

    The written form is not tried as well: letting its "s" match would make "general practice
    surgery (GPs)" a definition.
    """
    if not _is_valid_short(raw):
        return ()
    if len(raw) >= 3 and raw[-1] == "s" and (raw[-2].isupper() or raw[-2].isdigit()):
        stem = raw[:-1]
        if _is_valid_short(stem):
            return (stem,)
    return (raw,)


def _match_chars(short: str) -> list[str]:
    """The characters of a short form that must be found in the long form (lower case).

    Hyphens are skipped, as Schwartz and Hearst skip non-alphanumerics; ``&`` is kept because
    it must match "and" or "&" ("A&E" for "Accident and Emergency").
    """
    return [c.lower() for c in short if c.isalnum() or c == "&"]


def _word_limit(short: str) -> int:
    """Schwartz and Hearst's longest long form, in words."""
    return min(len(short) + 5, len(short) * 2)


#: Short forms in common health use whose letters cannot be matched in their usual long form,
#: so letter matching can never find them. Kept tiny and explicit; long forms in lower case.
_IRREGULAR: dict[str, tuple[str, ...]] = {
    "HbA1c": ("glycated haemoglobin", "glycated hemoglobin", "glycosylated haemoglobin",
              "glycosylated hemoglobin"),
}


# --------------------------------------------------------------------------------------------
# Definitions: matching a short form against a long form
# --------------------------------------------------------------------------------------------

_NONSPACE = re.compile(r"\S+")
_STOPWORDS = _word_set(
    "a an the and or of for in on to with by at from as into & its their our your"
)
#: Words that cannot begin a long form (articles can: "The Health Foundation (THF)"), being
#: joiners or the way a sentence starts ("TODO: This code does not ...").
_BAD_FIRST_WORDS = _word_set(
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
class _Alignment:
    """How well a short form's characters sit in a long form that ends with a used word."""

    score: int
    word_starts: int
    unused_content_words: int
    words: int
    used_prefix: int  # how many leading words all take part


@dataclass(frozen=True, slots=True)
class _Layout:
    """A candidate long form, lower-cased, with where its words start and which of them are
    content words; worked out once per candidate and shared by every alignment of it."""

    low: str
    starts: list[int]
    content: list[bool]


#: One alignment step: (position, next free position, word, score, index in previous row).
_Step = tuple[int, int, int, int, int]


def _same_length_lower(text: str) -> str:
    """Lower-case ``text`` keeping every index (a few characters lower-case to two)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _is_word_start(low: str, j: int) -> bool:
    """A letter or digit with no letter or digit before it."""
    return j == 0 or not low[j - 1].isalnum()


def _is_and_word(low: str, j: int) -> bool:
    """Whether the word "and" starts at ``j``."""
    return (low.startswith("and", j) and _is_word_start(low, j)
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


def _schwartz_hearst_start(chars: Sequence[str], low: str) -> int:
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
        found = [(j, j + 1) for j in _find_all(low, "&")]
        found += [(j, j + 3) for j in _find_all(low, "and") if _is_and_word(low, j)]
        return sorted(found)
    return [(j, j + 1) for j in _find_all(low, c)]


def _find_all(low: str, sub: str) -> Iterator[int]:
    """Every index where ``sub`` occurs in ``low``."""
    j = low.find(sub)
    while j >= 0:
        yield j
        j = low.find(sub, j + 1)


def _layout(long: str) -> _Layout:
    """Lay out a candidate long form for alignment."""
    tokens = [(m.start(), m.end()) for m in _NONSPACE.finditer(long)]
    return _Layout(_same_length_lower(long), [s for s, _ in tokens],
                   [_is_content_word(long[s:e]) for s, e in tokens])


def _align(chars: Sequence[str], long: str) -> _Alignment | None:
    """The best alignment of ``chars`` in ``long`` that starts at index 0 and uses the last
    word; None if there is none."""
    layout = _layout(long)
    rows = _rows(chars, layout)
    return None if rows is None else _summarise(rows, layout, len(layout.starts) - 1)


def _rows(chars: Sequence[str], layout: _Layout) -> list[list[_Step]] | None:
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
        gain = 2 if _is_word_start(layout.low, j) else 0
        options = []
        if best_any[1] >= 0:
            options.append((best_any[0] + gain, best_any[1]))
        if best_word[1] >= 0:
            options.append((best_word[0] + gain + 1 + layout.content[token], best_word[1]))
        if options:
            score, back = max(options)
            row.append((j, nxt, token, score, back))
    return row


def _summarise(rows: list[list[_Step]], layout: _Layout, last: int) -> _Alignment | None:
    """The best alignment whose final character lies in word ``last`` (so the long form
    ending with that word uses its last word), with what it uses; None if there is none."""
    finals = [k for k, step in enumerate(rows[-1]) if step[2] == last]
    if not finals:
        return None
    k = max(finals, key=lambda i: rows[-1][i][3])
    score = rows[-1][k][3]
    used: set[int] = set()
    word_starts = 0
    for row in reversed(rows):
        j, _, token, _, back = row[k]
        used.add(token)
        word_starts += _is_word_start(layout.low, j)
        k = back
    unused = sum(1 for t in range(last + 1) if layout.content[t] and t not in used)
    prefix = 0
    while prefix in used:
        prefix += 1
    return _Alignment(score, word_starts, unused, last + 1, prefix)


def _is_content_word(token: str) -> bool:
    """A word that a long form should not skip: not a stop word, and has a letter or digit."""
    bare = token.strip("\"'\u201c\u201d\u2018\u2019,.;:()-").lower()
    return bool(bare) and bare not in _STOPWORDS and any(c.isalnum() for c in bare)


def _acceptable(alignment: _Alignment | None, long: str, short: str) -> bool:
    """The Ab3P-style precision checks on a matched pair (see the module docstring)."""
    if alignment is None:
        return False
    if alignment.words > _word_limit(short) or len(long) <= len(short):
        return False
    if alignment.words >= 2 and alignment.word_starts < 2:
        return False
    if alignment.unused_content_words > 1:
        return False
    if alignment.unused_content_words == 1 and alignment.word_starts < 3:
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
    if len(_match_chars(short)) < 3 and not (len(short) == 2 and short[1].islower()):
        return False
    return _CAMEL_HUMP.search(word) is None


def _looks_like_prose(long: str) -> bool:
    """No code characters, no dotted names ("np.datetime64") and no overlong tokens."""
    if any(c in _NOT_IN_LONG_FORMS for c in long) or _DOTTED_NAME.search(long):
        return False
    return all(len(w) <= _LONGEST_WORD for w in long.split())


# --------------------------------------------------------------------------------------------
# Definitions: finding candidate pairs
# --------------------------------------------------------------------------------------------

#: A bracket with no bracket or line break inside: the place most definitions are written.
_BRACKET = re.compile(r"\(([^()\n]{1,160})\)")
#: Everything up to the last place a long form written before its short form cannot reach
#: back past: a sentence end, a clause mark or bracket, a blank line or a new list item. The
#: greedy prefix makes one anchored match find the last one (windows are short, so cheap).
_LAST_BOUNDARY = re.compile(
    r"(?s:.*)(?:(?<![A-Za-z]\.[A-Za-z])[.!?][\"'\u201d\u2019]*(?=\s)|[;:()\[\]{}|\u2022]"
    r"|\n[ \t]*\n|\n[ \t]*(?:[-*+#>]|\d{1,3}[.)])[ \t])"
)
_QUOTES = "\"'\u201c\u201d\u2018\u2019"
#: Characters that join a token to the one before it, so it cannot be a short form alone.
_JOINERS = frozenset("&-_./@#\\")
#: Phrases that introduce a short form: "(or CCG)", "(known as the CCG)".
_CUE_PREFIX = re.compile(
    r"(?i:or|also known as|known as|aka|a\.k\.a\.|hereafter referred to as|hereafter called"
    r"|hereafter|hereinafter|referred to as|abbreviated to|abbreviated as|called|shortened to)"
    r"[ \t]+"
)
_ARTICLE = re.compile(r"(?i:the|a|an|your|our|their|its)[ \t]+")
#: Openers of a bracket that is an aside, never a long form: "(for example, GPs)".
_ASIDE_OPENERS = _word_set(
    """for e.g. eg e.g i.e. ie i.e such including see which who whose that where when while
    as because since if unless although though but and not also now formerly previously
    page pages p. pp. para paragraph figure fig table chapter section annex appendix note
    optional approx about around in on at from to by with per plus excluding except only
    mainly mostly usually often sometimes this these those it they we you he she there
    is are was were will can may"""
)
#: A file size or page count after a comma: "(PDF, 2MB)", "(PDF, 12 pages)".
_FILE_SIZE = re.compile(r"(?i)[ \t]*\d[\d.,]*[ \t]*(?:[kmg]b|bytes?|pages?)\b")
_SPLITTERS = re.compile(r",|;|[ \t][-\u2013\u2014][ \t]|\u2014")

#: Cues after a long form and before its short form, outside brackets: ", or CCG,".
#: (The lookahead on the first letters lets ``re`` skip ahead quickly: twice as fast.)
_CUE_AFTER = re.compile(
    r"(?=(?i:[oakrh]))\b(?i:(?P<or>or)|also known as|known as|referred to as|abbreviated to"
    r"|abbreviated as|hereafter|hereinafter)[ \t]+"
)
#: Cues between a short form and its long form in running text: "CCG stands for ...".
_STANDS_FOR = re.compile(
    r"(?=(?i:[si]))\b(?i:stands for|is short for|is an abbreviation (?:for|of)"
    r"|is an acronym (?:for|of))[ \t]+"
)
_TOKEN_BEFORE = re.compile(
    r"[\"'\u201c\u2018]?(?P<short>[A-Za-z0-9][A-Za-z0-9&]*(?:-[A-Za-z0-9]+)*)"
    r"[\"'\u201d\u2019]?[ \t]*\Z"
)
#: A glossary line: "CCG - clinical commissioning group", "**CCG**: ...", "| CCG | ... |".
_GLOSSARY = re.compile(
    r"^[ \t]*(?:[-*+\u2022\u00b7\u25aa][ \t]+|\d{1,3}[.)][ \t]+|\|[ \t]*|#{1,6}[ \t]+)?"
    r"(?:\*\*|__|[\"'\u201c\u2018])?(?P<short>[A-Za-z0-9][A-Za-z0-9&]*(?:-[A-Za-z0-9]+)*)"
    r"(?:\*\*|__|[\"'\u201d\u2019])?"
    r"(?:[ \t]*:[ \t]*|[ \t]+[-\u2013\u2014][ \t]+|[ \t]*[\u2013\u2014][ \t]*|\t[ \t]*"
    r"|[ \t]*\|[ \t]*)"
    r"(?:\*\*|__)?",
    re.MULTILINE,
)
#: How far after its short form a long form may run, in characters (15 long words).
_MAX_FORWARD = 400
#: Where a long form filling a bracket stops (commas allowed: "measles, mumps and rubella").
_WHOLE_STOP = re.compile(r"[.!?](?:\s|\Z)|[;:|\[\]\n\u2014]|[ \t][-\u2013][ \t]")
#: Where a long form written after its short form stops. Commas do not stop it ("EHCP:
#: education, health and care plan"); the best-scoring word prefix is taken instead.
_FORWARD_STOP = re.compile(
    r"[.!?](?:\s|\Z)|[;:()|\[\]\n\u2014]|\*\*|__|[ \t][-\u2013][ \t]|\u2013"
)


def find_definitions(text: str) -> list[AcronymDefinition]:
    """Every place ``text`` spells out an acronym, in text order.

    Forms found: "long form (SF)", "SF (long form)", "long form, or SF,", "long form (or SF)",
    "long form ("SF")", "long form, known as the SF", "SF stands for long form" and glossary
    lines ("SF - long form", "SF: long form", "| SF | long form |"). A short form defined twice
    is reported twice; one short-form occurrence is reported once.
    """
    found: dict[tuple[int, int], AcronymDefinition] = {}
    for finder in (_bracket_definitions, _cue_definitions, _glossary_definitions,
                   _stands_for_definitions):
        for d in finder(text):
            found.setdefault((d.short_start, d.short_end), d)
    return sorted(found.values(), key=lambda d: (d.start, d.short_start))


def _definition(short: str, short_start: int, long_start: int, long_end: int,
                text: str) -> AcronymDefinition:
    """Build a definition; the short span covers the short form as written (with any "s")."""
    short_end = short_start + len(short)
    if text.startswith("s", short_end) and not text[short_end + 1:short_end + 2].isalnum():
        short_end += 1
    return AcronymDefinition(short, text[long_start:long_end], short_start, short_end,
                             long_start, long_end, min(short_start, long_start),
                             max(short_end, long_end))


def _bracket_definitions(text: str) -> Iterator[AcronymDefinition]:
    """Definitions with a bracket: "long (SF)", "long (or SF)" and "SF (long)"."""
    for m in _BRACKET.finditer(text):
        inner_start, inner_end = m.start(1), m.end(1)
        head_end = _head_end(text, inner_start, inner_end)
        if head_end < 0:
            continue
        start, cued = _skip_cues(text, inner_start, head_end)
        short, s_start = _quoted_token(text, start, head_end)
        if short is not None:
            d = _long_before(text, m.start(), short, s_start)
        elif _is_aside(text, inner_start, inner_end) and not cued:
            continue
        else:  # "SF (long)": the whole bracket ("MMR (measles, mumps and rubella)"), or its head
            d = _short_before(text, m.start(), start, inner_end)
            if d is None and head_end != inner_end:
                d = _short_before(text, m.start(), start, head_end)
        if d is not None:
            yield d


def _head_end(text: str, start: int, end: int) -> int:
    """End of a bracket's first part ("CCG" in "(CCG, 2019)"); -1 if it is a file note."""
    split = _SPLITTERS.search(text, start, end)
    if split is None:
        return end
    if _FILE_SIZE.match(text, split.end(), end):
        return -1
    return split.start()


def _skip_cues(text: str, start: int, end: int) -> tuple[int, bool]:
    """Skip spaces, an introducing cue ("or", "known as") and an article; say if a cue was."""
    start = _skip_spaces(text, start, end)
    cue = _CUE_PREFIX.match(text, start, end)
    if cue is not None:
        start = cue.end()
    article = _ARTICLE.match(text, start, end)
    if article is not None and article.group().strip().lower() == "the":
        start = article.end()
    return start, cue is not None


def _skip_spaces(text: str, start: int, end: int) -> int:
    """The first index at or after ``start`` that is not a space or tab (at most ``end``)."""
    while start < end and text[start] in " \t":
        start += 1
    return start


def _quoted_token(text: str, start: int, end: int) -> tuple[str | None, int]:
    """The short form filling text[start:end], quotes allowed round it; (None, -1) if none."""
    while end > start and text[end - 1] in " \t":
        end -= 1
    if end - start >= 2 and text[start] in _QUOTES and text[end - 1] in _QUOTES:
        start, end = start + 1, end - 1
    token = text[start:end]
    return (token, start) if _is_valid_short(token) else (None, -1)


def _is_aside(text: str, start: int, end: int) -> bool:
    """A bracket that opens like an aside ("see below", "for example", "2017")."""
    words = text[start:end].split()
    if not words:
        return True
    first = words[0].lower().strip(_QUOTES + ",")
    return first in _ASIDE_OPENERS or first.isdigit()


def _long_before(text: str, end: int, raw: str, short_start: int) -> AcronymDefinition | None:
    """A long form ending just before ``end`` for short form ``raw`` (the classic case)."""
    for short in _short_variants(raw):
        window_start, window_end = _window_before(text, end, _word_limit(short))
        if window_end <= window_start:
            return None
        window = text[window_start:window_end]
        first = _irregular_start(short, window)
        if first >= 0:
            return _definition(short, short_start, window_start + first, window_end, text)
        first = _best_start(_match_chars(short), window, short)
        if first >= 0:
            return _definition(short, short_start, window_start + first, window_end, text)
    return None


def _best_start(chars: Sequence[str], window: str, short: str) -> int:
    """Where in ``window`` the long form for ``short`` starts; -1 if nowhere acceptable.

    Schwartz and Hearst's start is the rightmost word start that lets every character match.
    That can cut a long form short ("protective equipment" for PPE, "mumps and rubella" for
    MMR), so word starts further left with the right first letter are tried too, and the
    acceptable one using the most word beginnings wins (then fewest unused words, then the
    shortest). A start further left must use every word it adds, so "pairs of The Paraphrase
    Database (PPDB)" keeps "The Paraphrase Database".
    """
    low = _same_length_lower(window)
    rightmost = _schwartz_hearst_start(chars, low)
    if rightmost < 0:
        return -1
    best: tuple[int, int, int] | None = None  # (word starts, -unused words, start)
    for start in [rightmost, *_word_starts_before(low, chars[0], rightmost)[:_MORE_STARTS]]:
        if best is not None and best[0] == len(chars):
            break  # every character already begins a word: nothing further left can beat it
        long = window[start:]
        alignment = _align(chars, long)
        added = len(window[start:rightmost].split())
        if alignment is None or alignment.used_prefix < added:
            continue
        if _acceptable(alignment, long, short):
            rank = (alignment.word_starts, -alignment.unused_content_words, start)
            if best is None or rank > best:
                best = rank
    return best[2] if best is not None else -1


#: How many starts further left than Schwartz and Hearst's to try.
_MORE_STARTS = 3


def _word_starts_before(low: str, c: str, end: int) -> list[int]:
    """Word starts before ``end`` that begin with character ``c``, nearest first."""
    found = [j for j in _find_all(low[:end], c) if _is_word_start(low, j)]
    return found[::-1]


def _irregular_start(short: str, window: str) -> int:
    """Where a listed irregular long form ends the window ("glycated haemoglobin"); else -1."""
    low = window.lower()
    for long in _IRREGULAR.get(short, ()):
        if low.endswith(long) and (len(low) == len(long) or not low[-len(long) - 1].isalnum()):
            return len(window) - len(long)
    return -1


def _window_before(text: str, end: int, limit: int) -> tuple[int, int]:
    """The last ``limit`` words before ``end`` within one clause, trailing punctuation cut."""
    low = max(0, end - 40 * limit - 40)
    boundary = _LAST_BOUNDARY.match(text, low, end)
    cut = boundary.end() if boundary is not None else low
    while end > cut and not text[end - 1].isalnum():
        end -= 1
    words = [m.start() for m in _NONSPACE.finditer(text, cut, end)]
    if not words:
        return end, end
    start = words[-limit] if len(words) >= limit else words[0]
    while start < end and not text[start].isalnum():
        start += 1
    return start, end


def _short_before(text: str, bracket: int, start: int, end: int) -> AcronymDefinition | None:
    """"SF (long form)": the short form is the token just before the bracket."""
    before = _TOKEN_BEFORE.search(text, max(0, bracket - 30), bracket)
    if before is None:
        return None
    s_start = before.start("short")
    if s_start > 0 and (text[s_start - 1].isalnum() or text[s_start - 1] in _JOINERS):
        return None
    if bracket == 0 or not text[bracket - 1].isspace():
        return None  # "SF(long)" with no space is a function call, not prose
    span = _long_after(text, before.group("short"), start, end, whole=True)
    if span is None:
        return None
    short, long_start, long_end = span
    return _definition(short, s_start, long_start, long_end, text)


def _long_after(text: str, raw: str, start: int, end: int, whole: bool
                ) -> tuple[str, int, int] | None:
    """A long form starting at ``start`` for short form ``raw``: (short, start, end).

    With ``whole`` the long form must fill text[start:end] (a bracket); otherwise the best of
    its word prefixes is taken (a glossary line runs on into a description).
    """
    for short in _short_variants(raw):
        best: tuple[int, int, int] | None = None  # (score, begin, end)
        for begin in _long_starts(text, start, end):
            stop = (_WHOLE_STOP if whole else _FORWARD_STOP).search(text, begin, end)
            stop_at = stop.start() if stop is not None else end
            if whole and stop_at != end and text[stop_at:end].strip(" \t.!?"):
                continue
            found = _irregular_after(text, begin, stop_at, short, whole)
            found = found or _best_prefix(text, begin, stop_at, short, whole)
            if found is not None and (best is None or found[0] > best[0]):
                best = found
        if best is not None:
            return short, best[1], best[2]
    return None


def _irregular_after(text: str, begin: int, stop: int, short: str, whole: bool
                     ) -> tuple[int, int, int] | None:
    """A listed irregular long form at ``begin`` (see ``_IRREGULAR``): (score, begin, end)."""
    for long in _IRREGULAR.get(short, ()):
        end = begin + len(long)
        if end > stop or text[begin:end].lower() != long:
            continue
        rest = text[end:stop]
        if (not rest or not rest[0].isalnum()) and (not whole or not rest.strip(" \t.!?")):
            return 1000, begin, end
    return None


def _long_starts(text: str, start: int, end: int) -> list[int]:
    """Where a long form written after its short form may begin: after spaces and quotes,
    and also after an article ("STP (the Sustainability ...)"), the article tried second."""
    start = _skip_spaces(text, start, end)
    while start < end and text[start] in _QUOTES:
        start += 1
    if start >= end or not text[start].isalnum():
        return []
    article = _ARTICLE.match(text, start, end)
    if article is not None and article.end() < end and text[article.end()].isalnum():
        return [article.end(), start]
    return [start]


def _best_prefix(text: str, begin: int, stop: int, short: str, whole: bool
                 ) -> tuple[int, int, int] | None:
    """The best word prefix of text[begin:stop] as a long form for ``short``:
    (score, begin, end); with ``whole``, only the whole of it."""
    limit = _word_limit(short)
    ends = []
    for m in _NONSPACE.finditer(text, begin, stop):
        ends.append(m.end())
        if len(ends) > limit:
            if whole:
                return None
            ends.pop()
            break
    return _pick(text, begin, ends, short, whole)


def _pick(text: str, begin: int, ends: list[int], short: str, only_last: bool
          ) -> tuple[int, int, int] | None:
    """Among word ends (or only the last), the acceptable long form with the best alignment
    score; on a tie the shorter wins. One alignment table over the longest prefix serves
    every shorter one."""
    if not ends:
        return None
    chars = _match_chars(short)
    layout = _layout(text[begin:ends[-1]])
    rows = _rows(chars, layout)
    if rows is None:
        return None
    best: tuple[int, int, int] | None = None  # (score, -end, end)
    for last, end in enumerate(ends):
        if only_last and last < len(ends) - 1:
            continue
        while end > begin and not text[end - 1].isalnum():
            end -= 1
        alignment = _summarise(rows, layout, last)
        if alignment is not None and _acceptable(alignment, text[begin:end], short):
            candidate = (alignment.score, -end, end)
            if best is None or candidate > best:
                best = candidate
    return (best[0], begin, best[2]) if best is not None else None


def _cue_definitions(text: str) -> Iterator[AcronymDefinition]:
    """"long form, or SF," and "long form, known as (the) SF" outside brackets."""
    for m in _CUE_AFTER.finditer(text):
        if not _cue_is_placed(text, m.start(), m.group("or") is not None):
            continue
        pos = m.end()
        article = _ARTICLE.match(text, pos)
        if article is not None and article.group().strip().lower() == "the":
            pos = article.end()
        token = _token_at(text, pos)
        if token is None:
            continue
        raw, s_start, after = token
        if m.group("or") is not None and not _ends_clause(text, after):
            continue
        d = _long_before(text, m.start(), raw, s_start)
        if d is not None:
            yield d


def _cue_is_placed(text: str, start: int, is_or: bool) -> bool:
    """"or" must follow a comma (", or CCG"); other cues a space or a comma."""
    k = start
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    if is_or:
        return k > 0 and text[k - 1] == ","
    return k < start or (k > 0 and text[k - 1] == ",")


def _token_at(text: str, pos: int) -> tuple[str, int, int] | None:
    """A possibly quoted short-form token at ``pos``: (token, its start, end after quotes)."""
    quoted = pos < len(text) and text[pos] in _QUOTES
    start = pos + quoted
    m = _SHORT_TOKEN.match(text, start)
    if m is None:
        return None
    end = m.end()
    if end < len(text) and (text[end].isalnum() or text[end] in "&"):
        return None
    if quoted and end < len(text) and text[end] in _QUOTES:
        end += 1
    return m.group(), start, end


def _ends_clause(text: str, pos: int) -> bool:
    """Whether a clause ends at ``pos`` (", or CCG," but not ", or GP practice")."""
    rest = text[pos:pos + 3]
    return not rest or rest[0] in ",.;:)!?\n" or rest.startswith((" -", " \u2013", " \u2014"))


def _glossary_definitions(text: str) -> Iterator[AcronymDefinition]:
    """Glossary lines: "SF - long form", "SF: long form", "| SF | long form |"."""
    for m in _glossary_lines(text):
        span = _long_after(text, m.group("short"), m.end(), _line_end(text, m.end()), whole=False)
        if span is not None:
            yield _definition(span[0], m.start("short"), span[1], span[2], text)


def _glossary_lines(text: str) -> Iterator[re.Match[str]]:
    """The glossary-line matches of ``text``: matched line by line from each line start,
    which is far quicker than letting ``re`` try every position for a ``^``."""
    start = 0
    while start >= 0:
        m = _GLOSSARY.match(text, start)
        if m is not None:
            yield m
        start = text.find("\n", start)
        start = start + 1 if start >= 0 else -1


def _stands_for_definitions(text: str) -> Iterator[AcronymDefinition]:
    """"CCG stands for clinical commissioning group" and similar phrasings."""
    for m in _STANDS_FOR.finditer(text):
        before = _TOKEN_BEFORE.search(text, max(0, m.start() - 30), m.start())
        if before is None:
            continue
        s_start = before.start("short")
        if s_start > 0 and (text[s_start - 1].isalnum() or text[s_start - 1] in _JOINERS):
            continue
        span = _long_after(text, before.group("short"), m.end(), _line_end(text, m.end()),
                           whole=False)
        if span is not None:
            yield _definition(span[0], s_start, span[1], span[2], text)


def _line_end(text: str, start: int) -> int:
    """The end of the line from ``start``, looking no further than a long form can reach."""
    limit = min(len(text), start + _MAX_FORWARD)
    end = text.find("\n", start, limit)
    return limit if end < 0 else end
