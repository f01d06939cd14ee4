"""Split block text into sentences and words with spaCy's tokenizer.

spaCy is imported on first use only, so ``plainlsc --help`` stays fast. A blank English
pipeline is enough: its tokenizer already keeps "Dr.", "e.g." and "p.m." whole. If the user
names an installed trained pipeline (``model`` in configuration) we use its tokenizer too; we
never download one. Text goes to spaCy in groups of blocks of about 100,000 characters (a
longer block on its own), so a large file does not become one huge spaCy ``Doc``; the
per-token work after tokenising is done with numpy arrays over a whole group, and only the
few possible sentence ends one by one.
"""

from __future__ import annotations

import gc
import re
import warnings
from array import array
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from plainlsc.model import Block, Sentence
from plainlsc.text.nonprose import is_address

if TYPE_CHECKING:
    from spacy.language import Language

#: Abbreviations after which a full stop never ends a sentence ("Dr. Shah", "No. 10").
NON_FINAL = frozenset((
    "dr", "mr", "mrs", "ms", "mx", "prof", "st", "no", "nos", "approx", "fig", "figs", "para",
    "paras", "ref", "tel", "vs", "v", "cf", "eg", "ie", "e.g", "i.e", "rev", "sr", "jr", "vol",
    "pp", "ch", "sec", "dept", "cllr", "col", "gen", "lt", "sgt", "capt", "hon", "est", "ext",
    "mob",
))
#: Abbreviation tokens that end a sentence when a capital follows ("... and so on etc. Then").
FINAL_ABBREVIATIONS = frozenset({"etc.", "p.m.", "a.m.", "ltd.", "inc.", "co.", "plc."})
SENTENCE_END = frozenset({".", "!", "?", "...", "…", "?!", "!?", "!!", "??", ".."})
#: Last characters of the tokens that may end a sentence ("." "!" "?" "…", "etc.").
_END_CHARS = frozenset(".!?…")
CLOSERS = frozenset({'"', "'", "”", "’", ")", "]", "»"})
#: Longest run of tokens we let one sentence hold before cutting it, so that no check can
#: become slow on a 20,000-word "sentence" (an unpunctuated dump); far above any real one.
MAX_SENTENCE_TOKENS = 2000


#: Set by the command line, which owns its process (see :func:`tokenizer`); a library must
#: not freeze the heap of the program that imports it.
FREEZE_HEAP = False


@lru_cache(maxsize=4)
def tokenizer(model: str | None = None) -> Any:
    """The spaCy tokenizer: a trained pipeline's if ``model`` is installed, else blank English.

    Loading it leaves a large heap of long-lived objects (spaCy's modules, its vocabulary,
    our rules and word lists). In the command line, ``gc.freeze`` then takes them out of the
    garbage collector's reach: otherwise every full collection walks them all again, which
    took 0.2 s of the 2.8 s that checking 200 pages took. Frozen objects are never freed,
    which suits objects that live as long as the process anyway.
    """
    pipeline = _pipeline(model)
    if FREEZE_HEAP:
        gc.freeze()
    return pipeline.tokenizer


def _pipeline(model: str | None) -> Language:
    import spacy

    if model:
        try:
            return spacy.load(model, exclude=["ner", "parser", "lemmatizer", "textcat"])
        except OSError:  # not installed: fall back to the blank pipeline, never download
            warnings.warn(f"spaCy model {model!r} is not installed; using spaCy's blank "
                          "English tokenizer (plainlsc never downloads one)", stacklevel=2)
    nlp = spacy.blank("en")
    nlp.max_length = 10_000_000
    return nlp


def segment_blocks(blocks: Iterable[Block], model: str | None = None) -> None:
    """Fill in the sentences of every block.

    Blocks go to spaCy in groups, joined by blank lines (always a token boundary), so that
    the per-call costs of spaCy and numpy are paid once per group instead of once per
    heading or bullet; a group stays small enough that its tokens never take much memory.
    """
    tok = tokenizer(model)
    if len(_WORD_TEXTS) > 500_000:
        _WORD_TEXTS.clear()  # keep the shared strings bounded over a very large site
    if len(_FLAGS) > 200_000:  # about 20 MB; a site has far fewer distinct tokens
        _FLAGS.clear()
    group: list[Block] = []
    size = 0
    for block in blocks:
        if not block.text.strip():
            continue
        if group and size + len(block.text) > GROUP_CHARS:
            _segment_group(group, tok)
            group, size = [], 0
        group.append(block)
        size += len(block.text) + len(_JOIN)
    if group:
        _segment_group(group, tok)


#: A run of this many characters without a space is no word (a line of "=====", a pasted
#: hash). spaCy strips punctuation from such a run one character at a time, which is
#: quadratic, so the tokenizer sees it cut into pieces.
LONG_RUN = 100
_LONG_RUN = re.compile(r"\S{" + str(LONG_RUN + 1) + ",}")


