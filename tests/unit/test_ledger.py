import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from pantry.db import open_database
from pantry.errors import UserError
from pantry.models import Balance, Lot, Movement
from pantry.services import catalog, ledger, stock
from pantry.services.intake import IntakeLine
from pantry.services.verify import verify
from tests import helpers


def _lot(session, code: str) -> Lot:
    return session.scalars(select(Lot).where(Lot.code == code)).one()


def test_nothing_goes_below_zero_and_the_message_names_everything(database) -> None:
    with database.session() as session:
        beans = helpers.beans(session)
        saved = helpers.donate(session, IntakeLine(beans.id, quantity=40))
    with database.session() as session:
        lot = _lot(session, saved.lot_codes[0])
        main = catalog.location_named(session, "Main")
        with pytest.raises(UserError) as raised:
            ledger.post(
                session,
                [ledger.Change(lot.id, main.id, -60, "distribution")],
                business_date=dt.date.today(),
                user_id=None,
            )
    message = str(raised.value)
    assert "60" in message and "40" in message and "Black beans" in message
    assert saved.lot_codes[0] in message and "Main" in message


def test_moving_part_of_a_lot_keeps_weight_and_value_with_it(database) -> None:
    with database.session() as session:
        produce = helpers.produce(session)
        saved = helpers.donate(session, IntakeLine(produce.id, grams=10_000))
        cooler, _ = catalog.save_location(session, "Cooler", "chilled", None)
    with database.session() as session:
        lot = _lot(session, saved.lot_codes[0])
        main = catalog.location_named(session, "Main")
        today = dt.date.today()
        ledger.post(
            session,
            [ledger.Change(lot.id, main.id, -3333, "transfer"), ledger.Change(lot.id, cooler.id, 3333, "transfer")],
            business_date=today,
            user_id=None,
        )
        ledger.post(session, [ledger.Change(lot.id, main.id, -6667, "distribution")], business_date=today, user_id=None)
        ledger.post(
            session, [ledger.Change(lot.id, cooler.id, -3333, "distribution")], business_date=today, user_id=None
        )
    with database.session() as session:
        assert stock.stock_by_item(session) == []
        assert session.scalars(select(Balance)).all() == []
        assert verify(session).ok


def test_verify_finds_a_balance_that_drifted(database) -> None:
    with database.session() as session:
        beans = helpers.beans(session)
        helpers.donate(session, IntakeLine(beans.id, quantity=5))
    with database.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE balance SET quantity = quantity + 1")
    with database.session() as session:
        report = verify(session)
    assert not report.ok and "ledger says (5" in report.problems[0]


def test_stock_as_of_a_past_date(database) -> None:
    today = dt.date.today()
    with database.session() as session:
        beans = helpers.beans(session)
        first = helpers.donate(session, IntakeLine(beans.id, quantity=10), on=today - dt.timedelta(days=10))
        helpers.donate(session, IntakeLine(beans.id, quantity=5), on=today - dt.timedelta(days=2))
        lot = _lot(session, first.lot_codes[0])
        main = catalog.location_named(session, "Main")
        ledger.post(
            session,
            [ledger.Change(lot.id, main.id, -4, "distribution")],
            business_date=today - dt.timedelta(days=5),
            user_id=None,
        )
    with database.session() as session:

        def quantity(as_of: dt.date | None) -> int:
            rows = stock.stock_by_item(session, as_of)
            return rows[0].quantity if rows else 0

        assert quantity(today - dt.timedelta(days=11)) == 0
        assert quantity(today - dt.timedelta(days=10)) == 10
        assert quantity(today - dt.timedelta(days=5)) == 6
        assert quantity(today - dt.timedelta(days=2)) == 11
        assert quantity(None) == 11
        by_lot = stock.stock_by_lot(session, today - dt.timedelta(days=5))
        assert [(row.lot, row.quantity) for row in by_lot] == [(first.lot_codes[0], 6)]


