"""Garbage from a scanner and absurd values typed at the intake screen are refused with a message, and add nothing.

Covered elsewhere: a wrong check digit (test_gui_intake), a GS1 check-digit error and our own codes scanned at the
wrong screen (test_gui_scanning), an impossible date and a zero quantity (test_gui_intake). Here: what a scanner
sends when it misreads or is misconfigured (a 300-character burst, control characters), and numbers no donation has.
"""

from __future__ import annotations

from gui_helpers import BEANS_CODE, Catalog, scan, wait_idle
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pantry.db import Database
from pantry.services import stock
from ui.main_window import MainWindow
from ui.models.intake_lines import QUANTITY, WEIGHT


def _enter(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Text as a misbehaving scanner delivers it (control characters too), then Enter."""
    window.intake.scan.setText(text)
    qtbot.keyClick(window.intake.scan, Qt.Key.Key_Return)
    wait_idle(qtbot, window.runner)


def _refused(window: MainWindow) -> str:
    assert window.intake.model.rowCount() == 0
    assert window.intake.feedback.is_error()
    return window.intake.feedback.text()


def test_a_300_character_burst_is_refused(qtbot: QtBot, window: MainWindow, pantry_catalog: Catalog) -> None:
    scan(qtbot, window, "7" * 300)
    assert "at most 48 characters" in _refused(window)
    scan(qtbot, window, "A1" * 150)
    assert "at most 48 characters" in _refused(window)
    assert window.intake.scan.hasFocus()


def test_control_characters_from_a_scanner_are_refused(
    qtbot: QtBot, window: MainWindow, pantry_catalog: Catalog
) -> None:
    for garbage in ("0410001\x00\x0723450", "\x1b[A\x1b[B", "\x7f\x7f", BEANS_CODE + "\x1b"):
        _enter(qtbot, window, garbage)
        assert "is not a barcode" in _refused(window), garbage
    scan(qtbot, window, BEANS_CODE)  # and the next good scan works as ever
    assert window.intake.model.rowCount() == 1


def test_a_negative_weight_is_refused_and_the_line_keeps_its_weight(
    qtbot: QtBot, window: MainWindow, pantry_catalog: Catalog
) -> None:
    scan(qtbot, window, BEANS_CODE)
    model = window.intake.model
    grams = model.row_at(0).grams
    assert not model.setData(model.index(0, WEIGHT), "-5")
    assert model.row_at(0).grams == grams
    assert window.intake.feedback.is_error() and "'-5' must be a positive number" in window.intake.feedback.text()
    assert not model.setData(model.index(0, WEIGHT), "-5 kg")
    assert not model.setData(model.index(0, QUANTITY), "-5")
    assert not model.setData(model.index(0, QUANTITY), "1e12")
    assert model.row_at(0).quantity == 1


def test_nothing_refused_reaches_the_shelves(
    qtbot: QtBot, window: MainWindow, database: Database, pantry_catalog: Catalog
) -> None:
    scan(qtbot, window, "7" * 300)
    _enter(qtbot, window, "\x00\x00\x00")
    window.intake.save()
    wait_idle(qtbot, window.runner)
    with database.session() as session:
        assert stock.stock_by_item(session) == []


def test_a_quantity_of_a_trillion_is_not_saved(
    qtbot: QtBot, window: MainWindow, database: Database, pantry_catalog: Catalog
) -> None:
    scan(qtbot, window, BEANS_CODE)
    model = window.intake.model
    model.setData(model.index(0, QUANTITY), str(10**12))  # the line may hold it while being typed ...
    window.intake.save()  # ... but saving refuses it, says why, and keeps the line to correct
    wait_idle(qtbot, window.runner)
    text = window.intake.feedback.text()
    assert window.intake.feedback.is_error()
    assert "1000000000000 each of Black beans, canned 15 oz at once is more than any pantry handles" in text
    assert model.rowCount() == 1
    with database.session() as session:
        assert stock.stock_by_item(session) == []
