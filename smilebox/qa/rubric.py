"""Rubrics as files: which checks, their points, critical items, channels and per-check settings.

A rubric is TOML::

    [rubric]
    name = "connect"
    version = "1"

    [checks.greeting]
    points = 1
    channels = ["email", "chat", "social", "sms", "phone", "other"]   # optional
    [checks.greeting.config]                                            # optional, per-check settings
    salutations = ["hi", "hello"]

Every evaluation stores the rubric name and version, so editing a rubric (and bumping its version)
never rewrites past results. Errors name the file and the key that is wrong.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from smilebox.errors import ConfigError
from smilebox.model import CHANNELS, format_validation_error
from smilebox.qa.check import Check
from smilebox.qa.registry import registered_checks


class _CheckEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    enabled: bool = True
    points: float | None = Field(default=None, ge=0)
    critical: bool | None = None
    channels: list[str] | None = None
    config: dict[str, Any] = Field(default_factory=dict)


class _RubricHeader(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1)
    version: str = Field(min_length=1)
    description: str = ""
    company_name: str | None = None


class _RubricFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rubric: _RubricHeader
    checks: dict[str, _CheckEntry] = Field(min_length=1)


@dataclass
class Rubric:
    name: str
    version: str
    checks: list[Check]
    description: str = ""
    company_name: str | None = None
    path: str | None = None

    @property
    def check_ids(self) -> list[str]:
        return [c.id for c in self.checks]


def builtin_rubric_path(name: str) -> Path | None:
    candidate = resources.files("smilebox.qa") / "rubrics" / f"{name}.toml"
    return Path(str(candidate)) if candidate.is_file() else None


def load_rubric(name_or_path: str | Path = "connect") -> Rubric:
    """Load a built-in rubric by name or a rubric file by path; validate it; build its checks."""
    path = Path(name_or_path)
    if not path.is_file():
        builtin = builtin_rubric_path(str(name_or_path))
        if builtin is None:
            raise ConfigError(
                f"rubric {str(name_or_path)!r} not found: give a built-in name (connect) or a path to a .toml file"
            )
        path = builtin
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    return rubric_from_dict(raw, source=str(path))


def rubric_from_dict(raw: dict[str, Any], source: str = "<rubric>") -> Rubric:
    try:
        spec = _RubricFile.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(f"{source}: {format_validation_error(exc)}") from None
    available = registered_checks()
    checks: list[Check] = []
    for check_id, entry in spec.checks.items():
        if check_id not in available:
            known = ", ".join(sorted(available))
            raise ConfigError(f"{source}: checks.{check_id}: no such check (available: {known})")
        if not entry.enabled:
            continue
        bad = [c for c in entry.channels or [] if c not in CHANNELS]
        if bad:
            raise ConfigError(
                f"{source}: checks.{check_id}.channels: unknown channel {bad[0]!r} (use {', '.join(CHANNELS)})"
            )
        config = dict(entry.config)
        if spec.rubric.company_name and "company_name" in available[check_id].default_config:
            config.setdefault("company_name", spec.rubric.company_name)
        try:
            check = available[check_id](
                config, points=entry.points, critical=entry.critical, channels=entry.channels
            )
        except ConfigError as exc:
            raise ConfigError(f"{source}: checks.{check_id}.config: {exc}") from None
        checks.append(check)
    return Rubric(
        name=spec.rubric.name,
        version=spec.rubric.version,
        checks=checks,
        description=spec.rubric.description,
        company_name=spec.rubric.company_name,
        path=source,
    )
