"""Acronyms: where each is used and defined in a text, and what a reader can decode.

The pieces, one job each: :mod:`~plainlsc.acronym.uses` (acronym tokens in use),
:mod:`~plainlsc.acronym.shorts` (what may be a short form), :mod:`~plainlsc.acronym.align`
(matching its letters in a long form), :mod:`~plainlsc.acronym.definitions` (where a text
spells one out), :mod:`~plainlsc.acronym.lists` (known acronyms and the glossary) and
:mod:`~plainlsc.acronym.document` (all of it over a document, with exact source positions).
"""

from __future__ import annotations

from plainlsc.acronym.definitions import find_definitions
from plainlsc.acronym.document import Acronym, Place, analyse_acronyms
from plainlsc.acronym.lists import AcronymLists, load_lists
from plainlsc.acronym.records import AcronymDefinition, AcronymUse
from plainlsc.acronym.uses import find_acronym_uses

__all__ = ["Acronym", "AcronymDefinition", "AcronymLists", "AcronymUse", "Place",
           "analyse_acronyms", "find_acronym_uses", "find_definitions", "load_lists"]
