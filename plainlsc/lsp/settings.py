"""Which configuration a document is checked with: the file configuration, as ``check`` finds
it, with the client's settings (``plainlsc.profile``, ``plainlsc.minLevel``...) on top.

Configuration files are read once and kept until the editor says one changed (a watched-file
event or a save of ``.plainlsc.toml``, ``plainlsc.toml`` or ``pyproject.toml``).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from plainlsc.config import CONFIG_NAMES, Config, find_config, load_config
from plainlsc.findings import LEVELS, Finding, level_rank

#: How long to wait after a keystroke before checking, unless the client says otherwise.
DEFAULT_DEBOUNCE_MS = 250


@dataclass(frozen=True, slots=True)
class ClientSettings:
    """The settings an editor can send under ``plainlsc``; each overrides the file's value."""

    profile: str | None = None
    min_level: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    debounce_ms: int = DEFAULT_DEBOUNCE_MS

    @classmethod
    def parse(cls, raw: Any) -> tuple[ClientSettings, list[str]]:
        """Read settings as a client sends them (``{"plainlsc": {...}}`` or the inner table).

        A bad value is left out and described in the returned problems, so that one typo in an
        editor's settings does not stop every check.
        """
        raw = settings_table(raw)
        problems: list[str] = []
        values: dict[str, Any] = {}
        for key, value in raw.items():
            name, check = _FIELDS.get(key, (None, None))
            if name is None or check is None:
                continue  # settings for other versions or other tools: not ours to judge
            converted = check(value)
            if converted is None:
                problems.append(f"setting plainlsc.{key}: cannot use {value!r}")
            else:
                values[name] = converted
        return cls(**values), problems

    def apply(self, config: Config) -> Config:
        """``config`` with these settings on top."""
        changes: dict[str, Any] = {}
        if self.profile:
            changes["profile"] = self.profile
        if self.select:
            changes["select"] = self.select
        if self.ignore:
            changes["ignore"] = config.ignore + self.ignore
        return replace(config, **changes) if changes else config

    def keep(self, finding: Finding) -> bool:
        """Whether a finding is at or above the client's ``minLevel``."""
        return self.min_level is None or level_rank(finding.severity) >= level_rank(
            self.min_level)


def settings_table(raw: Any) -> dict[str, Any]:
    """Our settings from what a client sent: ``{"plainlsc": {...}}``, or the inner table
    itself (the answer to a ``workspace/configuration`` request for section "plainlsc")."""
    if isinstance(raw, dict) and isinstance(raw.get("plainlsc"), dict):
        raw = raw["plainlsc"]
    return dict(raw) if isinstance(raw, dict) else {}


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _level(value: Any) -> str | None:
    return value if value in LEVELS else None


def _ids(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, str):
        value = [v for v in value.split(",") if v.strip()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value)
    return None


def _millis(value: Any) -> int | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10_000
    return value if ok else None


_FIELDS: dict[str, tuple[str, Any]] = {
    "profile": ("profile", _text), "minLevel": ("min_level", _level),
    "select": ("select", _ids), "ignore": ("ignore", _ids),
    "debounceMs": ("debounce_ms", _millis),
}


def is_config_file(path: str) -> bool:
    """Whether a changed file may be a plainlsc configuration."""
    return Path(path).name in CONFIG_NAMES


class ConfigCache:
    """Configuration files as read from disk, each read once until :meth:`forget`."""

    def __init__(self) -> None:
        self._configs: dict[Path | None, Config] = {}
        self._lock = threading.Lock()

    def base_for(self, path: Path) -> Config:
        """The configuration ``plainlsc check`` would use for the file at ``path`` (before
        per-file overrides). Raises :class:`ConfigError` for a broken file, every time."""
        found = find_config(path)
        with self._lock:
            if found in self._configs:
                return self._configs[found]
        config = load_config(found) if found is not None else Config()
        with self._lock:
            self._configs[found] = config
        return config

    def config_for(self, path: Path, client: ClientSettings) -> Config:
        """The configuration for one document: file, then per-glob overrides, then client."""
        return client.apply(self.base_for(path).for_file(str(path)))

    def forget(self) -> None:
        """Drop every configuration read: one changed, and any file may now find another."""
        with self._lock:
            self._configs.clear()
