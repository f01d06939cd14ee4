"""The report: budgets, tables and the figures' formatting."""

from __future__ import annotations

import math
import os
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .runner import Result

HERE = Path(__file__).resolve().parent.parent
ROOT = HERE.parent

# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------
@dataclass
class Budget:
    name: str
    measured: float | bool | None
    limit: str
    passed: bool | None
    detail: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"budget": self.name, "measured": self.measured, "limit": self.limit,
                "pass": self.passed, "detail": self.detail}


def load_average() -> list[float] | None:
    """The 1, 5 and 15-minute load averages: other work on the machine skews every figure."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except (AttributeError, OSError):
        return None


def divide(a: float, b: float) -> float:
    return a / b if b and not math.isnan(a) and not math.isnan(b) else math.nan


def fmt(x: float | None, unit: str = "") -> str:
    return "n/a" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.2f}{unit}"


def verdict(ok: bool | None) -> str:
    return {True: "PASS", False: "FAIL", None: "n/a"}[ok]


def print_table(title: str, results: list[Result]) -> None:
    print(f"\n{title}")
    print(f"  {'command':<52} {'median s':>9} {'min s':>7} {'max s':>7} {'CPU s':>7} "
          f"{'peak RSS MB':>12}")
    for r in results:
        if not r.times:
            print(f"  {r.label:<52} {'—':>9}   {r.note}")
            continue
        print(f"  {r.label:<52} {r.median:>9.2f} {min(r.times):>7.2f} {max(r.times):>7.2f} "
              f"{statistics.median(r.cpu):>7.2f} {r.peak_mb:>12.0f}")


def print_budgets(budgets: list[Budget]) -> None:
    print("\nBudgets")
    print(f"  {'budget':<58} {'measured':>10} {'limit':>9}  result")
    for b in budgets:
        measured = ("yes" if b.measured else "no") if isinstance(b.measured, bool) else \
            fmt(b.measured)
        print(f"  {b.name:<58} {measured:>10} {b.limit:>9}  {verdict(b.passed)}"
              + (f"  ({b.detail})" if b.detail else ""))


