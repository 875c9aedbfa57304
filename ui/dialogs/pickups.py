"""Dialogs of the Pickups screen: a shift lead's reason to let a household over the visit limit, and planning a whole
day from one box."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ui import tasks
from ui.text import _
from ui.widgets import MessageLine, heading, name_standard_buttons

CODES_EXAMPLE = "H00001H\nH00002F\n…"  # household codes: the same in every language


class OverrideDialog(QDialog):
    """The visit limit stops these households; a shift lead may let them come, saying why (recorded on the order)."""

    def __init__(self, problems: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Over the visit limit"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Over the visit limit")))
        shown = problems[:8] + ([_("… and {count} more").format(count=len(problems) - 8)] if len(problems) > 8 else [])
        text = QLabel("\n".join(f"• {line}" for line in shown))
        text.setWordWrap(True)
        layout.addWidget(text)
        ask = QLabel(_("As a shift lead you may let them come anyway. Say why: it is recorded on the order."))
        ask.setWordWrap(True)
        layout.addWidget(ask)
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(_("e.g. lost their food in a power cut"))
        self.reason.setToolTip(_("Why they may come anyway; it is recorded on the order"))
        self.reason.setAccessibleName(_("Reason"))
        ask.setBuddy(self.reason)
        layout.addWidget(self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Let them come, and record why"))
        self.ok_button.setToolTip(_("Plan the order anyway, with this reason on it (Enter)"))
        self.ok_button.setAccessibleName(_("Let them come, and record why"))
        name_standard_buttons(self.buttons)
        self.ok_button.setEnabled(False)
        self.reason.textChanged.connect(lambda text: self.ok_button.setEnabled(bool(text.strip())))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason.setFocus()

    def reason_text(self) -> str:
        return self.reason.text().strip()


class PlanDayDialog(QDialog):
    """Orders for many households at once from one box: every active household (or the codes listed), spread over
    time slots if wanted. The core plans all of them or none."""

    def __init__(self, day: dt.date, template_names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Plan a distribution day"))
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Plan a distribution day")))
        form = QFormLayout()
        self.day = QDateEdit(QDate(day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd d MMM yyyy")
        self.day.setToolTip(_("The day the households come (Alt+D)"))
        self.day.setAccessibleName(_("Day"))
        form.addRow(_("&Day"), self.day)
        self.template = QComboBox()
        self.template.addItems(template_names)
        self.template.setToolTip(_("The box (template) every order gets (Alt+B)"))
        self.template.setAccessibleName(_("Box"))
        form.addRow(_("&Box"), self.template)
        self.everyone = QRadioButton(_("Every active household that has no order of this box that day yet"))
        self.everyone.setToolTip(_("Plan an order for every active household"))
        self.everyone.setAccessibleName(_("Every active household"))
        self.listed = QRadioButton(_("Only these households (type or scan their codes, one a line):"))
        self.listed.setToolTip(_("Plan orders only for the household codes listed below"))
        self.listed.setAccessibleName(_("Only these households"))
        self.everyone.setChecked(True)
        self.codes = QPlainTextEdit()
        self.codes.setPlaceholderText(CODES_EXAMPLE)
        self.codes.setToolTip(_("Household codes, one a line (type them or scan their cards)"))
        self.codes.setAccessibleName(_("Household codes"))
        self.codes.setEnabled(False)
        self.listed.toggled.connect(self.codes.setEnabled)
        who = QVBoxLayout()
        who.addWidget(self.everyone)
        who.addWidget(self.listed)
        who.addWidget(self.codes)
        form.addRow(_("For"), who)
        self.use_slots = QCheckBox(_("Give them time slots (otherwise they may come any time that day)"))
        self.use_slots.setToolTip(_("Spread the households over time slots"))
        self.use_slots.setAccessibleName(_("Give them time slots"))
        self.first_slot = QTimeEdit(QTime(9, 0))
        self.first_slot.setDisplayFormat("HH:mm")
        self.first_slot.setToolTip(_("The time of the first slot"))
        self.first_slot.setAccessibleName(_("First slot at"))
        self.minutes = QSpinBox()
        self.minutes.setRange(5, 240)
        self.minutes.setValue(15)
        self.minutes.setToolTip(_("Minutes between one slot and the next"))
        self.minutes.setAccessibleName(_("Minutes between slots"))
        self.per_slot = QSpinBox()
        self.per_slot.setRange(1, 500)
        self.per_slot.setValue(10)
        self.per_slot.setToolTip(_("How many households come in each slot"))
        self.per_slot.setAccessibleName(_("Households a slot"))
        times = QHBoxLayout()
        for widget in (
            QLabel(_("first at")),
            self.first_slot,
            QLabel(_("then every")),
            self.minutes,
            QLabel(_("minutes,")),
            self.per_slot,
            QLabel(_("households a slot")),
        ):
            times.addWidget(widget)
            if widget in (self.first_slot, self.minutes, self.per_slot):
                widget.setEnabled(False)
                self.use_slots.toggled.connect(widget.setEnabled)
        times.addStretch(1)
        slots = QVBoxLayout()
        slots.addWidget(self.use_slots)
        slots.addLayout(times)
        form.addRow(_("Slots"), slots)
        layout.addLayout(form)
        note = QLabel(
            _(
                "All or none: if one household cannot be planned (unknown code, already planned, over the visit "
                "limit), nothing is planned and you are told which."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.feedback = MessageLine()
        layout.addWidget(self.feedback)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Plan the orders"))
        ok.setToolTip(_("Plan every order now: all of them or none (Enter)"))
        ok.setAccessibleName(_("Plan the orders"))
        name_standard_buttons(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def plan(self, override: str | None = None) -> tasks.DayPlan:
        codes = tuple(
            code.strip()
            for line in self.codes.toPlainText().splitlines()
            for code in line.replace(",", " ").split()
            if code.strip()
        )
        return tasks.DayPlan(
            day=self.day.date().toPython(),  # type: ignore[arg-type]
            template=self.template.currentText(),
            household_codes=codes if self.listed.isChecked() else (),
            every_household=self.everyone.isChecked(),
            first_slot=self.first_slot.time().toString("HH:mm") if self.use_slots.isChecked() else None,
            minutes_apart=self.minutes.value(),
            per_slot=self.per_slot.value(),
            override=override,
        )
