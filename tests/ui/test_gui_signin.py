"""Sign-in at the window: locked until someone signs in, wrong PINs counted to a lock, roles grey out screens (and the
core refuses what slips through), Lock / switch user, and the idle lock."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from gui_helpers import BEANS_CODE, Catalog, scan, wait_idle
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from pantry.db import Database
from pantry.models import Donation, User
from pantry.services import signin, users
from ui import settings_tasks
from ui.main_window import NAVIGATION, MainWindow
from ui.ops import Runner

ADMIN_PIN = "4826"
SAM_PIN = "7391"  # a volunteer
LEE_PIN = "5824"  # a shift lead


@pytest.fixture
def pins(database: Database, pantry_catalog: Catalog) -> None:
    """An admin PIN turns sign-in on; Sam (volunteer) and Lee (shift lead) have PINs too."""
    with database.session() as session:
        signin.set_pin(session, "admin", ADMIN_PIN, None)
        users.add_user(session, "Sam", "volunteer", None)
        users.add_user(session, "Lee", "shift_lead", None)
        signin.set_pin(session, "Sam", SAM_PIN, None)
        signin.set_pin(session, "Lee", LEE_PIN, None)


@pytest.fixture
def desk(qtbot: QtBot, runner: Runner, pins: None) -> Iterator[MainWindow]:
    main = MainWindow(runner)
    main.ask_before_closing = False
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    wait_idle(qtbot, runner)
    yield main


def sign_in(qtbot: QtBot, window: MainWindow, name: str, pin: str) -> None:
    panel = window.sign_in
    matches = panel.names.findItems(name, Qt.MatchFlag.MatchExactly)
    assert matches, f"{name} is not offered"
    panel.names.setCurrentItem(matches[0])
    panel.pin.clear()
    qtbot.keyClicks(panel.pin, pin)
    qtbot.keyClick(panel.pin, Qt.Key.Key_Return)
    wait_idle(qtbot, window.runner)


def test_with_pins_on_the_window_starts_locked_and_nothing_works_until_sign_in(
    qtbot: QtBot, desk: MainWindow, database: Database
) -> None:
    assert desk.locked
    assert desk.pages.currentWidget() is desk.sign_in
    assert not desk.desk_page.isEnabled()
    assert "Locked" in desk.windowTitle()
    assert {desk.sign_in.names.item(row).text() for row in range(desk.sign_in.names.count())} == {
        "admin",
        "Lee",
        "Sam",
    }
    assert not desk.sign_in.pin.text()
    assert desk.sign_in.pin.echoMode() == desk.sign_in.pin.EchoMode.Password

    qtbot.keyClick(desk, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # screen shortcuts do nothing
    assert desk.stack.currentWidget() is desk.intake
    assert desk.pages.currentWidget() is desk.sign_in

    refused: list[str] = []  # a core call that slipped through anyway: refused, nothing written
    desk.runner.run(settings_tasks.add_user, "Mallory", "admin", on_error=lambda error: refused.append(str(error)))
    wait_idle(qtbot, desk.runner)
    assert refused and "sign in" in refused[0]
    with database.session() as session:
        assert session.scalars(select(User).where(User.name == "Mallory")).first() is None

    sign_in(qtbot, desk, "admin", ADMIN_PIN)
    assert not desk.locked
    assert desk.pages.currentWidget() is desk.desk_page
    assert "admin (admin)" in desk.windowTitle()
    assert "Signed in: admin" in desk.user_label.text()


def test_a_wrong_pin_counts_down_then_locks_and_the_locked_user_is_told_to_ask_an_admin(
    qtbot: QtBot, desk: MainWindow, database: Database
) -> None:
    sign_in(qtbot, desk, "Sam", "1111")
    assert "Wrong PIN, 4 tries left" in desk.sign_in.feedback.text()
    assert desk.sign_in.feedback.is_error()
    assert not desk.sign_in.pin.text()  # cleared for the next try
    for left in (3, 2, 1):
        sign_in(qtbot, desk, "Sam", "1111")
        assert f"{left} {'try' if left == 1 else 'tries'} left" in desk.sign_in.feedback.text()
    sign_in(qtbot, desk, "Sam", "1111")
    assert "now locked" in desk.sign_in.feedback.text()
    sign_in(qtbot, desk, "Sam", SAM_PIN)  # the right PIN no longer helps
    assert desk.locked
    assert "ask an admin to unlock" in desk.sign_in.feedback.text()
    with database.session() as session:
        assert users.user_named(session, "Sam").locked_at is not None


def test_a_volunteer_cannot_open_settings_or_reports_and_a_forced_call_is_refused(
    qtbot: QtBot, desk: MainWindow, database: Database
) -> None:
    sign_in(qtbot, desk, "Sam", SAM_PIN)
    assert not desk.locked
    assert "Sam (volunteer)" in desk.windowTitle()
    for name in ("Reports", "Settings"):
        row = [label for label, _keys in NAVIGATION].index(name)
        assert not desk.nav.item(row).flags() & Qt.ItemFlag.ItemIsEnabled
        assert not desk.may_open(row)
    qtbot.keyClick(desk, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(desk, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, desk.runner)
    assert desk.stack.currentWidget() is desk.intake
    assert not desk.undo_action.isEnabled()  # undo is a shift lead's

    desk.reports.refresh()  # calls that slip past the window: the core refuses them and says why
    wait_idle(qtbot, desk.runner)
    assert "Sam (volunteer) may not make reports" in desk.reports.feedback.text()
    desk.runner.run(settings_tasks.add_user, "Mallory", "admin")
    wait_idle(qtbot, desk.runner)
    assert "Sam (volunteer) may not manage users: ask an admin" in desk.statusBar().currentMessage()
    with database.session() as session:
        assert session.scalars(select(User).where(User.name == "Mallory")).first() is None


def test_lock_then_another_user_signs_in_and_the_next_donation_is_theirs(
    qtbot: QtBot, desk: MainWindow, database: Database
) -> None:
    sign_in(qtbot, desk, "Sam", SAM_PIN)
    qtbot.keyClick(
        desk.intake.scan, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    wait_idle(qtbot, desk.runner)
    assert desk.locked
    assert desk.pages.currentWidget() is desk.sign_in
    assert desk.sign_in.chosen_name() == "Sam"  # offered first: most often the same person comes back

    sign_in(qtbot, desk, "Lee", LEE_PIN)
    assert "Lee (shift lead)" in desk.windowTitle()
    assert desk.undo_action.isEnabled()
    desk.show_screen("Intake")
    scan(qtbot, desk, BEANS_CODE)
    with qtbot.waitSignal(desk.intake.donation_saved):
        qtbot.keyClick(desk.intake.scan, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, desk.runner)
    with database.session() as session:
        donation = session.scalars(select(Donation).order_by(Donation.id.desc())).first()
        assert donation is not None
        assert session.get(User, donation.created_by_id).name == "Lee"


def test_the_desk_locks_itself_after_the_idle_time(qtbot: QtBot, desk: MainWindow) -> None:
    sign_in(qtbot, desk, "Lee", LEE_PIN)
    assert desk.idle.limit_ms == signin.PEOPLE_SETTINGS["idle_lock_minutes"][0] * 60_000  # the setting: 10 minutes
    desk.idle.set_limit_ms(150)  # the test's short idle time
    qtbot.keyClicks(desk.intake.scan, "1")  # input restarts the wait
    qtbot.waitUntil(lambda: desk.locked, timeout=5_000)
    wait_idle(qtbot, desk.runner)
    assert desk.pages.currentWidget() is desk.sign_in
    assert "minutes without use" in desk.sign_in.feedback.text()
    sign_in(qtbot, desk, "Lee", LEE_PIN)
    assert not desk.locked


def test_with_pins_off_the_desk_works_as_the_first_admin(qtbot: QtBot, window: MainWindow) -> None:
    assert not window.locked
    assert window.pages.currentWidget() is window.desk_page
    assert "sign-in is off" in window.user_label.text()
    window.lock()  # nothing to lock to: the status bar says how to turn sign-in on
    assert not window.locked
    assert "Sign-in is off" in window.statusBar().currentMessage()


def test_idle_minutes_zero_never_locks(qtbot: QtBot, desk: MainWindow, database: Database) -> None:
    with database.session() as session:
        admin = users.user_named(session, "admin").id  # the test shares the desk's (locked) session factory
        signin.set_people_settings(session, {"idle_lock_minutes": 0}, admin)
    sign_in(qtbot, desk, "Lee", LEE_PIN)
    assert desk.desk is not None and desk.desk.idle_minutes == 0
    assert desk.idle.limit_ms == 0 and not desk.idle.timer.isActive()


def test_help_about_opens_and_locking_closes_open_dialogs(qtbot: QtBot, desk: MainWindow) -> None:
    sign_in(qtbot, desk, "Lee", LEE_PIN)
    desk.about_action.trigger()
    wait_idle(qtbot, desk.runner)
    assert desk.about_dialog is not None and desk.about_dialog.isVisible()
    assert "Pantry Desk" in desk.about_dialog.details()
    desk.lock()
    wait_idle(qtbot, desk.runner)
    assert desk.locked and not desk.about_dialog.isVisible()
