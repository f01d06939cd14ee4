"""``structure``: checks that need the document's shape, not a list of words.

Each structure check is a small function registered by name; a rule picks one with
``check: NAME`` and passes it options. New structure checks register the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from plainlsc.checks.base import Key, Resources, RuleKind, RunContext, kind
from plainlsc.checks.context import joined, noise
from plainlsc.model import BlockKind
from plainlsc.text.patterns import compile_pattern

StructureCheck = Callable[["Structure", RunContext], None]
CHECKS: dict[str, StructureCheck] = {}


def structure_check(name: str) -> Callable[[StructureCheck], StructureCheck]:
    """Register a structure check under ``name``."""

    def register(fn: StructureCheck) -> StructureCheck:
        CHECKS[name] = fn
        return fn

    return register


@kind("structure")
class Structure(RuleKind):
    """Runs the named structure check with the rule's options."""

    fields = frozenset({"count", "max"})

    keys = {"check": Key(str, "which structure check to run: all-caps or long-list",
                         required=True),
            "max": Key(int, "long-list: the most items a list may have", default=7),
            "acronyms": Key(list, "all-caps: word lists of acronyms that are not shouting",
                            default=[]),
            "min_letters": Key(int, "all-caps: shorter runs of capitals are not reported",
                               default=6)}

    def setup(self, options: dict[str, Any], resources: Resources) -> None:
        name = str(options["check"])
        if name not in CHECKS:
            raise self.spec.error(f"unknown structure check {name!r} "
                                  f"(known: {', '.join(sorted(CHECKS))})")
        self.fn = CHECKS[name]
        self.options = options
        lists = resources.wordlists(self.option(options, "acronyms"))
        listed = (e.term.split()[0] for wl in lists
                  for e in wl.entries)
        # The team's known acronyms are not shouting either.
        self.acronyms = frozenset(a.upper() for a in (*listed, *resources.config.known_acronyms))

    def check(self, ctx: RunContext) -> None:
        self.fn(self, ctx)


_CAPS_RUN = compile_pattern(r"\b[A-Z][A-Z'’&-]*[A-Z]\b(?:[ \t]+\b[A-Z][A-Z'’&-]*[A-Z]\b)*",
                            ignorecase=False)
_VOWEL = set("AEIOUY")


@structure_check("all-caps")
def all_caps(rule: Structure, ctx: RunContext) -> None:
    """Words in block capitals: a run of two or more, or one long word, that are not acronyms.

    Capitals are harder to read because words lose their shape. Text in square brackets is a
    placeholder (another rule's business); known and glossary acronyms are not shouting, nor
    is one word being defined as an acronym ("(PIDMAS)"), a compound of capitals ("STAR-PU")
    or a table cell written wholly in capitals (a product's name as printed on its box).
    """
    min_letters = int(rule.options.get("min_letters", Structure.keys["min_letters"].default))
    text = joined(ctx, rule.spec.scope, rule.blocks(ctx))
    for m in text.finditer(_CAPS_RUN):
        words = m.group().split()
        shouty = [w for w in words if _is_word_like(w, rule.acronyms)]
        if not shouty or (len(words) == 1 and len(words[0]) < min_letters):
            continue
        if len(words) > 1 and not any(len(w) >= 4 for w in shouty):
            continue
        where = text.locate(m.start(), m.end())
        if where is None:
            continue
        block, start, end = text.blocks[where[0]], where[1], where[2]
        if block.kind is BlockKind.TABLE_CELL and _whole_cell(block.text, start, end):
            continue  # a product or brand name in a table, not shouting
        if len(words) == 1 and _acronym_shaped(words[0], block.text, start, end):
            continue
        if block.text.rfind("[", 0, start) > block.text.rfind("]", 0, start):
            continue  # inside a [PLACEHOLDER]
        if noise(ctx, block).overlaps(start, end):
            continue
        ctx.emit(rule.spec, block, start, end, {"count": len(words)})


def _whole_cell(text: str, start: int, end: int) -> bool:
    """The cell has no lower-case letter and few words: a name, not a sentence."""
    return not any(c.islower() for c in text) and len(text.split()) <= 5


def _acronym_shaped(word: str, text: str, start: int, end: int) -> bool:
    """One word in brackets after its long form ("Mutual Aid System (PIDMAS)", an acronym
    being defined, but not "(URGENT)") or a compound of capitals with a short part
    ("STAR-PU"): an acronym, which the acronym rules look after."""
    if text[start - 1:start] == "(" and text[end:end + 1] == ")":
        from plainlsc.acronym.definitions import find_definitions

        line_start = text.rfind("\n", 0, start) + 1
        defined = find_definitions(text[line_start:end + 1])
        return any(d.short_start + line_start == start for d in defined)
    parts = word.split("-")
    return len(parts) > 1 and any(0 < len(p) <= 3 for p in parts)


def _is_word_like(word: str, acronyms: frozenset[str]) -> bool:
    core = word.strip("'’&-")
    if core.endswith("S") and core[:-1] in acronyms:
        return False
    return core not in acronyms and any(c in _VOWEL for c in core) and len(core) >= 3


@structure_check("long-list")
def long_list(rule: Structure, ctx: RunContext) -> None:
    """A bulleted list with more items than ``max`` that a reader must take in as a list.

    Left alone: lists of short items (a checklist of things to bring reads at a glance), lists
    of names (members, partners, organisations), and lists under "Notes to editors", which
    are reference, not reading.
    """
    limit = int(rule.options.get("max", Structure.keys["max"].default))
    run: list[Any] = []
    before: Any = None
    for block in [*ctx.doc.blocks, None]:
        if block is not None and block.kind is BlockKind.LIST_ITEM:
            run.append(block)
            continue
        if len(run) > limit and _list_to_read(run, before):
            first = run[0]
            ctx.emit(rule.spec, first, 0, len(first.text), {"count": len(run), "max": limit})
        run = []
        before = block


#: Average words per item below which a list reads at a glance.
_SHORT_ITEMS = 4
_REFERENCE_HEADINGS = ("notes to editor", "note to editor", "about ", "members", "membership",
                       "partners", "references", "sources", "glossary", "contacts")


def _list_to_read(items: list[Any], before: Any) -> bool:
    words = [len(b.text.split()) for b in items]
    if sum(words) < _SHORT_ITEMS * len(items):
        return False
    if before is not None and before.text.strip().lower().startswith(_REFERENCE_HEADINGS):
        return False
    names = sum(1 for b in items if _is_name(b.text))
    return names * 10 < len(items) * 7


def _is_name(text: str) -> bool:
    """An item that is a name: its words (bar joiners) all start with a capital."""
    words = [w for w in text.replace(",", " ").split() if w[:1].isalpha()]
    small = [w for w in words if w[:1].islower() and w not in ("of", "and", "for", "the", "in")]
    return bool(words) and not small
