"""Move and adjust: the two stock changes a volunteer makes to lots chosen on the Stock screen or a scanned lot.

The dialogs only gather what the person wants; the core decides (a reason that needs a note, a loss that would add
stock ...) and its refusal is shown in the dialog, which stays open to fix it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pantry.errors import UserError
from pantry.i18n import builtin_label
from pantry.services.catalog import NamedRow
from ui import format as fmt
from ui import tasks
from ui.ops import Runner
from ui.text import N_, _
from ui.widgets import MessageLine, heading, set_bold

MAX_LISTED = 8


def places_text(places: Sequence[tasks.LotPlace]) -> str:
    """The lots as a short list a person can check: lot, item, how much where."""
    lines = [
        _("• {lot}  {item}: {quantity} at {location}").format(
            lot=place.lot,
            item=place.item,
            quantity=fmt.quantity(place.quantity, place.unit),
            location=builtin_label("location", None, place.location),
        )
        for place in places[:MAX_LISTED]
    ]
    if len(places) > MAX_LISTED:
        lines.append(_("… and {count} more").format(count=len(places) - MAX_LISTED))
    return "\n".join(lines)


class _ChangeDialog(QDialog):
    """Emits `changed(tasks.Changed)` once the core made the change; then closes."""

    changed = Signal(object)

    def __init__(self, runner: Runner, places: Sequence[tasks.LotPlace], title: str, parent: QWidget | None) -> None:
        """`title` is already in the desk's language."""
        super().__init__(parent)
        self.runner = runner
        self.places = list(places)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.form = QFormLayout()
        self.feedback = MessageLine()
        self.ok_button = QPushButton()
        set_bold(self.ok_button, 1)
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.submit)
        cancel = QPushButton(_("Cancel (Esc)"))
        cancel.setToolTip(_("Close without changing anything (Esc)"))
        cancel.setAccessibleName(_("Cancel"))
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        lots = QLabel(places_text(self.places))
        lots.setAccessibleName(_("Lots"))
        lots.setStyleSheet("font-family: monospace;" if len(self.places) > 1 else "")
        buttons = QHBoxLayout()
        buttons.addWidget(cancel)
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title))
        layout.addWidget(lots)
        layout.addLayout(self.form)
        layout.addWidget(self.feedback)
        layout.addLayout(buttons)

    @property
    def single(self) -> tasks.LotPlace | None:
        return self.places[0] if len(self.places) == 1 else None

    def _amount_field(self) -> QLineEdit:
        field = QLineEdit()
        place = self.single
        if place is not None:
            unit = f" {place.unit}" if place.unit != "each" else ""
            field.setPlaceholderText(
                _("all: {quantity}").format(quantity=f"{fmt.quantity(place.quantity, place.unit)}{unit}")
            )
        field.setAccessibleName(_("How much"))
        return field

    def _amount(self, field: QLineEdit) -> int | None:
        """The typed amount in counting units; None for "all". ValueError names the problem."""
        place = self.single
        if place is None or not field.text().strip():
            return None
        return fmt.amount_from_text(field.text(), place.unit)

    def submit(self) -> None:
        raise NotImplementedError

    def _run(self, fn: object, *args: object) -> None:
        self.ok_button.setEnabled(False)
        self.runner.run(fn, *args, on_done=self._done, on_error=self._refused, owner=self)  # type: ignore[arg-type]

    def _done(self, changed: tasks.Changed) -> None:
        self.changed.emit(changed)
        self.accept()

    def _refused(self, error: Exception) -> None:
        self.ok_button.setEnabled(True)
        self.feedback.error(
            str(error) if isinstance(error, UserError) else _("That did not work: {problem}").format(problem=error)
        )


class MoveDialog(_ChangeDialog):
    def __init__(
        self,
        runner: Runner,
        places: Sequence[tasks.LotPlace],
        locations: Sequence[NamedRow],
        parent: QWidget | None = None,
    ) -> None:
        if len(places) == 1:
            title = _("Move lot {lot}").format(lot=places[0].lot)
        else:
            title = _("Move {count} lots").format(count=len(places))
        super().__init__(runner, places, title, parent)
        self.to = QComboBox()
        here = {place.location for place in places}
        for row in locations:
            self.to.addItem(builtin_label("location", None, row.name), row.name)
        first_elsewhere = next((n for n, row in enumerate(locations) if row.name not in here), 0)
        self.to.setCurrentIndex(first_elsewhere)
        self.to.setToolTip(_("The location the stock goes to (Alt+T)"))
        self.to.setAccessibleName(_("Move to"))
        self.amount = self._amount_field()
        self.form.addRow(_("Move &to"), self.to)
        if self.single is not None:
            self.form.addRow(_("&How much"), self.amount)
            self.amount.setToolTip(_("Leave empty to move all of it (Alt+H)"))
        else:
            self.form.addRow("", QLabel(_("All of each lot moves.")))
        self.ok_button.setText(_("Move (Enter)"))
        self.ok_button.setToolTip(_("Move the stock now (Enter)"))
        self.ok_button.setAccessibleName(_("Move"))
        self.to.setFocus()

    def submit(self) -> None:
        try:
            amount = self._amount(self.amount)
        except ValueError as problem:
            self.feedback.error(_("How much: {problem}").format(problem=problem))
            self.amount.setFocus()
            return
        moves = [(place.lot, place.location, amount) for place in self.places]
        self._run(tasks.move_lots, moves, self.to.currentData())


