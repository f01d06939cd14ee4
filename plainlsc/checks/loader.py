"""Load rule files (YAML, safe-loaded) into validated rule specs, and profiles into settings.

A rule file holds one rule (a mapping with ``id``) or several (a mapping with ``rules:``).
Rule options may name a profile setting as ``$name`` (``max: $sentence_max_words``), so one
profile changes every threshold that depends on it. Errors name the file and line.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from plainlsc.bounded import MAX_RULE_FILE_BYTES, read_bounded
from plainlsc.checks.base import COMMON_KEYS, KINDS, SCOPES, RuleKind, RuleSpec, check_level
from plainlsc.errors import ConfigError, closest

PROFILES_FILE = "profiles.yaml"


class _LineDict(dict[str, Any]):
    """A mapping that remembers the line it started on, and the line of each key."""

    line = 0
    key_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        """The line where ``key`` is written, else where the mapping starts."""
        return self.key_lines.get(key, self.line)


_SAFE_BASE: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SAFE_BASE):  # type: ignore[misc,valid-type]
    """Safe loading (no Python object tags) that records line numbers of mappings.

    Built on libyaml's C parser when PyYAML has it: rule files are read at every start-up.
    """


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> _LineDict:
    mapping = _LineDict({str(k): v for k, v in loader.construct_mapping(node, deep=True).items()})
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value
                         if isinstance(k, yaml.ScalarNode)}
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path) -> Any:
    """Parse a YAML file safely; any problem becomes ``file:line: message``.

    Read through :func:`~plainlsc.bounded.read_bounded` (a regular file, at most
    :data:`~plainlsc.bounded.MAX_RULE_FILE_BYTES`), and checked for depth and alias expansion
    before anything is built from it.
    """
    data = read_bounded(path, "rule file", MAX_RULE_FILE_BYTES)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(str(path), data.count(b"\n", 0, exc.start) + 1,
                          "cannot read rule file: not UTF-8 text (save the file as UTF-8)") \
            from None
    try:
        _check_structure(text, str(path))
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise ConfigError(str(path), line, f"invalid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(str(path), None, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise ConfigError(str(path), None, "invalid YAML: nested too deeply") from None


#: Deeper nesting than any rule file needs; libyaml's composer recurses in C, and a hostile
#: file of 100,000 "[" would overflow the stack and kill the process (not an exception).
MAX_DEPTH = 100

#: What aliases (``*name``) may add to a file, counting one per value plus one per character
#: of text: as much again as the largest rule file holds. Rule files need no aliases (the
#: shipped ones have none) but a team may share a list between rules with an anchor; a
#: "billion laughs" file of a few lines, whose aliases nest a value 10^9 times, is refused.
MAX_ALIAS_EXPANSION = 1_000_000


def _check_structure(text: str, path: str) -> None:
    """Refuse YAML nested more than :data:`MAX_DEPTH` deep, or whose aliases expand to more
    than :data:`MAX_ALIAS_EXPANSION`, before building anything.

    First a scan of the text itself, so that plainlsc's own message speaks before any YAML
    library's limit does (libyaml's differs between releases); then a walk over the parser's
    events (the parser keeps its own stack, it does not recurse, and an alias is one event
    however much it stands for), which measures what each anchor stands for as it goes.
    """
    _check_flow_depth(text, path)
    walk = _EventWalk(path)
    for event in yaml.parse(text, Loader=_SAFE_BASE):
        walk.see(event)


class _EventWalk:
    """Depth and alias expansion, measured over a stream of YAML parser events.

    Each open collection keeps a running size; an anchored value records its size when it
    ends, and an alias adds that recorded size to its parent (and to the total expansion).
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.open: list[list[Any]] = []  # [anchor, size] of each collection still open
        self.sizes: dict[str, int] = {}
        self.expanded = 0

    def see(self, event: Any) -> None:
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            self.open.append([event.anchor, 1])
            if len(self.open) > MAX_DEPTH:
                self.fail(event, f"invalid YAML: nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            anchor, size = self.open.pop()
            self.add(anchor, size)
        elif isinstance(event, yaml.ScalarEvent):
            self.add(event.anchor, 1 + len(event.value))
        elif isinstance(event, yaml.AliasEvent):
            size = self.sizes.get(event.anchor or "", 1)
            self.expanded += size
            if self.expanded > MAX_ALIAS_EXPANSION:
                self.fail(event, f"invalid YAML: aliases (*{event.anchor}) expand to more "
                                 f"than {MAX_ALIAS_EXPANSION:,} values and characters")
            self.add(None, size)

    def add(self, anchor: str | None, size: int) -> None:
        if anchor:
            self.sizes[anchor] = size
        if self.open:
            self.open[-1][1] += size

    def fail(self, event: Any, message: str) -> None:
        mark = event.start_mark
        raise ConfigError(self.path, mark.line + 1 if mark else None, message)


def _check_flow_depth(text: str, path: str) -> None:
    """Refuse flow collections (``[`` and ``{``) nested deeper than :data:`MAX_DEPTH`.

    A conservative scan: brackets inside quotes and comments are skipped; a bracket in a
    plain scalar counts too, which can only make the guard speak earlier, never later.
    """
    depth = 0
    quote = ""
    line = 1
    previous = "\n"
    for char in text:
        if char == "\n":
            line += 1
            if quote != '"':
                quote = "" if quote == "#" else quote
        elif quote:
            if char == quote and quote in "'\"":
                quote = ""
        elif char in "'\"" and previous in " \t\n[{,:":
            quote = char
        elif char == "#" and previous in " \t\n":
            quote = "#"
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise ConfigError(path, line,
                                  f"invalid YAML: nested more than {MAX_DEPTH} levels deep")
        elif char in "]}":
            depth = max(0, depth - 1)
        previous = char


def _need_str(raw: dict[str, Any], key: str, path: str, line: int, default: str | None) -> str:
    value = raw.get(key, default)
    if value is None:
        raise ConfigError(path, line, f"rule is missing the required key {key!r}")
    if not isinstance(value, str):
        raise ConfigError(path, line, f"{key!r} must be text, not {type(value).__name__}")
    return value


def _scope(raw: Any, default: frozenset[str], path: str, line: int) -> frozenset[str]:
    if raw is None:
        return default
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list) or not all(isinstance(s, str) for s in items):
        raise ConfigError(path, line, "scope must be a name or a list of names")
    for item in items:
        if item not in SCOPES:
            raise ConfigError(path, line, f"unknown scope {item!r}{closest(item, SCOPES)}")
    return frozenset(items)


