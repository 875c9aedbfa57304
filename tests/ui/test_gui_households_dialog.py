"""The household dialog: register with age bands, diet, proxy and consent; edit; refusals next to their field; what a
volunteer sees; opening from the list (Enter, double-click); scanning a card to jump to it."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import type_scan, wait_idle
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot
from test_gui_households import closed, open_households

from pantry.db import Database
from pantry.models import User
from pantry.services import households, users
from pantry.services.households import HouseholdSpec
from ui import tasks
from ui.dialogs.household import HouseholdDialog
from ui.main_window import MainWindow
from ui.screens.households import HouseholdsScreen

SHOTS = os.environ.get("PANTRY_SCREENSHOTS")  # a folder: save what the tests show, to look at


def shot(widget: object, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))  # type: ignore[attr-defined]


@pytest.fixture
def volunteer(database: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """Whoever the window acts for is a volunteer (until sign-in exists, `tasks._acting_user_id` names them)."""
    with database.session() as session:
        user = User(name="vic", role="volunteer")
        session.add(user)
        session.flush()
        user_id = user.id
    monkeypatch.setattr(tasks, "_acting_user_id", lambda _session: user_id)
    yield user_id


def open_register(qtbot: QtBot, screen: HouseholdsScreen) -> HouseholdDialog:
    qtbot.keyClick(screen.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, screen.runner)
    dialog = screen.household_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def stored(database: Database, code: str) -> households.HouseholdDetails:
    with database.session() as session:
        return households.details(session, code)


def test_register_with_age_bands_diet_proxy_and_consent(qtbot: QtBot, window: MainWindow, database: Database) -> None:
    screen = open_households(qtbot, window)
    dialog = open_register(qtbot, screen)
    assert list(dialog.band_boxes) == ["children", "adults", "seniors"]
    assert dialog.by_age.isChecked()
    qtbot.keyClicks(dialog.first_name, "Maria")
    dialog.name.setText("Maria  Lopez")
    dialog.band_boxes["children"].setValue(2)
    dialog.band_boxes["adults"].setValue(1)
    dialog.band_boxes["seniors"].setValue(1)
    assert "4 people" in dialog.total.text()
    dialog.flag_boxes["halal"].setChecked(True)
    dialog.flag_boxes["nut_allergy"].setChecked(True)
    dialog.other_flags.setText("Sesame")
    dialog.dietary_note.setText("no spicy food for the little one")
    dialog.postcode.setText("ab1 2cd")
    dialog.phone.setText("555-0199")
    dialog.language.setText("Spanish")
    dialog.proxy.setText("Rosa (sister)")
    dialog.notes.setPlainText("Comes by bus: light bags")
    dialog.declared.setChecked(True)
    dialog.declared_on.setDate(QDate(2026, 11, 2))
    dialog.basis.setCurrentText("SNAP")
    dialog.consent.setChecked(True)
    shot(dialog, "household-register")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.runner)
    assert closed(dialog)
    assert "Registered household" in screen.feedback.text() and not screen.feedback.is_error()
    code = screen.model.rows()[0].code
    found = stored(database, code)
    assert (found.first_name, found.name, found.size) == ("Maria", "Maria Lopez", 4)
    assert found.members == (("Children", 2), ("Adults", 1), ("Seniors", 1))
    assert found.dietary == ("nut_allergy", "halal", "sesame")
    assert found.dietary_note == "no spicy food for the little one"
    assert (found.postcode, found.phone, found.language) == ("AB1 2CD", "555-0199", "Spanish")
    assert (found.proxy, found.notes) == ("Rosa (sister)", "Comes by bus: light bags")
    assert (found.eligibility_declared_on, found.eligibility_basis, found.consent) == (
        dt.date(2026, 11, 2),
        "SNAP",
        True,
    )
    wait_idle(qtbot, window.runner)
    assert code in screen.title.text()
    assert screen.allergies.text() == "ALLERGIES: nut allergy, sesame" and screen.allergies.is_error()
    assert "Rosa (sister)" in screen.facts.text()
    shot(window, "households-screen")


def test_edit_a_household_from_its_row(qtbot: QtBot, window: MainWindow, database: Database) -> None:
    with database.session() as session:
        user_id = users.acting_user(session).id
        code = households.register_household(
            session,
            HouseholdSpec(name="Ann Lee", members={"adults": 2}, phone="555-0101", dietary=("vegan", "cumin")),
            user_id,
        ).household.code
    screen = open_households(qtbot, window)
    screen.search.setText(code)
    screen.find()
    wait_idle(qtbot, window.runner)
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    wait_idle(qtbot, window.runner)
    dialog = screen.household_dialog
    assert dialog is not None and dialog.isVisible() and dialog.editing
    assert dialog.name.text() == "Ann Lee" and dialog.band_boxes["adults"].value() == 2
    assert dialog.flag_boxes["vegan"].isChecked() and dialog.other_flags.text() == "cumin"
    dialog.band_boxes["children"].setValue(3)
    dialog.flag_boxes["vegan"].setChecked(False)
    dialog.proxy.setText("Tom")
    dialog.code.setText("card-77")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.runner)
    assert closed(dialog)
    found = stored(database, "CARD-77")
    assert (found.size, found.proxy, found.dietary, found.phone) == (5, "Tom", ("cumin",), "555-0101")
    assert "Saved household CARD-77" in screen.feedback.text()
    # double-click opens it too
    index = screen.model.index(0, 0)
    rect = screen.table.visualRect(index)
    qtbot.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # as a real one starts
    qtbot.mouseDClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    wait_idle(qtbot, window.runner)
    again = screen.household_dialog
    assert again is not None and again is not dialog and again.code.text() == "CARD-77"
    again.reject()


def test_bad_input_is_shown_next_to_its_field_and_nothing_is_written(
    qtbot: QtBot, window: MainWindow, database: Database
) -> None:
    with database.session() as session:
        taken = households.register_household(
            session, HouseholdSpec(name="Ann", size=2, code="CARD-1"), users.acting_user(session).id
        ).household.code
    screen = open_households(qtbot, window)
    dialog = open_register(qtbot, screen)
    dialog.first_name.setText("Zed")  # every age band left at 0: no people
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.runner)
    assert dialog.isVisible()
    assert "at least 1 person" in dialog.errors["size"].text() and dialog.errors["size"].isVisible()
    dialog.band_boxes["adults"].setValue(1)
    dialog.code.setText(taken.lower())
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.runner)
    assert not dialog.errors["size"].text()
    assert "another household" in dialog.errors["code"].text() and dialog.code.hasFocus()
    dialog.code.setText("")
    dialog.other_flags.setText("no pork!")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.runner)
    assert "not a dietary flag" in dialog.errors["dietary"].text()
    shot(dialog, "household-refused")
    with database.session() as session:
        assert [row.code for row in households.all_households(session)] == [taken]
    dialog.other_flags.setText("no pork")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.runner)
    assert closed(dialog)
    with database.session() as session:
        assert len(households.all_households(session)) == 2


def test_a_volunteer_sees_no_personal_fields(
    qtbot: QtBot, window: MainWindow, database: Database, volunteer: int
) -> None:
    with database.session() as session:
        code = households.register_household(
            session,
            HouseholdSpec(name="Ann Lee", members={"adults": 1, "children": 2}, phone="555-0101", proxy="Tom",
                          dietary=("halal",)),
            users.acting_user(session).id,
        ).household.code  # fmt: skip
    screen = open_households(qtbot, window)
    screen.search.setText("")
    screen.find()
    wait_idle(qtbot, window.runner)
    assert not screen.register_button.isEnabled()
    assert screen.model.columnCount() == 4
    screen.table.selectRow(0)
    wait_idle(qtbot, window.runner)
    assert "555" not in screen.facts.text() and "Tom" not in screen.facts.text()
    screen.open_edit()
    wait_idle(qtbot, window.runner)
    dialog = screen.household_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.may_edit and not dialog.ok_button.isVisible()
    for personal in ("name", "phone", "postcode", "language", "proxy", "notes", "consent", "declared"):
        assert not hasattr(dialog, personal), personal
    assert dialog.code.text() == code and dialog.code.isReadOnly()
    assert dialog.first_name.text() == "Ann" and dialog.first_name.isReadOnly()
    assert dialog.band_boxes["children"].value() == 2 and dialog.band_boxes["children"].isReadOnly()
    assert dialog.flag_boxes["halal"].isChecked()
    shown = " ".join(label.text() for label in dialog.findChildren(type(dialog.total)))
    assert "Lee" not in shown and "555" not in shown and "Tom" not in shown
    shot(dialog, "household-volunteer")
    dialog.reject()


def test_scanning_a_card_jumps_to_its_household(qtbot: QtBot, window: MainWindow, database: Database) -> None:
    with database.session() as session:
        user_id = users.acting_user(session).id
        codes = [households.register(session, name, 2, user_id).code for name in ("Ann", "Bob", "Cy")]
    screen = open_households(qtbot, window)
    screen.focus_search()
    type_scan(qtbot, screen.search, codes[1].lower())
    qtbot.keyClick(screen.search, Qt.Key.Key_Return)
    wait_idle(qtbot, window.runner)
    assert screen.current_code == codes[1]
    assert codes[1] in screen.title.text() and "Bob" in screen.title.text()
    assert screen.warnings.text()  # eligibility never declared