DIRECTIONS = (("remove", N_("Remove from stock")), ("add", N_("Add to stock")))  # translated where shown


class AdjustDialog(_ChangeDialog):
    def __init__(
        self,
        runner: Runner,
        places: Sequence[tasks.LotPlace],
        reasons: Sequence[tasks.Reason],
        parent: QWidget | None = None,
    ) -> None:
        if len(places) == 1:
            title = _("Adjust lot {lot}").format(lot=places[0].lot)
        else:
            title = _("Adjust {count} lots").format(count=len(places))
        super().__init__(runner, places, title, parent)
        self.reasons = list(reasons)
        self.direction = QComboBox()
        for key, label in DIRECTIONS:
            self.direction.addItem(_(label), key)
        self.direction.setToolTip(_("Take stock away, or add stock that was found (Alt+C)"))
        self.direction.setAccessibleName(_("Change"))
        self.amount = self._amount_field()
        self.reason = QComboBox()
        for reason in self.reasons:
            if reason.is_loss:
                text = _("{reason}  (a loss, needs a note)") if reason.needs_note else _("{reason}  (a loss)")
            else:
                text = _("{reason}  (not a loss, needs a note)") if reason.needs_note else _("{reason}  (not a loss)")
            self.reason.addItem(text.format(reason=builtin_label("reason", reason.code, reason.label)), reason.code)
        self.reason.currentIndexChanged.connect(self._reason_changed)
        self.reason.setToolTip(_("Why the stock changes; the reports count losses apart (Alt+R)"))
        self.reason.setAccessibleName(_("Reason"))
        self.note = QLineEdit()
        self.note.setMaxLength(200)
        self.note.setToolTip(_("What happened, in a few words (Alt+N)"))
        self.note.setAccessibleName(_("Note"))
        if self.single is not None:
            self.form.addRow(_("&Change"), self.direction)
            self.form.addRow(_("&How much"), self.amount)
            self.amount.setToolTip(_("How many (or how much, for weighed items) to remove or add (Alt+H)"))
            self.amount.setPlaceholderText(
                _("e.g. 3") if self.single.unit == "each" else _("e.g. 1.5 ({unit})").format(unit=self.single.unit)
            )
        else:
            self.form.addRow("", QLabel(_("Removes everything of each lot where it lies.")))
        self.form.addRow(_("&Reason"), self.reason)
        self.form.addRow(_("&Note"), self.note)
        self.ok_button.setText(_("Adjust (Enter)"))
        self.ok_button.setToolTip(_("Make the change now (Enter)"))
        self.ok_button.setAccessibleName(_("Adjust"))
        self._reason_changed()
        (self.amount if self.single is not None else self.reason).setFocus()

    def chosen_reason(self) -> tasks.Reason:
        return self.reasons[self.reason.currentIndex()]

    def choose_reason(self, code: str) -> None:
        self.reason.setCurrentIndex(self.reason.findData(code))

    def _reason_changed(self) -> None:
        if not self.reasons:
            return
        reason = self.chosen_reason()
        self.note.setPlaceholderText(
            _("required: say what happened") if reason.needs_note else _("optional: what happened")
        )

    def submit(self) -> None:
        if not self.reasons:
            self.feedback.error(_("There are no adjustment reasons to choose from."))
            return
        if self.single is not None:
            try:
                amount = self._amount(self.amount)
            except ValueError as problem:
                self.feedback.error(_("How much: {problem}").format(problem=problem))
                self.amount.setFocus()
                return
            if amount is None:
                if self.direction.currentData() == "remove":
                    self.feedback.error(_("How much: type how many to remove."))
                else:
                    self.feedback.error(_("How much: type how many to add."))
                self.amount.setFocus()
                return
            sign = -1 if self.direction.currentData() == "remove" else 1
            changes = [(self.single.lot, self.single.location, sign * amount)]
        else:
            changes = [(place.lot, place.location, -place.quantity) for place in self.places]
        self._run(tasks.adjust_lots, changes, self.chosen_reason().code, self.note.text().strip())
