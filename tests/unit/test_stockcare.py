"""Transfers, adjustments with reasons, recall with quarantine, and release."""

import datetime as dt

import pytest
from sqlalchemy import func, select

from pantry.errors import UserError
from pantry.models import AdjustmentReason, Balance, Lot, LotEvent, Movement, Operation, User
from pantry.services import catalog, counts, expiry, stock, stockcare
from pantry.services.intake import IntakeLine
from pantry.services.lots import lot_by_code, places
from pantry.services.verify import verify
from tests import helpers
from tests.unit.migrated import open_copy


@pytest.fixture
def database(tmp_path_factory, db_path):
    """A fresh database, copied from one migrated file (much sooner than migrating one per test)."""
    db = open_copy(tmp_path_factory, db_path)
    yield db
    db.dispose()


TODAY = dt.date.today()


def _days_ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def _where(session, code: str) -> dict[str, int]:
    return {place.location: place.quantity for place in places(session, lot_by_code(session, code).id)}


def _movements(database) -> int:
    with database.session() as session:
        return session.scalar(select(func.count(Movement.id)))


def _user(session, name: str, role: str) -> int:
    user = User(name=name, role=role)
    session.add(user)
    session.flush()
    return user.id


@pytest.fixture
def beans_lot(database) -> str:
    """24 cans of beans in Main, and a Cooler and an East site to move them to."""
    with database.session() as session:
        beans = helpers.beans(session)
        catalog.save_location(session, "Cooler", "chilled", None)
        catalog.save_location(session, "East site", "dry", None)
        return helpers.donate(session, IntakeLine(beans.id, quantity=24)).lot_codes[0]


# --- transfer ---------------------------------------------------------------------------------------------------------


def test_transfer_moves_the_whole_lot_with_its_weight_and_value(database, beans_lot) -> None:
    with database.session() as session:
        admin = helpers.admin_id(session)
        done = stockcare.transfer(session, beans_lot, "cooler", admin)
    assert done.message == f"Moved 24 each of Black beans 15 oz (lot {beans_lot}) from Main to Cooler."
    assert done.warnings == ()
    with database.session() as session:
        assert _where(session, beans_lot) == {"Cooler": 24}
        balance = session.scalars(select(Balance)).one()
        assert (balance.grams, balance.value_cents) == (24 * 480, 24 * 129)
        operation = session.get(Operation, done.operation_id)
        assert (operation.kind, operation.user_id, operation.note) == ("transfer", admin, "Main → Cooler")
        moves = session.scalars(select(Movement).where(Movement.operation_id == done.operation_id)).all()
        assert sorted((m.quantity, m.kind, m.user_id) for m in moves) == [
            (-24, "transfer", admin),
            (24, "transfer", admin),
        ]
        assert verify(session).ok


def test_part_of_a_lot_moves_to_another_site_the_same_way(database, beans_lot) -> None:
    with database.session() as session:
        stockcare.transfer(session, beans_lot, "East site", None, quantity=10)
    with database.session() as session:
        assert _where(session, beans_lot) == {"East site": 10, "Main": 14}
        balances = session.scalars(select(Balance)).all()
        assert sum(b.grams for b in balances) == 24 * 480 and sum(b.value_cents for b in balances) == 24 * 129
        # from a lot that lies in two places, the source is named
        stockcare.transfer(session, beans_lot, "Cooler", None, quantity=4, from_location="East site")
        assert _where(session, beans_lot) == {"Cooler": 4, "East site": 6, "Main": 14}
        assert verify(session).ok


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (dict(to_location="Attic"), "to: no location named 'Attic'"),
        (dict(to_location="Main"), "to: lot {lot} is already at Main"),
        (dict(to_location="Cooler", quantity=0), "qty: give a quantity above zero to move (not 0)"),
        (dict(to_location="Cooler", quantity=-5), "qty: give a quantity above zero to move (not -5)"),
        (
            dict(to_location="Cooler", quantity=30),
            "Cannot take 30 each of Black beans 15 oz (lot {lot}) from Main: only 24",
        ),
        (dict(to_location="Main", from_location="Pantry shelf"), "location: no location named 'Pantry shelf'"),
        (dict(to_location="Main", from_location="Cooler"), "location: lot {lot} has nothing at Cooler"),
    ],
)
def test_a_refused_transfer_names_the_problem_and_writes_nothing(database, beans_lot, kwargs, message) -> None:
    before = _movements(database)
    with pytest.raises(UserError) as raised, database.session() as session:
        stockcare.transfer(session, beans_lot, user_id=None, **kwargs)
    assert message.format(lot=beans_lot) in str(raised.value)
    assert _movements(database) == before


