"""The roll-forward on a small history worked out by hand: every movement in exactly one column, rows that balance,
closing equal to the stock on the shelves, periods that chain, and values fixed when goods came in."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from pantry.errors import UserError
from pantry.services import catalog, history, stock, stockcare
from pantry.services.reports import rollforward as rf
from pantry.services.reports import sums
from pantry.services.reports.period import Period
from pantry.services.reports.rows import Amount
from tests import helpers
from tests.unit.test_reports_data import give, lose, move, receive, world

FEB = Period(dt.date(2025, 2, 1), dt.date(2025, 2, 28))
MARCH = Period(dt.date(2025, 3, 1), dt.date(2025, 3, 31))
APRIL = Period(dt.date(2025, 4, 1), dt.date(2025, 4, 30))


def _history(database) -> None:
    with database.session() as session:
        w = world(session)
        a = receive(session, w.beans, 40, dt.date(2025, 2, 10), w.jane)
        b = receive(session, w.produce, 10_000, dt.date(2025, 2, 12), w.costco)
    with database.session() as session:
        c = receive(session, w.beans, 24, dt.date(2025, 3, 3), w.tefap)
        d = receive(session, w.milk, 10, dt.date(2025, 3, 4), w.grocer, location_id=w.cooler)
        give(session, a, 15, dt.date(2025, 3, 5))
        lose(session, d, 2, "spoiled", dt.date(2025, 3, 6))
        stockcare.adjust(session, a, 1, "recount", helpers.admin_id(session), today=dt.date(2025, 3, 6))
        move(session, a, "Cooler", 5, dt.date(2025, 3, 7))
        give(session, b, 3_000, dt.date(2025, 3, 12))
        lose(session, c, 4, "expired", dt.date(2025, 3, 20))
        give(session, c, 5, dt.date(2025, 4, 2))  # after the period


def _row(figures: rf.RollForward, name: str) -> rf.RollRow:
    return next(row for row in figures.rows if row.name == name)


def test_every_movement_falls_in_one_column_and_rows_balance(database) -> None:
    _history(database)
    with database.session() as session:
        figures = rf.rollforward(session, MARCH)
    beans = _row(figures, "Canned protein")
    assert beans.opening == Amount(40, 19_200, 5_160)
    assert beans.received == Amount(24, 11_520, 3_096)
    assert beans.distributed == Amount(15, 7_200, 1_935)
    assert beans.lost == Amount(4, 1_920, 516)
    assert beans.corrected == Amount(1, 480, 129)  # the recount; the transfer nets to nothing
    assert beans.closing == Amount(46, 22_080, 5_934)
    milk = _row(figures, "Dairy")
    assert (milk.opening, milk.received, milk.lost, milk.closing) == (
        Amount(),
        Amount(10, 39_000, 3_490),
        Amount(2, 7_800, 698),
        Amount(8, 31_200, 2_792),
    )
    produce = _row(figures, "Uncategorised")  # weighed: no pieces, only weight and value
    assert produce.opening == Amount(0, 10_000, 3_682)
    assert produce.distributed == Amount(0, 3_000, 1_105)
    assert produce.closing == Amount(0, 7_000, 2_577)
    assert figures.transfer_movements == 2 and figures.total.transfers == Amount()
    assert figures.balanced and all(row.balances for row in figures.rows)
    total = figures.total
    for column in rf.FLOW_COLUMNS:
        assert total.measure(column) == sum((row.measure(column) for row in figures.rows), Amount())


def test_closing_is_the_stock_report_and_periods_chain(database) -> None:
    _history(database)
    with database.session() as session:
        feb, march, april = (rf.rollforward(session, period, by="item") for period in (FEB, MARCH, APRIL))
        for period, figures in ((FEB, feb), (MARCH, march), (APRIL, april)):
            on_hand = {
                row.item_id: (row.quantity, row.grams, row.value_cents)
                for row in stock.stock_by_item(session, period.end)
            }
            for item_id, row in figures.item_rows.items():
                closing = on_hand.get(item_id, (0, 0, 0))
                assert (row.closing.grams, row.closing.cents) == closing[1:]
                assert row.closing.pieces == (0 if row.weighed else closing[0])
    for before, after in ((feb, march), (march, april)):
        assert [row.closing for row in before.rows] == [row.opening for row in after.rows]
    assert april.total.distributed == Amount(5, 2_400, 645)


def test_by_item_leaves_pieces_of_weighed_items_blank(database) -> None:
    _history(database)
    with database.session() as session:
        report = rf.rollforward_report(session, MARCH, by="item", generated_by="admin")
    main = report.primary
    produce = next(row for row in main.rows if row.name == "Mixed produce")
    assert main.column("opening_qty").get(produce) is None
    assert main.column("opening_kg").get(produce) == 10_000
    beans = next(row for row in main.rows if row.name == "Black beans 15 oz")
    assert main.column("closing_qty").get(beans) == 46
    assert next(column.key for column in main.columns if column.csv) == "item"


def test_breakdowns_add_up_to_their_columns(database) -> None:
    _history(database)
    with database.session() as session:
        report = rf.rollforward_report(session, MARCH, generated_by="admin")
    sections = {section.key: section for section in report.sections}
    total = report.primary.total
    assert sections["received_by_source"].total.amount == total.received
    assert sections["distributed_by_recipient"].total.amount == total.distributed
    assert sections["lost_by_reason"].total.amount == total.lost
    month = sections["months"].rows
    assert [row.month for row in month] == ["2025-03"]
    assert (month[0].received, month[0].distributed, month[0].lost) == (total.received, total.distributed, total.lost)
    sources = {(row.name, row.part): row.amount for row in sections["received_by_source"].rows}
    assert sources == {
        ("Canned protein", "government"): Amount(24, 11_520, 3_096),
        ("Dairy", "donated"): Amount(10, 39_000, 3_490),
    }
    reasons = {(row.name, row.part): row.amount for row in sections["lost_by_reason"].rows}
    assert reasons == {
        ("Canned protein", "Expired"): Amount(4, 1_920, 516),
        ("Dairy", "Spoiled"): Amount(2, 7_800, 698),
    }
    corrections = {(row.name, row.part): row.amount for row in sections["corrections"].rows}
    assert corrections == {("Canned protein", "Recount"): Amount(1, 480, 129)}  # the transfer left nothing
    assert sections["corrections"].total.amount == total.corrected
    assert report.balanced
    assert any("Transfers between locations: 2 movement(s), net 0 pieces" in line for line in report.checks)


def test_a_price_change_after_a_donation_changes_no_report(database) -> None:
    _history(database)
    with database.session() as session:
        before = rf.rollforward_report(session, MARCH, by="item", generated_by="admin")
        catalog.save_item(session, catalog.ItemSpec(name="Black beans 15 oz", sku="BB15", unit_value_cents=999), None)
        catalog.save_item(session, catalog.ItemSpec(name="Mixed produce", sku="PRODUCE", unit_value_cents=500), None)
    with database.session() as session:
        after = rf.rollforward_report(session, MARCH, by="item", generated_by="admin")
        stock_after = {row.sku: row.value_cents for row in stock.stock_by_item(session, MARCH.end)}
    assert [section.rows for section in after.sections] == [section.rows for section in before.sections]
    assert stock_after == {"BB15": 5_934, "MILK": 2_792, "PRODUCE": 2_577}
    with database.session() as session:  # what comes in from now on takes the new value
        receive(session, catalog.item_by_reference(session, "BB15").id, 2, dt.date(2025, 4, 10))
        april = rf.rollforward(session, APRIL, by="item")
    beans = next(row for row in april.rows if row.sku == "BB15")
    assert beans.received == Amount(2, 960, 1_998)


def test_an_undone_intake_nets_out_of_received(database) -> None:
    with database.session() as session:
        w = world(session)
        receive(session, w.beans, 12, dt.date(2025, 3, 3), w.jane)
    with database.session() as session:
        history.undo_last(session, helpers.admin_id(session))
    with database.session() as session:
        report = rf.rollforward_report(session, MARCH, generated_by="admin")
    assert report.primary.total.received == Amount()
    sections = {section.key: section for section in report.sections}
    assert sections["received_by_source"].rows == []
    assert report.balanced


def test_every_category_is_listed_even_without_movements(database) -> None:
    with database.session() as session:
        world(session)
        catalog.category_named(session, "Pet food", None)
        figures = rf.rollforward(session, MARCH)
    assert [row.name for row in figures.rows] == ["Canned protein", "Dairy", "Pet food", "Uncategorised"]
    assert figures.total == rf.RollRow("TOTAL", "", False, *([Amount()] * 6))


def test_a_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(UserError, match=r"starts .* after it ends"):
        Period(dt.date(2025, 3, 31), dt.date(2025, 3, 1))


def _sorted(flows: list[sums.Flow]) -> list[sums.Flow]:
    return sorted(flows, key=repr)


def test_sums_are_the_same_with_or_without_an_index_on_kind_and_reason(database) -> None:
    """With an index that covers kind and reason the sums stream from it (no sort); without one the table is read
    once and sorted. Either way the figures are the same."""
    _history(database)
    year = Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    with database.session() as session:
        indexed = sums._kind_is_indexed(session)
        first = {by_month: _sorted(sums.flows(session, year, by_month=by_month)) for by_month in (False, True)}
        report_first = rf.rollforward_report(session, MARCH, by="item", generated_by="admin")
        if indexed:
            session.execute(text("DROP INDEX ix_movement_date_item_kind"))
        else:
            session.execute(
                text(
                    "CREATE INDEX ix_movement_date_item_kind ON movement "
                    "(business_date, item_id, kind, reason, quantity, grams, value_cents)"
                )
            )
    with database.session() as session:
        assert sums._kind_is_indexed(session) is not indexed
        second = {by_month: _sorted(sums.flows(session, year, by_month=by_month)) for by_month in (False, True)}
        report_second = rf.rollforward_report(session, MARCH, by="item", generated_by="admin")
    assert second == first
    assert {flow.month for flow in first[True]} == {"2025-02", "2025-03", "2025-04"}
    assert [section.rows for section in report_second.sections] == [section.rows for section in report_first.sections]
