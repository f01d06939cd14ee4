"""The review: what to show a writer first, computed once from a file's report so that the
terminal view and the HTML report (which only render) agree.

* :mod:`plainlsc.review.priorities`: what to fix first, and the findings grouped by rule with
  each rule's advice given once;
* :mod:`plainlsc.review.shading`: which sentences to shade as hard or very hard.
"""

from plainlsc.review.priorities import (
    HARD_SENTENCES,
    JARGON_WORDS,
    Item,
    Priority,
    RuleGroup,
    by_rule,
    findings_of,
    fix_first,
    main_rule,
    rule_counts,
    split_document,
)

__all__ = [
    "HARD_SENTENCES", "JARGON_WORDS", "Item", "Priority", "RuleGroup", "by_rule", "findings_of",
    "fix_first", "main_rule", "rule_counts", "split_document",
]
