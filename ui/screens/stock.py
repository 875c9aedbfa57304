"""Stock: what is on hand, by item or by lot, with search, filters and the rows that need attention highlighted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pantry.services.catalog import STORAGES
from pantry.services.stock import EXPIRING_SOON_DAYS, ItemStock, LotStock, expiry_state
from ui import format as fmt
from ui import tasks
from ui.models.stock import ItemStockModel, LotStockModel, RowFilterProxy
from ui.models.table import (
    BELOW_PAR_FOREGROUND,
    EXPIRED_BACKGROUND,
    EXPIRING_BACKGROUND,
    ROW_ROLE,
    RowTableModel,
)
from ui.ops import Runner
from ui.widgets import heading, swatch

ALL = None  # the "All …" entry of a filter combo
SEARCH_DELAY_MS = 150


def _table(model: RowTableModel[Any], proxy: RowFilterProxy, stretch_column: int, fixed: dict[int, int]) -> QTableView:
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(False)  # the highlight colours must stay readable
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(int(view.fontMetrics().height() * 1.7))
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    for column, width in fixed.items():  # long texts that would crowd out the item name: elided, full in the tooltip
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, width)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    return view


class StockScreen(QWidget):
    """Refreshes when shown, on F5 / the Refresh button, and when told that stock changed (`refresh`)."""

    loaded = Signal()

    def __init__(self, runner: Runner, parent: QWidget | None = None, *, today: Callable[[], dt.date] = dt.date.today):
        super().__init__(parent)
        self.runner = runner
        self._today = today
        self._lot_items_by_location: dict[str, set[int]] = {}
        self._loading = False
        self._reload_wanted = False

        self.item_model = ItemStockModel(self)
        self.lot_model = LotStockModel(self)
        self.item_proxy = RowFilterProxy(self)
        self.lot_proxy = RowFilterProxy(self)
        self.item_view = _table(self.item_model, self.item_proxy, 1, {2: 150})
        self.lot_view = _table(self.lot_model, self.lot_proxy, 2, {3: 150})
        self.item_view.doubleClicked.connect(self._show_lots_of)
        self.item_view.setToolTip("Double-click an item to see its lots")
        self.views = QStackedWidget()
        self.views.addWidget(self.item_view)
        self.views.addWidget(self.lot_view)

        self.by_item = QPushButton("By item")
        self.by_lot = QPushButton("By lot")
        self.view_group = QButtonGroup(self)
        for number, button in enumerate((self.by_item, self.by_lot)):
            button.setCheckable(True)
            self.view_group.addButton(button, number)
        self.by_item.setChecked(True)
        self.view_group.idToggled.connect(self._view_toggled)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search name or SKU")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(200)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _text: self._search_timer.start(SEARCH_DELAY_MS))

        self.category = QComboBox()
        self.location = QComboBox()
        self.storage = QComboBox()
        self._fill_combo(self.category, "All categories", [])
        self._fill_combo(self.location, "All locations", [])
        self._fill_combo(self.storage, "All storage", [(s, s) for s in STORAGES])
        for combo in (self.category, self.location, self.storage):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self.apply_filters)
        self.expiring_only = QCheckBox(f"Expiring within {EXPIRING_SOON_DAYS} days")
        self.below_par_only = QCheckBox("Below par")
        self.below_par_only.setToolTip("Items with less on hand than their par (minimum) level")
        for box in (self.expiring_only, self.below_par_only):
            box.toggled.connect(self.apply_filters)
        self.refresh_button = QPushButton("Refresh (F5)")
        self.refresh_button.clicked.connect(self.refresh)
        refresh = QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self)
        refresh.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh.activated.connect(self.refresh)

        self.summary = QLabel()
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #555; font-size: 14pt; padding: 24px;")
        self.empty.setWordWrap(True)
        self.empty.hide()

        top = QHBoxLayout()
        top.addWidget(self.by_item)
        top.addWidget(self.by_lot)
        top.addSpacing(16)
        top.addWidget(self.search, 1)
        top.addWidget(self.refresh_button)
        filters = QHBoxLayout()
        filters.addWidget(self.category)
        filters.addWidget(self.location)
        filters.addWidget(self.storage)
        filters.addSpacing(12)
        filters.addWidget(self.expiring_only)
        filters.addWidget(self.below_par_only)
        filters.addStretch(1)
        legend = QHBoxLayout()
        legend.addWidget(QLabel("Colours:"))
        legend.addWidget(swatch(EXPIRED_BACKGROUND, "expired"))
        legend.addWidget(swatch(EXPIRING_BACKGROUND, f"expires within {EXPIRING_SOON_DAYS} days"))
        legend.addWidget(swatch(BELOW_PAR_FOREGROUND, "red text: below par", as_text=True))
        legend.addStretch(1)
        legend.addWidget(self.summary)

        layout = QVBoxLayout(self)
        layout.addWidget(heading("Stock on hand"))
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.views, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(legend)
        self._view_toggled(0, True)

    # -- loading --------------------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        """Ask the worker for a fresh snapshot (at most one on its way; a request meanwhile reloads once more)."""
        if self._loading:
            self._reload_wanted = True
            return
        self._loading = True
        self.summary.setText("Loading…")
        self.runner.run(tasks.stock_snapshot, on_done=self._loaded, on_error=self._load_failed, owner=self)

    def _loaded(self, snapshot: tasks.StockSnapshot) -> None:
        self._loading = False
        today = self._today()
        self.item_model.today = self.lot_model.today = today
        self.item_model.set_rows(snapshot.items)
        self.lot_model.set_rows(snapshot.lots)
        by_location: dict[str, set[int]] = {}
        for lot in snapshot.lots:
            by_location.setdefault(lot.location, set()).add(lot.item_id)
        self._lot_items_by_location = by_location
        categories = sorted({row.category for row in snapshot.items}, key=str.casefold)
        self._fill_combo(self.category, "All categories", [(name, name) for name in categories])
        self._fill_combo(self.location, "All locations", [(row.name, row.name) for row in snapshot.locations])
        self.apply_filters()
        self.loaded.emit()
        if self._reload_wanted:
            self._reload_wanted = False
            self.refresh()

    def _load_failed(self, error: Exception) -> None:
        self._loading = False
        self.summary.setText(f"Could not load the stock: {error}")

    @staticmethod
    def _fill_combo(combo: QComboBox, all_label: str, entries: list[tuple[str, Any]]) -> None:
        """Replace a filter's choices, keeping what was chosen when it is still there."""
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_label, ALL)
        for label, value in entries:
            combo.addItem(label, value)
        position = combo.findData(current) if current is not ALL else 0
        combo.setCurrentIndex(max(position, 0))
        combo.blockSignals(False)

    # -- filtering ------------------------------------------------------------------------------------------------

    def by_lot_view(self) -> bool:
        return self.view_group.checkedId() == 1

    def current_model(self) -> ItemStockModel | LotStockModel:
        return self.lot_model if self.by_lot_view() else self.item_model

    def current_proxy(self) -> RowFilterProxy:
        return self.lot_proxy if self.by_lot_view() else self.item_proxy

    def current_view(self) -> QTableView:
        return self.lot_view if self.by_lot_view() else self.item_view

    def _view_toggled(self, button_id: int, checked: bool) -> None:
        if not checked:
            return
        self.views.setCurrentIndex(button_id)
        self.below_par_only.setEnabled(button_id == 0)
        if button_id == 1:
            self.below_par_only.setToolTip("Par levels are per item: switch to “By item” to see items below par")
        self.apply_filters()

    def _predicate(self) -> Callable[[ItemStock | LotStock], bool]:
        text = self.search.text().strip().casefold()
        category, storage = self.category.currentData(), self.storage.currentData()
        location = self.location.currentData()
        expiring, below_par = self.expiring_only.isChecked(), self.below_par_only.isChecked()
        today = self._today()
        at_location = self._lot_items_by_location.get(location, set()) if location is not ALL else set()

        def accept(row: ItemStock | LotStock) -> bool:
            if (
                text
                and text not in row.item.casefold()
                and not row.sku.casefold().startswith(text)
                and not (isinstance(row, LotStock) and row.lot.casefold() == text)
            ):
                return False
            if category is not ALL and row.category != category:
                return False
            if storage is not ALL and row.storage != storage:
                return False
            if isinstance(row, LotStock):
                if location is not ALL and row.location != location:
                    return False
                return not expiring or expiry_state(row.expires, today) is not None
            if location is not ALL and row.item_id not in at_location:
                return False
            if expiring and expiry_state(row.earliest_expiry, today) is None:
                return False
            return not below_par or row.below_par

        return accept

    def apply_filters(self) -> None:
        self._search_timer.stop()
        predicate = self._predicate()
        for proxy in (self.item_proxy, self.lot_proxy):
            proxy.set_predicate(predicate)
        self._update_summary()

    def _update_summary(self) -> None:
        model, proxy = self.current_model(), self.current_proxy()
        shown, total = proxy.rowCount(), model.rowCount()
        noun = ("lot", "lots") if self.by_lot_view() else ("item", "items")
        if total == 0:
            self.summary.setText("")
            self.empty.setText("No stock on hand yet.\nRecord a donation on the Intake screen and it shows up here.")
        elif shown == 0:
            self.summary.setText(f"0 of {total} {noun[1]}")
            self.empty.setText("Nothing matches these filters.\nClear the search or choose “All” in the filters.")
        else:
            rows = proxy.visible_rows()
            grams = sum(row.grams for row in rows)
            value = sum(row.value_cents for row in rows)
            count = f"{shown} of {total} {noun[1]}" if shown != total else fmt.plural(total, *noun)
            self.summary.setText(f"{count}   ·   {fmt.weight(grams)}   ·   {fmt.money(value)}")
        self.views.setVisible(shown > 0)
        self.empty.setVisible(shown == 0)

    def _show_lots_of(self, index: QModelIndex) -> None:
        row: ItemStock = index.siblingAtColumn(0).data(ROW_ROLE)
        self.search.setText(row.sku)
        self.by_lot.setChecked(True)
        self.apply_filters()
