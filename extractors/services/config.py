"""`xbench.toml`: `[extractors.NAME]` tables of kind openai, http or command, read with tomllib.

The file is `$XBENCH_CONFIG` when set (the command line's `--config` sets it, so the spawned
processes of `xbench run` read the same file), else `xbench.toml` in the working directory.
A bad file is a ConfigError that names the file and the key.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractors.schema import LABELS

CONFIG_ENV = "XBENCH_CONFIG"
DEFAULT_FILE = "xbench.toml"
KIND_OF = {"openai": "llm", "http": "service", "command": "service"}  # config kind -> leaderboard kind


class ConfigError(ValueError):
    """A bad xbench.toml; the message names the file and the key."""


@dataclass(frozen=True)
class ServiceConfig:
    name: str
    kind: str  # openai, http, command
    source: Path
    labels: tuple[str, ...] = LABELS
    timeout_s: float = 60.0
    concurrency: int = 4
    options: dict[str, Any] = field(default_factory=dict)  # the kind's own keys, checked by the kind

    @property
    def board_kind(self) -> str:
        return KIND_OF[self.kind]

    def where(self, key: str | None = None) -> str:
        return f"{self.source}: extractors.{self.name}" + (f".{key}" if key else "")


# The keys each kind takes, with their types; `required` ones have no default.
KIND_KEYS: dict[str, dict[str, type | tuple[type, ...]]] = {
    "openai": {"base_url": str, "model": str, "api_key_env": str, "price_per_1k_input": (int, float),
               "price_per_1k_output": (int, float), "max_chunk_chars": int, "max_tokens": int,
               "temperature": (int, float), "max_retries": int, "json_mode": bool, "fuzzy_min": (int, float)},
    "http": {"url": str, "headers": dict, "fuzzy_min": (int, float), "max_chunk_chars": int},
    "command": {"argv": list, "fuzzy_min": (int, float), "max_chunk_chars": int},
}
REQUIRED = {"openai": ("base_url", "model"), "http": ("url",), "command": ("argv",)}
COMMON = {"kind": str, "labels": list, "timeout_s": (int, float), "concurrency": int}


def config_path() -> Path | None:
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV])
    default = Path(DEFAULT_FILE)
    return default if default.is_file() else None


def read_config(path: Path) -> dict[str, ServiceConfig]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    unknown = sorted(set(data) - {"extractors"})
    if unknown:
        raise ConfigError(f"{path}: unknown table or key {unknown[0]!r} (only [extractors.NAME] tables)")
    tables = data.get("extractors", {})
    if not isinstance(tables, dict):
        raise ConfigError(f"{path}: extractors must be a table of [extractors.NAME] tables")
    return {name: _service(path, name, table) for name, table in tables.items()}


def _check_type(where: str, value: Any, expected: type | tuple[type, ...]) -> None:
    if isinstance(value, bool) and expected in ((int, float), int):
        raise ConfigError(f"{where}: must be a number, not a boolean")
    if not isinstance(value, expected):
        names = " or ".join(t.__name__ for t in (expected if isinstance(expected, tuple) else (expected,)))
        raise ConfigError(f"{where}: must be {names}, not {type(value).__name__}")


def _service(path: Path, name: str, table: Any) -> ServiceConfig:
    base = f"{path}: extractors.{name}"
    if not isinstance(table, dict):
        raise ConfigError(f"{base}: must be a table")
    kind = table.get("kind")
    if kind not in KIND_KEYS:
        raise ConfigError(f"{base}.kind: must be one of {', '.join(KIND_KEYS)} (got {kind!r})")
    allowed = {**COMMON, **KIND_KEYS[kind]}
    for key, value in table.items():
        if key not in allowed:
            raise ConfigError(f"{base}.{key}: unknown key for kind {kind} (known: {', '.join(sorted(allowed))})")
        _check_type(f"{base}.{key}", value, allowed[key])
    for key in REQUIRED[kind]:
        if key not in table:
            raise ConfigError(f"{base}.{key}: missing (kind {kind} needs {', '.join(REQUIRED[kind])})")
    labels = tuple(table.get("labels", LABELS))
    bad = [lab for lab in labels if lab not in LABELS]
    if bad or not labels:
        raise ConfigError(f"{base}.labels: {bad[0] if bad else 'empty'!r} is not one of {', '.join(LABELS)}")
    if kind == "command" and (not table["argv"] or not all(isinstance(a, str) for a in table["argv"])):
        raise ConfigError(f"{base}.argv: must be a non-empty list of strings")
    for key in ("timeout_s", "concurrency", "max_chunk_chars", "max_tokens"):
        if key in table and table[key] <= 0:
            raise ConfigError(f"{base}.{key}: must be positive")
    options = {k: v for k, v in table.items() if k not in COMMON}
    return ServiceConfig(name, kind, path, labels, float(table.get("timeout_s", 60.0)),
                         int(table.get("concurrency", 4)), options)


def configured() -> dict[str, ServiceConfig]:
    """The extractors of the config file in force (none when there is no file)."""
    path = config_path()
    return read_config(path) if path is not None else {}
