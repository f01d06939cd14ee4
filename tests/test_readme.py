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


def test_pre_commit_rev_is_a_commit_with_the_hook_defaults() -> None:
    """The README's ``rev:`` must work today: a commit of this repository (there are no tags)
    whose hook blocks on errors only, as the README says. After a rebase or squash merge the
    commit is gone: point ``rev:`` at a commit of the new history."""
    import shutil
    import subprocess

    import pytest

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = README.parent
    if subprocess.run(["git", "rev-parse", "--git-dir"], cwd=root,
                      capture_output=True).returncode != 0:
        pytest.skip("not a git checkout")
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Pre-commit"):]
    section = section[:section.index("\n## ")]
    [rev] = re.findall(r"^\s*rev:\s*(\S+)", section, re.M)
    assert re.fullmatch(r"[0-9a-f]{40}", rev), f"rev {rev!r} is neither a tag nor a full commit id"
    shown = subprocess.run(["git", "show", f"{rev}:.pre-commit-hooks.yaml"], cwd=root,
                           capture_output=True, text=True)
    assert shown.returncode == 0, f"README's rev {rev} is not a commit of this repository"
    assert "args: [--fail-on, error]" in shown.stdout
