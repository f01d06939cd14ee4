"""Word and phrase kinds: ``substitution``, ``existence`` and ``placeholder``.

All three compile their terms (with inflected forms) and patterns into RE2 patterns once, then
scan each block's text in one linear pass. Matches in URLs and e-mail addresses are dropped;
options drop matches inside quotations or proper names, or guarded by the next/previous word.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from plainlsc.checks.audience import is_clinical
from plainlsc.checks.base import FIX_KEY, Key, Resources, RuleKind, RunContext, fix_mode, kind
from plainlsc.checks.context import in_name, joined, noise, quotes, sentence_starts
from plainlsc.checks.inflect import term_forms
from plainlsc.checks.others import in_citation
from plainlsc.checks.rewrite import fitted_replacement
from plainlsc.checks.templates import is_template
from plainlsc.checks.wordlists import Entry
from plainlsc.errors import ConfigError
from plainlsc.model import Block
from plainlsc.text.patterns import compile_pattern, literal_alternation
from plainlsc.text.terms import AUTOMATON_FROM, TermMatcher

_SPACE = re.compile(r"\s+")
#: A raw match: block index, start and end in the block's text, the word-list entry.
Hit = tuple[int, int, int, "Entry | None"]
_WORD = re.compile(r"[\w’'-]+")


def normalise(text: str) -> str:
    """The key a matched form is looked up by: lower case, single spaces, straight quotes."""
    return _SPACE.sub(" ", text.lower().replace("’", "'"))


def quoted_list(items: tuple[str, ...] | list[str]) -> str:
    """'"help" or "support"' for a message."""
    return " or ".join(f'"{i}"' if not i.startswith("(") else i for i in items)


class PhraseKind(RuleKind):
    """Shared machinery: terms from lists and ``tokens``, raw ``patterns``, guards."""

    fields = frozenset({"suggestion", "try", "term", "note"})

    keys = {
        "wordlist": Key((str, list), "word list file(s) of terms and their alternatives"),
        "tokens": Key(list, "terms written in the rule itself", default=[]),
        "swap": Key(dict, "terms and their alternatives written in the rule itself",
                    default={}),
        "patterns": Key(list, "RE2 regular expressions to report", default=[]),
        "exceptions": Key(list, "matches never to report", default=[]),
        "ignorecase": Key(bool, "match regardless of capitals", default=True),
        "inflect": Key(bool, "also match a term's inflected forms (facilitates, facilitated)",
                       default=True),
        "skip_quotes": Key(bool, "leave out matches inside quotation marks", default=False),
        "skip_names": Key(bool, "leave out matches inside proper names (Vanguard Street)",
                          default=True),
        "first_only": Key(bool, "report only the first match of each term in a document",
                          default=False),
        "unless_explained": Key(bool, "leave out a term explained in brackets beside it",
                                default=False),
        "public_only": Key(bool, "check only documents for the public, not those for "
                           "clinicians (see the audience setting)", default=False),
        "skip_defined": Key(bool, "leave out matches inside the long form of an acronym "
                            "defined there (no criteria to reside (NCTR))", default=True),
        "skip_citations": Key(bool, "leave out matches in citations and source lines "
                              "(Marsh, T. et al. (2023))", default=False),
        "fix": FIX_KEY,
    }

    def setup(self, options: dict[str, Any], resources: Resources) -> None:
        self.entries: dict[str, Entry] = {}
        where = (self.spec.file, self.spec.line)
        for entry in self._entries(options, resources):
            forms = entry.forms if entry.forms is not None else \
                term_forms(entry.term, self.option(options, "inflect"))
            for form in forms:
                self.entries.setdefault(normalise(form), entry)
        ignorecase = bool(self.option(options, "ignorecase"))
        self.literal: Any = None
        if len(self.entries) >= AUTOMATON_FROM:  # a team's long list: one RE2 is too large
            self.literal = TermMatcher(self.entries, ignorecase)
        elif self.entries:
            self.literal = compile_pattern(literal_alternation(self.entries), ignorecase, where,
                                           longest=True)
        patterns = [str(p) for p in self.option(options, "patterns")]
        for pattern in patterns:
            compile_pattern(pattern, ignorecase, where)  # report the bad one by itself
        # Patterns run over the document's blocks joined by blank lines: "(?m)" keeps ^ and $
        # at the start and end of each line, so a pattern still sees a block's edges.
        self.pattern = compile_pattern("(?m)" + "|".join(f"(?:{p})" for p in patterns),
                                       ignorecase, where, longest=True) if patterns else None
        self.exceptions = frozenset(normalise(str(e)) for e in self.option(options, "exceptions"))
        self.skip_quotes = bool(self.option(options, "skip_quotes"))
        self.skip_names = bool(self.option(options, "skip_names"))
        self.first_only = bool(self.option(options, "first_only"))
        self.unless_explained = bool(self.option(options, "unless_explained"))
        self.public_only = bool(self.option(options, "public_only"))
        self.skip_defined = bool(self.option(options, "skip_defined"))
        self.skip_citations = bool(self.option(options, "skip_citations"))
        self.audience = resources.config.audience
        self.fix = fix_mode(self.spec)

    def _entries(self, options: dict[str, Any], resources: Resources) -> Iterator[Entry]:
        names = options.get("wordlist")
        lists = resources.wordlists(names or [])
        for wl in lists:
            yield from wl.entries
        for token in self.option(options, "tokens"):
            yield Entry(" ".join(str(token).split()))
        for term, alts in self.option(options, "swap").items():
            alts = alts if isinstance(alts, list) else [alts]
            yield Entry(" ".join(str(term).split()), tuple(str(a) for a in alts))

    def matches(self, ctx: RunContext) -> tuple[list[Block], list[Hit]]:
        """(block index, start, end, entry) for every raw match, entry None for a pattern.

        Each pattern runs once over the document's joined block texts: far cheaper than
        once per block, since most blocks have no match at all.
        """
        text = joined(ctx, self.spec.scope, self.blocks(ctx))
        found: list[Hit] = []
        for regex in (self.literal, self.pattern):
            if regex is None:
                continue
            found_in = regex.finditer(text.text) if isinstance(regex, TermMatcher) else \
                text.finditer(regex)
            for m in found_in:
                where = text.locate(m.start(), m.end()) if m.end() > m.start() else None
                if where is not None:
                    entry = self.entries.get(normalise(m.group())) if regex is self.literal \
                        else None
                    found.append((*where, entry))
        # A term in the list and a pattern may find the same words ("not uncommon"): keep one,
        # the list's, which carries the suggestion.
        unique: dict[tuple[int, int, int], Hit] = {}
        for hit in found:
            if hit[3] is not None or hit[:3] not in unique:
                unique[hit[:3]] = hit
        return text.blocks, sorted(unique.values(), key=lambda hit: (hit[0], hit[1]))

    def keep(self, ctx: RunContext, block: Block, start: int, end: int,
             entry: Entry | None) -> bool:
        """Whether a raw match is a real finding."""
        text = block.text
        if _inside_word(text, start, end):
            return False
        if normalise(text[start:end]) in self.exceptions:
            return False
        if noise(ctx, block).overlaps(start, end):
            return False
        if self.skip_quotes and quotes(ctx, block).overlaps(start, end):
            return False
        if self.skip_defined and _in_long_form(ctx, block, start, end):
            return False
        if self.skip_citations and in_citation(block, start):
            return False
        if (self.skip_names and (entry is None or entry.term.islower())
                and in_name(text, start, end, sentence_starts(ctx, block))):
            return False  # a listed name written with capitals is meant to match names
        return entry is None or _guards_pass(text, start, end, entry)

    def check(self, ctx: RunContext) -> None:
        if self.public_only and is_clinical(ctx, self.audience):
            return
        seen: set[str] = set()
        blocks, hits = self.matches(ctx)
        for index, start, end, entry in hits:
            block = blocks[index]
            if not self.keep(ctx, block, start, end, entry):
                continue
            if self.unless_explained and entry and _explained(block.text, start, end, entry):
                seen.add(entry.term)
                continue
            key = entry.term if entry else normalise(block.text[start:end])
            if self.first_only and key in seen:
                continue
            seen.add(key)
            self.report(ctx, block, start, end, entry)

    def report(self, ctx: RunContext, block: Block, start: int, end: int,
               entry: Entry | None) -> None:
        """Record one finding with the entry's alternatives as suggestions."""
        alternatives = entry.alternatives if entry else ()
        suggestion = quoted_list(alternatives) if alternatives else ""
        ctx.emit(self.spec, block, start, end, {
            "suggestion": suggestion,
            "try": f": try {suggestion}" if suggestion else "",
            "term": entry.term if entry else block.text[start:end],
            "note": entry.note if entry else "",
        }, alternatives, replacement=self.replacement(ctx, block, start, end, entry),
            safe=self.fix == "safe")

    def replacement(self, ctx: RunContext, block: Block, start: int, end: int,
                    entry: Entry | None) -> str | None:
        """The rewrite of a match, when the rule allows fixes and the list marks the entry
        ``fix=safe``: its first alternative, with the match's ending and capitals. Never
        inside quotation marks: those are someone else's words."""
        if self.fix == "none" or entry is None or not entry.safe_fix:
            return None
        plain = entry.alternatives[0]
        if plain.startswith("(") or quotes(ctx, block).overlaps(start, end):
            return None
        return fitted_replacement(entry.term, block.text[start:end], plain)


