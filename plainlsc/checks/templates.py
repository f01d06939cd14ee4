"""Is this document a template? Then its fields are an inventory, not errors.

A form letter kept as a template ("Dear [name of patient], your appointment is on DD/MM/YYYY")
is meant to have its fields. A finished letter is not: "[INSERT ROLE]" or "XX August 2026" in a
letter going out is the fault readers notice first. A document is a template when:

* the configuration says so (``templates = ["templates/**"]``);
* it says so itself: ``plainlsc: template`` near its top, in a comment or anywhere in the text;
* its text shows it: the same lower-case, descriptive field in brackets more than once
  ("[name of applicant]" ... "[name of applicant]"), or three different ones.
"""

from __future__ import annotations

import re
from collections import Counter

from plainlsc.checks.base import RunContext

_MARKER = re.compile(r"(?i)plainlsc[:\s-]+template\b")
#: A descriptive field: square or angle brackets around lower-case words ("[name of patient]",
#: "[date]", "<<first name>>").
_FIELD = re.compile(r"\[[a-z][a-z0-9 ,'’/&-]{1,60}\]|<<[^<>\n]{1,40}>>|\{\{[^{}\n]{1,40}\}\}")


def is_template(ctx: RunContext, configured: bool) -> bool:
    """Whether the document being checked is a template (worked out once per document)."""
    found = ctx.cache.get("template")
    if found is None:
        found = ctx.cache["template"] = configured or _says_so(ctx.doc.source) \
            or _looks_like_one(ctx.doc.source)
    return bool(found)


def _says_so(source: str) -> bool:
    return _MARKER.search(source[:3000]) is not None


def _looks_like_one(source: str) -> bool:
    fields = Counter(m.group().lower() for m in _FIELD.finditer(source))
    return len(fields) >= 3 or any(n >= 2 for n in fields.values())
