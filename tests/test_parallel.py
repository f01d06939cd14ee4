"""``--jobs``: worker processes give exactly the output of one process, in the same order."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from plainlsc.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_jobs_2_and_jobs_1_give_identical_json(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    sources = [*sorted((ROOT / "examples").iterdir()), *sorted((ROOT / "tests" / "data").glob(
        "*.txt")), ROOT / "tests" / "data" / "page.md"]
    for i, src in enumerate(sources * 2):
        shutil.copy(src, tmp_path / f"{i:02d}-{src.name}")
    (tmp_path / "missing-link.txt").symlink_to(tmp_path / "nowhere.txt")
    outputs = []
    codes = []
    for jobs in ("1", "2"):
        codes.append(main(["check", "--format", "json", "--jobs", jobs, str(tmp_path)]))
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    assert codes[0] == codes[1] == 2  # the broken link is reported, the rest checked
    data = json.loads(outputs[0])
    assert len(data["files"]) == len(sources) * 2 + 1
    assert sum(len(f["findings"]) for f in data["files"]) > 50
