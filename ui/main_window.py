"""The main window: a navigation list on the left, the screens in a stack, messages in the status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui import tasks
from ui.crash import show_crash_dialog
from ui.ops import Runner
from ui.screens.intake import IntakeScreen
from ui.screens.stock import StockScreen

APP_TITLE = "Pantry Desk"
STATUS_MS = 15_000

# (label, shortcut) of every screen the navigation lists; those without a screen yet are shown as coming soon.
NAVIGATION = (
    ("Intake", "Ctrl+1"),
    ("Stock", "Ctrl+2"),
    ("Pickups", ""),
    ("Reports", ""),
    ("Settings", ""),
)


class MainWindow(QMainWindow):
    def __init__(self, runner: Runner, *, sample: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.sample = sample
        self.org_name = ""
        self.ask_before_closing = True  # tests turn this off: a question box would wait for an answer
        runner.dialog_parent = self
        self.resize(1200, 750)

        self.intake = IntakeScreen(runner)
        self.stock = StockScreen(runner)
        self.intake.donation_saved.connect(lambda _saved: self.stock.refresh())
        self.intake.status.connect(self.show_message)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.intake)
        self.stack.addWidget(self.stock)

        self.nav = QListWidget()
        self.nav.setFixedWidth(150)
        font = QFont(self.nav.font())
        font.setPointSize(font.pointSize() + 3)
        self.nav.setFont(font)
        self.nav.setSpacing(4)
        for number, (label, keys) in enumerate(NAVIGATION):
            item = QListWidgetItem(label)
            if number < self.stack.count():
                item.setToolTip(f"{label} ({keys})")
                if keys:
                    shortcut = QShortcut(QKeySequence(keys), self)
                    shortcut.activated.connect(lambda row=number: self.nav.setCurrentRow(row))
            else:
                item.setText(f"{label}\n  coming soon")
                item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._navigate)

        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(6, 6, 6, 0)
        if sample:
            banner = QLabel("Sample pantry: practice data for trying things out. Your real pantry is not touched.")
            banner.setStyleSheet("background: #fff3c4; color: #5d4200; padding: 6px; font-weight: bold;")
            column.addWidget(banner)
        column.addWidget(body, 1)
        self.setCentralWidget(central)

        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        runner.user_error.connect(self.show_problem)
        runner.message.connect(self.show_message)
        runner.crashed.connect(lambda summary, trace: show_crash_dialog(self, summary, trace))
        runner.busy_changed.connect(lambda busy: self.status_label.setText("Working…" if busy else ""))

        self._update_title()
        self.nav.setCurrentRow(0)
        runner.run(tasks.pantry_facts, on_done=self._set_facts, owner=self)

    def _set_facts(self, facts: tasks.PantryFacts) -> None:
        self.org_name = facts.org_name
        self._update_title()

    def _update_title(self) -> None:
        parts = [self.org_name] if self.org_name else []
        parts.append(APP_TITLE)
        if self.sample:
            parts.append("Sample pantry")
        self.setWindowTitle(" — ".join(parts))

    def _navigate(self, row: int) -> None:
        if 0 <= row < self.stack.count():
            self.stack.setCurrentIndex(row)
            if self.stack.currentWidget() is self.intake:
                QTimer.singleShot(0, self.intake, self.intake.focus_scan)

    def show_screen(self, name: str) -> None:
        labels = [label for label, _keys in NAVIGATION]
        self.nav.setCurrentRow(labels.index(name))

    def show_message(self, text: str, *, problem: bool = False) -> None:
        self.statusBar().setStyleSheet("color: #b00020; font-weight: bold;" if problem else "")
        self.statusBar().showMessage(text, STATUS_MS)

    def show_problem(self, text: str) -> None:
        self.show_message(text, problem=True)

    def closeEvent(self, event: QCloseEvent) -> None:
        lines = self.intake.model.rowCount()
        if lines and self.ask_before_closing:
            answer = QMessageBox.question(
                self,
                "Close Pantry Desk?",
                f"The donation on the Intake screen has {lines} unsaved line(s). Close and lose them?",
                QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Close:
                event.ignore()
                return
        super().closeEvent(event)
