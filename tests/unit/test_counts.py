"""Stock counts: start, enter (saved and resumed), review, post once; partial and safe."""

import datetime as dt

import pytest
from sqlalchemy import func, select

from pantry.errors import UserError
from pantry.models import CountLine, Movement, Operation, StockCount
from pantry.services import catalog, counts, stockcare
from pantry.services.counts import Entry
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


def _where(session, code: str) -> dict[str, int]:
    return {place.location: place.quantity for place in places(session, lot_by_code(session, code).id)}


def _movements(database) -> int:
    with database.session() as session:
        return session.scalar(select(func.count(Movement.id)))


@pytest.fixture
def shelves(database) -> dict[str, str]:
    """Main: beans A (10), beans B (6), produce P (5000 g); Cooler: beans B (4), milk M (3)."""
    with database.session() as session:
        beans, milk, produce = helpers.beans(session), helpers.milk(session), helpers.produce(session)
        catalog.save_location(session, "Cooler", "chilled", None)
        cooler = catalog.location_named(session, "Cooler").id
        saved = helpers.donate(
            session,
            IntakeLine(beans.id, quantity=10, expires_on=dt.date.today() + dt.timedelta(days=100)),
            IntakeLine(beans.id, quantity=10, expires_on=dt.date.today() + dt.timedelta(days=200)),
            IntakeLine(produce.id, grams=5000),
            IntakeLine(milk.id, quantity=3, location_id=cooler),
        )
        lots = dict(zip("ABPM", saved.lot_codes, strict=True))
        stockcare.transfer(session, lots["B"], "Cooler", None, quantity=4)
        return lots


def test_a_location_count_notes_what_the_books_expect_there(database, shelves) -> None:
    with database.session() as session:
        count_id = counts.start(session, helpers.admin_id(session), location=" main ")
    with database.session() as session:
        summary = counts.summary(session, count_id)
        assert (summary.status, summary.scope, summary.counted) == ("open", "Main", 0)
        assert [(row.lot, row.expected, row.counted, row.location) for row in summary.rows] == [
            (shelves["A"], 10, None, "Main"),
            (shelves["B"], 6, None, "Main"),
            (shelves["P"], 5000, None, "Main"),
        ]
        assert [counts.describe_difference(row) for row in summary.rows] == ["not counted"] * 3
        assert [s.id for s in counts.open_counts(session)] == [count_id]


def test_a_count_is_saved_resumed_reviewed_and_posted_once(database, shelves) -> None:
    with database.session() as session:
        count_id = counts.start(session, None, location="Main")
    with database.session() as session:  # the first sheet
        assert counts.enter(session, count_id, [Entry(shelves["A"], 8)], None) == 1
    with database.session() as session:  # resumed later: a correction, the produce weighed, milk found on a shelf
        admin = helpers.admin_id(session)
        entries = [Entry(shelves["A"].lower(), 7), Entry(shelves["P"], 5200), Entry(shelves["M"], 1)]
        assert counts.enter(session, count_id, entries, admin) == 3
    with database.session() as session:
        summary = counts.summary(session, count_id)
        rows = {row.lot: row for row in summary.rows}
        assert summary.counted == 3 and len(summary.rows) == 4
        review = {
            key: (rows[code].expected, rows[code].counted, rows[code].difference) for key, code in shelves.items()
        }
        assert review == {"A": (10, 7, -3), "B": (6, None, None), "P": (5000, 5200, 200), "M": (0, 1, 1)}
        assert rows[shelves["M"]].note == "found during the count: not expected here"
        assert [counts.describe_difference(rows[shelves[key]]) for key in "ABPM"] == [
            "-3",
            "not counted",
            "+0.441",  # 200 g in lb
            "+1",
        ]
        line = session.scalars(select(CountLine).where(CountLine.counted == 7)).one()
        assert line.counted_by_id == admin and line.counted_at is not None
        posted = counts.post(session, count_id, admin, today=dt.date.today())
    assert posted.corrections == 3
    assert posted.message == f"Count {count_id} posted: 3 lot(s) counted, 3 corrected, the rest unchanged."
    with database.session() as session:
        assert _where(session, shelves["A"]) == {"Main": 7}
        assert _where(session, shelves["B"]) == {"Cooler": 4, "Main": 6}  # not counted: kept
        assert _where(session, shelves["P"]) == {"Main": 5200}
        assert _where(session, shelves["M"]) == {"Cooler": 3, "Main": 1}  # found: added
        count = session.get(StockCount, count_id)
        assert (count.status, count.posted_by_id) == ("posted", admin) and count.posted_at is not None
        operation = session.get(Operation, count.operation_id)
        assert (operation.kind, operation.user_id) == ("count", admin)
        moves = session.scalars(select(Movement).where(Movement.operation_id == operation.id)).all()
        assert sorted(m.quantity for m in moves) == [-3, 1, 200]
        assert {(m.kind, m.reason, m.reference) for m in moves} == {("count", "recount", f"count {count_id}")}
        assert verify(session).ok
        assert counts.open_counts(session) == []
        assert counts.summary(session, count_id).status == "posted"
    before = _movements(database)
    for attempt in (
        lambda session: counts.post(session, count_id, None),
        lambda session: counts.enter(session, count_id, [Entry(shelves["B"], 1)], None),
        lambda session: counts.cancel(session, count_id),
    ):
        with pytest.raises(UserError) as raised, database.session() as session:
            attempt(session)
        assert str(raised.value) == f"count: count {count_id} is posted already"
    assert _movements(database) == before


