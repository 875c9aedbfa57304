"""Pulling the plug mid-intake loses nothing that was saved and leaves no half donation.

A child process records donations in a loop (1 to 5 lines each, the count written in the note) and reports each
donation's id once its transaction has committed. It is killed with SIGKILL at random moments, many times: while it
opens the database, between donations, in the middle of one. After each kill the database must pass `verify`,
every donation the child reported must be whole, and no donation may be missing a line or a movement.

Starting Python and importing the app takes a second or more on a busy machine, so the children are forked from a
small script that has imported everything once (a zygote): each child still opens the database itself, writes
through its own connection and dies by SIGKILL with its work half done, at a fraction of the cost.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from sqlalchemy import func, select

from pantry.db import open_database
from pantry.models import Balance, Donation, Lot, Movement
from pantry.services.verify import verify
from tests import helpers

KILLS = 25
ROOT = Path(__file__).resolve().parents[2]
REPORTED = re.compile(r"^saved (\d+) lines=(\d)\n$")

ZYGOTE = textwrap.dedent(
    """
    import datetime as dt
    import os
    import sys
    import traceback

    from sqlalchemy import select

    from pantry.db import open_database
    from pantry.models import Item
    from pantry.services import intake, users


    def record(path, start, report):
        database = open_database(path)
        with database.session() as session:
            items = list(session.scalars(select(Item.id).order_by(Item.id)))
            user_id = users.acting_user(session).id
        os.write(report, b"ready\\n")
        number = start
        while True:
            number += 1
            count = 1 + number % 5
            lines = [intake.IntakeLine(items[i % len(items)], quantity=number % 7 + i + 1) for i in range(count)]
            draft = intake.DonationDraft(dt.date.today(), lines, note=f"crash run {number} lines={count}")
            with database.session() as session:
                saved = intake.record_donation(session, draft, user_id)
            os.write(report, f"saved {saved.donation_id} lines={count}\\n".encode())


    for command in sys.stdin:
        _go, path, start, report_path = command.split()
        pid = os.fork()
        if pid == 0:
            report = os.open(report_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            try:
                record(path, int(start), report)
            except BaseException:
                os.write(report, ("error " + traceback.format_exc()).encode())
            os._exit(3)
        print(f"pid {pid}", flush=True)
        _, status = os.waitpid(pid, 0)
        print(f"exit {status}", flush=True)
    """
)


def _wait_until_ready(report: Path, deadline: float) -> None:
    while time.monotonic() < deadline:
        if report.exists() and report.read_bytes().startswith(b"ready\n"):
            return
        time.sleep(0.005)
    raise AssertionError(f"the child never got ready: {report.read_text() if report.exists() else 'no report'}")


def _run_child(
    zygote: subprocess.Popen[str], database: Path, start: int, report: Path, rng: random.Random
) -> list[tuple[int, int]]:
    """Fork a child that records donations, kill it at a random moment; the donations it reported as saved."""
    assert zygote.stdin is not None and zygote.stdout is not None
    zygote.stdin.write(f"go {database} {start} {report}\n")
    zygote.stdin.flush()
    pid = int(zygote.stdout.readline().removeprefix("pid "))
    if rng.random() < 0.2:
        time.sleep(rng.uniform(0.0, 0.05))  # sometimes while it is still opening the database
    else:
        _wait_until_ready(report, time.monotonic() + 60)
        time.sleep(rng.uniform(0.0, 0.4))
    os.kill(pid, signal.SIGKILL)
    status = int(zygote.stdout.readline().removeprefix("exit "))
    text = report.read_text() if report.exists() else ""
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, text
    reported = []
    for line in text.splitlines(keepends=True):
        match = REPORTED.match(line)
        if match:
            reported.append((int(match.group(1)), int(match.group(2))))
    return reported


def _check_whole(path: Path, reported: dict[int, int]) -> int:
    """verify passes, every reported donation has all its lines, no donation is half there; returns how many."""
    database = open_database(path)
    try:
        with database.session() as session:
            report = verify(session)
            assert report.ok, report.problems
            notes = dict(session.execute(select(Donation.id, Donation.note)).all())
            lots = dict(session.execute(select(Lot.donation_id, func.count(Lot.id)).group_by(Lot.donation_id)).all())
            intake_movements = dict(
                session.execute(
                    select(Lot.donation_id, func.count(Movement.id))
                    .join(Movement, Movement.lot_id == Lot.id)
                    .where(Movement.kind == "intake", Movement.quantity == Lot.quantity)
                    .group_by(Lot.donation_id)
                ).all()
            )
            on_hand = session.scalar(select(func.sum(Balance.quantity))) or 0
            received = session.scalar(select(func.sum(Lot.quantity))) or 0
    finally:
        database.dispose()
    missing = sorted(set(reported) - set(notes))
    assert not missing, f"donations reported as saved are gone: {missing}"
    for donation_id, note in notes.items():
        match = re.search(r"lines=(\d)", note)
        assert match, f"donation {donation_id} has no line count in its note: {note!r}"
        lines = int(match.group(1))
        assert reported.get(donation_id, lines) == lines
        assert lots.get(donation_id) == lines, f"donation {donation_id}: {lots.get(donation_id)} of {lines} lines"
        assert intake_movements.get(donation_id) == lines, f"donation {donation_id}: a line has no movement"
    assert on_hand == received  # nothing but intake ran: every lot is whole on the shelves
    return len(notes)


def test_killing_intake_at_random_moments_loses_nothing_saved(tmp_path: Path) -> None:
    path = tmp_path / "pantry.sqlite"
    database = open_database(path)
    with database.session() as session:
        helpers.beans(session)
        helpers.milk(session)
    database.dispose()
    script = tmp_path / "zygote.py"
    script.write_text(ZYGOTE)
    seed = int(dt.datetime.now().timestamp())
    rng = random.Random(seed)
    reported: dict[int, int] = {}
    zygote = subprocess.Popen(
        [sys.executable, str(script)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
    )
    try:
        for kill in range(KILLS):
            saved = _run_child(zygote, path, kill * 100_000, tmp_path / f"report-{kill}.txt", rng)
            reported.update(saved)
            in_database = _check_whole(path, reported)
            assert in_database >= len(reported), f"seed {seed}, kill {kill}"
    finally:
        zygote.kill()
        zygote.communicate()
    assert len(reported) > KILLS, f"seed {seed}: the child saved too little to prove anything ({len(reported)})"
