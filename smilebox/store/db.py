"""Engine, sessions and schema upgrades for one store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from smilebox.errors import StoreError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA cache_size=-65536")
    cur.close()


class Store:
    def __init__(self, url: str):
        self.url = url
        try:
            parsed = make_url(url)
        except ArgumentError:
            raise StoreError(f"database URL {url!r} is not a valid SQLAlchemy URL (example: sqlite:///smilebox.db)") from None
        self.dialect = parsed.get_backend_name()
        if self.dialect == "postgresql" and parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        if self.dialect == "sqlite" and parsed.database not in (None, "", ":memory:"):
            parent = Path(parsed.database).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"database folder {parent} does not exist")
        try:
            self.engine: Engine = create_engine(parsed, future=True)
        except ModuleNotFoundError as exc:
            raise StoreError(
                f"the driver for {self.dialect} is not installed ({exc.name}); "
                "for PostgreSQL install the 'postgres' extra: pip install 'smilebox[postgres]'"
            ) from None
        if self.dialect == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"

    # --- schema ---------------------------------------------------------------------------
    def _alembic_config(self):
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        cfg.attributes["engine"] = self.engine
        return cfg

    def init(self) -> str:
        """Create the schema or upgrade it to the newest revision; returns that revision."""
        from alembic import command

        try:
            command.upgrade(self._alembic_config(), "head")
        except OperationalError as exc:
            raise StoreError(f"cannot reach the database {self!r}: {exc.orig}") from None
        return self.revision() or ""

    def revision(self) -> str | None:
        from alembic.runtime.migration import MigrationContext

        try:
            with self.engine.connect() as conn:
                return MigrationContext.configure(conn).get_current_revision()
        except OperationalError as exc:
            raise StoreError(f"cannot reach the database {self!r}: {exc.orig}") from None

    def head_revision(self) -> str:
        from alembic.script import ScriptDirectory

        return ScriptDirectory.from_config(self._alembic_config()).get_current_head() or ""

    def require_current(self) -> None:
        """Refuse to work on a store that was never initialised or is behind this version's schema."""
        current = self.revision()
        if current is None:
            raise StoreError(f"the store {self!r} is not initialised: run 'smilebox init' first")
        if current != self.head_revision():
            raise StoreError(f"the store {self!r} has an older schema ({current}): run 'smilebox init' to upgrade it")

    def table_names(self) -> list[str]:
        return sorted(inspect(self.engine).get_table_names())

    # --- sessions -------------------------------------------------------------------------
    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back when it raises."""
        with self._sessions() as s:
            with s.begin():
                yield s

    def dispose(self) -> None:
        self.engine.dispose()
