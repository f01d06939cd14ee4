"""The seeded corpus: documents built from the project's examples, varied, and the big files."""

from __future__ import annotations

import math
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent.parent
ROOT = HERE.parent

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


def slug(text: str) -> str:
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
            self._swap(slug(old), slug(new))
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