def test_movements_are_never_rewritten(database) -> None:
    """Corrections are new entries: the ledger only grows."""
    with database.session() as session:
        beans = helpers.beans(session)
        saved = helpers.donate(session, IntakeLine(beans.id, quantity=5))
    with database.session() as session:
        lot = _lot(session, saved.lot_codes[0])
        main = catalog.location_named(session, "Main")
        before = session.scalars(select(Movement)).all()
        snapshot = [(m.id, m.quantity, m.grams, m.value_cents) for m in before]
        ledger.post(
            session,
            [ledger.Change(lot.id, main.id, -2, "adjustment", "damaged")],
            business_date=dt.date.today(),
            user_id=None,
        )
    with database.session() as session:
        after = session.scalars(select(Movement).order_by(Movement.id)).all()
        assert [(m.id, m.quantity, m.grams, m.value_cents) for m in after[: len(snapshot)]] == snapshot
        assert len(after) == len(snapshot) + 1


operations = st.lists(
    st.one_of(
        st.tuples(st.just("in"), st.integers(0, 2), st.integers(1, 50)),
        st.tuples(st.just("out"), st.integers(0, 30), st.integers(1, 60), st.integers(0, 1)),
        st.tuples(st.just("move"), st.integers(0, 30), st.integers(1, 60), st.integers(0, 1)),
    ),
    min_size=1,
    max_size=25,
)


def _apply(database, items, places, lots, step) -> dict[tuple[int, int], int]:
    """Carry out one step in its own transaction; returns the changes it should have made."""
    today = dt.date.today()
    with database.session() as session:
        if step[0] == "in":
            item = items[step[1]]
            line = IntakeLine(item.id, grams=step[2] * 100) if item.weighed else IntakeLine(item.id, quantity=step[2])
            lot = _lot(session, helpers.donate(session, line).lot_codes[0])
            lots.append(lot.id)
            return {(lot.id, places[0]): lot.quantity}
        lot_id = lots[step[1] % len(lots)]
        source, target = places[step[3]], places[1 - step[3]]
        if step[0] == "out":
            changes = [ledger.Change(lot_id, source, -step[2], "distribution")]
        else:
            changes = [
                ledger.Change(lot_id, source, -step[2], "transfer"),
                ledger.Change(lot_id, target, step[2], "transfer"),
            ]
        ledger.post(session, changes, business_date=today, user_id=None)
        return {(change.lot_id, change.location_id): change.quantity for change in changes}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=operations)
def test_random_intake_and_removals_keep_balances_equal_to_the_ledger(tmp_path_factory, steps) -> None:
    database = open_database(tmp_path_factory.mktemp("prop") / "p.sqlite")
    try:
        with database.session() as session:
            items = [helpers.beans(session), helpers.milk(session), helpers.produce(session)]
            back_room, _ = catalog.save_location(session, "Back room", "dry", None)
            places = (catalog.location_named(session, "Main").id, back_room.id)
        expected: dict[tuple[int, int], int] = {}
        lots: list[int] = []
        for step in steps:
            if step[0] != "in" and not lots:
                continue
            lot_id = lots[step[1] % len(lots)] if lots else 0
            source = places[step[3]] if len(step) > 3 else places[0]
            would_go_negative = step[0] != "in" and expected.get((lot_id, source), 0) < step[2]
            try:
                changes = _apply(database, items, places, lots, step)
            except UserError:
                assert would_go_negative, f"refused a possible step {step}"
                continue
            assert not would_go_negative, f"allowed an impossible step {step}"
            for key, quantity in changes.items():
                expected[key] = expected.get(key, 0) + quantity
        with database.session() as session:
            report = verify(session)
            assert report.ok, report.problems
            balances = {(b.lot_id, b.location_id): b.quantity for b in session.scalars(select(Balance))}
            assert all(quantity > 0 for quantity in balances.values())
            assert balances == {key: value for key, value in expected.items() if value != 0}
    finally:
        database.dispose()
