"""The intake screen driven like a volunteer with a USB scanner: keys into the scan field, Enter, shortcuts."""

from __future__ import annotations

import datetime as dt

from gui_helpers import (
    BEANS_CASE_CODE,
    BEANS_CODE,
    OTHER_UNKNOWN_CODE,
    RICE_CODE,
    UNKNOWN_CODE,
    WRONG_CHECK_DIGIT,
    Catalog,
    scan,
    wait_idle,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from pantry.db import Database
from pantry.services import catalog, stock
from ui.dialogs.unknown_code import UnknownCodeDialog
from ui.main_window import MainWindow
from ui.models.intake_lines import EXPIRES, LOCATION, QUANTITY, WEIGHT


def lines(window: MainWindow) -> list[tuple[str, int]]:
    return [(line.item.name, line.quantity) for line in window.intake.model.rows()]


def test_intake_opens_first_with_focus_in_the_scan_field(window: MainWindow) -> None:
    assert window.stack.currentWidget() is window.intake
    assert window.intake.scan.hasFocus()
    assert window.intake.donor.currentText() == "Anonymous"
    assert "Pantry Desk" in window.windowTitle() and "My Pantry" in window.windowTitle()


def test_scanning_a_known_code_adds_a_line_and_scanning_again_adds_to_it(
    qtbot: QtBot, window: MainWindow, pantry_catalog: Catalog
) -> None:
    scan(qtbot, window, BEANS_CODE)
    assert lines(window) == [("Black beans, canned 15 oz", 1)]
    line = window.intake.model.row_at(0)
    assert line.expires_on == dt.date.today() + dt.timedelta(days=700)  # prefilled from the shelf life
    assert window.intake.model.index(0, LOCATION).data() == "Main"  # the default intake location
    assert window.intake.model.index(0, WEIGHT).data() == "0.440 kg"

    scan(qtbot, window, BEANS_CODE)
    assert lines(window) == [("Black beans, canned 15 oz", 2)]

    scan(qtbot, window, BEANS_CASE_CODE)  # a case code: 24 at once
    assert lines(window) == [("Black beans, canned 15 oz", 2), ("Black beans, canned 15 oz", 24)]
    assert window.intake.scan.text() == ""
    assert window.intake.scan.hasFocus()
    assert "2 lines" in window.intake.totals.text()


def test_a_weighed_item_asks_for_its_weight(qtbot: QtBot, window: MainWindow, pantry_catalog: Catalog) -> None:
    qtbot.keyClicks(window.intake.scan, "apples")
    qtbot.keyClick(window.intake.scan, Qt.Key.Key_Return)
    wait_idle(qtbot, window.runner)
    assert window.intake.matches.isVisible()
    qtbot.keyClick(window.intake.scan, Qt.Key.Key_Return)  # Enter adds the highlighted match
    wait_idle(qtbot, window.runner)
    assert [line.item.name for line in window.intake.model.rows()] == ["Apples (by weight)"]
    assert window.intake.model.row_at(0).needs_weight
    assert window.intake.table.currentIndex().column() == WEIGHT
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "10")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn of the event loop
    qtbot.waitUntil(lambda: window.intake.model.row_at(0).grams == 4536)  # 10 lb
    assert window.intake.model.index(0, WEIGHT).data() == "10.000 lb"
    qtbot.waitUntil(window.intake.scan.hasFocus)


def test_an_unknown_code_asks_what_it_is_and_remembers_the_answer(
    qtbot: QtBot, window: MainWindow, database: Database, pantry_catalog: Catalog
) -> None:
    scan(qtbot, window, UNKNOWN_CODE)
    dialog = window.intake.unknown_dialog
    assert isinstance(dialog, UnknownCodeDialog)
    assert dialog.isVisible()
    assert window.intake.model.rowCount() == 0

    qtbot.keyClicks(dialog.search, "rice")
    qtbot.waitUntil(lambda: dialog.results_model.rowCount() == 1)
    dialog.per_scan.setValue(2)
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.search, Qt.Key.Key_Return)  # Enter uses the highlighted item
    wait_idle(qtbot, window.runner)
    assert window.intake.unknown_dialog is None
    assert lines(window) == [("Rice, long grain 2 lb", 2)]

    scan(qtbot, window, UNKNOWN_CODE)  # known now: straight onto the same line
    assert window.intake.unknown_dialog is None
    assert lines(window) == [("Rice, long grain 2 lb", 4)]
    with database.session() as session:
        hit = catalog.lookup_code(session, UNKNOWN_CODE)
    assert hit is not None and hit.item.id == pantry_catalog.rice.id and hit.quantity_per_scan == 2


