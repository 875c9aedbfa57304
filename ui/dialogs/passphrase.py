"""At start, for an encrypted pantry: its passphrase (SQLCipher derives the key from it). Asked again when wrong."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from ui.dialogs.about import APP_NAME
from ui.guide.palette import PROBLEM
from ui.text import _
from ui.widgets import set_text_colour


class PassphraseDialog(QDialog):
    """Accepted with a non-empty `passphrase()`; rejected means quit."""

    def __init__(self, path: Path, *, wrong: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(APP_NAME)
        self.setMinimumWidth(460)
        intro = QLabel(_("This pantry's database is encrypted.\nPassphrase for {path}:").format(path=path))
        intro.setWordWrap(True)
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setPlaceholderText(_("Passphrase"))
        self.field.setAccessibleName(_("Passphrase"))
        self.field.setToolTip(_("The passphrase this pantry's database was encrypted with"))
        intro.setBuddy(self.field)
        self.note = QLabel(_("That passphrase is wrong. Try again.") if wrong else "")
        set_text_colour(self.note, PROBLEM)
        self.note.setVisible(wrong)
        self.buttons = QDialogButtonBox()
        self.open_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Open)
        self.quit_button = self.buttons.addButton(_("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.open_button.setToolTip(_("Open the pantry with this passphrase (Enter)"))
        self.quit_button.setToolTip(_("Close Pantry Desk without opening the pantry (Esc)"))
        self.open_button.setEnabled(False)
        self.open_button.setDefault(True)
        self.field.textChanged.connect(lambda text: self.open_button.setEnabled(bool(text)))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.field)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)

    def passphrase(self) -> str:
        return self.field.text()
