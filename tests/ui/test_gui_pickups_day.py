"""The Pickups screen as a shift lead runs a day: the visit-limit override, no-shows, cancelling and closing the day,
agency orders, planning a whole day from one box, and a Saturday for 200 households done from the window."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import Catalog, on_hand, type_scan, wait_idle
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt, QTime
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from test_gui_pickups import day_orders, open_pickups, order_status, scan_here, statuses

from pantry.db import Database
from pantry.models import Movement, PickupOrder, User
from pantry.services import agencies, handover, households, intake, pickups, templates, users, visits
from ui import ask, tasks
from ui.main_window import MainWindow
from ui.screens.pickups import AGENCY, PapersDialog, PickupsScreen

__all__ = ["day_orders"]  # the fixture of the Pickups tests, used here too
SHOTS = os.environ.get("PANTRY_SCREENSHOTS")


def shot(widget: object, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))  # type: ignore[attr-defined]


@pytest.fixture
def yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every confirmation is answered yes; the questions asked are kept."""
    asked: list[str] = []
    monkeypatch.setattr(ask, "confirm", lambda _parent, title, text, _yes: asked.append(f"{title}: {text}") or True)
    return asked


@pytest.fixture
def volunteer(database: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """Whoever the window acts for is a volunteer (until sign-in exists, `tasks._acting_user_id` names them)."""
    with database.session() as session:
        user = User(name="vic", role="volunteer")
        session.add(user)
        session.flush()
        user_id = user.id
    monkeypatch.setattr(tasks, "_acting_user_id", lambda _session: user_id)
    yield user_id


def movements(database: Database) -> int:
    with database.session() as session:
        return session.scalar(select(func.count(Movement.id))) or 0


def select_orders(screen: PickupsScreen, codes: list[str]) -> None:
    screen.table.clearSelection()
    for number, row in enumerate(screen.model.rows()):
        if row.order in codes:
            screen.table.selectionModel().select(
                screen.model.index(number, 0),
                screen.table.selectionModel().SelectionFlag.Select | screen.table.selectionModel().SelectionFlag.Rows,
            )


def block_after_a_visit(database: Database, order: str) -> None:
    """The order is picked up, and the pantry blocks a second visit in the month."""
    with database.session() as session:
        handover.complete(session, order, users.acting_user(session).id)
        visits.set_visit_limit(session, "1 per month", "block")


def test_a_shift_lead_overrides_the_visit_limit_with_a_reason(
    qtbot: QtBot,
    window: MainWindow,
    database: Database,
    day_orders: dict[str, str],
) -> None:
    block_after_a_visit(database, day_orders["ann"])
    screen = open_pickups(qtbot, window)
    screen.template.setCurrentText("Family box")
    qtbot.keyClicks(screen.household, day_orders["ann_card"])
    qtbot.mouseClick(screen.plan_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.runner)
    dialog = screen.override_dialog
    assert dialog is not None and dialog.isVisible()
    assert "visit limit" in screen.feedback.text() and not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.reason, "their fridge broke")
    shot(dialog, "pickups-override")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.runner)
    assert not screen.feedback.is_error(), screen.feedback.text()
    assert "overridden by" in screen.feedback.text()
    with database.session() as session:
        admin = users.acting_user(session)
        order = session.scalars(
            select(PickupOrder).where(PickupOrder.status == "planned").order_by(PickupOrder.id.desc())
        ).first()
        assert order is not None and order.override_reason == "their fridge broke" and order.override_by_id == admin.id


def test_a_volunteer_is_told_to_ask_a_shift_lead(
    qtbot: QtBot,
    window: MainWindow,
    database: Database,
    day_orders: dict[str, str],
    volunteer: int,
) -> None:
    block_after_a_visit(database, day_orders["ann"])
    screen = open_pickups(qtbot, window)
    window.pickups.refresh()
    wait_idle(qtbot, window.runner)
    assert not screen.plan_button.isEnabled() and not screen.no_show_button.isEnabled()
    scan_here(qtbot, screen, day_orders["ann_card"])  # a walk-in: volunteers serve those
    walk_in = screen.walk_in_dialog
    assert walk_in is not None
    walk_in.template.setCurrentText("Family box")
    walk_in.accept()
    wait_idle(qtbot, window.runner)
    assert screen.override_dialog is None
    assert screen.feedback.is_error() and "ask one" in screen.feedback.text()
    with database.session() as session:
        assert session.scalar(select(func.count(PickupOrder.id))) == 2  # nothing planned


