"""Who a document is written for: the public, or clinicians.

A bulletin for GPs or a prescribing update may use clinical terms: its readers use them every
day, and the medical-term rule would only be noise there. The audience is clinical when the
configuration says so (``audience = "clinical"``, for a folder of clinical bulletins, say) or
when the document says so near its top ("For healthcare professionals", "Dear doctor").
"Dear colleague" is not a cue: partnership letters to councillors and voluntary groups open
with it too, and they are for lay readers.
"""

from __future__ import annotations

import re

from plainlsc.checks.base import RunContext

AUDIENCES = ("public", "clinical")
_CLINICAL_CUES = re.compile(
    r"(?i)\bfor (?:all )?(?:health ?care|health|medical|clinical|nursing) (?:professionals|staff"
    r"|colleagues)\b|\bdear (?:doctor|prescriber|GP)s?\b|\bfor (?:GPs|clinicians"
    r"|prescribers|pharmacists|practice nurses)\b|\bclinical (?:bulletin|update|briefing)\b"
    r"|\bnot for (?:the )?public\b|\bprescribing (?:update|bulletin|guidance)\b"
)


def is_clinical(ctx: RunContext, configured: str) -> bool:
    """Whether the document is written for clinicians (worked out once per document)."""
    found = ctx.cache.get("clinical")
    if found is None:
        found = ctx.cache["clinical"] = configured == "clinical" or \
            _CLINICAL_CUES.search(ctx.doc.source[:1500]) is not None
    return bool(found)
