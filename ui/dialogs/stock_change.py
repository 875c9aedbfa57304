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
from pantry.services.catalog import NamedRow
from ui import format as fmt
from ui import tasks
from ui.ops import Runner
from ui.widgets import MessageLine, heading, set_bold

MAX_LISTED = 8


def places_text(places: Sequence[tasks.LotPlace]) -> str:
    """The lots as a short list a person can check: lot, item, how much where."""
    lines = [
        f"• {place.lot}  {place.item}: {fmt.quantity(place.quantity, place.unit)} at {place.location}"
        for place in places[:MAX_LISTED]
    ]
    if len(places) > MAX_LISTED:
        lines.append(f"… and {len(places) - MAX_LISTED} more")
    return "\n".join(lines)


class _ChangeDialog(QDialog):
    """Emits `changed(tasks.Changed)` once the core made the change; then closes."""

    changed = Signal(object)

    def __init__(self, runner: Runner, places: Sequence[tasks.LotPlace], title: str, parent: QWidget | None) -> None:
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
        cancel = QPushButton("Cancel (Esc)")
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        lots = QLabel(places_text(self.places))
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
            field.setPlaceholderText(f"all: {fmt.quantity(place.quantity, place.unit)}{unit}")
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
        self.feedback.error(str(error) if isinstance(error, UserError) else f"That did not work: {error}")


class MoveDialog(_ChangeDialog):
    def __init__(
        self,
        runner: Runner,
        places: Sequence[tasks.LotPlace],
        locations: Sequence[NamedRow],
        parent: QWidget | None = None,
    ) -> None:
        title = f"Move lot {places[0].lot}" if len(places) == 1 else f"Move {len(places)} lots"
        super().__init__(runner, places, title, parent)
        self.to = QComboBox()
        here = {place.location for place in places}
        for row in locations:
            self.to.addItem(row.name, row.name)
        first_elsewhere = next((n for n, row in enumerate(locations) if row.name not in here), 0)
        self.to.setCurrentIndex(first_elsewhere)
        self.amount = self._amount_field()
        self.form.addRow("Move &to", self.to)
        if self.single is not None:
            self.form.addRow("&How much", self.amount)
            self.amount.setToolTip("Leave empty to move all of it")
        else:
            self.form.addRow("", QLabel("All of each lot moves."))
        self.ok_button.setText("Move (Enter)")
        self.to.setFocus()

    def submit(self) -> None:
        try:
            amount = self._amount(self.amount)
        except ValueError as problem:
            self.feedback.error(f"How much: {problem}")
            self.amount.setFocus()
            return
        moves = [(place.lot, place.location, amount) for place in self.places]
        self._run(tasks.move_lots, moves, self.to.currentData())


DIRECTIONS = (("remove", "Remove from stock"), ("add", "Add to stock"))


class AdjustDialog(_ChangeDialog):
    def __init__(
        self,
        runner: Runner,
        places: Sequence[tasks.LotPlace],
        reasons: Sequence[tasks.Reason],
        parent: QWidget | None = None,
    ) -> None:
        title = f"Adjust lot {places[0].lot}" if len(places) == 1 else f"Adjust {len(places)} lots"
        super().__init__(runner, places, title, parent)
        self.reasons = list(reasons)
        self.direction = QComboBox()
        for key, label in DIRECTIONS:
            self.direction.addItem(label, key)
        self.amount = self._amount_field()
        self.reason = QComboBox()
        for reason in self.reasons:
            kind = "a loss" if reason.is_loss else "not a loss"
            self.reason.addItem(f"{reason.label}  ({kind}{', needs a note' if reason.needs_note else ''})", reason.code)
        self.reason.currentIndexChanged.connect(self._reason_changed)
        self.note = QLineEdit()
        self.note.setMaxLength(200)
        if self.single is not None:
            self.form.addRow("&Change", self.direction)
            self.form.addRow("&How much", self.amount)
            self.amount.setPlaceholderText("e.g. 3" if self.single.unit == "each" else f"e.g. 1.5 ({self.single.unit})")
        else:
            self.form.addRow("", QLabel("Removes everything of each lot where it lies."))
        self.form.addRow("&Reason", self.reason)
        self.form.addRow("&Note", self.note)
        self.ok_button.setText("Adjust (Enter)")
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
        self.note.setPlaceholderText("required: say what happened" if reason.needs_note else "optional: what happened")

    def submit(self) -> None:
        if not self.reasons:
            self.feedback.error("There are no adjustment reasons to choose from.")
            return
        if self.single is not None:
            try:
                amount = self._amount(self.amount)
            except ValueError as problem:
                self.feedback.error(f"How much: {problem}")
                self.amount.setFocus()
                return
            if amount is None:
                self.feedback.error(f"How much: type how many to {self.direction.currentText().split()[0].lower()}.")
                self.amount.setFocus()
                return
            sign = -1 if self.direction.currentData() == "remove" else 1
            changes = [(self.single.lot, self.single.location, sign * amount)]
        else:
            changes = [(place.lot, place.location, -place.quantity) for place in self.places]
        self._run(tasks.adjust_lots, changes, self.chosen_reason().code, self.note.text().strip())
