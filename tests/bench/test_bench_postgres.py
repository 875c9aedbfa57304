"""The database figures again on PostgreSQL (a real server on loopback), at the large scale, beside SQLite's.

The large SQLite database is copied into a migrated PostgreSQL database with COPY (every table, every row, the same
ids), the sequences are moved past the copied ids and the tables analysed, as after any bulk load. The figures keep
SQLite's names so that the table prints them side by side. Skipped when the PostgreSQL server binaries are missing.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Integer, text

from pantry.db import Database, open_database
from pantry.models import Base
from pantry.services import stock
from pantry.services.reports import rollforward, stock_on_hand
from pantry.services.reports.period import Period
from tests.bench import harness
from tests.bench.scales import TODAY
from tests.bench.test_bench import item_names, lookup_as_you_type, scan_codes, scan_to_saved
from tests.integration.conftest import postgres_url  # noqa: F401 (the throwaway server, a fixture)

LARGE = "large"
PG = "postgresql"
YEAR = Period(TODAY - dt.timedelta(days=364), TODAY)


def _copy_into(source: Path, database: Database) -> tuple[int, float]:
    """Every row of every table of `source` into the (migrated, emptied) PostgreSQL database; rows and seconds."""
    started = time.perf_counter()
    tables = [table for table in Base.metadata.sorted_tables]
    raw_sqlite = sqlite3.connect(source)
    rows = 0
    with database.engine.begin() as connection:
        connection.exec_driver_sql(
            "TRUNCATE " + ", ".join(f'"{table.name}"' for table in tables) + " RESTART IDENTITY CASCADE"
        )
        driver = connection.connection.driver_connection
        assert driver is not None
        with driver.cursor() as cursor:
            for table in tables:
                columns = [column.name for column in table.columns]
                booleans = {index for index, column in enumerate(table.columns) if column.type.python_type is bool}
                names = ", ".join(f'"{name}"' for name in columns)
                query = raw_sqlite.execute(f'SELECT {names} FROM "{table.name}"')
                with cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
                    for row in query:
                        if booleans:
                            row = tuple(bool(v) if i in booleans and v is not None else v for i, v in enumerate(row))
                        copy.write_row(row)
                        rows += 1
        for table in tables:
            key = table.columns.get("id")
            if key is not None and key.primary_key and isinstance(key.type, Integer):
                connection.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                    f'(SELECT coalesce(max(id), 0) + 1 FROM "{table.name}"), false)'
                )
    raw_sqlite.close()
    with database.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM ANALYZE")
    return rows, time.perf_counter() - started


@pytest.fixture(scope="module")
def pg_large(postgres_url: str, large_db: Path) -> Iterator[Database]:  # noqa: F811
    database = open_database(postgres_url)  # the schema, by the same migrations
    rows, seconds = _copy_into(large_db, database)
    with database.session() as session:
        assert session.execute(text("SELECT count(*) FROM movement")).scalar_one() > 1_000_000 - 1000
    harness.record("load the large database into PostgreSQL with COPY", LARGE, [seconds * 1000], None,
                   backend=PG, note=f"{rows:,} rows, then VACUUM ANALYZE")  # fmt: skip
    yield database
    database.dispose()


def _timed(database: Database, build: object, times: int) -> list[float]:
    def run() -> None:
        with database.session() as session:
            build(session)  # type: ignore[operator]

    return harness.timings(run, times)


def test_desk_figures_on_postgres(pg_large: Database) -> None:
    timings = scan_to_saved(pg_large, scan_codes(pg_large), random.Random(7))
    harness.record("scan-to-saved intake line (service + commit)", LARGE, timings, 20, p95_target_ms=50, backend=PG)
    names = item_names(pg_large)
    harness.record(
        f"item lookup as you type (prefix, {len(names):,} items)", LARGE,
        lookup_as_you_type(pg_large, names, random.Random(5)), 10, backend=PG,
    )  # fmt: skip


def test_stock_figures_on_postgres(pg_large: Database) -> None:
    for label, as_of, target in (
        ("stock by item now", None, 50),
        ("stock by item as of 30 days ago", TODAY - dt.timedelta(days=30), 500),
        ("stock by item as of 2 years ago", TODAY - dt.timedelta(days=730), 500),
    ):
        timings = _timed(pg_large, lambda session, as_of=as_of: stock.stock_by_item(session, as_of), 9)
        harness.record(label, LARGE, timings, target, backend=PG)
    harness.record("stock by lot now (20,000 lots)", LARGE, _timed(pg_large, stock.stock_by_lot, 5), None, backend=PG)


def test_report_figures_on_postgres(pg_large: Database) -> None:
    harness.record(
        "year roll-forward by category (core)", LARGE,
        _timed(pg_large, lambda session: rollforward.rollforward(session, YEAR), 5), 1000, backend=PG,
    )  # fmt: skip
    harness.record(
        "year roll-forward by item (core)", LARGE,
        _timed(pg_large, lambda session: rollforward.rollforward(session, YEAR, by="item"), 5), 1000, backend=PG,
    )  # fmt: skip
    as_of = TODAY - dt.timedelta(days=30)
    for by in ("item", "location"):
        harness.record(
            f"stock report by {by} as of 30 days ago (expiring lots flagged)", LARGE,
            _timed(pg_large, lambda session, by=by: stock_on_hand.stock_report(session, as_of, by=by), 5), 500,
            backend=PG,
        )  # fmt: skip
