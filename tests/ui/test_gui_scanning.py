"""Scans at intake read by the one parser: GS1 data fills lines, lot labels open the lot, our other codes are named."""

from __future__ import annotations

import datetime as dt

from gui_helpers import BEANS_CODE, GS, Catalog, lot_codes, scan, wait_idle
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pantry.codes import gtin_check_digit, make_code, normalize_product_code
from pantry.db import Database
from pantry.services import catalog, users
from ui.dialogs.lot import LotDialog
from ui.dialogs.unknown_code import UnknownCodeDialog
from ui.main_window import MainWindow
from ui.models.intake_lines import EXPIRES, SUPPLIER_LOT

CASE_OF_BEANS = f"]C10110041000123457{GS}10LOTA1{GS}17270131"  # (01) case GTIN (10) lot (17) use by


def gtin14(body13: str) -> str:
    return body13 + str(gtin_check_digit(body13))


def test_a_gs1_case_label_fills_item_quantity_expiry_and_supplier_lot(
    qtbot: QtBot, window: MainWindow, pantry_catalog: Catalog
) -> None:
    scan(qtbot, window, CASE_OF_BEANS)
    model = window.intake.model
    assert model.rowCount() == 1
    line = model.row_at(0)
    assert (line.item.name, line.quantity) == ("Black beans, canned 15 oz", 24)  # the case code: 24 a scan
    assert line.expires_on == dt.date(2027, 1, 31)
    assert line.date_kind == "use_by"
    assert line.supplier_lot == "LOTA1"
    assert model.index(0, EXPIRES).data() == "2027-01-31 (use by)"
    assert model.index(0, SUPPLIER_LOT).data() == "LOTA1"
    assert "use by 2027-01-31" in window.intake.feedback.text()
    assert "supplier lot LOTA1" in window.intake.feedback.text()
    assert model.intake_lines()[0].supplier_lot == "LOTA1"

    scan(qtbot, window, CASE_OF_BEANS)  # the same lot and date again: the same line
    assert [(row.quantity, row.supplier_lot) for row in model.rows()] == [(48, "LOTA1")]
    scan(qtbot, window, f"]C10110041000123457{GS}10LOTB7{GS}17270228")  # another lot: its own line
    assert [(row.quantity, row.supplier_lot) for row in model.rows()] == [(48, "LOTA1"), (24, "LOTB7")]
    scan(qtbot, window, BEANS_CODE)  # a plain can is not part of either case
    assert model.rowCount() == 3


def test_a_gs1_weight_fills_a_weighed_line(
    qtbot: QtBot, window: MainWindow, database: Database, pantry_catalog: Catalog
) -> None:
    gtin = gtin14("0001234500001")
    with database.session() as session:
        catalog.add_code(session, pantry_catalog.apples.id, gtin, 1, users.acting_user(session).id)
    scan(qtbot, window, f"]C101{gtin}3103004536{GS}10ORCH9{GS}15261120")  # 4.536 kg, best before
    line = window.intake.model.row_at(0)
    assert line.item.name == "Apples (by weight)"
    assert line.grams == 4536 and not line.needs_weight  # no weight to type: the barcode had it
    assert (line.expires_on, line.date_kind, line.supplier_lot) == (dt.date(2026, 11, 20), "best_by", "ORCH9")
    assert "4.536 kg" in window.intake.feedback.text()
    assert window.intake.scan.hasFocus()


