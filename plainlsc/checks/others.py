"""Sentences that are not the writer's own prose: someone else's words, names and titles,
captions, figures and citations.

A long quotation from a councillor, "Jane Smith MP, Parliamentary Under Secretary of State for
Public Health", "Source: ONS Annual Population Survey (2024)" or "Employment rate 74.1% up 0.3
points" is not a sentence the writer can shorten or make active. Nor are labelled fields run
together ("Salary: £30,000 / Hours: 37.5 / Closing date: ...") or the notes to editors after a
news release's "ENDS": background for journalists, not reading for the public. Rules about how
the writer writes (sentence length, hard sentences, passive verbs) leave them out; rules about words
(jargon, placeholders) still look at them. Each sentence is judged once per document.
"""

from __future__ import annotations

import re

from plainlsc.checks.base import RunContext
from plainlsc.checks.context import quotes
from plainlsc.model import Block, Sentence
from plainlsc.text.nonprose import word_set

#: Openings of a label line rather than a sentence: sources, notes, captions, credits.
_LABEL = re.compile(
    r"(?i)\s*(?:sources?|references?|notes?(?: to editors)?|data|credit|photo(?:graph)?|image"
    r"|caption|figure|fig\.|table|chart|graph|map|key|ends|copyright|©)\b\s*[\d.:–-]"
)
#: Marks of a citation: "et al.", a DOI, an ISBN, volume and page numbers, a year in brackets
#: after a name.
_CITATION = re.compile(r"\bet al\b|\bdoi\b|\bISBN\b|\bvol\.\s*\d|\bpp?\.\s*\d|\[\d+\]"
                       r"|[A-Z][a-z]+,? (?:[A-Z]\.\s*)+\(?(?:19|20)\d\d\)?")
#: A figure in a statistic: a percentage, a decimal or an amount of money (not a phone number
#: or a time, which run through ordinary instructions).
_FIGURE = re.compile(r"[£$€]\d[\d,.]*[mkbn]?|\d[\d,]*(?:\.\d+)?%|\d+\.\d+")
#: Little words that may stay lower case inside a name or title ("Secretary of State for").
_NAME_JOINERS = word_set("of for and the in on to at & de da von van")
#: A speech or a transcript, named near the top: its sentences are written to be heard.
SPEECH_CUES = re.compile(r"(?i)check against delivery|as delivered|speech (?:by|to|at|from)|"
                         r"transcript of")


def is_others_words(ctx: RunContext, block: Block, sentence: Sentence) -> bool:
    """Whether ``sentence`` is not the writer's own prose (see the module docstring)."""
    key = ("others", id(block), sentence.start)
    found = ctx.cache.get(key)
    if found is None:
        found = ctx.cache[key] = _judge(ctx, block, sentence)
    return bool(found)


def _judge(ctx: RunContext, block: Block, sentence: Sentence) -> bool:
    text = sentence.text
    if _mostly_quoted(ctx, block, sentence) or _LABEL.match(text) or _CITATION.search(text):
        return True
    if _is_fields(text) or in_notes_to_editors(ctx, block):
        return True
    words = sentence.texts
    return _is_name_or_title(words) or _is_figures(words) or is_speech(ctx)


#: A line that is a labelled field: "Salary: £30,000", "Closing date: 30 April".
_FIELD_LINE = re.compile(r"\s*[A-Z][\w ’'/()&-]{0,30}:\s*\S")
#: Where the notes to editors begin: a "Notes to editors" line or the "ENDS" marker.
_NOTES_START = re.compile(r"(?i)\s*(?:notes? (?:to|for) editors?\b|ends\s*$)")


def _is_fields(text: str) -> bool:
    """Lines of labelled fields run together into one "sentence" (a job advert's details)."""
    lines = [line for line in text.split("\n") if line.strip()]
    fields = sum(1 for line in lines if _FIELD_LINE.match(line))
    return len(lines) >= 2 and fields >= 2 and fields * 2 >= len(lines)


def in_notes_to_editors(ctx: RunContext, block: Block) -> bool:
    """Whether ``block`` comes after a news release's "ENDS" or "Notes to editors" line."""
    start = ctx.cache.get("notes-start")
    if start is None:
        start = ctx.cache["notes-start"] = next(
            (i for i, b in enumerate(ctx.doc.blocks) if len(b.text) < 40
             and _NOTES_START.match(b.text)), len(ctx.doc.blocks))
    if start >= len(ctx.doc.blocks):
        return False
    after = ctx.cache.get("notes-blocks")
    if after is None:  # once per document: a set, so each question is one lookup
        after = ctx.cache["notes-blocks"] = {id(b) for b in ctx.doc.blocks[start + 1:]}
    return id(block) in after


def in_citation(block: Block, offset: int) -> bool:
    """Whether ``offset`` is in a sentence that is a citation or a source line ("Marsh, T. et
    al. (2023) ...", "Source: ONS (2024)"): its form is the citation's convention."""
    for sentence in block.sentences:
        if sentence.start <= offset < sentence.end:
            return bool(_LABEL.match(sentence.text) or _CITATION.search(sentence.text))
    return False


def is_speech(ctx: RunContext) -> bool:
    """Whether the document says, near its top, that it is a speech or a transcript."""
    found = ctx.cache.get("speech")
    if found is None:
        head = ctx.doc.source[:600]
        found = ctx.cache["speech"] = SPEECH_CUES.search(head) is not None
    return bool(found)


def _mostly_quoted(ctx: RunContext, block: Block, sentence: Sentence) -> bool:
    spans = quotes(ctx, block)
    if not spans:
        return False
    inside = sum(1 for w in sentence.words if spans.overlaps(w.start, w.end))
    return inside * 2 >= max(1, sentence.word_count)


def _is_name_or_title(words: tuple[str, ...]) -> bool:
    """Mostly capitalised words and no lower-case word but joiners: a name with a job title,
    an organisation, a heading run into the text."""
    alpha = [w for w in words if w[:1].isalpha()]
    if len(alpha) < 3:
        return False
    lower = [w for w in alpha if w[:1].islower() and w.lower() not in _NAME_JOINERS]
    return len(lower) * 5 <= len(alpha)


def _is_figures(words: tuple[str, ...]) -> bool:
    """A statistic callout or caption: two or more figures, one word in five or more."""
    figures = sum(1 for w in words if _FIGURE.fullmatch(w))
    return figures >= 2 and figures * 5 >= len(words)
