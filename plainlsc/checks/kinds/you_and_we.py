"""``you-and-we``: talk to the reader as "you", not about "the patient" or "service users"."""

from __future__ import annotations

from typing import Any

from plainlsc.checks.base import Key, Resources, RuleKind, RunContext, kind
from plainlsc.checks.context import joined, quotes
from plainlsc.model import BlockKind
from plainlsc.text.patterns import compile_pattern, literal_alternation

YOU = compile_pattern(r"\b(?:you|your|yours|yourself|yourselves)\b", ignorecase=True)


def _in_a_name(phrase: str) -> bool:
    """"the Patient Initiated ... Service": a capitalised noun is part of a name, not the
    reader spoken about."""
    return any(w[:1].isupper() for w in phrase.split()[1:])


@kind("you-and-we")
class YouAndWe(RuleKind):
    """Two findings: each third-person phrase for the reader (first use), and a letter that
    never says "you" at all (a letter is a document with a salutation such as "Dear ...").
    """

    fields = frozenset({"what"})

    keys = {"third_person": Key(list, "phrases that talk about the reader instead of to them "
                                "(the patient, applicants)", required=True),
            "min_words": Key(int, "documents with fewer words are not judged", default=60)}

    def setup(self, options: dict[str, Any], resources: Resources) -> None:
        phrases = [str(p).lower() for p in options["third_person"]]
        self.phrases = compile_pattern(literal_alternation(phrases), ignorecase=True,
                                       where=(self.spec.file, self.spec.line))
        self.min_words = int(self.option(options, "min_words"))

    def check(self, ctx: RunContext) -> None:
        prose = [b for b in ctx.doc.blocks if b.is_prose]
        text = joined(ctx, frozenset({"prose"}), prose)
        seen: set[str] = set()
        for m in text.finditer(self.phrases):
            key = " ".join(m.group().lower().split())
            where = text.locate(m.start(), m.end())
            if key in seen or where is None:
                continue
            block = text.blocks[where[0]]
            if quotes(ctx, block).overlaps(where[1], where[2]) or _in_a_name(m.group()):
                continue
            seen.add(key)
            ctx.emit(self.spec, block, where[1], where[2],
                     {"what": f'"{m.group()}": write to your reader as "you"'}, ["you"])
        salutation = next((b for b in ctx.doc.blocks if b.kind is BlockKind.SALUTATION), None)
        if salutation is None or YOU.search(text.text) is not None:
            return
        words = sum(s.word_count for b in prose for s in b.sentences)
        if words >= self.min_words:
            ctx.emit(self.spec, salutation, 0, len(salutation.text),
                     {"what": 'this letter never says "you": speak to the reader directly'})
