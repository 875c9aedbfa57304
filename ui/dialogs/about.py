"""Help > About: which Pantry Desk this is, which database it has open (and that database's schema revision), the
licence, and the Python and Qt it runs on, with a button that copies all of it for a question or a bug report.

The facts about the database are read on the worker (`about_facts(session)`, through the runner); the dialog only
shows them:

    runner.run(about.about_facts, on_done=lambda facts: about.AboutDialog(facts, window).exec())
"""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from pantry import __version__
from pantry.db import sqlite_path
from pantry.services.setup import get_setting
from ui.text import N_, _
from ui.widgets import heading

APP_NAME = "Pantry Desk"
LICENCE = N_(
    "Free software under the GNU Affero General Public License, version 3 or later (AGPL-3.0-or-later). "
    "Printouts use the DejaVu fonts (Bitstream Vera licence)."
)


@dataclass(frozen=True)
class AboutFacts:
    version: str  # this program's
    pantry: str  # the pantry's name, as printed on documents
    database: str  # the file, or the server URL without its password
    revision: str  # the database's schema revision ("" when it has none)
    newest_revision: str  # the newest this program knows
    written_by: str  # the version that last opened the database ("" when not recorded)


def about_facts(session: Session) -> AboutFacts:
    """What About shows about the open database (runs on the worker: it reads the database)."""
    from pantry.migrations import HEAD

    url = session.get_bind().engine.url
    path = sqlite_path(str(url))
    where = str(path) if path is not None else make_url(url).render_as_string(hide_password=True)
    try:
        revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar() or ""
    except SQLAlchemyError:
        revision = ""
    return AboutFacts(
        version=__version__,
        pantry=get_setting(session, "org_name"),
        database=where,
        revision=revision,
        newest_revision=HEAD,
        written_by=get_setting(session, "app_version"),
    )


def runtime_lines() -> list[tuple[str, str]]:
    """(name, value) of what the program runs on; the names are English msgids (N_), shown translated."""
    return [
        ("Python", f"{platform.python_version()} ({platform.python_implementation()})"),
        ("Qt", f"{qVersion()} (PySide6 {PySide6.__version__})"),
        (N_("System"), f"{platform.system()} {platform.release()} ({platform.machine()})"),
        (N_("Bundled"), _("yes (no Python needed)") if getattr(sys, "frozen", False) else _("no (runs from Python)")),
    ]


class AboutDialog(QDialog):
    def __init__(self, facts: AboutFacts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.facts = facts
        self.setWindowTitle(_("About {app}").format(app=APP_NAME))
        self.setMinimumWidth(560)

        self.title = heading(f"{APP_NAME} {facts.version}")
        self.summary = QLabel(_("Scan-first stock and distribution desk for food pantries and mutual-aid groups."))
        self.summary.setWordWrap(True)

        schema = facts.revision or _("none")
        if facts.revision and facts.revision != facts.newest_revision:
            schema = _("{revision} (this version's newest: {newest})").format(
                revision=facts.revision, newest=facts.newest_revision
            )
        # (name, value): the names are English msgids (the keys of `values`), shown in the desk's language
        self.rows: list[tuple[str, str]] = [
            (N_("Version"), facts.version),
            (N_("Pantry"), facts.pantry or "-"),
            (N_("Database"), facts.database),
            (N_("Schema revision"), schema),
        ]
        if facts.written_by and facts.written_by != facts.version:
            self.rows.append((N_("Last opened by"), f"Pantry Desk {facts.written_by}"))
        self.rows += runtime_lines()

        form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for name, value in self.rows:
            label = QLabel(value)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            label.setAccessibleName(_(name))
            form.addRow(_("{name}:").format(name=_(name)), label)
            self.values[name] = label

        self.licence = QLabel(_(LICENCE))
        self.licence.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(_("Copy details"))
        self.copy_button.setToolTip(_("Copy the version, database and system details, to paste into a question"))
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setToolTip(_("Close this window (Esc)"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(self.licence)
        layout.addWidget(buttons)

    def details(self) -> str:
        """The dialog's facts as plain text, one per line."""
        lines = (_("{name}: {value}").format(name=_(name), value=value) for name, value in self.rows)
        return "\n".join([f"{APP_NAME} {self.facts.version}", *lines])

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details())
        self.copy_button.setText(_("Copied"))
