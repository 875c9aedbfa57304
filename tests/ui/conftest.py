"""GUI fixtures: a real worker over a fresh SQLite file, a catalog built through the services, the main window."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import BEANS_CASE_CODE, BEANS_CODE, RICE_CODE, Catalog, wait_idle
from pytestqt.qtbot import QtBot

from pantry.db import Database
from pantry.services import catalog, intake, users
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
    """A few items as a pantry would enter them: counted, with a case code, and weighed."""
    with database.session() as session:
        user_id = users.acting_user(session).id
        cooler, _ = catalog.save_location(session, "Walk-in cooler", "chilled", user_id)
        beans, _ = catalog.save_item(
            session,
            catalog.ItemSpec(
                name="Black beans, canned 15 oz",
                category="Canned beans",
                unit_weight_g=440,
                unit_value_cents=129,
                shelf_life_days=700,
                par_level=100,
                codes=((BEANS_CODE, 1), (BEANS_CASE_CODE, 24)),
            ),
            user_id,
        )
        rice, _ = catalog.save_item(
            session,
            catalog.ItemSpec(
                name="Rice, long grain 2 lb",
                category="Grains",
                unit_weight_g=907,
                unit_value_cents=249,
                shelf_life_days=5,
                codes=((RICE_CODE, 1),),
            ),
            user_id,
        )
        apples, _ = catalog.save_item(
            session,
            catalog.ItemSpec(
                name="Apples (by weight)",
                category="Produce",
                unit="lb",
                unit_value_cents=150,
                storage="chilled",
                date_kind="use_by",
                shelf_life_days=14,
            ),
            user_id,
        )
    return Catalog(beans, rice, apples, cooler.id)


@pytest.fixture
def stocked(database: Database, pantry_catalog: Catalog) -> Catalog:
    """One earlier donation, so stock tables have rows of every kind (in the cooler, expiring soon, below par)."""
    with database.session() as session:
        intake.record_donation(
            session,
            intake.DonationDraft(
                received_on=dt.date.today(),
                lines=[
                    intake.IntakeLine(pantry_catalog.beans.id, quantity=30),
                    intake.IntakeLine(pantry_catalog.rice.id, quantity=4, location_id=pantry_catalog.cooler_id),
                    intake.IntakeLine(pantry_catalog.apples.id, grams=4536),
                ],
            ),
            users.acting_user(session).id,
        )
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
