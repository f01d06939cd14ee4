"""Running and timing commands: each run measured in its own process, commands interleaved."""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent.parent
ROOT = HERE.parent

# --------------------------------------------------------------------------------------------
# Running and timing commands
# --------------------------------------------------------------------------------------------
@dataclass
class Result:
    label: str
    cmd: list[str]
    times: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    codes: list[int] = field(default_factory=list)
    note: str = ""
    env: dict[str, str] | None = None
    before: Callable[[], None] | None = None   # called before every run

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else math.nan

    @property
    def peak_mb(self) -> float:
        return max(self.rss_mb) if self.rss_mb else math.nan

    def as_dict(self) -> dict[str, Any]:
        return {"label": self.label, "cmd": self.cmd, "median_s": self.median,
                "times_s": self.times, "peak_rss_mb": self.peak_mb, "rss_mb": self.rss_mb,
                "cpu_s": self.cpu, "exit_codes": self.codes, "note": self.note}


def run_once(cmd: list[str], stdout_path: Path | None = None,
             env: dict[str, str] | None = None) -> tuple[float, float, float, int, str]:
    """Run ``cmd``: (wall seconds, peak RSS MB, CPU seconds, exit code, stderr tail).

    The command runs under ``measure_one.py``, a small process that times it and reads its
    peak memory with ``os.wait4`` (see there for why this process cannot do it itself).
    """
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryFile() as err, \
            (open(stdout_path, "wb") if stdout_path else open(os.devnull, "wb")) as out:
        result = Path(tmp) / "result.json"
        proc = subprocess.run([sys.executable, "-S", str(HERE / "measure_one.py"), str(result),
                               "--", *cmd], stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                              env=env)
        err.seek(0)
        tail = err.read()[-2000:].decode("utf-8", "replace")
        if proc.returncode != 0 or not result.is_file():
            return math.nan, math.nan, math.nan, -1, f"measure_one.py failed: {tail}"
        data = json.loads(result.read_text(encoding="utf-8"))
    nan = math.nan
    return (data["wall"], nan if data["maxrss_mb"] is None else data["maxrss_mb"],
            nan if data["cpu"] is None else data["cpu"], data["code"], tail)


def run_round_robin(results: list[Result], repeat: int, ok_codes: dict[str, set[int]],
                    capture: dict[str, Path], say: Any) -> None:
    """Run every command ``repeat`` times, interleaved, so drift affects all alike."""
    for round_no in range(repeat):
        for res in results:
            if res.note.startswith("failed"):
                continue
            out = capture.get(res.label) if round_no == 0 else None
            if res.before:
                res.before()
            wall, rss, cpu, code, tail = run_once(res.cmd, out, res.env)
            if code not in ok_codes.get(res.label, {0}):
                res.note = f"failed: exit code {code}: {tail.strip().splitlines()[-1:]}"
                say(f"  {res.label}: {res.note}")
                continue
            res.times.append(wall)
            res.rss_mb.append(rss)
            res.cpu.append(cpu)
            res.codes.append(code)
        say(f"  round {round_no + 1}/{repeat}: " + ", ".join(
            f"{r.label} {r.times[-1]:.2f}s" for r in results if r.times))


def plainlsc_command() -> list[str]:
    """The ``plainlsc`` script next to this Python if there is one, else ``python -m``."""
    folder = Path(sys.executable).parent
    for name in ("plainlsc", "plainlsc.exe"):
        if (folder / name).is_file():
            return [str(folder / name)]
    return [sys.executable, "-m", "plainlsc"]


def _venv_bin(venv: Path, name: str) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin") / (
        name + (".exe" if os.name == "nt" else ""))


@dataclass
class Proselint:
    """How to run the installed proselint the way its users do, on a folder, JSON output."""

    exe: Path
    version: str
    cache_home: Path | None = None   # proselint <= 0.14 memoises results on disk

    def command(self, folder: str) -> list[str]:
        if self.cache_home is None:  # 0.16 and later: "proselint check [options] PATHS"
            return [str(self.exe), "check", "--output-format", "json", folder]
        return [str(self.exe), "--json", folder]  # 0.14 and earlier: "proselint [options] PATHS"

    def env(self) -> dict[str, str] | None:
        if self.cache_home is None:
            return None
        return {**os.environ, "XDG_CACHE_HOME": str(self.cache_home)}

    def clear_cache(self) -> None:
        """Every run starts with no cache, as a first check of changed text would."""
        if self.cache_home is not None:
            shutil.rmtree(self.cache_home, ignore_errors=True)
            self.cache_home.mkdir(parents=True)


