"""Names and helpers the GUI tests share (fixtures are in conftest.py)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from pantry.services import catalog
from ui.main_window import MainWindow
from ui.ops import Runner

BEANS_CODE = "041000123450"
BEANS_CASE_CODE = "10041000123457"  # GTIN-14 of a case of 24
RICE_CODE = "96385074"  # EAN-8
UNKNOWN_CODE = "036000291452"
OTHER_UNKNOWN_CODE = "012345678905"
WRONG_CHECK_DIGIT = "036000291453"


@dataclass(frozen=True)
class Catalog:
    beans: catalog.ItemInfo
    rice: catalog.ItemInfo
    apples: catalog.ItemInfo
    cooler_id: int


def wait_idle(qtbot: QtBot, runner: Runner, timeout: int = 10_000) -> None:
    """Until every queued operation has run and its callbacks have been delivered on the GUI thread."""
    qtbot.waitUntil(runner.is_idle, timeout=timeout)


def scan(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Type like a USB scanner into the scan field and press Enter, then let the worker answer."""
    field = window.intake.scan
    type_scan(qtbot, field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    wait_idle(qtbot, window.runner)


def type_scan(qtbot: QtBot, field: QWidget, text: str) -> None:
    """Keys as a scanner sends them: ASCII 29 (the GS1 group separator) arrives as Ctrl+] with that text."""
    for number, part in enumerate(text.split("\x1d")):
        if number:
            QApplication.sendEvent(
                field,
                QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier, "\x1d"),
            )
        if part:
            qtbot.keyClicks(field, part)


GS = "\x1d"


def lot_codes(database: object, item_name: str) -> list[str]:
    """The lot codes of an item on hand, as the stock service lists them."""
    from pantry.services import stock

    with database.session() as session:  # type: ignore[attr-defined]
        return [row.lot for row in stock.stock_by_lot(session) if row.item == item_name]


def on_hand(database: object) -> dict[tuple[str, str], int]:
    """(item, location) -> quantity, read in a fresh session: what the worker committed."""
    from pantry.services import stock

    totals: dict[tuple[str, str], int] = {}
    with database.session() as session:  # type: ignore[attr-defined]
        for row in stock.stock_by_lot(session):
            totals[(row.item, row.location)] = totals.get((row.item, row.location), 0) + row.quantity
    return totals
