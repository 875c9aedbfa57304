"""Lot labels: Ctrl+P after saving a donation, reprints from the Stock screen, on paper (a PDF printer) or as a file."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import zxingcpp
from gui_helpers import BEANS_CODE, RICE_CODE, Catalog, lot_codes, scan, wait_idle
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from pantry.db import Database
from ui.dialogs.labels import LabelsDialog
from ui.main_window import MainWindow
from ui.models.labels import PER_UNIT
from ui.screens.stock import StockScreen
from ui.settings import LABEL_LAYOUT, desk_settings


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def save_a_donation(qtbot: QtBot, window: MainWindow) -> tuple[str, ...]:
    for code in (BEANS_CODE, BEANS_CODE, BEANS_CODE, RICE_CODE):
        scan(qtbot, window, code)
    with qtbot.waitSignal(window.intake.donation_saved) as saved:
        qtbot.keyClick(window.intake.scan, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window.runner)
    return saved.args[0].lot_codes


def open_labels(qtbot: QtBot, window: MainWindow, widget: object) -> LabelsDialog:
    qtbot.keyClick(widget, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window.runner)
    dialog = window.actions.dialog
    assert isinstance(dialog, LabelsDialog)
    assert dialog.isVisible()
    return dialog


def test_ctrl_p_after_saving_prints_one_label_per_lot_to_a_pdf_file(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, pantry_catalog: Catalog
) -> None:
    codes = save_a_donation(qtbot, window)
    assert "Ctrl+P prints its 2 lot labels" in window.intake.feedback.text()
    dialog = open_labels(qtbot, window, window.intake.scan)
    assert dialog.label_layout().name == "thermal-2x1"  # nothing remembered yet: the default
    assert dialog.summary.text() == "2 labels on the thermal-2x1 roll."
    assert dialog.print_button.isDefault()

    target = tmp_path / "labels.pdf"
    with qtbot.waitSignal(dialog.done):
        dialog.save_pdf(target)
    wait_idle(qtbot, window.runner)
    text = pdf_text(target)
    assert all(code in text for code in codes)
    assert "Black beans" in text and "Rice" in text
    assert len(PdfReader(target).pages) == 2
    assert f"Saved 2 labels to {target}" in window.statusBar().currentMessage()
    qtbot.waitUntil(window.intake.scan.hasFocus)  # back to scanning the next donor


def test_one_label_per_unit_is_chosen_per_item_and_the_layout_is_remembered(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, pantry_catalog: Catalog
) -> None:
    save_a_donation(qtbot, window)
    dialog = open_labels(qtbot, window, window.intake.scan)
    model = dialog.model
    beans = [row.item for row in model.rows()].index("Black beans, canned 15 oz")
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(model.index(beans, 0))
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)  # Space ticks "one label per unit"
    assert model.index(beans, PER_UNIT).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.label_count() == 4  # 3 cans of beans + 1 rice
    dialog.layout_choice.setCurrentIndex(dialog.layout_choice.findData("avery-5160"))
    dialog.start.setValue(29)  # a sheet with 28 labels used: 2 on this one, 2 on the next
    assert dialog.summary.text() == "4 labels on 2 sheets."
    target = tmp_path / "sheet.pdf"
    with qtbot.waitSignal(dialog.done):
        dialog.save_pdf(target)
    wait_idle(qtbot, window.runner)
    assert len(PdfReader(target).pages) == 2
    assert pdf_text(target).count("Black beans") == 3

    assert desk_settings().value(LABEL_LAYOUT) == "avery-5160"
    again = open_labels(qtbot, window, window.intake.scan)  # the desk remembers both choices
    assert again.label_layout().name == "avery-5160"
    assert again.model.label_count() == 4
    again.reject()


def test_printing_renders_each_page_on_the_printer(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, pantry_catalog: Catalog
) -> None:
    codes = save_a_donation(qtbot, window)
    dialog = open_labels(qtbot, window, window.intake.scan)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    output = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(output))
    dialog.print_on(printer)
    qtbot.waitUntil(lambda: not window.printing.jobs, timeout=20_000)
    wait_idle(qtbot, window.runner)
    assert "Sent 2 labels to" in window.statusBar().currentMessage()
    pages = PdfReader(output).pages
    assert len(pages) == 2
    assert (float(pages[0].mediabox.width), float(pages[0].mediabox.height)) == (144.0, 72.0)  # a 2 x 1 in label
    document = pdfium.PdfDocument(output.read_bytes())
    image = document[0].render(scale=300 / 72).to_pil()
    found = [result.text for result in zxingcpp.read_barcodes(image)]
    document.close()
    assert found == [codes[0]]  # the bars survive rendering and printing


def test_reprint_labels_for_lots_chosen_on_the_stock_screen(
    qtbot: QtBot, window: MainWindow, database: Database, tmp_path: Path, stocked: Catalog
) -> None:
    window.show_screen("Stock")
    wait_idle(qtbot, window.runner)
    stock: StockScreen = window.stock
    stock.by_lot.setChecked(True)
    rice = lot_codes(database, "Rice, long grain 2 lb")[0]
    beans = lot_codes(database, "Black beans, canned 15 oz")[0]
    apples = lot_codes(database, "Apples (by weight)")[0]
    stock.lot_view.setFocus()
    assert stock.select_lot(beans)  # the rows are by item: apples, beans, rice
    qtbot.keyClick(stock.lot_view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)  # and the next one
    assert {place.lot for place in stock.selected_places()} == {beans, rice}
    dialog = open_labels(qtbot, window, stock.lot_view)
    assert dialog.model.label_count() == 2
    target = tmp_path / "reprint.pdf"
    with qtbot.waitSignal(dialog.done):
        dialog.save_pdf(target)
    wait_idle(qtbot, window.runner)
    text = pdf_text(target)
    assert rice in text and beans in text and apples not in text
    qtbot.waitUntil(stock.lot_view.hasFocus)


def test_nothing_chosen_says_what_to_do(qtbot: QtBot, window: MainWindow, stocked: Catalog) -> None:
    window.show_screen("Stock")
    wait_idle(qtbot, window.runner)
    stock = window.stock
    stock.by_lot.setChecked(True)
    stock.lot_view.clearSelection()
    stock.lot_view.setCurrentIndex(stock.lot_model.index(-1, -1))
    stock.print_selected()
    assert window.actions.dialog is None
    assert stock.feedback.is_error() and "Choose the lot(s)" in stock.feedback.text()


def test_saved_pdf_bytes_are_the_labels(qtbot: QtBot, window: MainWindow, tmp_path: Path, stocked: Catalog) -> None:
    window.actions.print_donation_labels(1)
    wait_idle(qtbot, window.runner)
    dialog = window.actions.dialog
    assert isinstance(dialog, LabelsDialog)
    with qtbot.waitSignal(dialog.done):
        dialog.save_pdf(tmp_path / "d1.pdf")
    assert PdfReader(io.BytesIO((tmp_path / "d1.pdf").read_bytes())).pages
