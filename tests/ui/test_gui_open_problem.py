"""Starting on a database that does not open: a dialog with the message and the ways forward (restore from a backup,
open read-only, quit) - and, on a good start, the day's automatic backup."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pantry.db import DatabaseProblem, open_database
from pantry.services import backup
from ui.app import Desk, parse_args
from ui.dialogs.open_problem import OpenProblemDialog


@pytest.fixture(autouse=True)
def exits(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """What the desk asked the application to exit with. QCoreApplication.exit() outside a running event loop would
    leave Qt's quit flag set for the rest of the test run, so the tests record the call instead."""
    asked: list[int] = []
    monkeypatch.setattr(QApplication.instance(), "exit", asked.append)
    return asked


def desk_for(qtbot: QtBot, path: Path) -> Desk:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    desk = Desk(app, parse_args(["--db", str(path)]))
    desk.start()
    return desk


def wait_for_dialog(qtbot: QtBot, desk: Desk) -> OpenProblemDialog:
    qtbot.waitUntil(lambda: desk.problem_dialog is not None and desk.problem_dialog.isVisible(), timeout=20_000)
    assert desk.problem_dialog is not None
    return desk.problem_dialog


def wait_for_window(qtbot: QtBot, desk: Desk) -> None:
    qtbot.waitUntil(lambda: desk.window is not None, timeout=20_000)
    assert desk.window is not None
    desk.window.ask_before_closing = False
    qtbot.addWidget(desk.window)
    qtbot.waitUntil(desk.runner.is_idle, timeout=20_000)


@pytest.fixture
def good_backup(tmp_path: Path) -> Path:
    source = tmp_path / "elsewhere" / "pantry.sqlite"
    database = open_database(source, org_name="Eastside Food Shelf")
    try:
        return backup.backup(database.engine, tmp_path / "saturday.sqlite")
    finally:
        database.dispose()


def test_the_dialog_shows_the_message_and_offers_read_only_only_when_it_works(qtbot: QtBot, tmp_path: Path) -> None:
    damaged = OpenProblemDialog(DatabaseProblem("damaged", "database: cannot open x: file is not a database"), tmp_path)
    qtbot.addWidget(damaged)
    assert damaged.message.text() == "database: cannot open x: file is not a database"
    assert damaged.read_only_button is None
    assert damaged.restore_button.text() == "Restore from a backup…"
    read_only = OpenProblemDialog(DatabaseProblem("read_only", "read-only", read_only_possible=True), tmp_path)
    qtbot.addWidget(read_only)
    assert read_only.read_only_button is not None
    assert read_only.read_only_button.text() == "Open read-only"


def test_the_file_chooser_starts_in_the_backup_folder_and_cancel_keeps_the_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = OpenProblemDialog(DatabaseProblem("damaged", "damaged"), tmp_path)
    qtbot.addWidget(dialog)
    dialog.ask_for_backup_file = lambda: None  # type: ignore[method-assign]  # the person cancels the file dialog
    dialog.show()
    dialog.restore_button.click()
    assert dialog.isVisible()
    assert dialog.choice == OpenProblemDialog.QUIT


def test_a_damaged_database_is_restored_from_a_backup_and_the_window_opens(
    qtbot: QtBot, db_path: Path, good_backup: Path
) -> None:
    db_path.write_bytes(b"not a database at all " * 200)
    desk = desk_for(qtbot, db_path)
    try:
        dialog = wait_for_dialog(qtbot, desk)
        assert "file is not a database" in dialog.message.text()
        assert dialog.read_only_button is None
        assert dialog.backup_folder == backup.default_folder()
        dialog.ask_for_backup_file = lambda: good_backup  # type: ignore[method-assign]
        dialog.restore_button.click()
        wait_for_window(qtbot, desk)
        assert desk.window is not None
        assert desk.window.windowTitle() == "Eastside Food Shelf — Pantry Desk"
        assert "Restored the backup taken" in desk.window.statusBar().currentMessage()
        (kept,) = backup.default_folder().glob("pantry-before-restore-*-damaged.sqlite")
        assert kept.read_bytes() == b"not a database at all " * 200
    finally:
        desk.stop()


