"""At start, when the database cannot be opened: what happened, what to do, and the ways forward - restore from a
backup, open read-only (when that would work), or quit. Never a traceback."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pantry.db import DatabaseProblem
from ui.dialogs.about import APP_NAME
from ui.guide.palette import PROBLEM
from ui.text import N_, _
from ui.widgets import set_text_colour

TITLES = {
    "damaged": N_("The pantry's database is damaged"),
    "newer": N_("The pantry's database is from a newer Pantry Desk"),
    "locked": N_("The pantry's database is in use by another program"),
    "read_only": N_("The pantry's database cannot be written"),
    "no_access": N_("You may not open the pantry's database"),
}


class OpenProblemDialog(QDialog):
    """Shows a DatabaseProblem; `choice` is RESTORE (with `backup_file`), READ_ONLY or QUIT when it closes."""

    RESTORE = "restore"
    READ_ONLY = "read_only"
    QUIT = "quit"

    def __init__(
        self, problem: DatabaseProblem, backup_folder: Path, parent: QWidget | None = None, *, note: str = ""
    ) -> None:
        super().__init__(parent)
        self.problem = problem
        self.backup_folder = backup_folder
        self.choice = self.QUIT
        self.backup_file: Path | None = None
        self.setWindowTitle(APP_NAME)
        self.setMinimumWidth(560)

        title = QLabel(_(TITLES.get(problem.kind, N_("Pantry Desk could not open the database"))))
        font = title.font()
        font.setBold(True)
        font.setPointSize(font.pointSize() + 2)
        title.setFont(font)
        self.message = QLabel(str(problem))
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where = QLabel(_("Backups are in {folder}").format(folder=backup_folder))
        where.setWordWrap(True)
        self.note = QLabel(note)  # why the last restore did not work
        self.note.setWordWrap(True)
        set_text_colour(self.note, PROBLEM)
        self.note.setVisible(bool(note))

        self.buttons = QDialogButtonBox()
        self.restore_button = QPushButton(_("Restore from a backup…"))
        self.restore_button.setToolTip(_("Choose a backup copy and put it back in place of this database"))
        self.restore_button.clicked.connect(self._restore)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.read_only_button: QPushButton | None = None
        if problem.read_only_possible:
            self.read_only_button = QPushButton(_("Open read-only"))
            self.read_only_button.setToolTip(_("Look at everything; nothing can be saved"))
            self.read_only_button.clicked.connect(self._read_only)
            self.buttons.addButton(self.read_only_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.quit_button = QPushButton(_("Quit"))
        self.quit_button.setToolTip(_("Close Pantry Desk; the database stays as it is (Esc)"))
        self.quit_button.clicked.connect(self.reject)
        self.buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.quit_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.message)
        layout.addWidget(where)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)

    def ask_for_backup_file(self) -> Path | None:
        """The backup the person picks (a file dialog opened in the backup folder), or None."""
        name, _filter = QFileDialog.getOpenFileName(
            self,
            _("Restore from a backup"),
            str(self.backup_folder),
            _("Pantry Desk backups (*.sqlite);;All files (*)"),
        )
        return Path(name) if name else None

    def _restore(self) -> None:
        chosen = self.ask_for_backup_file()
        if chosen is None:
            return
        self.backup_file = chosen
        self.choice = self.RESTORE
        self.accept()

    def _read_only(self) -> None:
        self.choice = self.READ_ONLY
        self.accept()

    def reject(self) -> None:
        self.choice = self.QUIT
        super().reject()
