"""The Settings screen: every tab's edits persist (read back from the database), each role sees only its tabs, backups
are made and offered for restore, and the retention rule forgets households after a confirmation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from gui_helpers import wait_idle
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pantry.db import Database
from pantry.models import Household
from pantry.services import households, signin, users
from pantry.services import valuation as valuation_service
from pantry.services.reports import settings as report_settings
from ui import ask
from ui.main_window import MainWindow
from ui.screens.settings import TABS, SettingsScreen


def open_settings(qtbot: QtBot, window: MainWindow) -> SettingsScreen:
    qtbot.keyClick(window.nav, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window.runner)
    assert window.stack.currentWidget() is window.settings
    return window.settings


def test_an_admin_sees_every_tab_and_the_pantry_details_persist(
    qtbot: QtBot, window: MainWindow, database: Database
) -> None:
    screen = open_settings(qtbot, window)
    assert [name for name in TABS if screen.tab_shown(name)] == list(TABS)
    screen.org_name.setText("Eastside Food Shelf")
    screen.address.setPlainText("12 Main St\nSpringfield 97211")
    screen.tax_id.setText("12-3456789")
    screen.save_pantry()
    wait_idle(qtbot, window.runner)
    assert "Saved the pantry's name" in screen.feedback.text()
    with database.session() as session:
        org = report_settings.organisation(session)
    assert (org.name, org.address, org.tax_id) == ("Eastside Food Shelf", "12 Main St\nSpringfield 97211", "12-3456789")

    screen.org_name.setText("   ")  # refused by name, nothing changed
    screen.save_pantry()
    wait_idle(qtbot, window.runner)
    assert screen.feedback.is_error() and "pantry name" in screen.feedback.text()
    with database.session() as session:
        assert report_settings.organisation(session).name == "Eastside Food Shelf"


def test_people_users_pins_roles_and_the_idle_and_lockout_settings_persist(
    qtbot: QtBot, window: MainWindow, database: Database
) -> None:
    screen = open_settings(qtbot, window)
    screen.add_user("Pat Kim", "volunteer")
    wait_idle(qtbot, window.runner)
    assert screen.chosen_user() == "Pat Kim"
    screen.set_role("Pat Kim", "treasurer")
    screen.set_pin("Pat Kim", "1234")  # a run of digits: refused with the core's reason
    wait_idle(qtbot, window.runner)
    assert "run of digits" in screen.feedback.text()
    screen.set_pin("Pat Kim", "8351")
    wait_idle(qtbot, window.runner)
    assert "Set a new PIN for Pat Kim" in screen.feedback.text()
    screen.idle_minutes.setValue(3)
    screen.lockout.setValue(4)
    screen.retention.setValue(7)
    screen.save_people()
    wait_idle(qtbot, window.runner)
    with database.session() as session:
        pat = next(user for user in users.list_users(session) if user.name == "Pat Kim")
        assert (pat.role, pat.has_pin) == ("treasurer", True)
        assert signin.setting(session, "idle_lock_minutes") == 3
        assert signin.setting(session, "pin_lockout_after") == 4
        assert signin.setting(session, "retention_years") == 7
    assert window.desk is not None and window.desk.idle_minutes == 3  # the window follows the new idle time
    screen.idle_minutes.setValue(0)  # never
    screen.save_people()
    wait_idle(qtbot, window.runner)
    with database.session() as session:
        assert signin.setting(session, "idle_lock_minutes") == 0
    assert screen.idle_minutes.text() == "never"
    shown = {
        screen.users.item(row, 0).text(): screen.users.item(row, 1).text() for row in range(screen.users.rowCount())
    }
    assert shown["Pat Kim"] == "treasurer"


def test_valuation_persists(qtbot: QtBot, window: MainWindow, database: Database) -> None:
    screen = open_settings(qtbot, window)
    screen.tabs.setCurrentIndex(TABS.index("Valuation"))
    screen.currency.setText("cad")
    screen.rate.setText("3.68/kg")
    screen.rate_year.setText("2025")
    screen.rate_source.setText("Food Banks Canada")
    screen.save_valuation()
    wait_idle(qtbot, window.runner)
    with database.session() as session:
        rate = valuation_service.valuation(session)
    assert (rate.currency, rate.rate_cents, rate.per, rate.year, rate.source) == (
        "CAD", 368, "kg", "2025", "Food Banks Canada"
    )  # fmt: skip
    assert "3.68 per kg" in screen.rate_now.text()


def test_backup_folder_back_up_now_and_restore_asks_first(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen = open_settings(qtbot, window)
    folder = tmp_path / "usb-stick"
    screen.set_folder(str(folder))
    wait_idle(qtbot, window.runner)
    assert screen.folder.text() == str(folder.resolve())
    screen.backup_now()
    wait_idle(qtbot, window.runner)
    copies = list(folder.glob("*.sqlite"))
    assert len(copies) == 1
    assert screen.backup_list.count() == 1 and copies[0].name in screen.backup_list.item(0).text()

    asked: list[str] = []
    monkeypatch.setattr(ask, "confirm", lambda _parent, _title, text, _yes: asked.append(text) or False)
    with qtbot.assertNotEmitted(window.restore_asked):
        screen.restore(copies[0])
        wait_idle(qtbot, window.runner)
    assert asked and "Replace everything in this pantry" in asked[0]
    monkeypatch.setattr(ask, "confirm", lambda *_args: True)
    with qtbot.waitSignal(window.restore_asked) as restored:
        screen.restore(copies[0])
        wait_idle(qtbot, window.runner)
    assert restored.args == [copies[0]]

    not_a_backup = tmp_path / "notes.sqlite"
    not_a_backup.write_text("shopping list")
    screen.restore(not_a_backup)
    wait_idle(qtbot, window.runner)
    assert screen.feedback.is_error() and "restore" in screen.feedback.text()


def test_forget_households_not_seen_in_n_years_after_a_confirmation(
    qtbot: QtBot, window: MainWindow, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with database.session() as session:
        admin = users.acting_user(session).id
        old = households.register_household(
            session,
            households.HouseholdSpec(name="Old Timer", size=3, phone="555 0199"),
            admin,
            today=dt.date.today() - dt.timedelta(days=4 * 366),
        ).household.code
        recent = households.register_household(session, households.HouseholdSpec(name="New Comer", size=2), admin)
    screen = open_settings(qtbot, window)
    screen.retention.setValue(3)
    asked: list[str] = []
    monkeypatch.setattr(ask, "confirm", lambda _parent, _title, text, _yes: asked.append(text) or True)
    screen.ask_forget_inactive()
    wait_idle(qtbot, window.runner)
    assert len(asked) == 1 and old in asked[0] and "reports keep the same numbers" in asked[0]
    assert old in screen.feedback.text()
    with database.session() as session:
        forgotten = households.household_by_code(session, old)
        assert forgotten.forgotten_at is not None and forgotten.name == "" and forgotten.size == 3
        assert households.household_by_code(session, recent.household.code).forgotten_at is None
        assert session.query(Household).count() == 2


def test_a_treasurer_sees_only_valuation(qtbot: QtBot, runner, database: Database, pantry_catalog) -> None:  # type: ignore[no-untyped-def]
    from test_gui_signin import ADMIN_PIN, sign_in

    with database.session() as session:
        signin.set_pin(session, "admin", ADMIN_PIN, None)
        users.add_user(session, "Tess", "treasurer", None)
        signin.set_pin(session, "Tess", "6083", None)
    window = MainWindow(runner)
    window.ask_before_closing = False
    qtbot.addWidget(window)
    window.show()
    wait_idle(qtbot, runner)
    sign_in(qtbot, window, "Tess", "6083")
    screen = open_settings(qtbot, window)
    assert [name for name in TABS if screen.tab_shown(name)] == ["Valuation", "This desk"]  # a desk's language: anyone
    screen.save_pantry()  # a hidden tab's save, forced: the core refuses it
    wait_idle(qtbot, runner)
    assert "Tess (treasurer) may not change settings" in screen.feedback.text()


def test_restore_from_the_settings_screen_reopens_the_pantry_as_it_was(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QApplication

    from pantry.db import open_database
    from ui.app import Desk, parse_args

    db_path = tmp_path / "pantry.sqlite"
    with_user = open_database(db_path, org_name="Eastside Food Shelf")
    with with_user.session() as session:
        users.add_user(session, "Kept", "volunteer", None)
    with_user.dispose()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    desk = Desk(app, parse_args(["--db", str(db_path)]))
    desk.start()
    try:
        qtbot.waitUntil(lambda: desk.window is not None, timeout=30_000)
        first = desk.window
        assert first is not None
        qtbot.waitUntil(desk.runner.is_idle, timeout=10_000)
        screen = open_settings(qtbot, first)
        folder = tmp_path / "backups"
        screen.set_folder(str(folder))
        wait_idle(qtbot, desk.runner)
        screen.backup_now()
        wait_idle(qtbot, desk.runner)
        (copy,) = [path for path in folder.glob("*.sqlite") if "daily" not in path.name]
        assert desk.database is not None
        with desk.database.session() as session:
            users.add_user(session, "Later", "volunteer", None)

        monkeypatch.setattr(ask, "confirm", lambda *_args: True)
        screen.restore(copy)
        qtbot.waitUntil(lambda: desk.window is not None and desk.window is not first, timeout=30_000)
        qtbot.waitUntil(desk.runner.is_idle, timeout=10_000)
        assert desk.window is not None
        desk.window.ask_before_closing = False
        qtbot.addWidget(desk.window)
        assert "Restored the backup" in desk.window.statusBar().currentMessage()
        with desk.database.session() as session:
            names = {user.name for user in users.list_users(session)}
        assert "Kept" in names and "Later" not in names
        assert list(folder.glob("pantry-before-restore-*.sqlite"))  # what it replaced is kept
    finally:
        desk.stop()