def test_the_unknown_code_dialog_creates_a_new_item(
    qtbot: QtBot, window: MainWindow, database: Database, pantry_catalog: Catalog
) -> None:
    scan(qtbot, window, OTHER_UNKNOWN_CODE)
    dialog = window.intake.unknown_dialog
    assert dialog is not None
    dialog.tabs.setCurrentIndex(1)
    qtbot.keyClicks(dialog.name, "Peanut butter 16 oz")
    dialog.category.setEditText("Spreads")
    dialog.unit_weight.setValue(480)
    qtbot.keyClicks(dialog.value, "3.49")
    dialog.shelf_life.setValue(270)
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.runner)
    assert window.intake.unknown_dialog is None
    assert lines(window) == [("Peanut butter 16 oz", 1)]
    assert window.intake.model.row_at(0).expires_on == dt.date.today() + dt.timedelta(days=270)

    scan(qtbot, window, OTHER_UNKNOWN_CODE)
    assert lines(window) == [("Peanut butter 16 oz", 2)]
    with database.session() as session:
        hit = catalog.lookup_code(session, OTHER_UNKNOWN_CODE)
    assert hit is not None
    assert (hit.item.category, hit.item.unit_weight_g, hit.item.unit_value_cents) == ("Spreads", 480, 349)


def test_a_wrong_check_digit_is_refused_and_adds_nothing(qtbot: QtBot, window: MainWindow) -> None:
    scan(qtbot, window, WRONG_CHECK_DIGIT)
    intake = window.intake
    assert intake.model.rowCount() == 0
    assert intake.unknown_dialog is None
    assert intake.feedback.is_error()
    assert "check digit" in intake.feedback.text()
    assert intake.scan.text() == WRONG_CHECK_DIGIT and intake.scan.selectedText() == WRONG_CHECK_DIGIT
    assert intake.scan.hasFocus()

    scan(qtbot, window, BEANS_CODE)  # the selected text is typed over by the next scan
    assert lines(window) == [("Black beans, canned 15 oz", 1)]


def test_ctrl_return_saves_the_donation_and_stock_shows_it(
    qtbot: QtBot, window: MainWindow, database: Database, pantry_catalog: Catalog
) -> None:
    scan(qtbot, window, BEANS_CODE)
    scan(qtbot, window, BEANS_CODE)
    scan(qtbot, window, RICE_CODE)
    window.intake.model.setData(window.intake.model.index(1, LOCATION), pantry_catalog.cooler_id)
    with qtbot.waitSignal(window.intake.donation_saved) as saved:
        qtbot.keyClick(window.intake.scan, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window.runner)

    donation = saved.args[0]
    assert len(donation.lot_codes) == 2
    assert window.intake.model.rowCount() == 0
    assert window.intake.scan.hasFocus()
    assert f"Saved donation #{donation.donation_id}: 2 lines" in window.intake.feedback.text()
    with database.session() as session:  # a fresh session sees what the worker committed
        by_item = {row.item: row for row in stock.stock_by_item(session)}
        by_lot = {row.item: row.location for row in stock.stock_by_lot(session)}
    assert by_item["Black beans, canned 15 oz"].quantity == 2
    assert by_item["Rice, long grain 2 lb"].quantity == 1
    assert by_lot["Rice, long grain 2 lb"] == "Walk-in cooler"

    window.show_screen("Stock")
    wait_idle(qtbot, window.runner)
    shown = {row.item: row.quantity for row in window.stock.item_model.rows()}
    assert shown == {"Black beans, canned 15 oz": 2, "Rice, long grain 2 lb": 1}

    window.show_screen("Intake")  # the next donor: the location of rice is remembered
    qtbot.waitUntil(window.intake.scan.hasFocus)
    scan(qtbot, window, RICE_CODE)
    assert window.intake.model.index(0, LOCATION).data() == "Walk-in cooler"


