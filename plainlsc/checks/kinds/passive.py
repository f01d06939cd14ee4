"""Passive voice: a form of "be" and a past participle ("will be held", "has been agreed").

Without a statistical parser we use the pattern the plain-language guides describe: a "be"
verb, up to two adverbs, then a regular "-ed" participle or one from the irregular list. Words
that are normally adjectives after "be" ("is tired", "are based") are excepted by a list.
"""

from __future__ import annotations

from typing import Any

from plainlsc.checks.base import Key, Resources, RuleKind, RunContext, kind
from plainlsc.checks.context import joined, quotes
from plainlsc.text.patterns import compile_pattern, literal_alternation

BE = r"(?:am|is|are|was|were|be|been|being|isn['’]t|aren['’]t|wasn['’]t|weren['’]t)"
ADVERB = (r"(?:[a-z]{2,}ly|not|also|just|already|still|then|now|often|never|always|soon|"
          r"currently|usually|sometimes|all|both|each|yet|further|again|well|being)")


@kind("passive-voice")
class PassiveVoice(RuleKind):
    """Flags each passive construction; the message asks who does the action."""

    keys = {
        "participles": Key(str, "word list of irregular past participles (written, taken)",
                           required=True),
        "adjectives": Key(str, "word list of participles that are usually adjectives after "
                          "a form of 'be' (worried, located)", required=True),
        "skip_quotes": Key(bool, "leave out passives inside quotation marks", default=True),
        "max_adverbs": Key(int, "how many adverbs may stand between 'be' and the participle",
                           default=2),
        "exceptions": Key(list, "more participles never to report", default=[]),
    }

    def setup(self, options: dict[str, Any], resources: Resources) -> None:
        irregular = [e.term for wl in resources.wordlists(options["participles"], team=False)
                     for e in wl.entries]
        self.adjectives = frozenset(
            [e.term.lower() for wl in resources.wordlists(options["adjectives"])
             for e in wl.entries]
            + [str(x).lower() for x in self.option(options, "exceptions")])
        adverbs = int(self.option(options, "max_adverbs"))
        participle = f"(?:[a-z]{{2,}}ed|{literal_alternation(irregular)})"
        self.regex = compile_pattern(
            rf"\b{BE}\s+(?:{ADVERB}\s+){{0,{adverbs}}}({participle})\b",
            ignorecase=True, where=(self.spec.file, self.spec.line))
        self.skip_quotes = bool(self.option(options, "skip_quotes"))

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
