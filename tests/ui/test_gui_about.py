"""Help > About: the version, the open database and its schema revision, the licence, Python and Qt; the facts are
read from a real database through the same function the runner calls."""

from __future__ import annotations

import platform
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from pantry import __version__
from pantry.db import Database
from pantry.migrations import HEAD
from ui.dialogs.about import AboutDialog, about_facts


def test_about_shows_version_database_revision_and_runtime(qtbot: QtBot, database: Database, db_path: Path) -> None:
    with database.session() as session:
        facts = about_facts(session)
    dialog = AboutDialog(facts)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)

    assert dialog.windowTitle() == "About Pantry Desk"
    assert dialog.title.text() == f"Pantry Desk {__version__}"
    assert dialog.values["Version"].text() == __version__
    assert dialog.values["Database"].text() == str(db_path.resolve())
    assert dialog.values["Schema revision"].text() == HEAD
    assert dialog.values["Python"].text().startswith(platform.python_version())
    assert dialog.values["Qt"].text().startswith(qVersion())
    assert "AGPL-3.0-or-later" in dialog.licence.text()
    assert "Last opened by" not in dialog.values

    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied.splitlines()[0] == f"Pantry Desk {__version__}"
    assert f"Database: {db_path.resolve()}" in copied
    assert f"Schema revision: {HEAD}" in copied


def test_about_says_when_an_older_schema_or_another_version_wrote_the_database(
    qtbot: QtBot, database: Database
) -> None:
    with database.session() as session:
        session.execute(text("UPDATE setting SET value = '0.0.9' WHERE key = 'app_version'"))
    with database.session() as session:
        facts = about_facts(session)
    older = AboutDialog(replace(facts, revision="0001"))
    qtbot.addWidget(older)

    assert older.values["Schema revision"].text() == f"0001 (this version's newest: {HEAD})"
    assert older.values["Last opened by"].text() == "Pantry Desk 0.0.9"
