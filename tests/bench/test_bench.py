"""Desk-sized database figures at the large scale (1,000,000 movements, 20,000 lots on hand, 20,000 items).

Run with `make bench`. Each figure goes through `harness.record`; database figures carry the floor of raw sqlite3
running the same statements. Nothing here asserts a time.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from pantry.db import Database, open_database
from pantry.models import Item, ProductCode
from pantry.services import catalog, imports, intake, stock, users
from tests.bench import harness
from tests.bench.scales import TODAY
from ui import tasks

IMPORT_ROWS = 100_000
LARGE = "large"


def scan_to_saved(database: Database, codes: list[str], rng: random.Random) -> list[float]:
    """The worker's work for one scan, then saving that line as a donation: the scan's lookup and prefill in one
    session, the donation (lot, movement, balance, operation) in another, committed."""
    user_id = users_id(database)
    result = []
    for _ in range(200):
        code = rng.choice(codes)
        started = time.perf_counter()
        with database.session() as session:
            found = tasks.scan(session, code, TODAY)
        assert found.line is not None, code
        line = found.line
        with database.session() as session:
            amount = {"quantity": line.quantity} if line.quantity else {"grams": 1000}
            saved = intake.IntakeLine(line.item.id, expires_on=line.expires_on, location_id=line.location_id, **amount)
            intake.record_donation(session, intake.DonationDraft(TODAY, [saved]), user_id, today=TODAY)
        result.append((time.perf_counter() - started) * 1000)
    return result


def users_id(database: Database) -> int:
    with database.session() as session:
        return users.acting_user(session).id


def scan_codes(database: Database) -> list[str]:
    with database.session() as session:
        return list(session.scalars(select(ProductCode.code).where(ProductCode.quantity_per_scan == 1)))


def item_names(database: Database) -> list[str]:
    with database.session() as session:
        return list(session.scalars(select(Item.name)))


def lookup_as_you_type(database: Database, names: list[str], rng: random.Random) -> list[float]:
    """What the item box asks for each keystroke of a name: 1 to 6 characters of 60 names."""
    result = []
    for name in rng.sample(names, 60):
        for length in range(1, 7):
            started = time.perf_counter()
            with database.session() as session:
                catalog.find_items(session, name[:length])
            result.append((time.perf_counter() - started) * 1000)
    return result


def test_scan_to_saved(large_copy: Database) -> None:
    timings = scan_to_saved(large_copy, scan_codes(large_copy), random.Random(7))
    harness.record("scan-to-saved intake line (service + commit)", LARGE, timings, 20, p95_target_ms=50)


def test_save_a_ten_line_donation(large_copy: Database) -> None:
    with large_copy.session() as session:
        items = list(session.scalars(select(Item.id).where(Item.unit == "each").limit(10)))
    user_id = users_id(large_copy)

    def save() -> None:
        with large_copy.session() as session:
            lines = [intake.IntakeLine(item_id, quantity=3) for item_id in items]
            intake.record_donation(session, intake.DonationDraft(TODAY, lines), user_id, today=TODAY)

    harness.record("save a 10-line donation", LARGE, harness.timings(save, 50), None)


def test_item_lookup_as_you_type(large_db: Path) -> None:
    database = open_database(large_db)
    names = item_names(database)
    rng = random.Random(5)
    with harness.captured_sql(database.engine) as statements:
        timings = lookup_as_you_type(database, names, rng)
    floor = harness.raw_sqlite_ms(large_db, statements, times=1)[0] / len(timings)
    database.dispose()
    harness.record(
        f"item lookup as you type (prefix, {len(names):,} items)", LARGE, timings, 10, floor,
        note="1 to 6 letters of 60 names, a session per keystroke",
    )  # fmt: skip


def _stock_figure(database: Database, path: Path, label: str, scale: str, as_of: dt.date | None, target: float) -> None:
    def run() -> None:
        with database.session() as session:
            stock.stock_by_item(session, as_of)

    with harness.captured_sql(database.engine) as statements:
        run()
    harness.record(label, scale, harness.timings(run, 9), target, harness.raw_sqlite_ms(path, statements))


def test_stock_by_item(large_db: Path) -> None:
    database = open_database(large_db)
    _stock_figure(database, large_db, "stock by item now", LARGE, None, 50)
    _stock_figure(database, large_db, "stock by item as of 30 days ago", LARGE, TODAY - dt.timedelta(days=30), 500)
    _stock_figure(database, large_db, "stock by item as of 2 years ago", LARGE, TODAY - dt.timedelta(days=730), 500)
    database.dispose()


def test_stock_by_item_food_bank(food_bank_db: Path) -> None:
    database = open_database(food_bank_db)
    for days in (30, 365):
        _stock_figure(
            database, food_bank_db, f"stock by item as of {days} days ago", "food-bank",
            TODAY - dt.timedelta(days=days), 5000,
        )  # fmt: skip
    database.dispose()


def test_stock_by_lot(large_db: Path) -> None:
    database = open_database(large_db)

    def run() -> None:
        with database.session() as session:
            stock.stock_by_lot(session)

    with harness.captured_sql(database.engine) as statements:
        run()
    harness.record("stock by lot now (20,000 lots)", LARGE, harness.timings(run, 5), None, harness.raw_sqlite_ms(
        large_db, statements, 3))  # fmt: skip
    database.dispose()


def _donations_csv(path: Path, database: Database) -> None:
    with database.session() as session:
        skus = [sku for (sku,) in session.execute(select(Item.sku).where(Item.unit == "each"))]
        donors = [row.name for row in catalog.donors(session)]
    rng = random.Random(11)
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["date", "donor", "item", "quantity", "weight_kg", "weight_lb", "expires", "location", "note"])
        for index in range(IMPORT_ROWS):
            day = TODAY - dt.timedelta(days=index % 60)
            writer.writerow(
                [day.isoformat(), rng.choice(donors), rng.choice(skus), rng.randint(1, 24), "", "",
                 (day + dt.timedelta(days=300)).isoformat(), "", ""]
            )  # fmt: skip


_WRITTEN = {  # what an import writes, and how to find the new rows
    "donation": "id > ?",
    "lot": "id > ?",
    "operation": "id > ?",
    "movement": "id > ?",
    "balance": "lot_id > ?",
}


def _max_ids(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as raw:
        top = {table: raw.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0] for table in _WRITTEN
               if table != "balance"}  # fmt: skip
    return {**top, "balance": top["lot"]}


_SUMMARIES = ("ledger_month", "stock_month")  # month summaries the import adds to (new rows, or rows it changed)


def _raw_floor(source: Path, imported: Path, tmp_path: Path) -> float:
    """Seconds for sqlite3's executemany to insert exactly the rows the import wrote, into the same database: its new
    rows, and the month summaries' rows it made or changed (written whole, INSERT OR REPLACE)."""
    before = _max_ids(source)
    with sqlite3.connect(imported) as raw:
        written = {
            table: raw.execute(f"SELECT * FROM {table} WHERE {where}", (before[table],)).fetchall()
            for table, where in _WRITTEN.items()
        }
        raw.execute("ATTACH DATABASE ? AS before", (str(source),))
        present = {name for (name,) in raw.execute("SELECT name FROM before.sqlite_master WHERE type = 'table'")}
        changed = {
            table: raw.execute(f"SELECT * FROM main.{table} EXCEPT SELECT * FROM before.{table}").fetchall()
            for table in _SUMMARIES
            if table in present
        }
        raw.execute("DETACH DATABASE before")
    target = tmp_path / "floor.sqlite"
    shutil.copy(source, target)
    with sqlite3.connect(target) as raw:
        raw.execute("PRAGMA journal_mode=WAL")
        raw.execute("PRAGMA synchronous=NORMAL")
        started = time.perf_counter()
        for table, rows in written.items():
            if rows:
                raw.executemany(f"INSERT INTO {table} VALUES ({','.join('?' * len(rows[0]))})", rows)
        for table, rows in changed.items():
            if rows:
                raw.executemany(f"INSERT OR REPLACE INTO {table} VALUES ({','.join('?' * len(rows[0]))})", rows)
        raw.commit()
        return time.perf_counter() - started


