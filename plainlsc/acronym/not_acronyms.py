"""Capitals that are not acronyms a reader must decode, though they look like one.

Found in real documents, and each a false "spell it out" if reported:

* codes of forms and products: "P11D", "SA100", "form VAF 4", "PM2.5", and a variant in
  brackets after one ("form HC1 (SC)");
* a word in capitals for emphasis: "it's MUCH safer", "do NOT stop", "FREE";
* brand and product names in capitals in a table of products;
* the "PO" of a postal address ("PO Box 42"), like the postcode after it;
* the legal form after an organisation's name ("Northgate Care CIC", "Hill Trust LLP"), which
  is part of the name, as "Ltd" is;
* the parts of a reference or a capitals compound: "KM" in "Our ref: RHE/2291/KM", "PU" in
  "STAR-PU" (a prescribing unit, not two acronyms to spell out).

Decided with the document's own glossary and known lists, so "NICE" and "WHO", which are
listed, stay acronyms even though "nice" and "who" are common words.
"""

from __future__ import annotations

import re

from plainlsc.acronym.lists import AcronymLists
from plainlsc.acronym.records import AcronymUse
from plainlsc.model import Block, BlockKind
from plainlsc.scoring.familiar import zipf

#: Letters and digits mixed inside the short form itself ("P11D", "SA100", "B12"), not a
#: "-19" tail ("COVID-19").
_CODE = re.compile(r"[A-Z]+[0-9][A-Z0-9.]*|[A-Z]*[0-9]+[A-Z]+[A-Z0-9]*")
#: A form number after the letters ("VAF 4", "SA 100"), not a year or a quantity ("CCG 2019
#: plan", "STP 5-year plan", "ICB 20%").
_NUMBER_AFTER = re.compile(r"[ \u00a0][0-9]{1,3}(?![0-9%\-.,][0-9a-z]|[0-9%\-])")
_CODE_WORDS = frozenset({"form", "forms", "code", "ref", "reference", "model", "type",
                         "product", "item", "tax", "part", "no", "number"})
#: A word at least this common is a word written in capitals, not an abbreviation.
EMPHASIS_ZIPF = 4.0
#: In a table cell, capitals this long that readers could say as a word are a name.
TABLE_NAME_LETTERS = 4


def is_not_an_acronym(use: AcronymUse, block: Block, lists: AcronymLists) -> bool:
    """Whether ``use`` is a code, an emphasised word or a name in a table (see above)."""
    short = use.short
    if _is_part(use, block.text) or _is_variant(use, block.text):
        return True  # where it stands says so, whatever the letters
    if short in lists.known or short in lists.glossary:
        return False
    return _is_code(use, block.text) or _is_emphasis(short) or _is_name_in_table(short, block)


def _is_code(use: AcronymUse, text: str) -> bool:
    if _CODE.fullmatch(use.short.split("-")[0]):
        return True
    if _NUMBER_AFTER.match(text, use.end):
        return True
    before = text[max(0, use.start - 12):use.start].split()
    return bool(before) and before[-1].lower().strip(":") in _CODE_WORDS


#: The box number of a postal address, after "PO".
_BOX = re.compile(r"[ \u00a0]Box[ \u00a0]\d")
#: A whitespace-delimited chunk of text.
_CHUNK = re.compile(r"\S+")


def _is_part(use: AcronymUse, text: str) -> bool:
    """Part of a reference with numbers ("RHE/2291/KM") or of a compound of capitals joined
    by hyphens ("STAR-PU"): the whole is a code or a name, not this part."""
    before, after = text[max(0, use.start - 2):use.start], text[use.end:use.end + 2]
    if (len(before) == 2 and before[1] == "-" and before[0].isupper()) or \
            (len(after) == 2 and after[0] == "-" and after[1].isupper()):
        return True
    if _BOX.match(text, use.end) or _is_legal_form(use, text):
        return True
    start = text.rfind(" ", 0, use.start) + 1
    chunk = _CHUNK.match(text, start)
    word = chunk.group() if chunk else ""
    return "/" in word and any(c.isdigit() for c in word)


#: The legal forms a UK organisation's name can end with.
LEGAL_FORMS = frozenset({"CIC", "CIO", "SCIO", "LLP", "PLC", "LTD", "LLC"})
#: The capitalised word of a name just before the legal form.
_NAME_BEFORE = re.compile(r"[A-Z][\w'’&-]*[ \u00a0]$")


def _is_legal_form(use: AcronymUse, text: str) -> bool:
    """"CIC" in "Northgate Care CIC": the end of a name, not a term to spell out."""
    return use.short in LEGAL_FORMS and \
        _NAME_BEFORE.search(text[max(0, use.start - 40):use.start]) is not None


def _is_variant(use: AcronymUse, text: str) -> bool:
    """Letters in brackets just after a form code: the variant of a form ("HC1 (SC)")."""
    before = text[max(0, use.start - 12):use.start].split()
    return before[-1:] == ["("] and len(before) >= 2 and \
        _CODE.fullmatch(before[-2]) is not None and text[use.end:use.end + 1] == ")"


def _is_emphasis(short: str) -> bool:
    return len(short) >= 3 and short.isalpha() and zipf(short.lower()) >= EMPHASIS_ZIPF


def _is_name_in_table(short: str, block: Block) -> bool:
    return (block.kind is BlockKind.TABLE_CELL and len(short) >= TABLE_NAME_LETTERS
            and short.isalpha() and any(c in "AEIOUY" for c in short[1:-1]))
