"""Benchmarks on a database of about 1,000,000 movements. They print figures; they assert nothing about speed.

Run with `make bench`. The big database is built once (sample pantry, scaled) and kept in bench-out/.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pantry import sample
from pantry.db import open_database
from pantry.models import Item, Movement, ProductCode
from pantry.services import catalog, imports, intake, stock, users

OUT = Path(__file__).resolve().parents[2] / "bench-out"
TARGET_MOVEMENTS = 1_000_000
IMPORT_ROWS = 100_000
TODAY = dt.date(2026, 11, 25)


def _report(name: str, value: str) -> None:
    line = f"BENCH {name}: {value}"
    print(line)
    with (OUT / "figures.txt").open("a") as figures:
        figures.write(line + "\n")


@pytest.fixture(scope="module")
def big_db() -> Path:
    OUT.mkdir(exist_ok=True)
    path = OUT / f"bench-{TARGET_MOVEMENTS}.sqlite"
    if not path.exists():
        started = time.perf_counter()
        database = open_database(path)
        with database.session() as session:
            summary = sample.fill(session, scale=145, today=TODAY)
        database.dispose()
        _report("build sample x145", f"{summary.movements} movements in {time.perf_counter() - started:.1f} s")
    return path


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def test_scan_to_line(big_db: Path) -> None:
    """What the intake screen's worker does for a scan: find the code, then prefill expiry and location."""
    database = open_database(big_db)
    with database.session() as session:
        codes = [code for (code,) in session.execute(select(ProductCode.code))]
        count = session.scalar(select(func.count(Movement.id)))
    _report("ledger size", f"{count} movements")
    rng = random.Random(7)
    timings = []
    for _ in range(300):
        code = rng.choice(codes)
        started = time.perf_counter()
        with database.session() as session:
            hit = catalog.lookup_code(session, code)
            assert hit is not None
            intake.default_expiry(TODAY, hit.item.date_kind, hit.item.shelf_life_days)
            intake.last_location_id(session, hit.item.id) or intake.default_location_id(session)
        timings.append((time.perf_counter() - started) * 1000)
    database.dispose()
    _report(
        "scan to line (core)",
        f"median {statistics.median(timings):.2f} ms, p95 {_percentile(timings, 0.95):.2f} ms (target <= 20 ms)",
    )


def test_save_donation(big_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.sqlite"
    shutil.copy(big_db, copy)
    database = open_database(copy)
    with database.session() as session:
        items = list(session.scalars(select(Item.id).where(Item.unit == "each").limit(10)))
        user = users.acting_user(session).id
    timings = []
    for _ in range(50):
        started = time.perf_counter()
        with database.session() as session:
            lines = [intake.IntakeLine(item_id, quantity=3) for item_id in items]
            intake.record_donation(session, intake.DonationDraft(TODAY, lines), user, today=TODAY)
        timings.append((time.perf_counter() - started) * 1000)
    database.dispose()
    _report(
        "save a 10-line donation",
        f"median {statistics.median(timings):.1f} ms, p95 {_percentile(timings, 0.95):.1f} ms",
    )


def test_stock_queries(big_db: Path) -> None:
    database = open_database(big_db)
    for label, as_of in (
        ("now", None),
        ("as of 30 days ago", TODAY - dt.timedelta(days=30)),
        ("as of 150 days ago", TODAY - dt.timedelta(days=150)),
    ):
        timings = []
        for _ in range(7):
            started = time.perf_counter()
            with database.session() as session:
                rows = stock.stock_by_item(session, as_of)
            timings.append((time.perf_counter() - started) * 1000)
        target = "50 ms" if as_of is None else "500 ms"
        _report(
            f"stock by item {label}",
            f"median {statistics.median(timings):.1f} ms, {len(rows)} items (target <= {target})",
        )
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        with database.session() as session:
            rows = stock.stock_by_lot(session)
        timings.append((time.perf_counter() - started) * 1000)
    _report("stock by lot now", f"median {statistics.median(timings):.1f} ms, {len(rows)} rows")
    database.dispose()


def _donations_csv(path: Path, database_path: Path) -> None:
    database = open_database(database_path)
    with database.session() as session:
        skus = [sku for (sku,) in session.execute(select(Item.sku).where(Item.unit == "each"))]
        donors = [row.name for row in catalog.donors(session)]
    database.dispose()
    rng = random.Random(11)
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["date", "donor", "item", "quantity", "weight_kg", "weight_lb", "expires", "location", "note"])
        for index in range(IMPORT_ROWS):
            day = TODAY - dt.timedelta(days=index % 60)
            writer.writerow(
                [
                    day.isoformat(),
                    rng.choice(donors),
                    rng.choice(skus),
                    rng.randint(1, 24),
                    "",
                    "",
                    (day + dt.timedelta(days=300)).isoformat(),
                    "",
                    "",
                ]
            )


