"""Options every command shares, declared once, and the settings/store they resolve to."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from smilebox.settings import Settings, load_settings
from smilebox.store import Store

DatabaseOpt = Annotated[
    str | None,
    typer.Option("--database", "--db", help="SQLAlchemy URL of the store [env: SMILEBOX_DATABASE_URL].", show_default=False),
]
ConfigOpt = Annotated[
    Path | None, typer.Option("--config", help="Settings file (TOML) [default: ./smilebox.toml when present].", show_default=False)
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON lines instead of a table.")]
RubricOpt = Annotated[
    str | None, typer.Option("--rubric", help="Built-in rubric name or path to a rubric TOML file [default: connect].", show_default=False)
]
PeriodOpt = Annotated[str | None, typer.Option("--period", help="Month as YYYY-MM.", show_default=False)]


def settings_for(config: Path | None = None, **overrides) -> Settings:
    return load_settings(config, **overrides)


def open_store(settings: Settings, *, require_current: bool = True) -> Store:
    store = Store(settings.database_url)
    if require_current:
        store.require_current()
    return store
