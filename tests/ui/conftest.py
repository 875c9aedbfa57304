"""GUI fixtures: a real worker over a fresh SQLite file, a catalog built through the services, the main window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pantry_sample
import pytest
from gui_helpers import Catalog, wait_idle
from pytestqt.qtbot import QtBot

from pantry.db import Database
from ui.main_window import MainWindow
from ui.ops import Runner

HERE = Path(__file__).parent

# The offscreen platform plugin warns whenever a top-level window's size limits change (the xcb/Windows/macOS plugins
# implement this); it says nothing about our code. Everything else Qt warns about still fails the test.
OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture
def pantry_catalog(database: Database) -> Catalog:
    """A few items as a pantry would enter them: counted, with a case code, and weighed (pantry_sample.py)."""
    with database.session() as session:
        items = pantry_sample.small_catalog(session)
    return items


@pytest.fixture
def stocked(database: Database, pantry_catalog: Catalog) -> Catalog:
    """One earlier donation, so stock tables have rows of every kind (in the cooler, expiring soon, below par)."""
    with database.session() as session:
        pantry_sample.first_donation(session, pantry_catalog)
    return pantry_catalog


@pytest.fixture
def runner(qtbot: QtBot, database: Database) -> Iterator[Runner]:
    worker = Runner(database)
    yield worker
    worker.shutdown()


@pytest.fixture
def window(qtbot: QtBot, runner: Runner, pantry_catalog: Catalog) -> MainWindow:
    main = MainWindow(runner)
    main.ask_before_closing = False
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    wait_idle(qtbot, runner)
    return main
