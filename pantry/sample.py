"""The sample pantry: a realistic, deterministic catalog and months of history for newcomers, tests and benchmarks.

Everything goes through the same services a desk uses, so the sample exercises the real rules. `scale` multiplies
the number of donations a day (and so the length of the ledger) over the same months of history.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pantry.db import Database, open_database
from pantry.errors import UserError
from pantry.i18n import _
from pantry.models import Balance, Item, Lot, Movement, PickupOrder
from pantry.progress import Progress, ShouldCancel, never_cancel, no_progress
from pantry.sample_catalog import SAMPLE_DONORS, SAMPLE_ITEMS, SAMPLE_LOCATIONS
from pantry.services import catalog, intake, ledger, users

HISTORY_DAYS = 180
_BIG_DONOR_KINDS = ("food_bank", "government", "purchase")


@dataclass(frozen=True)
class SampleSummary:
    items: int
    donors: int
    donations: int
    movements: int
    households: int = 0
    pickups: int = 0


def _create_catalog(session: Session, user_id: int) -> tuple[dict[str, int], dict[str, int]]:
    """Items, donors and locations; returns location ids by storage and donor ids by name."""
    location_by_storage = {}
    for name, storage in SAMPLE_LOCATIONS:
        row, _unused = catalog.save_location(session, name, storage, user_id)
        location_by_storage[storage] = row.id
    donor_ids = {}
    for name, kind in SAMPLE_DONORS:
        row, _unused = catalog.save_donor(session, catalog.DonorSpec(name=name, kind=kind), user_id)
        donor_ids[name] = row.id
    for entry in SAMPLE_ITEMS:
        codes = tuple((code, 1) for code in entry.barcodes)
        if entry.case_barcode and entry.case_size:
            codes += ((entry.case_barcode, entry.case_size),)
        catalog.save_item(
            session,
            catalog.ItemSpec(
                name=entry.name,
                category=entry.category,
                unit=entry.unit,
                unit_weight_g=entry.unit_weight_g,
                unit_value_cents=entry.unit_value_cents,
                storage=entry.storage,
                date_kind=entry.date_kind,
                shelf_life_days=entry.shelf_life_days,
                par_level=entry.par_level,
                tags=entry.tags,
                codes=codes,
            ),
            user_id,
        )
    return location_by_storage, donor_ids


def _line(rng: random.Random, item: Item, received: dt.date, location_id: int) -> intake.IntakeLine:
    if item.unit in ("lb", "kg"):
        return intake.IntakeLine(item.id, grams=rng.randint(900, 20_000), location_id=location_id)
    quantity = rng.choice((1, 1, 2, 2, 3, 4, 6, 6, 12, 12, 24, 48))
    expires = None
    if item.shelf_life_days:
        # Donated food arrives with part of its life already gone; a few lots arrive close to their date.
        expires = received + dt.timedelta(days=max(1, int(item.shelf_life_days * rng.uniform(0.15, 1.0))))
    return intake.IntakeLine(item.id, quantity=quantity, expires_on=expires, location_id=location_id)


def _donations(
    rng: random.Random,
    items: list[Item],
    donors: list[tuple[int, str]],
    locations: dict[str, int],
    today: dt.date,
    scale: int,
) -> Iterator[intake.DonationDraft]:
    start = today - dt.timedelta(days=HISTORY_DAYS)
    for offset in range(HISTORY_DAYS + 1):
        day = start + dt.timedelta(days=offset)
        if day.weekday() == 6:
            continue  # closed on Sundays
        for _unused in range(rng.randint(1, 5) * scale):
            donor_id, kind = rng.choice(donors)
            lines = rng.randint(8, 20) if kind in _BIG_DONOR_KINDS else rng.randint(1, 6)
            chosen = rng.sample(items, lines)
            yield intake.DonationDraft(
                received_on=day,
                donor_id=donor_id,
                lines=[_line(rng, item, day, locations[item.storage]) for item in chosen],
            )


def _give_out(
    changes: list[ledger.Change],
    rng: random.Random,
    today: dt.date,
    lot_id: int,
    location_id: int,
    quantity: int,
    received: dt.date,
    expires: dt.date | None,
) -> int:
    """Distribution (and the odd breakage) of one lot over the weeks after it came in; returns what is left."""
    room = (today - received).days
    if room < 1 or (room < 30 and rng.random() < 0.3):
        return quantity
    remaining = quantity
    turns = rng.randint(1, 3)
    for turn in range(turns):
        # Stock turns over: what came in more than ~two months ago has all gone out by now.
        last = turn == turns - 1 and room > 60
        take = remaining if last or rng.random() < 0.5 else rng.randint(1, remaining)
        day = received + dt.timedelta(days=rng.randint(1, min(room, 45)))
        if expires is not None and day > expires:
            break  # what is left expired on the shelf
        kind, reason = ("adjustment", "damaged") if rng.random() < 0.03 else ("distribution", None)
        changes.append(
            ledger.Change(lot_id, location_id, -take, kind, reason=reason, reference="sample", business_date=day)
        )
        remaining -= take
        if remaining == 0:
            break
    return remaining


def _goods_out(session: Session, rng: random.Random, today: dt.date, user_id: int, first_lot_id: int) -> int:
    """Distribute most lots over the weeks after they came in (and lose a few), as a busy pantry would."""
    posted = 0
    last_id = first_lot_id - 1
    while True:
        lots = session.execute(  # what is left of each lot where it was put away (pickups may have taken some)
            select(Lot.id, Balance.quantity, Lot.received_on, Lot.expires_on, Movement.location_id)
            .join(Movement, (Movement.lot_id == Lot.id) & (Movement.kind == "intake"))
            .join(Balance, (Balance.lot_id == Lot.id) & (Balance.location_id == Movement.location_id))
            .where(Lot.id > last_id)
            .order_by(Lot.id)
            .limit(5000)
        ).all()
        if not lots:
            return posted
        changes = []
        for lot_id, quantity, received, expires, location_id in lots:
            last_id = lot_id
            remaining = _give_out(changes, rng, today, lot_id, location_id, quantity, received, expires)
            if remaining and expires is not None and (today - expires).days > 3:  # the last few days: not yet cleared
                changes.append(
                    ledger.Change(
                        lot_id, location_id, -remaining, "adjustment", reason="expired", business_date=expires
                    )
                )
        posted += ledger.post(session, changes, business_date=today, user_id=user_id).movements


_FIRST_NAMES = (
    "Maria", "James", "Aisha", "Wei", "Olga", "Carlos", "Fatima", "John", "Linh", "Amina", "Robert", "Sofia",
    "Tamika", "Ahmed", "Grace", "Dmitri", "Rosa", "Kwame", "Emily", "Jorge", "Hana", "Samuel", "Priya", "Luis",
)  # fmt: skip
_LAST_NAMES = (
    "Garcia", "Johnson", "Nguyen", "Okafor", "Smith", "Haddad", "Kowalski", "Lopez", "Chen", "Williams", "Ali",
    "Brown", "Petrov", "Mensah", "Davis", "Rivera",
)  # fmt: skip
_LANGUAGES = ("", "", "", "", "Spanish", "Spanish", "Arabic", "Vietnamese", "Russian", "Somali")
_DIETS = ((), (), (), (), (), ("no_pork",), ("halal",), ("vegetarian",), ("diabetic",), ("nut_allergy",),
          ("gluten_free",), ("no_pork", "diabetic"), ("kosher",))  # fmt: skip
_POSTCODES = ("43201", "43202", "43205", "43206", "43211", "43219")
SAMPLE_HOUSEHOLDS = 120
PICKUP_WEEKS = 10  # Saturdays of pickups before today


def _sample_templates(session: Session, user_id: int) -> None:
    """Three allotments over the sample catalog: a standard bag, a family box for 5 or more, a baby kit."""
    from pantry.models import Category
    from pantry.services import templates

    items = {name: item_id for name, item_id in session.execute(select(Item.name, Item.id))}
    categories = {name: category_id for name, category_id in session.execute(select(Category.name, Category.id))}

    def item(name: str, per_household: int, per_person: int = 0, band: str = "") -> templates.LineSpec:
        low, high = templates.parse_band(band)
        return templates.LineSpec(items[name], None, per_household, per_person, low, high)

    def category(name: str, per_household: int, per_person: int = 0, band: str = "") -> templates.LineSpec:
        low, high = templates.parse_band(band)
        return templates.LineSpec(None, categories[name], per_household, per_person, low, high)

    lb = 454  # grams in (about) a pound
    standard = [
        category("Canned vegetables", 2, 1),
        category("Canned fruit", 1),
        category("Canned protein", 1, 0, "1-2"),
        category("Canned protein", 2, 0, "3-4"),
        category("Canned protein", 3, 0, "5+"),
        category("Beans & legumes", 1),
        item("Rice, long grain 2 lb", 1),
        item("Spaghetti 1 lb", 1),
        item("Pasta sauce, marinara 24 oz", 1),
        item("Peanut butter 16 oz", 1),
        category("Breakfast", 1),
        item("Apples (by weight)", 2 * lb, lb // 2),
        item("Milk, 2% reduced fat 1 gal", 1, 0, "3+"),
    ]
    family = [
        category("Canned vegetables", 4, 1),
        category("Canned fruit", 2, 1),
        category("Canned protein", 4),
        category("Beans & legumes", 2),
        category("Grains & pasta", 4),
        category("Soups", 2, 1),
        category("Breakfast", 2),
        item("Potatoes, russet (by weight)", 5 * lb),
        item("Eggs, large, dozen", 1),
        item("Milk, 2% reduced fat 1 gal", 2),
        category("Hygiene", 2),
    ]
    baby = [
        item("Diapers size 3 (pack of 25)", 1),
        item("Baby wipes (80 ct)", 1),
        item("Baby food, fruit puree 4 oz jar", 4),
        item("Baby cereal, oatmeal 8 oz", 1),
    ]
    for name, lines in (("Standard bag", standard), ("Family box", family), ("Baby kit", baby)):
        templates.save_template(session, name, lines, user_id)


def _sample_households(session: Session, rng: random.Random, today: dt.date, user_id: int) -> list[str]:
    """Households (a few anonymous, some with diets, proxies, other languages), templates and a partner agency."""
    from pantry.services import agencies, households

    codes = []
    for number in range(SAMPLE_HOUSEHOLDS):
        adults = rng.choice((1, 1, 1, 2, 2, 2, 3))
        children = rng.choice((0, 0, 0, 1, 2, 2, 3, 4))
        seniors = rng.choice((0, 0, 0, 0, 1, 2)) if number % 3 else 0
        anonymous = number % 17 == 0
        name = "" if anonymous else f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"
        registered = today - dt.timedelta(days=HISTORY_DAYS - number // 2)
        spec = households.HouseholdSpec(
            name=name,
            members={"adults": adults, "children": children, "seniors": seniors},
            postcode=rng.choice(_POSTCODES),
            phone="" if anonymous or number % 5 == 0 else f"614-555-{1000 + number:04d}",
            language=rng.choice(_LANGUAGES),
            dietary=rng.choice(_DIETS),
            proxy=f"{rng.choice(_FIRST_NAMES)} (neighbour)" if number % 11 == 0 else "",
            eligibility_declared_on=registered,
            eligibility_basis=rng.choice(("income", "SNAP", "Medicaid", "SSI")),
            consent=True,
        )
        codes.append(households.register_household(session, spec, user_id, today=registered).household.code)
    _sample_templates(session, user_id)
    agencies.save_agency(
        session, "Riverside Shelter", user_id, people=30, contact="Jo Park", phone="614-555-0100",
        address="12 River Road",
    )  # fmt: skip
    return codes


def _coming_saturday(today: dt.date) -> dt.date:
    days = (5 - today.weekday()) % 7
    return today + dt.timedelta(days=days or 7)


def _plan_saturday(
    session: Session, rng: random.Random, day: dt.date, turn: int, codes: list[str], user_id: int, agency: bool
) -> list[int]:
    """A Saturday's orders: a quarter of the households in turn (so each comes about once a month), a family box for
    5 or more, a baby kit for some, and now and then the shelter's bulk order. Returns the order ids."""
    from pantry.services import households, pickups

    group = rng.sample([code for index, code in enumerate(codes) if index % 4 == turn], 10)
    big = [code for code in group if households.by_code(session, code).size >= 5]
    planned = []
    for template, chosen in (
        ("Family box", big),
        ("Standard bag", [code for code in group if code not in big]),
        ("Baby kit", group[1::4]),
    ):
        if chosen:
            planned += pickups.plan_many(session, day, template, chosen, user_id, preview=False)
    slots = ("09:00", "09:30", "10:00", "10:30", "11:00", "11:30")
    for order in planned:  # the desk hands out slots as households call in
        row = session.get(PickupOrder, order.order_id)
        assert row is not None
        row.slot = slots[group.index(order.household) % len(slots)]
    ids = [order.order_id for order in planned]
    if agency:
        ids.append(
            pickups.plan(session, day, "Standard bag", user_id, agency="Riverside Shelter", slot="08:30").order_id
        )
    return ids


