"""Households: find a household by code, name or phone (or scan its card), see its visits and warnings, register.

Volunteers see the code, first name, size and dietary flags; shift leads and admins also see personal details
(the rule is `tasks.sees_personal_details`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from pantry.services.households import HouseholdSpec, Registered
from ui import tasks
from ui.models.pickups import HouseholdsModel, VisitsModel
from ui.ops import Runner
from ui.widgets import MessageLine, ScanField, heading, set_bold


class RegisterDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Register a household")
        self.name = QLineEdit()
        self.size = QSpinBox()
        self.size.setRange(1, 30)
        self.phone = QLineEdit()
        self.postcode = QLineEdit()
        form = QFormLayout()
        form.addRow("Name (empty: anonymous)", self.name)
        form.addRow("People in the household", self.size)
        form.addRow("Phone", self.phone)
        form.addRow("Postcode", self.postcode)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Register")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Register a household"))
        layout.addLayout(form)
        layout.addWidget(buttons)

    def spec(self) -> HouseholdSpec:
        return HouseholdSpec(
            name=self.name.text().strip(),
            size=self.size.value(),
            phone=self.phone.text().strip(),
            postcode=self.postcode.text().strip(),
        )


class HouseholdsScreen(QWidget):
    status = Signal(str)

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.register_dialog: RegisterDialog | None = None
        self.search = ScanField()
        self.search.setPlaceholderText("Scan a household card, or type a code, name or phone number")
        self.search.returnPressed.connect(self.find)
        self.search.textChanged.connect(lambda _text: self.find())
        self.register_button = QPushButton("Register a household… (Ctrl+N)")
        self.register_button.setShortcut("Ctrl+N")
        self.register_button.clicked.connect(self.open_register)
        self.feedback = MessageLine()

        self.model = HouseholdsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _old: self.open_row(current.row()))

        self.title = QLabel("Choose a household to see its visits.")
        set_bold(self.title, 2)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.warnings = MessageLine()
        self.visits = VisitsModel(self)
        self.visit_table = QTableView()
        self.visit_table.setModel(self.visits)
        self.visit_table.verticalHeader().hide()
        self.visit_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.visit_table.horizontalHeader().setStretchLastSection(True)

        top = QHBoxLayout()
        top.addWidget(heading("Households"))
        top.addStretch(1)
        top.addWidget(self.register_button)
        side = QVBoxLayout()
        side.addWidget(self.title)
        side.addWidget(self.facts)
        side.addWidget(self.warnings)
        side.addWidget(QLabel("Visits (newest first)"))
        side.addWidget(self.visit_table, 1)
        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        body.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.search)
        layout.addWidget(self.feedback)
        layout.addLayout(body, 1)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def find(self) -> None:
        self.runner.run(tasks.find_households, self.search.text(), on_done=self._found, owner=self)

    def _found(self, found: tuple[list[tasks.HouseholdRow], bool]) -> None:
        rows, personal = found
        self.model.set_personal(personal)
        self.model.set_rows(rows)
        if len(rows) == 1:
            self.table.selectRow(0)
        self.feedback.info(f"{len(rows)} household(s)" + ("" if self.search.text().strip() else " in all"))

    def open_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.runner.run(tasks.household_file, self.model.row_at(row).code, on_done=self._show_file, owner=self)

    def _show_file(self, found: tasks.HouseholdFile) -> None:
        row = found.row
        self.title.setText(f"{row.code} — {row.first_name or 'anonymous'}, {row.size} people")
        facts = [f"Diet: {', '.join(flag.replace('_', ' ') for flag in row.dietary) or 'none'}"]
        if found.details is not None:
            details = found.details
            facts += [
                f"Name: {details.name or '—'}",
                f"Phone: {details.phone or '—'}",
                f"Postcode: {details.postcode or '—'}",
                f"Registered: {details.registered_on.isoformat()}",
            ]
        self.facts.setText("\n".join(facts))
        if found.warnings:
            self.warnings.error("\n".join(found.warnings))
        else:
            self.warnings.ok("May come: no warnings.")
        self.visits.set_rows(found.past_visits)

    def open_register(self) -> None:
        dialog = RegisterDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.register(dialog.spec()))
        self.register_dialog = dialog
        dialog.open()

    def register(self, spec: HouseholdSpec) -> None:
        self.runner.run(
            tasks.save_household,
            spec,
            on_done=self._registered,
            on_error=lambda error: self.feedback.error(str(error)),
            owner=self,
        )

    def _registered(self, registered: Registered) -> None:
        text = f"Registered household {registered.household.code}."
        if registered.warnings:
            self.feedback.error(" ".join((text, "Check:", *registered.warnings)))
        else:
            self.feedback.ok(text)
        self.status.emit(text)
        self.search.blockSignals(True)
        self.search.setText(registered.household.code)
        self.search.blockSignals(False)
        self.runner.run(tasks.find_households, registered.household.code, on_done=self._found_quietly, owner=self)

    def _found_quietly(self, found: tuple[list[tasks.HouseholdRow], bool]) -> None:
        rows, personal = found
        self.model.set_personal(personal)
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
