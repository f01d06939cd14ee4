"""The README's promises run: its Python section executes, and its rule-kind reference is
the one the code prints (``plainlsc kinds``)."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def _section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(title)
    return text[start:text.index("\n### ", start + 1)]


def test_every_line_of_the_python_section_runs() -> None:
    [code] = re.findall(r"```python\n(.*?)```", _section("### Python"), re.S)
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)
    report = namespace["report"]
    assert {f.rule for f in report.findings} >= {"repeated-word", "plain-words"}  # type: ignore[attr-defined]


def test_rule_kind_reference_is_drawn_from_the_code() -> None:
    from plainlsc.output.kinds_doc import kinds_markdown

    text = README.read_text(encoding="utf-8")
    shown = text[text.index("<!-- kinds:start -->\n") + len("<!-- kinds:start -->\n"):
                 text.index("<!-- kinds:end -->")]
    assert shown == kinds_markdown(), ("README's rule-kind reference is out of date: run "
                                       "python -m plainlsc.output.kinds_doc --update-readme")
