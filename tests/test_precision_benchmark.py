"""The precision benchmark still matches its judgements (benchmarks/precision.py --check).

A rule change that removes or alters a judged finding must say so: move the finding to
benchmarks/precision/retired.tsv with the reason (``--retire REASON``), and judge new ones.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "precision.py"


def test_judged_findings_are_all_still_reported_unchanged() -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "judged" in done.stdout and "FAIL" not in done.stdout
