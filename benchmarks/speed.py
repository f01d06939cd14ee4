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
import math
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SECTIONS = ("corpus", "inprocess", "cold", "linear", "formats")

# --------------------------------------------------------------------------------------------
# Budgets (from the performance issue). "max": measured must be <= limit; "min": >= limit.
# --------------------------------------------------------------------------------------------
BUDGET_CORPUS_VS_SPACY = 2.0      # plainlsc --jobs 1 / spaCy import-and-tokenise, at most
BUDGET_PROSELINT_SPEEDUP = 4.0    # proselint / plainlsc --jobs 1, at least
BUDGET_JOBS2 = 1.0                # plainlsc --jobs 2 / --jobs 1, below
BUDGET_INPROCESS = 3.0            # check_text / blank tokenizer, at most
BUDGET_COLD = 1.5                 # one page, cold / import spacy + spacy.blank("en"), at most
BUDGET_LINEAR = 12.0              # 10 MB / 1 MB net of start-up ("about 10 x"), at most
BUDGET_RSS_MB = 500.0             # peak RSS of the 10 MB run, below

# --------------------------------------------------------------------------------------------
# Corpus generation
# --------------------------------------------------------------------------------------------
CORPUS_FILES = 200
CORPUS_WORDS = 163_000
BIG_BYTES = 1_000_000             # the "1 MB" single file; the big one is 10 x this
LONG_LINE_WORDS = 20_000

TEXT_SOURCES = {  # path: kind
    "examples/draft-letter.txt": "letter",
    "tests/data/letter-faults.txt": "letter",
    "tests/data/news-release.txt": "release",
    "tests/data/clean-leaflet.txt": "leaflet",
}
MARKDOWN_SOURCES = ("examples/service-page.md", "tests/data/page.md")

