"""The store: SQLAlchemy 2 over SQLite (default) or PostgreSQL, schema managed by Alembic.

    from smilebox.store import Store
    store = Store("sqlite:///smilebox.db")
    store.init()                      # create or upgrade the schema
    with store.session() as s: ...    # one transaction: committed on success, rolled back on error
"""

from smilebox.store.db import Store

__all__ = ["Store"]
