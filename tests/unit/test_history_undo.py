"""A lot's history (who, when, why) and undo: a reversing entry for a user's last operation, never a deletion."""

import datetime as dt

import pytest
from sqlalchemy import func, select

from pantry.errors import UserError
from pantry.models import Movement, Operation, StockCount, User, utcnow
from pantry.services import catalog, counts, history, stockcare
from pantry.services.intake import IntakeLine
from pantry.services.lots import lot_by_code, places
from pantry.services.setup import set_setting
from pantry.services.verify import verify
from tests import helpers
from tests.unit.migrated import open_copy


@pytest.fixture
def database(tmp_path_factory, db_path):
    """A fresh database, copied from one migrated file (much sooner than migrating one per test)."""
    db = open_copy(tmp_path_factory, db_path)
    yield db
    db.dispose()


def _where(session, code: str) -> dict[str, int]:
    return {place.location: place.quantity for place in places(session, lot_by_code(session, code).id)}


def _movements(database) -> list[tuple[int, int]]:
    with database.session() as session:
        return [(m.id, m.quantity) for m in session.scalars(select(Movement).order_by(Movement.id))]


@pytest.fixture
def people(database) -> dict[str, int]:
    """24 cans of beans in Main (lot 'beans'), a Cooler, and two shift leads, Lee and Val (adjusting is a lead's)."""
    with database.session() as session:
        lee, val = User(name="Lee", role="shift_lead"), User(name="Val", role="shift_lead")
        session.add_all([lee, val])
        session.flush()
        beans = helpers.beans(session)
        catalog.save_location(session, "Cooler", "chilled", None)
        code = helpers.donate(session, IntakeLine(beans.id, quantity=24), on=dt.date.today() - dt.timedelta(days=3))
        return {"Lee": lee.id, "Val": val.id, "admin": helpers.admin_id(session), "beans": code.lot_codes[0]}


def test_a_lots_history_shows_every_movement_and_event_with_who_when_and_why(database, people) -> None:
    code = people["beans"]
    with database.session() as session:
        stockcare.transfer(session, code, "Cooler", people["Lee"], quantity=10)
        stockcare.adjust(session, code, -2, "damaged", people["Val"], note="dropped", location="Cooler")
        stockcare.recall(session, "BB15", people["Lee"], lot_text=code, quarantine=True)
        stockcare.release(session, code, people["admin"], "supplier cleared it")
    with database.session() as session:
        lot = history.lot_history(session, code.lower())
    assert (lot.lot, lot.item, lot.sku, lot.unit, lot.date_kind) == (
        code,
        "Black beans 15 oz",
        "BB15",
        "each",
        "best_by",
    )
    assert lot.received_on == dt.date.today() - dt.timedelta(days=3) and not lot.quarantined
    assert lot.on_hand == [("Cooler", "8"), ("Main", "14")]
    assert [(line.what, line.location, line.quantity, line.reason, line.note, line.user) for line in lot.lines] == [
        ("intake", "Main", "+24", "", "", "admin"),
        ("transfer", "Main", "-10", "", "Main → Cooler", "Lee"),
        ("transfer", "Cooler", "+10", "", "Main → Cooler", "Lee"),
        ("adjustment", "Cooler", "-2", "damaged", "dropped", "Val"),
        ("quarantine", "", "", "", "recall of BB15", "Lee"),
        ("release", "", "", "", "supplier cleared it", "admin"),
    ]
    assert lot.lines[0].business_date == dt.date.today() - dt.timedelta(days=3)
    assert all(line.at.tzinfo is not None for line in lot.lines)
    assert [line.at for line in lot.lines] == sorted(line.at for line in lot.lines)


def test_undo_reverses_the_last_operation_with_new_entries(database, people) -> None:
    code = people["beans"]
    with database.session() as session:
        done = stockcare.transfer(session, code, "Cooler", people["Lee"], quantity=10)
    before = _movements(database)
    with database.session() as session:
        undone = history.undo_last(session, people["Lee"])
    assert undone.message == f"Undid your transfer (lots {code})."
    after = _movements(database)
    assert after[: len(before)] == before and len(after) == len(before) + 2  # nothing deleted or rewritten
    with database.session() as session:
        assert _where(session, code) == {"Main": 24}
        reverse = session.get(Operation, undone.operation_id)
        assert (reverse.kind, reverse.reverses_id, reverse.user_id) == ("undo", done.operation_id, people["Lee"])
        assert reverse.note == f"undo of transfer #{done.operation_id}"
        lines = history.lot_history(session, code).lines
        assert [(line.what, line.location, line.quantity, line.user) for line in lines[-2:]] == [
            ("undo", "Cooler", "-10", "Lee"),
            ("undo", "Main", "+10", "Lee"),
        ]
        assert verify(session).ok
    # an undo is not undone, and nothing older of Lee's is left
    with pytest.raises(UserError, match="undo: there is nothing of yours to undo"), database.session() as session:
        history.undo_last(session, people["Lee"])


def test_undoing_a_loss_keeps_its_reason_so_losses_add_up_to_nothing(database, people) -> None:
    code = people["beans"]
    with database.session() as session:
        stockcare.adjust(session, code, -5, "spoiled", people["Val"])
        history.undo_last(session, people["Val"])
    with database.session() as session:
        spoiled = session.scalars(select(Movement).where(Movement.reason == "spoiled")).all()
        assert sorted(m.quantity for m in spoiled) == [-5, 5] and {m.kind for m in spoiled} == {"adjustment"}
        assert sum(m.grams for m in spoiled) == 0 and sum(m.value_cents for m in spoiled) == 0
        assert _where(session, code) == {"Main": 24}


