"""Inflected forms of word-list terms, so a list names "utilise" once and catches "utilising".

We generate forms rather than lemmatise the text: a blank spaCy pipeline has no lemmatiser,
and one compiled pattern of all forms runs in linear time. Over-generation is harmless (a form
nobody writes never matches), so the rules are simple and generous.
"""

from __future__ import annotations

VOWELS = set("aeiou")


def _cvc(word: str) -> bool:
    """Consonant-vowel-consonant ending, where English doubles the consonant (drop, dropped)."""
    return (len(word) >= 3 and word[-1] not in VOWELS | set("wxy") and word[-2] in VOWELS
            and word[-3] not in VOWELS)


def labelled_forms(word: str) -> dict[str, set[str]]:
    """A word's forms by their ending: ``""`` (itself), ``"s"``, ``"ed"`` and ``"ing"``.

    Labelled, so that a safe fix can give the replacement the same ending as the matched
    form ("utilised" -> "used"). A label may hold two forms (a doubled consonant or not).
    """
    forms: dict[str, set[str]] = {"": {word}, "s": set(), "ed": set(), "ing": set()}
    if not word.isalpha() or len(word) < 3:
        return forms
    if word.endswith(("s", "x", "z", "ch", "sh")):
        forms["s"].add(word + "es")
    elif word.endswith("y") and word[-2] not in VOWELS:
        forms["s"].add(word[:-1] + "ies")
    else:
        forms["s"].add(word + "s")
    if word.endswith("e"):
        forms["ed"].add(word + "d")
        forms["ing"].add((word[:-2] + "ying") if word.endswith("ie") else
                         (word + "ing") if word.endswith(("ee", "ye", "oe")) else
                         word[:-1] + "ing")
    elif word.endswith("y") and word[-2] not in VOWELS:
        forms["ed"].add(word[:-1] + "ied")
        forms["ing"].add(word + "ing")
    else:
        forms["ed"].add(word + "ed")
        forms["ing"].add(word + "ing")
        if _cvc(word):
            forms["ed"].add(word + word[-1] + "ed")
            forms["ing"].add(word + word[-1] + "ing")
    return forms


def word_forms(word: str) -> set[str]:
    """A word and its -s, -ed and -ing forms (and plural for nouns)."""
    return set().union(*labelled_forms(word).values())


def inflect_like(term: str, matched: str, replacement: str) -> str | None:
    """``replacement`` with the ending ``matched`` has as a form of ``term``, or None if that
    cannot be told for sure.

    "utilise", "utilised", "use" gives "used". Only a one-word term and a one-word replacement
    are inflected; a phrase is fixed only in its listed form. None when the match is no
    generated form of the term, or the replacement's form is ambiguous (doubled consonant).
    """
    if matched == term:
        return replacement
    if " " in term or " " in replacement:
        return None
    for label, forms in labelled_forms(term).items():
        if any(matched in spelling_variants(form) for form in forms):  # utilized: utilise
            wanted = labelled_forms(replacement)[label]
            return next(iter(wanted)) if len(wanted) == 1 else None
    return None


def spelling_variants(word: str) -> set[str]:
    """British and American spellings of -ise/-isation words (utilise, utilize)."""
    variants = {word}
    for uk, us in (("isation", "ization"), ("ise", "ize"), ("ising", "izing"), ("ised", "ized")):
        if uk in word:
            variants.add(word.replace(uk, us))
    return variants


def term_forms(term: str, inflect: bool = True) -> set[str]:
    """Forms of a term: inflect a single word, or the first and last words of a phrase."""
    words = term.split(" ")
    if not inflect:
        return {term}
    forms: set[str] = set()
    if len(words) == 1:
        for form in word_forms(term):
            forms |= spelling_variants(form)
        return forms
    first, middle, last = words[0], words[1:-1], words[-1]
    for head in word_forms(first):
        forms.add(" ".join([head, *middle, last]))
    for tail in word_forms(last):
        forms.add(" ".join([first, *middle, tail]))
    return {v for f in forms for v in spelling_variants(f)}