def test_no_show_cancel_and_close_the_day_post_nothing(
    qtbot: QtBot,
    window: MainWindow,
    database: Database,
    day_orders: dict[str, str],
    yes: list[str],
) -> None:
    with database.session() as session:
        cy = pickups.plan(
            session, dt.date.today(), "Family box", users.acting_user(session).id, household=day_orders["cy_card"]
        ).code
    screen = open_pickups(qtbot, window)
    screen.refresh()
    wait_idle(qtbot, window.runner)
    stock, moved = on_hand(database), movements(database)
    select_orders(screen, [day_orders["bob"]])
    qtbot.mouseClick(screen.no_show_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.runner)
    assert "No-show" in yes[-1] and day_orders["bob"] in yes[-1]
    assert order_status(database, day_orders["bob"]) == "no_show"
    assert "no-show recorded" in screen.feedback.text()
    select_orders(screen, [day_orders["ann"]])
    qtbot.mouseClick(screen.cancel_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.runner)
    assert order_status(database, day_orders["ann"]) == "cancelled"
    screen.table.clearSelection()
    qtbot.mouseClick(screen.close_day_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.runner)
    assert "1 order still planned or packed" in yes[-1]
    assert order_status(database, cy) == "no_show"
    assert statuses(screen) == {day_orders["ann"]: "cancelled", day_orders["bob"]: "no_show", cy: "no_show"}
    assert "1 no-show recorded" in screen.feedback.text()
    assert on_hand(database) == stock and movements(database) == moved
    shot(window, "pickups-closed-day")


def test_nothing_to_close_or_choose(
    qtbot: QtBot,
    window: MainWindow,
    day_orders: dict[str, str],
    yes: list[str],
) -> None:
    screen = open_pickups(qtbot, window)
    screen.table.clearSelection()
    qtbot.mouseClick(screen.no_show_button, Qt.MouseButton.LeftButton)
    assert screen.feedback.is_error() and "Choose the order" in screen.feedback.text()
    screen.day.setDate(QDate.currentDate().addDays(3))
    wait_idle(qtbot, window.runner)
    qtbot.mouseClick(screen.close_day_button, Qt.MouseButton.LeftButton)
    assert "Nothing to close" in screen.feedback.text() and not yes


def test_an_agency_order_is_planned_from_the_screen(
    qtbot: QtBot,
    window: MainWindow,
    database: Database,
    day_orders: dict[str, str],
) -> None:
    with database.session() as session:
        agencies.save_agency(session, "Hope Shelter", users.acting_user(session).id, people=12)
    screen = open_pickups(qtbot, window)
    screen.refresh()
    wait_idle(qtbot, window.runner)
    screen.recipient.setCurrentIndex(screen.recipient.findData(AGENCY))
    assert screen.agency.isVisible() and not screen.household.isVisible()
    assert screen.agency.currentText() == "Hope Shelter"
    screen.template.setCurrentText("Family box")
    screen.slot.setText("14:00")
    qtbot.mouseClick(screen.plan_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.runner)
    assert "planned for Hope Shelter" in screen.feedback.text()
    rows = [row for row in screen.model.rows() if row.household == "Hope Shelter"]
    assert len(rows) == 1 and rows[0].slot == "14:00" and rows[0].size == 12
    with database.session() as session:
        order = pickups.order_by_code(session, rows[0].order)
        assert order.agency_id is not None and order.household_id is None


def test_plan_the_whole_day_from_one_box_with_slots(
    qtbot: QtBot,
    window: MainWindow,
    database: Database,
    day_orders: dict[str, str],
) -> None:
    screen = open_pickups(qtbot, window)
    qtbot.mouseClick(screen.plan_day_button, Qt.MouseButton.LeftButton)
    dialog = screen.plan_day_dialog
    assert dialog is not None
    tomorrow = QDate.currentDate().addDays(1)
    dialog.day.setDate(tomorrow)
    dialog.template.setCurrentText("Family box")
    dialog.use_slots.setChecked(True)
    dialog.first_slot.setTime(QTime(9, 30))
    dialog.minutes.setValue(20)
    dialog.per_slot.setValue(2)
    shot(dialog, "pickups-plan-day")
    dialog.accept()
    wait_idle(qtbot, window.runner)
    assert not screen.feedback.is_error(), screen.feedback.text()
    assert "3 orders of Family box planned" in screen.feedback.text()
    assert screen.day.date() == tomorrow
    assert [row.slot for row in screen.model.rows()] == ["09:30", "09:30", "09:50"]
    # again: every household has the box that day now
    qtbot.mouseClick(screen.plan_day_button, Qt.MouseButton.LeftButton)
    again = screen.plan_day_dialog
    assert again is not None and again is not dialog
    again.template.setCurrentText("Family box")
    again.accept()
    wait_idle(qtbot, window.runner)
    assert screen.feedback.is_error() and "already" in screen.feedback.text()


def test_plan_listed_households_refuses_all_when_one_is_unknown(
    qtbot: QtBot,
    window: MainWindow,
    database: Database,
    day_orders: dict[str, str],
) -> None:
    screen = open_pickups(qtbot, window)
    qtbot.mouseClick(screen.plan_day_button, Qt.MouseButton.LeftButton)
    dialog = screen.plan_day_dialog
    assert dialog is not None
    dialog.day.setDate(QDate.currentDate().addDays(2))
    dialog.listed.setChecked(True)
    dialog.codes.setPlainText(f"{day_orders['cy_card']}\nNOPE-1")
    dialog.accept()
    wait_idle(qtbot, window.runner)
    assert screen.feedback.is_error() and "NOPE-1" in screen.feedback.text()
    with database.session() as session:
        assert pickups.orders_on(session, dt.date.today() + dt.timedelta(days=2)) == []


