"""Questions that need an answer before something changes. One place, so tests can answer them (monkeypatch)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ui.text import _


def confirm(parent: QWidget | None, title: str, text: str, yes: str) -> bool:
    """A yes/no question whose yes button says what it does ("Post the count"); No is the default."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    go = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    go.setToolTip(yes)
    cancel = box.addButton(_("Cancel (Esc)"), QMessageBox.ButtonRole.RejectRole)
    cancel.setToolTip(_("Change nothing (Esc)"))
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is go
