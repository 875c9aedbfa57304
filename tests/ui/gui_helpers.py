"""Names and helpers the GUI tests share (fixtures are in conftest.py)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
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
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    wait_idle(qtbot, window.runner)
