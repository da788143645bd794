"""Autogenerate an Alembic migration from the tables: python tools/make_migration.py "message".

Runs against a throw-away SQLite file upgraded to the current head, so the new revision holds exactly
the difference between ``smilebox/store/tables.py`` and the existing migrations.
"""

import sys
import tempfile
from pathlib import Path

from alembic import command

from smilebox.store import Store

with tempfile.TemporaryDirectory() as tmp:
    store = Store(f"sqlite:///{Path(tmp) / 'm.db'}")
    cfg = store._alembic_config()
    command.upgrade(cfg, "head")
    command.revision(cfg, message=sys.argv[1] if len(sys.argv) > 1 else "schema change", autogenerate=True)
