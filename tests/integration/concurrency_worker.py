"""A desk that hammers one small set of lots: intake, transfers and pickups, as fast as it can, for a fixed time.

Used by tests/integration/test_concurrency.py, in threads (PostgreSQL) or as a process of its own (SQLite):
`python -m tests.integration.concurrency_worker DB SECONDS SEED` prints `ready`, waits for a line on stdin, works,
and prints its tally as JSON.

Each step works as a person at a desk does: look first (one transaction), then act on what was seen (another), so
another desk may change the lot in between. Losing such a race must give the clear "that lot just changed" message
and write nothing; the tally counts only what the services said they did.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
import time
from dataclasses import asdict, dataclass

from sqlalchemy import select

from pantry.db import READ_ONLY_OPTION, Database, open_database
from pantry.errors import UserError
from pantry.models import Balance, Item, Location, Lot
from pantry.services import catalog, handover, households, intake, pickups, stockcare, templates, users

SKU = "RACE"
TEMPLATE = "Race box"
LOCATIONS = ("Main", "Back room", "Cooler")
FIRST_LOTS = 3
FIRST_QUANTITY = 30
RACE = "that lot just changed: "


@dataclass
class Tally:
    """What one worker did, by the services' own answers."""

    intake: int = 0  # units received
    donations: int = 0
    transfers: int = 0
    moved: int = 0  # units moved by transfers
    pickups: int = 0
    given: int = 0  # units handed out
    races_lost: int = 0
    other_refusals: list[str] | None = None

    def refused(self, problem: UserError) -> None:
        if str(problem).startswith(RACE):
            self.races_lost += 1
        else:
            self.other_refusals = [*(self.other_refusals or []), str(problem)]


def set_up(database: Database) -> None:
    """One item, three places, a pickup box of it, and the few lots everybody fights over (expiring first)."""
    soon = dt.date.today() + dt.timedelta(days=30)
    with database.session() as session:
        user_id = users.acting_user(session).id
        item, _ = catalog.save_item(
            session, catalog.ItemSpec(name="Race beans", sku=SKU, unit_weight_g=400, unit_value_cents=100), user_id
        )
        for name in LOCATIONS[1:]:
            catalog.save_location(session, name, "dry", user_id)
        templates.save_template(session, TEMPLATE, [templates.LineSpec(item.id, None, per_household=2)], user_id)
        for _ in range(FIRST_LOTS):
            line = intake.IntakeLine(item.id, quantity=FIRST_QUANTITY, expires_on=soon)
            intake.record_donation(session, intake.DonationDraft(dt.date.today(), [line]), user_id)


def _contested(database: Database, rng: random.Random) -> tuple[str, str, int] | None:
    """Look at the shelves: one place where one of the first lots lies, and how much is there. Only reading, as a
    screen does: on SQLite a deferred transaction, which does not queue for the write lock."""
    with database.sessions() as session:
        session.connection(execution_options={READ_ONLY_OPTION: True})
        rows = session.execute(
            select(Lot.code, Location.name, Balance.quantity)
            .join(Lot, Lot.id == Balance.lot_id)
            .join(Location, Location.id == Balance.location_id)
            .join(Item, Item.id == Lot.item_id)
            .where(Item.sku == SKU, Lot.id.in_(select(Lot.id).order_by(Lot.id).limit(FIRST_LOTS)))
        ).all()
    if not rows:
        return None
    first = min(row.code for row in rows)
    if rng.random() < 0.6:  # most desks want the same lot (the one expiring first, say): that is where races are
        rows = [row for row in rows if row.code == first]
    return tuple(rng.choice(rows))  # type: ignore[return-value]


def hammer(database: Database, seconds: float, seed: int) -> Tally:
    rng = random.Random(seed)
    tally = Tally()
    with database.session() as session:
        user_id = users.acting_user(session).id
        item_id = session.scalar(select(Item.id).where(Item.sku == SKU))
    assert item_id is not None
    deadline = time.monotonic() + seconds
    first_steps = rng.sample([0.1, 0.4, 0.8], 3)  # one of each kind first, then whatever comes
    while time.monotonic() < deadline:
        # People are slower than this, but without any pause one process on SQLite takes the lock again before the
        # others (which poll for it) wake up, and the desks would take turns in long runs instead of meeting.
        time.sleep(rng.uniform(0, 0.01))
        roll = first_steps.pop() if first_steps else rng.random()
        if roll < 0.2:
            quantity = rng.randint(1, 6)
            with database.session() as session:
                line = intake.IntakeLine(item_id, quantity=quantity)
                intake.record_donation(session, intake.DonationDraft(dt.date.today(), [line]), user_id)
            tally.intake += quantity
            tally.donations += 1
        elif roll < 0.6:
            seen = _contested(database, rng)
            if seen is None:
                continue
            code, where, there = seen
            quantity = there if rng.random() < 0.5 else rng.randint(1, there)  # often the whole of it
            time.sleep(rng.uniform(0.02, 0.15))  # the time it takes to type where to
            target = rng.choice([name for name in LOCATIONS if name != where])
            try:
                with database.session() as session:
                    stockcare.transfer(session, code, target, user_id, quantity=quantity, from_location=where)
            except UserError as problem:
                tally.refused(problem)
                continue
            tally.transfers += 1
            tally.moved += quantity
        else:
            with database.session() as session:
                household = households.register(session, "", 3, user_id).code
                planned, _packed = pickups.walk_in(session, household, TEMPLATE, user_id)
            time.sleep(rng.uniform(0.02, 0.15))  # the box is handed over a moment after it was packed
            try:
                with database.session() as session:
                    done = handover.complete(session, planned.code, user_id)
            except UserError as problem:
                tally.refused(problem)
                with database.session() as session:
                    pickups.cancel(session, planned.code, user_id)
                continue
            tally.pickups += 1
            tally.given += sum(line.given for line in done.lines)
    return tally


def main(argv: list[str]) -> int:
    location, seconds, seed = argv[0], float(argv[1]), int(argv[2])
    database = open_database(location)
    print("ready", flush=True)
    sys.stdin.readline()
    try:
        tally = hammer(database, seconds, seed)
    finally:
        database.dispose()
    print(json.dumps(asdict(tally)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