def _past_pickups(session: Session, rng: random.Random, today: dt.date, user_id: int, codes: list[str]) -> int:
    """Saturdays of pickups before today, packed and handed out (a few no-shows, a few taking less)."""
    from pantry.codes import make_code
    from pantry.services import handover, packing, pickups

    orders = 0
    coming = _coming_saturday(today)
    for week in range(PICKUP_WEEKS, 0, -1):
        day = coming - dt.timedelta(weeks=week)
        ids = _plan_saturday(session, rng, day, week % 4, codes, user_id, agency=week % 4 == 1)
        packing.pack(session, ids, user_id)
        for order_id in ids:
            code = make_code("order", order_id)
            chance = rng.random()
            if chance < 0.06:
                pickups.no_show(session, code, user_id, today=today)
            elif chance < 0.12:  # declined one item
                packed = handover.packed_items(session, code)
                handover.complete(session, code, user_id, given=dict(list(packed.items())[1:]), day=day)
            else:
                handover.complete(session, code, user_id, day=day)
        orders += len(ids)
    return orders


def _next_pickups(session: Session, rng: random.Random, today: dt.date, user_id: int, codes: list[str]) -> int:
    """The coming Saturday: planned and packed (but for a few late sign-ups), ready for its sheets and pull list."""
    from pantry.services import packing

    ids = _plan_saturday(session, rng, _coming_saturday(today), 0, codes, user_id, agency=True)
    packing.pack(session, ids[:-4], user_id)
    return len(ids)


