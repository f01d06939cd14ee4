"""Read the labelled acronym-definition set (benchmarks/acronyms/definitions.txt).

One record per line: ``register | sentence | gold`` where gold is ``-`` (no definition) or
``SHORT = long form`` pairs separated by ``;``. Lines starting with ``#`` and blank lines are
skipped. Records are numbered from 1 in file order; every third record (3, 6, 9, ...) is the
held-out test split, the rest is the dev split used for tuning. The loader checks that every
gold short form occurs in its sentence as a whole token and every long form occurs verbatim,
so a typo in the set fails loudly instead of counting as a miss.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SET = ROOT / "benchmarks" / "acronyms" / "definitions.txt"

Pair = tuple[str, str]


@dataclass(frozen=True)
class Record:
    """One labelled sentence."""

    number: int
    register: str
    text: str
    gold: tuple[Pair, ...]

    @property
    def split(self) -> str:
        """"test" for every third record, else "dev"."""
        return "test" if self.number % 3 == 0 else "dev"


def _parse_gold(field: str, where: str) -> tuple[Pair, ...]:
    """``SF = long; SF2 = long2`` or ``-``."""
    if field.strip() == "-":
        return ()
    pairs = []
    for part in field.split(";"):
        short, sep, long = part.partition("=")
        if not sep or not short.strip() or not long.strip():
            raise ValueError(f"{where}: bad gold pair {part!r}")
        pairs.append((short.strip(), long.strip()))
    return tuple(pairs)


def _check(record: Record, where: str) -> None:
    """Every gold string must be in the sentence: short forms as whole tokens."""
    for short, long in record.gold:
        if not re.search(r"(?<![\w-])" + re.escape(short) + r"(?![\w-])", record.text):
            raise ValueError(f"{where}: short form {short!r} not in the sentence")
        if long not in record.text:
            raise ValueError(f"{where}: long form {long!r} not in the sentence")


def load_set(path: Path = DEFAULT_SET) -> list[Record]:
    """Every record of the labelled set, checked."""
    records: list[Record] = []
    for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split(" | ")
        where = f"{path.name}:{line_number}"
        if len(parts) < 3:
            raise ValueError(f"{where}: expected 'register | sentence | gold'")
        register, text, gold = parts[0].strip(), " | ".join(parts[1:-1]), parts[-1]
        record = Record(len(records) + 1, register, text, _parse_gold(gold, where))
        _check(record, where)
        records.append(record)
    return records
