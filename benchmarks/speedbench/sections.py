"""The benchmark's sections: each measures one thing, appends its budgets and figures to the
run, and prints its own table."""

from __future__ import annotations

import json
import math
import statistics
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .corpus import HERE, Corpus, generate_formats, slug
from .report import Budget, divide, fmt, print_table
from .runner import (
    Proselint,
    Result,
    check_json_output,
    check_proselint_output,
    find_proselint,
    imports_spacy,
    run_once,
    run_round_robin,
)

# Budgets (from the performance issue). "max": measured must be <= limit; "min": >= limit.
BUDGET_CORPUS_VS_SPACY = 2.0      # plainlsc --jobs 1 / spaCy import-and-tokenise, at most
BUDGET_PROSELINT_SPEEDUP = 4.0    # proselint / plainlsc --jobs 1, at least
BUDGET_JOBS2 = 1.0                # plainlsc --jobs 2 / --jobs 1, below
BUDGET_INPROCESS = 3.0            # check_text / blank tokenizer, at most
BUDGET_COLD = 1.5                 # one page, cold / import spacy + spacy.blank("en"), at most
BUDGET_LINEAR = 12.0              # 10 MB / 1 MB net of start-up ("about 10 x"), at most
BUDGET_RSS_MB = 500.0             # peak RSS of the 10 MB run, below


@dataclass
class Run:
    """What every section needs: the options, the corpus, the commands, and where results go."""

    args: Any
    corpus: Corpus
    info: dict[str, Any]
    plainlsc_cmd: list[str]
    py: str
    work: Path
    env: dict[str, Any]
    say: Callable[[str], None]
    budgets: list[Budget] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)
    cold_page: float = math.nan

    @property
    def docs(self) -> str:
        return str(self.corpus.docs)


def section_corpus(run: Run) -> None:
    """The whole corpus, one process per command: plainlsc --jobs 1 and 2 against spaCy's
    tokenizer and proselint."""
    args = run.args
    corpus = run.corpus
    info = run.info
    py = run.py
    work = run.work
    plainlsc_cmd = run.plainlsc_cmd
    say = run.say
    budgets = run.budgets
    docs = run.docs
    env = run.env
    figures = run.figures
    figures = run.figures
    say("\n[1] whole corpus, one process per command")
    prose: Proselint | None = None
    if not args.no_proselint:
        venv = args.venv or (HERE / ".venv" if not args.proselint_spec else
                             HERE / f".venv-{slug(args.proselint_spec)}")
        prose = find_proselint(venv, args.proselint_spec, work, say)
    else:
        say("NOTE: --no-proselint: skipping proselint")
    env["proselint"] = prose.version if prose else None
    results = [
        Result("spaCy import + tokenise (reference)",
               [py, str(HERE / "spacy_tokenise.py"), docs]),
        Result("plainlsc check --format json --jobs 1",
               [*plainlsc_cmd, "check", "--format", "json", "--jobs", "1", docs]),
        Result("plainlsc check --format json --jobs 2",
               [*plainlsc_cmd, "check", "--format", "json", "--jobs", "2", docs]),
    ]
    if prose:
        cmd = prose.command(docs)
        results.append(Result(f"proselint {prose.version} " + " ".join(cmd[1:-1]), cmd,
                              env=prose.env(), before=prose.clear_cache))
    capture = {r.label: work / f"corpus-{i}.out" for i, r in enumerate(results)}
    codes = {r.label: {0, 1} for r in results}
    run_round_robin(results, args.repeat, codes, capture, say)
    for r in results[1:]:
        if r.times:
            problem = (check_json_output(capture[r.label], len(corpus.files))
                       if r in (results[1], results[2]) else
                       check_proselint_output(capture[r.label], len(corpus.files)))
            if problem:
                r.note = f"output check: {problem}"
                say(f"  WARNING {r.label}: {problem}")
    print_table(f"[1] Whole corpus: {info['files']} files, {info['words']:,} words, "
                f"{info['bytes'] / 1e6:.2f} MB", results)
    spacy_ref, j1, j2 = results[0], results[1], results[2]
    rows = {"plainlsc -j1 / spaCy": divide(j1.median, spacy_ref.median),
            "plainlsc -j2 / spaCy": divide(j2.median, spacy_ref.median),
            "plainlsc -j2 / -j1": divide(j2.median, j1.median)}
    budgets.append(Budget("[1] corpus: plainlsc -j1 / spaCy import+tokenise",
                          rows["plainlsc -j1 / spaCy"], f"<= {BUDGET_CORPUS_VS_SPACY}",
                          rows["plainlsc -j1 / spaCy"] <= BUDGET_CORPUS_VS_SPACY))
    if prose and results[3].times:
        speedup = divide(results[3].median, j1.median)
        rows["proselint / plainlsc -j1"] = speedup
        floor = divide(results[3].median, spacy_ref.median)
        budgets.append(Budget("[1] corpus: proselint / plainlsc -j1 (speed-up)", speedup,
                              f">= {BUDGET_PROSELINT_SPEEDUP}",
                              speedup >= BUDGET_PROSELINT_SPEEDUP,
                              f"importing spaCy and tokenising alone is {fmt(floor)} x "
                              "faster than proselint: see benchmarks/README.md"
                              if floor < BUDGET_PROSELINT_SPEEDUP else ""))
    else:
        budgets.append(Budget("[1] corpus: proselint / plainlsc -j1 (speed-up)", None,
                              f">= {BUDGET_PROSELINT_SPEEDUP}", None, "proselint skipped"))
    budgets.append(Budget("[1] corpus: plainlsc -j2 / -j1", rows["plainlsc -j2 / -j1"],
                          f"< {BUDGET_JOBS2}", rows["plainlsc -j2 / -j1"] < BUDGET_JOBS2))
    print("  ratios: " + ", ".join(f"{k} = {fmt(v)}" for k, v in rows.items()))
    figures["sections"]["corpus"] = {"results": [r.as_dict() for r in results],
                                     "ratios": rows}


