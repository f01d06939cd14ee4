"""RE2 patterns: the byte-level scanner gives the same matches, in characters, as RE2 on str."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from plainlsc.text.patterns import Scanner, compile_pattern, literal_alternation

WORDS = compile_pattern(literal_alternation(["crèche", "going forward", "utilise", "A&E"]))
PASSIVE = compile_pattern(r"\b(?:was|were)\s+([a-zé]+ed)\b")


def _via_str(regex: object, text: str) -> list[list[tuple[int, int]]]:
    groups = range(regex.groups + 1)  # type: ignore[attr-defined]
    return [[m.span(g) for g in groups] for m in regex.finditer(text)]  # type: ignore[attr-defined]


def _via_scanner(regex: object, text: str) -> list[list[tuple[int, int]]]:
    groups = range(regex.groups + 1)  # type: ignore[attr-defined]
    return [[(m.start(g), m.end(g)) for g in groups] for m in Scanner(text).finditer(regex)]


def test_offsets_are_characters_after_accents_and_emoji() -> None:
    text = "Le café 😀 was renamed. Going forward we utilise the A&E crèche."
    found = [(m.start(), m.end(), m.group()) for m in Scanner(text).finditer(WORDS)]
    assert found == [(23, 36, "Going forward"), (40, 47, "utilise"), (52, 55, "A&E"),
                     (56, 62, "crèche")]
    [passive] = list(Scanner(text).finditer(PASSIVE))
    assert (passive.group(), passive.group(1), passive.start(1)) == ("was renamed", "renamed",
                                                                    14)


def test_an_unmatched_group_is_none() -> None:
    regex = compile_pattern(r"(x)|(café)")
    [m] = list(Scanner("un café").finditer(regex))
    assert m.group(1) is None and m.group(2) == "café" and m.start(2) == 3


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["café", "crèche", " ", "going", "forward", "\n", "é", "😀", "was",
                                 "utilise", "A&E", "déployed", "x"]), max_size=40).map("".join))
def test_scanner_agrees_with_re2_on_str(text: str) -> None:
    for regex in (WORDS, PASSIVE):
        assert _via_scanner(regex, text) == _via_str(regex, text)
