"""The main window: a navigation list on the left, the screens in a stack, messages in the status bar.

It owns what the screens share: the stock actions (lot dialog, move, adjust, labels, release, undo) and the printing
desk. A stock change anywhere refreshes the Stock and Count screens.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeySequence, QShortcut
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
from ui.printing import Printing
from ui.screens.count import CountScreen
from ui.screens.households import HouseholdsScreen
from ui.screens.intake import IntakeScreen
from ui.screens.pickups import PickupsScreen
from ui.screens.reports import ReportsScreen
from ui.screens.stock import StockScreen
from ui.stock_actions import StockActions
from ui.widgets import LotScanCatcher

APP_TITLE = "Pantry Desk"
STATUS_MS = 15_000

# (label, shortcut) of every screen the navigation lists; those without a screen yet are shown as coming soon.
NAVIGATION = (
    ("Intake", "Ctrl+1"),
    ("Stock", "Ctrl+2"),
    ("Count", "Ctrl+3"),
    ("Pickups", "Ctrl+4"),
    ("Households", "Ctrl+5"),
    ("Reports", "Ctrl+6"),
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

        self.printing = Printing(runner, self)
        self.actions = StockActions(runner, self.printing, self)
        self.intake = IntakeScreen(runner, actions=self.actions)
        self.stock = StockScreen(runner, actions=self.actions)
        self.count = CountScreen(runner, self.printing)
        self.pickups = PickupsScreen(runner, self.printing)
        self.pickups.status.connect(self.show_message)
        self.households = HouseholdsScreen(runner)
        self.households.status.connect(self.show_message)
        self.reports = ReportsScreen(runner, self.printing)
        self.reports.status.connect(self.show_message)
        self.pickups.stock_changed.connect(lambda _text: self.stock_changed())
        self.intake.donation_saved.connect(lambda _saved: self.stock_changed())
        self.intake.status.connect(self.show_message)
        self.count.status.connect(self.show_message)
        self.count.stock_changed.connect(lambda text: (self.show_message(text), self.stock_changed()))
        self.stock.show_counts.connect(lambda: self.show_screen("Count"))
        self.actions.changed.connect(lambda _changed: self.stock_changed())
        self.actions.message.connect(self._action_message)
        self.actions.problem.connect(self._action_problem)
        self.printing.message.connect(self._action_message)
        self.printing.problem.connect(self._action_problem)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.intake)
        self.stack.addWidget(self.stock)
        self.stack.addWidget(self.count)
        self.stack.addWidget(self.pickups)
        self.stack.addWidget(self.households)
        self.stack.addWidget(self.reports)

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
        self.catcher = LotScanCatcher(self)
        self.catcher.lot_scanned.connect(self.actions.open_lot)
        self.catcher.watch(self.nav)
        self._build_menus()

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

    def _build_menus(self) -> None:
        edit = self.menuBar().addMenu("&Edit")
        self.undo_action = QAction("&Undo my last stock change", self)
        self.undo_action.setShortcut(QKeySequence("Ctrl+Shift+Z"))
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.undo_action.setToolTip("Take back the last move, adjustment, count or donation you made (within minutes)")
        self.undo_action.triggered.connect(self.undo_last_change)
        edit.addAction(self.undo_action)
        self.addAction(self.undo_action)

    def undo_last_change(self) -> None:
        screen = self.stack.currentWidget()
        self.actions.undo_last(after=lambda: self._refocus(screen))

    def _refocus(self, screen: QWidget) -> None:
        self.activateWindow()
        if screen is self.intake:
            self.intake.focus_scan()
        elif screen is self.stock:
            self.stock.focus_table()
        elif screen is self.count:
            self.count.focus_scan()
        elif screen is self.pickups:
            self.pickups.focus_scan()

    def stock_changed(self) -> None:
        """Something moved stock: the screens that show stock load it again."""
        self.stock.refresh()
        if self.pickups.isVisible():
            self.pickups.refresh()
        if self.count.isVisible():
            self.count.load_choices()

    def _action_message(self, text: str) -> None:
        self.show_message(text)
        if self.stack.currentWidget() is self.stock:
            self.stock.show_result(text)
        elif self.stack.currentWidget() is self.intake:
            self.intake.feedback.ok(text)

    def _action_problem(self, text: str) -> None:
        self.show_problem(text)
        if self.stack.currentWidget() is self.stock:
            self.stock.show_result(text, problem=True)
        elif self.stack.currentWidget() is self.intake:
            self.intake.feedback.error(text)

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
            elif self.stack.currentWidget() is self.stock:
                QTimer.singleShot(0, self.stock, self.stock.focus_table)
            elif self.stack.currentWidget() is self.pickups:
                self.pickups.refresh()
                QTimer.singleShot(0, self.pickups, self.pickups.focus_scan)
            elif self.stack.currentWidget() is self.households:
                self.households.find()
                QTimer.singleShot(0, self.households, self.households.focus_search)
            elif self.stack.currentWidget() is self.reports:
                self.reports.refresh()

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
        self.printing.abort_all()
        super().closeEvent(event)
