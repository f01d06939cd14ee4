"""The shape every rule shares, the registry of rule kinds, and the context a check runs in.

A rule is data (a YAML mapping: ``id``, ``kind``, ``message``, ``level``, ``description``,
``link`` or ``source``, plus its kind's own keys) and a kind is a small class that knows how to
find one sort of problem. Adding a rule to a rule file never needs code; adding a kind does,
and it registers itself with :func:`kind`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar

from plainlsc.errors import ConfigError
from plainlsc.findings import LEVELS, Finding, Fix
from plainlsc.model import Block, BlockKind, Document

if TYPE_CHECKING:
    from plainlsc.checks.wordlists import WordList
    from plainlsc.config import Config

COMMON_KEYS = frozenset(
    {"id", "kind", "message", "level", "description", "link", "source", "scope", "why",
     "example", "better", "examples", "profiles", "enabled"}
)
SCOPES = {"prose", "all", *(k.value for k in BlockKind)}


@dataclass(slots=True)
class RuleSpec:
    """A rule as written in a rule file, checked for the keys every rule must have."""

    id: str
    kind: str
    message: str
    level: str
    description: str
    link: str
    scope: frozenset[str]
    options: dict[str, Any]
    file: str
    line: int
    why: str = ""
    example: str = ""
    better: str = ""
    examples: dict[str, list[str]] = field(default_factory=dict)
    enabled: bool = True

    def error(self, message: str) -> ConfigError:
        """A configuration error pointing at this rule in its file."""
        return ConfigError(self.file, self.line, f"rule {self.id!r}: {message}")

    def applies_to(self, block: Block) -> bool:
        """Whether the rule's scope covers this block."""
        if "all" in self.scope:
            return True
        if "prose" in self.scope and block.is_prose:
            return True
        return block.kind.value in self.scope


