"""The Pickups screen: the day's orders, scan-to-complete, partial handover, plan, pack, walk-in, printing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from gui_helpers import Catalog, on_hand, type_scan, wait_idle
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pantry.db import Database
from pantry.services import households, packing, pickups, templates, users
from ui.main_window import MainWindow
from ui.screens.pickups import PapersDialog, PickupsScreen

BEANS = "Black beans, canned 15 oz"
RICE = "Rice, long grain 2 lb"


@pytest.fixture
def day_orders(database: Database, stocked: Catalog) -> dict[str, str]:
    """A box of 3 beans and 1 rice; Ann's order packed, Bob's planned. Returns names → order codes and cards."""
    with database.session() as session:
        user_id = users.acting_user(session).id
        templates.save_template(
            session,
            "Family box",
            [
                templates.LineSpec(stocked.beans.id, None, per_household=3),
                templates.LineSpec(stocked.rice.id, None, per_household=1),
            ],
            user_id,
        )
        ann = households.register(session, "Ann", 2, user_id).code
        bob = households.register(session, "Bob", 1, user_id).code
        cy = households.register(session, "Cy", 4, user_id).code
        today = dt.date.today()
        first = pickups.plan(session, today, "Family box", user_id, household=ann, slot="09:00")
        second = pickups.plan(session, today, "Family box", user_id, household=bob, slot="10:00")
        packing.pack(session, [first.order_id], user_id)
    return {"ann": first.code, "bob": second.code, "ann_card": ann, "bob_card": bob, "cy_card": cy}


def open_pickups(qtbot: QtBot, window: MainWindow) -> PickupsScreen:
    qtbot.keyClick(window.nav, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window.runner)
    assert window.stack.currentWidget() is window.pickups
    return window.pickups


def scan_here(qtbot: QtBot, screen: PickupsScreen, text: str) -> None:
    type_scan(qtbot, screen.scan, text)
    qtbot.keyClick(screen.scan, Qt.Key.Key_Return)
    wait_idle(qtbot, screen.runner)


def statuses(screen: PickupsScreen) -> dict[str, str]:
    return {row.order: row.status for row in screen.model.rows()}


def order_status(database: Database, code: str) -> str:
    with database.session() as session:
        return pickups.order_by_code(session, code).status


def test_the_days_orders_by_slot(qtbot: QtBot, window: MainWindow, day_orders: dict[str, str], qtmodeltester) -> None:
    screen = open_pickups(qtbot, window)
    assert [row.order for row in screen.model.rows()] == [day_orders["ann"], day_orders["bob"]]
    assert statuses(screen) == {day_orders["ann"]: "packed", day_orders["bob"]: "planned"}
    assert "2 orders" in screen.counts.text()
    qtmodeltester.check(screen.model)
    screen.day.setDate(screen.day.date().addDays(1))
    wait_idle(qtbot, window.runner)
    assert screen.model.rowCount() == 0
    assert "No orders" in screen.counts.text()


def test_scan_an_order_to_complete_it(
    qtbot: QtBot, window: MainWindow, database: Database, day_orders: dict[str, str]
) -> None:
    screen = open_pickups(qtbot, window)
    before = on_hand(database)
    qtbot.waitUntil(screen.scan.hasFocus)
    scan_here(qtbot, screen, day_orders["ann"])
    assert not screen.feedback.is_error(), screen.feedback.text()
    assert day_orders["ann"] in screen.feedback.text()
    assert order_status(database, day_orders["ann"]) == "picked_up"
    after = on_hand(database)
    assert sum(q for (item, _where), q in before.items() if item == BEANS) - 3 == sum(
        q for (item, _where), q in after.items() if item == BEANS
    )
    assert sum(q for (item, _where), q in before.items() if item == RICE) - 1 == sum(
        q for (item, _where), q in after.items() if item == RICE
    )
    assert statuses(screen)[day_orders["ann"]] == "picked_up"
    scan_here(qtbot, screen, day_orders["ann"])  # twice: refused, nothing moves
    assert screen.feedback.is_error()
    assert on_hand(database) == after


def test_partial_pickup_corrects_the_lines(
    qtbot: QtBot, window: MainWindow, database: Database, day_orders: dict[str, str], stocked: Catalog
) -> None:
    screen = open_pickups(qtbot, window)
    before = on_hand(database)
    screen.partial.setChecked(True)
    scan_here(qtbot, screen, day_orders["ann"])
    dialog = screen.given_dialog
    assert dialog is not None
    dialog.boxes[stocked.beans.id].setValue(1)
    dialog.accept()
    wait_idle(qtbot, window.runner)
    assert order_status(database, day_orders["ann"]) == "picked_up"
    beans = lambda totals: sum(q for (item, _w), q in totals.items() if item == BEANS)  # noqa: E731
    assert beans(before) - beans(on_hand(database)) == 1
    assert "stays in stock" in screen.feedback.text()
    assert not screen.partial.isChecked()


def test_plan_and_pack_from_the_screen(
    qtbot: QtBot, window: MainWindow, database: Database, day_orders: dict[str, str]
) -> None:
    screen = open_pickups(qtbot, window)
    screen.template.setCurrentText("Family box")
    qtbot.keyClicks(screen.household, day_orders["cy_card"])
    screen.slot.setText("11:30")
    qtbot.mouseClick(screen.plan_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.runner)
    assert not screen.feedback.is_error(), screen.feedback.text()
    rows = screen.model.rows()
    assert len(rows) == 3 and rows[-1].slot == "11:30" and rows[-1].status == "planned"
    qtbot.mouseClick(screen.pack_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.runner)
    assert set(statuses(screen).values()) == {"packed"}
    assert order_status(database, day_orders["bob"]) == "packed"


def test_print_the_sheets_to_pdf(qtbot: QtBot, window: MainWindow, day_orders: dict[str, str], tmp_path: Path) -> None:
    screen = open_pickups(qtbot, window)
    qtbot.keyClick(screen.scan, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = screen.papers_dialog
    assert isinstance(dialog, PapersDialog)
    target = tmp_path / "sheets.pdf"
    with qtbot.waitSignal(dialog.done):
        dialog.save_pdf(target)
    wait_idle(qtbot, window.runner)
    text = "\n".join(page.extract_text() for page in PdfReader(target).pages)
    assert day_orders["ann_card"] in text and day_orders["bob_card"] in text


def test_print_the_distribution_list(
    qtbot: QtBot, window: MainWindow, day_orders: dict[str, str], tmp_path: Path
) -> None:
    screen = open_pickups(qtbot, window)
    qtbot.keyClick(screen.scan, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialog = screen.papers_dialog
    assert isinstance(dialog, PapersDialog)
    target = tmp_path / "list.pdf"
    with qtbot.waitSignal(dialog.done):
        dialog.save_pdf(target)
    wait_idle(qtbot, window.runner)
    text = "\n".join(page.extract_text() for page in PdfReader(target).pages)
    assert day_orders["ann_card"] in text


def test_walk_in_from_a_household_card(
    qtbot: QtBot, window: MainWindow, database: Database, day_orders: dict[str, str], tmp_path: Path
) -> None:
    screen = open_pickups(qtbot, window)
    scan_here(qtbot, screen, day_orders["cy_card"])
    walk_in = screen.walk_in_dialog
    assert walk_in is not None
    walk_in.template.setCurrentText("Family box")
    walk_in.accept()
    wait_idle(qtbot, window.runner)
    assert not screen.feedback.is_error(), screen.feedback.text()
    new = [row for row in screen.model.rows() if row.household == day_orders["cy_card"]]
    assert len(new) == 1 and new[0].status == "packed" and new[0].kind == "walk_in"
    dialog = screen.papers_dialog
    assert isinstance(dialog, PapersDialog)
    target = tmp_path / "walkin.pdf"
    with qtbot.waitSignal(dialog.done):
        dialog.save_pdf(target)
    text = "\n".join(page.extract_text() for page in PdfReader(target).pages)
    assert day_orders["cy_card"] in text
    scan_here(qtbot, screen, new[0].order)  # done: the sheet's code hands it over
    assert order_status(database, new[0].order) == "picked_up"


def test_an_order_scanned_on_intake_points_to_pickups(
    qtbot: QtBot, window: MainWindow, day_orders: dict[str, str]
) -> None:
    type_scan(qtbot, window.intake.scan, day_orders["ann"])
    qtbot.keyClick(window.intake.scan, Qt.Key.Key_Return)
    wait_idle(qtbot, window.runner)
    assert "Pickups screen" in window.intake.feedback.text()


def test_unknown_text_is_explained(qtbot: QtBot, window: MainWindow, day_orders: dict[str, str]) -> None:
    screen = open_pickups(qtbot, window)
    scan_here(qtbot, screen, "hello")
    assert screen.feedback.is_error()
    assert "order sheet" in screen.feedback.text()
