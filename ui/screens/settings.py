"""Settings: the pantry's name and address, people (users, PINs, idle lock, retention), backups, valuation and the
audit trail, each tab shown to the roles that may use it (the core checks again on every save).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Signal
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

from pantry import audit
from pantry.services import signin
from pantry.services.households import Forgotten
from pantry.services.users import UserInfo
from ui import ask, settings_tasks
from ui.dialogs.users import AddUserDialog, PinDialog, RoleDialog
from ui.models.audit import AuditModel
from ui.ops import Runner
from ui.widgets import MessageLine, heading

TABS = ("Pantry", "People", "Backups", "Valuation", "Audit")
TAB_ACTIONS = {"Pantry": "settings", "People": "users", "Backups": "backup", "Valuation": "valuation", "Audit": "audit"}
AUDIT_DAYS = 30  # the audit tab opens on the last month


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
    box.setToolTip(f"{what} ({low} to {high})")
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
        for name, tab in zip(
            TABS, (self.pantry_tab, self.people_tab, self.backups_tab, self.valuation_tab, self.audit_tab), strict=True
        ):
            self.tabs.addTab(tab, name)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Settings"))
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
            self.tabs.setTabVisible(number, TAB_ACTIONS[name] in data.may)
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
            self.backup_list.addItem(f"{found.taken}   {found.name}   ({found.size_kb:,} KB)")
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
        self.audit_user.addItem("Everyone")
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
        tab, form, buttons = _form_tab("Printed on labels, pickup sheets, reports and donor letters.")
        self.org_name = QLineEdit()
        self.org_name.setMaxLength(120)
        self.address = QPlainTextEdit()
        self.address.setMaximumHeight(90)
        self.address.setPlaceholderText("Street\nTown, postcode")
        self.tax_id_label = QLineEdit()
        self.tax_id = QLineEdit()
        save = QPushButton("Save the pantry's details")
        save.clicked.connect(self.save_pantry)
        form.addRow("Pantry name:", self.org_name)
        form.addRow("Address:", self.address)
        form.addRow("Tax id is called:", self.tax_id_label)
        form.addRow("Tax id:", self.tax_id)
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
        self.users.setHorizontalHeaderLabels(["Name", "Role", "PIN", "State"])
        self.users.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.users.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.users.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.users.verticalHeader().hide()
        self.users.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.users.horizontalHeader().setStretchLastSection(True)
        buttons = QHBoxLayout()
        for text, slot in (
            ("Add a user…", self.ask_add_user),
            ("Change role…", self.ask_role),
            ("Set PIN…", self.ask_pin),
            ("Unlock", self.unlock_chosen),
            ("Deactivate…", self.ask_deactivate),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.idle_minutes = _spin("idle_lock_minutes")
        self.lockout = _spin("pin_lockout_after")
        self.retention = _spin("retention_years")
        self.retention.setSpecialValueText("never")
        self.idle_minutes.setSpecialValueText("never")
        save = QPushButton("Save these settings")
        save.clicked.connect(self.save_people)
        rules = QGroupBox("Sign-in and privacy")
        form = QFormLayout(rules)
        form.addRow("Lock the desk after (minutes without use):", self.idle_minutes)
        form.addRow("Lock a user after (wrong PINs in a row):", self.lockout)
        form.addRow("Forget households not seen in (years):", self.retention)
        forget = QPushButton("Forget households not seen in that many years…")
        forget.setToolTip("Removes their personal details; their visits still count in reports")
        forget.clicked.connect(self.ask_forget_inactive)
        row = QHBoxLayout()
        row.addWidget(save)
        row.addWidget(forget)
        row.addStretch(1)
        form.addRow(row)

        layout = QVBoxLayout(tab)
        note = QLabel(
            "Sign-in turns on once an admin has a PIN: from then on everyone signs in with their name and PIN."
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
            state = "left (inactive)" if not user.active else "LOCKED: unlock" if user.locked else "active"
            for column, text in enumerate(
                (user.name, user.role.replace("_", " "), "set" if user.has_pin else "none yet", state)
            ):
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
            self.feedback.error("Choose a user in the list first.")
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
            "Deactivate this user?",
            f"{name} will no longer be able to sign in. What they recorded keeps their name.",
            f"Deactivate {name}",
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
            self.feedback.error("Set the years first (1 or more): households not seen that long are forgotten.")
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
            self.feedback.ok(f"Every household was seen in the last {years} years: nothing to forget.")
            return
        shown = ", ".join(codes[:10]) + (f" and {len(codes) - 10} more" if len(codes) > 10 else "")
        if ask.confirm(
            self,
            "Forget these households?",
            f"{len(codes)} household(s) were not seen in {years} years: {shown}.\n\n"
            "Their names, phones, postcodes and notes are removed for good. Their visits and sizes stay, so reports "
            "keep the same numbers. This cannot be undone.",
            f"Forget {len(codes)} household(s)",
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
        self.folder.setPlaceholderText("A USB stick or a synced folder is best")
        choose = QPushButton("Choose…")
        choose.clicked.connect(self.choose_folder)
        use = QPushButton("Use this folder")
        use.clicked.connect(lambda: self.set_folder(self.folder.text()))
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(choose)
        folder_row.addWidget(use)
        self.backup_now_button = QPushButton("Back up now")
        self.backup_now_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton("Restore from a backup…")
        self.restore_button.clicked.connect(self.choose_restore)
        actions = QHBoxLayout()
        actions.addWidget(self.backup_now_button)
        actions.addWidget(self.restore_button)
        actions.addStretch(1)
        self.backup_list = QListWidget()
        layout = QVBoxLayout(tab)
        explain = QLabel(
            "A copy is made on the first start of each day and before every upgrade; the last 7 days, 5 weeks and "
            "12 months are kept."
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        layout.addWidget(QLabel("Backup folder:"))
        layout.addLayout(folder_row)
        layout.addLayout(actions)
        layout.addWidget(QLabel("Recent copies in that folder (newest first):"))
        layout.addWidget(self.backup_list, 1)
        return tab

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Where should backups go?", self.folder.text())
        if folder:
            self.set_folder(folder)

    def set_folder(self, folder: str) -> None:
        if not folder.strip():
            self.feedback.error("Backup folder: choose a folder first.")
            return
        self._call(settings_tasks.set_backup_folder, self.runner.database, folder)

    def backup_now(self) -> None:
        self._call(settings_tasks.backup_now, self.runner.database, label="Backing up…")

    def _call(self, fn: object, *args: object, label: str = "") -> None:
        def done(text: str) -> None:
            self.feedback.ok(text)
            self.status.emit(text)
            self.refresh()

        self.runner.call(fn, *args, on_done=done, on_error=self._problem, owner=self, label=label)  # type: ignore[arg-type]

    def choose_restore(self) -> None:
        start = self.folder.text()
        path, _ = QFileDialog.getOpenFileName(self, "Restore which backup?", start, "Pantry Desk backups (*.sqlite)")
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
            "Restore this backup?",
            f"Replace everything in this pantry with the backup taken {taken} ({path.name})?\n\n"
            "Whatever was recorded since then is replaced; a copy of the pantry as it is now is kept in the backup "
            "folder first. Pantry Desk reopens the pantry afterwards.",
            "Restore the backup",
        ):
            self.restore_asked.emit(path)

    # -- Valuation ------------------------------------------------------------------------------------------------

    def _valuation_tab(self) -> QWidget:
        tab, form, buttons = _form_tab(
            "How goods of items without their own value are valued in reports; saved donations keep their value."
        )
        self.rate_now = QLabel()
        self.rate_now.setWordWrap(True)
        self.currency = QLineEdit()
        self.currency.setMaxLength(3)
        self.currency.setPlaceholderText("USD")
        self.rate = QLineEdit()
        self.rate.setPlaceholderText("e.g. 1.67/lb or 3.68/kg; empty: no default value")
        self.rate_year = QLineEdit()
        self.rate_year.setMaxLength(4)
        self.rate_source = QLineEdit()
        self.rate_source.setPlaceholderText("e.g. Feeding America, Product Valuation Study")
        save = QPushButton("Save valuation")
        save.clicked.connect(self.save_valuation)
        form.addRow(self.rate_now)
        form.addRow("Currency:", self.currency)
        form.addRow("Default value per lb or kg:", self.rate)
        form.addRow("Year of that value:", self.rate_year)
        form.addRow("Where it comes from:", self.rate_source)
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

    # -- Audit ----------------------------------------------------------------------------------------------------

    def _audit_tab(self) -> QWidget:
        tab = QWidget()
        today = QDate.currentDate()
        self.audit_from = QDateEdit(today.addDays(-AUDIT_DAYS))
        self.audit_to = QDateEdit(today)
        for edit in (self.audit_from, self.audit_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.audit_user = QComboBox()
        self.audit_user.setMinimumContentsLength(14)
        show = QPushButton("Show")
        show.clicked.connect(self.show_audit)
        export = QPushButton("Export CSV…")
        export.clicked.connect(self.ask_export_audit)
        row = QHBoxLayout()
        row.addWidget(QLabel("From"))
        row.addWidget(self.audit_from)
        row.addWidget(QLabel("to"))
        row.addWidget(self.audit_to)
        row.addWidget(QLabel("by"))
        row.addWidget(self.audit_user)
        row.addWidget(show)
        row.addStretch(1)
        row.addWidget(export)
        self.audit_model = AuditModel(self)
        self.audit_table = QTableView()
        self.audit_table.setModel(self.audit_model)
        self.audit_table.verticalHeader().hide()
        self.audit_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.audit_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.audit_table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((150, 100, 150, 180, 230)):
            self.audit_table.setColumnWidth(column, width)
        self.audit_count = QLabel()
        layout = QVBoxLayout(tab)
        layout.addWidget(QLabel("Every change: who made it, when, and for master data what it was before and after."))
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
        self.audit_count.setText(f"{len(rows)} change(s), newest first. Point at a long before/after to read it all.")

    def ask_export_audit(self) -> None:
        start, end, _user = self.audit_filter()
        path, _ = QFileDialog.getSaveFileName(
            self, "Export the audit trail", f"audit-{start}-{end}.csv", "CSV files (*.csv)"
        )
        if path:
            self.export_audit(Path(path))

    def export_audit(self, path: Path) -> None:
        rows = list(reversed(self.audit_model.rows()))
        path.write_text(settings_tasks.audit_csv(rows), encoding="utf-8")
        text = f"Exported {len(rows)} audit line(s) to {path}."
        self.feedback.ok(text)
        self.status.emit(text)