SATURDAY_HOUSEHOLDS = 200


def test_a_saturday_for_200_households_from_the_window(
    qtbot: QtBot, window: MainWindow, database: Database, stocked: Catalog, tmp_path: Path
) -> None:
    """Done means (issue 5): plan a day for 200 households from a template, print sheets and the pull list, complete
    each pickup with one scan; stock, visits and each household's history agree."""
    with database.session() as session:
        user_id = users.acting_user(session).id
        intake.record_donation(
            session,
            intake.DonationDraft(
                received_on=dt.date.today(), lines=[intake.IntakeLine(stocked.beans.id, quantity=2 * 200)]
            ),
            user_id,
        )
        templates.save_template(session, "Saturday bag", [templates.LineSpec(stocked.beans.id, None, 2)], user_id)
        cards = [households.register(session, f"Guest{n}", 1 + n % 5, user_id).code for n in range(200)]
    beans_before = sum(q for (item, _w), q in on_hand(database).items() if item == stocked.beans.name)
    screen = open_pickups(qtbot, window)
    # plan
    qtbot.mouseClick(screen.plan_day_button, Qt.MouseButton.LeftButton)
    dialog = screen.plan_day_dialog
    assert dialog is not None
    dialog.template.setCurrentText("Saturday bag")
    dialog.use_slots.setChecked(True)
    dialog.accept()
    wait_idle(qtbot, window.runner, timeout=60_000)
    assert "200 orders of Saturday bag planned" in screen.feedback.text(), screen.feedback.text()
    orders = [row.order for row in screen.model.rows()]
    assert len(orders) == SATURDAY_HOUSEHOLDS and screen.model.rows()[-1].slot == "13:45"  # 10 per slot, 15 min apart
    # pack, print the sheets and the distribution list with its pull list
    screen.table.clearSelection()
    qtbot.mouseClick(screen.pack_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.runner, timeout=60_000)
    assert set(statuses(screen).values()) == {"packed"}
    for keys, name in ((Qt.Key.Key_P, "sheets.pdf"), (Qt.Key.Key_L, "list.pdf")):
        window.activateWindow()  # offscreen, nothing gives the window back its activation when a dialog closes
        screen.focus_scan()
        qtbot.waitUntil(screen.scan.hasFocus)
        before = screen.papers_dialog
        qtbot.keyClick(screen.scan, keys, Qt.KeyboardModifier.ControlModifier)
        papers = screen.papers_dialog
        assert isinstance(papers, PapersDialog) and papers is not before
        with qtbot.waitSignal(papers.done, timeout=60_000):
            papers.save_pdf(tmp_path / name)
        wait_idle(qtbot, window.runner)
    sheets = PdfReader(tmp_path / "sheets.pdf")
    assert len(sheets.pages) >= SATURDAY_HOUSEHOLDS
    first = sheets.pages[0].extract_text()
    assert cards[0] in first and "Saturday bag" in first
    listed = "\n".join(page.extract_text() for page in PdfReader(tmp_path / "list.pdf").pages[-2:])  # the pull list
    assert "400" in listed and stocked.beans.name.split(",")[0] in listed
    # the day: one scan each
    for code in orders:
        type_scan(qtbot, screen.scan, code)
        qtbot.keyClick(screen.scan, Qt.Key.Key_Return)
    wait_idle(qtbot, window.runner, timeout=120_000)
    assert set(statuses(screen).values()) == {"picked_up"}
    beans_after = sum(q for (item, _w), q in on_hand(database).items() if item == stocked.beans.name)
    assert beans_before - beans_after == 2 * SATURDAY_HOUSEHOLDS
    with database.session() as session:
        for card in (cards[0], cards[99], cards[-1]):
            history = visits.visits_of(session, households.by_code(session, card).id)
            assert len(history) == 1 and history[0].items == 2 and history[0].date == dt.date.today()
    shot(window, "pickups-saturday")


def test_a_volunteer_corrects_a_partial_pickup_of_a_planned_order(
    qtbot: QtBot, window: MainWindow, database: Database, day_orders: dict[str, str], stocked: Catalog, volunteer: int
) -> None:
    screen = open_pickups(qtbot, window)
    before = on_hand(database)
    screen.partial.setChecked(True)
    scan_here(qtbot, screen, day_orders["bob"])  # planned, not packed yet: packed now to know its lines
    dialog = screen.given_dialog
    assert dialog is not None, screen.feedback.text()
    dialog.boxes[stocked.beans.id].setValue(2)
    dialog.accept()
    wait_idle(qtbot, window.runner)
    assert order_status(database, day_orders["bob"]) == "picked_up"
    beans = sum(q for (item, _w), q in before.items() if item == stocked.beans.name) - sum(
        q for (item, _w), q in on_hand(database).items() if item == stocked.beans.name
    )
    assert beans == 2
