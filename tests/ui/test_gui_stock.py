"""The stock screen: by item or by lot, searched and filtered, over what the worker loaded."""

from __future__ import annotations

from gui_helpers import Catalog, wait_idle
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QHeaderView
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow
from ui.screens.stock import StockScreen


def shown_items(screen: StockScreen) -> list[str]:
    return [row.item for row in screen.current_model().visible_rows()]


def open_stock(qtbot: QtBot, window: MainWindow) -> StockScreen:
    window.show_screen("Stock")
    wait_idle(qtbot, window.runner)
    return window.stock


def test_stock_by_item_and_by_lot(qtbot: QtBot, window: MainWindow, stocked: Catalog) -> None:
    screen = open_stock(qtbot, window)
    assert shown_items(screen) == ["Apples (by weight)", "Black beans, canned 15 oz", "Rice, long grain 2 lb"]
    assert "3 items" in screen.summary.text()

    qtbot.mouseClick(screen.by_lot, Qt.MouseButton.LeftButton)
    assert screen.views.currentWidget() is screen.lot_view
    assert {row.location for row in screen.current_model().visible_rows()} == {"Main", "Walk-in cooler"}
    assert not screen.below_par_only.isEnabled()


def test_search_and_filters(qtbot: QtBot, window: MainWindow, stocked: Catalog) -> None:
    screen = open_stock(qtbot, window)
    qtbot.keyClicks(screen.search, "bea")
    qtbot.waitUntil(lambda: shown_items(screen) == ["Black beans, canned 15 oz"])
    screen.search.clear()
    qtbot.waitUntil(lambda: len(shown_items(screen)) == 3)

    screen.category.setCurrentIndex(screen.category.findText("Grains"))
    assert shown_items(screen) == ["Rice, long grain 2 lb"]
    screen.category.setCurrentIndex(0)
    screen.storage.setCurrentIndex(screen.storage.findText("chilled"))
    assert shown_items(screen) == ["Apples (by weight)"]
    screen.storage.setCurrentIndex(0)
    screen.location.setCurrentIndex(screen.location.findText("Walk-in cooler"))
    assert shown_items(screen) == ["Rice, long grain 2 lb"]  # items with stock there
    screen.location.setCurrentIndex(0)

    screen.expiring_only.setChecked(True)
    assert shown_items(screen) == ["Rice, long grain 2 lb"]
    screen.expiring_only.setChecked(False)
    screen.below_par_only.setChecked(True)
    assert shown_items(screen) == ["Black beans, canned 15 oz"]
    screen.below_par_only.setChecked(False)

    qtbot.keyClicks(screen.search, "zzz")
    qtbot.waitUntil(lambda: screen.empty.isVisible())
    assert "Nothing matches" in screen.empty.text()


def test_double_click_an_item_shows_its_lots(qtbot: QtBot, window: MainWindow, stocked: Catalog) -> None:
    screen = open_stock(qtbot, window)
    index = screen.item_model.index(shown_items(screen).index("Black beans, canned 15 oz"), 1)
    screen.item_view.doubleClicked.emit(index)
    assert screen.by_lot_view()
    assert shown_items(screen) == ["Black beans, canned 15 oz"]


def test_an_empty_pantry_says_how_stock_arrives(qtbot: QtBot, window: MainWindow) -> None:
    screen = open_stock(qtbot, window)
    assert screen.item_model.rowCount() == 0
    assert screen.empty.isVisible()
    assert "Intake" in screen.empty.text()


def test_a_header_click_sorts_and_the_search_keeps_that_order(
    qtbot: QtBot, window: MainWindow, stocked: Catalog
) -> None:
    screen = open_stock(qtbot, window)
    header = screen.item_view.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_section_centre(header, 1))
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_section_centre(header, 1))
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert shown_items(screen) == ["Rice, long grain 2 lb", "Black beans, canned 15 oz", "Apples (by weight)"]
    assert screen.item_view.model().index(0, 1).data() == "Rice, long grain 2 lb"  # what the table draws
    qtbot.keyClicks(screen.search, "a")  # apples, beans, rice (grain): all three still match
    screen.apply_filters()
    screen.search.setText("n")  # beans, long grain: not apples
    screen.apply_filters()
    assert shown_items(screen) == ["Rice, long grain 2 lb", "Black beans, canned 15 oz"]
    screen.search.clear()
    screen.apply_filters()
    assert shown_items(screen) == ["Rice, long grain 2 lb", "Black beans, canned 15 oz", "Apples (by weight)"]


def _section_centre(header: QHeaderView, section: int) -> QPoint:
    return QPoint(header.sectionViewportPosition(section) + header.sectionSize(section) // 2, header.height() // 2)
