"""Time and peak memory of plainlsc on hostile settings files and Word documents (issue 17).

    python benchmarks/hostile_config.py               # every case
    python benchmarks/hostile_config.py --skip-1m     # without the million-entry word list
    python benchmarks/hostile_config.py --only alias,docx-ratio

Each case writes its files to a temporary folder and runs ``plainlsc check`` on them in a
process of its own, through ``measure_one.py`` (wall time and the child's peak resident
memory). The command runs with its address space capped (``--memory``, 6 GB by default) and a
time limit (``--timeout``), so an old build that hangs or fills memory ends as "killed" or
"timeout" instead of taking the machine down. It prints one line a case: seconds, peak MB,
exit code, the size of its stderr and its first line. It measures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
LETTER = ("Dear Ms Okafor,\n\nYour appointment at the Riverside Health Centre is on Tuesday. "
          "Please utilise the side entrance next to the pharmacy.\n\nYours sincerely,\n\n"
          "Appointments team\n")
RULE = ("id: team-words\nkind: existence\nlevel: warning\nmessage: '\"{match}\": avoid'\n"
        "description: Words our team avoids.\n")
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
Case = Callable[[Path], list[str]]


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def case_fifo(folder: Path) -> list[str]:
    os.mkfifo(folder / "team.yml")
    _write(folder, ".plainlsc.toml", 'rule_files = ["team.yml"]\n')
    return ["letter.txt"]


def case_dev_zero(folder: Path) -> list[str]:
    return ["--config", "/dev/zero", "letter.txt"]


def case_word_list_zero(folder: Path) -> list[str]:
    _write(folder, "team.yml", RULE + "tokens: [utilise]\n")
    (folder / "team.txt").symlink_to("/dev/zero")
    _write(folder, ".plainlsc.toml", 'rule_files = ["team.yml"]\n[wordlists]\n'
                                     'team-words = ["team.txt"]\n')
    return ["letter.txt"]


def case_alias(folder: Path) -> list[str]:
    """Nine aliases a level, ten levels, inside the rule's own ``tokens`` (every key valid)."""
    levels = "".join(f"  - &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 10))
    _write(folder, "team.yml", RULE + "tokens:\n  - &l0 [lol, lol, lol, lol, lol, lol, lol, "
           "lol, lol]\n" + levels)
    _write(folder, ".plainlsc.toml", 'rule_files = ["team.yml"]\n')
    return ["letter.txt"]


def case_template(folder: Path) -> list[str]:
    _write(folder, "team.yml", RULE.replace("'\"{match}\": avoid'", "'{match:>2000000000}'")
           + "tokens: [utilise]\n")
    _write(folder, ".plainlsc.toml", 'rule_files = ["team.yml"]\n')
    return ["letter.txt"]


def _team_words(count: int) -> list[str]:
    rng = random.Random(count)
    words: set[str] = set()
    while len(words) < count:
        words.add("".join(rng.choice("bcdfghjklmnpqrstvwxz") + rng.choice("aeiou")
                          for _ in range(rng.randint(3, 6))))
    return sorted(words)


def _word_list_case(count: int) -> Case:
    def build(folder: Path) -> list[str]:
        words = _team_words(count)
        (folder / "team.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
        _write(folder, "team.yml", RULE)
        _write(folder, "letter.txt", LETTER.replace("Tuesday", f"Tuesday ({words[7]})"))
        _write(folder, ".plainlsc.toml", 'rule_files = ["team.yml"]\n[wordlists]\n'
                                         'team-words = ["team.txt"]\n')
        return ["letter.txt"]
    return build


def _docx(folder: Path, name: str, document: bytes, styles: bytes | None = None) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", document)
        if styles is not None:
            zf.writestr("word/styles.xml", styles)
    (folder / name).write_bytes(buffer.getvalue())


def _document(body: bytes) -> bytes:
    return f'<w:document xmlns:w="{W_NS}"><w:body>'.encode() + body + b"</w:body></w:document>"


def case_docx_ratio(folder: Path) -> list[str]:
    """About 1 MB packed, 95 MB of XML: a ratio just under the zip-bomb guard's 100."""
    rng = random.Random(3)
    body = b"".join(b"<w:p><w:r><w:t>" + b"a" * 1000 + bytes(rng.choices(b"etaoinshrdlu", k=14))
                    + b"</w:t></w:r></w:p>" for _ in range(90_000))
    _docx(folder, "big.docx", _document(body))
    return ["big.docx"]


def case_docx_elements(folder: Path) -> list[str]:
    """1.1 million short paragraphs (3.3 million elements) in 40 MB of ordinary XML."""
    rng = random.Random(4)
    words = ["Your", "clinic", "is", "open", "on", "Monday", "please", "bring", "a", "list"]
    body = b"".join(f"<w:p><w:r><w:t>{rng.choice(words)} {rng.randrange(10**6)}</w:t></w:r>"
                    f"</w:p>".encode() for _ in range(1_100_000))
    _docx(folder, "many.docx", _document(body))
    _write(folder, ".plainlsc.toml", "max_file_size = \"100MB\"\n")
    return ["many.docx"]


def case_styles(folder: Path) -> list[str]:
    """Ten short documents, each with its own 20 MB styles part (250,000 styles) and 3,000
    style ids no style defines: what a cache of parsed styles holds across a run."""
    for seed in range(10):
        styles = b"".join(f'<w:style w:type="paragraph" w:styleId="S{seed}x{i}"><w:name w:val='
                          f'"Team {seed} style {i}"/></w:style>'.encode()
                          for i in range(250_000))
        body = b"".join(f'<w:p><w:pPr><w:pStyle w:val="U{seed}x{i}"/></w:pPr><w:r><w:t>We will '
                        f'call you on day {i}.</w:t></w:r></w:p>'.encode() for i in range(3000))
        _docx(folder, f"doc{seed:02}.docx", _document(body),
              f'<w:styles xmlns:w="{W_NS}">'.encode() + styles + b"</w:styles>")
    return ["--jobs", "1", "."]


CASES: dict[str, tuple[str, Case]] = {
    "fifo": ("rule file that is a named pipe", case_fifo),
    "dev-zero": ("--config /dev/zero", case_dev_zero),
    "list-zero": ("word list linked to /dev/zero", case_word_list_zero),
    "alias": ("YAML alias bomb, 16 lines", case_alias),
    "template": ('message "{match:>2000000000}"', case_template),
    "list-100k": ("team word list, 100,000 entries", _word_list_case(100_000)),
    "list-1m": ("team word list, 1,000,000 entries", _word_list_case(1_000_000)),
    "docx-ratio": (".docx, 1 MB packed, ratio just under 100", case_docx_ratio),
    "docx-elements": (".docx, 1.1 million paragraphs", case_docx_elements),
    "docx-styles": ("10 .docx files, 20 MB styles each", case_styles),
}


def measure(args: list[str], folder: Path, timeout: float, memory: int) -> dict[str, object]:
    """Run plainlsc with ``args`` in ``folder`` (capped), returning time, memory and stderr."""
    launcher = ("import os, resource, sys\nresource.setrlimit(resource.RLIMIT_AS, "
                f"({memory}, {memory}))\nos.execv(sys.executable, [sys.executable, '-m', "
                "'plainlsc', 'check', *sys.argv[1:]])\n")
    result = folder / ".measure.json"
    command = [sys.executable, "-S", str(HERE / "measure_one.py"), str(result), "--",
               sys.executable, "-c", launcher, *args]
    started = time.perf_counter()
    try:
        with open(folder / ".stderr", "wb") as err:
            subprocess.run(command, cwd=folder, stdout=subprocess.DEVNULL, stderr=err,
                           timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"wall": time.perf_counter() - started, "maxrss_mb": None, "code": "timeout",
                "stderr": ""}
    figures = json.loads(result.read_text(encoding="utf-8"))
    text = (folder / ".stderr").read_bytes()
    figures["stderr_bytes"] = len(text)
    lines = text.decode("utf-8", "replace").splitlines()
    figures["stderr"] = lines[0][:150] if lines else ""
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="comma-separated case names")
    parser.add_argument("--skip-1m", action="store_true", help="leave out list-1m")
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--memory", type=int, default=6 << 30, help="address-space cap, bytes")
    options = parser.parse_args()
    names = [n for n in (options.only.split(",") if options.only else CASES)
             if not (options.skip_1m and n == "list-1m")]
    print(f"{'case':<45} {'seconds':>8} {'peak MB':>8} {'exit':>7} {'err kB':>7}  "
          "stderr (first line)")
    for name in names:
        title, build = CASES[name]
        with tempfile.TemporaryDirectory(prefix="plainlsc-hostile-") as tmp:
            folder = Path(tmp)
            _write(folder, "letter.txt", LETTER)
            args = build(folder)
            got = measure(args, folder, options.timeout, options.memory)
        rss = got.get("maxrss_mb")
        code = got["code"]
        shown = "killed" if isinstance(code, int) and code < 0 else code
        print(f"{title:<45} {float(got['wall']):8.2f} "  # type: ignore[arg-type]
              f"{'' if rss is None else f'{rss:.0f}':>8} {shown!s:>7} "
              f"{int(got.get('stderr_bytes', 0)) / 1024:7.1f}  {got['stderr']}",  # type: ignore[call-overload]
              flush=True)
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