def test_a_count_that_matches_the_books_posts_no_movements(database, shelves) -> None:
    with database.session() as session:
        count_id = counts.start(session, None, location="Cooler")
        counts.enter(session, count_id, [Entry(shelves["B"], 4), Entry(shelves["M"], 0)], None)
        posted = counts.post(session, count_id, None)
    assert posted.message == f"Count {count_id} posted: 2 lot(s) counted, 1 corrected, the rest unchanged."
    with database.session() as session:
        assert _where(session, shelves["B"]) == {"Cooler": 4, "Main": 6}
        assert _where(session, shelves["M"]) == {}  # counted zero: gone from the books
        assert verify(session).ok


def test_a_category_count_covers_that_category_wherever_it_lies(database, shelves) -> None:
    with database.session() as session:
        count_id = counts.start(session, None, category=" canned  PROTEIN ")
    with database.session() as session:
        summary = counts.summary(session, count_id)
        assert summary.scope == "category Canned protein"
        assert [(row.lot, row.location, row.expected) for row in summary.rows] == [
            (shelves["B"], "Cooler", 4),
            (shelves["A"], "Main", 10),
            (shelves["B"], "Main", 6),
        ]
        with pytest.raises(UserError) as raised:
            counts.enter(session, count_id, [Entry(shelves["B"], 5, label="row 2"), Entry(shelves["M"], 3)], None)
        assert raised.value.problems == [
            f"row 2: location: say where lot {shelves['B']} was counted",
            f"entry 2: lot: {shelves['M']} (Milk 1 gal) is not in this count's category",
        ]
        entries = [Entry(shelves["B"], 5, "cooler"), Entry(shelves["A"], 9)]
        assert counts.enter(session, count_id, entries, None) == 2
        counts.post(session, count_id, None)
    with database.session() as session:
        assert _where(session, shelves["A"]) == {"Main": 9}
        assert _where(session, shelves["B"]) == {"Cooler": 5, "Main": 6}
        assert verify(session).ok


def test_entries_are_recorded_all_or_none(database, shelves) -> None:
    with database.session() as session:
        count_id = counts.start(session, None, location="Main")
    entries = [
        Entry(shelves["A"], 9, label="row 2"),
        Entry(shelves["B"], -1, label="row 3"),
        Entry("L0000", 2, label="row 4"),
        Entry(shelves["P"], 2, "Cooler", label="row 5"),
    ]
    with pytest.raises(UserError) as raised, database.session() as session:
        counts.enter(session, count_id, entries, None)
    assert raised.value.summary == "3 problem(s); no count was recorded"
    assert raised.value.problems == [
        "row 3: counted: cannot be below zero (-1)",
        "row 4: lot: 'L0000' is not a lot code we know",
        "row 5: location: this count is of Main, not Cooler",
    ]
    with database.session() as session:
        assert counts.summary(session, count_id).counted == 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "count: give a location or a category to count"),
        (dict(location="Main", category="Dairy"), "count: give a location or a category to count"),
        (dict(location="Attic"), "location: no location named 'Attic'"),
        (dict(category="Toys"), "category: no category named 'Toys'"),
        (dict(location="main"), "location: a count of Main is open already (count 1); finish or cancel it first"),
        (dict(category="dairy"), "category: a count of Dairy is open already (count 2); finish or cancel it first"),
    ],
)
def test_a_refused_start(database, shelves, kwargs, message) -> None:
    with database.session() as session:
        assert counts.start(session, None, location="Main") == 1
        assert counts.start(session, None, category="Dairy") == 2
    with pytest.raises(UserError) as raised, database.session() as session:
        counts.start(session, None, **kwargs)
    assert str(raised.value) == message
    with database.session() as session:
        assert session.scalar(select(func.count(StockCount.id))) == 2


def test_a_cancelled_count_posts_nothing_and_frees_its_location(database, shelves) -> None:
    with database.session() as session:
        count_id = counts.start(session, None, location="Main")
        counts.enter(session, count_id, [Entry(shelves["A"], 1)], None)
        counts.cancel(session, count_id)
        assert counts.summary(session, count_id).status == "cancelled"
        with pytest.raises(UserError, match=f"count: count {count_id} is cancelled already"):
            counts.post(session, count_id, None)
        assert counts.start(session, None, location="Main") == count_id + 1
        assert _where(session, shelves["A"]) == {"Main": 10}


def test_posting_needs_something_counted(database, shelves) -> None:
    with database.session() as session:
        count_id = counts.start(session, None, location="Main")
    with pytest.raises(UserError) as raised, database.session() as session:
        counts.post(session, count_id, None)
    assert str(raised.value) == f"count: nothing has been counted in count {count_id} yet"
    with database.session() as session:
        assert counts.summary(session, count_id).status == "open"
        with pytest.raises(UserError, match="count: there is no count 99"):
            counts.summary(session, 99)
        with pytest.raises(UserError, match="count: there is no count 99"):
            counts.post(session, 99, None)


def test_moves_during_a_count_are_warned_and_posting_corrects_the_books_as_they_are(database, shelves) -> None:
    with database.session() as session:
        count_id = counts.start(session, None, location="Main")
        dairy = counts.start(session, None, category="Dairy")
    with database.session() as session:
        moved = stockcare.transfer(session, shelves["A"], "Cooler", None, quantity=4)
        milk = stockcare.adjust(session, shelves["M"], -1, "spoiled", None)
    assert moved.warnings == (f"Count {count_id} is open at Main: recount what you moved.",)
    assert milk.warnings == (f"Count {dairy} of category Dairy is open: recount what you moved.",)
    with database.session() as session:
        counts.enter(session, count_id, [Entry(shelves["A"], 5)], None)  # counted after the move: 6 were left
        counts.post(session, count_id, None)
    with database.session() as session:
        assert _where(session, shelves["A"]) == {"Cooler": 4, "Main": 5}
        assert verify(session).ok
        again = stockcare.transfer(session, shelves["A"], "Main", None, from_location="Cooler")
        assert again.warnings == ()
