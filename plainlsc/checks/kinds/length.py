"""Length kinds: long sentences, long paragraphs, and a long average sentence."""

from __future__ import annotations

from typing import Any

from plainlsc.checks.base import Key, Resources, RuleKind, RunContext, kind
from plainlsc.checks.others import is_others_words


@kind("sentence-length")
class SentenceLength(RuleKind):
    """A sentence with more words than ``max``, flagged over the whole sentence.

    Graded, as the guides allow: over ``max`` it is a suggestion (when ``grade`` is on), over
    ``warn_over`` it takes the rule's level. Quotations, names with titles, captions,
    citations and notes to editors are left out: they are not the writer's sentences to split.
    """

    fields = frozenset({"count", "max"})

    keys = {"max": Key(int, "the words a sentence should keep to (a suggestion above it)",
                       required=True),
            "warn_over": Key(int, "above this many words, the finding takes the rule's level "
                             "(default: max)"),
            "grade": Key(bool, "report sentences between max and warn_over as suggestions "
                         "(false: only those over warn_over)", default=True)}

    def setup(self, options: dict[str, Any], resources: Resources) -> None:
        self.max = int(options["max"])
        warn = self.option(options, "warn_over")
        self.warn_over = max(self.max, int(warn)) if warn is not None else self.max
        self.floor = self.max if self.option(options, "grade") else self.warn_over

    def check(self, ctx: RunContext) -> None:
        for block in self.blocks(ctx):
            for sentence in block.sentences:
                count = sentence.word_count
                if count <= self.floor or is_others_words(ctx, block, sentence):
                    continue
                level = None if count > self.warn_over else "suggestion"
                ctx.emit(self.spec, block, sentence.start, sentence.end,
                         {"count": count, "max": self.max}, level=level)


@kind("paragraph-length")
class ParagraphLength(RuleKind):
    """A paragraph with more sentences than ``max`` and more words than ``min_words``,
    flagged at its first sentence.

    Both, because editors judging real documents kept four short sentences in a paragraph of
    80 words: it is the long block of text that readers skip, not the count of full stops.
    """

    fields = frozenset({"count", "max"})

    keys = {"max": Key(int, "the most sentences a paragraph may have", required=True),
            "min_words": Key(int, "shorter paragraphs are never reported", default=0)}
    default_scope = frozenset({"paragraph", "quote"})

    def setup(self, options: dict[str, Any], resources: Resources) -> None:
        self.max = int(options["max"])
        self.min_words = int(self.option(options, "min_words"))

    def check(self, ctx: RunContext) -> None:
        for block in self.blocks(ctx):
            count = len(block.sentences)
            if count > self.max and sum(s.word_count for s in block.sentences) > self.min_words:
                first = block.sentences[0]
                ctx.emit(self.spec, block, first.start, first.end,
                         {"count": count, "max": self.max})


@kind("average-sentence-length")
class AverageSentenceLength(RuleKind):
    """The document's mean words per sentence above ``max`` (document level).

    Reported at the longest sentence, since that is the first one to shorten.
    """

    fields = frozenset({"average", "max", "count"})

    document_level = True
    keys = {"max": Key((int, float), "the highest average sentence length, in words",
                       required=True),
            "min_sentences": Key(int, "documents with fewer sentences are not judged",
                                 default=5)}

    def setup(self, options: dict[str, Any], resources: Resources) -> None:
        self.max = float(options["max"])
        self.min_sentences = int(self.option(options, "min_sentences"))

    def check(self, ctx: RunContext) -> None:
        sentences = [(b, s) for b in self.blocks(ctx) for s in b.sentences if s.word_count]
        if len(sentences) < self.min_sentences:
            return
        average = sum(s.word_count for _, s in sentences) / len(sentences)
        if average > self.max:
            block, longest = max(sentences, key=lambda bs: bs[1].word_count)
            ctx.emit(self.spec, block, longest.start, longest.end,
                     {"average": f"{average:.1f}", "max": f"{self.max:g}",
                      "count": longest.word_count})
