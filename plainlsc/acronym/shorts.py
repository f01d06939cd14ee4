"""What may be a short form in a definition, and the letters to match in its long form."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from plainlsc.text.nonprose import word_set

# --------------------------------------------------------------------------------------------
# Definitions: short forms
# --------------------------------------------------------------------------------------------

SHORT_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9&]*(?:-[A-Za-z0-9]+)*")
_CAPITAL_OR_DIGIT = re.compile(r"[A-Z0-9]")
_NOT_SHORT = word_set(
    "OK NB PS NEW FREE NOTE NOTES UPDATE UPDATED URGENT IMPORTANT AND OR THE TBC TBA TBD TODO "
    "FIXME XXX"
)


#: Greek letters written out after a hyphen in biomedical short forms ("TNF-alpha").
_GREEK = word_set("alpha beta gamma delta epsilon kappa lambda sigma omega")
#: A short form ending in a number that the long form may leave out ("PHQ-9", "GAD-7").
_NUMBER_SUFFIX = re.compile(r"(?P<stem>.*[A-Za-z])-[0-9]{1,3}")


class Variant(NamedTuple):
    """One way to read a short form when looking for its long form.

    ``key`` is what later uses are matched by, ``letters`` the short form whose characters
    are matched in the long form, and ``demand`` how good the alignment must be: 0 for the
    ordinary checks, otherwise at least this many characters at word starts and no content
    word left out. The demanding readings are the ones that are easy to hit by chance.
    """

    key: str
    letters: str
    demand: int


@lru_cache(maxsize=4096)
def is_valid_short(short: str) -> bool:
    """The short-form rule from the module docstring (cached: documents repeat their
    acronyms)."""
    return _has_short_shape(short) and short.upper() not in _NOT_SHORT


@lru_cache(maxsize=4096)
def _has_short_shape(short: str) -> bool:
    """The short-form rule without the list of words that are not short forms."""
    if not 2 <= len(short) <= 10 or not SHORT_TOKEN.fullmatch(short) or "&&" in short:
        return False
    head, *tails = short.split("-")
    greek = [t for t in tails if t.lower() in _GREEK]
    if short.endswith("&"):
        return False
    if any(not _CAPITAL_OR_DIGIT.search(part) for part in tails if part not in greek):
        return False
    core = "".join([head, *(t for t in tails if t not in greek)]).replace("&", "")
    capitals = sum(1 for c in core if c.isupper())
    digits = sum(1 for c in core if c.isdigit())
    if digits == len(core):
        return False
    if sum(1 for c in core if c.islower()) > capitals + digits:
        return False  # a word or an identifier ("Twitter", "TypeVar"), not an abbreviation
    if capitals >= 2 or (capitals and digits):
        return True
    return len(core) == 2 and core[0].isupper() and core[1].islower()


@lru_cache(maxsize=4096)
def is_wordlike_short(short: str) -> bool:
    """A short form written like a word, a capital then small letters ("Defra", "Ofgem",
    "Acas", "Dstl", "Dpp"): accepted only with a demanding alignment (see ``Variant``)."""
    return (3 <= len(short) <= 8 and short.isalpha() and short[0].isupper()
            and sum(1 for c in short if c.isupper()) <= 2 and not _has_short_shape(short))


@lru_cache(maxsize=4096)
def short_variants(raw: str) -> tuple[Variant, ...]:
    """The readings of ``raw`` to try, in order (see ``Variant``).

    A plural is matched by its singular ("CCGs" -> "CCG"); the written form is not tried as
    well, since letting its "s" match would make "general practice surgery (GPs)" a
    definition. A number suffix may be left out of the long form ("Patient Health
    Questionnaire (PHQ-9)"), and a word written like an acronym ("(OR)" for odds ratio) or
    like a word ("Defra") needs a demanding alignment.
    """
    if is_valid_short(raw):
        key = raw
        if len(raw) >= 3 and raw[-1] == "s" and (raw[-2].isupper() or raw[-2].isdigit()):
            key = raw[:-1] if is_valid_short(raw[:-1]) else raw
        found = [Variant(key, key, 0)]
        number = _NUMBER_SUFFIX.fullmatch(key)
        if number is not None and _has_short_shape(number.group("stem")):
            stem = number.group("stem")
            found.append(Variant(key, stem, len(match_chars(stem))))
        return tuple(found)
    if _has_short_shape(raw):  # a word written in capitals: "OR", "NEW"
        return (Variant(raw, raw, len(match_chars(raw))),)
    if is_wordlike_short(raw):
        return (Variant(raw, raw, max(2, len(raw) - 1)),)
    return ()


def match_chars(short: str) -> list[str]:
    """The characters of a short form that must be found in the long form (lower case).

    Hyphens are skipped, as Schwartz and Hearst skip non-alphanumerics; ``&`` is kept because
    it must match "and" or "&" ("A&E" for "Accident and Emergency").
    """
    return [c.lower() for c in short if c.isalnum() or c == "&"]


def word_limit(short: str) -> int:
    """Schwartz and Hearst's longest long form, in words."""
    return min(len(short) + 5, len(short) * 2)


#: Short forms in common health use whose letters cannot be matched in their usual long form,
#: so letter matching can never find them. Kept tiny and explicit; long forms in lower case.
IRREGULAR: dict[str, tuple[str, ...]] = {
    "HbA1c": ("glycated haemoglobin", "glycated hemoglobin", "glycosylated haemoglobin",
              "glycosylated hemoglobin"),
}
