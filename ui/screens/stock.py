"""Stock: what is on hand, by item or by lot, with search, filters and the rows that need attention highlighted.

A strip at the top counts what needs doing (expiring this week, below par, open counts). In the lot view the chosen
lots can be opened (their history), moved, adjusted, relabelled or released from a recall hold; a lot label scanned
into the search field (or while the table has the keyboard) opens that lot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
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
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pantry.codes import parse_own_code
from pantry.i18n import builtin_label
from pantry.services.catalog import STORAGES
from pantry.services.stock import EXPIRING_SOON_DAYS, ItemStock, LotStock, expiry_state
from ui import format as fmt
from ui import stock_tasks, tasks
from ui.flow import FlowLayout, group
from ui.models.stock import STORAGE_WORDS, FilteredRowModel, ItemStockModel, LotStockModel
from ui.models.table import (
    BELOW_PAR_FOREGROUND,
    EXPIRED_BACKGROUND,
    EXPIRING_BACKGROUND,
    QUARANTINED_BACKGROUND,
    ROW_ROLE,
)
from ui.ops import Runner
from ui.stock_actions import StockActions
from ui.text import N_, _, ngettext
from ui.widgets import LotScanCatcher, MessageLine, heading, set_text_colour, swatch

ALL = None  # the "All …" entry of a filter combo
# What to say when an action's key is pressed with no lot chosen: in the lot view, and in the item view (which then
# shows the lots of the item in the current row).
CHOOSE_FIRST = {
    "open": (
        N_("Choose the lot(s) to open first: click a row, or use the arrow keys."),
        N_("Here are the lots of that item: choose the one to open, then press the key again."),
    ),
    "move": (
        N_("Choose the lot(s) to move first: click a row, or use the arrow keys."),
        N_("Here are the lots of that item: choose the ones to move, then press the key again."),
    ),
    "adjust": (
        N_("Choose the lot(s) to adjust first: click a row, or use the arrow keys."),
        N_("Here are the lots of that item: choose the ones to adjust, then press the key again."),
    ),
    "labels": (
        N_("Choose the lot(s) to print labels for first: click a row, or use the arrow keys."),
        N_("Here are the lots of that item: choose the ones to print labels for, then press the key again."),
    ),
    "release": (
        N_("Choose the lot(s) to release first: click a row, or use the arrow keys."),
        N_("Here are the lots of that item: choose the ones to release, then press the key again."),
    ),
}
# Keys closer together than this are one burst (a scanner types a lot label in a few ms): the table follows once,
# after the burst. A person's keystrokes are further apart, so each one filters at once (~25 ms for 20,000 lots).
SEARCH_DELAY_MS = 40


def _table(model: FilteredRowModel[Any], stretch_column: int, fixed: dict[int, int]) -> QTableView:
    """A table straight over its model: the model filters and sorts (no proxy between them, see FilteredRowModel)."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(False)  # the highlight colours must stay readable
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(int(view.fontMetrics().height() * 1.7))
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # Columns fit the rows in view, not the first 1,000 (Qt's default): with 20,000 lots that default alone asked
    # the model for 65,000 cells on every load and filter, two seconds of the GUI thread.
    header.setResizeContentsPrecision(0)
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    for column, width in fixed.items():  # long texts that would crowd out the item name: elided, full in the tooltip
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, width)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    return view


TILE_STYLE = (
    "QPushButton {{ background: {background}; color: {colour}; border: 1px solid #999; border-radius: 4px;"
    " padding: 6px 12px; text-align: left; font-weight: bold; }}"
)


