"""Expiring stock, FEFO pick order, use-by enforcement and its override, and par levels."""

import datetime as dt

import pytest
from sqlalchemy import func, select

from pantry.errors import UserError
from pantry.models import Item, LotEvent, User
from pantry.services import catalog, expiry, history, stockcare
from pantry.services.intake import IntakeLine
from pantry.services.lots import lot_by_code
from pantry.services.setup import set_setting
from tests import helpers
from tests.unit.migrated import open_copy


@pytest.fixture
def database(tmp_path_factory, db_path):
    """A fresh database, copied from one migrated file (much sooner than migrating one per test)."""
    db = open_copy(tmp_path_factory, db_path)
    yield db
    db.dispose()


TODAY = dt.date.today()


def _day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


def _user(session, name: str, role: str, active: bool = True) -> int:
    user = User(name=name, role=role, active=active)
    session.add(user)
    session.flush()
    return user.id


def _lot(session, item_id: int, quantity: int, *, received: int, expires: int | None, **line) -> str:
    """A lot received `received` days from today (zero or less) that expires `expires` days from today."""
    expires_on = None if expires is None else _day(expires)
    saved = helpers.donate(
        session, IntakeLine(item_id, quantity=quantity, expires_on=expires_on, **line), on=_day(received)
    )
    return saved.lot_codes[0]


def _corn(session) -> catalog.ItemInfo:
    """A best-by item without a shelf life, so its lots may have no date at all."""
    info, _ = catalog.save_item(session, catalog.ItemSpec(name="Canned corn", sku="CORN", category="Vegetables"), None)
    return info


# --- expiring ---------------------------------------------------------------------------------------------------------


def test_expiring_within_n_days_includes_what_is_past(database) -> None:
    with database.session() as session:
        milk, beans, corn = helpers.milk(session), helpers.beans(session), _corn(session)
        catalog.save_location(session, "Cooler", "chilled", None)
        past = _lot(session, milk.id, 2, received=-10, expires=-2)
        soon = _lot(session, milk.id, 3, received=-1, expires=3)
        beans_soon = _lot(session, beans.id, 12, received=-30, expires=5, supplier_lot="X1")
        _lot(session, beans.id, 12, received=-30, expires=6)  # a day too late
        _lot(session, beans.id, 12, received=0, expires=None)  # the shelf life: 540 days
        _lot(session, corn.id, 12, received=-400, expires=None)  # no date: never expiring
        gone = _lot(session, milk.id, 1, received=-10, expires=-3)
        stockcare.adjust(session, gone, -1, "expired", None)
        stockcare.transfer(session, beans_soon, "Cooler", None, quantity=2)
        stockcare.recall(session, "BB15", None, lot_text="X1", quarantine=True)
    with database.session() as session:
        rows = expiry.expiring(session, 5, today=TODAY)
        assert [(row.lot, row.location, row.days_left, row.quantity) for row in rows] == [
            (past, "Main", -2, "2"),
            (soon, "Main", 3, "3"),
            (beans_soon, "Cooler", 5, "2"),
            (beans_soon, "Main", 5, "10"),
        ]
        assert [row.quarantined for row in rows] == [False, False, True, True]
        assert (rows[0].date_kind, rows[0].expires, rows[0].sku) == ("use_by", _day(-2), "MILK")
        assert rows[2].date_kind == "best_by"
        assert [row.lot for row in expiry.expiring(session, 0, today=TODAY)] == [past]
        # judged on the day asked about
        assert [row.days_left for row in expiry.expiring(session, 0, today=_day(3))] == [-5, 0]


def test_expiring_refuses_a_negative_number_of_days(database) -> None:
    with pytest.raises(UserError) as raised, database.session() as session:
        expiry.expiring(session, -1)
    assert str(raised.value) == "within: give a number of days, 0 or more (not -1)"


# --- FEFO -------------------------------------------------------------------------------------------------------------


