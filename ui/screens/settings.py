"""Settings: the pantry's name and address, people (users, PINs, idle lock, retention), backups, valuation and the
audit trail, each tab shown to the roles that may use it (the core checks again on every save); and this desk's own
language (kept in the desk's settings, not in the database: two desks on one pantry may speak differently).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from PySide6.QtCore import QDate, QProcess, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pantry import audit, i18n
from pantry.services import signin
from pantry.services.households import Forgotten
from pantry.services.permissions import role_word
from pantry.services.users import UserInfo
from ui import ask, settings_tasks
from ui import format as fmt
from ui.dialogs.users import AddUserDialog, PinDialog, RoleDialog
from ui.models.audit import AuditModel
from ui.ops import Runner
from ui.settings import desk_settings
from ui.text import LANGUAGE_KEY, N_, _, language, ngettext
from ui.widgets import MessageLine, heading

# The tabs' names are English msgids (tests and code find a tab by them), shown translated. A tab without an action is
# shown to everyone who sees the screen.
TABS = (N_("Pantry"), N_("People"), N_("Backups"), N_("Valuation"), N_("Audit"), N_("This desk"))
TAB_ACTIONS = {"Pantry": "settings", "People": "users", "Backups": "backup", "Valuation": "valuation", "Audit": "audit"}
AUDIT_DAYS = 30  # the audit tab opens on the last month
CURRENCY_EXAMPLE = "USD"  # an ISO 4217 code: the same in every language
# The desk's language choices: (code stored in the desk's settings, name); "" follows the system. The languages are
# named in their own words, as language menus do.
LANGUAGE_CHOICES = (("", N_("System (as this computer is set)")), *i18n.LANGUAGE_NAMES.items())
SPIN_TIPS = {
    "idle_lock_minutes": N_("Minutes without use before the window locks; 0: never ({low} to {high})"),
    "pin_lockout_after": N_("Wrong PINs in a row before a user is locked ({low} to {high})"),
    "retention_years": N_("Years without a visit before households' details are removed; 0: never ({low} to {high})"),
}


def restart_arguments(argv: list[str]) -> list[str]:
    """The arguments this process was started with (`sys.orig_argv`, without the interpreter), less a --lang that
    would overrule the language just chosen for the desk."""
    kept: list[str] = []
    skip = False
    for argument in argv[1:]:
        if skip:
            skip = False
        elif argument == "--lang":
            skip = True
        elif not argument.startswith("--lang="):
            kept.append(argument)
    return kept


def restart_app() -> None:
    """Start Pantry Desk again as it was started (the same interpreter and module, or the same bundled program), then
    quit this one."""
    from PySide6.QtWidgets import QApplication

    QProcess.startDetached(sys.executable, restart_arguments(list(sys.orig_argv)))
    QApplication.quit()


def _form_tab(explain: str) -> tuple[QWidget, QFormLayout, QHBoxLayout]:
    """A tab of fields: an explaining line, the fields, a row of buttons, then empty space."""
    tab = QWidget()
    layout = QVBoxLayout(tab)
    note = QLabel(explain)
    note.setWordWrap(True)
    layout.addWidget(note)
    form = QFormLayout()
    box = QWidget()
    box.setMaximumWidth(760)
    box.setLayout(form)
    layout.addWidget(box)
    buttons = QHBoxLayout()
    layout.addLayout(buttons)
    layout.addStretch(1)
    return tab, form, buttons


def _spin(key: str) -> QSpinBox:
    _default, low, high, what = signin.PEOPLE_SETTINGS[key]
    box = QSpinBox()
    box.setRange(low, high)
    box.setToolTip(_(SPIN_TIPS[key]).format(low=low, high=high) if key in SPIN_TIPS else what)
    box.setMaximumWidth(110)
    return box


class SettingsScreen(QWidget):
    status = Signal(str)
    restore_asked = Signal(object)  # Path of a checked backup
    people_changed = Signal()

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.data: settings_tasks.SettingsData | None = None
        self.choose_next = ""  # the user to choose once the list is read again (one just added)
        self.feedback = MessageLine()
        self.tabs = QTabWidget()
        self.pantry_tab = self._pantry_tab()
        self.people_tab = self._people_tab()
        self.backups_tab = self._backups_tab()
        self.valuation_tab = self._valuation_tab()
        self.audit_tab = self._audit_tab()
        self.desk_tab = self._desk_tab()
        tabs = (self.pantry_tab, self.people_tab, self.backups_tab, self.valuation_tab, self.audit_tab, self.desk_tab)
        for name, tab in zip(TABS, tabs, strict=True):
            self.tabs.addTab(tab, _(name))
        self.tabs.setAccessibleName(_("Settings"))
        self.tabs.setToolTip(_("Each tab holds one kind of setting (Ctrl+Tab: the next tab)"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Settings")))
        layout.addWidget(self.feedback)
        layout.addWidget(self.tabs, 1)

    # -- loading --------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.runner.run(settings_tasks.settings_data, on_done=self._show, owner=self)

    def tab_shown(self, name: str) -> bool:
        return self.tabs.isTabVisible(TABS.index(name))

    def _show(self, data: settings_tasks.SettingsData) -> None:
        self.data = data
        for number, name in enumerate(TABS):
            action = TAB_ACTIONS.get(name)
            self.tabs.setTabVisible(number, action is None or action in data.may)
        self.org_name.setText(data.org_name)
        self.address.setPlainText(data.address)
        self.tax_id.setText(data.tax_id)
        self.tax_id_label.setText(data.tax_id_label)
        self.idle_minutes.setValue(data.people["idle_lock_minutes"])
        self.lockout.setValue(data.people["pin_lockout_after"])
        self.retention.setValue(data.people["retention_years"])
        self._show_users(data.users)
        self.folder.setText(data.backup_folder)
        self.backup_list.clear()
        for found in data.backups:
            self.backup_list.addItem(
                _("{taken}   {name}   ({size} KB)").format(
                    taken=found.taken, name=found.name, size=fmt.number(found.size_kb)
                )
            )
        self.backup_now_button.setEnabled(data.is_sqlite)
        self.restore_button.setEnabled(data.is_sqlite and bool(data.database_file))
        rate = data.valuation
        self.currency.setText(rate.currency)
        self.rate.setText(f"{rate.rate_cents / 100:.2f}/{rate.per}" if rate.rate_cents else "")
        self.rate_year.setText(rate.year)
        self.rate_source.setText(rate.source)
        self.rate_now.setText(rate.description)
        chosen = self.audit_user.currentText()
        self.audit_user.clear()
        self.audit_user.addItem(_("Everyone"))
        self.audit_user.addItems(list(data.user_names))
        if chosen:
            self.audit_user.setCurrentText(chosen)
        if "audit" in data.may and not self.audit_model.rowCount():
            self.show_audit()

    def _run(self, fn: object, *args: object, after: object = None) -> None:
        """Run a save; its message goes to the feedback line and the status bar, then everything is read again."""

        def done(text: str) -> None:
            self.feedback.ok(text)
            self.status.emit(text)
            if after is not None:
                after()  # type: ignore[operator]
            self.refresh()

        self.runner.run(fn, *args, on_done=done, on_error=self._problem, owner=self)  # type: ignore[arg-type]

    def _problem(self, error: Exception) -> None:
        self.feedback.error(str(error))
        self.status.emit(str(error))

    # -- Pantry ---------------------------------------------------------------------------------------------------

    def _pantry_tab(self) -> QWidget:
        tab, form, buttons = _form_tab(_("Printed on labels, pickup sheets, reports and donor letters."))
        self.org_name = QLineEdit()
        self.org_name.setMaxLength(120)
        self.org_name.setToolTip(_("The pantry's name, as every document prints it"))
        self.address = QPlainTextEdit()
        self.address.setMaximumHeight(90)
        self.address.setPlaceholderText(_("Street\nTown, postcode"))
        self.address.setToolTip(_("The pantry's address, printed on reports and donor letters"))
        self.address.setTabChangesFocus(True)
        self.tax_id_label = QLineEdit()
        self.tax_id_label.setToolTip(_("What the tax id is called where the pantry is (EIN, charity number …)"))
        self.tax_id = QLineEdit()
        self.tax_id.setToolTip(_("The pantry's tax id, printed on donor letters"))
        save = QPushButton(_("Save the pantry's details"))
        save.setToolTip(_("Save the name, address and tax id"))
        save.clicked.connect(self.save_pantry)
        form.addRow(_("Pantry &name:"), self.org_name)
        form.addRow(_("&Address:"), self.address)
        form.addRow(_("Tax id is &called:"), self.tax_id_label)
        form.addRow(_("&Tax id:"), self.tax_id)
        buttons.addWidget(save)
        buttons.addStretch(1)
        return tab

    def save_pantry(self) -> None:
        self._run(
            settings_tasks.save_pantry,
            self.org_name.text(),
            self.address.toPlainText(),
            self.tax_id.text(),
            self.tax_id_label.text(),
        )

    # -- People ---------------------------------------------------------------------------------------------------

    def _people_tab(self) -> QWidget:
        tab = QWidget()
        self.users = QTableWidget(0, 4)
        self.users.setHorizontalHeaderLabels([_("Name"), _("Role"), _("PIN"), _("State")])
        self.users.setAccessibleName(_("Users"))
        self.users.setToolTip(_("Everyone who may use Pantry Desk; choose one, then a button below"))
        self.users.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.users.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.users.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.users.verticalHeader().hide()
        self.users.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.users.horizontalHeader().setStretchLastSection(True)
        buttons = QHBoxLayout()
        for text, tip, slot in (
            (_("Add a user…"), _("Add someone who may use Pantry Desk, with their role"), self.ask_add_user),
            (_("Change role…"), _("Change what the chosen user may do"), self.ask_role),
            (_("Set PIN…"), _("Give the chosen user a new PIN to sign in with"), self.ask_pin),
            (_("Unlock"), _("Let the chosen user, locked after wrong PINs, try again"), self.unlock_chosen),
            (
                _("Deactivate…"),
                _("The chosen user may no longer sign in; what they recorded keeps their name"),
                self.ask_deactivate,
            ),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.idle_minutes = _spin("idle_lock_minutes")
        self.lockout = _spin("pin_lockout_after")
        self.retention = _spin("retention_years")
        self.retention.setSpecialValueText(_("never"))
        self.idle_minutes.setSpecialValueText(_("never"))
        save = QPushButton(_("Save these settings"))
        save.setToolTip(_("Save the idle lock, the PIN lockout and how long households' details are kept"))
        save.clicked.connect(self.save_people)
        rules = QGroupBox(_("Sign-in and privacy"))
        form = QFormLayout(rules)
        form.addRow(_("&Lock the desk after (minutes without use):"), self.idle_minutes)
        form.addRow(_("Lock a &user after (wrong PINs in a row):"), self.lockout)
        form.addRow(_("&Forget households not seen in (years):"), self.retention)
        forget = QPushButton(_("Forget households not seen in that many years…"))
        forget.setToolTip(_("Removes their personal details; their visits still count in reports"))
        forget.clicked.connect(self.ask_forget_inactive)
        row = QHBoxLayout()
        row.addWidget(save)
        row.addWidget(forget)
        row.addStretch(1)
        form.addRow(row)

        layout = QVBoxLayout(tab)
        note = QLabel(
            _("Sign-in turns on once an admin has a PIN: from then on everyone signs in with their name and PIN.")
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self.users, 1)
        layout.addLayout(buttons)
        layout.addWidget(rules)
        return tab

    def _show_users(self, rows: tuple[UserInfo, ...]) -> None:
        chosen = self.choose_next or self.chosen_user()
        self.choose_next = ""
        self.users.setRowCount(len(rows))
        for number, user in enumerate(rows):
            state = _("left (inactive)") if not user.active else _("LOCKED: unlock") if user.locked else _("active")
            pin = _("set") if user.has_pin else _("none yet")
            for column, text in enumerate((user.name, role_word(user.role), pin, state)):
                self.users.setItem(number, column, QTableWidgetItem(text))
            if user.name == chosen:
                self.users.setCurrentCell(number, 0)

    def chosen_user(self) -> str:
        row = self.users.currentRow()
        item = self.users.item(row, 0) if row >= 0 else None
        return item.text() if item is not None else ""

    def choose_user(self, name: str) -> None:
        for row in range(self.users.rowCount()):
            if self.users.item(row, 0).text() == name:
                self.users.setCurrentCell(row, 0)
                return

    def _need_user(self) -> str:
        name = self.chosen_user()
        if not name:
            self.feedback.error(_("Choose a user in the list first."))
        return name

    def ask_add_user(self) -> None:
        dialog = AddUserDialog(self)
        if dialog.exec():
            self.add_user(*dialog.values())

    def add_user(self, name: str, role: str) -> None:
        self._run(
            settings_tasks.add_user, name, role, after=lambda: setattr(self, "choose_next", " ".join(name.split()))
        )

    def ask_role(self) -> None:
        name = self._need_user()
        if not name or self.data is None:
            return
        current = next((user.role for user in self.data.users if user.name == name), "volunteer")
        dialog = RoleDialog(name, current, self)
        if dialog.exec():
            self.set_role(name, dialog.value())

    def set_role(self, name: str, role: str) -> None:
        self._run(settings_tasks.set_role, name, role, after=self.people_changed.emit)

    def ask_pin(self) -> None:
        name = self._need_user()
        if name:
            dialog = PinDialog(name, self)
            if dialog.exec():
                self.set_pin(name, dialog.value())

    def set_pin(self, name: str, pin: str) -> None:
        self._run(settings_tasks.set_pin, name, pin, after=self.people_changed.emit)

    def unlock_chosen(self) -> None:
        name = self._need_user()
        if name:
            self._run(settings_tasks.unlock_user, name)

    def ask_deactivate(self) -> None:
        name = self._need_user()
        if name and ask.confirm(
            self,
            _("Deactivate this user?"),
            _("{name} will no longer be able to sign in. What they recorded keeps their name.").format(name=name),
            _("Deactivate {name}").format(name=name),
        ):
            self._run(settings_tasks.deactivate_user, name, after=self.people_changed.emit)

    def save_people(self) -> None:
        values: dict[str, int | None] = {
            "idle_lock_minutes": self.idle_minutes.value(),
            "pin_lockout_after": self.lockout.value(),
            "retention_years": self.retention.value(),
        }
        self._run(settings_tasks.save_people_settings, values, after=self.people_changed.emit)

    def ask_forget_inactive(self) -> None:
        years = self.retention.value()
        if years < 1:
            self.feedback.error(_("Set the years first (1 or more): households not seen that long are forgotten."))
            return
        self.runner.run(
            settings_tasks.households_not_seen,
            years,
            on_done=lambda codes: self._confirm_forget(years, codes),
            on_error=self._problem,
            owner=self,
        )

    def _confirm_forget(self, years: int, codes: list[str]) -> None:
        if not codes:
            self.feedback.ok(
                ngettext(
                    "Every household was seen in the last year: nothing to forget.",
                    "Every household was seen in the last {years} years: nothing to forget.",
                    years,
                ).format(years=years)
            )
            return
        shown = ", ".join(codes[:10])
        if len(codes) > 10:
            shown = _("{codes} and {more} more").format(codes=shown, more=len(codes) - 10)
        count = len(codes)
        if ask.confirm(
            self,
            _("Forget these households?"),
            ngettext(
                "{count} household was not seen in {years} years: {codes}.",
                "{count} households were not seen in {years} years: {codes}.",
                count,
            ).format(count=count, years=years, codes=shown)
            + "\n\n"
            + _(
                "Their names, phones, postcodes and notes are removed for good. Their visits and sizes stay, so "
                "reports keep the same numbers. This cannot be undone."
            ),
            ngettext("Forget {count} household", "Forget {count} households", count).format(count=count),
        ):
            self.forget_inactive(years)

    def forget_inactive(self, years: int) -> None:
        def done(found: Forgotten) -> None:
            self.feedback.ok(found.message)
            self.status.emit(found.message)

        self.runner.run(settings_tasks.forget_inactive, years, on_done=done, on_error=self._problem, owner=self)

    # -- Backups --------------------------------------------------------------------------------------------------

    def _backups_tab(self) -> QWidget:
        tab = QWidget()
        self.folder = QLineEdit()
        self.folder.setPlaceholderText(_("A USB stick or a synced folder is best"))
        self.folder.setToolTip(_("The folder the daily copies of this pantry go to"))
        choose = QPushButton(_("Choose…"))
        choose.setToolTip(_("Pick the backup folder in a file window"))
        choose.clicked.connect(self.choose_folder)
        use = QPushButton(_("Use this folder"))
        use.setToolTip(_("Keep the folder typed here for every copy from now on"))
        use.clicked.connect(lambda: self.set_folder(self.folder.text()))
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(choose)
        folder_row.addWidget(use)
        self.backup_now_button = QPushButton(_("Back up now"))
        self.backup_now_button.setToolTip(_("Make a copy of the pantry in the backup folder now"))
        self.backup_now_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton(_("Restore from a backup…"))
        self.restore_button.setToolTip(_("Put a backup copy back in place of everything in this pantry (asks first)"))
        self.restore_button.clicked.connect(self.choose_restore)
        actions = QHBoxLayout()
        actions.addWidget(self.backup_now_button)
        actions.addWidget(self.restore_button)
        actions.addStretch(1)
        self.backup_list = QListWidget()
        self.backup_list.setToolTip(_("The newest copies of this pantry in the backup folder"))
        layout = QVBoxLayout(tab)
        explain = QLabel(
            _(
                "A copy is made on the first start of each day and before every upgrade; the last 7 days, 5 weeks "
                "and 12 months are kept."
            )
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        folder_label = QLabel(_("Backup &folder:"))
        folder_label.setBuddy(self.folder)
        layout.addWidget(folder_label)
        layout.addLayout(folder_row)
        layout.addLayout(actions)
        copies_label = QLabel(_("Recent copies in that folder (newest first):"))
        copies_label.setBuddy(self.backup_list)
        layout.addWidget(copies_label)
        layout.addWidget(self.backup_list, 1)
        return tab

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Where should backups go?"), self.folder.text())
        if folder:
            self.set_folder(folder)

    def set_folder(self, folder: str) -> None:
        if not folder.strip():
            self.feedback.error(_("Backup folder: choose a folder first."))
            return
        self._call(settings_tasks.set_backup_folder, self.runner.database, folder)

    def backup_now(self) -> None:
        self._call(settings_tasks.backup_now, self.runner.database, label=_("Backing up…"))

    def _call(self, fn: object, *args: object, label: str = "") -> None:
        def done(text: str) -> None:
            self.feedback.ok(text)
            self.status.emit(text)
            self.refresh()

        self.runner.call(fn, *args, on_done=done, on_error=self._problem, owner=self, label=label)  # type: ignore[arg-type]

    def choose_restore(self) -> None:
        start = self.folder.text()
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Restore which backup?"), start, _("Pantry Desk backups (*.sqlite)")
        )
        if path:
            self.restore(Path(path))

    def restore(self, path: Path, *, confirmed: bool = False) -> None:
        self.runner.call(
            settings_tasks.check_restore,
            self.runner.database,
            path,
            on_done=lambda found: self._confirm_restore(found, confirmed),
            on_error=self._problem,
            owner=self,
        )

    def _confirm_restore(self, found: object, confirmed: bool) -> None:
        path: Path = found.path  # type: ignore[attr-defined]
        taken = found.taken_at  # type: ignore[attr-defined]
        if confirmed or ask.confirm(
            self,
            _("Restore this backup?"),
            _(
                "Replace everything in this pantry with the backup taken {taken} ({name})?\n\n"
                "Whatever was recorded since then is replaced; a copy of the pantry as it is now is kept in the backup "
                "folder first. Pantry Desk reopens the pantry afterwards."
            ).format(taken=taken, name=path.name),
            _("Restore the backup"),
        ):
            self.restore_asked.emit(path)

    # -- Valuation ------------------------------------------------------------------------------------------------

    def _valuation_tab(self) -> QWidget:
        tab, form, buttons = _form_tab(
            _("How goods of items without their own value are valued in reports; saved donations keep their value.")
        )
        self.rate_now = QLabel()
        self.rate_now.setWordWrap(True)
        self.currency = QLineEdit()
        self.currency.setMaxLength(3)
        self.currency.setPlaceholderText(CURRENCY_EXAMPLE)
        self.currency.setToolTip(_("The three-letter code of the pantry's currency (USD, CAD, MXN …)"))
        self.rate = QLineEdit()
        self.rate.setPlaceholderText(_("e.g. 1.67/lb or 3.68/kg; empty: no default value"))
        self.rate.setToolTip(_("The value of a lb or kg of goods whose item has no value of its own"))
        self.rate_year = QLineEdit()
        self.rate_year.setMaxLength(4)
        self.rate_year.setToolTip(_("The year that value is for"))
        self.rate_source = QLineEdit()
        self.rate_source.setPlaceholderText(_("e.g. Feeding America, Product Valuation Study"))
        self.rate_source.setToolTip(_("Where the value comes from, printed under the reports that use it"))
        save = QPushButton(_("Save valuation"))
        save.setToolTip(_("Save the currency and the default value"))
        save.clicked.connect(self.save_valuation)
        form.addRow(self.rate_now)
        form.addRow(_("&Currency:"), self.currency)
        form.addRow(_("Default &value per lb or kg:"), self.rate)
        form.addRow(_("&Year of that value:"), self.rate_year)
        form.addRow(_("&Where it comes from:"), self.rate_source)
        buttons.addWidget(save)
        buttons.addStretch(1)
        return tab

    def save_valuation(self) -> None:
        self._run(
            settings_tasks.save_valuation,
            self.currency.text(),
            self.rate.text(),
            self.rate_year.text(),
            self.rate_source.text(),
        )

    # -- This desk ------------------------------------------------------------------------------------------------

    def _desk_tab(self) -> QWidget:
        tab, form, buttons = _form_tab(
            _("What this computer's Pantry Desk shows; another desk on the same pantry may choose differently.")
        )
        self.language_box = QComboBox()
        for code, name in LANGUAGE_CHOICES:
            self.language_box.addItem(_(name) if not code else name, code)
        self.language_box.setToolTip(_("The language of this desk's window and printouts (from the next start)"))
        chosen = str(desk_settings().value(LANGUAGE_KEY, "") or "")
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(i18n.supported(chosen) or "")))
        self.language_box.currentIndexChanged.connect(lambda _index: self.save_language())
        form.addRow(_("This desk's &language:"), self.language_box)
        self.language_note = QLabel()
        self.language_note.setWordWrap(True)
        form.addRow(self.language_note)
        self.restart_button = QPushButton(_("Restart now"))
        self.restart_button.setToolTip(_("Close Pantry Desk and start it again in the chosen language"))
        self.restart_button.clicked.connect(self.restart_now)
        buttons.addWidget(self.restart_button)
        buttons.addStretch(1)
        self._language_note()
        return tab

    def save_language(self) -> None:
        """Keep the chosen language in the desk's settings; the window reads it at the next start."""
        code = str(self.language_box.currentData() or "")
        settings = desk_settings()
        settings.setValue(LANGUAGE_KEY, code)
        settings.sync()
        self._language_note()
        self.status.emit(self.language_note.text())

    def _language_note(self) -> None:
        code = str(self.language_box.currentData() or "")
        wanted = code or i18n.system_language() or i18n.ENGLISH
        if wanted == language():
            self.language_note.setText(_("The window is in this language now."))
        elif not code:
            self.language_note.setText(
                _(
                    "This desk follows the system's language ({language}) from the next start of Pantry Desk (or "
                    "Restart now)."
                ).format(language=i18n.LANGUAGE_NAMES.get(wanted, wanted))
            )
        else:
            self.language_note.setText(
                _("{language} takes effect at the next start of Pantry Desk (or Restart now).").format(
                    language=i18n.LANGUAGE_NAMES.get(wanted, wanted)
                )
            )
        self.restart_button.setEnabled(wanted != language())

    def restart_now(self) -> None:
        """Close the window (it asks about unsaved work, as on any close); when it closed, start again."""
        window = self.window()
        if window is not self and not window.close():
            return
        restart_app()

    # -- Audit ----------------------------------------------------------------------------------------------------

    def _audit_tab(self) -> QWidget:
        tab = QWidget()
        today = QDate.currentDate()
        self.audit_from = QDateEdit(today.addDays(-AUDIT_DAYS))
        self.audit_to = QDateEdit(today)
        for edit in (self.audit_from, self.audit_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(fmt.date_edit_format())
        self.audit_from.setToolTip(_("The first day of changes to show"))
        self.audit_to.setToolTip(_("The last day of changes to show"))
        self.audit_user = QComboBox()
        self.audit_user.setMinimumContentsLength(14)
        self.audit_user.setToolTip(_("Show the changes of everyone, or of one user"))
        show = QPushButton(_("Show"))
        show.setToolTip(_("Show the changes of these days by this user"))
        show.clicked.connect(self.show_audit)
        export = QPushButton(_("Export CSV…"))
        export.setToolTip(_("Save the changes shown as a CSV file, for a spreadsheet"))
        export.clicked.connect(self.ask_export_audit)
        row = QHBoxLayout()
        for text, field in (
            (_("&From"), self.audit_from),
            (_("to"), self.audit_to),
            (_("&by"), self.audit_user),
        ):
            caption = QLabel(text)
            caption.setBuddy(field)
            row.addWidget(caption)
            row.addWidget(field)
        row.addWidget(show)
        row.addStretch(1)
        row.addWidget(export)
        self.audit_model = AuditModel(self)
        self.audit_table = QTableView()
        self.audit_table.setModel(self.audit_model)
        self.audit_table.setAccessibleName(_("Audit trail"))
        self.audit_table.setToolTip(_("Every change, newest first; point at a long before/after to read it all"))
        self.audit_table.verticalHeader().hide()
        self.audit_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.audit_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.audit_table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((150, 100, 150, 180, 230)):
            self.audit_table.setColumnWidth(column, width)
        self.audit_count = QLabel()
        layout = QVBoxLayout(tab)
        layout.addWidget(
            QLabel(_("Every change: who made it, when, and for master data what it was before and after."))
        )
        layout.addLayout(row)
        layout.addWidget(self.audit_table, 1)
        layout.addWidget(self.audit_count)
        return tab

    def audit_filter(self) -> tuple[dt.date, dt.date, str | None]:
        user = self.audit_user.currentText() if self.audit_user.currentIndex() > 0 else None
        return self.audit_from.date().toPython(), self.audit_to.date().toPython(), user  # type: ignore[return-value]

    def show_audit(self) -> None:
        start, end, user = self.audit_filter()
        self.runner.run(
            settings_tasks.audit_entries, start, end, user, on_done=self._show_audit, on_error=self._problem, owner=self
        )

    def _show_audit(self, rows: list[audit.Entry]) -> None:
        newest_first = list(reversed(rows))
        self.audit_model.set_rows(newest_first)
        self.audit_count.setText(
            ngettext(
                "{count} change, newest first. Point at a long before/after to read it all.",
                "{count} changes, newest first. Point at a long before/after to read it all.",
                len(rows),
            ).format(count=fmt.number(len(rows)))
        )

    def ask_export_audit(self) -> None:
        start, end, _user = self.audit_filter()
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export the audit trail"), f"audit-{start}-{end}.csv", _("CSV files (*.csv)")
        )
        if path:
            self.export_audit(Path(path))

    def export_audit(self, path: Path) -> None:
        rows = list(reversed(self.audit_model.rows()))
        path.write_text(settings_tasks.audit_csv(rows), encoding="utf-8")
        text = ngettext(
            "Exported {count} audit line to {path}.", "Exported {count} audit lines to {path}.", len(rows)
        ).format(count=len(rows), path=path)
        self.feedback.ok(text)
        self.status.emit(text)
