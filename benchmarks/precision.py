"""Precision of plainlsc's findings, judged by hand on documents written for the benchmark.

A finding is only useful if a writer can trust it. This script runs ``plainlsc check`` with the
default configuration on every document in ``benchmarks/precision/docs/``, matches each finding
to its judgement in ``benchmarks/precision/judgements.tsv`` (correct, wrong or debatable, with a
reason, written by a person reading the finding in context as an NHS/GOV.UK editor would) and
prints the precision of each rule and overall.

Precision is reported two ways, side by side:

* ``strict``: correct / (correct + wrong), debatable findings left out. This is the figure the
  targets are set on (overall 90%, each default-on rule 75%): a debatable finding is one a
  careful editor might act on or not, so it counts neither for nor against;
* ``half``: (correct + debatable / 2) / all judged, debatable findings counted as half right,
  which is harsher on rules whose findings are often a matter of taste.

Overall precision is over all findings, so each rule weighs as much as it has findings.

The judgements are a fixed record, so the script fails loudly (exit 1, with a list) when a
judged finding disappears or changes (its extent, match or level), or a finding is reported
twice at the same place. A finding that a rule change
removes on purpose is moved to ``benchmarks/precision/retired.tsv`` with the reason
(``--retire REASON`` does that for every missing finding); the "before" column is worked out
from judgements and retired findings together. New findings nobody has judged are listed; they
fail the run only with ``--strict``. ``--add-unjudged`` appends them to the judgements file with
the verdict ``?`` to be filled in by hand.

    python benchmarks/precision.py            # the table
    python benchmarks/precision.py --check    # exit 1 if a judged finding changed or went
    python benchmarks/precision.py --strict   # ... or if there are unjudged findings
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent / "precision"
DOCS = HERE / "docs"
JUDGEMENTS = HERE / "judgements.tsv"
RETIRED = HERE / "retired.tsv"
COLUMNS = ["file", "rule", "severity", "line", "column", "end_line", "end_column", "match",
           "verdict", "note"]
VERDICTS = {"correct", "wrong", "debatable"}
MATCH_WIDTH = 60


@dataclass(frozen=True)
class Seen:
    """One finding as plainlsc reports it, in the shape the judgements are stored in."""

    file: str
    rule: str
    severity: str
    line: int
    column: int
    end_line: int
    end_column: int
    match: str

    @property
    def key(self) -> tuple[str, str, int, int]:
        return (self.file, self.rule, self.line, self.column)


def short(match: str) -> str:
    """The match as stored: one line, long sentences cut (the position pins them down)."""
    flat = " ".join(match.split())
    return flat if len(flat) <= MATCH_WIDTH else flat[:MATCH_WIDTH - 1] + "…"


def run_plainlsc() -> list[Seen]:
    """Every finding on the corpus, from the command line, as a user would get them."""
    command = [sys.executable, "-m", "plainlsc", "check", "--format", "json", "--jobs", "1",
               "--fail-on", "error", str(DOCS)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=DOCS, check=False)
    if done.returncode not in (0, 1) or not done.stdout:
        sys.exit(f"plainlsc failed ({done.returncode}):\n{done.stderr}")
    seen = []
    for report in json.loads(done.stdout)["files"]:
        name = Path(report["path"]).name
        for f in report["findings"]:
            seen.append(Seen(name, f["rule"], f["severity"], f["line"], f["column"],
                             f["end_line"], f["end_column"], short(f["match"])))
    return seen


def read_rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE,
                                   quotechar=None, escapechar="\\"))


def write_rows(path: Path, rows: list[dict[str, str]], extra: list[str] | None = None) -> None:
    columns = COLUMNS + (extra or [])
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, delimiter="\t", quoting=csv.QUOTE_NONE,
                                quotechar=None, escapechar="\\", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def row_key(row: dict[str, str]) -> tuple[str, str, int, int]:
    return (row["file"], row["rule"], int(row["line"]), int(row["column"]))


def as_row(seen: Seen, verdict: str = "?", note: str = "") -> dict[str, str]:
    return {"file": seen.file, "rule": seen.rule, "severity": seen.severity,
            "line": str(seen.line), "column": str(seen.column), "end_line": str(seen.end_line),
            "end_column": str(seen.end_column), "match": seen.match, "verdict": verdict,
            "note": note}


def differs(row: dict[str, str], seen: Seen) -> list[str]:
    """What changed between a judged finding and what plainlsc reports now at that place."""
    now = as_row(seen)
    return [f"{name} {row[name]!r} -> {now[name]!r}"
            for name in ("severity", "end_line", "end_column", "match") if row[name] != now[name]]


@dataclass
class Comparison:
    """Judged findings against today's findings."""

    judged: list[dict[str, str]]
    missing: list[dict[str, str]]
    changed: list[tuple[dict[str, str], list[str]]]
    unjudged: list[Seen]
    back: list[Seen]
    twice: list[Seen]


def compare(rows: list[dict[str, str]], retired: list[dict[str, str]],
            seen: list[Seen]) -> Comparison:
    by_key = {s.key: s for s in seen}
    judged_keys = {row_key(r) for r in rows}
    retired_keys = {row_key(r) for r in retired}
    missing = [r for r in rows if row_key(r) not in by_key]
    changed = [(r, d) for r in rows if row_key(r) in by_key
               for d in [differs(r, by_key[row_key(r)])] if d]
    open_keys = {row_key(r) for r in rows if r["verdict"] not in VERDICTS}
    unjudged = [s for s in seen if s.key in open_keys
                or (s.key not in judged_keys and s.key not in retired_keys)]
    back = [s for s in seen if s.key in retired_keys and s.key not in judged_keys]
    present = [r for r in rows if row_key(r) in by_key and r["verdict"] in VERDICTS]
    counts = Counter(s.key for s in seen)
    twice = [s for s in seen if counts[s.key] > 1]
    return Comparison(present, missing, changed, unjudged, back, twice)