def test_pick_order_is_earliest_expiry_first_then_earliest_received(database) -> None:
    with database.session() as session:
        corn = _corn(session)
        catalog.save_location(session, "Back room", "dry", None)
        late = _lot(session, corn.id, 5, received=-5, expires=30)
        newer = _lot(session, corn.id, 5, received=-1, expires=10)
        older = _lot(session, corn.id, 5, received=-3, expires=10)
        undated = _lot(session, corn.id, 5, received=-9, expires=None)
        stockcare.transfer(session, older, "Back room", None, quantity=2)
    with database.session() as session:
        picks = expiry.pick_order(session, corn.id, TODAY)
        assert [pick.lot for pick in picks] == [older, older, newer, late, undated]
        assert {pick.location for pick in picks[:2]} == {"Main", "Back room"}
        assert (picks[2].expires, picks[2].received_on, picks[2].quantity) == (_day(10), _day(-1), 5)
        assert not any(pick.past_best_by for pick in picks)
        back_room = catalog.location_named(session, "Back room").id
        assert [(p.lot, p.quantity) for p in expiry.pick_order(session, corn.id, TODAY, location_id=back_room)] == [
            (older, 2)
        ]


def test_best_by_food_past_its_date_is_picked_first_and_marked_or_skipped(database) -> None:
    with database.session() as session:
        corn = _corn(session)
        past = _lot(session, corn.id, 5, received=-60, expires=-2)
        fresh = _lot(session, corn.id, 5, received=-1, expires=40)
        picks = expiry.pick_order(session, corn.id, TODAY)
        assert [(pick.lot, pick.past_best_by) for pick in picks] == [(past, True), (fresh, False)]
        set_setting(session, expiry.SKIP_PAST_BEST_BY, "1")
        assert [pick.lot for pick in expiry.pick_order(session, corn.id, TODAY)] == [fresh]
        set_setting(session, expiry.SKIP_PAST_BEST_BY, "0")
        assert [pick.lot for pick in expiry.pick_order(session, corn.id, TODAY)] == [past, fresh]


def test_use_by_food_is_judged_on_the_day_it_goes_out(database) -> None:
    with database.session() as session:
        milk = helpers.milk(session)
        past = _lot(session, milk.id, 2, received=-5, expires=-1)
        today = _lot(session, milk.id, 2, received=-5, expires=0)
        later = _lot(session, milk.id, 2, received=-1, expires=3)

        def picked(on_day: dt.date) -> list[str]:
            return [pick.lot for pick in expiry.pick_order(session, milk.id, on_day)]

        assert past not in picked(TODAY)
        assert picked(TODAY) == [today, later]  # the use-by day itself is still good
        assert picked(_day(1)) == [later]
        assert picked(_day(4)) == []
        assert picked(_day(-1)) == [past, today, later]


@pytest.mark.parametrize(
    ("date_kind", "expires", "blocked"),
    [
        ("use_by", -1, True),
        ("use_by", 0, False),
        ("use_by", 1, False),
        ("use_by", None, False),
        ("best_by", -30, False),
        ("none", -30, False),
    ],
)
def test_use_by_blocked(date_kind: str, expires: int | None, blocked: bool) -> None:
    assert expiry.use_by_blocked(date_kind, None if expires is None else _day(expires), TODAY) is blocked


# --- use-by override --------------------------------------------------------------------------------------------------


@pytest.fixture
def past_milk(database) -> str:
    with database.session() as session:
        milk = helpers.milk(session)
        _user(session, "Val", "volunteer")
        _user(session, "Lee", "shift_lead")
        _user(session, "Old", "shift_lead", active=False)
        return _lot(session, milk.id, 2, received=-5, expires=-1)


def _user_id(session, name: str) -> int:
    return session.scalar(select(User.id).where(User.name == name))


def test_a_shift_lead_overrides_use_by_with_a_reason_that_is_recorded(database, past_milk) -> None:
    with database.session() as session:
        lot = lot_by_code(session, past_milk)
        expiry.override_use_by(session, lot.id, _user_id(session, "Lee"), "  sealed, kept at 2 °C; for a shelter  ")
    with database.session() as session:
        event = session.scalars(select(LotEvent)).one()
        assert (event.kind, event.user_id, event.note) == (
            "override",
            _user_id(session, "Lee"),
            "sealed, kept at 2 °C; for a shelter",
        )
        line = history.lot_history(session, past_milk).lines[-1]
        assert (line.what, line.user, line.note) == ("override", "Lee", "sealed, kept at 2 °C; for a shelter")
        assert line.at.tzinfo is not None
        # an override lets it go out, but picking never offers it
        assert expiry.pick_order(session, lot.item_id, TODAY) == []


