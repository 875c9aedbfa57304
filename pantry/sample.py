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
from pantry.models import Item, Lot, Movement
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


def _create_catalog(session: Session, user_id: int) -> tuple[dict[str, int], dict[str, int]]:
    """Items, donors and locations; returns location ids by storage and donor ids by name."""
    location_by_storage = {}
    for name, storage in SAMPLE_LOCATIONS:
        row, _ = catalog.save_location(session, name, storage, user_id)
        location_by_storage[storage] = row.id
    donor_ids = {}
    for name, kind in SAMPLE_DONORS:
        row, _ = catalog.save_donor(session, catalog.DonorSpec(name=name, kind=kind), user_id)
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
        for _ in range(rng.randint(1, 5) * scale):
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
        lots = session.execute(
            select(Lot.id, Lot.quantity, Lot.received_on, Lot.expires_on, Movement.location_id)
            .join(Movement, (Movement.lot_id == Lot.id) & (Movement.kind == "intake"))
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
        raise UserError("scale: must be 1 or more")
    if session.scalar(select(func.count(Item.id))):
        raise UserError("This database already has items; the sample pantry goes only into an empty one.")
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
    _goods_out(session, rng, today, user_id, first_lot_id)
    movements = session.scalar(select(func.count(Movement.id))) or 0
    return SampleSummary(len(items), len(donors), len(saved), movements)


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
