"""Print lot labels: after a donation is saved (Ctrl+P at intake) or for lots chosen on the Stock screen.

The layout (label stock) is remembered per desk, and so is the choice of one label per unit for an item (a case of
24 cans gets 24 labels) instead of one per lot.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableView,
    QWidget,
)

from pantry.documents.label_layouts import LAYOUTS, Layout
from ui import tasks
from ui.dialogs.printout import PrintoutDialog
from ui.models.labels import ITEM, PER_UNIT, LabelItemsModel
from ui.ops import Runner
from ui.printing import Printing
from ui.settings import LABEL_LAYOUT, LABEL_PER_UNIT, desk_settings, read_list
from ui.text import _, ngettext
from ui.widgets import hint

DEFAULT_LAYOUT = "thermal-2x1"


def _labels(count: int) -> str:
    return ngettext("{count} label", "{count} labels", count).format(count=count)


def lot_layouts() -> list[Layout]:
    return [layout for layout in LAYOUTS.values() if layout.kind == "lot"]


class LabelsDialog(PrintoutDialog):
    def __init__(
        self, runner: Runner, printer_desk: Printing, batch: tasks.LabelBatch, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, printer_desk, _("Print labels: {what}").format(what=batch.title), parent)
        self.batch = batch
        settings = desk_settings()

        self.layout_choice = QComboBox()
        for layout in lot_layouts():
            self.layout_choice.addItem(f"{layout.name} — {_(layout.description)}", layout.name)
        remembered = str(settings.value(LABEL_LAYOUT, DEFAULT_LAYOUT) or DEFAULT_LAYOUT)
        self.layout_choice.setCurrentIndex(max(self.layout_choice.findData(remembered), 0))
        self.layout_choice.currentIndexChanged.connect(self._options_changed)
        self.layout_choice.setToolTip(_("The labels in the printer: a thermal roll or a sheet (Alt+L)"))
        self.layout_choice.setAccessibleName(_("Label stock"))
        self.start = QSpinBox()
        self.start.setRange(1, 1)
        self.start.setToolTip(
            _("For a sheet that is partly used: the first free label, counting left to right, top down (Alt+S)")
        )
        self.start.setAccessibleName(_("Start at label"))
        self.start.valueChanged.connect(self._options_changed)
        self.start_label = QLabel(_("&Start at label"))

        self.model = LabelItemsModel(self)
        self.model.set_lines(batch.lines, set(read_list(settings, LABEL_PER_UNIT)))
        self.model.dataChanged.connect(self._options_changed)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ITEM, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(160)
        self.table.setAccessibleName(_("Items to label"))
        self.table.setToolTip(_("The items of these lots; Space ticks “One label per unit” for the chosen item"))
        if self.model.rowCount():
            self.table.selectRow(0)
        space = QShortcut(QKeySequence(Qt.Key.Key_Space), self.table)
        space.setContext(Qt.ShortcutContext.WidgetShortcut)
        space.setWhatsThis(_("Switch the chosen row between one label per unit and one for the lot"))
        space.activated.connect(self._toggle_current)
        self.table.clicked.connect(lambda index: self.model.toggle(index.row()) if index.column() == PER_UNIT else None)

        row = QHBoxLayout()
        caption = QLabel(_("&Label stock"))
        caption.setBuddy(self.layout_choice)
        row.addWidget(caption)
        row.addWidget(self.layout_choice, 1)
        row.addSpacing(12)
        self.start_label.setBuddy(self.start)
        row.addWidget(self.start_label)
        row.addWidget(self.start)
        help_line = hint(
            _("One label per lot, or tick “One label per unit” (Space) to label every can or pack of an item.")
        )
        self.options.addLayout(row)
        self.options.addWidget(self.table, 1)
        self.options.addWidget(help_line)
        self._options_changed()
        self.print_button.setFocus()

    # -- options --------------------------------------------------------------------------------------------------

    def label_layout(self) -> Layout:
        return LAYOUTS[self.layout_choice.currentData()]

    def _toggle_current(self) -> None:
        self.model.toggle(self.table.currentIndex().row())

    def _options_changed(self, *_args: Any) -> None:
        layout = self.label_layout()
        sheet = layout.stock == "sheet"
        self.start.setEnabled(sheet)
        self.start_label.setEnabled(sheet)
        self.start.blockSignals(True)
        self.start.setRange(1, layout.per_page if sheet else 1)
        self.start.blockSignals(False)
        count = self.model.label_count()
        start = self.start.value() if sheet else 1
        pages = -(-(count + start - 1) // layout.per_page) if count else 0
        labels = _labels(count)
        if sheet:
            text = ngettext("{labels} on {count} sheet.", "{labels} on {count} sheets.", pages).format(
                labels=labels, count=pages
            )
        else:
            text = _("{labels} on the {layout} roll.").format(labels=labels, layout=layout.name)
        self.summary.setText(text)

    def options_key(self) -> Any:
        return (self.label_layout().name, self.start.value(), tuple(row.per_unit for row in self.model.rows()))

    def ready(self) -> bool:
        if not self.model.label_count():
            self.feedback.error(_("There is nothing to label: these lots have no labels."))
            return False
        return True

    def describe(self) -> tuple[str, str, str]:
        count = self.model.label_count()
        return _labels(count), _("Labels {what}").format(what=self.batch.title), self.batch.file_stem

    def make_pdf(self, on_done: Callable[[bytes], None], on_error: Callable[[Exception], None]) -> None:
        self._remember()
        start = self.start.value() if self.label_layout().stock == "sheet" else 1
        self.runner.run(
            tasks.render_labels,
            self.model.chosen_labels(),
            self.label_layout().name,
            start,
            on_done=on_done,
            on_error=on_error,
            owner=self,
            label=_("Making the labels…"),
        )

    def _remember(self) -> None:
        """The desk keeps the layout and, per item, one label per unit (or not) for next time."""
        settings = desk_settings()
        settings.setValue(LABEL_LAYOUT, self.label_layout().name)
        on, off = self.model.per_unit_skus()
        kept = (set(read_list(settings, LABEL_PER_UNIT)) | on) - off
        settings.setValue(LABEL_PER_UNIT, sorted(kept))
