"""Project configuration: ``[tool.plainlsc]`` in ``pyproject.toml`` or a ``.plainlsc.toml``.

Found by walking up from the checked file (the nearest wins), or given with ``--config``.
Every key is checked: a misspelt key gets ``file:line: unknown key 'x' (did you mean 'y'?)``
and exit code 2, because a silently ignored setting is worse than an error.
"""

from __future__ import annotations

import fnmatch
import os
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from plainlsc.bounded import MAX_CONFIG_BYTES, NotRegular, TooLarge, read_bounded, read_regular
from plainlsc.errors import ConfigError, closest
from plainlsc.findings import LEVELS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_NAMES = (".plainlsc.toml", "plainlsc.toml", "pyproject.toml")
_SIZE = re.compile(r"(?i)^\s*(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?\s*$")
_UNITS = {None: 1, "b": 1, "k": 1024, "kb": 1024, "m": 1 << 20, "mb": 1 << 20, "g": 1 << 30,
          "gb": 1 << 30}


@dataclass(frozen=True, slots=True)
class Config:
    """Settings for one run (or, after :meth:`for_file`, for one file)."""

    profile: str = "nhs"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    levels: tuple[tuple[str, str], ...] = ()
    rule_files: tuple[Path, ...] = ()
    wordlists: tuple[tuple[str, Path], ...] = ()
    accept: tuple[str, ...] = ()
    settings: tuple[tuple[str, Any], ...] = ()
    rule_options: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    known_acronyms: tuple[str, ...] = ()
    glossaries: tuple[Path, ...] = ()
    fail_on: str = "warning"
    model: str | None = None
    max_file_size: int = 20 * 1024 * 1024
    #: Who the documents are for: "public" (default) or "clinical" (clinical terms allowed).
    audience: str = "public"
    #: Globs of files that are templates: their fields are listed, not reported as errors.
    templates: tuple[str, ...] = ()
    #: Whether the file being checked is a template (set by :meth:`for_file`).
    template: bool = False
    overrides: tuple[tuple[tuple[str, ...], dict[str, Any]], ...] = field(default=())
    path: Path | None = None

    def for_file(self, file: str) -> Config:
        """This configuration with the per-glob overrides that match ``file`` applied."""
        result = self
        base = self.path.parent if self.path else Path.cwd()
        try:
            rel = Path(file).resolve().relative_to(base.resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop (3.10-3.12)
            rel = Path(file).as_posix()
        def matches(globs: tuple[str, ...]) -> bool:
            return any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(Path(file).name, g)
                       for g in globs)

        for globs, body in self.overrides:
            if matches(globs):
                result = _apply(result, body, self.path, None)
        if self.templates and matches(self.templates):
            result = replace(result, template=True)
        return result


KEYS: dict[str, type | tuple[type, ...]] = {
    "profile": str, "select": list, "ignore": list, "levels": dict, "rule_files": list,
    "wordlists": dict, "accept": list, "settings": dict, "rules": dict,
    "known_acronyms": list, "glossaries": list, "fail_on": str, "model": str,
    "max_file_size": (int, str), "overrides": list, "templates": list, "audience": str,
}
OVERRIDE_KEYS = {"files", "audience", "profile", "select", "ignore", "levels", "accept",
                 "settings", "rules"}