def test_a_lot_in_two_places_needs_its_source_named(database, beans_lot) -> None:
    with database.session() as session:
        stockcare.transfer(session, beans_lot, "Cooler", None, quantity=10)
    with pytest.raises(UserError) as raised, database.session() as session:
        stockcare.transfer(session, beans_lot, "East site", None)
    assert str(raised.value) == (
        f"location: lot {beans_lot} lies in more than one place (Cooler (10), Main (14)); say which with --location"
    )


def test_an_unknown_lot_code(database, beans_lot) -> None:
    with pytest.raises(UserError, match="lot: 'L99999' is not a lot code we know"), database.session() as session:
        stockcare.transfer(session, "L99999", "Cooler", None)


# --- adjust and reasons -----------------------------------------------------------------------------------------------


def test_the_built_in_reasons(database) -> None:
    with database.session() as session:
        rows = {row.code: (row.is_loss, row.needs_note, row.builtin) for row in stockcare.reasons(session)}
    assert set(rows) == {"spoiled", "expired", "damaged", "recalled", "pest", "recount", "returned", "other"}
    assert all(builtin for _, _, builtin in rows.values())
    assert [code for code, (_, needs_note, _) in rows.items() if needs_note] == ["other"]
    assert {code for code, (is_loss, _, _) in rows.items() if not is_loss} == {"recount", "returned"}


def test_a_loss_is_an_adjustment_with_its_reason_never_a_distribution(database, beans_lot) -> None:
    with database.session() as session:
        admin = helpers.admin_id(session)
        done = stockcare.adjust(session, beans_lot, -3, "Damaged", admin, note="dented cans")
    assert done.message == f"Removed 3 each of Black beans 15 oz (lot {beans_lot}) at Main (damaged)."
    with database.session() as session:
        assert _where(session, beans_lot) == {"Main": 21}
        movement = session.scalars(select(Movement).where(Movement.operation_id == done.operation_id)).one()
        assert (movement.kind, movement.reason, movement.quantity, movement.user_id) == (
            "adjustment",
            "damaged",
            -3,
            admin,
        )
        assert movement.grams == -3 * 480 and movement.value_cents == -3 * 129
        assert session.get(Operation, done.operation_id).note == "dented cans"
        assert session.scalar(select(func.count()).where(Movement.kind == "distribution")) == 0
        assert verify(session).ok


def test_a_gain_with_a_reason_that_is_not_a_loss(database, beans_lot) -> None:
    with database.session() as session:
        done = stockcare.adjust(session, beans_lot, 2, "returned", None)
        assert done.message == f"Added 2 each of Black beans 15 oz (lot {beans_lot}) at Main (returned)."
        assert _where(session, beans_lot) == {"Main": 26}


@pytest.mark.parametrize(
    ("quantity", "reason", "note", "message"),
    [
        (0, "damaged", "", "qty: a quantity of zero changes nothing"),
        (
            -1,
            "stolen",
            "",
            "reason: 'stolen' is not a reason we know (damaged, expired, other, pest, recalled, recount, returned, "
            "spoiled)",
        ),
        (-1, "other", "  ", "note: reason 'other' needs a note saying what happened"),
        (5, "spoiled", "", "qty: 'spoiled' is a loss and can only take stock away (-5, not 5)"),
        (-25, "damaged", "", "Cannot take 25 each of Black beans 15 oz (lot {lot}) from Main: only 24 there."),
    ],
)
def test_a_refused_adjustment_names_the_problem_and_writes_nothing(
    database, beans_lot, quantity, reason, note, message
) -> None:
    before = _movements(database)
    with pytest.raises(UserError) as raised, database.session() as session:
        stockcare.adjust(session, beans_lot, quantity, reason, None, note=note)
    assert message.format(lot=beans_lot) in str(raised.value)
    assert _movements(database) == before
    with database.session() as session:
        assert session.scalar(select(func.count(Operation.id)).where(Operation.kind == "adjustment")) == 0


