"""Alembic environment: runs on the engine the ``Store`` hands over (no URL in an ini file)."""

from alembic import context

from smilebox.store.tables import Base

config = context.config
engine = config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    context.run_migrations()
