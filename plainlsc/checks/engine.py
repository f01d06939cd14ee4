"""Build the rule set for a configuration and run it over a document.

Building is the costly part (reading YAML and word lists, compiling patterns), so a rule set is
built once per distinct configuration and reused for every file.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from plainlsc.checks import kinds as _kinds  # noqa: F401  (registers the rule kinds)
from plainlsc.checks.base import KINDS, RuleKind, RuleSpec, RunContext, check_level
from plainlsc.checks.loader import (
    PROFILES_FILE,
    check_options,
    load_profiles,
    resolve,
    rule_files,
    rules_in_file,
)
from plainlsc.checks.wordlists import WordList, load_any
from plainlsc.config import Config, rule_option_line
from plainlsc.errors import ConfigError, closest
from plainlsc.findings import Finding
from plainlsc.model import Document
from plainlsc.paths import rules_dir, wordlists_dir


@dataclass(slots=True)
class RuleSet:
    """The rules in force for one configuration, ready to run."""

    rules: list[RuleKind]
    settings: dict[str, Any]
    profile: str
    accepted: frozenset[str]
    config: Config
    #: Every rule id the configuration knows, switched on or not: what an inline
    #: ``plainlsc-disable`` comment may name.
    known: frozenset[str] = frozenset()

    def run(self, doc: Document, cache: dict[str, Any] | None = None) -> list[Finding]:
        """Every finding in ``doc``, sorted by position."""
        ctx = RunContext(doc, self.settings, self.accepted, cache=cache or {})
        for rule in self.rules:
            rule.check(ctx)
        order = {r.spec.id: i for i, r in enumerate(self.rules)}
        return sorted(ctx.findings, key=lambda f: (f.start, f.end, order.get(f.rule, 0)))

    def unknown_names(self, doc: Document) -> list[str]:
        """A warning for each rule id that an inline comment in ``doc`` names but no rule
        has (a typing slip would otherwise switch nothing off, silently)."""
        out = []
        for name, line in doc.suppressions.named:
            if name not in self.known:
                out.append(f"line {line}: plainlsc-disable comment names unknown rule "
                           f"{name!r}{closest(name, self.known)}")
        return out


class RuleLoader:
    """What a rule kind may ask for while it sets up: word lists, settings, configuration."""

    def __init__(self, spec: RuleSpec, config: Config, settings: dict[str, Any]) -> None:
        self.spec = spec
        self.config = config
        self.settings = settings

    def wordlist_path(self, name: str) -> Path:
        """A word list named in a rule: next to the rule file, else in the shipped folder."""
        local = Path(self.spec.file).parent / name
        if local.is_file():
            return local
        shipped = wordlists_dir() / name
        if shipped.is_file():
            return shipped
        raise self.spec.error(f"word list {name!r} not found next to the rule file or in "
                              f"{wordlists_dir()}")

    def wordlists(self, names: list[str] | str, team: bool = True) -> list[WordList]:
        """The named word lists, plus (if ``team``) those the configuration adds for this rule.

        A rule that reads several lists asks for the team's additions with one of them only,
        so a team list extends the list it is meant for and is not read twice.
        """
        names = [names] if isinstance(names, str) else names
        lists = [load_any(self.wordlist_path(n)) for n in names]
        if team:
            lists += [load_any(p) for rule, p in self.config.wordlists if rule == self.spec.id]
        return lists


def all_specs(config: Config) -> list[RuleSpec]:
    specs: dict[str, RuleSpec] = {}
    for path in rule_files(rules_dir()):
        for spec in rules_in_file(path):
            if spec.id in specs:
                raise spec.error(f"defined twice (also in {specs[spec.id].file})")
            specs[spec.id] = spec
    for extra in config.rule_files:
        paths = rule_files(extra) if extra.is_dir() else [extra]
        for path in paths:
            for spec in rules_in_file(path):
                specs[spec.id] = spec  # a team's rule replaces a shipped one of the same id
    return list(specs.values())


def _check_ids(config: Config, ids: set[str]) -> None:
    where = str(config.path) if config.path else "<config>"
    named = [*config.select, *config.ignore, *(r for r, _ in config.levels),
             *(r for r, _ in config.rule_options), *(r for r, _ in config.wordlists)]
    for rule_id in named:
        if rule_id not in ids:
            raise ConfigError(where, None, f"unknown rule id {rule_id!r}{closest(rule_id, ids)}")


def _settings(config: Config) -> dict[str, Any]:
    profiles = load_profiles(rules_dir() / PROFILES_FILE)
    if config.profile not in profiles:
        where = str(config.path) if config.path else "<config>"
        raise ConfigError(where, None, f"unknown profile {config.profile!r}"
                                       f"{closest(config.profile, set(profiles))} "
                                       f"(profiles: {', '.join(profiles)})")
    settings = dict(profiles[config.profile])
    settings.update(dict(config.settings))
    return settings


def _active(spec: RuleSpec, config: Config) -> bool:
    """Selected, or on (by its rule file or ``[rules.ID] enabled``) and not ignored."""
    if config.select:
        return spec.id in config.select
    enabled = dict(dict(config.rule_options).get(spec.id, ())).get("enabled", spec.enabled)
    if not isinstance(enabled, bool):
        raise ConfigError(_where(config), rule_option_line(config.path, spec.id, "enabled"),
                          f"rules.{spec.id}.enabled must be true or false, not {enabled!r}")
    return enabled and spec.id not in config.ignore


def _configure(spec: RuleSpec, config: Config, settings: dict[str, Any]) -> RuleSpec:
    """``spec`` (copied, not changed) with the configuration's level and options applied and
    ``$settings`` filled in. A configuration's mistake is reported at its own file and line."""
    spec = replace(spec, options=dict(spec.options))
    levels = dict(config.levels)
    if spec.id in levels:
        spec.level = check_level(levels[spec.id], _where(config), 0)
    extra = dict(dict(config.rule_options).get(spec.id, ()))
    extra.pop("enabled", None)  # read by _active
    if "level" in extra:
        spec.level = check_level(extra.pop("level"), _where(config),
                                 rule_option_line(config.path, spec.id, "level") or 0)
    if extra:
        check_options(KINDS[spec.kind], extra, spec.id, _where(config),
                      lambda key: rule_option_line(config.path, spec.id, key), partial=True)
        for key, value in extra.items():
            try:
                extra[key] = resolve(value, settings, spec)
            except ConfigError as exc:
                raise _blame(config, spec.id, exc, key) from None
        spec.options.update(extra)
    spec.options = {k: resolve(v, settings, spec) for k, v in spec.options.items()}
    return spec


