"""The month summaries the reports read (`ledger_month`, `stock_month`): kept by the ledger in step with the movements
whatever order the dates come in, caught by `pantry verify` when they drift, and built by migration 0007 for a database
that had movements before them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

import pytest
from alembic import command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, select

from pantry.db import alembic_config, current_revision, head_revision, open_database
from pantry.errors import UserError
from pantry.models import LedgerMonth, Lot, Movement, StockMonth
from pantry.services import catalog, ledger, stock
from pantry.services.intake import DonationDraft, IntakeLine, record_donations
from pantry.services.reports import sums
from pantry.services.reports.period import Period
from pantry.services.verify import verify
from tests import helpers
from tests.unit.migrated import open_copy

BASE = dt.date(2025, 11, 20)  # the history runs over five months and a year's end
DAYS = 130

day = st.integers(0, DAYS - 1)
lot = st.integers(0, 30)
steps = st.lists(
    st.one_of(
        st.tuples(st.just("in"), st.integers(0, 2), st.integers(1, 40), day),
        st.tuples(
            st.just("out"), lot, st.integers(1, 15), day, st.sampled_from(("distribution", "spoiled", "recount"))
        ),
        st.tuples(st.just("move"), lot, st.integers(1, 15), day),
        # an import's worth: several donations on different days, lines of different items to either place
        st.tuples(
            st.just("many"),
            st.lists(st.tuples(st.integers(0, 2), st.integers(1, 40), day, st.integers(0, 1)), min_size=2, max_size=8),
            st.just(0),
            day,
        ),
    ),
    min_size=1,
    max_size=30,
)
cuts = st.lists(st.tuples(day, day).map(sorted), min_size=1, max_size=4)


def _movements(session) -> list[Movement]:
    return list(session.scalars(select(Movement)))


def _expected_months(movements: list[Movement]) -> tuple[dict, dict]:
    """Both summaries worked out from the movements in Python: flows per (month, item, kind, reason) and each item's
    running stock at the end of every month it moved in."""
    flows: dict[tuple[str, int, str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    per_month: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    for m in movements:
        month = m.business_date.isoformat()[:7]
        entry = flows[(month, m.item_id, m.kind, m.reason or "")]
        for index, value in enumerate((m.quantity, m.grams, m.value_cents, 1)):
            entry[index] += value
        held = per_month[m.item_id][month]
        for index, value in enumerate((m.quantity, m.grams, m.value_cents)):
            held[index] += value
    running = {}
    for item_id, months in per_month.items():
        total = [0, 0, 0]
        for month in sorted(months):
            total = [a + b for a, b in zip(total, months[month], strict=True)]
            running[(item_id, month)] = tuple(total)
    return {key: tuple(values) for key, values in flows.items()}, running


def _kept_months(session) -> tuple[dict, dict]:
    flows = {
        (row.month, row.item_id, row.kind, row.reason): (row.quantity, row.grams, row.value_cents, row.movements)
        for row in session.scalars(select(LedgerMonth))
    }
    running = {
        (row.item_id, row.month): (row.quantity, row.grams, row.value_cents)
        for row in session.scalars(select(StockMonth))
    }
    return flows, running


def _stock_from_movements(movements: list[Movement], as_of: dt.date) -> dict[int, tuple[int, int, int]]:
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    for m in movements:
        if m.business_date <= as_of:
            for index, value in enumerate((m.quantity, m.grams, m.value_cents)):
                totals[m.item_id][index] += value
    return {item_id: tuple(values) for item_id, values in totals.items() if any(values)}


def _flows_from_movements(movements: list[Movement], period: Period) -> dict:
    totals: dict[tuple[str, int, str, str | None], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for m in movements:
        if period.start <= m.business_date <= period.end:
            entry = totals[(m.business_date.isoformat()[:7], m.item_id, m.kind, m.reason)]
            for index, value in enumerate((m.quantity, m.grams, m.value_cents, 1)):
                entry[index] += value
    return {key: values for key, values in totals.items()}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("months") / "template.sqlite"
    database = open_copy(tmp_path_factory, path)
    with database.session() as session:
        helpers.beans(session), helpers.milk(session), helpers.produce(session)
        catalog.save_location(session, "Back room", "dry", None)
    database.dispose()
    return path


def _line(item, amount: int, place: int | None = None) -> IntakeLine:
    if item.weighed:
        return IntakeLine(item.id, grams=amount * 100, location_id=place)
    return IntakeLine(item.id, quantity=amount, location_id=place)


def _apply(session, items, places, lots, step) -> None:
    on = BASE + dt.timedelta(days=step[3])
    if step[0] == "many":
        drafts: dict[dt.date, DonationDraft] = {}
        for item, amount, received, place in step[1]:
            when = BASE + dt.timedelta(days=received)
            draft = drafts.setdefault(when, DonationDraft(received_on=when, lines=[]))
            draft.lines.append(_line(items[item], amount, places[place]))
        for saved in record_donations(
            session, list(drafts.values()), helpers.admin_id(session), today=BASE.replace(year=2027)
        ):
            lots.extend(session.scalars(select(Lot.id).where(Lot.code.in_(saved.lot_codes)).order_by(Lot.id)))
        return
    if step[0] == "in":
        saved = helpers.donate(session, _line(items[step[1]], step[2]), on=on)
        lots.append(session.scalars(select(Lot.id).where(Lot.code == saved.lot_codes[0])).one())
        return
    lot_id = lots[step[1] % len(lots)]
    if step[0] == "move":
        changes = [
            ledger.Change(lot_id, places[0], -step[2], "transfer"),
            ledger.Change(lot_id, places[1], step[2], "transfer"),
        ]
    elif step[4] == "distribution":
        changes = [ledger.Change(lot_id, places[0], -step[2], "distribution")]
    else:
        changes = [ledger.Change(lot_id, places[0], -step[2], "adjustment", reason=step[4])]
    ledger.post(session, changes, business_date=on, user_id=None)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=steps, cuts=cuts)
def test_the_month_summaries_equal_the_movements_whatever_order_the_dates_come_in(
    template: Path, tmp_path_factory: pytest.TempPathFactory, steps, cuts
) -> None:
    path = tmp_path_factory.mktemp("history") / "p.sqlite"
    path.write_bytes(template.read_bytes())
    database = open_database(path)
    try:
        with database.session() as session:
            items = [helpers.beans(session), helpers.milk(session), helpers.produce(session)]
            places = (catalog.location_named(session, "Main").id, catalog.location_named(session, "Back room").id)
        lots: list[int] = []
        for step in steps:  # each in its own transaction, dated anywhere in the five months: most are back-dated
            if step[0] != "in" and not lots:
                continue
            try:
                with database.session() as session:
                    _apply(session, items, places, lots, step)
            except UserError:
                continue  # more than the lot holds: nothing was written
        with database.session() as session:
            movements = _movements(session)
            assert _kept_months(session) == _expected_months(movements)
            report = verify(session)
            assert report.ok, report.problems
            assert "Ledger = month summaries: ok" in report.checks
            for first, last in cuts:
                start, end = BASE + dt.timedelta(days=first), BASE + dt.timedelta(days=last)
                # stock as of a date (a month's end plus part of a month) = every movement up to it
                as_of = {key: values for key, values in stock.item_totals_as_of(session, end).items() if any(values)}
                assert as_of == _stock_from_movements(movements, end)
                # a period's flows (whole months from the summary, the edges from the movements) = its movements
                period = Period(start, end)
                flows = {key: tuple(values) for key, values in sums.flow_sums(session, period, by_month=True).items()}
                assert flows == {key: tuple(values) for key, values in _flows_from_movements(movements, period).items()}
    finally:
        database.dispose()


def test_the_plan_reads_whole_months_from_the_summary_and_the_fewer_days_from_the_movements() -> None:
    plan = sums._plan(Period(dt.date(2025, 11, 26), dt.date(2026, 11, 25)))
    assert plan == (
        ("2025-12", "2026-11"),
        [
            (Period(dt.date(2025, 11, 26), dt.date(2025, 11, 30)), 1),
            (Period(dt.date(2026, 11, 26), dt.date(2026, 11, 30)), -1),
        ],
    )
    assert sums._plan(Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))) == (("2026-03", "2026-03"), [])
    assert sums._plan(Period(dt.date(2026, 3, 10), dt.date(2026, 3, 12))) == (
        None,
        [(Period(dt.date(2026, 3, 10), dt.date(2026, 3, 12)), 1)],
    )
    assert sums._plan(Period(dt.date(2026, 3, 2), dt.date(2026, 3, 30))) == (
        ("2026-03", "2026-03"),
        [
            (Period(dt.date(2026, 3, 1), dt.date(2026, 3, 1)), -1),
            (Period(dt.date(2026, 3, 31), dt.date(2026, 3, 31)), -1),
        ],
    )


def _history(database) -> None:
    """Beans and milk over three months, a back-dated loss and a transfer among them."""
    with database.session() as session:
        beans, milk = helpers.beans(session), helpers.milk(session)
        back_room, _ = catalog.save_location(session, "Back room", "dry", None)
        main = catalog.location_named(session, "Main").id
        saved = helpers.donate(session, IntakeLine(beans.id, quantity=40), on=dt.date(2026, 1, 5))
        helpers.donate(session, IntakeLine(milk.id, quantity=12), on=dt.date(2026, 2, 7))
        lot_id = session.scalars(select(Lot.id).where(Lot.code == saved.lot_codes[0])).one()
        ledger.post(
            session, [ledger.Change(lot_id, main, -5, "distribution")], business_date=dt.date(2026, 3, 2), user_id=None
        )
        ledger.post(
            session,
            [ledger.Change(lot_id, main, -3, "adjustment", reason="spoiled")],
            business_date=dt.date(2026, 1, 20),  # back-dated into the first month
            user_id=None,
        )
        ledger.post(
            session,
            [ledger.Change(lot_id, main, -4, "transfer"), ledger.Change(lot_id, back_room.id, 4, "transfer")],
            business_date=dt.date(2026, 2, 10),
            user_id=None,
        )


def test_verify_names_a_summary_row_that_disagrees_with_the_movements(database) -> None:
    _history(database)
    with database.session() as session:
        assert verify(session).ok
    with database.engine.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE ledger_month SET grams = grams + 1 WHERE kind = 'distribution' AND month = '2026-03'"
        )
    with database.session() as session:
        report = verify(session)
    assert not report.ok
    (problem,) = [line for line in report.problems if line.startswith("ledger_month")]
    assert "2026-03" in problem and "distribution" in problem and "movements say (-5, -2400, " in problem

    with database.engine.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE ledger_month SET grams = grams - 1 WHERE kind = 'distribution' AND month = '2026-03'"
        )
        connection.exec_driver_sql("UPDATE stock_month SET quantity = quantity + 2 WHERE month = '2026-02'")
    with database.session() as session:
        report = verify(session)
    assert [line for line in report.problems if line.startswith("ledger_month")] == []
    problems = [line for line in report.problems if line.startswith("stock_month")]
    assert len(problems) == 2  # beans and milk at the end of February
    assert all("2026-02" in line for line in problems)

    with database.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE stock_month SET quantity = quantity - 2 WHERE month = '2026-02'")
        connection.exec_driver_sql("DELETE FROM stock_month WHERE month = '2026-01'")
    with database.session() as session:
        report = verify(session)
    (problem,) = report.problems
    assert "stock_month" in problem and "2026-01" in problem and "summary says nothing" in problem


def test_migration_0007_builds_the_summaries_of_a_database_that_had_movements(tmp_path: Path) -> None:
    path = tmp_path / "pantry.sqlite"
    database = open_database(path)
    _history(database)
    with database.session() as session:
        kept = _kept_months(session)
        assert kept == _expected_months(_movements(session))
        assert len(kept[0]) == 5 and len(kept[1]) == 4
    database.dispose()
    engine = create_engine(f"sqlite:///{path}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")  # as the database was before the summaries: movements only
    engine.dispose()

    database = open_database(path)  # migrates to 0007, filling the summaries
    try:
        assert current_revision(database.engine) == head_revision()
        with database.session() as session:
            assert _kept_months(session) == kept
            report = verify(session)
            assert report.ok, report.problems
    finally:
        database.dispose()
