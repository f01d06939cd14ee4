"""Score plainlsc's acronym-definition finder and Schwartz and Hearst's on labelled sentences.

Run from the repository root::

    python benchmarks/acronym_definitions.py                 # figures for dev, test and all
    python benchmarks/acronym_definitions.py --show dev      # and plainlsc's dev-split errors
    python benchmarks/acronym_definitions.py --set benchmarks/acronyms/labelled.jsonl

The labelled set and its format are described in benchmarks/README.md ("Acronym
definitions"); the older JSON-lines set (``{"text": ..., "definitions": [{"short": ...,
"long": ...}]}``, one sentence a line) is read too and counts as one split.

Two ways of scoring a predicted (short, long) pair against a labelled one, each labelled pair
matched at most once:

* **strict**: the short form exactly as written ("AEDs", not "AED") and the long form
  exactly, compared case-insensitively with a leading "the" ignored.
* **lenient**: the short forms equal ignoring case and a plural "s", and the long forms
  overlap with at most one word more or fewer at each end.

Precision, recall and F1 are printed for each system and split. With ``--show SPLIT`` every
miss and false alarm of plainlsc on that split is listed. Tuning looks at the dev split only;
the test split (every third record) is held out.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from acronym_set import DEFAULT_SET, Record, load_set  # noqa: E402
from schwartz_hearst import find_pairs  # noqa: E402

from plainlsc.acronym import find_definitions  # noqa: E402

Pair = tuple[str, str]
Finder = Callable[[str], list[Pair]]


def plainlsc_pairs(text: str) -> list[Pair]:
    """plainlsc's definitions of one sentence, short forms as it reports them."""
    return [(d.short, d.long) for d in find_definitions(text)]


def schwartz_hearst_pairs(text: str) -> list[Pair]:
    """The baseline's definitions of one sentence."""
    return [(p.short, p.long) for p in find_pairs(text)]


SYSTEMS: dict[str, Finder] = {"plainlsc": plainlsc_pairs, "Schwartz-Hearst": schwartz_hearst_pairs}


def _long_words(long: str) -> list[str]:
    """Lower-case words of a long form, without a leading "the"."""
    words = long.lower().split()
    return words[1:] if words[:1] == ["the"] else words


def strict_match(gold: Pair, predicted: Pair) -> bool:
    """Same short form as written, same long form (see the module docstring)."""
    return gold[0] == predicted[0] and _long_words(gold[1]) == _long_words(predicted[1])


def _short_key(short: str) -> str:
    short = short.lower()
    return short[:-1] if len(short) > 2 and short.endswith("s") else short


def lenient_match(gold: Pair, predicted: Pair) -> bool:
    """Short forms equal up to case and plural; long forms within one word at each end."""
    if _short_key(gold[0]) != _short_key(predicted[0]):
        return False
    g, p = _long_words(gold[1]), _long_words(predicted[1])
    for shift in (-1, 0, 1):  # p[0] sits at g[shift]
        lo, hi = max(0, shift), min(len(g), shift + len(p))
        if hi <= lo:
            continue
        if g[lo:hi] == p[lo - shift:hi - shift] and abs(len(g) - (shift + len(p))) <= 1:
            return True
    return False


@dataclass
class Tally:
    """Counts for one system, split and way of matching."""

    correct: int = 0
    gold: int = 0
    predicted: int = 0

    def figures(self) -> tuple[float, float, float]:
        """(precision, recall, F1)."""
        p = self.correct / self.predicted if self.predicted else 1.0
        r = self.correct / self.gold if self.gold else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def match_count(gold: Sequence[Pair], predicted: Sequence[Pair],
                same: Callable[[Pair, Pair], bool]) -> tuple[int, list[Pair], list[Pair]]:
    """(matches, misses, false alarms), each labelled pair matched at most once."""
    left = list(gold)
    alarms = []
    for pair in predicted:
        hit = next((g for g in left if same(g, pair)), None)
        if hit is None:
            alarms.append(pair)
        else:
            left.remove(hit)
    return len(gold) - len(left), left, alarms


def load_any(path: Path) -> list[Record]:
    """The text-format set, or the older JSON-lines one (all of it as one split)."""
    if path.suffix != ".jsonl":
        return load_set(path)
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            obj = json.loads(line)
            gold = tuple((d["short"], d["long"]) for d in obj["definitions"])
            records.append(Record(len(records) + 1, "legacy", obj["text"], gold))
    return records


def score(records: list[Record], show: str | None) -> dict[tuple[str, str, str], Tally]:
    """Tallies by (system, split, matching); prints plainlsc's errors on split ``show``."""
    tallies: dict[tuple[str, str, str], Tally] = {}
    for name, finder in SYSTEMS.items():
        for record in records:
            predicted = finder(record.text)
            for how, same in (("strict", strict_match), ("lenient", lenient_match)):
                correct, misses, alarms = match_count(record.gold, predicted, same)
                for split in (record.split, "all"):
                    t = tallies.setdefault((name, split, how), Tally())
                    t.correct += correct
                    t.gold += len(record.gold)
                    t.predicted += len(predicted)
                if name == "plainlsc" and how == "strict" and show == record.split:
                    _show(record, misses, alarms)
    return tallies


def _show(record: Record, misses: list[Pair], alarms: list[Pair]) -> None:
    for short, long in misses:
        print(f"  miss  {record.number:4} {short} = {long!r}\n        {record.text}")
    for short, long in alarms:
        print(f"  false {record.number:4} {short} = {long!r}\n        {record.text}")


def report(records: list[Record], tallies: dict[tuple[str, str, str], Tally]) -> None:
    """The table of figures."""
    splits = [s for s in ("dev", "test") if any(r.split == s for r in records)] + ["all"]
    print(f"{len(records)} sentences, {sum(len(r.gold) for r in records)} labelled definitions"
          f" ({sum(1 for r in records if not r.gold)} sentences with none)")
    print(f"{'system':16} {'split':5} {'gold':>5} | {'strict P':>8} {'R':>6} {'F1':>6} |"
          f" {'lenient P':>9} {'R':>6} {'F1':>6}")
    for split in splits:
        for name in SYSTEMS:
            strict = tallies[(name, split, "strict")]
            lenient = tallies[(name, split, "lenient")]
            sp, sr, sf = strict.figures()
            lp, lr, lf = lenient.figures()
            print(f"{name:16} {split:5} {strict.gold:5} | {sp:8.3f} {sr:6.3f} {sf:6.3f} |"
                  f" {lp:9.3f} {lr:6.3f} {lf:6.3f}")


def main(argv: list[str]) -> int:
    """Run the benchmark and print the figures; returns a process exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, help="the labelled set")
    parser.add_argument("--show", choices=("dev", "test"), help="list plainlsc's errors")
    args = parser.parse_args(argv[1:])
    records = load_any(args.set)
    tallies = score(records, args.show)
    report(records, tallies)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