class DashboardStrip(QWidget):
    """Three tiles: lots expiring this week (and past their date), items below par, open counts. Each is a button
    that shows those rows (or the Count screen)."""

    show_expiring = Signal()
    show_below_par = Signal()
    show_counts = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.expiring = QPushButton()
        self.below_par = QPushButton()
        self.counts = QPushButton()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for button, signal, name, tip in (
            (
                self.expiring,
                self.show_expiring,
                _("Lots expiring this week"),
                _("Show the lots that expire within the week or are past their date (F7)"),
            ),
            (
                self.below_par,
                self.show_below_par,
                _("Items below par"),
                _("Show the items with less on hand than their par level (F8)"),
            ),
            (self.counts, self.show_counts, _("Open counts"), _("Go to the Count screen (Ctrl+3)")),
        ):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setToolTip(tip)
            button.setAccessibleName(name)
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # never widens the window
            button.setMinimumWidth(220)
            button.clicked.connect(signal)
            layout.addWidget(button, 1)
        self.set_dashboard(None)

    def set_dashboard(self, board: tasks.Dashboard | None) -> None:
        if board is None:
            for button in (self.expiring, self.below_par, self.counts):
                button.setText("…")
                button.setStyleSheet(TILE_STYLE.format(background="#f2f2f2", colour="#333"))
            return
        expiring = ngettext(
            "{count} lot expiring this week   (F7)", "{count} lots expiring this week   (F7)", board.expiring
        ).format(count=fmt.number(board.expiring))
        if board.expired:
            past = ngettext("{count} lot past the date", "{count} lots past the date", board.expired)
            expiring += "\n" + past.format(count=fmt.number(board.expired))
        else:
            expiring += "\n" + _("none past the date")
        self.expiring.setText(expiring)
        warm = board.expiring or board.expired
        self.expiring.setStyleSheet(
            TILE_STYLE.format(background=EXPIRING_BACKGROUND.name() if warm else "#e8f5e9", colour="#3e2c00")
        )
        below = ngettext(
            "{count} item below par   (F8)\nless than the minimum wanted",
            "{count} items below par   (F8)\nless than the minimum wanted",
            board.below_par,
        )
        self.below_par.setText(below.format(count=fmt.number(board.below_par)))
        self.below_par.setStyleSheet(
            TILE_STYLE.format(background="#fde0e0" if board.below_par else "#e8f5e9", colour="#7a0015")
        )
        counts = board.open_counts[0] if board.open_counts else _("no count in progress")
        if len(board.open_counts) > 1:
            counts = _("{count} and {more} more").format(count=counts, more=len(board.open_counts) - 1)
        opened = ngettext("{count} open count   (Ctrl+3)", "{count} open counts   (Ctrl+3)", len(board.open_counts))
        self.counts.setText(opened.format(count=len(board.open_counts)) + "\n" + counts)
        self.counts.setToolTip("\n".join([_("Go to the Count screen (Ctrl+3)"), *board.open_counts]))
        self.counts.setStyleSheet(TILE_STYLE.format(background="#e3f2fd", colour="#0d3c61"))


