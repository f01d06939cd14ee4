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
  beginnings and using every word it adds (or, when every character begins a word, every
  word but joining words: "Association of Directors of Adult Social Services (ADASS)");
* a pair is kept only if the long form's last word takes part, at least two matched
  characters begin words (for a long form of two or more words), and at most one content
  word is unused, and that only when three or more characters begin words ("National
  Institute for Health and Care Excellence (NICE)");
* letters from inside words stand in for word starts when there are three or more, each
  sits at a word start or a syllable start (a consonant after a vowel), and some word gives
  two of them ("alanine aminotransferase (ALT)", "lysergic acid diethylamide (LSD)");
* when nothing else fits, the last word may give no letter, if it is a plain word and the
  rest aligns almost perfectly ("Royal National Institute of Blind People (RNIB)") or is
  one word that begins with the short form ("arcuate nucleus (ARC)"); a year closing an
  Act's name is left out ("Mental Capacity Act 2005 (MCA)"), and a chemical name keeps its
  locants ("4',6-diamidino-2-phenylindole (DAPI)");
* a bracket that lists examples ("(TCP, QUIC, etc.)") or opens onto code ("$(MAKE)") is
  not a definition; glossary lines ("SF: long form") and brackets citing a source ("(OHID,
  2025)") use none of the looser readings (inside letters, a last word with no letter);
* a one-word long form needs a short form of three or more characters or a capital-small pair
  ("Hb"), and is never a joined-up identifier; no long form holds code characters, dotted
  names, the short form itself, or starts with a joining word ("of", "and") or a sentence
  opener ("This", "If");
* "SF (long form)" needs a space before the bracket (``f(x)`` is code) and a bracket that does
  not open like an aside ("see", "for example", "which", a number);
* a few health short forms whose letters cannot be matched ("glycated haemoglobin (HbA1c)")
  are listed in ``IRREGULAR``.

A short form, once surrounding quotes are removed, is a single token that:

* is 2 to 10 characters of ASCII letters and digits, with ``&`` or ``-`` allowed inside;
* begins with a letter or digit, contains at least one letter, and after each hyphen has a
  capital, a digit or a Greek letter ("IL-2", "COVID-19", "TNF-alpha", but not "NHS-funded");
* has two or more capitals ("CCG", "mRNA", "HbA1c"), or one capital and a digit ("B12"), or is
  two letters written capital-then-small ("Hb");
* has no more small letters than capitals and digits together ("DoLS" yes; "Twitter",
  "TypeVar" no), not counting a Greek letter after a hyphen ("TNF-alpha");
* is not one of a few words written in capitals for other reasons ("NEW", "NOTE", "TODO").

Three more readings need a demanding alignment, with no content word left out: a word in
capitals from that list ("odds ratio (OR)") and a short form whose number suffix the long
form leaves out ("Patient Health Questionnaire (PHQ-9)") need every character at a word
start; a short form written like a word, a capital then small letters ("Defra", "Acas",
"Dstl", "Dpp"), needs all its characters but one (and at least two) at word starts and a
long form that begins with a capital ("Department for Environment, Food and Rural
Affairs").

A small ``s`` after a capital or digit is a plural: "(STPs)" is matched without the ``s`` and
reported as written, ``STPs``, with the key ``STP`` that its later uses are matched by. A
short form with spaces or all in small letters ("(optional)") is never a short form, and
one in title case ("(Twitter)") only with the demanding alignment above.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from plainlsc.acronym.align import (
    NONSPACE,
    Alignment,
    acceptable,
    align,
    alignment_rows,
    find_all,
    is_word_start,
    layout_of,
    same_length_lower,
    schwartz_hearst_start,
    summarise,
)
from plainlsc.acronym.records import AcronymDefinition
from plainlsc.acronym.shorts import (
    IRREGULAR,
    SHORT_TOKEN,
    Variant,
    is_valid_short,
    match_chars,
    short_variants,
    word_limit,
)
from plainlsc.text.nonprose import word_set

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
_ASIDE_OPENERS = word_set(
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


def _definition(key: str, short_start: int, long_start: int, long_end: int,
                text: str) -> AcronymDefinition:
    """Build a definition of ``key`` (the singular short form that was matched): the short
    form is reported as written, with any plural "s" ("AEDs"), and ``key`` kept to match
    later uses."""
    short_end = short_start + len(key)
    if text.startswith("s", short_end) and not text[short_end + 1:short_end + 2].isalnum():
        short_end += 1
    return AcronymDefinition(text[short_start:short_end], text[long_start:long_end],
                             short_start, short_end, long_start, long_end,
                             min(short_start, long_start), max(short_end, long_end), key)


def _bracket_definitions(text: str) -> Iterator[AcronymDefinition]:
    """Definitions with a bracket: "long (SF)", "long (or SF)" and "SF (long)"."""
    for m in _BRACKET.finditer(text):
        inner_start, inner_end = m.start(1), m.end(1)
        head_end = _head_end(text, inner_start, inner_end)
        if head_end < 0:
            continue
        start, cued = _skip_cues(text, inner_start, head_end)
        if head_end != inner_end and _is_list(text, head_end, inner_end):
            continue  # "(TCP, QUIC, etc.)": examples, not a definition
        short, s_start = _quoted_token(text, start, head_end)
        if short is not None and not _spaced(text, m.start(), inner_end):
            continue  # "$(MAKE)", "f(CCG)": code, not prose
        loose = not _CITATION.match(text, head_end, inner_end)
        d = (_long_before(text, m.start(), short, s_start, loose) if short is not None
             else None)
        if d is None and (short is None or not is_valid_short(short)):
            if _is_aside(text, inner_start, inner_end) and not cued:
                continue
            # "SF (long)": the whole bracket ("MMR (measles, mumps and rubella)"), or its head
            d = _short_before(text, m.start(), start, inner_end)
            if d is None and head_end != inner_end:
                d = _short_before(text, m.start(), start, head_end)
        if d is not None:
            yield d


#: The rest of a bracket that cites a source: "(OHID, 2025)", "(ONS 2023)".
_CITATION = re.compile(r"[,;]?[ \t]*(?:1[89]|20)[0-9]{2}[a-z]?\b")


def _is_list(text: str, head_end: int, end: int) -> bool:
    """Whether a bracket goes on, after its first part, with another short form or "etc":
    "(TCP, QUIC, etc.)" lists examples rather than naming what comes before."""
    rest = [w.strip(".,;") for w in _SPLITTERS.sub(" ", text[head_end:end]).split()]
    return bool(rest) and all(w.lower() in _LIST_WORDS or is_valid_short(w) for w in rest)


_LIST_WORDS = frozenset({"etc", "and", "or", ""})


def _spaced(text: str, bracket: int, end: int) -> bool:
    """Whether the bracket at ``bracket`` opens after a space, a quote or a line start, or
    after a letter with one token inside ("Expression(BRE)", a slip of the keyboard); but
    not "$(MAKE)" or "socket(SOCK, ...)", which are code."""
    if bracket == 0 or text[bracket - 1].isspace() or text[bracket - 1] in _QUOTES:
        return True
    return text[bracket - 1].isalpha() and len(text[bracket + 1:end].split()) == 1


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
    return (token, start) if short_variants(token) else (None, -1)


def _is_aside(text: str, start: int, end: int) -> bool:
    """A bracket that opens like an aside ("see below", "for example", "2017")."""
    words = text[start:end].split()
    if not words:
        return True
    first = words[0].lower().strip(_QUOTES + ",")
    return first in _ASIDE_OPENERS or first.isdigit()


def _long_before(text: str, end: int, raw: str, short_start: int, loose: bool = True
                 ) -> AcronymDefinition | None:
    """A long form ending just before ``end`` for short form ``raw`` (the classic case).

    Without ``loose`` (a bracket citing a source, "(OHID, 2025)", whose short form names an
    author more often than the words before it) neither letters from inside words nor a
    last word that gives no letter are accepted.
    """
    for variant in short_variants(raw):
        short = variant.letters
        window_start, window_end = _window_before(text, end, word_limit(short))
        window_end = _without_year(text, window_start, window_end, short)
        if window_end <= window_start:
            return None
        window = text[window_start:window_end]
        first = _irregular_start(short, window)
        if first < 0:
            first = _best_start(match_chars(short), window, short, variant.demand, loose)
        if first < 0 and variant.demand == 0 and loose:
            first = _start_before_head_noun(window, short)
        if first >= 0:
            begin = _with_locants(text, window_start, window_start + first)
            return _definition(variant.key, short_start, begin, window_end, text)
    return None


_LOCANTS = re.compile(r"[0-9][0-9,'\u2032]*-\Z")


def _with_locants(text: str, window_start: int, begin: int) -> int:
    """Where a long form starting at ``begin`` really starts: a chemical name's locants go
    with it ("4',6-diamidino-2-phenylindole (DAPI)"), though they give no letter."""
    token = begin
    while token > window_start and not text[token - 1].isspace():
        token -= 1
    return token if token < begin and _LOCANTS.match(text, token, begin) else begin


_YEAR = re.compile(r"[ \t](?:1[89]|20)[0-9]{2}\Z")


def _without_year(text: str, start: int, end: int, short: str) -> int:
    """The window's end without a year that ends it ("Human Rights Act 1998 (HRA)"): a
    reader takes the Act's name as the long form, and the year adds no letter."""
    year = _YEAR.search(text, start, end)
    if year is None or any(c.isdigit() for c in short):
        return end
    return year.start()


def _start_before_head_noun(window: str, short: str) -> int:
    """A long form whose last word adds no letter: "arcuate nucleus (ARC)", "Royal National
    Institute of Blind People (RNIB)", "Hepatitis B virus X protein (HBx)".

    Tried only when nothing else fits, for short forms of three or more characters. The last
    word must be a plain word in small letters or with a capital, and the rest must align
    very well on its own: all characters but one at word starts, three or more of them, and
    no content word left out unless every character begins a word ("virus" in HBx's long
    form); or a clipped word ("arcuate" for ARC), a whole word that begins with the short
    form.
    """
    chars = match_chars(short)
    words = list(NONSPACE.finditer(window))
    if len(chars) < 3 or len(words) < 2 or not _is_head_noun(words[-1].group()):
        return -1
    rest = window[:words[-2].end()]
    found = _best_alignment(chars, rest, short, 0, True)
    if found is None:
        return -1
    start, alignment = found
    if alignment.words == 1:
        clipped = (start == words[-2].start()
                   and rest[start:].lower().startswith("".join(chars)))
        return start if clipped else -1
    if alignment.unused_content_words and alignment.word_starts < len(chars):
        return -1  # "obese as those in the least deprived areas (OHID, 2025)"
    return start if alignment.word_starts >= max(3, len(chars) - 1) else -1


def _is_head_noun(word: str) -> bool:
    """A word that can close a long form without adding a letter: letters (and hyphens)
    only, three or more of them, not a joining word."""
    return (len(word) >= 3 and word.replace("-", "").isalpha() and not word[1:].isupper()
            and word.lower() not in _NOT_HEAD_NOUNS)


#: Words that end a clause rather than a name, so never close a long form.
_NOT_HEAD_NOUNS = word_set(
    """and or of for the with from into than that this these those which who are was were
    has have had been being its their our your his her"""
)


def _best_start(chars: Sequence[str], window: str, short: str, demand: int, loose: bool
                ) -> int:
    """Where in ``window`` the long form for ``short`` starts; -1 if nowhere acceptable."""
    found = _best_alignment(chars, window, short, demand, loose)
    return -1 if found is None else found[0]


def _best_alignment(chars: Sequence[str], window: str, short: str, demand: int, loose: bool
                    ) -> tuple[int, Alignment] | None:
    """Where in ``window`` the long form for ``short`` starts, and its alignment.

    Schwartz and Hearst's start is the rightmost word start that lets every character match.
    That can cut a long form short ("protective equipment" for PPE, "mumps and rubella" for
    MMR), so word starts further left with the right first letter are tried too, and the
    acceptable one using the most word beginnings wins (then fewest unused words, then the
    shortest). A start further left must use every word it adds, so "pairs of The Paraphrase
    Database (PPDB)" keeps "The Paraphrase Database", unless every character then begins a
    content word, skipping only joining words ("Association of Directors of Adult Social
    Services (ADASS)").
    """
    low = same_length_lower(window)
    rightmost = schwartz_hearst_start(chars, low)
    if rightmost < 0:
        return None
    best: tuple[int, int, int] | None = None  # (word starts, -unused words, start)
    found: dict[int, Alignment] = {}
    for start in [rightmost, *_word_starts_before(low, chars[0], rightmost)[:_MORE_STARTS]]:
        if best is not None and best[0] == len(chars):
            break  # every character already begins a word: nothing further left can beat it
        long = window[start:]
        alignment = align(chars, long)
        if alignment is None:
            continue
        added = len(window[start:rightmost].split())
        perfect = (alignment.word_starts == len(chars)
                   and alignment.unused_content_words == 0)
        if alignment.used_prefix < added and not perfect:
            continue
        if acceptable(alignment, long, short, demand, inside_letters=loose):
            rank = (alignment.word_starts, -alignment.unused_content_words, start)
            found[start] = alignment
            if best is None or rank > best:
                best = rank
    return (best[2], found[best[2]]) if best is not None else None


#: How many starts further left than Schwartz and Hearst's to try.
_MORE_STARTS = 3


def _word_starts_before(low: str, c: str, end: int) -> list[int]:
    """Word starts before ``end`` that begin with character ``c``, nearest first."""
    found = [j for j in find_all(low[:end], c) if is_word_start(low, j)]
    return found[::-1]


def _irregular_start(short: str, window: str) -> int:
    """Where a listed irregular long form ends the window ("glycated haemoglobin"); else -1."""
    low = window.lower()
    for long in IRREGULAR.get(short, ()):
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
    words = [m.start() for m in NONSPACE.finditer(text, cut, end)]
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


def _long_after(text: str, raw: str, start: int, end: int, whole: bool, loose: bool = True
                ) -> tuple[str, int, int] | None:
    """A long form starting at ``start`` for short form ``raw``: (short, start, end).

    With ``whole`` the long form must fill text[start:end] (a bracket); otherwise the best of
    its word prefixes is taken (a glossary line runs on into a description). Without
    ``loose`` only ordinary short forms and alignments count: a line that opens "Note:" or
    "ARM:" is far more often a label than a glossary entry.
    """
    for variant in short_variants(raw):
        if not loose and variant.demand:
            continue
        short = variant.letters
        best: tuple[int, int, int] | None = None  # (score, begin, end)
        for begin in _long_starts(text, start, end):
            stop = (_WHOLE_STOP if whole else _FORWARD_STOP).search(text, begin, end)
            stop_at = stop.start() if stop is not None else end
            if whole and stop_at != end and text[stop_at:end].strip(" \t.!?"):
                continue
            if variant.demand and short[1:].islower() and not text[begin].isupper():
                continue  # "Defra" needs a long form with a capital (see ``acceptable``)
            found = _irregular_after(text, begin, stop_at, short, whole)
            found = found or _best_prefix(text, begin, stop_at, variant, whole, loose)
            if found is not None and (best is None or found[0] > best[0]):
                best = found
        if best is not None:
            return variant.key, best[1], best[2]
    return None


def _irregular_after(text: str, begin: int, stop: int, short: str, whole: bool
                     ) -> tuple[int, int, int] | None:
    """A listed irregular long form at ``begin`` (see ``IRREGULAR``): (score, begin, end)."""
    for long in IRREGULAR.get(short, ()):
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


def _best_prefix(text: str, begin: int, stop: int, variant: Variant, whole: bool,
                 loose: bool) -> tuple[int, int, int] | None:
    """The best word prefix of text[begin:stop] as a long form for ``variant``:
    (score, begin, end); with ``whole``, only the whole of it."""
    limit = word_limit(variant.letters)
    ends = []
    for m in NONSPACE.finditer(text, begin, stop):
        ends.append(m.end())
        if len(ends) > limit:
            if whole:
                return None
            ends.pop()
            break
    return _pick(text, begin, ends, variant, whole, loose)


def _pick(text: str, begin: int, ends: list[int], variant: Variant, only_last: bool,
          loose: bool) -> tuple[int, int, int] | None:
    """Among word ends (or only the last), the acceptable long form with the best alignment
    score; on a tie the shorter wins. One alignment table over the longest prefix serves
    every shorter one."""
    if not ends:
        return None
    short = variant.letters
    chars = match_chars(short)
    layout = layout_of(text[begin:ends[-1]])
    rows = alignment_rows(chars, layout)
    if rows is None:
        return None
    best: tuple[int, int, int] | None = None  # (score, -end, end)
    for last, end in enumerate(ends):
        if only_last and last < len(ends) - 1:
            continue
        while end > begin and not text[end - 1].isalnum():
            end -= 1
        alignment = summarise(rows, layout, last)
        if alignment is not None and acceptable(alignment, text[begin:end], short,
                                                variant.demand, inside_letters=loose):
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
    m = SHORT_TOKEN.match(text, start)
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
        span = _long_after(text, m.group("short"), m.end(), _line_end(text, m.end()),
                           whole=False, loose=False)
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