_PROBES: tuple[Any, ...] = ("text", 1, 1.5)
#: The widest a field may be padded, and the most digits it may show: a message is one line.
MAX_FIELD_WIDTH = 200
#: A standard format spec: ``[[fill]align][sign][z][#][0][width][grouping][.precision][type]``.
_SPEC = re.compile(r"(?s)(?:.?[<>=^])?[-+ ]?z?#?0?(?P<width>\d*)[,_]?(?:\.(?P<precision>\d+))?"
                   r"[bcdeEfFgGnosxX%]?")


def check_template(template: str, key: str, rule_id: str, path: str, line: int,
                   fields: frozenset[str] | None = None) -> None:
    """A message template may only fill in the fields its kind gives (``{match}``,
    ``{suggestion}``...), each at most :data:`MAX_FIELD_WIDTH` wide.

    Positional fields, attribute or index look-ups (``{match.__class__}``), unknown names,
    broken braces and formats such as ``{count:>2000000000}`` (a 2 GB message) are refused
    when the rule is loaded, rather than failing, or filling memory, on every document later.
    """
    where = f"rule {rule_id!r}: {key}"
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise ConfigError(path, line, f"{where} is not a valid template ({exc}; write a "
                                      "literal brace as {{ or }})") from None
    for _text, name, spec, conversion in parts:
        if name is None:
            continue
        if not name.isidentifier():
            raise ConfigError(path, line, f"{where}: {{{name}}} is not a field name (use "
                                          "names such as {match} or {suggestion})")
        if fields is not None and name not in fields:
            raise ConfigError(path, line, f"{where}: this kind of rule has no field "
                                          f"{{{name}}}{closest(name, fields)} (it fills in "
                                          f"{', '.join('{' + f + '}' for f in sorted(fields))})")
        if conversion not in (None, "r", "s", "a"):
            raise ConfigError(path, line, f"{where}: unknown conversion !{conversion} in "
                                          f"{{{name}}}")
        if spec:
            _check_spec(spec, f"{where}: {{{name}:{spec}}}", path, line)


