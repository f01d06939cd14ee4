"""``you-and-we``: talk to the reader as "you", not about "the patient" or "service users"."""

from __future__ import annotations

from typing import Any

from plainlsc.checks.base import RuleKind, RunContext, kind
from plainlsc.checks.context import quotes
from plainlsc.model import BlockKind
from plainlsc.patterns import compile_pattern, literal_alternation

YOU = compile_pattern(r"\b(?:you|your|yours|yourself|yourselves)\b", ignorecase=True)


@kind("you-and-we")
class YouAndWe(RuleKind):
    """Two findings: each third-person phrase for the reader (first use), and a letter that
    never says "you" at all (a letter is a document with a salutation such as "Dear ...").
    """

    keys = {"third_person": (list, True), "min_words": (int, False)}

    def setup(self, options: dict[str, Any], loader: Any) -> None:
        phrases = [str(p).lower() for p in options["third_person"]]
        self.phrases = compile_pattern(literal_alternation(phrases), ignorecase=True,
                                       where=(self.spec.file, self.spec.line))
        self.min_words = int(options.get("min_words", 60))

    def check(self, ctx: RunContext) -> None:
        seen: set[str] = set()
        says_you = False
        words = 0
        for block in ctx.doc.blocks:
            if not block.is_prose:
                continue
            words += sum(s.word_count for s in block.sentences)
            says_you = says_you or YOU.search(block.text) is not None
            for m in self.phrases.finditer(block.text):
                key = " ".join(m.group().lower().split())
                if key in seen or quotes(ctx, block).overlaps(m.start(), m.end()):
                    continue
                seen.add(key)
                ctx.emit(self.spec, block, m.start(), m.end(),
                         {"what": f'"{m.group()}": write to your reader as "you"'},
                         ["you"])
        is_letter = any(b.kind is BlockKind.SALUTATION for b in ctx.doc.blocks)
        if is_letter and not says_you and words >= self.min_words:
            first = next(b for b in ctx.doc.blocks if b.kind is BlockKind.SALUTATION)
            ctx.emit(self.spec, first, 0, len(first.text),
                     {"what": 'this letter never says "you": speak to the reader directly'})
