"""Reading-ease kinds: the document's reading age, and sentences far harder than the rest."""

from __future__ import annotations

from typing import Any

from plainlsc.checks.audience import is_clinical
from plainlsc.checks.base import Key, Resources, RuleKind, RunContext, kind
from plainlsc.checks.others import is_others_words
from plainlsc.model import Block, Sentence


def _prose_sentences(ctx: RunContext) -> list[tuple[Block, Sentence]]:
    return [(b, s) for b in ctx.doc.blocks if b.is_prose for s in b.sentences if s.word_count]


@kind("readability")
class Readability(RuleKind):
    """The reading age is above the profile's target (document level).

    Reported once, at the document's longest sentence of the writer's own (not a quotation or
    a block of labelled fields), naming the long words that raise the score and where the
    longest sentences are, since those are what a writer can change. With ``public_only``, a
    document for clinicians is not judged: its long words are the names of drugs and
    conditions its readers use every day.
    """

    fields = frozenset({"age", "max", "words", "lines"})

    document_level = True
    keys = {"max": Key((int, float), "the highest reading age (UK years) before a warning",
                       required=True),
            "min_words": Key(int, "documents with fewer words are not judged", default=100),
            "public_only": Key(bool, "judge only documents for the public, not those for "
                               "clinicians (see the audience setting)", default=False)}

    def setup(self, options: dict[str, Any], resources: Resources) -> None:
        self.max = float(options["max"])
        self.min_words = int(self.option(options, "min_words"))
        self.public_only = bool(self.option(options, "public_only"))
        self.audience = resources.config.audience

    def check(self, ctx: RunContext) -> None:
        scores = ctx.cache.get("scores")
        # Compare what the reader is told: "reading age about 11" is within "11 or under".
        if scores is None or scores.words < self.min_words or round(scores.reading_age) <= self.max:
            return
        if self.public_only and is_clinical(ctx, self.audience):
            return
        longest = _longest_own(ctx, _prose_sentences(ctx), 3)
        lines = sorted({ctx.doc.position(*b.source_span(s.start, s.end)).line
                        for b, s in longest})
        block, first = longest[0]
        ctx.emit(self.spec, block, first.start, first.end, {
            "age": round(scores.reading_age),
            "max": f"{self.max:g}",
            "words": ", ".join(f'"{w}"' for w in scores.hard_words[:6]) or "none",
            "lines": ", ".join(str(n) for n in lines),
        })


@kind("hard-sentence")
class HardSentence(RuleKind):
    """A sentence whose own grade is far above the target, as Hemingway highlights it.

    Sentences longer than ``skip_longer_than`` words are left to ``sentence-length``, so one
    sentence is not reported twice for the same fault.
    """

    fields = frozenset({"grade", "age", "count"})

    keys = {"grade": Key((int, float), "the Flesch-Kincaid grade above which a sentence is "
                         "hard", required=True),
            "min_words": Key(int, "shorter sentences are never reported", default=8),
            "skip_longer_than": Key(int, "longer sentences are left to sentence-length",
                                    default=10_000)}

    def setup(self, options: dict[str, Any], resources: Resources) -> None:
        self.grade = float(options["grade"])
        self.min_words = int(self.option(options, "min_words"))
        self.skip_longer = int(self.option(options, "skip_longer_than"))

    def check(self, ctx: RunContext) -> None:
        from plainlsc.scoring.measure import sentence_grade

        for block in self.blocks(ctx):
            for sentence in block.sentences:
                n = sentence.word_count
                if n < self.min_words or n > self.skip_longer or \
                        is_others_words(ctx, block, sentence):
                    continue
                grade = sentence_grade(sentence.texts)
                if grade > self.grade:
                    ctx.emit(self.spec, block, sentence.start, sentence.end,
                             {"grade": round(grade), "age": round(grade) + 5,
                              "count": n})


def _longest_own(ctx: RunContext, sentences: list[tuple[Block, Sentence]],
                 limit: int) -> list[tuple[Block, Sentence]]:
    """The ``limit`` longest sentences that are the writer's own (others' words, such as a
    quotation, only if there are none). Judged longest first, stopping at ``limit``: judging
    every sentence of a long document only to keep three cost more than the rest of the rule."""
    ranked = sorted(sentences, key=lambda bs: -bs[1].word_count)
    own: list[tuple[Block, Sentence]] = []
    for block, sentence in ranked:
        if not is_others_words(ctx, block, sentence):
            own.append((block, sentence))
            if len(own) == limit:
                break
    return own or ranked[:limit]