def _check_spec(spec: str, where: str, path: str, line: int) -> None:
    """A format spec must be one Python knows, and no wider than :data:`MAX_FIELD_WIDTH`."""
    if "{" in spec:
        raise ConfigError(path, line, f"{where} has a field inside its format")
    shape = _SPEC.fullmatch(spec)
    if shape is None:
        raise ConfigError(path, line, f"{where} is not a valid format")
    for number in (shape.group("width"), shape.group("precision")):
        if number and (len(number) > 4 or int(number) > MAX_FIELD_WIDTH):
            raise ConfigError(path, line, f"{where} is too wide (at most {MAX_FIELD_WIDTH} "
                                          "characters)")
    # Safe to try now: the spec is short and its width small.
    if not any(_formats(probe, spec) for probe in _PROBES):
        raise ConfigError(path, line, f"{where} is not a valid format")


def _formats(value: Any, spec: str) -> bool:
    try:
        format(value, spec)
    except (ValueError, TypeError):
        return False
    return True


def parse_rule(raw: Any, path: str, default_line: int = 0) -> RuleSpec:
    """Check one rule mapping's common keys and split off its kind's own options."""
    line = getattr(raw, "line", default_line)
    if not isinstance(raw, dict):
        raise ConfigError(path, line, "a rule must be a mapping of keys to values")
    rule_id = _need_str(raw, "id", path, line, None)
    kind_name = _need_str(raw, "kind", path, line, None)
    kind_cls = KINDS.get(kind_name)
    if kind_cls is None:
        raise ConfigError(path, line, f"rule {rule_id!r}: unknown kind {kind_name!r}"
                                      f"{closest(kind_name, set(KINDS))}")
    options = {k: v for k, v in raw.items() if k not in COMMON_KEYS}
    check_options(kind_cls, options, rule_id, path,
                  raw.line_of if isinstance(raw, _LineDict) else line)
    link = raw.get("link") or raw.get("source") or ""
    examples = raw.get("examples") or {}
    if not isinstance(examples, dict):
        raise ConfigError(path, line, f"rule {rule_id!r}: examples must be a mapping")
    for name, items in examples.items():
        listed = [items] if isinstance(items, str) else items or []
        if not isinstance(listed, list) or not all(isinstance(x, (str, int, float))
                                                   for x in listed):
            raise ConfigError(path, line, f"rule {rule_id!r}: examples.{name} must be a list "
                                          "of texts")
    enabled = raw.get("enabled", True)
    if not isinstance(enabled, bool):
        raise ConfigError(path, line, f"rule {rule_id!r}: enabled must be true or false, not "
                                      f"{enabled!r}")
    message = _need_str(raw, "message", path, line, None)
    at = raw.line_of("message") if isinstance(raw, _LineDict) else line
    check_template(message, "message", rule_id, path, at, kind_cls.fields | {"match"})
    return RuleSpec(
        id=rule_id, kind=kind_name,
        message=message,
        level=check_level(raw.get("level", "warning"), path, line),
        description=_need_str(raw, "description", path, line, None),
        link=str(link), scope=_scope(raw.get("scope"), kind_cls.default_scope, path, line),
        options=options, file=path, line=line,
        why=str(raw.get("why", "")), example=str(raw.get("example", "")),
        better=str(raw.get("better", "")),
        examples={str(k): [str(x) for x in ([v] if isinstance(v, str) else v or [])]
                  for k, v in examples.items()},
        enabled=enabled,
    )