def test_import_donations_against_raw_floor(large_db: Path, tmp_path: Path) -> None:
    """Target: at least a third of the floor's rows per second, i.e. at most 3x the floor's time."""
    copy = tmp_path / "copy.sqlite"
    shutil.copy(large_db, copy)
    database = open_database(copy)
    source = tmp_path / "donations.csv"
    _donations_csv(source, database)
    shutil.copy(copy, tmp_path / "before.sqlite")
    started = time.perf_counter()
    with database.session() as session:
        summary = imports.import_donations(session, source, users.acting_user(session).id, today=TODAY)
    ours = time.perf_counter() - started
    database.dispose()
    assert summary.lines == IMPORT_ROWS
    floor = _raw_floor(tmp_path / "before.sqlite", copy, tmp_path)
    harness.record(
        f"bulk import donations ({IMPORT_ROWS:,} CSV rows)", LARGE, [ours * 1000], 3 * floor * 1000, floor * 1000,
        note=f"{IMPORT_ROWS / ours:,.0f} rows/s; raw sqlite3 executemany of the same rows {IMPORT_ROWS / floor:,.0f}"
        f" rows/s; target: at least 1/3 of the floor's rows/s",
    )  # fmt: skip


def test_plain_csv_floor(tmp_path: Path, large_db: Path) -> None:
    """For scale: parsing the CSV and inserting its rows as they are into one unindexed table."""
    database = open_database(large_db)
    source = tmp_path / "donations.csv"
    _donations_csv(source, database)
    database.dispose()

    def run() -> None:
        (tmp_path / "plain.sqlite").unlink(missing_ok=True)
        with sqlite3.connect(tmp_path / "plain.sqlite") as raw:
            raw.execute("CREATE TABLE row (date, donor, item, quantity, weight_kg, weight_lb, expires, location, note)")
            reader = csv.reader(io.StringIO(source.read_text()))
            next(reader)
            raw.executemany("INSERT INTO row VALUES (?,?,?,?,?,?,?,?,?)", list(reader))

    harness.record(f"CSV into one unindexed table ({IMPORT_ROWS:,} rows, no rules)", LARGE, harness.timings(run, 3),
                   None)  # fmt: skip


@pytest.mark.usefixtures("compiled")
@pytest.mark.parametrize(
    ("label", "args"),
    [("pantry --version", ["--version"]), ("pantry stock end to end", ["stock", "--format", "csv"])],
)
def test_cli(large_db: Path, label: str, args: list[str]) -> None:
    pantry = Path(sys.executable).with_name("pantry")
    command = [str(pantry), *(["--db", str(large_db)] if args[0] != "--version" else []), *args]

    def run() -> None:
        subprocess.run(command, check=True, capture_output=True, env={**os.environ})

    harness.record(f"{label} (whole process)", LARGE, harness.timings(run, 5), 1500 if args[0] == "stock" else None)
