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
from ui.widgets import MessageLine, heading


class OverrideDialog(QDialog):
    """The visit limit stops these households; a shift lead may let them come, saying why (recorded on the order)."""

    def __init__(self, problems: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Over the visit limit")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Over the visit limit"))
        shown = problems[:8] + ([f"… and {len(problems) - 8} more"] if len(problems) > 8 else [])
        text = QLabel("\n".join(f"• {line}" for line in shown))
        text.setWordWrap(True)
        layout.addWidget(text)
        ask = QLabel("As a shift lead you may let them come anyway. Say why: it is recorded on the order.")
        ask.setWordWrap(True)
        layout.addWidget(ask)
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText("e.g. lost their food in a power cut")
        layout.addWidget(self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Let them come, and record why")
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
        self.setWindowTitle("Plan a distribution day")
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Plan a distribution day"))
        form = QFormLayout()
        self.day = QDateEdit(QDate(day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd d MMM yyyy")
        form.addRow("Day", self.day)
        self.template = QComboBox()
        self.template.addItems(template_names)
        form.addRow("Box", self.template)
        self.everyone = QRadioButton("Every active household that has no order of this box that day yet")
        self.listed = QRadioButton("Only these households (type or scan their codes, one a line):")
        self.everyone.setChecked(True)
        self.codes = QPlainTextEdit()
        self.codes.setPlaceholderText("H00001H\nH00002F\n…")
        self.codes.setEnabled(False)
        self.listed.toggled.connect(self.codes.setEnabled)
        who = QVBoxLayout()
        who.addWidget(self.everyone)
        who.addWidget(self.listed)
        who.addWidget(self.codes)
        form.addRow("For", who)
        self.use_slots = QCheckBox("Give them time slots (otherwise they may come any time that day)")
        self.first_slot = QTimeEdit(QTime(9, 0))
        self.first_slot.setDisplayFormat("HH:mm")
        self.minutes = QSpinBox()
        self.minutes.setRange(5, 240)
        self.minutes.setValue(15)
        self.per_slot = QSpinBox()
        self.per_slot.setRange(1, 500)
        self.per_slot.setValue(10)
        times = QHBoxLayout()
        for widget in (
            QLabel("first at"),
            self.first_slot,
            QLabel("then every"),
            self.minutes,
            QLabel("minutes,"),
            self.per_slot,
            QLabel("households a slot"),
        ):
            times.addWidget(widget)
            if widget in (self.first_slot, self.minutes, self.per_slot):
                widget.setEnabled(False)
                self.use_slots.toggled.connect(widget.setEnabled)
        times.addStretch(1)
        slots = QVBoxLayout()
        slots.addWidget(self.use_slots)
        slots.addLayout(times)
        form.addRow("Slots", slots)
        layout.addLayout(form)
        note = QLabel(
            "All or none: if one household cannot be planned (unknown code, already planned, over the visit limit), "
            "nothing is planned and you are told which."
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.feedback = MessageLine()
        layout.addWidget(self.feedback)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Plan the orders")
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
