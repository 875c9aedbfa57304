"""Report benchmarks at the large scale (1,000,000 movements over 3 years) and the year roll-forward and stock as of
a date at the food-bank scale (10,000,000 movements). `make bench`; they assert nothing about speed.

The large figures run on a copy of the cached database (one of them adds an index); the food-bank ones read the cache.
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from pantry.db import Database, open_database
from pantry.documents.report_csv import report_csv
from pantry.documents.report_pdf import render_report_pdf
from pantry.documents.xlsx import write_xlsx
from pantry.services.reports import distributions, donations, monthly, rollforward, stock_on_hand, sums, waste
from pantry.services.reports.period import Period
from pantry.services.reports.rows import TOTAL, Column, Report, Section
from tests.bench import harness
from tests.bench.scales import TODAY

YEAR = Period(TODAY - dt.timedelta(days=364), TODAY)
QUARTER = Period(dt.date(2026, 7, 1), dt.date(2026, 9, 30))
KIND_INDEX = (
    "CREATE INDEX ix_movement_date_item_kind ON movement "
    "(business_date, item_id, kind, reason, quantity, grams, value_cents)"
)
OLD_INDEX = "CREATE INDEX ix_movement_date_item ON movement (business_date, item_id, quantity, grams, value_cents)"


@pytest.fixture(scope="module")
def copy(large_copy: Database) -> Database:
    return large_copy


@pytest.fixture(scope="module")
def food_bank(food_bank_db: Path) -> Iterator[Database]:
    """The cached food-bank database itself (2 GB: these figures only read; a new migration upgrades it once)."""
    database = open_database(food_bank_db)
    yield database
    database.dispose()


def _median(run: Callable[[], Any], times: int = 5) -> tuple[list[float], Any]:
    timings, result = [], None
    for _ in range(times):
        started = time.perf_counter()
        result = run()
        timings.append((time.perf_counter() - started) * 1000)
    return timings, result


def _timed(database: Database, build: Callable[[Any], Any], times: int = 5) -> tuple[list[float], Any]:
    def run() -> Any:
        with database.session() as session:
            return build(session)

    return _median(run, times)


def _floor(database: Database, build: Callable[[Any], Any]) -> list[float]:
    """Raw sqlite3 running the statements `build` sends, on the same file."""
    with harness.captured_sql(database.engine) as statements, database.session() as session:
        build(session)
    return harness.raw_sqlite_ms(Path(str(database.engine.url.database)), statements, 2)


def _rollforward_figures(database: Database, scale: str, target: float, times: int = 5) -> None:
    with database.session() as session:
        movements = session.execute(
            text("SELECT count(*) FROM movement WHERE business_date BETWEEN :a AND :b"),
            {"a": YEAR.start.isoformat(), "b": YEAR.end.isoformat()},
        ).scalar_one()
        layout = "index covers kind and reason" if sums._kind_is_indexed(session) else "older index"
    year = lambda session: rollforward.rollforward(session, YEAR)  # noqa: E731
    timings, figures = _timed(database, year, times)
    assert figures.balanced
    harness.record(
        "year roll-forward by category (core)", scale, timings, target, _floor(database, year),
        note=f"{movements:,} movements in the year, {len(figures.rows)} rows, balances; {layout}",
    )  # fmt: skip
    by_item = lambda session: rollforward.rollforward(session, YEAR, by="item")  # noqa: E731
    timings, _ = _timed(database, by_item, times)
    harness.record("year roll-forward by item (core)", scale, timings, target, _floor(database, by_item))


def test_year_rollforward(copy: Database) -> None:
    _rollforward_figures(copy, "large", 1000)
    timings, _ = _timed(copy, lambda session: rollforward.rollforward(session, QUARTER))
    harness.record("quarter roll-forward by category (core)", "large", timings, None)
    timings, report = _timed(
        copy, lambda session: rollforward.rollforward_report(session, YEAR, generated_by="bench"), times=3
    )
    assert report.balanced
    harness.record(
        "year roll-forward report (sources, recipients, reasons, months)", "large", timings, None,
        note=f"{len(report.sections)} sections",
    )  # fmt: skip


def test_year_rollforward_food_bank(food_bank: Database) -> None:
    _rollforward_figures(food_bank, "food-bank", 5000, times=3)


def _stock_report_figures(database: Database, scale: str, target: float, times: int = 5) -> None:
    as_of = TODAY - dt.timedelta(days=30)
    for by in ("item", "location"):
        build = lambda session, by=by: stock_on_hand.stock_report(session, as_of, by=by)  # noqa: E731
        timings, report = _timed(database, build, times=times)
        assert report.balanced
        harness.record(
            f"stock report by {by} as of 30 days ago (expiring lots flagged)", scale, timings, target,
            _floor(database, build), note=f"{len(report.primary.rows)} rows",
        )  # fmt: skip


def test_stock_as_of_a_past_date(copy: Database) -> None:
    _stock_report_figures(copy, "large", 500)


def test_stock_as_of_a_past_date_food_bank(food_bank: Database) -> None:
    _stock_report_figures(food_bank, "food-bank", 5000, times=3)


def test_period_reports(copy: Database) -> None:
    for name, build in (
        ("donations", lambda session, period: donations.donations_report(session, period)),
        ("waste", lambda session, period: waste.waste_report(session, period)),
        ("distributions", lambda session, period: distributions.distributions_report(session, period)),
        ("monthly", lambda session, period: monthly.monthly_report(session, period)),
    ):
        for label, period in (("a quarter", QUARTER), ("a year", YEAR)):
            timings, report = _timed(copy, lambda session, build=build, period=period: build(session, period), times=2)
            harness.record(f"{name} report, {label}", "large", timings, None, note=f"{len(report.primary.rows)} rows")


def test_formats(copy: Database, tmp_path: Path) -> None:
    with copy.session() as session:
        report = rollforward.rollforward_report(session, YEAR, by="item", generated_by="bench")
    for name, write in (
        ("CSV", lambda: report_csv(report)),
        ("XLSX", lambda: write_xlsx(report, tmp_path / "rf.xlsx")),
        ("PDF", lambda: render_report_pdf(report, tmp_path / "rf.pdf")),
    ):
        timings, result = _median(write, 3)
        pages = f"{result} pages" if name == "PDF" else ""
        harness.record(f"year roll-forward by item as {name}", "large", timings, None, note=pages)


@dataclass(frozen=True)
class _Row:
    sku: str
    name: str
    grams: int
    cents: int


def test_long_pdf_builds_page_by_page(tmp_path: Path) -> None:
    rows = [_Row(f"P{index:05d}", f"Item number {index} with a longer name", index, index) for index in range(18_000)]
    columns = (
        Column("sku", "SKU", "text", lambda r: r.sku, total="none"),
        Column("item", "Item", "text", lambda r: r.name, total="none"),
        Column("weight_kg", "Weight", "kg", lambda r: r.grams),
        Column("value", "Value", "money", lambda r: r.cents),
    )
    report = Report(
        kind="stock",
        title="Stock on hand",
        scope="as of today",
        org_name="Bench Pantry",
        generated_at=dt.datetime.now(dt.UTC),
        generated_by="bench",
        currency="USD",
        sections=(Section("rows", "Rows", columns, rows, _Row(TOTAL, "", 0, 0)),),
    )
    timings, pages = _median(lambda: render_report_pdf(report, tmp_path / "long.pdf"), 1)
    harness.record(
        "PDF of one 18,000-row table", "-", timings, None, note=f"{pages} pages (one platypus Table: 16 s, FACTS.md)"
    )


def test_the_other_index_layout(copy: Database, tmp_path: Path) -> None:
    """The year roll-forward with the movement index the schema does not have: the one covering kind and reason
    (migration 0005) when the schema has the older (date, item, quantity, grams, cents) one, and the other way round."""
    path = tmp_path / "other-index.sqlite"
    with copy.session() as session:
        session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        had_kind_index = sums._kind_is_indexed(session)
    shutil.copyfile(Path(str(copy.engine.url.database)), path)
    database = open_database(path)
    started = time.perf_counter()
    with database.session() as session:
        if had_kind_index:
            session.execute(text("DROP INDEX ix_movement_date_item_kind"))
            session.execute(text(OLD_INDEX))
            label = "with the older index (date, item, qty, g, cents): one read of the table, sorted"
        else:
            session.execute(text(KIND_INDEX))
            label = "with an index on (date, item, kind, reason, qty, g, cents): streamed, no sort"
    built = time.perf_counter() - started
    timings, figures = _timed(database, lambda session: rollforward.rollforward(session, YEAR), 3)
    assert figures.balanced
    harness.record(
        f"year roll-forward by category, {label}", "large", timings, None, note=f"index built in {built:.1f} s"
    )
    database.dispose()
