"""Passive voice: a form of "be" and a past participle ("will be held", "has been agreed").

Without a statistical parser we use the pattern the plain-language guides describe: a "be"
verb, up to two adverbs, then a regular "-ed" participle or one from the irregular list. Words
that are normally adjectives after "be" ("is tired", "are based") are excepted by a list.
"""

from __future__ import annotations

from typing import Any

from plainlsc.checks.base import RuleKind, RunContext, kind
from plainlsc.checks.context import joined, quotes
from plainlsc.text.patterns import compile_pattern, literal_alternation

BE = r"(?:am|is|are|was|were|be|been|being|isn['’]t|aren['’]t|wasn['’]t|weren['’]t)"
ADVERB = (r"(?:[a-z]{2,}ly|not|also|just|already|still|then|now|often|never|always|soon|"
          r"currently|usually|sometimes|all|both|each|yet|further|again|well|being)")


@kind("passive-voice")
class PassiveVoice(RuleKind):
    """Flags each passive construction; the message asks who does the action."""

    keys = {"participles": (str, True), "adjectives": (str, True), "skip_quotes": (bool, False),
            "max_adverbs": (int, False), "exceptions": (list, False)}

    def setup(self, options: dict[str, Any], loader: Any) -> None:
        irregular = [e.term for wl in loader.wordlists(options["participles"], team=False)
                     for e in wl.entries]
        self.adjectives = frozenset(
            [e.term.lower() for wl in loader.wordlists(options["adjectives"]) for e in wl.entries]
            + [str(x).lower() for x in options.get("exceptions", [])])
        adverbs = int(options.get("max_adverbs", 2))
        participle = f"(?:[a-z]{{2,}}ed|{literal_alternation(irregular)})"
        self.regex = compile_pattern(
            rf"\b{BE}\s+(?:{ADVERB}\s+){{0,{adverbs}}}({participle})\b",
            ignorecase=True, where=(self.spec.file, self.spec.line))
        self.skip_quotes = bool(options.get("skip_quotes", True))

    def check(self, ctx: RunContext) -> None:
        text = joined(ctx, self.spec.scope, self.blocks(ctx))
        for m in text.finditer(self.regex):
            participle = m.group(1)
            if participle.lower() in self.adjectives or not participle.islower():
                continue
            where = text.locate(m.start(), m.end())
            if where is None:
                continue
            block = text.blocks[where[0]]
            if self.skip_quotes and quotes(ctx, block).overlaps(where[1], where[2]):
                continue
            ctx.emit(self.spec, block, where[1], where[2], {"participle": participle})
