"""Forgetting a household: personal details go (here and in the audit trail), counts and visits stay, and every
report gives the same numbers as before; the retention rule forgets households not seen in N years."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select, text

from pantry.cli import main
from pantry.db import Database
from pantry.documents.report_csv import section_csv
from pantry.errors import UserError
from pantry.models import Household
from pantry.services import handover, households, pickups, signin, templates, visits
from pantry.services import reports as report_service
from pantry.services.reports.period import Period
from tests import helpers
from tests.unit.test_pickups import TODAY, build_pantry

PERSONAL = ("Ann Example", "555 0100", "97211", "Bob Proxy", "needs a ramp", "no gluten please", "Portuguese", "SNAP")
MONTH = Period(TODAY.replace(day=1), TODAY)


@pytest.fixture
def served(database: Database) -> dict[str, str]:
    """Three households, two with a pickup this month (one counted by age band), one never seen since long ago."""
    with database.session() as session:
        ids = build_pantry(session)
        admin = helpers.admin_id(session)
        templates.save_template(session, "Jam", [templates.LineSpec(ids["JAM"], None, per_household=1)], admin)
        visits.set_visit_limit(session, mode="off")
        spec = households.HouseholdSpec(
            name="Ann Example",
            members={"adults": 2, "children": 1},
            phone="555 0100",
            postcode="97211",
            language="Portuguese",
            dietary=("gluten_free",),
            dietary_note="no gluten please",
            proxy="Bob Proxy",
            notes="needs a ramp",
            eligibility_declared_on=TODAY,
            eligibility_basis="SNAP",
            consent=True,
        )
        ann = households.register_household(session, spec, admin).household.code
        bo = households.register_household(session, households.HouseholdSpec(name="Bo", size=1), admin).household.code
        old = households.register_household(
            session, households.HouseholdSpec(name="Old Timer", size=4), admin, today=TODAY - dt.timedelta(days=4 * 366)
        ).household.code
        for code in (ann, bo):
            planned = pickups.plan(session, TODAY, "Jam", admin, household=code)
            handover.complete(session, planned.code, admin, day=TODAY)
    return {"ann": ann, "bo": bo, "old": old}


def _reports(database: Database) -> list[list[str]]:
    with database.session() as session:
        return [
            [section_csv(section) for section in report_service.build(session, kind, period=MONTH).sections]
            for kind in ("monthly", "distributions", "rollforward", "donations")
        ]


def test_forgetting_keeps_every_report_the_same(database: Database, served: dict[str, str]) -> None:
    before = _reports(database)
    with database.session() as session:
        done = households.forget(session, served["ann"], helpers.admin_id(session))
    assert done.codes == (served["ann"],)
    assert _reports(database) == before


def test_forgetting_removes_personal_details_and_keeps_counts_and_visits(
    database: Database, served: dict[str, str]
) -> None:
    with database.session() as session:
        visits_before = len(visits.visits_of(session, households.household_by_code(session, served["ann"]).id))
        households.forget(session, served["ann"], helpers.admin_id(session))
    with database.session() as session:
        details = households.details(session, served["ann"])
        assert (details.code, details.size, details.members_text) == (served["ann"], 3, "1 Children, 2 Adults")
        assert details.dietary == ("gluten_free",) and details.eligibility_declared_on == TODAY
        assert (details.name, details.first_name, details.phone, details.postcode, details.proxy) == ("",) * 5
        assert (details.notes, details.dietary_note, details.language, details.eligibility_basis) == ("",) * 4
        assert not details.consent
        assert len(visits.visits_of(session, details.id)) == visits_before == 1
        assert households.forget(session, served["ann"], None).already == (served["ann"],)


def test_forgetting_scrubs_the_audit_trail_too(database: Database, served: dict[str, str]) -> None:
    def trail() -> str:
        with database.engine.connect() as connection:
            rows = connection.execute(text("SELECT what, before, after FROM audit_entry")).all()
        return "\n".join(" ".join(row) for row in rows)

    assert all(detail in trail() for detail in PERSONAL)
    with database.session() as session:
        households.forget(session, served["ann"], helpers.admin_id(session))
    assert not [detail for detail in PERSONAL if detail in trail()]
    assert "Bo" in trail()  # other households keep their history


def test_the_retention_rule_forgets_households_not_seen_in_n_years(database: Database, served: dict[str, str]) -> None:
    with database.session() as session:
        admin = helpers.admin_id(session)
        with pytest.raises(UserError, match="no retention period is set"):
            households.forget_inactive(session, None, admin)
        signin.set_people_settings(session, {"retention_years": 3}, admin)
        assert [row.code for row in households.not_seen_in(session, 3)] == [served["old"]]
        done = households.forget_inactive(session, None, admin)
        assert done.codes == (served["old"],)
        assert households.forget_inactive(session, 3, admin).codes == ()
        names = dict(session.execute(select(Household.code, Household.name)).all())
    assert (names[served["old"]], names[served["ann"]], names[served["bo"]]) == ("", "Ann Example", "Bo")


def test_pantry_households_forget(database: Database, served: dict[str, str], db_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    database.dispose()

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    code, out, err = run("households", "forget", "--not-seen-years", "3")  # stdin is not a terminal: no --yes, no
    assert (code, out) == (1, f"{served['old']}\n") and "add --yes" in err
    code, out, _ = run("households", "forget", "--not-seen-years", "3", "--yes")
    assert (code, out) == (0, f"Removed the personal details of 1 household(s): {served['old']}\n")
    assert run("households", "forget", served["ann"])[:2] == (
        0,
        f"Removed the personal details of 1 household(s): {served['ann']}\n",
    )
    assert "Ann Example" not in run("households", "show", served["ann"])[1]
    assert run("households", "forget")[0] == 1