class _Fields(dict[str, Any]):
    """Message fields; an unknown ``{name}`` stays visible instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def format_message(template: str, fields: dict[str, Any]) -> str:
    """Fill a rule's message template with ``{match}``, ``{suggestion}``, ``{count}``...

    A template a team got wrong ("{0}", "{count:x}" on text) is shown as written, not raised.
    """
    try:
        return template.format_map(_Fields(fields))
    except (ValueError, IndexError, KeyError, AttributeError, TypeError):
        return template


#: One object per distinct match, message and suggestion list: a long document repeats the same
#: few hundred findings thousands of times, and a million findings would otherwise hold a
#: million copies of each message.
_SHARED: dict[Any, Any] = {}


def _shared(value: Any) -> Any:
    if len(_SHARED) > 100_000:
        _SHARED.clear()
    return _SHARED.setdefault(value, value)


@dataclass(slots=True)
class RunContext:
    """What a check needs while it runs over one document, and where its findings go."""

    doc: Document
    settings: dict[str, Any]
    accepted: frozenset[str] = frozenset()
    findings: list[Finding] = field(default_factory=list)
    #: Scores and counts computed once per document, shared by document-level kinds.
    cache: dict[Any, Any] = field(default_factory=dict)

    def emit_source(self, rule: RuleSpec, start: int, end: int, fields: dict[str, Any],
                    suggestions: Iterable[str] = (), level: str | None = None,
                    replacement: str | None = None, safe: bool = True) -> None:
        """Record a finding at a span of the source text (at ``level``, if a kind grades its
        findings, else at the rule's level). ``replacement``, when given, is a fix: the text
        the whole span becomes (``safe=False``: only offered, never applied unasked)."""
        pos = self.doc.position(start, end)
        if self.doc.suppressions and self.doc.suppressions.is_suppressed(rule.id, pos.line):
            return
        match = self.doc.source[start:end]
        if self.accepted and match.lower() in self.accepted:
            return
        message = format_message(rule.message, {"match": match, **fields})
        fix = Fix(start, end, replacement, safe) if replacement is not None else None
        self.findings.append(Finding(
            rule.id, level or rule.level, pos.line, pos.column, pos.end_line, pos.end_column,
            _shared(match), _shared(message), _shared(tuple(suggestions)), start, end, fix,
            KINDS[rule.kind].document_level,
        ))

    def emit(self, rule: RuleSpec, block: Block, start: int, end: int,
             fields: dict[str, Any] | None = None, suggestions: Iterable[str] = (),
             level: str | None = None, replacement: str | None = None,
             safe: bool = True) -> None:
        """Record a finding at a span of a block's text (``replacement``: a fix)."""
        src_start, src_end = block.source_span(start, end)
        self.emit_source(rule, src_start, src_end, fields or {}, suggestions, level, replacement,
                         safe)


@dataclass(frozen=True, slots=True)
class Key:
    """One key a rule kind reads from a rule file: its type, whether a rule must give it, the
    value it takes otherwise, and one line for the reader.

    Declared once, on the kind: the loader validates rule files against it, and ``plainlsc
    explain`` and ``plainlsc kinds`` print it, so an option is documented where it is defined.
    """

    type: type | tuple[type, ...]
    doc: str
    required: bool = False
    default: Any = None

    @property
    def type_name(self) -> str:
        """"int", "int or float", "list"... as the documentation and errors say it."""
        types = self.type if isinstance(self.type, tuple) else (self.type,)
        return " or ".join(t.__name__ for t in types)


#: Values of a rule's ``fix`` key.
FIX_MODES = ("none", "suggest", "safe")
#: The ``fix`` key, declared by every kind that can offer a rewrite.
FIX_KEY = Key(str, "safe: 'plainlsc fix' may rewrite the finding (word lists mark which "
              "entries, fix=safe); suggest: the rewrite is only offered, as an editor's quick "
              "fix; none: no rewrite", default="none")


def fix_mode(spec: RuleSpec) -> str:
    """A rule's ``fix`` value, checked: ``none``, ``suggest`` or ``safe``."""
    mode = spec.options.get("fix") or "none"
    if mode not in FIX_MODES:
        raise spec.error(f"fix must be one of {', '.join(FIX_MODES)}, not {mode!r}")
    return str(mode)


class Resources(Protocol):
    """What a rule kind may ask of the rule set while it sets up: the run's configuration and
    the word lists its rule names (the shipped ones, plus the team's for this rule)."""

    config: Config

    def wordlists(self, names: list[str] | str, team: bool = True) -> list[WordList]:
        """The word lists ``names`` names, loaded once per run."""
        ...


class RuleKind:
    """One kind of check. Subclasses declare their own keys and implement :meth:`check`."""

    name: ClassVar[str] = ""
    #: The kind's own keys, each with its type, default and documentation.
    keys: ClassVar[dict[str, Key]] = {}
    #: The fields its findings fill in, besides ``{match}``: a message may use only these.
    fields: ClassVar[frozenset[str]] = frozenset()
    #: The default scope when a rule does not give one.
    default_scope: ClassVar[frozenset[str]] = frozenset({"prose"})
    #: True for a kind that judges the whole document (reading age, average sentence length):
    #: its finding is only placed at the sentence that shows the fault best, so a review shows
    #: it with the scores and a Word file sums these up in one comment.
    document_level: ClassVar[bool] = False

    def __init__(self, spec: RuleSpec, resources: Resources) -> None:
        self.spec = spec
        self.setup(spec.options, resources)

    def setup(self, options: dict[str, Any], resources: Resources) -> None:
        """Compile patterns and load word lists, once, when the rule set is built."""

    def option(self, options: dict[str, Any], name: str) -> Any:
        """The rule's value for key ``name``, or the kind's declared default."""
        value = options.get(name)
        return self.keys[name].default if value is None else value

    def check(self, ctx: RunContext) -> None:
        """Find problems in ``ctx.doc`` and record them with ``ctx.emit``."""
        raise NotImplementedError

    def blocks(self, ctx: RunContext) -> list[Block]:
        """The document's blocks this rule's scope covers (worked out once per scope)."""
        key = ("scope", self.spec.scope)
        found: list[Block] | None = ctx.cache.get(key)
        if found is None:
            found = ctx.cache[key] = [b for b in ctx.doc.blocks if self.spec.applies_to(b)]
        return found


KINDS: dict[str, type[RuleKind]] = {}
K = TypeVar("K", bound=type[RuleKind])


def kind(name: str) -> Callable[[K], K]:
    """Register a rule kind under the name rule files use in ``kind:``."""

    def register(cls: K) -> K:
        cls.name = name
        KINDS[name] = cls
        return cls

    return register


def check_level(level: Any, spec_file: str, line: int) -> str:
    """Validate a level name."""
    if level not in LEVELS:
        raise ConfigError(spec_file, line, f"level must be one of {', '.join(LEVELS)}, "
                                           f"not {level!r}")
    return str(level)