FIRST_NAMES = (
    "Helen", "Daniel", "Priya", "Aisha", "Tom", "Grace", "Mohammed", "Sian", "Oluwaseun", "Rachel",
    "Jack", "Fatima", "Gareth", "Chloe", "Ravi", "Megan", "Tariq", "Eleanor", "Kwame", "Lucy",
    "Niamh", "Hamza", "Joanne", "Marek", "Bethan", "Samuel", "Amara", "Iain", "Zainab", "Pete",
)
SURNAMES = (
    "Marsh", "Okafor", "Shah", "Smith", "Adeyemi", "Patel", "Jones", "Williams", "Khan", "Brown",
    "Hughes", "Nowak", "Campbell", "Begum", "Davies", "O'Neill", "Robinson", "Mensah", "Clarke",
    "Ali", "Thompson", "Evans", "Chowdhury", "Walsh", "Kowalski", "Murray", "Osei", "Hall",
    "Fraser", "Iqbal",
)
AREA_FIRST = (
    "Northmoor", "Harrowdale", "Ashworth", "Brackenfield", "Calderbrook", "Dunmere", "Elmsworth",
    "Fernleigh", "Greystone", "Hollinsby", "Ingleby", "Larkhill", "Medlow", "Oakhurst",
    "Penwarren", "Quarrydene", "Ravensholme", "Saltmarsh", "Thornbury", "Uldale",
)
AREA_SECOND = (
    "Wyvern", "Kestrel Vale", "Eastwold", "Marlow Vale", "Severn Reach", "Cranmoor", "Brookdale",
    "Westfell", "Ashvale", "Coldharbour", "Riverside", "Highwold", "Fenmarsh", "Stonebridge",
    "Hartland", "Mersey Vale",
)
TOWNS = (
    "Wyvernbridge", "Ashby Cross", "Lowfold", "Kestrelford", "Brampton Edge", "Carrow",
    "Dunsford", "Eastleigh Moor", "Fallowfield", "Gorsey Bank", "Hatherley", "Ivybridge Green",
    "Kingsholm", "Lydmouth", "Millbeck", "Netherby", "Old Coxley", "Pennington", "Redcastle",
    "Sutton Marsh", "Tamworth End", "Upperthorpe", "Whitlow", "Yarrow Bridge",
)
STREETS = (
    "Mill Road", "Mill Lane", "Tanner Street", "Bridge Street", "Church Lane", "Station Road",
    "High Street", "Victoria Road", "Park Avenue", "Market Place", "Chapel Street", "Queen's Road",
    "Orchard Way", "Canal Side", "Castle Hill", "Green Lane",
)
BUILDINGS = (
    "Fenwick House", "Orchard Court", "Riverside House", "Beacon Point", "Alder House",
    "Kingfisher Court", "The Old Mill", "Trinity House", "Wellbeing Centre", "Harbour House",
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_MONTH = "|".join(MONTHS)

Block = str
Unit = list[Block]  # blocks that stay together (a heading and its paragraphs, a bullet list)


@dataclass
class Source:
    """One source document split into a head, movable body units and a tail."""

    path: str
    kind: str                     # letter, release, leaflet, page
    head: list[Block]
    units: list[Unit]
    tail: list[Block]
    front: dict[str, str] = field(default_factory=dict)   # Markdown front matter

    @property
    def markdown(self) -> bool:
        return self.kind == "page"


def _blocks(text: str) -> list[Block]:
    return [b.strip("\n") for b in re.split(r"\n[ \t]*\n", text.strip("\n")) if b.strip()]


def _looks_like_heading(block: Block) -> bool:
    return ("\n" not in block and len(block.split()) <= 8
            and not block.rstrip().endswith((".", ",", ":", ";")))


def _parse_text(path: str, kind: str, text: str) -> Source:
    blocks = _blocks(text)
    if kind == "letter":
        start = next((i + 1 for i, b in enumerate(blocks) if b.startswith("Dear ")), 2)
        end = next((i for i, b in enumerate(blocks) if b.startswith("Yours ")), len(blocks))
    elif kind == "release":
        start = 2
        end = next((i for i, b in enumerate(blocks) if b.strip() == "ENDS"), len(blocks))
    else:  # leaflet: title first, address last
        start, end = 1, len(blocks) - 1
    head, body, tail = blocks[:start], blocks[start:end], blocks[end:]
    units: list[Unit] = []
    for block in body:  # leaflet-style headings keep their paragraphs
        if units and kind == "leaflet" and not _looks_like_heading(block):
            units[-1].append(block)
        else:
            units.append([block])
    return Source(path, kind, head, units, tail)


def _parse_markdown(path: str, text: str) -> Source:
    front: dict[str, str] = {}
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    if match:
        for line in match.group(1).splitlines():
            key, _, value = line.partition(":")
            front[key.strip()] = value.strip()
        text = text[match.end():]
    blocks = _blocks(text)
    head = blocks[:1] if blocks and blocks[0].startswith("# ") else []
    blocks = blocks[len(head):]
    tail: list[Block] = []
    while blocks and re.match(r"\[[^\]]+\]: ", blocks[-1]):
        tail.insert(0, blocks.pop())
    units: list[Unit] = []
    for block in blocks:
        if block.startswith("## ") or not units:
            units.append([block])
        else:
            units[-1].append(block)
    return Source(path, "page", head, units, tail, front)


def load_sources(root: Path) -> list[Source]:
    sources: list[Source] = []
    for rel, kind in TEXT_SOURCES.items():
        if (root / rel).is_file():
            sources.append(_parse_text(rel, kind, (root / rel).read_text(encoding="utf-8")))
    for rel in MARKDOWN_SOURCES:
        if (root / rel).is_file():
            sources.append(_parse_markdown(rel, (root / rel).read_text(encoding="utf-8")))
    if not any(s.markdown for s in sources) or all(s.markdown for s in sources):
        raise SystemExit("speed.py: need at least one .txt and one .md source document in "
                         f"{root}/examples or {root}/tests/data")
    return sources


def _words(blocks: list[Block]) -> int:
    return sum(len(b.split()) for b in blocks)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _initials(text: str) -> str:
    return "".join(w[0] for w in text.replace(" and ", " ").split()).upper()


class Varier:
    """Consistent per-document swaps of names and places, and fresh numbers per occurrence."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        pairs = [("Northmoor", "Wyvern"), ("Harrowdale", "Kestrel Vale")]
        self.swaps: dict[str, str] = {}
        for old_a, old_b in pairs:
            new_a, new_b = rng.choice(AREA_FIRST), rng.choice(AREA_SECOND)
            old_i, new_i = _initials(f"{old_a} {old_b}"), _initials(f"{new_a} {new_b}")
            self._swap(old_a.lower() + old_b.lower().replace(" ", ""),
                       new_a.lower() + new_b.lower().replace(" ", ""))
            self._swap(old_i.lower() + "health", new_i.lower() + "health")
            self._swap(old_i, new_i)
            self._swap(old_a, new_a)
            self._swap(old_b, new_b)
        towns = rng.sample(TOWNS, 4)
        for old, new in zip(("Wyvernbridge", "Ashby Cross", "Lowfold", "Kestrelford"), towns):
            self._swap(old, new)
            self._swap(_slug(old), _slug(new))
        for old, new in zip(("Mill Road", "Mill Lane", "Tanner Street", "Bridge Street"),
                            rng.sample(STREETS, 4)):
            self._swap(old, new)
        for old, new in zip(("Fenwick House", "Orchard Court"), rng.sample(BUILDINGS, 2)):
            self._swap(old, new)
        for old in ("Helen Marsh", "Daniel Okafor", "Priya Shah"):
            self._swap(old, f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}")
        for old in ("Smith", "Adeyemi"):
            self._swap(old, rng.choice(SURNAMES))

    def _swap(self, old: str, new: str) -> None:
        self.swaps.setdefault(old, new)

    def __call__(self, text: str) -> str:
        # One pass for every swap: longest names first, whole words only.
        names = "|".join(re.escape(k) for k in sorted(self.swaps, key=len, reverse=True))
        text = re.sub(rf"(?<![\w-])(?:{names})(?!\w)", lambda m: self.swaps[m.group()], text)
        r = self.rng
        text = re.sub(r"01632 960\d{3}", lambda m: f"01632 960{r.randint(0, 999):03d}", text)
        text = re.sub(r"\b[A-Z]{2}\d \d[A-Z]{2}\b", lambda m: (
            f"{r.choice('BDHKLMNSTW')}{r.choice('ACEHKLMNRSV')}{r.randint(1, 19)} "
            f"{r.randint(1, 9)}{r.choice('ABDEFGHJLNPQRSTUWXYZ')}{r.choice('ABDEFGHJLNPQRTUXY')}"),
            text)
        text = re.sub(rf"\b\d{{1,2}} ({_MONTH})\b",
                      lambda m: f"{r.randint(1, 28)} {r.choice(MONTHS)}", text)
        text = re.sub(rf"\bXX ({_MONTH})\b", lambda m: f"XX {r.choice(MONTHS)}", text)
        text = re.sub(r"\b202[5-7]\b", lambda m: str(r.choice((2025, 2026, 2026, 2027))), text)
        text = re.sub(r"\b(1[0-2]|[1-9])(am|pm)\b",
                      lambda m: f"{r.randint(1, 11)}{m.group(2)}", text)
        text = re.sub(r"\b(\d{1,3}) (minutes|hours|working days|days|weeks|months|years)\b",
                      lambda m: f"{max(1, int(m.group(1)) + r.randint(-1, 3))} {m.group(2)}",
                      text)
        text = re.sub(r"£\d+(?:\.\d+)? million",
                      lambda m: f"£{r.randint(5, 95) / 10:.1f} million", text)
        return text


def _to_markdown(unit: Unit) -> Unit:
    """A plain-text unit as Markdown: leaflet headings become ## headings, • bullets - items."""
    out: Unit = []
    for i, block in enumerate(unit):
        if i == 0 and _looks_like_heading(block) and len(unit) > 1:
            out.append("## " + block)
        else:
            out.append(re.sub(r"(?m)^•\s*", "- ", block))
    return out


def _body(rng: random.Random, base: Source, pool: list[Unit], target: int) -> list[Block]:
    """Body units: the base document's own, shuffled, then borrowed ones until ``target``."""
    own = [list(u) for u in base.units]
    rng.shuffle(own)
    if base.markdown:  # shuffle the paragraphs inside sections too, headings stay first
        for unit in own:
            rest = unit[1:] if unit[0].startswith("#") else unit
            if len(rest) > 1 and rng.random() < 0.5:
                rng.shuffle(rest)
                unit[len(unit) - len(rest):] = rest
    body: list[Block] = []
    words = 0
    queue = own
    while True:
        for unit in queue:
            size = _words(unit)
            if body and words + size > target * 1.1 and words > target * 0.6:
                return body
            body.extend(unit)
            words += size
            if words >= target:
                return body
        queue = rng.sample(pool, len(pool))


def _front_matter(rng: random.Random, base: Source, title: str) -> str:
    lines = ["---", f"title: {title}"]
    if "description" in base.front:
        lines.append(f"description: {base.front['description']}")
    lines.append(f"date: {rng.choice((2025, 2026))}-{rng.randint(1, 12):02d}-"
                 f"{rng.randint(1, 28):02d}")
    if "tags" in base.front:
        lines.append(f"tags: {base.front['tags']}")
    lines.append("---")
    return "\n".join(lines)


def make_document(rng: random.Random, base: Source, sources: list[Source], target: int) -> str:
    """One varied document of about ``target`` words in ``base``'s style and format."""
    if base.markdown:
        pool = [list(u) for s in sources for u in s.units if s.markdown]
        pool += [_to_markdown(u) for s in sources for u in s.units
                 if not s.markdown and s.kind != "letter"]
        pool += [[b] for s in sources if s.kind == "letter" for u in s.units for b in u
                 if "•" not in b]
    else:
        pool = [list(u) for s in sources for u in s.units if not s.markdown]
    fixed = _words(base.head) + _words(base.tail)
    body = _body(rng, base, pool, max(40, target - fixed))
    parts = [*base.head, *body, *base.tail]
    if base.markdown:
        title = base.head[0][2:] if base.head else "Our services"
        parts.insert(0, _front_matter(rng, base, title))
    return Varier(rng)("\n\n".join(parts) + "\n")


def _targets(rng: random.Random, n: int, total: int) -> list[int]:
    raw = [min(4000.0, max(120.0, rng.lognormvariate(math.log(650), 0.6))) for _ in range(n)]
    scale = total / sum(raw)
    return [round(x * scale) for x in raw]


@dataclass
class Corpus:
    docs: Path
    big: Path
    files: list[Path]
    words: int
    bytes: int
    one_mb: Path
    ten_mb: Path
    long_line: Path
    one_page: Path

    def describe(self) -> dict[str, Any]:
        return {
            "docs": str(self.docs), "files": len(self.files),
            "txt": sum(p.suffix == ".txt" for p in self.files),
            "md": sum(p.suffix == ".md" for p in self.files),
            "words": self.words, "bytes": self.bytes,
            "one_mb_bytes": self.one_mb.stat().st_size,
            "ten_mb_bytes": self.ten_mb.stat().st_size,
            "one_mb_words": _count_words(self.one_mb), "ten_mb_words": _count_words(self.ten_mb),
            "long_line_words": _count_words(self.long_line),
            "one_page": str(self.one_page), "one_page_words": _count_words(self.one_page),
        }


def _count_words(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").split())


def generate_corpus(out: Path, seed: int, n_files: int = CORPUS_FILES,
                    total_words: int = CORPUS_WORDS) -> Corpus:
    """Write the corpus under ``out`` (``docs/`` and ``big/``), replacing what was there."""
    rng = random.Random(seed)
    sources = load_sources(ROOT)
    text_sources = [s for s in sources if not s.markdown]
    md_sources = [s for s in sources if s.markdown]
    docs, big = out / "docs", out / "big"
    for folder in (docs, big):
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
    # An empty configuration file pins the defaults: no parent pyproject.toml can leak in.
    (docs / ".plainlsc.toml").write_text("# plainlsc defaults (benchmark corpus)\n")
    (big / ".plainlsc.toml").write_text('max_file_size = "60MB"\n')

    files: list[Path] = []
    want = done = 0
    for i, target in enumerate(_targets(rng, n_files, total_words)):
        want += target
        base = (md_sources if i % 2 else text_sources)[rng.randrange(
            len(md_sources) if i % 2 else len(text_sources))]
        text = make_document(rng, base, sources, max(60, target + (want - done) // 2))
        done += len(text.split())
        name = f"{i + 1:03d}-{base.kind}.{'md' if base.markdown else 'txt'}"
        (docs / name).write_text(text, encoding="utf-8")
        files.append(docs / name)

    # Single big plain-text files: the 10 MB one is a stream of varied documents, the 1 MB one
    # its first megabyte (cut at a document boundary), so both hold the same kind of text.
    chunks: list[str] = []
    size = 0
    while size < 10 * BIG_BYTES:
        base = text_sources[rng.randrange(len(text_sources))]
        chunk = make_document(rng, base, sources, rng.randint(300, 1500))
        chunks.append(chunk)
        size += len(chunk.encode("utf-8")) + 1
    ten = "\n".join(chunks)
    cut, acc = 0, 0
    while acc < BIG_BYTES and cut < len(chunks):
        acc += len(chunks[cut].encode("utf-8")) + 1
        cut += 1
    one_mb, ten_mb = big / "one-mb.txt", big / "ten-mb.txt"
    one_mb.write_text("\n".join(chunks[:cut]), encoding="utf-8")
    ten_mb.write_text(ten, encoding="utf-8")

    # One 20,000-word line with no punctuation at all.
    vocabulary = [w for w in re.findall(r"[A-Za-z]+", ten[:200_000])]
    start = rng.randrange(len(vocabulary) - LONG_LINE_WORDS) if len(vocabulary) > \
        LONG_LINE_WORDS else 0
    words = (vocabulary * (LONG_LINE_WORDS // max(1, len(vocabulary)) + 2))[
        start:start + LONG_LINE_WORDS]
    long_line = big / "long-line.txt"
    long_line.write_text(" ".join(words) + "\n", encoding="utf-8")

    return Corpus(docs, big, files, sum(len(p.read_text(encoding="utf-8").split()) for p in files),
                  sum(p.stat().st_size for p in files), one_mb, ten_mb, long_line,
                  ROOT / "examples" / "draft-letter.txt")


#: The page around a Markdown file's HTML: what a content-managed site wraps every page in.
PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>{title}</title>
<style>body {{ font-family: sans-serif; }} .hidden {{ display: none; }}</style>
<script>window.dataLayer = window.dataLayer || [];</script></head>
<body><header><a href="/">Home</a> <nav><ul><li><a href="/services">Services</a></li>
<li><a href="/contact">Contact us</a></li></ul></nav></header>
<main>{body}</main>
<footer><p>Follow us on social media. Copyright NHS Wyvern.</p></footer></body></html>
"""


def generate_formats(corpus: Corpus, out: Path) -> dict[str, Path]:
    """The corpus in four folders: its Markdown files and the same pages as HTML, its text
    files and the same documents as Word files (a paragraph per blank-line block)."""
    import docx
    from markdown_it import MarkdownIt

    folders = {name: out / name for name in ("md", "html", "txt", "docx")}
    for folder in folders.values():
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        (folder / ".plainlsc.toml").write_text("# plainlsc defaults (benchmark corpus)\n")
    render = MarkdownIt("commonmark").enable("table")
    for path in corpus.files:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".md":
            shutil.copy(path, folders["md"] / path.name)
            title = next((line.lstrip("# ") for line in text.splitlines()
                          if line.startswith("# ")), path.stem)
            (folders["html"] / f"{path.stem}.html").write_text(
                PAGE.format(title=title, body=render.render(text)), encoding="utf-8")
        else:
            shutil.copy(path, folders["txt"] / path.name)
            document = docx.Document()
            for block in text.split("\n\n"):
                document.add_paragraph(" ".join(block.split("\n")))
            document.save(str(folders["docx"] / f"{path.stem}.docx"))
    return folders


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


def _load() -> list[float] | None:
    """The 1, 5 and 15-minute load averages: other work on the machine skews every figure."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except (AttributeError, OSError):
        return None


def _ratio(a: float, b: float) -> float:
    return a / b if b and not math.isnan(a) and not math.isnan(b) else math.nan


def _fmt(x: float | None, unit: str = "") -> str:
    return "n/a" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.2f}{unit}"


def _verdict(ok: bool | None) -> str:
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
            _fmt(b.measured)
        print(f"  {b.name:<58} {measured:>10} {b.limit:>9}  {_verdict(b.passed)}"
              + (f"  ({b.detail})" if b.detail else ""))


def _check_json_output(path: Path, expect_files: int) -> str:
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


def _check_proselint_output(path: Path, expect_files: int) -> str:
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
        "load_before": _load(),
    }
    figures: dict[str, Any] = {"environment": env, "corpus": info, "sections": {}}
    budgets: list[Budget] = []
    work = Path(tempfile.mkdtemp(prefix="plainlsc-bench-"))
    docs = str(corpus.docs)

    # Warm the OS file cache (site-packages, corpus) so the first timed round is not special.
    run_once([*plainlsc_cmd, "--version"])
    run_once([py, "-c", "import spacy; spacy.blank('en')"])

    cold_page = math.nan
    if "corpus" in sections:
        say("\n[1] whole corpus, one process per command")
        prose: Proselint | None = None
        if not args.no_proselint:
            venv = args.venv or (HERE / ".venv" if not args.proselint_spec else
                                 HERE / f".venv-{_slug(args.proselint_spec)}")
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
                problem = (_check_json_output(capture[r.label], len(corpus.files))
                           if r in (results[1], results[2]) else
                           _check_proselint_output(capture[r.label], len(corpus.files)))
                if problem:
                    r.note = f"output check: {problem}"
                    say(f"  WARNING {r.label}: {problem}")
        print_table(f"[1] Whole corpus: {info['files']} files, {info['words']:,} words, "
                    f"{info['bytes'] / 1e6:.2f} MB", results)
        spacy_ref, j1, j2 = results[0], results[1], results[2]
        rows = {"plainlsc -j1 / spaCy": _ratio(j1.median, spacy_ref.median),
                "plainlsc -j2 / spaCy": _ratio(j2.median, spacy_ref.median),
                "plainlsc -j2 / -j1": _ratio(j2.median, j1.median)}
        budgets.append(Budget("[1] corpus: plainlsc -j1 / spaCy import+tokenise",
                              rows["plainlsc -j1 / spaCy"], f"<= {BUDGET_CORPUS_VS_SPACY}",
                              rows["plainlsc -j1 / spaCy"] <= BUDGET_CORPUS_VS_SPACY))
        if prose and results[3].times:
            speedup = _ratio(results[3].median, j1.median)
            rows["proselint / plainlsc -j1"] = speedup
            floor = _ratio(results[3].median, spacy_ref.median)
            budgets.append(Budget("[1] corpus: proselint / plainlsc -j1 (speed-up)", speedup,
                                  f">= {BUDGET_PROSELINT_SPEEDUP}",
                                  speedup >= BUDGET_PROSELINT_SPEEDUP,
                                  f"importing spaCy and tokenising alone is {_fmt(floor)} x "
                                  "faster than proselint: see benchmarks/README.md"
                                  if floor < BUDGET_PROSELINT_SPEEDUP else ""))
        else:
            budgets.append(Budget("[1] corpus: proselint / plainlsc -j1 (speed-up)", None,
                                  f">= {BUDGET_PROSELINT_SPEEDUP}", None, "proselint skipped"))
        budgets.append(Budget("[1] corpus: plainlsc -j2 / -j1", rows["plainlsc -j2 / -j1"],
                              f"< {BUDGET_JOBS2}", rows["plainlsc -j2 / -j1"] < BUDGET_JOBS2))
        print("  ratios: " + ", ".join(f"{k} = {_fmt(v)}" for k, v in rows.items()))
        figures["sections"]["corpus"] = {"results": [r.as_dict() for r in results],
                                         "ratios": rows}

    if "inprocess" in sections:
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
            ratio = _ratio(pl, tok)
            print(f"\n[2] In process ({data['files']} texts, {data['words']:,} words; start-up "
                  f"and warm-up {data['start_up']:.2f}s not counted)")
            print(f"  {'call over every text':<52} {'median s':>9} {'min s':>7} {'max s':>7}")
            for label, key in (("spacy.blank('en').tokenizer(text)", "tokenizer"),
                               ("plainlsc.check_text(text, format=...)", "plainlsc")):
                print(f"  {label:<52} {statistics.median(data[key]):>9.2f} "
                      f"{min(data[key]):>7.2f} {max(data[key]):>7.2f}")
            print(f"  ratio check_text / tokenizer = {_fmt(ratio)}   (first round: "
                  f"{_fmt(_ratio(data['plainlsc'][0], data['tokenizer'][0]))}; "
                  f"{data['findings']:,} findings)")
            budgets.append(Budget("[2] in process: check_text / blank tokenizer", ratio,
                                  f"<= {BUDGET_INPROCESS}", ratio <= BUDGET_INPROCESS))
            figures["sections"]["inprocess"] = {**data, "ratio": ratio}

    if "cold" in sections:
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
        cold_page = results[1].median
        ratio = _ratio(results[1].median, results[0].median)
        print(f"  ratio one page / spaCy blank = {_fmt(ratio)}")
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

    if "linear" in sections:
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
                problem = _check_json_output(capture[r.label], 1)
                if problem:
                    r.note = f"output check: {problem}"
                    say(f"  WARNING {r.label}: {problem}")
        print_table("[4] Linearity and memory (single files)", results)
        r1, r10, rl = results
        size_ratio = info["ten_mb_bytes"] / info["one_mb_bytes"]
        raw = _ratio(r10.median, r1.median)
        if math.isnan(cold_page):
            cold_page = statistics.median(
                run_once([*plainlsc_cmd, "check", str(corpus.one_page)])[0] for _ in range(3))
        net = _ratio(r10.median - cold_page, r1.median - cold_page)
        per_mb_1 = (r1.median - cold_page) / (info["one_mb_bytes"] / 1e6)
        per_mb_10 = (r10.median - cold_page) / (info["ten_mb_bytes"] / 1e6)
        print(f"  ratio 10 MB / 1 MB: raw {_fmt(raw)}, net of start-up {_fmt(net)} (bytes "
              f"ratio {size_ratio:.2f}; start-up = one-page cold run {cold_page:.2f}s); "
              f"{per_mb_1:.2f} s/MB at 1 MB, {per_mb_10:.2f} s/MB at 10 MB")
        budgets.append(Budget("[4] 10 MB / 1 MB time, net of start-up", net,
                              f"<= {BUDGET_LINEAR:g}", net <= BUDGET_LINEAR * size_ratio / 10,
                              f"raw {_fmt(raw)}"))
        budgets.append(Budget("[4] peak RSS of the 10 MB run, MB", r10.peak_mb,
                              f"< {BUDGET_RSS_MB:g}", r10.peak_mb < BUDGET_RSS_MB))
        budgets.append(Budget("[4] 20,000-word line, s (report; PASS = <= 1 MB file)",
                              rl.median, "<= 1 MB", rl.median <= r1.median))
        figures["sections"]["linear"] = {
            "results": [r.as_dict() for r in results], "raw_ratio": raw, "net_ratio": net,
            "bytes_ratio": size_ratio, "start_up_s": cold_page, "s_per_mb_1": per_mb_1,
            "s_per_mb_10": per_mb_10}

    if "formats" in sections:
        say("\n[5] formats: the same documents as Markdown and HTML, as text and Word")
        folders = generate_formats(corpus, args.corpus / "formats")
        check = [*plainlsc_cmd, "check", "--format", "json", "--jobs", "1"]
        results = [Result(f"plainlsc check {len(list(folder.glob('*.' + name)))} .{name} files",
                          [*check, str(folder)]) for name, folder in folders.items()]
        capture = {r.label: work / f"formats-{i}.out" for i, r in enumerate(results)}
        run_round_robin(results, args.repeat, {r.label: {0, 1} for r in results}, capture, say)
        print_table("[5] Formats (informational: same text, different containers)", results)
        md, html, txt, word = results
        rows = {"HTML / Markdown": _ratio(html.median, md.median),
                "Word / text": _ratio(word.median, txt.median)}
        print("  ratios: " + ", ".join(f"{k} = {_fmt(v)}" for k, v in rows.items()))
        figures["sections"]["formats"] = {"results": [r.as_dict() for r in results], **rows}

    print_budgets(budgets)
    elapsed = time.perf_counter() - began
    env["load_after"] = _load()
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