def find_proselint(venv: Path, spec: str | None, work: Path, say: Any) -> Proselint | None:
    """proselint from its own virtual environment, creating it and installing when missing."""
    exe, python = _venv_bin(venv, "proselint"), _venv_bin(venv, "python")
    if not exe.is_file() or spec:
        say(f"installing {spec or 'proselint'} into {venv} ...")
        try:
            if not python.is_file():
                subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True,
                               capture_output=True, text=True)
            subprocess.run([str(python), "-m", "pip", "install", "-q", spec or "proselint"],
                           check=True, capture_output=True, text=True)
        except subprocess.CalledProcessError as exc:
            say(f"NOTE: proselint could not be installed ({exc}); skipping it\n"
                + "\n".join((exc.stderr or "").strip().splitlines()[-5:]))
            return None
        except OSError as exc:
            say(f"NOTE: proselint could not be installed ({exc}); skipping it")
            return None
    if not exe.is_file():
        say("NOTE: proselint installed no 'proselint' command; skipping it")
        return None
    version = subprocess.run(
        [str(python), "-c", "import importlib.metadata as m; print(m.version('proselint'))"],
        capture_output=True, text=True).stdout.strip()
    helptext = subprocess.run([str(exe), "--help"], capture_output=True, text=True).stdout
    new_cli = re.search(r"^\s+check\b", helptext, re.M) is not None
    return Proselint(exe, version, None if new_cli else work / "proselint-cache")


def imports_spacy(args: list[str]) -> tuple[bool | None, int]:
    """Whether ``python -m plainlsc ARGS`` imports spaCy (``-X importtime``), and module count.

    ``None`` if the command failed, so nothing can be said.
    """
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "plainlsc", *args],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        return None, 0
    modules = [line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines()
               if line.startswith("import time:") and "|" in line]
    modules = [m for m in modules if m and m != "package"]
    heavy = any(m.split(".")[0] in ("spacy", "thinc") for m in modules)
    return heavy, len(modules)




def check_json_output(path: Path, expect_files: int) -> str:
    """A short problem description if plainlsc's JSON output is not what we expect."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return f"output is not JSON ({exc})"
    files = data.get("files", [])
    unreadable = [f.get("path") for f in files if f.get("error")]
    if len(files) != expect_files:
        return f"checked {len(files)} files, expected {expect_files}"
    if unreadable:
        return f"unreadable: {unreadable[:3]}"
    return ""


def check_proselint_output(path: Path, expect_files: int) -> str:
    """A short problem description if proselint's JSON output misses files."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        return f"no output ({exc})"
    try:  # 0.16: one document, {"result": {file URI: {...}}}
        count = len(json.loads(text).get("result", {}))
    except ValueError:  # 0.14: one JSON document per file, one after another
        count = text.count('{"data":')
    if count != expect_files:
        return f"checked {count} files, expected {expect_files}"
    return ""


def profile_corpus(py: str, docs: str, work: Path, top: int = 25) -> str:
    """cProfile of one ``plainlsc check --format json --jobs 1`` run over the corpus.

    Three views: everything by cumulative time (what ``python -m cProfile -s cumtime``
    prints), plainlsc's own functions by cumulative time (full paths, so the many
    ``__init__.py`` modules are not merged), and everything by internal time.
    """
    import io
    import pstats

    out = work / "corpus.prof"
    proc = subprocess.run([py, "-m", "cProfile", "-o", str(out), "-m", "plainlsc", "check",
                           "--format", "json", "--jobs", "1", docs],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if not out.is_file():
        return "profile failed: " + proc.stderr[-1000:]
    views = [
        ("by cumulative time (python -m cProfile -s cumtime -m plainlsc check --format json "
         "--jobs 1 CORPUS)", True, "cumulative", ()),
        ("plainlsc's own functions by cumulative time", False, "cumulative", ("plainlsc/",)),
        ("by internal time (tottime)", True, "tottime", ()),
    ]
    text = []
    for title, strip, key, restrict in views:
        buffer = io.StringIO()
        stats = pstats.Stats(str(out), stream=buffer)
        if strip:
            stats.strip_dirs()
        stats.sort_stats(key).print_stats(*restrict, top)
        lines = buffer.getvalue().splitlines()
        start = next((i for i, line in enumerate(lines) if "function calls" in line), 0)
        body = [line.replace(str(ROOT) + os.sep, "") for line in lines[start:] if line.strip()]
        text.append(f"\nProfile, top {top} {title}\n" + "\n".join(body))
    return "\n".join(text)


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------
