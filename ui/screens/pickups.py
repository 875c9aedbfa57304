"""Pickups: the shift lead's day. The day's orders by slot with their status; scan an order sheet to hand it over.

Scan the barcode on a pickup sheet and press Enter: the order is picked up and its stock leaves the shelves. Tick
"only part was given" first to correct the lines. Scan a household card for a walk-in: choose the box, and its order
is planned, packed and its sheet printed at once. Plan, pack and print the day's sheets and distribution list below.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pantry.measures import is_weighed
from pantry.services.packing import PackResult
from ui import format as fmt
from ui import tasks
from ui.dialogs.printout import PrintoutDialog
from ui.models.pickups import OrdersModel
from ui.ops import Runner
from ui.printing import Printing
from ui.widgets import MessageLine, ScanField, heading, set_bold


class PapersDialog(PrintoutDialog):
    """Pickup sheets or the distribution list: `make(on_done, on_error)` makes the PDF in the worker."""

    def __init__(
        self,
        runner: Runner,
        printer_desk: Printing,
        title: str,
        what: str,
        stem: str,
        make: Callable[[Callable[[bytes], None], Callable[[Exception], None]], None],
        summary: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, printer_desk, title, parent)
        self._what, self._stem, self._make = what, stem, make
        self.summary.setText(summary)
        self.options.addStretch(1)
        self.print_button.setFocus()

    def describe(self) -> tuple[str, str, str]:
        return self._what, self.windowTitle(), self._stem

    def make_pdf(self, on_done: Callable[[bytes], None], on_error: Callable[[Exception], None]) -> None:
        self._make(on_done, on_error)


class GivenDialog(QDialog):
    """Only part of an order was given: one box per item, filled with what was packed."""

    def __init__(self, order: str, lines: tuple[tasks.PackedLine, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"What was given of {order}?")
        self.order = order
        self.boxes: dict[int, QSpinBox] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"Order {order}: what did the household take?"))
        note = QLabel("Lower the number of anything not given; it stays in stock. (Weighed items in grams.)")
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        for line in lines:
            box = QSpinBox()
            box.setRange(0, line.packed)
            box.setValue(line.packed)
            box.setSuffix(" g" if is_weighed(line.unit) else f" of {line.packed}")
            form.addRow(line.item, box)
            self.boxes[line.item_id] = box
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Hand over what was given")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def given(self) -> dict[int, int]:
        return {item_id: box.value() for item_id, box in self.boxes.items()}


class WalkInDialog(QDialog):
    """A household at the door without an order: which box do they get?"""

    def __init__(self, household: str, template_names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Walk-in: {household}")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"Walk-in for household {household}"))
        text = QLabel("Choose the box. Its order is planned and packed for today, then its sheet prints.")
        text.setWordWrap(True)
        layout.addWidget(text)
        self.template = QComboBox()
        self.template.addItems(template_names)
        layout.addWidget(self.template)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Plan, pack and print the sheet")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class PickupsScreen(QWidget):
    """Emits `stock_changed(text)` after an order left the shelves, `status(text)` for the status bar."""

    stock_changed = Signal(str)
    status = Signal(str)

    def __init__(self, runner: Runner, printer_desk: Printing | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.printing = printer_desk
        self.template_names: list[str] = []
        self.papers_dialog: PapersDialog | None = None
        self.given_dialog: GivenDialog | None = None
        self.walk_in_dialog: WalkInDialog | None = None
        self._build()
        self.refresh()

    # -- layout ---------------------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.day = QDateEdit(QDate.currentDate())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd d MMM yyyy")
        self.day.dateChanged.connect(lambda _date: self.refresh())
        today = QPushButton("Today")
        today.clicked.connect(lambda: self.day.setDate(QDate.currentDate()))
        top = QHBoxLayout()
        top.addWidget(heading("Pickups"))
        top.addStretch(1)
        top.addWidget(QLabel("Orders of"))
        top.addWidget(self.day)
        top.addWidget(today)

        self.scan = ScanField()
        self.scan.setPlaceholderText("Scan an order sheet to hand it over, or a household card")
        self.scan.returnPressed.connect(self.scan_entered)
        self.partial = QCheckBox("Only part was given: let me correct it before handing over")
        self.feedback = MessageLine()

        self.model = OrdersModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.counts = QLabel()
        set_bold(self.counts)

        self.household = QLineEdit()
        self.household.setPlaceholderText("household code")
        self.template = QComboBox()
        self.template.setMinimumWidth(160)
        self.slot = QLineEdit()
        self.slot.setPlaceholderText("HH:MM (optional)")
        self.slot.setMaximumWidth(130)
        self.plan_button = QPushButton("Plan order")
        self.plan_button.clicked.connect(self.plan)
        self.household.returnPressed.connect(self.plan)
        plan_row = QHBoxLayout()
        plan_row.addWidget(QLabel("New order for"))
        plan_row.addWidget(self.household)
        plan_row.addWidget(QLabel("box"))
        plan_row.addWidget(self.template)
        plan_row.addWidget(QLabel("at"))
        plan_row.addWidget(self.slot)
        plan_row.addWidget(self.plan_button)
        plan_row.addStretch(1)

        self.pack_button = QPushButton("Pack planned orders (Ctrl+K)")
        self.pack_button.setToolTip("Set aside stock for the selected planned orders, or all planned orders of the day")
        self.sheets_button = QPushButton("Print pickup sheets (Ctrl+P)")
        self.sheets_button.setToolTip("Sheets of the selected orders, or of every order of the day")
        self.list_button = QPushButton("Print distribution list (Ctrl+L)")
        self.pack_button.clicked.connect(self.pack)
        self.sheets_button.clicked.connect(self.print_sheets)
        self.list_button.clicked.connect(self.print_list)
        actions = QHBoxLayout()
        actions.addWidget(self.pack_button)
        actions.addWidget(self.sheets_button)
        actions.addWidget(self.list_button)
        actions.addStretch(1)
        for keys, slot in (("Ctrl+K", self.pack), ("Ctrl+P", self.print_sheets), ("Ctrl+L", self.print_list)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.scan)
        layout.addWidget(self.partial)
        layout.addWidget(self.feedback)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)
        layout.addLayout(plan_row)
        layout.addLayout(actions)

    # -- the day --------------------------------------------------------------------------------------------------

    def chosen_day(self) -> dt.date:
        return self.day.date().toPython()  # type: ignore[no-any-return]

    def refresh(self) -> None:
        self.runner.run(tasks.pickup_day, self.chosen_day(), on_done=self._show_day, owner=self)

    def _show_day(self, day: tasks.PickupDay) -> None:
        if day.day != self.chosen_day():
            return
        self.model.set_rows(day.rows)
        if day.templates != self.template_names:
            self.template_names = day.templates
            current = self.template.currentText()
            self.template.clear()
            self.template.addItems(day.templates)
            if current in day.templates:
                self.template.setCurrentText(current)
        by_status: dict[str, int] = {}
        for row in day.rows:
            by_status[row.status] = by_status.get(row.status, 0) + 1
        if day.rows:
            waiting = by_status.get("packed", 0) + by_status.get("planned", 0)
            self.counts.setText(
                f"{fmt.plural(len(day.rows), 'order')}: {waiting} still to come, "
                f"{by_status.get('picked_up', 0)} picked up, {by_status.get('planned', 0)} not packed yet"
            )
        else:
            self.counts.setText("No orders on this day. Plan one below, or scan a household card for a walk-in.")

    def selected_codes(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(row).order for row in rows]

    def focus_scan(self) -> None:
        self.scan.setFocus()
        self.scan.selectAll()

    # -- scanning -------------------------------------------------------------------------------------------------

    def scan_entered(self) -> None:
        text = self.scan.text().strip()
        if not text:
            return
        self.scan.clear()
        self.runner.run(
            tasks.pickup_scan,
            text,
            self.partial.isChecked(),
            on_done=self._scanned,
            on_error=lambda error: self.feedback.error(str(error)),
            owner=self,
        )

    def _scanned(self, result: tasks.PickupScan) -> None:
        if result.completed is not None:
            self._handed_over(result.completed)
        elif result.household is not None:
            self.open_walk_in(result.household)
        elif result.order is not None:
            self.open_given(result.order, result.lines)
            self.refresh()  # a planned order was packed to know its lines

    def _handed_over(self, done: Any) -> None:
        text = " ".join((done.message, *done.warnings))
        self.feedback.ok(text)
        self.status.emit(text)
        self.stock_changed.emit(text)
        self.partial.setChecked(False)
        self.refresh()
        self.focus_scan()

    def open_given(self, order: str, lines: tuple[tasks.PackedLine, ...]) -> None:
        dialog = GivenDialog(order, lines, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.hand_over(order, dialog.given()))
        self.given_dialog = dialog
        dialog.open()

    def hand_over(self, order: str, given: dict[int, int] | None = None) -> None:
        self.runner.run(
            tasks.complete_order,
            order,
            given,
            on_done=self._handed_over,
            on_error=lambda error: self.feedback.error(str(error)),
            owner=self,
        )

    def open_walk_in(self, household: str) -> None:
        if not self.template_names:
            self.feedback.error("There are no boxes (templates) yet: make one first with `pantry template`.")
            return
        dialog = WalkInDialog(household, self.template_names, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.walk_in(household, dialog.template.currentText()))
        self.walk_in_dialog = dialog
        dialog.open()

    def walk_in(self, household: str, template: str) -> None:
        self.runner.run(
            tasks.walk_in,
            household,
            template,
            on_done=self._walked_in,
            on_error=lambda error: self.feedback.error(str(error)),
            owner=self,
        )

    def _walked_in(self, done: tasks.WalkIn) -> None:
        notes = (*done.planned.warnings, *(shortage.message for shortage in done.packed.shortages))
        packed = f"Walk-in order {done.planned.code} for {done.planned.household} is packed."
        self.feedback.ok(" ".join((packed, *notes)))
        self.day.setDate(QDate.currentDate())
        self.refresh()
        self._open_papers(
            f"Print the pickup sheet of {done.planned.code}",
            f"the pickup sheet of {done.planned.code}",
            f"sheet-{done.planned.code}",
            lambda on_done, _on_error: on_done(done.pdf),
            f"Walk-in order {done.planned.code} for household {done.planned.household}: print its sheet, pick it, "
            "then scan the sheet to hand it over.",
        )

    # -- plan, pack, print ----------------------------------------------------------------------------------------

    def plan(self) -> None:
        household = self.household.text().strip()
        if not household or not self.template.currentText():
            self.feedback.error("Type the household's code (or scan their card into it) and choose a box.")
            self.household.setFocus()
            return
        self.runner.run(
            tasks.plan_order,
            self.chosen_day(),
            self.template.currentText(),
            household,
            self.slot.text().strip() or None,
            on_done=self._planned,
            on_error=lambda error: self.feedback.error(str(error)),
            owner=self,
        )

    def _planned(self, planned: Any) -> None:
        self.household.clear()
        self.feedback.ok(" ".join((f"Order {planned.code} planned for {planned.household}.", *planned.warnings)))
        self.refresh()

    def pack(self) -> None:
        self.runner.run(
            tasks.pack_day,
            self.chosen_day(),
            self.selected_codes(),
            on_done=self._packed,
            on_error=lambda error: self.feedback.error(str(error)),
            owner=self,
        )

    def _packed(self, result: PackResult) -> None:
        self.feedback.ok(" ".join((result.message, *(shortage.message for shortage in result.shortages))))
        self.refresh()

    def print_sheets(self) -> None:
        codes = self.selected_codes()
        day = self.chosen_day()
        if not codes and not self.model.rowCount():
            self.feedback.error("No orders on this day: there are no sheets to print.")
            return
        what = fmt.plural(len(codes), "pickup sheet") if codes else f"the pickup sheets of {day.isoformat()}"
        self._open_papers(
            "Print pickup sheets",
            what,
            f"sheets-{day.isoformat()}",
            lambda on_done, on_error: self.runner.run(
                tasks.sheets_pdf, None if codes else day, codes, on_done=on_done, on_error=on_error, owner=self
            ),
            f"{what[0].upper()}{what[1:]}: one page per order with its barcode, what to pick and where.",
        )

    def print_list(self) -> None:
        day = self.chosen_day()
        self._open_papers(
            "Print the distribution list",
            f"the distribution list of {day.isoformat()}",
            f"distribution-{day.isoformat()}",
            lambda on_done, on_error: self.runner.run(
                tasks.distribution_list_pdf, day, on_done=on_done, on_error=on_error, owner=self
            ),
            f"The distribution list of {day.isoformat()}: who comes when, and the pull list for the packers.",
        )

    def _open_papers(
        self,
        title: str,
        what: str,
        stem: str,
        make: Callable[[Callable[[bytes], None], Callable[[Exception], None]], None],
        summary: str,
    ) -> None:
        if self.printing is None:
            return
        dialog = PapersDialog(self.runner, self.printing, title, what, stem, make, summary, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.done.connect(self.status)
        dialog.finished.connect(lambda _result: self.focus_scan())
        self.papers_dialog = dialog
        dialog.open()