def _where(config: Config) -> str:
    return str(config.path) if config.path else "<config>"


def _blame(config: Config, rule_id: str, exc: ConfigError, key: str | None = None) -> ConfigError:
    """``exc``, said of the configuration's ``[rules.X]`` table rather than the rule file."""
    reason = exc.reason if f"rule {rule_id!r}" in exc.reason else \
        f"rule {rule_id!r}: {exc.reason}"
    return ConfigError(_where(config), rule_option_line(config.path, rule_id, key), reason)


def _prepare(spec: RuleSpec, config: Config, settings: dict[str, Any]) -> RuleKind:
    """The rule, compiled. When the configuration changes its options and it then fails to
    build, while it builds without them, the error names the configuration, not the rule
    file (which is fine): the team's ``[rules.X]`` table is where to look."""
    configured = _configure(spec, config, settings)
    try:
        return KINDS[spec.kind](configured, RuleLoader(configured, config, settings))
    except ConfigError as exc:
        if spec.id not in dict(config.rule_options) or exc.path == _where(config):
            raise
        plain = replace(config, rule_options=tuple(
            (rule, opts) for rule, opts in config.rule_options if rule != spec.id))
        try:
            bare = _configure(spec, plain, settings)
            KINDS[spec.kind](bare, RuleLoader(bare, plain, settings))
        except ConfigError:
            raise exc from None
        raise _blame(config, spec.id, exc) from None


def effective_specs(config: Config) -> list[tuple[RuleSpec, bool]]:
    """Every rule as ``config`` sets it (level, options, profile settings filled in), and
    whether it is on: what ``plainlsc explain`` and ``plainlsc rules`` show."""
    settings = _settings(config)
    specs = all_specs(config)
    _check_ids(config, {s.id for s in specs})
    return [(_configure(s, config, settings), _active(s, config)) for s in specs]


def build_ruleset(config: Config) -> RuleSet:
    """Load, filter and compile every rule for ``config``."""
    settings = _settings(config)
    specs = all_specs(config)
    _check_ids(config, {s.id for s in specs})
    rules = [_prepare(s, config, settings) for s in specs if _active(s, config)]
    return RuleSet(rules, settings, config.profile, frozenset(config.accept), config,
                   frozenset(s.id for s in specs))


_CACHE: dict[str, RuleSet] = {}
_LOCK = threading.Lock()


def ruleset_for(config: Config) -> RuleSet:
    """The rule set for ``config``, built once per process."""
    key = repr(config)
    with _LOCK:
        if key not in _CACHE:
            _CACHE[key] = build_ruleset(config)
        return _CACHE[key]
