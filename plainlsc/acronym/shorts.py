"""What may be a short form in a definition, and the letters to match in its long form."""

from __future__ import annotations

import re
from functools import lru_cache

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


@lru_cache(maxsize=4096)
def is_valid_short(short: str) -> bool:
    """The short-form rule from the module docstring (cached: documents repeat their
    acronyms)."""
    if not 2 <= len(short) <= 10 or not SHORT_TOKEN.fullmatch(short) or "&&" in short:
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


def short_variants(raw: str) -> tuple[str, ...]:
    """The short form to match for ``raw``: the singular of a plural ("CCGs" -> "CCG").

    The written form is not tried as well: letting its "s" match would make "general practice
    surgery (GPs)" a definition.
    """
    if not is_valid_short(raw):
        return ()
    if len(raw) >= 3 and raw[-1] == "s" and (raw[-2].isupper() or raw[-2].isdigit()):
        stem = raw[:-1]
        if is_valid_short(stem):
            return (stem,)
    return (raw,)


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
