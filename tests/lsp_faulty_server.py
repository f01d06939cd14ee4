"""``plainlsc lsp`` with a bug planted in the pipeline, for the robustness tests.

A document that contains ``CRASH-THIS-CHECK`` makes ``check_text`` raise, as a broken rule
would; every other document is checked as usual. Tests start this file as the server.
"""

from __future__ import annotations

from typing import Any

import plainlsc.pipeline as pipeline

_real = pipeline.check_text


def _check_text(text: str, *args: Any, **kwargs: Any) -> Any:
    if "CRASH-THIS-CHECK" in text:
        raise RuntimeError("a rule broke on purpose")
    return _real(text, *args, **kwargs)


pipeline.check_text = _check_text  # type: ignore[assignment]

if __name__ == "__main__":
    from plainlsc.lsp import main

    main()
