"""Speed and memory benchmark for plainlsc, against spaCy's tokenizer and proselint.

Run from anywhere, with the Python of an environment where plainlsc is installed::

    python benchmarks/speed.py                 # everything, 5 runs of each command
    python benchmarks/speed.py --repeat 3 --json results.json
    python benchmarks/speed.py --only corpus,cold --no-proselint
    python benchmarks/speed.py --generate-only # just write the corpus
    python benchmarks/speed.py --profile       # also print a cProfile of one corpus run

It writes a seeded corpus (200 letters, leaflets, news releases and Markdown pages, about
163,000 words and 1 MB, built from ``examples/`` and ``tests/data/`` with paragraphs shuffled
and names, places and numbers varied), plus single 1 MB and 10 MB ``.txt`` files and one
20,000-word line with no punctuation. It then runs plainlsc and the reference commands
round-robin, ``--repeat`` times each, and prints median wall times, ratios, peak memory and
PASS/FAIL against the performance budgets. The exit code is 0 whatever the figures are; it is
a measurement, not a test. See ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

from speedbench.corpus import HERE, generate_corpus
from speedbench.report import load_average, print_budgets
from speedbench.runner import plainlsc_command, profile_corpus, run_once
from speedbench.sections import SECTIONS, Run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="plainlsc speed and memory benchmark.")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each command (5)")
    parser.add_argument("--seed", type=int, default=2026, help="corpus seed (2026)")
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus",
                        help="where to write the corpus (benchmarks/corpus)")
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help=f"comma-separated sections to run: {', '.join(SECTIONS)}")
    parser.add_argument("--no-proselint", action="store_true", help="skip proselint")
    parser.add_argument("--proselint-spec", metavar="REQ",
                        help="pip requirement to install, e.g. 'proselint==0.14.0' "
                             "(default: the latest proselint, installed once)")
    parser.add_argument("--venv", type=Path,
                        help="virtual environment for proselint (default benchmarks/.venv, or "
                             "benchmarks/.venv-<spec> with --proselint-spec)")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument("--generate-only", action="store_true",
                        help="write the corpus and stop")
    parser.add_argument("--profile", action="store_true",
                        help="finally print a cProfile (top 25 by cumulative time) of one "
                             "'plainlsc check --format json --jobs 1' run over the corpus")
    args = parser.parse_args(argv)
    sections = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s) {sorted(unknown)}; choose from {SECTIONS}")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    began = time.perf_counter()
    say(f"generating corpus in {args.corpus} (seed {args.seed}) ...")
    corpus = generate_corpus(args.corpus, args.seed)
    info = corpus.describe()
    say(f"  {info['files']} files ({info['txt']} .txt, {info['md']} .md), {info['words']:,} "
        f"words, {info['bytes']:,} bytes")
    if args.generate_only:
        print(json.dumps(info, indent=2))
        return 0

    from importlib.metadata import PackageNotFoundError, version

    try:  # versions only: this process never imports spaCy or plainlsc (see measure_one.py)
        versions = {name: version(name) for name in ("spacy", "plainlsc")}
    except PackageNotFoundError as exc:
        raise SystemExit(f"speed.py: {exc.name} is not installed for {sys.executable}") from None
    plainlsc_cmd = plainlsc_command()
    py = sys.executable
    env = {
        "python": sys.version.split()[0], "platform": platform.platform(),
        "cpus": os.cpu_count(), "spacy": versions["spacy"], "plainlsc": versions["plainlsc"],
        "plainlsc_command": plainlsc_cmd, "repeat": args.repeat, "seed": args.seed,
        "load_before": load_average(),
    }
    work = Path(tempfile.mkdtemp(prefix="plainlsc-bench-"))
    docs = str(corpus.docs)

    # Warm the OS file cache (site-packages, corpus) so the first timed round is not special.
    run_once([*plainlsc_cmd, "--version"])
    run_once([py, "-c", "import spacy; spacy.blank('en')"])

    run = Run(args, corpus, info, plainlsc_cmd, py, work, env, say,
              figures={"environment": env, "corpus": info, "sections": {}})
    for name in sections:
        SECTIONS[name](run)
    budgets, figures = run.budgets, run.figures
    print_budgets(budgets)
    elapsed = time.perf_counter() - began
    env["load_after"] = load_average()
    print(f"\nplainlsc {env['plainlsc']}, spaCy {env['spacy']}, Python {env['python']}, "
          f"proselint {env.get('proselint') or '-'}, {env['cpus']} CPUs, {args.repeat} runs "
          f"each, seed {args.seed}; benchmark took {elapsed / 60:.1f} min; load average "
          f"before {env['load_before']}, after {env['load_after']}")
    figures["budgets"] = [b.as_dict() for b in budgets]
    figures["elapsed_s"] = elapsed

    if args.profile:
        say("\nprofiling one corpus run ...")
        profile = profile_corpus(py, docs, work)
        print(profile)
        figures["profile"] = profile

    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, default=str) + "\n", encoding="utf-8")
        say(f"figures written to {args.json}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
