"""'What is this?': a scanned code the catalog does not know yet. Pick the item it is, or create a new item; either
way the code is remembered, so the next scan of it just adds a line."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pantry.errors import UserError
from pantry.measures import UNITS, cents_from, is_weighed
from pantry.services import catalog
from pantry.services.catalog import DATE_KINDS, STORAGES, ItemInfo, ItemSpec
from ui import tasks
from ui.models.intake_lines import DATE_KIND_TITLES
from ui.models.items import ItemListModel
from ui.ops import Runner
from ui.text import N_, _
from ui.widgets import MessageLine, heading, name_standard_buttons, set_bold, with_clear_button

UNIT_LABELS = {
    "each": N_("each (counted)"),
    "lb": N_("lb (weighed)"),
    "kg": N_("kg (weighed)"),
}  # translated where shown
STORAGE_LABELS = {"dry": N_("Dry shelf"), "chilled": N_("Chilled (fridge)"), "frozen": N_("Frozen")}
SEARCH_DELAY_MS = 200
GRAMS = " g"  # a unit symbol: the same in every language


class UnknownCodeDialog(QDialog):
    """Emits `resolved(LineStart)` once the code belongs to an item, then closes."""

    resolved = Signal(object)

    def __init__(self, runner: Runner, code: str, received_on: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.code = code
        self.received_on = received_on
        self._search_number = 0
        self.setWindowTitle(_("What is this?"))
        self.setMinimumWidth(620)

        intro = QLabel(
            _(
                "The code <b>{code}</b> is not in the catalog yet. Find the item it is, or create a new item. "
                "The code is remembered, so next time a scan is enough."
            ).format(code=code)
        )
        intro.setWordWrap(True)

        self.per_scan = QSpinBox()
        self.per_scan.setRange(1, 10_000)
        self.per_scan.setValue(1)
        self.per_scan.setToolTip(_("A case or multipack code adds several at once: 12, 24 …"))
        self.per_scan.setAccessibleName(_("Each scan adds"))
        per_scan_row = QHBoxLayout()
        per_scan_label = QLabel(_("&Each scan of this code adds"))
        per_scan_label.setBuddy(self.per_scan)
        per_scan_row.addWidget(per_scan_label)
        per_scan_row.addWidget(self.per_scan)
        per_scan_row.addWidget(QLabel(_("(more than 1 for a case or multipack)")))
        per_scan_row.addStretch(1)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._existing_tab(), _("An item we already have"))
        self.tabs.addTab(self._new_tab(), _("A new item"))
        self.tabs.setTabToolTip(0, _("Find the item this code belongs to (Ctrl+Tab to switch)"))
        self.tabs.setTabToolTip(1, _("Create a new item for this code (Ctrl+Tab to switch)"))
        self.tabs.setAccessibleName(_("Existing or new item"))
        self.tabs.currentChanged.connect(lambda tab: (self.name if tab == 1 else self.search).setFocus())

        self.feedback = MessageLine()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setToolTip(_("Skip this code: nothing is added (Esc)"))
        name_standard_buttons(buttons)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("What is this?")))
        layout.addWidget(intro)
        layout.addLayout(per_scan_row)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.feedback)
        layout.addWidget(buttons)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.timeout.connect(self._search)
        self.search.textEdited.connect(lambda _text: self._search_timer.start(SEARCH_DELAY_MS))
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)  # Enter in a field must not press a button behind the person's back
            button.setDefault(False)
        self.runner.run(tasks.category_names, on_done=self._set_categories, owner=self)
        self.search.setFocus()

    # -- building -------------------------------------------------------------------------------------------------

    def _existing_tab(self) -> QWidget:
        page = QWidget()
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Type part of the item name, e.g. beans"))
        self.search.setToolTip(_("Type part of the item's name; Enter uses the highlighted item"))
        self.search.setAccessibleName(_("Find an item"))
        with_clear_button(self.search)
        self.search.returnPressed.connect(self._search_or_use)
        self.results_model = ItemListModel(self)
        self.results = QListView()
        self.results.setModel(self.results_model)
        self.results.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.results.doubleClicked.connect(lambda _index: self.use_selected())
        self.results.setAccessibleName(_("Items found"))
        self.results.setToolTip(_("Items whose name matches; double-click or Enter to use one"))
        self.use_button = QPushButton(_("Use this item (Enter)"))
        self.use_button.setToolTip(_("This code is the chosen item: remember it and add a line (Enter)"))
        self.use_button.setAccessibleName(_("Use this item"))
        set_bold(self.use_button)
        self.use_button.clicked.connect(self.use_selected)
        self.use_button.setEnabled(False)
        self.results_model.modelReset.connect(self._results_changed)
        layout = QVBoxLayout(page)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.use_button)
        layout.addLayout(row)
        enter = QShortcut(QKeySequence(Qt.Key.Key_Return), self.results)
        enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        enter.activated.connect(self.use_selected)
        return page

    def _new_tab(self) -> QWidget:
        page = QWidget()
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("e.g. Black beans, canned 15 oz"))
        self.name.setToolTip(_("The item's name as volunteers will look for it; Enter creates it"))
        self.name.setAccessibleName(_("Name"))
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.category.lineEdit().setPlaceholderText(_("Uncategorised"))
        self.category.setToolTip(_("Choose a category or type a new one"))
        self.category.setAccessibleName(_("Category"))
        self.unit = QComboBox()
        self.unit.setToolTip(_("Counted one by one, or weighed in lb or kg"))
        self.unit.setAccessibleName(_("Counted by"))
        for unit in UNITS:
            self.unit.addItem(_(UNIT_LABELS[unit]) if unit in UNIT_LABELS else unit, unit)
        self.unit.currentIndexChanged.connect(self._unit_changed)
        self.unit_weight = QSpinBox()
        self.unit_weight.setRange(0, 100_000)
        self.unit_weight.setSuffix(GRAMS)
        self.unit_weight.setSpecialValueText(_("unknown"))
        self.unit_weight.setToolTip(_("The weight of one, in grams, for the pounds and kilos of the reports"))
        self.unit_weight.setAccessibleName(_("Weight of one"))
        self.value = QLineEdit()
        self.value.setPlaceholderText(_("e.g. 1.99 (optional)"))
        self.value.setToolTip(_("What one is worth, for the value of donations"))
        self.value.setAccessibleName(_("Value of one"))
        self.storage = QComboBox()
        self.storage.setToolTip(_("Where the item is kept: dry shelf, fridge or freezer"))
        self.storage.setAccessibleName(_("Storage"))
        for storage in STORAGES:
            self.storage.addItem(_(STORAGE_LABELS[storage]) if storage in STORAGE_LABELS else storage, storage)
        self.date_kind = QComboBox()
        self.date_kind.setToolTip(_("What the date printed on the pack means"))
        self.date_kind.setAccessibleName(_("Date on the pack"))
        for kind in ("best_by", "use_by", "none"):
            if kind in DATE_KINDS:
                self.date_kind.addItem(_(DATE_KIND_TITLES[kind]), kind)
        self.shelf_life = QSpinBox()
        self.shelf_life.setRange(0, 3650)
        self.shelf_life.setSuffix(_(" days"))
        self.shelf_life.setSpecialValueText(_("not known"))
        self.shelf_life.setToolTip(_("How long the item usually keeps: its expiry is filled in from this"))
        self.shelf_life.setAccessibleName(_("Typical shelf life"))
        self.create_button = QPushButton(_("Create item and add it"))
        self.create_button.setToolTip(_("Create the new item with this code and add a line (Enter in the name)"))
        self.create_button.setAccessibleName(_("Create item and add it"))
        set_bold(self.create_button)
        self.create_button.clicked.connect(self.create_item)
        self.name.returnPressed.connect(self.create_item)

        form = QFormLayout()
        form.addRow(_("&Name"), self.name)
        form.addRow(_("C&ategory"), self.category)
        form.addRow(_("&Counted by"), self.unit)
        form.addRow(_("&Weight of one"), self.unit_weight)
        self.value_label = QLabel(_("&Value of one ($)"))
        self.value_label.setBuddy(self.value)
        form.addRow(self.value_label, self.value)
        form.addRow(_("&Storage"), self.storage)
        form.addRow(_("&Date on the pack"), self.date_kind)
        form.addRow(_("Typical shelf &life"), self.shelf_life)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.create_button)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def _set_categories(self, names: list[str]) -> None:
        text = self.category.currentText()
        self.category.clear()
        self.category.addItems(names)
        self.category.setEditText(text)

    def _unit_changed(self) -> None:
        unit = self.unit.currentData()
        self.unit_weight.setEnabled(not is_weighed(unit))
        self.value_label.setText(
            _("&Value of one ($)") if not is_weighed(unit) else _("&Value per {unit} ($)").format(unit=unit)
        )

    # -- finding an existing item ---------------------------------------------------------------------------------

    def _search(self) -> None:
        self._search_timer.stop()
        self._search_number += 1
        number = self._search_number
        text = self.search.text()
        self.runner.run(catalog.find_items, text, on_done=lambda items: self._found(number, items), owner=self)

    def _found(self, number: int, items: list[ItemInfo]) -> None:
        if number != self._search_number:
            return  # an older search answered late
        self.results_model.set_items(items)
        if not items and self.search.text().strip():
            self.feedback.info(_("No item matches. Try fewer letters, or create a new item in the other tab."))
        else:
            self.feedback.clear()

    def _results_changed(self) -> None:
        has_rows = self.results_model.rowCount() > 0
        self.use_button.setEnabled(has_rows)
        if has_rows:
            self.results.setCurrentIndex(self.results_model.index(0, 0))

    def _search_or_use(self) -> None:
        if self._search_timer.isActive() or not self.results_model.rowCount():
            self._search()
        else:
            self.use_selected()

    def selected_item(self) -> ItemInfo | None:
        index: QModelIndex = self.results.currentIndex()
        return self.results_model.item_at(index.row()) if index.isValid() else None

    def use_selected(self) -> None:
        item = self.selected_item()
        if item is None:
            self.feedback.error(_("Search for the item first, then pick it in the list."))
            return
        self._busy(True)
        self.runner.run(
            tasks.remember_code,
            item.id,
            self.code,
            self.per_scan.value(),
            self.received_on,
            on_done=self._done,
            on_error=self._failed,
            owner=self,
        )

    # -- creating a new item --------------------------------------------------------------------------------------

    def item_spec(self) -> ItemSpec:
        """The new item as the form says; ValueError names a field that cannot be read."""
        unit = self.unit.currentData()
        value_text = self.value.text().strip()
        return ItemSpec(
            name=self.name.text(),
            category=self.category.currentText().strip() or None,
            unit=unit,
            unit_weight_g=(self.unit_weight.value() or None) if not is_weighed(unit) else None,
            unit_value_cents=cents_from(value_text, _("value")) if value_text else None,
            storage=self.storage.currentData(),
            date_kind=self.date_kind.currentData(),
            shelf_life_days=self.shelf_life.value() or None,
            codes=((self.code, self.per_scan.value()),),
        )

    def create_item(self) -> None:
        try:
            spec = self.item_spec()
        except ValueError as problem:
            self.feedback.error(str(problem))
            return
        if not spec.name.strip():
            self.feedback.error(_("Give the new item a name."))
            self.name.setFocus()
            return
        self._busy(True)
        self.runner.run(
            tasks.create_item, spec, self.received_on, on_done=self._done, on_error=self._failed, owner=self
        )

    # -- outcome --------------------------------------------------------------------------------------------------

    def _busy(self, busy: bool) -> None:
        self.use_button.setEnabled(not busy and self.results_model.rowCount() > 0)
        self.create_button.setEnabled(not busy)

    def _done(self, start: tasks.LineStart) -> None:
        self.resolved.emit(start)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self._busy(False)
        self.feedback.error(str(error) if isinstance(error, UserError) else _("That did not work."))
