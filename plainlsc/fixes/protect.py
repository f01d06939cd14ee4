"""Keep fixes out of markup, code and links in Markdown and HTML.

A finding's span is prose as the reader saw it, but in the source it may straddle markup
("the **the**"), sit in link text, or hold an entity (``&amp;``). Rather than edit markup we
only fix a span made of plain characters that lies outside every protected stretch: code,
links (text and target), tags, comments and front matter. Over-protecting costs a missed fix;
under-protecting would break a page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from plainlsc.findings import Fix

_MARKDOWN = [re.compile(p, re.MULTILINE | re.DOTALL) for p in (
    r"\A(?:---|\+\+\+)\r?\n.*?^(?:---|\+\+\+|\.\.\.)[ \t]*$",  # front matter
    r"^[ \t]*(`{3,}|~{3,}).*?(?:^[ \t]*\1[`~]*[ \t]*$|\Z)",  # fenced code
    r"^(?: {4}|\t)[^\r\n]*$",  # indented code (and indented list text: protected too)
    r"(`+).+?\1",  # inline code
    r"!?\[[^\]\r\n]*\](?:\([^)\r\n]*\)|\[[^\]\r\n]*\])?",  # links and images, with their text
    r"^[ \t]{0,3}\[[^\]]+\]:[^\r\n]*$",  # link reference definitions
    r"<!--.*?-->",
    r"<[^>\r\n]*>",  # tags and autolinks
    r"https?://\S+|www\.\S+",  # bare links
)]
_HTML = [re.compile(p, re.IGNORECASE | re.DOTALL) for p in (
    r"<!--.*?-->",
    r"<(script|style|pre|code|kbd|samp|textarea|a|title)\b.*?</\1\s*>",
    r"<[^>]*>",
    r"https?://\S+|www\.\S+",
)]
#: Characters that are markup (or escapes) somewhere in these formats: never inside a fix.
_MARKUP_CHARS = {"markdown": set("*_`[]()<>!#|\\~&"), "html": set("<>&")}


def protected_spans(source: str, format: str) -> list[tuple[int, int]]:
    """The stretches of ``source`` no fix may touch, for a markup format (none for text)."""
    patterns = {"markdown": _MARKDOWN, "html": _HTML}.get(format, [])
    return sorted((m.start(), m.end()) for p in patterns for m in p.finditer(source))


def allowed(fixes: Sequence[Fix], source: str, format: str) -> tuple[list[Fix], list[Fix]]:
    """Split fixes into (allowed, refused) for this format: refused ones touch markup."""
    if format not in _MARKUP_CHARS:
        return list(fixes), []
    spans = protected_spans(source, format)
    chars = _MARKUP_CHARS[format]
    ok: list[Fix] = []
    refused: list[Fix] = []
    for fix in fixes:
        text = source[fix.start:fix.end]
        touches = any(s < fix.end and fix.start < e for s, e in spans)
        (refused if touches or chars.intersection(text) else ok).append(fix)
    return ok, refused
