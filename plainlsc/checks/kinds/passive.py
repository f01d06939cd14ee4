"""Passive voice: a form of "be" and a past participle ("will be held", "has been agreed").

Without a statistical parser we use the pattern the plain-language guides describe: a "be"
verb, up to two adverbs, then a regular "-ed" participle or one from the irregular list. The
finding covers the whole verb group ("can be booked", "has been asked"), which is what the
writer rewrites. Left out, because a careful editor would keep them passive:

* words that are normally adjectives after "be" ("is tired", "are based"), from a list, and
  "un-" participles ("is still unresolved");
* states a reader holds or is given ("licensed for use in adults", "registered with a GP");
* a passive with no agent in an "if" or "when" clause, where who did it does not matter
  ("if your passport has been lost or stolen", "when you are admitted to hospital");
* sentences that are not the writer's own (quotations, captions, citations);
* by default (``only_modal``), every passive not led by "will", "should", "must" or another
  verb of promise or duty. Judged by hand on the precision benchmark, a plain present or past
  passive ("the vaccine is given as an injection", "187 appointments were missed", "you have
  been referred by your GP") describes a fact or a process whose doer does not matter, and
  editors kept it; so did "can" and "may" ("your time may be reset"). A passive promise or
  instruction ("progress will be reported", "patients should be counselled") hides who must
  act, which is what the reader needs to know. So does the impersonal "it has been agreed
  that", "it was decided that", which is always reported.
"""

from __future__ import annotations

import re
from typing import Any

from plainlsc.checks.base import Key, Resources, RuleKind, RunContext, kind
from plainlsc.checks.context import joined, quotes
from plainlsc.checks.others import is_others_words
from plainlsc.model import Block, Sentence
from plainlsc.text.nonprose import word_set
from plainlsc.text.patterns import compile_pattern, literal_alternation

BE = r"(?:am|is|are|was|were|be|been|being|isn['’]t|aren['’]t|wasn['’]t|weren['’]t)"
ADVERB = (r"(?:[a-z]{2,}ly|not|also|just|already|still|then|now|often|never|always|soon|"
          r"currently|usually|sometimes|all|both|each|yet|further|again|well|being)")
#: What may come before "be" in the verb group: a modal or "have", perhaps with "not".
AUXILIARY = (r"(?:(?:will|would|can|could|may|might|must|shall|should|has|have|had|hasn['’]t"
             r"|haven['’]t|won['’]t|can['’]t|cannot|needs? to|have to|has to|going to)"
             r"\s+(?:not\s+)?(?:have\s+)?)")
#: Auxiliaries of promise or duty: a passive after one of them hides who must act.
_DUTY = re.compile(r"(?i)^(?:will|would|shall|should|must|won['’]t|needs? to|have to|has to"
                   r"|going to)\b")
#: Participles that name a state a reader holds or is given, not an action to reassign.
STATES = word_set("""licensed licenced authorised authorized approved registered accredited
    regulated certified insured vaccinated immunised immunized qualified entitled eligible
    employed married divorced widowed retired based located situated""")
_STATE_PREPOSITIONS = word_set("for to with in as at under on")
#: Openers of a clause in which an agentless passive reads best as it is.
_CONDITIONS = word_set("if when whenever unless once until whether after before while whilst")


@kind("passive-voice")
class PassiveVoice(RuleKind):
    """Flags each passive construction; the message asks who does the action."""

    fields = frozenset({"participle"})

    keys = {
        "participles": Key(str, "word list of irregular past participles (written, taken)",
                           required=True),
        "adjectives": Key(str, "word list of participles that are usually adjectives after "
                          "a form of 'be' (worried, located)", required=True),
        "skip_quotes": Key(bool, "leave out passives inside quotation marks", default=True),
        "max_adverbs": Key(int, "how many adverbs may stand between 'be' and the participle",
                           default=2),
        "exceptions": Key(list, "more participles never to report", default=[]),
        "only_modal": Key(bool, "report only passives after will, should, must and other "
                          "verbs of promise or duty (false: every passive)", default=True),
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
            rf"\b{AUXILIARY}?{BE}\s+(?:{ADVERB}\s+){{0,{adverbs}}}({participle})\b",
            ignorecase=True, where=(self.spec.file, self.spec.line))
        self.skip_quotes = bool(self.option(options, "skip_quotes"))
        self.only_modal = bool(self.option(options, "only_modal"))

    def check(self, ctx: RunContext) -> None:
        text = joined(ctx, self.spec.scope, self.blocks(ctx))
        for m in text.finditer(self.regex):
            participle = m.group(1)
            if not self._is_action(participle) or (
                    self.only_modal and not _DUTY.match(m.group())
                    and not _impersonal(text.text, m.start(), m.end())):
                continue
            where = text.locate(m.start(), m.end())
            if where is None:
                continue
            block = text.blocks[where[0]]
            if _is_state(participle, block.text, where[2]):
                continue
            if self.skip_quotes and quotes(ctx, block).overlaps(where[1], where[2]):
                continue
            sentence = _sentence_at(block, where[1])
            if sentence is not None and (is_others_words(ctx, block, sentence)
                                         or _agentless_condition(block.text, sentence.start,
                                                                 where[1], where[2])):
                continue
            ctx.emit(self.spec, block, where[1], where[2], {"participle": participle})

    def _is_action(self, participle: str) -> bool:
        """Whether a participle after "be" names an action (not an adjective or a state)."""
        low = participle.lower()
        if low in self.adjectives or not participle.islower():
            return False
        return not (low.startswith("un") and low.endswith("ed") and len(low) > 6)


def _impersonal(text: str, start: int, end: int) -> bool:
    """"It has been agreed that ...": who agreed is exactly what the sentence hides."""
    before = text[max(0, start - 4):start].lower()
    return before.endswith(("it ", "it\n")) and text[end:end + 6].lower().startswith(" that")


def _is_state(participle: str, text: str, end: int) -> bool:
    """"licensed for use in adults", "registered with a GP": a state, not an action."""
    if participle.lower() not in STATES:
        return False
    following = text[end:end + 12].split()
    return bool(following) and following[0].lower() in _STATE_PREPOSITIONS


def _sentence_at(block: Block, offset: int) -> Sentence | None:
    for sentence in block.sentences:
        if sentence.start <= offset < sentence.end:
            return sentence
    return None


def _agentless_condition(text: str, sentence_start: int, start: int, end: int) -> bool:
    """An "if"/"when" clause just before the verb group and no "by" agent after it."""
    before = text[sentence_start:start].lower().replace(",", " , ").split()
    clause: list[str] = []
    for word in reversed(before[-8:]):
        if word in (",", ";", ":"):
            break
        clause.append(word)
    if not _CONDITIONS.intersection(clause):
        return False
    after = text[end:end + 4].lower()
    return not after.startswith(" by")
