"""Small questions of Settings > People: a new user's name and role, a role to change to, a new PIN (typed twice)."""

from __future__ import annotations

from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from pantry.services.permissions import ROLES
from ui.guide.palette import PROBLEM
from ui.text import N_, _
from ui.widgets import set_text_colour

ROLE_LABELS = {
    "volunteer": N_("Volunteer - intake, labels, pickups, counting"),
    "shift_lead": N_("Shift lead - also households' details, planning, stock corrections"),
    "treasurer": N_("Treasurer - also reports, donor letters, valuation"),
    "admin": N_("Admin - everything: users, settings, backups, the audit trail"),
}


def role_box(current: str = "volunteer") -> QComboBox:
    box = QComboBox()
    for role in ROLES:
        box.addItem(_(ROLE_LABELS[role]), role)
    box.setCurrentIndex(ROLES.index(current) if current in ROLES else 0)
    box.setAccessibleName(_("Role"))
    box.setToolTip(_("What this user may do: each role may do everything the roles above it may"))
    return box


class _Form(QDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setToolTip(_("Save this (Enter)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setToolTip(_("Close without saving (Esc)"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish(self) -> None:
        self.form.addRow(self.buttons)


class AddUserDialog(_Form):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Add a user"), parent)
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("e.g. Sam Rivera"))
        self.name.setMaxLength(80)
        self.name.setToolTip(_("The new user's name, as the sign-in list shows it"))
        self.role = role_box()
        self.form.addRow(_("&Name:"), self.name)
        self.form.addRow(_("&Role:"), self.role)
        self.form.addRow(QLabel(_("Then give them a PIN (Set PIN…) so they can sign in.")))
        self.finish()

    def values(self) -> tuple[str, str]:
        return self.name.text(), str(self.role.currentData())


class RoleDialog(_Form):
    def __init__(self, name: str, current: str, parent: QWidget | None = None) -> None:
        super().__init__(_("Role of {name}").format(name=name), parent)
        self.role = role_box(current)
        self.form.addRow(_("{name} is:").format(name=name), self.role)
        self.finish()

    def value(self) -> str:
        return str(self.role.currentData())


class PinDialog(_Form):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(_("New PIN for {name}").format(name=name), parent)
        self.pin = self._field()
        self.pin.setToolTip(_("The new PIN: 4 to 12 digits"))
        self.again = self._field()
        self.again.setToolTip(_("The same PIN again, to be sure it was typed right"))
        self.problem = QLabel()
        set_text_colour(self.problem, PROBLEM)
        intro = _("{name} types this PIN to sign in: 4 to 12 digits, not easy to guess.").format(name=name)
        self.form.addRow(QLabel(intro))
        self.form.addRow(_("&PIN:"), self.pin)
        self.form.addRow(_("&Again:"), self.again)
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
            self.problem.setText(_("The two PINs differ: type the same PIN twice."))
            self.again.clear()
            self.again.setFocus()
            return
        super().accept()

    def value(self) -> str:
        return self.pin.text()
