"""Two desks on one SQLite file: write transactions queue instead of failing, and the loser of a race is told.

The heavy proof is tests/integration/test_concurrency.py; these are the small, exact cases.
"""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import func, select

from pantry.db import READ_ONLY_OPTION, open_database
from pantry.errors import UserError
from pantry.models import Movement
from pantry.services import catalog, stockcare
from pantry.services.intake import IntakeLine
from tests import helpers


@pytest.fixture
def beans_lot(database) -> str:  # type: ignore[no-untyped-def]
    with database.session() as session:
        beans = helpers.beans(session)
        catalog.save_location(session, "Cooler", "chilled", None)
        return helpers.donate(session, IntakeLine(beans.id, quantity=24)).lot_codes[0]


def _movements(database) -> int:  # type: ignore[no-untyped-def]
    with database.session() as session:
        return session.scalar(select(func.count(Movement.id))) or 0


def test_the_loser_of_a_race_is_told_what_is_left_and_where(database, db_path, beans_lot) -> None:  # type: ignore[no-untyped-def]
    other_desk = open_database(db_path)
    try:
        with other_desk.session() as session:  # while this desk still shows 24 at Main, another takes 20
            stockcare.adjust(session, beans_lot, -20, "damaged", None)
    finally:
        other_desk.dispose()
    before = _movements(database)
    with pytest.raises(UserError) as raised, database.session() as session:
        stockcare.transfer(session, beans_lot, "Cooler", None, quantity=24, from_location="Main")
    assert str(raised.value) == (
        f"that lot just changed: {beans_lot} has 4 left at Main (Black beans 15 oz; 24 each asked for, nothing was "
        "saved)"
    )
    assert _movements(database) == before


def test_an_absurd_quantity_never_reaches_the_ledger(database, beans_lot) -> None:  # type: ignore[no-untyped-def]
    before = _movements(database)
    with pytest.raises(UserError) as raised, database.session() as session:
        stockcare.adjust(session, beans_lot, 10**12, "recount", None, note="typo")
    assert str(raised.value) == (
        "quantity: 1000000000000 each of Black beans 15 oz at once is more than any pantry handles; check the number"
    )
    assert _movements(database) == before


def test_a_desk_that_reads_then_writes_makes_the_other_wait_instead_of_failing(database, db_path, beans_lot) -> None:  # type: ignore[no-untyped-def]
    """Desk A reads, thinks, then writes; desk B writes meanwhile. With a deferred BEGIN, A's write after B's commit
    fails at once ("database is locked": its snapshot is stale). BEGIN IMMEDIATE makes B wait for A instead."""
    desks = [open_database(db_path), open_database(db_path)]
    a_has_read = threading.Event()
    errors: list[BaseException] = []
    order: list[str] = []

    def desk_a() -> None:
        try:
            with desks[0].session() as session:
                session.scalar(select(func.count(Movement.id)))
                a_has_read.set()
                time.sleep(0.3)
                stockcare.transfer(session, beans_lot, "Cooler", None, quantity=4)
            order.append("a")
        except BaseException as problem:
            errors.append(problem)

    def desk_b() -> None:
        try:
            a_has_read.wait()
            with desks[1].session() as session:
                stockcare.adjust(session, beans_lot, -1, "damaged", None, location="Main")
            order.append("b")
        except BaseException as problem:
            errors.append(problem)

    threads = [threading.Thread(target=desk_a), threading.Thread(target=desk_b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for desk in desks:
        desk.dispose()
    assert not errors, errors
    assert order == ["a", "b"]  # B waited for A's transaction to end


def test_a_read_only_session_reads_while_another_desk_writes(database, db_path, beans_lot) -> None:  # type: ignore[no-untyped-def]
    writer = open_database(db_path)
    try:
        with writer.session() as session:
            stockcare.adjust(session, beans_lot, -1, "damaged", None)  # holds the write lock until the block ends
            started = time.monotonic()
            with database.sessions() as reader:
                reader.connection(execution_options={READ_ONLY_OPTION: True})
                assert reader.scalar(select(func.count(Movement.id))) == 1  # the last committed state
            assert time.monotonic() - started < 5  # no wait for the busy timeout (10 s)
    finally:
        writer.dispose()


def test_an_absurd_intake_line_is_named_before_any_lot_is_written(database) -> None:  # type: ignore[no-untyped-def]
    with database.session() as session:
        beans = helpers.beans(session)
    before = _movements(database)
    with pytest.raises(UserError) as raised, database.session() as session:
        helpers.donate(session, IntakeLine(beans.id, quantity=10**12, label="line 1"))
    assert raised.value.problems == [
        "line 1: quantity: 1000000000000 each of Black beans 15 oz at once is more than any pantry handles; check "
        "the number"
    ]
    assert _movements(database) == before
