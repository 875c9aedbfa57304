"""The sign-in panel: what a locked desk shows instead of its screens. Choose your name, type your PIN, press Enter.

It only asks: the window runs the sign-in on the worker (`settings_tasks.sign_in_desk`) and hands the answer back
(`show_problem` for "wrong PIN, 2 tries left" or "locked: ask an admin").
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.text import _
from ui.widgets import MessageLine, heading, set_text_colour


class SignInPanel(QWidget):
    sign_in_asked = Signal(str, str)  # name, PIN

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = heading(_("This desk is locked"))
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint = QLabel(_("Choose your name, type your PIN and press Enter."))
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.names = QListWidget()
        self.names.setMinimumHeight(160)
        self.names.setToolTip(_("Choose your name (arrow keys), then type your PIN"))
        font = self.names.font()
        font.setPointSize(font.pointSize() + 3)
        self.names.setFont(font)
        self.names.currentTextChanged.connect(lambda _name: self.pin.setFocus())
        self.names.itemActivated.connect(lambda _item: self.pin.setFocus())
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(_("PIN (digits)"))
        self.pin.setToolTip(_("Your PIN; Enter signs in"))
        self.pin.setValidator(QRegularExpressionValidator(r"\d{0,12}"))
        self.pin.setFont(font)
        self.pin.returnPressed.connect(self.submit)
        self.button = QPushButton(_("Sign in (Enter)"))
        self.button.setToolTip(_("Sign in with the chosen name and this PIN (Enter)"))
        self.button.setDefault(True)
        self.button.clicked.connect(self.submit)
        self.feedback = MessageLine()
        self.feedback.setAlignment(Qt.AlignmentFlag.AlignCenter)

        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMaximumWidth(420)
        column = QVBoxLayout(card)
        column.setSpacing(10)
        column.addWidget(self.title)
        column.addWidget(hint)
        name_label = QLabel(_("Your &name:"))
        name_label.setBuddy(self.names)
        column.addWidget(name_label)
        column.addWidget(self.names)
        pin_label = QLabel(_("Your &PIN:"))
        pin_label.setBuddy(self.pin)
        column.addWidget(pin_label)
        pin_row = QHBoxLayout()
        pin_row.addWidget(self.pin, 1)
        pin_row.addWidget(self.button)
        column.addLayout(pin_row)
        column.addWidget(self.feedback)
        forgot = QLabel(_("Forgot your PIN, or locked out? Ask an admin to set a new one or unlock you."))
        forgot.setWordWrap(True)
        set_text_colour(forgot)
        column.addWidget(forgot)

        outer = QHBoxLayout(self)
        outer.addStretch(1)
        middle = QVBoxLayout()
        middle.addStretch(1)
        middle.addWidget(card)
        middle.addStretch(2)
        outer.addLayout(middle)
        outer.addStretch(1)

    def set_names(self, names: Sequence[str], chosen: str = "") -> None:
        self.names.clear()
        self.names.addItems(list(names))
        if chosen and chosen in names:
            self.names.setCurrentRow(list(names).index(chosen))
        elif len(names) == 1:
            self.names.setCurrentRow(0)

    def reset(self, note: str = "") -> None:
        self.pin.clear()
        self.button.setEnabled(True)
        if note:
            self.feedback.info(note)
        else:
            self.feedback.clear()
        self.focus_first()

    def focus_first(self) -> None:
        (self.pin if self.names.currentItem() is not None else self.names).setFocus()

    def chosen_name(self) -> str:
        item = self.names.currentItem()
        return item.text() if item is not None else ""

    def submit(self) -> None:
        name = self.chosen_name()
        if not name:
            self.feedback.error(_("Choose your name in the list first."))
            self.names.setFocus()
            return
        if not self.pin.text():
            self.feedback.error(_("Type your PIN."))
            self.pin.setFocus()
            return
        self.button.setEnabled(False)
        self.feedback.info(_("Checking {name}'s PIN…").format(name=name))
        self.sign_in_asked.emit(name, self.pin.text())

    def show_problem(self, text: str) -> None:
        self.pin.clear()
        self.button.setEnabled(True)
        for prefix in ("sign in: ", _("sign in: ")):  # the core's field name, in English or the desk's language
            text = text.removeprefix(prefix)
        self.feedback.error(text[:1].upper() + text[1:])
        self.pin.setFocus()