def _line_of(text: str, key: str) -> int | None:
    """The line where ``key = ...`` is set, or where its table ``[key]`` starts."""
    name = re.escape(key)
    match = re.search(rf"(?m)^[ \t]*(?:[\"']?{name}[\"']?[ \t]*=|\[\[?[ \t]*"
                      rf"(?:tool\.plainlsc\.)?(?:[\w.-]+\.)?[\"']?{name}[\"']?[ \t]*\]\]?)",
                      text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def rule_option_line(path: Path | None, rule_id: str, key: str | None = None) -> int | None:
    """The line of a configuration file that sets ``key`` for rule ``rule_id``, else the line
    of that rule's table (``[rules.X]``, ``[tool.plainlsc.rules.X]``, ``X = {...}`` under
    ``[rules]``, ``rules.X.key = ...``); None if the file does not say it plainly.

    tomllib gives no lines, and rule options are checked when the rules are built, after the
    file was read; the text is scanned again (only when there is an error to report).
    """
    if path is None:
        return None
    try:
        lines = read_bounded(path, "configuration", MAX_CONFIG_BYTES).decode(
            "utf-8-sig", errors="replace").splitlines()
    except ConfigError:
        return None
    rule = rf"""(?:{re.escape(rule_id)}|"{re.escape(rule_id)}"|'{re.escape(rule_id)}')"""
    header = re.compile(rf"^\s*\[\s*(?:[\w.\"'-]+\.)?rules\s*\.\s*{rule}\s*\]")
    said = re.compile(rf"(?:^|[\s.{{,])(?:rules\s*\.\s*)?{rule}\s*(?:\.|=)")
    setting = re.compile(rf"""^\s*["']?{re.escape(key)}["']?\s*=""") if key else None
    for number, line in enumerate(lines, start=1):
        if header.match(line):
            for offset, inner in enumerate(lines[number:], start=number + 1):
                if inner.lstrip().startswith("["):
                    break
                if setting and setting.match(inner):
                    return offset
            return number
        if said.search(line):
            return number
    return None


def parse_size(value: Any, path: str, line: int | None) -> int:
    """``20MB``, ``500k`` or a number of bytes (more than none)."""
    if isinstance(value, bool):
        raise ConfigError(path, line, f"max_file_size: cannot read {value!r} (try '20MB')")
    if isinstance(value, int):
        size = value
    else:
        match = _SIZE.match(str(value))
        if not match:
            raise ConfigError(path, line, f"max_file_size: cannot read {value!r} (try '20MB')")
        size = int(float(match.group(1)) * _UNITS[(match.group(2) or "").lower() or None])
    if size <= 0:
        raise ConfigError(path, line, f"max_file_size must be more than 0 (got {value!r})")
    return size


def _profile_settings() -> dict[str, Any]:
    """Every setting a shipped profile defines, with the value of the first that does."""
    from plainlsc.checks.loader import PROFILES_FILE, load_profiles
    from plainlsc.paths import rules_dir

    known: dict[str, Any] = {}
    for body in load_profiles(rules_dir() / PROFILES_FILE).values():
        for name, value in body.items():
            known.setdefault(name, value)
    return known


def _check_settings(value: dict[str, Any], where: str, text: str | None,
                    line: int | None) -> None:
    """A setting a profile has must keep its type; a name close to one is a misspelling.

    A name unlike any profile setting is allowed: a team's own rule may use it (``$name``).
    """
    known = _profile_settings()
    for name, setting in value.items():
        at = (_line_of(text, name) if text else None) or line
        if name not in known:
            hint = closest(name, set(known))
            if hint:
                raise ConfigError(where, at, f"unknown setting {name!r}{hint}")
            continue
        want = known[name]
        if isinstance(want, bool) or not isinstance(want, (int, float)):
            ok = isinstance(setting, type(want))
        elif isinstance(want, int):
            ok = isinstance(setting, int) and not isinstance(setting, bool)
        else:
            ok = isinstance(setting, (int, float)) and not isinstance(setting, bool)
        if not ok:
            raise ConfigError(where, at, f"settings.{name} must be {_kind(want)}, "
                                         f"not {setting!r}")


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    return "text" if isinstance(value, str) else type(value).__name__


def _strings(value: Any, key: str, path: str, line: int | None) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(path, line, f"{key} must be a list of strings")
    return tuple(value)


def _apply(cfg: Config, body: dict[str, Any], path: Path | None, text: str | None) -> Config:
    """Apply the keys of one configuration table to ``cfg``."""
    where = str(path) if path else "<config>"
    base = path.parent if path else Path.cwd()
    changes: dict[str, Any] = {}
    for key, value in body.items():
        line = _line_of(text, key) if text else None
        if key == "files":
            continue
        expected = KEYS.get(key)
        if expected is None:
            raise ConfigError(where, line, f"unknown key {key!r}{closest(key, set(KEYS))}")
        if not isinstance(value, expected):
            raise ConfigError(where, line, f"{key} has the wrong type "
                                           f"({type(value).__name__})")
        changes.update(_convert(cfg, key, value, base, where, line, text))
    return replace(cfg, **changes)


def _convert(cfg: Config, key: str, value: Any, base: Path, where: str,
             line: int | None, text: str | None = None) -> dict[str, Any]:
    if key == "templates":
        return {key: _strings(value, key, where, line)}
    if key in ("select", "ignore", "accept", "known_acronyms"):
        items = _strings(value, key, where, line)
        return {key: tuple(i.lower() for i in items) if key == "accept" else items}
    if key in ("rule_files", "glossaries"):
        return {key: tuple(base / p for p in _strings(value, key, where, line))}
    if key == "levels":
        for rule, level in value.items():
            if not isinstance(level, str) or level not in LEVELS:
                at = (_line_of(text, rule) if text else None) or line
                raise ConfigError(where, at, f"levels.{rule}: {level!r} is not one of "
                                             f"{', '.join(LEVELS)}")
        return {"levels": cfg.levels + tuple(value.items())}
    if key == "wordlists":
        pairs = [(rule, base / p) for rule, paths in value.items()
                 for p in _strings(paths if isinstance(paths, list) else [paths],
                                   f"wordlists.{rule}", where, line)]
        return {"wordlists": cfg.wordlists + tuple(pairs)}
    if key == "settings":
        _check_settings(value, where, text, line)
        return {"settings": cfg.settings + tuple(value.items())}
    if key == "rules":
        for rule, opts in value.items():
            if not isinstance(opts, dict):
                at = (_line_of(text, rule) if text else None) or line
                raise ConfigError(where, at, f"rules.{rule} must be a table of rule options "
                                             f"([rules.{rule}]), not {opts!r}")
        return {"rule_options": cfg.rule_options + tuple(
            (rule, tuple(opts.items())) for rule, opts in value.items())}
    if key == "audience" and value not in ("public", "clinical"):
        raise ConfigError(where, line, "audience must be \"public\" or \"clinical\"")
    if key == "fail_on" and value not in LEVELS:
        raise ConfigError(where, line, f"fail_on must be one of {', '.join(LEVELS)}")
    if key == "max_file_size":
        return {key: parse_size(value, where, line)}
    if key == "overrides":
        overrides = tuple(_override(o, where, line) for o in value)
        for _globs, body in overrides:  # check each override now, not file by file later
            _apply(cfg, body, base / Path(where).name if where != "<config>" else None, text)
        return {"overrides": overrides}
    return {key: value}


def _override(item: Any, where: str, line: int | None) -> tuple[tuple[str, ...], dict[str, Any]]:
    if not isinstance(item, dict) or "files" not in item:
        raise ConfigError(where, line, "each override needs 'files' (a list of globs)")
    for key in item:
        if key not in OVERRIDE_KEYS:
            raise ConfigError(where, line, f"unknown key {key!r} in an override"
                                           f"{closest(key, OVERRIDE_KEYS)}")
    files = item["files"]
    globs = [files] if isinstance(files, str) else files
    if not isinstance(globs, list) or not all(isinstance(g, str) for g in globs):
        raise ConfigError(where, line, "an override's 'files' must be a list of globs")
    return (tuple(globs), dict(item))


def load_config(path: Path) -> Config:
    """Read one configuration file."""
    raw = read_bounded(path, "configuration", MAX_CONFIG_BYTES)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(str(path), raw.count(b"\n", 0, exc.start) + 1,
                          "invalid TOML: not UTF-8 text (save the file as UTF-8)") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = int(match.group(1)) if match else None
        if line is None and "end of document" in str(exc):  # the last line with anything on it
            line = len(text.rstrip().splitlines()) or 1
        raise ConfigError(str(path), line, f"invalid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(str(path), None, "invalid TOML: nested too deeply") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("plainlsc", {})
    return _apply(Config(path=path), data, path, text)


def find_config(start: Path) -> Path | None:
    """The nearest configuration file at or above ``start``."""
    # os.path.isdir and isfile answer False, never raise, for a name too long or a link loop.
    folder = start if os.path.isdir(start) else start.parent
    try:
        folder = folder.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop (3.10-3.12)
        folder = Path(os.path.abspath(folder))
    for parent in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = parent / name
            if os.path.isfile(candidate) and (name != "pyproject.toml"
                                              or _has_tool_table(candidate)):
                return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    """Whether a ``pyproject.toml`` has a plainlsc table. One too large or unreadable counts
    as having one, so that loading it says what is wrong rather than skipping it silently."""
    try:
        return b"[tool.plainlsc" in read_regular(str(path), MAX_CONFIG_BYTES)
    except TooLarge:
        return True
    except (NotRegular, OSError, ValueError):
        return False


def discover(start: Path, explicit: Path | None = None) -> Config:
    """The configuration for files under ``start``: ``explicit`` if given, else the nearest."""
    if explicit is not None:
        return load_config(explicit)
    found = find_config(start)
    return load_config(found) if found else Config()
