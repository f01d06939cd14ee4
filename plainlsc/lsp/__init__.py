"""``plainlsc lsp``: plainlsc as a language server, so editors show findings as you type.

Modules: :mod:`~plainlsc.lsp.server` (state and wiring), :mod:`~plainlsc.lsp.features` (the
protocol messages), :mod:`~plainlsc.lsp.checking` (one document through the pipeline),
:mod:`~plainlsc.lsp.worker` (the check thread and debounce), :mod:`~plainlsc.lsp.positions`
(UTF-16 positions), :mod:`~plainlsc.lsp.diagnostics`, :mod:`~plainlsc.lsp.actions`,
:mod:`~plainlsc.lsp.disable`, :mod:`~plainlsc.lsp.wordlist`, :mod:`~plainlsc.lsp.hover`,
:mod:`~plainlsc.lsp.status` and :mod:`~plainlsc.lsp.settings`.

pygls is imported only here, when the server starts, so the rest of plainlsc stays light.
"""

from __future__ import annotations


def main() -> None:
    """Start the server on standard input and output."""
    from plainlsc.lsp.server import serve

    serve()
