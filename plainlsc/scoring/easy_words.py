"""The Dale-Chall list of familiar words, and the test for a "difficult" word.

The list (about 3,000 words known to most American fourth-graders; textstat's copy holds
2,940) ships with the ``textstat`` package as ``resources/en/easy_words.txt``. We read that
file directly: importing textstat costs half a second (it imports NLTK) and its syllable
counter downloads CMUdict on first use. The list is loaded on first use and kept.

Following Dale and Chall's own counting rules, a word is familiar when it, or its regular
inflection's base, is on the list (-s, -es, -ies, -ied, -ed, -ing, -er, -est, with a dropped
e or a doubled consonant), or when it is a compound of familiar words (hyphenated, or two
words of 4+ letters run together: helpline). Numbers and proper nouns are never difficult.
The list is American, so a British spelling counts as its American form (colour = color,
centre = center). Derived forms (-ly, -ness, -ment) are not familiar unless listed. Unlike
textstat, one-syllable words off the list *are* difficult, as in the original formula.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from functools import lru_cache

from plainlsc.scoring.syllables import _variants

__all__ = ["EasyWordsUnavailable", "easy_words", "easy_words_path", "is_difficult_word"]

_EDGE_PUNCTUATION = "'\"\u201c\u201d\u2018.,;:!?()[]"
_words: frozenset[str] | None = None
_lock = threading.Lock()


class EasyWordsUnavailable(RuntimeError):
    """textstat's easy_words.txt cannot be found; textstat is a dependency of plainlsc."""


def easy_words_path() -> str | None:
    """Where textstat's English easy-word list is, found without importing textstat."""
    from importlib.util import find_spec

    try:
        spec = find_spec("textstat")
    except (ImportError, ValueError):
        return None
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = os.path.join(folder, "resources", "en", "easy_words.txt")
        if os.path.isfile(path):
            return path
    return None


def easy_words() -> frozenset[str]:
    """The familiar words, lower case; loaded once per process."""
    global _words
    if _words is None:
        with _lock:
            if _words is None:
                path = easy_words_path()
                if path is None:
                    raise EasyWordsUnavailable(
                        "textstat's resources/en/easy_words.txt was not found; "
                        "reinstall plainlsc's dependencies (pip install textstat)"
                    )
                with open(path, encoding="utf-8") as handle:
                    _words = frozenset(w.strip().lower() for w in handle if w.strip())
    return _words


def _bases(word: str) -> Iterator[str]:
    """The word, then the bases of its regular inflections (most to least likely)."""
    yield word
    for ending, replacements in (
        ("ies", ("y",)),
        ("ied", ("y",)),
        ("ier", ("y",)),
        ("iest", ("y",)),
        ("es", ("", "e")),
        ("s", ("",)),
        ("ed", ("", "e")),
        ("ing", ("", "e")),
        ("er", ("", "e")),
        ("est", ("", "e")),
        ("'s", ("",)),
        ("'", ("",)),
    ):
        if word.endswith(ending) and len(word) > len(ending) + 1:
            stem = word[: -len(ending)]
            for replacement in replacements:
                yield stem + replacement
            if ending in ("ed", "ing", "er", "est") and len(stem) > 2 and stem[-1] == stem[-2]:
                yield stem[:-1]  # stopped, running, bigger


def _familiar(word: str, words: frozenset[str]) -> bool:
    """The word, one of its inflectional bases, or its American spelling is on the list."""
    if any(base in words for base in _bases(word)):
        return True
    return any(base in words for us in _variants(word) for base in _bases(us))


# Tails that are really suffixes: carefully is careful + ly, not care + fully.
_SUFFIX_WORDS = frozenset(
    {
        "fully",
        "able",
        "ably",
        "ness",
        "less",
        "ship",
        "hood",
        "ment",
        "ward",
        "wards",
        "wise",
        "ting",
        "tion",
        "sion",
    }
)


def _familiar_compound(word: str, words: frozenset[str]) -> bool:
    """Two familiar words of 4+ letters run together (helpline, wheelchair)."""
    for cut in range(4, len(word) - 3):
        tail = word[cut:]
        if tail not in _SUFFIX_WORDS and _familiar(word[:cut], words) and _familiar(tail, words):
            return True
    return False


@lru_cache(maxsize=65536)
def is_difficult_word(word: str, proper: bool = False) -> bool:
    """Whether Dale-Chall counts ``word`` as unfamiliar.

    ``proper`` marks a proper noun (the caller knows: a capitalised word not at the start of
    a sentence, or a tagger's PROPN); proper nouns and numbers are never difficult. Tokens
    with no letter are not words and so not difficult either.
    """
    if proper or not any(c.isalpha() for c in word):
        return False
    if any(c.isdigit() for c in word):
        return False
    lower = word.lower().replace("\u2019", "'").strip(_EDGE_PUNCTUATION)
    if not lower:
        return False
    words = easy_words()
    if _familiar(lower, words):
        return False
    parts = [p for p in lower.replace("\u2013", "-").split("-") if p]
    if len(parts) > 1:
        return not all(_familiar(p, words) or _familiar_compound(p, words) for p in parts)
    return not _familiar_compound(lower, words)
