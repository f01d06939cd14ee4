"""``plainlsc rules`` and ``plainlsc explain RULE``: the rules as a user can read them."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from plainlsc.config import Config
from plainlsc.errors import closest


def _specs(config: Config) -> list:  # type: ignore[type-arg]
    from plainlsc.checks.engine import all_specs

    return all_specs(config)


def render_rules(config: Config, console: Console) -> None:
    """Every rule: id, kind, level, whether it is on, and where its guidance comes from."""
    from plainlsc.checks.engine import ruleset_for

    active = {r.spec.id: r.spec.level for r in ruleset_for(config).rules}
    table = Table(show_header=True)
    for name in ("Rule", "Kind", "Level", "On", "Source"):
        table.add_column(name)
    for spec in sorted(_specs(config), key=lambda s: s.id):
        table.add_row(spec.id, spec.kind, active.get(spec.id, spec.level),
                      "yes" if spec.id in active else "no", spec.link)
    console.print(table)
    console.print("Run `plainlsc explain RULE` for what a rule finds and why it matters.")


def render_explain(rule_id: str, config: Config, console: Console) -> bool:
    """Explain one rule; False (after saying why) when there is no such rule."""
    specs = {s.id: s for s in _specs(config)}
    spec = specs.get(rule_id)
    if spec is None:
        import sys

        sys.stderr.write(f"plainlsc: no rule {rule_id!r}{closest(rule_id, set(specs))}; "
                         "`plainlsc rules` lists them\n")
        return False
    console.print(f"[bold]{escape(spec.id)}[/bold]  ({escape(spec.kind)}, {spec.level})")
    console.print()
    console.print(f"[bold]What it finds[/bold]\n  {escape(spec.description)}")
    if spec.why:
        console.print(f"\n[bold]Why it matters[/bold]\n  {escape(spec.why)}")
    if spec.example:
        console.print(f"\n[bold]Example[/bold]\n  {escape(spec.example)}")
    if spec.better:
        console.print(f"\n[bold]Better[/bold]\n  {escape(spec.better)}")
    if spec.options:
        opts = ", ".join(f"{k}={v}" for k, v in spec.options.items()
                         if not isinstance(v, (list, dict)))
        if opts:
            console.print(f"\n[bold]Options[/bold]\n  {escape(opts)}")
    if spec.link:
        console.print(f"\n[bold]Source[/bold]\n  {escape(spec.link)}")
    console.print(escape(f"\nSwitch it off: ignore = [\"{spec.id}\"] in [tool.plainlsc], or "
                         f"<!-- plainlsc-disable {spec.id} --> in a document."))
    return True
