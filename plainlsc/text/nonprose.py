"""The one definition of what in running text is not prose: web and e-mail addresses,
handles and hashtags, file names and paths, code, and UK postcodes.

Segmentation (words that are not words), the word and phrase checks (matches to drop) and the
acronym finder (capitals that are not acronyms) all ask this module, so they agree about every
token: "nhs.uk/CCG" is an address to all three, never a word, a finding or an acronym.
"""

from __future__ import annotations

import re
from functools import lru_cache


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string, for readable tables."""
    return frozenset(words.split())


TLDS = word_set(
    "uk com org net gov nhs int eu io info co ac edu me ly tv biz scot wales cymru london ie "
    "fr de nl app dev online"
)
FILE_EXTENSIONS = word_set(
    "pdf csv doc docx dot dotx xls xlsx xlsm ppt pptx odt ods odp rtf txt md html htm xml json "
    "zip jpg jpeg png gif svg tif tiff mp3 mp4 wav avi mov py js css epub eps msg eml"
)

#: A UK postcode, outward and inward parts ("SW1A 1AA", "PR2 8DY", "M1 1AE").
POSTCODE = re.compile(
    r"(?<![^\W_])(?:[A-Z]{1,2}[0-9][A-Z0-9]?[ \u00a0]?[0-9][A-Z]{2}|GIR[ \u00a0]?0AA)(?![^\W_])"
)

#: A date field of a form or template: "DD/MM/YYYY", "dd-mm-yy", "MM/YYYY".
DATE_FIELD = re.compile(r"(?<![^\W_])(?i:dd|mm|yy|yyyy)(?:[/.\-](?i:dd|mm|yy|yyyy)){1,2}(?![^\W_])")

#: Characters that mark a chunk as code, a path or markup rather than prose.
CODE_CHARS = frozenset("_`\\={}<>~^@#")

_EMAIL = re.compile(r"[\w.%+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_HANDLE = re.compile(r"[@#][^\W_][\w]*")
#: A dot between a letter or digit and a label ("nhs.uk", "REPORT.PDF", "module.attr").
_DOTTED_LABEL = re.compile(r"[^\W_]\.([^\W_]+)")
#: Whitespace-delimited chunks that might be an address: they hold one of these characters.
_CANDIDATE = re.compile(r"[^\s]*[@#/.:][^\s]*")
_EDGE_PUNCTUATION = "()[]<>{}\"'“”‘’,;:!?*"


@lru_cache(maxsize=65536)
def is_address(chunk: str) -> bool:
    """Whether a chunk of text with no spaces is a web or e-mail address, a handle or
    hashtag, a file name or a path: something a reader copies or clicks, not reads.

    A capitalised word after a dot ("the NHS.The") is a missing space, and stays prose.
    """
    core = chunk.strip(_EDGE_PUNCTUATION).rstrip(".")
    if len(core) < 2:
        return False
    lowered = core.lower()
    if "://" in lowered or lowered.startswith("www.") or _EMAIL.fullmatch(core):
        return True
    if core[0] == "/" and len(core) > 1 and core[1] != "/":
        return True
    if core[0] in "@#":
        return _HANDLE.fullmatch(core) is not None
    return any(_is_web_or_file_label(m.group(1)) for m in _DOTTED_LABEL.finditer(core))


def _is_web_or_file_label(label: str) -> bool:
    lowered = label.lower()
    if lowered in TLDS or lowered in FILE_EXTENSIONS:
        return True
    return len(label) >= 2 and label.isalpha() and label.islower()


def is_code(chunk: str) -> bool:
    """Whether a chunk holds characters that prose never does (``_``, ``=``, braces...)."""
    return not CODE_CHARS.isdisjoint(chunk)


def address_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the addresses (see :func:`is_address`) in running text, trimmed of the
    brackets and punctuation around them."""
    spans = []
    for m in _CANDIDATE.finditer(text):
        chunk = m.group()
        if is_address(chunk):
            left = len(chunk) - len(chunk.lstrip(_EDGE_PUNCTUATION))
            core = chunk.strip(_EDGE_PUNCTUATION).rstrip(".")
            spans.append((m.start() + left, m.start() + left + len(core)))
    return spans