def test_an_admin_may_override_too(database, past_milk) -> None:
    with database.session() as session:
        lot = lot_by_code(session, past_milk)
        expiry.override_use_by(session, lot.id, helpers.admin_id(session), "for the soup kitchen today")
        assert session.scalar(select(func.count(LotEvent.id))) == 1


@pytest.mark.parametrize(
    ("who", "reason", "message"),
    [
        (
            "Val",
            "it looks fine",
            "override: only a shift lead or an admin may let use-by food past its date go out (Val is a volunteer)",
        ),
        (
            "Old",
            "it looks fine",
            "override: only a shift lead or an admin may let use-by food past its date go out (Old is not active)",
        ),
        ("Lee", "   ", "reason: say why this use-by food may still go out"),
    ],
)
def test_a_refused_override_records_nothing(database, past_milk, who, reason, message) -> None:
    with pytest.raises(UserError) as raised, database.session() as session:
        expiry.override_use_by(session, lot_by_code(session, past_milk).id, _user_id(session, who), reason)
    assert str(raised.value) == message
    with database.session() as session:
        assert session.scalar(select(func.count(LotEvent.id))) == 0


def test_an_override_needs_a_use_by_lot_past_its_date(database, past_milk) -> None:
    with database.session() as session:
        beans, milk = helpers.beans(session), session.scalar(select(Item.id).where(Item.sku == "MILK"))
        best_by = _lot(session, beans.id, 2, received=-400, expires=-2)
        good = _lot(session, milk, 2, received=-1, expires=0)
        lee = _user_id(session, "Lee")
    cases = [
        (9999, "lot: there is no lot 9999"),
        (best_by, f"override: lot {best_by} (Black beans 15 oz) is best-by; only use-by food needs an override"),
        (good, f"override: lot {good} (Milk 1 gal) is good until {TODAY.isoformat()}; no override is needed"),
    ]
    for lot, message in cases:
        with pytest.raises(UserError) as raised, database.session() as session:
            lot_id = lot if isinstance(lot, int) else lot_by_code(session, lot).id
            expiry.override_use_by(session, lot_id, lee, "a reason")
        assert str(raised.value) == message
    with database.session() as session:
        assert session.scalar(select(func.count(LotEvent.id))) == 0
        # judged on the day the goods go out: tomorrow the good one needs it
        expiry.override_use_by(session, lot_by_code(session, good).id, lee, "for tomorrow's pantry", on_day=_day(1))


# --- par levels -------------------------------------------------------------------------------------------------------


def test_below_par_by_quantity_and_by_weight(database) -> None:
    with database.session() as session:
        beans, _milk = helpers.beans(session), helpers.milk(session)  # beans: par 24; milk: no par
        spec = catalog.ItemSpec(name="Mixed produce", sku="PRODUCE", unit="lb", par_level=5000)  # grams
        produce, _ = catalog.save_item(session, spec, None)
        catalog.save_item(session, catalog.ItemSpec(name="Tuna", sku="TUNA", par_level=10), None)
        old, _ = catalog.save_item(session, catalog.ItemSpec(name="Old soup", sku="SOUP", par_level=10), None)
        session.get(Item, old.id).active = False
        catalog.save_location(session, "Back room", "dry", None)
        lot = helpers.donate(session, IntakeLine(beans.id, quantity=20)).lot_codes[0]
        helpers.donate(session, IntakeLine(beans.id, quantity=4))
        helpers.donate(session, IntakeLine(produce.id, grams=4000), IntakeLine(_milk.id, quantity=1))
        stockcare.transfer(session, lot, "Back room", None, quantity=5)
    with database.session() as session:
        rows = expiry.below_par(session)
        assert [(row.sku, row.par_level, row.quantity, row.short_by, row.unit) for row in rows] == [
            ("TUNA", 10, 0, 10, "each"),  # a par level and no stock at all
            ("PRODUCE", 5000, 4000, 1000, "lb"),  # by weight: grams
        ]  # beans: exactly at par (24, in two places) is not below it
        assert rows[0].category == "Uncategorised"
        stockcare.adjust(session, lot, -1, "damaged", None, location="Main")
        assert [(row.sku, row.short_by) for row in expiry.below_par(session)][-1] == ("BB15", 1)
