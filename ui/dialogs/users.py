"""Small questions of Settings > People: a new user's name and role, a role to change to, a new PIN (typed twice)."""

from __future__ import annotations

from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from pantry.services.permissions import ROLES

ROLE_LABELS = {
    "volunteer": "Volunteer - intake, labels, pickups, counting",
    "shift_lead": "Shift lead - also households' details, planning, stock corrections",
    "treasurer": "Treasurer - also reports, donor letters, valuation",
    "admin": "Admin - everything: users, settings, backups, the audit trail",
}


def role_box(current: str = "volunteer") -> QComboBox:
    box = QComboBox()
    for role in ROLES:
        box.addItem(ROLE_LABELS[role], role)
    box.setCurrentIndex(ROLES.index(current) if current in ROLES else 0)
    return box


class _Form(QDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish(self) -> None:
        self.form.addRow(self.buttons)


class AddUserDialog(_Form):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Add a user", parent)
        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. Sam Rivera")
        self.name.setMaxLength(80)
        self.role = role_box()
        self.form.addRow("Name:", self.name)
        self.form.addRow("Role:", self.role)
        self.form.addRow(QLabel("Then give them a PIN (Set PIN…) so they can sign in."))
        self.finish()

    def values(self) -> tuple[str, str]:
        return self.name.text(), str(self.role.currentData())


class RoleDialog(_Form):
    def __init__(self, name: str, current: str, parent: QWidget | None = None) -> None:
        super().__init__(f"Role of {name}", parent)
        self.role = role_box(current)
        self.form.addRow(f"{name} is:", self.role)
        self.finish()

    def value(self) -> str:
        return str(self.role.currentData())


class PinDialog(_Form):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(f"New PIN for {name}", parent)
        self.pin = self._field()
        self.again = self._field()
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020;")
        self.form.addRow(QLabel(f"{name} types this PIN to sign in: 4 to 12 digits, not easy to guess."))
        self.form.addRow("PIN:", self.pin)
        self.form.addRow("Again:", self.again)
        self.form.addRow(self.problem)
        self.finish()

    @staticmethod
    def _field() -> QLineEdit:
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setValidator(QRegularExpressionValidator(r"\d{0,12}"))
        return field

    def accept(self) -> None:
        if self.pin.text() != self.again.text():
            self.problem.setText("The two PINs differ: type the same PIN twice.")
            self.again.clear()
            self.again.setFocus()
            return
        super().accept()

    def value(self) -> str:
        return self.pin.text()
