"""The Count screen: start a count of a location, scan lots and type counts, see differences, post the counted ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import BEANS_CODE, Catalog, lot_codes, on_hand, type_scan, wait_idle
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pantry.db import Database
from pantry.services import counts, setup
from ui import ask
from ui.main_window import MainWindow
from ui.models.counts import AS_EXPECTED_BACKGROUND, DIFFERENCE, EXPECTED, SHORT_BACKGROUND
from ui.screens.count import CountScreen, CountSheetDialog

BEANS, RICE, APPLES = "Black beans, canned 15 oz", "Rice, long grain 2 lb", "Apples (by weight)"


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def yes(_parent: object, _title: str, text: str, _yes: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(ask, "confirm", yes)
    return asked


def count_screen(qtbot: QtBot, window: MainWindow) -> CountScreen:
    qtbot.keyClick(window.intake.scan, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window.runner)
    assert window.stack.currentWidget() is window.count
    return window.count


def count_lot(qtbot: QtBot, window: MainWindow, screen: CountScreen, code: str, amount: str) -> None:
    type_scan(qtbot, screen.scan, code)
    qtbot.keyClick(screen.scan, Qt.Key.Key_Return)
    wait_idle(qtbot, window.runner)
    assert screen.amount.hasFocus()
    qtbot.keyClicks(screen.amount, amount)
    qtbot.keyClick(screen.amount, Qt.Key.Key_Return)
    wait_idle(qtbot, window.runner)


def difference_colour(screen: CountScreen, code: str) -> object:
    number = screen.model.row_of_lot(code)
    assert number is not None
    brush = screen.model.index(number, DIFFERENCE).data(Qt.ItemDataRole.BackgroundRole)
    return None if brush is None else brush.color()


def test_count_a_location_and_post_only_what_was_counted(
    qtbot: QtBot, window: MainWindow, database: Database, stocked: Catalog, answers: list[str]
) -> None:
    screen = count_screen(qtbot, window)
    screen.choose_location("Main")
    wait_idle(qtbot, window.runner)
    assert screen.count is None and "No count is open for Main" in screen.state.text()
    qtbot.keyClick(screen, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window.runner)
    assert screen.count is not None
    assert {row.item for row in screen.model.rows()} == {BEANS, APPLES}
    assert screen.table.isColumnHidden(EXPECTED)  # a blind count unless the pantry says otherwise
    qtbot.waitUntil(screen.scan.hasFocus)

    beans = lot_codes(database, BEANS)[0]
    count_lot(qtbot, window, screen, beans.lower(), "28")
    assert difference_colour(screen, beans) == SHORT_BACKGROUND
    assert screen.model.index(screen.model.row_of_lot(beans), DIFFERENCE).data() == "-2"
    assert "1 of 2 lots counted" in screen.state.text()
    assert screen.scan.hasFocus()
    apples = lot_codes(database, APPLES)[0]
    assert difference_colour(screen, apples) is None  # not counted

    rice = lot_codes(database, RICE)[0]  # lies in the cooler: found here, it is added to the count
    count_lot(qtbot, window, screen, rice, "1")
    assert screen.model.row_of_lot(rice) is not None

    qtbot.keyClick(screen.scan, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window.runner)
    question = answers[-1]
    assert f"• {BEANS} (lot {beans}) at Main: 30 → 28 (-2)" in question
    assert f"• {RICE} (lot {rice}) at Main: 0 → 1 (+1)" in question
    assert "1 lot not counted keeps its quantity" in question
    totals = on_hand(database)
    assert totals[(BEANS, "Main")] == 28
    assert totals[(RICE, "Main")] == 1 and totals[(RICE, "Walk-in cooler")] == 4
    assert totals[(APPLES, "Main")] == 4536  # not counted: unchanged
    assert "Count 1 posted: 2 lot(s) counted, 2 corrected" in screen.feedback.text()
    assert screen.count is None
    with database.session() as session:
        assert counts.open_counts(session) == []

    window.show_screen("Stock")
    wait_idle(qtbot, window.runner)
    assert {(row.item, row.location): row.quantity for row in window.stock.lot_model.rows()}[(BEANS, "Main")] == 28


def test_a_matching_count_is_green_and_expected_can_be_shown(
    qtbot: QtBot, window: MainWindow, database: Database, stocked: Catalog
) -> None:
    with database.session() as session:
        setup.set_setting(session, "count_sheet_show_expected", "1")
    screen = count_screen(qtbot, window)
    screen.choose_location("Walk-in cooler")
    wait_idle(qtbot, window.runner)
    screen.start_count()
    wait_idle(qtbot, window.runner)
    assert not screen.table.isColumnHidden(EXPECTED)
    rice = lot_codes(database, RICE)[0]
    count_lot(qtbot, window, screen, rice, "4")
    assert difference_colour(screen, rice) == AS_EXPECTED_BACKGROUND
    assert "as expected" in screen.feedback.text()


def test_a_product_barcode_is_not_a_lot(qtbot: QtBot, window: MainWindow, stocked: Catalog) -> None:
    screen = count_screen(qtbot, window)
    screen.choose_location("Main")
    screen.start_count()
    wait_idle(qtbot, window.runner)
    type_scan(qtbot, screen.scan, BEANS_CODE)
    qtbot.keyClick(screen.scan, Qt.Key.Key_Return)
    assert screen.feedback.is_error()
    assert "product's barcode, not a lot" in screen.feedback.text()
    assert not screen.amount.isEnabled()


def test_the_count_sheet_is_saved_with_its_lot_barcodes(
    qtbot: QtBot, window: MainWindow, database: Database, stocked: Catalog, tmp_path: Path
) -> None:
    screen = count_screen(qtbot, window)
    screen.choose_location("Main")
    screen.start_count()
    wait_idle(qtbot, window.runner)
    qtbot.keyClick(screen.scan, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = screen.sheet_dialog
    assert isinstance(dialog, CountSheetDialog)
    target = tmp_path / "count.pdf"
    with qtbot.waitSignal(dialog.done):
        dialog.save_pdf(target)
    wait_idle(qtbot, window.runner)
    text = "\n".join(page.extract_text() for page in PdfReader(target).pages)
    assert all(code in text for code in lot_codes(database, BEANS) + lot_codes(database, APPLES))
    assert "Expected" not in text
    qtbot.waitUntil(screen.scan.hasFocus)


def test_cancel_a_count(
    qtbot: QtBot, window: MainWindow, database: Database, stocked: Catalog, answers: list[str]
) -> None:
    screen = count_screen(qtbot, window)
    screen.choose_location("Main")
    screen.start_count()
    wait_idle(qtbot, window.runner)
    count_lot(qtbot, window, screen, lot_codes(database, BEANS)[0], "3")
    screen.cancel_count()
    wait_idle(qtbot, window.runner)
    assert "no stock changes" in answers[-1]
    assert on_hand(database)[(BEANS, "Main")] == 30
    assert "cancelled: nothing changed" in screen.feedback.text()
    assert screen.where.currentText() == "Main"
