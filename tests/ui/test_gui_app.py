"""Starting the app: the database opens in the worker, then the window shows with the pantry's name."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pantry.db import open_database, sample_database
from ui.app import Desk, parse_args


def start(qtbot: QtBot, argv: list[str]) -> Desk:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    desk = Desk(app, parse_args(argv))
    desk.start()
    qtbot.waitUntil(lambda: desk.window is not None, timeout=30_000)
    assert desk.window is not None
    desk.window.ask_before_closing = False
    qtbot.addWidget(desk.window)
    qtbot.waitUntil(desk.runner.is_idle, timeout=10_000)
    return desk


def test_opens_the_database_given(qtbot: QtBot, db_path: Path) -> None:
    open_database(db_path, org_name="Eastside Food Shelf").dispose()
    desk = start(qtbot, ["--db", str(db_path)])
    try:
        assert desk.window is not None
        assert desk.window.windowTitle() == "Eastside Food Shelf — Pantry Desk"
        assert desk.window.intake.scan.placeholderText() == "Scan a barcode or type an item name"
    finally:
        desk.stop()


def test_opens_the_sample_pantry(qtbot: QtBot) -> None:
    desk = start(qtbot, ["--sample"])
    try:
        assert desk.window is not None
        assert desk.window.windowTitle() == "Sample Pantry — Pantry Desk — Sample pantry"
        assert sample_database().exists()
        desk.window.show_screen("Stock")
        qtbot.waitUntil(desk.runner.is_idle)
        assert desk.window.stock.item_model.rowCount() > 50
    finally:
        desk.stop()


def test_db_and_sample_exclude_each_other(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        parse_args(["--db", "x.sqlite", "--sample"])
    assert "not allowed with" in capsys.readouterr().err