def test_other_with_a_note(database, beans_lot) -> None:
    with database.session() as session:
        done = stockcare.adjust(session, beans_lot, -1, "other", None, note="used for the cooking class")
        movement = session.scalars(select(Movement).where(Movement.operation_id == done.operation_id)).one()
        assert movement.reason == "other" and movement.reference == "used for the cooking class"


def test_an_admin_adds_a_reason_that_adjustments_can_use(database, beans_lot) -> None:
    with database.session() as session:
        admin = helpers.admin_id(session)
        stockcare.add_reason(session, " Donated On ", "Donated on to a shelter", admin)
        stockcare.add_reason(session, "found", "Found", admin, is_loss=False, needs_note=True)
    with database.session() as session:
        codes = [row.code for row in stockcare.reasons(session)]
        assert codes[:8] == [row.code for row in stockcare.reasons(session) if row.builtin]
        assert {"donated_on", "found"} <= set(codes)
        assert not session.get(AdjustmentReason, "donated_on").builtin
        stockcare.adjust(session, beans_lot, -4, "donated_on", None)
        with pytest.raises(UserError, match="note: reason 'found' needs a note"):
            stockcare.adjust(session, beans_lot, 1, "found", None)
        stockcare.adjust(session, beans_lot, 1, "found", None, note="behind the shelf")
        assert _where(session, beans_lot) == {"Main": 21}


@pytest.mark.parametrize(
    ("code", "role", "message"),
    [
        ("damaged", "admin", "reason: 'damaged' exists already"),
        ("no-dashes!", "admin", "reason: 'no-dashes!' must be letters, digits and _"),
        ("  ", "admin", "reason: '  ' must be letters, digits and _"),
        ("x" * 33, "admin", "reason: a code has at most 32 characters (this one has 33)"),
        ("mice", "shift_lead", "reason: only an admin may add a reason (sam is a shift lead)"),
    ],
)
def test_a_refused_reason(database, code, role, message) -> None:
    with database.session() as session:
        user = helpers.admin_id(session) if role == "admin" else _user(session, "sam", role)
    with pytest.raises(UserError) as raised, database.session() as session:
        stockcare.add_reason(session, code, "A label", user)
    assert str(raised.value) == message
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(AdjustmentReason)) == 8


def test_an_inactive_reason_cannot_be_used(database, beans_lot) -> None:
    with database.session() as session:
        stockcare.add_reason(session, "mice", "Mice", helpers.admin_id(session))
        session.get(AdjustmentReason, "mice").active = False
    with database.session() as session:
        assert "mice" not in [row.code for row in stockcare.reasons(session)]
        assert "mice" in [row.code for row in stockcare.reasons(session, active_only=False)]
        with pytest.raises(UserError, match="reason: 'mice' is not a reason we know"):
            stockcare.adjust(session, beans_lot, -1, "mice", None)


# --- recall, quarantine, release --------------------------------------------------------------------------------------


@pytest.fixture
def recall_stock(database) -> dict[str, str]:
    """Three lots of beans received on different days, one with the supplier's lot A17, and a lot of milk."""
    with database.session() as session:
        beans, milk = helpers.beans(session), helpers.milk(session)
        catalog.save_location(session, "Cooler", "chilled", None)
        old = helpers.donate(session, IntakeLine(beans.id, quantity=10, supplier_lot="A17"), on=_days_ago(20))
        mid = helpers.donate(session, IntakeLine(beans.id, quantity=12), on=_days_ago(10))
        new = helpers.donate(session, IntakeLine(beans.id, quantity=6, supplier_lot="B02"), on=_days_ago(2))
        gone = helpers.donate(session, IntakeLine(beans.id, quantity=3, supplier_lot="A17"), on=_days_ago(15))
        dairy = helpers.donate(session, IntakeLine(milk.id, quantity=4, supplier_lot="A17"), on=_days_ago(1))
        lots = dict(old=old.lot_codes[0], mid=mid.lot_codes[0], new=new.lot_codes[0])
        lots.update(gone=gone.lot_codes[0], milk=dairy.lot_codes[0])
        stockcare.adjust(session, lots["gone"], -3, "spoiled", None)
        stockcare.transfer(session, lots["old"], "Cooler", None, quantity=4)
        return lots