def test_a_wrong_backup_file_says_why_and_asks_again(
    qtbot: QtBot, db_path: Path, tmp_path: Path, exits: list[int]
) -> None:
    db_path.write_bytes(b"not a database at all " * 200)
    wrong = tmp_path / "holiday-photos.sqlite"
    wrong.write_bytes(b"JFIF" * 100)
    desk = desk_for(qtbot, db_path)
    try:
        dialog = wait_for_dialog(qtbot, desk)
        dialog.ask_for_backup_file = lambda: wrong  # type: ignore[method-assign]
        dialog.restore_button.click()
        qtbot.waitUntil(lambda: desk.problem_dialog is not None and desk.problem_dialog is not dialog, timeout=20_000)
        again = wait_for_dialog(qtbot, desk)
        assert again.note.text().startswith(f"restore: {wrong} is not a Pantry Desk database")
        again.quit_button.click()
        qtbot.waitUntil(desk.runner.is_idle)
        assert (desk.exit_code, exits) == (1, [1])
        assert desk.window is None
    finally:
        desk.stop()


def test_a_read_only_file_opens_read_only_and_refuses_to_save(qtbot: QtBot, db_path: Path) -> None:
    open_database(db_path).dispose()
    db_path.chmod(0o444)
    desk = desk_for(qtbot, db_path)
    try:
        dialog = wait_for_dialog(qtbot, desk)
        assert dialog.read_only_button is not None
        dialog.read_only_button.click()
        wait_for_window(qtbot, desk)
        assert desk.database is not None and desk.database.read_only
        assert desk.window is not None
        assert desk.window.statusBar().currentMessage().startswith("Open read-only")
        assert not list(backup.default_folder().glob("pantry-daily-*.sqlite"))  # nothing written, not even a backup
    finally:
        desk.stop()


def test_quit_on_a_database_from_a_newer_app(qtbot: QtBot, db_path: Path, exits: list[int]) -> None:
    open_database(db_path).dispose()
    with sqlite3.connect(db_path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '0999'")
    desk = desk_for(qtbot, db_path)
    try:
        dialog = wait_for_dialog(qtbot, desk)
        assert "newer Pantry Desk" in dialog.message.text()
        dialog.quit_button.click()
        assert (desk.exit_code, exits) == (1, [1])
        assert desk.window is None
    finally:
        desk.stop()


def test_a_good_start_makes_the_days_backup(qtbot: QtBot, db_path: Path) -> None:
    open_database(db_path).dispose()
    desk = desk_for(qtbot, db_path)
    try:
        wait_for_window(qtbot, desk)
        today = backup.default_folder() / f"pantry-daily-{dt.date.today().isoformat()}.sqlite"
        assert today.exists()
    finally:
        desk.stop()


def test_a_missing_backup_folder_is_a_warning_in_the_window(qtbot: QtBot, db_path: Path, tmp_path: Path) -> None:
    database = open_database(db_path)
    backup.set_folder(database, tmp_path / "stick")
    database.dispose()
    (tmp_path / "stick").rmdir()
    desk = desk_for(qtbot, db_path)
    try:
        wait_for_window(qtbot, desk)
        assert desk.window is not None
        assert "is the USB stick or network drive connected?" in desk.window.statusBar().currentMessage()
    finally:
        desk.stop()


def test_an_encrypted_pantry_asks_for_its_passphrase_until_it_is_right(qtbot: QtBot, db_path: Path) -> None:
    from pantry.services import encryption
    from ui.dialogs.passphrase import PassphraseDialog

    open_database(db_path, org_name="Eastside Food Shelf").dispose()
    encryption.encrypt_file(db_path, "correct horse battery staple")
    desk = desk_for(qtbot, db_path)
    try:
        qtbot.waitUntil(
            lambda: desk.passphrase_dialog is not None and desk.passphrase_dialog.isVisible(), timeout=20_000
        )
        first = desk.passphrase_dialog
        assert isinstance(first, PassphraseDialog)
        assert not first.note.isVisible()
        assert not first.open_button.isEnabled()
        qtbot.keyClicks(first.field, "wrong passphrase")
        first.open_button.click()
        qtbot.waitUntil(
            lambda: desk.passphrase_dialog is not None and desk.passphrase_dialog is not first, timeout=20_000
        )
        again = desk.passphrase_dialog
        assert again is not None
        assert again.note.text() == "That passphrase is wrong. Try again."
        qtbot.keyClicks(again.field, "correct horse battery staple")
        again.open_button.click()
        wait_for_window(qtbot, desk)
        assert desk.window is not None
        assert desk.window.windowTitle() == "Eastside Food Shelf — Pantry Desk"
        (daily,) = backup.default_folder().glob("pantry-daily-*.sqlite")
        from pantry.db import looks_encrypted

        assert looks_encrypted(daily)
    finally:
        desk.stop()
