"""Households: find a household by code, name or phone (or scan its card), see its visits and warnings, register.

Volunteers see the code, first name, size and dietary flags; shift leads and admins also see personal details
(the rule is `tasks.sees_personal_details`).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pantry.i18n import diet_label, members_text, translator
from pantry.services import diet
from pantry.services.households import Forgotten, Registered
from ui import ask, settings_tasks, tasks
from ui import format as fmt
from ui.dialogs.household import HouseholdDialog
from ui.models.pickups import HouseholdsModel, VisitsModel
from ui.ops import Runner
from ui.text import _, ngettext
from ui.widgets import MessageLine, heading, scan_field, set_bold

SEARCH_DELAY_MS = 200  # typing pauses this long before the list follows (a scanner types faster)


class HouseholdsScreen(QWidget):
    status = Signal(str)
    forgotten = Signal(object)  # the codes whose personal details were removed

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.household_dialog: HouseholdDialog | None = None
        self.personal = True  # whether this user sees personal details (and so registers and edits); from each search
        self.current_code: str | None = None
        self.search = scan_field(_("Scan a household card, or type a code, name or phone number"), self.find)
        self.search.setAccessibleName(_("Find a household"))
        self.search.setToolTip(_("Scan a household card, or type part of a code, name or phone number"))
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.find)
        self.search.textChanged.connect(lambda _text: self.search_timer.start())
        self.register_button = QPushButton(_("Register a household… (Ctrl+N)"))
        self.register_tip = _("Register a new household (Ctrl+N)")
        self.register_button.setToolTip(self.register_tip)
        self.register_button.clicked.connect(self.open_register)
        register = QShortcut(QKeySequence("Ctrl+N"), self)
        register.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        register.activated.connect(self.open_register)
        self.edit_button = QPushButton(_("Open / change… (Enter)"))
        self.edit_button.setToolTip(_("The chosen household's details (Enter or double-click on its row)"))
        self.edit_button.setEnabled(False)
        self.edit_button.clicked.connect(self.open_edit)
        self.forget_button = QPushButton(_("Forget this household…"))
        self.forget_button.setToolTip(
            _("Remove the household's name, phone, postcode and notes for good; its visits still count in reports")
        )
        self.forget_button.setEnabled(False)
        self.forget_button.hide()  # admins only (set_may_forget)
        self.forget_button.clicked.connect(self.forget_current)
        self.may_forget = False
        self.feedback = MessageLine()

        self.model = HouseholdsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Households"))
        self.table.setToolTip(_("The households found; choose one to see its visits (Enter opens it)"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _old: self.open_row(current.row()))
        self.table.doubleClicked.connect(lambda index: self.open_edit(index))
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda: self.open_edit())

        self.title = QLabel(_("Choose a household to see its visits."))
        set_bold(self.title, 2)
        self.title.setWordWrap(True)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warnings = MessageLine()
        self.allergies = MessageLine()  # red: what must never be given
        self.visits = VisitsModel(self)
        self.visit_table = QTableView()
        self.visit_table.setModel(self.visits)
        self.visit_table.setAccessibleName(_("Visits"))
        self.visit_table.setToolTip(_("The chosen household's visits, newest first"))
        self.visit_table.verticalHeader().hide()
        self.visit_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.visit_table.horizontalHeader().setStretchLastSection(True)

        top = QHBoxLayout()
        top.addWidget(heading(_("Households")))
        top.addStretch(1)
        top.addWidget(self.edit_button)
        top.addWidget(self.register_button)
        side = QVBoxLayout()
        side.addWidget(self.title)
        side.addWidget(self.warnings)
        side.addWidget(self.allergies)
        side.addWidget(self.facts)
        visits_label = QLabel(_("&Visits (newest first)"))
        visits_label.setBuddy(self.visit_table)
        side.addWidget(visits_label)
        side.addWidget(self.visit_table, 1)
        forget_row = QHBoxLayout()
        forget_row.addStretch(1)
        forget_row.addWidget(self.forget_button)
        side.addLayout(forget_row)
        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        body.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.search)
        layout.addWidget(self.feedback)
        layout.addLayout(body, 1)

    def focus_search(self) -> None:
        self.search.take_focus()

    # -- finding --------------------------------------------------------------------------------------------------

    def find(self) -> None:
        self.search_timer.stop()
        text = self.search.text()
        self.runner.run(tasks.find_households, text, on_done=lambda found: self._found(found, text), owner=self)

    def _found(self, found: tuple[list[tasks.HouseholdRow], bool], text: str) -> None:
        rows, personal = found
        self._set_personal(personal)
        self.model.set_personal(personal)
        self.model.set_rows(rows)
        wanted = text.strip().upper()
        exact = next((number for number, row in enumerate(rows) if row.code == wanted), None)  # a scanned card
        if exact is None and len(rows) == 1:
            exact = 0
        if exact is not None:
            self.table.selectRow(exact)
        else:  # the list changed under the old choice
            self._show_nothing()
        count = len(rows)
        if text.strip():
            found_text = ngettext("{count} household", "{count} households", count)
        else:
            found_text = ngettext("{count} household in all", "{count} households in all", count)
        self.feedback.info(found_text.format(count=fmt.number(count)))

    def _set_personal(self, personal: bool) -> None:
        self.personal = personal
        self.register_button.setEnabled(personal)
        self.register_button.setToolTip(
            self.register_tip
            if personal
            else _("Only a shift lead or an admin registers households and sees their details.")
        )
        self.edit_button.setText(_("Open / change… (Enter)") if personal else _("Open… (Enter)"))

    def _show_nothing(self) -> None:
        self.current_code = None
        self.edit_button.setEnabled(False)
        self.forget_button.setEnabled(False)
        self.title.setText(_("Choose a household to see its visits."))
        self.facts.setText("")
        self.warnings.setText("")
        self.allergies.setText("")
        self.allergies.hide()
        self.visits.set_rows([])

    def open_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.runner.run(tasks.household_file, self.model.row_at(row).code, on_done=self._show_file, owner=self)

    def _show_file(self, found: tasks.HouseholdFile) -> None:
        row = found.row
        self.current_code = row.code
        self.edit_button.setEnabled(True)
        self.forget_button.setEnabled(self.may_forget)
        self.title.setText(
            _("{code} — {name}, {people}").format(
                code=row.code, name=row.first_name or _("anonymous"), people=fmt.people(row.size)
            )
        )
        tr = translator()
        allergies, needs = diet.split_flags(row.dietary)
        allergy_text = ", ".join(diet_label(flag, tr) for flag in allergies)
        self.allergies.error(_("ALLERGIES: {flags}").format(flags=allergy_text) if allergies else "")
        self.allergies.setVisible(bool(allergies))
        needs_text = ", ".join(diet_label(flag, tr) for flag in needs) or _("no needs recorded")
        facts = [_("Diet: {flags}").format(flags=needs_text)]
        details = found.details
        if details is not None:
            if details.eligibility_declared_on:
                eligibility = _("Eligibility: declared {day} ({basis})").format(
                    day=fmt.date(details.eligibility_declared_on), basis=details.eligibility_basis or _("no basis")
                )
            else:
                eligibility = _("Eligibility: not declared")
            facts += [
                _("Ages: {members}").format(members=members_text(details.members_text, tr)),
                _("Name: {name}").format(name=details.name or "—"),
                _("Phone: {phone}    Postcode: {postcode}").format(
                    phone=details.phone or "—", postcode=details.postcode or "—"
                ),
                _("Language: {language}    Proxy: {proxy}").format(
                    language=details.language or "—", proxy=details.proxy or "—"
                ),
                eligibility,
                _("Consent to keep data: yes") if details.consent else _("Consent to keep data: NO"),
                _("Registered: {day}").format(day=fmt.date(details.registered_on)),
            ]
            if details.dietary_note:
                facts.insert(1, _("Diet note: {note}").format(note=details.dietary_note))
            if details.notes:
                facts.append(_("Notes: {notes}").format(notes=details.notes))
        self.facts.setText("\n".join(facts))
        if found.warnings:
            self.warnings.error("\n".join(found.warnings))
        else:
            self.warnings.ok(_("May come: no warnings."))
        self.visits.set_rows(found.past_visits)

    # -- register and edit ------------------------------------------------------------------------------------------

    def open_register(self) -> None:
        if not self.personal:
            self.feedback.error(_("Only a shift lead or an admin registers households: ask one."))
            return
        self.runner.run(tasks.household_form, None, on_done=self._open_dialog, owner=self)

    def open_edit(self, index: QModelIndex | None = None) -> None:
        row = index.row() if index is not None and index.isValid() else self.table.currentIndex().row()
        if not 0 <= row < self.model.rowCount():
            return
        code = self.model.row_at(row).code
        self.runner.run(
            tasks.household_form,
            code,
            on_done=self._open_dialog,
            on_error=lambda error: self.feedback.error(str(error)),
            owner=self,
        )

    def _open_dialog(self, form: tasks.HouseholdForm) -> None:
        dialog = HouseholdDialog(self.runner, form, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda registered: self._saved(registered, form.code is None))
        dialog.finished.connect(lambda _result: self.table.setFocus() if form.code else self.focus_search())
        self.household_dialog = dialog
        dialog.open()

    def _saved(self, registered: Registered, new: bool) -> None:
        code = registered.household.code
        text = (_("Registered household {code}.") if new else _("Saved household {code}.")).format(code=code)
        if registered.warnings and not new:  # a new one's look-alikes were shown (and accepted) before saving
            self.feedback.error(" ".join((text, _("Check:"), *registered.warnings)))
        else:
            self.feedback.ok(text)
        self.status.emit(text)
        self.search.blockSignals(True)
        self.search.setText(registered.household.code)
        self.search.blockSignals(False)
        self.runner.run(tasks.find_households, registered.household.code, on_done=self._found_quietly, owner=self)

    def _found_quietly(self, found: tuple[list[tasks.HouseholdRow], bool]) -> None:
        rows, personal = found
        self._set_personal(personal)
        self.model.set_personal(personal)
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
            self.open_row(0)  # the same row may have been selected before: show what changed

    # -- forgetting (admins) ----------------------------------------------------------------------------------------

    def set_may_forget(self, may: bool) -> None:
        self.may_forget = may
        self.forget_button.setVisible(may)
        self.forget_button.setEnabled(may and self.current_code is not None)

    def forget_current(self) -> None:
        code = self.current_code
        if code is None or not self.may_forget:
            return
        if not ask.confirm(
            self,
            _("Forget this household?"),
            _(
                "Remove the personal details of household {code} for good: name, phone, postcode, language, proxy, "
                "notes, the diet note and the eligibility basis - here and in the audit trail.\n\n"
                "Its code, size, ages, diet flags and visits stay, so reports keep the same numbers. "
                "This cannot be undone."
            ).format(code=code),
            _("Forget {code}").format(code=code),
        ):
            return
        self.runner.run(
            settings_tasks.forget_household,
            code,
            on_done=self._forgot,
            on_error=lambda error: self.feedback.error(str(error)),
            owner=self,
        )

    def _forgot(self, done: Forgotten) -> None:
        text = done.message
        self.feedback.ok(text)
        self.status.emit(text)
        self.forgotten.emit(done.codes)
        if self.current_code is not None:  # show the household as it is now, keeping the message
            self.runner.run(tasks.find_households, self.current_code, on_done=self._found_quietly, owner=self)