def section_inprocess(run: Run) -> None:
    """In process, after start-up: check_text against spaCy's blank tokenizer."""
    args = run.args
    py = run.py
    say = run.say
    budgets = run.budgets
    docs = run.docs
    figures = run.figures
    say("\n[2] in process, after start-up")
    proc = subprocess.run([py, str(HERE / "inprocess.py"), docs, "--repeat",
                           str(args.repeat)], capture_output=True, text=True)
    if proc.returncode != 0:
        say(f"  FAILED: {proc.stderr.strip()[-2000:]}")
        budgets.append(Budget("[2] in process: check_text / blank tokenizer", None,
                              f"<= {BUDGET_INPROCESS}", None, "inprocess.py failed"))
    else:
        data = json.loads(proc.stdout)
        pl, tok = statistics.median(data["plainlsc"]), statistics.median(data["tokenizer"])
        ratio = divide(pl, tok)
        print(f"\n[2] In process ({data['files']} texts, {data['words']:,} words; start-up "
              f"and warm-up {data['start_up']:.2f}s not counted)")
        print(f"  {'call over every text':<52} {'median s':>9} {'min s':>7} {'max s':>7}")
        for label, key in (("spacy.blank('en').tokenizer(text)", "tokenizer"),
                           ("plainlsc.check_text(text, format=...)", "plainlsc")):
            print(f"  {label:<52} {statistics.median(data[key]):>9.2f} "
                  f"{min(data[key]):>7.2f} {max(data[key]):>7.2f}")
        print(f"  ratio check_text / tokenizer = {fmt(ratio)}   (first round: "
              f"{fmt(divide(data['plainlsc'][0], data['tokenizer'][0]))}; "
              f"{data['findings']:,} findings)")
        budgets.append(Budget("[2] in process: check_text / blank tokenizer", ratio,
                              f"<= {BUDGET_INPROCESS}", ratio <= BUDGET_INPROCESS))
        figures["sections"]["inprocess"] = {**data, "ratio": ratio}


def section_cold(run: Run) -> None:
    """Cold start on one page, and whether --version and --help stay free of spaCy."""
    args = run.args
    corpus = run.corpus
    info = run.info
    py = run.py
    plainlsc_cmd = run.plainlsc_cmd
    say = run.say
    budgets = run.budgets
    figures = run.figures
    say("\n[3] cold start, one page")
    results = [
        Result("python -c 'import spacy; spacy.blank(\"en\")'",
               [py, "-c", "import spacy; spacy.blank('en')"]),
        Result(f"plainlsc check {corpus.one_page.name} ({info['one_page_words']} words)",
               [*plainlsc_cmd, "check", str(corpus.one_page)]),
        Result("plainlsc --version", [*plainlsc_cmd, "--version"]),
        Result("plainlsc --help", [*plainlsc_cmd, "--help"]),
    ]
    run_round_robin(results, args.repeat, {results[1].label: {0, 1}}, {}, say)
    print_table("[3] Cold start", results)
    run.cold_page = results[1].median
    ratio = divide(results[1].median, results[0].median)
    print(f"  ratio one page / spaCy blank = {fmt(ratio)}")
    budgets.append(Budget("[3] cold one page: plainlsc check / spacy.blank", ratio,
                          f"<= {BUDGET_COLD}", ratio <= BUDGET_COLD))
    lazy: dict[str, Any] = {}
    for flag in ("--version", "--help"):
        heavy, n = imports_spacy([flag])
        lazy[flag] = {"imports_spacy": heavy, "modules": n}
        budgets.append(Budget(f"[3] plainlsc {flag} imports spaCy", heavy, "no",
                              None if heavy is None else not heavy,
                              f"{n} modules imported" if heavy is not None else
                              f"plainlsc {flag} failed"))
    figures["sections"]["cold"] = {"results": [r.as_dict() for r in results],
                                   "ratio": ratio, "lazy_imports": lazy}


