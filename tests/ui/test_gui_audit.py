"""The audit tab (admins): a household edit made at the window with its before/after, filtered by user and exported
to CSV; forgetting a household from the Households screen keeps every report's numbers."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from gui_helpers import Catalog, wait_idle
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_gui_signin import ADMIN_PIN, LEE_PIN, sign_in

from pantry.db import Database
from pantry.services import households, signin, users
from tests.unit.test_forget import PERSONAL, _reports
from tests.unit.test_forget import served as served  # the fixture
from ui import ask, tasks
from ui.main_window import NAVIGATION, MainWindow
from ui.ops import Runner
from ui.screens.settings import TABS

SETTINGS_ROW = [label for label, _keys in NAVIGATION].index("Settings")


def _window(qtbot: QtBot, runner: Runner) -> MainWindow:
    main = MainWindow(runner)
    main.ask_before_closing = False
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    wait_idle(qtbot, runner)
    return main


def test_the_audit_tab_shows_a_household_edit_with_before_after_filters_by_user_and_exports(
    qtbot: QtBot, runner: Runner, database: Database, pantry_catalog: Catalog, tmp_path: Path
) -> None:
    with database.session() as session:
        signin.set_pin(session, "admin", ADMIN_PIN, None)
        users.add_user(session, "Lee", "shift_lead", None)
        signin.set_pin(session, "Lee", LEE_PIN, None)
        code = households.register_household(
            session, households.HouseholdSpec(name="Ann Lee", size=2, phone="555 0100"), None
        ).household.code
    window = _window(qtbot, runner)
    sign_in(qtbot, window, "Lee", LEE_PIN)  # Lee changes the household at the window
    runner.run(tasks.save_household, households.HouseholdSpec(name="Ann Lee", size=3, phone="555 0199"), code)
    wait_idle(qtbot, runner)
    assert not window.may_open(SETTINGS_ROW)  # a shift lead has no Settings, so no audit trail either

    window.lock()
    wait_idle(qtbot, runner)
    sign_in(qtbot, window, "admin", ADMIN_PIN)
    qtbot.keyClick(window.nav, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, runner)
    screen = window.settings
    assert screen.tab_shown("Audit")
    screen.tabs.setCurrentIndex(TABS.index("Audit"))
    rows = screen.audit_model.rows()
    edit = next(row for row in rows if row.action == "household.change")
    assert (edit.user, edit.what) == ("Lee", f"household {code}")
    assert json.loads(edit.before) == {"phone": "555 0100", "size": 2}
    assert json.loads(edit.after) == {"phone": "555 0199", "size": 3}
    shown = [screen.audit_model.index(rows.index(edit), column).data() for column in range(6)]
    assert shown[1:4] == ["Lee", "household.change", f"household {code}"]
    assert "555 0100" in shown[4] and "555 0199" in shown[5]

    screen.audit_user.setCurrentText("Lee")
    screen.show_audit()
    wait_idle(qtbot, runner)
    assert screen.audit_model.rowCount() >= 1
    assert {row.user for row in screen.audit_model.rows()} == {"Lee"}
    screen.audit_user.setCurrentText("admin")
    screen.show_audit()
    wait_idle(qtbot, runner)
    assert all(row.user == "admin" for row in screen.audit_model.rows())
    assert not any(row.action == "household.change" for row in screen.audit_model.rows())

    screen.audit_user.setCurrentIndex(0)  # everyone
    screen.show_audit()
    wait_idle(qtbot, runner)
    target = tmp_path / "audit.csv"
    screen.export_audit(target)
    with target.open(newline="", encoding="utf-8") as handle:
        lines = list(csv.DictReader(handle))
    assert len(lines) == screen.audit_model.rowCount()
    exported = next(line for line in lines if line["action"] == "household.change" and line["user"] == "Lee")
    assert json.loads(exported["after"]) == {"phone": "555 0199", "size": 3}


def test_forget_household_from_the_window_keeps_the_reports_numbers(
    qtbot: QtBot, runner: Runner, database: Database, served: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _reports(database)
    window = _window(qtbot, runner)  # PINs off: the first admin
    qtbot.keyClick(window.nav, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, runner)
    screen = window.households
    assert screen.forget_button.isVisible()
    screen.search.setText(served["ann"])
    screen.find()
    wait_idle(qtbot, runner)
    assert screen.current_code == served["ann"]
    asked: list[str] = []
    monkeypatch.setattr(ask, "confirm", lambda _parent, _title, text, _yes: asked.append(text) or True)
    qtbot.mouseClick(screen.forget_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, runner)
    assert asked and served["ann"] in asked[0] and "reports keep the same numbers" in asked[0]
    assert f"Removed the personal details of 1 household(s): {served['ann']}" in screen.feedback.text()
    with database.session() as session:
        found = households.details(session, served["ann"])
    assert not any(value in (found.name, found.phone, found.postcode, found.notes) for value in PERSONAL)
    assert _reports(database) == before


def test_a_shift_lead_has_no_forget_button(qtbot: QtBot, runner: Runner, database: Database, pantry_catalog) -> None:  # type: ignore[no-untyped-def]
    with database.session() as session:
        signin.set_pin(session, "admin", ADMIN_PIN, None)
        users.add_user(session, "Lee", "shift_lead", None)
        signin.set_pin(session, "Lee", LEE_PIN, None)
    window = _window(qtbot, runner)
    sign_in(qtbot, window, "Lee", LEE_PIN)
    window.show_screen("Households")
    wait_idle(qtbot, runner)
    assert not window.households.forget_button.isVisible()
