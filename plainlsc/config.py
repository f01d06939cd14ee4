"""Project configuration: ``[tool.plainlsc]`` in ``pyproject.toml`` or a ``.plainlsc.toml``.

Found by walking up from the checked file (the nearest wins), or given with ``--config``.
Every key is checked: a misspelt key gets ``file:line: unknown key 'x' (did you mean 'y'?)``
and exit code 2, because a silently ignored setting is worse than an error.
"""

from __future__ import annotations

import fnmatch
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from plainlsc.checks.loader import closest
from plainlsc.errors import ConfigError
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
    overrides: tuple[tuple[tuple[str, ...], dict[str, Any]], ...] = field(default=())
    path: Path | None = None

    def for_file(self, file: str) -> Config:
        """This configuration with the per-glob overrides that match ``file`` applied."""
        result = self
        base = self.path.parent if self.path else Path.cwd()
        try:
            rel = Path(file).resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            rel = Path(file).as_posix()
        for globs, body in self.overrides:
            if any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(Path(file).name, g) for g in globs):
                result = _apply(result, body, self.path, None)
        return result


KEYS: dict[str, type | tuple[type, ...]] = {
    "profile": str, "select": list, "ignore": list, "levels": dict, "rule_files": list,
    "wordlists": dict, "accept": list, "settings": dict, "rules": dict,
    "known_acronyms": list, "glossaries": list, "fail_on": str, "model": str,
    "max_file_size": (int, str), "overrides": list,
}
OVERRIDE_KEYS = {"files", "profile", "select", "ignore", "levels", "accept", "settings", "rules"}


def _line_of(text: str, key: str) -> int | None:
    match = re.search(rf"(?m)^\s*\"?{re.escape(key)}\"?\s*=", text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def parse_size(value: Any, path: str, line: int | None) -> int:
    """``20MB``, ``500k`` or a number of bytes."""
    if isinstance(value, int) and value > 0:
        return value
    match = _SIZE.match(str(value))
    if not match:
        raise ConfigError(path, line, f"max_file_size: cannot read {value!r} (try '20MB')")
    return int(float(match.group(1)) * _UNITS[(match.group(2) or "").lower() or None])


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
        changes.update(_convert(cfg, key, value, base, where, line))
    return replace(cfg, **changes)


def _convert(cfg: Config, key: str, value: Any, base: Path, where: str,
             line: int | None) -> dict[str, Any]:
    if key in ("select", "ignore", "accept", "known_acronyms"):
        items = _strings(value, key, where, line)
        return {key: tuple(i.lower() for i in items) if key == "accept" else items}
    if key in ("rule_files", "glossaries"):
        return {key: tuple(base / p for p in _strings(value, key, where, line))}
    if key == "levels":
        for rule, level in value.items():
            if level not in LEVELS:
                raise ConfigError(where, line, f"levels.{rule}: {level!r} is not one of "
                                               f"{', '.join(LEVELS)}")
        return {"levels": cfg.levels + tuple(value.items())}
    if key == "wordlists":
        pairs = [(rule, base / p) for rule, paths in value.items()
                 for p in _strings(paths if isinstance(paths, list) else [paths],
                                   f"wordlists.{rule}", where, line)]
        return {"wordlists": cfg.wordlists + tuple(pairs)}
    if key == "settings":
        return {"settings": cfg.settings + tuple(value.items())}
    if key == "rules":
        return {"rule_options": cfg.rule_options + tuple(
            (rule, tuple(opts.items())) for rule, opts in value.items()
            if isinstance(opts, dict))}
    if key == "fail_on" and value not in LEVELS:
        raise ConfigError(where, line, f"fail_on must be one of {', '.join(LEVELS)}")
    if key == "max_file_size":
        return {key: parse_size(value, where, line)}
    if key == "overrides":
        return {"overrides": tuple(_override(o, where, line) for o in value)}
    return {key: value}


def _override(item: Any, where: str, line: int | None) -> tuple[tuple[str, ...], dict[str, Any]]:
    if not isinstance(item, dict) or "files" not in item:
        raise ConfigError(where, line, "each override needs 'files' (a list of globs)")
    for key in item:
        if key not in OVERRIDE_KEYS:
            raise ConfigError(where, line, f"unknown key {key!r} in an override"
                                           f"{closest(key, OVERRIDE_KEYS)}")
    files = item["files"]
    return (tuple([files] if isinstance(files, str) else files), dict(item))


def load_config(path: Path) -> Config:
    """Read one configuration file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ConfigError(str(path), None, f"cannot read configuration: {exc.strerror}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise ConfigError(str(path), int(match.group(1)) if match else None,
                          f"invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("plainlsc", {})
    return _apply(Config(path=path), data, path, text)


def find_config(start: Path) -> Path | None:
    """The nearest configuration file at or above ``start``."""
    folder = start if start.is_dir() else start.parent
    for parent in (folder.resolve(), *folder.resolve().parents):
        for name in CONFIG_NAMES:
            candidate = parent / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        return "[tool.plainlsc" in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def discover(start: Path, explicit: Path | None = None) -> Config:
    """The configuration for files under ``start``: ``explicit`` if given, else the nearest."""
    if explicit is not None:
        return load_config(explicit)
    found = find_config(start)
    return load_config(found) if found else Config()
