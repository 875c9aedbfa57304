"""Report benchmarks on the database of about 1,000,000 movements (`make bench`). They print figures and append them to
bench-out/figures.txt; they assert nothing about speed.

They run on a copy of the big database, so that migrating it to the current schema never touches the shared one.
"""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
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
from pantry.services import stock
from pantry.services.reports import distributions, donations, monthly, rollforward, stock_on_hand, sums, waste
from pantry.services.reports.period import Period
from pantry.services.reports.rows import TOTAL, Column, Report, Section
from tests.bench.test_bench import TODAY, _report, big_db  # noqa: F401 (big_db is a fixture)

YEAR = Period(TODAY - dt.timedelta(days=364), TODAY)
QUARTER = Period(dt.date(2026, 7, 1), dt.date(2026, 9, 30))
KIND_INDEX = (
    "CREATE INDEX ix_movement_date_item_kind ON movement "
    "(business_date, item_id, kind, reason, quantity, grams, value_cents)"
)
OLD_INDEX = "CREATE INDEX ix_movement_date_item ON movement (business_date, item_id, quantity, grams, value_cents)"


@pytest.fixture(scope="module")
def copy(big_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:  # noqa: F811
    path = tmp_path_factory.mktemp("reports") / "bench.sqlite"
    shutil.copyfile(big_db, path)
    started = time.perf_counter()
    database = open_database(path)  # migrates the copy when the schema has moved on
    _report("reports: open (and migrate) a copy of the 1M database", f"{time.perf_counter() - started:.1f} s")
    yield database
    database.dispose()


def _median(run: Callable[[], Any], times: int = 5) -> tuple[float, Any]:
    timings, result = [], None
    for _ in range(times):
        started = time.perf_counter()
        result = run()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), result


def _timed(database: Database, build: Callable[[Any], Any], times: int = 5) -> tuple[float, Any]:
    def run() -> Any:
        with database.session() as session:
            return build(session)

    return _median(run, times)


def test_year_rollforward(copy: Database) -> None:
    with copy.session() as session:
        movements = session.execute(
            text("SELECT count(*) FROM movement WHERE business_date BETWEEN :a AND :b"),
            {"a": YEAR.start.isoformat(), "b": YEAR.end.isoformat()},
        ).scalar_one()
    with copy.session() as session:
        layout = "movement index covers kind and reason" if sums._kind_is_indexed(session) else "older index"
    ms, figures = _timed(copy, lambda session: rollforward.rollforward(session, YEAR))
    assert figures.balanced
    _report(
        f"roll-forward, a year by category (core; schema as migrated: {layout})",
        f"median {ms:.0f} ms over {movements:,} movements, {len(figures.rows)} rows, balances (target <= 1000 ms)",
    )
    ms, figures = _timed(copy, lambda session: rollforward.rollforward(session, YEAR, by="item"))
    _report("roll-forward, a year by item (core)", f"median {ms:.0f} ms, {len(figures.rows)} rows")
    ms, _ = _timed(copy, lambda session: rollforward.rollforward(session, QUARTER))
    _report("roll-forward, a quarter by category (core)", f"median {ms:.0f} ms")
    ms, report = _timed(
        copy, lambda session: rollforward.rollforward_report(session, YEAR, generated_by="bench"), times=3
    )
    assert report.balanced
    _report(
        "roll-forward report, a year, with sources, recipients, reasons and months",
        f"median {ms:.0f} ms ({len(report.sections)} sections)",
    )


def test_stock_as_of_a_past_date(copy: Database) -> None:
    as_of = TODAY - dt.timedelta(days=30)
    ms, rows = _timed(copy, lambda session: stock.stock_by_item(session, as_of), times=7)
    _report(
        "stock by item as of 30 days ago (stock.stock_by_item)",
        f"median {ms:.0f} ms, {len(rows)} items (target <= 500 ms)",
    )
    for by in ("item", "location"):
        ms, report = _timed(copy, lambda session, by=by: stock_on_hand.stock_report(session, as_of, by=by), times=5)
        assert report.balanced
        _report(
            f"stock report by {by} as of 30 days ago, expiring lots flagged",
            f"median {ms:.0f} ms, {len(report.primary.rows)} rows",
        )


def test_period_reports(copy: Database) -> None:
    for name, build in (
        ("donations", lambda session, period: donations.donations_report(session, period)),
        ("waste", lambda session, period: waste.waste_report(session, period)),
        ("distributions", lambda session, period: distributions.distributions_report(session, period)),
        ("monthly", lambda session, period: monthly.monthly_report(session, period)),
    ):
        for label, period in (("a quarter", QUARTER), ("a year", YEAR)):
            ms, report = _timed(copy, lambda session, build=build, period=period: build(session, period), times=3)
            _report(f"{name} report, {label}", f"median {ms:.0f} ms, {len(report.primary.rows)} rows")


def test_formats(copy: Database, tmp_path: Path) -> None:
    with copy.session() as session:
        report = rollforward.rollforward_report(session, YEAR, by="item", generated_by="bench")
    for name, write in (
        ("CSV", lambda: report_csv(report)),
        ("XLSX", lambda: write_xlsx(report, tmp_path / "rf.xlsx")),
        ("PDF", lambda: render_report_pdf(report, tmp_path / "rf.pdf")),
    ):
        ms, result = _median(write, 3)
        pages = f", {result} pages" if name == "PDF" else ""
        _report(f"roll-forward by item, a year, as {name}", f"median {ms:.0f} ms{pages}")


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
    ms, pages = _median(lambda: render_report_pdf(report, tmp_path / "long.pdf"), 1)
    _report("PDF of one 18,000-row table", f"{ms / 1000:.1f} s, {pages} pages (one platypus Table: 16 s, FACTS.md)")


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
    ms, figures = _timed(database, lambda session: rollforward.rollforward(session, YEAR))
    assert figures.balanced
    _report(f"roll-forward, a year by category, {label}", f"median {ms:.0f} ms (index built in {built:.1f} s)")
    database.dispose()
