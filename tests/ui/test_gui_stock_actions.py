"""Stock actions on chosen lots: move, adjust with a reason, history, release from a recall hold, undo, dashboard."""

from __future__ import annotations

import pytest
from gui_helpers import Catalog, lot_codes, on_hand, wait_idle
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pantry.db import Database
from pantry.services import counts, stockcare, users
from ui import ask
from ui.dialogs.lot import LotDialog
from ui.dialogs.stock_change import AdjustDialog, MoveDialog
from ui.main_window import MainWindow
from ui.models.stock import QUARANTINE_TEXT
from ui.models.table import QUARANTINED_BACKGROUND
from ui.screens.stock import StockScreen

BEANS, RICE = "Black beans, canned 15 oz", "Rice, long grain 2 lb"


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every confirmation is answered yes; the questions asked are kept."""
    asked: list[str] = []

    def yes(_parent: object, _title: str, text: str, _yes: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(ask, "confirm", yes)
    return asked


def lots_screen(qtbot: QtBot, window: MainWindow) -> StockScreen:
    window.show_screen("Stock")
    wait_idle(qtbot, window.runner)
    stock = window.stock
    stock.by_lot.setChecked(True)
    stock.lot_view.setFocus()
    return stock


def press(qtbot: QtBot, window: MainWindow, widget: object, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier):  # type: ignore[no-untyped-def]
    qtbot.keyClick(widget, key, modifier)
    wait_idle(qtbot, window.runner)


def test_move_part_of_a_lot_through_the_dialog(
    qtbot: QtBot, window: MainWindow, database: Database, stocked: Catalog
) -> None:
    stock = lots_screen(qtbot, window)
    rice = lot_codes(database, RICE)[0]
    assert stock.select_lot(rice)
    press(qtbot, window, stock.lot_view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    dialog = window.actions.dialog
    assert isinstance(dialog, MoveDialog)
    assert "all: 4" in dialog.amount.placeholderText()
    assert dialog.to.currentText() == "Main"  # the first place it is not
    qtbot.keyClicks(dialog.amount, "3")
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    wait_idle(qtbot, window.runner)
    assert on_hand(database)[(RICE, "Main")] == 3
    assert on_hand(database)[(RICE, "Walk-in cooler")] == 1
    message = stock.feedback.text()
    assert f"Moved 3 each of {RICE} (lot {rice}) from Walk-in cooler to Main." in message
    assert message in window.statusBar().currentMessage()
    assert {row.location for row in stock.lot_model.rows() if row.lot == rice} == {"Main", "Walk-in cooler"}
    qtbot.waitUntil(stock.lot_view.hasFocus)  # back in the table, ready for the next lot


def test_adjust_with_a_reason_and_other_needs_a_note(
    qtbot: QtBot, window: MainWindow, database: Database, stocked: Catalog
) -> None:
    stock = lots_screen(qtbot, window)
    beans = lot_codes(database, BEANS)[0]
    assert stock.select_lot(beans)
    press(qtbot, window, stock.lot_view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    dialog = window.actions.dialog
    assert isinstance(dialog, AdjustDialog)
    assert dialog.amount.hasFocus()
    qtbot.keyClicks(dialog.amount, "2")
    dialog.choose_reason("other")
    assert "required" in dialog.note.placeholderText()
    dialog.submit()
    wait_idle(qtbot, window.runner)
    assert dialog.isVisible()  # refused by the core, shown where the person is looking
    assert dialog.feedback.is_error()
    assert "note: reason 'other' needs a note saying what happened" in dialog.feedback.text()
    assert on_hand(database)[(BEANS, "Main")] == 30

    dialog.choose_reason("damaged")
    qtbot.keyClicks(dialog.note, "dented cans")
    with qtbot.waitSignal(dialog.finished):
        dialog.submit()
    wait_idle(qtbot, window.runner)
    assert on_hand(database)[(BEANS, "Main")] == 28
    assert f"Removed 2 each of {BEANS} (lot {beans}) at Main (damaged)." in stock.feedback.text()

    stock.select_lot(beans)
    press(qtbot, window, stock.lot_view, Qt.Key.Key_Return)  # Enter opens the lot: its history says who and why
    lot = window.actions.lot_dialog
    assert isinstance(lot, LotDialog)
    rows = lot.model.rows()
    assert [row.what for row in rows] == ["intake", "adjustment"]
    assert (rows[1].quantity, rows[1].reason, rows[1].note, rows[1].user) == ("-2", "damaged", "dented cans", "admin")
    assert "28 each at Main" in lot.on_hand.text()


def test_adding_with_a_loss_reason_is_refused(
    qtbot: QtBot, window: MainWindow, database: Database, stocked: Catalog
) -> None:
    stock = lots_screen(qtbot, window)
    assert stock.select_lot(lot_codes(database, BEANS)[0])
    stock.adjust_selected()
    wait_idle(qtbot, window.runner)
    dialog = window.actions.dialog
    assert isinstance(dialog, AdjustDialog)
    dialog.direction.setCurrentIndex(dialog.direction.findData("add"))
    qtbot.keyClicks(dialog.amount, "5")
    dialog.choose_reason("spoiled")
    dialog.submit()
    wait_idle(qtbot, window.runner)
    assert "is a loss and can only take stock away" in dialog.feedback.text()
    dialog.choose_reason("returned")
    with qtbot.waitSignal(dialog.finished):
        dialog.submit()
    wait_idle(qtbot, window.runner)
    assert on_hand(database)[(BEANS, "Main")] == 35


def test_the_lot_dialog_moves_its_lot_and_shows_the_new_history(
    qtbot: QtBot, window: MainWindow, database: Database, stocked: Catalog
) -> None:
    beans = lot_codes(database, BEANS)[0]
    window.actions.open_lot(beans)
    wait_idle(qtbot, window.runner)
    lot = window.actions.lot_dialog
    assert isinstance(lot, LotDialog)
    press(qtbot, window, lot, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    dialog = window.actions.dialog
    assert isinstance(dialog, MoveDialog)
    dialog.to.setCurrentIndex(dialog.to.findData("Walk-in cooler"))
    with qtbot.waitSignal(dialog.finished):
        dialog.submit()  # empty amount: all of it
    wait_idle(qtbot, window.runner)
    assert on_hand(database)[(BEANS, "Walk-in cooler")] == 30
    assert (BEANS, "Main") not in on_hand(database)
    assert [row.what for row in lot.model.rows()] == ["intake", "transfer", "transfer"]
    assert "30 each at Walk-in cooler" in lot.on_hand.text()


def test_quarantined_lots_are_marked_and_can_be_released(
    qtbot: QtBot, window: MainWindow, database: Database, stocked: Catalog, answers: list[str]
) -> None:
    with database.session() as session:
        stockcare.recall(session, stocked.rice.sku, users.acting_user(session).id, quarantine=True)
    stock = lots_screen(qtbot, window)
    rice = lot_codes(database, RICE)[0]
    assert stock.select_lot(rice)
    row = [row.lot for row in stock.lot_model.visible_rows()].index(rice)
    status = stock.lot_model.index(row, stock.lot_model.columnCount() - 1)
    assert status.data() == QUARANTINE_TEXT
    assert status.data(Qt.ItemDataRole.BackgroundRole).color() == QUARANTINED_BACKGROUND
    assert stock.action_buttons["release"].isEnabled()

    press(qtbot, window, stock.lot_view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert answers and "Release this lot from the recall hold?" in answers[0] and rice in answers[0]
    assert f"Released 4 each of {RICE} (lot {rice}) from quarantine" in stock.feedback.text()
    with database.session() as session:
        assert stockcare.quarantined_lot_ids(session) == set()
    row = [row.lot for row in stock.lot_model.visible_rows()].index(rice)
    assert stock.lot_model.index(row, stock.lot_model.columnCount() - 1).data() != QUARANTINE_TEXT


def test_undo_my_last_stock_change(
    qtbot: QtBot, window: MainWindow, database: Database, stocked: Catalog, answers: list[str]
) -> None:
    stock = lots_screen(qtbot, window)
    beans = lot_codes(database, BEANS)[0]
    stock.select_lot(beans)
    stock.move_selected()
    wait_idle(qtbot, window.runner)
    dialog = window.actions.dialog
    assert isinstance(dialog, MoveDialog)
    with qtbot.waitSignal(dialog.finished):
        dialog.submit()
    wait_idle(qtbot, window.runner)
    assert on_hand(database)[(BEANS, "Walk-in cooler")] == 30

    stock.lot_view.setFocus()
    press(
        qtbot,
        window,
        stock.lot_view,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert answers and answers[0].startswith("Undo your transfer (Main → Walk-in cooler)")
    assert on_hand(database)[(BEANS, "Main")] == 30
    assert f"Undid your transfer (lots {beans})." in window.statusBar().currentMessage()

    press(
        qtbot,
        window,
        stock.lot_view,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert "Undo your intake" in answers[-1]  # the donation is the next one back: the core decides what undoes


def test_undo_from_the_intake_screen_with_an_empty_scan_field(
    qtbot: QtBot, window: MainWindow, answers: list[str]
) -> None:
    qtbot.keyClick(
        window.intake.scan, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    wait_idle(qtbot, window.runner)
    assert not answers  # nothing to undo: no question
    assert "There is no stock change of yours to undo." in window.statusBar().currentMessage()
    assert window.intake.scan.hasFocus()


def test_the_dashboard_counts_what_needs_doing(
    qtbot: QtBot, window: MainWindow, database: Database, stocked: Catalog
) -> None:
    stock = lots_screen(qtbot, window)
    board = stock.dashboard
    assert board.expiring.text().startswith("1 lot expiring this week")  # rice: 5 days
    assert "none past the date" in board.expiring.text()
    assert board.below_par.text().startswith("1 item below par")  # beans: 30 of 100
    assert board.counts.text().startswith("0 open counts")

    with database.session() as session:
        counts.start(session, users.acting_user(session).id, location="Walk-in cooler")
    stock.refresh()
    wait_idle(qtbot, window.runner)
    assert board.counts.text() == "1 open count   (Ctrl+3)\ncount 1 of Walk-in cooler"

    press(qtbot, window, stock.lot_view, Qt.Key.Key_F8)
    assert not stock.by_lot_view() and stock.below_par_only.isChecked()
    assert [row.item for row in stock.current_model().visible_rows()] == [BEANS]
    press(qtbot, window, stock.item_view, Qt.Key.Key_F7)
    assert stock.by_lot_view() and stock.expiring_only.isChecked()
    assert [row.item for row in stock.current_model().visible_rows()] == [RICE]
    qtbot.mouseClick(board.counts, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.count