def _in_long_form(ctx: RunContext, block: Block, start: int, end: int) -> bool:
    """Inside the long form of an acronym defined on the spot: "no criteria to reside (NCTR)"
    and "PrEP (pre-exposure prophylaxis)" are the names of things, not the writer's word
    choice. Changing one word of them breaks the name; explaining the term is the fix."""
    if not any(c.isupper() for c in block.text):
        return False
    from plainlsc.acronym.document import block_definitions

    return any(d.long_start <= start and end <= d.long_end
               for d in block_definitions(block, ctx.cache))


def _inside_word(text: str, start: int, end: int) -> bool:
    """RE2's word boundary knows only ASCII letters: reject "caf" in "café"."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return (before.isalnum() and text[start].isalnum()) or (after.isalnum()
                                                            and text[end - 1].isalnum())


def _guards_pass(text: str, start: int, end: int, entry: Entry) -> bool:
    if entry.not_before:
        nxt = _WORD.search(text, end, min(len(text), end + 60))
        if nxt and text[end:nxt.start()].strip():
            nxt = None  # punctuation in between: "moving forward, the plan" is not "moving the"
        if nxt and nxt.group().lower() in entry.not_before:
            return False
        if nxt and nxt.group().lower() in ("a", "an", "the", "your", "their", "our"):
            after = _WORD.search(text, nxt.end(), min(len(text), nxt.end() + 60))
            if after and after.group().lower() in entry.not_before:
                return False
    if entry.not_after:
        window = text[max(0, start - 60):start]
        before = _WORD.findall(window)
        if before and not window.rstrip().endswith(before[-1]):
            before = []  # punctuation in between
        if before and before[-1].lower() in entry.not_after:
            return False
    return True


def _explained(text: str, start: int, end: int, entry: Entry) -> bool:
    """A term glossed beside its plain word, as in "piles (haemorrhoids)", is explained."""
    window = text[max(0, start - 60):min(len(text), end + 60)].lower()
    return any(alt.lower() in window for alt in entry.alternatives if not alt.startswith("("))


@kind("substitution")
class Substitution(PhraseKind):
    """A word or phrase with plainer alternatives, from word lists or ``swap``."""

    def setup(self, options: dict[str, Any], resources: Resources) -> None:
        super().setup(options, resources)
        missing = [e for e in self.entries.values() if not e.alternatives]
        if missing and missing[0].file:  # a line of a word list: that line is at fault
            raise ConfigError(missing[0].file, missing[0].line, f"rule {self.spec.id!r} needs "
                              f"alternatives (term<TAB>alternative); none for "
                              f"{missing[0].term!r}")
        if missing:
            raise self.spec.error(f"substitution needs alternatives; none for "
                                  f"{missing[0].term!r}")


@kind("existence")
class Existence(PhraseKind):
    """Words, phrases or patterns to avoid; alternatives are optional."""


@kind("placeholder")
class Placeholder(PhraseKind):
    """Template leftovers: ``[INSERT ROLE]``, ``XX August``, ``{{name}}``, "lorem ipsum".

    Runs over every block, address lines and dates included, since that is where they hide.
    Names are not skipped: a placeholder is often in capitals. In a template (see
    :mod:`plainlsc.checks.templates`), each distinct field is listed once, as a suggestion
    with its count: an inventory of what to fill in, not a list of errors.
    """

    default_scope = frozenset({"all"})
    keys = {**PhraseKind.keys,
            "template_message": Key(str, "the message for a field of a template, with "
                                    "{match} and {count}", default='template field "{match}"'
                                    " ({count} in the document): fill it in for each copy")}

    def setup(self, options: dict[str, Any], resources: Resources) -> None:
        options = {"skip_names": False, **options}
        super().setup(options, resources)
        from dataclasses import replace

        from plainlsc.checks.loader import check_template

        message = str(self.option(options, "template_message"))
        check_template(message, "template_message", self.spec.id, self.spec.file,
                       self.spec.line, frozenset({"match", "count"}))
        self.field_spec = replace(self.spec, message=message)
        self.configured_template = resources.config.template

    def check(self, ctx: RunContext) -> None:
        if not is_template(ctx, self.configured_template):
            super().check(ctx)
            return
        blocks, hits = self.matches(ctx)
        kept = [(blocks[i], s, e) for i, s, e, entry in hits if self.keep(ctx, blocks[i], s, e,
                                                                           entry)]
        counts = Counter(normalise(b.text[s:e]) for b, s, e in kept)
        seen: set[str] = set()
        for block, start, end in kept:
            key = normalise(block.text[start:end])
            if key in seen:
                continue
            seen.add(key)
            ctx.emit(self.field_spec, block, start, end, {"count": counts[key]},
                     level="suggestion")
