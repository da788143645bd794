"""Settings, declared once with defaults and help, then layered.

Order, later wins: the defaults below < a ``smilebox.toml`` file (``--config`` or ``SMILEBOX_CONFIG``,
else ``./smilebox.toml`` when present) < ``SMILEBOX_*`` environment variables < command-line flags
(passed as ``overrides``). A broken file is an error, never a silent fallback to defaults.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from smilebox.errors import ConfigError
from smilebox.model import format_validation_error

DEFAULT_CONFIG_FILE = "smilebox.toml"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SMILEBOX_", extra="forbid", validate_default=True)

    database_url: str = Field("sqlite:///smilebox.db", description="SQLAlchemy URL of the store.")
    rubric: str = Field("connect", description="Rubric used by check and score: a built-in name or a TOML path.")
    company_name: str | None = Field(None, description="Your company's name (greetings, transcripts, reports).")
    models: Literal["auto", "on", "off"] = Field(
        "auto", description="Language models: auto uses them when the 'models' extra is installed."
    )
    embedding_backend: str = Field(
        "minilm-int8-l3-tuned",
        description="Embedding backend for the language models: minilm-int8-l3-tuned (the first three layers, the third "
        "fine-tuned for tone), minilm-int8-l3 (the first three layers as published) or minilm-int8 (whole model).",
    )
    model_cache_dir: str | None = Field(
        None, description="Folder for model files Smilebox derives on first use; unset: $XDG_CACHE_HOME/smilebox/models or ~/.cache/smilebox/models."
    )
    batch_size: int = Field(1000, ge=1, description="Conversations per database transaction when importing.")
    import_workers: int = Field(
        0, ge=0, description="Processes that parse and write large files (native JSONL, Zendesk exports) in parallel; 0: one per core."
    )
    recovery_playbook: Literal["five-steps", "lamb"] = Field("five-steps", description="Service-recovery playbook.")
    recovery_sla_hours: float = Field(48, gt=0, description="Hours from opening a recovery case to its due date.")
    recovery_default_owner: str = Field("recovery-queue", description="Owner when no rule names one.")
    recovery_owner_rules: list[str] = Field(
        default_factory=list,
        description="Owner rules 'FIELD:VALUE = OWNER' (FIELD: tag, channel, source, team, group), first match wins.",
    )
    smtp_host: str | None = Field(None, description="SMTP server for reminders; unset means no email.")
    smtp_port: int = Field(25, description="SMTP port.")
    smtp_user: str | None = Field(None, description="SMTP user name, when the server needs one.")
    smtp_password: str | None = Field(None, description="SMTP password, when the server needs one.")
    smtp_from: str = Field("smilebox@localhost", description="Sender address of reminder emails.")
    smtp_starttls: bool = Field(False, description="Use STARTTLS with the SMTP server.")
    report_timezone: str = Field("UTC", description="Time zone that periods (YYYY-MM) are read in.")


def load_settings(config_file: str | Path | None = None, **overrides: Any) -> Settings:
    """Build the settings from the layers; ``overrides`` with value None are ignored."""
    file_values = _read_config_file(config_file)
    env_keys = {name for name in Settings.model_fields if f"SMILEBOX_{name.upper()}" in os.environ}
    # environment beats the file: drop file values the environment sets
    layered = {k: v for k, v in file_values.items() if k not in env_keys}
    layered.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return Settings(**layered)
    except ValidationError as exc:
        raise ConfigError(f"settings: {format_validation_error(exc)}") from None


def _read_config_file(config_file: str | Path | None) -> dict[str, Any]:
    explicit = config_file or os.environ.get("SMILEBOX_CONFIG")
    path = Path(explicit) if explicit else Path(DEFAULT_CONFIG_FILE)
    if not path.is_file():
        if explicit:
            raise ConfigError(f"{path}: config file not found")
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not a valid TOML file: {exc}") from None
    section = data.get("smilebox", data)
    unknown = sorted(set(section) - set(Settings.model_fields))
    if unknown:
        raise ConfigError(f"{path}: unknown setting {unknown[0]!r}; see 'smilebox --help' or docs/configuration.md")
    return section
