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


def word_forms(word: str) -> set[str]:
    """A word and its -s, -ed and -ing forms (and plural for nouns)."""
    forms = {word}
    if not word.isalpha() or len(word) < 3:
        return forms
    if word.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(word + "es")
    elif word.endswith("y") and word[-2] not in VOWELS:
        forms.add(word[:-1] + "ies")
    else:
        forms.add(word + "s")
    if word.endswith("e"):
        forms.add(word + "d")
        forms.add((word[:-2] + "ying") if word.endswith("ie") else
                  (word + "ing") if word.endswith(("ee", "ye", "oe")) else word[:-1] + "ing")
    elif word.endswith("y") and word[-2] not in VOWELS:
        forms.update({word[:-1] + "ied", word + "ing"})
    else:
        forms.update({word + "ed", word + "ing"})
        if _cvc(word):
            forms.update({word + word[-1] + "ed", word + word[-1] + "ing"})
    return forms


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
