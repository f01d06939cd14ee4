"""The same word twice in a row: "Councillor Councillor", "the the"."""

from __future__ import annotations

from itertools import islice, pairwise
from operator import eq
from typing import Any

from plainlsc.checks.base import FIX_KEY, Key, Resources, RuleKind, RunContext, fix_mode, kind
from plainlsc.checks.context import quotes
from plainlsc.model import Block


@kind("repetition")
class Repetition(RuleKind):
    """Adjacent identical words (case-insensitive), separated only by spaces.

    ``exceptions`` lists words that are correctly doubled ("had had", "that that").
    A line break or punctuation between the two words is not a repetition.
    """

    fields = frozenset({"word"})

    keys = {"exceptions": Key(list, "words that may be repeated (had had, that that)",
                          default=[]),
            "min_length": Key(int, "shorter words are not reported", default=1),
            "fix": FIX_KEY}
    default_scope = frozenset({"all"})

    def setup(self, options: dict[str, Any], resources: Resources) -> None:
        self.exceptions = frozenset(str(w).lower() for w in self.option(options, "exceptions"))
        self.min_length = int(self.option(options, "min_length"))
        self.fix = fix_mode(self.spec)

    def check(self, ctx: RunContext) -> None:
        for block in self.blocks(ctx):
            for sentence in block.sentences:
                lowered = list(map(str.lower, sentence.texts))
                if any(map(eq, lowered, islice(lowered, 1, None))):  # a word twice in a row
                    self._sentence(ctx, block, sentence.words)
            self._across(ctx, block)

    def _sentence(self, ctx: RunContext, block: Block, words: list[Any]) -> None:
        for first, second in pairwise(words):
            if self._repeated(block.text, first, second):
                self._emit(ctx, block, first, second)

    def _across(self, ctx: RunContext, block: Block) -> None:
        """A word repeated across a sentence break the splitter made ("Dr. Dr. Shah")."""
        for prev, cur in pairwise(block.sentences):
            if not (prev.word_count and cur.word_count) or \
                    prev.texts[-1].lower() != cur.texts[0].lower():
                continue
            last, first = prev.words[-1], cur.words[0]
            if self._repeated(block.text, last, first):
                self._emit(ctx, block, last, first)

    def _emit(self, ctx: RunContext, block: Block, first: Any, second: Any) -> None:
        """Report the pair; the fix keeps the first word as written ("The the" -> "The")."""
        replacement = None
        if self.fix != "none" and not quotes(ctx, block).overlaps(first.start, second.end):
            replacement = block.text[first.start:first.end]
        ctx.emit(self.spec, block, first.start, second.end, {"word": first.text},
                 replacement=replacement, safe=self.fix == "safe")

    def _repeated(self, text: str, first: Any, second: Any) -> bool:
        if first.text.lower() != second.text.lower() or len(first.text) < self.min_length:
            return False
        if first.text.lower() in self.exceptions or not first.text[0].isalpha():
            return False
        gap = text[first.end:second.start]
        return gap != "" and gap.strip(" \t\u00a0") == ""