def tally(rows: list[dict[str, str]]) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        if r["verdict"] in VERDICTS:
            counts[r["rule"]][r["verdict"]] += 1
            counts["ALL"][r["verdict"]] += 1
    return counts


def precision(c: Counter[str]) -> tuple[float | None, float | None]:
    """(half, strict) precision of one tally; None when there is nothing to divide."""
    total = c["correct"] + c["wrong"] + c["debatable"]
    half = (c["correct"] + c["debatable"] / 2) / total if total else None
    decided = c["correct"] + c["wrong"]
    strict = c["correct"] / decided if decided else None
    return half, strict


def pct(value: float | None) -> str:
    return "   -" if value is None else f"{value * 100:3.0f}%"


def levels(seen: list[Seen]) -> dict[str, str]:
    """Each rule's level as reported (a rule that grades shows its levels joined)."""
    found: dict[str, set[str]] = defaultdict(set)
    for s in seen:
        found[s.rule].add(s.severity)
    return {rule: "/".join(sorted(v)) for rule, v in found.items()}


def print_table(now: dict[str, Counter[str]], before: dict[str, Counter[str]],
                level: dict[str, str]) -> None:
    print(f"{'rule':26} {'level':18} {'n':>4} {'ok':>4} {'bad':>4} {'deb':>4} "
          f"{'half':>5} {'strict':>6}   before: {'n':>4} {'half':>5} {'strict':>6}")
    rules = sorted(set(now) | set(before), key=lambda r: (r == "ALL", r))
    for rule in rules:
        c, b = now.get(rule, Counter()), before.get(rule, Counter())
        half, strict = precision(c)
        b_half, b_strict = precision(b)
        print(f"{rule:26} {level.get(rule, ''):18} {sum(c.values()):4} {c['correct']:4} "
              f"{c['wrong']:4} {c['debatable']:4} {pct(half):>5} {pct(strict):>6}   "
              f"        {sum(b.values()):4} {pct(b_half):>5} {pct(b_strict):>6}")
    print("strict: correct / (correct + wrong), debatable left out (the targets' figure); "
          "half: debatable counted as half right.")


def report_problems(cmp: Comparison) -> None:
    for r in cmp.missing:
        print(f"GONE     {r['file']}:{r['line']}:{r['column']} {r['rule']} {r['match']!r} "
              f"(judged {r['verdict']})")
    for r, diffs in cmp.changed:
        print(f"CHANGED  {r['file']}:{r['line']}:{r['column']} {r['rule']}: {'; '.join(diffs)}")
    for s in cmp.back:
        print(f"BACK     {s.file}:{s.line}:{s.column} {s.rule} {s.match!r} (was retired)")
    for s in cmp.twice:
        print(f"TWICE    {s.file}:{s.line}:{s.column} {s.rule} {s.match!r} (one finding, "
              f"reported more than once)")
    for s in cmp.unjudged:
        print(f"UNJUDGED {s.file}:{s.line}:{s.column} {s.rule} [{s.severity}] {s.match!r}")


def retire(rows: list[dict[str, str]], retired: list[dict[str, str]], cmp: Comparison,
           reason: str) -> None:
    gone = {row_key(r) for r in cmp.missing}
    for r in cmp.missing:
        retired.append({**r, "why_gone": reason})
    write_rows(RETIRED, retired, ["why_gone"])
    write_rows(JUDGEMENTS, [r for r in rows if row_key(r) not in gone])
    print(f"retired {len(gone)} findings to {RETIRED.name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if a judged finding disappeared or changed")
    parser.add_argument("--strict", action="store_true",
                        help="--check, and exit 1 on unjudged findings too")
    parser.add_argument("--retire", metavar="REASON",
                        help="move every judged finding that has gone to retired.tsv")
    parser.add_argument("--add-unjudged", action="store_true",
                        help="append unjudged findings to judgements.tsv with verdict '?'")
    args = parser.parse_args(argv)

    rows, retired = read_rows(JUDGEMENTS), read_rows(RETIRED)
    seen = run_plainlsc()
    cmp = compare(rows, retired, seen)
    if args.retire and cmp.missing:
        retire(rows, retired, cmp, args.retire)
        rows, retired = read_rows(JUDGEMENTS), read_rows(RETIRED)
        cmp = compare(rows, retired, seen)
    if args.add_unjudged and cmp.unjudged:
        write_rows(JUDGEMENTS, rows + [as_row(s) for s in cmp.unjudged])
        print(f"added {len(cmp.unjudged)} unjudged findings to {JUDGEMENTS.name}")
        rows = read_rows(JUDGEMENTS)
        cmp = compare(rows, retired, seen)

    before = tally(rows + retired)
    print_table(tally(cmp.judged), before, levels(seen))
    kinds = Counter(s.rule for s in seen)
    print(f"{len(seen)} findings from {len(kinds)} rules on "
          f"{len({s.file for s in seen})} documents; {len(cmp.judged)} judged, "
          f"{len(cmp.unjudged)} unjudged, {len(retired)} retired.")
    report_problems(cmp)
    failed = bool(cmp.missing or cmp.changed or cmp.back or cmp.twice)
    if args.strict:
        failed = failed or bool(cmp.unjudged)
    if failed and (args.check or args.strict):
        print("FAIL: the judged findings no longer match what plainlsc reports (see above).")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
