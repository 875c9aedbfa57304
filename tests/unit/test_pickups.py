"""Pickups: planning from a template, packing FEFO across lots and locations, shortages, diets, the visit limit,
picking up (all, part, none), returns, client choice, agencies, and what a recall finds."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from pantry.errors import UserError
from pantry.models import Item, Lot, Movement, OrderAllocation, PickupOrder, User
from pantry.services import (
    agencies,
    catalog,
    expiry,
    handover,
    households,
    packing,
    pickups,
    stock,
    stockcare,
    templates,
    visits,
)
from pantry.services.intake import IntakeLine
from pantry.services.verify import verify
from tests import helpers

TODAY = dt.date.today()
RECEIVED = TODAY - dt.timedelta(days=10)
DAY = TODAY + dt.timedelta(days=3)


def _item(session, sku: str, name: str, category: str, tags: tuple[str, ...] = (), **extra) -> catalog.ItemInfo:  # type: ignore[no-untyped-def]
    info, _ = catalog.save_item(
        session,
        catalog.ItemSpec(name=name, sku=sku, category=category, unit_weight_g=400, tags=tags, **extra),
        helpers.admin_id(session),
    )
    return info


def build_pantry(session) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """A small pantry: beans in two places with three expiries, canned vegetables, pork and kosher protein, peanut
    butter and jam, milk (use-by) and apples by weight. Returns item ids by sku and location ids by name."""
    uid = helpers.admin_id(session)
    back, _ = catalog.save_location(session, "Back room", "dry", uid)
    main = catalog.location_named(session, "Main")
    beans = helpers.beans(session)
    ids = {
        "BB15": beans.id,
        "CORN": _item(session, "CORN", "Sweet corn", "Canned vegetables", ("vegan",)).id,
        "PEAS": _item(session, "PEAS", "Peas", "Canned vegetables", ("vegan",)).id,
        "SPAM": _item(session, "SPAM", "Luncheon meat", "Canned protein", ("pork",)).id,
        "TUNA": _item(session, "TUNA", "Tuna", "Canned protein", ("kosher", "fish")).id,
        "PB": _item(session, "PB", "Peanut butter", "Spreads", ("peanuts", "vegetarian")).id,
        "JAM": _item(session, "JAM", "Grape jelly", "Spreads", ("vegan",)).id,
        "MILK": helpers.milk(session).id,
        "PRODUCE": helpers.produce(session).id,
        "main": main.id,
        "back": back.id,
    }
    days = dt.timedelta

    def line(sku: str, quantity: int, expires: int | None, where: str = "main") -> IntakeLine:
        if sku == "PRODUCE":
            return IntakeLine(ids[sku], grams=quantity, expires_on=DAY + days(expires or 5), location_id=ids[where])
        return IntakeLine(
            ids[sku],
            quantity=quantity,
            expires_on=DAY + days(expires) if expires is not None else None,
            location_id=ids[where],
        )

    helpers.donate(
        session,
        line("BB15", 10, 200),
        line("BB15", 6, 30, "back"),  # earliest: picked first, from the back room
        line("BB15", 4, 100),
        line("CORN", 12, 300),
        line("PEAS", 8, 60),  # earlier than the corn: a category line takes peas first
        line("SPAM", 10, 400),
        line("TUNA", 10, 400),
        line("PB", 5, 300),
        line("JAM", 5, 300),
        line("MILK", 6, 5),
        line("PRODUCE", 9072, 5),  # 20 lb
        on=RECEIVED,
    )
    return ids


def _template(session, name: str, *lines: templates.LineSpec) -> None:  # type: ignore[no-untyped-def]
    templates.save_template(session, name, list(lines), helpers.admin_id(session))


def _household(session, name: str = "Ann", **spec) -> str:  # type: ignore[no-untyped-def]
    spec.setdefault("size", 1)
    registered = households.register_household(session, households.HouseholdSpec(name=name, **spec), None)
    return registered.household.code


def _on_hand(session) -> dict[tuple[str, str], int]:  # type: ignore[no-untyped-def]
    """On hand per item and location (all lots together)."""
    totals: dict[tuple[str, str], int] = {}
    for row in _lots(session):
        totals[(row.sku, row.location)] = totals.get((row.sku, row.location), 0) + row.quantity
    return totals


def _lots(session):  # type: ignore[no-untyped-def]
    return stock.stock_by_lot(session)


def _totals(session) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {row.sku: row.quantity for row in stock.stock_by_item(session)}


def _allocations(session, order_id: int) -> list[tuple[str, str, int]]:  # type: ignore[no-untyped-def]
    rows = session.execute(
        select(OrderAllocation.lot_id, OrderAllocation.location_id, OrderAllocation.quantity)
        .where(OrderAllocation.order_id == order_id)
        .order_by(OrderAllocation.id)
    )
    lots = {row.lot_id: (row.sku, row.expires) for row in _lots(session)}
    names = {row.id: row.name for row in catalog.locations(session)}
    return [(lots[lot][0], names[location], quantity) for lot, location, quantity in rows]


@pytest.fixture
def pantry(database):  # type: ignore[no-untyped-def]
    with database.session() as session:
        ids = build_pantry(session)
    return database, ids


def test_a_line_is_packed_fefo_across_lots_and_locations(pantry) -> None:  # type: ignore[no-untyped-def]
    database, ids = pantry
    with database.session() as session:
        _template(session, "Beans", templates.LineSpec(ids["BB15"], None, per_household=0, per_person=3))
        code = _household(session, size=4)
        planned = pickups.plan(session, DAY, "beans", None, household=code)
        assert planned.warnings == ()
        before = _totals(session)
        result = packing.pack(session, [planned.order_id], None)
        assert result.shortages == []
        # 12 beans: the 6 expiring first (back room), then the 4 of day +100, then 2 of day +200 (both in Main)
        allocated = _allocations(session, planned.order_id)
        assert [quantity for _, _, quantity in allocated] == [6, 4, 2]
        assert [where for _, where, _ in allocated] == ["Back room", "Main", "Main"]
        assert _totals(session) == before  # packing moves nothing in the ledger


def test_a_shortage_is_recorded_and_reported_not_hidden(pantry) -> None:  # type: ignore[no-untyped-def]
    database, ids = pantry
    with database.session() as session:
        _template(session, "Lots of beans", templates.LineSpec(ids["BB15"], None, per_household=25))
        planned = pickups.plan(session, DAY, "Lots of beans", None, household=_household(session))
        assert planned.warnings == (f"{planned.code}: short of 5 of Black beans 15 oz (wanted 25)",)
        result = packing.pack(session, [planned.order_id], None)
        assert [(s.what, s.wanted, s.short) for s in result.shortages] == [("Black beans 15 oz", "25", "5")]
        order = session.get(PickupOrder, planned.order_id)
        assert order.status == "packed" and order.lines[0].shortage == 5
        assert sum(quantity for _, _, quantity in _allocations(session, order.id)) == 20


def test_two_packed_orders_never_hold_the_same_units(pantry) -> None:  # type: ignore[no-untyped-def]
    database, ids = pantry
    with database.session() as session:
        _template(session, "Beans", templates.LineSpec(ids["BB15"], None, per_household=12))
        first = pickups.plan(session, DAY, "Beans", None, household=_household(session, "Ann"))
        packing.pack(session, [first.order_id], None)
        second = pickups.plan(session, DAY, "Beans", None, household=_household(session, "Bo", phone="5550001"))
        assert second.warnings == (f"{second.code}: short of 4 of Black beans 15 oz (wanted 12)",)
        result = packing.pack(session, [second.order_id], None)
        assert [s.short for s in result.shortages] == ["4"]
        # the second takes what the first does not hold: 8 of the latest lot
        assert _allocations(session, second.order_id) == [("BB15", "Main", 8)]
        # re-packing the first keeps its own units
        assert packing.pack(session, [first.order_id], None).shortages == []


def test_a_category_line_takes_the_earliest_expiring_item_of_the_category(pantry) -> None:  # type: ignore[no-untyped-def]
    database, ids = pantry
    with database.session() as session:
        _template(session, "Veg", templates.LineSpec(None, session.get(Item, ids["CORN"]).category_id, 0, 2))
        planned = pickups.plan(session, DAY, "Veg", None, household=_household(session, size=5))
        packing.pack(session, [planned.order_id], None)
        assert _allocations(session, planned.order_id) == [("PEAS", "Main", 8), ("CORN", "Main", 2)]


def test_diets_exclude_or_substitute_and_allergens_are_never_given(pantry) -> None:  # type: ignore[no-untyped-def]
    database, ids = pantry
    with database.session() as session:
        spreads = session.get(Item, ids["PB"]).category_id
        _template(
            session,
            "Protein",
            templates.LineSpec(ids["SPAM"], None, per_household=2),
            templates.LineSpec(ids["PB"], None, per_household=1),
            templates.LineSpec(None, spreads, per_household=1),
        )
        code = _household(session, dietary=("no_pork", "nut_allergy"))
        planned = pickups.plan(session, DAY, "Protein", None, household=code)
        packing.pack(session, [planned.order_id], None)
        given = _allocations(session, planned.order_id)
        # the pork line is filled from its category, earliest expiry first (beans are canned protein too); peanut
        # butter is swapped for jam, and "any spread" can only be jam
        assert given == [("BB15", "Back room", 2), ("JAM", "Main", 1), ("JAM", "Main", 1)]
        lines = session.get(PickupOrder, planned.order_id).lines
        assert lines[0].note == "instead of Luncheon meat (no pork)"
        assert lines[1].note == "instead of Peanut butter (nut allergy)"

        # a flag that is a tag's own name excludes items with that tag
        plain = _household(session, "Cy", dietary=("fish", "pork"), phone="5550002")
        planned = pickups.plan(session, DAY, "Protein", None, household=plain)
        packing.pack(session, [planned.order_id], None)
        assert all(sku not in ("SPAM", "TUNA") for sku, _, _ in _allocations(session, planned.order_id))
        assert session.get(PickupOrder, planned.order_id).lines[0].note == "instead of Luncheon meat (pork)"


def test_quantities_scale_by_size_band_and_per_person(pantry) -> None:  # type: ignore[no-untyped-def]
    database, ids = pantry
    with database.session() as session:
        _template(
            session,
            "Family box",
            templates.LineSpec(ids["CORN"], None, per_household=1, band_min=1, band_max=2),
            templates.LineSpec(ids["CORN"], None, per_household=3, band_min=3, band_max=4),
            templates.LineSpec(ids["CORN"], None, per_household=5, band_min=5),
            templates.LineSpec(ids["JAM"], None, per_household=1, per_person=0),
            templates.LineSpec(ids["PRODUCE"], None, per_household=454, per_person=227),
        )
        sizes = {}
        for size in (1, 2, 3, 4, 5, 9):
            code = _household(session, f"H{size}", size=size, phone=f"55500{size:02d}")
            planned = pickups.plan(session, DAY, "Family box", None, household=code)
            order = session.get(PickupOrder, planned.order_id)
            sizes[size] = [line.quantity for line in order.lines]
        assert sizes[1] == [1, 1, 681] and sizes[2] == [1, 1, 908]
        assert sizes[3] == [3, 1, 1135] and sizes[4] == [3, 1, 1362]
        assert sizes[5] == [5, 1, 1589] and sizes[9] == [5, 1, 2497]


def test_the_visit_limit_warns_blocks_and_a_shift_lead_may_override(pantry) -> None:  # type: ignore[no-untyped-def]
    database, ids = pantry
    with database.session() as session:
        _template(session, "Jam", templates.LineSpec(ids["JAM"], None, per_household=1))
        code = _household(session)
        first = pickups.plan(session, DAY, "Jam", None, household=code)
        handover.complete(session, first.code, None, day=DAY)
        # default: 1 per month, warn
        again = pickups.plan(session, DAY + dt.timedelta(days=1), "Jam", None, household=code)
        assert any(warning.startswith(f"visit limit: {code} has 1 visit(s)") for warning in again.warnings)
        pickups.cancel(session, again.code, None)

        visits.set_visit_limit(session, "1 per month", "block")
        with pytest.raises(UserError, match="a shift lead may override"):
            pickups.plan(session, DAY + dt.timedelta(days=1), "Jam", None, household=code)
        volunteer = User(name="vic", role="volunteer")
        lead = User(name="lee", role="shift_lead")
        session.add_all([volunteer, lead])
        session.flush()
        with pytest.raises(UserError, match="vic \\(volunteer\\) may not plan pickups: ask a shift lead"):
            pickups.plan(session, DAY, "Jam", volunteer.id, household=code, override_reason="moved house")
        with pytest.raises(UserError, match="only a shift lead or an admin"):
            pickups.walk_in(session, code, "Jam", volunteer.id, day=DAY, override_reason="moved house")
        with pytest.raises(UserError, match="say why"):
            pickups.plan(session, DAY, "Jam", lead.id, household=code, override_reason="  ")
        forced = pickups.plan(
            session, DAY + dt.timedelta(days=1), "Jam", lead.id, household=code, override_reason="fire"
        )
        assert any("overridden by lee: fire" in warning for warning in forced.warnings)
        order = session.get(PickupOrder, forced.order_id)
        assert (order.override_reason, order.override_by_id) == ("fire", lead.id)

        # another period is fine; rolling 30 days looks both ways
        next_month = (DAY.replace(day=1) + dt.timedelta(days=40)).replace(day=1)
        pickups.plan(session, next_month + dt.timedelta(days=40), "Jam", None, household=code)
        visits.set_visit_limit(session, "1 per 30 days", "block")
        with pytest.raises(UserError, match="visit limit"):
            pickups.plan(session, next_month + dt.timedelta(days=20), "Jam", None, household=code)
        visits.set_visit_limit(session, mode="off")
        pickups.plan(session, next_month + dt.timedelta(days=20), "Jam", None, household=code)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 per month", (1, "month")),
        ("2 per week", (2, "week")),
        ("1 per 30 days", (1, "30days")),
        ("3/day", (3, "day")),
    ],
)
def test_visit_limits_are_read_as_people_write_them(text: str, expected: tuple[int, str]) -> None:
    assert visits.parse_limit(text) == expected


def test_visit_periods() -> None:
    wednesday = dt.date(2026, 11, 25)
    assert visits.period_around(wednesday, "week") == (dt.date(2026, 11, 23), dt.date(2026, 11, 29))
    assert visits.period_around(wednesday, "month") == (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert visits.period_around(dt.date(2026, 12, 31), "month") == (dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    with pytest.raises(ValueError, match="not a visit limit"):
        visits.parse_limit("often")


def test_a_partial_pickup_posts_what_was_given_and_the_rest_stays_in_stock(pantry) -> None:  # type: ignore[no-untyped-def]
    database, ids = pantry
    with database.session() as session:
        _template(
            session,
            "Bag",
            templates.LineSpec(ids["BB15"], None, per_household=8),
            templates.LineSpec(ids["JAM"], None, per_household=2),
            templates.LineSpec(ids["PRODUCE"], None, per_household=1361),  # 3 lb
        )
        planned = pickups.plan(session, DAY, "Bag", None, household=_household(session))
        packing.pack(session, [planned.order_id], None)
        before = _on_hand(session)
        done = handover.complete(session, planned.code, None, given={ids["BB15"]: 7, ids["PRODUCE"]: 1000}, day=DAY)
        after = _on_hand(session)
        # beans: 6 from the back room (FEFO), 1 from Main; no jam; 1000 g of produce
        assert before[("BB15", "Back room")] - after.get(("BB15", "Back room"), 0) == 6
        assert sum(before[k] - after.get(k, 0) for k in before if k[0] == "BB15") == 7
        assert after[("JAM", "Main")] == before[("JAM", "Main")]
        assert before[("PRODUCE", "Main")] - after[("PRODUCE", "Main")] == 1000
        assert "not given, stays in stock: 1 Black beans 15 oz, 2 Grape jelly" in done.message
        movements = session.scalars(select(Movement).where(Movement.reference == planned.code)).all()
        assert {m.kind for m in movements} == {"distribution"} and {m.business_date for m in movements} == {DAY}
        assert len({m.operation_id for m in movements}) == 1
        order = session.get(PickupOrder, planned.order_id)
        assert (order.status, order.picked_up_on, order.operation_id) == ("picked_up", DAY, movements[0].operation_id)
        assert verify(session).ok


def test_giving_what_was_not_packed_is_refused(pantry) -> None:  # type: ignore[no-untyped-def]
    database, ids = pantry
    with database.session() as session:
        _template(session, "Jam", templates.LineSpec(ids["JAM"], None, per_household=2))
        planned = pickups.plan(session, DAY, "Jam", None, household=_household(session))
        with pytest.raises(UserError, match=r"3 given, but only 2 packed"):
            handover.complete(session, planned.code, None, given={ids["JAM"]: 3}, day=DAY)
        with pytest.raises(UserError, match="not packed in order"):
            handover.complete(session, planned.code, None, given={ids["CORN"]: 1}, day=DAY)


def test_no_show_and_cancel_post_nothing_and_are_final(pantry) -> None:  # type: ignore[no-untyped-def]
    database, ids = pantry
    with database.session() as session:
        _template(session, "Jam", templates.LineSpec(ids["JAM"], None, per_household=2))
        movements = session.scalar(select(func.count(Movement.id)))
        missed = pickups.plan(session, TODAY, "Jam", None, household=_household(session, "Ann"))
        packing.pack(session, [missed.order_id], None)
        assert "no-show recorded" in pickups.no_show(session, missed.code, None, today=TODAY)
        dropped = pickups.plan(session, DAY, "Jam", None, household=_household(session, "Bo", phone="5550009"))
        pickups.cancel(session, dropped.code, None)
        assert session.scalar(select(func.count(Movement.id))) == movements
        for code in (missed.code, dropped.code):
            with pytest.raises(UserError, match="cannot be picked up"):
                handover.complete(session, code, None, day=DAY)
            with pytest.raises(UserError, match="already"):
                pickups.cancel(session, code, None)
            with pytest.raises(UserError, match="only planned or packed"):
                packing.pack(session, [pickups.order_by_code(session, code).id], None)
        # what a no-show held is free again
        third = pickups.plan(session, DAY, "Jam", None, household=_household(session, "Cy", phone="5550008"))
        assert packing.pack(session, [third.order_id], None).shortages == []
        with pytest.raises(UserError, match="still to come"):
            pickups.no_show(session, third.code, None, today=TODAY)
        handover.complete(session, third.code, None, day=DAY)
        with pytest.raises(UserError, match="correct it with a return"):
            pickups.cancel(session, third.code, None)
        with pytest.raises(UserError, match=r"picked up on .* already"):
            handover.complete(session, third.code, None, day=DAY)


def test_a_return_puts_goods_back_and_reduces_what_was_distributed(pantry) -> None:  # type: ignore[no-untyped-def]
    database, ids = pantry
    with database.session() as session:
        _template(session, "Beans", templates.LineSpec(ids["BB15"], None, per_household=8))
        planned = pickups.plan(session, DAY, "Beans", None, household=_household(session))
        handover.complete(session, planned.code, None, day=DAY)
        before = _totals(session)["BB15"]
        message = handover.return_goods(session, planned.code, {ids["BB15"]: 3}, None, day=DAY)
        assert "Returned to stock" in message
        assert _totals(session)["BB15"] == before + 3
        with pytest.raises(UserError, match="returned, but order"):
            handover.return_goods(session, planned.code, {ids["BB15"]: 6}, None, day=DAY)
        given = session.scalar(
            select(func.sum(Movement.quantity)).where(
                Movement.reference == planned.code, Movement.kind == "distribution"
            )
        )
        assert given == -5
        assert verify(session).ok


def test_use_by_food_past_its_date_needs_an_override_and_held_lots_never_go_out(pantry) -> None:  # type: ignore[no-untyped-def]
    database, ids = pantry
    with database.session() as session:
        yesterday = TODAY - dt.timedelta(days=1)
        saved = helpers.donate(
            session, IntakeLine(ids["MILK"], quantity=2, expires_on=yesterday), on=yesterday - dt.timedelta(days=3)
        )
        _template(session, "Milk", templates.LineSpec(ids["MILK"], None, per_household=1))
        # planned and packed for the day before yesterday, when the oldest milk was still good ...
        planned = pickups.plan(session, yesterday - dt.timedelta(days=1), "Milk", None, household=_household(session))
        packing.pack(session, [planned.order_id], None)
        lot_id = session.scalar(select(OrderAllocation.lot_id).where(OrderAllocation.order_id == planned.order_id))
        assert session.get(Lot, lot_id).code == saved.lot_codes[0]
        # ... and picked up today, past its use-by date: refused without an override
        with pytest.raises(UserError, match=r"use-by .* may not go out"):
            handover.complete(session, planned.code, None, day=TODAY)
        expiry.override_use_by(session, lot_id, helpers.admin_id(session), "still sealed and cold")
        handover.complete(session, planned.code, None, day=TODAY)

        # a use-by lot past its date on the pickup day is never packed: the next milk is the fresh lot
        fresh = pickups.plan(session, TODAY, "Milk", None, household=_household(session, "Bo", phone="5550007"))
        packing.pack(session, [fresh.order_id], None)
        assert _allocations(session, fresh.order_id) == [("MILK", "Main", 1)]
        assert (
            session.scalar(select(OrderAllocation.lot_id).where(OrderAllocation.order_id == fresh.order_id)) != lot_id
        )

        # quarantined after packing: refused at pickup, and given without it
        _template(session, "Jam", templates.LineSpec(ids["JAM"], None, per_household=1))
        held = pickups.plan(session, DAY, "Jam", None, household=_household(session, "Cy", phone="5550006"))
        packing.pack(session, [held.order_id], None)
        stockcare.recall(session, "JAM", None, quarantine=True)
        with pytest.raises(UserError, match="on hold"):
            handover.complete(session, held.code, None, day=DAY)
        handover.complete(session, held.code, None, given={}, day=DAY)
        # and never packed again while on hold
        later = pickups.plan(session, DAY, "Jam", None, household=_household(session, "Di", phone="5550005"))
        assert [s.short for s in packing.pack(session, [later.order_id], None).shortages] == ["1"]


def test_recalls_list_the_pickups_that_received_a_lot(pantry) -> None:  # type: ignore[no-untyped-def]
    database, ids = pantry
    with database.session() as session:
        _template(session, "Beans", templates.LineSpec(ids["BB15"], None, per_household=8))
        code = _household(session)
        planned = pickups.plan(session, DAY, "Beans", None, household=code)
        handover.complete(session, planned.code, None, day=DAY)
        result = stockcare.recall(session, "BB15", None)
        assert [(p.order, p.household, p.date, p.quantity) for p in result.pickups] == [
            (planned.code, code, DAY, "6"),
            (planned.code, code, DAY, "2"),
        ]


def test_client_choice_records_what_was_taken_at_checkout(pantry) -> None:  # type: ignore[no-untyped-def]
    database, ids = pantry
    with database.session() as session:
        code = _household(session, dietary=("no_pork",))
        before = _totals(session)
        done = handover.checkout(session, code, {ids["SPAM"]: 2, ids["CORN"]: 3}, None, day=TODAY)
        after = _totals(session)
        assert (before["SPAM"] - after["SPAM"], before["CORN"] - after["CORN"]) == (2, 3)  # they chose it
        order = pickups.order_by_code(session, done.order)
        assert (order.kind, order.status, order.picked_up_on) == ("choice", "picked_up", TODAY)
        with pytest.raises(UserError, match="Peanut butter: 50 taken, short by 45 on the books"):
            handover.checkout(session, code, {ids["PB"]: 50}, None, day=TODAY)


def test_an_agency_gets_a_bulk_order_scaled_by_the_people_it_serves(pantry) -> None:  # type: ignore[no-untyped-def]
    database, ids = pantry
    with database.session() as session:
        agencies.save_agency(session, "Riverside Shelter", None, people=3, contact="Jo")
        _template(session, "Bulk", templates.LineSpec(ids["CORN"], None, per_household=1, per_person=2))
        planned = pickups.plan(session, DAY, "Bulk", None, agency="riverside shelter")
        assert planned.household == "Riverside Shelter"
        assert session.get(PickupOrder, planned.order_id).lines[0].quantity == 7
        done = handover.complete(session, planned.code, None, day=DAY)
        assert done.recipient == "Riverside Shelter"
        with pytest.raises(UserError, match="no agency named"):
            pickups.plan(session, DAY, "Bulk", None, agency="Nowhere")


def test_visits_are_picked_up_orders(pantry) -> None:  # type: ignore[no-untyped-def]
    database, ids = pantry
    with database.session() as session:
        _template(session, "Jam", templates.LineSpec(ids["JAM"], None, per_household=1))
        visits.set_visit_limit(session, mode="off")
        code = _household(session)
        household_id = households.by_code(session, code).id
        for offset in (0, 1, 2):
            planned = pickups.plan(session, DAY + dt.timedelta(days=offset), "Jam", None, household=code)
            if offset < 2:
                handover.complete(session, planned.code, None, day=DAY + dt.timedelta(days=offset))
        history = visits.visits_of(session, household_id)
        assert [visit.date for visit in history] == [DAY + dt.timedelta(days=1), DAY]
        assert all(visit.items == 1 and visit.grams == 400 for visit in history)
        assert visits.visit_counts(session, DAY, DAY + dt.timedelta(days=5)) == {household_id: 2}


def test_planning_refuses_what_cannot_be_planned_and_plans_none(pantry) -> None:  # type: ignore[no-untyped-def]
    database, ids = pantry
    with database.session() as session:
        _template(session, "Jam", templates.LineSpec(ids["JAM"], None, per_household=1))
        _template(session, "Big", templates.LineSpec(ids["JAM"], None, per_household=1, band_min=5))
        code = _household(session)
        pickups.plan(session, DAY, "Jam", None, household=code)
        with pytest.raises(UserError) as refused:
            pickups.plan_many(session, DAY, "Jam", [code, "NOPE", code], None)
        assert refused.value.problems == [
            f"household: {code} already has order {pickups.order_code(1)} on {DAY.isoformat()} (Jam)",
            "household: 'NOPE' is not a household code we know",
            f"household: {code} is named twice",
        ]
        with pytest.raises(UserError, match="gives nothing to a household of 1"):
            pickups.plan(session, DAY, "Big", None, household=code)
        with pytest.raises(UserError, match="no template named 'Box'"):
            pickups.plan(session, DAY, "Box", None, household=code)
        with pytest.raises(UserError, match="slot: '25:00' is not a time"):
            pickups.plan(session, DAY, "Big", None, household=code, slot="25:00")
        with pytest.raises(UserError, match="is not an order code"):
            pickups.order_by_code(session, code)
        assert pickups.order_by_code(session, "]C0" + pickups.order_code(1).lower()).id == 1


def test_closing_a_day_makes_its_open_orders_no_shows(pantry) -> None:  # type: ignore[no-untyped-def]
    database, ids = pantry
    with database.session() as session:
        _template(session, "Jam", templates.LineSpec(ids["JAM"], None, per_household=5))
        yesterday = TODAY - dt.timedelta(days=1)
        first = pickups.plan(session, yesterday, "Jam", None, household=_household(session, "Ann"))
        second = pickups.plan(session, yesterday, "Jam", None, household=_household(session, "Bo", phone="5550004"))
        packing.pack(session, [first.order_id], None)
        handover.complete(session, second.code, None, day=yesterday)
        later = pickups.plan(session, TODAY, "Jam", None, household=_household(session, "Cy", phone="5550003"))
        assert [s.short for s in packing.pack(session, [later.order_id], None).shortages] == ["5"]  # all held
        assert pickups.close_day(session, yesterday, None, today=TODAY) == [first.code]
        assert packing.pack(session, [later.order_id], None).shortages == []  # free again
        with pytest.raises(UserError, match="still to come"):
            pickups.close_day(session, DAY, None, today=TODAY)


def test_a_walk_in_is_planned_and_packed_at_once(pantry) -> None:  # type: ignore[no-untyped-def]
    database, ids = pantry
    with database.session() as session:
        _template(session, "Jam", templates.LineSpec(ids["JAM"], None, per_household=1))
        planned, packed = pickups.walk_in(session, _household(session), "Jam", None, day=TODAY)
        order = session.get(PickupOrder, planned.order_id)
        assert (order.kind, order.status, order.pickup_date) == ("walk_in", "packed", TODAY)
        assert packed.allocations == 1


def test_packing_picks_lots_exactly_as_the_expiry_rules_do(pantry) -> None:  # type: ignore[no-untyped-def]
    """expiry.pick_orders (what packing uses) agrees with expiry.pick_order item by item, setting and all."""
    from pantry.services.setup import set_setting

    database, ids = pantry
    with database.session() as session:
        helpers.donate(
            session,
            IntakeLine(ids["BB15"], quantity=3, expires_on=TODAY - dt.timedelta(days=1)),  # best-by, past
            IntakeLine(ids["MILK"], quantity=2, expires_on=TODAY - dt.timedelta(days=1)),  # use-by, past
            on=RECEIVED,
        )
        stockcare.recall(session, "JAM", None, quarantine=True)
        items = [item_id for sku, item_id in ids.items() if sku.isupper()]

        def key(pick: expiry.Pickable) -> tuple[object, ...]:
            return (pick.lot_id, pick.location_id, pick.quantity, pick.past_best_by)

        for skip in ("0", "1"):
            set_setting(session, expiry.SKIP_PAST_BEST_BY, skip)
            for day in (TODAY, DAY, DAY + dt.timedelta(days=40)):
                bulk = expiry.pick_orders(session, items, day)
                for item_id in items:
                    one = [key(pick) for pick in expiry.pick_order(session, item_id, day)]
                    assert [key(pick) for pick in bulk.get(item_id, [])] == one, (item_id, day, skip)
