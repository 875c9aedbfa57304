"""Two desks scan the same pickup sheet at once: the order is handed over once, the second desk is told so."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from sqlalchemy import func, select

from pantry.db import Database, open_database
from pantry.errors import UserError
from pantry.models import Operation
from pantry.services import handover, households, pickups, users
from tests.integration import concurrency_worker as worker
from tests.integration.fresh_database import fresh_postgres_database


def _second_desk_waits_then_sees_it_done(database: Database) -> None:
    worker.set_up(database)
    with database.session() as session:
        user_id = users.acting_user(session).id
        household = households.register(session, "", 3, user_id).code
        planned, _packed = pickups.walk_in(session, household, worker.TEMPLATE, user_id)
    outcome: list[BaseException | str] = []

    def second_desk() -> None:
        try:
            with database.session() as session:
                handover.complete(session, planned.code, user_id)
            outcome.append("handed over twice")
        except UserError as problem:
            outcome.append(problem)

    with database.session() as session:  # the first desk is mid-handover, its transaction not yet committed
        handover.complete(session, planned.code, user_id)
        other = threading.Thread(target=second_desk)
        other.start()
        time.sleep(0.5)
        assert not outcome, "the second desk should wait for the first to finish"
    other.join(timeout=30)
    assert len(outcome) == 1
    assert isinstance(outcome[0], UserError) and "picked up" in str(outcome[0]), outcome
    with database.session() as session:
        handed = session.scalar(select(func.count()).select_from(Operation).where(Operation.kind == "pickup"))
    assert handed == 1


def test_one_sqlite_file(tmp_path: Path) -> None:
    database = open_database(tmp_path / "desks.sqlite")
    try:
        _second_desk_waits_then_sees_it_done(database)
    finally:
        database.dispose()


def test_one_postgresql_database(postgres_url: str) -> None:
    database = open_database(fresh_postgres_database(postgres_url, "pantry_double_pickup"))
    try:
        _second_desk_waits_then_sees_it_done(database)
    finally:
        database.dispose()
