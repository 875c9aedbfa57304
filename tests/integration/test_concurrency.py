"""Several desks on one database at once: nothing lost, nothing below zero, and the loser of a race is told.

Three SQLite processes, and three PostgreSQL connections in threads, run `concurrency_worker.hammer` on the same few
lots for a few seconds: intake, transfers (look, then move what was seen) and pickups (pack, then hand over). After:
`verify` passes, no balance is negative, and what the workers say they did is exactly what the ledger holds. Races
must have happened (and been lost with the clear message) or the test proves nothing.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import func, select

from pantry.db import Database, open_database
from pantry.models import Balance, Item, Movement
from pantry.services.verify import verify
from tests.integration import concurrency_worker as worker
from tests.integration.fresh_database import fresh_postgres_database

WORKERS = 3
SECONDS = 4.0
ROOT = Path(__file__).resolve().parents[2]
SEED = random.randrange(1_000_000)  # printed with any failure: the workers' choices (not their timing) repeat


def _check(database: Database, tallies: Sequence[worker.Tally]) -> None:
    print(f"seed {SEED}: {tallies}")
    with database.session() as session:
        report = verify(session)
        assert report.ok, report.problems
        item_id = session.scalar(select(Item.id).where(Item.sku == worker.SKU))
        sums = dict(
            session.execute(
                select(Movement.kind, func.sum(Movement.quantity))
                .where(Movement.item_id == item_id)
                .group_by(Movement.kind)
            ).all()
        )
        moved = session.scalar(
            select(func.sum(Movement.quantity)).where(Movement.kind == "transfer", Movement.quantity > 0)
        )
        moves = session.scalar(select(func.count(Movement.id)).where(Movement.kind == "transfer"))
        on_hand = session.scalar(select(func.sum(Balance.quantity)))
        lowest = session.scalar(select(func.min(Balance.quantity)))
    first = worker.FIRST_LOTS * worker.FIRST_QUANTITY
    refusals = [line for tally in tallies for line in tally.other_refusals or []]
    assert not refusals, f"refused without the race message: {refusals[:3]}"
    assert lowest is None or lowest > 0
    assert sums["intake"] == first + sum(tally.intake for tally in tallies)
    assert -sums.get("distribution", 0) == sum(tally.given for tally in tallies)
    assert moves == 2 * sum(tally.transfers for tally in tallies)
    assert (moved or 0) == sum(tally.moved for tally in tallies)
    assert sums.get("transfer", 0) == 0
    assert on_hand == first + sum(tally.intake - tally.given for tally in tallies)
    done = [sum(getattr(tally, kind) for tally in tallies) for kind in ("donations", "transfers", "pickups")]
    assert all(done), f"some kind of work never ran: {tallies}"
    assert sum(tally.races_lost for tally in tallies) > 0, f"no race was lost: the desks never met ({tallies})"


def test_desks_as_processes_on_one_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "pantry.sqlite"
    database = open_database(path)
    worker.set_up(database)
    database.dispose()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "tests.integration.concurrency_worker", str(path), str(SECONDS)]
    desks = [
        subprocess.Popen(
            [*command, str(seed)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=ROOT,
            text=True,
        )
        for seed in range(SEED, SEED + WORKERS)
    ]
    for desk in desks:  # all open before any starts, so that they overlap for the whole time
        assert desk.stdout is not None and desk.stdout.readline() == "ready\n"
    for desk in desks:
        assert desk.stdin is not None
        desk.stdin.write("go\n")
        desk.stdin.flush()
    tallies = []
    for desk in desks:
        out, err = desk.communicate(timeout=120)
        assert desk.returncode == 0, err  # a "database is locked" would end here
        tallies.append(worker.Tally(**json.loads(out)))
    database = open_database(path)
    try:
        _check(database, tallies)
    finally:
        database.dispose()


def test_desks_as_connections_on_one_postgresql_database(postgres_url: str) -> None:
    database = open_database(fresh_postgres_database(postgres_url, "pantry_desks"))
    try:
        worker.set_up(database)
        tallies: list[worker.Tally] = [worker.Tally() for _ in range(WORKERS)]
        failures: list[BaseException] = []
        start = threading.Barrier(WORKERS)

        def desk(number: int) -> None:
            try:
                start.wait()
                tallies[number] = worker.hammer(database, SECONDS, SEED + number)
            except BaseException as problem:
                failures.append(problem)

        threads = [threading.Thread(target=desk, args=(number,)) for number in range(WORKERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not failures, failures
        _check(database, tallies)
    finally:
        database.dispose()
