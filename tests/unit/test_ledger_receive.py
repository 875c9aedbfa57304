"""`ledger.receive`: new lots on the shelves whole, set-based. Whatever ids it is given (runs broken by other desks'
lots, places changing from lot to lot, months and a year's end crossed), the movements, balances and both month
summaries it writes are those the lots say, by either of its ways (a WITH per statement, or a scratch table)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from pantry.models import Balance, Lot, Movement
from pantry.services import catalog, ledger
from pantry.services.verify import verify
from tests import helpers
from tests.unit.test_ledger_months import _expected_months, _kept_months

DAYS = (dt.date(2025, 11, 30), dt.date(2025, 12, 1), dt.date(2025, 12, 31), dt.date(2026, 1, 2))


def _lots(session, count: int) -> list[Lot]:
    items = [helpers.beans(session), helpers.produce(session)]
    lots = []
    for index in range(count):
        item = items[index % 2]
        quantity = 100 + index
        lots.append(
            Lot(
                code=f"T{index:05d}",
                item_id=item.id,
                quantity=quantity,
                grams=quantity * 3,
                value_cents=quantity * 7,
                received_on=DAYS[index % len(DAYS)],
                expires_on=None,
            )
        )
    session.add_all(lots)
    session.flush()
    return lots


def check_receive(database) -> None:
    """Receive 8 of 12 new lots (ids in four runs, two places) and compare what was written with the lots."""
    with database.session() as session:
        main = catalog.location_named(session, "Main").id
        back, _ = catalog.save_location(session, "Back room", "dry", None)
        lots = _lots(session, 12)
        # lots 4, 7, 8 and 11 are another desk's, not received here; places change mid-run
        taken = [lot for index, lot in enumerate(lots) if index not in (4, 7, 8, 11)]
        places = {lot.id: (main if index % 3 else back.id) for index, lot in enumerate(taken)}
        operation = ledger.begin_operation(session, "intake", helpers.admin_id(session))
        count = ledger.receive(session, list(places.items()), operation_id=operation)
        assert count == len(taken)
    with database.session() as session:
        movements = list(session.scalars(select(Movement).order_by(Movement.lot_id)))
        assert [(m.lot_id, m.location_id, m.quantity, m.grams, m.value_cents) for m in movements] == [
            (lot.id, places[lot.id], lot.quantity, lot.grams, lot.value_cents) for lot in taken
        ]
        assert {m.business_date for m in movements} == set(DAYS)
        assert all(m.kind == "intake" and m.operation_id == operation for m in movements)
        balances = {(b.lot_id, b.location_id): b.quantity for b in session.scalars(select(Balance))}
        assert balances == {(lot.id, places[lot.id]): lot.quantity for lot in taken}
        assert _kept_months(session) == _expected_months(movements)
        report = verify(session)
        assert "Ledger = month summaries: ok" in report.checks


SCRATCH_OR_WITH = pytest.mark.parametrize("scratch_from", [1, 10**9], ids=["scratch table", "with"])


@SCRATCH_OR_WITH
def test_receive_writes_what_the_lots_say_whatever_ids_and_places(database, monkeypatch, scratch_from) -> None:
    monkeypatch.setattr(ledger, "_SCRATCH_FROM", scratch_from)
    check_receive(database)


def test_receive_refuses_a_lot_with_nothing_in_it(database) -> None:
    with database.session() as session:
        main = catalog.location_named(session, "Main").id
        lot = _lots(session, 1)[0]
        lot.quantity = 0
        session.flush()
        with pytest.raises(ValueError, match=f"lot {lot.id}"):
            ledger.receive(session, [(lot.id, main)], operation_id=ledger.begin_operation(session, "intake", None))
