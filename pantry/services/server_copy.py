"""Copy a pantry from its SQLite file into a PostgreSQL database, when a second desk needs the same stock.

Every row of every table is copied with the same ids (PostgreSQL's COPY: a million movements take about a minute
on a small server), the id sequences are moved past the copied ids, and the copy is checked: every table has as many
rows as the file's, and the ledger verifies on the server. The server's database must be new (made by `pantry init`
or by opening it: the tables exist, and hold nothing but what a new database is given); the file is never changed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Integer, func, select
from sqlalchemy.orm import Session

from pantry.db import Database
from pantry.errors import UserError
from pantry.i18n import _
from pantry.models import Base, Donation, Household, Item, Movement
from pantry.services import permissions, verify

# Tables a new database already fills (setup.ensure_defaults): emptied on the server before the copy.
_PANTRY_DATA = (Item, Donation, Movement, Household)


@dataclass(frozen=True)
class Copied:
    tables: int
    rows: int
    seconds: float
    checks: tuple[str, ...]


def _holds_a_pantry(target: Database) -> bool:
    with target.session() as session:
        return any(session.scalar(select(func.count()).select_from(model)) for model in _PANTRY_DATA)


def copy_to_server(
    source: Database, target: Database, user_id: int, progress: Callable[[str], None] | None = None
) -> Copied:
    """Copy `source` (SQLite) into `target` (PostgreSQL, migrated, holding no pantry yet); checked, or nothing kept."""
    if source.engine.dialect.name != "sqlite":
        raise UserError(_("copy to server: the pantry to copy must be a SQLite file (--db FILE)"))
    if target.engine.dialect.name != "postgresql":
        raise UserError(_("copy to server: the server must be a PostgreSQL database URL (postgresql+psycopg://...)"))
    with source.session() as session:
        permissions.require(session, user_id, "backup")
    if _holds_a_pantry(target):
        raise UserError(
            _(
                "copy to server: the server's database already holds a pantry (items, donations or households); "
                "copy only into a new one (`createdb`, then `pantry --db URL init`)"
            )
        )
    started = time.perf_counter()
    tables = list(Base.metadata.sorted_tables)
    counts: dict[str, int] = {}
    with source.engine.connect() as reading, target.engine.begin() as writing:
        writing.exec_driver_sql(
            "TRUNCATE " + ", ".join(f'"{table.name}"' for table in tables) + " RESTART IDENTITY CASCADE"
        )
        driver = writing.connection.driver_connection
        assert driver is not None
        with driver.cursor() as cursor:
            for table in tables:
                if progress is not None:
                    progress(table.name)
                columns = [column.name for column in table.columns]
                booleans = {index for index, column in enumerate(table.columns) if column.type.python_type is bool}
                names = ", ".join(f'"{name}"' for name in columns)
                rows = reading.exec_driver_sql(f'SELECT {names} FROM "{table.name}"')
                copied = 0
                with cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
                    for row in rows:
                        if booleans:
                            row = tuple(
                                bool(value) if index in booleans and value is not None else value
                                for index, value in enumerate(row)
                            )
                        copy.write_row(row)
                        copied += 1
                counts[table.name] = copied
        for table in tables:
            key = table.columns.get("id")
            if key is not None and key.primary_key and isinstance(key.type, Integer):
                writing.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                    f'(SELECT coalesce(max(id), 0) + 1 FROM "{table.name}"), false)'
                )
        for table in tables:
            on_server = writing.exec_driver_sql(f'SELECT count(*) FROM "{table.name}"').scalar_one()
            if on_server != counts[table.name]:
                raise UserError(
                    _(
                        "copy to server: {table} has {on_server} rows on the server but {counts} in the file; nothing "
                        "was kept"
                    ).format(table=table.name, on_server=on_server, counts=counts[table.name])
                )
        with Session(bind=writing) as session:  # checked before it is committed
            report = verify.verify(session)
        if not report.ok:
            raise UserError(
                "copy to server: the copy does not verify, nothing was kept: " + "; ".join(report.problems[:5])
            )
    with target.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("ANALYZE")
    return Copied(len(tables), sum(counts.values()), time.perf_counter() - started, tuple(report.checks))
