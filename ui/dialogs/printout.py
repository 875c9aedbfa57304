"""The print window every printout opens: what will print, its options, then Print (Enter), Preview or Save as PDF.

A subclass says how to make the PDF (`make_pdf`, in the worker) and may add options above the buttons. The PDF is
made once per set of options. Print opens the system print dialog; tests call `print_on(printer)` and `save_pdf(path)`
with a QPrinter writing a file and a path, so no modal dialog is needed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pantry.errors import UserError
from ui import printing
from ui.ops import Runner
from ui.printing import Printing, Printout
from ui.text import _
from ui.widgets import MessageLine, heading, set_bold

MIN_WIDTH = 640


class PrintoutDialog(QDialog):
    """Emits `done(message)` after the printout went to a printer (or was queued there) or to a file."""

    done = Signal(str)

    def __init__(self, runner: Runner, printer_desk: Printing, title: str, parent: QWidget | None = None) -> None:
        """`title` is already in the desk's language."""
        super().__init__(parent)
        self.runner = runner
        self.printing = printer_desk
        self.printout: Printout | None = None
        self._printout_key: Any = None
        self._busy = False
        self.setWindowTitle(title)

        self.heading = heading(title)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        set_bold(self.summary, 1)
        self.options = QVBoxLayout()
        self.feedback = MessageLine()

        self.print_button = QPushButton(_("Print… (Enter)"))
        self.print_button.setToolTip(_("Choose a printer and print (Enter)"))
        self.print_button.setAccessibleName(_("Print"))
        set_bold(self.print_button, 1)
        self.print_button.setDefault(True)
        self.print_button.setAutoDefault(True)
        self.print_button.setStyleSheet("QPushButton:enabled { background: #2e7d32; color: white; padding: 4px 18px; }")
        self.preview_button = QPushButton(_("Preview (Ctrl+Shift+P)"))
        self.preview_button.setToolTip(_("See the pages before printing them (Ctrl+Shift+P)"))
        self.preview_button.setAccessibleName(_("Preview"))
        self.save_button = QPushButton(_("Save as PDF… (Ctrl+S)"))
        self.save_button.setToolTip(_("Save the pages as a PDF file instead of printing (Ctrl+S)"))
        self.save_button.setAccessibleName(_("Save as PDF"))
        self.close_button = QPushButton(_("Close (Esc)"))
        self.close_button.setToolTip(_("Close without printing (Esc)"))
        self.close_button.setAccessibleName(_("Close"))
        self.print_button.clicked.connect(lambda: self.print_on())
        self.preview_button.clicked.connect(self.show_preview)
        self.save_button.clicked.connect(lambda: self.save_pdf())
        self.close_button.clicked.connect(self.reject)
        for keys, slot in (("Ctrl+Shift+P", self.show_preview), ("Ctrl+S", lambda: self.save_pdf())):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)
        for button in (self.preview_button, self.save_button, self.close_button):
            button.setAutoDefault(False)

        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.print_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addLayout(self.options, 1)
        layout.addWidget(self.feedback)
        layout.addLayout(buttons)

    # -- for subclasses -------------------------------------------------------------------------------------------

    def options_key(self) -> Any:
        """What the PDF depends on: a new key makes a new PDF."""
        return None

    def make_pdf(self, on_done: Callable[[bytes], None], on_error: Callable[[Exception], None]) -> None:
        raise NotImplementedError

    def describe(self) -> tuple[str, str, str]:
        """(what, title, file stem) of the printout: "12 labels", the job name, a file name."""
        raise NotImplementedError

    def ready(self) -> bool:
        """False (with a message shown) when there is nothing to print as the options stand."""
        return True

    # -- the PDF --------------------------------------------------------------------------------------------------

    def _with_printout(self, then: Callable[[Printout], None]) -> None:
        if self._busy or not self.ready():
            return
        key = self.options_key()
        if self.printout is not None and key == self._printout_key:
            then(self.printout)
            return
        self._set_busy(True)
        self.feedback.info(_("Preparing the pages…"))
        what, title, stem = self.describe()

        def made(data: bytes) -> None:
            self.runner.call(
                printing.describe,
                data,
                what,
                title,
                stem,
                on_done=described,
                on_error=self._failed,
                owner=self,
                catch_all=True,
            )

        def described(printout: Printout) -> None:
            self._set_busy(False)
            self.feedback.clear()
            self.printout, self._printout_key = printout, key
            then(printout)

        self.make_pdf(made, self._failed)

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        self.feedback.error(
            str(error)
            if isinstance(error, UserError)
            else _("Could not make the pages: {problem}").format(problem=error)
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for button in (self.print_button, self.preview_button, self.save_button):
            button.setEnabled(not busy)

    # -- the three ways out ---------------------------------------------------------------------------------------

    def print_on(self, printer: QPrinter | None = None) -> None:
        """Print: on `printer` when given (tests: a PDF-file printer), else on the one chosen in the print dialog."""

        def go(printout: Printout) -> None:
            target = printer or self.printing.choose_printer(self, printout)
            if target is None:
                return
            if printer is not None:
                printing.configure(target, printout)
            self.printing.print(printout, target, parent=self.parentWidget(), on_finished=self._printed)
            self.done.emit(_("Printing {what}…").format(what=printout.what))
            self.accept()

        self._with_printout(go)

    def _printed(self, message: str, ok: bool) -> None:
        pass  # `Printing` reports it; the window is closed by now

    def save_pdf(self, path: Path | None = None) -> None:
        def go(printout: Printout) -> None:
            target = path or self.printing.ask_save_path(self, printout)
            if target is None:
                return
            if self.printing.save(printout, target):
                self.done.emit(_("Saved {what} to {path}.").format(what=printout.what, path=target))
                self.accept()
            else:
                self.feedback.error(_("Could not save to {path}: choose another folder.").format(path=target))

        self._with_printout(go)

    def show_preview(self) -> None:
        def go(printout: Printout) -> None:
            if self.printing.preview(self, printout):
                self.print_on()

        self._with_printout(go)

    def showEvent(self, event: Any) -> None:
        """At least MIN_WIDTH wide, and never narrower than its buttons and options need (longer in Spanish): an
        explicit minimum width would otherwise let the layout squeeze them."""
        layout = self.layout()
        needed = layout.minimumSize().width() if layout is not None else 0
        self.setMinimumWidth(max(MIN_WIDTH, needed))
        super().showEvent(event)

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.print_on()
            return
        super().keyPressEvent(event)
