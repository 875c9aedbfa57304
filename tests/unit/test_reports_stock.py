"""Stock on hand as of a date: by item, category, location and storage, all adding up to the same stock, with what
expires within 30 days flagged."""

from __future__ import annotations

import datetime as dt

import pytest

from pantry.documents.report_csv import report_csv
from pantry.errors import UserError
from pantry.services import stock
from pantry.services.reports.rows import Amount
from pantry.services.reports.stock_on_hand import stock_report
from tests.unit.test_reports_data import give, move, read_csv, receive, world

AS_OF = dt.date(2025, 3, 31)


def _stock(database) -> None:
    with database.session() as session:
        w = world(session)
        beans = receive(session, w.beans, 30, dt.date(2025, 3, 1), w.jane, expires=dt.date(2025, 4, 20))
        receive(session, w.beans, 6, dt.date(2025, 3, 2), w.jane, expires=dt.date(2026, 1, 1))
        receive(session, w.milk, 4, dt.date(2025, 3, 3), w.grocer, location_id=w.cooler, expires=dt.date(2025, 3, 29))
        receive(session, w.produce, 2_000, dt.date(2025, 3, 4), w.costco)
        move(session, beans, "Cooler", 10, dt.date(2025, 3, 5))
        give(session, beans, 5, dt.date(2025, 4, 2))  # after the date


def test_by_item_is_the_stock_as_of_the_date(database) -> None:
    _stock(database)
    with database.session() as session:
        report = stock_report(session, AS_OF, by="item", generated_by="admin")
        on_hand = stock.stock_by_item(session, AS_OF)
    text = report_csv(report)
    assert text.splitlines()[0] == "sku,item,category,unit,quantity,weight_kg,value"
    rows = read_csv(text)
    assert rows[:-1] == [
        {
            "sku": row.sku,
            "item": row.item,
            "category": row.category,
            "unit": row.unit,
            "quantity": "2.000" if row.unit == "kg" else ("4.409" if row.unit == "lb" else str(row.quantity)),
            "weight_kg": f"{row.grams / 1000:.3f}",
            "value": f"{row.value_cents / 100:.2f}",
        }
        for row in on_hand
    ]
    assert rows[-1] == {
        "sku": "TOTAL",
        "item": "",
        "category": "",
        "unit": "",
        "quantity": "40",  # pieces only: the produce is in weight
        "weight_kg": f"{(36 * 480 + 4 * 3_900 + 2_000) / 1000:.3f}",
        "value": f"{(36 * 129 + 4 * 349 + 736) / 100:.2f}",
    }
    beans = next(row for row in report.primary.rows if row.sku == "BB15")
    assert beans.expiring == 30 and beans.earliest_expiry == dt.date(2025, 4, 20)  # 20 days after the date


def test_by_category_location_and_storage_add_up_to_the_same_stock(database) -> None:
    _stock(database)
    with database.session() as session:
        by_location = stock_report(session, AS_OF, by="location", generated_by="admin")
        by_category = stock_report(session, AS_OF, by="category", generated_by="admin")
    sections = {section.key: section for section in by_location.sections}
    total = sections["by_location"].total.amount
    assert total == sections["by_category"].total.amount == sections["by_storage"].total.amount
    assert {row.name: row.amount for row in sections["by_location"].rows} == {
        "Cooler": Amount(14, 10 * 480 + 4 * 3_900, 10 * 129 + 4 * 349),
        "Main": Amount(26, 26 * 480 + 2_000, 26 * 129 + 736),
    }
    assert by_location.balanced
    assert report_csv(by_location).splitlines()[0] == "location,quantity,weight_kg,value"
    assert report_csv(by_category).splitlines()[0] == "category,quantity,weight_kg,value"
    expiring = sections["expiring"]
    assert [(row.item, row.location, row.days_left) for row in expiring.rows] == [
        ("Mixed produce", "Main", -20),  # a 7-day shelf life from 2025-03-04: past its date, still on the shelf
        ("Milk 1 gal", "Cooler", -2),
        ("Black beans 15 oz", "Cooler", 20),
        ("Black beans 15 oz", "Main", 20),
    ]


def test_a_past_date_takes_later_movements_off(database) -> None:
    _stock(database)
    with database.session() as session:
        early = stock_report(session, dt.date(2025, 3, 2), by="location", generated_by="admin")
        before = stock_report(session, dt.date(2025, 2, 1), generated_by="admin")
    assert early.primary.total.amount == Amount(36, 36 * 480, 36 * 129)
    assert before.primary.rows == [] and before.primary.total.amount == Amount()


def test_an_unknown_grouping_is_refused(database) -> None:
    with database.session() as session, pytest.raises(UserError, match="by: 'shelf'"):
        stock_report(session, AS_OF, by="shelf")
