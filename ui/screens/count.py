"""Count: check what is really on a location's shelves, and correct the books for what was counted.

Pick a location and start a count (or carry on with the one open there), print the count sheet if you count on paper,
then scan each lot label and type how many are there. Differences show in colour as you go. Posting corrects the
counted lots only (the core writes the corrections); lots nobody counted keep their quantity.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pantry import barcodes
from pantry.codes import parse_own_code
from pantry.i18n import builtin_label
from pantry.measures import format_quantity
from pantry.services.counts import CountRow, CountSummary, describe_difference
from ui import ask, tasks
from ui import format as fmt
from ui.dialogs.printout import PrintoutDialog
from ui.flow import FlowLayout, group
from ui.models.counts import (
    AS_EXPECTED_BACKGROUND,
    EXPECTED,
    ITEM,
    NOT_COUNTED_FOREGROUND,
    OVER_BACKGROUND,
    SHORT_BACKGROUND,
    CountLinesModel,
)
from ui.ops import Runner
from ui.printing import Printing
from ui.text import _, ngettext
from ui.widgets import MessageLine, ScanField, heading, set_bold, swatch

MAX_LISTED_CHANGES = 12


def _place(name: str) -> str:
    """A location (or a count's scope) as the desk reads it: "Main" in its language until the pantry renames it."""
    return builtin_label("location", None, name)


def _lots(count: int) -> str:
    return ngettext("{count} lot", "{count} lots", count).format(count=count)


class CountSheetDialog(PrintoutDialog):
    def __init__(
        self,
        runner: Runner,
        printer_desk: Printing,
        summary: CountSummary,
        show_expected: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            runner, printer_desk, _("Print the count sheet: {scope}").format(scope=_place(summary.scope)), parent
        )
        self.count = summary
        self.show_expected = QCheckBox(_("Print the expected quantities (otherwise the counters count “blind”)"))
        self.show_expected.setToolTip(_("Print what the books expect beside each lot; off for a blind count"))
        self.show_expected.setAccessibleName(_("Print the expected quantities"))
        self.show_expected.setChecked(show_expected)
        self.options.addWidget(self.show_expected)
        self.options.addStretch(1)
        self.summary.setText(
            _("Count {number} of {scope}: {lots}, each with its barcode and a box.").format(
                number=summary.id, scope=_place(summary.scope), lots=_lots(len(summary.rows))
            )
        )
        self.print_button.setFocus()

    def options_key(self) -> Any:
        return self.show_expected.isChecked()

    def describe(self) -> tuple[str, str, str]:
        return (
            _("the count sheet of {scope}").format(scope=_place(self.count.scope)),
            _("Count {number}").format(number=self.count.id),
            f"count-{self.count.id}",
        )

    def make_pdf(self, on_done: Callable[[bytes], None], on_error: Callable[[Exception], None]) -> None:
        self.runner.run(
            tasks.count_sheet_pdf,
            self.count.id,
            self.show_expected.isChecked(),
            on_done=on_done,
            on_error=on_error,
            owner=self,
        )


def post_question(summary: CountSummary) -> str:
    """What posting will change, in words: each counted lot that differs, then what stays as it is."""
    counted = [row for row in summary.rows if row.counted is not None]
    differing = [row for row in counted if row.difference]
    lines = [_("Post count {number} of {scope}?").format(number=summary.id, scope=_place(summary.scope)), ""]
    if differing:
        lines.append(
            ngettext(
                "{count} lot will be corrected to what was counted:",
                "{count} lots will be corrected to what was counted:",
                len(differing),
            ).format(count=len(differing))
        )
        for row in differing[:MAX_LISTED_CHANGES]:
            lines.append(
                _("• {item} (lot {lot}) at {location}: {expected} → {counted} ({difference})").format(
                    item=row.item,
                    lot=row.lot,
                    location=_place(row.location),
                    expected=format_quantity(row.expected, row.unit),
                    counted=format_quantity(row.counted or 0, row.unit),
                    difference=describe_difference(row),
                )
            )
        if len(differing) > MAX_LISTED_CHANGES:
            lines.append(_("… and {count} more").format(count=len(differing) - MAX_LISTED_CHANGES))
    else:
        lines.append(_("No lot differs from the books: nothing will be corrected."))
    matching = len(counted) - len(differing)
    uncounted = len(summary.rows) - len(counted)
    if matching:
        lines.append(
            ngettext(
                "{count} counted lot matches the books and stays as it is.",
                "{count} counted lots match the books and stay as they are.",
                matching,
            ).format(count=matching)
        )
    if uncounted:
        lines.append(
            ngettext(
                "{count} lot not counted keeps its quantity.",
                "{count} lots not counted keep their quantity.",
                uncounted,
            ).format(count=uncounted)
        )
    lines += ["", _("Stock moved since the count started is taken into account. Posting cannot be repeated.")]
    return "\n".join(lines)


class CountScreen(QWidget):
    """Emits `stock_changed(text)` after a count was posted (the stock screen refreshes)."""

    stock_changed = Signal(str)
    status = Signal(str)

    def __init__(self, runner: Runner, printer_desk: Printing | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.printing = printer_desk
        self.count: CountSummary | None = None
        self.open_counts: list[CountSummary] = []
        self.show_expected_setting = False
        self.pending_lot: str | None = None
        self.pending_unit = "each"
        self.sheet_dialog: CountSheetDialog | None = None
        self._prefer: tuple[str, Any] | None = None  # the entry to choose when the list is filled again
        self._build()
        self._show_count(None)

    # -- layout ---------------------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.where = QComboBox()
        self.where.setMinimumWidth(280)
        self.where.currentIndexChanged.connect(self._where_changed)
        self.where.setToolTip(_("The location to count, or a count already open (Alt+L)"))
        self.where.setAccessibleName(_("Location"))
        self.start_button = QPushButton(_("Start a count here (Ctrl+N)"))
        self.start_button.setToolTip(_("Start counting this location: the books' quantities are noted now (Ctrl+N)"))
        self.start_button.setAccessibleName(_("Start a count"))
        set_bold(self.start_button)
        self.start_button.clicked.connect(self.start_count)
        self.sheet_button = QPushButton(_("Print count sheet… (Ctrl+P)"))
        self.sheet_button.setToolTip(_("Print a sheet of the lots to count on paper (Ctrl+P)"))
        self.sheet_button.setAccessibleName(_("Print count sheet"))
        self.sheet_button.clicked.connect(self.print_sheet)
        self.show_expected = QCheckBox(_("Show expected quantities"))
        self.show_expected.setToolTip(
            _("Off: a blind count (the counters do not see what the books say). Kept for the whole pantry.")
        )
        self.show_expected.setAccessibleName(_("Show expected quantities"))
        self.show_expected.toggled.connect(self._show_expected_toggled)
        for button in (self.start_button, self.sheet_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        top = FlowLayout()  # rows that wrap in a narrow window (200% scaling; the Spanish words are longer)
        caption = QLabel(_("&Location"))
        set_bold(caption)
        caption.setBuddy(self.where)
        top.addWidget(group(caption, self.where))
        top.addWidget(self.start_button)
        top.addWidget(self.sheet_button)

        self.state = QLabel()
        set_bold(self.state, 1)
        self.state.setWordWrap(True)

        self.scan = ScanField()
        self.scan.setPlaceholderText(_("Scan a lot label or type its code"))
        self.scan.setToolTip(_("Scan the label of the lot you are counting; then type how many there are"))
        self.scan.setAccessibleName(_("Lot label"))
        self.scan.returnPressed.connect(self._scanned)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(_("how many?"))
        self.amount.setToolTip(_("How many of the scanned lot are there; Enter records it, Esc scans another lot"))
        self.amount.setAccessibleName(_("Counted"))
        self.amount.setFont(self.scan.font())
        self.amount.setMinimumHeight(self.scan.minimumHeight())
        self.amount.setMaximumWidth(240)
        self.amount.returnPressed.connect(self.record)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.amount)
        escape.setContext(Qt.ShortcutContext.WidgetShortcut)
        escape.setWhatsThis(_("Forget the lot just scanned, without counting it"))
        escape.activated.connect(self._forget_lot)
        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan, 3)
        self.amount_label = QLabel(_("Counted:"))
        self.amount_label.setBuddy(self.amount)
        set_bold(self.amount_label, 2)
        scan_row.addWidget(self.amount_label)
        scan_row.addWidget(self.amount, 1)
        self.feedback = MessageLine()

        self.model = CountLinesModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(int(self.table.fontMetrics().height() * 1.7))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ITEM, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda index: self.choose_lot(self.model.row_at(index.row()).lot))
        self.table.setToolTip(_("Double-click a lot to type its count"))
        self.table.setAccessibleName(_("Lots of this count"))

        legend = FlowLayout()
        legend.addWidget(group(QLabel(_("Difference:")), swatch(AS_EXPECTED_BACKGROUND, _("as expected"))))
        legend.addWidget(swatch(SHORT_BACKGROUND, _("fewer than the books")))
        legend.addWidget(swatch(OVER_BACKGROUND, _("more than the books")))
        legend.addWidget(swatch(NOT_COUNTED_FOREGROUND, _("grey: not counted yet"), as_text=True))

        self.cancel_button = QPushButton(_("Cancel this count…"))
        self.cancel_button.setToolTip(_("Drop this count: what was typed is forgotten and no stock changes"))
        self.cancel_button.setAccessibleName(_("Cancel this count"))
        self.cancel_button.clicked.connect(self.cancel_count)
        self.post_button = QPushButton(_("Post the count… (Ctrl+Enter)"))
        self.post_button.setToolTip(_("Correct the books to what was counted, for the counted lots only (Ctrl+Enter)"))
        self.post_button.setAccessibleName(_("Post the count"))
        set_bold(self.post_button, 2)
        self.post_button.setMinimumHeight(int(self.post_button.sizeHint().height() * 1.4))
        self.post_button.setStyleSheet(
            "QPushButton { padding: 4px 18px; } QPushButton:enabled { background: #2e7d32; color: white; }"
        )
        self.post_button.clicked.connect(self.post)
        for button in (self.cancel_button, self.post_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addSpacing(24)
        buttons.addWidget(self.show_expected)
        buttons.addStretch(1)
        buttons.addWidget(self.post_button)

        for keys, slot in (
            ("Ctrl+N", self.start_count),
            ("Ctrl+P", self.print_sheet),
            ("Ctrl+Return", self.post),
            ("Ctrl+Enter", self.post),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Count: check what is on the shelves")))
        layout.addLayout(top)
        layout.addWidget(self.state)
        layout.addLayout(scan_row)
        layout.addWidget(self.feedback)
        layout.addWidget(self.table, 1)
        layout.addLayout(legend)
        layout.addLayout(buttons)

    # -- loading --------------------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.load_choices()

    def load_choices(self) -> None:
        self.runner.run(tasks.count_choices, on_done=self._set_choices, owner=self)

    def _set_choices(self, choices: tasks.CountChoices) -> None:
        self.open_counts = choices.open_counts
        self.show_expected_setting = choices.show_expected
        self.show_expected.blockSignals(True)
        self.show_expected.setChecked(choices.show_expected)
        self.show_expected.blockSignals(False)
        self._apply_show_expected()
        open_by_scope = {count.scope: count for count in choices.open_counts}
        wanted = self._prefer or self.where.currentData() or (("count", self.count.id) if self.count else None)
        self._prefer = None
        self.where.blockSignals(True)
        self.where.clear()
        for row in choices.locations:
            count = open_by_scope.pop(row.name, None)
            if count is not None:
                self._add_open_count(row.name, count)
            else:
                key = ("location", row.name)
                self.where.addItem(_place(row.name), key)
        for count in open_by_scope.values():  # counts of a category (started elsewhere)
            self._add_open_count(count.scope, count)
        position = self.where.findData(wanted) if wanted is not None else -1
        if position < 0 and self.count is not None:
            position = self.where.findData(("count", self.count.id))
        if position < 0:  # the first open count, else the first location
            position = next((n for n in range(self.where.count()) if self.where.itemData(n)[0] == "count"), 0)
        self.where.setCurrentIndex(position)
        self.where.blockSignals(False)
        self._where_changed()

    def _add_open_count(self, where: str, count: CountSummary) -> None:
        """An entry of the list for a count still open; its text keeps "   —" after the place (`choose_location`)."""
        key = ("count", count.id)
        self.where.addItem(_("{where}   — count {number} open").format(where=_place(where), number=count.id), key)

    def choose_location(self, name: str) -> None:
        for number in range(self.where.count()):
            if self.where.itemText(number).split("   —")[0] in (name, _place(name)):
                self.where.setCurrentIndex(number)
                return
        raise ValueError(f"no location {name} in the list")

    def _where_changed(self) -> None:
        data = self.where.currentData()
        if data is None:
            self._show_count(None)
            return
        kind, value = data
        if kind == "count":
            self.runner.run(tasks.count_summary, value, on_done=self._show_count, owner=self)
        else:
            self._show_count(None)

    def _show_count(self, summary: CountSummary | None) -> None:
        self.count = summary if summary is None or summary.status == "open" else None
        self._forget_lot()
        has_count = self.count is not None
        self.model.set_rows(self.count.rows if self.count else [])
        for widget in (self.scan, self.amount, self.post_button, self.cancel_button, self.sheet_button):
            widget.setEnabled(has_count)
        self.amount.setEnabled(False)
        self.start_button.setEnabled(not has_count and self.where.currentData() is not None)
        self._update_state()
        if has_count:
            self.focus_scan()

    def _update_state(self) -> None:
        if self.count is None:
            where = self.where.currentText().split("   —")[0] or _("this location")
            self.state.setText(
                _("No count is open for {where}. Start one (Ctrl+N): it notes what the books expect there now.").format(
                    where=where
                )
            )
            return
        summary = self.count
        local = summary.started_at.astimezone()
        started = f"{fmt.date(local.date())} {local:%H:%M}"
        self.state.setText(
            ngettext(
                "Count {number} of {scope}, started {started}: {counted} of {count} lot counted.",
                "Count {number} of {scope}, started {started}: {counted} of {count} lots counted.",
                len(summary.rows),
            ).format(
                number=summary.id,
                scope=_place(summary.scope),
                started=started,
                counted=summary.counted,
                count=len(summary.rows),
            )
        )

    def focus_scan(self) -> None:
        self.scan.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- show expected (a pantry setting) -------------------------------------------------------------------------

    def _show_expected_toggled(self, checked: bool) -> None:
        self.show_expected_setting = checked
        self._apply_show_expected()
        self.runner.run(tasks.set_show_expected, checked, owner=self)

    def _apply_show_expected(self) -> None:
        self.table.setColumnHidden(EXPECTED, not self.show_expected_setting)

    # -- starting, counting ---------------------------------------------------------------------------------------

    def start_count(self) -> None:
        data = self.where.currentData()
        if self.count is not None or data is None or data[0] != "location":
            return
        name = data[1]
        self.runner.run(
            tasks.start_count,
            name,
            on_done=self._started,
            on_error=lambda error: self.feedback.error(str(error)),
            owner=self,
        )

    def _started(self, summary: CountSummary) -> None:
        self.feedback.ok(
            ngettext(
                "Count {number} of {scope} started: {count} lot expected there. Scan the first lot label.",
                "Count {number} of {scope} started: {count} lots expected there. Scan the first lot label.",
                len(summary.rows),
            ).format(number=summary.id, scope=_place(summary.scope), count=len(summary.rows))
        )
        self.status.emit(_("Count {number} of {scope} started.").format(number=summary.id, scope=_place(summary.scope)))
        self.count = summary
        self.load_choices()
        self._show_count(summary)

    def _scanned(self) -> None:
        text = self.scan.text()
        if not text.strip() or self.count is None:
            return
        own = parse_own_code(text) if text.strip().isascii() else None
        if own is not None and own.kind == "lot":
            self.scan.clear()
            self.choose_lot(own.text)
            return
        try:
            parsed = barcodes.parse_scan(text)
        except barcodes.ScanError as problem:
            self.feedback.error(_("{problem}. Scan the lot label: its code starts with L.").format(problem=problem))
        else:
            code = parsed.code or text.strip()
            if parsed.kind in ("product", "gs1-data"):
                message = _("{code} is the product's barcode, not a lot. Scan the lot label (L…).")
            elif parsed.kind == "household":
                message = _("{code} is a household card, not a lot. Scan the lot label (L…).")
            elif parsed.kind == "order":
                message = _("{code} is a pickup order, not a lot. Scan the lot label (L…).")
            elif parsed.kind == "location":
                message = _("{code} is a shelf label, not a lot. Scan the lot label (L…).")
            else:
                message = _("{code} is not a lot. Scan the lot label (L…).")
            self.feedback.error(message.format(code=code))
        self.scan.selectAll()
        self.focus_scan()

    def choose_lot(self, code: str) -> None:
        """The lot to count next: its row is chosen, and the keyboard goes to the count field."""
        if self.count is None:
            return
        number = self.model.row_of_lot(code)
        if number is None:
            self.runner.run(
                tasks.lot_details,
                code,
                on_done=self._unexpected_lot,
                on_error=lambda error: (self.feedback.error(str(error)), self.focus_scan()),
                owner=self,
            )
            return
        row = self.model.row_at(number)
        self.table.selectRow(number)
        self.table.scrollTo(self.model.index(number, 0))
        if row.counted is None:
            question = _("Lot {lot}: {item}. How many are there?").format(lot=row.lot, item=row.item)
        else:
            question = _("Lot {lot}: {item} (counted before: {counted}). How many are there?").format(
                lot=row.lot, item=row.item, counted=format_quantity(row.counted, row.unit)
            )
        self._ask_amount(row.lot, row.unit, question)

    def _unexpected_lot(self, details: tasks.LotDetails) -> None:
        found = details.history
        self._ask_amount(
            found.lot,
            found.unit,
            _("Lot {lot} ({item}) was not expected here: type how many there are and it is added.").format(
                lot=found.lot, item=found.item
            ),
        )

    def _ask_amount(self, code: str, unit: str, text: str) -> None:
        self.pending_lot, self.pending_unit = code, unit
        weighed = unit != "each"
        self.amount_label.setText(_("Counted ({unit}):").format(unit=unit) if weighed else _("Counted:"))
        self.amount.setEnabled(True)
        self.amount.clear()
        self.feedback.info(_("{question} Type it, Enter.").format(question=text))
        self.amount.setFocus(Qt.FocusReason.OtherFocusReason)

    def _forget_lot(self) -> None:
        self.pending_lot = None
        self.amount.clear()
        self.amount.setEnabled(False)
        self.amount_label.setText(_("Counted:"))
        if self.count is not None:
            self.focus_scan()

    def record(self) -> None:
        if self.count is None or self.pending_lot is None:
            return
        try:
            counted = fmt.amount_from_text(self.amount.text(), self.pending_unit)
        except ValueError as problem:
            self.feedback.error(
                _("Counted: {problem}. Type a number, Enter (Esc to scan another lot).").format(problem=problem)
            )
            self.amount.selectAll()
            return
        code = self.pending_lot
        self.runner.run(
            tasks.enter_count,
            self.count.id,
            code,
            counted,
            on_done=lambda summary: self._recorded(summary, code),
            on_error=lambda error: self.feedback.error(str(error)),
            owner=self,
        )

    def _recorded(self, summary: CountSummary, code: str) -> None:
        self.count = summary
        self.model.set_rows(summary.rows)
        self._update_state()
        number = self.model.row_of_lot(code)
        if number is not None:
            row: CountRow = self.model.row_at(number)
            self.table.clearSelection()  # the difference's colour stays visible
            self.table.scrollTo(self.model.index(number, 0))
            counted = format_quantity(row.counted or 0, row.unit)
            if self.show_expected_setting or row.difference == 0:
                text = _("{item} (lot {lot}): counted {counted} — {difference}. Scan the next lot.").format(
                    item=row.item, lot=row.lot, counted=counted, difference=describe_difference(row)
                )
            elif row.difference is not None:
                text = _(
                    "{item} (lot {lot}): counted {counted} — differs from the books (see the colour). "
                    "Scan the next lot."
                ).format(item=row.item, lot=row.lot, counted=counted)
            else:
                text = _("{item} (lot {lot}): counted {counted}. Scan the next lot.").format(
                    item=row.item, lot=row.lot, counted=counted
                )
            (self.feedback.ok if row.difference == 0 else self.feedback.info)(text)
        self._forget_lot()
        self.focus_scan()

    # -- finishing ------------------------------------------------------------------------------------------------

    def post(self) -> None:
        if self.count is None:
            return
        if not self.count.counted:
            self.feedback.error(_("Nothing has been counted yet: scan a lot label and type its count first."))
            self.focus_scan()
            return
        if not ask.confirm(self, _("Post the count?"), post_question(self.count), _("Post the count (Enter)")):
            self.focus_scan()
            return
        self.runner.run(
            tasks.post_count,
            self.count.id,
            on_done=self._posted,
            on_error=lambda error: self.feedback.error(str(error)),
            owner=self,
            label=_("Posting the count…"),
        )

    def _posted(self, posted: Any) -> None:
        self.feedback.ok(_("{message} Ctrl+Shift+Z undoes it.").format(message=posted.message))
        self.stock_changed.emit(posted.message)
        self._prefer = ("location", self.count.scope) if self.count else None
        self.count = None
        self.load_choices()

    def cancel_count(self) -> None:
        if self.count is None:
            return
        summary = self.count
        question = ngettext(
            "Cancel count {number} of {scope}? The {counted} count typed so far is dropped and no stock changes.",
            "Cancel count {number} of {scope}? The {counted} counts typed so far are dropped and no stock changes.",
            summary.counted,
        ).format(number=summary.id, scope=_place(summary.scope), counted=summary.counted)
        if not ask.confirm(self, _("Cancel the count?"), question, _("Cancel the count")):
            self.focus_scan()
            return
        self.runner.run(
            tasks.cancel_count,
            summary.id,
            on_done=lambda _none: self._cancelled(summary),
            on_error=lambda error: self.feedback.error(str(error)),
            owner=self,
        )

    def _cancelled(self, summary: CountSummary) -> None:
        self.feedback.info(
            _("Count {number} of {scope} cancelled: nothing changed.").format(
                number=summary.id, scope=_place(summary.scope)
            )
        )
        self._prefer = ("location", summary.scope)
        self.count = None
        self.load_choices()

    def _sheet_closed(self) -> None:
        self.sheet_dialog = None
        self.window().activateWindow()  # the keyboard back to the scan field of the main window
        self.focus_scan()

    def print_sheet(self) -> None:
        if self.count is None or self.printing is None:
            if self.count is None:
                self.feedback.error(_("Start a count first (Ctrl+N): the sheet lists what the count expects."))
            return
        dialog = CountSheetDialog(self.runner, self.printing, self.count, self.show_expected_setting, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.done.connect(self.status)
        dialog.finished.connect(lambda _result: self._sheet_closed())
        self.sheet_dialog = dialog
        dialog.open()
