"""Any interleaving of intake, transfer, adjustment, count posting and undo keeps the books true."""

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from pantry.db import open_database
from pantry.errors import UserError
from pantry.models import Balance, Item, Lot, User
from pantry.services import catalog, counts, history, stockcare
from pantry.services.intake import IntakeLine
from pantry.services.verify import verify
from tests import helpers
from tests.unit.migrated import open_copy

PLACES = ("Main", "Cooler", "East site")
REASONS = ("damaged", "recount", "returned", "spoiled")  # recount and returned may add; losses only take away
LOSSES = {"damaged", "spoiled"}

lot_index = st.integers(0, 30)
place = st.integers(0, len(PLACES) - 1)
steps = st.lists(
    st.one_of(
        st.tuples(st.just("in"), st.integers(0, 2), st.integers(1, 40), place),
        st.tuples(st.just("move"), lot_index, st.one_of(st.none(), st.integers(1, 50)), place, place),
        st.tuples(
            st.just("adjust"),
            lot_index,
            st.one_of(st.integers(-30, -1), st.integers(1, 30)),
            st.sampled_from(REASONS),
            place,
        ),
        st.tuples(st.just("count"), place, st.lists(st.tuples(lot_index, st.integers(0, 40)), max_size=4)),
        st.tuples(st.just("undo")),
    ),
    min_size=1,
    max_size=20,
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database with three items, three places and two users, copied for every example."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    database = open_copy(tmp_path_factory, path)
    with database.session() as session:
        helpers.beans(session), helpers.milk(session), helpers.produce(session)
        for name in PLACES[1:]:
            catalog.save_location(session, name, "dry", None)
        session.add_all(
            [User(name="Lee", role="shift_lead"), User(name="Val", role="shift_lead")]
        )  # stock care is a lead's
    database.dispose()
    return path


Key = tuple[int, int]


@dataclass
class Moved:
    """One operation that moved stock, as the model knows it."""

    user: int
    changes: dict[Key, int]
    undoable: bool
    undone: bool = False

    @property
    def lots(self) -> set[int]:
        return {lot_id for lot_id, _ in self.changes}


class Shelves:
    """The model: what each lot should hold in each place, and every operation that moved stock (for undo)."""

    def __init__(self, database) -> None:
        self.database = database
        with database.session() as session:
            self.items = list(session.scalars(select(Item).order_by(Item.id)))
            self.places = [catalog.location_named(session, name).id for name in PLACES]
            names = ["Lee", "Val", "admin"]
            self.users = [session.scalar(select(User.id).where(User.name == name)) for name in names]
        self.lots: list[tuple[int, str]] = []
        self.expected: dict[Key, int] = {}
        self.operations: list[Moved] = []

    def held(self, key: Key) -> int:
        return self.expected.get(key, 0)

    def balances(self) -> dict[Key, int]:
        with self.database.session() as session:
            return {(b.lot_id, b.location_id): b.quantity for b in session.scalars(select(Balance))}

    def apply(self, user: int, changes: dict[Key, int], *, undoable: bool = True) -> None:
        changes = {key: quantity for key, quantity in changes.items() if quantity}
        if not changes:
            return  # no movements: no operation that undo would see
        for key, quantity in changes.items():
            self.expected[key] = self.held(key) + quantity
        self.operations.append(Moved(user, changes, undoable))

    def undoable(self, user: int) -> tuple[Moved | None, bool]:
        """The user's operation that undo takes back, and whether something later touched its lots."""
        for index in range(len(self.operations) - 1, -1, -1):
            operation = self.operations[index]
            if operation.user == user and operation.undoable and not operation.undone:
                lots = operation.lots
                return operation, any(later.lots & lots for later in self.operations[index + 1 :])
        return None, False


def _run(shelves: Shelves, step: tuple, user: int) -> None:
    database = shelves.database
    if step[0] == "in":
        _, item_index, amount, where = step
        item = shelves.items[item_index]
        line = IntakeLine(item.id, grams=amount * 250) if item.unit == "lb" else IntakeLine(item.id, quantity=amount)
        line.location_id = shelves.places[where]
        with database.session() as session:
            code = helpers.donate(session, line).lot_codes[0]
            lot = session.scalars(select(Lot).where(Lot.code == code)).one()
        shelves.lots.append((lot.id, code))
        shelves.apply(shelves.users[2], {(lot.id, shelves.places[where]): lot.quantity})
        return
    if step[0] == "undo":
        _undo(shelves, user)
        return
    if not shelves.lots:
        return
    if step[0] == "count":
        _count(shelves, step, user)
        return
    lot_id, code = shelves.lots[step[1] % len(shelves.lots)]
    held = [index for index, place_id in enumerate(shelves.places) if shelves.held((lot_id, place_id))]
    if step[0] == "move":
        _, _, amount, source, target = step
        source = held[source % len(held)] if held else source  # mostly from where the lot lies
        have = shelves.held((lot_id, shelves.places[source]))
        moved = have if amount is None else amount
        possible = source != target and 0 < moved <= have
        changes = {(lot_id, shelves.places[source]): -moved, (lot_id, shelves.places[target]): moved}
        action = lambda session: stockcare.transfer(  # noqa: E731
            session, code, PLACES[target], user, quantity=amount, from_location=PLACES[source]
        )
    else:
        _, _, amount, reason, where = step
        where = held[where % len(held)] if held and amount < 0 else where
        possible = shelves.held((lot_id, shelves.places[where])) + amount >= 0 and not (reason in LOSSES and amount > 0)
        changes = {(lot_id, shelves.places[where]): amount}
        action = lambda session: stockcare.adjust(session, code, amount, reason, user, location=PLACES[where])  # noqa: E731
    try:
        with database.session() as session:
            action(session)
    except UserError:
        assert not possible, f"refused a possible step {step}"
        event(f"{step[0]} refused")
        return
    assert possible, f"allowed an impossible step {step}"
    event(f"{step[0]} done")
    shelves.apply(user, changes)


def _count(shelves: Shelves, step: tuple, user: int) -> None:
    _, where, entries = step
    location = shelves.places[where]
    counted = {shelves.lots[index % len(shelves.lots)]: quantity for index, quantity in entries}  # the last entry wins
    before = shelves.balances()
    with shelves.database.session() as session:
        count_id = counts.start(session, user, location=PLACES[where])
        counts.enter(session, count_id, [counts.Entry(code, quantity) for (_, code), quantity in counted.items()], user)
    with shelves.database.session() as session:
        if counted:
            counts.post(session, count_id, user)
        else:
            with pytest.raises(UserError, match="nothing has been counted"):
                counts.post(session, count_id, user)
            counts.cancel(session, count_id)
    after = shelves.balances()
    wanted = {(lot_id, location): quantity for (lot_id, _), quantity in counted.items()}
    for key in before.keys() | after.keys():
        if key not in wanted:
            assert after.get(key) == before.get(key), f"an uncounted lot changed: {key}"
        else:
            assert after.get(key, 0) == wanted[key], f"a counted lot is not as counted: {key}"
    event("count posted" if counted else "count with nothing counted")
    shelves.apply(user, {key: quantity - shelves.held(key) for key, quantity in wanted.items()})


def _undo(shelves: Shelves, user: int) -> None:
    target, blocked = shelves.undoable(user)
    try:
        with shelves.database.session() as session:
            history.undo_last(session, user)
            for reopened in counts.open_counts(session):  # an undone count opens again; this history moves on
                counts.cancel(session, reopened.id)
    except UserError as refused:
        assert target is None or blocked, f"refused to undo {target}: {refused}"
        event("undo refused")
        return
    assert target is not None and not blocked, f"undid what should stay: {target}"
    event("undo done")
    target.undone = True
    shelves.apply(user, {key: -quantity for key, quantity in target.changes.items()}, undoable=False)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=steps, who=st.lists(st.integers(0, 2), min_size=20, max_size=20))
def test_any_interleaving_keeps_the_ledger_equal_to_the_balances(tmp_path_factory, template, steps, who) -> None:
    path = tmp_path_factory.mktemp("prop") / "p.sqlite"
    shutil.copyfile(template, path)
    database = open_database(path)
    try:
        shelves = Shelves(database)
        for step, person in zip(steps, who, strict=False):
            _run(shelves, step, shelves.users[person])
        with database.session() as session:
            report = verify(session)
            assert report.ok, report.problems
        balances = shelves.balances()
        assert all(quantity > 0 for quantity in balances.values())
        assert balances == {key: value for key, value in shelves.expected.items() if value != 0}
    finally:
        database.dispose()