def fill(
    session: Session,
    *,
    scale: int = 1,
    seed: int = 2026,
    today: dt.date | None = None,
    progress: Progress = no_progress,
    should_cancel: ShouldCancel = never_cancel,
    user_name: str | None = None,
) -> SampleSummary:
    """Fill an empty database with the sample pantry: 150 items, donors of every kind, 3 locations, ~6 months.

    Written as `user_name` (default: the first admin)."""
    if scale < 1:
        raise UserError(_("scale: must be 1 or more"))
    if session.scalar(select(func.count(Item.id))):
        raise UserError(_("This database already has items; the sample pantry goes only into an empty one."))
    today = today or dt.date.today()
    rng = random.Random(seed)
    user_id = users.acting_user(session, user_name).id
    locations, donor_ids = _create_catalog(session, user_id)
    items = list(session.scalars(select(Item).order_by(Item.id)))
    kinds = dict(SAMPLE_DONORS)
    donors = [(donor_id, kinds[name]) for name, donor_id in donor_ids.items()]
    first_lot_id = (session.scalar(select(func.max(Lot.id))) or 0) + 1
    drafts = list(_donations(rng, items, donors, locations, today, scale))
    saved = intake.record_donations(
        session, drafts, user_id, today=today, progress=progress, should_cancel=should_cancel
    )
    people = random.Random(seed + 1)  # apart from `rng`: households and pickups leave the stock history as it was
    codes = _sample_households(session, people, today, user_id)
    orders = _past_pickups(session, people, today, user_id, codes)
    _goods_out(session, rng, today, user_id, first_lot_id)
    orders += _next_pickups(session, people, today, user_id, codes)
    movements = session.scalar(select(func.count(Movement.id))) or 0
    return SampleSummary(len(items), len(donors), len(saved), movements, len(codes), orders)


def ensure_sample_database(path: Path, *, progress: Progress = no_progress) -> Database:
    """Open the sample pantry at `path`, creating and filling it on first use."""
    new = not path.exists()
    database = open_database(path, org_name="Sample Pantry" if new else None)
    if new:
        try:
            with database.session() as session:
                fill(session, progress=progress)
        except BaseException:
            database.dispose()
            path.unlink(missing_ok=True)
            raise
    return database
