"""The month summaries on PostgreSQL: kept by the ledger's UPSERTs (back-dated movements included), equal to what
migration 0007's INSERT ... SELECT builds from the movements, and checked by verify with the same statements."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from pantry import sample
from pantry.db import open_database
from pantry.models import Balance, LedgerMonth, Lot, Movement, StockMonth
from pantry.services import ledger, stock
from pantry.services.reports import rollforward
from pantry.services.reports.period import Period
from pantry.services.verify import verify
from tests.integration.fresh_database import fresh_postgres_database

TODAY = dt.date(2026, 11, 25)


def _summaries(session) -> tuple[list[tuple], list[tuple]]:
    flows = session.execute(
        select(
            LedgerMonth.month, LedgerMonth.item_id, LedgerMonth.kind, LedgerMonth.reason, LedgerMonth.quantity,
            LedgerMonth.grams, LedgerMonth.value_cents, LedgerMonth.movements,
        ).order_by(LedgerMonth.month, LedgerMonth.item_id, LedgerMonth.kind, LedgerMonth.reason)
    ).all()  # fmt: skip
    running = session.execute(
        select(
            StockMonth.item_id, StockMonth.month, StockMonth.quantity, StockMonth.grams, StockMonth.value_cents
        ).order_by(StockMonth.item_id, StockMonth.month)
    ).all()
    return [tuple(row) for row in flows], [tuple(row) for row in running]


def test_the_month_summaries_on_postgresql(postgres_url: str) -> None:
    database = open_database(fresh_postgres_database(postgres_url, "pantry_months"))
    try:
        with database.session() as session:
            sample.fill(session, today=TODAY)
        period = Period(dt.date(2026, 6, 12), dt.date(2026, 9, 20))
        with database.session() as session:
            before = rollforward.rollforward(session, period)
            # a loss back-dated into June moves June's month-end stock and every later one
            lot_id, location_id = session.execute(
                select(Lot.id, Balance.location_id).join(Balance, Balance.lot_id == Lot.id).order_by(Lot.id).limit(1)
            ).one()
            ledger.post(
                session,
                [ledger.Change(lot_id, location_id, -1, "adjustment", reason="damaged")],
                business_date=dt.date(2026, 6, 20),
                user_id=None,
            )
        with database.session() as session:
            report = verify(session)
            assert report.ok, report.problems
            assert "Ledger = month summaries: ok" in report.checks
            after = rollforward.rollforward(session, period)
            assert after.balanced
            assert after.total.lost.pieces == before.total.lost.pieces + 1
            assert after.total.closing.pieces == before.total.closing.pieces - 1
            for day in (dt.date(2026, 6, 19), dt.date(2026, 6, 20), dt.date(2026, 8, 31)):
                from_movements = {
                    item_id: (int(q), int(g), int(v))
                    for item_id, q, g, v in session.execute(
                        select(Movement.item_id, func.sum(Movement.quantity), func.sum(Movement.grams),
                               func.sum(Movement.value_cents))
                        .where(Movement.business_date <= day)
                        .group_by(Movement.item_id)
                    )
                }  # fmt: skip
                as_of = stock.item_totals_as_of(session, day)
                assert {key: values for key, values in as_of.items() if any(values)} == {
                    key: values for key, values in from_movements.items() if any(values)
                }
            kept = _summaries(session)
            ledger.rebuild_months(session.connection())  # what migration 0007 does
            assert _summaries(session) == kept
            session.rollback()
    finally:
        database.dispose()
