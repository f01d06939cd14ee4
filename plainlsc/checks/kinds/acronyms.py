"""``acronym``: acronyms the reader cannot decode. One finding per acronym, at its first use.

The document-wide analysis (in :mod:`plainlsc.acronym.document`) runs once per document and is
shared by the three acronym rules and the JSON ``acronyms`` list.
"""

from __future__ import annotations

from typing import Any

from plainlsc.checks.audience import is_clinical
from plainlsc.checks.base import Key, Resources, RuleKind, RunContext, kind

REPORTS = ("undefined", "defined-late", "redefined")


@kind("acronym")
class AcronymRule(RuleKind):
    """``report: undefined`` (never defined), ``defined-late`` (used before its definition)
    or ``redefined`` (defined twice, differently). Known acronyms (NHS, GP) need no definition.
    With ``public_only``, a document for clinicians is not asked to spell out the health
    service's acronyms from the glossary (INR, DOAC, NICE): its readers use them every day.
    Acronyms the glossary does not know are still reported there.
    """

    fields = frozenset({"short", "expansion", "count", "long", "line", "other"})

    keys = {"report": Key(str, "what to report: " + ", ".join(REPORTS), required=True),
            "public_only": Key(bool, "undefined: in a document for clinicians, leave out "
                               "acronyms the glossaries know", default=False)}
    default_scope = frozenset({"all"})

    def setup(self, options: dict[str, Any], resources: Resources) -> None:
        self.report = str(options["report"])
        if self.report not in REPORTS:
            raise self.spec.error(f"report must be one of {', '.join(REPORTS)}")
        self.config = resources.config
        self.public_only = bool(self.option(options, "public_only"))

    def check(self, ctx: RunContext) -> None:
        from plainlsc.acronym import analyse_acronyms, load_lists

        entries = ctx.cache.get("acronyms")
        if entries is None:
            lists = load_lists(tuple(self.config.known_acronyms), tuple(self.config.glossaries))
            entries = ctx.cache["acronyms"] = analyse_acronyms(ctx.doc, lists, ctx.cache)
        for entry in entries:
            getattr(self, "_" + self.report.replace("-", "_"))(ctx, entry)

    def _suggest(self, entry: Any) -> tuple[dict[str, Any], list[str]]:
        if entry.suggestion:
            text = f"{entry.suggestion} ({entry.short})"
            return {"short": entry.short, "expansion": f', for example "{text}"'}, [text]
        return {"short": entry.short, "expansion": ""}, []

    def _undefined(self, ctx: RunContext, entry: Any) -> None:
        if entry.known or entry.defined_at is not None or entry.first_used is None:
            return
        if self.public_only and entry.suggestion and is_clinical(ctx, self.config.audience):
            return
        fields, suggestions = self._suggest(entry)
        ctx.emit_source(self.spec, entry.first_used.start, entry.first_used.end,
                        {**fields, "count": entry.count}, suggestions)

    def _defined_late(self, ctx: RunContext, entry: Any) -> None:
        if entry.known or not entry.defined_late:
            return
        ctx.emit_source(self.spec, entry.first_used.start, entry.first_used.end, {
            "short": entry.short, "long": entry.long,
            "line": entry.defined_at.position.line}, [f"{entry.long} ({entry.short})"])

    def _redefined(self, ctx: RunContext, entry: Any) -> None:
        second = entry.redefined
        if second is None:
            return
        long, place = second
        ctx.emit_source(self.spec, place.start, place.end, {
            "short": entry.short, "long": entry.long, "other": long,
            "line": entry.defined_at.position.line})