class StockScreen(QWidget):
    """Refreshes when shown, on F5 / the Refresh button, and when told that stock changed (`refresh`)."""

    loaded = Signal()
    show_counts = Signal()

    def __init__(
        self,
        runner: Runner,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        actions: StockActions | None = None,
    ):
        super().__init__(parent)
        self.runner = runner
        self.actions = actions
        self._today = today
        self._keep_selection: set[tuple[str, str]] = set()
        self._lot_items_by_location: dict[str, set[int]] = {}
        self._search_keys: dict[str, tuple[str, str]] = {}  # sku -> (item name, sku) casefolded, for the search
        self._lot_keys: dict[str, str] = {}  # lot code casefolded -> lot code
        self._loading = False
        self._reload_wanted = False

        self.item_model = ItemStockModel(self)
        self.lot_model = LotStockModel(self)
        self.item_view = _table(self.item_model, 1, {2: 150})
        self.lot_view = _table(self.lot_model, 2, {3: 130})
        self.item_view.doubleClicked.connect(self._show_lots_of)
        self.item_view.setToolTip(_("Double-click an item (or press Enter) to see its lots"))
        self.item_view.setAccessibleName(_("Stock by item"))
        self.lot_view.doubleClicked.connect(lambda _index: self.open_lot())
        self.lot_view.setToolTip(_("Double-click a lot (or press Enter) to open it: its history and actions"))
        self.lot_view.setAccessibleName(_("Stock by lot"))
        self.lot_view.selectionModel().selectionChanged.connect(self._update_actions)
        for view, slot, what in (
            (self.item_view, self._show_lots_of_current, _("In “By item”: show the chosen item's lots")),
            (self.lot_view, self.open_lot, _("In “By lot”: open the chosen lot")),
        ):
            for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                enter = QShortcut(QKeySequence(key), view)
                enter.setContext(Qt.ShortcutContext.WidgetShortcut)
                enter.setWhatsThis(what)
                enter.activated.connect(slot)
        self.catcher = LotScanCatcher(self)
        self.catcher.lot_scanned.connect(self.open_lot_code)
        for view in (self.item_view, self.lot_view):
            self.catcher.watch(view)
        self.views = QStackedWidget()
        self.views.addWidget(self.item_view)
        self.views.addWidget(self.lot_view)

        self.by_item = QPushButton(_("By item"))
        self.by_item.setToolTip(_("One row per item: what is on hand of each, its earliest expiry and par level"))
        self.by_lot = QPushButton(_("By lot"))
        self.by_lot.setToolTip(_("One row per lot and location: choose lots here to move, adjust or relabel them"))
        self.view_group = QButtonGroup(self)
        for number, button in enumerate((self.by_item, self.by_lot)):
            button.setCheckable(True)
            button.setAccessibleName(button.text())
            self.view_group.addButton(button, number)
        self.by_item.setChecked(True)
        self.view_group.idToggled.connect(self._view_toggled)

        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search name or SKU"))
        self.search.setAccessibleName(_("Search stock"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(200)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _text: self._search_timer.start(SEARCH_DELAY_MS))
        self.search.returnPressed.connect(self._search_entered)
        self.search.setToolTip(_("Type a name or SKU, or scan a lot label to open that lot"))

        self.category = QComboBox()
        self.location = QComboBox()
        self.storage = QComboBox()
        self._fill_combo(self.category, _("All categories"), [])
        self._fill_combo(self.location, _("All locations"), [])
        self._fill_combo(self.storage, _("All storage"), [(_(STORAGE_WORDS.get(s, s)), s) for s in STORAGES])
        for combo, name, tip in (
            (self.category, _("Category"), _("Show only the items of one category")),
            (self.location, _("Location"), _("Show only what is at one location")),
            (self.storage, _("Storage"), _("Show only dry, chilled or frozen goods")),
        ):
            combo.setAccessibleName(name)
            combo.setToolTip(tip)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self.apply_filters)
        self.expiring_only = QCheckBox(_("Expiring within {days} days").format(days=EXPIRING_SOON_DAYS))
        self.expiring_only.setToolTip(_("Show only what expires soon or is past its date"))
        self.below_par_only = QCheckBox(_("Below par"))
        self.below_par_only.setToolTip(_("Items with less on hand than their par (minimum) level"))
        for box in (self.expiring_only, self.below_par_only):
            box.setAccessibleName(box.text())
            box.toggled.connect(self.apply_filters)
        self.refresh_button = QPushButton(_("Refresh (F5)"))
        self.refresh_button.setToolTip(_("Load the stock again (F5)"))
        self.refresh_button.setAccessibleName(_("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        refresh = QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self)
        refresh.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh.activated.connect(self.refresh)

        self.dashboard = DashboardStrip()
        self.dashboard.show_expiring.connect(self.show_expiring)
        self.dashboard.show_below_par.connect(self.show_below_par)
        self.dashboard.show_counts.connect(self.show_counts)
        for keys, slot, what in (
            ("F7", self.show_expiring, _("Show the lots expiring this week or past their date")),
            ("F8", self.show_below_par, _("Show the items below their par level")),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.setWhatsThis(what)  # the F1 panel's words for the key
            shortcut.activated.connect(slot)

        self.action_buttons: dict[str, QPushButton] = {}
        actions_row = FlowLayout()  # rows that wrap in a narrow window (200% scaling; the Spanish words are longer)
        actions_row.addWidget(QLabel(_("Chosen lots:")))
        for name, text, tip, keys, slot in (
            ("open", _("Open + history (Enter)"), _("Open the chosen lot: its history and actions (Enter)"), "",
             self.open_lot),
            ("move", _("Move… (Ctrl+M)"), _("Move the chosen lots to another location (Ctrl+M)"), "Ctrl+M",
             self.move_selected),
            ("adjust", _("Adjust… (Ctrl+D)"), _("Correct the quantity of the chosen lots, with a reason (Ctrl+D)"),
             "Ctrl+D", self.adjust_selected),
            ("labels", _("Labels… (Ctrl+P)"), _("Print labels for the chosen lots (Ctrl+P)"), "Ctrl+P",
             self.print_selected),
            ("release", _("Release hold (Ctrl+R)"), _("Release the chosen lots from a recall hold (Ctrl+R)"),
             "Ctrl+R", self.release_selected),
        ):  # fmt: skip
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setAccessibleName(text.split("(")[0].strip(" …"))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the table keeps the keyboard
            button.clicked.connect(slot)
            if keys:
                shortcut = QShortcut(QKeySequence(keys), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(slot)
            self.action_buttons[name] = button
            actions_row.addWidget(button)
        self.feedback = MessageLine()
        self.feedback.info(_("Choose lots in “By lot” (Shift/Ctrl+click or Shift+arrows for several), then an action."))

        self.summary = QLabel()
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_text_colour(self.empty, extra="font-size: 14pt; padding: 24px;")
        self.empty.setWordWrap(True)
        self.empty.hide()

        top = QHBoxLayout()
        top.addWidget(self.by_item)
        top.addWidget(self.by_lot)
        top.addSpacing(16)
        top.addWidget(self.search, 1)
        top.addSpacing(12)
        top.addWidget(self.summary)
        top.addSpacing(12)
        top.addWidget(self.refresh_button)
        filters = FlowLayout()
        filters.addWidget(self.category)
        filters.addWidget(self.location)
        filters.addWidget(self.storage)
        filters.addWidget(self.expiring_only)
        filters.addWidget(self.below_par_only)
        legend = FlowLayout()
        legend.addWidget(group(QLabel(_("Colours:")), swatch(EXPIRED_BACKGROUND, _("expired"))))
        legend.addWidget(swatch(EXPIRING_BACKGROUND, _("expires within {days} days").format(days=EXPIRING_SOON_DAYS)))
        legend.addWidget(swatch(BELOW_PAR_FOREGROUND, _("red text: below par"), as_text=True))
        legend.addWidget(swatch(QUARANTINED_BACKGROUND, _("on hold (recall)")))

        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Stock on hand")))
        layout.addWidget(self.dashboard)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.views, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(actions_row)
        layout.addWidget(self.feedback)
        layout.addLayout(legend)
        self._view_toggled(0, True)

    # -- loading --------------------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        """Ask the worker for the stock again: the items and the dashboard first (shown at once), then the lots.

        At most one load is on its way; a request meanwhile loads once more. While the screen is hidden nothing is
        loaded (a donation saved on the Intake screen must not queue half a second of stock work in front of the next
        scan): showing the screen loads it."""
        if not self.isVisible():
            return
        if self._loading:
            self._reload_wanted = True
            return
        self._loading = True
        self.summary.setText(_("Loading…"))
        self._keep_selection = {(place.lot, place.location) for place in self.selected_places()}
        self.runner.run(
            stock_tasks.item_view, self._today(), on_done=self._items_loaded, on_error=self._load_failed, owner=self
        )

    def _items_loaded(self, view: stock_tasks.ItemView) -> None:
        today = self._today()
        self.item_model.today = self.lot_model.today = today
        self.dashboard.set_dashboard(view.dashboard)
        self._lot_items_by_location = {location: set(ids) for location, ids in view.items_at.items()}
        categories = sorted({row.category for row in view.items}, key=str.casefold)
        self._fill_combo(self.category, _("All categories"), [(name, name) for name in categories])
        self._fill_combo(
            self.location,
            _("All locations"),
            [(builtin_label("location", None, row.name), row.name) for row in view.locations],
        )
        self._remember_search_keys(view.items)
        if not self.by_lot_view():
            self.item_model.filter_next_rows_with(self._predicate())
        self.item_model.set_rows(view.items)
        if not self.by_lot_view():
            self._update_summary()
        self.runner.run(stock_tasks.lot_view, on_done=self._lots_loaded, on_error=self._load_failed, owner=self)

    def _lots_loaded(self, view: stock_tasks.LotView) -> None:
        self._loading = False
        self.fill_lots(view)
        self.loaded.emit()
        if self._reload_wanted:
            self._reload_wanted = False
            self.refresh()

    def _remember_search_keys(self, rows: list[ItemStock] | list[LotStock]) -> None:
        keys = self._search_keys
        for row in rows:
            if row.sku not in keys:
                keys[row.sku] = (row.item.casefold(), row.sku.casefold())

    def fill_lots(self, view: stock_tasks.LotView) -> None:
        """The lot rows into their table (filtered and counted when it is the one shown)."""
        self._remember_search_keys(view.lots)
        self._lot_keys = {row.lot.casefold(): row.lot for row in view.lots}
        if self.by_lot_view():
            self.lot_model.filter_next_rows_with(self._predicate())
        self.lot_model.set_stock(view.lots, view.quarantined)
        if self.by_lot_view():
            self._update_summary()
            self._restore_selection()
        else:
            self._keep_selection = set()

    def _load_failed(self, error: Exception) -> None:
        self._loading = False
        self._reload_wanted = False
        self.summary.setText(_("Could not load the stock: {error}").format(error=error))

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

    def current_view(self) -> QTableView:
        return self.lot_view if self.by_lot_view() else self.item_view

    def _view_toggled(self, button_id: int, checked: bool) -> None:
        if not checked:
            return
        self.views.setCurrentIndex(button_id)
        self.below_par_only.setEnabled(button_id == 0)
        if button_id == 1:
            self.below_par_only.setToolTip(_("Par levels are per item: switch to “By item” to see items below par"))
        else:
            self.below_par_only.setToolTip(_("Items with less on hand than their par (minimum) level"))
        self.apply_filters()
        self._update_actions()

    def _predicate(self) -> Callable[[ItemStock | LotStock], bool]:
        text = self.search.text().strip().casefold()
        category, storage = self.category.currentData(), self.storage.currentData()
        location = self.location.currentData()
        expiring, below_par = self.expiring_only.isChecked(), self.below_par_only.isChecked()
        today = self._today()
        at_location = self._lot_items_by_location.get(location, set()) if location is not ALL else set()
        # The text is matched once per item (name contains it, or SKU starts with it), not once per lot row.
        hits = {sku for sku, (name, code) in self._search_keys.items() if text in name or code.startswith(text)}
        lot_code = self._lot_keys.get(text)  # a lot code typed or scanned in full

        def accept(row: ItemStock | LotStock) -> bool:
            if text and row.sku not in hits and not (lot_code is not None and getattr(row, "lot", None) == lot_code):
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
        """Filter the table shown; the other one shows everything until it is chosen (and filtered then)."""
        self._search_timer.stop()
        current = self.current_model()
        current.set_predicate(self._predicate())
        other: FilteredRowModel[Any] = self.item_model if current is self.lot_model else self.lot_model
        if other.predicate is not None:
            other.set_predicate(None)
        self._update_summary()
        self._update_actions()  # new rows: nothing is chosen any more

    def _update_summary(self) -> None:
        model = self.current_model()
        shown, total = model.rowCount(), model.total()
        by_lot = self.by_lot_view()
        if total == 0:
            self.summary.setText("")
            self.empty.setText(_("No stock on hand yet.\nRecord a donation on the Intake screen and it shows up here."))
        elif shown == 0:
            self.summary.setText(self._count_text(0, total, by_lot))
            self.empty.setText(_("Nothing matches these filters.\nClear the search or choose “All” in the filters."))
        else:
            rows = model.visible_rows()
            grams = sum(row.grams for row in rows)
            value = sum(row.value_cents for row in rows)
            count = self._count_text(shown, total, by_lot)
            self.summary.setText(f"{count}   ·   {fmt.weight(grams)}   ·   {fmt.money(value)}")
        self.views.setVisible(shown > 0)
        self.empty.setVisible(shown == 0)

    @staticmethod
    def _count_text(shown: int, total: int, by_lot: bool) -> str:
        """ "12 of 40 lots", or "40 lots" when every row is shown."""
        values = {"shown": fmt.number(shown), "total": fmt.number(total)}
        if shown != total and by_lot:
            return ngettext("{shown} of {total} lot", "{shown} of {total} lots", total).format(**values)
        if shown != total:
            return ngettext("{shown} of {total} item", "{shown} of {total} items", total).format(**values)
        if by_lot:
            return ngettext("{total} lot", "{total} lots", total).format(**values)
        return ngettext("{total} item", "{total} items", total).format(**values)

    def _show_lots_of(self, index: QModelIndex) -> None:
        row: ItemStock = index.siblingAtColumn(0).data(ROW_ROLE)
        self.search.setText(row.sku)
        self.by_lot.setChecked(True)
        self.apply_filters()
        self.focus_table()

    def _show_lots_of_current(self) -> None:
        index = self.item_view.currentIndex()
        if index.isValid():
            self._show_lots_of(index)

    def show_expiring(self) -> None:
        """The dashboard's first tile: the lots expiring within the week (and past their date)."""
        self.search.clear()
        self.below_par_only.setChecked(False)
        self.by_lot.setChecked(True)
        self.expiring_only.setChecked(True)
        self.apply_filters()
        self.focus_table()

    def show_below_par(self) -> None:
        self.search.clear()
        self.expiring_only.setChecked(False)
        self.by_item.setChecked(True)
        self.below_par_only.setChecked(True)
        self.apply_filters()
        self.focus_table()

    # -- chosen lots and their actions ----------------------------------------------------------------------------

    def focus_table(self) -> None:
        view = self.current_view()
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        if not view.currentIndex().isValid() and view.model().rowCount():
            view.setCurrentIndex(view.model().index(0, 0))

    def selected_places(self) -> list[tasks.LotPlace]:
        """The lot rows chosen in the lot view (the current row when none is selected)."""
        if not self.by_lot_view():
            return []
        rows = self.lot_view.selectionModel().selectedRows()
        if not rows and self.lot_view.currentIndex().isValid():
            rows = [self.lot_view.currentIndex()]
        chosen = sorted({index.row() for index in rows})
        places = []
        for number in chosen:
            lot: LotStock | None = self.lot_model.index(number, 0).data(ROW_ROLE)
            if lot is not None:
                places.append(
                    tasks.LotPlace(
                        lot.lot, lot.item, lot.unit, lot.location, lot.quantity, self.lot_model.is_quarantined(lot)
                    )
                )
        return places

    def select_lot(self, code: str, location: str | None = None) -> bool:
        """Choose a lot's row in the lot view (for tests and scans); False when it is not shown."""
        for number, lot in enumerate(self.lot_model.visible_rows()):
            if lot.lot == code and (location is None or lot.location == location):
                self.lot_view.selectRow(number)
                self.lot_view.setCurrentIndex(self.lot_model.index(number, 0))
                return True
        return False

    def _restore_selection(self) -> None:
        if not self._keep_selection or not self.by_lot_view():
            self._keep_selection = set()
            return
        selection = self.lot_view.selectionModel()
        first = None
        for number, lot in enumerate(self.lot_model.visible_rows()):
            if (lot.lot, lot.location) in self._keep_selection:
                index = self.lot_model.index(number, 0)
                selection.select(
                    index,
                    QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
                )
                first = first or index
        if first is not None:
            selection.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
        self._keep_selection = set()

    def _update_actions(self) -> None:
        lot_view = self.by_lot_view()
        places = self.selected_places() if lot_view else []
        for name, button in self.action_buttons.items():
            button.setEnabled(lot_view and bool(places) and (name != "release" or any(p.quarantined for p in places)))

    def _chosen(self, action: str) -> list[tasks.LotPlace]:
        """The lots chosen for `action` (a CHOOSE_FIRST key); none chosen: says how to choose them."""
        places = self.selected_places()
        if not places:
            in_lot_view, in_item_view = CHOOSE_FIRST[action]
            if self.by_lot_view():
                self.feedback.error(_(in_lot_view))
            else:
                self._show_lots_of_current()
                self.feedback.error(_(in_item_view))
        return places

    def _after_action(self) -> None:
        self.window().activateWindow()
        QTimer.singleShot(0, self, self.focus_table)

    def open_lot(self) -> None:
        places = self._chosen("open")
        if places and self.actions is not None:
            self.actions.open_lot(places[0].lot, after=self._after_action)

    def open_lot_code(self, code: str) -> None:
        if self.actions is not None:
            self.feedback.info(_("Opening lot {code}…").format(code=code))
            self.actions.open_lot(code, after=self._after_action)

    def move_selected(self) -> None:
        places = self._chosen("move")
        if places and self.actions is not None:
            self.actions.move(places, after=self._after_action)

    def adjust_selected(self) -> None:
        places = self._chosen("adjust")
        if places and self.actions is not None:
            self.actions.adjust(places, after=self._after_action)

    def print_selected(self) -> None:
        places = self._chosen("labels")
        if places and self.actions is not None:
            self.actions.print_labels(places, after=self._after_action)

    def release_selected(self) -> None:
        places = self._chosen("release")
        if places and self.actions is not None:
            self.actions.release(places, after=self._after_action)

    def show_result(self, text: str, *, problem: bool = False) -> None:
        (self.feedback.error if problem else self.feedback.ok)(text)

    def _search_entered(self) -> None:
        """Enter in the search field: a scanned lot label opens the lot; anything else filters at once."""
        own = parse_own_code(self.search.text()) if self.search.text().isascii() else None
        if own is not None and own.kind == "lot":
            code = own.text
            self.search.clear()
            self.apply_filters()
            self.open_lot_code(code)
            return
        self.apply_filters()
        self.focus_table()
