"""Stock actions shared by every screen: open a lot, move, adjust, release, print labels, undo my last change.

Screens hand over the lots a person chose (`tasks.LotPlace`); this opens the right dialog, runs the change in the
worker and tells the window (`changed`) so every screen can refresh and the status bar can say what happened. `after`
callbacks give the keyboard back where the person was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QWidget

from pantry.services.catalog import NamedRow
from ui import ask, tasks
from ui.dialogs.lot import LotDialog
from ui.dialogs.stock_change import AdjustDialog, MoveDialog, places_text
from ui.ops import Runner
from ui.text import _, ngettext

if TYPE_CHECKING:
    from ui.printing import Printing

After = Callable[[], None] | None


class StockActions(QObject):
    """`changed(tasks.Changed)` after every stock change; `message(text)` / `problem(text)` for the status bar."""

    changed = Signal(object)
    message = Signal(str)
    problem = Signal(str)

    def __init__(self, runner: Runner, printer_desk: Callable[[], Printing], window: QWidget) -> None:
        """`printer_desk` gives the window's printing desk when labels are printed (it is made on first use)."""
        super().__init__(window)
        self.runner = runner
        self.printer_desk = printer_desk
        self.window = window
        self.dialog: QDialog | None = None  # the action dialog open now (tests reach it here)
        self.lot_dialog: LotDialog | None = None

    # -- dialogs --------------------------------------------------------------------------------------------------

    def _parent(self) -> QWidget:
        if self.lot_dialog is not None and shiboken6.isValid(self.lot_dialog) and self.lot_dialog.isVisible():
            return self.lot_dialog
        return self.window

    def _open(self, dialog: QDialog, after: After) -> None:
        self.dialog = dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def closed(_result: int) -> None:
            if self.dialog is dialog:
                self.dialog = None
            if after is not None:
                after()

        dialog.finished.connect(closed)
        dialog.open()

    def _report(self, changed: tasks.Changed, *, undoable: bool = True) -> None:
        self.message.emit(
            _("{change}  (Ctrl+Shift+Z undoes it)").format(change=changed.text) if undoable else changed.text
        )
        self.changed.emit(changed)

    # -- one lot --------------------------------------------------------------------------------------------------

    def open_lot(self, code: str, after: After = None) -> None:
        """Look the lot up in the worker and show it (a wrong code says so in the status bar)."""
        self.runner.run(
            tasks.lot_details,
            code,
            on_done=lambda details: self.show_lot(details, after),
            on_error=lambda error: (self.problem.emit(str(error)), after and after()),
            owner=self,
        )

    def show_lot(self, details: tasks.LotDetails, after: After) -> None:
        if self.lot_dialog is not None and shiboken6.isValid(self.lot_dialog):
            self.lot_dialog.close()
        dialog = LotDialog(details, self.window)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.action.connect(lambda which, places: self._lot_action(dialog, which, places))

        def closed(_result: int) -> None:
            if self.lot_dialog is dialog:
                self.lot_dialog = None
            if after is not None:
                after()

        dialog.finished.connect(closed)
        self.lot_dialog = dialog
        dialog.open()

    def _lot_action(self, dialog: LotDialog, which: str, places: list[tasks.LotPlace]) -> None:
        def refresh() -> None:
            if shiboken6.isValid(dialog) and dialog.isVisible():
                self.runner.run(tasks.lot_details, dialog.code, on_done=dialog.show_details, owner=dialog)
                dialog.activateWindow()

        if which == "labels":
            self.print_labels(places or [tasks.LotPlace(dialog.code, "", "each", "", 0)], after=refresh)
        elif which == "move":
            self.move(places, after=refresh)
        elif which == "adjust":
            self.adjust(places, after=refresh)
        elif which == "release":
            self.release(places, after=refresh)

    # -- changes --------------------------------------------------------------------------------------------------

    def move(self, places: Sequence[tasks.LotPlace], after: After = None) -> None:
        if not places:
            return
        chosen = list(places)

        def ask_where(locations: list[NamedRow]) -> None:
            dialog = MoveDialog(self.runner, chosen, locations, self._parent())
            dialog.changed.connect(self._report)
            self._open(dialog, after)

        self.runner.run(tasks.location_rows, on_done=ask_where, owner=self)

    def adjust(self, places: Sequence[tasks.LotPlace], after: After = None) -> None:
        if not places:
            return
        chosen = list(places)

        def ask_why(reasons: list[tasks.Reason]) -> None:
            dialog = AdjustDialog(self.runner, chosen, reasons, self._parent())
            dialog.changed.connect(self._report)
            self._open(dialog, after)

        self.runner.run(tasks.adjust_reasons, on_done=ask_why, owner=self)

    def release(self, places: Sequence[tasks.LotPlace], after: After = None) -> None:
        held = [place for place in places if place.quarantined]
        if not held:
            self.problem.emit(_("None of the chosen lots is on hold: there is nothing to release."))
            if after is not None:
                after()
            return
        codes = list(dict.fromkeys(place.lot for place in held))
        question = ngettext(
            "Release this lot from the recall hold? It goes back into stock and can be given out again.",
            "Release these {count} lots from the recall hold? They go back into stock and can be given out again.",
            len(codes),
        ).format(count=len(codes))
        question += "\n\n" + places_text(held)
        if not ask.confirm(self._parent(), _("Release from hold?"), question, _("Release (Enter)")):
            if after is not None:
                after()
            return
        self.runner.run(
            tasks.release_lots,
            codes,
            on_done=lambda changed: (self._report(changed, undoable=False), after and after()),
            on_error=lambda error: (self.problem.emit(str(error)), after and after()),
            owner=self,
        )

    def undo_last(self, after: After = None) -> None:
        """Undo the acting user's last stock change, after saying which one it is."""

        def confirm(described: str | None) -> None:
            if described is None:
                self.problem.emit(_("There is no stock change of yours to undo."))
                if after is not None:
                    after()
                return
            text = _("Undo {change}? The stock goes back to how it was before it.").format(change=described)
            if not ask.confirm(self.window, _("Undo my last stock change?"), text, _("Undo it (Enter)")):
                if after is not None:
                    after()
                return
            self.runner.run(
                tasks.undo_last_change,
                on_done=lambda changed: (self._report(changed, undoable=False), after and after()),
                on_error=lambda error: (self.problem.emit(str(error)), after and after()),
                owner=self,
            )

        self.runner.run(tasks.last_change, on_done=confirm, owner=self)

    # -- labels ---------------------------------------------------------------------------------------------------

    def print_labels(self, places: Sequence[tasks.LotPlace], after: After = None) -> None:
        if not places:
            return
        pairs = [(place.lot, place.location) for place in places]
        self.runner.run(tasks.lot_label_batch, pairs, on_done=lambda batch: self._labels(batch, after), owner=self)

    def print_donation_labels(self, donation_id: int, after: After = None) -> None:
        self.runner.run(
            tasks.donation_label_batch, donation_id, on_done=lambda batch: self._labels(batch, after), owner=self
        )

    def _labels(self, batch: tasks.LabelBatch, after: After) -> None:
        from ui.dialogs.labels import LabelsDialog  # with the printing desk, PDF rendering: on the first labels

        dialog = LabelsDialog(self.runner, self.printer_desk(), batch, self._parent())
        dialog.done.connect(self.message)
        self._open(dialog, after)
