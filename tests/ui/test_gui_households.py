"""The Households screen: search by code and name, a household's file, registering with a duplicate warning."""

from __future__ import annotations

import pytest
import shiboken6
from gui_helpers import wait_idle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from pantry.db import Database
from pantry.services import households, users
from pantry.services.households import HouseholdSpec
from ui import tasks
from ui.main_window import MainWindow
from ui.screens.households import HouseholdsScreen


@pytest.fixture
def registered(database: Database) -> dict[str, str]:
    with database.session() as session:
        user_id = users.acting_user(session).id
        ann = households.register_household(
            session, HouseholdSpec(name="Ann Lee", size=2, phone="555-0101", postcode="12345"), user_id
        ).household.code
        bob = households.register(session, "Bob", 1, user_id).code
    return {"ann": ann, "bob": bob}


def closed(dialog: QWidget) -> bool:
    """A dialog that closed itself (and was deleted on close, as the screens' dialogs are)."""
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def open_households(qtbot: QtBot, window: MainWindow) -> HouseholdsScreen:
    qtbot.keyClick(window.nav, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window.runner)
    assert window.stack.currentWidget() is window.households
    return window.households


def search(qtbot: QtBot, screen: HouseholdsScreen, text: str) -> list[str]:
    screen.search.clear()
    qtbot.keyClicks(screen.search, text)
    qtbot.keyClick(screen.search, Qt.Key.Key_Return)
    wait_idle(qtbot, screen.runner)
    return [row.code for row in screen.model.rows()]


def test_search_by_code_name_and_phone(
    qtbot: QtBot, window: MainWindow, registered: dict[str, str], qtmodeltester
) -> None:
    screen = open_households(qtbot, window)
    assert set(search(qtbot, screen, "")) == set(registered.values())
    assert search(qtbot, screen, registered["bob"]) == [registered["bob"]]
    assert search(qtbot, screen, "ann") == [registered["ann"]]
    assert search(qtbot, screen, "5550101") == [registered["ann"]]
    wait_idle(qtbot, window.runner)
    assert registered["ann"] in screen.title.text()
    assert "555-0101" in screen.facts.text()  # the acting user is an admin
    qtmodeltester.check(screen.model)
    qtmodeltester.check(screen.visits)


def test_registering_warns_of_a_duplicate_before_saving(
    qtbot: QtBot, window: MainWindow, database: Database, registered: dict[str, str]
) -> None:
    screen = open_households(qtbot, window)
    qtbot.mouseClick(screen.register_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.runner)
    dialog = screen.household_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.by_age.setChecked(False)
    dialog.first_name.setText("Dan")
    dialog.size.setValue(3)
    dialog.phone.setText("555 0101")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.runner)
    assert dialog.isVisible() and dialog.duplicates.isVisible()
    assert "possible duplicate" in dialog.duplicate_text.text() and registered["ann"] in dialog.duplicate_text.text()
    with database.session() as session:
        assert len(households.all_households(session)) == 2  # nothing written yet
    qtbot.mouseClick(dialog.anyway_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.runner)
    assert closed(dialog)
    assert not screen.feedback.is_error(), screen.feedback.text()
    assert len(screen.model.rows()) == 1 and screen.model.rows()[0].first_name == "Dan"
    with database.session() as session:
        assert len(households.all_households(session)) == 3


def test_volunteers_see_no_personal_details(database: Database, registered: dict[str, str]) -> None:
    assert not tasks.sees_personal_details("volunteer")
    assert tasks.sees_personal_details("shift_lead") and tasks.sees_personal_details("admin")
    with database.session() as session:
        rows, personal = tasks.find_households(session, "", role="volunteer")
        assert not personal and all(not row.phone and not row.name for row in rows)
        assert tasks.find_households(session, "555", role="volunteer")[0] == []  # no search by phone
        assert tasks.household_file(session, registered["ann"], role="volunteer").details is None