def check_options(kind_cls: type[RuleKind], options: dict[str, Any], rule_id: str,
                  path: str, line: int | Callable[[str], int | None],
                  partial: bool = False) -> None:
    """Check a rule's own keys against those its kind declares.

    ``line`` is a line number, or a function giving the line where a key is written.
    ``partial`` options change a rule that has the rest (a configuration's ``[rules.X]``
    table): a key the kind requires need not be among them.
    """
    allowed = kind_cls.keys

    def at(key: str) -> int | None:  # only worked out for an error: it may read a file
        return line(key) if callable(line) else line

    for key, value in options.items():
        if key not in allowed:
            hint = closest(key, set(allowed) | COMMON_KEYS)
            raise ConfigError(path, at(key), f"rule {rule_id!r}: unknown key {key!r} for kind "
                                             f"{kind_cls.name!r}{hint}")
        expected = allowed[key].type
        wanted = expected if isinstance(expected, tuple) else (expected,)
        if isinstance(value, bool) and bool not in wanted:
            ok = False  # YAML's true is an int to Python, but "max: true" is a mistake
        else:
            ok = (isinstance(value, str) and value.startswith("$")) or isinstance(value,
                                                                                  expected)
        if not ok:
            raise ConfigError(path, at(key), f"rule {rule_id!r}: {key!r} must be "
                                             f"{allowed[key].type_name}")
        problem = _item_problem(value)
        if problem:
            raise ConfigError(path, at(key), f"rule {rule_id!r}: {key!r} {problem}")
    for key, spec in allowed.items():
        if spec.required and key not in options and not partial:
            raise ConfigError(path, at(key), f"rule {rule_id!r}: kind {kind_cls.name!r} needs "
                                             f"the key {key!r}")


def _item_problem(value: Any) -> str | None:
    """What is wrong with the items of a list or table option, or None.

    Every list a kind reads holds terms, patterns or file names, and every table maps a term
    to its alternatives: text, none of it empty. A number or an empty term would otherwise
    fail deep inside a kind ("internal error") or match everywhere.
    """
    if isinstance(value, list):
        for item in value:
            if isinstance(item, bool):  # YAML 1.1 reads a bare no, yes, on, off as true/false
                return (f"must be a list of texts, not {item!r} (put quotes around words such "
                        "as 'no', 'yes', 'on' and 'off')")
            if not isinstance(item, str):
                return f"must be a list of texts, not {item!r}"
            if not item.strip():
                return "has an empty text in its list"
    elif isinstance(value, dict):
        for term, alternatives in value.items():
            listed = alternatives if isinstance(alternatives, list) else [alternatives]
            if not str(term).strip():
                return "has an empty term"
            if not all(isinstance(a, str) and a.strip() for a in listed):
                return f"maps {str(term)!r} to {alternatives!r}: give a text or a list of texts"
    elif isinstance(value, str) and not value.strip():
        return "is empty"
    return None


def rules_in_file(path: Path) -> list[RuleSpec]:
    """Every rule in one rule file."""
    data = load_yaml(path)
    if data is None:
        return []
    if isinstance(data, dict) and "rules" in data and "id" not in data:
        items = data["rules"]
        if not isinstance(items, list):
            raise ConfigError(str(path), getattr(data, "line", None), "'rules' must be a list")
    else:
        items = [data]
    return [parse_rule(item, str(path), 1 if item is data else 0) for item in items]


def rule_files(folder: Path) -> list[Path]:
    """The rule files in a folder, sorted so the order of findings is stable."""
    return sorted(p for p in folder.iterdir() if p.suffix in (".yml", ".yaml")
                  and p.name != PROFILES_FILE)


def load_profiles(path: Path) -> dict[str, dict[str, Any]]:
    """Named profiles, each a mapping of setting names to values."""
    data = load_yaml(path)
    profiles = data.get("profiles") if isinstance(data, dict) else None
    if not isinstance(profiles, dict):
        raise ConfigError(str(path), None, "expected a 'profiles:' mapping")
    return {str(name): dict(body or {}) for name, body in profiles.items()}


def resolve(value: Any, settings: dict[str, Any], spec: RuleSpec) -> Any:
    """Replace a ``$setting`` reference with the profile's value."""
    if isinstance(value, str) and value.startswith("$"):
        name = value[1:]
        if name not in settings:
            raise spec.error(f"unknown setting {value!r}{closest(name, set(settings))}")
        return settings[name]
    return value