def test_recall_by_the_suppliers_lot_lists_every_place_and_writes_nothing(database, recall_stock) -> None:
    with database.session() as session:
        result = stockcare.recall(session, "BB15", None, lot_text=" a17 ")
    assert [(row.lot, row.location, row.quantity, row.supplier_lot) for row in result.lots] == [
        (recall_stock["old"], "Cooler", "4", "A17"),
        (recall_stock["old"], "Main", "6", "A17"),
    ]  # not the milk with the same supplier lot, nor the lot that is all gone
    assert result.lots[0].received_on == _days_ago(20) and result.lots[0].sku == "BB15"
    assert result.pickups == [] and result.quarantined == 0
    assert not any(row.quarantined for row in result.lots)
    with database.session() as session:
        assert session.scalar(select(func.count(LotEvent.id))) == 0
        assert not any(session.scalars(select(Lot.quarantined)))


def test_recall_by_our_lot_code_or_a_range_of_received_dates(database, recall_stock) -> None:
    with database.session() as session:
        by_code = stockcare.recall(session, "BB15", None, lot_text=recall_stock["mid"].lower())
        assert [row.lot for row in by_code.lots] == [recall_stock["mid"]]
        ranged = stockcare.recall(session, "BB15", None, received_from=_days_ago(12), received_to=_days_ago(2))
        assert [row.lot for row in ranged.lots] == [recall_stock["mid"], recall_stock["new"]]
        since = stockcare.recall(session, "BB15", None, received_from=_days_ago(10))
        assert [row.lot for row in since.lots] == [recall_stock["mid"], recall_stock["new"]]
        until = stockcare.recall(session, "BB15", None, received_to=_days_ago(10))
        assert [row.lot for row in until.lots] == [recall_stock["old"]] * 2 + [recall_stock["mid"]]
        both = stockcare.recall(session, "BB15", None, lot_text="A17", received_from=_days_ago(16))
        assert both.lots == []  # the A17 lot received in range is all gone


def test_recall_quarantines_every_lot_on_hand_in_one_step(database, recall_stock) -> None:
    with database.session() as session:
        lead = _user(session, "Lee", "shift_lead")
        result = stockcare.recall(session, "BB15", lead, lot_text="A17", quarantine=True)
    assert result.quarantined == 1 and all(row.quarantined for row in result.lots)
    with database.session() as session:
        old = lot_by_code(session, recall_stock["old"])
        assert old.quarantined and not lot_by_code(session, recall_stock["gone"]).quarantined
        event = session.scalars(select(LotEvent)).one()
        assert (event.lot_id, event.kind, event.user_id, event.note) == (old.id, "quarantine", lead, "recall of BB15")
        # stays on hand and visible
        assert _where(session, recall_stock["old"]) == {"Cooler": 4, "Main": 6}
        assert recall_stock["old"] in [row.lot for row in stock.stock_by_lot(session)]
        assert stockcare.quarantined_lot_ids(session) == {old.id}
        # never picked
        picks = expiry.pick_order(session, old.item_id, TODAY)
        assert recall_stock["old"] not in [pick.lot for pick in picks] and picks
        # a second recall finds it quarantined already
        again = stockcare.recall(session, "BB15", None, lot_text="A17", quarantine=True)
        assert again.quarantined == 0 and all(row.quarantined for row in again.lots)
        assert session.scalar(select(func.count(LotEvent.id))) == 1


