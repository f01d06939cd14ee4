"""Read word lists: plain lists (``.txt``) and substitution tables (``.tsv``).

Formats are strict so that a team's typo is reported as ``file:line: what is wrong`` instead of
silently matching nothing. ``#`` starts a comment line; blank lines are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from plainlsc.bounded import MAX_WORDLIST_BYTES, read_text_bounded
from plainlsc.errors import ConfigError

OPTION_KEYS = frozenset({"not_before", "not_after", "note", "forms", "fix"})
#: Values of the ``fix=`` option: the first alternative fits every context the term matches.
FIX_VALUES = frozenset({"safe"})


@dataclass(frozen=True, slots=True)
class Entry:
    """One word-list entry: a term, its plainer alternatives and its guards."""

    term: str
    alternatives: tuple[str, ...] = ()
    not_before: frozenset[str] = frozenset()
    not_after: frozenset[str] = frozenset()
    note: str = ""
    file: str = ""
    line: int = 0
    #: The forms to match, when the list gives them (``forms=key``): an adjective such as
    #: "key" must not also match "keys" (door keys), as generated inflections would.
    forms: tuple[str, ...] | None = None
    #: ``fix=safe``: the first alternative fits every context the term matches, so a rule
    #: whose ``fix`` key allows it may rewrite the term without asking ("in order to" -> "to").
    safe_fix: bool = False


@dataclass(slots=True)
class WordList:
    """The entries of one file, in order."""

    path: str
    entries: list[Entry] = field(default_factory=list)


def _content_lines(path: Path) -> list[tuple[int, str]]:
    text = read_text_bounded(path, "word list", MAX_WORDLIST_BYTES)
    out = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if line.strip() and not line.lstrip().startswith("#"):
            out.append((number, line))
    return out


def _options(path: str, number: int, raw: str) -> dict[str, str]:
    options: dict[str, str] = {}
    for item in raw.split():
        key, sep, value = item.partition("=")
        if not sep or not value:
            raise ConfigError(path, number, f"option {item!r} should be key=value")
        if key not in OPTION_KEYS:
            raise ConfigError(path, number, f"unknown option {key!r} "
                                            f"(known: {', '.join(sorted(OPTION_KEYS))})")
        if key == "fix" and value not in FIX_VALUES:
            raise ConfigError(path, number, f"fix={value} is not known (write fix=safe, or "
                                            "leave the option out)")
        options[key] = value
    return options


def _entry(path: str, number: int, line: str) -> Entry:
    fields = line.split("\t")
    if len(fields) < 2 or not fields[1].strip():
        raise ConfigError(path, number, f"{fields[0].strip()!r} has no alternative "
                                        "(write: term<TAB>alternative ; alternative)")
    if len(fields) > 3:
        raise ConfigError(path, number, "too many TAB-separated fields (at most 3)")
    term = " ".join(fields[0].split())
    alternatives = tuple(a.strip() for a in fields[1].split(";") if a.strip())
    if not term or not alternatives:
        raise ConfigError(path, number, "empty term or alternatives")
    opts = _options(path, number, fields[2]) if len(fields) == 3 else {}
    return Entry(
        term, alternatives,
        frozenset(w.lower() for w in opts.get("not_before", "").split("|") if w),
        frozenset(w.lower() for w in opts.get("not_after", "").split("|") if w),
        opts.get("note", "").replace("_", " "), path, number,
        tuple(" ".join(f.replace("_", " ").split()) for f in opts["forms"].split("|") if f)
        if "forms" in opts else None,
        opts.get("fix") == "safe",
    )


@lru_cache(maxsize=64)
def load_table(path: Path) -> WordList:
    """A substitution table: ``term<TAB>alt ; alt[<TAB>key=value ...]`` a line."""
    wl = WordList(str(path))
    for number, line in _content_lines(path):
        wl.entries.append(_entry(str(path), number, line))
    return wl


@lru_cache(maxsize=64)
def load_list(path: Path) -> WordList:
    """A plain list: one term a line (anything after a TAB is a note)."""
    wl = WordList(str(path))
    for number, line in _content_lines(path):
        term, _, note = line.partition("\t")
        wl.entries.append(Entry(" ".join(term.split()), note=note.strip(), file=str(path),
                                line=number))
    return wl


def load_any(path: Path) -> WordList:
    """A table for ``.tsv`` files, a plain list otherwise."""
    return load_table(path) if path.suffix.lower() == ".tsv" else load_list(path)