def section_linear(run: Run) -> None:
    """Linearity and memory: 1 MB against 10 MB, and one 20,000-word line."""
    args = run.args
    corpus = run.corpus
    info = run.info
    work = run.work
    plainlsc_cmd = run.plainlsc_cmd
    say = run.say
    budgets = run.budgets
    figures = run.figures
    say("\n[4] linearity and memory")
    check = [*plainlsc_cmd, "check", "--format", "json", "--jobs", "1"]
    one, ten, long_line = corpus.one_mb, corpus.ten_mb, corpus.long_line
    results = [
        Result(f"plainlsc check {one.name} ({info['one_mb_bytes'] / 1e6:.2f} MB)",
               [*check, str(one)]),
        Result(f"plainlsc check {ten.name} ({info['ten_mb_bytes'] / 1e6:.2f} MB)",
               [*check, str(ten)]),
        Result(f"plainlsc check {long_line.name} ({info['long_line_words']:,} words, "
               "1 line)", [*check, str(long_line)]),
    ]
    capture = {r.label: work / f"linear-{i}.out" for i, r in enumerate(results)}
    run_round_robin(results, args.repeat, {r.label: {0, 1} for r in results}, capture, say)
    for r in results:
        if r.times:
            problem = check_json_output(capture[r.label], 1)
            if problem:
                r.note = f"output check: {problem}"
                say(f"  WARNING {r.label}: {problem}")
    print_table("[4] Linearity and memory (single files)", results)
    r1, r10, rl = results
    size_ratio = info["ten_mb_bytes"] / info["one_mb_bytes"]
    raw = divide(r10.median, r1.median)
    if math.isnan(run.cold_page):
        run.cold_page = statistics.median(
            run_once([*plainlsc_cmd, "check", str(corpus.one_page)])[0] for _ in range(3))
    net = divide(r10.median - run.cold_page, r1.median - run.cold_page)
    per_mb_1 = (r1.median - run.cold_page) / (info["one_mb_bytes"] / 1e6)
    per_mb_10 = (r10.median - run.cold_page) / (info["ten_mb_bytes"] / 1e6)
    print(f"  ratio 10 MB / 1 MB: raw {fmt(raw)}, net of start-up {fmt(net)} (bytes "
          f"ratio {size_ratio:.2f}; start-up = one-page cold run {run.cold_page:.2f}s); "
          f"{per_mb_1:.2f} s/MB at 1 MB, {per_mb_10:.2f} s/MB at 10 MB")
    budgets.append(Budget("[4] 10 MB / 1 MB time, net of start-up", net,
                          f"<= {BUDGET_LINEAR:g}", net <= BUDGET_LINEAR * size_ratio / 10,
                          f"raw {fmt(raw)}"))
    budgets.append(Budget("[4] peak RSS of the 10 MB run, MB", r10.peak_mb,
                          f"< {BUDGET_RSS_MB:g}", r10.peak_mb < BUDGET_RSS_MB))
    budgets.append(Budget("[4] 20,000-word line, s (report; PASS = <= 1 MB file)",
                          rl.median, "<= 1 MB", rl.median <= r1.median))
    figures["sections"]["linear"] = {
        "results": [r.as_dict() for r in results], "raw_ratio": raw, "net_ratio": net,
        "bytes_ratio": size_ratio, "start_up_s": run.cold_page, "s_per_mb_1": per_mb_1,
        "s_per_mb_10": per_mb_10}


def section_formats(run: Run) -> None:
    """The same documents as Markdown and HTML, as text and Word (informational)."""
    args = run.args
    corpus = run.corpus
    work = run.work
    plainlsc_cmd = run.plainlsc_cmd
    say = run.say
    figures = run.figures
    say("\n[5] formats: the same documents as Markdown and HTML, as text and Word")
    folders = generate_formats(corpus, args.corpus / "formats")
    check = [*plainlsc_cmd, "check", "--format", "json", "--jobs", "1"]
    results = [Result(f"plainlsc check {len(list(folder.glob('*.' + name)))} .{name} files",
                      [*check, str(folder)]) for name, folder in folders.items()]
    capture = {r.label: work / f"formats-{i}.out" for i, r in enumerate(results)}
    run_round_robin(results, args.repeat, {r.label: {0, 1} for r in results}, capture, say)
    print_table("[5] Formats (informational: same text, different containers)", results)
    md, html, txt, word = results
    rows = {"HTML / Markdown": divide(html.median, md.median),
            "Word / text": divide(word.median, txt.median)}
    print("  ratios: " + ", ".join(f"{k} = {fmt(v)}" for k, v in rows.items()))
    figures["sections"]["formats"] = {"results": [r.as_dict() for r in results], **rows}


SECTIONS: dict[str, Callable[[Run], None]] = {
    "corpus": section_corpus, "inprocess": section_inprocess, "cold": section_cold,
    "linear": section_linear, "formats": section_formats,
}