def test_release_puts_a_quarantined_lot_back_in_stock(database, recall_stock) -> None:
    with database.session() as session:
        stockcare.recall(session, "BB15", None, lot_text="A17", quarantine=True)
    with database.session() as session:
        admin = helpers.admin_id(session)
        done = stockcare.release(session, recall_stock["old"].lower(), admin, "supplier cleared lot A17")
    assert (
        done.message
        == f"Released 10 each of Black beans 15 oz (lot {recall_stock['old']}) from quarantine: back in stock."
    )
    with database.session() as session:
        lot = lot_by_code(session, recall_stock["old"])
        assert not lot.quarantined and stockcare.quarantined_lot_ids(session) == set()
        assert recall_stock["old"] in [pick.lot for pick in expiry.pick_order(session, lot.item_id, TODAY)]
        kinds = [(e.kind, e.user_id, e.note) for e in session.scalars(select(LotEvent).order_by(LotEvent.id))]
        assert kinds[-1] == ("release", admin, "supplier cleared lot A17")
    with pytest.raises(UserError) as raised, database.session() as session:
        stockcare.release(session, recall_stock["old"], None)
    assert str(raised.value) == f"lot: {recall_stock['old']} is not in quarantine"


def test_only_a_recalled_write_off_of_all_of_it_takes_a_lot_out_of_quarantine(database, recall_stock) -> None:
    code = recall_stock["old"]
    with database.session() as session:
        stockcare.recall(session, "BB15", None, lot_text="A17", quarantine=True)
        stockcare.transfer(session, code, "Main", None, from_location="Cooler")  # a quarantined lot may be moved
        stockcare.adjust(session, code, -2, "spoiled", None)
        stockcare.adjust(session, code, -3, "recalled", None)
        assert lot_by_code(session, code).quarantined and _where(session, code) == {"Main": 5}
        stockcare.adjust(session, code, -5, "recalled", None, note="returned to the supplier")
    with database.session() as session:
        lot = lot_by_code(session, code)
        assert not lot.quarantined and _where(session, code) == {}
        events = [(e.kind, e.note) for e in session.scalars(select(LotEvent).order_by(LotEvent.id))]
        assert events == [("quarantine", "recall of BB15"), ("written_off", "recalled stock written off")]
        losses = session.scalars(select(Movement).where(Movement.lot_id == lot.id, Movement.reason == "recalled"))
        assert sum(m.quantity for m in losses) == -8
        assert verify(session).ok


@pytest.mark.parametrize(
    ("sku", "kwargs", "message"),
    [
        ("NOPE", {}, "item: no item with sku 'NOPE'"),
        (
            "BB15",
            dict(received_from=TODAY, received_to=_days_ago(1)),
            f"received-from: the range starts ({TODAY}) after it ends ({_days_ago(1)})",
        ),
        ("BB15", dict(lot_text="{milk}"), "lot: {milk} is a lot of Milk 1 gal, not of Black beans 15 oz (BB15)"),
    ],
)
def test_a_refused_recall_quarantines_nothing(database, recall_stock, sku, kwargs, message) -> None:
    kwargs = {key: value.format(**recall_stock) if isinstance(value, str) else value for key, value in kwargs.items()}
    with pytest.raises(UserError) as raised, database.session() as session:
        stockcare.recall(session, sku, None, quarantine=True, **kwargs)
    assert str(raised.value) == message.format(**recall_stock)
    with database.session() as session:
        assert stockcare.quarantined_lot_ids(session) == set()


def test_recall_accepts_the_sku_in_any_case(database, recall_stock) -> None:
    with database.session() as session:
        assert len(stockcare.recall(session, " bb15 ", None, lot_text="B02").lots) == 1


def test_moves_at_a_location_being_counted_are_warned_about(database, beans_lot) -> None:
    with database.session() as session:
        count_id = counts.start(session, None, location="Cooler")
    with database.session() as session:
        moved = stockcare.transfer(session, beans_lot, "Cooler", None, quantity=5)
        adjusted = stockcare.adjust(session, beans_lot, -1, "damaged", None, location="Cooler")
        elsewhere = stockcare.adjust(session, beans_lot, -1, "damaged", None, location="Main")
    warning = f"Count {count_id} is open at Cooler: recount what you moved."
    assert moved.warnings == (warning,) and adjusted.warnings == (warning,) and elsewhere.warnings == ()
