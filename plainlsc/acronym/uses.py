"""Acronyms in use: the all-capital tokens of a text that are acronyms a reader meets.

Web and e-mail addresses, handles, file names, code, postcodes, Roman numerals used as
numbers, bracketed placeholders such as ``[INSERT NAME]``, "OK", and whole lines written in
capitals (shouting is another rule's business) are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from plainlsc.acronym.records import AcronymUse
from plainlsc.text.nonprose import DATE_FIELD, POSTCODE, is_address, is_code, word_set

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

#: Square-bracketed text without lower-case letters: a template placeholder ("[INSERT NAME]").
_PLACEHOLDER = re.compile(r"\[[^\[\]a-z\n]{2,80}\]")

#: Runs of two or more letters, the "words" a shouting line is judged by.
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")

_ROMAN = re.compile(r"M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")

#: Words after which a Roman numeral is a number: "Phase III", "Type II", "part IV".
_NUMBERED_THINGS = word_set(
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
        if is_code(line[start:end]) or is_address(line[start:end]):
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


def _blocked_spans(line: str) -> list[tuple[int, int]]:
    """Spans of postcodes and placeholders, whose capitals are not acronyms."""
    spans = [(m.start(), m.end()) for m in POSTCODE.finditer(line)]
    spans.extend((m.start(), m.end()) for m in _PLACEHOLDER.finditer(line))
    spans.extend((m.start(), m.end()) for m in DATE_FIELD.finditer(line))
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
