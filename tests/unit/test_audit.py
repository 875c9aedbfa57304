"""The audit trail: every master-data write with who, when and before/after; stock operations, pickups and counts
in the same view; filters; the CSV of `pantry audit`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from pantry import audit
from pantry.cli import main
from pantry.db import Database
from pantry.models import AuditEntry
from pantry.services import catalog, households, intake, signin, stockcare, users
from tests import helpers

TODAY = dt.date.today()


@pytest.fixture
def staff(database: Database) -> dict[str, int]:
    with database.session() as session:
        admin = helpers.admin_id(session)
        return {
            "admin": admin,
            "Lee": users.add_user(session, "Lee", "shift_lead", admin).id,
            "Sam": users.add_user(session, "Sam", "volunteer", admin).id,
        }


def _entries(database: Database, **filters) -> list[audit.Entry]:  # type: ignore[no-untyped-def]
    with database.session() as session:
        return audit.entries(session, **filters)


def test_a_household_edit_carries_who_and_before_after(database: Database, staff: dict[str, int]) -> None:
    with database.session() as session:
        code = households.register_household(
            session, households.HouseholdSpec(name="Ann", size=2, phone="555 0100"), staff["Lee"]
        ).household.code
    with database.session() as session:
        households.update_household(
            session, code, households.HouseholdSpec(name="Ann", size=3, phone="555 0199"), staff["Lee"]
        )
    changes = [entry for entry in _entries(database, user="Lee") if entry.action == "household.change"]
    edit = changes[-1]
    assert (edit.user, edit.what) == ("Lee", f"household {code}")
    assert json.loads(edit.before) == {"phone": "555 0100", "size": 2}
    assert json.loads(edit.after) == {"phone": "555 0199", "size": 3}
    assert edit.at.tzinfo is not None and abs(edit.at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)


def test_master_data_adds_and_changes_are_recorded_with_the_actor(database: Database, staff: dict[str, int]) -> None:
    with database.session() as session:
        helpers.beans(session)
        catalog.save_location(session, "Cooler", "chilled", staff["admin"])
        catalog.save_item(session, catalog.ItemSpec(name="Black beans 15 oz", sku="BB15", par_level=48), staff["admin"])
        signin.set_pin(session, "Sam", "4711", staff["admin"])
    entries = _entries(database, user="admin")
    actions = [(entry.action, entry.what) for entry in entries]
    assert ("item.add", "item BB15") in actions
    assert ("code.add", "code 10041000123457") in actions
    assert ("location.add", "location Cooler") in actions
    par = next(entry for entry in entries if entry.action == "item.change" and "par_level" in entry.after)
    assert (json.loads(par.before)["par_level"], json.loads(par.after)["par_level"]) == (24, 48)
    pin = next(entry for entry in entries if entry.what == "user Sam" and entry.action == "user.change")
    assert (json.loads(pin.before), json.loads(pin.after)) == ({"pin": "none"}, {"pin": "set"})
    with database.session() as session:
        assert not any("argon2" in row.after for row in session.scalars(select(AuditEntry)))


def test_stock_operations_and_lot_events_join_the_view(database: Database, staff: dict[str, int]) -> None:
    with database.session() as session:
        beans = helpers.beans(session)
        saved = intake.record_donation(
            session, intake.DonationDraft(TODAY, [intake.IntakeLine(beans.id, quantity=12)]), staff["Sam"]
        )
        stockcare.adjust(session, saved.lot_codes[0], -2, "damaged", staff["Lee"], note="dropped")
        stockcare.recall(session, "BB15", staff["Lee"], quarantine=True)
    sam = [(entry.action, entry.user) for entry in _entries(database, user="sam")]
    assert sam == [("stock.intake", "Sam")]
    lee = [entry.action for entry in _entries(database, user="Lee")]
    assert "stock.adjustment" in lee and "lot.quarantine" in lee
    assert _entries(database, start=TODAY + dt.timedelta(days=1)) == []
    everything = _entries(database, start=TODAY, end=TODAY)
    assert [entry.at for entry in everything] == sorted(entry.at for entry in everything)


def test_an_unknown_user_filter_is_a_message(database: Database) -> None:
    from pantry.errors import UserError

    with database.session() as session, pytest.raises(UserError, match="no user named 'Nobody'"):
        audit.entries(session, user="Nobody")


def test_pantry_audit_writes_formula_safe_csv(database: Database, db_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    with database.session() as session:
        users.add_user(session, "=HYPERLINK(1)", "volunteer", helpers.admin_id(session))
        catalog.save_donor(session, catalog.DonorSpec(name="+Corner Shop"), helpers.admin_id(session))
    database.dispose()
    assert main(["--db", str(db_path), "audit", "--from", TODAY.isoformat(), "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["at", "user", "action", "what", "before", "after"]
    added = next(row for row in rows if row[2] == "user.add" and "HYPERLINK" in row[3])
    assert added[3] == "user =HYPERLINK(1)" and json.loads(added[5])["name"] == "=HYPERLINK(1)"
    assert all(not cell.startswith(("=", "+", "@")) for row in rows for cell in row)


def test_only_admins_read_the_trail_from_the_command(database: Database, db_path: Path, capsys, staff) -> None:  # type: ignore[no-untyped-def]
    database.dispose()
    assert main(["--db", str(db_path), "--user", "Lee", "audit"]) == 1
    assert capsys.readouterr().err == "Lee (shift lead) may not read the audit trail: ask an admin\n"
    assert main(["--db", str(db_path), "--user", "admin", "audit", "--user", "Lee"]) == 0
    assert capsys.readouterr().out == "Nothing recorded in that time.\n"  # Lee did nothing yet
    assert main(["--db", str(db_path), "--user", "admin", "audit", "--user", "admin"]) == 0
    assert "user Lee" in capsys.readouterr().out
