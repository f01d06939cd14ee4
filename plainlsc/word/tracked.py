"""Safe fixes as Word tracked changes: the old words in ``w:del``, the new in ``w:ins``.

python-docx cannot write revisions, so this is raw OOXML. Each fix becomes one deletion of
exactly the runs that hold the old words (their text moved to ``w:delText``) followed by one
insertion of a run with the same formatting holding the replacement. The writer accepts or
rejects each in Word. A fix is only made where the runs sit directly in the paragraph, hold
only text, and are not already part of a revision, a hyperlink or a field: there, something
else is going on and a person should decide.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any

from plainlsc.findings import Fix
from plainlsc.word.runs import new_element, set_text
from plainlsc.word.textmap import TextMap

#: What a run may hold for a fix to replace it: properties, text and tabs.
_PLAIN_CHILDREN = ("rPr", "t", "tab")


class Revisions:
    """Hands out revision ids (unique among the document's ids) with one author and time."""

    def __init__(self, body: Any, names_w: str, author: str) -> None:
        values = (el.get(names_w + "id") for el in body.getroottree().getroot().iter())
        ids = [int(v) for v in values if v is not None and v.lstrip("-").isdigit()]
        self.next_id = max(ids, default=0) + 1
        self.author = author
        self.date = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.w = names_w

    def mark(self, tag: str) -> Any:
        """A new ``w:ins`` or ``w:del`` with the next id, the author and the date."""
        element = new_element(self.w, tag)
        element.set(self.w + "id", str(self.next_id))
        element.set(self.w + "author", self.author)
        element.set(self.w + "date", self.date)
        self.next_id += 1
        return element


def _plain(runs: Sequence[Any], paragraph: Any, w: str) -> bool:
    """Runs that sit directly in the paragraph and hold only text: safe to revise."""
    allowed = {w + name for name in _PLAIN_CHILDREN}
    return all(run.getparent() is paragraph and all(c.tag in allowed for c in run)
               for run in runs)


def revise(runs: Sequence[Any], replacement: str, revisions: Revisions) -> None:
    """Turn ``runs`` into a tracked deletion followed by a tracked insertion."""
    w = revisions.w
    deletion = revisions.mark("del")
    insertion = revisions.mark("ins")
    runs[0].addprevious(deletion)
    new_run = new_element(w, "r")
    props = runs[0].find(w + "rPr")
    if props is not None:
        new_run.append(copy.deepcopy(props))
    text = new_element(w, "t")
    set_text(text, replacement)
    new_run.append(text)
    for run in runs:
        deletion.append(run)
        for t in run.findall(w + "t"):
            t.tag = w + "delText"
    insertion.append(new_run)
    deletion.addnext(insertion)


def apply_tracked(tmap: TextMap, fixes: Sequence[Fix], author: str) -> tuple[list[Fix],
                                                                              list[Fix]]:
    """Put ``fixes`` (sorted, not overlapping) in as tracked changes; (made, refused).

    Works from the last fix to the first, so each fix's offsets still hold when it is made.
    """
    from plainlsc.word.runs import isolate

    revisions = Revisions(tmap.paragraphs[0] if tmap.paragraphs else None, tmap.names.w,
                          author) if tmap.paragraphs else None
    made: list[Fix] = []
    refused: list[Fix] = []
    for fix in reversed(fixes):
        where = tmap.locate(fix.start, fix.end)
        if where is None or revisions is None:
            refused.append(fix)
            continue
        index = where[0]
        runs = isolate(tmap, *where)
        if not runs or not _plain(runs, tmap.paragraphs[index], tmap.names.w):
            refused.append(fix)
            continue
        revise(runs, fix.replacement, revisions)
        made.append(fix)
    return made[::-1], refused[::-1]
