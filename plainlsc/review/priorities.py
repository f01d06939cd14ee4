"""What a review of one file puts first, and how it groups the rest (computed once, rendered
by the terminal view and the HTML report alike).

A flat list in line order hides the two placeholders among a hundred passive verbs. A review
instead says what to fix first (the errors, a safe fix, the hardest sentences, the jargon used
most) and then gives each rule's advice once, with its places. Nothing here prints: outputs
only render what these functions return.

API:
  * :func:`fix_first` (file report, limit) -> list of :class:`Priority`, most urgent first;
  * :func:`by_rule` (findings) -> list of :class:`RuleGroup`, most severe and frequent first;
  * :func:`split_document` (findings) -> (document-wide findings, findings at a place);
  * :func:`rule_counts` and :func:`main_rule` for the summary and the ``explain`` pointer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from plainlsc.findings import FileReport, Finding, level_rank

if TYPE_CHECKING:
    from plainlsc.scoring.sentences import SentenceScore

#: How many hardest sentences and jargon words "fix first" names, at most.
HARD_SENTENCES = 2
JARGON_WORDS = 3


@dataclass(frozen=True, slots=True)
class Priority:
    """One entry of "fix first".

    ``reason`` is "error", "fix" (a finding with a safe rewrite), "hard-sentence" or
    "jargon". ``finding`` is the finding to show (for "jargon", its first use); ``sentence``
    is set for "hard-sentence"; ``count`` is how often the word is used ("jargon") and
    ``places`` every finding it stands for.
    """

    reason: str
    line: int
    column: int
    start: int
    end: int
    finding: Finding | None = None
    sentence: SentenceScore | None = None
    count: int = 1
    places: tuple[Finding, ...] = ()


@dataclass(frozen=True, slots=True)
class Item:
    """Findings of one rule with the same message: one line, many places (``places[0]``
    first in the text)."""

    text: str
    places: tuple[Finding, ...]

    @property
    def first(self) -> Finding:
        """Where the item is first found."""
        return self.places[0]


@dataclass(slots=True)
class RuleGroup:
    """All findings of one rule. ``advice`` is the part of the message every finding shares
    (given once), or "" when each finding's message says something of its own; each item's
    ``text`` is then the rest of its message."""

    rule: str
    severity: str
    findings: list[Finding]
    advice: str = ""
    items: list[Item] = field(default_factory=list)

    @property
    def count(self) -> int:
        """How many findings the rule has."""
        return len(self.findings)


def split_document(findings: Iterable[Finding]) -> tuple[list[Finding], list[Finding]]:
    """(findings about the whole document, findings at a place), each in document order."""
    whole: list[Finding] = []
    placed: list[Finding] = []
    for f in findings:
        (whole if f.document else placed).append(f)
    return whole, placed


def rule_counts(findings: Iterable[Finding]) -> list[tuple[str, str, int]]:
    """(rule, highest level, count) for each rule, most severe then most frequent first."""
    counts: Counter[str] = Counter()
    level: dict[str, str] = {}
    for f in findings:
        counts[f.rule] += 1
        if f.rule not in level or level_rank(f.severity) > level_rank(level[f.rule]):
            level[f.rule] = f.severity
    return sorted(((r, level[r], n) for r, n in counts.items()),
                  key=lambda t: (-level_rank(t[1]), -t[2], t[0]))


def main_rule(findings: Iterable[Finding]) -> str | None:
    """The rule worth reading about in this run: the one with the most findings at warning
    level or above (else the most frequent), ties to the more severe."""
    counts = Counter((f.rule, f.severity) for f in findings)
    if not counts:
        return None
    per_rule: Counter[str] = Counter()
    worst: dict[str, int] = {}
    serious = any(level_rank(lvl) >= 1 for _, lvl in counts)
    for (rule, lvl), n in counts.items():
        if not serious or level_rank(lvl) >= 1:
            per_rule[rule] += n
        worst[rule] = max(worst.get(rule, 0), level_rank(lvl))
    return min(per_rule, key=lambda r: (-per_rule[r], -worst[r], r))


def _advice(message: str) -> tuple[str, str]:
    """(what is wrong here, the advice): a message is "what: advice" where it has a colon
    outside quotes; else all of it is what is wrong."""
    quoted = False
    for i, ch in enumerate(message):
        if ch in "\"“”":
            quoted = not quoted if ch == '"' else ch == "“"
        elif ch == ":" and not quoted and message[i + 1:i + 2] == " ":
            return message[:i], message[i + 2:]
    return message, ""


def _group(rule: str, findings: list[Finding]) -> RuleGroup:
    parts = [_advice(f.message) for f in findings]
    tails = {tail for _, tail in parts}
    shared = len(findings) > 1 and len(tails) == 1 and "" not in tails
    advice = tails.pop() if shared else ""
    # Same words, same message: one item ("outcomes" three times); two sentences of 25
    # words each stay two items.
    by_text: dict[tuple[str, str], list[Finding]] = {}
    for f, (head, _) in zip(findings, parts):
        by_text.setdefault((head if shared else f.message, f.match.lower()), []).append(f)
    items = [Item(text, tuple(places)) for (text, _), places in by_text.items()]
    items.sort(key=lambda it: (-level_rank(it.first.severity), -len(it.places),
                               it.first.start))
    severity = max((f.severity for f in findings), key=level_rank)
    return RuleGroup(rule, severity, findings, advice, items)


def by_rule(findings: Iterable[Finding]) -> list[RuleGroup]:
    """The findings grouped per rule (each group in document order), the most severe and
    most frequent rules first. Findings with the same message share one item."""
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.rule, []).append(f)
    order = {rule: i for i, (rule, _, _) in enumerate(rule_counts(findings_of(groups)))}
    return [_group(rule, groups[rule]) for rule in sorted(groups, key=order.__getitem__)]


def findings_of(groups: dict[str, list[Finding]]) -> list[Finding]:
    """Every finding of ``groups``."""
    return [f for fs in groups.values() for f in fs]


def fix_first(file: FileReport, limit: int = 6, max_age: float = 11) -> list[Priority]:
    """What to fix first in ``file``: every error (placeholders, template leftovers), then a
    safe fix or two, the hardest sentences above ``max_age`` and the jargon used most;
    at most ``limit`` entries, except that errors are never left out."""
    out = [_from_finding("error", f) for f in file.findings if f.severity == "error"]
    fixes = [f for f in file.findings if f.fix is not None and f.fix.safe
             and f.severity != "error"]
    room = max(0, limit - len(out))
    kinds = [[_from_finding("fix", f) for f in fixes[:2]], _hard_sentences(file, max_age),
             _jargon(file.findings)]
    return out + _take_turns(kinds, room)


def _take_turns(kinds: list[list[Priority]], room: int) -> list[Priority]:
    """One of each kind in turn (a safe fix, the hardest sentence, the most used jargon, then
    the next of each), so a long list of one kind never crowds out the others."""
    out: list[Priority] = []
    depth = max((len(k) for k in kinds), default=0)
    for i in range(depth):
        out.extend(k[i] for k in kinds if i < len(k))
    return out[:room]


def _from_finding(reason: str, f: Finding) -> Priority:
    return Priority(reason, f.line, f.column, f.start, f.end, finding=f, places=(f,))


def _hard_sentences(file: FileReport, max_age: float) -> list[Priority]:
    """The hardest sentences above the aim that a finding marks (sentence-length,
    hard-sentence): a sentence no shown finding is about is not a thing to fix first."""
    out: list[Priority] = []
    marks = {(f.start, f.end): f for f in file.findings if not f.document}
    for s in file.hardest(HARD_SENTENCES * 4):
        mark = marks.get((s.start, s.end))
        if s.reading_age <= max_age or len(out) == HARD_SENTENCES:
            break
        if mark is None:
            continue
        line, column = _position(file.source or "", s.start, s.line)
        out.append(Priority("hard-sentence", line, column, s.start, s.end,
                            finding=mark, sentence=s))
    return out


def _position(source: str, start: int, line: int) -> tuple[int, int]:
    """(line, column) of offset ``start``: the column counted in characters, 1-based."""
    return line, start - (source.rfind("\n", 0, start) + 1) + 1


def _jargon(findings: Sequence[Finding]) -> list[Priority]:
    """The words used most (twice or more) that a rule offers a plainer word for (a finding
    with suggestions: jargon, wordy phrases, a rule added later), most used first."""
    uses: dict[str, list[Finding]] = {}
    for f in findings:
        if f.suggestions and not f.document:
            uses.setdefault(f.match.lower(), []).append(f)
    ranked = sorted((fs for fs in uses.values() if len(fs) > 1),
                    key=lambda fs: (-len(fs), fs[0].start))
    return [Priority("jargon", fs[0].line, fs[0].column, fs[0].start, fs[0].end,
                     finding=fs[0], count=len(fs), places=tuple(fs))
            for fs in ranked[:JARGON_WORDS]]
