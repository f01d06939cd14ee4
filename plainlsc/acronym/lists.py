"""The acronyms everybody knows and the glossary of expansions: shipped lists plus a team's."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from plainlsc.paths import wordlists_dir

KNOWN_LIST = "acronyms-known.txt"
GLOSSARY = "acronyms-health.tsv"


@dataclass(frozen=True, slots=True)
class AcronymLists:
    """The acronyms everybody knows, and the glossary of expansions to suggest."""

    known: frozenset[str]
    glossary: dict[str, str]


@lru_cache(maxsize=16)
def load_lists(extra_known: tuple[str, ...] = (),
               glossaries: tuple[Path, ...] = ()) -> AcronymLists:
    """The shipped lists plus a team's own, read once."""
    from plainlsc.checks.wordlists import load_list, load_table

    known = {e.term for e in load_list(wordlists_dir() / KNOWN_LIST).entries}
    known.update(extra_known)
    glossary: dict[str, str] = {}
    for path in (wordlists_dir() / GLOSSARY, *glossaries):
        for entry in load_table(path).entries:
            glossary[entry.term] = "; ".join(entry.alternatives)
    return AcronymLists(frozenset(known), glossary)
