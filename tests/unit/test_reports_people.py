"""Distributions and people served, through real pickups: households by age band, an agency, a return, goods out
recorded without an order, and the monthly agency report's unduplicated counts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pantry.cli import main
from pantry.documents.report_csv import report_csv
from pantry.services import agencies, handover, households, pickups, templates, visits
from pantry.services.reports import rollforward
from pantry.services.reports.distributions import distributions_report
from pantry.services.reports.monthly import band_groups, monthly_report
from pantry.services.reports.period import Period
from pantry.services.reports.rows import Amount
from tests.unit.test_reports_data import give, read_csv, receive, world

QUARTER = Period(dt.date(2025, 1, 1), dt.date(2025, 3, 31))
JAN, FEB, MAR = dt.date(2025, 1, 11), dt.date(2025, 2, 8), dt.date(2025, 3, 8)


def _household(session, name: str, **members: int) -> str:  # type: ignore[no-untyped-def]
    spec = households.HouseholdSpec(name=name, members=members)
    return households.register_household(session, spec, None, today=dt.date(2024, 12, 1)).household.code


def _visit(session, day: dt.date, household: str | None = None, agency: str | None = None) -> str:  # type: ignore[no-untyped-def]
    planned = pickups.plan(session, day, "Beans", None, household=household, agency=agency)
    handover.complete(session, planned.code, None, day=day)
    return planned.code


def _history(database) -> dict[str, str]:  # type: ignore[no-untyped-def]
    with database.session() as session:
        w = world(session)
        stocked = receive(session, w.beans, 200, dt.date(2024, 12, 20), w.jane)
        templates.save_template(session, "Beans", [templates.LineSpec(w.beans, None, per_household=2)], None)
        visits.set_visit_limit(session, mode="off")
        agencies.save_agency(session, "Riverside Shelter", None, people=30)
        ann = _household(session, "Ann", adults=2, children=2)  # 4 people
        bo = _household(session, "Bo", seniors=1)
        cy = households.register_household(session, households.HouseholdSpec(name="Cy", size=3), None).household.code
        _visit(session, dt.date(2024, 12, 28), household=bo)  # Bo came before the period: not new in it
        _visit(session, JAN, household=ann)
        _visit(session, JAN + dt.timedelta(days=7), household=ann)  # twice in January: once in its households
        _visit(session, JAN, household=bo)
        shelter = _visit(session, FEB, agency="Riverside Shelter")  # 2 + 0 per person: an agency order
        _visit(session, MAR, household=ann)
        cy_order = _visit(session, MAR, household=cy)  # ages not recorded
        handover.return_goods(session, cy_order, {w.beans: 1}, None, day=MAR)
        give(session, stocked, 5, dt.date(2025, 3, 20))  # goods out without an order
    return {"ann": ann, "bo": bo, "cy": cy, "shelter": shelter}


def test_the_monthly_agency_report_counts_people_once_a_month_and_once_in_total(database) -> None:
    _history(database)
    with database.session() as session:
        report = monthly_report(session, QUARTER, generated_by="admin")
        distributed = rollforward.rollforward(session, QUARTER).total.distributed
    text = report_csv(report)
    assert text.splitlines() == [
        "month,days_open,visits,households,new_households,individuals,children,adults,seniors,weight_kg",
        "2025-01,2,3,2,1,5,2,2,1,2.880",  # Ann twice and Bo once; Ann is new, Bo came in December
        "2025-02,1,0,0,0,0,0,0,0,0.960",  # the shelter is not a household visit
        "2025-03,2,2,2,1,7,2,2,0,3.840",  # Ann and Cy (3 people of unrecorded age); a return; goods out on the 20th
        "TOTAL,5,5,3,2,8,2,2,1,7.680",
    ]
    assert report.primary.total.band("unknown") == 3
    assert distributed.grams == 7_680


def test_distributions_by_month_recipient_and_category(database) -> None:
    _history(database)
    with database.session() as session:
        report = distributions_report(session, QUARTER, generated_by="admin")
        distributed = rollforward.rollforward_report(session, QUARTER, generated_by="admin")
    rows = read_csv(report_csv(report))
    assert [(row["month"], row["recipient_kind"], row["visits"], row["quantity"]) for row in rows] == [
        ("2025-01", "household", "3", "6"),
        ("2025-02", "agency", "1", "2"),
        ("2025-03", "household", "2", "3"),  # 4 given, 1 returned
        ("2025-03", "other", "0", "5"),
        ("TOTAL", "", "6", "16"),
    ]
    assert report.balanced and report.primary.total.amount == distributed.primary.total.distributed
    sections = {section.key: section for section in report.sections}
    assert [(row.name, row.visits, row.amount.pieces) for row in sections["agencies"].rows] == [
        ("Riverside Shelter", 1, 2)
    ]
    assert sections["by_month"].total.households == 3
    recipients = {row.part: row.amount for row in distributed.sections[2].rows}
    assert recipients == {
        "household": Amount(9, 9 * 480, 9 * 129),
        "agency": Amount(2, 2 * 480, 2 * 129),
        "other": Amount(5, 5 * 480, 5 * 129),
    }


def test_age_bands_follow_the_pantrys_settings(database) -> None:
    with database.session() as session:
        households.save_age_band(session, "seniors", "Seniors", "65+")
        households.save_age_band(session, "adults", "Adults", "18-64")
        households.save_age_band(session, "children", "Children", "3-17")
        households.save_age_band(session, "infants", "Infants", "0-2")
        groups, ages = band_groups(session)
    assert groups == {"children": "children", "adults": "adults", "seniors": "seniors", "infants": "children"}
    assert ages == {"children": "0-17", "adults": "18-64", "seniors": "65+"}


def test_pantry_report_monthly_and_distributions(database, db_path: Path, tmp_path: Path, capsys) -> None:
    _history(database)
    for name in ("monthly", "distributions"):
        for output_format in ("csv", "xlsx", "pdf"):
            out = tmp_path / f"{name}.{output_format}"
            args = ["--db", str(db_path), "report", name, "--from", "2025-01-01", "--to", "2025-03-31", "-o", str(out)]
            assert main(args) == 0, capsys.readouterr().err
    assert (
        (tmp_path / "distributions.csv")
        .read_text(encoding="utf-8")
        .startswith("month,recipient_kind,category,visits,quantity,weight_kg,value\n")
    )
