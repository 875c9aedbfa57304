"""Intake: scan what a donor brought, check the lines, save the donation. Built for a scanner and a hurry.

A scan (text + Enter) goes to the worker as `tasks.scan`; the answer adds a line (with the date, supplier lot and
weight a GS1 barcode carries), fills the last line from a barcode that has only a date and lot, opens "What is this?"
for an unknown code, opens a scanned lot, or lists catalog matches for a typed name. Ctrl+Return saves, Ctrl+Z takes
back the last scan, Ctrl+P prints the labels of the donation just saved.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pantry.errors import UserError
from pantry.i18n import builtin_label
from pantry.services.catalog import ItemInfo
from pantry.services.intake import DonationDraft, SavedDonation
from ui import format as fmt
from ui import tasks
from ui.delegates import CountDelegate, LocationDelegate, TextDelegate
from ui.dialogs.unknown_code import UnknownCodeDialog
from ui.models.intake_lines import (
    EXPIRES,
    EXPIRY_EXAMPLES,
    LOCATION,
    QUANTITY,
    SUPPLIER_LOT,
    WEIGHT,
    DraftLine,
    IntakeLinesModel,
)
from ui.models.items import ItemListModel
from ui.models.table import NEEDS_INPUT_BACKGROUND
from ui.ops import Runner
from ui.stock_actions import StockActions
from ui.text import N_, _, language, ngettext
from ui.widgets import EditTable, MessageLine, ScanField, heading, hint, set_bold, swatch

log = logging.getLogger(__name__)

ENGLISH = "en"
ISO_DAY, DAY_MONTH_YEAR = "yyyy-MM-dd", "dd/MM/yyyy"  # the received day as the desk's language writes dates

DONOR_KIND_LABELS = {  # translated where shown
    "individual": N_("person"),
    "food_drive": N_("food drive"),
    "food_bank": N_("food bank"),
    "anonymous": N_("anonymous"),
}
DATE_WITH_KIND = {"use_by": N_("use by {date}"), "best_by": N_("best by {date}")}  # what a barcode's date is


def _lines(count: int) -> str:
    return ngettext("{count} line", "{count} lines", count).format(count=count)


def _today() -> dt.date:
    return dt.date.today()


class IntakeScreen(QWidget):
    """Emits `donation_saved(SavedDonation)` after each saved donation (the stock screen refreshes)."""

    donation_saved = Signal(object)
    status = Signal(str)

    def __init__(self, runner: Runner, parent: QWidget | None = None, *, actions: StockActions | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.actions = actions
        self.last_saved: SavedDonation | None = None  # its labels are one Ctrl+P away
        self._unknown_data: dict[str, tasks.ScanData] = {}  # what the barcode of a code being asked about said
        self.anonymous_id: int | None = None
        self.last_donor_id: int | None = None  # remembered for as long as the app runs
        self.unknown_dialog: UnknownCodeDialog | None = None
        self._unknown_codes: list[str] = []
        self._pending_scans = 0
        self._save_requested = False
        self._saving = False
        self._match_query = ""
        self._choices_loaded = False
        self._awaiting_weight: DraftLine | None = None

        self.model = IntakeLinesModel(self, today=_today())
        self.model.problem.connect(self._cell_problem)
        self.model.totals_changed.connect(self._update_totals)
        self._build()
        self._update_totals()

    # -- layout ---------------------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.donor = QComboBox()
        self.donor.setMinimumWidth(320)
        self.donor.setMaximumWidth(420)
        self.donor.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.donor.setToolTip(_("Who brought this donation. Type the first letters to jump to a donor (Alt+D)."))
        self.donor.setAccessibleName(_("Donor"))
        self.received = QDateEdit()
        self.received.setToolTip(_("The day the donation arrived; expiry dates count from it (Alt+R)"))
        self.received.setAccessibleName(_("Received on"))
        self.received.setCalendarPopup(True)
        self.received.setDisplayFormat(ISO_DAY if language() == ENGLISH else DAY_MONTH_YEAR)
        self.received.setDate(QDate(_today()))
        self.received.setMaximumDate(QDate(_today()))
        self.received.dateChanged.connect(self._received_changed)
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("optional"))
        self.note.setToolTip(_("A note kept with the donation, e.g. where it came from (Alt+N)"))
        self.note.setAccessibleName(_("Note"))

        donor_row = QHBoxLayout()
        for label, widget, stretch in (
            (_("&Donor"), self.donor, 0),
            (_("&Received"), self.received, 0),
            (_("&Note"), self.note, 1),
        ):
            caption = QLabel(label)
            set_bold(caption)
            caption.setBuddy(widget)
            donor_row.addWidget(caption)
            donor_row.addWidget(widget, stretch)
            donor_row.addSpacing(12)

        self.scan = ScanField()
        self.scan.setToolTip(
            _("Scan each item's barcode, or type part of its name and press Enter. Ctrl+Z takes back the last scan.")
        )
        self.scan.returnPressed.connect(self._scan_entered)
        self.scan.navigate.connect(self._move_match)
        self.scan.escaped.connect(self._hide_matches)
        self.feedback = MessageLine()
        self.feedback.info(_("Scan the first item. Unknown codes open a short “What is this?” form."))

        self.matches_model = ItemListModel(self)
        self.matches = QListView()
        self.matches.setModel(self.matches_model)
        self.matches.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.matches.setMaximumHeight(170)
        self.matches.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.matches.clicked.connect(lambda index: self._pick_match(index.row()))
        self.matches.setAccessibleName(_("Matching items"))
        self.matches.setToolTip(_("Items whose name matches what you typed: ↑/↓ to choose, Enter to add, Esc to close"))
        self.matches_hint = QLabel(_("Matching items: ↑/↓ to choose, Enter to add, Esc to close"))
        self._hide_matches()

        self.table = EditTable()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Lines of this donation"))
        self.table.setToolTip(_("The lines of this donation. Double-click a cell to change it; Del removes a line."))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(int(self.table.fontMetrics().height() * 2))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((QUANTITY, 110), (WEIGHT, 150), (EXPIRES, 190), (LOCATION, 170), (SUPPLIER_LOT, 130)):
            header.resizeSection(column, width)
        self.table.setItemDelegateForColumn(QUANTITY, CountDelegate(self.table))
        self.table.setItemDelegateForColumn(WEIGHT, TextDelegate(_("e.g. 2.5"), self.table))
        self.table.setItemDelegateForColumn(EXPIRES, TextDelegate("+7d, 0531, 2026-05", self.table))
        self.location_delegate = LocationDelegate(self.table)
        self.table.setItemDelegateForColumn(LOCATION, self.location_delegate)
        self.table.setItemDelegateForColumn(SUPPLIER_LOT, TextDelegate(_("maker's lot"), self.table))
        self.table.edit_finished.connect(self._edit_finished)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_selected_line)

        self.totals = QLabel()
        self.totals.setAccessibleName(_("Totals"))
        set_bold(self.totals, 1)
        help_line = hint(_("Double-click a cell to change it. Expiry: {examples}.").format(examples=_(EXPIRY_EXAMPLES)))

        self.remove_button = QPushButton(_("Remove line (Del)"))
        self.remove_button.setToolTip(_("Remove the chosen line from this donation (Del)"))
        self.remove_button.setAccessibleName(_("Remove line"))
        self.remove_button.clicked.connect(self.remove_selected_line)
        self.remove_button.setEnabled(False)
        self.undo_button = QPushButton(_("Undo last scan (Ctrl+Z)"))
        self.undo_button.setToolTip(_("Take back the last scan: its line goes, or gets one less (Ctrl+Z)"))
        self.undo_button.setAccessibleName(_("Undo last scan"))
        self.undo_button.clicked.connect(self.undo_last_scan)
        self.save_button = QPushButton(_("Save donation (Ctrl+Enter)"))
        self.save_button.setToolTip(_("Save this donation: its lots go into stock and get their codes (Ctrl+Enter)"))
        self.save_button.setAccessibleName(_("Save donation"))
        set_bold(self.save_button, 2)
        self.save_button.setMinimumHeight(int(self.save_button.sizeHint().height() * 1.5))
        self.save_button.setStyleSheet("QPushButton:enabled { background: #2e7d32; color: white; padding: 4px 18px; }")
        self.save_button.clicked.connect(self.save)
        self.labels_button = QPushButton(_("Print labels (Ctrl+P)"))
        self.labels_button.setToolTip(_("Labels for the lots of the donation just saved (Ctrl+P)"))
        self.labels_button.setAccessibleName(_("Print labels"))
        self.labels_button.setEnabled(False)
        self.labels_button.clicked.connect(self.print_labels)
        for button in (self.remove_button, self.undo_button, self.labels_button, self.save_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the keyboard

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.save)
        undo = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self)
        undo.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        undo.activated.connect(self.undo_last_scan)
        labels = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self)
        labels.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        labels.activated.connect(self.print_labels)

        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        buttons.addWidget(swatch(NEEDS_INPUT_BACKGROUND, _("needs a weight")))
        buttons.addWidget(self.save_button)

        totals_row = QHBoxLayout()
        totals_row.addWidget(self.totals)
        totals_row.addStretch(1)
        totals_row.addWidget(self.labels_button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Intake: receive a donation")))
        layout.addLayout(donor_row)
        layout.addWidget(self.scan)
        layout.addWidget(self.feedback)
        layout.addWidget(self.matches_hint)
        layout.addWidget(self.matches)
        layout.addWidget(self.table, 1)
        layout.addLayout(totals_row)
        layout.addWidget(help_line)
        layout.addLayout(buttons)
        self.feedback.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

    # -- showing --------------------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.load_choices()
        self.focus_scan()

    def load_choices(self) -> None:
        self.runner.run(tasks.intake_choices, on_done=self._set_choices, owner=self)

    def _set_choices(self, choices: tasks.IntakeChoices) -> None:
        self.anonymous_id = choices.anonymous_id
        wanted = self.donor.currentData() if self._choices_loaded else (self.last_donor_id or choices.anonymous_id)
        self.donor.blockSignals(True)
        self.donor.clear()
        for row in choices.donors:
            kind = _(DONOR_KIND_LABELS[row.kind]) if row.kind in DONOR_KIND_LABELS else row.kind.replace("_", " ")
            name = builtin_label("donor", None, row.name)
            self.donor.addItem(name if row.kind == "anonymous" else f"{name}  ({kind})", row.id)
        position = self.donor.findData(wanted)
        if position < 0:
            position = self.donor.findData(choices.anonymous_id)
        self.donor.setCurrentIndex(max(position, 0))
        self.donor.blockSignals(False)
        self.location_delegate.locations = choices.locations
        self.model.set_locations(choices.locations)
        self._choices_loaded = True

    def focus_scan(self) -> None:
        self.scan.setFocus(Qt.FocusReason.OtherFocusReason)

    def _focus_scan_later(self) -> None:
        QTimer.singleShot(0, self, self.focus_scan)

    def _edit_finished(self) -> None:
        line, self._awaiting_weight = self._awaiting_weight, None
        if line is not None and line in self.model.rows():
            if line.needs_weight:
                self.feedback.error(
                    _("{item} still needs its weight: double-click its Weight cell.").format(item=line.item.name)
                )
            else:
                self.feedback.ok(f"{line.item.name}: {fmt.weight(line.weight_g, line.item.unit)}")
        self._focus_scan_later()

    def received_on(self) -> dt.date:
        return self.received.date().toPython()

    def _received_changed(self) -> None:
        self.model.set_received_on(self.received_on())

    # -- scanning -------------------------------------------------------------------------------------------------

    def _scan_entered(self) -> None:
        text = self.scan.text().strip()
        if not text:
            return
        if self.matches.isVisible() and text == self._match_query and self.matches_model.rowCount():
            self._pick_match(self.matches.currentIndex().row())
            return
        self.scan.clear()
        self._hide_matches()
        self._pending_scans += 1
        self.runner.run(
            tasks.scan,
            text,
            self.received_on(),
            on_done=self._scanned,
            on_error=lambda error: self._scan_failed(text, error),
            owner=self,
        )

    def _scan_done(self) -> None:
        self._pending_scans -= 1
        if self._pending_scans == 0 and self._save_requested:
            self._save_requested = False
            self.save()

    def _scanned(self, result: tasks.ScanResult) -> None:
        try:
            if result.line is not None:
                self.add_line(result.line)
            elif result.unknown_code is not None:
                if result.data:
                    self._unknown_data[result.unknown_code] = result.data
                self._ask_what_is(result.unknown_code)
            elif result.lot is not None:
                self._open_lot(result.lot)
            elif result.not_here is not None:
                self.feedback.error(result.not_here)
                self._restore_scan_text(result.text)
            elif result.data is not None:
                self._fill_last_line(result.data)
            elif result.matches:
                self._show_matches(result.text, result.matches)
            else:
                self.feedback.error(
                    _("Nothing in the catalog matches “{text}”. Check the spelling, or scan it.").format(
                        text=result.text
                    )
                )
                self._restore_scan_text(result.text)
        finally:
            self._scan_done()

    def _scan_failed(self, text: str, error: Exception) -> None:
        try:
            self.feedback.error(_("{problem}\nScan it again, or type the item name.").format(problem=error))
            self._restore_scan_text(text)
        finally:
            self._scan_done()

    def _restore_scan_text(self, text: str) -> None:
        if not self.scan.text():
            self.scan.setText(text)
        self.scan.selectAll()
        self.focus_scan()

    def add_line(self, start: tasks.LineStart) -> None:
        row = self.model.add_scan(start)
        line = self.model.row_at(row)
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        if line.needs_weight:
            self._awaiting_weight = line
            self.feedback.info(
                _("{item} is counted by weight: type its weight in {unit}, Enter.").format(
                    item=line.item.name, unit=line.item.unit
                )
            )
            self.table.edit_cell(self.model.index(row, WEIGHT))
            return
        if line.weighed:
            added = fmt.weight(line.weight_g, line.item.unit)
        else:
            added = _("+{added} (now {quantity})").format(added=start.quantity, quantity=line.quantity)
        self.feedback.ok(f"{line.item.name}: {added}{_read(start.data)}")
        self.focus_scan()

    def _fill_last_line(self, data: tasks.ScanData) -> None:
        """A barcode with only a date and lot (the second barcode of a case label): it belongs to the last line."""
        row = self.model.fill_last(data)
        if row is None:
            self.feedback.error(
                _("That barcode has only a date or lot, no product. Scan the product's barcode first, then this one.")
            )
            self.focus_scan()
            return
        line = self.model.row_at(row)
        self.table.selectRow(row)
        self.feedback.ok(_("{item} (last line):").format(item=line.item.name) + _read(data))
        self.focus_scan()

    def _open_lot(self, details: tasks.LotDetails) -> None:
        """A lot label scanned at intake: not part of a donation, but the person may want to see it."""
        self.feedback.info(
            _("{lot} is a lot label ({item}): it is shown in a window.").format(
                lot=details.history.lot, item=details.history.item
            )
        )
        if self.actions is not None:
            self.actions.show_lot(details, after=self._back_from_dialog)

    def _back_from_dialog(self) -> None:
        self.window().activateWindow()
        self._focus_scan_later()

    # -- typed names: the pick list -------------------------------------------------------------------------------

    def _show_matches(self, text: str, matches: tuple[ItemInfo, ...]) -> None:
        self._match_query = text
        self.matches_model.set_items(matches)
        self.matches.setCurrentIndex(self.matches_model.index(0, 0))
        self.matches.show()
        self.matches_hint.show()
        self.feedback.info(
            ngettext(
                "{count} item matches “{text}”. Enter adds the highlighted one.",
                "{count} items match “{text}”. Enter adds the highlighted one.",
                len(matches),
            ).format(count=len(matches), text=text)
        )
        self._restore_scan_text(text)

    def _hide_matches(self) -> None:
        self.matches.hide()
        self.matches_hint.hide()
        self._match_query = ""

    def _move_match(self, step: int) -> None:
        if not self.matches.isVisible():
            return
        row = min(max(self.matches.currentIndex().row() + step, 0), self.matches_model.rowCount() - 1)
        self.matches.setCurrentIndex(self.matches_model.index(row, 0))

    def _pick_match(self, row: int) -> None:
        item = self.matches_model.item_at(row)
        if item is None:
            return
        self.scan.clear()
        self._hide_matches()
        self._pending_scans += 1
        self.runner.run(
            tasks.pick_item,
            item.id,
            self.received_on(),
            on_done=lambda start: (self.add_line(start), self._scan_done()),
            on_error=lambda error: (self.feedback.error(str(error)), self._scan_done()),
            owner=self,
        )

    # -- unknown codes --------------------------------------------------------------------------------------------

    def _ask_what_is(self, code: str) -> None:
        if self.unknown_dialog is not None:
            self._unknown_codes.append(code)  # one question at a time
            return
        dialog = UnknownCodeDialog(self.runner, code, self.received_on(), self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.resolved.connect(lambda start: self.add_line(self._with_barcode_data(code, start)))
        dialog.finished.connect(lambda result: self._unknown_closed(dialog, result))
        self.unknown_dialog = dialog
        self.feedback.info(_("{code} is new: say what it is in the “What is this?” window.").format(code=code))
        dialog.open()

    def _with_barcode_data(self, code: str, start: tasks.LineStart) -> tasks.LineStart:
        data = self._unknown_data.pop(code, None)
        if data is None:
            return start
        return dataclasses.replace(start, data=data, expires_on=data.expires or start.expires_on)

    def _unknown_closed(self, dialog: UnknownCodeDialog, result: int) -> None:
        self.unknown_dialog = None
        self._unknown_data.pop(dialog.code, None)
        if result != UnknownCodeDialog.DialogCode.Accepted:
            self.feedback.info(_("Code {code} skipped: nothing was added.").format(code=dialog.code))
        dialog.deleteLater()
        if self._unknown_codes:
            self._ask_what_is(self._unknown_codes.pop(0))
        else:
            self.window().activateWindow()  # keyboard shortcuts need the main window active again
            self._focus_scan_later()

    # -- changing lines -------------------------------------------------------------------------------------------

    def undo_last_scan(self) -> None:
        self.table.commit_open_editor()
        line = self.model.undo_last_scan()
        if line is None:
            self.feedback.info(_("Nothing to undo."))
        else:
            self.feedback.info(_("Took back the last scan of {item}.").format(item=line.item.name))
        self.focus_scan()

    def remove_selected_line(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        self.table.commit_open_editor()
        self.model.remove_line(rows[0].row())
        self.focus_scan()

    def _selection_changed(self) -> None:
        self.remove_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def _cell_problem(self, text: str) -> None:
        self.feedback.error(_("{problem}. The old value was kept.").format(problem=text))

    def _update_totals(self) -> None:
        lines = self.model.rowCount()
        if not lines:
            self.totals.setText(_("No lines yet: scan an item to start."))
        else:
            self.totals.setText(
                _("{lines}   ·   {weight}   ·   about {value}").format(
                    lines=_lines(lines),
                    weight=fmt.weight(self.model.total_grams()),
                    value=fmt.money(self.model.total_value_cents()),
                )
            )
        self.remove_button.setEnabled(bool(lines) and bool(self.table.selectionModel().selectedRows()))

    # -- saving ---------------------------------------------------------------------------------------------------

    def save(self) -> None:
        if self._saving:
            return
        self.table.commit_open_editor()
        if self._pending_scans:
            self._save_requested = True  # save once the scans still on their way have landed
            return
        if not self.model.rowCount():
            self.feedback.error(_("Nothing to save yet: scan the items of this donation first."))
            self.focus_scan()
            return
        donor_id = self.donor.currentData()
        draft = DonationDraft(
            received_on=self.received_on(),
            lines=self.model.intake_lines(),
            donor_id=donor_id,
            note=self.note.text().strip(),
        )
        self._saving = True
        self.save_button.setEnabled(False)
        self.runner.run(
            tasks.save_donation,
            draft,
            on_done=self._saved,
            on_error=self._save_failed,
            label=_("Saving the donation…"),
            owner=self,
        )

    def _saved(self, saved: SavedDonation) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        lines = len(saved.lot_codes)
        text = _(
            "Saved donation #{number}: {lines}, {weight}, {value} — lots {lots}. Ready for the next donor."
        ).format(
            number=saved.donation_id,
            lines=_lines(lines),
            weight=fmt.weight(saved.grams),
            value=fmt.money(saved.value_cents),
            lots=fmt.lot_range(saved.lot_codes),
        )
        self.last_saved = saved
        self.labels_button.setEnabled(self.actions is not None)
        self.labels_button.setText(_("Print labels of donation #{number} (Ctrl+P)").format(number=saved.donation_id))
        self.last_donor_id = saved.donor_id
        self.model.clear()
        self.note.clear()
        self.scan.clear()
        self.feedback.ok(
            text
            + "\n"
            + ngettext("Ctrl+P prints its {count} lot label.", "Ctrl+P prints its {count} lot labels.", lines).format(
                count=lines
            )
        )
        self.status.emit(text)
        self.donation_saved.emit(saved)
        self.focus_scan()

    def print_labels(self) -> None:
        """Labels of the donation just saved (the layout last used at this desk is chosen already)."""
        if self.last_saved is None or self.actions is None:
            self.feedback.error(_("Save a donation first: Ctrl+P then prints the labels of its lots."))
            self.focus_scan()
            return
        self.actions.print_donation_labels(self.last_saved.donation_id, after=self._back_from_dialog)

    def _save_failed(self, error: Exception) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        summary = str(error.args[0]) if error.args else str(error)
        problems = error.problems if isinstance(error, UserError) else []
        details = "".join(f"\n• {problem}" for problem in problems if problem != summary)
        self.feedback.error(_("Not saved: {problem}").format(problem=summary) + details)
        self.focus_scan()


def _read(data: tasks.ScanData) -> str:
    """What a barcode said, for the message after a scan: ' — from the barcode: use by 2027-01-31, supplier lot A1,
    1.250 kg'."""
    parts = []
    if data.expires is not None:
        parts.append(_(DATE_WITH_KIND.get(data.date_kind or "", N_("date {date}"))).format(date=fmt.date(data.expires)))
    if data.supplier_lot:
        parts.append(_("supplier lot {lot}").format(lot=data.supplier_lot))
    if data.weight_grams is not None:
        parts.append(fmt.weight(data.weight_grams))
    return _(" — from the barcode: {what}").format(what=", ".join(parts)) if parts else ""
