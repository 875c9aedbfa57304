"""Donations, waste, expiring and valuation reports: their rows, their totals, and that each total is the same figure
as the roll-forward's column it comes from."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pantry.documents.report_csv import report_csv
from pantry.services import catalog, intake
from pantry.services.reports import donations, expiring, rollforward, settings, valuation, waste
from pantry.services.reports.period import Period
from tests import helpers
from tests.unit.test_reports_data import give, lose, read_csv, receive, world

MARCH = Period(dt.date(2025, 3, 1), dt.date(2025, 3, 31))


def test_donations_by_donor_category_kind_and_month(database) -> None:
    with database.session() as session:
        w = world(session)
        receive(session, w.beans, 5, dt.date(2025, 2, 20), w.jane)  # Jane gave before: not a first-time donor
        helpers.donate(
            session,
            intake.IntakeLine(w.beans, quantity=10),
            intake.IntakeLine(w.milk, quantity=2),
            on=dt.date(2025, 3, 3),
            donor_id=w.jane,
        )
        receive(session, w.beans, 4, dt.date(2025, 3, 10), w.jane)
        receive(session, w.produce, 5_000, dt.date(2025, 3, 11), w.costco)
        receive(session, w.beans, 24, dt.date(2025, 3, 12), w.tefap)
        receive(session, w.milk, 1, dt.date(2025, 3, 13))  # anonymous
        report = donations.donations_report(session, MARCH, generated_by="admin")
        figures = rollforward.rollforward(session, MARCH)
    rows = read_csv(report_csv(report))
    assert [(row["donor"], row["category"], row["donations"], row["quantity"]) for row in rows] == [
        ("Anonymous", "Dairy", "1", "1"),
        ("Cash purchase - Costco run", "Uncategorised", "1", "0"),
        ("Jane Whitaker", "Canned protein", "2", "14"),
        ("Jane Whitaker", "Dairy", "1", "2"),
        ("TEFAP / USDA Commodities", "Canned protein", "1", "24"),
        ("TOTAL", "", "5", "41"),  # five donations, each once (Jane's first spans two categories)
    ]
    sections = {section.key: section for section in report.sections}
    assert report.primary.total.amount == figures.total.received
    assert report.balanced and "the same as the roll-forward's received column" in report.checks[0]
    kinds = {row.name: (row.donors, row.donations) for row in sections["by_kind"].rows}
    assert kinds == {"anonymous": (1, 1), "government": (1, 1), "individual": (1, 2), "purchase": (1, 1)}
    top = sections["top_donors"].rows  # by weight; anonymous gifts are not ranked
    assert [(row.rank, row.donor, row.amount.grams) for row in top] == [
        (1, "Jane Whitaker", 14 * 480 + 2 * 3_900),
        (2, "TEFAP / USDA Commodities", 24 * 480),
        (3, "Cash purchase - Costco run", 5_000),
    ]
    assert [row.donor for row in sections["first_time"].rows] == [
        "Cash purchase - Costco run",
        "TEFAP / USDA Commodities",
    ]
    assert [row.name for row in sections["by_month"].rows] == ["2025-03"]


def test_waste_by_month_reason_and_category_with_the_share_of_intake_lost(database) -> None:
    with database.session() as session:
        w = world(session)
        beans = receive(session, w.beans, 20, dt.date(2025, 3, 3), w.jane)
        milk = receive(session, w.milk, 10, dt.date(2025, 3, 3), w.grocer)
        lose(session, beans, 2, "damaged", dt.date(2025, 3, 4))
        lose(session, milk, 5, "spoiled", dt.date(2025, 3, 20))
        lose(session, milk, 1, "expired", dt.date(2025, 4, 2))  # after the period
        give(session, beans, 3, dt.date(2025, 3, 5))
        report = waste.waste_report(session, MARCH, generated_by="admin")
        figures = rollforward.rollforward(session, MARCH)
    text = report_csv(report)
    assert text.splitlines() == [
        "month,reason,category,quantity,weight_kg,value",
        "2025-03,Damaged,Canned protein,2,0.960,2.58",
        "2025-03,Spoiled,Dairy,5,19.500,17.45",
        "TOTAL,,,7,20.460,20.03",
    ]
    assert report.primary.total.amount == figures.total.lost
    sections = {section.key: section for section in report.sections}
    assert sections["by_category"].total.share == Decimal("0.4210")  # 20.46 kg lost of 48.6 kg received
    assert [row.reason for row in sections["by_reason"].rows] == ["Spoiled", "Damaged"]


def test_expiring_soon_and_below_par(database) -> None:
    today = dt.date.today()
    with database.session() as session:
        w = world(session)
        receive(session, w.beans, 3, today, w.jane, expires=today + dt.timedelta(days=5))  # par 24: below
        receive(session, w.milk, 2, today, w.jane, expires=today + dt.timedelta(days=2))
        receive(session, w.milk, 2, today, w.jane, expires=today + dt.timedelta(days=90))
        report = expiring.expiring_report(session, Period(today, today + dt.timedelta(days=30)), generated_by="admin")
    rows = read_csv(report_csv(report))
    assert [(row["item"], row["days_left"], row["quantity"]) for row in rows] == [
        ("Milk 1 gal", "2", "2"),
        ("Black beans 15 oz", "5", "3"),
        ("", "", "5"),
    ]
    assert rows[-1]["lot"] == "TOTAL"
    below = report.sections[1].rows
    assert [(row.sku, row.par_level, row.on_hand, row.short_by) for row in below] == [("BB15", 24, 3, 21)]


def test_valuation_settings_and_the_default_value_for_intake(database) -> None:
    with database.session() as session:
        world(session)
        rate = settings.use_feeding_america_rate(session)
        assert (rate.rate_cents, rate.per, rate.year) == (167, "lb", "2016")
        assert "$1.67 per lb (Feeding America, Product Valuation Study, 2016)" in rate.description
        assert rate.default_value_cents(45_359) == 16_700  # 100 lb
        catalog.save_item(session, catalog.ItemSpec(name="Canned soup", sku="SOUP", unit_weight_g=300), None)
        soup = catalog.item_by_reference(session, "SOUP")
        value, basis = settings.line_value_cents_with_default("each", 10, 3_000, soup.unit_value_cents, rate)
        assert (value, basis) == (1_105, "default")  # 3 kg at $1.67/lb
        assert settings.line_value_cents_with_default("each", 10, 4_800, 129, rate) == (1_290, "item")
        changed = settings.set_valuation(session, currency="cad", rate="3.68/kg", year="2024", source="Our board")
        assert (changed.currency, changed.rate_cents, changed.per, changed.symbol) == ("CAD", 368, "kg", "$")
        report = valuation.valuation_report(session, generated_by="admin")
    items = {row.sku: row.basis for row in report.sections[1].rows}
    assert items["SOUP"] == "default value (by weight)" and items["BB15"] == "item value per each"
    assert report.currency == "CAD"
