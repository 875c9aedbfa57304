"""The sample pantry at benchmark size: years of history, millions of movements, written straight to the driver.

`sample.fill` goes through the services a desk uses (every rule exercised) and writes ~12,000 movements a second.
Ten million movements that way would take a quarter of an hour, so this path writes the same kinds of rows in bulk
(`exec_driver_sql` with tuples, FACTS.md) and keeps the one invariant that matters: each balance is the sum of its
lot's movements at that location, with grams and cents split by `measures.share` exactly as `ledger.post` splits them
(`pantry verify` proves it on the built file). The catalog, donors and locations still go through the services.

The movement table's secondary indexes are dropped while its rows go in and built once at the end (the same
definitions, from the models), which is several times faster than keeping them up to date row by row.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from pantry.bulk import insert_rows
from pantry.codes import gtin_check_digit, lot_code, make_code
from pantry.db import Database
from pantry.errors import UserError
from pantry.measures import share
from pantry.models import (
    Balance,
    Category,
    Donation,
    Household,
    HouseholdMembers,
    Item,
    Lot,
    Movement,
    Operation,
    ProductCode,
    utcnow,
)
from pantry.progress import Progress, no_progress
from pantry.sample import _FIRST_NAMES, _LANGUAGES, _LAST_NAMES, _POSTCODES, _create_catalog
from pantry.sample_catalog import SAMPLE_DONORS, SAMPLE_ITEMS
from pantry.services import ledger, users

_CHUNK_LOTS = 20_000
BRANDS = (
    "Acre", "Bayfield", "Birchway", "Blue Hen", "Brightfield", "Cedar Hill", "Clearbrook", "Copper Kettle",
    "Country Lane", "Crestview", "Daybreak", "Dover", "Eastgate", "Elm Street", "Evergreen", "Fairhaven", "Fieldstone",
    "Fox Run", "Golden Acre", "Granite", "Greenleaf", "Harbor", "Harvest Moon", "Hearthside", "Highland", "Hilltop",
    "Homestead", "Honeybrook", "Ironwood", "Juniper", "Keystone", "Lakeside", "Laurel", "Liberty", "Lone Oak",
    "Maple Grove", "Meadowbrook", "Millbrook", "Mountain View", "Nature's Pick", "Northfield", "Oak Ridge",
    "Orchard Gate", "Parkside", "Pine Hollow", "Prairie", "Quail Run", "Red Barn", "Ridgeline", "River Bend",
    "Rolling Hills", "Rosewood", "Sandy Creek", "Shady Grove", "Silver Lake", "Southport", "Springdale", "Stonebridge",
    "Summit", "Sunny Acres", "Sweetwater", "Tall Pines", "Thistle", "Timberline", "Twin Oaks", "Union Mills",
    "Valley Farm", "Vista", "Walnut Creek", "Westbrook", "Whitestone", "Wild Rose", "Willow Bend", "Windmill",
    "Woodland", "Yellow Door", "Zephyr", "Amber Fields", "Bright Harbor", "Clover", "Driftwood", "Emerald",
    "Four Seasons", "Glen Echo", "Heritage", "Indigo", "Jubilee", "Kingfisher", "Larkspur", "Morning Star",
    "Northern Light", "Old Mill", "Pioneer", "Quarry", "Riverstone", "Sage", "Trailhead", "Upland", "Valor", "Wren",
    "Aspen", "Bluebell", "Canyon", "Dellwood", "Echo Park", "Foxglove", "Garnet", "Hawthorn", "Ivy Lane", "Jasper",
    "Kestrel", "Linden", "Marigold", "Nutmeg", "Osprey", "Poppy", "Quince", "Rowan", "Sparrow", "Tamarack",
    "Umber", "Violet", "Waverly", "Yarrow", "Alder", "Beacon", "Cobble", "Dunmore", "Fernhill", "Gable",
)  # fmt: skip


@dataclass(frozen=True)
class Shape:
    """How big a bulk sample is: the ledger's length, lots on hand today, households and catalog size."""

    movements: int
    on_hand_lots: int
    households: int
    items: int
    years: int = 3
    movements_per_lot: int = 5  # the intake and about four ways out (pickups, breakage, expiry)


