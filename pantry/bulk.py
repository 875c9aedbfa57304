"""Working with many rows at once (imports, the sample pantry, reports over the whole catalogue).

Fast inserts on SQLite and PostgreSQL: per-row ORM or Core work costs ~5x the driver's own executemany (FACTS.md);
these helpers go straight to the driver with values already in the form the column types would have produced. And
the garbage collector held while many objects are made and kept.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Table, func, select, text


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _naive_utc(value: Any) -> Any:
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def insert_rows(connection: Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """INSERT many rows given as tuples in `columns` order."""
    if not rows:
        return
    sqlite = connection.dialect.name == "sqlite"
    marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    statement = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join(marker for _ in columns)})"
    connection.exec_driver_sql(statement, _driver_values(rows, _sqlite_value if sqlite else _naive_utc))


def _driver_values(rows: Sequence[Sequence[Any]], convert: Callable[[Any], Any]) -> list[Sequence[Any]]:
    """Rows with their date and time columns converted (once per distinct value) for the driver: column by column,
    so that the work per row is the driver's alone."""
    temporal = [index for index in range(len(rows[0])) if any(isinstance(row[index], dt.date) for row in rows[:1000])]
    if not temporal:
        return rows if isinstance(rows, list) else list(rows)  # a list: SQLAlchemy takes a tuple for one row
    columns = list(zip(*rows, strict=True))
    for index in temporal:
        converted = {value: convert(value) for value in set(columns[index])}
        converted[None] = None
        columns[index] = tuple(map(converted.__getitem__, columns[index]))
    return list(zip(*columns, strict=True))


def allocate_ids(connection: Connection, table: Table, count: int) -> list[int]:
    """Reserve `count` primary keys so that rows referring to each other can be inserted in bulk."""
    if count == 0:
        return []
    if connection.dialect.name == "postgresql":
        sequence = f"{table.name}_id_seq"
        result = connection.execute(text(f"SELECT nextval('{sequence}') FROM generate_series(1, :n)"), {"n": count})
        return [row[0] for row in result]
    first = (connection.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()) + 1
    return list(range(first, first + count))


@contextmanager
def collector_paused() -> Iterator[None]:
    """Hold the cyclic garbage collector while many objects are made and kept (a report over the whole catalogue, an
    import of 100,000 rows).

    A year's roll-forward by item over 20,000 items makes a few hundred thousand tuples, lists and dicts, none of them
    in a cycle, all kept until the report is done; an import keeps every row of its file. Every 700 new ones start a
    collection, and every hundredth of those walks everything alive again, the growing rows included: a third of a
    report's time, a quarter of an import's. Reference counting frees everything as usual meanwhile; collections go
    on as before afterwards."""
    if not gc.isenabled():  # already held (by the caller, or another report on another thread)
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
