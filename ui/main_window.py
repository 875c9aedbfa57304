"""The main window: a navigation list on the left, the screens in a stack, messages in the status bar.

It owns what the screens share: the stock actions (lot dialog, move, adjust, labels, release, undo) and the printing
desk. A stock change anywhere refreshes the Stock and Count screens.

Who works at the desk: the window's first operation (`settings_tasks.start_desk`) binds the database's sessions. With
PINs on, the desk starts locked - the sign-in panel covers the screens until someone signs in, and every core call
before that is refused - and Lock (Ctrl+Shift+L) or idle minutes lock it again. With PINs off it works as the first
admin. Screens and buttons a role may not use are disabled (`permissions.allowed`); the core refuses them anyway.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QFontMetrics, QKeySequence, QPaintEvent, QShortcut
from PySide6.QtWidgets import (
    QDialog,
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

from pantry.i18n import _ as core_text
from pantry.network_share import network_share_warning
from pantry.services.permissions import role_word
from ui import settings_tasks, tasks
from ui.crash import show_crash_dialog
from ui.dialogs.sign_in import SignInPanel
from ui.guide import shortcuts
from ui.guide.palette import problem_colour
from ui.idle import IdleWatch
from ui.ops import Runner
from ui.screens.intake import IntakeScreen
from ui.stock_actions import StockActions
from ui.text import N_, _, ngettext
from ui.widgets import LotScanCatcher

if TYPE_CHECKING:  # built on first visit (their modules too): see MainWindow._screen
    from ui.dialogs.about import AboutDialog, AboutFacts
    from ui.printing import Printing
    from ui.screens.count import CountScreen
    from ui.screens.households import HouseholdsScreen
    from ui.screens.pickups import PickupsScreen
    from ui.screens.reports import ReportsScreen
    from ui.screens.settings import SettingsScreen
    from ui.screens.stock import StockScreen

APP_TITLE = "Pantry Desk"
STATUS_MS = 15_000

# (label, shortcut) of every screen the navigation lists, in order.
NAVIGATION = (
    (N_("Intake"), "Ctrl+1"),
    (N_("Stock"), "Ctrl+2"),
    (N_("Count"), "Ctrl+3"),
    (N_("Pickups"), "Ctrl+4"),
    (N_("Households"), "Ctrl+5"),
    (N_("Reports"), "Ctrl+6"),
    (N_("Settings"), "Ctrl+7"),
)  # the labels are the screens' names in code too; translated where shown
# What a role needs to open a screen (screens not named here: everyone who signed in).
SCREEN_ACTIONS = {"Reports": "reports", "Settings": "valuation"}
LOCK_KEYS = "Ctrl+Shift+L"


# The core's refusal while nobody has signed in (pantry.services.permissions.require), in English; its first words
# ("sign in:") in the desk's language come from the core's catalogue.
LOCKED_REFUSAL = "sign in: PINs are on, so only a signed-in user may {doing} (pantry --user NAME ...)"


def _sign_in_prefixes() -> tuple[str, ...]:
    translated = core_text(LOCKED_REFUSAL).partition(":")[0]
    return ("sign in:", f"{translated}:")


class MainWindow(QMainWindow):
    restore_asked = Signal(object)  # Path of a checked backup: the app closes this window, restores and reopens
    first_painted = Signal()  # once, after the window's first paint: work that may wait until the desk is on screen

    def __init__(self, runner: Runner, *, sample: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.sample = sample
        self.org_name = ""
        self.ask_before_closing = True  # tests turn this off: a question box would wait for an answer
        self.desk: settings_tasks.Desk | None = None  # who works here; None until the first operation answers
        self.locked = True  # until start_desk says who works here
        self._painted = False
        self.about_dialog: AboutDialog | None = None
        runner.dialog_parent = self
        self.resize(1200, 750)
        if runner.database is not None:  # first of all: every later operation acts as whoever this desk has
            runner.run(settings_tasks.start_desk, runner.database.sessions, on_done=self._desk_started, owner=self)
        self.idle = IdleWatch(self)
        self.idle.idle.connect(self._idle_lock)

        self._printing: Printing | None = None  # the printing desk, made the first time something prints
        self._may_forget = False  # the Households screen's Forget button, for when that screen is built
        self.actions = StockActions(runner, lambda: self.printing, self)
        self.actions.changed.connect(lambda _changed: self.stock_changed())
        self.actions.message.connect(self._action_message)
        self.actions.problem.connect(self._action_problem)
        # Each screen is built the first time it is shown (and its module imported then: the Reports screen alone
        # brings ReportLab and the charts); until then its place in the stack holds an empty widget. The Intake
        # screen, the first one people see, is built with the window.
        self._screens: dict[str, QWidget] = {}
        self.stack = QStackedWidget()
        for _label, _keys in NAVIGATION:
            self.stack.addWidget(QWidget())
        self._screen("Intake")

        self.nav = QListWidget()
        font = QFont(self.nav.font())
        font.setPointSize(font.pointSize() + 3)
        self.nav.setFont(font)
        self.nav.setSpacing(4)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setAccessibleName(_("Screens"))
        self.nav.setToolTip(_("The desk's screens: click one, or press its keys (Ctrl+1 to Ctrl+7)"))
        for number, (label, keys) in enumerate(NAVIGATION):
            item = QListWidgetItem(_(label))
            item.setToolTip(_("{screen} ({keys})").format(screen=_(label), keys=keys))
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(lambda row=number: self.go_to(row))
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._navigate)
        # as wide as its longest screen name in the desk's language and font (not a fixed 150 px: at 200% that alone
        # is a sixth of a full-HD screen)
        widest = max(QFontMetrics(font).horizontalAdvance(self.nav.item(row).text()) for row in range(self.nav.count()))
        self.nav.setFixedWidth(widest + 4 * self.nav.spacing() + 2 * self.nav.frameWidth() + 16)
        self.catcher = LotScanCatcher(self)
        self.catcher.lot_scanned.connect(self.actions.open_lot)
        self.catcher.watch(self.nav)
        self._build_menus()
        shortcuts.install(self)  # F1: the keys of the screen in front and of the window

        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(6, 6, 6, 0)
        if sample:
            banner = QLabel(_("Sample pantry: practice data for trying things out. Your real pantry is not touched."))
            banner.setStyleSheet("background: #fff3c4; color: #5d4200; padding: 6px; font-weight: bold;")
            column.addWidget(banner)
        column.addWidget(body, 1)
        self.sign_in = SignInPanel()
        self.sign_in.sign_in_asked.connect(self._sign_in)
        self.pages = QStackedWidget()
        self.pages.addWidget(central)
        self.pages.addWidget(self.sign_in)
        self.desk_page = central
        self.desk_page.setEnabled(False)  # until start_desk answers
        self.setCentralWidget(self.pages)

        self.status_label = QLabel()
        self.user_label = QLabel()
        self.user_label.setStyleSheet("font-weight: bold; padding: 0 8px;")
        self.statusBar().addPermanentWidget(self.status_label)
        self.statusBar().addPermanentWidget(self.user_label)
        runner.user_error.connect(self.show_problem)
        runner.message.connect(self.show_message)
        runner.crashed.connect(self._crashed)  # methods, not lambdas: a window closed for a restore lets go of them
        runner.busy_changed.connect(self._busy)

        self._update_title()
        self.nav.setCurrentRow(0)
        runner.run(tasks.pantry_facts, on_done=self._set_facts, owner=self)
        if runner.database is not None:
            warning = network_share_warning(runner.database.url)
            if warning:
                QTimer.singleShot(0, self, lambda: self.show_problem(warning))

    # -- the screens, each built on its first visit ----------------------------------------------------------------

    def _screen(self, name: str) -> QWidget:
        """The screen called `name` (a NAVIGATION label), built now if it has not been yet."""
        screen = self._screens.get(name)
        if screen is None:
            screen = self._screens[name] = self._build_screen(name)
            row = [label for label, _keys in NAVIGATION].index(name)
            placeholder = self.stack.widget(row)
            shown = self.stack.currentIndex() == row
            self.stack.insertWidget(row, screen)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            if shown:
                self.stack.setCurrentIndex(row)
        return screen

    def built(self, name: str) -> QWidget | None:
        """The screen called `name` if it has been built (a screen never shown has nothing to refresh)."""
        return self._screens.get(name)

    def _build_screen(self, name: str) -> QWidget:
        runner = self.runner
        if name == "Intake":
            intake = IntakeScreen(runner, actions=self.actions)
            intake.donation_saved.connect(lambda _saved: self.stock_changed())
            intake.status.connect(self.show_message)
            return intake
        if name == "Stock":
            from ui.screens.stock import StockScreen

            stock = StockScreen(runner, actions=self.actions)
            stock.show_counts.connect(lambda: self.show_screen("Count"))
            return stock
        if name == "Count":
            from ui.screens.count import CountScreen

            count = CountScreen(runner, self.printing)
            count.status.connect(self.show_message)
            count.stock_changed.connect(lambda text: (self.show_message(text), self.stock_changed()))
            return count
        if name == "Pickups":
            from ui.screens.pickups import PickupsScreen

            pickups = PickupsScreen(runner, self.printing)
            pickups.status.connect(self.show_message)
            pickups.stock_changed.connect(lambda _text: self.stock_changed())
            return pickups
        if name == "Households":
            from ui.screens.households import HouseholdsScreen

            households = HouseholdsScreen(runner)
            households.status.connect(self.show_message)
            households.forgotten.connect(lambda _codes: self._refresh_if_shown("Reports"))
            households.set_may_forget(self._may_forget)
            return households
        if name == "Reports":
            from ui.screens.reports import ReportsScreen

            reports = ReportsScreen(runner, self.printing)
            reports.status.connect(self.show_message)
            return reports
        if name == "Settings":
            from ui.screens.settings import SettingsScreen

            settings = SettingsScreen(runner)
            settings.status.connect(self.show_message)
            settings.restore_asked.connect(self.restore_asked)
            settings.people_changed.connect(self._people_changed)
            return settings
        raise ValueError(f"no screen called {name!r}")

    @property
    def intake(self) -> IntakeScreen:
        return cast("IntakeScreen", self._screen("Intake"))

    @property
    def stock(self) -> StockScreen:
        return cast("StockScreen", self._screen("Stock"))

    @property
    def count(self) -> CountScreen:
        return cast("CountScreen", self._screen("Count"))

    @property
    def pickups(self) -> PickupsScreen:
        return cast("PickupsScreen", self._screen("Pickups"))

    @property
    def households(self) -> HouseholdsScreen:
        return cast("HouseholdsScreen", self._screen("Households"))

    @property
    def reports(self) -> ReportsScreen:
        return cast("ReportsScreen", self._screen("Reports"))

    @property
    def settings(self) -> SettingsScreen:
        return cast("SettingsScreen", self._screen("Settings"))

    @property
    def printing(self) -> Printing:
        """The printing desk (PDF previews, the print dialog), made the first time something prints."""
        if self._printing is None:
            from ui.printing import Printing

            self._printing = Printing(self.runner, self)
            self._printing.message.connect(self._action_message)
            self._printing.problem.connect(self._action_problem)
        return self._printing

    def _refresh_if_shown(self, name: str) -> None:
        screen = self.built(name)
        if screen is not None and screen.isVisible():
            screen.refresh()  # type: ignore[attr-defined]

    def _crashed(self, summary: str, trace: str) -> None:
        show_crash_dialog(self, summary, trace)

    def _busy(self, busy: bool) -> None:
        self.status_label.setText(_("Working…") if busy else "")

    def _build_menus(self) -> None:
        desk = self.menuBar().addMenu(_("&Desk"))
        self.lock_action = QAction(_("&Lock / switch user"), self)
        self.lock_action.setShortcut(QKeySequence(LOCK_KEYS))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.lock_action.setToolTip(_("Lock the desk: the next person signs in with their own PIN"))
        self.lock_action.triggered.connect(lambda: self.lock())
        desk.addAction(self.lock_action)
        self.addAction(self.lock_action)
        edit = self.menuBar().addMenu(_("&Edit"))
        self.undo_action = QAction(_("&Undo my last stock change"), self)
        self.undo_action.setShortcut(QKeySequence("Ctrl+Shift+Z"))
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.undo_action.setToolTip(
            _("Take back the last move, adjustment, count or donation you made (within minutes)")
        )
        self.undo_action.triggered.connect(self.undo_last_change)
        edit.addAction(self.undo_action)
        self.addAction(self.undo_action)
        help_menu = self.menuBar().addMenu(_("&Help"))
        self.about_action = QAction(_("&About Pantry Desk"), self)
        self.about_action.setToolTip(_("The version, the pantry and the database in use, and the licence"))
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    def show_about(self) -> None:
        from ui.dialogs import about

        self.runner.run(about.about_facts, on_done=self._about, owner=self)

    def _about(self, facts: AboutFacts) -> None:
        from ui.dialogs.about import AboutDialog

        self.about_dialog = AboutDialog(facts, self)
        self.about_dialog.open()

    # -- who works at the desk ------------------------------------------------------------------------------------

    def _desk_started(self, desk: settings_tasks.Desk) -> None:
        if desk.user is None:
            self._show_locked(desk, "")
        else:
            self._unlock(desk)

    def lock(self, note: str = "") -> None:
        """Lock / switch user: the sign-in panel returns and nobody acts here until the next sign-in."""
        if self.desk is not None and not self.desk.pins:
            self.show_message(
                _("Sign-in is off: give an admin a PIN (Settings > People > Set PIN…) to lock the desk between users.")
            )
            return
        if self.runner.database is None or (self.locked and self.desk is not None):
            return
        self.locked = True
        self.idle.stop()
        self._close_dialogs()
        self.desk_page.setEnabled(False)
        self.pages.setCurrentWidget(self.sign_in)
        self.runner.call(
            settings_tasks.lock_desk, self.runner.database.sessions, on_done=lambda desk: self._show_locked(desk, note)
        )

    def _close_dialogs(self) -> None:
        """A dialog left open would show the next person what the last one was doing: close them (unsaved input in a
        dialog is lost; the intake lines stay)."""
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()

    def _idle_lock(self) -> None:
        if not self.locked and self.desk is not None and self.desk.pins:
            minutes = self.desk.idle_minutes
            self.lock(
                ngettext(
                    "Locked after {minutes} minute without use.", "Locked after {minutes} minutes without use.", minutes
                ).format(minutes=minutes)
            )

    def _show_locked(self, desk: settings_tasks.Desk, note: str) -> None:
        previous = self.desk.user.name if self.desk is not None and self.desk.user is not None else ""
        self.desk = desk
        self.locked = True
        self.idle.stop()
        self.desk_page.setEnabled(False)
        self.lock_action.setEnabled(False)
        self.undo_action.setEnabled(False)
        self.pages.setCurrentWidget(self.sign_in)
        self.sign_in.set_names(desk.names, previous)
        self.sign_in.reset(note)
        self._update_title()

    def _sign_in(self, name: str, pin: str) -> None:
        if self.runner.database is None:
            return
        self.runner.call(
            settings_tasks.sign_in_desk,
            self.runner.database.sessions,
            name,
            pin,
            on_done=self._unlock,
            on_error=lambda error: self.sign_in.show_problem(str(error)),
        )

    def _unlock(self, desk: settings_tasks.Desk) -> None:
        changed = self.desk is None or self.desk.user != desk.user
        self.desk = desk
        self.locked = False
        self.desk_page.setEnabled(True)
        self.pages.setCurrentWidget(self.desk_page)
        self.lock_action.setEnabled(desk.pins)
        self._apply_role(desk.actions)
        self.idle.set_limit_ms(desk.idle_minutes * 60_000 if desk.pins else 0)
        self._update_title()
        if desk.pins and desk.user is not None:
            self.show_message(
                _("Signed in as {name}. Lock the desk when you leave ({keys}).").format(
                    name=desk.user.name, keys=LOCK_KEYS
                )
            )
        if changed:
            self._navigate(self.nav.currentRow())

    def _apply_role(self, actions: frozenset[str]) -> None:
        """Disable the screens and buttons this role may not use (the core refuses them anyway)."""
        for number, (label, keys) in enumerate(NAVIGATION):
            item = self.nav.item(number)
            needed = SCREEN_ACTIONS.get(label)
            if needed is None or needed in actions:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                item.setToolTip(_("{screen} ({keys})").format(screen=_(label), keys=keys))
            else:
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                item.setToolTip(_("{screen}: not for your role").format(screen=_(label)))
        self.undo_action.setEnabled("undo" in actions)
        self._may_forget = "household.forget" in actions
        households = self.built("Households")
        if households is not None:
            cast("HouseholdsScreen", households).set_may_forget(self._may_forget)
        current = self.nav.item(self.nav.currentRow())
        if current is not None and not current.flags() & Qt.ItemFlag.ItemIsEnabled:
            self.nav.setCurrentRow(0)

    def may_open(self, row: int) -> bool:
        item = self.nav.item(row)
        return not self.locked and item is not None and bool(item.flags() & Qt.ItemFlag.ItemIsEnabled)

    def go_to(self, row: int) -> None:
        if self.may_open(row):
            self.nav.setCurrentRow(row)

    def _people_changed(self) -> None:
        """Users or their settings changed in Settings: the idle time may have, and sign-in may have been turned on."""
        if self.runner.database is not None and not self.locked:
            self.runner.run(settings_tasks.start_desk_again, self.runner.database.sessions, on_done=self._refreshed)

    def _refreshed(self, desk: settings_tasks.Desk) -> None:
        if not self.locked:
            self.desk = desk
            self.idle.set_limit_ms(desk.idle_minutes * 60_000 if desk.pins else 0)
            self._apply_role(desk.actions)
            self._update_title()

    def undo_last_change(self) -> None:
        screen = self.stack.currentWidget()
        self.actions.undo_last(after=lambda: self._refocus(screen))

    def _refocus(self, screen: QWidget) -> None:
        self.activateWindow()
        if screen is self.built("Stock"):
            self.stock.focus_table()
        elif screen in (self.built("Intake"), self.built("Count"), self.built("Pickups")):
            screen.focus_scan()  # type: ignore[attr-defined]

    def stock_changed(self) -> None:
        """Something moved stock: the screens that show stock load it again (when shown; each loads when shown)."""
        stock = self.built("Stock")
        if stock is not None:
            cast("StockScreen", stock).refresh()
        self._refresh_if_shown("Pickups")
        count = self.built("Count")
        if count is not None and count.isVisible():
            cast("CountScreen", count).load_choices()

    def _action_message(self, text: str) -> None:
        self.show_message(text)
        if self.stack.currentWidget() is self.built("Stock"):
            self.stock.show_result(text)
        elif self.stack.currentWidget() is self.built("Intake"):
            self.intake.feedback.ok(text)

    def _action_problem(self, text: str) -> None:
        self.show_problem(text)
        if self.stack.currentWidget() is self.built("Stock"):
            self.stock.show_result(text, problem=True)
        elif self.stack.currentWidget() is self.built("Intake"):
            self.intake.feedback.error(text)

    def _set_facts(self, facts: tasks.PantryFacts) -> None:
        self.org_name = facts.org_name
        self._update_title()

    def _update_title(self) -> None:
        parts = [self.org_name] if self.org_name else []
        parts.append(APP_TITLE)
        if self.sample:
            parts.append(_("Sample pantry"))
        user = self.desk.user if self.desk is not None else None
        if self.locked:
            parts.append(_("Locked"))
            self.user_label.setText(_("Locked: sign in to use the desk"))
        elif user is not None and self.desk is not None and self.desk.pins:
            role = role_word(user.role)
            parts.append(f"{user.name} ({role})")
            self.user_label.setText(
                _("Signed in: {name} ({role})  ·  Lock: {keys}").format(name=user.name, role=role, keys=LOCK_KEYS)
            )
        elif user is not None:
            self.user_label.setText(_("Working as {name} (sign-in is off)").format(name=user.name))
        self.setWindowTitle(" — ".join(parts))

    def _navigate(self, row: int) -> None:
        if self.locked:
            return
        if 0 <= row < len(NAVIGATION):
            name = NAVIGATION[row][0]
            self._screen(name)
            self.stack.setCurrentIndex(row)
            if name == "Intake":
                QTimer.singleShot(0, self.intake, self.intake.focus_scan)
            elif name == "Stock":
                QTimer.singleShot(0, self.stock, self.stock.focus_table)
            elif name == "Pickups":
                self.pickups.refresh()
                QTimer.singleShot(0, self.pickups, self.pickups.focus_scan)
            elif name == "Households":
                self.households.find()
                QTimer.singleShot(0, self.households, self.households.focus_search)
            elif name == "Reports":
                self.reports.refresh()
            elif name == "Settings":
                self.settings.refresh()

    def show_screen(self, name: str) -> None:
        labels = [label for label, _keys in NAVIGATION]
        self.nav.setCurrentRow(labels.index(name))

    def show_message(self, text: str, *, problem: bool = False) -> None:
        if self.locked and problem and text.startswith(_sign_in_prefixes()):
            return  # a screen's load refused while locked: the sign-in panel says what to do
        # The bar's own text only (its permanent labels keep theirs), in a red that reads on the theme's background.
        red = problem_colour(self.palette()).name()
        self.statusBar().setStyleSheet(f"QStatusBar {{ color: {red}; font-weight: bold; }}" if problem else "")
        self.statusBar().showMessage(text, STATUS_MS)

    def show_problem(self, text: str) -> None:
        self.show_message(text, problem=True)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self.first_painted.emit)

    def closeEvent(self, event: QCloseEvent) -> None:
        lines = self.intake.model.rowCount()
        if lines and self.ask_before_closing:
            answer = QMessageBox.question(
                self,
                _("Close Pantry Desk?"),
                ngettext(
                    "The donation on the Intake screen has {count} unsaved line. Close and lose it?",
                    "The donation on the Intake screen has {count} unsaved lines. Close and lose them?",
                    lines,
                ).format(count=lines),
                QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Close:
                event.ignore()
                return
        if self._printing is not None:
            self._printing.abort_all()
        self.idle.stop()
        self.idle.uninstall()
        super().closeEvent(event)