def _tame_long_runs(text: str) -> str:
    """The text with a space every ``LONG_RUN`` characters inside very long runs.

    Same length, so every token offset is still an offset into the real text.
    """
    if len(text) <= LONG_RUN or not _LONG_RUN.search(text):
        return text
    return _LONG_RUN.sub(lambda m: " ".join(
        m.group()[i:i + LONG_RUN] for i in range(0, len(m.group()), LONG_RUN + 1)), text)


#: One string object per distinct word: a 10 MB file has two million words but a few thousand
#: distinct ones, so sharing the strings saves most of the memory words take.
_WORD_TEXTS: dict[str, str] = {}
_ALNUM = re.compile(r"[^\W_]")
CONNECTORS = frozenset({"-", "'", "’", "/", "&", "+", "."})

#: What a token's text says about it, as bits; worked out once per distinct token.
F_ALNUM, F_CONNECTOR, F_END_CHAR, F_NOT_PROSE, F_CLOSER = 1, 2, 4, 8, 16
F_SENTENCE_END, F_NON_FINAL, F_FINAL_ABBREVIATION, F_LOWER_START, F_STOP = 32, 64, 128, 256, 512
#: Token flags by spaCy's hash of the token text (ORTH).
_FLAGS: dict[int, int] = {}


def _flags_of(text: str) -> int:
    lower = text.lower()
    return ((F_ALNUM if text.isalnum() or _ALNUM.search(text) else 0)
            | (F_CONNECTOR if text in CONNECTORS else 0)
            | (F_END_CHAR if text[-1:] in _END_CHARS else 0)
            | (F_NOT_PROSE if is_address(text) else 0)
            | (F_CLOSER if text in CLOSERS else 0)
            | (F_SENTENCE_END if text in SENTENCE_END else 0)
            | (F_NON_FINAL if lower in NON_FINAL else 0)
            | (F_FINAL_ABBREVIATION if lower in FINAL_ABBREVIATIONS else 0)
            | (F_LOWER_START if text[:1].islower() else 0)
            | (F_STOP if text == "." else 0))


def _token_flags(orth: Any, strings: Any) -> Any:
    """The flags of every token, from the flags of each distinct token text."""
    import numpy as np

    distinct, inverse = np.unique(orth, return_inverse=True)
    known = _FLAGS
    table = []
    for key in distinct.tolist():
        flags = known.get(key)
        if flags is None:
            flags = known[key] = _flags_of(strings[key])
        table.append(flags)
    return np.array(table, dtype=np.int32)[inverse.reshape(-1)]


_JOIN = "\n\n"
#: Characters of block text sent to spaCy in one call.
GROUP_CHARS = 100_000


def _segment_group(group: list[Block], tok: Any) -> None:
    """Tokenise a group of blocks in one call, then split each block into sentences."""
    import numpy as np
    from spacy.attrs import IDX, IS_SPACE, LENGTH, ORTH

    raw = _JOIN.join(block.text for block in group)
    doc = tok(_JOIN.join(_tame_long_runs(block.text) for block in group))
    if not len(doc):  # nothing but white space, which callers do not send
        for block in group:
            block.sentences = []
        return
    rows = doc.to_array([IDX, LENGTH, IS_SPACE, ORTH])
    rows = rows[rows[:, 2] == 0]  # whitespace tokens are no part of any sentence
    idx = rows[:, 0].astype(np.int64)
    end = idx + rows[:, 1].astype(np.int64)
    flags = _token_flags(rows[:, 3], doc.vocab.strings)
    noise = (flags & F_NOT_PROSE) != 0  # addresses, handles, file names: see text.nonprose
    offsets = np.cumsum([0] + [len(b.text) + len(_JOIN) for b in group[:-1]])
    bounds = np.searchsorted(idx, np.append(offsets, len(raw))).tolist()
    breaks = _sentence_breaks(flags, bounds)
    word_first, word_last = _words(idx, end, flags, noise, breaks)
    w_texts = _shared_texts(raw, idx[word_first].tolist(), end[word_last].tolist())
    # Word offsets in their own block's text, as [start, end, start, end...]:
    shift = offsets[np.searchsorted(bounds, word_first, side="right") - 1]
    spans = np.empty(2 * len(word_first), dtype=np.int32)
    spans[0::2], spans[1::2] = idx[word_first] - shift, end[word_last] - shift
    sentence_words = np.searchsorted(word_first, np.asarray(breaks) + 1).tolist()
    idx_l, end_l = idx.tolist(), end.tolist()
    k = w = 0
    for block, offset, lo, hi in zip(group, offsets.tolist(), bounds, bounds[1:]):
        sentences: list[Sentence] = []
        first, text = lo, block.text
        while k < len(breaks) and breaks[k] < hi:
            last, w_next = breaks[k], sentence_words[k]
            s, e = idx_l[first] - offset, end_l[last] - offset
            offsets_array = array("i")
            offsets_array.frombytes(spans[2 * w:2 * w_next].tobytes())
            sentences.append(Sentence.compact(text[s:e], s, e, w_texts[w:w_next], offsets_array))
            first, w, k = last + 1, w_next, k + 1
        block.sentences = _attach_closers(text, sentences)


