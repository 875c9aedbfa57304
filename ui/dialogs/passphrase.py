"""At start, for an encrypted pantry: its passphrase (SQLCipher derives the key from it). Asked again when wrong."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget


class PassphraseDialog(QDialog):
    """Accepted with a non-empty `passphrase()`; rejected means quit."""

    def __init__(self, path: Path, *, wrong: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Pantry Desk")
        self.setMinimumWidth(460)
        intro = QLabel(f"This pantry's database is encrypted.\nPassphrase for {path}:")
        intro.setWordWrap(True)
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setPlaceholderText("Passphrase")
        self.note = QLabel("That passphrase is wrong. Try again." if wrong else "")
        self.note.setStyleSheet("color: #b00020;")
        self.note.setVisible(wrong)
        self.buttons = QDialogButtonBox()
        self.open_button = self.buttons.addButton("Open", QDialogButtonBox.ButtonRole.AcceptRole)
        self.quit_button = self.buttons.addButton("Quit", QDialogButtonBox.ButtonRole.RejectRole)
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
