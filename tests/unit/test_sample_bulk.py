"""The bulk sample (benchmark databases): the ledger equals the balances and the treasurer's roll-forward balances."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from pantry.db import Database
from pantry.models import Household, Item, Lot, Movement
from pantry.sample_bulk import Shape, fill
from pantry.services import verify
from pantry.services.reports import rollforward
from pantry.services.reports.period import Period

TODAY = dt.date(2026, 11, 25)


def test_a_small_bulk_sample_verifies_and_its_year_rolls_forward(database: Database) -> None:
    summary = fill(database, Shape(movements=6_000, on_hand_lots=150, households=40, items=400), today=TODAY)
    assert abs(summary.movements - 6_000) < 300 and summary.lots == 1_200  # about five movements a lot
    with database.session() as session:
        assert session.scalar(select(func.count(Item.id))) == 400
        assert session.scalar(select(func.count(Household.id))) == 40
        assert session.scalar(select(func.count(Movement.id))) == summary.movements
        assert session.scalar(select(func.min(Lot.received_on))) >= TODAY - dt.timedelta(days=3 * 365)
        report = verify.verify(session)
        assert report.ok, report.problems
        figures = rollforward.rollforward_report(
            session, Period(TODAY - dt.timedelta(days=364), TODAY), generated_by="t"
        )
        assert figures.balanced, figures.checks
