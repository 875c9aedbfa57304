"""The same database on PostgreSQL: migrations, bulk intake with server-side ids, stock and verify."""

import datetime as dt

from sqlalchemy import text

from pantry import sample
from pantry.db import open_database
from pantry.services import stock
from pantry.services.intake import IntakeLine
from pantry.services.verify import verify
from tests import helpers

TODAY = dt.date(2026, 11, 25)


def test_the_sample_pantry_on_postgresql(postgres_url: str) -> None:
    database = open_database(postgres_url)
    try:
        with database.engine.begin() as connection:
            assert connection.execute(text("SELECT count(*) FROM movement")).scalar() == 0
        with database.session() as session:
            summary = sample.fill(session, today=TODAY)
        with database.session() as session:
            # ORM inserts after the bulk ones: the id sequences must have moved on
            beans = helpers.beans(session)
            saved = helpers.donate(session, IntakeLine(beans.id, quantity=3))
            assert saved.lot_codes
        with database.session() as session:
            report = verify(session)
            assert report.ok, report.problems
            assert summary.movements > 5000
            past = stock.stock_by_item(session, TODAY - dt.timedelta(days=60))
            now = stock.stock_by_item(session)
            assert past and now and past != now
    finally:
        database.dispose()
