"""Time and peak memory of ``plainlsc check`` on hostile inputs that once took superlinear time.

    python benchmarks/hostile_input.py                  # every case at every size
    python benchmarks/hostile_input.py --only comments  # one case
    python benchmarks/hostile_input.py --scale 0.25     # quarter sizes (a quick look)
    python benchmarks/hostile_input.py --timeout 120    # give up on a run after 120 s

Cases (issue 17, item 7), each at three sizes doubling, so that the growth shows: time that
doubles with the size is linear, time that quadruples is quadratic.

- ``inline-html``: Markdown pages whose paragraphs are full of inline HTML (1, 2 and 4 MB);
- ``comments``: plain text with a ``# plainlsc-disable-next-line`` comment before every
  line (10k, 20k and 40k comments);
- ``acronyms``: one paragraph defining 10k, 20k and 40k different acronyms.

Each run is one ``plainlsc check --format json FILE`` process, timed by ``measure_one.py``
(wall seconds and the process's peak resident memory). The documents are generated
deterministically into a temporary folder and deleted afterwards. The exit code is 0 whatever
the figures: this is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import string
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent

INLINE_PARAGRAPH = (
    "Please <b>bring</b> this letter to your <a href=\"/clinic\">appointment</a> at the "
    "<span class=\"place\">Riverside Health Centre</span>. We will <em>check</em> your blood "
    "pressure and <strong>weigh</strong> you.<br>If you cannot come, "
    "<a href=\"tel:0100\">call us</a> &amp; we will book <i>another</i> time.\n\n"
)


def inline_html(size: int) -> tuple[str, str]:
    """A Markdown page of about ``size`` bytes, every paragraph full of inline HTML."""
    repeat = max(1, size // len(INLINE_PARAGRAPH.encode()))
    return "page.md", "# Your appointment\n\n" + INLINE_PARAGRAPH * repeat


def comments(count: int) -> tuple[str, str]:
    """Plain text with a disable-next-line comment before each of ``count`` lines."""
    lines = []
    for i in range(count):
        lines.append("# plainlsc-disable-next-line plain-words")
        lines.append(f"Line {i}: we will utilise the clinic on the day of your visit.")
    return "notes.txt", "\n".join(lines) + "\n"


def _acronyms() -> Iterator[str]:
    """Distinct acronyms of three letters, then four: AAB, AAC, ... (no two the same)."""
    for size in (3, 4):
        for letters in itertools.product(string.ascii_uppercase, repeat=size):
            if len(set(letters)) > 1:
                yield "".join(letters)


_NAMES = ("Access Budget Care Dental Eye Family General Health Infant Joint Kidney Local Mental "
          "Nursing Outpatient Public Quality Regional Social Trust Urgent Vaccine Ward Xray "
          "Youth Zone")
WORDS = dict(zip(string.ascii_uppercase, _NAMES.split(" "), strict=True))


def acronyms(count: int) -> tuple[str, str]:
    """One paragraph that defines ``count`` different acronyms, one sentence each."""
    sentences = []
    for short in itertools.islice(_acronyms(), count):
        long_form = " ".join(WORDS[c] for c in short)
        sentences.append(f"We work with the {long_form} ({short}) team.")
    return "partners.txt", " ".join(sentences) + "\n"


CASES: dict[str, tuple[Callable[[int], tuple[str, str]], list[int], str]] = {
    "inline-html": (inline_html, [1 << 20, 2 << 20, 4 << 20], "bytes"),
    "comments": (comments, [10_000, 20_000, 40_000], "comments"),
    "acronyms": (acronyms, [10_000, 20_000, 40_000], "definitions"),
}


def plainlsc_command() -> list[str]:
    """The plainlsc of the Python running this script."""
    return [sys.executable, "-m", "plainlsc"]


def measure(path: Path, timeout: float) -> dict[str, float | int | None]:
    """Wall seconds and peak RSS (MB) of one check of ``path``; None figures on a timeout."""
    result = path.with_suffix(".result.json")
    cmd = [sys.executable, "-S", str(HERE / "measure_one.py"), str(result), "--",
           *plainlsc_command(), "check", "--format", "json",
           str(path)]
    try:
        subprocess.run(cmd, stdout=subprocess.DEVNULL, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"wall": None, "maxrss_mb": None, "code": None}
    figures: dict[str, float | int | None] = json.loads(result.read_text(encoding="utf-8"))
    return figures


def label(size: int, unit: str) -> str:
    """A size for the table: "4 MB" or "40k comments"."""
    if unit == "bytes":
        return f"{size / (1 << 20):g} MB"
    return f"{size / 1000:g}k {unit}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="", help="comma-separated cases: " + ", ".join(CASES))
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per run")
    args = parser.parse_args(argv)
    chosen = [c for c in args.only.split(",") if c] or list(CASES)
    unknown = [c for c in chosen if c not in CASES]
    if unknown:
        parser.error(f"unknown case {unknown[0]!r} (choose from {', '.join(CASES)})")
    folder = Path(tempfile.mkdtemp(prefix="plainlsc-hostile-"))
    print(f"{'case':<12} {'size':>18} {'seconds':>9} {'peak MB':>8} {'exit':>5}")
    try:
        for case in chosen:
            make, sizes, unit = CASES[case]
            for size in (max(1, int(s * args.scale)) for s in sizes):
                name, text = make(size)
                path = folder / f"{case}-{size}-{name}"
                path.write_text(text, encoding="utf-8")
                fig = measure(path, args.timeout)
                wall = f"{fig['wall']:.1f}" if fig["wall"] is not None else f">{args.timeout:g}"
                rss = f"{fig['maxrss_mb']:.0f}" if fig["maxrss_mb"] is not None else "-"
                code = fig["code"] if fig["code"] is not None else "-"
                print(f"{case:<12} {label(size, unit):>18} {wall:>9} {rss:>8} {code!s:>5}",
                      flush=True)
                path.unlink()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
