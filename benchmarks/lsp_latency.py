"""Language-server latency: from ``didChange`` to ``publishDiagnostics``, beside the in-process
``check_text`` time for the same text.

Run from the repository root, with the Python of an environment where plainlsc is installed::

    python benchmarks/lsp_latency.py                   # 30 timed changes per document
    python benchmarks/lsp_latency.py --repeat 50 --debounce 250

It starts ``python -m plainlsc lsp`` as an editor would (a pygls client over stdio), opens
two documents written for this benchmark (``benchmarks/lsp/one-page.md``, about 380 words, and
``benchmarks/lsp/carers-guide.md``, about 1,500), and after ``--warmup`` changes times
``--repeat`` more, one at a time: each change edits the title, so every check is of new text.
Before each change, ``check_text`` is timed in this process on the same new text.
The server's debounce is set by ``--debounce`` (milliseconds; 0 by default, so the figures
measure checking and the server's own overhead; an editor's default is 250 ms, which adds that
pause by design). The exit
code is 0 whatever the figures: it is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.client import LanguageClient

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DOCUMENTS = (HERE / "lsp" / "one-page.md", HERE / "lsp" / "carers-guide.md")


def variant(text: str, n: int) -> str:
    """The document with its title changed: new text for each check, same length roughly."""
    first, _, rest = text.partition("\n")
    return f"{first} (draft {n})\n{rest}"


class Client(LanguageClient):
    """A client that notes when each document version's diagnostics arrive."""

    def __init__(self) -> None:
        super().__init__("plainlsc-latency", "1")
        self.arrived: dict[tuple[str, int | None], float] = {}
        self.event = asyncio.Event()


def make_client() -> Client:
    client = Client()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(ls: Client, params: types.PublishDiagnosticsParams) -> None:
        ls.arrived[(params.uri, params.version)] = time.perf_counter()
        ls.event.set()

    @client.feature("plainlsc/status")
    def status(ls: Client, params: Any) -> None:
        pass

    return client


async def wait_for(client: Client, uri: str, version: int, timeout: float = 120) -> float:
    deadline = time.perf_counter() + timeout
    while (uri, version) not in client.arrived:
        client.event.clear()
        left = deadline - time.perf_counter()
        if left <= 0:
            raise TimeoutError(f"no diagnostics for {uri} version {version}")
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(client.event.wait(), left)
    return client.arrived[(uri, version)]


def local_checker(path: Path) -> Callable[[str], float]:
    """Times ``check_text`` on a text in this process, with the configuration the CLI finds."""
    from plainlsc.config import discover
    from plainlsc.pipeline import check_text

    config = discover(path).for_file(str(path))

    def run(text: str) -> float:
        start = time.perf_counter()
        check_text(text, "markdown", config, str(path))
        return time.perf_counter() - start
    return run


async def measure(paths: tuple[Path, ...], warmup: int, repeat: int,
                  debounce: int) -> dict[Path, tuple[list[float], list[float]]]:
    """Per document: seconds for ``check_text`` in this process, and seconds from sending a
    change to its diagnostics arriving. The two alternate, change by change, so drifting load
    on the machine hits both alike (and they never compete for the CPU)."""
    client = make_client()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)}
    await client.start_io(sys.executable, "-m", "plainlsc", "lsp", env=env)
    await client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(), root_uri=ROOT.as_uri(),
        initialization_options={"plainlsc": {"debounceMs": debounce}}))
    client.initialized(types.InitializedParams())
    results: dict[Path, tuple[list[float], list[float]]] = {}
    for path in paths:
        text, uri = path.read_text(encoding="utf-8"), path.as_uri()
        local = local_checker(path)
        client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1,
                                                 text=text)))
        await wait_for(client, uri, 1)
        here, served = [], []
        for version in range(2, 2 + warmup + repeat):
            changed = variant(text, version)
            here.append(local(changed))
            sent = time.perf_counter()
            client.text_document_did_change(types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=changed)]))
            served.append(await wait_for(client, uri, version) - sent)
        results[path] = (here[warmup:], served[warmup:])
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return results


def words_in(path: Path) -> int:
    from plainlsc.pipeline import check_text

    scores = check_text(path.read_text(encoding="utf-8"), "markdown").scores
    return scores.words if scores is not None else 0


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=30, help="timed changes per document")
    parser.add_argument("--warmup", type=int, default=5, help="untimed changes first")
    parser.add_argument("--debounce", type=int, default=0, help="server debounce, in ms")
    args = parser.parse_args(argv)
    results = asyncio.run(measure(DOCUMENTS, args.warmup, args.repeat, args.debounce))
    print(f"didChange -> publishDiagnostics, {args.repeat} changes after {args.warmup} "
          f"warm-up, debounce {args.debounce} ms (milliseconds)")
    print(f"{'document':<18}{'words':>6}  {'check_text':>17}  {'server':>17}  "
          f"{'overhead':>8}")
    print(f"{'':<24}  {'median':>8} {'worst':>8}  {'median':>8} {'worst':>8}  "
          f"{'median':>8}")
    for path in DOCUMENTS:
        local, server = results[path]
        overhead = statistics.median(server) - statistics.median(local) - args.debounce / 1000
        print(f"{path.name:<18}{words_in(path):>6}  {ms(statistics.median(local))} "
              f"{ms(max(local))}  {ms(statistics.median(server))} {ms(max(server))}  "
              f"{ms(overhead)}")
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    print(f"load average: {load[0]:.2f} (other work on the machine skews every figure)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