def test_ctrl_z_takes_back_the_last_scan(qtbot: QtBot, window: MainWindow, pantry_catalog: Catalog) -> None:
    scan(qtbot, window, BEANS_CODE)
    scan(qtbot, window, RICE_CODE)
    scan(qtbot, window, BEANS_CODE)
    assert lines(window) == [("Black beans, canned 15 oz", 2), ("Rice, long grain 2 lb", 1)]

    qtbot.keyClick(window.intake.scan, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert lines(window) == [("Black beans, canned 15 oz", 1), ("Rice, long grain 2 lb", 1)]
    qtbot.keyClick(window.intake.scan, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert lines(window) == [("Black beans, canned 15 oz", 1)]  # the last scanned line is gone
    assert window.intake.scan.hasFocus()

    window.intake.table.selectRow(0)
    qtbot.mouseClick(window.intake.remove_button, Qt.MouseButton.LeftButton)
    assert lines(window) == []
    qtbot.keyClick(window.intake.scan, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert lines(window) == []


def test_expiry_shorthand_typed_in_the_cell(qtbot: QtBot, window: MainWindow, pantry_catalog: Catalog) -> None:
    scan(qtbot, window, BEANS_CODE)
    table, model = window.intake.table, window.intake.model
    index = model.index(0, EXPIRES)
    table.edit_cell(index)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "+7d")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.row_at(0).expires_on == dt.date.today() + dt.timedelta(days=7))
    assert index.data() == (dt.date.today() + dt.timedelta(days=7)).isoformat()

    assert not model.setData(index, "31/31/2026")  # refused, with a message; the date stays
    assert model.row_at(0).expires_on == dt.date.today() + dt.timedelta(days=7)
    assert window.intake.feedback.is_error() and "is not a date" in window.intake.feedback.text()

    assert model.setData(model.index(0, QUANTITY), 6)
    assert not model.setData(model.index(0, QUANTITY), 0)
    assert model.row_at(0).quantity == 6


def test_saving_refuses_a_weighed_line_without_weight_and_keeps_the_lines(
    qtbot: QtBot, window: MainWindow, pantry_catalog: Catalog
) -> None:
    qtbot.keyClicks(window.intake.scan, "apples")
    qtbot.keyClick(window.intake.scan, Qt.Key.Key_Return)
    wait_idle(qtbot, window.runner)
    qtbot.keyClick(window.intake.scan, Qt.Key.Key_Return)
    wait_idle(qtbot, window.runner)
    qtbot.keyClick(window.intake.table, Qt.Key.Key_Escape)  # leave the weight empty
    window.intake.save()
    wait_idle(qtbot, window.runner)
    assert window.intake.model.rowCount() == 1
    assert window.intake.feedback.is_error()
    assert "Not saved" in window.intake.feedback.text() and "weight" in window.intake.feedback.text()


def test_the_last_donor_is_remembered(qtbot: QtBot, window: MainWindow, database: Database) -> None:
    with database.session() as session:
        donor, _ = catalog.save_donor(session, catalog.DonorSpec("Riverside Grocery", "business"), None)
    window.intake.load_choices()
    wait_idle(qtbot, window.runner)
    window.intake.donor.setCurrentIndex(window.intake.donor.findData(donor.id))
    scan(qtbot, window, BEANS_CODE)
    window.intake.save()
    wait_idle(qtbot, window.runner)
    window.intake.load_choices()
    wait_idle(qtbot, window.runner)
    assert window.intake.donor.currentData() == donor.id
    assert window.intake.last_donor_id == donor.id
