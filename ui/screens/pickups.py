"""Pickups: the shift lead's day. The day's orders by slot with their status; scan an order sheet to hand it over.

Scan the barcode on a pickup sheet and press Enter: the order is picked up and its stock leaves the shelves. Tick
"only part was given" first to correct the lines. Scan a household card for a walk-in: choose the box, and its order
is planned, packed and its sheet printed at once. Plan (one household, an agency, or the whole day from one box),
pack and print the day's sheets and distribution list below; mark no-shows, cancel, and close the day when it is over.
When the visit limit blocks a household, a shift lead is asked for a reason (recorded on the order).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
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
from ui import ask, tasks
from ui import format as fmt
from ui.dialogs.pickups import OverrideDialog, PlanDayDialog
from ui.dialogs.printout import PrintoutDialog
from ui.flow import FlowLayout, group
from ui.models.pickups import OrdersModel
from ui.ops import Runner
from ui.printing import Printing
from ui.text import N_, _, ngettext
from ui.widgets import MessageLine, heading, name_standard_buttons, scan_field, set_bold

HOUSEHOLD, AGENCY = "household", "agency"
GRAMS = " g"  # a unit symbol: the same in every language
ROWS_MEASURED = 40  # column widths follow the first rows only: measuring 200 orders after every scan is slow
ASK_A_LEAD = N_("Only a shift lead or an admin may let a household come again: ask one.")


def _orders(count: int) -> str:
    return ngettext("{count} order", "{count} orders", count).format(count=count)


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
        self.setWindowTitle(_("What was given of {order}?").format(order=order))
        self.order = order
        self.boxes: dict[int, QSpinBox] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Order {order}: what did the household take?").format(order=order)))
        note = QLabel(_("Lower the number of anything not given; it stays in stock. (Weighed items in grams.)"))
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        for line in lines:
            box = QSpinBox()
            box.setRange(0, line.packed)
            box.setValue(line.packed)
            box.setSuffix(GRAMS if is_weighed(line.unit) else _(" of {packed}").format(packed=line.packed))
            box.setToolTip(_("How much of {item} the household took").format(item=line.item))
            box.setAccessibleName(line.item)
            form.addRow(line.item, box)
            self.boxes[line.item_id] = box
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Hand over what was given"))
        ok.setToolTip(_("Record what was given: only that leaves stock"))
        ok.setAccessibleName(_("Hand over what was given"))
        name_standard_buttons(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def given(self) -> dict[int, int]:
        return {item_id: box.value() for item_id, box in self.boxes.items()}


class WalkInDialog(QDialog):
    """A household at the door without an order: which box do they get?"""

    def __init__(self, household: str, template_names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Walk-in: {household}").format(household=household))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Walk-in for household {household}").format(household=household)))
        text = QLabel(_("Choose the box. Its order is planned and packed for today, then its sheet prints."))
        text.setWordWrap(True)
        layout.addWidget(text)
        self.template = QComboBox()
        self.template.addItems(template_names)
        self.template.setToolTip(_("The box (template) this household gets today"))
        self.template.setAccessibleName(_("Box"))
        text.setBuddy(self.template)
        layout.addWidget(self.template)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Plan, pack and print the sheet"))
        ok.setToolTip(_("Plan and pack this household's order for today, then print its pickup sheet"))
        ok.setAccessibleName(_("Plan, pack and print the sheet"))
        name_standard_buttons(buttons)
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
        self.agency_names: list[str] = []
        self.actions: frozenset[str] = frozenset()  # what the acting user may do, from each refresh
        self.papers_dialog: PapersDialog | None = None
        self.given_dialog: GivenDialog | None = None
        self.walk_in_dialog: WalkInDialog | None = None
        self.override_dialog: OverrideDialog | None = None
        self.plan_day_dialog: PlanDayDialog | None = None
        self._queued_load: dt.date | None = None
        self._show_order: str | None = None
        self._build()
        self.refresh()

    # -- layout ---------------------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.day = QDateEdit(QDate.currentDate())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd d MMM yyyy")
        self.day.dateChanged.connect(lambda _date: self.refresh())
        self.day.setToolTip(_("The day whose orders are listed"))
        self.day.setAccessibleName(_("Day"))
        today = QPushButton(_("Today"))
        today.setToolTip(_("Show today's orders"))
        today.setAccessibleName(_("Today"))
        today.clicked.connect(lambda: self.day.setDate(QDate.currentDate()))
        top = QHBoxLayout()
        top.addWidget(heading(_("Pickups")))
        top.addStretch(1)
        orders_of = QLabel(_("Orders &of"))
        orders_of.setBuddy(self.day)
        top.addWidget(orders_of)
        top.addWidget(self.day)
        top.addWidget(today)

        self.scan = scan_field(
            _("Scan an order sheet to hand it over, or a household card"),
            self.scan_entered,
            tip=_("Scan a pickup sheet's barcode to hand the order over, or a household card for a walk-in"),
        )
        self.partial = QCheckBox(_("Only part was given: let me correct it before handing over"))
        self.partial.setToolTip(_("Tick before scanning a sheet to lower what was given before it leaves stock"))
        self.partial.setAccessibleName(_("Only part was given"))
        self.feedback = MessageLine()

        self.model = OrdersModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setResizeContentsPrecision(ROWS_MEASURED)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(_("Orders of the day"))
        self.table.setToolTip(_("The day's orders by slot; choose some to pack, print, mark as no-show or cancel"))
        self.counts = QLabel()
        set_bold(self.counts)

        self.recipient = QComboBox()
        self.recipient.addItem(_("household"), HOUSEHOLD)
        self.recipient.addItem(_("partner agency"), AGENCY)
        self.recipient.setToolTip(_("Who the new order is for: a household or a partner agency"))
        self.recipient.setAccessibleName(_("New order for"))
        self.recipient.currentIndexChanged.connect(self._recipient_changed)
        self.household = QLineEdit()
        self.household.setPlaceholderText(_("household code"))
        self.household.setToolTip(_("Type the household's code or scan their card, then Enter"))
        self.household.setAccessibleName(_("Household code"))
        self.agency = QComboBox()
        self.agency.setMinimumWidth(160)
        self.agency.setPlaceholderText(_("no agencies yet"))
        self.agency.setToolTip(_("The partner agency the order is for"))
        self.agency.setAccessibleName(_("Agency"))
        self.agency.hide()
        self.template = QComboBox()
        self.template.setMinimumWidth(160)
        self.template.setToolTip(_("The box (template) of the new order"))
        self.template.setAccessibleName(_("Box"))
        self.slot = QLineEdit()
        self.slot.setPlaceholderText(_("HH:MM (optional)"))
        self.slot.setToolTip(_("The time slot of the new order, e.g. 10:30; empty for any time"))
        self.slot.setAccessibleName(_("Time slot"))
        self.slot.setMaximumWidth(130)
        self.plan_button = QPushButton(_("Plan order"))
        self.plan_button.setToolTip(_("Plan the new order for the chosen day (Enter in the code field)"))
        self.plan_button.setAccessibleName(_("Plan order"))
        self.plan_button.clicked.connect(lambda: self.plan())
        self.household.returnPressed.connect(self.plan)
        plan_row = FlowLayout()  # wraps onto two lines in a narrow window (200% scaling)
        self.plan_day_button = QPushButton(_("Plan the whole day…"))
        self.plan_day_button.setToolTip(_("Orders from one box for every household (or a list), with time slots"))
        self.plan_day_button.setAccessibleName(_("Plan the whole day"))
        self.plan_day_button.clicked.connect(self.open_plan_day)
        new_order = QLabel(_("&New order for a"))
        new_order.setBuddy(self.recipient)
        plan_row.addWidget(group(new_order, self.recipient, self.household, self.agency))
        box = QLabel(_("&box"))
        box.setBuddy(self.template)
        plan_row.addWidget(group(box, self.template))
        at = QLabel(_("&at"))
        at.setBuddy(self.slot)
        plan_row.addWidget(group(at, self.slot, self.plan_button))
        plan_row.addStretch()
        plan_row.addWidget(self.plan_day_button)

        self.pack_button = QPushButton(_("Pack planned orders (Ctrl+K)"))
        self.pack_button.setToolTip(
            _("Set aside stock for the selected planned orders, or all planned orders of the day (Ctrl+K)")
        )
        self.pack_button.setAccessibleName(_("Pack planned orders"))
        self.sheets_button = QPushButton(_("Print pickup sheets (Ctrl+P)"))
        self.sheets_button.setToolTip(_("Sheets of the selected orders, or of every order of the day (Ctrl+P)"))
        self.sheets_button.setAccessibleName(_("Print pickup sheets"))
        self.list_button = QPushButton(_("Print distribution list (Ctrl+L)"))
        self.list_button.setToolTip(_("Who comes when, and the pull list for the packers (Ctrl+L)"))
        self.list_button.setAccessibleName(_("Print distribution list"))
        self.pack_button.clicked.connect(self.pack)
        self.sheets_button.clicked.connect(self.print_sheets)
        self.list_button.clicked.connect(self.print_list)
        self.no_show_button = QPushButton(_("No-show…"))
        self.no_show_button.setToolTip(_("The selected orders' households did not come: nothing is given"))
        self.no_show_button.setAccessibleName(_("No-show"))
        self.cancel_button = QPushButton(_("Cancel order…"))
        self.cancel_button.setToolTip(_("Cancel the selected planned or packed orders: nothing is given"))
        self.cancel_button.setAccessibleName(_("Cancel order"))
        self.close_day_button = QPushButton(_("Close the day…"))
        self.close_day_button.setToolTip(_("Every order of this day still planned or packed becomes a no-show"))
        self.close_day_button.setAccessibleName(_("Close the day"))
        self.no_show_button.clicked.connect(self.no_show)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_day_button.clicked.connect(self.close_day)
        actions = FlowLayout()
        actions.addWidget(self.pack_button)
        actions.addWidget(self.sheets_button)
        actions.addWidget(self.list_button)
        actions.addStretch()
        actions.addWidget(self.no_show_button)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.close_day_button)
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
        """Load the chosen day again. A load already queued and not started yet runs after everything done so far,
        so a second request (after a scan the screen and the window both ask) is left out."""
        day = self.chosen_day()
        if self._queued_load == day:
            return
        self._queued_load = day

        def load(session: Any) -> tasks.PickupDay:
            self._queued_load = None  # started: later requests need a load of their own
            return tasks.pickup_day(session, day)

        self.runner.run(load, on_done=self._show_day, owner=self)

    def _show_day(self, day: tasks.PickupDay) -> None:
        if day.day != self.chosen_day():
            return
        self.model.set_rows(day.rows)
        self._set_actions(day.actions)
        if self._show_order is not None:  # the order just handed over, in view (not selected: Ctrl+P prints all)
            found = next((n for n, row in enumerate(day.rows) if row.order == self._show_order), None)
            if found is not None:
                self.table.scrollTo(self.model.index(found, 0))
            self._show_order = None
        if day.agencies != self.agency_names:
            self.agency_names = day.agencies
            current = self.agency.currentText()
            self.agency.clear()
            self.agency.addItems(day.agencies)
            self.agency.setCurrentIndex(day.agencies.index(current) if current in day.agencies else 0)
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
                _("{orders}: {waiting} still to come, {picked_up} picked up, {planned} not packed yet").format(
                    orders=_orders(len(day.rows)),
                    waiting=waiting,
                    picked_up=by_status.get("picked_up", 0),
                    planned=by_status.get("planned", 0),
                )
            )
        else:
            self.counts.setText(_("No orders on this day. Plan one below, or scan a household card for a walk-in."))

    def selected_codes(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(row).order for row in rows]

    def focus_scan(self) -> None:
        self.scan.take_focus()

    def _set_actions(self, actions: frozenset[str]) -> None:
        """Buttons for what this user may do (the core refuses the rest anyway)."""
        self.actions = actions
        plan, close = "pickup.plan" in actions, "pickup.close" in actions
        for button in (self.plan_button, self.plan_day_button):
            button.setEnabled(plan)
        self.pack_button.setEnabled("pickup.pack" in actions)
        for button in (self.no_show_button, self.cancel_button, self.close_day_button):
            button.setEnabled(close)

    def _recipient_changed(self) -> None:
        agency = self.recipient.currentData() == AGENCY
        self.household.setVisible(not agency)
        self.agency.setVisible(agency)
        self.slot.setPlaceholderText(_("HH:MM (optional)"))

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
        self._show_order = done.order
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
            self.feedback.error(_("There are no boxes (templates) yet: make one first with `pantry template`."))
            return
        dialog = WalkInDialog(household, self.template_names, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.walk_in(household, dialog.template.currentText()))
        self.walk_in_dialog = dialog
        dialog.open()

    def walk_in(self, household: str, template: str, override: str | None = None) -> None:
        self.runner.run(
            tasks.walk_in,
            household,
            template,
            override,
            on_done=self._walked_in,
            on_error=lambda error: self._refused(error, lambda reason: self.walk_in(household, template, reason)),
            owner=self,
        )

    # -- the visit limit ------------------------------------------------------------------------------------------

    def _refused(self, error: Exception, retry: Callable[[str], None]) -> None:
        """A refused plan or walk-in: when only the visit limit stands in the way, a shift lead gives a reason and it
        is tried again with it; a volunteer is told to ask one."""
        if not isinstance(error, tasks.OverrideNeeded):
            self.feedback.error(str(error))
            return
        if not error.may_override:
            self.feedback.error(f"{error}\n{_(ASK_A_LEAD)}")
            return
        self.feedback.error(str(error))
        dialog = OverrideDialog(list(error.problems), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: retry(dialog.reason_text()))
        self.override_dialog = dialog
        dialog.open()

    def _walked_in(self, done: tasks.WalkIn) -> None:
        notes = (*done.planned.warnings, *(shortage.message for shortage in done.packed.shortages))
        packed = _("Walk-in order {order} for {household} is packed.").format(
            order=done.planned.code, household=done.planned.household
        )
        self.feedback.ok(" ".join((packed, *notes)))
        self.day.setDate(QDate.currentDate())
        self.refresh()
        code, household = done.planned.code, done.planned.household
        self._open_papers(
            _("Print the pickup sheet of {order}").format(order=code),
            _("the pickup sheet of {order}").format(order=code),
            f"sheet-{code}",
            lambda on_done, _on_error: on_done(done.pdf),
            _(
                "Walk-in order {order} for household {household}: print its sheet, pick it, "
                "then scan the sheet to hand it over."
            ).format(order=code, household=household),
        )

    # -- plan, pack, print ----------------------------------------------------------------------------------------

    def plan(self, override: str | None = None) -> None:
        template = self.template.currentText()
        slot = self.slot.text().strip() or None
        if self.recipient.currentData() == AGENCY:
            if not self.agency.currentText() or not template:
                self.feedback.error(
                    _("Choose the agency and a box. (Agencies are added with `pantry households agency NAME`.)")
                )
                return
            self.runner.run(
                tasks.plan_agency_order,
                self.chosen_day(),
                template,
                self.agency.currentText(),
                slot,
                on_done=self._planned,
                on_error=lambda error: self.feedback.error(str(error)),
                owner=self,
            )
            return
        household = self.household.text().strip()
        if not household or not template:
            self.feedback.error(_("Type the household's code (or scan their card into it) and choose a box."))
            self.household.setFocus()
            return
        self.runner.run(
            tasks.plan_order,
            self.chosen_day(),
            template,
            household,
            slot,
            override,
            on_done=self._planned,
            on_error=lambda error: self._refused(error, self.plan),
            owner=self,
        )

    def _planned(self, planned: Any) -> None:
        self.household.clear()
        done = _("Order {order} planned for {household}.").format(order=planned.code, household=planned.household)
        self.feedback.ok(" ".join((done, *planned.warnings)))
        self.refresh()

    def open_plan_day(self) -> None:
        if not self.template_names:
            self.feedback.error(_("There are no boxes (templates) yet: make one first with `pantry template add`."))
            return
        dialog = PlanDayDialog(self.chosen_day(), self.template_names, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if self.template.currentText():
            dialog.template.setCurrentText(self.template.currentText())
        dialog.accepted.connect(lambda: self.plan_day(dialog.plan()))
        dialog.finished.connect(lambda _result: self.focus_scan())
        self.plan_day_dialog = dialog
        dialog.open()

    def plan_day(self, plan: tasks.DayPlan) -> None:
        self.runner.run(
            tasks.plan_day,
            plan,
            with_progress=False,
            on_done=lambda planned: self._day_planned(plan, planned),
            on_error=lambda error: self._refused(error, lambda reason: self.plan_day(replace(plan, override=reason))),
            owner=self,
        )

    def _day_planned(self, plan: tasks.DayPlan, planned: list[Any]) -> None:
        warned = sum(1 for one in planned if one.warnings)
        text = ngettext(
            "{count} order of {box} planned for {day}.", "{count} orders of {box} planned for {day}.", len(planned)
        ).format(count=len(planned), box=plan.template, day=fmt.date(plan.day))
        if warned:
            text += " " + _("{count} with a warning (visit limit or shortage): see their rows.").format(count=warned)
        self.feedback.ok(text)
        self.status.emit(text)
        self.day.setDate(QDate(plan.day))
        self.refresh()

    # -- no-shows, cancelling, closing the day --------------------------------------------------------------------

    def _open_codes(self, problem: str) -> list[str] | None:
        codes = self.selected_codes()
        if not codes:
            self.feedback.error(problem)
            return None
        return codes

    def no_show(self) -> None:
        codes = self._open_codes(_("Choose the order(s) to mark as no-show in the list first."))
        if codes is None or not ask.confirm(
            self,
            _("No-show"),
            _(
                "{orders}: the household did not come?\n\nNothing is given and nothing leaves stock; "
                "what was packed is free again (put it back on the shelves)."
            ).format(orders=", ".join(codes)),
            _("Mark as no-show"),
        ):
            return
        self._close_orders(tasks.no_show_orders, codes)

    def cancel(self) -> None:
        codes = self._open_codes(_("Choose the order(s) to cancel in the list first."))
        if codes is None or not ask.confirm(
            self,
            _("Cancel orders"),
            _("Cancel {orders}?\n\nNothing is given and nothing leaves stock. This cannot be undone.").format(
                orders=", ".join(codes)
            ),
            ngettext("Cancel the order", "Cancel the orders", len(codes)),
        ):
            return
        self._close_orders(tasks.cancel_orders, codes)

    def _close_orders(self, fn: Callable[..., list[str]], codes: list[str]) -> None:
        self.runner.run(
            fn,
            codes,
            on_done=lambda messages: (self.feedback.ok(" ".join(messages)), self.refresh()),
            on_error=lambda error: self.feedback.error(str(error)),
            owner=self,
        )

    def close_day(self) -> None:
        day = self.chosen_day()
        still_open = [row.order for row in self.model.rows() if row.status in ("planned", "packed")]
        if not still_open:
            self.feedback.info(
                _("Nothing to close on {day}: no order is still planned or packed.").format(day=fmt.date(day))
            )
            return
        if not ask.confirm(
            self,
            _("Close the day"),
            ngettext(
                "Close {day}: {count} order still planned or packed becomes a no-show.\n\n"
                "Nothing is given and nothing leaves stock; packed goods go back on the shelves.",
                "Close {day}: {count} orders still planned or packed become no-shows.\n\n"
                "Nothing is given and nothing leaves stock; packed goods go back on the shelves.",
                len(still_open),
            ).format(day=fmt.date(day), count=len(still_open)),
            _("Close the day"),
        ):
            return
        self.runner.run(
            tasks.close_day,
            day,
            on_done=lambda closed: (
                self.feedback.ok(
                    ngettext(
                        "{day} closed: {count} no-show recorded.",
                        "{day} closed: {count} no-shows recorded.",
                        len(closed),
                    ).format(day=fmt.date(day), count=len(closed))
                ),
                self.refresh(),
            ),
            on_error=lambda error: self.feedback.error(str(error)),
            owner=self,
        )

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
            self.feedback.error(_("No orders on this day: there are no sheets to print."))
            return
        if codes:
            what = ngettext("{count} pickup sheet", "{count} pickup sheets", len(codes)).format(count=len(codes))
            summary = ngettext(
                "{count} pickup sheet: one page per order with its barcode, what to pick and where.",
                "{count} pickup sheets: one page per order with its barcode, what to pick and where.",
                len(codes),
            ).format(count=len(codes))
        else:
            what = _("the pickup sheets of {day}").format(day=fmt.date(day))
            summary = _(
                "The pickup sheets of {day}: one page per order with its barcode, what to pick and where."
            ).format(day=fmt.date(day))
        self._open_papers(
            _("Print pickup sheets"),
            what,
            f"sheets-{day.isoformat()}",
            lambda on_done, on_error: self.runner.run(
                tasks.sheets_pdf, None if codes else day, codes, on_done=on_done, on_error=on_error, owner=self
            ),
            summary,
        )

    def print_list(self) -> None:
        day = self.chosen_day()
        self._open_papers(
            _("Print the distribution list"),
            _("the distribution list of {day}").format(day=fmt.date(day)),
            f"distribution-{day.isoformat()}",
            lambda on_done, on_error: self.runner.run(
                tasks.distribution_list_pdf, day, on_done=on_done, on_error=on_error, owner=self
            ),
            _("The distribution list of {day}: who comes when, and the pull list for the packers.").format(
                day=fmt.date(day)
            ),
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
