"""The reports' freshness stamp: any change to what a report reads moves it; reading, building and writing reports
leave it where it was."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session

from pantry.documents.report_csv import report_csv
from pantry.services import catalog, households, stockcare
from pantry.services.reports import KINDS, build, settings
from pantry.services.reports.freshness import stamp
from pantry.services.reports.letters import acknowledgements
from pantry.services.reports.period import Period
from tests import helpers
from tests.unit.test_reports_data import World, give, lose, receive, world

MARCH = Period(dt.date(2025, 3, 1), dt.date(2025, 3, 31))


@pytest.fixture
def pantry(database) -> World:  # type: ignore[no-untyped-def]
    with database.session() as session:
        w = world(session)
        beans = receive(session, w.beans, 30, dt.date(2025, 3, 3), w.jane)
        receive(session, w.produce, 4_000, dt.date(2025, 3, 4), w.costco)
        give(session, beans, 12, dt.date(2025, 3, 5))
        lose(session, beans, 2, "damaged", dt.date(2025, 3, 6))
    return w


def _stamp(database) -> str:  # type: ignore[no-untyped-def]
    with database.session() as session:
        return stamp(session)


def test_reading_building_and_writing_reports_leave_the_stamp_alone(database, pantry: World) -> None:
    before = _stamp(database)
    assert _stamp(database) == before
    with database.session() as session:
        for kind in KINDS:
            report = build(session, kind, period=MARCH, as_of=MARCH.end, generated_by="admin")
            assert report_csv(report)
        acknowledgements(session, MARCH)
        catalog.get_item(session, pantry.beans)
    assert _stamp(database) == before


def test_a_new_donation_changes_the_stamp(database, pantry: World) -> None:
    before = _stamp(database)
    with database.session() as session:
        receive(session, pantry.milk, 3, dt.date(2025, 3, 20), pantry.tefap)
    after = _stamp(database)
    assert after != before
    assert _stamp(database) == after  # and it stays there


def _donor_kind(session: Session, w: World) -> None:
    catalog.save_donor(session, catalog.DonorSpec(name="Jane Whitaker", kind="business"), None)


def _weight_unit(session: Session, w: World) -> None:
    settings.set_report_settings(session, {settings.WEIGHT_UNIT: "lb"})


def _household(session: Session, w: World) -> None:
    households.register_household(session, households.HouseholdSpec(name="Ann", members={"adults": 2}), None)


def _loss(session: Session, w: World) -> None:
    code = receive(session, w.beans, 5, dt.date(2025, 3, 10))
    before = stamp(session)
    lose(session, code, 1, "expired", dt.date(2025, 3, 11))
    assert stamp(session) != before  # the loss itself, not only the donation before it


def _quarantine(session: Session, w: World) -> None:
    """A lot quarantined: no movement, no new lot, only a lot event (the expiring report marks quarantined lots)."""
    stockcare.recall(session, "BB15", helpers.admin_id(session), quarantine=True)


def _category(session: Session, w: World) -> None:
    item = catalog.get_item(session, w.beans)
    catalog.save_item(
        session,
        catalog.ItemSpec(name=item.name, sku=item.sku, category="Beans and lentils"),
        None,
    )


@pytest.mark.parametrize("change", [_donor_kind, _weight_unit, _household, _loss, _quarantine, _category])
def test_every_other_input_of_a_report_changes_it_too(
    database, pantry: World, change: Callable[[Session, World], None]
) -> None:
    before = _stamp(database)
    with database.session() as session:
        change(session, pantry)
    assert _stamp(database) != before