@dataclass(frozen=True)
class BulkSummary:
    items: int
    households: int
    donations: int
    lots: int
    movements: int
    on_hand_lots: int


def _extra_items(connection: Connection, count: int, user_id: int, now: dt.datetime) -> None:
    """Brand variants of the sample catalog (e.g. "Harbor Peas, canned 15 oz") up to `count` items in all, each
    with a GTIN of its own, so that lookups and scans run against a catalog of food-bank size."""
    have = connection.execute(select(func.count(Item.id))).scalar_one()
    wanted = count - have
    if wanted <= 0:
        return
    categories = dict(connection.execute(select(Category.name, Category.id)).all())
    first_id = (connection.execute(select(func.max(Item.id))).scalar_one() or 0) + 1
    item_rows, code_rows = [], []
    for offset in range(wanted):
        base = SAMPLE_ITEMS[offset % len(SAMPLE_ITEMS)]
        brand = BRANDS[offset // len(SAMPLE_ITEMS) % len(BRANDS)]
        round_ = offset // (len(SAMPLE_ITEMS) * len(BRANDS))
        name = f"{brand} {base.name}" + (f" ({round_ + 1})" if round_ else "")
        item_id = first_id + offset
        item_rows.append(
            (
                item_id, f"B{item_id:06d}", name, name.casefold(), categories[base.category], base.unit,
                base.unit_weight_g, base.unit_value_cents, base.storage, base.date_kind, base.shelf_life_days,
                None, ";".join(base.tags), True, now, user_id,
            )
        )  # fmt: skip
        body = f"29{item_id:010d}"  # GS1 prefix 2: numbers for a store's own use, never a manufacturer's
        code_rows.append((f"{body}{gtin_check_digit(body)}", item_id, 1, now, user_id))
    insert_rows(
        connection,
        Item.__table__,
        ("id", "sku", "name", "name_key", "category_id", "unit", "unit_weight_g", "unit_value_cents", "storage",
         "date_kind", "shelf_life_days", "par_level", "tags", "active", "created_at", "created_by_id"),
        item_rows,
    )  # fmt: skip
    insert_rows(
        connection,
        ProductCode.__table__,
        ("code", "item_id", "quantity_per_scan", "created_at", "created_by_id"),
        code_rows,
    )


def _households(
    connection: Connection, rng: random.Random, count: int, today: dt.date, days: int, user_id: int, now: dt.datetime
) -> None:
    first_id = (connection.execute(select(func.max(Household.id))).scalar_one() or 0) + 1
    rows, members = [], []
    for offset in range(count):
        household_id = first_id + offset
        adults, children, seniors = rng.choice((1, 1, 2, 2, 3)), rng.choice((0, 0, 1, 2, 3, 4)), rng.choice((0, 0, 1))
        first = rng.choice(_FIRST_NAMES)
        name = f"{first} {rng.choice(_LAST_NAMES)}"
        registered = today - dt.timedelta(days=rng.randint(0, days))
        phone = f"614-{rng.randint(200, 999)}-{rng.randint(0, 9999):04d}"
        rows.append(
            (
                household_id, make_code("household", household_id), first, name, name.casefold(),
                adults + children + seniors, registered, True, rng.choice(_POSTCODES), phone,
                phone.replace("-", ""), rng.choice(_LANGUAGES), "", "", "", "", registered, "income", True, now,
                user_id,
            )
        )  # fmt: skip
        for band, number in (("adults", adults), ("children", children), ("seniors", seniors)):
            if number:
                members.append((household_id, band, number))
    insert_rows(
        connection,
        Household.__table__,
        ("id", "code", "first_name", "name", "name_key", "size", "registered_on", "active", "postcode", "phone",
         "phone_key", "language", "dietary", "dietary_note", "proxy", "notes", "eligibility_declared_on",
         "eligibility_basis", "consent", "created_at", "created_by_id"),
        rows,
    )  # fmt: skip
    insert_rows(connection, HouseholdMembers.__table__, ("household_id", "band_key", "count"), members)


@dataclass
class _Ids:
    lot: int
    donation: int
    operation: int


def _open_days(today: dt.date, days: int) -> list[dt.date]:
    start = today - dt.timedelta(days=days)
    return [start + dt.timedelta(days=n) for n in range(days + 1) if (start + dt.timedelta(days=n)).weekday() != 6]


def _lot_days(open_days: list[dt.date], lots: int) -> Iterator[dt.date]:
    """The day each lot came in: evenly over the open days, oldest first."""
    per_day = lots / len(open_days)
    made = 0
    for index, day in enumerate(open_days):
        upto = round((index + 1) * per_day)
        for _ in range(upto - made):
            yield day
        made = upto


def fill(
    database: Database,
    shape: Shape,
    *,
    seed: int = 2026,
    today: dt.date | None = None,
    progress: Progress = no_progress,
) -> BulkSummary:
    """Fill an empty database with `shape`'s worth of history, committing every few thousand lots."""
    today = today or dt.date.today()
    rng = random.Random(seed)
    now = utcnow()
    days = shape.years * 365
    with database.session() as session:
        if session.scalar(select(func.count(Item.id))):
            raise UserError("This database already has items; the sample pantry goes only into an empty one.")
        user_id = users.acting_user(session).id
        locations, donor_ids = _create_catalog(session, user_id)
        session.flush()
        _extra_items(session.connection(), shape.items, user_id, now)
        _households(session.connection(), random.Random(seed + 1), shape.households, today, days, user_id, now)
        items = list(
            session.execute(
                select(
                    Item.id, Item.unit, Item.unit_weight_g, Item.unit_value_cents, Item.storage, Item.shelf_life_days
                ).order_by(Item.id)
            )
        )
        first = lambda table: (session.scalar(select(func.max(table.c.id))) or 0) + 1  # noqa: E731
        ids = _Ids(first(Lot.__table__), first(Donation.__table__), first(Operation.__table__))
        movement_indexes = list(Movement.__table__.indexes)
        for index in movement_indexes:
            index.drop(session.connection())

    lots = shape.movements // shape.movements_per_lot
    keep_days = max(1, round(days * shape.on_hand_lots / lots))  # lots younger than this still have some left
    sample_items, brand_items = items[: len(SAMPLE_ITEMS)], items[len(SAMPLE_ITEMS) :]
    donors = [donor_ids[name] for name, _kind in SAMPLE_DONORS]
    operation_of_day: dict[dt.date, int] = {}

    totals = {"donations": 0, "lots": 0, "movements": 0, "on_hand": 0}
    lot_rows: list[tuple[object, ...]] = []
    movement_rows: list[tuple[object, ...]] = []
    donation_rows: list[tuple[object, ...]] = []
    operation_rows: list[tuple[object, ...]] = []
    balance_rows: list[tuple[object, ...]] = []
    in_donation = 0
    donation_day = None

    def flush() -> None:
        with database.session() as session:
            write(session.connection())
        for rows in (operation_rows, donation_rows, lot_rows, movement_rows, balance_rows):
            rows.clear()
        progress(totals["movements"], shape.movements)

    def write(connection: Connection) -> None:
        insert_rows(connection, Operation.__table__, ("id", "kind", "note", "user_id", "created_at"), operation_rows)
        insert_rows(
            connection, Donation.__table__, ("id", "donor_id", "received_on", "note", "created_at", "created_by_id"),
            donation_rows,
        )  # fmt: skip
        insert_rows(
            connection,
            Lot.__table__,
            ("id", "code", "item_id", "donation_id", "quantity", "grams", "value_cents", "unit_value_cents",
             "unit_weight_g", "expires_on", "supplier_lot", "received_on", "created_at", "created_by_id"),
            lot_rows,
        )  # fmt: skip
        insert_rows(
            connection,
            Movement.__table__,
            ("lot_id", "item_id", "location_id", "quantity", "grams", "value_cents", "kind", "reason", "reference",
             "business_date", "created_at", "user_id", "operation_id"),
            movement_rows,
        )  # fmt: skip
        insert_rows(
            connection,
            Balance.__table__,
            ("lot_id", "location_id", "item_id", "quantity", "grams", "value_cents", "expires_on"),
            balance_rows,
        )

    def day_operation(day: dt.date) -> int:
        if day not in operation_of_day:
            operation_of_day[day] = ids.operation
            operation_rows.append((ids.operation, "distribution", "sample", user_id, now))
            ids.operation += 1
        return operation_of_day[day]

    for received in _lot_days(_open_days(today, days), lots):
        if in_donation == 0 or received != donation_day:  # a new donation of 1 to 9 lots (all of one day)
            in_donation = rng.randint(1, 9)
            donation_id, intake_operation, donation_day = ids.donation, ids.operation, received
            donation_rows.append((donation_id, rng.choice(donors), received, "", now, user_id))
            operation_rows.append((intake_operation, "intake", "", user_id, now))
            ids.donation += 1
            ids.operation += 1
            totals["donations"] += 1
        in_donation -= 1
        item_id, unit, unit_weight, unit_value, storage, shelf_life = rng.choice(
            sample_items if rng.random() < 0.8 or not brand_items else brand_items
        )
        location_id = locations[storage]
        weighed = unit in ("lb", "kg")
        outs = max(1, round(rng.gauss(shape.movements_per_lot - 1, 1.2)))
        takes = [rng.randint(450, 4500) if weighed else rng.randint(1, 4) for _ in range(outs)]
        age = (today - received).days
        left = rng.randint(1, 24) * (900 if weighed else 1) if age < keep_days else 0
        quantity = sum(takes) + left
        grams = quantity if weighed else quantity * (unit_weight or 0)
        value = (quantity * unit_value // (454 if unit == "lb" else 1000)) if weighed else quantity * unit_value
        expires = received + dt.timedelta(days=max(1, int(shelf_life * rng.uniform(0.3, 1.0)))) if shelf_life else None
        lot_id = ids.lot
        ids.lot += 1
        lot_rows.append(
            (lot_id, lot_code(lot_id), item_id, donation_id, quantity, grams, value, unit_value,
             None if weighed else unit_weight, expires, None, received, now, user_id)
        )  # fmt: skip
        movement_rows.append(
            (lot_id, item_id, location_id, quantity, grams, value, "intake", None, None, received, now, user_id,
             intake_operation)
        )  # fmt: skip
        on_hand = quantity
        reach = max(1, min(age, keep_days - 1 if left else 90))
        for take, offset in zip(takes, sorted(rng.randint(0, reach) for _ in takes), strict=True):
            day = min(received + dt.timedelta(days=offset), today)
            after = on_hand - take
            kind, reason = ("adjustment", "damaged") if rng.random() < 0.02 else ("distribution", None)
            if expires is not None and day > expires:
                kind, reason = "adjustment", "expired"  # what was left went past its date on the shelf
            movement_rows.append(
                (lot_id, item_id, location_id, -take, share(grams, quantity, after) - share(grams, quantity, on_hand),
                 share(value, quantity, after) - share(value, quantity, on_hand), kind, reason, "sample", day, now,
                 user_id, day_operation(day))
            )  # fmt: skip
            on_hand = after
        if on_hand:
            balance_rows.append(
                (lot_id, location_id, item_id, on_hand, share(grams, quantity, on_hand),
                 share(value, quantity, on_hand), expires)
            )  # fmt: skip
            totals["on_hand"] += 1
        totals["lots"] += 1
        totals["movements"] += 1 + len(takes)
        if len(lot_rows) >= _CHUNK_LOTS:
            flush()
    flush()
    with database.session() as session:
        for index in movement_indexes:
            index.create(session.connection())
        ledger.rebuild_months(session.connection())  # the movements went in without ledger.post
    return BulkSummary(
        len(items), shape.households, totals["donations"], totals["lots"], totals["movements"], totals["on_hand"]
    )
