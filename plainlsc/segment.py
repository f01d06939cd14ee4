"""Split block text into sentences and words with spaCy's tokenizer.

spaCy is imported on first use only, so ``plainlsc --help`` stays fast. A blank English
pipeline is enough: its tokenizer already keeps "Dr.", "e.g." and "p.m." whole. If the user
names an installed trained pipeline (``model`` in configuration) we use its tokenizer too; we
never download one. Text goes to spaCy one block at a time, so its 1,000,000-character limit
never applies to a whole file.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from plainlsc.model import Block, Sentence

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


@lru_cache(maxsize=4)
def tokenizer(model: str | None = None) -> Any:
    """The spaCy tokenizer: a trained pipeline's if ``model`` is installed, else blank English."""
    return _pipeline(model).tokenizer


def _pipeline(model: str | None) -> Language:
    import spacy

    if model:
        try:
            return spacy.load(model, exclude=["ner", "parser", "lemmatizer", "textcat"])
        except OSError:
            pass  # not installed: fall back to the blank pipeline, never download
    nlp = spacy.blank("en")
    nlp.max_length = 10_000_000
    return nlp


def segment_blocks(blocks: Iterable[Block], model: str | None = None) -> None:
    """Fill in the sentences of every block."""
    tok = tokenizer(model)
    if len(_WORD_TEXTS) > 500_000:
        _WORD_TEXTS.clear()  # keep the shared strings bounded over a very large site
    for block in blocks:
        if block.text.strip():
            block.sentences = split_sentences(block.text, tok(_tame_long_runs(block.text)))


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


def _is_word(text: str) -> bool:
    """A token with a letter or digit in it is (part of) a word."""
    return text.isalnum() or _ALNUM.search(text) is not None


def _tokens(text: str, doc: Any) -> list[tuple[str, int, bool]]:
    """(text, offset, is-address) for each non-space token, read as arrays.

    Reading spaCy's token attributes one Token object at a time costs more than the
    tokenising itself; ``Doc.to_array`` hands them over in one call.
    """
    from spacy.attrs import IDX, IS_SPACE, LENGTH, LIKE_EMAIL, LIKE_URL

    if not len(doc):
        return []
    rows = doc.to_array([IDX, LENGTH, IS_SPACE, LIKE_URL, LIKE_EMAIL]).tolist()
    out = []
    for idx, length, space, url, email in rows:
        if not space:
            tok = text[idx:idx + length]
            out.append((tok, idx, bool(url or email) or tok[:1] in "@#"))
    return out


def _ends_sentence(tokens: list[tuple[str, int, bool]], i: int) -> bool:
    """Whether the token at ``i`` (a full stop, ! or ?, or "etc.") closes a sentence."""
    text = tokens[i][0]
    if text in SENTENCE_END:
        if text == "." and i > 0 and tokens[i - 1][0].lower() in NON_FINAL:
            return False
    elif text.lower() not in FINAL_ABBREVIATIONS:
        return False
    j = i + 1
    while j < len(tokens) and tokens[j][0] in CLOSERS:
        j += 1
    if j >= len(tokens):
        return True
    nxt = tokens[j][0]
    if nxt in SENTENCE_END:
        return False  # "(Mon.-Fri.)." ends at the last stop, not the first
    return not nxt[:1].islower()


CONNECTORS = frozenset({"-", "'", "’", "/", "&", "+", "."})


def split_sentences(text: str, doc: Any) -> list[Sentence]:
    """Group tokens into sentences; a block always holds at least one if it has words.

    Words are runs of touching tokens: spaCy splits "joined-up", "GP's" and "don't" into
    pieces, but readers (and the readability formulas) count each as one word.
    """
    tokens = _tokens(text, doc)
    shared = _WORD_TEXTS
    sentences: list[Sentence] = []
    texts: list[str] = []
    spans = array("i")
    start: int | None = None
    w_end = -1
    count = 0
    for i, (tok, idx, noise) in enumerate(tokens):
        end = idx + len(tok)
        if start is None:
            start = idx
        count += 1
        if noise:
            w_end = -1  # a web or e-mail address is not a word a reader reads
        elif tok.isalnum() or _is_word(tok):
            if w_end == idx and texts:
                texts.pop()
                spans.pop()  # extend the previous word: keep its start, replace its end
            else:
                spans.append(idx)
            w_end = end
            spans.append(end)
            word = text[spans[-2]:end]
            texts.append(shared.setdefault(word, word))
        elif tok in CONNECTORS and w_end == idx and i + 1 < len(tokens) and \
                tokens[i + 1][1] == end and _is_word(tokens[i + 1][0]):
            w_end = end
        if (tok[-1] in _END_CHARS and _ends_sentence(tokens, i)) or count >= MAX_SENTENCE_TOKENS:
            sentences.append(Sentence.compact(text[start:end], start, end, texts, spans))
            texts, spans, start, count, w_end = [], array("i"), None, 0, -1
    if start is not None:
        last = tokens[-1][1] + len(tokens[-1][0])  # the last token, even if not a word
        sentences.append(Sentence.compact(text[start:last], start, last, texts, spans))
    return _attach_closers(text, sentences)


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
