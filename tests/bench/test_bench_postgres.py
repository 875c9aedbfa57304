"""The database figures again on PostgreSQL (a real server on loopback), at the large scale, beside SQLite's.

The large SQLite database is copied into a migrated PostgreSQL database by `pantry copy-to-server` (COPY: every table,
every row, the same ids, the sequences moved past them, checked, analysed). The figures keep
SQLite's names so that the table prints them side by side. Skipped when the PostgreSQL server binaries are missing.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from pantry.db import Database, open_database
from pantry.services import stock, users
from pantry.services.reports import rollforward, stock_on_hand
from pantry.services.reports.period import Period
from pantry.services.server_copy import copy_to_server
from tests.bench import harness
from tests.bench.scales import TODAY
from tests.bench.test_bench import item_names, lookup_as_you_type, scan_codes, scan_to_saved
from tests.integration.conftest import postgres_url  # noqa: F401 (the throwaway server, a fixture)

LARGE = "large"
PG = "postgresql"
YEAR = Period(TODAY - dt.timedelta(days=364), TODAY)


def _copy_into(source: Path, database: Database) -> tuple[int, float]:
    """Every row of every table of `source` into the (migrated) PostgreSQL database, as `pantry copy-to-server`
    does; rows and seconds."""
    from_file = open_database(source, read_only=True)
    try:
        with from_file.session() as session:
            admin = users.acting_user(session, None).id
        copied = copy_to_server(from_file, database, admin)
    finally:
        from_file.dispose()
    return copied.rows, copied.seconds


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