def _shared_texts(raw: str, starts: list[int], ends: list[int]) -> list[str]:
    """The words' texts, each distinct text one shared string object."""
    shared = _WORD_TEXTS
    out = [raw[s:e] for s, e in zip(starts, ends)]
    return [shared.setdefault(t, t) for t in out]


def _sentence_breaks(flags: Any, bounds: list[int]) -> list[int]:
    """Indices of the tokens that end a sentence, in order; every block's last token is one.

    Only the few tokens ending in ".", "!", "?" or "…" are looked at one by one.
    """
    import numpy as np

    candidates = np.flatnonzero(flags & F_END_CHAR).tolist()
    fl = flags.tolist()
    breaks: list[int] = []
    c = 0
    for lo, hi in pairwise(bounds):
        if lo == hi:
            continue
        first = lo
        while c < len(candidates) and candidates[c] < hi:
            i = candidates[c]
            c += 1
            if i >= lo and _ends_sentence(fl, i, lo, hi):
                first = _cut_long(breaks, first, i)
                breaks.append(i)
                first = i + 1
        if first < hi:
            _cut_long(breaks, first, hi - 1)
            breaks.append(hi - 1)
    return breaks


def _cut_long(breaks: list[int], first: int, last: int) -> int:
    """Add breaks inside a run of more than ``MAX_SENTENCE_TOKENS`` tokens; the new start."""
    while last - first + 1 > MAX_SENTENCE_TOKENS:
        first += MAX_SENTENCE_TOKENS
        breaks.append(first - 1)
    return first


def _ends_sentence(fl: list[int], i: int, lo: int, hi: int) -> bool:
    """Whether the token at ``i`` (a full stop, ! or ?, or "etc.") closes a sentence."""
    f = fl[i]
    if f & F_SENTENCE_END:
        if f & F_STOP and i > lo and fl[i - 1] & F_NON_FINAL:
            return False  # "Dr. Shah"
    elif not f & F_FINAL_ABBREVIATION:
        return False
    j = i + 1
    while j < hi and fl[j] & F_CLOSER:
        j += 1
    if j >= hi:
        return True
    if fl[j] & F_SENTENCE_END:
        return False  # "(Mon.-Fri.)." ends at the last stop, not the first
    return not fl[j] & F_LOWER_START


def _words(idx: Any, end: Any, flags: Any, noise: Any, breaks: list[int]) -> tuple[Any, Any]:
    """The first and last token of every word.

    Words are runs of touching tokens: spaCy splits "joined-up", "GP's" and "don't" into
    pieces, but readers (and the readability formulas) count each as one word. A connector
    ("-", "'", "/", "&", "+", ".") joins two word pieces it touches on both sides. A web or
    e-mail address is not a word a reader reads. No word runs across a sentence break.
    """
    import numpy as np

    n = len(idx)
    word = ((flags & F_ALNUM) != 0) & ~noise
    alnum = (flags & F_ALNUM) != 0
    touch = np.zeros(n + 1, dtype=bool)  # touch[i]: token i starts where token i-1 ends
    touch[1:n] = idx[1:] == end[:-1]
    fresh = np.zeros(n + 1, dtype=bool)  # fresh[i]: token i starts a sentence
    fresh[0] = True
    fresh[np.asarray(breaks, dtype=np.int64) + 1] = True
    joiner = np.zeros(n, dtype=bool)
    if n > 2:
        joiner[1:-1] = (((flags[1:-1] & F_CONNECTOR) != 0) & touch[1:n - 1] & ~fresh[1:n - 1]
                        & word[:-2] & touch[2:n] & alnum[2:] & ~fresh[2:n])
    follows = np.zeros(n, dtype=bool)
    follows[1:] = word[:-1] | joiner[:-1]
    extends = word & touch[:n] & ~fresh[:n] & follows
    first = np.flatnonzero(word & ~extends)
    word_tokens = np.flatnonzero(word)
    starts_at = np.flatnonzero(~extends[word_tokens])
    last = word_tokens[np.append(starts_at[1:] - 1, len(word_tokens) - 1)] if len(first) else first
    return first, last


def _attach_closers(text: str, sentences: list[Sentence]) -> list[Sentence]:
    """Move closing quotes and brackets that touch a sentence's end back onto it.

    A quote right after "?" with no space closes that sentence; one after a space opens the
    next ("Is it safe? \"Yes,\" she said.").
    """
    for prev, cur in pairwise(sentences):
        if cur.start != prev.end:
            continue
        k = cur.start
        while k < cur.end and text[k] in CLOSERS and k < cur.first_word_start:
            k += 1
        if k > cur.start:
            prev.end = k
            prev.text = text[prev.start:k]
            rest = text[k:cur.end].lstrip()
            cur.start = cur.end - len(rest)
            cur.text = rest
    return [s for s in sentences if s.text]
