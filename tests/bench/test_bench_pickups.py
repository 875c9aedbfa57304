"""Benchmarks for pickups: planning and packing 500 orders (target <= 5 s), 500 pickup sheets into one PDF
(target <= 3 s), the distribution list, and completing an order by its scanned code.

Run with `make bench`; figures go through `harness.record` (pickup sheets with the bare-canvas floor).
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from pantry import sample
from pantry.db import Database, open_database
from pantry.documents import distribution_list, pickup_sheet
from pantry.models import Item
from pantry.services import handover, households, intake, packing, pickup_papers, pickups, users
from tests.bench import floors, harness

TODAY = dt.date(2026, 11, 25)
DAY = dt.date(2026, 12, 5)  # a Saturday after the sample's own coming one
ORDERS = 500


@pytest.fixture(scope="module")
def pantry(tmp_path_factory: pytest.TempPathFactory) -> Database:
    """The sample pantry, well stocked, with 500 more households."""
    database = open_database(tmp_path_factory.mktemp("bench") / "pickups.sqlite")
    with database.session() as session:
        sample.fill(session, today=TODAY)
        user_id = users.acting_user(session).id
        items = list(session.scalars(select(Item).where(Item.unit == "each")))
        intake.record_donation(
            session,
            intake.DonationDraft(
                received_on=TODAY,
                lines=[
                    intake.IntakeLine(item.id, quantity=400, expires_on=DAY + dt.timedelta(days=90)) for item in items
                ],
            ),
            user_id,
            today=TODAY,
        )
        for number in range(ORDERS):
            households.register_household(
                session,
                households.HouseholdSpec(
                    name=f"Bench {number}",
                    members={"adults": 1 + number % 2, "children": number % 5},
                    dietary=("no_pork",) if number % 7 == 0 else (),
                ),
                user_id,
                today=TODAY,
            )
    return database


@pytest.fixture(scope="module")
def planned(pantry: Database) -> list[int]:
    with pantry.session() as session:
        user_id = users.acting_user(session).id
        codes = [info.code for info in households.all_households(session) if info.first_name == "Bench"]
    started = time.perf_counter()
    with pantry.session() as session:
        orders = pickups.plan_many(session, DAY, "Standard bag", codes, user_id)
    planning = time.perf_counter() - started
    started = time.perf_counter()
    with pantry.session() as session:
        result = packing.pack(session, [order.order_id for order in orders], user_id)
    packing_time = time.perf_counter() - started
    total = planning + packing_time
    harness.record(
        f"plan + pack {ORDERS} pickup orders", "small", [total * 1000], 5000,
        note=f"plan {planning:.2f} s, pack {packing_time:.2f} s; {result.allocations} picks, "
        f"{len(result.shortages)} short lines",
    )  # fmt: skip
    return [order.order_id for order in orders]


def test_plan_one_household_at_the_desk(pantry: Database, planned: list[int]) -> None:
    """What the desk waits for when it plans one household (with the visit-limit and shortage warnings)."""
    with pantry.session() as session:
        user_id = users.acting_user(session).id
        codes = [info.code for info in households.all_households(session) if info.first_name != "Bench"][:15]
    timings = []
    for code in codes:
        started = time.perf_counter()
        with pantry.session() as session:
            pickups.plan(session, DAY + dt.timedelta(days=7), "Standard bag", user_id, household=code)
        timings.append((time.perf_counter() - started) * 1000)
    harness.record("plan one household at the desk", "small", timings, None)


def test_500_pickup_sheets(pantry: Database, planned: list[int], tmp_path: Path) -> None:
    path = tmp_path / "sheets.pdf"
    timings, pages, sheets = [], 0, []
    for _ in range(3):
        started = time.perf_counter()
        with pantry.session() as session:
            sheets = pickup_papers.sheets(session, planned)
        pages = pickup_sheet.render(sheets, path)
        timings.append((time.perf_counter() - started) * 1000)
    floor = harness.timings(lambda: floors.sheets_pdf(sheets), 3, warm_up=0)
    harness.record(
        f"{ORDERS} pickup sheets to PDF", "small", timings, 3000, floor,
        note=f"{pages} pages, {path.stat().st_size / 1e6:.1f} MB; rows gathered from the database included",
    )  # fmt: skip


def test_distribution_list(pantry: Database, planned: list[int], tmp_path: Path) -> None:
    path = tmp_path / "list.pdf"
    started = time.perf_counter()
    with pantry.session() as session:
        data = pickup_papers.distribution_list(session, DAY)
    pages = distribution_list.render(data, path)
    harness.record(
        f"distribution list of {len(data.rows)} orders", "small", [(time.perf_counter() - started) * 1000], None,
        note=f"{pages} pages, {len(data.pull)} pull lines",
    )  # fmt: skip


def test_complete_by_scan(pantry: Database, planned: list[int]) -> None:
    """One scan at the door: find the order by its code and post its distribution, in its own transaction."""
    with pantry.session() as session:
        user_id = users.acting_user(session).id
    timings = []
    for order_id in planned[:60]:
        code = pickups.order_code(order_id)
        started = time.perf_counter()
        with pantry.session() as session:
            handover.complete(session, code, user_id, day=DAY)
        timings.append((time.perf_counter() - started) * 1000)
    harness.record("complete a pickup by its code", "small", timings, None)