def test_a_data_only_barcode_fills_the_last_line_and_ctrl_z_takes_it_back(
    qtbot: QtBot, window: MainWindow, pantry_catalog: Catalog
) -> None:
    intake = window.intake
    scan(qtbot, window, "]C11727063010LOT-77")  # nothing to fill yet
    assert intake.model.rowCount() == 0
    assert intake.feedback.is_error() and "Scan the product's barcode first" in intake.feedback.text()

    scan(qtbot, window, BEANS_CODE)
    shelf_life_date = intake.model.row_at(0).expires_on
    scan(qtbot, window, "]C11727063010LOT-77")  # (17) use by, (10) lot: the second barcode of a case label
    line = intake.model.row_at(0)
    assert (line.quantity, line.expires_on, line.supplier_lot) == (1, dt.date(2027, 6, 30), "LOT-77")
    assert "last line" in intake.feedback.text()

    qtbot.keyClick(intake.scan, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    line = intake.model.row_at(0)
    assert (line.quantity, line.expires_on, line.supplier_lot) == (1, shelf_life_date, None)


def test_an_unknown_gs1_product_asks_what_it_is_and_keeps_the_barcode_date(
    qtbot: QtBot, window: MainWindow, pantry_catalog: Catalog
) -> None:
    gtin = gtin14("0009876543210")
    scan(qtbot, window, f"]C101{gtin}17270415")
    dialog = window.intake.unknown_dialog
    assert isinstance(dialog, UnknownCodeDialog)
    assert dialog.code == normalize_product_code(gtin)  # what "What is this?" stores with catalog.add_code
    qtbot.keyClicks(dialog.search, "rice")
    qtbot.waitUntil(lambda: dialog.results_model.rowCount() == 1)
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    wait_idle(qtbot, window.runner)
    line = window.intake.model.row_at(0)
    assert line.item.name == "Rice, long grain 2 lb"
    assert (line.expires_on, line.date_kind) == (dt.date(2027, 4, 15), "use_by")


def test_a_check_digit_error_in_gs1_keeps_the_red_message(qtbot: QtBot, window: MainWindow) -> None:
    scan(qtbot, window, f"]C10110041000123458{GS}17270131")
    assert window.intake.model.rowCount() == 0
    assert window.intake.feedback.is_error() and "check digit" in window.intake.feedback.text()
    assert window.intake.unknown_dialog is None


def test_our_other_codes_say_what_they_are_at_intake(qtbot: QtBot, window: MainWindow, pantry_catalog: Catalog) -> None:
    scan(qtbot, window, make_code("location", pantry_catalog.cooler_id))
    text = window.intake.feedback.text()
    assert window.intake.feedback.is_error()
    assert "shelf label of Walk-in cooler" in text and "does not belong on a donation" in text
    scan(qtbot, window, make_code("household", 7))
    assert "household card" in window.intake.feedback.text()
    assert "does not belong on a donation" in window.intake.feedback.text()
    assert window.intake.model.rowCount() == 0


def test_a_lot_label_scanned_at_intake_opens_the_lot_with_its_history(
    qtbot: QtBot, window: MainWindow, database: Database, stocked: Catalog
) -> None:
    code = lot_codes(database, "Rice, long grain 2 lb")[0]
    scan(qtbot, window, code.lower())  # any case
    dialog = window.actions.lot_dialog
    assert isinstance(dialog, LotDialog)
    assert dialog.isVisible()
    assert dialog.code == code
    assert "Rice, long grain 2 lb" in dialog.title.text()
    assert "4 each at Walk-in cooler" in dialog.on_hand.text()
    assert [line.what for line in dialog.model.rows()] == ["intake"]
    assert dialog.model.index(0, 1).data() == "Received"
    assert dialog.model.index(0, 6).data() == "admin"
    assert window.intake.model.rowCount() == 0
    dialog.reject()
    qtbot.waitUntil(window.intake.scan.hasFocus)


def test_a_lot_label_scanned_on_the_stock_screen_opens_the_lot(
    qtbot: QtBot, window: MainWindow, database: Database, stocked: Catalog
) -> None:
    code = lot_codes(database, "Black beans, canned 15 oz")[0]
    window.show_screen("Stock")
    wait_idle(qtbot, window.runner)
    stock = window.stock
    stock.search.setFocus()
    qtbot.keyClicks(stock.search, code)
    qtbot.keyClick(stock.search, Qt.Key.Key_Return)
    wait_idle(qtbot, window.runner)
    dialog = window.actions.lot_dialog
    assert isinstance(dialog, LotDialog) and dialog.code == code
    assert stock.search.text() == ""
    dialog.reject()
    wait_idle(qtbot, window.runner)

    stock.by_lot.setChecked(True)  # a scan while the table has the keyboard
    stock.focus_table()
    other = lot_codes(database, "Rice, long grain 2 lb")[0]
    qtbot.keyClicks(stock.lot_view, other)
    qtbot.keyClick(stock.lot_view, Qt.Key.Key_Return)
    wait_idle(qtbot, window.runner)
    dialog = window.actions.lot_dialog
    assert isinstance(dialog, LotDialog) and dialog.code == other