def test_undo_is_only_for_your_own_last_operation(database, people) -> None:
    with database.session() as session:
        stockcare.transfer(session, people["beans"], "Cooler", people["Lee"])
    with pytest.raises(UserError) as raised, database.session() as session:
        history.undo_last(session, people["Val"])
    assert str(raised.value) == "undo: there is nothing of yours to undo"


def test_undo_works_within_the_time_window(database, people) -> None:
    with database.session() as session:
        stockcare.transfer(session, people["beans"], "Cooler", people["Lee"])
    before = _movements(database)
    later = utcnow() + dt.timedelta(minutes=16, seconds=5)
    with pytest.raises(UserError) as raised, database.session() as session:
        history.undo_last(session, people["Lee"], now=later)
    assert str(raised.value) == (
        "undo: your last transfer was 16 minutes ago; undo works for 15 minutes. Correct it with an adjustment instead."
    )
    assert _movements(database) == before
    with database.session() as session:
        set_setting(session, history.UNDO_WINDOW_SETTING, "30")
    with database.session() as session:
        history.undo_last(session, people["Lee"], now=later)
        assert _where(session, people["beans"]) == {"Main": 24}


def test_undo_is_refused_when_something_later_depends_on_it(database, people) -> None:
    code = people["beans"]
    with database.session() as session:
        stockcare.transfer(session, code, "Cooler", people["Lee"], quantity=10)
        stockcare.adjust(session, code, -3, "damaged", people["Val"], location="Cooler")
    before = _movements(database)
    with pytest.raises(UserError) as raised, database.session() as session:
        history.undo_last(session, people["Lee"])
    assert str(raised.value) == "undo: the lots of your last transfer have moved since; correct it with an adjustment"
    assert _movements(database) == before
    with database.session() as session:  # what others did to other lots does not matter
        milk = helpers.milk(session)
        helpers.donate(session, IntakeLine(milk.id, quantity=2))
        history.undo_last(session, people["Val"])
        assert _where(session, code) == {"Cooler": 10, "Main": 14}


def test_undoing_a_donation_takes_its_lots_off_the_shelves(database, people) -> None:
    with database.session() as session:
        history.undo_last(session, people["admin"])
        assert _where(session, people["beans"]) == {}
        intake = session.scalars(select(Movement).where(Movement.kind == "intake")).all()
        assert sorted(m.quantity for m in intake) == [-24, 24]
        assert {m.business_date for m in intake} == {dt.date.today() - dt.timedelta(days=3)}
        assert verify(session).ok


def test_undoing_a_recalled_write_off_puts_the_lot_back_in_quarantine(database, people) -> None:
    code = people["beans"]
    with database.session() as session:
        stockcare.recall(session, "BB15", people["Lee"], lot_text=code, quarantine=True)
        stockcare.adjust(session, code, -24, "recalled", people["Lee"])
        assert not lot_by_code(session, code).quarantined
    with database.session() as session:
        history.undo_last(session, people["Lee"])
    with database.session() as session:
        assert lot_by_code(session, code).quarantined and _where(session, code) == {"Main": 24}
        assert stockcare.quarantined_lot_ids(session) == {lot_by_code(session, code).id}
        events = [(line.what, line.note) for line in history.lot_history(session, code).lines if not line.quantity]
        assert events[-1] == ("quarantine", "undo of a recalled write-off")


def test_undoing_a_posted_count_opens_it_again(database, people) -> None:
    code = people["beans"]
    with database.session() as session:
        count_id = counts.start(session, people["Lee"], location="Main")
        counts.enter(session, count_id, [counts.Entry(code, 20)], people["Lee"])
        counts.post(session, count_id, people["Lee"])
    with database.session() as session:
        undone = history.undo_last(session, people["Lee"])
    assert undone.message == f"Undid your count (lots {code}); count {count_id} is open again."
    with database.session() as session:
        count = session.get(StockCount, count_id)
        assert (count.status, count.operation_id, count.posted_at) == ("open", None, None)
        assert _where(session, code) == {"Main": 24}
        counts.enter(session, count_id, [counts.Entry(code, 21)], people["Lee"])
        counts.post(session, count_id, people["Lee"])
        assert _where(session, code) == {"Main": 21}
        assert session.scalar(select(func.count(Operation.id)).where(Operation.kind == "count")) == 2


def test_an_undo_at_a_location_being_counted_is_warned_about(database, people) -> None:
    with database.session() as session:
        stockcare.transfer(session, people["beans"], "Cooler", people["Lee"], quantity=4)
        count_id = counts.start(session, None, location="Cooler")
        undone = history.undo_last(session, people["Lee"])
    assert undone.warnings == (f"Count {count_id} is open at Cooler: recount what you moved.",)


def test_a_pickup_is_not_undone_but_returned(database) -> None:
    import pytest

    from pantry.errors import UserError
    from pantry.services import history
    from pantry.services.intake import IntakeLine
    from tests import helpers

    with database.session() as session:
        user = helpers.admin_id(session)
        helpers.donate(session, IntakeLine(helpers.beans(session).id, quantity=2))
    with database.session() as session:
        history.last_operation(session, user).kind = "pickup"  # as if the last stock change were a pickup
    with pytest.raises(UserError, match="pickup return"), database.session() as session:
        history.undo_last(session, user)