_WRITTEN = {  # what an import writes, and how to find the new rows
    "donation": "id > ?",
    "lot": "id > ?",
    "movement": "id > ?",
    "balance": "lot_id > ?",
}


def _max_ids(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as raw:
        lot = raw.execute("SELECT max(id) FROM lot").fetchone()[0]
        return {
            "donation": raw.execute("SELECT max(id) FROM donation").fetchone()[0],
            "lot": lot,
            "movement": raw.execute("SELECT max(id) FROM movement").fetchone()[0],
            "balance": lot,
        }


def _raw_floor(big_db: Path, imported: Path, tmp_path: Path) -> float:
    """Seconds for sqlite3's executemany to insert exactly the rows the import wrote, into the same database."""
    before = _max_ids(big_db)
    with sqlite3.connect(imported) as raw:
        written = {
            table: raw.execute(f"SELECT * FROM {table} WHERE {where}", (before[table],)).fetchall()
            for table, where in _WRITTEN.items()
        }
    target = tmp_path / "floor.sqlite"
    shutil.copy(big_db, target)
    with sqlite3.connect(target) as raw:
        raw.execute("PRAGMA journal_mode=WAL")
        raw.execute("PRAGMA synchronous=NORMAL")
        started = time.perf_counter()
        for table, rows in written.items():
            marks = ",".join("?" * len(rows[0]))
            raw.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
        raw.commit()
        return time.perf_counter() - started


def _plain_table_seconds(source: Path, tmp_path: Path) -> float:
    """Seconds to parse the CSV and insert its rows as they are into an unindexed table."""
    started = time.perf_counter()
    with sqlite3.connect(tmp_path / "plain.sqlite") as raw:
        raw.execute("CREATE TABLE row (date, donor, item, quantity, weight_kg, weight_lb, expires, location, note)")
        with source.open(newline="") as handle:
            reader = csv.reader(io.StringIO(handle.read()))
            next(reader)
            raw.executemany("INSERT INTO row VALUES (?,?,?,?,?,?,?,?,?)", list(reader))
    return time.perf_counter() - started


def test_import_donations_against_raw_floor(big_db: Path, tmp_path: Path) -> None:
    source = tmp_path / "donations.csv"
    _donations_csv(source, big_db)
    copy = tmp_path / "copy.sqlite"
    shutil.copy(big_db, copy)
    database = open_database(copy)
    started = time.perf_counter()
    with database.session() as session:
        summary = imports.import_donations(session, source, users.acting_user(session).id, today=TODAY)
    ours = time.perf_counter() - started
    database.dispose()
    assert summary.lines == IMPORT_ROWS
    floor = _raw_floor(big_db, copy, tmp_path)
    plain = _plain_table_seconds(source, tmp_path)
    _report(
        "import donations",
        f"{IMPORT_ROWS / ours:,.0f} rows/s ({ours:.2f} s for {IMPORT_ROWS:,} rows); raw sqlite3 executemany of the "
        f"same donation/lot/movement/balance rows {IMPORT_ROWS / floor:,.0f} rows/s ({floor:.2f} s): "
        f"{ours / floor:.1f}x the floor (target <= 3x); CSV into one unindexed table {IMPORT_ROWS / plain:,.0f} rows/s",
    )


def test_cli_start_up(big_db: Path) -> None:
    pantry = Path(sys.executable).with_name("pantry")
    for label, args in (
        ("pantry --version", ["--version"]),
        ("pantry stock (1M db)", ["--db", str(big_db), "stock", "--format", "csv"]),
    ):
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            subprocess.run([str(pantry), *args], check=True, capture_output=True, env={**os.environ})
            timings.append((time.perf_counter() - started) * 1000)
        _report(f"start-up {label}", f"median {statistics.median(timings):.0f} ms")
