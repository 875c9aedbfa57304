"""Random histories, built through the services (intake, goods out, losses, corrections, transfers, counts, undo), and
the reports over them: every roll-forward balances, closes on the stock as of its end date, chains into the next
period, totals its rows, agrees by item and by category, and reads the same in CSV, XLSX and PDF."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from pantry.db import open_database
from pantry.errors import UserError
from pantry.models import Lot
from pantry.services import (
    agencies,
    catalog,
    counts,
    handover,
    history,
    households,
    pickups,
    stock,
    stockcare,
    templates,
    visits,
)
from pantry.services.reports import distributions, donations, monthly, rollforward, waste
from pantry.services.reports import settings as report_settings
from pantry.services.reports.period import Period
from pantry.services.reports.rows import Amount
from tests import helpers
from tests.unit.migrated import open_copy
from tests.unit.test_reports_data import assert_formats_agree, give, receive, world

BASE = dt.date(2025, 1, 1)
DAYS = 90
PLACES = ("Main", "Cooler")

day = st.integers(0, DAYS - 1)
lot = st.integers(0, 40)
intake = st.tuples(st.just("in"), st.integers(0, 2), st.integers(1, 30), st.integers(0, 3), day, st.integers(0, 1))
steps = st.lists(
    st.one_of(
        intake,
        intake,
        st.tuples(st.just("give"), lot, st.integers(1, 20), day),
        st.tuples(st.just("lose"), lot, st.integers(1, 10), st.sampled_from(("spoiled", "expired", "damaged")), day),
        st.tuples(st.just("fix"), lot, st.integers(-5, 5).filter(bool), st.sampled_from(("recount", "returned")), day),
        st.tuples(st.just("move"), lot, st.integers(1, 20), st.integers(0, 1), day),
        st.tuples(st.just("count"), st.integers(0, 1), st.lists(st.tuples(lot, st.integers(0, 30)), max_size=3), day),
        st.tuples(st.just("undo")),
        st.tuples(st.just("pickup"), st.integers(0, 2), day),  # two households and an agency
        st.tuples(st.just("return"), st.integers(1, 3), day),
    ),
    min_size=1,
    max_size=25,
)
cuts = st.tuples(st.integers(0, DAYS - 2), st.integers(0, DAYS - 2)).map(sorted)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reports") / "template.sqlite"
    database = open_copy(tmp_path_factory, path)
    with database.session() as session:
        w = world(session)
        report_settings.set_report_settings(session, {"report_weight_unit": "kg"})
        visits.set_visit_limit(session, mode="off")
        lines = [templates.LineSpec(w.beans, None, per_household=2), templates.LineSpec(w.produce, None, 500)]
        templates.save_template(session, "Bag", lines, None)
        agencies.save_agency(session, "Shelter", None, people=2)
        for name, members in (("Ann", {"adults": 1, "children": 2}), ("Bo", {"seniors": 1})):
            households.register_household(session, households.HouseholdSpec(name=name, members=members), None)
    database.dispose()
    return path


def _run(database, step: tuple, codes: list[str], orders: list[str] | None = None, note=event) -> None:  # type: ignore[no-untyped-def]
    with database.session() as session:
        user = helpers.admin_id(session)
        items = [catalog.item_by_reference(session, sku).id for sku in ("BB15", "MILK", "PRODUCE")]
        donors = [donor.id for donor in catalog.donors(session)]
    kind = step[0]
    try:
        with database.session() as session:
            if kind == "in":
                _, item, amount, donor, offset, place = step
                weighed = item == 2
                location = catalog.location_named(session, PLACES[place]).id
                codes.append(
                    receive(
                        session,
                        items[item],
                        amount * 250 if weighed else amount,
                        BASE + dt.timedelta(days=offset),
                        donors[donor % len(donors)],
                        location_id=location,
                    )
                )
            elif kind == "pickup":
                _, who, offset = step
                day = BASE + dt.timedelta(days=offset)
                if who == 2:
                    planned = pickups.plan(session, day, "Bag", user, agency="Shelter")
                else:
                    code = households.all_households(session)[who].code
                    planned = pickups.plan(session, day, "Bag", user, household=code)
                handover.complete(session, planned.code, user, day=day)
                if orders is not None:
                    orders.append(planned.code)
            elif kind == "return":
                _, amount, offset = step
                if not orders:
                    return
                beans = catalog.item_by_reference(session, "BB15").id
                handover.return_goods(session, orders[-1], {beans: amount}, user, day=BASE + dt.timedelta(days=offset))
            elif kind == "undo":
                history.undo_last(session, user)
                for reopened in counts.open_counts(session):
                    counts.cancel(session, reopened.id)
            elif not codes:
                return
            elif kind == "give":
                _, index, amount, offset = step
                give(session, codes[index % len(codes)], amount, BASE + dt.timedelta(days=offset))
            elif kind in ("lose", "fix"):
                _, index, amount, reason, offset = step
                stockcare.adjust(
                    session,
                    codes[index % len(codes)],
                    -amount if kind == "lose" else amount,
                    reason,
                    user,
                    location=None,
                    today=BASE + dt.timedelta(days=offset),
                )
            elif kind == "move":
                _, index, amount, to, offset = step
                stockcare.transfer(
                    session,
                    codes[index % len(codes)],
                    PLACES[to],
                    user,
                    quantity=amount,
                    today=BASE + dt.timedelta(days=offset),
                )
            elif kind == "count":
                _, place, entries, offset = step
                count_id = counts.start(session, user, location=PLACES[place])
                counted = {codes[index % len(codes)]: quantity for index, quantity in entries}
                if counted:
                    counts.enter(
                        session, count_id, [counts.Entry(code, quantity) for code, quantity in counted.items()], user
                    )
                    counts.post(session, count_id, user, today=BASE + dt.timedelta(days=offset))
                else:
                    counts.cancel(session, count_id)
    except UserError:
        note(f"{kind} refused")  # not enough there, in two places, nothing to undo ...: the history goes on
    else:
        note(f"{kind} done")


def _stock(session, day: dt.date) -> dict[int, tuple[int, int, int]]:  # type: ignore[no-untyped-def]
    return {row.item_id: (row.quantity, row.grams, row.value_cents) for row in stock.stock_by_item(session, day)}


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history_steps=steps, cut=cuts)
def test_roll_forwards_reconcile_over_random_histories(
    template: Path, tmp_path: Path, history_steps: list[tuple], cut: list[int]
) -> None:
    path = tmp_path / "pantry.sqlite"
    shutil.copyfile(template, path)
    database = open_database(path)
    codes: list[str] = []
    orders: list[str] = []
    try:
        for step in history_steps:
            _run(database, step, codes, orders)
        first, second = cut
        periods = [
            Period(BASE, BASE + dt.timedelta(days=first)),
            Period(BASE + dt.timedelta(days=first + 1), BASE + dt.timedelta(days=max(second, first + 1))),
        ]
        periods.append(Period(periods[-1].end + dt.timedelta(days=1), BASE + dt.timedelta(days=DAYS)))
        with database.session() as session:
            figures = {}
            for period in periods:
                for by in ("category", "item"):
                    result = rollforward.rollforward(session, period, by=by)
                    figures[(period, by)] = result
                    assert result.balanced, result.unbalanced
                    for column in rollforward.FLOW_COLUMNS:
                        assert result.total.measure(column) == sum(
                            (row.measure(column) for row in result.rows), Amount()
                        )
                closing, opening = _stock(session, period.end), _stock(session, period.opening_date)
                for item_id, row in figures[(period, "item")].item_rows.items():
                    quantity, grams, cents = closing.get(item_id, (0, 0, 0))
                    assert (row.closing.grams, row.closing.cents) == (grams, cents)
                    assert row.closing.pieces == (0 if row.weighed else quantity)
                    quantity, grams, cents = opening.get(item_id, (0, 0, 0))
                    assert (row.opening.grams, row.opening.cents) == (grams, cents)
                assert figures[(period, "item")].total == figures[(period, "category")].total
            for before, after in itertools.pairwise(periods):
                assert [row.closing for row in figures[(before, "category")].rows] == [
                    row.opening for row in figures[(after, "category")].rows
                ]
            middle = periods[1]
            report = rollforward.rollforward_report(session, middle, generated_by="admin")
            assert report.balanced, report.checks
            sections = {section.key: section for section in report.sections}
            total = report.primary.total
            assert sections["received_by_source"].total.amount == total.received
            assert sections["distributed_by_recipient"].total.amount == total.distributed
            assert sections["lost_by_reason"].total.amount == total.lost
            assert sections["corrections"].total.amount == total.corrected
            months = sections["months"]
            assert (months.total.received, months.total.lost) == (total.received, total.lost)
            assert sum((row.received for row in months.rows), Amount()) == total.received
            assert waste.waste_report(session, middle).primary.total.amount == total.lost
            given = distributions.distributions_report(session, middle)
            assert given.balanced and given.primary.total.amount == total.distributed
            assert monthly.monthly_report(session, middle).primary.total.weight_grams == total.distributed.grams
            gifts = donations.donations_report(session, middle)
            assert gifts.balanced and gifts.primary.total.amount == total.received
        assert_formats_agree(report, tmp_path)
    finally:
        database.dispose()


def test_the_lots_of_a_history_are_what_the_ledger_says(template: Path, tmp_path: Path) -> None:
    """A fixed history through every step kind, as a smoke check of the strategy above."""
    path = tmp_path / "pantry.sqlite"
    shutil.copyfile(template, path)
    database = open_database(path)
    codes: list[str] = []
    for step in (
        ("in", 0, 20, 0, 1, 0),
        ("in", 2, 12, 1, 2, 1),
        ("give", 0, 5, 3),
        ("lose", 1, 4, "spoiled", 4),
        ("fix", 0, 2, "recount", 5),
        ("move", 0, 3, 1, 6),
        ("count", 1, [(0, 1)], 7),
        ("undo",),
    ):
        _run(database, step, codes, note=lambda _: None)
    with database.session() as session:
        assert len(session.scalars(select(Lot)).all()) == 2
        result = rollforward.rollforward(session, Period(BASE, BASE + dt.timedelta(days=10)))
    database.dispose()
    assert result.balanced and result.total.received.grams == 20 * 480 + 12 * 250
