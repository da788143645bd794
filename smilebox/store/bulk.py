"""Bulk inserts straight on the database driver, for the import's hot paths."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import JSON, Boolean, DateTime
from sqlalchemy.engine import Connection

from smilebox.store.prepare import time_binder


def select_in(conn: Connection, table: str, columns: Sequence[str], where: tuple[str, object], column: str,
              values: Sequence, chunk: int = 500):
    """Rows of ``columns`` where ``where[0] = where[1]`` and ``column`` is one of ``values``, asked in chunks on
    the driver, so a composite unique index on (where column, ``column``) answers each chunk."""
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    for start in range(0, len(values), chunk):
        part = values[start : start + chunk]
        yield from conn.exec_driver_sql(
            f"SELECT {', '.join(columns)} FROM {table} "
            f"WHERE {where[0]} = {mark} AND {column} IN ({', '.join([mark] * len(part))})",
            (where[1], *part),
        )


def bulk_insert(conn: Connection, table, columns: Sequence[str], rows: list[tuple], bound: frozenset[str] = frozenset()) -> None:
    """executemany straight on the driver: the hot path of an import (millions of message rows).

    Values go through each column type's own bind processor, so they are stored exactly as SQLAlchemy
    would store them; columns named in ``bound`` were bound already (``store.prepare``) and are passed as
    they are. Datetimes use ``prepare.time_binder``, which stores what SQLAlchemy's own processor would.
    """
    if not rows:
        return
    dialect = conn.dialect
    placeholder = "?" if dialect.paramstyle == "qmark" else "%s"
    sql = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join([placeholder] * len(columns))})"
    bind_time = time_binder(dialect.name)  # SQLite: the same text SQLAlchemy's processor makes, faster
    processors = []
    for i, name in enumerate(columns):
        if name in bound:
            continue
        kind = table.c[name].type
        if isinstance(kind, DateTime):
            if dialect.name == "sqlite":
                processors.append((i, _remember_last(bind_time)))
            # the other drivers bind datetimes natively
        elif (proc := kind.dialect_impl(dialect).bind_processor(dialect)) is not None and not isinstance(kind, Boolean):
            processors.append((i, _remember_string_lists(proc) if isinstance(kind, JSON) else proc))
    if processors:
        converted = []
        for row in rows:
            row = list(row)
            for i, proc in processors:
                if row[i] is not None:
                    row[i] = proc(row[i])
            converted.append(tuple(row))
        rows = converted
    conn.exec_driver_sql(sql, rows)


def _remember_last(convert):
    """``convert`` that reuses its last answer for the same object (a batch shares one ``now``)."""
    last = [object(), None]

    def run(value):
        if value is not last[0]:
            last[0], last[1] = value, convert(value)
        return last[1]

    return run


def _remember_string_lists(convert, limit: int = 4096):
    """``convert`` (a JSON column's serializer) that reuses its answers for lists of strings (tags): a
    few distinct lists come back on every row of an import."""
    seen: dict[tuple, object] = {}

    def run(value):
        if type(value) is not list or not all(type(v) is str for v in value):
            return convert(value)
        key = tuple(value)
        found = seen.get(key)
        if found is None:
            if len(seen) >= limit:
                seen.clear()
            found = seen[key] = convert(value)
        return found

    return run
