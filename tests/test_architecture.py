"""The layout is the architecture: data flows one way, and these tests keep it so.

read (readers/) -> segment (text/) -> score (scoring/) -> acronyms (acronym/) -> check
(checks/) -> FileReport (pipeline.py) -> render (output/). Outputs only render; the pipeline is
the one place a FileReport is built from a document; nothing imports back up.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "plainlsc"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _imports(path: Path, top_level_only: bool) -> set[str]:
    """The plainlsc modules ``path`` imports (``from a import b`` counts a.b when it is a
    module). With ``top_level_only``, imports inside functions and TYPE_CHECKING are left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("plainlsc"))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("plainlsc"):
            base = node.module or ""
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in MODULES)
    return {m for m in found if m in MODULES}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt):], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_cycle_at_module_level() -> None:
    graph = {name: _imports(path, top_level_only=True) - {name}
             for name, path in MODULES.items()}
    assert _cycle(graph) is None


def test_pipeline_and_parallel_do_not_import_each_other() -> None:
    assert not any(m.startswith("plainlsc.pipeline") for m in
                   _imports(MODULES["plainlsc.parallel"], top_level_only=False))
    assert _imports(MODULES["plainlsc.parallel"], top_level_only=False) == set()


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n.startswith("plainlsc.output")))
def test_outputs_never_read_or_segment(name: str) -> None:
    used = _imports(MODULES[name], top_level_only=False)
    assert not {m for m in used if m.startswith(("plainlsc.readers", "plainlsc.text.segment",
                                                  "plainlsc.pipeline"))}


def test_one_function_builds_a_report_from_a_document() -> None:
    """Only the pipeline constructs FileReport objects (outside tests)."""
    builders = sorted(name for name, path in MODULES.items()
                      if "FileReport(" in path.read_text(encoding="utf-8")
                      and name != "plainlsc.findings")
    assert builders == ["plainlsc.pipeline"]
