"""In-process timing for the speed benchmark (run by ``speed.py`` in a fresh interpreter).

    python benchmarks/inprocess.py FOLDER [--repeat N]

Reads every corpus file into memory, then, after start-up and one warm-up call each, times
``plainlsc.check_text(text, format=...)`` over all the texts against
``spacy.blank("en").tokenizer(text)`` over the same texts. The two are timed alternately,
``N`` rounds each, so drift in machine load hits both alike. Prints one JSON object:
``{"files", "words", "plainlsc": [seconds per round], "tokenizer": [...], "findings"}``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from spacy_tokenise import files_of

FORMATS = {".txt": "text", ".md": "markdown", ".html": "html"}
WARM_UP = "Dear Ms Shah,\n\nWe will facilitate a meeting with the ICB going forward.\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    texts: list[tuple[str, str]] = []
    for path in files_of([args.folder]):
        with open(path, encoding="utf-8") as handle:
            texts.append((handle.read(), FORMATS[os.path.splitext(path)[1]]))

    started = time.perf_counter()
    import spacy

    import plainlsc

    nlp = spacy.blank("en")
    nlp.tokenizer(WARM_UP)
    plainlsc.check_text(WARM_UP, format="text")
    plainlsc.check_text("# Title\n\n" + WARM_UP, format="markdown")
    start_up = time.perf_counter() - started

    timings: dict[str, list[float]] = {"plainlsc": [], "tokenizer": []}
    findings = 0
    for _ in range(args.repeat):
        gc.collect()
        t0 = time.perf_counter()
        for text, _fmt in texts:
            nlp.tokenizer(text)
        timings["tokenizer"].append(time.perf_counter() - t0)

        gc.collect()
        findings = 0
        t0 = time.perf_counter()
        for text, fmt in texts:
            findings += len(plainlsc.check_text(text, format=fmt).findings)
        timings["plainlsc"].append(time.perf_counter() - t0)

    json.dump({"files": len(texts), "words": sum(len(t.split()) for t, _ in texts),
               "start_up": start_up, "findings": findings, **timings}, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
