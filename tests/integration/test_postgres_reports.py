"""The reports on PostgreSQL: the sample pantry's history written to SQLite and to PostgreSQL gives the same monthly
agency report, donations and roll-forward, row for row (month grouping, dates and sums included)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pantry import sample
from pantry.db import Database, open_database
from pantry.services.reports import build
from pantry.services.reports.period import Period, preset
from pantry.services.reports.rows import Report
from tests.integration.fresh_database import fresh_postgres_database

TODAY = dt.date(2026, 11, 25)
PERIODS = (
    preset("last-quarter", TODAY),
    Period(dt.date(2026, 1, 1), TODAY),  # every month of the sample, the current one unfinished
    Period(dt.date(2026, 8, 15), dt.date(2026, 10, 10)),  # months cut in the middle
)
KINDS = ("monthly", "donations", "rollforward")


def _filled(database: Database) -> Database:
    with database.session() as session:
        sample.fill(session, today=TODAY)
    return database


@pytest.fixture(scope="module")
def on_postgres(postgres_url: str) -> Iterator[Database]:
    """A database of its own on the test server (the other PostgreSQL tests use the default one)."""
    database = _filled(open_database(fresh_postgres_database(postgres_url, "pantry_reports")))
    yield database
    database.dispose()


@pytest.fixture(scope="module")
def on_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = _filled(open_database(Path(tmp_path_factory.mktemp("sqlite")) / "pantry.sqlite"))
    yield database
    database.dispose()


def _figures(report: Report) -> dict[str, Any]:
    """Everything a report says except when it was made: checks, and every section's rows and TOTAL, raw."""
    sections = {}
    for section in report.sections:
        rows = [*section.rows, *([section.total] if section.total is not None else [])]
        sections[section.key] = [tuple(column.get(row) for column in section.columns) for row in rows]
    return {"scope": report.scope, "checks": report.checks, "balanced": report.balanced, "sections": sections}


@pytest.mark.parametrize("period", PERIODS, ids=lambda period: period.label)
@pytest.mark.parametrize("kind", KINDS)
def test_the_reports_are_the_same_on_postgresql_and_sqlite(
    on_postgres: Database, on_sqlite: Database, kind: str, period: Period
) -> None:
    figures = []
    for database in (on_sqlite, on_postgres):
        with database.session() as session:
            figures.append(_figures(build(session, kind, period=period, generated_by="admin")))
    on_lite, on_pg = figures
    assert on_lite["balanced"]
    assert any(rows for rows in on_lite["sections"].values())  # the period has history to compare
    for key, rows in on_lite["sections"].items():
        assert on_pg["sections"][key] == rows, f"{kind} {key}"
    assert on_pg == on_lite


def test_the_roll_forward_by_item_is_the_same_too(on_postgres: Database, on_sqlite: Database) -> None:
    period = preset("last-quarter", TODAY)
    figures = []
    for database in (on_sqlite, on_postgres):
        with database.session() as session:
            figures.append(_figures(build(session, "rollforward", period=period, by="item", generated_by="admin")))
    assert figures[0] == figures[1]
