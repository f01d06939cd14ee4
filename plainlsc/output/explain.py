"""``plainlsc rules`` and ``plainlsc explain RULE``: the rules as a user can read them.

Both show each rule as the current configuration sets it: its level, whether it is on, and
its options with the profile's values filled in, documented from the kind's declared keys.
"""

from __future__ import annotations

import sys
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from plainlsc.config import Config
from plainlsc.errors import closest


def _effective(config: Config) -> list[tuple[Any, bool]]:
    from plainlsc.checks.engine import effective_specs

    return effective_specs(config)


def render_rules(config: Config, console: Console) -> None:
    """Every rule: id, kind, level, whether it is on, and where its guidance comes from."""
    table = Table(show_header=True)
    for name in ("Rule", "Kind", "Level", "On", "Source"):
        table.add_column(name)
    for spec, on in sorted(_effective(config), key=lambda s: s[0].id):
        table.add_row(spec.id, spec.kind, spec.level, "yes" if on else "no", spec.link)
    console.print(table)
    console.print("Run `plainlsc explain RULE` for what a rule finds and why it matters.")


def option_lines(spec: Any) -> list[str]:
    """One line per key of the rule's kind: name, value for this rule, and what it does."""
    from plainlsc.checks.base import KINDS

    lines = []
    for name, key in KINDS[spec.kind].keys.items():
        value = spec.options.get(name, key.default)
        shown = _short_value(value)
        lines.append(f"{name} = {shown}  ({key.type_name}) {key.doc}")
    return lines


def _short_value(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        items = ", ".join(map(str, value[:4]))
        return f"[{items}{', ...' if len(value) > 4 else ''}]"
    if isinstance(value, dict):
        return f"{{{len(value)} entries}}"
    return "(not set)" if value is None else str(value)


def switch_off_lines(rule_id: str) -> list[str]:
    """How to switch a rule off, in the configuration and in each document format."""
    return [
        f'in .plainlsc.toml or [tool.plainlsc]: ignore = ["{rule_id}"]',
        f"in Markdown or HTML: <!-- plainlsc-disable {rule_id} --> ... "
        "<!-- plainlsc-enable -->, or <!-- plainlsc-disable-next-line "
        f"{rule_id} -->",
        f"in plain text, on a line of its own: # plainlsc-disable-next-line {rule_id}",
    ]


def explain_sections(spec: Any) -> list[tuple[str, str]]:
    """The parts of a rule's explanation it has, as (title, text): what it finds, why it
    matters, an example and a better version. ``explain`` and the editor's hover show these."""
    parts = (("What it finds", spec.description), ("Why it matters", spec.why),
             ("Example", spec.example), ("Better", spec.better))
    return [(title, body) for title, body in parts if body]


def render_explain(rule_id: str, config: Config, console: Console) -> bool:
    """Explain one rule; False (after saying why) when there is no such rule."""
    specs = {s.id: (s, on) for s, on in _effective(config)}
    if rule_id not in specs:
        sys.stderr.write(f"plainlsc: no rule {rule_id!r}{closest(rule_id, set(specs))}; "
                         "`plainlsc rules` lists them\n")
        return False
    spec, on = specs[rule_id]
    state = "" if on else ", off"
    console.print(f"[bold]{escape(spec.id)}[/bold]  ({escape(spec.kind)}, "
                  f"{spec.level}{state})")
    for title, body in explain_sections(spec):
        console.print(f"\n[bold]{title}[/bold]\n  {escape(body)}")
    options = option_lines(spec)
    if options:
        console.print("\n[bold]Options[/bold]")
        for line in options:
            console.print(f"  {escape(line)}")
    if spec.link:
        console.print(f"\n[bold]Source[/bold]\n  {escape(spec.link)}")
    if not on:
        console.print("\n[bold]Switch it on[/bold]")
        console.print(f"  {escape(switch_on_line(spec.id))}")
    console.print("\n[bold]Switch it off[/bold]")
    for line in switch_off_lines(spec.id):
        console.print(f"  {escape(line)}")
    return True


def switch_on_line(rule_id: str) -> str:
    """How to switch on a rule that is off by default."""
    return (f"in .plainlsc.toml or [tool.plainlsc]: [rules.{rule_id}] enabled = true; "
            f"or plainlsc check --select {rule_id}")
