"""The background-operation runner: one worker thread, one transaction per operation, outcomes on the GUI thread."""

from __future__ import annotations

import logging
import threading
from typing import Any

import pytest
import shiboken6
from gui_helpers import wait_idle
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from pantry.db import Database
from pantry.errors import UserError
from pantry.progress import Cancelled, Progress, ShouldCancel
from pantry.services import catalog, setup
from ui.ops import Runner


def test_operations_run_in_order_on_one_worker_thread(qtbot: QtBot, runner: Runner) -> None:
    gui_thread = threading.get_ident()
    seen: list[tuple[int, int]] = []
    delivered_on: list[int] = []

    def where(_session: Session, number: int) -> tuple[int, int]:
        return number, threading.get_ident()

    for number in range(5):
        runner.run(
            where, number, on_done=lambda result: (seen.append(result), delivered_on.append(threading.get_ident()))
        )
    assert not runner.is_idle()
    with qtbot.waitSignal(runner.idle):
        pass
    assert [number for number, _thread in seen] == [0, 1, 2, 3, 4]
    assert len({thread for _number, thread in seen}) == 1
    assert seen[0][1] != gui_thread
    assert set(delivered_on) == {gui_thread}


def test_each_operation_is_one_transaction(qtbot: QtBot, runner: Runner, database: Database) -> None:
    def rename_then_fail(session: Session) -> None:
        setup.set_setting(session, "org_name", "Renamed")
        raise UserError("refused")

    problems: list[str] = []
    runner.run(rename_then_fail, on_error=lambda error: problems.append(str(error)))
    runner.run(setup.set_setting, "default_location_id", "1")
    wait_idle(qtbot, runner)
    assert problems == ["refused"]
    with database.session() as session:
        assert setup.get_setting(session, "org_name") == "My Pantry"  # rolled back


def test_user_errors_without_a_handler_go_to_the_status_bar_signal(qtbot: QtBot, runner: Runner) -> None:
    with qtbot.waitSignal(runner.user_error) as blocker:
        runner.run(catalog.lookup_code, "036000291453")
    assert "check digit" in blocker.args[0]


def test_bugs_are_logged_and_reach_the_crash_signal(
    qtbot: QtBot, runner: Runner, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(_session: Session) -> None:
        raise KeyError("oops")

    with caplog.at_level(logging.ERROR, logger="ui.ops"), qtbot.waitSignal(runner.crashed) as blocker:
        runner.run(broken, on_done=lambda _result: pytest.fail("no result expected"))
    summary, trace = blocker.args
    assert summary == "KeyError: 'oops'"
    assert "raise KeyError" in trace
    assert "broken failed" in caplog.text


def test_progress_and_cancel(qtbot: QtBot, runner: Runner) -> None:
    started, proceed = threading.Event(), threading.Event()
    progress_seen: list[tuple[int, int]] = []

    def long_work(_session: Session, *, progress: Progress, should_cancel: ShouldCancel) -> str:
        for done in range(1, 1000):
            progress(done, 1000)
            started.set()
            proceed.wait(5)
            if should_cancel():
                raise Cancelled
        return "finished"

    runner._worker.progressed.connect(lambda _number, done, total: progress_seen.append((done, total)))
    op = runner.run(long_work, label="Counting…", with_progress=True, on_done=lambda _r: pytest.fail("cancelled"))
    assert started.wait(5)
    qtbot.waitUntil(lambda: bool(runner._dialogs), timeout=3000)  # shown after the delay
    runner.cancel(op)
    proceed.set()
    with qtbot.waitSignal(runner.message) as blocker:
        pass
    assert "cancelled" in blocker.args[0]
    assert progress_seen and progress_seen[0] == (1, 1000)
    wait_idle(qtbot, runner)
    assert not runner._dialogs


def test_callbacks_are_skipped_when_their_owner_is_gone(qtbot: QtBot, runner: Runner) -> None:
    owner = QObject()
    called: list[Any] = []
    runner.run(lambda _session: 1, on_done=called.append, owner=owner)
    shiboken6.delete(owner)  # e.g. a dialog closed while its search was running
    wait_idle(qtbot, runner)
    assert called == []


def test_shutdown_stops_the_worker(qtbot: QtBot, database: Database) -> None:
    worker = Runner(database)
    worker.run(lambda _session: None)
    worker.shutdown()
    assert worker._worker.isFinished()
    worker.run(lambda _session: pytest.fail("not after shutdown"))
