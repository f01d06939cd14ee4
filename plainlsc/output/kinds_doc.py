"""``plainlsc kinds``: every rule kind and its keys, as Markdown, drawn from the kinds' own
declarations, so the README's rule-file reference can never drift from the code."""

from __future__ import annotations

import inspect

from plainlsc.checks.base import COMMON_KEYS, KINDS, Key


def _summary(cls: type) -> str:
    """The first paragraph of the kind's docstring, on one line."""
    doc = inspect.getdoc(cls) or ""
    return " ".join(doc.split("\n\n")[0].split())


def _key_line(name: str, key: Key) -> str:
    need = "required" if key.required else \
        "optional" if key.default is None else f"default `{key.default!r}`"
    return f"  - `{name}` ({key.type_name}, {need}): {key.doc}"


def kinds_markdown() -> str:
    """One bullet per kind, with its keys; common keys first."""
    from plainlsc.checks import kinds as _kinds  # noqa: F401  (registers the kinds)

    lines = ["Every rule has the common keys " + ", ".join(f"`{k}`" for k in sorted(COMMON_KEYS))
             + ". Each kind adds its own:", ""]
    for name in sorted(KINDS):
        cls = KINDS[name]
        lines.append(f"- **`{name}`**: {_summary(cls)}")
        lines.extend(_key_line(k, key) for k, key in cls.keys.items())
    return "\n".join(lines) + "\n"


def update_readme(path: str = "README.md") -> None:
    """Rewrite the README's rule-kind reference between its two marker comments."""
    from pathlib import Path

    from plainlsc.atomic import write_atomic

    readme = Path(path)
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- kinds:start -->\n", "<!-- kinds:end -->"
    head, rest = text.split(start, 1)
    tail = rest[rest.index(end):]
    write_atomic(readme, head + start + kinds_markdown() + tail)


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["--update-readme"]:
        update_readme()
    else:
        sys.stdout.write(kinds_markdown())
