"""Score find_definitions against hand-labelled sentences.

Run from the repository root::

    python benchmarks/acronym_definitions.py [path/to/labelled.jsonl]

Each line of the labelled file is ``{"text": ..., "definitions": [{"short": ..., "long": ...}]}``.
A predicted pair is correct when its short form equals a labelled short form exactly and its
long form equals the labelled long form case-insensitively, after stripping a leading "the"
from both. Each labelled pair can be matched once. Prints precision, recall and F1, then every
miss and every false alarm, so a change to the algorithm can be judged case by case.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plainlsc.acronym import find_definitions  # noqa: E402

DEFAULT_DATA = ROOT / "benchmarks" / "acronyms" / "labelled.jsonl"

Pair = tuple[str, str]


def normalise_long(long: str) -> str:
    """Lower-case, collapse white space and drop a leading "the"."""
    words = long.lower().split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def load(path: Path) -> list[tuple[str, list[Pair]]]:
    """The labelled sentences and their (short, long) pairs."""
    items = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            obj = json.loads(line)
            pairs = [(d["short"], d["long"]) for d in obj["definitions"]]
            if not isinstance(obj["text"], str):
                raise ValueError(f"{path}:{number}: text is not a string")
            items.append((obj["text"], pairs))
    return items


def compare(expected: list[Pair], predicted: list[Pair]) -> tuple[int, list[Pair], list[Pair]]:
    """(true positives, misses, false alarms) for one sentence, matching each pair once."""
    wanted = Counter((s, normalise_long(lf)) for s, lf in expected)
    correct = 0
    false_alarms = []
    for short, long in predicted:
        key = (short, normalise_long(long))
        if wanted[key] > 0:
            wanted[key] -= 1
            correct += 1
        else:
            false_alarms.append((short, long))
    misses = [(s, lf) for s, lf in expected if wanted[(s, normalise_long(lf))] > 0]
    for s, lf in misses:
        wanted[(s, normalise_long(lf))] -= 1
    return correct, misses, false_alarms


def main(argv: list[str]) -> int:
    """Run the benchmark and print the figures; returns a process exit code."""
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT_DATA
    items = load(path)
    tp = fn = fp = 0
    missed: list[tuple[str, Pair]] = []
    alarms: list[tuple[str, Pair]] = []
    for text, expected in items:
        predicted = [(d.short, d.long) for d in find_definitions(text)]
        correct, misses, false_alarms = compare(expected, predicted)
        tp += correct
        fn += len(misses)
        fp += len(false_alarms)
        missed.extend((text, m) for m in misses)
        alarms.extend((text, a) for a in false_alarms)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    with_defs = sum(1 for _, e in items if e)
    without = len(items) - with_defs
    print(f"{len(items)} sentences ({with_defs} with definitions, {without} without)")
    print(f"labelled definitions: {tp + fn}; predicted: {tp + fp}; correct: {tp}")
    print(f"precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    print(f"\nmisses ({len(missed)}):")
    for text, (short, long) in missed:
        print(f"  {short} = {long!r}\n      in: {text}")
    print(f"\nfalse alarms ({len(alarms)}):")
    for text, (short, long) in alarms:
        print(f"  {short} = {long!r}\n      in: {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
